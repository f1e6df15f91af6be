-- Behaviours found by a first user's review: clear one-line errors for directories and
-- empty inputs, malformed CSL-JSON named as such, `resolve -`, the document id of
-- `enrich --text`, and Lua API misuse raised in the caller's function's name.
local t = require "harness"
local tc = require "trialcite"

local here = debug.getinfo(1, "S").source:sub(2):match("^(.*)/[^/]*$") or "."

local q = t.q

local tmp = t.tmpdir()

local function write(path, s) local f = assert(io.open(path, "wb")); f:write(s); f:close() end

local run, one_line_error = t.cli, t.one_line_error

local EN = "Background\nPain is common [1-3]. Exercise helps [2].\n\nResults\n" ..
  "The hazard ratio was 0.72 (95% CI 0.55 to 0.94; p=0.02) at 12 months [3].\n"
write(tmp .. "/en.txt", EN)
write(tmp .. "/empty.txt", "")

t.test("user: a directory is named as such", function()
  for _, cmd in ipairs({ "check", "annotate", "parse" }) do
    local code, _, err = run(cmd .. " " .. q(tmp))
    t.eq(code, 1, cmd .. " exit")
    one_line_error(err, "Is a directory")
  end
  local code, out = run("batch " .. q(tmp))
  t.eq(code, 1, "batch exit")
  t.ok(out:find("Is a directory", 1, true), "batch error line: " .. out)
end)

t.test("user: an empty file or empty standard input fails with one line", function()
  local code, _, err = run("check " .. q(tmp .. "/empty.txt"))
  t.eq(code, 1, "check exit")
  one_line_error(err, "empty%.txt is empty")
  code, _, err = run("annotate -")
  t.eq(code, 1, "annotate - exit")
  one_line_error(err, "standard input is empty")
  code, _, err = run("enrich " .. q(tmp .. "/empty.txt") .. " --document minerva-20707 -o -")
  t.eq(code, 1, "enrich exit")
  one_line_error(err, "is empty")
end)

t.test("user: enrich names malformed JSON and tags --text items with the file name", function()
  local code, _, err = run("enrich - --document minerva-20707 -o -", '[{"id": "a",\n')
  t.eq(code, 1, "exit")
  one_line_error(err, "malformed JSON")
  local out
  code, out = run("enrich - --text " .. q(tmp .. "/en.txt") .. " -o - --quiet",
    '[{"id":"a","citation-number":3}]')
  t.eq(code, 0, "exit")
  local items = tc.json_decode(out)
  t.eq(items[1].custom.trialcite.document, tmp .. "/en.txt", "document = the text's file name")
end)

t.test("user: resolve - reads one identifier per line from standard input", function()
  local cache = tmp .. "/cache"
  local code, out, err = run("resolve --offline --cache " .. q(cache) .. " -", "10.1/x\n\n  38061786  \n")
  t.eq(code, 1, "exit (not cached)")
  t.eq(out, "[]\n", "empty array")
  t.ok(err:find("10.1/x: offline and not cached", 1, true), err)
  t.ok(err:find("38061786: offline and not cached", 1, true), err)
  code, _, err = run("resolve --offline -", "")
  t.eq(code, 2, "nothing to resolve")
  one_line_error(err, "at least one")
end)

t.test("user: API misuse is raised in the name of the function called", function()
  t.raises(function() tc.lookup(1, "no-such-document") end, "to 'lookup' %(unknown document id")
  t.raises(function() tc.annotate({}, "no-such-document") end, "to 'annotate' %(unknown document id")
  t.raises(function() tc.annotate_bibtex("@misc{a,}", "no-such-document") end, "to 'annotate_bibtex'")
  t.raises(function() tc.annotate({}, "minerva-20707", { field = "annotation" }) end,
    "to 'annotate' %(field must be")
  t.raises(function() tc.annotate_bibtex("@misc{a,}", "minerva-20707", { field = "note" }) end,
    "to 'annotate_bibtex' %(field must be")
  local r, msg = tc.lookup(31, "minerva-20707")
  t.eq(r, nil, "not cited")
  t.ok(msg:find("not cited"), msg)
end)

t.test("user: annotate and lookup --json name a plain text's document by its file name", function()
  local f = tmp .. "/en.txt"
  local code, out = run("lookup 3 " .. q(f) .. " --json")
  t.eq(code, 0, "lookup exit")
  t.eq(tc.json_decode(out).document, f, "lookup document")
  code, out = run("annotate " .. q(f) .. " --format json")
  t.eq(code, 0, "annotate exit")
  for _, r in ipairs(tc.json_decode(out).references) do t.eq(r.document, f, "reference " .. r.number) end
  code, out = run("lookup 3 - --json", EN)
  t.eq(code, 0, "stdin exit")
  t.eq(tc.json_decode(out).document, nil, "no name for standard input")
end)

t.test("user: parse still accepts an empty text (the pandoc filter's CLI mode)", function()
  local code, out = run("parse -", "")
  t.eq(code, 0, "exit")
  t.eq(tc.json_decode(out).citations and #tc.json_decode(out).citations, 0, "no citations")
end)

t.test("user: wrapped text fills continuation lines after a long first prefix", function()
  local util = require "trialcite.cliutil"
  local out = {}
  local words = ("word "):rep(60)
  util.print_wrapped(out, ("x"):rep(50), "  ", words, 80)
  t.ok(#out[1] <= 80, "first line fits")
  for i = 2, #out - 1 do
    t.ok(#out[i] > 70 and #out[i] <= 80, "continuation line " .. i .. " is filled: " .. #out[i])
  end
end)

t.test("user: lookup N takes decimal digits only; huge numbers are not an internal error", function()
  for _, n in ipairs({ "1e1", "0x13", "99999999999999999999", "0", "2.5" }) do
    local code, _, err = run("lookup " .. q(n) .. " --document minerva-20707")
    t.eq(code, 2, n .. " exit")
    one_line_error(err, "whole number")
  end
  local code, out = run("lookup 019 --document minerva-20707")
  t.eq(code, 0, "leading zero")
  t.ok(out:find("^%[19%]"), out:sub(1, 40))
  code = run("annotate --width 1e3")
  t.eq(code, 2, "--width 1e3")
  local r, msg = tc.lookup(1e20, "minerva-20707")
  t.eq(r, nil, "1e20 not cited")
  t.ok(msg:find("not cited"), msg)
  t.eq(tc.lookup(19.0, "minerva-20707").number, 19, "19.0 is 19")
end)
