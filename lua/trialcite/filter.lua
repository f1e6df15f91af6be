--- trialcite pandoc filter: cited numbers become links to what the document cites.
--
--   pandoc FILE --lua-filter lua/trialcite/filter.lua -o OUT.html
--
-- The document's text (block by block, table cells included) goes through tc.parse;
-- every number of every citation marker ("(1-4)", "[3]", "(2,5)") outside the
-- document's own reference list becomes a link to `#ref-N`.  When the document has a
-- reference list (a section the library classes as `references`, its entries an
-- ordered list or paragraphs starting "N." / "[N]"), each entry becomes `id="ref-N"`
-- and gets trialcite's annotation; otherwise a references section is appended with
-- one entry per cited number.  An entry is one paragraph: the number, the reference
-- (the CSL-JSON item, or the trial's citation), what it is cited for, and for the
-- appraised trial its key results (primary results with their intervals) when the
-- text is a bundled appraisal (recognised, or named by the metadata); else the citing
-- sentence.
--
-- Metadata:
--   trialcite-document:     a bundled document id ("minerva-20577")
--   trialcite-bibliography: a CSL-JSON file (items matched by citation-number, else position)
--   trialcite-lang:         nl | fr | en (the text's language and the section's heading)
-- Environment: TRIALCITE_FILTER_MODE=cli, TRIALCITE_CLI (the command; the error when
-- none can be run says to set it), TRIALCITE_LUA
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
  local m = { lang = lang or doc:lang(), citations = doc:citations(), references = {}, trials = {},
              sections = doc:sections() }
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

--- Whether a program can be run: an existing path, or a name on the PATH.
local function runnable(cmd)
  if cmd:find("/", 1, true) then
    local f = io.open(cmd, "r")
    if f then f:close() end
    return f ~= nil
  end
  local ok = os.execute("command -v '" .. cmd:gsub("'", "'\\''") .. "' >/dev/null 2>&1")
  return ok == true or ok == 0
end

--- The command that runs the CLI: TRIALCITE_CLI (split at spaces), else this
-- checkout's cli.lua under lua5.4, else `trialcite` on the PATH.  Raises, saying to set
-- TRIALCITE_CLI, when none of them can be run.
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
  if not runnable(words[1]) then
    error("trialcite filter: no trialcite CLI found (`" .. words[1] .. "` cannot be run) to use instead of "
      .. "the module: set TRIALCITE_CLI to the command, e.g. "
      .. "TRIALCITE_CLI='lua5.4 /path/to/trialcite/lua/trialcite/cli.lua'", 0)
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
              references = {}, trials = {}, sections = j.sections or {} }
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
    elseif t == "Table" then
      -- caption, head, bodies (their head rows, then body rows), foot: each cell a block
      local function rows(list)
        for _, row in ipairs(list or {}) do
          for _, cell in ipairs(row.cells or {}) do walk_blocks(cell.contents, visit); visit("break") end
        end
      end
      if b.caption and b.caption.long then walk_blocks(b.caption.long, visit) end
      if b.head then rows(b.head.rows) end
      for _, body in ipairs(b.bodies or {}) do rows(body.head); rows(body.body) end
      if b.foot then rows(b.foot.rows) end
    end
  end
end

--- The plain text of the blocks (blocks separated by blank lines), the Str elements
-- with their 0-based byte offsets into it, and each top-level block's range
-- { from=, to= } (0-based, end exclusive).
local function flatten(blocks)
  local parts, n, strs, tops = {}, 0, {}, {}
  local function add(s) parts[#parts + 1] = s; n = n + #s end
  local function visit(kind, el, info)
    if kind == "str" then
      strs[#strs + 1] = { off = n, el = el, info = info }
      add(el.text)
    elseif kind == "text" then add(el)
    elseif n > 0 and parts[#parts] ~= "\n\n" then add("\n\n") end
  end
  for i, b in ipairs(blocks) do
    local from = n
    walk_blocks({ b }, visit)
    tops[i] = { from = from, to = n }
  end
  return table.concat(parts), strs, tops
end

-- ---- linking the numbers of the markers ------------------------------------------

--- What reference n is cited for at a marker in a section of the given kind: the
-- bundled record's use there (`other_uses`: minerva-20707 cites 19 for the trial and, in
-- its background, for a European study), else its cited_for.
local function cited_for_at(rec, kind)
  if not rec then return nil end
  for _, u in ipairs(type(rec.other_uses) == "table" and rec.other_uses or {}) do
    if kind and u.section == kind and u.cited_for then return u.cited_for end
  end
  return rec.cited_for
end

--- Number spans: for every digit run in a citation marker that names a cited number,
-- {off=<0-based>, len=, number=, title=<what it is cited for there>}, in text order.
local function number_spans(citations, recs)
  local spans = {}
  for _, c in ipairs(citations) do
    local cited = {}
    for _, n in ipairs(c.refs or {}) do cited[n] = true end
    local base = c.start - 1
    for a, digits, b in tostring(c.text):gmatch("()(%d+)()") do
      local n = tonumber(digits)
      if cited[n] then
        spans[#spans + 1] = { off = base + a - 1, len = b - a, number = n,
                              title = cited_for_at(recs[n], c.section_kind) }
      end
    end
  end
  table.sort(spans, function(x, y) return x.off < y.off end)
  return spans
end

--- Replaces, in their inline lists, the Str elements holding marker numbers with
-- Str / Link / Str pieces; later elements of a list first, so indices stay valid.
local function link_numbers(strs, spans)
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
          "#ref-" .. sp.number, sp.title or "", pandoc.Attr("", { "trialcite-ref" }))
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

-- Labels in the document's language.  The bundled notes (cited_for, outcomes) are
-- English: they are marked lang="en" inside a Dutch or French document.
local HEADINGS = { nl = "Referenties", fr = "Références", en = "References" }
local CITED_FOR = { nl = "Geciteerd voor:", fr = "Cité pour :", en = "Cited for:" }
local TRIAL = { nl = "Besproken studie:", fr = "Étude analysée :", en = "Appraised trial:" }
local CITED_AS = { nl = "Geciteerd in:", fr = "Cité dans :", en = "Cited in:" }
local KEY_RESULTS = { nl = "Belangrijkste resultaten:", fr = "Résultats principaux :", en = "Key results:" }
-- "95% BI 0,37 tot 0,90": the interval's abbreviation and the word between its bounds
local CI_WORDS = { nl = { "BI", "tot" }, fr = { "IC", "à" }, en = { "CI", "to" } }

local function append(list, more) for _, x in ipairs(more) do list[#list + 1] = x end end

--- Inlines of a text: words and spaces.
local function words(s)
  local out = {}
  for w in tostring(s):gmatch("%S+") do
    if #out > 0 then out[#out + 1] = pandoc.Space() end
    out[#out + 1] = pandoc.Str(w)
  end
  return out
end

--- English text inside a document in another language: a Span with lang="en".
local function english(s, lang)
  if lang == "en" then return words(s) end
  return { pandoc.Span(words(s), pandoc.Attr("", {}, { { "lang", "en" } })) }
end

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
  local out = words(table.concat(parts, " "))
  if item.DOI then
    if #out > 0 then out[#out + 1] = pandoc.Space() end
    local doi = tostring(item.DOI)
    out[#out + 1] = pandoc.Link({ pandoc.Str("doi:" .. doi) }, "https://doi.org/" .. doi)
  end
  return out
end

--- A number as the document writes it: at most `decimals` decimals (default: as few as
-- it needs, up to 4), a decimal comma in Dutch and French.
local function num(v, lang, decimals)
  local s
  if decimals then s = string.format("%." .. decimals .. "f", v)
  elseif v == math.floor(v) and math.abs(v) < 1e15 then s = string.format("%d", v)
  else s = string.format("%.4f", v):gsub("0+$", ""):gsub("%.$", "") end
  if lang ~= "en" then s = s:gsub("%.", ",") end
  return (s:gsub("^%-", "\u{2212}"))   -- a minus sign, as the appraisals print it
end

local function decimals_of(v)
  local d = string.format("%.4f", v):gsub("0+$", ""):match("%.(%d+)$")
  return d and #d or 0
end

--- "HR 0,58 (95% BI 0,37 tot 0,90), p=0,02" for a trial result with a value.
local function estimate_text(r, lang)
  local s = (r.measure and (r.measure .. " ") or "") .. num(r.value, lang)
  local ci = r.ci
  if type(ci) == "table" and type(ci.low) == "number" and type(ci.high) == "number" then
    local d = math.max(decimals_of(r.value), decimals_of(ci.low), decimals_of(ci.high))
    local w = CI_WORDS[lang] or CI_WORDS.en
    s = s .. " (" .. num(ci.level or 95, lang) .. "% " .. w[1] .. " " .. num(ci.low, lang, d) .. " " .. w[2]
      .. " " .. num(ci.high, lang, d) .. ")"
  end
  if type(r.p) == "table" and type(r.p.value) == "number" then
    s = s .. ", p" .. (r.p.op or "=") .. num(r.p.value, lang)
  end
  return s
end

--- The trial's key results: its primary results with an estimate, else every result
-- with an estimate and an interval.
local function key_results(trial)
  local primary, with_ci = {}, {}
  for _, r in ipairs(type(trial.results) == "table" and trial.results or {}) do
    if type(r) == "table" and type(r.value) == "number" then
      if r.role == "primary" then primary[#primary + 1] = r end
      if type(r.ci) == "table" then with_ci[#with_ci + 1] = r end
    end
  end
  return #primary > 0 and primary or with_ci
end

--- What trialcite says about reference n, as inlines after a line break each:
-- cited for, the appraised trial and its key results, or the citing sentence.
local function annotation(m, n, rec, trial, ref, has_reference, lang)
  local out = {}
  local function line(label, content)
    if #out > 0 or has_reference then out[#out + 1] = pandoc.LineBreak() end
    out[#out + 1] = pandoc.Emph({ pandoc.Str(label) })
    out[#out + 1] = pandoc.Space()
    append(out, content)
  end
  if rec and rec.cited_for then line(CITED_FOR[lang] or CITED_FOR.en, english(rec.cited_for, lang)) end
  if trial then
    -- acronym and name; the title only when no reference above shows it
    local what = trial.name or (not has_reference and trial.title) or nil
    local s = trial.acronym and (trial.acronym .. (what and (": " .. what) or "")) or what or trial.id or "?"
    if type(trial.registration) == "string" then s = s .. " (" .. trial.registration .. ")" end
    line(TRIAL[lang] or TRIAL.en, english(s, lang))
    local rs = key_results(trial)
    if #rs > 0 then
      local content = {}
      for i, r in ipairs(rs) do
        if i > 1 then append(content, { pandoc.Str(";"), pandoc.Space() }) end
        -- without a measure, what the value is ("improvement in mean score, ImPAT vs control")
        append(content, english(tostring(r.outcome or "?") .. (r.timepoint and (" (" .. r.timepoint .. ")") or "")
          .. (r.subgroup and (", " .. r.subgroup) or "") .. ((not r.measure and r.estimate) and (", " .. r.estimate) or ""), lang))
        append(content, { pandoc.Str(":"), pandoc.Space() })
        append(content, words(estimate_text(r, lang)))
      end
      line(KEY_RESULTS[lang] or KEY_RESULTS.en, content)
    end
  end
  if not rec and ref and ref.contexts[1] and ref.contexts[1].text then
    line(CITED_AS[lang] or CITED_AS.en, words(ref.contexts[1].text))
  end
  return out
end

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

--- The bundled reference records by number, and the trial a number cites.
local function record_refs(m)
  local by = {}
  for _, r in ipairs(m.record and m.record.references or {}) do by[r.number] = r end
  return by
end

local function trial_of(m, rec)
  return rec and type(rec.trial) == "string" and m.trials[rec.trial] or nil
end

--- One generated entry: a Div (id "ref-N") holding one paragraph: the number, the
-- reference (bibliography item, else the trial's citation) and what it is cited for.
local function entry(m, ref, bib, recs, lang)
  local n = ref.number
  local rec = recs[n]
  local trial = trial_of(m, rec)
  local item = bib[n] or (trial and type(trial.citation) == "table" and trial.citation) or nil
  local inl = { pandoc.Strong({ pandoc.Str(tostring(n) .. ".") }) }
  if item then inl[#inl + 1] = pandoc.Space(); append(inl, csl_inlines(item)) end
  local more = annotation(m, n, rec, trial, ref, item ~= nil, lang)
  if not item and #more > 0 and more[1].t ~= "LineBreak" then inl[#inl + 1] = pandoc.Space() end
  append(inl, more)
  return pandoc.Div({ pandoc.Para(inl) }, pandoc.Attr("ref-" .. n, { "trialcite-reference" }))
end

--- The number of a reference-list paragraph written "12. ...", "[12] ..." or "(12) ...".
local function entry_number(block)
  local t = block.t or block.tag
  if (t ~= "Para" and t ~= "Plain") or not block.content[1] then return nil end
  local first = block.content[1]
  if (first.t or first.tag) ~= "Str" then return nil end
  local n = first.text:match("^%[(%d+)%]$") or first.text:match("^%((%d+)%)$") or first.text:match("^(%d+)%.$")
  return n and tonumber(n)
end

--- The document's own reference list: for each top-level block inside a section of
-- kind "references", its entries { {number=, set=function(new_blocks)} } in order,
-- and the index of the last block of the list.  nil when there is none.
local function document_list(blocks, tops, ranges)
  local entries, last = {}, nil
  for i, b in ipairs(blocks) do
    local inside = false
    for _, r in ipairs(ranges) do
      if tops[i].from >= r.from and tops[i].from < r.to then inside = true end
    end
    local t = b.t or b.tag
    if inside and t == "OrderedList" then
      local start = (b.listAttributes and b.listAttributes.start) or b.start or 1
      for k, item in ipairs(b.content) do
        local list, index = b.content, k
        entries[#entries + 1] = { number = start + k - 1, blocks = item,
                                  set = function(new) list[index] = new end }
      end
      last = i
    elseif inside and entry_number(b) then
      entries[#entries + 1] = { number = entry_number(b), blocks = { b },
                                set = function(new) blocks[i] = new[1] end }
      last = i
    end
  end
  return #entries > 0 and entries or nil, last
end

-- ---- metadata and the filter -------------------------------------------------------

local function meta_string(meta, key)
  local v = meta[key]
  if v == nil then return nil end
  local s = pandoc.utils.stringify(v)
  return s ~= "" and s or nil
end

--- Reads the CSL-JSON file named by the metadata (relative to the current directory,
-- else to the input file's); raises, naming the file, when it cannot or when the file
-- is not a CSL-JSON array.  The same in both modes: the filter reads it itself.
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
  local first = s:match("^\239\187\191?%s*(.)") or s:match("^%s*(.)")
  if type(items) ~= "table" then
    error("trialcite filter: trialcite-bibliography " .. path .. " is not a CSL-JSON array ("
      .. (err and ("malformed JSON: " .. err) or "not JSON") .. ")", 0)
  elseif first ~= "[" then
    error("trialcite filter: trialcite-bibliography " .. path
      .. " is not a CSL-JSON array (it is a JSON object; CSL-JSON is an array of items)", 0)
  end
  return items
end

--- The whole job on the Pandoc document: parse its text, link the numbers outside the
-- document's own reference list, and annotate that list's entries (or append a list).
local function process(doc)
  local lang = meta_string(doc.meta, "trialcite-lang")
  if lang and not HEADINGS[lang] then
    error("trialcite filter: trialcite-lang must be nl, fr or en, not " .. lang, 0)
  end
  local doc_id = meta_string(doc.meta, "trialcite-document")
  local bib_path = meta_string(doc.meta, "trialcite-bibliography")
  local bib = bibliography_by_number(bib_path and read_bibliography(bib_path) or nil)
  local text, strs, tops = flatten(doc.blocks)
  local tc = load_module()
  local m
  if tc then m = model_from_module(tc, text, lang, doc_id)
  else m = model_from_cli(text, lang, doc_id) end
  if doc_id and not m.record then
    error("trialcite filter: unknown trialcite-document " .. doc_id, 0)
  end
  lang = m.lang or lang or "en"
  if not HEADINGS[lang] then lang = "en" end

  -- the document's reference list (sections of kind "references"): not linked
  local ranges = {}
  for _, sec in ipairs(m.sections or {}) do
    if sec.kind == "references" then
      ranges[#ranges + 1] = { from = sec.start - 1, to = sec.body_stop or sec.stop }
    end
  end
  local function in_list(off)
    for _, r in ipairs(ranges) do if off >= r.from and off < r.to then return true end end
    return false
  end
  local citations, cited = {}, {}
  for _, c in ipairs(m.citations) do
    if not in_list(c.start - 1) then
      citations[#citations + 1] = c
      for _, n in ipairs(c.refs or {}) do cited[n] = true end
    end
  end
  local refs = {}
  for _, r in ipairs(m.references) do if cited[r.number] then refs[#refs + 1] = r end end
  if #refs == 0 then return doc end

  local recs = record_refs(m)
  link_numbers(strs, number_spans(citations, recs))

  local entries, last = document_list(doc.blocks, tops, ranges)
  if entries then
    -- annotate the document's own entries; cited numbers it lacks follow its list
    local have = {}
    for _, e in ipairs(entries) do
      local ref
      for _, r in ipairs(refs) do if r.number == e.number then ref = r end end
      if not have[e.number] then
        have[e.number] = true
        local rec = recs[e.number]
        local more = ref and annotation(m, e.number, rec, trial_of(m, rec), ref, true, lang) or {}
        local body = {}
        for _, b in ipairs(e.blocks) do body[#body + 1] = b end
        if #more > 0 then
          table.remove(more, 1)   -- the leading line break: a paragraph of its own
          body[#body + 1] = pandoc.Para(more)
        end
        e.set({ pandoc.Div(body, pandoc.Attr("ref-" .. e.number,
          ref and { "trialcite-reference" } or { "trialcite-uncited" })) })
      end
    end
    local missing = {}
    for _, r in ipairs(refs) do
      if not have[r.number] then missing[#missing + 1] = entry(m, r, bib, recs, lang) end
    end
    for k = #missing, 1, -1 do doc.blocks:insert(last + 1, missing[k]) end
    return doc
  end
  doc.blocks:insert(pandoc.Header(2, { pandoc.Str(HEADINGS[lang]) },
    pandoc.Attr("trialcite-references", { "trialcite-references" })))
  for _, r in ipairs(refs) do doc.blocks:insert(entry(m, r, bib, recs, lang)) end
  return doc
end

return {
  { Pandoc = process },
}
