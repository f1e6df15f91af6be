-- require "trialcite": the C core (trialcite.core) plus the pure-Lua helpers.
-- Lua 5.4/5.3 load the core as a C module; LuaJIT (Neovim) will reach the same C API
-- through the FFI (lua/trialcite/ffi.lua, with the hosts).  Keep this file portable:
-- no Lua 5.4-only syntax (no <close>, no integer division, no goto).
-- The core: the C module (Lua 5.4/5.3), or the same C API through LuaJIT's FFI
-- (lua/trialcite/ffi.lua).  Loaded at once, except in Neovim, where it loads on first
-- use (requiring trialcite, or calling setup, in a config costs no library load); a
-- failed load is retried on the next use.
local core
local M = {}

local function load_core()
  if core then return core end
  local ok, c = pcall(require, "trialcite.core")
  if not ok then
    if not rawget(_G, "jit") then error(c, 0) end
    local fok, f = pcall(require, "trialcite.ffi")
    if not fok then
      if type(package.loaded["trialcite.ffi"]) ~= "table" then package.loaded["trialcite.ffi"] = nil end
      error(f, 0)
    end
    c = f
  end
  core = c
  for k, v in pairs(c) do if rawget(M, k) == nil then rawset(M, k, v) end end
  if rawget(M, "backend") == nil then rawset(M, "backend", "c") end   -- "ffi" through lua/trialcite/ffi.lua
  setmetatable(M, nil)
  return core
end

--- Loads the core now (it loads by itself on first use); raises when it cannot.
function M.load() load_core(); return M end

-- Any field of the core not yet copied: load it (Neovim's lazy start).
setmetatable(M, { __index = function(_, k) load_core(); return rawget(M, k) end })

--- True for a parsed document (tc.parse), on either backend.
function M.is_doc(v)
  local c = load_core()
  if c.is_doc then return c.is_doc(v) end
  local mt = getmetatable(v)
  return type(v) == "userdata" and type(mt) == "table" and mt.__name == "trialcite.doc"
end

--- Neovim: configures the editor integration (lua/trialcite/nvim.lua); elsewhere a no-op.
function M.setup(opts)
  if rawget(_G, "vim") and vim.api then return require("trialcite.nvim").setup(opts) end
  return M
end

local function decode(text, keep_order)
  local v, err = load_core().json_decode(text, keep_order and { keep_order = true } or nil)
  if v == nil then error("trialcite: internal JSON error: " .. tostring(err), 3) end
  return v
end

-- Raises, in the caller's name, on a document id that is not bundled (the core would
-- raise too, but naming its own internal function).
local function check_source(x, fname)
  if type(x) ~= "string" then return end
  local c = load_core()
  for _, d in ipairs(c.documents and c.documents() or {}) do
    if d.id == x then return end
  end
  if not c.documents then return end
  error("bad argument #2 to '" .. fname .. "' (unknown document id '" .. x .. "')", 3)
end

--- What a document says about reference n.
-- doc_or_id: a parsed document (tc.parse) or a bundled document id ("minerva-20577").
-- Returns { number=, document=, cited_for=, sections={...}, contexts={...},
-- findings={...}, trial=<trial record> on the appraised-trial reference, notes=... },
-- or nil, message when n is not cited.  Raises on an unknown document id.
function M.lookup(n, doc_or_id)
  if type(n) ~= "number" then
    error("bad argument #1 to 'lookup' (number expected, got " .. type(n) .. ")", 2)
  end
  if n ~= math.floor(n) or not (n > -2^53 and n < 2^53) then   -- 1.5, 1e20, inf, nan
    return nil, "reference " .. string.format("%.14g", n) .. " is not cited"
  end
  if math.tointeger then n = math.tointeger(n) end
  check_source(doc_or_id, "lookup")
  local s, err = load_core().lookup_json(n, doc_or_id)
  if not s then return nil, err end
  return decode(s)
end

--- The trial a text reports or appraises, extracted from the text alone: a record in
-- the bundled schema with an evidence span for every number (README, "Extraction").
-- opts.id: the record's id (default: the document's id, else "extracted").
function M.extract_trial(doc, opts)
  if not M.is_doc(doc) then
    error("bad argument #1 to 'extract_trial' (parsed document expected, got " .. type(doc) .. ")", 2)
  end
  if opts ~= nil and type(opts) ~= "table" then
    error("bad argument #2 to 'extract_trial' (table expected, got " .. type(opts) .. ")", 2)
  end
  local id = opts and opts.id
  if id ~= nil and type(id) ~= "string" then
    error("bad argument #2 to 'extract_trial' (opts.id must be a string, got " .. type(id) .. ")", 2)
  end
  return decode(load_core().extract_trial_json(doc, id), true)
end

local function field_of(opts, fname, default, allowed)
  if opts == nil then return default end
  if type(opts) ~= "table" then
    error("bad argument #3 to '" .. fname .. "' (table expected, got " .. type(opts) .. ")", 3)
  end
  local f = opts.field
  if f == nil then return default end
  if allowed and not allowed[f] then
    local names = {}
    for k in pairs(allowed) do names[#names + 1] = '"' .. k .. '"' end
    table.sort(names)
    error("bad argument #3 to '" .. fname .. "' (field must be " .. table.concat(names, " or ") ..
      ", got " .. (type(f) == "string" and '"' .. f .. '"' or type(f)) .. ")", 3)
  end
  return f
end


--- Enriches a CSL-JSON array (a Lua array of item tables) with what the document says
-- about each item's reference number (citation-number, else position).
-- opts.field = "annote" (default) | "note".  Returns the enriched items (key order of
-- items decoded with keep_order is kept) and a report (a list of
-- {code=, severity=, message=, index=, number=}); nil, message for items that are not
-- an array.
function M.annotate(items, doc_or_id, opts)
  if type(items) ~= "table" then
    error("bad argument #1 to 'annotate' (CSL-JSON array expected, got " .. type(items) .. ")", 2)
  end
  local field = field_of(opts, "annotate", "annote", { annote = true, note = true })
  check_source(doc_or_id, "annotate")
  local text
  if next(items) == nil then text = "[]" else text = load_core().json_encode(items) end
  if text:sub(1, 1) ~= "[" then
    error("bad argument #1 to 'annotate' (CSL-JSON array expected, got an object)", 2)
  end
  local out, report = load_core().annotate_json(text, doc_or_id, field)
  if not out then return nil, report end
  return decode(out, true), decode(report)
end

--- The same for BibTeX text: returns the enriched text and the report.
-- opts.field = "annotation" (default, BibLaTeX) | "annote".
function M.annotate_bibtex(text, doc_or_id, opts)
  if type(text) ~= "string" then
    error("bad argument #1 to 'annotate_bibtex' (string expected, got " .. type(text) .. ")", 2)
  end
  local field = field_of(opts, "annotate_bibtex", "annotation", { annotation = true, annote = true })
  check_source(doc_or_id, "annotate_bibtex")
  local out, report = load_core().annotate_bibtex(text, doc_or_id, field)
  if not out then return nil, report end
  return out, decode(report)
end


--- A forest plot as standalone SVG text: one row per result with an estimate and a CI
-- (ratio measures on a log axis with a null line at 1, differences on a linear axis
-- with a null line at 0).  x: a trial record (its .results; its title by default) or a
-- list of results in the trial-record shape.  opts.width (pixels), opts.title.
-- Returns nil, message for anything else.
function M.forest_svg(x, opts)
  if type(x) ~= "table" then
    error("bad argument #1 to 'forest_svg' (trial or results expected, got " .. type(x) .. ")", 2)
  end
  if opts ~= nil and type(opts) ~= "table" then
    error("bad argument #2 to 'forest_svg' (table expected, got " .. type(opts) .. ")", 2)
  end
  local results, title = x, nil
  if x.results ~= nil or x.id ~= nil or x.title ~= nil then
    results, title = x.results, x.title
    if type(results) ~= "table" then return nil, "forest_svg: the trial has no results" end
  end
  local o = { width = opts and opts.width, title = (opts and opts.title) or title }
  if type(o.title) ~= "string" then o.title = nil end
  local text = next(results) == nil and "[]" or load_core().json_encode(results)
  if results ~= x and type(x.arms) == "table" and next(results) ~= nil then
    -- a trial: its arms name the sides of the null line ("favours MORE + methadone")
    text = load_core().json_encode({ results = results, arms = x.arms })
  end
  return load_core().forest_svg_json(text, o)
end

if not (rawget(_G, "vim") and rawget(_G, "jit")) then load_core() end

return M
