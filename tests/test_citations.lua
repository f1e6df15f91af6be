-- Citation markers through the Lua API: the two seed texts (expected markers written
-- from a reading of the texts, as data) and small synthetic texts for each syntax and
-- each kind of parenthesis that is not a citation.
local t = require "harness"
local tc = require "trialcite"

local function refs_of(doc)
  local out = {}
  for i, c in ipairs(doc:citations()) do out[i] = c.refs end
  return out
end

local function texts_of(doc)
  local out = {}
  for i, c in ipairs(doc:citations()) do out[i] = c.text end
  return out
end

local function range(a, b) local r = {} for i = a, b do r[#r + 1] = i end return r end

-- Every span record must satisfy text:sub(start, stop) == text.
local function check_spans(text, list, what)
  for i, r in ipairs(list) do
    t.eq(text:sub(r.start, r.stop), r.text, what .. " " .. i .. " span")
  end
end

-- Seed 1 (minerva-20577): markers in text order, their refs, and the heading of the
-- section each lies in (nil = the lead text before the first heading).
local SEED1 = {
  { "(1-4)", { 1, 2, 3, 4 } }, { "(5,6)", { 5, 6 } }, { "(7)", { 7 } }, { "(8)", { 8 } },
  { "(9)", { 9 } }, { "(10)", { 10 } }, { "(11,12)", { 11, 12 } }, { "(13,14)", { 13, 14 } },
  { "(15)", { 15 }, "Wat zeggen de richtlijnen voor de klinische praktijk?" },
}

-- Seed 2 (minerva-20707).
local BG, DESIGN = "Achtergrond", "Onderzoeksopzet"
local GUIDE = "Wat zeggen de richtlijnen voor de klinische praktijk?"
local SEED2 = {
  { "(1-4)", range(1, 4), BG }, { "(5-8)", range(5, 8), BG }, { "(9-14)", range(9, 14), BG },
  { "(15,16)", { 15, 16 }, BG }, { "(17,18)", { 17, 18 }, BG }, { "(1,2,5-8)", { 1, 2, 5, 6, 7, 8 }, BG },
  { "(19)", { 19 }, BG }, { "(20)", { 20 }, BG }, { "(21-24)", range(21, 24), BG },
  { "(25-28)", range(25, 28), BG }, { "(19)", { 19 }, DESIGN }, { "(29)", { 29 }, GUIDE },
  { "(30)", { 30 }, GUIDE },
}

local function check_seed(name, expected)
  local text = t.seed(name)
  local doc = tc.parse(text)
  local cits = doc:citations()
  t.eq(#cits, #expected, name .. ": number of markers")
  for i, e in ipairs(expected) do
    local c = cits[i]
    t.eq(c.text, e[1], name .. ": marker " .. i)
    t.eq(c.refs, e[2], name .. ": refs of marker " .. i)
    t.eq(c.section, e[3], name .. ": section of marker " .. i)
    t.ok(c.sentence, name .. ": marker " .. i .. " has a sentence")
  end
  check_spans(text, cits, name .. ": citation")
  return doc, text
end

t.test("seed 1: every marker with its refs and section, nothing else", function()
  check_seed(t.SEED1, SEED1)
end)

t.test("seed 2: every marker with its refs and section, nothing else", function()
  check_seed(t.SEED2, SEED2)
end)

t.test("seed 1: references 1-15, one context each, lead or guidelines", function()
  local doc = tc.parse(t.seed(t.SEED1))
  local refs = doc:references()
  t.eq(#refs, 15, "cited numbers")
  for n = 1, 15 do
    local r = doc:reference(n)
    t.eq(r and r.number, n, "reference " .. n)
    t.eq(#r.contexts, 1, "contexts of " .. n)
    t.eq(r.contexts[1].section_kind, n == 15 and "guidelines" or "lead", "section kind of " .. n)
    t.ok(r.contexts[1].text:find(r.contexts[1].marker.text, 1, true), "context sentence holds the marker")
  end
  t.eq(doc:reference(16), nil, "16 is not cited")
  t.eq(doc:reference(0), nil, "0 is not cited")
end)

t.test("seed 2: references 1-30 with their number of contexts and sections", function()
  local doc = tc.parse(t.seed(t.SEED2))
  t.eq(#doc:references(), 30, "cited numbers")
  local twice = { [1] = true, [2] = true, [5] = true, [6] = true, [7] = true, [8] = true, [19] = true }
  for n = 1, 30 do
    local r = doc:reference(n)
    t.eq(#r.contexts, twice[n] and 2 or 1, "contexts of " .. n)
    local want = n >= 29 and "guidelines" or "background"
    t.eq(r.contexts[1].section_kind, want, "section kind of " .. n)
    t.eq(r.contexts[1].section, n >= 29 and GUIDE or BG, "section of " .. n)
  end
  local r19 = doc:reference(19)
  t.eq(r19.contexts[2].section, DESIGN, "second (19) in Onderzoeksopzet")
  t.eq(r19.contexts[2].section_kind, "design", "second (19) kind")
  t.eq(doc:reference(31), nil, "31 is not cited")
end)

t.test("seed 2: the sentence of a context is the whole citing sentence", function()
  local text = t.seed(t.SEED2)
  local doc = tc.parse(text)
  local r = doc:reference(20)
  local ctx = r.contexts[1]
  t.eq(text:sub(ctx.start, ctx.stop), ctx.text, "context span")
  t.ok(ctx.text:match("^Een andere studie"), "starts at the sentence start: " .. ctx.text:sub(1, 30))
  t.ok(ctx.text:match("%(20%)%.$"), "ends with the marker and the stop")
end)

-- Synthetic texts: each syntax on its own.
local SYNTAX = {
  { "Bekend (7).", { { 7 } } },
  { "Bekend (5,6).", { { 5, 6 } } },
  { "Known (4, 5).", { { 4, 5 } } },
  { "Known (1-4).", { range(1, 4) } },
  { "Known (1\u{2013}4).", { range(1, 4) } },
  { "Known (1,2,5-8).", { { 1, 2, 5, 6, 7, 8 } } },
  { "Known [3].", { { 3 } } },
  { "Known [1-3, 7].", { { 1, 2, 3, 7 } } },
  { "Known (1; 3).", { { 1, 3 } } },
  { "Known ( 2 , 3 ).", { { 2, 3 } } },
  { "Known (3,1,2,2).", { { 1, 2, 3 } } },
  { "Zie\n\n(9). Verder (10) en (11).", { { 9 }, { 10 }, { 11 } } },
  { "Known (1,\n2).", { { 1, 2 } } },
  { "Known (1 \u{2014} 3).", { range(1, 3) } },
}

for i, case in ipairs(SYNTAX) do
  t.test("syntax " .. i .. ": " .. case[1]:gsub("\n", "\\n"), function()
    local doc = tc.parse(case[1])
    t.eq(refs_of(doc), case[2], "refs")
    check_spans(case[1], doc:citations(), "citation")
  end)
end

-- Parentheses that are not citations (each after one real citation, so that the
-- document has a reference list going).
local NOT = {
  { "decimal", "(0,58)" }, { "decimal point", "(0.29)" }, { "percentage", "(16%)" },
  { "sd", "(SD 11,8)" }, { "sd glued", "(SD0,29)" }, { "p-value", "(p=0,02)" },
  { "p below", "(p<0,001)" }, { "year", "(2019)" }, { "n", "(n=40)" },
  { "see table", "(zie tabel 2)" }, { "comparison", "(12 t.o.v. 6 in de controlegroep)" },
  { "abbreviation", "(SPC)" }, { "aside", "(onder andere alcohol en tabak)" },
  { "duration", "(16 weken)" }, { "estimate", "(HR 0,58; 95% BI van 0,37 tot 0,90; p=0,02)" },
  { "per group", "(77 per groep)" }, { "ratio", "(3/10)" }, { "years range", "(2000-2018)" },
  { "zero", "(0)" }, { "leading zero", "(07)" }, { "empty", "()" }, { "letter", "(a)" },
  { "huge number", "(123456)" }, { "unclosed", "(3" }, { "decimal descending", "(16,9)" },
  { "negative", "(-2)" },
}

for _, case in ipairs(NOT) do
  t.test("not a citation: " .. case[1] .. " " .. case[2], function()
    local text = "Eerder onderzoek (1). Het effect was groot " .. case[2] .. " bij mannen."
    local doc = tc.parse(text)
    t.eq(texts_of(doc), { "(1)" }, "markers")
  end)
end

-- Decided by the document rather than the form.
t.test("context: a bracket right after a number is a statistic", function()
  local doc = tc.parse("Eerder (1), (2). Score van 5,79 (12) en 4,96 (3) en 13,9 dagen (4). In 2019 (3) ook.")
  t.eq(texts_of(doc), { "(1)", "(2)", "(3)" }, "markers (a year is not a value)")
end)

t.test("context: a bracket after a statistic word is a statistic", function()
  local doc = tc.parse("Eerder (1). De gemiddelde SD (2) en de mediaan (3) en de score (4).")
  t.eq(texts_of(doc), { "(1)" }, "markers")
end)

t.test("context: a new number far beyond the highest cited is not a reference", function()
  local doc = tc.parse("Eerst (1) en (2). Toen een groep van (85) mensen. Daarna (3).")
  t.eq(texts_of(doc), { "(1)", "(2)", "(3)" }, "markers")
end)

t.test("context: a,b without spaces is a list only when it looks like one", function()
  local doc = tc.parse("Eerst (1). Een gemiddelde (1,5) punten. Lijst (2,3). Nog (2,4).")
  t.eq(texts_of(doc), { "(1)", "(2,3)", "(2,4)" }, "markers")
  local doc2 = tc.parse("Een waarde van (2,7) eerst.")
  t.eq(texts_of(doc2), {}, "decimal-like first bracket")
end)

t.test("context: (1) after a colon opens an enumeration", function()
  local doc = tc.parse("Zie (1). Twee criteria: (1) leeftijd en (2) pijn.")
  t.eq(texts_of(doc), { "(1)" }, "markers")
end)

t.test("context: numbered list items and reference-list entries are not citations", function()
  local text = "Known (1) and [2].\nAims were twofold.\n(1) To assess pain\n(2) To compare groups\n" ..
    "References\n[1] Smith J. A trial. 2019.\n[2] Jones K. Another. 2020.\n"
  local doc = tc.parse(text)
  t.eq(texts_of(doc), { "(1)", "[2]" }, "markers")
  t.eq(doc:sections()[2].kind, "references", "references heading")
end)

t.test("cited again later: a known number may come back", function()
  local doc = tc.parse("A (1-4). B (5). C (6). D (2).")
  t.eq(refs_of(doc), { range(1, 4), { 5 }, { 6 }, { 2 } }, "refs")
  t.eq(#doc:reference(2).contexts, 2, "two contexts for 2")
end)

t.test("absurd range is capped and reported", function()
  local doc = tc.parse("Zie (1-1000000) hierover.")
  local c = doc:citations()
  t.eq(#c, 1, "one marker")
  t.eq(#c[1].refs, 200, "capped at TC_MAX_RANGE")
  t.eq(c[1].refs[1], 1, "first")
  t.eq(c[1].refs[200], 200, "last")
  t.eq(c[1].capped, true, "capped flag")
  local found = false
  for _, k in ipairs(doc:checks()) do
    if k.code == "citation-range-capped" then found = true; t.eq(k.severity, "warning", "severity") end
  end
  t.ok(found, "citation-range-capped check")
end)

t.test("reversed range does not explode", function()
  local doc = tc.parse("Zie (3-1) hierover.")
  t.eq(refs_of(doc), { { 1, 2, 3 } }, "refs")
end)

t.test("marker with many ranges is capped at TC_MAX_MARKER_REFS", function()
  local doc = tc.parse("Zie (1-200, 201-400, 401-600) hierover.")
  local c = doc:citations()[1]
  t.eq(#c.refs, 400, "capped at 400")
  t.eq(c.capped, true, "flag")
end)

t.test("markers inside words and lines of Markdown and web text", function()
  local text = "# Title\n\nPrior work [1] showed this [2, 3]. A long paragraph with no break at all " ..
    string.rep("and more words ", 50) .. "ends here (4).\n\n- a list item (5)\n- another [6]\n"
  local doc = tc.parse(text)
  t.eq(refs_of(doc), { { 1 }, { 2, 3 }, { 4 }, { 5 }, { 6 } }, "refs")
  check_spans(text, doc:citations(), "citation")
end)

t.test("French and English texts", function()
  local fr = "Contexte\nLes opioïdes sont souvent prescrits (1,2). Une étude récente (3) l'a montré " ..
    "(p < 0,05) chez 40 patients (25 %).\n\nConclusion\nCela reste à confirmer (4-6).\n"
  local doc = tc.parse(fr)
  t.eq(doc:lang(), "fr", "lang")
  t.eq(refs_of(doc), { { 1, 2 }, { 3 }, { 4, 5, 6 } }, "refs fr")
  t.eq(doc:citations()[3].section_kind, "conclusion", "section kind")
  local en = "Background\nOpioids are widely prescribed [1]. The trial (n = 154) was randomised [2-4], " ..
    "e.g. in 5 clinics (mean age 48.5 years).\nResults\nThe HR was 0.58 (95% CI 0.37 to 0.90) [5].\n"
  local d2 = tc.parse(en)
  t.eq(d2:lang(), "en", "lang")
  t.eq(refs_of(d2), { { 1 }, { 2, 3, 4 }, { 5 } }, "refs en")
  t.eq(d2:citations()[3].section, "Results", "section")
end)

-- Whole small texts in styles the seeds do not show (written for these tests).
local UNSEEN_EN = [==[
Background
Chronic pain affects up to 20% of adults (1). Opioid prescribing rose sharply between 1999 and 2010 (2,3), and overdose deaths followed [4]. Mindfulness-oriented recovery enhancement (MORE) was developed by Garland et al. (5) and tested in several trials (6–9).

Methods
We randomised 154 adults (mean age 48.5 years [SD 11.8]) to MORE or usual care (UC). Pain was measured on a 0-10 scale (range 0-10) at baseline, 8 and 16 weeks (see Table 2). Participants were aged 18-65 (n = 154). The protocol is described elsewhere (10).

Results
MORE reduced relapse (HR 0.58; 95% CI 0.37-0.90; p = .02) compared with UC (Fig. 2). Retention was higher at week 16 (OR 4.56 [1.04-20.05]). Two participants (1.3%) withdrew. In 2019 (11) a similar effect was reported, cf. ref. 12. Similar results were seen in Europe (12, 13).

Discussion
These findings agree with earlier meta-analyses [14–16] but not with (17). Limitations include: (1) short follow-up and (2) a single country.

Conclusion
MORE is a useful addition (18).
]==]

local UNSEEN_FR = [==[
 Question clinique 

Quelle est l'efficacité d'un programme en ligne chez des patients sous méthadone ? 

Contexte 

Le traitement de la douleur par opioïdes a déjà été abordé dans Minerva (1-3). Une étude 

récente a comparé 19 pays européens, dont la Belgique (4). Selon les auteurs, p. ex. en 

France, la situation est différente (5,6). 

Résumé 

Population étudiée 

• 154 participants (77 par groupe), âge moyen 48,5 ans (ET 11,8) 

• douleur ≥3/10 depuis au moins 3 mois 

Résultats 

• moins de rechutes (HR 0,58 ; IC à 95% de 0,37 à 0,90 ; p=0,02) à 16 semaines 

Discussion 

Évaluation de la méthodologie 

La randomisation était stratifiée selon le sexe (7). Il y avait plus d'abandons dans le groupe intervention (12 c.-à-d. 6 dans le groupe contrôle). 

Que disent les guides de pratique clinique ? 

Le guide de Domus Medica recommande une approche multidisciplinaire (8). 

Conclusion de Minerva 

Cette étude montre un bénéfice à court terme (16 semaines). 
]==]

t.test("unseen English article: markers, sections, enumeration, years", function()
  local doc = tc.parse(UNSEEN_EN)
  t.eq(doc:lang(), "en", "lang")
  t.eq(refs_of(doc), { { 1 }, { 2, 3 }, { 4 }, { 5 }, range(6, 9), { 10 }, { 11 }, { 12, 13 },
    range(14, 16), { 17 }, { 18 } }, "refs")
  local kinds = {}
  for i, s in ipairs(doc:sections()) do kinds[i] = s.kind end
  t.eq(kinds, { "background", "methods", "results", "discussion", "conclusion" }, "sections")
  check_spans(UNSEEN_EN, doc:citations(), "citation")
  t.eq(#doc:reference(11).contexts, 1, "year then citation")
  t.eq(doc:reference(12).contexts[1].section, "Results", "section of 12")
end)

t.test("unseen French appraisal: markers, sections, sub-sections", function()
  local doc = tc.parse(UNSEEN_FR)
  t.eq(doc:lang(), "fr", "lang")
  t.eq(refs_of(doc), { { 1, 2, 3 }, { 4 }, { 5, 6 }, { 7 }, { 8 } }, "refs")
  local kinds = {}
  for i, s in ipairs(doc:sections()) do kinds[i] = s.kind .. (s.parent and ("<" .. s.parent) or "") end
  t.eq(kinds, { "question", "background", "summary", "population<3", "results<3", "discussion",
    "methodology<6", "guidelines", "conclusion" }, "sections")
  t.eq(doc:citations()[4].section_kind, "methodology", "section of (7)")
  local n = 0
  for _, s in ipairs(doc:sentences()) do if s.section_kind == "methodology" then n = n + 1 end end
  t.eq(n, 2, "c.-à-d. does not end a sentence")
end)
