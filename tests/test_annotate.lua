-- tc.annotate (CSL-JSON enrichment): matching by citation-number and position, the
-- report (longer/shorter lists, uncited numbers, missing items, identity mismatch),
-- idempotence, round-trip of a Zotero-style export, pandoc as a consumer.
local t = require "harness"
local tc = require "trialcite"

local FIXTURE = "tests/fixtures/zotero-minerva-20577.json"
local function fixture_text()
  local f = io.open(FIXTURE, "rb") or io.open("../" .. FIXTURE, "rb")
  if not f then
    local dir = debug.getinfo(1, "S").source:sub(2):match("^(.*)/[^/]*$") or "."
    f = assert(io.open(dir .. "/fixtures/zotero-minerva-20577.json", "rb"))
  end
  local s = f:read("a"); f:close(); return s
end

local function codes(report)
  local c = {}
  for _, r in ipairs(report) do c[r.code] = (c[r.code] or 0) + 1 end
  return c
end

local function find(report, code, number)
  for _, r in ipairs(report) do if r.code == code and (number == nil or r.number == number) then return r end end
end

local function items(n, extra)
  local list = {}
  for i = 1, n do list[i] = { id = "item" .. i, type = "article-journal", title = "Title " .. i } end
  if extra then extra(list) end
  return list
end

-- The item with trialcite's additions taken out again.
local function strip(item)
  local c = {}
  for k, v in pairs(item) do c[k] = v end
  if type(c.custom) == "table" then
    local cu = {}
    for k, v in pairs(c.custom) do if k ~= "trialcite" then cu[k] = v end end
    c.custom = next(cu) and cu or nil
  end
  for _, f in ipairs({ "annote", "note" }) do
    if type(c[f]) == "string" then
      local s = c[f]:gsub("\n?%[trialcite%].-%[/trialcite%]", "")
      c[f] = s ~= "" and s or nil
    end
  end
  return c
end

t.test("matching by position: custom.trialcite and annote on every cited number", function()
  local out, report = tc.annotate(items(15), "minerva-20577")
  t.eq(#out, 15, "items kept")
  for i, it in ipairs(out) do
    local n = it.custom.trialcite
    t.eq(n.number, i, "number of item " .. i)
    t.eq(n.document, "minerva-20577", "document")
    t.ok(type(n.cited_for) == "string", "cited_for")
    t.ok(#n.sections >= 1, "sections")
    t.ok(it.annote:find("^%[trialcite%] .* %[/trialcite%]$"), "annote part of item " .. i)
    if i == 9 then
      t.eq(n.trial, "ilgen-2020", "trial id on the appraised reference")
      t.ok(#n.findings >= 3, "the trial's findings")
      t.ok(it.annote:find("10.1001/jamapsychiatry.2020.2369", 1, true), "DOI in the annotation")
    else
      t.eq(n.trial, nil, "no trial on " .. i)
    end
  end
  t.eq(#report, 0, "nothing to report: " .. t.show(report))
end)

t.test("citation-number wins over position; numeric strings accepted", function()
  local list = {
    { id = "x", ["citation-number"] = 19, DOI = "https://doi.org/10.1001/JAMAPSYCHIATRY.2023.5138" },
    { id = "y", ["citation-number"] = "2" },
    { id = "z" },   -- position 3
  }
  local out, report = tc.annotate(list, "minerva-20707")
  t.eq(out[1].custom.trialcite.number, 19, "by citation-number")
  t.eq(out[1].custom.trialcite.trial, "cooperman-2024", "trial (DOI in URL form, other case, still matches)")
  t.eq(out[2].custom.trialcite.number, 2, "numeric string")
  t.eq(out[3].custom.trialcite.number, 3, "by position")
  t.ok(find(report, "missing-item", 1), "reference 1 has no item")
  t.ok(find(report, "length-mismatch"), "shorter list reported")
end)

t.test("a longer bibliography: extra items reported as not cited and left alone", function()
  local out, report = tc.annotate(items(18), "minerva-20577")
  for i = 16, 18 do
    t.eq(out[i].custom, nil, "item " .. i .. " untouched")
    t.eq(out[i].annote, nil, "no annote on " .. i)
    t.ok(find(report, "not-cited", i), "not-cited " .. i)
  end
  t.ok(find(report, "length-mismatch"), "length-mismatch")
end)

t.test("a shorter bibliography: cited numbers without an item are reported", function()
  local _, report = tc.annotate(items(10), "minerva-20707")
  local c = codes(report)
  t.eq(c["missing-item"], 20, "references 11-30 have no item")
  t.ok(find(report, "length-mismatch"), "length-mismatch")
end)

t.test("a bad citation-number falls back to the position and is reported", function()
  local out, report = tc.annotate({ { id = "a", ["citation-number"] = "seven" } }, "minerva-20577")
  t.eq(out[1].custom.trialcite.number, 1, "position")
  t.ok(find(report, "bad-citation-number"), "reported")
end)

t.test("identity: another DOI or PMID at the appraised number is reported, not annotated", function()
  local list = items(30, function(l)
    l[19].DOI = "10.1000/some.other.paper"
  end)
  local out, report = tc.annotate(list, "minerva-20707")
  t.eq(out[19].custom, nil, "not annotated")
  t.eq(out[19].annote, nil, "no annote")
  local r = find(report, "identity-mismatch", 19)
  t.ok(r, "reported")
  t.eq(r.severity, "error", "severity")
  t.ok(r.message:find("10.1000/some.other.paper", 1, true), "message names the DOI")
  -- a PMID mismatch too
  local l2 = items(30, function(l) l[19].PMID = "12345678" end)
  local out2, rep2 = tc.annotate(l2, "minerva-20707")
  t.eq(out2[19].custom, nil, "PMID mismatch not annotated")
  t.ok(find(rep2, "identity-mismatch", 19), "PMID mismatch reported")
  -- the right identifiers are fine
  local l3 = items(30, function(l) l[19].DOI = "doi:10.1001/jamapsychiatry.2023.5138"; l[19].PMID = 38061786 end)
  local out3, rep3 = tc.annotate(l3, "minerva-20707")
  t.eq(out3[19].custom.trialcite.trial, "cooperman-2024", "annotated")
  t.eq(find(rep3, "identity-mismatch"), nil, "no mismatch")
end)

t.test("opts.field = note; user text in the field survives and the part is replaced on a re-run", function()
  local list = { { id = "a", note = "PMID: 1 -- user text" }, { id = "b", annote = "keep me" } }
  local out = tc.annotate(list, "minerva-20577", { field = "note" })
  t.ok(out[1].note:find("^PMID: 1 %-%- user text\n%[trialcite%]"), "user text first, then trialcite's part")
  t.eq(out[2].annote, "keep me", "annote untouched with field=note")
  local again = tc.annotate(out, "minerva-20577", { field = "note" })
  t.eq(again[1].note, out[1].note, "replaced, not duplicated")
  t.raises(function() tc.annotate(list, "minerva-20577", { field = "abstract" }) end, "field must be")
end)

t.test("idempotent: enriching twice equals enriching once (JSON text)", function()
  local text = fixture_text()
  local once, rep1 = tc.annotate_json(text, "minerva-20577")
  local twice, rep2 = tc.annotate_json(once, "minerva-20577")
  t.eq(twice, once, "same JSON text")
  t.eq(rep2, rep1, "same report")
  local p1 = tc.annotate_json(text, "minerva-20577", "annote", true)
  t.eq(tc.annotate_json(p1, "minerva-20577", "annote", true), p1, "pretty output too")
end)

t.test("round-trip: a Zotero-style export survives apart from trialcite's additions", function()
  local text = fixture_text()
  local orig = tc.json_decode(text, { keep_order = true })
  local enriched, report = tc.annotate(tc.json_decode(text, { keep_order = true }), "minerva-20577")
  t.eq(#report, 0, "clean report: " .. t.show(report))
  t.eq(#enriched, #orig, "count")
  for i = 1, #orig do
    t.eq(strip(enriched[i]), orig[i], "item " .. i .. " apart from trialcite's additions")
    -- key order: the original keys first, in their order
    local order = getmetatable(enriched[i]).__jsonorder
    local want = getmetatable(orig[i]).__jsonorder
    for k = 1, #want do t.eq(order[k], want[k], "key order of item " .. i) end
  end
  -- other keys of an existing custom object are kept, in place
  t.eq(enriched[7].custom.zotero, { key = "ABCD1234" }, "custom.zotero kept")
  t.eq(enriched[7].custom.rating, 5, "custom.rating kept")
  -- an existing annote keeps the user's text before trialcite's part
  t.ok(enriched[6].annote:find("^My own reading note", 1), "user annote kept")
  t.ok(enriched[2].note == "User note: keep this.", "note untouched")
  -- the enriched text decodes to the same as the Lua route
  local via_text = tc.json_decode((tc.annotate_json(text, "minerva-20577")))
  t.eq(via_text, enriched, "C route == Lua route")
end)

t.test("a parsed text as the source: sections from the text, trial when recognised", function()
  local text = t.seed(t.SEED1)
  local doc = tc.parse(text)
  local out, report = tc.annotate(items(15), doc)
  t.eq(out[9].custom.trialcite.trial, "ilgen-2020", "trial")
  t.eq(out[9].custom.trialcite.document, "minerva-20577", "recognised")
  t.eq(#report, 0, "clean report")
end)

t.test("misuse raises; malformed input returns nil, message", function()
  t.raises(function() tc.annotate("[]", "minerva-20577") end, "CSL%-JSON array expected")
  t.raises(function() tc.annotate({ id = "x" }, "minerva-20577") end, "CSL%-JSON array expected")
  t.raises(function() tc.annotate({}, "minerva-x") end, "unknown document id 'minerva%-x'")
  local out, report = tc.annotate({}, "minerva-20577")
  t.eq(#out, 0, "empty list")
  t.ok(find(report, "length-mismatch"), "empty list reported")
  local none, msg = tc.annotate_json("{\"a\":1}", "minerva-20577")
  t.eq(none, nil, "object")
  t.ok(msg:find("not a CSL%-JSON array"), msg)
  t.eq((tc.annotate_json("[1, 2", "minerva-20577")), nil, "truncated JSON")
  local o2, r2 = tc.annotate_json("[1, \"x\", {}]", "minerva-20577")
  t.ok(o2, "non-objects are kept")
  t.eq(codes(tc.json_decode(r2))["not-an-object"], 2, "and reported")
end)

t.test("pandoc accepts the enriched CSL-JSON as a bibliography", function()
  if not os.execute("command -v pandoc >/dev/null 2>&1") then t.skip("pandoc not installed") end
  local dir = t.tmpdir()
  local bib = dir .. "/bib.json"
  local f = assert(io.open(bib, "wb"))
  f:write((tc.annotate_json(fixture_text(), "minerva-20577", "annote", true)))
  f:close()
  f = assert(io.open(dir .. "/doc.md", "wb"))
  f:write("Trial [@ilgen2020] and review [@amato2011].\n")
  f:close()
  local cmd = string.format("cd '%s' && pandoc --citeproc --bibliography bib.json -t plain doc.md 2>&1", dir)
  local p = io.popen(cmd)
  local out = p:read("a")
  local ok = p:close()
  os.execute("rm -rf '" .. dir .. "'")
  t.ok(ok, "pandoc exit status: " .. out)
  t.ok(out:find("Ilgen"), "the citation is rendered: " .. out)
  t.ok(not out:lower():find("warning"), "no warnings: " .. out)
end)

t.test("stray markers the user typed stay the user's; twice == once", function()
  for _, user in ipairs({ "[/trialcite][trialcite]", "see [trialcite] here", "a [/trialcite] b" }) do
    local once = tc.annotate({ { id = "a", annote = user } }, "minerva-20577")
    t.eq(once[1].annote:sub(1, #user), user, "user text first")
    local twice = tc.annotate(once, "minerva-20577")
    t.eq(twice[1].annote, once[1].annote, "twice == once for " .. user)
  end
end)
