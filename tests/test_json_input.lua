-- JSON from outside is exactly one value: trailing bytes are an error everywhere
-- (json_decode, user trial files, CSL-JSON given to the CLI), not silently ignored.
local t = require "harness"
local tc = require "trialcite"

local function lua_cmd()
  return (os.getenv("LUA") or "lua5.4") .. " lua/trialcite/cli.lua"
end

t.test("json_decode rejects trailing bytes, accepts surrounding white space", function()
  local v, err = tc.json_decode('[{}] junk')
  t.eq(v, nil, "value")
  t.ok(err and err:find("trailing"), "message names trailing bytes: " .. tostring(err))
  t.eq(tc.json_decode(' \n[1, 2]\r\n '), { 1, 2 }, "white space around a value")
  local deep = ("["):rep(100) .. ("]"):rep(100)
  local v2, err2 = tc.json_decode(deep)
  t.eq(v2, nil, "too deep")
  t.ok(err2 and err2:find("deeper"), "depth message: " .. tostring(err2))
end)

t.test("load_trials rejects trailing bytes", function()
  if not tc.load_trials then t.skip("tc.load_trials is not there") end
  local d, err = tc.load_trials('{"trials": []} {"trials": []}')
  t.eq(d, nil, "no data")
  t.ok(err and err:find("trailing"), "message: " .. tostring(err))
end)

t.test("enrich refuses CSL-JSON with trailing bytes", function()
  local dir = t.tmpdir()
  local f = io.open(dir .. "/items.json", "w")
  f:write('[{"id": "a", "citation-number": 1, "type": "article-journal", "title": "A"}] trailing')
  f:close()
  local p = io.popen(lua_cmd() .. " enrich " .. dir .. "/items.json --document minerva-20577 -o "
    .. dir .. "/out.json 2>&1; echo exit:$?")
  local out = p:read("a"); p:close()
  t.ok(not out:find("exit:0"), "non-zero exit: " .. out)
  t.ok(out:lower():find("json"), "the message names JSON: " .. out)
  os.execute("rm -rf '" .. dir .. "'")
end)

t.test("the annotation reads as sentences: no doubled full stop, items without id named", function()
  local items, report = tc.annotate({ { type = "article-journal", title = "X" } }, "minerva-20577")
  local note = items[1].annote
  t.ok(note and not note:find("%.%s*%(sections"), "no full stop before the sections: " .. tostring(note))
  t.ok(not note:find("%.%."), "no doubled full stop: " .. tostring(note))
  items, report = tc.annotate({ {}, {}, {}, {}, {}, {}, {}, {}, { DOI = "10.1000/other" } }, "minerva-20577")
  local msg
  for _, r in ipairs(report) do if r.code == "identity-mismatch" then msg = r.message end end
  t.ok(msg and msg:find("no id"), "an item without id is named so: " .. tostring(msg))
end)
