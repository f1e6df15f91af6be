-- doc:statistics(): every statistic the two seeds state, with numbers and exact spans
-- (the expected lists are our own reading of the texts, written as data), held-out
-- sentences in the major journal styles and in nl/fr/en, and what must NOT become a
-- statistic.
local t = require "harness"
local tc = require "trialcite"

local KINDS = { estimate = true, mean = true, proportion = true, p = true, count = true }
local MEASURES = { HR = true, OR = true, RR = true, RD = true, MD = true, SMD = true, IRR = true, RoM = true,
  median = true, beta = true, NNT = true, NNH = true }
local SEVERITIES_OK = { error = true, warning = true, info = true }
local OPS = { ["="] = true, ["<"] = true, [">"] = true, ["<="] = true, [">="] = true }

local function norm(s) return (s:gsub("%s+", " ")) end

-- The SPEC shape of every statistic, and exact spans for every number.
local function check_shape(text, stats)
  local last = 0
  for i, s in ipairs(stats) do
    local w = "statistic " .. i
    t.ok(KINDS[s.kind], w .. ": kind " .. tostring(s.kind))
    t.ok(s.measure == nil or MEASURES[s.measure], w .. ": measure " .. tostring(s.measure))
    t.ok(type(s.value) == "number" and s.value == s.value, w .. ": value")
    t.eq(text:sub(s.start, s.stop), s.text, w .. ": text:sub(start, stop) == text")
    t.ok(s.start > last, w .. ": text order")
    last = s.start
    if s.unit ~= nil then t.eq(s.unit, "%", w .. ": unit") end
    if s.ci then t.ok(s.ci.level and s.ci.low <= s.ci.high, w .. ": ci") end
    if s.p then t.ok(OPS[s.p.op] and s.p.value >= 0 and s.p.value <= 1, w .. ": p") end
    t.ok(s.spans and s.spans.value, w .. ": value span")
    for key, sp in pairs(s.spans) do
      t.ok(sp.start >= s.start and sp.stop <= s.stop, w .. ": span " .. key .. " inside the statistic")
    end
    t.eq(s.spans.sd ~= nil, s.sd ~= nil, w .. ": sd span present with sd")
    t.eq(s.spans.low ~= nil, s.ci ~= nil, w .. ": low span present with ci")
    t.eq(s.spans.high ~= nil, s.ci ~= nil, w .. ": high span present with ci")
    t.eq(s.spans.p ~= nil, s.p ~= nil, w .. ": p span present with p")
  end
end

local function sub(text, sp) return sp and text:sub(sp.start, sp.stop) end

-- e = { kind, value, "value text", m=, sd={n,"t"}, ci={low,"t",high,"t"}, p={op,n,"t"},
--       unit=, tp=string|false, sg=string|false, noun=, text= }
local function check_one(text, s, e, w)
  t.eq(s.kind, e[1], w .. ": kind")
  t.near(s.value, e[2], 1e-12, w .. ": value")
  t.eq(sub(text, s.spans.value), e[3], w .. ": value span")
  t.eq(s.measure, e.m, w .. ": measure")
  if e.sd then
    t.near(s.sd, e.sd[1], 1e-12, w .. ": sd")
    t.eq(sub(text, s.spans.sd), e.sd[2], w .. ": sd span")
  else
    t.eq(s.sd, nil, w .. ": no sd")
  end
  if e.ci then
    t.ok(s.ci, w .. ": has a ci")
    t.eq(s.ci.level, e.ci.level or 95, w .. ": ci level")
    t.near(s.ci.low, e.ci[1], 1e-12, w .. ": ci low")
    t.eq(sub(text, s.spans.low), e.ci[2], w .. ": low span")
    t.near(s.ci.high, e.ci[3], 1e-12, w .. ": ci high")
    t.eq(sub(text, s.spans.high), e.ci[4], w .. ": high span")
  else
    t.eq(s.ci, nil, w .. ": no ci")
  end
  if e.p then
    t.ok(s.p, w .. ": has a p")
    t.eq(s.p.op, e.p[1], w .. ": p op")
    t.near(s.p.value, e.p[2], 1e-15, w .. ": p value")
    t.eq(sub(text, s.spans.p), e.p[3], w .. ": p span")
  else
    t.eq(s.p, nil, w .. ": no p")
  end
  t.eq(s.unit, e.unit, w .. ": unit")
  if e.tp ~= nil then t.eq(s.timepoint and norm(s.timepoint) or false, e.tp, w .. ": timepoint") end
  if e.sg ~= nil then t.eq(s.subgroup or false, e.sg, w .. ": subgroup") end
  if e.noun then t.eq(norm(s.noun or ""), e.noun, w .. ": noun") end
  if e.text then t.eq(norm(s.text), e.text, w .. ": text") end
end

local function check_list(text, stats, expected, label)
  check_shape(text, stats)
  for i = 1, math.max(#stats, #expected) do
    local s, e = stats[i], expected[i]
    local w = string.format("%s #%d", label, i)
    t.ok(s, w .. ": missing, expected " .. t.show(e))
    t.ok(e, w .. ": unexpected " .. t.show(s and { s.kind, s.text }))
    check_one(text, s, e, w)
  end
end

local SEED1 = {
  { "count", 12, "12", noun = "volwassenen" },
  { "count", 510, "510", noun = "volwassenen" },
  { "mean", 35, "35" },
  { "count", 264, "264", noun = "mannen" },
  { "count", 246, "246", noun = "vrouwen" },
  { "proportion", 92.2, "92,2", unit = "%", text = "92,2%" },
  { "estimate", 0.11, "0,11", ci = { 0.03, "0,03", 0.18, "0,18" }, tp = "na 3 maanden", sg = "bij mannen" },
  { "estimate", 0.07, "0,07", ci = { -0.01, "\u{2212}0,01", 0.19, "0,19" }, tp = "na 12 maanden", sg = "bij mannen" },
  { "estimate", 0.58, "0,58", ci = { -0.07, "-0,07", 1.22, "1,22" }, tp = "na 12 maanden", sg = "Bij vrouwen" },
}

local P = function(v, s) return { "proportion", v, s, unit = "%" } end
local function M(v, s, sd, sds, extra)
  local e = { "mean", v, s, sd = { sd, sds } }
  for k, x in pairs(extra or {}) do e[k] = x end
  return e
end

local SEED2 = {
  { "count", 154, "154", noun = "deelnemers" },
  { "count", 77, "77", noun = "per groep", text = "77 per groep" },
  P(57, "57"), P(86, "86"),
  M(48.5, "48,5", 11.8, "11,8", { text = "48,5 jaar (SD 11,8)" }),
  P(23, "23"), P(23, "23"), P(22, "22"), P(20, "20"), P(16, "16"), P(62, "62"), P(65, "65"),
  P(53, "53"), P(72, "72"),
  M(95.3, "95,3", 40, "40"),
  P(95, "95"),   -- "95% van de deelnemers": a proportion, not a confidence level
  M(3.6, "3,6", 4.6, "4,6"),
  { "estimate", 0.58, "0,58", m = "HR", ci = { 0.37, "0,37", 0.90, "0,90" }, p = { "=", 0.02, "0,02" },
    tp = "op 16 weken", text = "HR 0,58; 95% BI van 0,37 tot 0,90; p=0,02" },
  P(50.6, "50,6"),
  { "proportion", 57.1, "57,1", unit = "%" },   -- "tegenover 57,1": its sibling is a percentage
  { "estimate", 0.41, "0,41", m = "HR", ci = { 0.18, "0,18", 0.96, "0,96" }, p = { "=", 0.04, "0,04" }, tp = "op 16 weken" },
  P(22.1, "22,1"), P(13.0, "13,0"), P(95.5, "95,5"), P(83.6, "83,6"),
  { "p", 0.03, "0,03", p = { "=", 0.03, "0,03" } },
  { "estimate", 4.56, "4,56", m = "OR", ci = { 1.04, "1,04", 20.05, "20,05" }, p = { "=", 0.04, "0,04" } },
  M(5.79, "5,79", 0.29, "0,29"), M(5.17, "5,17", 0.30, "0,30"), M(5.19, "5,19", 0.28, "0,28"),
  M(4.96, "4,96", 0.29, "0,29"),   -- "(0,29)" after a mean whose sibling had an SD
  { "p", 0.001, "0,001", p = { "<", 0.001, "0,001" } },
  M(22.52, "22,52", 1.32, "1,32"), M(18.98, "18,98", 1.38, "1,38"), M(22.65, "22,65", 1.25, "1,25"),
  M(20.03, "20,03", 1.27, "1,27"),
  { "p", 0.04, "0,04", p = { "=", 0.04, "0,04" } },
  M(5.3, "5,3", 2.8, "2,8"), P(73, "73"),
  M(8.6, "8,6", 11.5, "11,5"), M(8.0, "8,0", 10.7, "10,7", { tp = "op 8 weken" }),
  -- the flattened results table: measure from its header "Effect (HR met 95% BI)"
  { "estimate", 0.58, "0,58", m = "HR", ci = { 0.53, "0,53", 0.63, "0,63" }, p = { "<", 0.001, "0,001" } },
  M(13.9, "13,9", 16.9, "16,9", { text = "13,9 dagen (SD 16,9)" }), M(21.7, "21,7", 23.8, "23,8"),
  { "estimate", 0.72, "0,72", m = "HR", ci = { 0.63, "0,63", 0.81, "0,81" }, p = { "<", 0.001, "0,001" } },
  M(7.9, "7,9", 13.2, "13,2"), M(8.5, "8,5", 14.8, "14,8"),
  { "estimate", 0.53, "0,53", m = "HR", ci = { 0.48, "0,48", 0.58, "0,58" }, p = { "<", 0.001, "0,001" } },
  M(9.8, "9,8", 14.8, "14,8"), M(18.3, "18,3", 23.0, "23,0"),
  P(81, "81"), P(63, "63"),
  { "count", 56, "56", noun = "deelnemers" }, { "count", 112, "112", noun = "deelnemers" },
  P(30, "30"),
  { "count", 154, "154", noun = "deelnemers" },
  { "estimate", 0.53, "0,53", m = "HR", text = "HR van 0,53" },
  P(50.6, "50,6"), P(57.1, "57,1"), P(22.1, "22,1"), P(13.0, "13,0"),
  { "mean", 4.6, "4,6" },   -- "gemiddeld reeds 4,6 jaren"
  P(53, "53"),
}

t.test("seed 1: every statistic with numbers and spans", function()
  local text = t.seed(t.SEED1)
  check_list(text, tc.parse(text):statistics(), SEED1, "seed 1")
end)

t.test("seed 2: every statistic with numbers and spans", function()
  local text = t.seed(t.SEED2)
  check_list(text, tc.parse(text):statistics(), SEED2, "seed 2")
end)

t.test("seed 2: the table's three HRs and six means with SD", function()
  local text = t.seed(t.SEED2)
  local est, means = {}, {}
  for _, s in ipairs(tc.parse(text):statistics()) do
    if s.kind == "estimate" and s.ci and s.p and s.p.op == "<" then est[#est + 1] = s end
    if s.kind == "mean" and s.text:find("dagen") then means[#means + 1] = s.value .. "/" .. s.sd end
  end
  t.eq(#est, 3, "table estimates")
  for _, s in ipairs(est) do t.eq(s.measure, "HR", "table measure") end
  t.eq(means, { "13.9/16.9", "21.7/23.8", "7.9/13.2", "8.5/14.8", "9.8/14.8", "18.3/23.0" }, "table means")
end)

t.test("seeds: statistics carry sentence indices when the text has sentences", function()
  local text = t.seed(t.SEED2)
  local doc = tc.parse(text)
  if #doc:sentences() == 0 then t.skip("no sentences yet (sentence stage not landed)") end
  for i, s in ipairs(doc:statistics()) do t.ok(s.sentence, "statistic " .. i .. " has a sentence") end
end)

-- Held-out sentences (our own), one per journal style and language.
local STYLES = {
  { "Lancet (en)", "en", "Mortality was lower with the drug (HR 0\u{b7}72, 95% CI 0\u{b7}61\u{2013}0\u{b7}85; p=0\u{b7}0001) at 12 months.",
    { "estimate", 0.72, "0\u{b7}72", m = "HR", ci = { 0.61, "0\u{b7}61", 0.85, "0\u{b7}85" }, p = { "=", 0.0001, "0\u{b7}0001" }, tp = "at 12 months" } },
  { "NEJM (en)", "en", "Death occurred less often (hazard ratio, 0.58; 95% confidence interval [CI], 0.37 to 0.90; P=0.02).",
    { "estimate", 0.58, "0.58", m = "HR", ci = { 0.37, "0.37", 0.90, "0.90" }, p = { "=", 0.02, "0.02" } } },
  { "JAMA (en)", "en", "Relapse was less frequent (HR, 0.58 [95% CI, 0.37-0.90]; P = .02).",
    { "estimate", 0.58, "0.58", m = "HR", ci = { 0.37, "0.37", 0.90, "0.90" }, p = { "=", 0.02, ".02" },
      text = "HR, 0.58 [95% CI, 0.37-0.90]; P = .02" } },
  { "JAMA mean (SD) (en)", "en", "The mean (SD) age was 48.5 (11.8) years.",
    { "mean", 48.5, "48.5", sd = { 11.8, "11.8" } } },
  { "BMJ (en)", "en", "The odds ratio was 4.56 (95% confidence interval 1.04 to 20.05; P=0.04) in women.",
    { "estimate", 4.56, "4.56", m = "OR", ci = { 1.04, "1.04", 20.05, "20.05" }, p = { "=", 0.04, "0.04" }, sg = "in women" } },
  { "BMJ mean difference (en)", "en", "The mean difference was \u{2212}1.2 (95% CI \u{2212}2.3 to \u{2212}0.1) points.",
    { "estimate", -1.2, "\u{2212}1.2", m = "MD", ci = { -2.3, "\u{2212}2.3", -0.1, "\u{2212}0.1" } } },
  { "Minerva (nl)", "nl", "Bij vrouwen daalde het risico (RR 0,80; 95% BI van 0,70 tot 0,91; p<0,001) na 8 weken.",
    { "estimate", 0.80, "0,80", m = "RR", ci = { 0.70, "0,70", 0.91, "0,91" }, p = { "<", 0.001, "0,001" }, tp = "na 8 weken", sg = "Bij vrouwen" } },
  { "Minerva relatief risico (nl)", "nl", "Het relatief risico bedroeg 1,25 (95%-BI 1,02-1,53).",
    { "estimate", 1.25, "1,25", m = "RR", ci = { 1.02, "1,02", 1.53, "1,53" } } },
  { "Minerva gemiddeld verschil (nl)", "nl", "Het gemiddeld verschil was -3,1 (95% BI van -5,0 tot -1,2) op 16 weken.",
    { "estimate", -3.1, "-3,1", m = "MD", ci = { -5.0, "-5,0", -1.2, "-1,2" }, tp = "op 16 weken" } },
  { "Minerva (fr)", "fr", "Chez les femmes, le risque relatif était de 0,58 (IC à 95% de 0,37 à 0,90 ; p = 0,02) à 12 mois.",
    { "estimate", 0.58, "0,58", m = "RR", ci = { 0.37, "0,37", 0.90, "0,90" }, p = { "=", 0.02, "0,02" }, tp = "à 12 mois", sg = "Chez les femmes" } },
  { "rapport de cotes, IC95% (fr)", "fr", "Le rapport de cotes était de 2,10 (IC95% [1,30 ; 3,40]).",
    { "estimate", 2.10, "2,10", m = "OR", ci = { 1.30, "1,30", 3.40, "3,40" } } },
  { "écart-type (fr)", "fr", "L'âge moyen était de 48,5 ans (ET 11,8).",
    { "mean", 48.5, "48,5", sd = { 11.8, "11,8" } } },
  { "différence moyenne (fr)", "fr", "La différence moyenne était de 0,4 (IC 95 % : 0,1-0,7).",
    { "estimate", 0.4, "0,4", m = "MD", ci = { 0.1, "0,1", 0.7, "0,7" } } },
  { "SMD, IRR, RoM (en)", "en", "SMD 0.31 (95% CI 0.12 to 0.50).",
    { "estimate", 0.31, "0.31", m = "SMD", ci = { 0.12, "0.12", 0.50, "0.50" } } },
  { "incidence rate ratio (en)", "en", "The incidence rate ratio was 0.66 (95% CI 0.50 to 0.87).",
    { "estimate", 0.66, "0.66", m = "IRR", ci = { 0.50, "0.50", 0.87, "0.87" } } },
  { "ratio of means (en)", "en", "The ratio of means was 1.12 (95% CI 1.01 to 1.24).",
    { "estimate", 1.12, "1.12", m = "RoM", ci = { 1.01, "1.01", 1.24, "1.24" } } },
  { "bare interval after a named estimate (en)", "en", "HR 0.58 (0.37-0.90) overall.",
    { "estimate", 0.58, "0.58", m = "HR", ci = { 0.37, "0.37", 0.90, "0.90" }, text = "HR 0.58 (0.37-0.90)" } },
  { "p with exponent (en)", "en", "The difference was significant (P < 1e-5).",
    { "p", 1e-5, "1e-5", p = { "<", 1e-5, "1e-5" } } },
  { "p \u{2264} (en)", "en", "Groups differed (p\u{2264}0.05).",
    { "p", 0.05, "0.05", p = { "<=", 0.05, "0.05" } } },
  { "p = middle dot (en)", "en", "Scores improved (p = 0\u{b7}008).",
    { "p", 0.008, "0\u{b7}008", p = { "=", 0.008, "0\u{b7}008" } } },
  { "mean \u{b1} SD (en)", "en", "Patients were 61.2 \u{b1} 9.4 years old.",
    { "mean", 61.2, "61.2", sd = { 9.4, "9.4" } } },
  { "count with n = (en)", "en", "Women (n = 246) were older.",
    { "count", 246, "246", noun = "n" } },
  { "standard deviation spelled out (en)", "en", "Mean age was 48.5 years (standard deviation 11.8).",
    { "mean", 48.5, "48.5", sd = { 11.8, "11.8" } } },
  { "écart type spelled out (fr)", "fr", "L'âge était de 48,5 ans (écart type 11,8).",
    { "mean", 48.5, "48,5", sd = { 11.8, "11,8" } } },
  { "standaarddeviatie (nl)", "nl", "De leeftijd was 48,5 jaar (standaarddeviatie 11,8).",
    { "mean", 48.5, "48,5", sd = { 11.8, "11,8" } } },
  { "hazard ratio for an outcome (en)", "en", "The hazard ratio for death was 0.72 (95% CI 0.61 to 0.85).",
    { "estimate", 0.72, "0.72", m = "HR", ci = { 0.61, "0.61", 0.85, "0.85" } } },
  { "thousands (en)", "en", "We screened 1,372 adults.",
    { "count", 1372, "1,372", noun = "adults" } },
  { "thousands (fr)", "fr", "Au total, 1 372 adultes.",
    { "count", 1372, "1 372", noun = "adultes" } },
}

for _, case in ipairs(STYLES) do
  t.test("style: " .. case[1], function()
    local text = case[3]
    local stats = tc.parse(text, { lang = case[2] }):statistics()
    check_list(text, stats, { case[4] }, case[1])
  end)
end

t.test("conservative: scales, years, ranges, countries, markers are not statistics", function()
  local cases = {
    "Pijn van \u{2265}3/10 gedurende minstens 3 maanden.",
    "Pijn (VAS schaal 0-10) werd gemeten.",
    "Een cohort van 1998 tot 2016 uit 19 Europese landen (19).",
    "Zoals eerder gerapporteerd (1-4) en (5,6) en (1,2,5-8).",
    "Gerekruteerd in 5 Amerikaanse centra met 3 uitnodigingen per dag.",
    "Registratie NCT04491968, doi 10.1001/jamapsychiatry.2023.5138, online 2023-12-07.",
    "Na 3, 6 en 12 maanden werd gemeten op 8 en 16 weken.",
    "Minstens 4 van de 8 sessies, 12 t.o.v. 6 in de controlegroep.",
    "Het HR werd gemeten na 12 maanden.",
    "Mediane opvolging 3,2 jaar (IQR 2,1-4,5).",
  }
  for _, text in ipairs(cases) do
    local stats = tc.parse(text, { lang = "nl" }):statistics()
    t.eq(#stats, 0, "statistics in " .. string.format("%q", text) .. ": " .. t.show(stats[1] and stats[1].text))
  end
end)

t.test("conservative: a CI level is not a proportion, a lone level is not a statistic", function()
  local text = "Effect (OR met 95% BI) en 95% van de deelnemers."
  local stats = tc.parse(text, { lang = "nl" }):statistics()
  t.eq(#stats, 1, "one statistic")
  t.eq(stats[1].kind, "proportion", "kind")
  t.eq(stats[1].text, "95%", "text")
  t.eq(stats[1].start, select(1, text:find("95%% van")), "the second 95%")
end)

t.test("values never overflow", function()
  local stats = tc.parse("HR 1e400 (95% CI 1e399 to 1e401); p = 1e-400; 57%", { lang = "en" }):statistics()
  for _, s in ipairs(stats) do
    t.ok(s.value == s.value and s.value ~= math.huge and s.value ~= -math.huge, "finite value")
  end
end)

t.test("SD across a line break and glued SD", function()
  local text = "leeftijd 48,5 jaar (SD \n\n11,8) en 5,79\n\n(SD0,29) naar 5,17 (SD0,30)"
  local stats = tc.parse(text, { lang = "nl" }):statistics()
  t.eq(#stats, 3, "three means")
  t.eq(text:sub(stats[1].spans.sd.start, stats[1].spans.sd.stop), "11,8", "sd span across lines")
  t.eq(stats[2].sd, 0.29, "glued SD")
  t.eq(stats[3].sd, 0.30, "glued SD 2")
end)

t.test("property: shape and spans hold on random statistical text", function()
  local pieces = { "HR", "OR", "RR", "mean difference", "verschil", " ", " ", "\n\n", "(", ")", "[", "]", ";", ",",
    "95%", "95% CI", "95% BI van", "IC à 95%", "tot", "to", "à", "-", "\u{2212}", "\u{2013}", "p=", "P < ", "p\u{2264}",
    "0,58", "0.37", "0\u{b7}90", "12", "1 372", "1.372", "1e-5", "1e400", "57%", "(SD ", "(ET ", "\u{b1}", "SD0,29",
    "gemiddeld", "deelnemers", "per groep", "n = ", "na 12 maanden", "bij vrouwen", "in women", ".", " X", "(1-4)",
    "\u{2022}", "\xff", "\0", "≥3/10", "0-10", "2018" }
  math.randomseed(20240524)
  for round = 1, 300 do
    local parts = {}
    for k = 1, math.random(1, 40) do parts[k] = pieces[math.random(#pieces)] end
    local text = table.concat(parts)
    for _, lang in ipairs { "nl", "fr", "en" } do
      local doc = tc.parse(text, { lang = lang })
      local ok, err = pcall(check_shape, text, doc:statistics())
      t.ok(ok, string.format("round %d (%s) %q: %s", round, lang, text, tostring(err)))
      for _, c in ipairs(doc:checks()) do t.ok(SEVERITIES_OK[c.severity], "check severity") end
    end
  end
end)
