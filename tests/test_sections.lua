-- Sections beyond the seeds (synthetic texts written for these tests, and the headings
-- of the development corpus read at run time): Minerva's other French and Dutch
-- headings, PubMed Central plain-text headings, and the conclusion box that opens a
-- Minerva web page.
local t = require "harness"
local tc = require "trialcite"

local corpus = os.getenv("TRIALCITE_CORPUS") or "../shared/corpus/pmc-dev"

local function kinds(doc)
  local out = {}
  for i, s in ipairs(doc:sections()) do out[i] = s.kind .. (s.parent and ("<" .. s.parent) or "") end
  return out
end

local function check_spans(text, doc)
  for i, s in ipairs(doc:sections()) do
    t.eq(text:sub(s.start, s.stop), s.text, "section " .. i .. " span")
  end
end

t.test("fr: Méthode, Méthodologie, Sources consultées, Résumé de l'étude ...", function()
  local text = "Question clinique\nQuelle est l'efficacité du programme ?\n\n" ..
    "Résumé de l'étude MORE\n\nPopulation étudiée\n154 participants.\n\nRésultats\nMoins de rechutes.\n\n" ..
    "Méthode\nRecherche dans trois bases de données (1).\n\nMéthodologie\nLa randomisation était correcte (2).\n\n" ..
    "Sources consultées\n1. Une source.\n"
  local doc = tc.parse(text)
  t.eq(kinds(doc), { "question", "summary", "population<2", "results<2", "methods", "methodology",
    "references" }, "kinds")
  t.eq(doc:sections()[2].text, "Résumé de l'étude MORE", "heading as written")
  t.eq(doc:citations()[2].section_kind, "methodology", "citation in Méthodologie")
  check_spans(text, doc)
end)

t.test("nl: Methodologie, Geraadpleegde bronnen, Samenvatting van de studie ...", function()
  local text = "Klinische vraag\nWat is de werkzaamheid?\n\nSamenvatting van de studie ImPAT\n\n" ..
    "Bestudeerde populatie\n510 deelnemers.\n\nMethodologie\nDe studie was goed opgezet (1).\n\n" ..
    "Geraadpleegde bronnen\n1. Een bron.\n"
  local doc = tc.parse(text)
  t.eq(kinds(doc), { "question", "summary", "population<2", "methodology", "references" }, "kinds")
  check_spans(text, doc)
end)

t.test("PMC plain-text headings: TITLE, ABSTRACT.X, BODY.X, nested parts", function()
  local text = "TITLE: A made-up trial of walking in older adults\n\n\n\n" ..
    "ABSTRACT.BACKGROUND:\nWalking may help [1].\n\nABSTRACT.METHODS:\nWe randomised 80 adults.\n\n" ..
    "BODY.INTRODUCTION:\nWalking is cheap [1,2].\n\nBODY.METHODS/DESIGN:\nA trial [3].\n\n" ..
    "BODY.RESULTS:\nFewer falls.\n\nBODY.RESULTS.ADVERSE EVENTS:\nNone serious.\n\n" ..
    "BODY.2. DISCUSSION.2.1. STRENGTHS:\nLarge sample [4].\n\nBODY.COMPETING INTERESTS:\nNone.\n"
  local doc = tc.parse(text)
  t.eq(kinds(doc), { "other", "background", "methods", "introduction", "methods", "results",
    "results<6", "discussion", "conflicts" }, "kinds")
  local secs = doc:sections()
  t.eq(secs[1].text, "TITLE:", "title heading")
  t.eq(secs[2].text, "ABSTRACT.BACKGROUND:", "heading as written")
  t.eq(doc:citations()[4].section, "BODY.2. DISCUSSION.2.1. STRENGTHS:", "section of a citation")
  check_spans(text, doc)
  -- prose that only starts in capitals is not a heading
  t.eq(kinds(tc.parse("BODY: the weight was measured.\n")), { "lead" }, "prose")
end)

t.test("PMC corpus: every ABSTRACT./BODY. heading line is a section with a named kind where it says one", function()
  local f = io.open(corpus .. "/PMC1079844.txt", "rb")
  if not f then t.skip("corpus not found in " .. corpus .. " (set TRIALCITE_CORPUS)") end
  local text = f:read("a"); f:close()
  local doc = tc.parse(text)
  local by = {}
  for _, s in ipairs(doc:sections()) do by[s.text] = s.kind end
  -- facts about that file: its heading lines and the kinds their names say
  for h, k in pairs({ ["ABSTRACT.BACKGROUND:"] = "background", ["ABSTRACT.METHODS:"] = "methods",
                      ["ABSTRACT.RESULTS:"] = "results", ["ABSTRACT.CONCLUSION:"] = "conclusion",
                      ["BODY.METHODS:"] = "methods", ["BODY.RESULTS:"] = "results",
                      ["BODY.DISCUSSION:"] = "discussion", ["BODY.COMPETING INTERESTS:"] = "conflicts" }) do
    t.eq(by[h], k, h)
  end
  local lines = 0
  for line in text:gmatch("[^\n]+") do
    if line:match("^ABSTRACT[.:]") or line:match("^BODY[.:]") then lines = lines + 1 end
  end
  local n = 0
  for _, s in ipairs(doc:sections()) do if s.text:match("^ABSTRACT") or s.text:match("^BODY") then n = n + 1 end end
  t.eq(n, lines, "one section per heading line")
end)

t.test("nl: an untitled introduction after the conclusion box that opens a web page", function()
  local text = "Besluit van Minerva\n\nDeze studie toont een klein voordeel, maar de beperkingen laten " ..
    "geen veralgemening toe.\n\nOpioïden worden vaak voorgeschreven bij chronische pijn (1). Psychosociale " ..
    "interventies werden eerder onderzocht (2,3).\n\nKlinische vraag\n\nWat is de werkzaamheid?\n"
  local doc = tc.parse(text)
  t.eq(kinds(doc), { "conclusion", "introduction", "question" }, "kinds")
  local secs = doc:sections()
  t.eq(secs[2].text, "", "untitled")
  t.eq(doc:citations()[1].section_kind, "introduction", "(1) is not in the conclusion")
  t.ok(secs[1].body_stop < secs[2].body_start, "the conclusion ends before")
end)

t.test("fr: the same in a PDF extraction with a blank line after every line", function()
  local text = "Conclusion de Minerva \n\nCette étude montre un bénéfice modeste \n\nà court terme. \n\n \n\n" ..
    "Les opioïdes sont souvent prescrits \n\npour la douleur chronique (1). \n\nUne revue le confirme (2). \n\n" ..
    "Question clinique \n\nQuelle est l'efficacité ?\n"
  local doc = tc.parse(text)
  t.eq(kinds(doc), { "conclusion", "introduction", "question" }, "kinds")
  t.eq(doc:citations()[1].section_kind, "introduction", "(1)")
  local n = 0
  for _, s in ipairs(doc:sentences()) do if s.section_kind == "conclusion" then n = n + 1 end end
  t.eq(n, 1, "one sentence in the conclusion")
end)

t.test("a conclusion that is not the first heading keeps its paragraphs", function()
  local text = "Klinische vraag\n\nWat is de werkzaamheid?\n\nBesluit van Minerva\n\nEen eerste alinea.\n\n" ..
    "Een tweede alinea (1).\n"
  local doc = tc.parse(text)
  t.eq(kinds(doc), { "question", "conclusion" }, "kinds")
  t.eq(doc:citations()[1].section_kind, "conclusion", "(1)")
end)
