-- Bundled documents and trial records: shapes, lookup, reference index, traceability of
-- every number to its span in the seed texts, recognition, and the data loader.
local t = require "harness"
local tc = require "trialcite"

local SEED_OF = { ["minerva-20577"] = t.SEED1, ["minerva-20707"] = t.SEED2 }
local TRIAL_OF = { ["minerva-20577"] = "ilgen-2020", ["minerva-20707"] = "cooperman-2024" }
local CITED = { ["minerva-20577"] = 15, ["minerva-20707"] = 30 }
local APPRAISED = { ["minerva-20577"] = 9, ["minerva-20707"] = 19 }
local SECTION_KINDS = {
  other = true, lead = true, question = true, background = true, summary = true, population = true,
  design = true, outcomes = true, results = true, authors_conclusion = true, funding = true,
  conflicts = true, discussion = true, methodology = true, results_appraisal = true,
  guidelines = true, conclusion = true, methods = true, introduction = true, references = true,
}
local WORDS = { een = 1, twee = 2, drie = 3, acht = 8 }
local STAT_PARTS = { value = true, sd = true, low = true, high = true, p = true }

-- A number as an appraisal writes it: decimal comma, "-" or U+2212 for minus.
local function parse_number(s)
  local sign, rest = 1, s
  if rest:sub(1, 3) == "\u{2212}" then sign, rest = -1, rest:sub(4)
  elseif rest:sub(1, 1) == "-" then sign, rest = -1, rest:sub(2) end
  if not rest:match("^%d+$") and not rest:match("^%d+,%d+$") then return nil end
  return sign * tonumber((rest:gsub(",", ".")))
end

-- The value at a record path such as "results[2].ci.low" (1-based indices).
local function at_path(rec, path)
  local x = rec
  for part in path:gmatch("[^.]+") do
    local key, rest = part:match("^([^%[]*)(.*)$")
    if key ~= "" then x = type(x) == "table" and x[key] or nil end
    for i in rest:gmatch("%[(%d+)%]") do x = type(x) == "table" and x[tonumber(i)] or nil end
  end
  return x
end

local function find(list, pred) for _, x in ipairs(list) do if pred(x) then return x end end end

t.test("tc.documents: the two bundled appraisals with the contract's fields", function()
  local docs = tc.documents()
  t.eq(#docs, 2, "number of documents")
  local seen = {}
  for _, d in ipairs(docs) do
    seen[d.id] = d
    t.ok(type(d.title) == "string" and #d.title > 10, d.id .. ": title")
    t.ok(d.date:match("^%d%d%d%d%-%d%d%-%d%d$"), d.id .. ": date")
    t.eq(d.lang, "nl", d.id .. ": lang")
    t.ok(d.url:match("^https://"), d.id .. ": url")
    t.eq(d.appraises, TRIAL_OF[d.id], d.id .. ": appraises")
    t.eq(d.appraised_reference, APPRAISED[d.id], d.id .. ": appraised_reference")
  end
  t.eq(seen["minerva-20577"].date, "2021-06-15", "20577 date")
  t.eq(seen["minerva-20707"].date, "2024-05-24", "20707 date")
  t.eq(seen["minerva-20577"].number, 20577, "20577 number")
  t.eq(seen["minerva-20707"].number, 20707, "20707 number")
  t.eq(seen["minerva-20707"].translations[1], { lang = "fr", number = 868 }, "French translation")
  t.eq(tc.document("minerva-20707").id, "minerva-20707", "tc.document")
  local none, msg = tc.document("minerva-1")
  t.eq(none, nil, "unknown document"); t.ok(msg:find("minerva%-1"), "message names the id")
end)

t.test("tc.trial: by id, DOI in any form, PMID, PMCID, registration; nil otherwise", function()
  local keys = {
    "cooperman-2024", "10.1001/JAMAPSYCHIATRY.2023.5138", "10.1001/jamapsychiatry.2023.5138",
    "doi:10.1001/jamapsychiatry.2023.5138", "DOI: 10.1001/JAMAPsychiatry.2023.5138",
    "https://doi.org/10.1001/jamapsychiatry.2023.5138", "http://dx.doi.org/10.1001/JAMAPSYCHIATRY.2023.5138", "https://pubmed.ncbi.nlm.nih.gov/38061786/",
    "38061786", 38061786, "PMID: 38061786", "PMC10704342", "NCT04491968", " nct04491968 ",
  }
  for _, k in ipairs(keys) do
    local tr = tc.trial(k)
    t.ok(tr, "tc.trial(" .. tostring(k) .. ")")
    t.eq(tr.id, "cooperman-2024", "tc.trial(" .. tostring(k) .. ")")
  end
  for _, k in ipairs { "ilgen-2020", "https://doi.org/10.1001/JAMAPSYCHIATRY.2020.2369" } do
    t.eq(tc.trial(k).id, "ilgen-2020", "tc.trial(" .. k .. ")")
  end
  for _, k in ipairs { "cooperman", "10.1001/jamapsychiatry.2023.513", "3806178", "NCT0449196", "", "PMC1" } do
    local tr, msg = tc.trial(k)
    t.eq(tr, nil, "tc.trial(" .. k .. ")"); t.ok(type(msg) == "string", "message")
  end
  t.raises(function() tc.trial() end, "string expected", "tc.trial()")
  t.raises(function() tc.trial({}) end, nil, "tc.trial({})")
end)

t.test("tc.trials: complete citations (CSL-JSON) and populations", function()
  local trials = tc.trials()
  t.eq(#trials, 2, "number of trials")
  local c = tc.trial("cooperman-2024")
  local cit = c.citation
  t.eq(cit.type, "article-journal", "CSL type")
  t.eq(cit["container-title"], "JAMA Psychiatry", "container-title")
  t.eq(cit.DOI, "10.1001/jamapsychiatry.2023.5138", "DOI")
  t.eq(cit.PMID, "38061786", "PMID"); t.eq(cit.PMCID, "PMC10704342", "PMCID")
  t.eq(cit.URL, "https://doi.org/10.1001/jamapsychiatry.2023.5138", "URL")
  t.eq({ cit.volume, cit.issue, cit.page }, { "81", "4", "338-346" }, "volume, issue, page")
  t.eq(cit.issued["date-parts"][1], { 2024, 4 }, "issued")
  t.eq(#cit.author, 7, "authors"); t.eq(cit.author[1].family, "Cooperman", "first author")
  t.eq(cit.author[7].family, "Garland", "last author")
  t.eq(c.registration, "NCT04491968", "registration")
  t.eq(c.population.randomized, 154, "randomized"); t.eq(#c.arms, 2, "arms")
  t.eq(c.arms[1].n + c.arms[2].n, 154, "arm sizes add up")
  t.eq(c.design.power_calculation.per_group, 56, "power per group")
  t.eq(c.design.power_calculation.total, 112, "power total")
  t.eq(c.design.power_calculation.dropout, 0.3, "power dropout")
  local i = tc.trial("ilgen-2020")
  t.eq(i.citation.DOI, "10.1001/jamapsychiatry.2020.2369", "Ilgen DOI")
  t.eq(i.citation.author[1].family, "Ilgen", "Ilgen first author")
  t.eq({ i.population.screened, i.population.screened_men, i.population.screened_women }, { 1372, 960, 412 }, "screened")
  t.eq({ i.population.randomized, i.population.randomized_men, i.population.randomized_women }, { 510, 264, 246 }, "randomized")
  t.eq(i.population.randomized_men + i.population.randomized_women, i.population.randomized, "men + women")
  t.eq(i.population.screened_men + i.population.screened_women, i.population.screened, "screened men + women")
end)

t.test("results: every effect estimate the appraisals report", function()
  local function check(r, want, what)
    t.eq(r.measure, want.measure, what .. " measure")
    t.eq(r.value, want.value, what .. " value")
    if want.ci then t.eq({ r.ci.low, r.ci.high, r.ci.level }, { want.ci[1], want.ci[2], 95 }, what .. " ci") end
    if want.p then t.eq(r.p, { op = want.p[1], value = want.p[2] }, what .. " p") end
    t.eq(r.timepoint, want.timepoint, what .. " timepoint")
    t.eq(r.subgroup, want.subgroup, what .. " subgroup")
  end
  local ir = tc.trial("ilgen-2020").results
  check(ir[1], { value = 0.11, ci = { 0.03, 0.18 }, timepoint = "3 months", subgroup = "men" }, "Ilgen 1")
  check(ir[2], { value = 0.07, ci = { -0.01, 0.19 }, timepoint = "12 months", subgroup = "men" }, "Ilgen 2")
  check(ir[3], { value = 0.58, ci = { -0.07, 1.22 }, timepoint = "12 months", subgroup = "women" }, "Ilgen 3")
  local cr = tc.trial("cooperman-2024").results
  check(cr[1], { measure = "HR", value = 0.58, ci = { 0.37, 0.90 }, p = { "=", 0.02 }, timepoint = "16 weeks" }, "relapse")
  t.eq({ cr[1].arms[1].percent, cr[1].arms[2].percent }, { 50.6, 57.1 }, "relapse per arm")
  check(cr[2], { measure = "HR", value = 0.41, ci = { 0.18, 0.96 }, p = { "=", 0.04 }, timepoint = "16 weeks" }, "retention")
  t.eq({ cr[2].arms[1].percent, cr[2].arms[2].percent }, { 13.0, 22.1 }, "stopped per arm")
  check(cr[4], { measure = "OR", value = 4.56, ci = { 1.04, 20.05 }, p = { "=", 0.04 }, timepoint = "16 weeks" }, "adherence")
  t.eq({ cr[4].arms[1].percent, cr[4].arms[2].percent, cr[4].arms_p.value }, { 95.5, 83.6, 0.03 }, "adherence per arm")
  t.eq(cr[5].arms[1].baseline, { mean = 5.79, sd = 0.29 }, "pain baseline, intervention")
  t.eq({ cr[5].arms[2].mean, cr[5].arms[2].sd }, { 4.96, 0.29 }, "pain 16 weeks, control")
  t.eq(cr[5].p, { op = "<", value = 0.001 }, "pain p")
  t.eq({ cr[6].arms[1].mean, cr[6].arms[2].baseline.mean }, { 18.98, 22.65 }, "depression")
  check(cr[8], { measure = "HR", value = 0.58, ci = { 0.53, 0.63 }, p = { "<", 0.001 }, timepoint = "16 weeks" }, "days overall")
  check(cr[9], { measure = "HR", value = 0.72, ci = { 0.63, 0.81 }, p = { "<", 0.001 }, timepoint = "16 weeks" }, "days opioids")
  check(cr[10], { measure = "HR", value = 0.53, ci = { 0.48, 0.58 }, p = { "<", 0.001 }, timepoint = "16 weeks" }, "days other")
  t.eq({ cr[10].arms[1].mean, cr[10].arms[1].sd, cr[10].arms[2].mean, cr[10].arms[2].sd }, { 9.8, 14.8, 18.3, 23.0 }, "days other per arm")
  t.eq({ cr[11].arms[1].mean, cr[11].arms[1].sd, cr[12].arms[1].percent }, { 5.3, 2.8, 73 }, "sessions")
  t.eq({ cr[13].arms[1].mean, cr[13].arms[1].sd, cr[13].arms[2].mean, cr[13].arms[2].sd }, { 8.6, 11.5, 8.0, 10.7 }, "hours")
  for _, tr in ipairs(tc.trials()) do
    for k, r in ipairs(tr.results) do
      t.ok(r.outcome and r.role, tr.id .. " results[" .. k .. "]: outcome and role")
      if r.ci then t.ok(r.ci.low <= r.value and r.value <= r.ci.high, tr.id .. " results[" .. k .. "]: value inside ci") end
    end
  end
end)

t.test("reference index: one entry per cited number; the appraised trial marked once", function()
  for _, d in ipairs(tc.documents()) do
    local n = CITED[d.id]
    t.eq(#d.references, n, d.id .. ": entries")
    for i, r in ipairs(d.references) do
      t.eq(r.number, i, d.id .. ": reference numbers in order")
      t.ok(type(r.cited_for) == "string" and #r.cited_for > 10, d.id .. " " .. i .. ": cited_for")
      t.ok(#r.sections >= 1, d.id .. " " .. i .. ": sections")
      for _, s in ipairs(r.sections) do t.ok(SECTION_KINDS[s], d.id .. " " .. i .. ": section kind " .. s) end
      t.eq(r.appraised_trial == true, i == APPRAISED[d.id], d.id .. " " .. i .. ": appraised_trial")
      if r.appraised_trial then t.eq(r.trial, d.appraises, d.id .. ": trial of the appraised reference") end
    end
  end
  local d = tc.document("minerva-20707")
  local chk = find(d.checks, function(c) return c.code == "reference-reused" end)
  t.ok(chk, "reference-reused check")
  t.eq({ chk.severity, chk.reference }, { "warning", 19 }, "check severity and reference")
  t.eq(d.references[19].sections, { "background", "design" }, "reference 19 sections")
  t.ok(d.references[19].other_uses[1].section == "background", "reference 19 other use")
  t.eq(tc.document("minerva-20577").references[15].sections, { "guidelines" }, "20577 reference 15")
  t.eq(tc.document("minerva-20577").references[1].sections, { "lead" }, "20577 reference 1")
end)

t.test("reference index agrees with the parsed seed texts", function()
  for _, d in ipairs(tc.documents()) do
    local text = t.seed(SEED_OF[d.id])
    local doc = tc.parse(text, { lang = "nl" })
    local got = {}
    for _, r in ipairs(doc:references()) do got[#got + 1] = r.number end
    local want = {}
    for _, r in ipairs(d.references) do want[#want + 1] = r.number end
    t.eq(got, want, d.id .. ": cited numbers")
    for _, r in ipairs(doc:references()) do
      local sections = {}
      for _, s in ipairs(d.references[r.number].sections) do sections[s] = true end
      for _, c in ipairs(r.contexts) do
        t.ok(sections[c.section_kind], string.format("%s reference %d cited in section %s", d.id, r.number, tostring(c.section_kind)))
      end
    end
    local markers = {}
    for _, c in ipairs(doc:citations()) do markers[#markers + 1] = c.refs end
    t.eq(markers, d.fingerprint.markers, d.id .. ": fingerprint markers")
  end
end)

-- Every evidence span holds the number as written (independent of the extractor).
t.test("evidence: each span holds the number, equal to the value at its path", function()
  local count = 0
  for _, tr in ipairs(tc.trials()) do
    t.ok(#tr.evidence > 10, tr.id .. ": evidence")
    for k, e in ipairs(tr.evidence) do
      local what = string.format("%s evidence[%d] %s", tr.id, k, e.path)
      t.eq(at_path(tr, e.path), e.value, what .. ": value at path")
      if e.source then
        t.eq(e.source, "seeds-readme", what .. ": source")
      else
        t.ok(SEED_OF[e.document], what .. ": document")
        local text = t.seed(SEED_OF[e.document])
        local tok = text:sub(e.start, e.stop)
        t.eq(tok, e.text, what .. ": text at span")
        local v
        if e.part == "word" then v = WORDS[tok:lower()]
        elseif e.part == "fraction" then v = parse_number(tok) / 100
        else v = parse_number(tok) end
        t.eq(v, e.value, what .. ": number at span")
        -- A number token: not part of a longer number.
        local before, after = text:sub(e.start - 1, e.start - 1), text:sub(e.stop + 1, e.stop + 1)
        t.ok(not before:match("[%d,]") and not after:match("%d") and not (after == "," and text:sub(e.stop + 2, e.stop + 2):match("%d")),
             what .. ": whole token")
        count = count + 1
      end
    end
  end
  t.ok(count >= 150, "spans checked: " .. count)
end)

-- Every number in a trial record (outside the bibliographic citation) is traced.
t.test("evidence: every number of a trial record carries evidence", function()
  for _, tr in ipairs(tc.trials()) do
    local traced = {}
    for _, e in ipairs(tr.evidence) do traced[e.path] = true end
    local function walk(x, path)
      if type(x) == "number" then
        t.ok(traced[path], tr.id .. ": no evidence for " .. path)
      elseif type(x) == "table" then
        if #x > 0 then
          for i, v in ipairs(x) do walk(v, path .. "[" .. i .. "]") end
        else
          for k, v in pairs(x) do
            -- citation: bibliographic; reference: a citation number of the appraisal.
            if k ~= "citation" and k ~= "evidence" and k ~= "reference" then
              walk(v, path == "" and k or path .. "." .. k)
            end
          end
        end
      end
    end
    walk(tr, "")
  end
end)

-- The statistics extractor finds each traced statistic at exactly the recorded span.
t.test("evidence: the engine extracts each bundled statistic at its span", function()
  local parts = { value = "value", sd = "sd", low = "low", high = "high", p = "p" }
  local function number_of(s, part)
    if part == "value" then return s.value elseif part == "sd" then return s.sd
    elseif part == "low" then return s.ci and s.ci.low elseif part == "high" then return s.ci and s.ci.high
    else return s.p and s.p.value end
  end
  local missing, checked = {}, 0
  for _, tr in ipairs(tc.trials()) do
    local doc_id = tr.appraised_in[1]
    local doc = tc.parse(t.seed(SEED_OF[doc_id]), { lang = "nl" })
    local stats = doc:statistics()
    for _, e in ipairs(tr.evidence) do
      if e.document and STAT_PARTS[e.part] then
        local found
        for _, s in ipairs(stats) do
          for key in pairs(parts) do
            local sp = s.spans and s.spans[key]
            if sp and sp.start == e.start and sp.stop == e.stop then found = number_of(s, key) end
          end
        end
        if found == nil then
          missing[#missing + 1] = string.format("%s %s %q@%d", tr.id, e.path, e.text, e.start)
        else
          t.eq(found, e.value, tr.id .. " " .. e.path .. ": extracted value")
          t.eq(found, at_path(tr, e.path), tr.id .. " " .. e.path .. ": value at path")
          checked = checked + 1
        end
      end
    end
  end
  t.ok(checked >= 100, "statistics checked: " .. checked)
  t.ok(#missing == 0, #missing .. " traced numbers not extracted at their span: " .. table.concat(missing, "; "))
end)

t.test("tc.recognize: the seed texts whatever their line breaks; not other texts", function()
  for id, name in pairs(SEED_OF) do
    local text = t.seed(name)
    t.eq(tc.recognize(tc.parse(text)), id, id .. " as is")
    t.eq(tc.recognize(tc.parse((text:gsub("\n\n", "\n")))), id, id .. " single line breaks")
    t.eq(tc.recognize(tc.parse((text:gsub("%s+", " ")))), id, id .. " one line")
    t.eq(tc.recognize(tc.parse((text:gsub("\n", "\r\n")))), id, id .. " CRLF")
  end
  -- Rule (b): the same markers and statistics in a slightly different text.
  local edited = t.seed(t.SEED2):gsub("Minerva", "MINERVA")
  t.eq(tc.recognize(tc.parse(edited)), "minerva-20707", "edited text, same markers and statistics")
  -- The markers alone are not enough.
  local markers = {}
  for _, c in ipairs(tc.parse(t.seed(t.SEED2)):citations()) do markers[#markers + 1] = "zin " .. c.text .. "." end
  t.eq(tc.recognize(tc.parse(table.concat(markers, "\n"))), nil, "markers without the statistics")
  local none, msg = tc.recognize(tc.parse("Een tekst (1) zonder verband (2-4)."))
  t.eq(none, nil, "unrelated text"); t.ok(type(msg) == "string", "message")
  local half = t.seed(t.SEED2); half = half:sub(1, #half // 2)
  t.eq(tc.recognize(tc.parse(half)), nil, "half of the second seed")
  t.raises(function() tc.recognize("text") end, nil, "recognize a string")
end)

t.test("tc.load_trials: a user's data file, and errors that name the field", function()
  local data = assert(tc.load_trials([[{"trials": [{"id": "x-1", "title": "T",
    "citation": {"type": "article-journal", "title": "T", "DOI": "10.1/ABC", "PMID": "42"},
    "results": [{"outcome": "o", "value": 1.5, "ci": {"level": 95, "low": 1, "high": 2}}],
    "evidence": [{"path": "results[1].ci.low", "value": 1, "source": "paper"}]}]}]]))
  t.eq(data:trial("doi:10.1/abc").id, "x-1", "by DOI"); t.eq(data:trial("42").id, "x-1", "by PMID")
  t.eq(#data:documents(), 0, "no documents"); t.eq(#data:trials(), 1, "one trial")
  t.eq(data:trial("cooperman-2024"), nil, "bundled trials are not in a loaded file")
  local cases = {
    { "not json", "not valid JSON" },
    { "[]", "expected an object" },
    { [[{"trial": []}]], "^trial: unknown field" },
    { [[{"trials": [{"title": "T"}]}]], "^trials%[1%]%.id: missing" },
    { [[{"trials": [{"id": 7, "title": "T"}]}]], "^trials%[1%]%.id: expected a string" },
    { [[{"trials": [{"id": "a", "title": "T"}, {"id": "a", "title": "U"}]}]], "^trials%[2%]%.id: duplicate id \"a\"" },
    { [[{"trials": [{"id": "a", "title": "T", "results": [{"outcome": "o"}, {"outcome": "o", "ci": {"low": "0,3", "high": 1}}]}]}]],
      "^trials%[1%]%.results%[2%]%.ci%.low: expected a number" },
    { [[{"trials": [{"id": "a", "title": "T", "results": [{"outcome": "o", "p": {"op": "~", "value": 0.1}}]}]}]],
      "^trials%[1%]%.results%[1%]%.p%.op: unknown value" },
    { [[{"trials": [{"id": "a", "title": "T", "population": {"randomized": 1.5}}]}]],
      "^trials%[1%]%.population%.randomized: expected an integer" },
    { [[{"trials": [{"id": "a", "title": "T", "evidence": [{"path": "population.randomized", "value": 3, "source": "s"}]}]}]],
      "^trials%[1%]%.evidence%[1%]%.path" },
    { [[{"documents": [{"id": "d", "title": "T", "references": [{"number": 1}, {"number": 1}]}]}]],
      "^documents%[1%]%.references%[2%]%.number: duplicate reference 1" },
    { [[{"documents": [{"id": "d", "title": "T", "references": [{"number": 1, "sections": ["intro"]}]}]}]],
      "^documents%[1%]%.references%[1%]%.sections%[1%]: unknown section kind" },
    { [[{"documents": [{"id": "d", "title": "T", "date": "15/06/2021"}]}]], "^documents%[1%]%.date: expected a date" },
    { '{"trials": [{"id": "a", "title": "T", "deep": ' .. ("["):rep(80) .. ("]"):rep(80) .. '}]}', "^trials%[1%]%.deep.*nested deeper than 64" },
  }
  for _, c in ipairs(cases) do
    local d, msg = tc.load_trials(c[1])
    t.eq(d, nil, "loading " .. c[1]:sub(1, 60))
    t.ok(type(msg) == "string" and msg:find(c[2]), string.format("message %q should match %q", tostring(msg), c[2]))
  end
  t.raises(function() tc.load_trials() end, "string expected", "load_trials()")
end)
