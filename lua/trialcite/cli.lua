-- trialcite command-line interface (installed as `trialcite`).
--   trialcite COMMAND [ARGS...]      each command is lua/trialcite/commands/COMMAND.lua,
--   trialcite --help | --version     a module { summary, usage, help, run(args) -> code }
-- Errors: one line "trialcite: ..." on stderr and a non-zero exit (2: usage).

-- Find the Lua files and the C module next to this script (a checkout: lua/ and
-- build/; an installation: the Lua tree).  An explicit LUA_PATH / LUA_CPATH wins.
do
  local src = debug.getinfo(1, "S").source
  local dir = src:sub(1, 1) == "@" and (src:sub(2):match("^(.*)/[^/]*$") or ".") or "."
  local lua_dir = dir .. "/.."            -- .../lua (or the installed Lua tree)
  local repo = dir .. "/../.."            -- the checkout root
  local paths = lua_dir .. "/?.lua;" .. lua_dir .. "/?/init.lua"
  local v = _VERSION:match("%d+%.%d+")
  -- `make` builds for Lua 5.4 into build/, `make LUA_VERSION=5.3` into build/5.3/
  local build = v == "5.4" and (repo .. "/build") or (repo .. "/build/" .. v)
  local cpaths = build .. "/?.so;" .. lua_dir .. "/../../../lib/lua/" .. v .. "/?.so"
  local function has_env(name)
    return os.getenv(name .. "_" .. _VERSION:match("%d+%.%d+"):gsub("%.", "_")) or os.getenv(name)
  end
  if has_env("LUA_PATH") then package.path = package.path .. ";" .. paths
  else package.path = paths .. ";" .. package.path end
  if has_env("LUA_CPATH") then package.cpath = package.cpath .. ";" .. cpaths
  else package.cpath = cpaths .. ";" .. package.cpath end
end

local function die(msg, code)
  io.stderr:write("trialcite: ", msg, "\n")
  os.exit(code or 1)
end

local ok, tc = pcall(require, "trialcite")
if not ok then die("cannot load the trialcite module (run `make` first?): " .. tostring(tc):match("^[^\n]*")) end
local util = require "trialcite.cliutil"

-- Commands this program knows; others are found as files under commands/.
local KNOWN = { "annotate", "lookup", "check", "trials", "enrich", "resolve" }

local function command_names()
  local names, seen = {}, {}
  for _, n in ipairs(KNOWN) do names[#names + 1] = n; seen[n] = true end
  local file = package.searchpath("trialcite.commands.annotate", package.path)
  local dir = file and file:match("^(.*)/[^/]*$")
  if dir then
    local p = io.popen("ls '" .. dir:gsub("'", "'\\''") .. "' 2>/dev/null")
    if p then
      for f in p:lines() do
        local n = f:match("^([%w_-]+)%.lua$")
        if n and not seen[n] and n:sub(1, 1) ~= "_" then names[#names + 1] = n; seen[n] = true end
      end
      p:close()
    end
  end
  return names
end

local function load_command(name)
  if not name:match("^[%w_-]+$") then return nil end
  local found = package.searchpath("trialcite.commands." .. name, package.path)
  if not found then return nil end
  local cok, mod = pcall(require, "trialcite.commands." .. name)
  if not cok then die("command " .. name .. " failed to load: " .. tostring(mod):match("^[^\n]*")) end
  return mod
end

local function main_help()
  local out = {
    "usage: trialcite COMMAND [ARGS...]",
    "       trialcite --help | --version",
    "",
    "Citations, statistics and trial records from evidence-based-medicine appraisals.",
    "",
    "commands:",
  }
  for _, n in ipairs(command_names()) do
    local found = package.searchpath("trialcite.commands." .. n, package.path)
    local mok, mod = false, nil
    if found then mok, mod = pcall(require, "trialcite.commands." .. n) end
    if mok and type(mod) == "table" then
      out[#out + 1] = string.format("  %-10s %s", n, mod.summary or "")
    end
  end
  out[#out + 1] = ""
  out[#out + 1] = "`trialcite COMMAND --help` describes one command.  A FILE may be `-` (standard input)."
  return table.concat(out, "\n") .. "\n"
end

local function main(args)
  local cmd = args[1]
  if cmd == nil then io.stderr:write(main_help()); return 2 end
  if cmd == "--help" or cmd == "-h" or cmd == "help" then
    if cmd == "help" and args[2] then cmd = args[2]; args = { cmd, "--help" }
    else io.stdout:write(main_help()); return 0 end
  end
  if cmd == "--version" or cmd == "-V" or cmd == "version" then
    io.stdout:write("trialcite ", tc.VERSION, "\n")
    return 0
  end
  if cmd:sub(1, 1) == "-" then die("unknown option " .. cmd .. " (see trialcite --help)", 2) end
  local mod = load_command(cmd)
  if not mod then die("unknown command '" .. cmd .. "' (see trialcite --help)", 2) end
  local rest = {}
  for i = 2, #args do rest[#rest + 1] = args[i] end
  for _, a in ipairs(rest) do
    if a == "--" then break end
    if a == "--help" or a == "-h" then
      io.stdout:write("usage: ", mod.usage or ("trialcite " .. cmd), "\n\n", mod.help or mod.summary or "", "\n")
      return 0
    end
  end
  local rok, code = xpcall(mod.run, function(e)
    if util.is_fail(e) then return e end
    return debug.traceback(tostring(e), 2)
  end, rest)
  if not rok then
    if util.is_fail(code) then die(code.msg, code.code) end
    if os.getenv("TRIALCITE_DEBUG") then io.stderr:write(tostring(code), "\n") end
    die("internal error in " .. cmd .. ": " .. tostring(code):match("^[^\n]*") .. " (TRIALCITE_DEBUG=1 for details)")
  end
  io.stdout:flush()
  return type(code) == "number" and code or 0
end

os.exit(main(arg))
