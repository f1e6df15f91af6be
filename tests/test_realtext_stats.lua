-- Statistics in real text: results paragraphs of the development corpus
-- (../shared/corpus/pmc-dev), whole documents parsed, only the labelled paragraphs
-- scored against tests/realtext/stats.lua (our own reading, data only).  Recall counts
-- a statistic as found when kind, measure, value, SD, SE, interval and p are as stated;
-- precision, the share of reported statistics that match one; and of the reported
-- statistics with an interval, the share whose value and bounds are right.
local t = require "harness"
local tc = require "trialcite"

local CORPUS = os.getenv("TRIALCITE_CORPUS") or (t.seeds_dir .. "/../corpus/pmc-dev")
local MIN_RECALL, MIN_INTERVAL = 0.97, 0.99
local KIND = { est = "estimate", mea = "mean", pro = "proportion", p = "p", cou = "count" }

local function here()
  local src = debug.getinfo(1, "S").source:sub(2)
  return src:match("^(.*)/[^/]*$") or "."
end

local function same(a, b)
  if a == nil or b == nil then return a == b end
  return math.abs(a - b) <= 1e-9 * math.max(1, math.abs(a))
end

local function ci_same(s, e)
  if not e.ci then return s.ci == nil end
  return s.ci ~= nil and same(s.ci.low, e.ci[1]) and same(s.ci.high, e.ci[2])
end

local function matches(s, e)
  return s.kind == KIND[e[1]] and s.measure == e[2] and same(s.value, e[3])
    and same(s.sd, e.sd) and same(s.se, e.se) and ci_same(s, e)
    and ((e.p == nil and s.p == nil)
         or (e.p ~= nil and s.p ~= nil and s.p.op == e.p[1] and same(s.p.value, e.p[2])))
end

local function show(x)
  local parts = { x.kind or KIND[x[1]], tostring(x.measure or x[2]), tostring(x.value or x[3]) }
  local sd, se, ci, p = x.sd, x.se, x.ci, x.p
  if sd then parts[#parts + 1] = "sd " .. sd end
  if se then parts[#parts + 1] = "se " .. se end
  if ci then parts[#parts + 1] = ("ci %s..%s"):format(ci.low or ci[1], ci.high or ci[2]) end
  if p then parts[#parts + 1] = ("p %s%s"):format(p.op or p[1], p.value or p[2]) end
  return table.concat(parts, " ")
end

-- Byte range [a, b] of a paragraph (one line), narrowed by from/to (1-based in the line).
local function paragraph(text, line, from, to)
  local pos = 1
  for _ = 2, line do pos = assert(text:find("\n", pos, true), "line past the end") + 1 end
  local stop = (text:find("\n", pos, true) or #text + 1) - 1
  local a, b = pos, stop
  if from then a = pos + from - 1 end
  if to then b = math.min(stop, pos + to - 1) end
  return a, b
end

-- Scores every labelled paragraph; returns the figures and the misses as text lines.
local function score(cases)
  local docs, texts = {}, {}
  local n_exp, found, n_rep, right, n_ci, ci_right = 0, 0, 0, 0, 0, 0
  local misses = {}
  for _, c in ipairs(cases) do
    if not docs[c.file] then
      texts[c.file] = t.read(CORPUS .. "/" .. c.file)
      docs[c.file] = tc.parse(texts[c.file], { lang = "en" })
    end
    local text = texts[c.file]
    local a, b = paragraph(text, c.line, c.from, c.to)
    local rep = {}
    for _, s in ipairs(docs[c.file]:statistics()) do
      if s.spans.value.start >= a and s.spans.value.start <= b then rep[#rep + 1] = s end
    end
    local used = {}
    for _, e in ipairs(c) do
      n_exp = n_exp + 1
      local hit
      for i, s in ipairs(rep) do
        if not used[i] and matches(s, e) then hit = i; break end
      end
      if hit then used[hit] = true; found = found + 1
      else misses[#misses + 1] = ("%s:%d missed   %s"):format(c.file, c.line, show(e)) end
    end
    for i, s in ipairs(rep) do
      n_rep = n_rep + 1
      if used[i] then right = right + 1
      else misses[#misses + 1] = ("%s:%d extra    %s   [%s]"):format(c.file, c.line, show(s), s.text:gsub("%s+", " ")) end
      if s.ci then
        n_ci = n_ci + 1
        for _, e in ipairs(c) do
          if e.ci and same(s.value, e[3]) and ci_same(s, e) then ci_right = ci_right + 1; break end
        end
      end
    end
  end
  return { recall = found / n_exp, precision = right / math.max(n_rep, 1), n = n_exp,
           interval = ci_right / math.max(n_ci, 1), n_ci = n_ci, paragraphs = #cases }, misses
end

t.test("the labelled set is large and well formed", function()
  local cases = dofile(here() .. "/realtext/stats.lua")
  local n, seen = 0, {}
  for _, c in ipairs(cases) do
    t.ok(type(c.file) == "string" and math.type(c.line) == "integer", "file and line")
    local key = c.file .. ":" .. c.line
    t.ok(not seen[key], "one entry per paragraph: " .. key)
    seen[key] = true
    for _, e in ipairs(c) do
      t.ok(KIND[e[1]] and type(e[3]) == "number", key .. ": kind and value")
      if e.ci then t.ok(#e.ci == 2, key .. ": ci has two bounds") end
      n = n + 1
    end
  end
  t.ok(#cases >= 40, "at least 40 paragraphs, got " .. #cases)
  t.ok(n >= 400, "at least 400 statistics, got " .. n)
end)

t.test("recall, precision and interval values on the development corpus", function()
  local f = io.open(CORPUS .. "/PMC3488187.txt", "rb")
  if not f then t.skip("corpus not found in " .. CORPUS) end
  f:close()
  local r, misses = score(dofile(here() .. "/realtext/stats.lua"))
  print(("real text: statistics P %.3f R %.3f (n=%d, %d paragraphs); with interval %.3f right (n=%d)")
    :format(r.precision, r.recall, r.n, r.paragraphs, r.interval, r.n_ci))
  if os.getenv("REALTEXT_VERBOSE") then for _, m in ipairs(misses) do print("  " .. m) end end
  t.ok(r.recall >= MIN_RECALL, ("recall %.3f below %.2f (REALTEXT_VERBOSE=1 lists the misses)"):format(r.recall, MIN_RECALL))
  t.ok(r.interval >= MIN_INTERVAL, ("intervals right %.3f below %.2f"):format(r.interval, MIN_INTERVAL))
end)
