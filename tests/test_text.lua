-- The text model through the Lua API: sections, sentences, spans, language and
-- tc.clean, on the seeds and on small synthetic texts (PDF, web, Markdown, fr, en).
local t = require "harness"
local tc = require "trialcite"

local function check_spans(text, list, what)
  for i, r in ipairs(list) do
    t.eq(text:sub(r.start, r.stop), r.text, what .. " " .. i .. " span")
  end
end

local function sentence_texts(doc)
  local out = {}
  for i, s in ipairs(doc:sentences()) do out[i] = s.text end
  return out
end

-- Sentences are trimmed, in order, do not overlap, and never hold a heading line.
local function check_sentences(text, doc, what)
  local sens = doc:sentences()
  check_spans(text, sens, what .. ": sentence")
  local prev = 0
  for i, s in ipairs(sens) do
    t.ok(s.start > prev, what .. ": sentence " .. i .. " in order")
    t.ok(not s.text:match("^%s") and not s.text:match("%s$"), what .. ": sentence " .. i .. " trimmed")
    prev = s.stop
  end
  for _, sec in ipairs(doc:sections()) do
    if sec.kind ~= "lead" then
      for i, s in ipairs(sens) do
        t.ok(s.stop < sec.start or s.start > sec.stop, what .. ": sentence " .. i .. " overlaps heading " .. sec.text)
      end
    end
  end
  for i, c in ipairs(doc:citations()) do
    local s = sens[c.sentence]
    t.ok(s and s.start <= c.start and c.stop <= s.stop, what .. ": citation " .. i .. " inside its sentence")
  end
end

t.test("seed 2: sections, kinds and nesting", function()
  local text = t.seed(t.SEED2)
  local doc = tc.parse(text)
  local want = {
    { "Klinische vraag", "question" }, { "Achtergrond", "background" }, { "Samenvatting", "summary" },
    { "Bestudeerde populatie", "population", 3 }, { "Onderzoeksopzet", "design", 3 },
    { "Uitkomstmeting", "outcomes", 3 }, { "Resultaten", "results", 3 },
    { "Besluit van de auteurs", "authors_conclusion", 3 }, { "Financiering van de studie", "funding", 3 },
    { "Belangenconflicten van de auteurs", "conflicts", 3 }, { "Bespreking", "discussion" },
    { "Beoordeling van de methodologie", "methodology", 11 },
    { "Beoordeling van de resultaten", "results_appraisal", 11 },
    { "Wat zeggen de richtlijnen voor de klinische praktijk?", "guidelines" },
    { "Besluit van Minerva", "conclusion" },
  }
  local secs = doc:sections()
  t.eq(#secs, #want, "number of sections")
  for i, w in ipairs(want) do
    t.eq(secs[i].text, w[1], "heading " .. i)
    t.eq(secs[i].kind, w[2], "kind " .. i)
    t.eq(secs[i].parent, w[3], "parent " .. i)
    if w[3] then
      local p = secs[w[3]]
      t.ok(secs[i].start >= p.start and secs[i].body_stop <= p.body_stop, "child " .. i .. " inside its parent")
    end
    if i > 1 then t.ok(secs[i].start > secs[i - 1].start, "text order " .. i) end
  end
  check_spans(text, secs, "section")
  check_sentences(text, doc, "seed 2")
end)

t.test("seed 1: lead, guidelines and conclusion", function()
  local text = t.seed(t.SEED1)
  local doc = tc.parse(text)
  local secs = doc:sections()
  t.eq(#secs, 3, "sections")
  t.eq(secs[1].kind, "lead", "lead")
  t.eq(secs[1].text, "", "lead has no heading")
  t.eq(secs[2].kind, "guidelines", "guidelines")
  t.eq(secs[3].text, "Besluit", "conclusion heading")
  t.eq(secs[3].kind, "conclusion", "conclusion kind")
  check_sentences(text, doc, "seed 1")
  t.eq(doc:lang(), "nl", "language")
end)

t.test("seeds: a marker at a line start stays in its sentence; bullets are units", function()
  local text = t.seed(t.SEED1)
  local doc = tc.parse(text)
  local c9 = doc:reference(9).contexts[1]
  t.ok(c9.text:match("%(9%)%.$"), "sentence ends with (9).")
  t.ok(c9.text:match("%(8%)"), "and holds the (8) before it")
  local doc2 = tc.parse(t.seed(t.SEED2))
  for i, s in ipairs(doc2:sentences()) do
    t.ok(not s.text:find("\u{2022}", 1, true), "sentence " .. i .. " holds no bullet")
    t.ok(not s.text:match("^o "), "sentence " .. i .. " does not start with a sub-bullet")
  end
  local r19 = doc2:reference(19).contexts[2]
  t.ok(r19.text:match("%(19%):$"), "the unit before a bullet list ends at its colon")
end)

t.test("sentences: abbreviations, decimals and numbers do not split", function()
  local text = "Dit is t.o.v. vorig jaar o.a. beter, bijv. bij 3,5 mg en 2.5 mg vs. placebo. " ..
    "Smith et al. vonden resp. 12 en 14 (zie Fig. 2) m.b.t. pijn o.b.v. ≥3/10 n.a.v. dr. Jansen. " ..
    "Zie p. 4, e.g. here, i.e. there, cf. elders. Tot slot."
  local doc = tc.parse(text)
  local s = sentence_texts(doc)
  t.eq(#s, 4, "sentences: " .. table.concat(s, " | "))
  t.ok(s[1]:match("placebo%.$"), "first ends at placebo")
  t.ok(s[2]:match("^Smith") and s[2]:match("Jansen%.$"), "second")
  t.eq(s[4], "Tot slot.", "last")
end)

t.test("sentences: marker before or after the full stop", function()
  local doc = tc.parse("Eerste zin (1). Tweede zin. (2) Derde zin (3).")
  t.eq(sentence_texts(doc), { "Eerste zin (1).", "Tweede zin. (2)", "Derde zin (3)." }, "sentences")
  local cits = doc:citations()
  t.eq({ cits[1].sentence, cits[2].sentence, cits[3].sentence }, { 1, 2, 3 }, "marker sentences")
end)

t.test("sentences: PDF breaks, blank lines and hyphenation inside a sentence", function()
  local lines = {}
  for i = 1, 8 do lines[#lines + 1] = "regel " .. i .. " van een lange zin zonder einde " end
  local text = table.concat(lines, "\n\n") .. "\n\n(4). Volgende zin met een niet-\n\ndrugsgerelateerde zaak.\n"
  local doc = tc.parse(text)
  local s = sentence_texts(doc)
  t.eq(#s, 2, "two sentences")
  t.ok(s[1]:match("%(4%)%.$"), "first ends with the marker")
  t.ok(s[2]:find("niet-\n\ndrugsgerelateerde", 1, true), "hyphenated word kept in one sentence")
  t.eq(tc.clean(s[2]), "Volgende zin met een niet-drugsgerelateerde zaak.", "clean joins it")
end)

t.test("sentences: bullet lists and sub-bullets", function()
  local text = "Criteria:\n\u{2022} leeftijd boven 18 jaar\n\u{2022} pijn\no sub een\no sub twee\n- streep\n* ster\nEinde."
  local doc = tc.parse(text)
  t.eq(sentence_texts(doc), { "Criteria:", "leeftijd boven 18 jaar", "pijn", "sub een", "sub twee",
    "streep", "ster\nEinde." }, "units")
end)

t.test("sentences: web text and Markdown", function()
  local para = string.rep("Een zin in een lange alinea zonder harde regeleinden. ", 200)
  local text = "# Titel van de pagina\n\n" .. para .. "\n\n## Results\n\nThe effect was clear (HR 0.58) [1]. " ..
    "A second line\nwraps here.\n\nA paragraph without stop\n\nNext paragraph."
  local doc = tc.parse(text)
  local secs = doc:sections()
  t.eq(#secs, 2, "two headings")
  t.eq(secs[1].text, "Titel van de pagina", "markdown heading without its # markers")
  t.eq(text:sub(secs[1].start, secs[1].stop), secs[1].text, "heading span")
  t.eq(secs[2].text, "Results", "## heading")
  t.eq(secs[1].kind, "other", "unknown markdown heading")
  t.eq(secs[2].kind, "results", "known markdown heading")
  t.eq(secs[2].parent, 1, "## nests under #")
  local s = sentence_texts(doc)
  t.eq(#s, 200 + 4, "sentences")
  t.eq(s[202], "A second line\nwraps here.", "soft wrap")
  t.eq(s[203], "A paragraph without stop", "blank line ends a paragraph")
  check_sentences(text, doc, "web")
end)

t.test("sections: a closed Markdown heading is named without its markers", function()
  local doc = tc.parse("Lead (1).\n\n### Discussion ###\n\nText (2).\n")
  local secs = doc:sections()
  t.eq(secs[2].text, "Discussion", "heading text")
  t.eq(secs[2].kind, "discussion", "kind")
  t.eq(doc:citations()[2].section, "Discussion", "citation's section")
end)

t.test("sections: headings with colon, trailing spaces, case, French and English", function()
  local text = "Intro tekst.\n  CONTEXTE :  \nTexte (1).\n\u{00c9}valuation de la m\u{00e9}thodologie\nx.\n" ..
    "Discussion\nD\u{00e9}bat.\n\u{00c9}valuation des r\u{00e9}sultats\ny.\n" ..
    "Que disent les guides de pratique clinique ?\nz.\nMethods:\nm.\n2. Results\nr.\nReferences\n1. Smith.\n"
  local doc = tc.parse(text)
  local kinds = {}
  for i, s in ipairs(doc:sections()) do kinds[i] = s.kind end
  t.eq(kinds, { "lead", "background", "methodology", "discussion", "results_appraisal", "guidelines",
    "methods", "results", "references" }, "kinds")
  local secs = doc:sections()
  t.eq(secs[2].text, "CONTEXTE :", "trimmed heading")
  t.eq(secs[5].parent, 4, "appraisal inside discussion")
  t.eq(secs[3].parent, nil, "methodology outside a discussion is top-level")
  check_spans(text, secs, "section")
  check_sentences(text, doc, "fr/en")
end)

t.test("sections: a wrapped line of prose that happens to be a heading word", function()
  local doc = tc.parse("Zoals de\nresultaten\ntonen, en de\nconclusion\nook.")
  t.eq(#doc:sections(), 1, "only the lead")
  t.eq(#doc:sentences(), 1, "one sentence")
end)

t.test("any bytes: NUL, invalid UTF-8, CRLF, empty", function()
  local text = "Begin\0met nul (1).\r\n\r\nOngeldig \xff\xfe\xc3 bytes (2).\r\nResultaten\r\nEinde (3).\r\n"
  local doc = tc.parse(text)
  t.eq(#doc:citations(), 3, "markers")
  t.eq(doc:sections()[2].text, "Resultaten", "CRLF heading")
  check_sentences(text, doc, "bytes")
  local empty = tc.parse("")
  t.eq(#empty:sentences(), 0, "no sentences")
  t.eq(#empty:sections(), 0, "no sections")
  t.eq(#empty:citations(), 0, "no citations")
  t.eq(#tc.parse("  \n\n \t"):sentences(), 0, "white space only")
  t.raises(function() tc.parse(nil) end, nil, "non-string")
end)

t.test("language detection", function()
  t.eq(tc.parse("De patiënten werden met een placebo behandeld en het effect was niet groot."):lang(), "nl", "nl")
  t.eq(tc.parse("Les patients ont été traités avec un placebo et cela est très utile pour la suite."):lang(), "fr", "fr")
  t.eq(tc.parse("The patients were treated with a placebo and the effect was not large."):lang(), "en", "en")
  t.eq(tc.parse("12 34 (5)"):lang(), "", "unknown")
  t.eq(tc.parse("The patients", { lang = "nl" }):lang(), "nl", "forced")
end)

t.test("clean: white space runs and line-end hyphens", function()
  t.eq(tc.clean("  een\n\n  twee\tdrie \r\n"), "een twee drie", "runs")
  t.eq(tc.clean("niet-\n\ndrugsgerelateerde"), "niet-drugsgerelateerde", "hyphen joined")
  t.eq(tc.clean("face-\nto-face"), "face-to-face", "hyphen joined")
  t.eq(tc.clean("alcohol- en drugs"), "alcohol- en drugs", "same-line hyphen kept")
  t.eq(tc.clean("eind -\nVolgende"), "eind - Volgende", "not before a capital")
  t.eq(tc.clean(""), "", "empty")
  t.eq(tc.clean("a\0b  c"), "a\0b c", "NUL kept")
end)
