-- A statistic's `spans`, `section`, `section_kind` and `text` are built when first read
-- (lua_doc.c): they must equal what doc:to_json() writes for the same statistic, in doc:statistics() and in the contexts
-- of doc:references(), on the seeds and on every text of the development corpus; and
-- pairs(), next() after a read, a closed document and an edited record behave as the
-- README says.
local t = require "harness"
local tc = require "trialcite"

local CORPUS = (os.getenv("TRIALCITE_SEEDS") or "../shared/seeds"):gsub("seeds/?$", "") .. "corpus/pmc-dev"

local function texts()
  local list = {}
  for _, name in ipairs({ t.SEED1, t.SEED2 }) do
    local f = io.open(t.seeds_dir .. "/" .. name, "rb")
    if f then list[#list + 1] = { name, f:read("a") }; f:close() end
  end
  local p = io.popen("ls " .. t.q(CORPUS) .. " 2>/dev/null")
  for name in p:lines() do
    if name:match("%.txt$") then list[#list + 1] = { name, t.read(CORPUS .. "/" .. name) } end
  end
  p:close()
  if #list == 0 then t.skip("no seed or corpus texts under " .. t.seeds_dir .. " or " .. CORPUS) end
  return list
end

local function same_spans(got, want, what)
  for key, sp in pairs(want) do
    t.ok(got[key] and got[key].start == sp.start and got[key].stop == sp.stop, what .. ": span " .. key)
  end
  for key in pairs(got) do t.ok(want[key] ~= nil, what .. ": no extra span " .. key) end
end

t.test("lazy spans equal the JSON's, in statistics() and references()", function()
  local docs, stats, ctx = 0, 0, 0
  for _, case in ipairs(texts()) do
    local doc = tc.parse(case[2])
    local json = assert(tc.json_decode(doc:to_json()))
    local list = doc:statistics()
    t.eq(#list, #json.statistics, case[1] .. ": statistic count")
    -- Read in reverse, so that no record's lookup can lean on an earlier one.
    for i = #list, 1, -1 do
      local w, s = json.statistics[i], list[i]
      -- A third read text first: it too fills the others.
      if i % 3 == 0 then t.eq(s.text, w.text, case[1] .. " statistic " .. i .. ": text first") end
      -- Half read section first, half spans first: either read fills all three.
      if i % 2 == 0 then t.eq(s.section, w.section, case[1] .. " statistic " .. i .. ": section") end
      same_spans(s.spans, w.spans, case[1] .. " statistic " .. i)
      t.eq(s.section, w.section, case[1] .. " statistic " .. i .. ": section")
      t.eq(s.section_kind, w.section_kind, case[1] .. " statistic " .. i .. ": section_kind")
      t.eq(s.text, w.text, case[1] .. " statistic " .. i .. ": text")
      t.eq(s.text, case[2]:sub(s.start, s.stop), case[1] .. " statistic " .. i .. ": text is text:sub(start, stop)")
      stats = stats + 1
    end
    for _, ref in ipairs(doc:references()) do
      for _, c in ipairs(ref.contexts) do
        for _, s in ipairs(c.statistics) do
          local j = 0
          for k, w in ipairs(json.statistics) do if w.start == s.start and w.stop == s.stop then j = k end end
          t.ok(j > 0, case[1] .. ": context statistic found in the JSON")
          if j > 0 then
            same_spans(s.spans, json.statistics[j].spans, case[1] .. " context statistic")
            t.eq(s.text, json.statistics[j].text, case[1] .. " context statistic: text")
            ctx = ctx + 1
          end
        end
      end
    end
    docs = docs + 1
  end
  print(("        lazy spans: %d texts, %d statistics, %d in reference contexts"):format(docs, stats, ctx))
  t.ok(stats > 0, "some statistics were compared")
end)

t.test("pairs() lists spans; next() sees them once read", function()
  local doc = tc.parse("The hazard ratio was 0.58 (95% CI 0.37 to 0.90; p = 0.02).")
  local s = doc:statistics()[1]
  t.ok(s, "one statistic")
  t.eq(rawget(s, "spans"), nil, "not built before a read")
  t.eq(rawget(s, "section_kind"), nil, "nor section_kind")
  t.eq(rawget(s, "text"), nil, "nor text")
  local keys = {}
  for k in pairs(s) do keys[k] = true end
  t.ok(keys.spans and keys.section_kind and keys.text and keys.value and keys.ci, "pairs() gives the lazy fields with the others")
  t.eq(rawget(s, "text"), "hazard ratio was 0.58 (95% CI 0.37 to 0.90; p = 0.02)", "text stored in the record")
  -- Reading text alone makes only the text.
  local s4 = doc:statistics()[1]
  t.eq(s4.text, "hazard ratio was 0.58 (95% CI 0.37 to 0.90; p = 0.02)", "text read first")
  t.eq(rawget(s4, "spans"), nil, "text alone builds no spans")
  t.eq(s4.spans.value.stop - s4.spans.value.start, 3, "spans still come after the text")
  -- A script's own text is kept by the fill.
  local s3 = doc:statistics()[1]
  s3.text = "mine"
  t.ok(s3.spans, "spans filled")
  t.eq(s3.text, "mine", "a text set before the fill stays")
  t.eq(type(rawget(s, "spans")), "table", "stored in the record")
  local s2 = doc:statistics()[1]
  t.eq(s2.spans.value.stop - s2.spans.value.start, 3, "value span of 0.58")
  t.eq(s2.missing, nil, "other absent fields are nil")
  t.eq(s2[1], nil, "non-string keys are nil")
end)

t.test("records work after doc:close(): read before or after, pairs and json_encode", function()
  local doc = tc.parse("Mean age 48.5 years (SD 11.8).\n\nResults\n\nThe hazard ratio was 0.58 (95% CI 0.37 to 0.90).")
  local list = doc:statistics()
  local read = list[1].spans
  local want = assert(tc.json_decode(doc:to_json())).statistics
  doc:close()
  t.raises(function() return doc:statistics() end, "closed", "the document itself is closed")
  t.eq(list[1].spans, read, "spans read before the close stay")
  for i, s in ipairs(list) do
    same_spans(s.spans, want[i].spans, "after close, statistic " .. i)
    t.eq(s.section, want[i].section, "after close, section " .. i)
    t.eq(s.section_kind, want[i].section_kind, "after close, section_kind " .. i)
    t.eq(s.text, want[i].text, "after close, text " .. i)
  end
  local n = 0
  for _ in pairs(list[2]) do n = n + 1 end
  t.ok(n > 5, "pairs() after close")
  t.ok(tc.json_encode(list):find('"spans"', 1, true), "json_encode after close")
  -- An edited record names no statistic: no spans, and no error.
  local s2 = tc.parse("Mean age 48.5 years (SD 11.8).")
  local e = s2:statistics()[1]
  e.start = e.start + 1
  t.eq(e.spans, nil, "a record moved off its statistic has no spans")
end)

t.test("the records' metatable is protected and filling never runs user code", function()
  local doc = tc.parse("The hazard ratio was 0.58 (95% CI 0.37 to 0.90; p = 0.02).")
  local rec = doc:statistics()[1]
  t.eq(getmetatable(rec), "trialcite.statistic", "getmetatable gives a name")
  t.raises(function() setmetatable(rec, {}) end, "protected", "setmetatable raises instead of losing the fields")
  -- A table posing as a record, whose fields close the document when read through
  -- metamethods: the fill reads raw, so the document is never used after it is freed.
  local evil = setmetatable({ stop = 57 }, { __doc = doc, __index = function(_, k)
    if k == "start" then doc:close(); return 5 end end })
  local ok = pcall(tc.json_encode, evil)
  t.ok(ok ~= nil, "json_encode returned")
  t.eq(rawget(evil, "spans"), nil, "a table without start names no statistic")
end)

t.test("a close from a finalizer while records are filled waits for the fill", function()
  local text = string.rep("The odds ratio was 4.2 (95% CI 1.1 to 16.0). Mean 48.5 (SD 11.8). ", 40)
  -- The collector always running, in small steps (Lua 5.4; 5.3's options otherwise).
  if not pcall(collectgarbage, "incremental", 0, 1000) then collectgarbage("setpause", 0); collectgarbage("setstepmul", 1000) end
  local closed, filled = 0, 0
  for _ = 1, 30 do
    local doc = tc.parse(text)
    local list = doc:statistics()
    setmetatable({}, { __gc = function() closed = closed + 1; doc:close() end })   -- already garbage
    for _, r in ipairs(list) do if r.spans and r.spans.value then filled = filled + 1 end end
  end
  if not pcall(collectgarbage, "incremental", 200, 100) then collectgarbage("setpause", 200); collectgarbage("setstepmul", 200) end
  collectgarbage()
  t.ok(closed > 0, "the finalizers ran: " .. closed)
  t.eq(filled, 30 * 80, "every record filled, before or after its document closed")
end)
