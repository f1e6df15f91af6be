-- One API on every backend: tests/api/calls.lua makes a fixed set of API calls on the
-- seeds and synthetic texts and prints canonical JSON; it runs under lua5.4 (the C
-- module) and under luajit (lua/trialcite/ffi.lua over libtrialcite.so.0), and the two
-- outputs must be byte-identical.  The resolver calls run against the loopback server
-- (tests/server/httpd.c).  Then every CLI command runs under both interpreters.
local t = require "harness"
local tc = require "trialcite"
local server = require "server.start"

local here = debug.getinfo(1, "S").source:sub(2):match("^(.*)/[^/]*$") or "."
local ROOT = here .. "/.."
local CLI = ROOT .. "/lua/trialcite/cli.lua"
local LUA = os.getenv("LUA") or "lua5.4"

local function q(s) return "'" .. tostring(s):gsub("'", "'\\''") .. "'" end
local tmp = t.tmpdir()

local function need_luajit()
  if not t.have("luajit") then t.skip("luajit is not installed (apt-get install luajit)") end
  t.need_plain_build("the LuaJIT backend test")
end

-- Runs `interp script args` from the repository root with the module of that backend;
-- returns its standard output and the exit status.
local function run(interp, args, out)
  local env
  if interp == "luajit" then
    env = "LUA_PATH='lua/?.lua;lua/?/init.lua;;' LUA_CPATH=';;' TRIALCITE_LIB=" .. q(t.library())
  else
    env = "LUA_PATH='lua/?.lua;lua/?/init.lua;;' LUA_CPATH='build/?.so;;'"
  end
  local ok, how, code = os.execute(string.format("cd %s && %s %s %s >%s 2>%s </dev/null",
    q(ROOT), env, interp, args, q(out), q(out .. ".err")))
  if how ~= "exit" then code = 128 end
  return t.read(out), code, t.read(out .. ".err")
end

-- The first line where two outputs differ, for the failure message.
local function first_diff(a, b)
  local i, la, lb = 1, {}, {}
  for l in (a .. "\n"):gmatch("([^\n]*)\n") do la[#la + 1] = l end
  for l in (b .. "\n"):gmatch("([^\n]*)\n") do lb[#lb + 1] = l end
  while la[i] == lb[i] and i <= math.max(#la, #lb) do i = i + 1 end
  return string.format("line %d:\n  lua5.4: %s\n  luajit: %s", i, tostring(la[i]):sub(1, 300), tostring(lb[i]):sub(1, 300))
end

t.test("backends: the API's results are byte-identical under lua5.4 and luajit", function()
  need_luajit()
  local srv, err = server.start(120)
  local url = srv and srv.url or ""
  local a, ca, ea = run(LUA, string.format("tests/api/calls.lua %s %s %s", q(t.seeds_dir), q(url), q(tmp .. "/cache54")), tmp .. "/api54")
  local b, cb, eb = run("luajit", string.format("tests/api/calls.lua %s %s %s", q(t.seeds_dir), q(url), q(tmp .. "/cachejit")), tmp .. "/apijit")
  if srv then srv:stop() end
  t.eq(ca, 0, "lua5.4 exit (stderr: " .. ea .. ")")
  t.eq(cb, 0, "luajit exit (stderr: " .. eb .. ")")
  t.ok(a:find("\nEND\n$"), "lua5.4 ran every call")
  t.ok(a == b, "identical output; first difference at " .. first_diff(a, b))
  local lines = select(2, a:gsub("\n", ""))
  t.ok(lines > 150, "calls compared: " .. lines)
  for _, name in ipairs({ "forest_svg cooperman-2024", "parse_many threads 3", "load_trials methods", "lookup minerva-20707 19" }) do
    t.ok(a:find("\n" .. name:gsub("%p", "%%%0") .. "\t%["), "compared " .. name)
  end
  if srv then
    t.ok(a:find('\nresolve doi\t%[{[^\n]*"DOI":"10%.1001/jamapsychiatry%.2023%.5138"'), "resolve through the loopback server")
    t.ok(a:find('\nresolve_many\t%[%[{'), "resolve_many")
    t.ok(a:find("\nresolve_many raising\traises\tfrom on_progress\n", 1, false), "an error in on_progress is raised after the batch")
    t.ok(a:find("\nresolve_many cancelled\t%[2,1%]"), "on_progress returning false cancels the rest")
  else
    t.skip("resolver calls not compared: " .. tostring(err))
  end
  if not io.open(t.seeds_dir .. "/" .. t.SEED1, "rb") then t.skip("seeds not found in " .. t.seeds_dir .. ": synthetic texts only") end
end)

-- Every CLI command under both interpreters: byte-identical output (JSON included: the
-- portable encoder prints cJSON's layout) and the same exit status.
t.test("backends: every CLI command works under luajit as under lua5.4", function()
  need_luajit()
  local s1, s2 = t.seeds_dir .. "/" .. t.SEED1, t.seeds_dir .. "/" .. t.SEED2
  local file = tmp .. "/text.txt"
  local f = assert(io.open(file, "wb"))
  f:write(io.open(s2, "rb") and t.read(s2) or "A trial (1) found HR 0.58 (95% CI 0.37 to 0.90) (2).\n")
  f:close()
  local cmds = {
    { "annotate --all" }, { "annotate --document minerva-20707 --format markdown" },
    { "annotate " .. q(file) .. " --format json" }, { "lookup 19 " .. q(file) },
    { "lookup 19 --document minerva-20707 --json" }, { "lookup 99999999999999999999 " .. q(file) },
    { "check " .. q(file) }, { "check " .. q(file) .. " --json" }, { "trials" },
    { "trials --json" }, { "parse " .. q(file) }, { "parse " .. q(file) .. " --records" },
    { "batch " .. q(file) .. " " .. q(file) }, { "report " .. q(file) .. " -o /dev/stdout" },
    { "report --document minerva-20577 -o /dev/stdout" }, { "resolve --offline --cache " .. q(tmp .. "/c") .. " 10.1/x" },
    { "doctor --no-hosts", lines = { "^trialcite ", "^library:" } }, { "--help" },
  }
  for _, c in ipairs(cmds) do
    local a, ca = run(LUA, q(CLI) .. " " .. c[1], tmp .. "/cli54")
    local b, cb, eb = run("luajit", q(CLI) .. " " .. c[1], tmp .. "/clijit")
    t.eq(cb, ca, c[1] .. ": exit status (luajit stderr: " .. eb .. ")")
    t.ok(not eb:find("internal error", 1, true), c[1] .. ": " .. eb)
    if c.lines then
      for _, pat in ipairs(c.lines) do t.ok(b:find("\n" .. pat:sub(2)) or b:find(pat), c[1] .. ": " .. pat .. " in " .. b) end
    else
      t.ok(a == b, c[1] .. ": the same output; first difference at " .. first_diff(a, b))
    end
  end
  if not io.open(s1, "rb") then t.skip("seeds not found: synthetic text only") end
end)
