-- Labels and lookup text for editors (lua/trialcite/nvim.lua), kept free of the editor
-- API so that the tests run them under Lua 5.4 as well as LuaJIT.  Lua 5.1 syntax.
--
-- A reference number can stand for two things in one appraisal (minerva-20707 cites 19
-- for the appraised trial and, in the background, for a European study: the bundled
-- record's `other_uses`), so a label belongs to a place (a marker in a section), not to
-- a number.
local M = {}

local function is_str(v) return type(v) == "string" and v ~= "" end
local function clean(s) return (tostring(s or ""):gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")) end
M.clean = clean

--- s cut to at most n bytes (not inside a UTF-8 sequence), "…" marking the cut.
function M.cut(s, n)
  if #s <= n then return s end
  local c = s:sub(1, math.max(0, n - 3))
  while #c > 0 and c:byte(#c) >= 0x80 and c:byte(#c) < 0xC0 do c = c:sub(1, -2) end
  if #c > 0 and c:byte(#c) >= 0xC0 then c = c:sub(1, -2) end
  return c .. "…"
end

--- "1-4", "1,3,5-8": numbers (sorted, distinct) with runs of three or more as ranges.
function M.compress(nums)
  local s, seen = {}, {}
  for _, n in ipairs(nums) do if not seen[n] then seen[n] = true; s[#s + 1] = n end end
  table.sort(s)
  local out, i = {}, 1
  while i <= #s do
    local j = i
    while j < #s and s[j + 1] == s[j] + 1 do j = j + 1 end
    if j - i >= 2 then out[#out + 1] = string.format("%d-%d", s[i], s[j]); i = j + 1
    else out[#out + 1] = string.format("%d", s[i]); i = i + 1 end
  end
  return table.concat(out, ",")
end

--- The bundled reference index of a document id: number -> reference entry ({} if none).
function M.index(tc, id)
  local by = {}
  if not id then return by end
  local doc = tc.document(id)
  for _, r in ipairs(doc and doc.references or {}) do
    if type(r.number) == "number" then by[r.number] = r end
  end
  return by
end

--- What reference entry `ref` stands for at a place in section kind `kind`:
-- { text=, trial=<trial id or nil>, other=<true when an other use> } or nil.
function M.use_at(ref, kind, trials)
  if type(ref) ~= "table" then return nil end
  for _, u in ipairs(type(ref.other_uses) == "table" and ref.other_uses or {}) do
    if kind and u.section == kind and is_str(u.cited_for) then
      return { text = clean(u.cited_for), other = true }
    end
  end
  if ref.appraised_trial and is_str(ref.trial) then
    local t = trials and trials[ref.trial]
    local label = t and (is_str(t.acronym) and t.acronym or t.id) or ref.trial
    local doi = t and type(t.citation) == "table" and is_str(t.citation.DOI) and (" doi:" .. t.citation.DOI) or ""
    return { text = "appraised trial " .. label .. doi, trial = ref.trial }
  end
  if is_str(ref.cited_for) then return { text = clean(ref.cited_for) } end
  return nil
end

--- The label of a citation marker {refs=, section_kind=} in a bundled appraisal: every
-- reference in it, those with an identical text merged ("[1-4] ..."), and whether one
-- of them is the appraised trial.  index: M.index; trials: id -> trial record.
-- width (optional): the longest label in bytes; each text is then cut ("…") so that
-- every reference's tag still shows.
function M.marker(cit, index, trials, width)
  local groups, order, trial = {}, {}, false
  for _, n in ipairs(cit.refs or {}) do
    local u = M.use_at(index[n], cit.section_kind, trials)
    local text = u and u.text or ""
    if u and u.trial then trial = true end
    if not groups[text] then groups[text] = {}; order[#order + 1] = text end
    local g = groups[text]
    g[#g + 1] = n
  end
  local tags, fixed = {}, 0
  for i, text in ipairs(order) do
    tags[i] = "[" .. M.compress(groups[text]) .. "]"
    fixed = fixed + #tags[i] + (i > 1 and 2 or 0) + (text ~= "" and 1 or 0)
  end
  local budget = width and math.max(8, math.floor((width - fixed) / #order)) or nil
  local parts = {}
  for i, text in ipairs(order) do
    if budget and #text > budget then text = M.cut(text, budget) end
    parts[#parts + 1] = text ~= "" and (tags[i] .. " " .. text) or tags[i]
  end
  return table.concat(parts, "; "), trial
end

-- Wraps text into out with a first-line prefix and an indent for the rest.
local function wrap(out, first, indent, text, width)
  local line = first
  local empty = true
  for word in clean(text):gmatch("%S+") do
    if not empty and #line + 1 + #word > width then
      out[#out + 1] = line
      line, empty = indent .. word, false
    else
      line = line .. (empty and "" or " ") .. word
      empty = false
    end
  end
  out[#out + 1] = line
end
M.wrap = wrap

local LANG_NAMES = { nl = "Dutch", fr = "French", en = "English" }

--- The lines of a lookup float for one or more lookup records (tc.lookup) of a buffer:
-- the buffer's own citing sentences (with section and line) together with the bundled
-- facts; references with an identical cited-for text merged.  opts: width, lang (the
-- document's), index (M.index), line_of(offset) -> line number, render (trialcite.render
-- for the trial block, optional).
function M.lookup_lines(recs, opts)
  opts = opts or {}
  local width = opts.width or 96
  local index = opts.index or {}
  local out = {}
  if opts.lang and opts.lang ~= "en" then
    out[#out + 1] = "Notes in English; quotations in " .. (LANG_NAMES[opts.lang] or opts.lang) .. ", as in the text."
  end
  -- groups of records with the same cited-for text
  local groups, order = {}, {}
  for _, rec in ipairs(recs) do
    local key = is_str(rec.cited_for) and clean(rec.cited_for) or ("#" .. rec.number)
    if rec.trial then key = "#" .. rec.number end   -- the appraised trial stands alone
    if not groups[key] then groups[key] = {}; order[#order + 1] = key end
    local g = groups[key]
    g[#g + 1] = rec
  end
  for gi, key in ipairs(order) do
    local g = groups[key]
    local nums = {}
    for _, r in ipairs(g) do nums[#nums + 1] = r.number end
    if gi > 1 then out[#out + 1] = "" end
    local first = g[1]
    out[#out + 1] = "[" .. M.compress(nums) .. "]" .. (first.document and ("  " .. first.document) or "")
      .. (first.trial and "  ** appraised trial **" or "")
    if is_str(first.cited_for) then wrap(out, "cited for: ", "           ", first.cited_for, width) end
    -- the places in this buffer, each once (a range marker cites all its numbers at one place)
    local places, seen = {}, {}
    for _, r in ipairs(g) do
      for _, c in ipairs(r.contexts or {}) do
        local key2 = tostring(c.marker and c.marker.start or c.start)
        if not seen[key2] then seen[key2] = true; places[#places + 1] = { ctx = c, number = r.number } end
      end
    end
    table.sort(places, function(a, b) return (a.ctx.start or 0) < (b.ctx.start or 0) end)
    if #places > 0 then
      out[#out + 1] = string.format("cited here %d time%s:", #places, #places == 1 and "" or "s")
    end
    for _, p in ipairs(places) do
      local c = p.ctx
      local where = (is_str(c.section) and clean(c.section) or c.section_kind or "text")
      if is_str(c.section) and c.section_kind and c.section_kind ~= "other" then where = where .. " (" .. c.section_kind .. ")" end
      local line = opts.line_of and c.marker and opts.line_of(c.marker.start)
      local head = "  " .. where .. (line and (", line " .. line) or "")
      local use = M.use_at(index[p.number], c.section_kind, nil)
      if use and use.other then head = head .. ": here for another study" end
      out[#out + 1] = head
      if use and use.other then wrap(out, "    for: ", "         ", use.text, width) end
      wrap(out, "    > ", "      ", c.text or "", width)
    end
    if not first.trial then
      local stats = {}
      for _, r in ipairs(g) do
        for _, f in ipairs(r.findings or {}) do
          if is_str(f.text) then stats[#stats + 1] = clean(f.text) end
        end
      end
      if #stats > 0 then wrap(out, "statistics: ", "            ", table.concat(stats, "; "), width) end
    end
    if first.trial and type(first.trial) == "table" then
      local t = first.trial
      local r = opts.render
      local cit = r and r.citation and r.citation(t.citation) or ""
      wrap(out, "trial: ", "       ", (t.id or "") .. " " .. (t.title or "") .. (cit ~= "" and (". " .. cit) or ""), width)
      if r and r.identifiers then out[#out + 1] = "       " .. r.identifiers(t) end
      if r and r.results and type(t.results) == "table" and #t.results > 0 then
        out[#out + 1] = "results:"
        local ok = pcall(r.results, out, t.results, "  ", width)
        if not ok then out[#out] = nil end
      end
    end
    for _, r in ipairs(g) do
      for _, n in ipairs(r.notes or {}) do
        if is_str(n.message) and (not n.reference or n.reference == r.number) then
          wrap(out, "note (" .. tostring(n.code or "?") .. "): ", "  ", n.message, width)
        end
      end
    end
  end
  return out
end

return M
