-- trialcite doctor: versions, where the pieces are, which hosts can load trialcite, and
-- the cache directory.
local tc = require "trialcite"
local util = require "trialcite.cliutil"
local paths = require "trialcite.paths"

local M = {
  summary = "report versions, library paths, hosts that can load trialcite, cache directory",
  usage = "trialcite doctor [--no-hosts]",
  help = [[Prints the trialcite and Lua versions, the Lua module and C library in use,
the libcurl and cJSON versions visible, which hosts can load trialcite (lua5.4,
lua5.3 with build/5.3, LuaJIT through the FFI, Neovim, pandoc; each is started
briefly to find out) and the cache directory (the resolver's rule: $TRIALCITE_CACHE,
else $XDG_CACHE_HOME/trialcite, else ~/.cache/trialcite) with whether it is writable.

  --no-hosts     skip starting the hosts]],
}

local q = paths.quote
local PROBE_SECONDS = 20

local function dirname(p) return p:match("^(.*)/[^/]*$") or "." end

-- Runs a shell command; returns its combined output (nil if it could not run).
local function sh(cmd)
  local p = io.popen(cmd .. " 2>&1")
  if not p then return nil end
  local out = p:read("*a")
  p:close()
  return out
end

local function have(cmd) return (sh("command -v " .. q(cmd)) or ""):match("%S") ~= nil end

local function first_line(s) return (s or ""):match("^[^\n]*") end

-- Where the Lua files and the C module of this process are.
local function locate()
  local info = {}
  info.module = package.searchpath and package.searchpath("trialcite", package.path) or nil
  info.lua_dir = info.module and dirname(dirname(info.module)) or (paths.lua_dir() and dirname(paths.lua_dir()))
  info.core = package.searchpath and package.searchpath("trialcite.core", package.cpath) or nil
  local pwd = os.getenv("PWD")
  local function abs(p)
    if p and pwd and p:sub(1, 1) ~= "/" then p = pwd .. "/" .. p end
    return p and paths.normalize(p)
  end
  info.module, info.core = abs(info.module), abs(info.core)
  info.lua_dir = abs(info.lua_dir)
  info.root = paths.root()
  -- the library: $TRIALCITE_LIB, else next to the C module (a build dir), else the search
  local env = os.getenv("TRIALCITE_LIB")
  if env and env ~= "" then info.library, info.library_how = env, "$TRIALCITE_LIB"
  elseif tc.library then info.library, info.library_how = tc.library, "loaded through the FFI"
  else
    local near = info.core and (dirname(dirname(info.core)) .. "/" .. paths.SONAME)
    if near and paths.exists(near) then info.library, info.library_how = near, "next to the C module"
    else info.library, info.library_how = paths.find_library() end
  end
  if info.library then info.library = abs(info.library) end
  if not info.library then
    local out = sh("/sbin/ldconfig -p 2>/dev/null | grep -m1 " .. q(paths.SONAME)) or ""
    local p = out:match("=>%s*(%S+)")
    if p then info.library, info.library_how = p, "ldconfig" end
  end
  return info
end

-- The build directory holding the C module for Lua version v ("5.4", "5.3"), if any.
local function build_dir(info, v)
  local cur = _VERSION:match("%d+%.%d+")
  if v == cur and info.core then return dirname(dirname(info.core)) end
  if info.root then
    local d = info.root .. "/build" .. (v == "5.4" and "" or ("/" .. v))
    if paths.exists(d .. "/trialcite/core.so") then return d end
  end
  return nil
end

local function timeout_prefix()
  if have("timeout") then return "timeout " .. PROBE_SECONDS .. " " end
  return ""
end

-- Interprets a probe's output: "TCDOCTOR OK <what>" or "TCDOCTOR ERR <message>".
local function verdict(out)
  if not out then return false, "could not run" end
  local ok = out:match("TCDOCTOR OK ([^\n]*)")
  if ok then return true, ok end
  local err = out:match("TCDOCTOR ERR ([^\n]*)")
  if err then
    local short = err:match("^(module '[^']+' not found)")
    if not short and #err > 160 then short = err:sub(1, 157) .. "..." end
    return false, short or err
  end
  local line = first_line(out:gsub("^%s+", ""))
  return false, line ~= "" and line or "no answer (timed out?)"
end

local PROBE_LUA = [[local ok, tc = pcall(require, "trialcite")
if ok then io.stdout:write("TCDOCTOR OK trialcite ", tostring(tc.VERSION), " (", tostring(tc.backend or "c"), " backend, ", _VERSION, ")\n")
else io.stdout:write("TCDOCTOR ERR ", (tostring(tc):gsub("%s*\n%s*", " ")), "\n") end]]

local function lua_path(info)
  local d = info.lua_dir or "."
  return d .. "/?.lua;" .. d .. "/?/init.lua;;"
end

local function probe_lua(info, exe, v)
  if not have(exe) then return nil, "not installed" end
  local bd = build_dir(info, v)
  local suffix = v:gsub("%.", "_")
  local env = "env -u LUA_PATH_" .. suffix .. " -u LUA_CPATH_" .. suffix .. " LUA_PATH=" .. q(lua_path(info)) .. " "
  env = env .. "LUA_CPATH=" .. q(bd and (bd .. "/?.so;;") or ";;") .. " "
  local ok, what = verdict(sh(env .. timeout_prefix() .. exe .. " -e " .. q(PROBE_LUA)))
  if not ok and not bd and v == "5.3" and info.root then what = what .. " (build it with `make LUA_VERSION=5.3`)" end
  return ok, what
end

local function lib_env(info)
  return info.library and ("TRIALCITE_LIB=" .. q(info.library) .. " ") or ""
end

local function probe_luajit(info)
  if not have("luajit") then return nil, "not installed" end
  return verdict(sh(lib_env(info) .. "LUA_PATH=" .. q(lua_path(info)) .. " LUA_CPATH=';;' "
    .. timeout_prefix() .. "luajit -e " .. q(PROBE_LUA)))
end

local function probe_nvim(info)
  if not have("nvim") then return nil, "not installed" end
  local rtp = info.root or (info.lua_dir and dirname(info.lua_dir)) or "."
  local tmp = os.tmpname()
  local f = io.open(tmp, "wb")
  if not f then return false, "cannot write a temporary file" end
  f:write(PROBE_LUA, "\nvim.cmd('qa!')\n")
  f:close()
  local out = sh(lib_env(info) .. "LUA_PATH=" .. q(lua_path(info)) .. " " .. timeout_prefix()
    .. "nvim --headless --clean --cmd " .. q("set rtp+=" .. rtp:gsub(" ", "\\ ")) .. " -c " .. q("luafile " .. tmp)
    .. " -c 'qa!' </dev/null")
  os.remove(tmp)
  return verdict(out)
end

local function probe_pandoc(info)
  if not have("pandoc") then return nil, "not installed" end
  local b54, b53 = build_dir(info, "5.4"), build_dir(info, "5.3")
  local tmp = os.tmpname()
  local f = io.open(tmp, "wb")
  if not f then return false, "cannot write a temporary file" end
  f:write("local d = ", string.format("%q", info.lua_dir or "."), "\n",
    "package.path = d .. '/?.lua;' .. d .. '/?/init.lua;' .. package.path\n",
    "local b = ({ ['5.4'] = ", string.format("%q", b54 or ""), ", ['5.3'] = ", string.format("%q", b53 or ""),
    " })[_VERSION:match('%d+%.%d+')]\n",
    "if b and b ~= '' then package.cpath = b .. '/?.so;' .. package.cpath end\n",
    PROBE_LUA, "\nreturn {}\n")
  f:close()
  local ok, what = verdict(sh("LUA_CPATH=';;' " .. timeout_prefix() .. "pandoc -f markdown -t plain --lua-filter " .. q(tmp) .. " </dev/null"))
  os.remove(tmp)
  if not ok and not b53 and info.root then what = what .. " (Debian's pandoc embeds Lua 5.3: `make LUA_VERSION=5.3`)" end
  return ok, what
end

local function versions_of_deps()
  local out = {}
  local pc = have("pkg-config")
  local curl_pc = pc and (sh("pkg-config --modversion libcurl") or ""):match("^([%d%.]+)")
  local curl_bin = have("curl") and first_line(sh("curl --version")):match("^curl ([%d%.]+)")
  out.libcurl = (curl_pc and (curl_pc .. " (pkg-config)") or "not visible to pkg-config")
    .. (curl_bin and ("; curl " .. curl_bin) or "")
  local cj = pc and (sh("pkg-config --modversion libcjson") or ""):match("^([%d%.]+)")
  out.cjson = cj and (cj .. " (pkg-config)") or "not visible to pkg-config"
  return out
end

function M.run(args)
  local opts, pos = util.parse(args, { ["--no-hosts"] = true }, "doctor")
  if #pos > 0 then util.usage("doctor: takes no arguments (see --help)") end
  local info = locate()
  local lines = {}
  local function add(k, v) lines[#lines + 1] = string.format("%-10s %s", k .. ":", v) end
  lines[1] = "trialcite " .. tostring(tc.VERSION)
  add("lua", _VERSION .. (rawget(_G, "jit") and (" (" .. jit.version .. ")") or "") .. ", this process")
  add("backend", tc.backend == "ffi" and "LuaJIT FFI" or "C module")
  add("module", info.module or "?")
  if info.core then add("C module", info.core) end
  add("library", info.library and (info.library .. " (" .. info.library_how .. ")")
    or ("not found (" .. paths.SONAME .. "; `make` builds it into build/)"))
  local deps = versions_of_deps()
  add("libcurl", deps.libcurl)
  add("cJSON", deps.cjson)

  if not opts.no_hosts then
    lines[#lines + 1] = "hosts:"
    local hosts = {
      { "lua5.4", function() return probe_lua(info, "lua5.4", "5.4") end },
      { "lua5.3", function() return probe_lua(info, "lua5.3", "5.3") end },
      { "luajit", function() return probe_luajit(info) end },
      { "nvim", function() return probe_nvim(info) end },
      { "pandoc", function() return probe_pandoc(info) end },
    }
    for _, h in ipairs(hosts) do
      local ok, what = h[2]()
      local mark = ok and "yes" or (ok == nil and "-  " or "no ")
      lines[#lines + 1] = string.format("  %-8s %s %s", h[1], mark, what or "")
    end
  end

  local dir, how = paths.cache_dir()
  local exists, writable = paths.dir_status(dir)
  add("cache", dir .. " (" .. how .. "): " .. (writable and "exists, writable"
    or exists and "exists, NOT writable" or "does not exist yet (created on first use)"))
  io.stdout:write(table.concat(lines, "\n"), "\n")
  return 0
end

return M
