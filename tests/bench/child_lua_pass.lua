-- Run by tests/bench/bench_parse.c in a child process (not a bench by itself):
--   lua child_lua_pass.lua pass|json FILE
-- reads FILE and, for pass, writes a line "mark" at the start and after each of
-- tc.parse, doc:citations(), doc:statistics() and a full collection while the lists are
-- still alive (as a script that keeps them would pay it), which the parent times on
-- arrival, then the CPU times; for json, marks around tc.parse and doc:to_json(), then
-- "bytes=N".  The parent measures the process's wall time and peak memory.
local tc = require "trialcite"
local mode, path = arg[1], arg[2]
local f = assert(io.open(path, "rb"))
local text = f:read("a")
f:close()
collectgarbage()
-- "mark" lines, flushed, at each phase boundary: the parent times their arrival (wall
-- time; os.clock would count a parse on two threads twice).
local function mark() io.stdout:write("mark\n"); io.stdout:flush() end
if mode == "pass" then
  mark()
  local t0 = os.clock()
  local doc = tc.parse(text)
  mark()
  local ta = os.clock()
  local cits = doc:citations()
  mark()
  local tb = os.clock()
  local stats = doc:statistics()
  mark()
  local tc_ = os.clock()
  collectgarbage()
  mark()
  local t1 = os.clock()
  print(("cpu: pass=%.4f parse=%.4f cit=%.4f stat=%.4f gc=%.4f citations=%d statistics=%d")
    :format(t1 - t0, ta - t0, tb - ta, tc_ - tb, t1 - tc_, #cits, #stats))
elseif mode == "json" then
  mark()
  local doc = tc.parse(text)
  mark()
  local j = doc:to_json()
  mark()
  print(("bytes=%d"):format(#j))
else
  error("usage: child_lua_pass.lua pass|json FILE")
end
