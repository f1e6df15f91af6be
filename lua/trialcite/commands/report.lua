-- trialcite report: one self-contained HTML page about an appraisal: the document, the
-- appraised trial (population, arms, results and a forest plot), every cited reference
-- with what it is cited for (and its citing sentences when a text is given), and the
-- text's statistics with the checks' warnings.  Inline CSS and SVG; nothing is loaded
-- from elsewhere (links stay links).
local tc = require "trialcite"
local util = require "trialcite.cliutil"
local labels = require "trialcite.schema_labels"   -- generated from the schema (make labels)

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
appraisal when it is one; any other text gets the trial record extracted from it
(population, arms, results and their forest plot; see `trialcite extract`).
--document ID with a --text that is not that appraisal's text is an error naming the
appraisal the text is (if any).]],
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
table.rows th{width:15rem;font-weight:600}table.rows th,table.rows td{padding:.2rem .5rem}
.citation{line-height:1.6}.results td:last-child{min-width:15rem}.results td:first-child{min-width:11rem}
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

--- The citation line: authors, title, journal, and every identifier (DOI, PMID, PMCID,
-- registration), each a link.
local function citation_html(c, registration)
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
  local src = (c["container-title"] or "") .. (year and (" " .. util.num(year)) or "")
  if c.volume then src = src .. ";" .. c.volume end
  if c.issue then src = src .. "(" .. c.issue .. ")" end
  if c.page then src = src .. ":" .. c.page end
  if src ~= "" then parts[#parts + 1] = esc(src) .. "." end
  local ids = {}
  if c.DOI then ids[#ids + 1] = "DOI " .. link("https://doi.org/" .. c.DOI, c.DOI) end
  if c.PMID then ids[#ids + 1] = "PMID " .. link("https://pubmed.ncbi.nlm.nih.gov/" .. tostring(c.PMID) .. "/", tostring(c.PMID)) end
  if c.PMCID then ids[#ids + 1] = "PMCID " .. link("https://www.ncbi.nlm.nih.gov/pmc/articles/" .. tostring(c.PMCID) .. "/", tostring(c.PMCID)) end
  if type(registration) == "string" then
    ids[#ids + 1] = "registration " .. (registration:match("^NCT%d+$")
      and link("https://clinicaltrials.gov/study/" .. registration, registration) or esc(registration))
  end
  if #ids > 0 then parts[#parts + 1] = '<span class="ids">' .. table.concat(ids, " · ") .. "</span>" end
  return table.concat(parts, " ")
end

local function num(v)
  if type(v) == "boolean" then return v and "yes" or "no" end
  return type(v) == "number" and util.num(v) or (v ~= nil and tostring(v) or "")
end

-- ---- design and population: labelled rows from the schema (trialcite.schema_labels) ----

--- Provenance notes of the data ("source", "region_source"): never shown.
local function provenance(key) return key == "source" or key:match("_source$") ~= nil end

local function humanise(key) return (key:gsub("_", " "):gsub("^%l", string.upper)) end

local function with_unit(text, unit)
  if not unit then return text end
  return text .. (unit == "%" and "%" or (" " .. unit))
end

local value_text

--- An object's text: a template (x-format), one part per arm when its keys are arm
-- roles, else "Title value; ..." for its fields in schema order, then the others.
local function object_text(v, spec, arms)
  if spec and spec.format then
    return (spec.format:gsub("%%([%w_]+)", function(k) return v[k] ~= nil and (value_text(v[k], nil, arms) or "?") or "?" end))
  end
  local per_arm = next(v) ~= nil
  for k in pairs(v) do if not arms[k] then per_arm = false end end
  local parts = {}
  if per_arm then
    for _, a in ipairs(arms) do
      if v[a.role] ~= nil then parts[#parts + 1] = a.label .. ": " .. (value_text(v[a.role], { unit = spec and spec.unit }, arms) or "") end
    end
    return table.concat(parts, "; ")
  end
  local seen = {}
  local function add(key, f)
    seen[key] = true
    if provenance(key) or (f and f.hidden) or v[key] == nil then return end
    local t = value_text(v[key], { unit = (f and f.unit) or (spec and spec.unit), format = f and f.format, fields = f and f.fields }, arms)
    if not t or t == "" then return end
    local title = f and f.title or humanise(key)
    parts[#parts + 1] = title == "" and t or (title:gsub("^%u%l", string.lower) .. ": " .. t)
  end
  for _, f in ipairs(spec and spec.fields or {}) do add(f.key, f) end
  local rest = {}
  for k in pairs(v) do if not seen[k] then rest[#rest + 1] = k end end
  table.sort(rest)
  for _, k in ipairs(rest) do add(k, nil) end
  return table.concat(parts, "; ")
end

--- The display text of a record value (nil: nothing to show).
function value_text(v, spec, arms)
  if type(v) == "boolean" then return v and "yes" or "no" end
  if type(v) == "number" then return with_unit(util.num(v), spec and spec.unit) end
  if type(v) == "string" then return v ~= "" and v or nil end
  if type(v) ~= "table" then return nil end   -- JSON null
  if #v > 0 then
    local items = {}
    for _, x in ipairs(v) do items[#items + 1] = value_text(x, spec, arms) end
    return table.concat(items, ", ")
  end
  if next(v) == nil then return nil end
  return object_text(v, spec, arms)
end

--- The arms by role, and in order: { {role=, label=}, intervention = <label>, ... }.
local function arm_roles(trial)
  local arms = {}
  for _, a in ipairs(type(trial.arms) == "table" and trial.arms or {}) do
    if type(a.role) == "string" and a.label then
      arms[#arms + 1] = { role = a.role, label = a.label }
      arms[a.role] = a.label
    end
  end
  return arms
end

--- Rows "<th>title</th><td>value</td>" of a record section, in the schema's order
-- (labels from the schema), then fields the schema does not name; X_mean with X_sd
-- as one row; provenance and hidden fields left out.
function M.section_rows(record, section, arms)
  local specs = labels[section] or {}
  local rows, seen = {}, {}
  local function add(key, spec)
    seen[key] = true
    local v = record[key]
    if v == nil or provenance(key) or (spec and spec.hidden) then return end
    local base = key:match("^(.*)_sd$")
    if base and record[base .. "_mean"] ~= nil then return end   -- shown with its mean
    local text = value_text(v, spec, arms)
    if not text or text == "" then return end
    local mbase = key:match("^(.*)_mean$")
    if mbase and type(record[mbase .. "_sd"]) == "number" then
      text = text .. " (SD " .. util.num(record[mbase .. "_sd"]) .. ")"
    end
    rows[#rows + 1] = { title = spec and spec.title or humanise(key), text = text, key = key }
  end
  for _, spec in ipairs(specs) do add(spec.key, spec) end
  local rest = {}
  for k in pairs(record) do if not seen[k] then rest[#rest + 1] = k end end
  table.sort(rest)
  for _, k in ipairs(rest) do add(k, nil) end
  return rows
end

local function rows_html(rows)
  local out = {}
  for _, r in ipairs(rows) do
    out[#out + 1] = "<tr><th>" .. esc(r.title) .. "</th><td>" .. esc(r.text) .. "</td></tr>"
  end
  return table.concat(out, "\n")
end

local function results_table(results, arms)
  local subgroups = false   -- the Subgroup column only when a result has one
  for _, r in ipairs(type(results) == "table" and results or {}) do if r.subgroup then subgroups = true end end
  local rows = { "<table class=\"results\"><thead><tr><th>Outcome</th><th>Role</th><th>Timepoint</th>"
    .. (subgroups and "<th>Subgroup</th>" or "") .. "<th>Estimate</th><th>p</th><th>Arms</th></tr></thead><tbody>" }
  for _, r in ipairs(type(results) == "table" and results or {}) do
    local parts = {}
    for _, a in ipairs(type(r.arms) == "table" and r.arms or {}) do
      local label = arms[a.arm]
      local shown = label and setmetatable({ arm = label }, { __index = a }) or a
      parts[#parts + 1] = esc(util.arm(shown))
    end
    local est = r.value ~= nil and util.estimate(r) or (r.finding or "")
    local p = util.p(r.p)
    if r.arms_p and r.value == nil then p = util.p(r.arms_p) end
    rows[#rows + 1] = "<tr><td>" .. esc(r.outcome or "") .. "</td><td>" .. esc(r.role or "") .. "</td><td>"
      .. esc(r.timepoint or "") .. (subgroups and ("</td><td>" .. esc(r.subgroup or "")) or "") .. "</td><td>" .. esc(est)
      .. "</td><td class=\"num\">" .. esc(p) .. "</td><td>" .. table.concat(parts, "<br>") .. "</td></tr>"
  end
  rows[#rows + 1] = "</tbody></table>"
  return table.concat(rows, "\n")
end

local function trial_html(out, trial, extracted)
  local arms = arm_roles(trial)
  out[#out + 1] = '<section class="trial" id="trial"><h2>' .. (extracted and "Trial (extracted from the text)" or "Appraised trial") ..
    (trial.acronym and (": " .. esc(trial.acronym)) or "") .. "</h2>"
  if extracted then
    out[#out + 1] = '<p class="meta">Read from the text alone; every number has its span in the text '
      .. "(<code>trialcite extract --json FILE</code>).</p>"
  end
  out[#out + 1] = '<p class="citation">' .. citation_html(trial.citation, trial.registration) .. "</p>"
  if trial.question then out[#out + 1] = '<p class="meta">' .. esc(trial.question) .. "</p>" end
  if type(trial.design) == "table" then
    out[#out + 1] = '<h3 id="design">Design</h3><table class="rows"><tbody>' .. rows_html(M.section_rows(trial.design, "design", arms)) .. "</tbody></table>"
  elseif type(trial.design) == "string" then
    out[#out + 1] = '<p class="meta">Design: ' .. esc(trial.design) .. "</p>"
  end
  if type(trial.population) == "table" then
    out[#out + 1] = '<h3 id="population">Population</h3><table class="rows"><tbody>' .. rows_html(M.section_rows(trial.population, "population", arms)) .. "</tbody></table>"
  end
  if type(trial.arms) == "table" and #trial.arms > 0 then
    out[#out + 1] = '<h3 id="arms">Arms</h3>' .. "<table><thead><tr><th>Arm</th><th>Role</th><th>n</th><th>Description</th></tr></thead><tbody>"
    for _, a in ipairs(trial.arms) do
      out[#out + 1] = "<tr><td>" .. esc(a.label or "") .. "</td><td>" .. esc(a.role or "") .. '</td><td class="num">'
        .. esc(num(a.n)) .. "</td><td>" .. esc(a.description or "") .. "</td></tr>"
    end
    out[#out + 1] = "</tbody></table>"
  end
  if type(trial.results) == "table" and #trial.results > 0 then
    out[#out + 1] = '<h3 id="results">Results</h3>'
    out[#out + 1] = results_table(trial.results, arms)
    local svg = tc.forest_svg(trial, { width = 880, title = "Forest plot" })
    if svg then out[#out + 1] = '<div class="forest" id="forest">' .. svg .. "</div>" end
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
      out[#out + 1] = ' <span class="muted">— ' .. esc((table.concat(l.sections, ", "):gsub("_", " "))) .. "</span>"
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
    -- a p-value on its own is its value: shown once ("p=0.03", not "0.03 p=0.03")
    local value = s.kind == "p" and s.p and util.p(s.p)
      or (util.estimate(s) .. (s.p and (" " .. util.p(s.p)) or ""))
    out[#out + 1] = '<tr><td class="num">' .. i .. "</td><td>" .. esc(s.text) .. "</td><td>" .. esc(s.kind)
      .. (s.measure and (" " .. esc(s.measure)) or "") .. "</td><td>" .. esc(value)
      .. "</td><td>" .. table.concat(checks, "<br>") .. "</td></tr>"
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
    doc = util.parse_file(text_path, { id = text_path ~= "-" and text_path or nil })
    local b = util.recognize(doc)
    local name = text_path == "-" and "standard input" or text_path
    if doc_id and not b then
      util.fail("report: " .. name .. " is not the text of " .. doc_id .. " (it is none of the bundled appraisals: "
        .. table.concat(util.document_ids(), ", ") .. "); leave out --document to report on the text alone")
    elseif doc_id and b.id ~= doc_id then
      util.fail("report: " .. name .. " is the text of " .. b.id .. ", not of " .. doc_id)
    end
    doc_id = b and b.id or nil
  end
  if doc_id then record = tc.document and tc.document(doc_id) or util.bundled(doc_id) end
  local trial = record and record.appraises and tc.trial(record.appraises) or nil
  -- a text trialcite does not bundle: the trial record extracted from it
  local extracted = not trial and doc and tc.extract_trial and tc.extract_trial(doc) or nil
  if extracted and not (extracted.population or extracted.arms or extracted.results) then extracted = nil end
  trial = trial or extracted
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
  if trial then trial_html(out, trial, extracted ~= nil) end
  references_html(out, numbers, src)
  if doc then statistics_html(out, doc) end
  out[#out + 1] = '<footer class="muted"><p>Generated by trialcite ' .. esc(tc.VERSION) .. ".</p></footer></body></html>"
  util.write(out_path, table.concat(out, "\n") .. "\n")
  return 0
end

return M
