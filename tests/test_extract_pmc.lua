-- tc.extract_trial on PMC trial abstracts (../shared/corpus/pmc-dev, read at run time;
-- skipped visibly when absent) against facts written from a reading of each abstract
-- (tests/realtext/trials.lua).  Prints precision and recall per field.
--   randomized: exact where stated; nothing where none is stated (a sum of the stated
--     arm sizes marked randomized_derived is allowed);
--   arms: the stated sizes, in order; primary: the primary outcome's estimate with its
--     interval; follow_up: its number; registration: the identifier.
local t = require "harness"
local tc = require "trialcite"
local ev = require "extract_eval"

local CORPUS = (os.getenv("TRIALCITE_SEEDS") or "../shared/seeds"):gsub("seeds/?$", "") .. "corpus/pmc-dev"
local FACTS = dofile((debug.getinfo(1, "S").source:sub(2):match("^(.*)/[^/]*$") or ".") .. "/realtext/trials.lua")

-- The abstract: the text before the first line that starts the body.
local function abstract(text)
  local b = text:find("\n%s*BODY[%.:]")
  return b and text:sub(1, b) or text
end

local function read(name)
  local f = io.open(CORPUS .. "/" .. name, "rb")
  if not f then return nil end
  local s = f:read("a"); f:close()
  return s
end

local function same_list(a, b)
  if #a ~= #b then return false end
  for i = 1, #a do if a[i] ~= b[i] then return false end end
  return true
end

local function primary_of(rec)
  for _, r in ipairs(rec.results or {}) do
    if r.role == "primary" and r.ci then return { r.value, r.ci.low, r.ci.high } end
  end
  return nil
end

-- What the record says for each field (nil when it says nothing; derived totals apart).
local function got_fields(rec)
  local p = rec.population or {}
  local arms
  for _, a in ipairs(rec.arms or {}) do
    if a.n then arms = arms or {}; arms[#arms + 1] = a.n end
  end
  return {
    randomized = not p.randomized_derived and p.randomized or nil,
    derived = p.randomized_derived and p.randomized or nil,
    arms = arms,
    primary = primary_of(rec),
    follow_up = rec.design and rec.design.follow_up and rec.design.follow_up.value or nil,
    registration = rec.registration,
  }
end

local FIELDS = { "randomized", "arms", "primary", "follow_up", "registration" }

local function equal(field, want, got)
  if field == "arms" or field == "primary" then return same_list(want, got) end
  return want == got
end

local score
local function evaluate()
  if score then return score end
  local first = read(FACTS[1].file)
  if not first then t.skip("PMC corpus not found in " .. CORPUS) end
  score = { docs = 0, wrong = {} }
  for _, f in ipairs(FIELDS) do score[f] = { stated = 0, tp = 0, fp = 0, none_ok = 0, none = 0 } end
  -- TRIALCITE_EXTRACT_FROM=K scores only the facts from the K-th on (e.g. a later batch).
  local from = tonumber(os.getenv("TRIALCITE_EXTRACT_FROM") or "") or 1
  for i, fact in ipairs(FACTS) do
    if i < from then goto continue end
    local text = read(fact.file)
    t.ok(text, fact.file .. " in the corpus")
    local a = abstract(text)
    local rec = tc.extract_trial(tc.parse(a, { lang = "en", id = fact.file }))
    score.docs = score.docs + 1
    local covered = ev.check_evidence(a, rec, fact.file)
    ev.check_all_numbers_traced(rec, covered, fact.file)
    local got = got_fields(rec)
    for _, f in ipairs(FIELDS) do
      local want, g, s = fact[f], got[f], score[f]
      if want == nil then                             -- not scored
      elseif want == false then
        s.none = s.none + 1
        if g == nil then s.none_ok = s.none_ok + 1
        else s.fp = s.fp + 1; score.wrong[#score.wrong + 1] = fact.file .. " " .. f .. ": " .. t.show(g) .. " (none stated)" end
        if f == "randomized" and got.derived and not (fact.arms and #fact.arms > 0) then
          score.wrong[#score.wrong + 1] = fact.file .. " derived total without stated arms"
        end
      else
        s.stated = s.stated + 1
        if g ~= nil and equal(f, want, g) then s.tp = s.tp + 1
        elseif g ~= nil then s.fp = s.fp + 1; score.wrong[#score.wrong + 1] = fact.file .. " " .. f .. ": " .. t.show(g) .. " (stated " .. t.show(want) .. ")"
        else score.wrong[#score.wrong + 1] = fact.file .. " " .. f .. ": missed " .. t.show(want) end
      end
    end
    ::continue::
  end
  print(string.format("        extract pmc-dev: %d abstracts", score.docs))
  for _, f in ipairs(FIELDS) do
    local s = score[f]
    local p = (s.tp + s.fp) > 0 and s.tp / (s.tp + s.fp) or 1
    local r = s.stated > 0 and s.tp / s.stated or 1
    print(string.format("        %-13s precision %5.1f%% recall %5.1f%% (%d/%d stated exact, %d wrong, nothing reported for %d/%d unstated)",
      f, 100 * p, 100 * r, s.tp, s.stated, s.fp, s.none_ok, s.none))
  end
  if os.getenv("TRIALCITE_EXTRACT_VERBOSE") then
    for _, w in ipairs(score.wrong) do print("          " .. w) end
  end
  return score
end

t.test("pmc-dev: every number traced to the abstract, records valid", function()
  local text = read(FACTS[1].file)
  if not text then t.skip("PMC corpus not found in " .. CORPUS) end
  for _, fact in ipairs(FACTS) do
    local a = abstract(read(fact.file))
    ev.check_schema(tc.extract_trial(tc.parse(a, { lang = "en" })), fact.file)
  end
  t.ok(#FACTS >= 30, "at least 30 abstracts read")
end)

t.test("pmc-dev: randomised total exact where stated, nothing where none is stated", function()
  local s = evaluate().randomized
  t.ok(s.fp == 0, "no wrong randomised total (" .. s.fp .. ")")
  t.ok(s.tp >= 0.9 * s.stated, string.format("recall %d/%d", s.tp, s.stated))
end)

t.test("pmc-dev: arm sizes, primary estimate, registration", function()
  local sc = evaluate()
  t.eq(sc.arms.fp, 0, "wrong arm sizes")
  t.eq(sc.primary.fp, 0, "wrong primary estimates")
  t.eq(sc.registration.fp, 0, "wrong registrations")
  t.eq(sc.follow_up.fp, 0, "wrong follow-up")
  t.ok(sc.registration.tp >= 0.9 * sc.registration.stated, "registration recall")
end)
