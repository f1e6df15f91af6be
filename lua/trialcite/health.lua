-- :checkhealth trialcite -- the library, its version, the bundled data, the cache
-- directory and LuaJIT's FFI.  vim.health.* (0.10: start/ok/warn/error; 0.8:
-- report_*) or the 0.7 `health` module's report_* functions.
local M = {}

local function reporter()
  local h = vim.health
  if not (h and (h.start or h.report_start)) then
    local ok, mod = pcall(require, "health")
    if ok and type(mod) == "table" then h = mod end
  end
  h = h or {}
  local function pick(new, old)
    return h[new] or h[old] or function(msg) print(new .. ": " .. msg) end
  end
  return {
    start = pick("start", "report_start"), ok = pick("ok", "report_ok"),
    warn = pick("warn", "report_warn"), error = pick("error", "report_error"),
    info = pick("info", "report_info"),
  }
end

function M.check()
  local r = reporter()
  local paths = require "trialcite.paths"
  r.start("trialcite")

  if rawget(_G, "jit") and pcall(require, "ffi") then
    r.ok("LuaJIT FFI available (" .. tostring(jit.version) .. ")")
  else
    r.error("LuaJIT FFI not available: trialcite needs a Neovim built with LuaJIT")
    return
  end

  local env = os.getenv("TRIALCITE_LIB")
  if env == "" then env = nil end
  local found, how = paths.find_library()
  if env then r.info("$TRIALCITE_LIB names the library: " .. env .. " (no other is tried)")
  elseif found then r.info("first library found by path: " .. found .. " (" .. how .. ")")
  else r.warn("no " .. paths.SONAME .. " found by path; trying the system library path",
    { "run `make` in the trialcite checkout, or set $TRIALCITE_LIB" }) end

  for _, name in ipairs({ "trialcite", "trialcite.ffi" }) do   -- a failed earlier attempt
    if type(package.loaded[name]) ~= "table" then package.loaded[name] = nil end
  end
  local ok, tc = pcall(require, "trialcite")
  if ok then ok, tc = pcall(tc.load) end
  if not ok then
    r.error("require('trialcite') failed: " .. tostring(tc), { env and "correct or unset $TRIALCITE_LIB"
      or "run `make`, or set $TRIALCITE_LIB to libtrialcite.so.0" })
    return
  end
  r.ok(string.format("trialcite %s loaded (%s backend)", tostring(tc.VERSION), tostring(tc.backend)))
  if tc.library then
    r.ok("library in use: " .. tc.library .. " (" .. tostring(tc.library_how or "found") .. ")")
  end
  if env and tc.library ~= env then
    r.warn("$TRIALCITE_LIB is set to " .. env .. " but another library is in use", { "check that the file exists and loads" })
  end

  local dok, docs = pcall(tc.documents)
  local tok, trials = pcall(tc.trials)
  if dok and tok and type(docs) == "table" and #docs > 0 then
    local ids = {}
    for _, d in ipairs(docs) do ids[#ids + 1] = tostring(d.id) end
    r.ok(string.format("bundled data: %d documents (%s), %d trials", #docs, table.concat(ids, ", "),
      type(trials) == "table" and #trials or 0))
  else
    r.error("bundled data missing or unreadable: " .. tostring(not dok and docs or trials or "no documents"))
  end

  local pok, perr = pcall(function()
    local d = tc.parse("Een studie (1,2) toonde HR 0,58 (95% BI 0,37 tot 0,90).")
    local n = #d:citations()
    d:close()
    if n ~= 1 then error("expected 1 citation marker, found " .. n) end
  end)
  if pok then r.ok("parsing works") else r.error("parsing failed: " .. tostring(perr)) end

  local dir, src = paths.cache_dir()
  local exists, writable = paths.dir_status(dir)
  if writable then r.ok("cache directory " .. dir .. " (" .. src .. ") is writable")
  elseif exists then r.warn("cache directory " .. dir .. " exists but is not writable")
  else r.info("cache directory " .. dir .. " (" .. src .. ") does not exist yet; the resolver creates it") end
end

return M
