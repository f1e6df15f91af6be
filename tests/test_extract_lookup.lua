-- Which reference cites the appraised trial, and tc.lookup on appraisals trialcite does
-- not bundle: the extracted record comes back as `trial` on that reference only
-- (issue 15).  The two appraisals below are synthetic, written for this test in the
-- shape of Minerva's template (Dutch and French); the seeds check the reference found.
local t = require "harness"
local tc = require "trialcite"
local ev = require "extract_eval"

local NL = table.concat({
  "Klinische vraag",
  "Wat is het effect van een oefenprogramma op pijn bij volwassenen met chronische lage rugpijn?",
  "",
  "Achtergrond",
  "Oefentherapie werd in eerdere duidingen al besproken (1,2). Een richtlijn raadt beweging aan (3).",
  "",
  "Samenvatting",
  "",
  "Bestudeerde populatie",
  "• 212 volwassenen met chronische lage rugpijn; gemiddelde leeftijd van 52 jaar (SD 9,1); 61% vrouwen",
  "",
  "Onderzoeksopzet",
  "Gerandomiseerde gecontroleerde studie in 8 centra (4):",
  "• interventiegroep: twaalf weken oefentherapie in groep",
  "• controlegroep: gebruikelijke zorg",
  "",
  "Uitkomstmeting",
  "• primaire uitkomstmaat: pijnintensiteit na 12 weken",
  "",
  "Resultaten",
  "• In totaal werden 212 deelnemers gerandomiseerd (106 per groep).",
  "• van de primaire uitkomstmaten:",
  "o minder pijnintensiteit in de interventiegroep (verschil 1,2; 95% BI van 0,4 tot 2,0) na 12 weken",
  "",
  "Besluit van de auteurs",
  "Het oefenprogramma verminderde de pijn.",
  "",
  "Financiering van de studie",
  "Een overheidsfonds.",
  "",
  "Belangenconflicten van de auteurs",
  "Geen gemeld.",
  "",
  "Bespreking",
  "Een andere studie vond een kleiner effect (5).",
  "",
}, "\n")

local FR = table.concat({
  "Question clinique",
  "Quel est l'effet d'un programme d'exercices sur la douleur chez des adultes lombalgiques ?",
  "",
  "Contexte",
  "L'exercice a déjà été discuté dans Minerva (1). Un guide de pratique le recommande (2,3).",
  "",
  "Résumé",
  "",
  "Population étudiée",
  "• cent quatre-vingts adultes souffrant de lombalgie chronique ; 58% de femmes",
  "",
  "Protocole d'étude",
  "Étude randomisée contrôlée multicentrique (4) :",
  "• groupe intervention : exercices pendant 12 semaines",
  "• groupe contrôle : soins habituels",
  "",
  "Mesure des résultats",
  "• critère de jugement principal : l'intensité de la douleur après 12 semaines",
  "",
  "Résultats",
  "• Cent quatre-vingts patients ont été randomisés (90 par groupe).",
  "• moins de douleur dans le groupe intervention (différence 0,9 ; IC à 95% de 0,2 à 1,6)",
  "",
  "Conclusion des auteurs",
  "Le programme réduit la douleur.",
  "",
  "Discussion",
  "Une autre étude est citée (5).",
  "",
}, "\n")

local CASES = {
  { name = "Dutch", text = NL, lang = "nl", ref = 4, randomized = 212, per_arm = 106, value = 1.2, low = 0.4, high = 2.0,
    women = 61, age = 52 },
  { name = "French", text = FR, lang = "fr", ref = 4, randomized = 180, per_arm = 90, value = 0.9, low = 0.2, high = 1.6,
    women = 58 },
}

for _, c in ipairs(CASES) do
  t.test(c.name .. " synthetic appraisal: tc.lookup gives the extracted record on the trial's reference", function()
    local doc = tc.parse(c.text, { lang = c.lang, id = "synthetic-" .. c.lang })
    t.eq(tc.extract_trial_reference(doc), c.ref, "reference cited in the design section")
    local r = tc.lookup(c.ref, doc)
    t.ok(r and r.trial, "trial on reference " .. c.ref)
    t.eq(r.appraised_trial, true, "appraised_trial")
    t.eq(r.trial.population.randomized, c.randomized, "randomised total")
    t.eq(r.trial.population.women_percent, c.women, "share of women")
    t.eq(r.trial.population.age_mean, c.age, "mean age")
    t.eq(#r.trial.arms, 2, "two arms")
    for _, a in ipairs(r.trial.arms) do t.eq(a.n, c.per_arm, "arm size of " .. a.label) end
    t.eq(r.trial.results[1].value, c.value, "result value")
    t.eq(r.trial.results[1].ci.low, c.low, "low")
    t.eq(r.trial.results[1].ci.high, c.high, "high")
    t.ok(r.trial.results[1].outcome:find("douleur") or r.trial.results[1].outcome:find("pijn"),
      "outcome from the sentence: " .. r.trial.results[1].outcome)
    ev.check_evidence(c.text, r.trial, c.name)
    ev.check_schema(r.trial, c.name)
    for _, n in ipairs({ 1, 5 }) do
      local o = tc.lookup(n, doc)
      t.ok(o, "reference " .. n .. " is cited")
      t.eq(o.trial, nil, "no trial on reference " .. n)
    end
    -- enrichment works for the unseen appraisal as for the bundled ones
    local items = {}
    for n = 1, 5 do items[n] = { id = "r" .. n, type = "article-journal", ["citation-number"] = n } end
    local out = tc.annotate(items, doc)
    t.ok(out[c.ref].custom and out[c.ref].custom.trialcite and out[c.ref].custom.trialcite.trial,
      "custom.trialcite.trial on the trial's reference")
    t.eq(out[1].custom.trialcite.trial, nil, "not on reference 1")
  end)
end

t.test("seeds: the reference citing the appraised trial is found from the text", function()
  t.eq(tc.extract_trial_reference(tc.parse(t.seed(t.SEED1))), 9, "minerva-20577 (no headings: 'deze ... studie')")
  t.eq(tc.extract_trial_reference(tc.parse(t.seed(t.SEED2))), 19, "minerva-20707 (the design section)")
end)

t.test("an English trial report is not an appraisal: no reference becomes the trial", function()
  local text = "Background\nEarlier work suggested a benefit (1).\nIn this study we randomised 120 patients to A or B (2).\n"
  local doc = tc.parse(text, { lang = "en" })
  t.eq(tc.extract_trial_reference(doc), nil, "no trial reference")
  t.eq(tc.lookup(1, doc).trial, nil, "no trial on reference 1")
end)

t.test("pmc-dev: no trial report is taken for an appraisal", function()
  local dir = (os.getenv("TRIALCITE_SEEDS") or "../shared/seeds"):gsub("seeds/?$", "") .. "corpus/pmc-dev"
  local p = io.popen("ls " .. t.q(dir) .. " 2>/dev/null")
  local n = 0
  for f in p:lines() do
    if f:match("%.txt$") then
      local doc = tc.parse(t.read(dir .. "/" .. f))
      t.eq(tc.extract_trial_reference(doc), nil, f .. ": no trial reference")
      n = n + 1
    end
  end
  p:close()
  if n == 0 then t.skip("PMC corpus not found in " .. dir) end
end)
