-- tc.resolver for LuaJIT (Neovim): the C API's resolver (tc_resolver_new, tc_resolve,
-- tc_resolve_many) reached through the FFI, with the behaviour of plugin/lua_resolver.c:
-- a misspelt option raises, expected failures return nil, message, resolve_many gives
-- {error=message} in place.  on_progress runs from an ffi.cast callback that never lets
-- a Lua error cross libcurl: the error is stashed, the batch told to stop, and the error
-- raised once tc_resolve_many has returned; the callback is freed after every batch.
-- Lua 5.1 syntax only.
local ffi = require "ffi"

local M = {}

local KNOWN = {
  mailto = "string", user_agent = "string", cache_dir = "string", crossref_url = "string",
  pubmed_url = "string", api_key = "string", offline = "boolean", timeout = "number",
  concurrency = "number", max_retries = "number", max_retry_wait = "number", max_body = "number",
}
local QUERY_KEYS = { "doi", "pmid", "pmcid", "text" }

-- A numeric option as an int, clamped (NaN -> 0), as the C binding does.
local function clamp(v)
  if v ~= v then return 0 end
  if v > 1e6 then return 1000000 elseif v < -1e6 then return -1000000 end
  return v >= 0 and math.floor(v) or -math.floor(-v)
end

function M.new_factory(k)
  local lib, raise = k.lib, k.raise
  local KIND = {
    doi = tonumber(ffi.new("tc_query_kind", "TC_Q_DOI")), pmid = tonumber(ffi.new("tc_query_kind", "TC_Q_PMID")),
    pmcid = tonumber(ffi.new("tc_query_kind", "TC_Q_PMCID")), text = tonumber(ffi.new("tc_query_kind", "TC_Q_TEXT")),
  }
  local MAX_BODY = tonumber(require("trialcite.cdef").defines.TC_MAX_HTTP_BODY) or 0

  local Resolver = {}
  Resolver.__index = Resolver
  Resolver.__name = "trialcite.resolver"
  Resolver.__tostring = function(self)
    if self._ptr == nil then return "trialcite.resolver (closed)" end
    return "trialcite.resolver (" .. (tostring(self._ptr):match("0x%x+") or "?") .. ")"
  end

  local function check(self, argn, what)
    if getmetatable(self) ~= Resolver then
      error("bad argument #" .. argn .. " to '" .. what .. "' (trialcite.resolver expected)", 3)
    end
    if self._ptr == nil then error("bad argument #" .. argn .. " to '" .. what .. "' (resolver is closed)", 3) end
    if self._busy then
      error("bad argument #" .. argn .. " to '" .. what .. "' (resolver is busy (called from its own on_progress))", 3)
    end
    return self._ptr
  end

  -- A query as (kind, string); raises on misuse like the C binding.
  local function query(x, argn)
    if type(x) == "string" then return 0, x end
    if type(x) ~= "table" then
      error("bad argument #" .. argn .. ": string or table expected, got " .. type(x), 4)
    end
    local kind, s
    for _, key in ipairs(QUERY_KEYS) do
      local v = x[key]
      if v ~= nil then
        if type(v) ~= "string" and not (type(v) == "number" and key == "pmid") then
          error("bad argument #" .. argn .. ": field '" .. key .. "' must be a string", 4)
        end
        if kind then error("bad argument #" .. argn .. ": give one of doi, pmid, pmcid, text", 4) end
        kind = KIND[key]
        s = type(v) == "number" and (v == math.floor(v) and string.format("%d", v) or tostring(v)) or v
      end
    end
    if not kind then error("bad argument #" .. argn .. ": table needs a doi, pmid, pmcid or text field", 4) end
    return kind, s
  end

  local function message(res)
    local e = ffi.string(res.error)
    if e ~= "" then return e end
    return k.strerror(res.status)
  end

  -- The item of one result or nil, message (the JSON is freed by free_json).
  local function item_of(res)
    if res.status == k.TC_OK and res.json ~= nil then
      local v, err = k.decode(ffi.string(res.json, res.json_len))
      if v == nil then return nil, "bad item JSON: " .. tostring(err) end
      return v
    end
    return nil, message(res)
  end

  local function free_json(res)
    if res.json ~= nil then lib.tc_free(res.json); res.json = nil end
  end

  function Resolver:resolve(x)
    local r = check(self, 1, "resolve")
    if type(x) ~= "string" and type(x) ~= "table" then
      error("bad argument #1 to 'resolve' (string or table expected)", 2)   -- self not counted, as Lua does
    end
    local kind, s = query(x, 2)
    local q, res = ffi.new("tc_query"), ffi.new("tc_result")
    q.kind, q.s, q.len = kind, s, #s   -- s stays referenced until the call returns
    local rc = lib.tc_resolve(r, q, res)
    if rc == k.TC_ENOMEM or rc == k.TC_EINVAL then free_json(res); raise(rc, "resolve") end
    local ok, item, err = pcall(item_of, res)
    free_json(res)
    if not ok then error(item, 0) end
    if item == nil then return nil, err end
    return item
  end

  local function run_batch(self, r, list, fn)
    local n = #list
    local pins = {}
    local qs = ffi.new("tc_query[?]", n > 0 and n or 1)
    for i = 1, n do
      local kind, s = query(list[i], 2)
      pins[i] = s
      qs[i - 1].kind, qs[i - 1].s, qs[i - 1].len = kind, s, #s
    end
    local res = ffi.new("tc_result[?]", n > 0 and n or 1)
    local out, stashed = {}, nil
    local cb = ffi.cast("tc_progress_fn", function(_, done, total, index, one)
      if stashed then return 1 end
      local ok, stop = pcall(function()
        local i = tonumber(index) + 1
        local item, err = item_of(one)
        if item == nil then item = { error = err } end
        out[i] = item
        if fn then
          local rv = fn(tonumber(done), tonumber(total), item, i)
          return rv == false
        end
        return false
      end)
      if not ok then stashed = { stop }; return 1 end
      return stop and 1 or 0
    end)
    self._busy = true
    local okc, rc = pcall(lib.tc_resolve_many, r, qs, n, res, cb, nil)
    self._busy = false
    cb:free()
    local okf, ferr = true, nil
    if okc and not stashed then
      okf, ferr = pcall(function()
        for i = 1, n do   -- results the callback did not see (cancelled, or no callback run)
          if out[i] == nil then
            local item, err = item_of(res[i - 1])
            out[i] = item or { error = err }
          end
        end
      end)
    end
    for i = 0, n - 1 do free_json(res[i]) end
    if not okc then error(rc, 0) end
    if stashed then error(stashed[1], 0) end
    if not okf then error(ferr, 0) end
    if rc == k.TC_ENOMEM or rc == k.TC_EINVAL then raise(rc, "resolve_many") end
    local _ = pins
    return out
  end
  -- A C function calling back into Lua must not be entered from a compiled trace.
  if jit and jit.off then jit.off(run_batch) end

  function Resolver:resolve_many(list, opts)
    local r = check(self, 1, "resolve_many")
    if type(list) ~= "table" then error("bad argument #1 to 'resolve_many' (table expected, got " .. type(list) .. ")", 2) end
    local fn
    if opts ~= nil then
      if type(opts) ~= "table" then error("bad argument #2 to 'resolve_many' (table expected, got " .. type(opts) .. ")", 2) end
      fn = opts.on_progress
      if fn ~= nil and type(fn) ~= "function" then
        error("bad option 'on_progress' (function expected, got " .. type(fn) .. ")", 2)
      end
    end
    return run_batch(self, r, list, fn)
  end

  function Resolver:close()
    if getmetatable(self) ~= Resolver then error("bad argument #1 to 'close' (trialcite.resolver expected)", 2) end
    if self._busy then error("trialcite: resolver is busy (closed from its own on_progress)", 2) end
    local p = self._ptr
    if p ~= nil then self._ptr = nil; ffi.gc(p, nil); lib.tc_resolver_free(p) end
  end

  return function(opts)
    local o = ffi.new("tc_resolver_opts")
    local keep = {}
    if opts ~= nil then
      if type(opts) ~= "table" then error("bad argument #1 to 'resolver' (table expected, got " .. type(opts) .. ")", 2) end
      for key in pairs(opts) do
        if type(key) ~= "string" or not KNOWN[key] then
          error("unknown resolver option '" .. (type(key) == "string" and key or type(key)) .. "'", 2)
        end
      end
      for key, ty in pairs(KNOWN) do
        local v = opts[key]
        if v ~= nil and type(v) ~= ty then
          error("bad option '" .. key .. "' (" .. ty .. " expected, got " .. type(v) .. ")", 2)
        end
      end
      for _, key in ipairs({ "mailto", "user_agent", "cache_dir", "crossref_url", "pubmed_url", "api_key" }) do
        if opts[key] ~= nil then keep[#keep + 1] = opts[key]; o[key] = opts[key] end
      end
      o.offline = opts.offline and 1 or 0
      o.timeout = opts.timeout or 0
      o.concurrency = clamp(opts.concurrency or 0)
      o.max_retries = clamp(opts.max_retries or 0)
      if opts.max_retries ~= nil and o.max_retries == 0 then o.max_retries = -1 end   -- 0: no retries
      o.max_retry_wait = opts.max_retry_wait or 0
      local mb = opts.max_body or 0
      o.max_body = not (mb > 0) and 0 or (mb < MAX_BODY and math.floor(mb) or MAX_BODY)
      if o.timeout < 0 then error("bad option 'timeout' (must be positive)", 2) end
    end
    local out = ffi.new("tc_resolver *[1]")
    local rc = lib.tc_resolver_new(o, out)
    local _ = keep
    if rc == k.TC_EINVAL then
      error("trialcite.resolver: crossref_url and pubmed_url must be http:// or https:// URLs", 2)
    end
    if rc ~= k.TC_OK then raise(rc, "resolver") end
    return setmetatable({ _ptr = ffi.gc(out[0], lib.tc_resolver_free) }, Resolver)
  end
end

return M
