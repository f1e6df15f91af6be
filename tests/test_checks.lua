-- doc:checks(): each consistency check with a case that fires and one that must not,
-- the seeds' sound estimates raising nothing, and the first seed's off-centre interval.
local t = require "harness"
local tc = require "trialcite"

local SEVERITIES = { error = true, warning = true, info = true }

local function checks_of(text, lang)
  local doc = tc.parse(text, { lang = lang or "en" })
  local stats, checks = doc:statistics(), doc:checks()
  for i, c in ipairs(checks) do
    t.ok(type(c.code) == "string" and SEVERITIES[c.severity] and type(c.message) == "string",
      "check " .. i .. " shape")
    t.ok(c.statistic == nil or stats[c.statistic], "check " .. i .. " names a statistic")
  end
  return checks, stats
end

-- The checks with this code (any severity but info unless asked).
local function find(checks, code)
  local out = {}
  for _, c in ipairs(checks) do if c.code == code then out[#out + 1] = c end end
  return out
end

local function alarms(checks)
  local out = {}
  for _, c in ipairs(checks) do
    if c.severity ~= "info" then out[#out + 1] = c.code .. ": " .. c.message end
  end
  return out
end

local function fires(text, code, severity, lang)
  local checks, stats = checks_of(text, lang)
  local hits = find(checks, code)
  t.ok(#hits == 1, string.format("%s fires once on %q (got %d: %s)", code, text, #hits, t.show(alarms(checks))))
  t.eq(hits[1].severity, severity, code .. " severity")
  t.eq(stats[hits[1].statistic].kind, "estimate", code .. " names the estimate")
  return hits[1], stats
end

local function silent(text, lang)
  local checks = checks_of(text, lang)
  t.eq(alarms(checks), {}, string.format("no warning or error on %q", text))
end

t.test("seed 1: the off-centre interval of 0,07 is flagged, nothing else", function()
  local text = t.seed(t.SEED1)
  local checks, stats = checks_of(text, "nl")
  local hits = find(checks, "ci-off-centre")
  t.eq(#hits, 1, "one ci-off-centre")
  t.eq(hits[1].severity, "warning", "severity")
  local s = stats[hits[1].statistic]
  t.eq(text:sub(s.spans.value.start, s.spans.value.stop), "0,07", "the flagged estimate")
  -- 0,11 (0,03 tot 0,18) and 0,58 (-0,07 tot 1,22) are centred within rounding.
  t.eq(#alarms(checks), 1, "no other alarm: " .. t.show(alarms(checks)))
end)

t.test("seed 2: the hazard ratios and the odds ratio are sound", function()
  local text = t.seed(t.SEED2)
  local checks, stats = checks_of(text, "nl")
  t.eq(alarms(checks), {}, "no warning or error")
  local checked = 0
  for _, s in ipairs(stats) do if s.kind == "estimate" and s.ci and s.p then checked = checked + 1 end end
  t.eq(checked, 6, "six estimates with interval and p-value were checked")
end)

t.test("estimate-outside-ci: fires", function()
  fires("The hazard ratio was 1.20 (95% CI 0.50 to 0.90).", "estimate-outside-ci", "error")
end)

t.test("estimate-outside-ci: not on the bound, nor within rounding", function()
  local checks = checks_of("The hazard ratio was 0.90 (95% CI 0.50 to 0.90).")
  t.eq(#find(checks, "estimate-outside-ci"), 0, "on the bound is inside")
  t.eq(#find(checks, "ci-off-centre"), 1, "though far from the centre")
  checks = checks_of("The mean difference was 0.9 (95% CI 0.91 to 1.50).")
  t.eq(#find(checks, "estimate-outside-ci"), 0, "0.9 may be 0.94: within rounding of 0.91")
end)

t.test("ci-off-centre: fires on the linear scale", function()
  fires("The mean difference was 0.07 (95% CI -0.01 to 0.19).", "ci-off-centre", "warning")
end)

t.test("ci-off-centre: silent when centred within rounding", function()
  silent("The mean difference was 0.09 (95% CI -0.01 to 0.19).")
  silent("Het gemiddeld verschil was 0,58 (95% BI van -0,07 tot 1,22).", "nl")
end)

t.test("ci-off-centre: ratios are judged on the log scale", function()
  -- 0.64 is the linear centre of 0.37-0.90 but not its geometric centre (0.58).
  fires("The hazard ratio was 0.64 (95% CI 0.37 to 0.90).", "ci-off-centre", "warning")
  silent("The mean difference was 0.64 (95% CI 0.37 to 0.90).")
  silent("The hazard ratio was 0.58 (95% CI 0.37 to 0.90).")
  silent("OR 4.56 (95% CI 1.04 to 20.05).")
end)

t.test("p-inconsistent: fires", function()
  local c = fires("HR 0.58 (95% CI 0.37 to 0.90; P=0.001).", "p-inconsistent", "warning")
  t.ok(c.message:find("0.016") or c.message:find("0.02"), "message gives the recomputed p: " .. c.message)
  -- p<0.001 claims more than the interval allows.
  fires("HR 0.58 (95% CI 0.37 to 0.90; p<0.001).", "p-inconsistent", "warning")
end)

t.test("p-inconsistent: silent within rounding and for inequalities that hold", function()
  silent("HR 0.58 (95% CI 0.37 to 0.90; P=0.02).")
  silent("HR 0.58 (95% CI 0.37 to 0.90; P<0.05).")
  silent("HR 0.58 (95% CI 0.53 to 0.63; p<0.001).")
  silent("OR 4.56 (95% CI 1.04 to 20.05; P=0.04).")
  silent("The mean difference was 1.0 (95% CI 0.2 to 1.8; P = .01).")
end)

t.test("ci-p-disagree: fires both ways", function()
  local checks = checks_of("HR 0.80 (95% CI 0.60 to 1.07; p=0.03).")
  t.eq(#find(checks, "ci-p-disagree"), 1, "interval includes 1 but p says significant")
  t.eq(find(checks, "ci-p-disagree")[1].severity, "warning", "severity")
  checks = checks_of("The mean difference was 2.0 (95% CI 0.5 to 3.5; p=0.40).")
  t.eq(#find(checks, "ci-p-disagree"), 1, "interval excludes 0 but p says not significant")
end)

t.test("ci-p-disagree: silent when they agree or p sits on the threshold", function()
  local checks = checks_of("HR 0.80 (95% CI 0.60 to 1.07; p=0.13).")
  t.eq(#find(checks, "ci-p-disagree"), 0, "both not significant")
  t.eq(alarms(checks), {}, "no alarm")
  checks = checks_of("HR 0.70 (95% CI 0.49 to 1.00; p=0.05).")
  t.eq(#find(checks, "ci-p-disagree"), 0, "on the threshold")
end)

t.test("p-from-ci: an info note with the recomputed p", function()
  local checks = checks_of("HR 0.58 (95% CI 0.37 to 0.90).")
  local hits = find(checks, "p-from-ci")
  t.eq(#hits, 1, "one note")
  t.eq(hits[1].severity, "info", "severity")
  t.ok(hits[1].message:find("0.016"), "recomputed p in the message: " .. hits[1].message)
  t.eq(#find(checks_of("HR 0.58 (95% CI 0.37 to 0.90; p=0.02)."), "p-from-ci"), 0, "not when p is reported")
end)

t.test("checks name the right statistic among several", function()
  local text = "Age 48.5 (SD 11.8) years; 57% women. The mean difference was 0.07 (95% CI -0.01 to 0.19)."
  local checks, stats = checks_of(text)
  local hits = find(checks, "ci-off-centre")
  t.eq(#hits, 1, "one")
  t.eq(stats[hits[1].statistic].value, 0.07, "the estimate")
end)
