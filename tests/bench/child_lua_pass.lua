-- Run by tests/bench/bench_parse.c in a child process (not a bench by itself):
--   lua child_lua_pass.lua pass|json FILE
-- reads FILE and prints "pass=SECONDS" (tc.parse + doc:citations() + doc:statistics(),
-- then a full collection while the lists are still alive, as a script that keeps them
-- would pay it) or "parse=SECONDS json=SECONDS bytes=N" (doc:to_json() alone).  CPU
-- time (os.clock), page faults included.  The parent measures the process's wall time
-- and peak memory.
local tc = require "trialcite"
local mode, path = arg[1], arg[2]
local f = assert(io.open(path, "rb"))
local text = f:read("a")
f:close()
collectgarbage()
if mode == "pass" then
  local t0 = os.clock()
  local doc = tc.parse(text)
  local ta = os.clock()
  local cits = doc:citations()
  local tb = os.clock()
  local stats = doc:statistics()
  local tc_ = os.clock()
  collectgarbage()
  local t1 = os.clock()
  print(("pass=%.4f parse=%.4f cit=%.4f stat=%.4f gc=%.4f citations=%d statistics=%d")
    :format(t1 - t0, ta - t0, tb - ta, tc_ - tb, t1 - tc_, #cits, #stats))
elseif mode == "json" then
  local t0 = os.clock()
  local doc = tc.parse(text)
  local t1 = os.clock()
  local j = doc:to_json()
  local t2 = os.clock()
  print(("parse=%.4f json=%.4f bytes=%d"):format(t1 - t0, t2 - t1, #j))
else
  error("usage: child_lua_pass.lua pass|json FILE")
end
