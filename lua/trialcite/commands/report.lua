-- trialcite report: one self-contained HTML page about an appraisal: the document, the
-- appraised trial (population, arms, results and a forest plot), every cited reference
-- with what it is cited for (and its citing sentences when a text is given), and the
-- text's statistics with the checks' warnings.  Inline CSS and SVG; nothing is loaded
-- from elsewhere (links stay links).
local tc = require "trialcite"
local util = require "trialcite.cliutil"

local M = {
  summary = "write a self-contained HTML report: document, trial, forest plot, references, statistics",
  usage = "trialcite report (--document ID|FILE | --text FILE | FILE) [--document ID] [--title T] [-o OUT.html]",
  help = [[Writes one HTML page (standard output, or -o OUT.html) with no external resources:
  - the appraisal's metadata (title, date, language, publisher, link);
  - the appraised trial: citation and identifiers, population, arms, a results table
    and a forest plot (inline SVG) of the results with a confidence interval;
  - one entry per cited reference number: what it is cited for and, when a text is
    given, the sentences citing it;
  - with a text: its statistics, each with the consistency checks' messages.
--document takes a bundled document id (see `trialcite annotate --help`) or a text
file; --text FILE (or a FILE argument) gives the text, which is matched to its bundled
appraisal when it is one.]],
}

local CSS = [[
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1b1b1b;max-width:62rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;line-height:1.25;margin-bottom:.3rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
h3{font-size:1.05rem;margin-bottom:.3rem}.meta{color:#555;margin:.2rem 0}
table{border-collapse:collapse;width:100%;margin:.6rem 0;font-size:.92rem}th,td{border:1px solid #ddd;padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:#f4f6f8}td.num{text-align:right;white-space:nowrap}
.ref{margin:.8rem 0;padding:.2rem 0 .2rem .8rem;border-left:3px solid #c9d3e0}.ref .n{font-weight:bold}
.ctx{color:#333;margin:.25rem 0 .25rem 1rem;font-size:.93rem}.ctx .sec{color:#777;font-size:.85rem}
.sev-error{color:#a40000;font-weight:bold}.sev-warning{color:#8a5a00}.sev-info{color:#555}
.forest{overflow-x:auto;margin:.8rem 0}.trial{background:#fafbfc;border:1px solid #e3e7ec;padding:.2rem 1rem 1rem}
.muted{color:#777}code{font-size:.9em}
]]

local function esc(s)
  return (tostring(s):gsub("[&<>\"']", { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&#39;" }))
end

--- A link whose target is a plain http(s) URL (anything else is shown as text).
local function link(url, text)
  url = tostring(url)
  if not url:match("^https?://[%w%-%._~:/%?#%[%]@!%$&'%(%)%*%+,;=%%]+$") then return esc(text or url) end
  return '<a href="' .. esc(url) .. '">' .. esc(text or url) .. "</a>"
end

local function citation_html(c)
  if type(c) ~= "table" then return "" end
  local names = {}
  for i, a in ipairs(type(c.author) == "table" and c.author or {}) do
    if i > 6 then names[#names + 1] = "et al"; break end
    names[#names + 1] = (a.family or a.literal or "?") .. (a.given and (" " .. tostring(a.given):gsub("[^%u]", "")) or "")
  end
  local year = type(c.issued) == "table" and type(c.issued["date-parts"]) == "table"
    and type(c.issued["date-parts"][1]) == "table" and c.issued["date-parts"][1][1]
  local parts = {}
  if #names > 0 then parts[#parts + 1] = esc(table.concat(names, ", ")) .. "." end
  if c.title then parts[#parts + 1] = "<em>" .. esc(c.title) .. "</em>." end
  local src = (c["container-title"] or "") .. (year and (" " .. year) or "")
  if c.volume then src = src .. ";" .. c.volume end
  if c.issue then src = src .. "(" .. c.issue .. ")" end
  if c.page then src = src .. ":" .. c.page end
  if src ~= "" then parts[#parts + 1] = esc(src) .. "." end
  if c.DOI then parts[#parts + 1] = "DOI " .. link("https://doi.org/" .. c.DOI, c.DOI) end
  if c.PMID then parts[#parts + 1] = "PMID " .. esc(c.PMID) end
  return table.concat(parts, " ")
end

local function num(v)
  if type(v) == "boolean" then return v and "yes" or "no" end
  return type(v) == "number" and util.num(v) or (v ~= nil and tostring(v) or "")
end

--- Population facts worth a row: scalar fields, with readable keys.
local function population_rows(p)
  local keys = {}
  for k, v in pairs(type(p) == "table" and p or {}) do
    if type(v) == "number" or type(v) == "string" or type(v) == "boolean" then keys[#keys + 1] = k end
  end
  table.sort(keys)
  local out = {}
  for _, k in ipairs(keys) do
    out[#out + 1] = "<tr><th>" .. esc((k:gsub("_", " "))) .. "</th><td>" .. esc(num(p[k])) .. "</td></tr>"
  end
  return table.concat(out, "\n")
end

local function results_table(results)
  local rows = { "<table><thead><tr><th>Outcome</th><th>Role</th><th>Timepoint</th><th>Subgroup</th>"
    .. "<th>Estimate</th><th>p</th><th>Arms</th></tr></thead><tbody>" }
  for _, r in ipairs(type(results) == "table" and results or {}) do
    local arms = {}
    for _, a in ipairs(type(r.arms) == "table" and r.arms or {}) do arms[#arms + 1] = esc(util.arm(a)) end
    local est = r.value ~= nil and util.estimate(r) or (r.finding or "")
    rows[#rows + 1] = "<tr><td>" .. esc(r.outcome or "") .. "</td><td>" .. esc(r.role or "") .. "</td><td>"
      .. esc(r.timepoint or "") .. "</td><td>" .. esc(r.subgroup or "") .. "</td><td>" .. esc(est)
      .. "</td><td class=\"num\">" .. esc(util.p(r.p)) .. "</td><td>" .. table.concat(arms, "<br>") .. "</td></tr>"
  end
  rows[#rows + 1] = "</tbody></table>"
  return table.concat(rows, "\n")
end

local function trial_html(out, trial)
  out[#out + 1] = '<section class="trial" id="trial"><h2>Appraised trial' ..
    (trial.acronym and (": " .. esc(trial.acronym)) or "") .. "</h2>"
  out[#out + 1] = "<p>" .. citation_html(trial.citation) .. "</p>"
  if type(trial.design) == "table" then
    out[#out + 1] = "<h3>Design</h3><table><tbody>" .. population_rows(trial.design) .. "</tbody></table>"
  elseif trial.design then
    out[#out + 1] = '<p class="meta">Design: ' .. esc(trial.design) .. "</p>"
  end
  if type(trial.population) == "table" then
    out[#out + 1] = "<h3>Population</h3><table><tbody>" .. population_rows(trial.population) .. "</tbody></table>"
  end
  if type(trial.arms) == "table" and #trial.arms > 0 then
    out[#out + 1] = "<h3>Arms</h3><table><thead><tr><th>Arm</th><th>Role</th><th>n</th><th>Description</th></tr></thead><tbody>"
    for _, a in ipairs(trial.arms) do
      out[#out + 1] = "<tr><td>" .. esc(a.label or "") .. "</td><td>" .. esc(a.role or "") .. '</td><td class="num">'
        .. esc(num(a.n)) .. "</td><td>" .. esc(a.description or "") .. "</td></tr>"
    end
    out[#out + 1] = "</tbody></table>"
  end
  if type(trial.results) == "table" and #trial.results > 0 then
    out[#out + 1] = "<h3>Results</h3>"
    out[#out + 1] = results_table(trial.results)
    local svg = tc.forest_svg(trial, { width = 880, title = "Forest plot" })
    if svg then out[#out + 1] = '<div class="forest">' .. svg .. "</div>" end
  end
  out[#out + 1] = "</section>"
end

local function references_html(out, numbers, src)
  out[#out + 1] = '<section id="references"><h2>References (' .. #numbers .. " cited)</h2>"
  for _, n in ipairs(numbers) do
    local l = tc.lookup(n, src)
    out[#out + 1] = '<div class="ref" id="ref-' .. n .. '"><span class="n">[' .. n .. "]</span> "
    if l and l.cited_for then out[#out + 1] = esc(l.cited_for) end
    if l and l.trial then
      out[#out + 1] = ' <a href="#trial">(the appraised trial)</a>'
    end
    if l and type(l.sections) == "table" and #l.sections > 0 then
      out[#out + 1] = ' <span class="muted">— ' .. esc(table.concat(l.sections, ", ")) .. "</span>"
    end
    for _, c in ipairs(l and l.contexts or {}) do
      out[#out + 1] = '<div class="ctx">“' .. esc(tc.clean(c.text)) .. "”"
        .. ((c.section or c.section_kind) and (' <span class="sec">(' .. esc(c.section or c.section_kind) .. ")</span>") or "")
        .. "</div>"
    end
    out[#out + 1] = "</div>"
  end
  out[#out + 1] = "</section>"
end

local function statistics_html(out, doc)
  local stats, by = doc:statistics(), {}
  local general = {}
  for _, c in ipairs(doc:checks()) do
    if c.statistic then by[c.statistic] = by[c.statistic] or {}; table.insert(by[c.statistic], c)
    else general[#general + 1] = c end
  end
  out[#out + 1] = '<section id="statistics"><h2>Statistics in the text (' .. #stats .. ")</h2>"
  out[#out + 1] = "<table><thead><tr><th>#</th><th>As written</th><th>Kind</th><th>Value</th><th>Checks</th></tr></thead><tbody>"
  for i, s in ipairs(stats) do
    local checks = {}
    for _, c in ipairs(by[i] or {}) do
      checks[#checks + 1] = '<span class="sev-' .. esc(c.severity) .. '">' .. esc(c.severity) .. "</span> "
        .. esc(c.code) .. ": " .. esc(c.message)
    end
    out[#out + 1] = '<tr><td class="num">' .. i .. "</td><td>" .. esc(s.text) .. "</td><td>" .. esc(s.kind)
      .. (s.measure and (" " .. esc(s.measure)) or "") .. "</td><td>" .. esc(util.estimate(s))
      .. (s.p and (" " .. esc(util.p(s.p))) or "") .. "</td><td>" .. table.concat(checks, "<br>") .. "</td></tr>"
  end
  out[#out + 1] = "</tbody></table>"
  for _, c in ipairs(general) do
    out[#out + 1] = '<p class="sev-' .. esc(c.severity) .. '">' .. esc(c.code) .. ": " .. esc(c.message) .. "</p>"
  end
  out[#out + 1] = "</section>"
end

function M.run(args)
  local opts, pos = util.parse(args, { ["--document"] = "value", ["--text"] = "value", ["-o"] = "value",
                                       ["--output"] = "value", ["--title"] = "value" }, "report")
  local text_path = opts.text
  local doc_id = opts.document
  if doc_id and not util.bundled(doc_id) then
    local f = io.open(doc_id, "rb")
    if f then f:close(); if text_path then util.usage("report: two texts given") end; text_path, doc_id = doc_id, nil
    else util.check_document(doc_id) end
  end
  if #pos > 1 then util.usage("report: takes one FILE") end
  if pos[1] then
    if text_path then util.usage("report: two texts given") end
    text_path = pos[1]
  end
  if not doc_id and not text_path then util.usage("report: needs --document ID|FILE (see trialcite report --help)") end
  local out_path = opts.o or opts.output or "-"

  local doc, record
  if text_path then
    doc = tc.parse(util.read(text_path), { id = text_path ~= "-" and text_path or nil })
    if not doc_id then
      local b = util.recognize(doc)
      doc_id = b and b.id or nil
    end
  end
  if doc_id then record = tc.document and tc.document(doc_id) or util.bundled(doc_id) end
  local trial = record and record.appraises and tc.trial(record.appraises) or nil
  local src = doc or doc_id
  local numbers = util.numbers(src, record)

  local title = opts.title or (record and record.title) or (text_path and ("trialcite report: " .. text_path)) or "trialcite report"
  local out = {
    "<!DOCTYPE html>",
    '<html lang="' .. esc(record and record.title_lang or "en") .. '"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    "<meta name=\"generator\" content=\"trialcite " .. esc(tc.VERSION) .. "\">",
    "<title>" .. esc(title) .. "</title>",
    "<style>" .. CSS .. "</style></head><body>",
    "<header><h1>" .. esc(title) .. "</h1>",
  }
  if record then
    local bits = {}
    if record.publisher then bits[#bits + 1] = esc(record.publisher) .. (record.number and (" " .. esc(num(record.number))) or "") end
    if record.date then bits[#bits + 1] = esc(record.date) end
    if record.lang then bits[#bits + 1] = "language: " .. esc(record.lang) end
    bits[#bits + 1] = "id: <code>" .. esc(record.id) .. "</code>"
    if record.url then bits[#bits + 1] = link(record.url) end
    out[#out + 1] = '<p class="meta">' .. table.concat(bits, " · ") .. "</p>"
  end
  if text_path then
    out[#out + 1] = '<p class="meta">Text: <code>' .. esc(text_path) .. "</code> (" .. esc(doc:lang() ~= "" and doc:lang() or "language not detected")
      .. ", " .. #doc:citations() .. " citation markers, " .. #doc:statistics() .. " statistics)</p>"
  end
  out[#out + 1] = "</header>"
  if trial then trial_html(out, trial) end
  references_html(out, numbers, src)
  if doc then statistics_html(out, doc) end
  out[#out + 1] = '<footer class="muted"><p>Generated by trialcite ' .. esc(tc.VERSION) .. ".</p></footer></body></html>"
  util.write(out_path, table.concat(out, "\n") .. "\n")
  return 0
end

return M
