-- doc:to_json() must carry exactly the records the Lua methods build, so that hosts
-- reading the JSON (LuaJIT through the FFI, the CLI) see the same document.
local t = require "harness"
local tc = require "trialcite"

local function same_as_methods(text)
  local doc = tc.parse(text)
  local j = assert(tc.json_decode(doc:to_json()))
  t.eq(j.sections, doc:sections(), "sections")
  t.eq(j.sentences, doc:sentences(), "sentences")
  t.eq(j.citations, doc:citations(), "citations")
  t.eq(j.references, doc:references(), "references")
  t.eq(j.statistics, doc:statistics(), "statistics")
  t.eq(j.checks, doc:checks(), "checks")
  t.eq(j.lang, doc:lang(), "lang")
end

t.test("to_json equals the Lua records on the first seed", function() same_as_methods(t.seed(t.SEED1)) end)
t.test("to_json equals the Lua records on the second seed", function() same_as_methods(t.seed(t.SEED2)) end)

t.test("to_json of an empty text", function()
  local j = assert(tc.json_decode(tc.parse(""):to_json()))
  t.eq(#j.citations, 0, "citations")
  t.eq(#j.references, 0, "references")
end)

t.test("to_json is valid JSON for any bytes", function()
  local text = "Results\n\nA \0 b \255\254 (1) c. HR 0,58; 95% BI van 0,37 tot 0,90; p=0,02 (2).\n"
  local doc = tc.parse(text, { id = "x\255y" })
  local j = assert(tc.json_decode(doc:to_json()))
  t.ok(type(j.citations) == "table", "citations array")
  t.eq(j.id, "x\239\191\189y", "invalid byte in id becomes U+FFFD")
end)

-- The development corpus (../shared/corpus/pmc-dev beside the seeds): to_json and the
-- Lua lists agree on every text (valid UTF-8 throughout, so strings compare exactly).
local function corpus_files()
  local dir = t.seeds_dir .. "/../corpus/pmc-dev"
  local p = io.popen("ls " .. t.q(dir) .. " 2>/dev/null")
  local files = {}
  for name in p:lines() do if name:match("%.txt$") then files[#files + 1] = dir .. "/" .. name end end
  p:close()
  return files
end

t.test("to_json equals the Lua records on the development corpus", function()
  local files = corpus_files()
  if #files == 0 then t.skip("no corpus/pmc-dev beside " .. t.seeds_dir) end
  for _, f in ipairs(files) do same_as_methods(t.read(f)) end
end)

-- The number types of the records: positions and indices are integers; values,
-- SDs, interval bounds and p-values are floats (as written: 2 is 2.0); a CI level is
-- an integer when it is integral.
local INTEGER = { start = true, stop = true, sentence = true, number = true, citation = true, body_start = true,
                  body_stop = true, parent = true, statistic = true }
local FLOAT = { value = true, sd = true, low = true, high = true }
local function check_types(v, key, path)
  if type(v) == "number" then
    local want = INTEGER[key] and "integer" or FLOAT[key] and "float"
      or key == "level" and (v == math.floor(v) and "integer" or "float") or key == "refs" and "integer"
    if want and math.type(v) ~= want then error(path .. ": " .. math.type(v) .. ", want " .. want, 0) end
  elseif type(v) == "table" then
    for k, x in pairs(v) do
      check_types(x, type(k) == "number" and key == "refs" and "refs" or (type(k) == "number" and key or k),
                  path .. "." .. tostring(k))
    end
  end
end

t.test("Lua records keep their number types", function()
  local doc = tc.parse(t.seed(t.SEED2))
  for _, m in ipairs { "citations", "statistics", "references", "sections", "sentences", "checks" } do
    check_types(doc[m](doc), m, m)
  end
  check_types(doc:reference(19), "reference", "reference(19)")
  local st = doc:statistics()
  local n = 0
  for _, s in ipairs(st) do if math.type(s.value) == "float" then n = n + 1 end end
  t.eq(n, #st, "every value a float")
end)

t.test("building a list restores the collector's state", function()
  local doc = tc.parse(t.seed(t.SEED1))
  t.ok(collectgarbage("isrunning"), "running before")
  doc:statistics(); doc:references(); doc:reference(9); doc:citations()
  t.ok(collectgarbage("isrunning"), "running after")
  collectgarbage("stop")
  doc:statistics(); doc:sentences()
  local still = collectgarbage("isrunning")
  collectgarbage("restart")
  t.ok(not still, "a collector stopped by the script stays stopped")
  t.raises(function() doc.statistics(io.stdout) end, "trialcite.doc")
  t.ok(collectgarbage("isrunning"), "running after an argument error")
  doc:close()
  t.raises(function() doc:statistics() end, "closed")
  t.ok(collectgarbage("isrunning"), "running after a closed document")
end)
