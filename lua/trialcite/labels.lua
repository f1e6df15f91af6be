-- Labels and lookup text for editors (lua/trialcite/nvim.lua), kept free of the editor
-- API so that the tests run them under Lua 5.4 as well as LuaJIT.  Lua 5.1 syntax.
--
-- A reference number can stand for two things in one appraisal (minerva-20707 cites 19
-- for the appraised trial and, in the background, for a European study: the bundled
-- record's `other_uses`), so a label belongs to a place (a marker in a section), not to
-- a number.
local M = {}

local function is_str(v) return type(v) == "string" and v ~= "" end

-- ---- the plugin's own words, in the document's language ---------------------------------
-- The one table of every label the editor shows: key -> { en=, nl=, fr= } (string.format
-- patterns; every language takes the same specifiers in the same order, which
-- tests/test_nvim.lua checks, as it checks that every section kind of the library has a
-- row "section_<kind>").  The bundled notes (what a reference is cited for, the trial
-- records) and the library's check messages are English data: a Dutch or French view
-- says so once ("english").
M.TEXT = {
  english = { en = "", nl = "Engels: ", fr = "en anglais : " },
  float_note = { en = "", nl = "Notities, studies en controles: Engelstalige gegevens; citaten zoals in de tekst.",
    fr = "Notes, études et contrôles : données en anglais ; citations telles que dans le texte." },
  list_note = { en = "", nl = " (notities: Engelstalige gegevens)", fr = " (notes : données en anglais)" },
  appraised_trial = { en = "appraised trial", nl = "beoordeelde studie", fr = "étude analysée" },
  cited_for = { en = "cited for: ", nl = "geciteerd voor: ", fr = "cité pour : " },
  cited_here_1 = { en = "cited here once:", nl = "hier 1 keer geciteerd:", fr = "cité ici 1 fois :" },
  cited_here_n = { en = "cited here %d times:", nl = "hier %d keer geciteerd:", fr = "cité ici %d fois :" },
  line = { en = ", line %d", nl = ", regel %d", fr = ", ligne %d" },
  other_study = { en = ": here for another study", nl = ": hier voor een andere studie", fr = " : ici pour une autre étude" },
  other_for = { en = "for: ", nl = "voor: ", fr = "pour : " },
  statistics = { en = "statistics: ", nl = "statistieken: ", fr = "statistiques : " },
  trial = { en = "trial: ", nl = "studie: ", fr = "étude : " },
  results = { en = "results:", nl = "resultaten:", fr = "résultats :" },
  note = { en = "note (%s): ", nl = "noot (%s): ", fr = "note (%s) : " },
  text = { en = "text", nl = "tekst", fr = "texte" },
  markers_1 = { en = "1 citation marker", nl = "1 citatiemarkering", fr = "1 appel de citation" },
  markers_n = { en = "%d citation markers", nl = "%d citatiemarkeringen", fr = "%d appels de citation" },
  no_marker_here = { en = "no citation marker under the cursor", nl = "geen citatiemarkering onder de cursor",
    fr = "pas d'appel de citation sous le curseur" },
  no_markers = { en = "no citation markers in this buffer", nl = "geen citatiemarkeringen in deze buffer",
    fr = "pas d'appel de citation dans ce tampon" },
  not_cited = { en = "reference %s is not cited in this buffer", nl = "referentie %s wordt niet geciteerd in deze buffer",
    fr = "la référence %s n'est pas citée dans ce tampon" },
  not_a_number = { en = "%s: expected a reference number, got '%s'", nl = "%s: referentienummer verwacht, niet '%s'",
    fr = "%s : numéro de référence attendu, pas « %s »" },
  picker_prompt = { en = "trialcite: cited references", nl = "trialcite: geciteerde referenties",
    fr = "trialcite : références citées" },
  places_1 = { en = "(1 place)", nl = "(1 plaats)", fr = "(1 endroit)" },
  places_n = { en = "(%d places)", nl = "(%d plaatsen)", fr = "(%d endroits)" },
  cites_title = { en = "trialcite: places citing %d", nl = "trialcite: plaatsen die %d citeren",
    fr = "trialcite : endroits qui citent %d" },
  section_other = { en = "other", nl = "overig", fr = "autre" },
  section_lead = { en = "lead", nl = "begin van de tekst", fr = "début du texte" },
  section_question = { en = "clinical question", nl = "klinische vraag", fr = "question clinique" },
  section_background = { en = "background", nl = "achtergrond", fr = "contexte" },
  section_summary = { en = "summary", nl = "samenvatting", fr = "résumé" },
  section_population = { en = "population", nl = "populatie", fr = "population" },
  section_design = { en = "design", nl = "onderzoeksopzet", fr = "protocole d'étude" },
  section_outcomes = { en = "outcomes", nl = "uitkomstmeting", fr = "mesure des résultats" },
  section_results = { en = "results", nl = "resultaten", fr = "résultats" },
  section_authors_conclusion = { en = "authors' conclusion", nl = "besluit van de auteurs", fr = "conclusion des auteurs" },
  section_funding = { en = "funding", nl = "financiering", fr = "financement" },
  section_conflicts = { en = "conflicts of interest", nl = "belangenconflicten", fr = "conflits d'intérêts" },
  section_discussion = { en = "discussion", nl = "bespreking", fr = "discussion" },
  section_methodology = { en = "methodology", nl = "methodologie", fr = "méthodologie" },
  section_results_appraisal = { en = "results appraisal", nl = "beoordeling van de resultaten", fr = "évaluation des résultats" },
  section_guidelines = { en = "guidelines", nl = "richtlijnen", fr = "recommandations" },
  section_conclusion = { en = "conclusion", nl = "besluit", fr = "conclusion" },
  section_methods = { en = "methods", nl = "methoden", fr = "méthodes" },
  section_introduction = { en = "introduction", nl = "inleiding", fr = "introduction" },
  section_references = { en = "references", nl = "referenties", fr = "références" },
}
M.LANGS = { "en", "nl", "fr" }

--- The language the labels of a document in language lang are shown in: "nl", "fr",
-- or "en" (English and undetected texts).
function M.ui_lang(lang) return (lang == "nl" or lang == "fr") and lang or "en" end

--- Label key in language lang (see ui_lang), formatted with the arguments.
function M.tr(lang, key, ...)
  local row = M.TEXT[key]
  if not row then error("trialcite.labels: no label " .. tostring(key), 2) end
  local s = row[M.ui_lang(lang)]
  if select("#", ...) > 0 then return (string.format(s, ...)) end
  return s
end

--- A section kind's name in language lang (the machine name for a kind without a row).
function M.section(lang, kind)
  if not kind then return M.tr(lang, "text") end
  local row = M.TEXT["section_" .. kind]
  return row and row[M.ui_lang(lang)] or kind
end

--- "1 x" or "N xs": the label key .. "_1" or .. "_n" in language lang.
function M.count(lang, key, n)
  if n == 1 then return M.tr(lang, key .. "_1") end
  return M.tr(lang, key .. "_n", n)
end

-- Display width of s in columns (UTF-8 characters; the labels hold no wide ones).
local function columns(s)
  local n = 0
  for i = 1, #s do local b = s:byte(i); if b < 0x80 or b >= 0xC0 then n = n + 1 end end
  return n
end
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
-- { text=, trial=<trial id or nil>, other=<true when an other use>, english=<true when
-- text is the bundled English note> } or nil.  lang: the document's (labels).
function M.use_at(ref, kind, trials, lang)
  if type(ref) ~= "table" then return nil end
  for _, u in ipairs(type(ref.other_uses) == "table" and ref.other_uses or {}) do
    if kind and u.section == kind and is_str(u.cited_for) then
      return { text = clean(u.cited_for), other = true, english = true }
    end
  end
  if ref.appraised_trial and is_str(ref.trial) then
    local t = trials and trials[ref.trial]
    local label = t and (is_str(t.acronym) and t.acronym or t.id) or ref.trial
    local doi = t and type(t.citation) == "table" and is_str(t.citation.DOI) and (" doi:" .. t.citation.DOI) or ""
    return { text = M.tr(lang, "appraised_trial") .. " " .. label .. doi, trial = ref.trial }
  end
  if is_str(ref.cited_for) then return { text = clean(ref.cited_for), english = true } end
  return nil
end

-- text without the words it shares with the start of first ("… " and the rest) when
-- they are three or more; text itself otherwise.
local function elide(first, text)
  local words = {}
  for w in first:gmatch("%S+") do words[#words + 1] = w end
  local n, rest = 0, nil
  for at, w in text:gmatch("()(%S+)") do
    if words[n + 1] ~= w then rest = at; break end
    n = n + 1
  end
  if n < 3 or not rest then return text, 0 end
  return "… " .. text:sub(rest), rest - 1
end

--- The label of a citation marker {refs=, section_kind=} in a bundled appraisal: every
-- reference in it, those with an identical text merged ("[1-4] ..."), and whether one
-- of them is the appraised trial.  index: M.index; trials: id -> trial record.
-- width (optional): the longest label in bytes; each text is then cut ("…") so that
-- every reference's tag still shows.  lang: the document's; in a Dutch or French one
-- the first English note is preceded, once, by the words saying it is English.
function M.marker(cit, index, trials, width, lang)
  local groups, order, trial, english = {}, {}, false, {}
  for _, n in ipairs(cit.refs or {}) do
    local u = M.use_at(index[n], cit.section_kind, trials, lang)
    local text = u and u.text or ""
    if u and u.trial then trial = true end
    if not groups[text] then
      groups[text] = {}; order[#order + 1] = text
      english[text] = u and u.english or false
    end
    local g = groups[text]
    g[#g + 1] = n
  end
  local tag_en, tagged = M.tr(lang, "english"), nil
  for _, text in ipairs(order) do if not tagged and english[text] and tag_en ~= "" then tagged = text end end
  -- texts shown: when they must be cut, a text starting with the same words as the first
  -- one shows what differs ("… low back and neck pain ..."), so that cut texts still tell
  -- the references apart
  -- (the first text then gets the shared words on top of its share)
  local total = #tag_en
  for i, text in ipairs(order) do total = total + #text + #M.compress(groups[text]) + 5 end
  local shown, extra = {}, 0
  for i, text in ipairs(order) do
    if i == 1 or not width or total <= width then shown[i] = text
    else
      local common
      shown[i], common = elide(order[1], text)
      extra = math.max(extra, common)
    end
  end
  local tags, fixed = {}, 0
  for i, text in ipairs(order) do
    tags[i] = "[" .. M.compress(groups[text]) .. "]"
    fixed = fixed + #tags[i] + (i > 1 and 2 or 0) + (text ~= "" and 1 or 0) + (text == tagged and #tag_en or 0)
  end
  -- the width left shared out: short texts whole, the rest cut to equal shares
  local budget = {}
  if width then
    local idx = {}
    for i = 1, #order do idx[i] = i end
    extra = math.min(extra, math.max(0, width - fixed - 24 * #order))   -- every share at least 24
    local len = {}
    for i = 1, #order do len[i] = #shown[i] - (i == 1 and extra or 0) end
    table.sort(idx, function(a, b) return len[a] < len[b] end)
    local left = width - fixed - extra
    for k, i in ipairs(idx) do
      local share = math.max(8, math.floor(left / (#idx - k + 1)))
      budget[i] = share + (i == 1 and extra or 0)
      left = left - math.min(len[i], share)
    end
  end
  local parts = {}
  for i, text in ipairs(order) do
    local s = shown[i]
    if budget[i] and #s > budget[i] then s = M.cut(s, budget[i]) end
    if text == tagged then s = tag_en .. s end
    parts[#parts + 1] = s ~= "" and (tags[i] .. " " .. s) or tags[i]
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

--- Where a place is, in language lang: the section's heading as written, with its kind
-- when that says more ("Achtergrond", "Wat zeggen ... (richtlijnen)"); the kind alone
-- without a heading.
function M.where(lang, heading, kind)
  local name = M.section(lang, kind)
  if not is_str(heading) then return name end
  heading = clean(heading)
  if not kind or kind == "other" or heading:lower() == name:lower() then return heading end
  return heading .. " (" .. name .. ")"
end

-- wrap with the first-line prefix's width as the indent of the rest
local function wrap_label(out, lead, label, text, width)
  wrap(out, lead .. label, lead .. string.rep(" ", columns(label)), text, width)
end

--- The lines of a lookup float for one or more lookup records (tc.lookup) of a buffer:
-- the buffer's own citing sentences (with section and line) together with the bundled
-- facts; references with an identical cited-for text merged.  opts: width, lang (the
-- document's: the labels' language; a Dutch or French float says in its first line that
-- the notes are English data), index (M.index), line_of(offset) -> line number, render
-- (trialcite.render for the trial block, optional).
function M.lookup_lines(recs, opts)
  opts = opts or {}
  local width = opts.width or 96
  local index = opts.index or {}
  local lang = M.ui_lang(opts.lang)
  local out = {}
  if lang ~= "en" then out[#out + 1] = M.tr(lang, "float_note") end
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
      .. (first.trial and ("  ** " .. M.tr(lang, "appraised_trial") .. " **") or "")
    if is_str(first.cited_for) then wrap_label(out, "", M.tr(lang, "cited_for"), first.cited_for, width) end
    -- the places in this buffer, each once (a range marker cites all its numbers at one place)
    local places, seen = {}, {}
    for _, r in ipairs(g) do
      for _, c in ipairs(r.contexts or {}) do
        local key2 = tostring(c.marker and c.marker.start or c.start)
        if not seen[key2] then seen[key2] = true; places[#places + 1] = { ctx = c, number = r.number } end
      end
    end
    table.sort(places, function(a, b) return (a.ctx.start or 0) < (b.ctx.start or 0) end)
    if #places > 0 then out[#out + 1] = M.count(lang, "cited_here", #places) end
    local last
    for _, p in ipairs(places) do
      local c = p.ctx
      local line = opts.line_of and c.marker and opts.line_of(c.marker.start)
      local head = "  " .. M.where(lang, c.section, c.section_kind) .. (line and M.tr(lang, "line", line) or "")
      local use = M.use_at(index[p.number], c.section_kind, nil, lang)
      if use and use.other then head = head .. M.tr(lang, "other_study") end
      -- two markers of one sentence on one line: the sentence once
      local this = head .. "\0" .. tostring(c.start) .. "\0" .. tostring(c.text)
      if this ~= last then
        out[#out + 1] = head
        if use and use.other then wrap_label(out, "    ", M.tr(lang, "other_for"), use.text, width) end
        wrap(out, "    > ", "      ", c.text or "", width)
      end
      last = this
    end
    if not first.trial then
      local stats = {}
      for _, r in ipairs(g) do
        for _, f in ipairs(r.findings or {}) do
          if is_str(f.text) then stats[#stats + 1] = clean(f.text) end
        end
      end
      if #stats > 0 then wrap_label(out, "", M.tr(lang, "statistics"), table.concat(stats, "; "), width) end
    end
    if first.trial and type(first.trial) == "table" then
      local t = first.trial
      local r = opts.render
      local cit = r and r.citation and r.citation(t.citation) or ""
      wrap_label(out, "", M.tr(lang, "trial"), (t.id or "") .. " " .. (t.title or "") .. (cit ~= "" and (". " .. cit) or ""), width)
      if r and r.identifiers then out[#out + 1] = string.rep(" ", columns(M.tr(lang, "trial"))) .. r.identifiers(t) end
      if r and r.results and type(t.results) == "table" and #t.results > 0 then
        out[#out + 1] = M.tr(lang, "results")
        local ok = pcall(r.results, out, t.results, "  ", width)
        if not ok then out[#out] = nil end
      end
    end
    for _, r in ipairs(g) do
      for _, n in ipairs(r.notes or {}) do
        if is_str(n.message) and (not n.reference or n.reference == r.number) then
          wrap(out, M.tr(lang, "note", tostring(n.code or "?")), "  ", n.message, width)
        end
      end
    end
  end
  return out
end

return M
