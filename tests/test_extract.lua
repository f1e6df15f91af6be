-- tc.extract_trial (issue 15): the record extracted from a text alone.
--  * on the two seeds, compared with the curated bundled records, field by field over
--    every number they state in the text (per-group recall, wrong numbers);
--  * every number's evidence span is the number as written; the record passes the
--    bundled schema's validator (tc.load_trials);
--  * counts written as words in Dutch, French and English; synthetic CONSORT
--    sentences; which reference cites the trial (tests/test_extract_lookup.lua).
-- The PMC evaluation is tests/test_extract_pmc.lua.
local t = require "harness"
local tc = require "trialcite"

local M = require "extract_eval"
local ev = M

local SEEDS = {
  { seed = t.SEED1, doc = "minerva-20577", trial = "ilgen-2020" },
  { seed = t.SEED2, doc = "minerva-20707", trial = "cooperman-2024" },
}

t.test("seeds: extracted records against the curated ones (recall >= 90%, no wrong number)", function()
  local total, right, wrongs = 0, 0, 0
  for _, s in ipairs(SEEDS) do
    local text = t.seed(s.seed)
    local doc = tc.parse(text, { id = s.doc })
    local got = tc.extract_trial(doc)
    local cur = tc.trial(s.trial)
    local groups, wrong, missed = M.compare(cur, got)
    local line = {}
    for _, g in ipairs({ "population", "arms", "results", "result_arms" }) do
      local x = groups[g]
      total, right = total + x.n, right + x.right
      line[#line + 1] = string.format("%s %d/%d", g, x.right, x.n)
    end
    wrongs = wrongs + #wrong
    print(string.format("        extract %s: %s; wrong numbers %d%s%s", s.doc, table.concat(line, ", "), #wrong,
      #wrong > 0 and " [" .. table.concat(wrong, "; ") .. "]" or "",
      #missed > 0 and "; missed: " .. table.concat(missed, "; ") or ""))
  end
  print(string.format("        extract seeds: %d of %d numbers at the right place (%.0f%%), %d wrong", right, total,
    100 * right / total, wrongs))
  t.ok(right >= 0.9 * total, "recall " .. right .. "/" .. total)
  t.eq(wrongs, 0, "numbers at a wrong field")
end)

t.test("seeds: every number has an evidence span equal to the number as written; schema valid", function()
  for _, s in ipairs(SEEDS) do
    local text = t.seed(s.seed)
    local rec = tc.extract_trial(tc.parse(text, { id = s.doc }))
    local covered = M.check_evidence(text, rec, s.doc)
    M.check_all_numbers_traced(rec, covered, s.doc)
    M.check_schema(rec, s.doc)
    t.ok(type(rec.extraction) == "table" and rec.extraction.population, s.doc .. ": extraction notes")
    t.ok(rec.extraction.population.randomized.section, s.doc .. ": section of the randomised total")
  end
end)

-- ---- synthetic sentences: constructions and languages -------------------------------

local CASES = {
  -- { text, lang, expected population/arms }
  { "Methods\nTwo hundred and forty-one patients were randomised to drug A or placebo.\n", "en", { randomized = 241 } },
  { "Of 300 screened, 154 were randomly assigned to the intervention (n = 77) or usual care (n = 77).\n", "en",
    { randomized = 154, screened = 300, arms = { 77, 77 }, roles = { "intervention", "control" } } },
  { "We randomly assigned 246 adults to exercise or to a waiting list.\n", "en", { randomized = 246 } },
  { "A total of 1,372 participants were enrolled and randomized; 1,210 completed the study.\n", "en",
    { randomized = 1372, completed = 1210 } },
  { "Honderdvijftig deelnemers werden gerandomiseerd naar fysiotherapie of gebruikelijke zorg.\n", "nl", { randomized = 150 } },
  { "In totaal werden 510 deelnemers (gemiddeld 35 jaar oud) gerandomiseerd.\n", "nl", { randomized = 510 } },
  { "Cent vingt patients ont été randomisés dans deux groupes.\n", "fr", { randomized = 120 } },
  { "Au total, deux cent quarante et un patients ont été randomisés.\n", "fr", { randomized = 241 } },
  { "Quatre-vingt-dix-neuf patients ont été randomisés.\n", "fr", { randomized = 99 } },
  { "Au total, 154 participants ont été randomisés ; âge moyen de 48,5 ans (ET 11,8) ; 57% de femmes.\n", "fr",
    { randomized = 154, age_mean = 48.5, age_sd = 11.8, women_percent = 57 } },
  { "Van de 300 gescreende personen werden er 154 gerandomiseerd; 136 deelnemers vervolledigden de studie.\n", "nl",
    { randomized = 154, completed = 136 } },
  { "Mean age was 61.2 years (SD 7.4) and 43% were women; 88 patients were randomized.\n", "en",
    { randomized = 88, age_mean = 61.2, age_sd = 7.4, women_percent = 43 } },
  { "Tweehonderdzesenveertig deelnemers werden gerandomiseerd.\n", "nl", { randomized = 246 } },
  { "One thousand two hundred patients were randomized.\n", "en", { randomized = 1200 } },
  { "Twenty two hundred patients were randomized.\n", "en", {} },
  { ("two hundred and "):rep(30) .. "patients were randomised.\n", "en", {} },
  { "Patients were randomised to receive 40 mg daily or placebo for 12 weeks.\n", "en", {} },
  { "This randomised controlled trial in 12 centres enrolled adults.\n", "en", {} },
}

t.test("synthetic CONSORT sentences in nl, fr, en; nothing where nothing is stated", function()
  for i, c in ipairs(CASES) do
    local doc = tc.parse(c[1], { lang = c[2] })
    local r = tc.extract_trial(doc)
    local p = r.population or {}
    local w = "case " .. i
    t.eq(p.randomized, c[3].randomized, w .. ": randomized")
    if c[3].screened then t.eq(p.screened, c[3].screened, w .. ": screened") end
    if c[3].completed then t.eq(p.completed, c[3].completed, w .. ": completed") end
    for _, k in ipairs({ "age_mean", "age_sd", "women_percent" }) do
      if c[3][k] then t.eq(p[k], c[3][k], w .. ": " .. k) end
    end
    if c[3].arms then
      t.eq(#(r.arms or {}), #c[3].arms, w .. ": arms")
      for j, n in ipairs(c[3].arms) do
        t.eq(r.arms[j].n, n, w .. ": arm " .. j)
        t.eq(r.arms[j].role, c[3].roles[j], w .. ": role of arm " .. j)
      end
    end
    M.check_evidence(c[1], r, w)
    M.check_schema(r, w)
  end
end)

t.test("registrations of the usual registries, normalised", function()
  local text = "Registered at ClinicalTrials.gov (NCT01234567), ISRCTN 77383050, EudraCT 2004-000123-45, " ..
    "ChiCTR-IOR-17013525, UMIN000012345, ACTRN12614000519651 and NTR3643.\n"
  local r = tc.extract_trial(tc.parse(text, { lang = "en" }))
  t.eq(r.registration, "NCT01234567", "first registration")
  t.eq(r.registrations_other, { "ISRCTN77383050", "EudraCT 2004-000123-45", "ChiCTR-IOR-17013525",
    "UMIN000012345", "ACTRN12614000519651", "NTR3643" }, "the others")
  local none = tc.extract_trial(tc.parse("NCT0041054 is too short; NCT012345678 too long.\n", { lang = "en" }))
  t.eq(none.registration, nil, "no registration from malformed numbers")
end)

t.test("a result needs an outcome in its sentence; outcome words come from the sentence", function()
  local text = "Results\nTime to relapse was longer with the intervention (HR 0.58, 95% CI 0.37 to 0.90; P = .02).\n" ..
    "The primary outcome was time to relapse at 16 weeks.\n" ..
    "Values were 0.41 (95% CI 0.18-0.96).\n"
  local r = tc.extract_trial(tc.parse(text, { lang = "en" }))
  t.ok(r.results and #r.results >= 1, "a result")
  t.eq(r.results[1].value, 0.58, "value")
  t.eq(r.results[1].ci.low, 0.37, "low")
  t.eq(r.results[1].measure, "HR", "measure")
  t.ok(r.results[1].outcome:find("relapse"), "outcome from the sentence: " .. tostring(r.results[1].outcome))
  t.eq(r.results[1].role, "primary", "role from the primary outcome's name")
  for _, x in ipairs(r.results) do t.ok(x.value ~= 0.41, "no outcome, no result") end
  t.eq(r.outcomes[1].name, "time to relapse", "primary outcome named")
  t.eq(r.outcomes[1].timepoints, { "at 16 weeks" }, "its timepoint")
end)

t.test("extract_trial: misuse raises, any document answers", function()
  t.raises(function() tc.extract_trial("text") end, "")
  t.raises(function() tc.extract_trial(tc.parse("x"), 5) end, "table expected")
  local r = tc.extract_trial(tc.parse(""))
  t.eq(r.id, "extracted", "default id")
  t.eq(r.population, nil, "nothing stated, nothing reported")
  t.eq(tc.extract_trial(tc.parse("x", { id = "doc-1" })).id, "doc-1", "the document's id")
  t.eq(tc.extract_trial(tc.parse("x"), { id = "mine" }).id, "mine", "opts.id")
end)


t.test("CLI: trialcite extract FILE [--json]", function()
  local path = t.seeds_dir .. "/" .. t.SEED2
  t.seed(t.SEED2)
  local code, out, err = t.cli("extract " .. t.q(path))
  t.eq(code, 0, "exit code: " .. err)
  t.ok(out:find("randomized 154", 1, true), "summary names the randomised total: " .. out)
  t.ok(out:find("HR 0.58 (95% CI 0.37 to 0.90)", 1, true), "a result with its interval")
  code, out, err = t.cli("extract --json " .. t.q(path))
  t.eq(code, 0, "exit code: " .. err)
  local rec = tc.json_decode(out)
  t.eq(rec.population.randomized, 154, "JSON record")
  local text = t.seed(t.SEED2)
  ev.check_evidence(text, rec, "CLI JSON")
  code, out, err = t.cli("extract")
  t.eq(code, 2, "usage error without FILE")
  t.one_line_error(err, "extract")
  code, out, err = t.cli("extract --lang de " .. t.q(path))
  t.eq(code, 2, "bad --lang")
end)

t.test("LuaJIT FFI backend: tc.extract_trial gives the same record as the C module", function()
  if not t.have("luajit") then t.skip("luajit is not installed (apt-get install luajit)") end
  t.need_plain_build("the LuaJIT extraction test")
  local text = t.seed(t.SEED2)
  local dir = t.tmpdir()
  local root = (debug.getinfo(1, "S").source:sub(2):match("^(.*)/[^/]*$") or ".") .. "/.."
  local script = dir .. "/extract.lua"
  local f = assert(io.open(script, "wb"))
  f:write([[
local tc = require "trialcite"
assert(tc.backend == "ffi", "FFI backend")
local doc = tc.parse(io.open(arg[1], "rb"):read("*a"), { id = "minerva-20707" })
io.write(tc.json_encode(tc.extract_trial(doc)), "\n")
io.write(tostring(tc.extract_trial_reference(doc)), "\n")
]]); f:close()
  local cmd = string.format("TRIALCITE_LIB=%s LUA_PATH=%s luajit %s %s 2>&1", t.q(t.library()),
    t.q(root .. "/lua/?.lua;" .. root .. "/lua/?/init.lua;;"), t.q(script), t.q(t.seeds_dir .. "/" .. t.SEED2))
  local out = io.popen(cmd):read("a")
  local json, ref = out:match("^(.-)\n(%d+)\n$")
  t.ok(json, "LuaJIT output: " .. out:sub(1, 300))
  t.eq(tonumber(ref), 19, "extract_trial_reference through the FFI")
  t.eq(tc.json_decode(json), tc.extract_trial(tc.parse(text, { id = "minerva-20707" })), "same record")
end)

t.test("CLI: trialcite report --text FILE uses the extracted record without --document", function()
  local dir = t.tmpdir()
  local path = dir .. "/trial.txt"
  local f = assert(io.open(path, "wb"))
  f:write("Methods\nOf 300 screened, 154 patients were randomly assigned to exercise (n = 77) or usual care (n = 77).\n",
    "Results\nPain was lower with exercise (mean difference 1.2, 95% CI 0.4 to 2.0; P = .003).\n")
  f:close()
  local code, out, err = t.cli("report --text " .. t.q(path) .. " -o " .. t.q(dir .. "/r.html"))
  t.eq(code, 0, "exit code: " .. err)
  local html = t.read(dir .. "/r.html")
  t.ok(html:find("Trial (extracted from the text)", 1, true), "the extracted trial section")
  t.ok(html:find("<svg", 1, true), "a forest plot")
  t.ok(html:find(">exercise<", 1, true) and html:find(">usual care<", 1, true), "the arms")
  t.ok(html:find("<th>Randomised</th><td>154</td>", 1, true), "the population")
end)

t.test("design: the country where the trial ran, not a manufacturer's or another study's", function()
  local function country(text, lang) return (tc.extract_trial(tc.parse(text, { lang = lang })).design or {}).country end
  t.eq(country("The trial was conducted at 12 centres in the Netherlands.\n", "en"), "Netherlands", "en")
  t.eq(country("Patiënten werden in 7 Amerikaanse centra gerekruteerd.\n", "nl"), "United States", "nl adjective")
  t.eq(country("L'étude randomisée a été menée en Belgique et en France.\n", "fr"), "Belgium, France", "fr list")
  t.eq(country("Serum was analysed (Konelab, ThermoFisher, Waltham, MA, USA) after patients were randomised.\n", "en"), nil, "an address")
  t.eq(country("In de Verenigde Staten worden opioïden vaak voorgeschreven.\n", "nl"), nil, "background")
  t.eq(country("An earlier pilot study done in Kenya included 52 mothers.\n", "en"), nil, "another study")
  t.eq(country("Patients were recruited from UK hospitals.\n", "en"), "United Kingdom", "UK before hospitals")
end)

t.test("design: treatment duration from the randomisation or design sentence, not a schedule or an event", function()
  local function dur(text, lang)
    local d = tc.extract_trial(tc.parse(text, { lang = lang })).design or {}
    return d.duration and d.duration.value, d.duration and d.duration.unit
  end
  t.eq({ dur("Patients were randomised to drug A or placebo given for 12 weeks.\n", "en") }, { 12, "weeks" }, "en")
  t.eq({ dur("Onderzoeksopzet\n• interventiegroep: wekelijkse sessies gedurende 8 weken\n", "nl") }, { 8, "weken" }, "nl design bullet")
  t.eq({ dur("Les patients ont été randomisés pour recevoir X pendant 6 mois.\n", "fr") }, { 6, "mois" }, "fr")
  t.eq({ dur("One patient had bile leakage for 2 days after randomised surgery... no.\n", "en") }, { nil, nil }, "an event")
  t.eq({ dur("Before randomization, prednisone was taken daily for 5 days every 21 days.\n", "en") }, { nil, nil }, "a schedule")
end)

t.test("randomised totals, arm sizes and follow-up in more constructions; nothing where not stated", function()
  local function rec(s) return tc.extract_trial(tc.parse(s, { lang = "en" })) end
  local function arms(r) local o = {}; for _, a in ipairs(r.arms or {}) do o[#o + 1] = a.n end; return o end
  local function pop(r) return r.population or {} end
  -- a capital N in the subject with another count (centres) before the verb
  local r = rec("Adults (N=120) having hip surgery at 9 hospitals were randomized 1:1 to drug or placebo.\n")
  t.eq(pop(r).randomized, 120, "(N=120) ... at 9 hospitals were randomized")
  -- "randomised controlled trial of N <participants>"
  r = rec("We report a double blind randomised controlled trial of 312 adults aged 70 or over.\n")
  t.eq(pop(r).randomized, 312, "randomised controlled trial of N adults")
  r = rec("Methods. A randomised trial. Results. A previous cohort study of 500 adults found nothing.\n")
  t.eq(pop(r).randomized, nil, "a non-randomised study of N: no total")
  -- "conducted on N <participants>", then "Patients were divided into ... random"
  r = rec("The trial was conducted on 84 adult surgical patients in one hospital. Patients were divided into group D or group S by a random number table.\n")
  t.eq(pop(r).randomized, 84, "conducted on N patients; divided ... random")
  -- "A total of N <participants>" in a randomised design without a randomisation count
  r = rec("Design. A randomised controlled trial. Participants. A total of 212 women aged 50 to 60 years.\n")
  t.eq(pop(r).randomized, 212, "A total of N women in a randomised design")
  r = rec("Design. A randomised controlled trial. Participants. A total of 212 women were screened.\n")
  t.eq(pop(r).randomized, nil, "A total of N screened: no total")
  r = rec("Design. A cohort study. Participants. A total of 212 women aged 50 to 60 years.\n")
  t.eq(pop(r).randomized, nil, "A total of N in a design not randomised: no total")
  -- a count equal to the arms' sum next to the randomisation of the arms
  r = rec("Children with asthma (88; aged 6 to 12) were randomly assigned to budesonide (n = 44) or placebo (n = 44).\n")
  t.eq(pop(r).randomized, 88, "(88; ...) randomised to X (n = 44) or Y (n = 44)")
  t.eq(pop(r).randomized_derived, nil, "a stated total is not derived")
  r = rec("The analysed sample comprised 70 patients (drug group, n = 35; placebo group, n = 35).\n")
  t.eq(arms(r), { 35, 35 }, "(X group, n = 35; Y group, n = 35)")
  t.eq(pop(r).randomized_derived, true, "an analysed sample is not the randomised total")
  -- labels with a capital letter, abbreviations inside the bracket
  r = rec("Group A (40 patients) received drug X and group B (41 patients) received drug Y.\n")
  t.eq(arms(r), { 40, 41 }, "Group A (40 patients) ... group B (41 patients)")
  r = rec("The groups differed in technique: single-leg (SL; n = 12; age 21 years) vs. double-leg (DL; n = 11; age 22 years).\n")
  t.eq(arms(r), { 12, 11 }, "X (ABBR; n = N; ...) vs. Y (ABBR; n = N; ...)")
  -- follow-up: a washout period is not the follow-up; counts in words
  r = rec("A randomised crossover trial with a washout period of 14 days between phases.\n")
  t.eq(r.design and r.design.follow_up, nil, "washout period of N days: no follow-up")
  r = rec("A randomised trial. Weight did not differ at two-year follow-up.\n")
  t.eq(r.design.follow_up.value, 2, "two-year follow-up")
  r = rec("A randomised trial. Follow-up occurred up to 60 days after surgery.\n")
  t.eq(r.design.follow_up.value, 60, "follow-up occurred up to N days")
  for _, s in ipairs({ "Adults (N=120) having hip surgery at 9 hospitals were randomized 1:1 to drug or placebo.\n",
                       "Group A (40 patients) received drug X and group B (41 patients) received drug Y.\n" }) do
    local d = rec(s)
    M.check_evidence(s, d, s)
    M.check_schema(d, s)
  end
end)

t.test("primary outcome: an estimate in brackets after its clause, '(95% CI) low, high', an acronym of the outcome", function()
  local s = "The primary endpoint was the share of participants reaching a sustained viral response (SVR) by week 24. " ..
    "At week 24, SVR was more frequent with drug than with placebo [61.0% vs. 30.5%, respectively; odds ratio (OR) 3.6 (95% CI) 1.9, 6.8; P = 0.001].\n"
  local doc = tc.parse(s, { lang = "en" })
  local est
  for _, st in ipairs(doc:statistics()) do if st.kind == "estimate" then est = st end end
  t.ok(est and est.ci, "the estimate has its interval")
  t.eq({ est.measure, est.value, est.ci.low, est.ci.high }, { "OR", 3.6, 1.9, 6.8 }, "OR 3.6 (95% CI) 1.9, 6.8")
  local r = tc.extract_trial(doc)
  local prim
  for _, x in ipairs(r.results or {}) do if x.role == "primary" then prim = x end end
  t.ok(prim, "a primary result")
  t.eq({ prim.value, prim.ci.low, prim.ci.high }, { 3.6, 1.9, 6.8 }, "its estimate and interval")
  M.check_evidence(s, r, "primary in brackets")
  -- bounds after a bracketed level that do not hold the estimate are no interval
  local d2 = tc.parse("Odds ratio (OR) 7.5 (95% CI) 1.9, 6.8 in one row.\n", { lang = "en" })
  for _, st in ipairs(d2:statistics()) do t.ok(not st.ci, "no interval that leaves out its estimate") end
end)

t.test("registrations in more registries' formats; an ethics file number is none", function()
  local text = "Registered: NCT: 01234567, EudraCT No. 2015-001234-56, RPCEC00000123, LBCTR2019020199, " ..
    "JapicCTI-121234, JMA-IIA00123, Netherlands Trial Register NL7594, UMIN-000012345, ISRCTN: 12345678, " ..
    "KCT0003456, DRKS00012345, PACTR201702001962190, IRCT20180312039049N1, CTRI/2017/06/008755, TCTR20180101001, " ..
    "jRCTs031180123, RBR-4z8wqk, SLCTR/2018/001.\n"
  local r = tc.extract_trial(tc.parse(text, { lang = "en" }))
  t.eq(r.registration, "NCT01234567", "first registration")
  t.eq(r.registrations_other, { "EudraCT 2015-001234-56", "RPCEC00000123", "LBCTR2019020199", "JapicCTI-121234",
    "JMA-IIA00123", "NL7594", "UMIN000012345", "ISRCTN12345678" }, "the others (at most eight)")
  local r2 = tc.extract_trial(tc.parse("Registered: KCT0003456, DRKS00012345, PACTR201702001962190, IRCT20180312039049N1, " ..
    "CTRI/2017/06/008755, TCTR20180101001, jRCTs031180123, RBR-4z8wqk, SLCTR/2018/001.\n", { lang = "en" }))
  t.eq(r2.registration, "KCT0003456", "KCT")
  t.eq(r2.registrations_other, { "DRKS00012345", "PACTR201702001962190", "IRCT20180312039049N1", "CTRI/2017/06/008755",
    "TCTR20180101001", "jRCTs031180123", "RBR-4z8wqk", "SLCTR/2018/001" }, "the others")
  local none = tc.extract_trial(tc.parse("Approved by the ethics committee (NL12345.078.15); patient NL2345 of 40.\n", { lang = "en" }))
  t.eq(none.registration, nil, "no registration from a Dutch ethics number or NL without the register's name")
end)

t.test("randomised totals: '(n = 150)' after the participants, 'N randomized patients'; arms 'N in the X group'", function()
  local function rec(s) return tc.extract_trial(tc.parse("Methods. A randomised trial. " .. s .. "\n", { lang = "en" })) end
  local function arms(r) local o = {}; for _, a in ipairs(r.arms or {}) do o[#o + 1] = a.n end; return o end
  local r = rec("Volunteers (n = 132) were randomized to tai chi or walking.")
  t.eq((r.population or {}).randomized, 132, "<participants> (n = 132) were randomized")
  r = rec("Volunteers (n = 66 per arm) were randomized.")
  t.eq((r.population or {}).randomized, nil, "(n = 66 per arm): no total")
  r = rec("Among the 214 randomized patients (median age 61), 108 received surgery.")
  t.eq((r.population or {}).randomized, 214, "N randomized patients")
  r = rec("A total of 180 adults were randomized (91 in the app group and 89 in the leaflet group).")
  t.eq(arms(r), { 91, 89 }, "N in the X group and N in the Y group")
  t.eq((r.population or {}).randomized, 180, "and the total")
  r = rec("A total of 180 adults were randomized (91 in the north and 89 in the south).")
  t.eq(#(r.arms or {}), 0, "N in a place: no arms")
end)

t.test("primary outcome named in the estimate's clause; not a plural list, not a secondary outcome", function()
  local function prim(s)
    local r = tc.extract_trial(tc.parse("Methods. A randomised trial. " .. s .. "\n", { lang = "en" }))
    for _, x in ipairs(r.results or {}) do if x.role == "primary" then return { x.value, x.ci.low, x.ci.high } end end
  end
  t.eq(prim("The primary outcome occurred in 9.1% of the surgery group and 12.4% of the splint group (hazard ratio, 0.72; 95% CI, 0.55 to 0.94)."),
    { 0.72, 0.55, 0.94 }, "the primary outcome occurred in ... (hazard ratio ...)")
  t.eq(prim("For the primary endpoint, the risk ratio was 0.81 (95% CI 0.70-0.93)."), { 0.81, 0.70, 0.93 }, "for the primary endpoint")
  t.eq(prim("The primary outcomes, pain and function, improved (OR 1.9, 95% CI 1.2 to 3.0)."), nil, "two primary outcomes: which one is unknown")
  t.eq(prim("The primary outcome was remission at 12 weeks. Secondary outcomes included response (OR 1.5, 95% CI 1.1 to 2.0)."), nil,
    "a secondary outcome's estimate")
end)

t.test("outcome: the clause's subject before its timepoint ('Pain at 6 weeks was lower'), the primary outcome's head", function()
  local r = tc.extract_trial(tc.parse("Methods. A randomised trial. The primary outcome was fatigue at 8 weeks. " ..
    "Fatigue at week 8 was lower with exercise (MD -3.1, 95% CI -5.0 to -1.2).\n", { lang = "en" }))
  local x = (r.results or {})[1]
  t.ok(x, "a result")
  t.eq({ x.outcome, x.role, x.value }, { "Fatigue", "primary", -3.1 }, "Fatigue, primary")
  r = tc.extract_trial(tc.parse("Methods. A randomised trial. The primary outcome was fatigue at 8 weeks. " ..
    "Sleep at 8 weeks was longer with exercise (MD 21, 95% CI 5 to 37).\n", { lang = "en" }))
  x = (r.results or {})[1]
  t.ok(x and x.outcome == "Sleep" and x.role == nil, "another outcome is not the primary")
end)

t.test("a randomisation sentence on another study gives no total", function()
  local r = tc.extract_trial(tc.parse("Methods. A randomised trial. In a previous trial, 480 adults were randomized to statin or placebo. " ..
    "We report a new randomised trial.\n", { lang = "en" }))
  t.eq((r.population or {}).randomized, nil, "a previous trial's 480")
end)

t.test("outcome: the subject after a leading phrase ('At 12 months, HbA1c was ...'), 'X occurred in ...'", function()
  local function first(s)
    local r = tc.extract_trial(tc.parse("Methods. A randomised trial. " .. s .. "\n", { lang = "en" }))
    local x = (r.results or {})[1]
    return x and { x.outcome, x.role, x.value } or nil
  end
  t.eq(first("The primary outcome was LDL cholesterol at 6 months. At 6 months, LDL cholesterol was 0.6 mmol/L lower with drug (95% CI 0.3 to 0.9)."),
    { "LDL cholesterol", "primary", 0.6 }, "after 'At 6 months,'")
  t.eq(first("The primary outcome was the rate of stroke. Stroke occurred in 3% vs 5% (relative risk 0.60; 95% CI 0.41 to 0.88)."),
    { "Stroke", "primary", 0.60 }, "Stroke occurred in ...")
end)

t.test("outcomes: 'Main outcome measure:' and 'Primary outcome measures:' name the primary outcome", function()
  local r = tc.extract_trial(tc.parse("Methods. A randomised trial. Main outcome measure: diastolic blood pressure. " ..
    "Results: Diastolic blood pressure fell by 4 mmHg more with drug (95% CI 1 to 7).\n", { lang = "en" }))
  t.eq((r.outcomes or {})[1] and r.outcomes[1].name, "diastolic blood pressure", "the outcome's name")
  local x = (r.results or {})[1]
  t.ok(x and x.role == "primary" and x.value == 4, "its estimate is the primary result")
end)

t.test("arms: subgroups listed with their sizes in brackets are no arms", function()
  local r = tc.extract_trial(tc.parse("Methods. A randomised trial. In the intervention group (diabetes, n = 20; hypertension, n = 35) " ..
    "comorbidity was common.\n", { lang = "en" }))
  t.eq(#(r.arms or {}), 0, "no arms from comorbidities")
end)
