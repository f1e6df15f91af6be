-- Citation markers decided by the document (synthetic texts written for these tests):
-- a marker after a number or a percentage that continues the document's numbering,
-- a paragraph taken from the middle of a paper, superscripts flattened into one
-- bracket, and the bracketed numbers that stay values, labels or enumerations.
local t = require "harness"
local tc = require "trialcite"

local function markers(text)
  local out = {}
  for i, c in ipairs(tc.parse(text):citations()) do
    t.eq(text:sub(c.start, c.stop), c.text, "span of marker " .. i)
    out[i] = c.text .. "=" .. table.concat(c.refs, ",")
  end
  return out
end

local CASES = {
  { "nl: after a percentage and a decimal percentage",
    "Achtergrond\nChronische pijn komt vaak voor bij volwassenen (1). Opioïden worden ruim " ..
    "voorgeschreven (2). Het risico op problematisch gebruik benadert 12 % (3). In een Belgisch " ..
    "cohort was dat 8,2% (4). De meeste patiënten gebruiken ook andere middelen (5,6).\n",
    { "(1)=1", "(2)=2", "(3)=3", "(4)=4", "(5,6)=5,6" } },
  { "fr: after a number, the next new one and one cited before",
    "Contexte\nLa douleur chronique est fréquente chez l'adulte (1-3). Le risque de mésusage " ..
    "atteint 12 % (4). Cela concerne un patient sur 30 (2). Dans une cohorte belge, il était " ..
    "de 8,2% (5).\n",
    { "(1-3)=1,2,3", "(4)=4", "(2)=2", "(5)=5" } },
  { "en: square brackets after numbers and percentages",
    "Prior work [1] showed this [2, 3]. The HR was 0.62 (95% CI 0.41 to 0.93) [4]. " ..
    "Rates reached 25% [5-7] and approaches 30 % [8] in older adults.\n",
    { "[1]=1", "[2, 3]=2,3", "[4]=4", "[5-7]=5,6,7", "[8]=8" } },
  { "fr: values, labels and enumerations in a citing text stay out",
    "Contexte\nLa douleur chronique est fréquente (1). Le traitement reste difficile (2,3).\n\n" ..
    "Résultats\nLe HR était de 0,58 (0,37 à 0,90) chez 512 patients (n=512), soit (2,4%) des " ..
    "cas (SD 9,80). Les patients obèses (BMI >30) recevaient une dose plus forte (50 mg). Les " ..
    "critères étaient : (1) une douleur chronique et (2) un traitement par méthadone. Voir " ..
    "10.1016/S0140-6736(19)30985-X et les données de 2019 (2019). Douleur sur une échelle " ..
    "(0-10). Hommes 45 (7) 59 (13) 0,03. Parmi eux 45 (3) femmes.\n",
    { "(1)=1", "(2,3)=2,3" } },
  { "nl: a count right after a number is not a citation, even inside the numbering",
    "Achtergrond\nDit werd eerder onderzocht (1-4). Van de deelnemers waren er 45 (3) vrouwen " ..
    "en 12 (2) mannen in de eerste groep. Een latere studie bevestigde dit (5).\n",
    { "(1-4)=1,2,3,4", "(5)=5" } },
  { "nl: an SD or a decimal after a mean stays a value, even inside the numbering",
    "Achtergrond\nDit werd eerder onderzocht (1-6). De gemiddelde leeftijd was 45 (3). Het verschil " ..
    "bedroeg 12 (1,5). Een latere studie bevestigde dit (7).\n",
    { "(1-6)=1,2,3,4,5,6", "(7)=7" } },
  { "en: a paragraph from the middle of a paper",
    "Previous trials were small [48]. Two meta-analyses pooled them [49, 50], and an earlier " ..
    "review [12] agreed. A newer trial was larger [51].\n",
    { "[48]=48", "[49, 50]=49,50", "[12]=12", "[51]=51" } },
  { "en: superscripts flattened into one bracket",
    "Pain is common among adults.[1] It is often treated with opioids.[23] Several trials have " ..
    "compared them.[45] A review summarised these.[6] Most found small effects.[789]\n",
    { "[1]=1", "[23]=2,3", "[45]=4,5", "[6]=6", "[789]=7,8,9" } },
  { "en: counts after words in a text without citations",
    "Metastatic lesions were found in nonregional lymph nodes (12), liver (4), lung (3) and " ..
    "adrenal gland (1). Later, lymph nodes (7), liver (3) and lung (2) were involved.\n",
    {} },
  { "fr: an enumeration of items after words",
    "Contexte\nCe point a déjà été discuté (1). Les patients devaient (1) avoir une douleur " ..
    "chronique, (2) recevoir de la méthadone et (3) parler français. Une revue récente (2) " ..
    "le confirme.\n",
    { "(1)=1", "(2)=2" } },
  { "en: a range typeset as two linked markers",
    "Blood loss fell [1]–[3] and recovery was faster [4], [5]–[7]. Later trials agreed [3]-[2].\n",
    { "[1]–[3]=1,2,3", "[4]=4", "[5]–[7]=5,6,7", "[3]=3", "[2]=2" } },
  { "en: a span of years is not a reversed range",
    "This was shown before [1]. Recruitment ran from 1994 to 1997 (1994–7), before [2].\n",
    { "[1]=1", "[2]=2" } },
}

for _, case in ipairs(CASES) do
  t.test(case[1], function() t.eq(markers(case[2]), case[3], "markers") end)
end

t.test("figure labels in the other kind of bracket of a text citing with one", function()
  local parts = {}
  for i = 1, 20 do parts[#parts + 1] = "Finding number " .. i .. " was reported [" .. i .. "]." end
  parts[#parts + 1] = "The leg segments (1, 2, 3) attach to the pelvic segment (4)."
  parts[#parts + 1] = "A new report agrees [21]."
  local got = markers(table.concat(parts, " "))
  t.eq(#got, 21, "twenty markers and the next")
  t.eq(got[21], "[21]=21", "the last")
end)

t.test("a flattened run is read as the fewest numbers that continue the sequence", function()
  -- after [30], "1231" reads 1, 2, 31 or 12, 31: superscripts run in groups, so 12, 31
  local parts = {}
  for i = 1, 30 do parts[#parts + 1] = "Claim " .. i .. " holds.[" .. i .. "]" end
  parts[#parts + 1] = "Claim twelve and a new one hold.[1231]"
  local got = markers(table.concat(parts, " "))
  t.eq(got[31], "[1231]=12,31", "fewest numbers")
end)

t.test("superscripts flattened into digits, in a text that cites no other way", function()
  local fr = "Contexte\nL'arthrose est fréquente chez la personne âgée 1. Elle touche surtout le genou " ..
    "et la hanche 2. La chirurgie est proposée après échec 3-5. Les anti-inflammatoires restent " ..
    "discutés 2. Une revue récente le confirme 6.\n"
  -- spaced from its word, a number must be the next new one: "discutés 2." may be a value
  t.eq(markers(fr), { "1=1", "2=2", "3-5=3,4,5", "6=6" }, "fr, spaced")
  local en = "Pain is common in older adults.1 Opioids are often prescribed,2,3 although " ..
    "guidelines differ4 and trials are small.5–7 The CD4 count was 350 cells, FEV1 was 2.1 l and " ..
    "the area 12 cm2 in week 3. Smith et al.8 agreed.\n"
  t.eq(markers(en), { "1=1", "2,3=2,3", "4=4", "5–7=5,6,7", "8=8" }, "en, glued")
  -- a text that cites with brackets keeps its digits as values
  t.eq(markers("Pain is common [1]. It was seen in week 2. and in patients3 too [2].\n"),
    { "[1]=1", "[2]=2" }, "brackets")
  -- digits after words that do not run as a numbering are values
  t.eq(markers("The scores were 12 at week 4. and at visit 9. then the group 3. improved.\n"), {}, "values")
end)

t.test("a marker glued to a full stop ends its sentence", function()
  local text = "Pain is common in older adults.1 Opioids are often prescribed.2,3 Trials are small.4 " ..
    "Reviews agree.5\n"
  local doc = tc.parse(text)
  local sens = doc:sentences()
  local got = {}
  for i, c in ipairs(doc:citations()) do got[i] = sens[c.sentence].text end
  t.eq(got, { "Pain is common in older adults.1", "Opioids are often prescribed.2,3", "Trials are small.4",
    "Reviews agree.5" }, "citing sentences")
  local text2 = "Pain is common.[1] Opioids help.[23] Trials are small.[45] Reviews agree.[6]\n"
  local d2 = tc.parse(text2)
  t.eq(d2:reference(5).contexts[1].text, "Trials are small.[45]", "sentence of a split bracket")
end)
