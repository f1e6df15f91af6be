-- BibTeX enrichment (tc.annotate_bibtex): every byte outside trialcite's own field kept
-- (comments, @string, @preamble, @comment, nested braces, quotes, non-ASCII, field
-- order and delimiters, note), twice == once, identity, matching, malformed input.
local t = require "harness"
local tc = require "trialcite"

local function fixture()
  local dir = debug.getinfo(1, "S").source:sub(2):match("^(.*)/[^/]*$") or "."
  return t.read(dir .. "/fixtures/minerva-20707.bib")
end

local function find(report, code, number)
  for _, r in ipairs(report) do if r.code == code and (number == nil or r.number == number) then return r end end
end

-- The text with trialcite's insertions taken out again (new fields and parts appended
-- to existing values), which must give back the input byte for byte.
local function strip(s, name)
  name = name or "annotation"
  local ci = name:gsub("%a", function(c) return "[" .. c:lower() .. c:upper() .. "]" end)
  local part = "%[trialcite%][^\n]-%[/trialcite%]"
  s = s:gsub("\r?\n[ \t]*" .. ci .. " = {" .. part .. "},", "")          -- after a field with a comma
  s = s:gsub(",\r?\n[ \t]*" .. ci .. " = {" .. part .. "}", "")          -- after a field without one
  s = s:gsub(", " .. ci .. " = {" .. part .. "}", "")                    -- one-line entries
  s = s:gsub(" " .. part, "")                                            -- appended to a value
  s = s:gsub(part, "")                                                   -- an empty value
  return s
end

local function bib(n, f)
  local out = {}
  for i = 1, n do out[#out + 1] = string.format("@misc{k%d,\n  title = {T%d},\n}\n", i, i) end
  local s = table.concat(out, "\n")
  return f and f(s) or s
end

t.test("the fixture: every entry annotated, nothing else changed", function()
  local src = fixture()
  local out, report = tc.annotate_bibtex(src, "minerva-20707")
  t.eq(#report, 0, "clean report: " .. t.show(report))
  local count = select(2, out:gsub("%[trialcite%]", ""))
  t.eq(count, 30, "30 annotated entries")
  t.eq(strip(out), src, "enrich-then-strip gives the input back byte for byte")
  for _, keep in ipairs({
    '@preamble{ "\\providecommand{\\noopsort}[1]{}" # "\\providecommand{\\doi}[1]{#1}" }',
    '@string{ jamap = "JAMA Psychiatry" }', "@String(minerva = {Minerva})",
    "@comment{ jabref-meta: databaseType:biblatex; {nested} }",
    "note      = {Keep this note % not a comment inside braces\n               over two lines},",
    "title     = {Opioïden bij {neuropathische} pijn: {{nested {deep}}} braces},",
    'journal = minerva # " (online)",', "Free text between entries is a comment in BibTeX; it stays.",
    "% trailing comment",
  }) do
    t.ok(out:find(keep, 1, true), "kept: " .. keep)
  end
  t.ok(out:find("annotation = {Read in 2024 -- mine. [trialcite]", 1, true), "user annotation kept, part appended")
  t.ok(out:find("YEAR = {2018}, ANNOTATION = {[trialcite]", 1, true), "one-line, upper-case entry keeps its style")
  t.ok(out:find('\tyear = "2017",\n\tannotation = {[trialcite]', 1, true), "tab indentation and the comma added")
  local trial = out:match("@article{cooperman2024.-\n}\n")
  t.ok(trial:find("note = {NCT04491968},", 1, true), "note untouched")
  t.ok(trial:find("10.1001/jamapsychiatry.2023.5138", 1, true), "the trial's DOI in its annotation")
  t.ok(trial:find("95\\%", 1, true), "% escaped")
  t.ok(not trial:match("annotation = {[^\n]-[^\\]%%"), "no unescaped %")
end)

t.test("twice equals once (annotation and annote)", function()
  local src = fixture()
  local once = tc.annotate_bibtex(src, "minerva-20707")
  t.eq((tc.annotate_bibtex(once, "minerva-20707")), once, "annotation")
  local a1 = tc.annotate_bibtex(src, "minerva-20707", { field = "annote" })
  t.eq((tc.annotate_bibtex(a1, "minerva-20707", { field = "annote" })), a1, "annote")
  t.eq(strip(a1, "annote"), src, "annote: input back")
  t.raises(function() tc.annotate_bibtex(src, "minerva-20707", { field = "note" }) end, "field must be")
end)

t.test("braces stay balanced in every annotation", function()
  local out = tc.annotate_bibtex(fixture(), "minerva-20707")
  for value in out:gmatch("annotation = (%b{})") do
    local depth = 0
    for c in value:gmatch("[{}]") do
      depth = depth + (c == "{" and 1 or -1)
      t.ok(depth >= 0, "balanced")
    end
    t.eq(depth, 0, "balanced value")
  end
end)

t.test("identity: another DOI at the appraised number is reported, not annotated", function()
  local src = fixture():gsub("doi = {10.1001/jamapsychiatry.2023.5138}", "doi = {10.1000/other}")
  local out, report = tc.annotate_bibtex(src, "minerva-20707")
  local r = find(report, "identity-mismatch", 19)
  t.ok(r, "reported")
  t.ok(r.message:find("cooperman2024", 1, true), "names the entry key")
  t.ok(not out:match("@article{cooperman2024.-annotation.-\n}\n@misc{ref20"), "not annotated")
  local pm = fixture():gsub("pmid = {38061786}", "pmid = {111}")
  local _, rep2 = tc.annotate_bibtex(pm, "minerva-20707")
  t.ok(find(rep2, "identity-mismatch", 19), "PMID mismatch")
end)

t.test("longer, shorter, citation-number fields", function()
  local out, report = tc.annotate_bibtex(bib(17), "minerva-20577")
  t.ok(find(report, "not-cited", 16) and find(report, "not-cited", 17), "extra entries reported")
  t.ok(find(report, "length-mismatch"), "length")
  t.ok(out:find("@misc{k16,\n  title = {T16},\n}", 1, true), "extra entry untouched")
  local _, rep2 = tc.annotate_bibtex(bib(3), "minerva-20577")
  t.ok(find(rep2, "missing-item", 15), "missing 15")
  local numbered = "@misc{x, title = {X}, citation-number = {9}, doi = {10.1001/jamapsychiatry.2020.2369}}"
  local o3, r3 = tc.annotate_bibtex(numbered, "minerva-20577")
  t.ok(o3:find("Reference 9 of minerva-20577", 1, true), "citation-number field used")
  t.eq(find(r3, "identity-mismatch"), nil, "matching DOI")
end)

t.test("quoted and macro values of the target field", function()
  local q = '@misc{a,\n  annotation = "user text",\n}\n'
  local out = tc.annotate_bibtex(q, "minerva-20577")
  t.ok(out:find('annotation = "user text [trialcite] ', 1, true), "appended inside the quotes")
  local inner = out:match('annotation = "(.-)",\n')
  t.ok(inner and not inner:gsub("{\"}", ""):find('"'), "no bare double quote inside")
  t.eq((tc.annotate_bibtex(out, "minerva-20577")), out, "twice == once")
  local m = '@string{x = {y}}\n@misc{a,\n  annotation = x # {z},\n}\n'
  local o2, r2 = tc.annotate_bibtex(m, "minerva-20577")
  t.eq(o2, m, "a macro/concatenation value is left alone")
  t.ok(find(r2, "field-not-literal", 1), "and reported")
end)

t.test("CRLF line endings and non-ASCII are kept", function()
  local src = "@article{clé,\r\n  title = {Étude ★ ça},\r\n  year = {2020}\r\n}\r\n"
  local out = tc.annotate_bibtex(src, "minerva-20577")
  t.ok(out:find("year = {2020},\r\n  annotation = {[trialcite]", 1, true), "CRLF used for the new field")
  t.eq(strip(out), src, "input back")
end)

t.test("malformed input: bytes kept, problems reported", function()
  local src = "@article{a,\n  title = {unterminated\n"
  local out, report = tc.annotate_bibtex(src, "minerva-20577")
  t.eq(out, src, "unchanged")
  t.ok(find(report, "parse-error"), "parse-error")
  local junk = "no entries at all \0\255 @ @@ @x"
  local o2 = tc.annotate_bibtex(junk, "minerva-20577")
  t.eq(o2, junk, "junk unchanged")
  local o3 = tc.annotate_bibtex("", "minerva-20577")
  t.eq(o3, "", "empty")
  t.raises(function() tc.annotate_bibtex(42, "minerva-20577") end, "string expected")
  t.raises(function() tc.annotate_bibtex("", "nope") end, "unknown document id 'nope'")
end)

t.test("a parsed seed text as the source", function()
  local doc = tc.parse(t.seed(t.SEED2))
  local out, report = tc.annotate_bibtex(fixture(), doc)
  t.eq(#report, 0, "clean report: " .. t.show(report))
  t.ok(out:match("@article{cooperman2024.-annotation = {%[trialcite%] Reference 19 of minerva%-20707"), "recognised")
end)
