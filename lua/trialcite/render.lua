-- Text and Markdown layout of lookup records (tc.lookup) for the CLI: `annotate`,
-- `lookup` and `make run`.  Plain ASCII layout, aligned columns, wrapped at a width.
local tc = require "trialcite"
local util = require "trialcite.cliutil"

local M = {}

local function clean(s) return (tc.clean(s):gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")) end

--- "Ilgen MA, Coughlin LN, et al. JAMA Psychiatry 2020;77:1225-1234"
function M.citation(c)
  if type(c) ~= "table" then return "" end
  local names = {}
  for i, a in ipairs(c.author or {}) do
    if i > 2 then names[#names + 1] = "et al"; break end
    local given = (a.given or ""):gsub("[^%u]", "")
    names[#names + 1] = (a.family or a.literal or "?") .. (given ~= "" and (" " .. given) or "")
  end
  local year = c.issued and c.issued["date-parts"] and c.issued["date-parts"][1] and c.issued["date-parts"][1][1]
  local s = table.concat(names, ", ")
  if c["container-title"] then s = s .. ". " .. c["container-title"] end
  if year then s = s .. " " .. util.num(year) end
  if c.volume then s = s .. ";" .. c.volume .. (c.issue and ("(" .. c.issue .. ")") or "") end
  if c.page then s = s .. ":" .. c.page end
  return s
end

--- "doi:10... | PMID 1 | PMCID ... | NCT..."
function M.identifiers(trial)
  local c, parts = trial.citation or {}, {}
  if c.DOI then parts[#parts + 1] = "doi:" .. c.DOI end
  if c.PMID then parts[#parts + 1] = "PMID " .. tostring(c.PMID) end
  if c.PMCID then parts[#parts + 1] = c.PMCID end
  local reg = trial.registration
  if type(reg) == "table" then reg = reg.id or reg.number or reg[1] end
  if type(reg) == "string" then parts[#parts + 1] = reg end
  return table.concat(parts, " | ")
end

local function population(trial)
  local p, parts = trial.population or {}, {}
  if p.randomized then parts[#parts + 1] = util.num(p.randomized) .. " randomized" end
  local arms = {}
  for _, a in ipairs(trial.arms or {}) do
    arms[#arms + 1] = (a.label or "?") .. (a.n and (" (n=" .. util.num(a.n) .. ")") or "")
  end
  if #arms > 0 then parts[#parts + 1] = table.concat(arms, " vs ") end
  return table.concat(parts, "; ")
end

-- Column widths of the results table (after the indent); outcome, when and group wrap.
local COLS = { { key = "role", w = 4 }, { key = "outcome", w = 28 }, { key = "when", w = 10 },
               { key = "group", w = 6 }, { key = "estimate", w = 31 }, { key = "p", w = 7 } }

local function role_tag(r)
  local role = r.role or ""
  if role == "primary" then return "pri" elseif role == "secondary" then return "sec"
  elseif role == "process" then return "proc" else return role:sub(1, 4) end
end

local function span_width(from, to)
  local w = 0
  for i = from, to do w = w + COLS[i].w + 1 end
  return w - 1
end

--- Lines of a results table (trial results): one row per result, wrapped cells, then
-- the per-arm values and any note under it.
function M.results(out, results, indent, width)
  width = width or 96
  local head = indent
  for i, c in ipairs(COLS) do
    local title = ({ role = "", outcome = "outcome", when = "when", group = "group", estimate = "estimate", p = "p" })[c.key]
    head = head .. (i < #COLS and util.pad(title, c.w + 1) or title)
  end
  out[#out + 1] = (head:gsub("%s+$", ""))
  local sub = indent .. string.rep(" ", COLS[1].w + 1)
  for _, r in ipairs(results) do
    local est = util.estimate(r)
    local cells = {
      { role_tag(r) }, util.wrap(r.outcome or "-", COLS[2].w), util.wrap(r.timepoint or "", COLS[3].w),
      util.wrap(r.subgroup or "", COLS[4].w),
    }
    local text = nil
    if est == "" then text = r.finding or r.estimate end
    local tail = text and util.wrap(text, span_width(5, 6)) or nil
    local rows = 1
    for _, c in ipairs(cells) do rows = math.max(rows, #c) end
    if tail then rows = math.max(rows, #tail) end
    for k = 1, rows do
      local line = indent
      for i = 1, 4 do line = line .. util.pad(cells[i][k] or "", COLS[i].w + 1) end
      if tail then line = line .. (tail[k] or "")
      elseif k == 1 then line = line .. util.pad(est, COLS[5].w) .. " " .. util.p(r.p) end
      out[#out + 1] = (line:gsub("%s+$", ""))
    end
    if est ~= "" and (r.finding or r.estimate) then
      util.print_wrapped(out, sub .. "  " .. (r.finding and "note: " or "what: "), sub .. "        ", r.finding or r.estimate, width)
    end
    if type(r.arms) == "table" and #r.arms > 0 then
      local arms = {}
      for _, a in ipairs(r.arms) do arms[#arms + 1] = util.arm(a) end
      local s = table.concat(arms, " | ")
      if r.arms_p then s = s .. " (" .. util.p(r.arms_p) .. ")" end
      util.print_wrapped(out, sub .. "  arms: ", sub .. "        ", s, width)
    end
  end
end

local function sections_of(rec)
  local s = {}
  for _, k in ipairs(rec.sections or {}) do s[#s + 1] = k end
  return table.concat(s, ", ")
end

--- Text lines for one lookup record.
function M.text_entry(out, rec, width)
  width = width or 96
  local tag = string.format("[%2d]", rec.number)
  local head = tag .. "  " .. (sections_of(rec) ~= "" and sections_of(rec) or "-")
  if rec.trial then head = head .. "   ** appraised trial: " .. (rec.trial.id or "?") .. " **" end
  out[#out + 1] = head
  local ind = "      "
  if rec.cited_for then util.print_wrapped(out, ind .. "cited for: ", ind .. "           ", rec.cited_for, width) end
  for _, c in ipairs(rec.contexts or {}) do
    local where = c.section and clean(c.section) or c.section_kind
    util.print_wrapped(out, ind .. "> ", ind .. "  ", clean(c.text) .. (where and ("  [" .. where .. "]") or ""), width)
  end
  if rec.trial then
    local t = rec.trial
    util.print_wrapped(out, ind .. "trial: ", ind .. "       ", (t.title or t.id or "") .. ". " .. M.citation(t.citation), width)
    out[#out + 1] = ind .. "       " .. M.identifiers(t)
    local pop = population(t)
    if pop ~= "" then util.print_wrapped(out, ind .. "       ", ind .. "       ", pop, width) end
    if type(t.results) == "table" and #t.results > 0 then
      out[#out + 1] = ind .. "results:"
      M.results(out, t.results, ind, width)
    end
  else
    local stats = {}
    for _, f in ipairs(rec.findings or {}) do
      local e = util.estimate(f)
      if f.p and f.p.value then e = (e ~= "" and (e .. ", ") or "") .. util.p(f.p) end
      if f.timepoint then e = e .. " " .. clean(f.timepoint) end
      if e ~= "" then stats[#stats + 1] = e end
    end
    if #stats > 0 then util.print_wrapped(out, ind .. "statistics: ", ind .. "            ", table.concat(stats, "; "), width) end
  end
  for _, n in ipairs(rec.notes or {}) do
    util.print_wrapped(out, ind .. "note (" .. (n.code or "?") .. "): ", ind .. "  ", n.message or "", width)
  end
end

--- Header lines of a document block.
function M.text_header(out, meta, label, count, width)
  width = width or 96
  out[#out + 1] = string.rep("=", math.min(width, 78))
  local id = meta and meta.id or label or "document"
  local line = id
  if meta and meta.date then line = line .. "  " .. meta.date end
  if meta and meta.lang then line = line .. "  (" .. meta.lang .. ")" end
  out[#out + 1] = line
  if meta and meta.title then util.print_wrapped(out, "  ", "  ", meta.title, width) end
  local info = {}
  if meta and meta.appraises then
    info[#info + 1] = "appraises " .. meta.appraises ..
      (meta.appraised_reference and (" (reference " .. util.num(meta.appraised_reference) .. ")") or "")
  end
  info[#info + 1] = util.num(count) .. " cited references"
  if meta and meta.url then info[#info + 1] = meta.url end
  util.print_wrapped(out, "  ", "  ", table.concat(info, "; "), width)
  out[#out + 1] = "  " .. (label and ("text: " .. label) or "bundled reference index (no text given)")
  out[#out + 1] = string.rep("=", math.min(width, 78))
end

-- ---- Markdown ----------------------------------------------------------------------

local function md_escape(s) return (tostring(s):gsub("([|*_`\\%[%]])", "\\%1")) end

function M.markdown_entry(out, rec)
  local head = "### [" .. rec.number .. "]"
  if sections_of(rec) ~= "" then head = head .. " " .. sections_of(rec) end
  if rec.trial then head = head .. " (appraised trial: " .. (rec.trial.id or "?") .. ")" end
  out[#out + 1] = head
  out[#out + 1] = ""
  if rec.cited_for then out[#out + 1] = "*Cited for:* " .. md_escape(rec.cited_for); out[#out + 1] = "" end
  for _, c in ipairs(rec.contexts or {}) do
    out[#out + 1] = "> " .. md_escape(clean(c.text)) .. (c.section and (" *(" .. md_escape(clean(c.section)) .. ")*") or "")
    out[#out + 1] = ""
  end
  if rec.trial then
    local t = rec.trial
    out[#out + 1] = "**Trial:** " .. md_escape((t.title or t.id or "") .. ". " .. M.citation(t.citation)) .. "  "
    out[#out + 1] = md_escape(M.identifiers(t)) .. "  "
    out[#out + 1] = md_escape(population(t))
    out[#out + 1] = ""
    if type(t.results) == "table" and #t.results > 0 then
      out[#out + 1] = "| role | outcome | when | group | estimate | p | arms |"
      out[#out + 1] = "| --- | --- | --- | --- | --- | --- | --- |"
      for _, r in ipairs(t.results) do
        local arms = {}
        for _, a in ipairs(r.arms or {}) do arms[#arms + 1] = util.arm(a) end
        local est = util.estimate(r)
        if est == "" then est = r.finding or r.estimate or "" end
        out[#out + 1] = "| " .. table.concat({ r.role or "", md_escape(r.outcome or ""), md_escape(r.timepoint or ""),
          md_escape(r.subgroup or ""), md_escape(est), md_escape(util.p(r.p)), md_escape(table.concat(arms, "; ")) }, " | ") .. " |"
      end
      out[#out + 1] = ""
    end
  end
  for _, n in ipairs(rec.notes or {}) do
    out[#out + 1] = "*Note (" .. md_escape(n.code or "?") .. "):* " .. md_escape(n.message or "")
    out[#out + 1] = ""
  end
end

function M.markdown_header(out, meta, label, count)
  local id = meta and meta.id or label or "document"
  out[#out + 1] = "## " .. md_escape(id) .. (meta and meta.title and (": " .. md_escape(meta.title)) or "")
  out[#out + 1] = ""
  local info = {}
  if meta and meta.date then info[#info + 1] = meta.date end
  if meta and meta.appraises then info[#info + 1] = "appraises **" .. md_escape(meta.appraises) .. "**" end
  info[#info + 1] = util.num(count) .. " cited references"
  if label then info[#info + 1] = "text: `" .. label .. "`" end
  out[#out + 1] = table.concat(info, "; ")
  out[#out + 1] = ""
end

return M
