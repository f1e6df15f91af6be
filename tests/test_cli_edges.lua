-- Rough edges of the CLI and of the records every host shares (issue 13, part 6):
-- contradictory source options are usage errors, a negative reference number is named
-- as invalid, lua5.3 finds build/5.3, enrich's exit status follows its report, the
-- context strings of statistics carry no line breaks, and tc.trial takes an
-- identifier wrapped in brackets or quotes.
local t = require "harness"
local tc = require "trialcite"

local here = debug.getinfo(1, "S").source:sub(2):match("^(.*)/[^/]*$") or "."
local ROOT = here .. "/.."
local q, run, one_line_error = t.q, t.cli, t.one_line_error

t.test("annotate: --all with a FILE or with --document is a usage error", function()
  local code, out, err = run("annotate --all -", "Een zin (1).\n")
  t.eq(code, 2, "--all FILE")
  one_line_error(err, "%-%-all")
  t.eq(out, "", "nothing on stdout")
  code, out, err = run("annotate --document minerva-20707 --all")
  t.eq(code, 2, "--document X --all")
  one_line_error(err, "%-%-all")
  code = run("annotate --all --format json")
  t.eq(code, 0, "--all alone still works")
end)

t.test("lookup: a negative or malformed N is not a valid reference number", function()
  for _, n in ipairs({ "-1", "-19", "-0.5", "1.5", "0" }) do
    local code, _, err = run("lookup " .. q(n) .. " --document minerva-20707")
    t.eq(code, 2, "exit for " .. n)
    one_line_error(err, "'" .. n:gsub("%p", "%%%0") .. "' is not a valid reference number")
  end
end)

t.test("lua5.3 runs cli.lua from a checkout with build/5.3", function()
  if not t.have("lua5.3") then t.skip("lua5.3 not installed") end
  local f = io.open(ROOT .. "/build/5.3/trialcite/core.so", "rb")
  if not f then t.skip("no Lua 5.3 build in build/5.3 (make LUA_VERSION=5.3)") end
  f:close()
  local p = io.popen("env -u LUA_PATH -u LUA_CPATH -u LUA_PATH_5_3 -u LUA_CPATH_5_3 lua5.3 "
    .. q(ROOT .. "/lua/trialcite/cli.lua") .. " lookup 19 --document minerva-20707 --json 2>&1; echo \"rc=$?\"")
  local out = p:read("a")
  p:close()
  t.ok(out:find("rc=0", 1, true), "exit 0: " .. out)
  t.eq(tc.json_decode((out:gsub("rc=0%s*$", ""))).trial.id, "cooperman-2024", "the trial, through build/5.3")
end)

t.test("enrich: exit 1 only when the report has an error", function()
  local mismatch = '[{"id":"a","DOI":"10.1/x","citation-number":19}]'
  local code, _, err = run("enrich - --document minerva-20707 -o -", mismatch)
  t.eq(code, 1, "identity mismatch")
  t.ok(err:find("error: identity%-mismatch"), "reported: " .. err)
  code, _, err = run("enrich - --document minerva-20707 -o - --quiet", mismatch)
  t.eq(code, 1, "identity mismatch, --quiet")
  t.ok(err:find("identity%-mismatch"), "errors stay under --quiet")
  -- the trial's own DOI, and numbers that are not cited: warnings and notes only
  local fine = tc.json_encode({ { id = "t", DOI = "10.1001/JAMAPSYCHIATRY.2023.5138", ["citation-number"] = 19 },
                                { id = "u", ["citation-number"] = 99 } })
  local c2, out2, err2 = run("enrich - --document minerva-20707 -o -", fine)
  t.eq(c2, 0, "no error in the report: " .. err2)
  t.ok(err2:find("not%-cited") and not err2:find("error:"), "a note, no error: " .. err2)
  t.eq(tc.json_decode(out2)[1].custom.trialcite.trial, "cooperman-2024", "annotated")
  local bib = "@article{x,\n  doi = {10.1/other},\n  citation-number = {19},\n}\n"
  local c3, _, err3 = run("enrich - --document minerva-20707 -o -", bib)
  t.eq(c3, 1, "BibTeX identity mismatch: " .. err3)
end)

t.test("timepoint and subgroup are cleaned of line breaks on every path", function()
  -- a made-up sentence, broken as a PDF breaks lines
  local text = "Resultaten\n\nBij vrouwen\n\ndaalde het risico op\n\n16 weken (HR 0,58; 95% BI van 0,37 tot 0,90) (3).\n"
  local doc = tc.parse(text, { lang = "nl" })
  local st
  for _, s in ipairs(doc:statistics()) do if s.kind == "estimate" then st = s end end
  t.ok(st, "the estimate")
  t.eq(st.timepoint, "op 16 weken", "Lua timepoint")
  t.ok(st.subgroup == nil or not st.subgroup:find("[\n\r]"), "Lua subgroup: " .. tostring(st.subgroup))
  local j = tc.json_decode(doc:to_json())
  local js
  for _, s in ipairs(j.statistics) do if s.kind == "estimate" then js = s end end
  t.eq(js.timepoint, "op 16 weken", "JSON timepoint")
  t.eq(js.subgroup, st.subgroup, "JSON subgroup = Lua subgroup")
  local l = tc.lookup(3, doc)
  local ls = l.contexts[1].statistics[1]
  t.eq(ls.timepoint, "op 16 weken", "lookup timepoint")
  for _, s in ipairs(doc:statistics()) do
    for _, k in ipairs({ "timepoint", "subgroup", "noun" }) do
      t.ok(not (s[k] or ""):find("%s%s") and not (s[k] or ""):find("\n"), k .. ": " .. tostring(s[k]))
    end
  end
end)

t.test("seed texts: no statistic context holds a line break", function()
  for _, name in ipairs({ t.SEED1, t.SEED2 }) do
    local doc = tc.parse(t.seed(name))
    local n = 0
    for _, s in ipairs(doc:statistics()) do
      for _, k in ipairs({ "timepoint", "subgroup" }) do
        if s[k] then n = n + 1; t.ok(not s[k]:find("[\n\r]") and not s[k]:find("  "), name .. " " .. k .. ": " .. s[k]) end
      end
    end
    t.ok(n > 0, name .. ": some statistics have a context")
  end
end)

t.test("tc.trial accepts identifiers wrapped in brackets or quotes", function()
  local cases = {
    "(doi:10.1001/jamapsychiatry.2023.5138)", "\"10.1001/jamapsychiatry.2023.5138\"", "[NCT04491968]",
    "(38061786)", "\u{201C}PMC10704342\u{201D}", "<https://doi.org/10.1001/jamapsychiatry.2023.5138>",
    "'cooperman-2024'", " (doi:10.1001/jamapsychiatry.2023.5138). ", "\u{AB}NCT04491968\u{BB}",
  }
  for _, x in ipairs(cases) do
    local tr = tc.trial(x)
    t.eq(tr and tr.id, "cooperman-2024", x)
  end
  for _, x in ipairs({ "()", "(", "\"\"", "(cooperman-2024", "((nothing))" }) do
    t.eq(tc.trial(x), nil, "no trial for " .. x)
  end
end)

t.test("README: the CLI table has every command and every option of its usage", function()
  local readme = t.read(ROOT .. "/README.md")
  local rows = {}
  for name, row in readme:gmatch("\n| `([%w_-]+)([^\n]*)") do rows[name] = (rows[name] or "") .. row end
  local p = io.popen("ls " .. q(ROOT .. "/lua/trialcite/commands"))
  local n = 0
  for f in p:lines() do
    local name = f:match("^([%w_-]+)%.lua$")
    if name then
      n = n + 1
      local mod = require("trialcite.commands." .. name)
      t.ok(rows[name], "README's CLI table has a row for " .. name)
      for opt in tostring(mod.usage):gmatch("%-%-?[%a][%w-]*") do
        t.ok(rows[name]:find(opt, 1, true), "README's row for " .. name .. " names " .. opt)
      end
    end
  end
  p:close()
  t.ok(n >= 10, "commands found: " .. n)
end)
