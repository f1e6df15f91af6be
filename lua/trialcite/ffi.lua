-- trialcite.core for LuaJIT (Neovim): the same interface that Lua 5.4/5.3 get from the C
-- module plugin/lua_*.c, reached through LuaJIT's FFI and the C library
-- libtrialcite.so.0.  Records are built by decoding the C API's JSON (tc_doc_to_json,
-- tc_data_*_json, tc_lookup_json), which carries exactly the fields the C module sets,
-- with 1-based inclusive start/stop.  Lua 5.1 syntax only.
--
-- The library is searched for in: $TRIALCITE_LIB, the checkout's build/ (found from
-- this file's path), an installation prefix's lib/, then the system's "trialcite".
-- JSON: vim.json.decode in Neovim (vim.fn.json_decode before 0.6), else the portable
-- decoder trialcite.json; core.configure{ decode = fn, encode = fn } overrides both.
local ffi = require "ffi"
local paths = require "trialcite.paths"
local json = require "trialcite.json"

-- The declarations are generated from include/trialcite.h (`make cdef`, checked by
-- tests/test_ffi_layout.lua), never written here by hand: a struct restated here
-- without a field once made the library read past it and crash Neovim.
-- Declared once per LuaJIT state (a retry after a failed load must not redeclare).
local cdef = require "trialcite.cdef"
if not pcall(ffi.typeof, "tc_parse_opts") then ffi.cdef(cdef.source) end

-- Status and language values come from the header's enums as well.
local function enum(ctype, name) return tonumber(ffi.new(ctype, name)) end
local TC_OK, TC_EINVAL, TC_ELIMIT = enum("tc_status", "TC_OK"), enum("tc_status", "TC_EINVAL"), enum("tc_status", "TC_ELIMIT")
local TC_ENOTFOUND, TC_EPARSE = enum("tc_status", "TC_ENOTFOUND"), enum("tc_status", "TC_EPARSE")
local TC_MAX_REF_NUMBER = cdef.defines.TC_MAX_REF_NUMBER
local LANGS = { nl = enum("tc_lang", "TC_LANG_NL"), fr = enum("tc_lang", "TC_LANG_FR"), en = enum("tc_lang", "TC_LANG_EN") }

-- ---- loading the library -------------------------------------------------------------

local lib, lib_path, lib_how
do
  local tried = {}
  for _, c in ipairs(paths.library_candidates()) do
    if c.system or paths.exists(c.path) then
      local ok, l = pcall(ffi.load, c.path)
      if ok then lib, lib_path, lib_how = l, c.path, c.how; break end
      tried[#tried + 1] = c.path .. ": " .. tostring(l)
    elseif c.how == "$TRIALCITE_LIB" then
      tried[#tried + 1] = c.path .. ": no such file"
    end
    -- $TRIALCITE_LIB names the library: never silently another one instead.
    if not lib and c.how == "$TRIALCITE_LIB" then
      error("trialcite: cannot load $TRIALCITE_LIB: " .. tried[#tried], 0)
    end
  end
  if not lib then
    error("trialcite: cannot load the C library " .. paths.SONAME .. " (run `make`, or set TRIALCITE_LIB)"
      .. (#tried > 0 and ("; tried " .. table.concat(tried, "; ")) or ""), 0)
  end
end

local M = {}
M.VERSION = ffi.string(lib.tc_version())
M.backend = "ffi"
M.library = lib_path
M.library_how = lib_how   -- "$TRIALCITE_LIB", "checkout build/", ...
M.array_mt = json.array_mt
M.null = json.null

-- ---- JSON ------------------------------------------------------------------------------

local vim = rawget(_G, "vim")
local fast_decode   -- C decoder of the host, used for records (no key order needed)
if vim and vim.json and vim.json.decode then fast_decode = vim.json.decode
elseif vim and vim.fn and vim.fn.json_decode then fast_decode = vim.fn.json_decode end
if vim and vim.NIL ~= nil then
  json.is_null = function(v) return v == vim.NIL end
end

local decoder, encoder = nil, nil   -- set by configure

local function decode_records(s)
  if decoder then return decoder(s) end
  if fast_decode then return fast_decode(s) end
  local v, err = json.decode(s)
  if v == nil then error("trialcite: internal JSON error: " .. tostring(err), 0) end
  return v
end

--- Overrides the JSON functions: opts.decode(text) -> value, opts.encode(value) -> text.
function M.configure(opts)
  opts = opts or {}
  decoder, encoder = opts.decode, opts.encode
  -- ---- resolver (lua/trialcite/ffi_resolver.lua) -----------------------------------------

M.resolver = require("trialcite.ffi_resolver").new_factory({
  lib = lib, raise = raise, strerror = strerror, TC_OK = TC_OK, TC_EINVAL = TC_EINVAL,
  TC_ENOMEM = enum("tc_status", "TC_ENOMEM"),
  decode = function(s) return json.decode(s, { keep_order = true }) end,
})

return M
end

function M.json_decode(text, opts)
  return json.decode(text, opts)
end

function M.json_encode(v, opts)
  if encoder and not (type(opts) == "table" and opts.pretty) then return encoder(v) end
  return json.encode(v, opts)
end

-- ---- helpers -------------------------------------------------------------------------

local function strerror(rc) return ffi.string(lib.tc_strerror(rc)) end
local function raise(rc, what) error("trialcite: " .. what .. ": " .. strerror(rc), 3) end

-- Calls f(out, out_len) and returns the text it produced (freed here) or nil, rc.
local function out_string(f)
  local out, len = ffi.new("char *[1]"), ffi.new("size_t[1]")
  local rc = f(out, len)
  if rc ~= TC_OK then return nil, rc end
  local s = ffi.string(out[0], len[0])
  lib.tc_free(out[0])
  return s
end

local function deep_copy(v)
  if type(v) ~= "table" then return v end
  local c = {}
  for k, x in pairs(v) do c[k] = deep_copy(x) end
  local mt = getmetatable(v)
  if mt == json.array_mt then setmetatable(c, mt) end
  return c
end

-- The bundled data, loaded on first use and kept for the process.
local bundled
local function data()
  if bundled then return bundled end
  local p = ffi.new("tc_data *[1]")
  local rc = lib.tc_data_bundled(p)
  if rc ~= TC_OK then raise(rc, "bundled data") end
  bundled = ffi.gc(p[0], lib.tc_data_free)
  return bundled
end

-- ---- documents -------------------------------------------------------------------------

local Doc = {}
Doc.__index = Doc
Doc.__name = "trialcite.doc"

local function check(self, what)
  if getmetatable(self) ~= Doc then
    error("bad argument #1 to '" .. what .. "' (trialcite.doc expected)", 3)
  end
  if self._ptr == nil then error("bad argument #1 to '" .. what .. "' (document is closed)", 3) end
  return self._ptr
end

-- Makes every span record's text the exact bytes of the document (the JSON carries
-- invalid UTF-8 as U+FFFD; the C module gives the bytes as they are).
local function fix_texts(v, text)
  if type(v) ~= "table" then return end
  if type(v.start) == "number" and type(v.stop) == "number" and type(v.text) == "string" then
    v.text = text:sub(v.start, v.stop)
  end
  for _, x in pairs(v) do fix_texts(x, text) end
end

-- The decoded tc_doc_to_json record, built once per document.
local function record(self, what)
  local ptr = check(self, what)
  if self._rec then return self._rec end
  local s, rc = out_string(function(o, l) return lib.tc_doc_to_json(ptr, o, l) end)
  if not s then raise(rc, "to_json") end
  local rec = decode_records(s)
  local text = self:text()
  if text:find("[%z\128-\255]") then fix_texts(rec, text) end
  self._rec = rec
  return rec
end

local function list(self, what, key)
  local rec = record(self, what)
  return deep_copy(rec[key] or {})
end

function Doc:citations() return list(self, "citations", "citations") end
function Doc:references() return list(self, "references", "references") end
function Doc:statistics() return list(self, "statistics", "statistics") end
function Doc:checks() return list(self, "checks", "checks") end
function Doc:sections() return list(self, "sections", "sections") end
function Doc:sentences() return list(self, "sentences", "sentences") end

function Doc:reference(n)
  local rec = record(self, "reference")
  if type(n) ~= "number" then error("bad argument #2 to 'reference' (number expected, got " .. type(n) .. ")", 2) end
  for _, r in ipairs(rec.references or {}) do
    if r.number == n then return deep_copy(r) end
  end
  return nil
end

function Doc:to_json()
  local ptr = check(self, "to_json")
  local s, rc = out_string(function(o, l) return lib.tc_doc_to_json(ptr, o, l) end)
  if not s then raise(rc, "to_json") end
  return s
end

function Doc:text()
  local ptr = check(self, "text")
  local len = ffi.new("size_t[1]")
  local p = lib.tc_doc_text(ptr, len)
  return ffi.string(p, len[0])
end

function Doc:lang() return ffi.string(lib.tc_lang_name(lib.tc_doc_lang(check(self, "lang")))) end

function Doc:id()
  local ptr = check(self, "id")
  local len = ffi.new("size_t[1]")
  local p = lib.tc_doc_id(ptr, len)
  if len[0] == 0 then return nil end
  return ffi.string(p, len[0])
end

--- Frees the document now; further use raises.  Closing twice is harmless.
function Doc:close()
  local ptr = self._ptr
  if ptr ~= nil then
    self._ptr = nil
    self._rec = nil
    ffi.gc(ptr, nil)
    lib.tc_doc_free(ptr)
  end
end

Doc.__tostring = function(self)
  if self._ptr == nil then return "trialcite.doc (closed)" end
  return string.format("trialcite.doc (%d bytes, %d citations, %d statistics)", #self:text(),
    tonumber(lib.tc_doc_citation_count(self._ptr)), tonumber(lib.tc_doc_stat_count(self._ptr)))
end

function M.is_doc(v) return getmetatable(v) == Doc end

local function wrap_doc(ptr) return setmetatable({ _ptr = ffi.gc(ptr, lib.tc_doc_free) }, Doc) end

-- opts.lang as a tc_lang (0 when absent), as plugin/lua_doc.c's tc_lua_opt_lang reads
-- it; a bad one raises at `level` (counted from here) naming argument #2 of `what`.
local function lang_opt(opts, what, level)
  local l = opts.lang
  if l == nil then return 0 end
  if type(l) ~= "string" then error("bad argument #2 to '" .. what .. "' (opts.lang must be a string)", level) end
  return LANGS[l]
    or error("bad argument #2 to '" .. what .. "' (opts.lang: expected \"nl\", \"fr\" or \"en\", got \"" .. l .. "\")", level)
end

-- tc_parse_opts from the options of tc.parse and tc.parse_file (lang, id, threads), read
-- as plugin/lua_doc.c's tc_lua_parse_opts reads them; and the id string, which the caller
-- keeps alive during the call.  Errors name the caller's caller's argument.
local function parse_opts(opts, what)
  local o = ffi.new("tc_parse_opts")
  if opts == nil then return o end
  local function bad(msg) error("bad argument #2 to '" .. what .. "' (" .. msg .. ")", 4) end
  if type(opts) ~= "table" then bad("table expected, got " .. type(opts)) end
  o.lang = lang_opt(opts, what, 4)
  local id = opts.id
  if id ~= nil then
    if type(id) ~= "string" then bad("opts.id must be a string") end
    o.id, o.id_len = id, #id
  end
  local t = opts.threads
  if t ~= nil then
    if type(t) ~= "number" or t % 1 ~= 0 or t < 0 or t > 255 then bad("opts.threads must be an integer from 0 to 255") end
    o.flags = t * 2 ^ cdef.defines.TC_PARSE_THREADS_SHIFT
  end
  return o, id
end

function M.parse(text, opts)
  if type(text) ~= "string" then
    error("bad argument #1 to 'parse' (string expected, got " .. type(text) .. ")", 2)
  end
  local o, id = parse_opts(opts, "parse")   -- id: alive during the call
  -- Never TC_PARSE_BORROW here, since the document would then point into a Lua
  -- string that LuaJIT may collect while the document lives.
  local out = ffi.new("tc_doc *[1]")
  local rc = lib.tc_parse(text, #text, o, out)
  if rc == TC_ELIMIT then error("trialcite.parse: text of " .. #text .. " bytes exceeds the limit", 2) end
  if rc ~= TC_OK then raise(rc, "parse") end
  return wrap_doc(out[0])
end

--- Parses many texts on N threads (tc_parse_many_opts): documents, or {error=message}
-- for entries that are not strings or failed, in input order.  As for tc.parse, the
-- library copies every text (no TC_PARSE_BORROW); the strings and ids are anchored in
-- Lua tables for the duration of the call.
function M.parse_many(texts, opts)
  if type(texts) ~= "table" then
    error("bad argument #1 to 'parse_many' (table expected, got " .. type(texts) .. ")", 2)
  end
  local threads, lang, ids = 0, 0, nil
  if opts ~= nil then
    if type(opts) ~= "table" then error("bad argument #2 to 'parse_many' (table expected, got " .. type(opts) .. ")", 2) end
    if opts.threads ~= nil then
      local t = opts.threads
      if type(t) ~= "number" or t ~= math.floor(t) or t < 0 or t > 1024 then
        error("bad argument #2 to 'parse_many' (opts.threads must be an integer from 0 to 1024)", 2)
      end
      threads = t
    end
    lang = lang_opt(opts, "parse_many", 3)
    if opts.ids ~= nil then
      if type(opts.ids) ~= "table" then error("bad argument #2 to 'parse_many' (opts.ids must be a table)", 2) end
      ids = opts.ids
    end
  end
  local n = #texts
  local pins, where, results = {}, {}, {}
  for i = 1, n do
    local s = rawget(texts, i)
    if type(s) == "string" then
      local id = ids and rawget(ids, i)
      pins[#pins + 1] = { s, type(id) == "string" and id or nil }
      where[#pins] = i
    else
      results[i] = { error = string.format("entry %d is a %s, not a string", i, type(s)) }
    end
  end
  local m = #pins
  if m > 0 then
    local ctexts, lens = ffi.new("const char *[?]", m), ffi.new("size_t[?]", m)
    local popts = ffi.new("tc_parse_opts[?]", m)
    local docs, status = ffi.new("tc_doc *[?]", m), ffi.new("int[?]", m)
    for k = 1, m do
      local s, id = pins[k][1], pins[k][2]
      ctexts[k - 1], lens[k - 1] = s, #s
      popts[k - 1].lang = lang
      if id then popts[k - 1].id, popts[k - 1].id_len = id, #id end
    end
    local rc = lib.tc_parse_many_opts(ctexts, lens, popts, m, threads, docs, status)
    if rc ~= TC_OK then raise(rc, "parse_many") end
    for k = 1, m do   -- every document owned by Lua first, so that nothing leaks
      if docs[k - 1] ~= nil then results[where[k]] = wrap_doc(docs[k - 1]) end
    end
    for k = 1, m do
      local st = status[k - 1]
      if st ~= TC_OK then
        results[where[k]] = { error = st == TC_ELIMIT and string.format("text of %d bytes exceeds the limit", #pins[k][1])
          or strerror(st) }
      end
    end
  end
  return results
end

--- core.forest_svg_json(json [, {width=, title=}]) -> SVG text, or nil, message.
function M.forest_svg_json(text, opts)
  if type(text) ~= "string" then
    error("bad argument #1 to 'forest_svg_json' (string expected, got " .. type(text) .. ")", 2)
  end
  local o = ffi.new("tc_forest_opts")
  local title   -- kept alive during the call
  if opts ~= nil then
    if type(opts) ~= "table" then error("bad argument #2 to 'forest_svg_json' (table expected, got " .. type(opts) .. ")", 2) end
    if opts.width ~= nil then
      local w = opts.width
      if type(w) ~= "number" or not (w >= 1 and w <= 100000) then
        error("bad argument #2 to 'forest_svg_json' (opts.width must be a number of pixels)", 2)
      end
      o.width = math.floor(w)
    end
    if opts.title ~= nil then
      if type(opts.title) ~= "string" then error("bad argument #2 to 'forest_svg_json' (opts.title must be a string)", 2) end
      title = opts.title
      o.title, o.title_len = title, #title
    end
  end
  local svg, rc = out_string(function(p, l) return lib.tc_forest_svg(text, #text, o, p, l) end)
  if rc == TC_EPARSE then return nil, "forest_svg: expected a JSON array of results or a trial object" end
  if not svg then raise(rc, "forest_svg") end
  return svg
end

function M.clean(s)
  if type(s) ~= "string" then error("bad argument #1 to 'clean' (string expected, got " .. type(s) .. ")", 2) end
  local r, rc = out_string(function(o, l) return lib.tc_text_clean(s, #s, o, l) end)
  if not r then raise(rc, "clean") end
  return r
end

-- ---- bundled data ----------------------------------------------------------------------

-- Data records keep the key order of the data files, as the C module's do (re-encoded,
-- they print the same bytes on both backends).
local function decode_data(s)
  if decoder then return decoder(s) end
  local v, err = json.decode(s, { keep_order = true })
  if v == nil then error("trialcite: internal JSON error: " .. tostring(err), 0) end
  return v
end

local function data_json(what, f)
  local s, rc = out_string(f)
  if not s then raise(rc, what) end
  return decode_data(s)
end

-- The functions over one tc_data: the bundled data (tc.documents, ...) or a user's own
-- file (tc.load_trials(json) -> data with the same functions as methods).
local function documents_of(d)
  return data_json("documents", function(o, l) return lib.tc_data_documents_json(d, o, l) end)
end

local function trials_of(d)
  return data_json("trials", function(o, l) return lib.tc_data_trials_json(d, o, l) end)
end

local function trial_of(d, x, argn)
  if type(x) ~= "string" and type(x) ~= "number" then
    error("bad argument #" .. argn .. " to 'trial' (string expected, got " .. type(x) .. ")", 3)
  end
  local key = tostring(x)
  if type(x) == "number" and x == math.floor(x) and x > -1e15 and x < 1e15 then key = string.format("%d", x) end
  local s, rc = out_string(function(o, l) return lib.tc_data_trial_json(d, key, #key, o, l) end)
  if rc == TC_ENOTFOUND then return nil, 'no trial matches "' .. key .. '"' end
  if not s then raise(rc, "trial") end
  return decode_data(s)
end

local function document_of(d, id, argn)
  if type(id) ~= "string" then
    error("bad argument #" .. argn .. " to 'document' (string expected, got " .. type(id) .. ")", 3)
  end
  local s, rc = out_string(function(o, l) return lib.tc_data_document_json(d, id, #id, o, l) end)
  if rc == TC_ENOTFOUND then return nil, 'no document "' .. id .. '"' end
  if not s then raise(rc, "document") end
  return decode_data(s)
end

local function recognize_of(d, doc)
  local ptr = check(doc, "recognize")
  local id = lib.tc_data_recognize(d, ptr)
  if id == nil then return nil, "not one of the known documents" end
  return ffi.string(id)
end

function M.documents() return documents_of(data()) end
function M.trials() return trials_of(data()) end
function M.trial(x) return trial_of(data(), x, 1) end
function M.document(id) return document_of(data(), id, 1) end
function M.recognize(doc) return recognize_of(data(), doc) end

local Data = {}
Data.__index = Data
Data.__name = "trialcite.data"

local function data_ptr(self, what)
  if getmetatable(self) ~= Data then error("bad argument #1 to '" .. what .. "' (trialcite.data expected)", 3) end
  if self._ptr == nil then error("bad argument #1 to '" .. what .. "' (data is closed)", 3) end
  return self._ptr
end

function Data:documents() return documents_of(data_ptr(self, "documents")) end
function Data:trials() return trials_of(data_ptr(self, "trials")) end
function Data:trial(x) return trial_of(data_ptr(self, "trial"), x, 2) end
function Data:document(id) return document_of(data_ptr(self, "document"), id, 2) end
function Data:recognize(doc) return recognize_of(data_ptr(self, "recognize"), doc) end
function Data:close()
  local p = self._ptr
  if p ~= nil then self._ptr = nil; ffi.gc(p, nil); lib.tc_data_free(p) end
end
Data.__tostring = function(self)
  if self._ptr == nil then return "trialcite.data (closed)" end
  return "trialcite.data (" .. tostring(self._ptr):match("0x%x+") .. ")"
end

--- A user's data file of the bundled shape -> data with documents/trials/trial/document/
-- recognize methods, or nil, message naming the offending field.
function M.load_trials(json_text)
  if type(json_text) ~= "string" then
    error("bad argument #1 to 'load_trials' (string expected, got " .. type(json_text) .. ")", 2)
  end
  local out, err = ffi.new("tc_data *[1]"), ffi.new("char[400]")
  local rc = lib.tc_data_load(json_text, #json_text, out, err, 400)
  if rc == TC_EPARSE then return nil, ffi.string(err) end
  if rc ~= TC_OK then raise(rc, "load_trials") end
  return setmetatable({ _ptr = ffi.gc(out[0], lib.tc_data_free) }, Data)
end

-- ---- lookup and enrichment (the C module's lookup_json / annotate_json / annotate_bibtex)

local function source(x, argn, what)
  if type(x) == "string" then return nil, x end
  if getmetatable(x) == Doc then return check(x, what), nil end
  error("bad argument #" .. argn .. " to '" .. what .. "' (expected a parsed document or a bundled document id, got "
    .. type(x) .. ")", 3)
end

local function unknown_id(id, what)
  error("bad argument #2 to '" .. what .. "' (unknown document id '" .. id .. "')", 3)
end

function M.lookup_json(n, doc_or_id)
  if type(n) ~= "number" then error("bad argument #1 to 'lookup_json' (number expected, got " .. type(n) .. ")", 2) end
  local ptr, id = source(doc_or_id, 2, "lookup_json")
  if n ~= math.floor(n) or n < 1 or n > TC_MAX_REF_NUMBER then
    return nil, "reference " .. string.format("%d", math.floor(n)) .. " is not cited"
  end
  local d = data()
  local s, rc = out_string(function(o, l) return lib.tc_lookup_json(d, ptr, id, id and #id or 0, n, o, l) end)
  if rc == TC_ENOTFOUND then return nil, string.format("reference %d is not cited", n) end
  if rc == TC_EINVAL and id then unknown_id(id, "lookup_json") end
  if not s then raise(rc, "lookup") end
  return s
end

-- ---- extraction (the C module's extract_trial_json / extract_trial_reference)

function M.extract_trial_json(doc, id, pretty)
  local ptr = check(doc, "extract_trial_json")
  if id ~= nil and type(id) ~= "string" then
    error("bad argument #2 to 'extract_trial_json' (string expected, got " .. type(id) .. ")", 2)
  end
  local o = ffi.new("tc_extract_opts", { id = id, id_len = id and #id or 0, pretty = pretty and 1 or 0 })
  local s, rc = out_string(function(out, l) return lib.tc_extract_trial_json(ptr, o, out, l) end)
  if not s then raise(rc, "extract_trial") end
  return s
end

function M.extract_trial_reference(doc)
  local n = lib.tc_extract_trial_reference(check(doc, "extract_trial_reference"))
  if n == 0 then return nil, "no reference cites the appraised trial" end
  return tonumber(n)
end

local function check_field(f, a, b, what)
  if f == nil then return a end
  if f ~= a and f ~= b then
    error("bad argument #3 to '" .. what .. "' (field must be \"" .. a .. "\" or \"" .. b .. "\", got \"" .. tostring(f) .. "\")", 3)
  end
  return f
end

local function annotate_with(fn, what, text, doc_or_id, field, pretty, bad_input)
  if type(text) ~= "string" then error("bad argument #1 to '" .. what .. "' (string expected, got " .. type(text) .. ")", 3) end
  local ptr, id = source(doc_or_id, 2, what)
  local o = ffi.new("tc_annotate_opts")
  o.field, o.pretty = field, pretty and 1 or 0
  local out, len = ffi.new("char *[1]"), ffi.new("size_t[1]")
  local rep, rlen = ffi.new("char *[1]"), ffi.new("size_t[1]")
  local rc = fn(data(), ptr, id, id and #id or 0, text, #text, o, out, len, rep, rlen)
  if rc == TC_OK then
    local a, b = ffi.string(out[0], len[0]), ffi.string(rep[0], rlen[0])
    lib.tc_free(out[0]); lib.tc_free(rep[0])
    return a, b
  end
  if rc == TC_EPARSE then return nil, bad_input end
  if rc == TC_EINVAL and id then unknown_id(id, what) end
  raise(rc, what)
end

function M.annotate_json(items, doc_or_id, field, pretty)
  local f = check_field(field, "annote", "note", "annotate_json")
  return annotate_with(lib.tc_annotate_csl, "annotate_json", items, doc_or_id, f, pretty,
    "items are not a CSL-JSON array")
end

function M.annotate_bibtex(text, doc_or_id, field)
  local f = check_field(field, "annotation", "annote", "annotate_bibtex")
  return annotate_with(lib.tc_annotate_bibtex, "annotate_bibtex", text, doc_or_id, f, false, "malformed BibTeX")
end

-- ---- files and batches (lua/trialcite/ffi_batch.lua) --------------------------------------

require("trialcite.ffi_batch").install(M, {
  lib = lib, enum = enum, raise = raise,
  wrap_doc = wrap_doc, parse_opts = parse_opts, lang_opt = lang_opt,
})

function M.doi_normalize(s)
  if type(s) ~= "string" then error("bad argument #1 to 'doi_normalize' (string expected, got " .. type(s) .. ")", 2) end
  local buf, len = ffi.new("char[1024]"), ffi.new("size_t[1]")
  local rc = lib.tc_doi_normalize(s, #s, buf, 1024, len)
  if rc ~= TC_OK then return nil, "not a DOI: " .. s end
  return ffi.string(buf, len[0])
end

-- ---- resolver (lua/trialcite/ffi_resolver.lua) -----------------------------------------

M.resolver = require("trialcite.ffi_resolver").new_factory({
  lib = lib, raise = raise, strerror = strerror, TC_OK = TC_OK, TC_EINVAL = TC_EINVAL,
  TC_ENOMEM = enum("tc_status", "TC_ENOMEM"),
  decode = function(s) return json.decode(s, { keep_order = true }) end,
})

return M
