-- Minimal test harness shared by tests/test_*.lua: t.test(name, fn) registers a case;
-- assertions raise; tests/run.lua runs the cases and counts.
local t = { cases = {} }

function t.test(name, fn) t.cases[#t.cases + 1] = { name = name, fn = fn } end

-- A skip is an error value the runner recognises; its message is printed.
local SKIP = {}
function t.skip(msg) error(setmetatable({ msg = msg }, SKIP), 0) end
function t.is_skip(e) return getmetatable(e) == SKIP end

local function show(v, depth)
  depth = depth or 0
  if type(v) == "string" then return string.format("%q", v) end
  if type(v) ~= "table" or depth > 2 then return tostring(v) end
  local parts = {}
  for k, x in pairs(v) do
    parts[#parts + 1] = tostring(k) .. "=" .. show(x, depth + 1)
    if #parts > 12 then parts[#parts + 1] = "..."; break end
  end
  table.sort(parts)
  return "{" .. table.concat(parts, ", ") .. "}"
end
t.show = show

local function deq(a, b)
  if a == b then return true end
  if type(a) == "number" and type(b) == "number" then return a == b end
  if type(a) ~= "table" or type(b) ~= "table" then return false end
  for k, v in pairs(a) do if not deq(v, b[k]) then return false end end
  for k in pairs(b) do if a[k] == nil then return false end end
  return true
end
t.deep_equal = deq

function t.eq(got, want, what)
  if not deq(got, want) then
    error(string.format("%s: expected %s, got %s", what or "value", show(want), show(got)), 2)
  end
end

function t.ok(cond, what)
  if not cond then error(what or "assertion failed", 2) end
  return cond
end

function t.near(got, want, eps, what)
  if type(got) ~= "number" or math.abs(got - want) > (eps or 1e-9) then
    error(string.format("%s: expected %s, got %s", what or "value", tostring(want), tostring(got)), 2)
  end
end

function t.raises(fn, pattern, what)
  local ok, err = pcall(fn)
  if ok then error((what or "call") .. ": expected an error", 2) end
  if pattern and not tostring(err):find(pattern) then
    error(string.format("%s: error %q does not match %q", what or "call", tostring(err), pattern), 2)
  end
  return err
end

-- Seed texts come from ../shared/seeds (TRIALCITE_SEEDS); a test that needs one
-- skips, visibly, when it is absent.
t.seeds_dir = os.getenv("TRIALCITE_SEEDS") or "../shared/seeds"
t.SEED1 = "000_bab1a242c0282361.txt"   -- minerva-20577, Ilgen 2020
t.SEED2 = "002_50c727afd17edaac.txt"   -- minerva-20707, Cooperman 2024
function t.seed(name)
  local f = io.open(t.seeds_dir .. "/" .. name, "rb")
  if not f then t.skip("seed text " .. name .. " not found in " .. t.seeds_dir) end
  local s = f:read("a"); f:close()
  return s
end

function t.read(path)
  local f = assert(io.open(path, "rb")); local s = f:read("a"); f:close(); return s
end

function t.tmpdir()
  local p = os.tmpname(); os.remove(p)
  assert(os.execute("mkdir -p '" .. p .. "'"))
  return p
end

-- Shell-quotes a string.
function t.q(s) return "'" .. tostring(s):gsub("'", "'\\''") .. "'" end

-- Runs the CLI (lua/trialcite/cli.lua under $LUA) with args (a shell-quoted string),
-- optional stdin text and environment prefix; returns exit code, stdout, stderr.
local cli_dir
function t.cli(args, stdin, env)
  cli_dir = cli_dir or t.tmpdir()
  local here = debug.getinfo(1, "S").source:sub(2):match("^(.*)/[^/]*$") or "."
  local out, err, inp = cli_dir .. "/out", cli_dir .. "/err", cli_dir .. "/in"
  local f = assert(io.open(inp, "wb")); f:write(stdin or ""); f:close()
  local cmd = string.format("%s %s %s %s <%s >%s 2>%s", env or "", os.getenv("LUA") or "lua5.4",
    t.q(here .. "/../lua/trialcite/cli.lua"), args, t.q(inp), t.q(out), t.q(err))
  local _, how, code = os.execute(cmd)
  if how ~= "exit" then code = 128 end
  return code, t.read(out), t.read(err)
end

-- Asserts that err is one line "trialcite: ..." (matching pattern, if given).
function t.one_line_error(err, pattern)
  t.ok(err:match("^trialcite: [^\n]+\n$"), "one line on stderr: " .. err)
  if pattern then t.ok(err:find(pattern), "stderr matches " .. pattern .. ": " .. err) end
end

-- Whether a command is on PATH.
function t.have(cmd)
  local ok = os.execute("command -v " .. t.q(cmd) .. " >/dev/null 2>&1")
  return ok == true or ok == 0
end

-- The C library of the build under test: $TRIALCITE_LIB, else next to the C module
-- that this process loaded (LUA_CPATH from the Makefile points at the build dir);
-- an absolute path, since hosts run from the repository root.  Skips when unbuilt.
function t.library()
  local env = os.getenv("TRIALCITE_LIB")
  if env and env ~= "" then return env end
  local core = package.searchpath("trialcite.core", package.cpath)
  if not core then t.skip("the C module's directory is unknown (no trialcite.core in package.cpath)") end
  local dir = (core:match("^(.*)/[^/]*$") or "."):match("^(.*)/[^/]*$") or "."
  local lib = dir .. "/libtrialcite.so.0"
  local f = io.open(lib, "rb")
  if not f then t.skip(lib .. " not built") end
  f:close()
  if lib:sub(1, 1) ~= "/" then lib = (os.getenv("PWD") or ".") .. "/" .. lib end
  return lib
end

-- Child processes cannot take an instrumented library without the runtime.
function t.need_plain_build(what)
  if os.getenv("TRIALCITE_UNDER_SANITIZER") or os.getenv("TRIALCITE_UNDER_VALGRIND") then
    t.skip(what .. " loads the instrumented library into another program: skipped under sanitizers/valgrind")
  end
end

return t
