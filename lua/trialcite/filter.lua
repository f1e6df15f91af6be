--- trialcite pandoc filter: cited numbers become links to an appended list of references.
--
--   pandoc FILE --lua-filter lua/trialcite/filter.lua -o OUT.html
--
-- The document's text (block by block) goes through tc.parse; every number of every
-- citation marker ("(1-4)", "[3]", "(2,5)") becomes a link to `#ref-N`, and a
-- references section is appended with one entry per cited number, `id="ref-N"`.
-- An entry says what the reference is cited for and, for the appraised trial, the
-- trial itself, when the text is a bundled appraisal (recognised, or named by the
-- metadata); and the bibliography entry when the metadata gives a CSL-JSON file.
--
-- Metadata:
--   trialcite-document:     a bundled document id ("minerva-20577")
--   trialcite-bibliography: a CSL-JSON file (items matched by citation-number, else position)
--   trialcite-lang:         nl | fr | en (the text's language and the section's heading)
-- Environment: TRIALCITE_FILTER_MODE=cli, TRIALCITE_CLI (the command), TRIALCITE_LUA
-- (the interpreter for this checkout's cli.lua, default lua5.4), TRIALCITE_FILTER_DEBUG.
--
-- The C module is found by itself: build/5.3/ (pandoc on Lua 5.3) or build/ (Lua 5.4)
-- next to this file in a checkout, or the Lua tree it is installed in (LUA_CPATH_5_3 /
-- LUA_CPATH_5_4 first, when set).  When the module
-- cannot load, or TRIALCITE_FILTER_MODE=cli, the filter runs the `trialcite` CLI
-- instead (`trialcite parse --records -`, TRIALCITE_CLI to choose the command) and
-- reads its JSON: the output is the same.
-- Written for pandoc 2.17+ (Lua 5.3) and pandoc 3 (Lua 5.4); no Lua 5.4-only syntax.

local LUA_VERSION = _VERSION:match("%d+%.%d+")

--- The directory of this script, from PANDOC_SCRIPT_FILE (or the chunk's source).
local function script_dir()
  local f = PANDOC_SCRIPT_FILE
  if not f then
    local src = debug.getinfo(1, "S").source
    f = src:sub(1, 1) == "@" and src:sub(2) or "./filter.lua"
  end
  return f:match("^(.*)/[^/]*$") or "."
end

local HERE = script_dir()                 -- .../lua/trialcite
local LUA_DIR = HERE .. "/.."             -- .../lua (or an installed Lua tree)
local ROOT = HERE .. "/../.."             -- the checkout root

--- Extends package.path / package.cpath so that require "trialcite" finds this
-- checkout's (or installation's) files; an explicit LUA_PATH / LUA_CPATH comes first.
local function extend_paths()
  local build = LUA_VERSION == "5.4" and (ROOT .. "/build") or (ROOT .. "/build/" .. LUA_VERSION)
  local paths = LUA_DIR .. "/?.lua;" .. LUA_DIR .. "/?/init.lua"
  local cpaths = build .. "/?.so;" .. LUA_DIR .. "/../../../lib/lua/" .. LUA_VERSION .. "/?.so"
  local suffix = "_" .. LUA_VERSION:gsub("%.", "_")
  if os.getenv("LUA_PATH" .. suffix) or os.getenv("LUA_PATH") then package.path = package.path .. ";" .. paths
  else package.path = paths .. ";" .. package.path end
  -- Only the versioned LUA_CPATH_5_3 wins over the checkout: a plain LUA_CPATH is
  -- usually meant for lua5.4, whose modules a Lua 5.3 pandoc cannot load.
  if os.getenv("LUA_CPATH" .. suffix) then package.cpath = package.cpath .. ";" .. cpaths
  else package.cpath = cpaths .. ";" .. package.cpath end
end

-- ---- JSON (the CLI's output and CSL-JSON bibliographies; pandoc 2.17 has no JSON) ----
-- Its own small decoder, not lua/trialcite/json.lua: the filter must keep working as a
-- single file copied away from the checkout (the CLI fallback), where no module is found.

--- Decodes JSON text into Lua values (null -> nil inside tables: absent fields).
-- Returns the value, or nil and a message.
local function json_decode(s)
  local pos = 1
  local function err(msg) error({ json = msg .. " at byte " .. pos }, 0) end
  local function ws() pos = s:find("[^ \t\r\n]", pos) or (#s + 1) end
  local value
  local escapes = { b = "\b", f = "\f", n = "\n", r = "\r", t = "\t", ['"'] = '"', ["\\"] = "\\", ["/"] = "/" }
  local function utf8_char(c)
    if c < 0x80 then return string.char(c)
    elseif c < 0x800 then return string.char(0xC0 | (c >> 6), 0x80 | (c & 0x3F))
    elseif c < 0x10000 then return string.char(0xE0 | (c >> 12), 0x80 | ((c >> 6) & 0x3F), 0x80 | (c & 0x3F))
    else return string.char(0xF0 | (c >> 18), 0x80 | ((c >> 12) & 0x3F), 0x80 | ((c >> 6) & 0x3F), 0x80 | (c & 0x3F)) end
  end
  local function str()
    local out = {}
    pos = pos + 1
    while true do
      local a, b = s:find('["\\]', pos)
      if not a then err("unterminated string") end
      out[#out + 1] = s:sub(pos, a - 1)
      if s:sub(a, a) == '"' then pos = a + 1; break end
      local e = s:sub(a + 1, a + 1)
      if e == "u" then
        local hex = s:sub(a + 2, a + 5)
        if not hex:match("^%x%x%x%x$") then err("bad \\u escape") end
        local c = tonumber(hex, 16)
        pos = a + 6
        if c >= 0xD800 and c <= 0xDBFF and s:sub(pos, pos + 1) == "\\u" then
          local lo = tonumber(s:sub(pos + 2, pos + 5), 16)
          if lo and lo >= 0xDC00 and lo <= 0xDFFF then
            c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00)
            pos = pos + 6
          end
        end
        out[#out + 1] = utf8_char(c)
      else
        if not escapes[e] then err("bad escape") end
        out[#out + 1] = escapes[e]
        pos = a + 2
      end
    end
    return table.concat(out)
  end
  function value(depth)
    if depth > 200 then err("nested too deeply") end
    ws()
    local c = s:sub(pos, pos)
    if c == "{" then
      local t = {}
      pos = pos + 1; ws()
      if s:sub(pos, pos) == "}" then pos = pos + 1; return t end
      while true do
        ws()
        if s:sub(pos, pos) ~= '"' then err("expected a key") end
        local k = str()
        ws()
        if s:sub(pos, pos) ~= ":" then err("expected ':'") end
        pos = pos + 1
        t[k] = value(depth + 1)
        ws()
        local d = s:sub(pos, pos)
        pos = pos + 1
        if d == "}" then return t end
        if d ~= "," then err("expected ',' or '}'") end
      end
    elseif c == "[" then
      local t, n = {}, 0
      pos = pos + 1; ws()
      if s:sub(pos, pos) == "]" then pos = pos + 1; return t end
      while true do
        n = n + 1
        t[n] = value(depth + 1)
        ws()
        local d = s:sub(pos, pos)
        pos = pos + 1
        if d == "]" then return t end
        if d ~= "," then err("expected ',' or ']'") end
      end
    elseif c == '"' then return str()
    elseif s:sub(pos, pos + 3) == "true" then pos = pos + 4; return true
    elseif s:sub(pos, pos + 4) == "false" then pos = pos + 5; return false
    elseif s:sub(pos, pos + 3) == "null" then pos = pos + 4; return nil
    else
      local num = s:match("^-?%d+%.?%d*[eE]?[-+]?%d*", pos)
      if not num or num == "" then err("unexpected character") end
      pos = pos + #num
      return math.tointeger(tonumber(num)) or tonumber(num)
    end
  end
  local ok, v = pcall(function()
    local r = value(0)
    ws()
    if pos <= #s then err("trailing characters") end
    return r
  end)
  if ok then return v end
  if type(v) == "table" and v.json then return nil, v.json end
  error(v, 0)
end

-- ---- the two back ends: the module, or the CLI's JSON ----------------------------

--- The model both back ends produce: { lang=, document=<bundled id>|nil,
-- citations = { {start=, stop=, text=, refs={...}}, ... },
-- references = { {number=, contexts={ {text=}, ... }}, ... },
-- record = <bundled document record>|nil, trials = { [id] = trial } }.

--- The model from the C module (tc); doc_id: metadata's bundled document, or nil.
local function model_from_module(tc, text, lang, doc_id)
  local doc = tc.parse(text, { lang = lang })
  local m = { lang = lang or doc:lang(), citations = doc:citations(), references = {}, trials = {} }
  for _, r in ipairs(doc:references()) do
    local ctx = {}
    for _, c in ipairs(r.contexts or {}) do ctx[#ctx + 1] = { text = c.text } end
    m.references[#m.references + 1] = { number = r.number, contexts = ctx }
  end
  m.document = doc_id or (tc.recognize and tc.recognize(doc)) or nil
  if m.document and tc.document then
    m.record = tc.document(m.document)
    for _, r in ipairs(m.record and m.record.references or {}) do
      if type(r.trial) == "string" and not m.trials[r.trial] then m.trials[r.trial] = tc.trial(r.trial) end
    end
  end
  return m
end

--- The command that runs the CLI: TRIALCITE_CLI (split at spaces), else this
-- checkout's cli.lua under lua5.4, else `trialcite` on the PATH.
local function cli_command()
  local env = os.getenv("TRIALCITE_CLI")
  local words = {}
  if env and env ~= "" then
    for w in env:gmatch("%S+") do words[#words + 1] = w end
  else
    local cli = HERE .. "/cli.lua"
    local f = io.open(cli, "r")
    if f then f:close(); words = { os.getenv("TRIALCITE_LUA") or "lua5.4", cli }
    else words = { "trialcite" } end
  end
  return table.remove(words, 1), words
end

--- The model from `trialcite parse --records -` (the same fields, read from JSON).
local function model_from_cli(text, lang, doc_id)
  local cmd, args = cli_command()
  args[#args + 1] = "parse"
  args[#args + 1] = "--records"
  if lang then args[#args + 1] = "--lang"; args[#args + 1] = lang end
  if doc_id then args[#args + 1] = "--document"; args[#args + 1] = doc_id end
  args[#args + 1] = "-"
  local ok, out = pcall(pandoc.pipe, cmd, args, text)
  if not ok then
    error("trialcite filter: the trialcite CLI failed (" .. cmd .. "): " .. tostring(out), 0)
  end
  local j, err = json_decode(out)
  if type(j) ~= "table" then error("trialcite filter: unreadable CLI output: " .. tostring(err), 0) end
  local m = { lang = lang or (j.lang ~= "" and j.lang or nil), citations = j.citations or {},
              references = {}, trials = {} }
  for _, r in ipairs(j.references or {}) do
    local ctx = {}
    for _, c in ipairs(r.contexts or {}) do ctx[#ctx + 1] = { text = c.text } end
    m.references[#m.references + 1] = { number = r.number, contexts = ctx }
  end
  m.document = j.document
  local b = j.bundled or {}
  m.record = b.document
  m.trials = b.trials or {}
  return m
end

--- With TRIALCITE_FILTER_DEBUG set, says on stderr which back end runs and why.
local function debug_note(msg)
  if os.getenv("TRIALCITE_FILTER_DEBUG") then io.stderr:write("trialcite filter: ", msg, "\n") end
end

--- Loads the module unless TRIALCITE_FILTER_MODE=cli; returns it or nil.
local function load_module()
  if os.getenv("TRIALCITE_FILTER_MODE") == "cli" then debug_note("cli (TRIALCITE_FILTER_MODE=cli)"); return nil end
  extend_paths()
  local ok, tc = pcall(require, "trialcite")
  if ok and type(tc) == "table" and tc.parse then debug_note("module"); return tc end
  debug_note("cli (the module did not load: " .. tostring(tc):match("^[^\n]*") .. ")")
  return nil
end

-- ---- the document's text, and where each Str element sits in it -----------------

local INLINE_CONTAINERS = { Emph = true, Strong = true, Underline = true, Strikeout = true,
  Superscript = true, Subscript = true, SmallCaps = true, Span = true, Quoted = true, Cite = true }

--- Walks blocks in document order, calling visit(kind, el, info) for text pieces:
-- kind "str" (a Str element, rewritable unless info.in_link), "text" (other text),
-- "break" (between blocks).  Returns nothing; the traversal is the same every time,
-- so that the offsets of the first walk hold in the second.
local walk_blocks

local function walk_inlines(inlines, visit, in_link)
  for i, el in ipairs(inlines) do
    local t = el.t or el.tag
    if t == "Str" then visit("str", el, { list = inlines, index = i, in_link = in_link })
    elseif t == "Space" or t == "SoftBreak" then visit("text", " ")
    elseif t == "LineBreak" then visit("text", "\n")
    elseif t == "Code" or t == "Math" then visit("text", el.text)
    elseif t == "Quoted" then
      visit("text", "\"")
      walk_inlines(el.content, visit, in_link)
      visit("text", "\"")
    elseif INLINE_CONTAINERS[t] then walk_inlines(el.content, visit, in_link)
    elseif t == "Link" then walk_inlines(el.content, visit, true)
    elseif t == "Note" then
      visit("break")
      walk_blocks(el.content, visit)
      visit("break")
    end
  end
end

function walk_blocks(blocks, visit)
  for _, b in ipairs(blocks) do
    local t = b.t or b.tag
    if t == "Para" or t == "Plain" or t == "Header" then
      walk_inlines(b.content, visit, false)
      visit("break")
    elseif t == "LineBlock" then
      for _, line in ipairs(b.content) do walk_inlines(line, visit, false); visit("text", "\n") end
      visit("break")
    elseif t == "BlockQuote" or t == "Div" then walk_blocks(b.content, visit)
    elseif t == "BulletList" or t == "OrderedList" then
      for _, item in ipairs(b.content) do walk_blocks(item, visit) end
    elseif t == "DefinitionList" then
      for _, def in ipairs(b.content) do
        walk_inlines(def[1], visit, false)
        visit("break")
        for _, d in ipairs(def[2]) do walk_blocks(d, visit) end
      end
    end
  end
end

--- The plain text of the blocks (blocks separated by blank lines), and the Str
-- elements with their 0-based byte offsets into it.
local function flatten(blocks)
  local parts, n, strs = {}, 0, {}
  local function add(s) parts[#parts + 1] = s; n = n + #s end
  walk_blocks(blocks, function(kind, el, info)
    if kind == "str" then
      strs[#strs + 1] = { off = n, el = el, info = info }
      add(el.text)
    elseif kind == "text" then add(el)
    elseif n > 0 and parts[#parts] ~= "\n\n" then add("\n\n") end
  end)
  return table.concat(parts), strs
end

-- ---- linking the numbers of the markers ------------------------------------------

--- Number spans: for every digit run in a citation marker that names a cited number,
-- {off=<0-based>, len=, number=}, in text order.
local function number_spans(citations)
  local spans = {}
  for _, c in ipairs(citations) do
    local cited = {}
    for _, n in ipairs(c.refs or {}) do cited[n] = true end
    local base = c.start - 1
    for a, digits, b in tostring(c.text):gmatch("()(%d+)()") do
      local n = tonumber(digits)
      if cited[n] then spans[#spans + 1] = { off = base + a - 1, len = b - a, number = n } end
    end
  end
  table.sort(spans, function(x, y) return x.off < y.off end)
  return spans
end

--- Replaces, in their inline lists, the Str elements holding marker numbers with
-- Str / Link / Str pieces; later elements of a list first, so indices stay valid.
local function link_numbers(strs, spans, titles)
  local edits, si = {}, 1
  for _, s in ipairs(strs) do
    local text, off = s.el.text, s.off
    while spans[si] and spans[si].off < off do si = si + 1 end
    local mine = {}
    local k = si
    while spans[k] and spans[k].off + spans[k].len <= off + #text do mine[#mine + 1] = spans[k]; k = k + 1 end
    if #mine > 0 and not s.info.in_link then
      local pieces, at = {}, 1
      for _, sp in ipairs(mine) do
        local from = sp.off - off + 1
        if from > at then pieces[#pieces + 1] = pandoc.Str(text:sub(at, from - 1)) end
        pieces[#pieces + 1] = pandoc.Link({ pandoc.Str(text:sub(from, from + sp.len - 1)) },
          "#ref-" .. sp.number, titles[sp.number] or "", pandoc.Attr("", { "trialcite-ref" }))
        at = from + sp.len
      end
      if at <= #text then pieces[#pieces + 1] = pandoc.Str(text:sub(at)) end
      edits[#edits + 1] = { list = s.info.list, index = s.info.index, pieces = pieces }
    end
    si = k
  end
  for e = #edits, 1, -1 do
    local ed = edits[e]
    table.remove(ed.list, ed.index)
    for p = #ed.pieces, 1, -1 do table.insert(ed.list, ed.index, ed.pieces[p]) end
  end
end

-- ---- the references section ------------------------------------------------------

local HEADINGS = { nl = "Referenties", fr = "Références", en = "References" }
local CITED_FOR = { nl = "Geciteerd voor: ", fr = "Cité pour : ", en = "Cited for: " }
local TRIAL = { nl = "Besproken studie: ", fr = "Étude analysée : ", en = "Appraised trial: " }
local CITED_AS = { nl = "Geciteerd in: ", fr = "Cité dans : ", en = "Cited in: " }

--- A short reference for a CSL-JSON item: "Family A, Family B, et al. Title. Journal
-- Year;Volume(Issue):Pages." with the DOI as a link.
local function csl_inlines(item)
  local parts = {}
  local names = {}
  for i, a in ipairs(type(item.author) == "table" and item.author or {}) do
    if i > 3 then names[#names + 1] = "et al"; break end
    local n = a.family or a.literal or ""
    if a.given then n = n .. " " .. tostring(a.given):gsub("[^%u]", "") end
    names[#names + 1] = n
  end
  if #names > 0 then parts[#parts + 1] = table.concat(names, ", ") .. "." end
  if item.title then parts[#parts + 1] = tostring(item.title):gsub("%.$", "") .. "." end
  local src = item["container-title-short"] or item["container-title"]
  local year = type(item.issued) == "table" and type(item.issued["date-parts"]) == "table"
    and type(item.issued["date-parts"][1]) == "table" and item.issued["date-parts"][1][1]
  local where = (src and tostring(src) or "") .. (year and (" " .. tostring(year)) or "")
  if item.volume then where = where .. ";" .. tostring(item.volume) end
  if item.issue then where = where .. "(" .. tostring(item.issue) .. ")" end
  if item.page then where = where .. ":" .. tostring(item.page) end
  if where ~= "" then parts[#parts + 1] = where:gsub("^ ", "") .. "." end
  local out = {}
  for w in table.concat(parts, " "):gmatch("%S+") do
    if #out > 0 then out[#out + 1] = pandoc.Space() end
    out[#out + 1] = pandoc.Str(w)
  end
  if item.DOI then
    if #out > 0 then out[#out + 1] = pandoc.Space() end
    local doi = tostring(item.DOI)
    out[#out + 1] = pandoc.Link({ pandoc.Str("doi:" .. doi) }, "https://doi.org/" .. doi)
  end
  return out
end

local function words(s)
  local out = {}
  for w in tostring(s):gmatch("%S+") do
    if #out > 0 then out[#out + 1] = pandoc.Space() end
    out[#out + 1] = pandoc.Str(w)
  end
  return out
end

local function append(list, more) for _, x in ipairs(more) do list[#list + 1] = x end end

--- The bibliography items by reference number: citation-number, else position.
local function bibliography_by_number(items)
  local by = {}
  for i, item in ipairs(type(items) == "table" and items or {}) do
    if type(item) == "table" then
      local n = tonumber(item["citation-number"]) or i
      if by[n] == nil then by[n] = item end
    end
  end
  return by
end

--- One Div per cited number (id "ref-N"), under a heading.
local function references_section(m, bib, lang)
  local record_refs = {}
  for _, r in ipairs(m.record and m.record.references or {}) do record_refs[r.number] = r end
  local blocks = { pandoc.Header(2, { pandoc.Str(HEADINGS[lang] or HEADINGS.en) },
                                 pandoc.Attr("trialcite-references", { "trialcite-references" })) }
  for _, r in ipairs(m.references) do
    local n = r.number
    local inl = { pandoc.Strong({ pandoc.Str(tostring(n) .. ".") }) }
    local rec, item = record_refs[n], bib[n]
    local trial = rec and type(rec.trial) == "string" and m.trials[rec.trial] or nil
    if item then append(inl, { pandoc.Space() }); append(inl, csl_inlines(item))
    elseif trial and type(trial.citation) == "table" then append(inl, { pandoc.Space() }); append(inl, csl_inlines(trial.citation)) end
    local body = { pandoc.Para(inl) }
    if rec and rec.cited_for then
      local p = { pandoc.Emph({ pandoc.Str((CITED_FOR[lang] or CITED_FOR.en):gsub(" $", "")) }), pandoc.Space() }
      append(p, words(rec.cited_for))
      body[#body + 1] = pandoc.Para(p)
    end
    if trial then
      local p = { pandoc.Emph({ pandoc.Str((TRIAL[lang] or TRIAL.en):gsub(" $", "")) }), pandoc.Space() }
      append(p, words((trial.acronym and (trial.acronym .. ": ") or "") .. (trial.title or trial.id or "")))
      body[#body + 1] = pandoc.Para(p)
    end
    if not rec and not item and r.contexts[1] and r.contexts[1].text then
      local p = { pandoc.Emph({ pandoc.Str((CITED_AS[lang] or CITED_AS.en):gsub(" $", "")) }), pandoc.Space() }
      append(p, words(r.contexts[1].text))
      body[#body + 1] = pandoc.Para(p)
    end
    blocks[#blocks + 1] = pandoc.Div(body, pandoc.Attr("ref-" .. n, { "trialcite-reference" }))
  end
  return blocks
end

-- ---- metadata and the filter -------------------------------------------------------

local function meta_string(meta, key)
  local v = meta[key]
  if v == nil then return nil end
  local s = pandoc.utils.stringify(v)
  return s ~= "" and s or nil
end

--- Reads the CSL-JSON file named by the metadata (relative to the current directory,
-- else to the input file's); raises with a clear message when it cannot.
local function read_bibliography(path)
  local f = io.open(path, "rb")
  if not f and PANDOC_STATE and PANDOC_STATE.input_files and PANDOC_STATE.input_files[1] then
    local dir = PANDOC_STATE.input_files[1]:match("^(.*)/[^/]*$")
    if dir then f = io.open(dir .. "/" .. path, "rb") end
  end
  if not f then error("trialcite filter: cannot read trialcite-bibliography " .. path, 0) end
  local s = f:read("a")
  f:close()
  local items, err = json_decode(s)
  if type(items) ~= "table" then error("trialcite filter: " .. path .. ": not CSL-JSON (" .. tostring(err) .. ")", 0) end
  return items
end

--- The whole job on the Pandoc document: parse its text, link the numbers, append
-- the references.
local function process(doc)
  local lang = meta_string(doc.meta, "trialcite-lang")
  if lang and not HEADINGS[lang] then
    error("trialcite filter: trialcite-lang must be nl, fr or en, not " .. lang, 0)
  end
  local doc_id = meta_string(doc.meta, "trialcite-document")
  local bib_path = meta_string(doc.meta, "trialcite-bibliography")
  local text, strs = flatten(doc.blocks)
  local tc = load_module()
  local m
  if tc then m = model_from_module(tc, text, lang, doc_id)
  else m = model_from_cli(text, lang, doc_id) end
  if doc_id and not m.record then
    error("trialcite filter: unknown trialcite-document " .. doc_id, 0)
  end
  if #m.references == 0 then return doc end
  local bib = bibliography_by_number(bib_path and read_bibliography(bib_path) or nil)
  local titles = {}
  for _, r in ipairs(m.record and m.record.references or {}) do
    if r.cited_for then titles[r.number] = r.cited_for end
  end
  link_numbers(strs, number_spans(m.citations), titles)
  for _, b in ipairs(references_section(m, bib, m.lang or lang or "en")) do doc.blocks:insert(b) end
  return doc
end

return {
  { Pandoc = process },
}
