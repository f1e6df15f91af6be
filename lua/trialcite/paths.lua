-- Where trialcite's pieces are, for the hosts (ffi.lua, health.lua, `trialcite doctor`).
-- Portable Lua (5.1/LuaJIT to 5.4); needs neither the C module nor the FFI.
local M = {}

M.SONAME = "libtrialcite.so.0"

local function dirname(p) return p:match("^(.*)/[^/]*$") or "." end

--- Collapses "." and "dir/.." segments of a path (no file system access).
function M.normalize(p)
  local abs, parts = p:sub(1, 1) == "/", {}
  for seg in p:gmatch("[^/]+") do
    if seg == ".." and #parts > 0 and parts[#parts] ~= ".." then parts[#parts] = nil
    elseif seg ~= "." and not (seg == ".." and abs) then parts[#parts + 1] = seg end
  end
  local r = table.concat(parts, "/")
  if abs then return "/" .. r end
  return r ~= "" and r or "."
end

--- Directory of this file (lua/trialcite in a checkout, or the installed Lua tree's).
function M.lua_dir()
  local src = debug.getinfo(1, "S").source
  if src:sub(1, 1) ~= "@" then return nil end
  return M.normalize(dirname(src:sub(2)))
end

local function exists(p)
  local f = io.open(p, "rb")
  if f then f:close(); return true end
  return false
end
M.exists = exists

--- The checkout root (holding include/trialcite.h), or nil for an installed tree.
function M.root()
  local d = M.lua_dir()
  if not d then return nil end
  local root = M.normalize(d .. "/../..")
  if exists(root .. "/include/trialcite.h") then return root end
  return nil
end

--- Candidate paths of the C shared library, most specific first: $TRIALCITE_LIB, the
-- checkout's build/ (then build/5.3), the lib/ directory of an installation prefix
-- (PREFIX/share/lua/5.x/trialcite -> PREFIX/lib), then the bare names for the dynamic
-- linker's own search.  Each entry: { path =, how = }.
function M.library_candidates()
  local list = {}
  local env = os.getenv("TRIALCITE_LIB")
  if env and env ~= "" then list[#list + 1] = { path = env, how = "$TRIALCITE_LIB" } end
  local root = M.root()
  if root then
    list[#list + 1] = { path = root .. "/build/" .. M.SONAME, how = "checkout build/" }
    list[#list + 1] = { path = root .. "/build/5.3/" .. M.SONAME, how = "checkout build/5.3/" }
  end
  local d = M.lua_dir()
  if d then
    list[#list + 1] = { path = M.normalize(d .. "/../../../../lib/" .. M.SONAME), how = "installation prefix" }
  end
  list[#list + 1] = { path = M.SONAME, how = "system library path", system = true }
  list[#list + 1] = { path = "trialcite", how = "system library path", system = true }
  return list
end

--- The first candidate that exists as a file (system names are not checked), or nil.
function M.find_library()
  for _, c in ipairs(M.library_candidates()) do
    if not c.system and exists(c.path) then return c.path, c.how end
  end
  return nil
end

--- The cache directory, by the resolver's rule: $TRIALCITE_CACHE, else
-- $XDG_CACHE_HOME/trialcite, else ~/.cache/trialcite.
function M.cache_dir()
  local v = os.getenv("TRIALCITE_CACHE")
  if v and v ~= "" then return v, "$TRIALCITE_CACHE" end
  v = os.getenv("XDG_CACHE_HOME")
  if v and v ~= "" then return v .. "/trialcite", "$XDG_CACHE_HOME" end
  return (os.getenv("HOME") or ".") .. "/.cache/trialcite", "~/.cache"
end

local function q(s) return "'" .. tostring(s):gsub("'", "'\\''") .. "'" end
M.quote = q

--- Whether dir exists and whether a file can be created in it.
function M.dir_status(dir)
  local probe = dir .. "/.trialcite-probe-" .. tostring(os.time()) .. "-" .. tostring(math.random(1e6))
  local f = io.open(probe, "wb")
  if f then f:close(); os.remove(probe); return true, true end
  local p = io.popen("test -d " .. q(dir) .. " && echo yes")
  local out = p and p:read("*a") or ""
  if p then p:close() end
  return out:find("yes") ~= nil, false
end

return M
