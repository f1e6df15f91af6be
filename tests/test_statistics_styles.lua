-- Number and statistic constructions of issue 12 in our own short sentences, in Dutch,
-- French and English: thousands with a plain space, ranges, numbers without a leading
-- zero, the major journals' styles (Lancet, bracketed abbreviations, adjusted measures,
-- interval labels, lists, coefficients with an SE, medians, NNT/NNH, ± with a unit).
-- Each case lists every statistic the sentence must give, in order:
-- {kind, measure, value, sd=, se=, ci={low, high}, p={op, value}}.
local t = require "harness"
local tc = require "trialcite"

local function near(a, b) return a == b or (a and b and math.abs(a - b) <= 1e-9 * math.max(1, math.abs(b))) end

local function check(lang, text, want)
  local got = tc.parse(text, { lang = lang }):statistics()
  local w = ("%s %q"):format(lang, text)
  t.eq(#got, #want, w .. ": number of statistics")
  for i, e in ipairs(want) do
    local s, wi = got[i], w .. ": statistic " .. i
    t.eq(s.kind, e[1], wi .. " kind")
    t.eq(s.measure, e[2], wi .. " measure")
    t.ok(near(s.value, e[3]), wi .. " value " .. tostring(s.value))
    t.ok(near(s.sd, e.sd), wi .. " sd " .. tostring(s.sd))
    t.ok(near(s.se, e.se), wi .. " se " .. tostring(s.se))
    if e.ci then
      t.ok(s.ci and near(s.ci.low, e.ci[1]) and near(s.ci.high, e.ci[2]), wi .. " ci")
    else
      t.eq(s.ci, nil, wi .. " no ci")
    end
    if e.p then
      t.ok(s.p and s.p.op == e.p[1] and near(s.p.value, e.p[2]), wi .. " p")
    else
      t.eq(s.p, nil, wi .. " no p")
    end
    t.eq(text:sub(s.start, s.stop), s.text, wi .. " span")
    if s.se then t.eq(tonumber((text:sub(s.spans.se.start, s.spans.se.stop):gsub(",", "."))), s.se, wi .. " se span") end
  end
end

local function cases(name, list)
  t.test(name, function() for _, c in ipairs(list) do check(c[1], c[2], c[3]) end end)
end

cases("numbers: thousands with a plain space, ranges, no leading zero", {
  { "nl", "In totaal werden 2 317 patiënten gerandomiseerd.", { { "count", nil, 2317 } } },
  { "fr", "Au total, 4 120 enfants ont été inclus.", { { "count", nil, 4120 } } },
  { "fr", "La réduction variait de 5 à 15% selon les groupes.", {} },
  { "nl", "Het effect bedroeg 3–5 % in alle subgroepen.", {} },
  { "en", "Response rates were 60–80% in all arms.", {} },
  { "en", "Effects ranged from −2.6% to 6% across trials.", {} },
  { "en", "HbA1c fell from 7.5% to 6.9% with the drug.", { { "proportion", nil, 7.5 }, { "proportion", nil, 6.9 } } },
  { "nl", "De prevalentie steeg van 12% tot 25% na een jaar.", { { "proportion", nil, 12 }, { "proportion", nil, 25 } } },
  { "nl", "Het aandeel varieerde van 12% tot 25%.", {} },
  { "en", "Adherence predicted the outcome (B=−.17, SE = .05, p = .001).",
    { { "estimate", "beta", -0.17, se = 0.05, p = { "=", 0.001 } } } },
  { "en", "The difference was significant (P = .004).", { { "p", nil, 0.004, p = { "=", 0.004 } } } },
  { "en", "Dose and time interacted (F1,9 = 5.17, p = < 0.04).", { { "p", nil, 0.04, p = { "<", 0.04 } } } },
})

cases("the Lancet, measures named earlier, bracketed abbreviations", {
  { "en", "The mean change was 4·2 [95% CI −10·5 to 18·9] in the treated arm.",
    { { "estimate", nil, 4.2, ci = { -10.5, 18.9 } } } },
  { "en", "The hazard ratio for progression in the high-dose group 0·84 [95% CI 0·71–0·99] favoured treatment.",
    { { "estimate", "HR", 0.84, ci = { 0.71, 0.99 } } } },
  { "en", "Deaths were similar (crude HR 0·97, 95% CI 0·83–1·13, p=0·58; adjusted HR 0·95, 0·80–1·12, p=0·49).",
    { { "estimate", "HR", 0.97, ci = { 0.83, 1.13 }, p = { "=", 0.58 } },
      { "estimate", "HR", 0.95, ci = { 0.80, 1.12 }, p = { "=", 0.49 } } } },
  { "en", "Smoking raised the odds ratio [OR] = 1.92, 95% confidence interval [CI] 1.21–3.05 for relapse.",
    { { "estimate", "OR", 1.92, ci = { 1.21, 3.05 } } } },
  { "en", "The odds ratios were 1.40 (95% CI 1.10–1.78) and 2.05 (1.50–2.80) for moderate and severe disease, respectively.",
    { { "estimate", "OR", 1.40, ci = { 1.10, 1.78 } }, { "estimate", "OR", 2.05, ci = { 1.50, 2.80 } } } },
  { "fr", "Les réductions étaient de 0,45 (IC à 95% de 0,30 à 0,60) et 0,52 (0,35 à 0,69) respectivement.",
    { { "estimate", nil, 0.45, ci = { 0.30, 0.60 } }, { "estimate", nil, 0.52, ci = { 0.35, 0.69 } } } },
  { "nl", "Het relatieve risico was 0,80 (95% BI van 0,70 tot 0,92) bij vrouwen en 0,95 (0,81 tot 1,11) bij mannen.",
    { { "estimate", "RR", 0.80, ci = { 0.70, 0.92 } }, { "estimate", "RR", 0.95, ci = { 0.81, 1.11 } } } },
})

cases("a percentage a measure names", {
  { "nl", "Het absolute risicoverschil bedroeg 3,2% (95% BI van 1,1 tot 5,3%), met een NNT van 31 (95% BI van 19 tot 91).",
    { { "estimate", "RD", 3.2, ci = { 1.1, 5.3 } }, { "estimate", "NNT", 31, ci = { 19, 91 } } } },
  { "en", "The risk difference was 4.1% (95% CI 1.2 to 7.0).", { { "estimate", "RD", 4.1, ci = { 1.2, 7.0 } } } },
  { "en", "Median compliance was 88% in both groups.", { { "proportion", nil, 88 } } },
})

cases("adjusted measures and interval labels", {
  { "en", "Exposure was associated with relapse (aOR 2.31; 95% CI 1.40–3.81) and death (AOR 1.75, 95%CI 1.02-3.00).",
    { { "estimate", "OR", 2.31, ci = { 1.40, 3.81 } }, { "estimate", "OR", 1.75, ci = { 1.02, 3.00 } } } },
  { "en", "Mortality was lower with the drug (aHR 0.72, 95% C.I 0.55-0.94).",
    { { "estimate", "HR", 0.72, ci = { 0.55, 0.94 } } } },
  { "en", "The adjusted odds ratio was 1.64 (CI: 1.12-2.40) for the comparison.",
    { { "estimate", "OR", 1.64, ci = { 1.12, 2.40 } } } },
  { "fr", "Le risque relatif était de 0,82 (IC95% 0,70-0,96) après un an.",
    { { "estimate", "RR", 0.82, ci = { 0.70, 0.96 } } } },
  { "en", "The incidence rate ratio was 0.76 (95% confidence interval 0.61 to 0.95) for infections.",
    { { "estimate", "IRR", 0.76, ci = { 0.61, 0.95 } } } },
})

cases("coefficients with their SE, medians, NNT and NNH, means with ± and a unit", {
  { "en", "Each point of the score raised the outcome (b = 0.27, SE = 0.09, 95%CI [0.09, 0.45]).",
    { { "estimate", "beta", 0.27, se = 0.09, ci = { 0.09, 0.45 } } } },
  { "en", "In the regression, β = 0.31 (95% CI 0.12–0.50; p = 0.002) for age.",
    { { "estimate", "beta", 0.31, ci = { 0.12, 0.50 }, p = { "=", 0.002 } } } },
  { "en", "The study had a power of 80% (β = 0.20) to detect it.", { { "proportion", nil, 80 } } },
  { "en", "Median survival was 14.2 months (95% CI 11.8–16.0) in the study arm.",
    { { "estimate", "median", 14.2, ci = { 11.8, 16.0 } } } },
  { "nl", "De mediane overleving bedroeg 14,2 maanden (95% BI van 11,8 tot 16,0).",
    { { "estimate", "median", 14.2, ci = { 11.8, 16.0 } } } },
  { "fr", "La survie médiane était de 14,2 mois (IC à 95% de 11,8 à 16,0).",
    { { "estimate", "median", 14.2, ci = { 11.8, 16.0 } } } },
  { "en", "Median length of stay was 6 days (IQR 4–9) in both groups.", { { "estimate", "median", 6 } } },
  { "fr", "Le NNT était de 12 (IC à 95% de 7 à 41) sur deux ans.", { { "estimate", "NNT", 12, ci = { 7, 41 } } } },
  { "nl", "De NNH bedroeg 25 (95% BI van 14 tot 98) na een jaar.", { { "estimate", "NNH", 25, ci = { 14, 98 } } } },
  { "en", "The number needed to treat was 9 (95% CI 5 to 38).", { { "estimate", "NNT", 9, ci = { 5, 38 } } } },
  { "en", "Systolic pressure changed by –6.4 ± 9.1 mm Hg with the diet.", { { "mean", nil, -6.4, sd = 9.1 } } },
  { "en", "Patients had 1.3 per patient (SD 1.1) during the year.", { { "mean", nil, 1.3, sd = 1.1 } } },
  { "en", "Scores fell by a mean (±SE) of 3.0 ± 0.4 points in the treated group.", { { "mean", nil, 3.0, se = 0.4 } } },
  { "en", "The difference was 0.77 ± 0.54 points (95% CI −0.33 to 1.86).",
    { { "estimate", "MD", 0.77, se = 0.54, ci = { -0.33, 1.86 } } } },
  { "en", "Relative reductions were 27% (SE 4; p < 0.0001) overall.",
    { { "proportion", nil, 27, se = 4, p = { "<", 0.0001 } } } },
})

t.test("checks: medians and NNTs have skewed intervals and no null value", function()
  for _, c in ipairs {
    { "fr", "Le NNT était de 12 (IC à 95% de 7 à 41) sur deux ans." },
    { "en", "Median survival was 3.7 months (95% CI 2.1–9.8) in the study arm." },
  } do
    t.eq(#tc.parse(c[2], { lang = c[1] }):checks(), 0, c[2])
  end
  local checks = tc.parse("The NNT was 12 (95% CI 14 to 41).", { lang = "en" }):checks()
  t.eq(checks[1] and checks[1].code, "estimate-outside-ci", "outside still checked")
end)

cases("a text's own ± convention", {
  { "en", "Data are presented as mean ± SEM. Weight fell to 71.2 ± 1.4 kg.", { { "mean", nil, 71.2, se = 1.4 } } },
  { "en", "Results are given as mean ± standard error. Weight fell to 71.2 ± 1.4 kg.", { { "mean", nil, 71.2, se = 1.4 } } },
  { "en", "Ages are mean ± SD and scores mean ± SEM. Weight fell to 71.2 ± 1.4 kg.", { { "mean", nil, 71.2, sd = 1.4 } } },
  { "en", "Weight fell to 71.2 ± 1.4 kg.", { { "mean", nil, 71.2, sd = 1.4 } } },
  { "en", "Values are mean ± SEM. Baseline is mean ± SD. Values are mean ± SEM. Weight fell to 71.2 ± 1.4 kg.",
    { { "mean", nil, 71.2, se = 1.4 } } },
})

cases("means in a list with 'respectively'", {
  { "en", "The means of the anxiety scale at entry and at discharge were 58.25 and 41.70 respectively (P = 0.002).",
    { { "mean", nil, 58.25 }, { "mean", nil, 41.70 }, { "p", nil, 0.002, p = { "=", 0.002 } } } },
  { "nl", "De gemiddelde scores waren 5,2 en 6,1 punten, respectievelijk.", { { "mean", nil, 5.2 }, { "mean", nil, 6.1 } } },
  { "en", "The mean error was similar in step 3 (0.1%, 0.5% and 0.1%, respectively).",
    { { "proportion", nil, 0.1 }, { "proportion", nil, 0.5 }, { "proportion", nil, 0.1 } } },
})

t.test("reading back through a clause stops at a word longer than the window", function()
  local w = string.rep("a", 300)
  for _, text in ipairs {
    w .. " 5 (95% CI 1-9).", w .. " 3 months (95% CI 1-9) " .. w .. " 4 months (2-6)",
    "mean " .. w .. " 5 and 6 respectively", "median " .. w .. " 7 days", w .. " 2 (1.2-3.1, p = 0.03)",
  } do
    for _, lang in ipairs { "en", "nl", "fr" } do t.ok(tc.parse(text, { lang = lang }):statistics(), "parsed") end
  end
end)
