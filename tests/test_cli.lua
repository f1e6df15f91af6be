-- The CLI (lua/trialcite/cli.lua): exit codes, --help/--version, every command, errors
-- as one line on stderr, standard input as `-`, and running without LUA_PATH.
local t = require "harness"
local tc = require "trialcite"

local here = debug.getinfo(1, "S").source:sub(2):match("^(.*)/[^/]*$") or "."
local ROOT = here .. "/.."
local FIXTURES = here .. "/fixtures"

local q = t.q

local tmp = t.tmpdir()

local run, one_line_error = t.cli, t.one_line_error

t.test("--version and --help", function()
  local code, out = run("--version")
  t.eq(code, 0, "exit")
  t.eq(out, "trialcite " .. tc.VERSION .. "\n", "version line")
  code, out = run("--help")
  t.eq(code, 0, "exit")
  for _, c in ipairs({ "annotate", "lookup", "check", "trials", "enrich" }) do
    t.ok(out:find("\n  " .. c .. " "), "lists " .. c)
  end
  local c2, _, err = run("")
  t.eq(c2, 2, "no command: usage, exit 2")
  t.ok(err:find("usage"), "usage on stderr")
end)

t.test("--help of every command", function()
  for _, c in ipairs({ "annotate", "lookup", "check", "trials", "enrich" }) do
    local code, out = run(c .. " --help")
    t.eq(code, 0, c .. " --help exit")
    t.ok(out:find("^usage: trialcite " .. c), c .. " usage line")
  end
end)

t.test("unknown command and option: exit 2, one line", function()
  local code, _, err = run("frobnicate")
  t.eq(code, 2, "exit")
  one_line_error(err, "unknown command 'frobnicate'")
  code, _, err = run("trials --bogus")
  t.eq(code, 2, "exit")
  one_line_error(err, "unknown option %-%-bogus")
end)

t.test("annotate --document: every reference, the trial's DOI and results", function()
  local code, out = run("annotate --document minerva-20577")
  t.eq(code, 0, "exit")
  for n = 1, 15 do t.ok(out:find(string.format("\n%%[%2d%%]", n)), "reference " .. n) end
  t.ok(out:find("doi:10.1001/jamapsychiatry.2020.2369", 1, true), "DOI")
  t.ok(out:find("95% CI 0.03 to 0.18", 1, true), "an interval")
  code, out = run("annotate --document minerva-20707")
  t.ok(out:find("HR 0.58 (95% CI 0.37 to 0.90)", 1, true), "HR with interval")
  t.ok(out:find("p=0.02", 1, true), "p-value")
  t.ok(out:find("intervention 50.6%", 1, true), "per-arm values")
  t.ok(out:find("16 weeks", 1, true), "timepoint")
  local code2, _, err = run("annotate --document minerva-1")
  t.eq(code2, 1, "unknown id exit")
  one_line_error(err, "unknown document id 'minerva%-1'")
end)

t.test("annotate --all --format json: top-level references with numbers", function()
  local code, out = run("annotate --all --format json")
  t.eq(code, 0, "exit")
  local v = tc.json_decode(out)
  t.ok(v and v.references, "references array")
  t.eq(#v.references, 45, "15 + 30 references")
  local trials = 0
  for _, r in ipairs(v.references) do
    t.ok(type(r.number) == "number", "number")
    t.ok(r.document, "document")
    if r.trial then trials = trials + 1 end
  end
  t.eq(trials, 2, "two appraised-trial references")
  t.eq(#v.documents, 2, "documents")
end)

t.test("annotate --format markdown; bad format", function()
  local code, out = run("annotate --document minerva-20707 --format markdown")
  t.eq(code, 0, "exit")
  t.ok(out:find("^## minerva%-20707"), "heading")
  t.ok(out:find("| role | outcome |", 1, true), "results table")
  local c2, _, err = run("annotate --format xml")
  t.eq(c2, 2, "bad format exit")
  one_line_error(err, "format")
end)

t.test("annotate FILE and standard input", function()
  local seed = t.seeds_dir .. "/" .. t.SEED1
  t.seed(t.SEED1)
  local code, out = run("annotate " .. q(seed))
  t.eq(code, 0, "exit")
  t.ok(out:find("minerva-20577", 1, true), "recognised")
  t.ok(out:find("\n      > ", 1, true), "verbatim citing sentences")
  t.ok(out:find("minerva-20707", 1, true) == nil, "only that text (no --all)")
  local c2, out2 = run("annotate -", t.seed(t.SEED1))
  t.eq(c2, 0, "stdin exit")
  t.eq(out2:gsub("text: [^\n]*", ""), out:gsub("text: [^\n]*", ""), "stdin gives the same")
  local c3, _, err = run("annotate /nonexistent/file.txt")
  t.eq(c3, 1, "missing file")
  one_line_error(err, "cannot read")
end)

t.test("lookup", function()
  local code, out = run("lookup 19 --document minerva-20707 --json")
  t.eq(code, 0, "exit")
  local v = tc.json_decode(out)
  t.eq(v.trial.id, "cooperman-2024", "trial")
  code, out = run("lookup 3 --document minerva-20707")
  t.eq(code, 0, "text exit")
  t.ok(out:find("^%[ 3%]"), "entry")
  local c2, _, err = run("lookup 99 --document minerva-20577")
  t.eq(c2, 1, "not cited exit")
  one_line_error(err, "not cited")
  c2, _, err = run("lookup x --document minerva-20577")
  t.eq(c2, 2, "bad N exit")
  one_line_error(err)
  c2, _, err = run("lookup 3")
  t.eq(c2, 2, "no source")
  one_line_error(err, "FILE or %-%-document")
  local c3, out3 = run("lookup 9 -", t.seed(t.SEED1))
  t.eq(c3, 0, "stdin")
  t.ok(out3:find("appraised trial: ilgen-2020", 1, true), "trial from a parsed text")
end)

t.test("trials", function()
  local code, out = run("trials")
  t.eq(code, 0, "exit")
  t.ok(out:find("ilgen-2020", 1, true) and out:find("cooperman-2024", 1, true), "both trials")
  t.ok(out:find("PMID 38061786", 1, true), "identifiers")
  code, out = run("trials --json")
  t.eq(code, 0, "json exit")
  t.eq(#tc.json_decode(out), 2, "two records")
  local c2, _, err = run("trials extra")
  t.eq(c2, 2, "extra argument")
  one_line_error(err)
end)

t.test("check", function()
  local text = "Resultaten\n\nHet risico daalde (HR 0,58; 95% BI 0,37 tot 0,90; p=0,02) (1).\n"
  local code, out = run("check -", text)
  t.ok(code == 0 or code == 1, "exit 0 or 1")
  t.ok(out:find("statistics", 1, true), "statistics listed")
  local c2, out2 = run("check - --json", text)
  t.eq(c2, code, "same exit with --json")
  local v = tc.json_decode(out2)
  t.ok(v and v.statistics and v.checks, "json shape")
  local c3, _, err = run("check")
  t.eq(c3, 2, "no file")
  one_line_error(err)
  local seed = t.seeds_dir .. "/" .. t.SEED2
  if io.open(seed) then
    local c4, out4 = run("check " .. q(seed))
    t.ok(c4 == 0 or c4 == 1, "seed exit")
    t.ok(out4:find("reference-reused", 1, true), "bundled check listed")
  end
end)

t.test("enrich: CSL-JSON and BibTeX by content, twice == once, stdin", function()
  local csl = FIXTURES .. "/zotero-minerva-20577.json"
  local o1, o2 = tmp .. "/e1.json", tmp .. "/e2.json"
  local code, _, err = run("enrich " .. q(csl) .. " --document minerva-20577 -o " .. q(o1))
  t.eq(code, 0, "exit: " .. err)
  local v = tc.json_decode(t.read(o1))
  t.eq(v[9].custom.trialcite.trial, "ilgen-2020", "enriched")
  code = run("enrich " .. q(o1) .. " --document minerva-20577 -o " .. q(o2))
  t.eq(t.read(o2), t.read(o1), "twice == once")
  local b1, b2 = tmp .. "/e1.bib", tmp .. "/e2.bib"
  code, _, err = run("enrich " .. q(FIXTURES .. "/minerva-20707.bib") .. " --document minerva-20707 -o " .. q(b1))
  t.eq(code, 0, "bib exit: " .. err)
  t.ok(t.read(b1):find("annotation = {[trialcite]", 1, true), "BibTeX annotation")
  run("enrich " .. q(b1) .. " --document minerva-20707 -o " .. q(b2))
  t.eq(t.read(b2), t.read(b1), "BibTeX twice == once")
  local c3, out3 = run("enrich - --document minerva-20707 -o - --field annote", t.read(FIXTURES .. "/minerva-20707.bib"))
  t.eq(c3, 0, "stdin to stdout")
  t.ok(out3:find("annote = {[trialcite]", 1, true), "annote field")
  local seed = t.seeds_dir .. "/" .. t.SEED1
  if io.open(seed) then
    local c4, out4 = run("enrich " .. q(csl) .. " --text " .. q(seed) .. " -o -")
    t.eq(c4, 0, "--text exit")
    t.eq(tc.json_decode(out4)[9].custom.trialcite.trial, "ilgen-2020", "--text source")
  end
end)

t.test("enrich: errors", function()
  local csl = FIXTURES .. "/zotero-minerva-20577.json"
  local code, _, err = run("enrich " .. q(csl) .. " --document minerva-20577")
  t.eq(code, 2, "missing -o")
  one_line_error(err, "%-o")
  code, _, err = run("enrich " .. q(csl) .. " -o -")
  t.eq(code, 2, "no source")
  one_line_error(err)
  code, _, err = run("enrich - --document minerva-20577 -o - --field note", "@misc{a, title={x}}")
  t.eq(code, 2, "note for BibTeX")
  one_line_error(err, "never writes")
  code, _, err = run("enrich - --document minerva-20577 -o -", "just some text")
  t.eq(code, 1, "neither format")
  one_line_error(err, "neither CSL%-JSON nor BibTeX")
  code, _, err = run("enrich - --document minerva-20577 -o -", "[1, 2")
  t.eq(code, 1, "broken JSON")
  one_line_error(err, "not a CSL%-JSON array")
  code, _, err = run("enrich - --document minerva-20577 -o -", "[{\"id\":\"a\",\"DOI\":\"10.1/x\",\"citation-number\":9}]")
  t.eq(code, 1, "an item left unannotated (identity mismatch): exit 1")
  t.ok(err:find("identity%-mismatch"), "mismatch reported on stderr")
end)

t.test("runs without LUA_PATH / LUA_CPATH from a checkout", function()
  local f = io.open(ROOT .. "/build/trialcite/core.so", "rb")
  if not f then t.skip("no module in " .. ROOT .. "/build (run make)") end
  f:close()
  local code, out, err = run("--version", nil, "env -u LUA_PATH -u LUA_CPATH -u LUA_PATH_5_4 -u LUA_CPATH_5_4")
  t.eq(code, 0, "exit: " .. err)
  t.ok(out:find("^trialcite "), "version")
end)
