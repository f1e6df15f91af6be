-- Runs every tests/test_*.lua (or those named with --only PATTERN) and the C test
-- binaries given as arguments, then prints "N passed, M failed, K skipped" last.
local t = require "harness"
local passed, failed, skipped = 0, 0, 0
local failures = {}
local only = os.getenv("TEST_ONLY")
local verbose = os.getenv("TEST_VERBOSE")

local function here()
  local src = debug.getinfo(1, "S").source:sub(2)
  return src:match("^(.*)/[^/]*$") or "."
end

local function run_lua_file(path)
  t.cases = {}
  local chunk, err = loadfile(path)
  if not chunk then
    failed = failed + 1; failures[#failures + 1] = path .. ": " .. err; return
  end
  local ok, lerr = pcall(chunk)
  if not ok then failed = failed + 1; failures[#failures + 1] = path .. ": load: " .. tostring(lerr); return end
  local file = path:match("[^/]+$")
  for _, case in ipairs(t.cases) do
    local name = file .. ": " .. case.name
    if not only or name:find(only, 1, true) then
      local cok, cerr = xpcall(case.fn, function(e)
        if t.is_skip(e) then return e end
        return debug.traceback(tostring(e), 2)
      end)
      if cok then
        passed = passed + 1
        if verbose then print("ok      " .. name) end
      elseif t.is_skip(cerr) then
        skipped = skipped + 1; print("skip    " .. name .. ": " .. cerr.msg)
      else
        failed = failed + 1; print("FAIL    " .. name); print("        " .. tostring(cerr):gsub("\n", "\n        "))
      end
    end
    collectgarbage()
  end
end

-- C tests print one line per case: "ok NAME", "not ok NAME: why" or "skip NAME: why".
local function run_c_binary(path)
  local p = io.popen(path .. " 2>&1; echo \"exit:$?\"")
  local exit = nil
  for line in p:lines() do
    local e = line:match("^exit:(%d+)$")
    if e then exit = tonumber(e)
    elseif line:match("^ok ") then passed = passed + 1; if verbose then print(line) end
    elseif line:match("^not ok ") then failed = failed + 1; print("FAIL    " .. path .. ": " .. line:sub(8))
    elseif line:match("^skip ") then skipped = skipped + 1; print("skip    " .. path .. ": " .. line:sub(6))
    else print("        " .. line) end
  end
  p:close()
  if exit ~= 0 then failed = failed + 1; print("FAIL    " .. path .. ": exited with status " .. tostring(exit)) end
end

local dir = here()
local files = {}
local p = io.popen("ls '" .. dir .. "'/test_*.lua 2>/dev/null")
for f in p:lines() do files[#files + 1] = f end
p:close()
table.sort(files)
for _, f in ipairs(files) do run_lua_file(f) end
for _, bin in ipairs(arg) do run_c_binary(bin) end
for _, f in ipairs(failures) do print("FAIL    " .. f) end
print(string.format("%d passed, %d failed, %d skipped", passed, failed, skipped))
os.exit(failed == 0 and 0 or 1)
