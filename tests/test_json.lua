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
