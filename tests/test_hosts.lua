-- Hosts and batch: tc.forest_svg, tc.parse_many, and the CLI's parse, batch and report
-- commands.  (The pandoc filter: tests/test_pandoc.lua.)
local t = require "harness"
local tc = require "trialcite"

local here = debug.getinfo(1, "S").source:sub(2):match("^(.*)/[^/]*$") or "."
local CLI = here .. "/../lua/trialcite/cli.lua"
local LUA = os.getenv("LUA") or ("lua" .. _VERSION:match("%d+%.%d+"))   -- the interpreter running the tests
local tmp = t.tmpdir()

local function q(s) return "'" .. tostring(s):gsub("'", "'\\''") .. "'" end

local function write(path, s) local f = assert(io.open(path, "wb")); f:write(s); f:close() end

--- Runs the CLI; returns exit code, stdout, stderr.
local function run(args, stdin)
  local out, err, inp = tmp .. "/out", tmp .. "/err", tmp .. "/in"
  write(inp, stdin or "")
  local ok, how, code = os.execute(string.format("%s %s %s <%s >%s 2>%s", LUA, q(CLI), args, q(inp), q(out), q(err)))
  if how ~= "exit" then code = 128 end
  return code, t.read(out), t.read(err)
end

-- ---- forest plot ----------------------------------------------------------------

--- Checks that every tag opened in svg is closed in order; returns the tag count.
local function balanced(svg)
  local stack, count = {}, 0
  for close, name, rest in svg:gmatch("<(/?)([%a][%w:-]*)([^>]*)>") do
    count = count + 1
    if close == "/" then
      t.eq(stack[#stack], name, "closing tag")
      stack[#stack] = nil
    elseif rest:sub(-1) ~= "/" then
      stack[#stack + 1] = name
    end
  end
  t.eq(#stack, 0, "unclosed tags")
  return count
end

local function rows(svg)
  local out = {}
  for attrs, body in svg:gmatch('<g class="row"([^>]*)>(.-)</g>') do
    local r = { measure = attrs:match('data%-measure="([^"]*)"'),
                value = tonumber(attrs:match('data%-estimate="([^"]*)"')),
                low = tonumber(attrs:match('data%-low="([^"]*)"')),
                high = tonumber(attrs:match('data%-high="([^"]*)"')), body = body }
    r.x1, r.x2 = body:match('<line class="ci" x1="([%d.%-]+)" x2="([%d.%-]+)"')
    local rx = body:match('<rect class="estimate" x="([%d.%-]+)"')
    r.x = rx and tonumber(rx) + 4.5
    r.x1, r.x2 = tonumber(r.x1), tonumber(r.x2)
    out[#out + 1] = r
  end
  return out
end

t.test("forest_svg: a trial record gives one row per result with a CI, in a valid SVG", function()
  local trial = tc.trial("cooperman-2024")
  local svg = assert(tc.forest_svg(trial))
  t.ok(svg:match("^<svg xmlns=\"http://www.w3.org/2000/svg\""), "an svg root")
  t.ok(svg:match("</svg>\n$"), "ends with </svg>")
  balanced(svg)
  local want = 0
  for _, r in ipairs(trial.results) do if r.value and type(r.ci) == "table" then want = want + 1 end end
  local got = rows(svg)
  t.eq(#got, want, "rows")
  for _, r in ipairs(got) do
    t.ok(r.x1 and r.x2 and r.x1 <= r.x and r.x <= r.x2, "estimate inside its CI line")
    t.ok(r.body:find("%[[%d.]+\u{2013}[%d.]+%]"), "estimate [low–high] label")
  end
  t.ok(svg:find('data%-scale="log"'), "ratio measures on a log axis")
  t.ok(svg:find('<line class="null"[^>]*data%-value="1"'), "null line at 1")
end)

t.test("forest_svg: log scale puts 1 midway between 0.5 and 2; differences are linear around 0", function()
  local svg = assert(tc.forest_svg({
    { outcome = "a", measure = "OR", value = 0.5, ci = { low = 0.3, high = 0.8 } },
    { outcome = "b", measure = "OR", value = 1.0, ci = { low = 0.6, high = 1.7 } },
    { outcome = "c", measure = "OR", value = 2.0, ci = { low = 1.2, high = 3.1 } },
  }, { width = 700 }))
  local r = rows(svg)
  t.eq(#r, 3, "rows")
  t.near(r[2].x, (r[1].x + r[3].x) / 2, 0.15, "x(1) is the midpoint of x(0.5) and x(2)")
  local null = tonumber(svg:match('<line class="null" x1="([%d.]+)"'))
  t.near(null, r[2].x, 0.15, "null line at x(1)")
  t.ok(svg:find('width="700"'), "width option")

  local lin = assert(tc.forest_svg({
    { outcome = "d", measure = "MD", value = -1, ci = { low = -2, high = 0 } },
    { outcome = "e", measure = "MD", value = 1, ci = { low = 0, high = 2 } },
  }))
  local l = rows(lin)
  t.ok(lin:find('data%-scale="linear"') and not lin:find('data%-scale="log"'), "linear axis only")
  local zero = tonumber(lin:match('<line class="null" x1="([%d.]+)"'))
  t.near(zero, (l[1].x + l[2].x) / 2, 0.15, "x(0) midway between x(-1) and x(1)")
  t.near(l[1].x2, zero, 0.15, "CI bound 0 on the null line")
end)

t.test("forest_svg: labels are escaped, rows without a CI left out, bad input refused", function()
  local svg = assert(tc.forest_svg({
    { outcome = "pain <VAS> & \"mood\"", timepoint = "12 weeks", subgroup = "women", measure = "RR",
      value = 0.8, ci = { low = 0.6, high = 1.1 } },
    { outcome = "no ci", measure = "HR", value = 0.7 },
    { outcome = "bad ratio", measure = "HR", value = 0, ci = { low = 0, high = 1 } },
    { outcome = "bytes \255\0 here", value = 1, ci = { low = 0, high = 2 } },
  }, { title = "A & B" }))
  balanced(svg)
  t.eq(#rows(svg), 2, "two plottable rows")
  t.ok(svg:find("pain &lt;VAS&gt; &amp; &quot;mood&quot;", 1, true), "escaped label")
  t.ok(svg:find("12 weeks", 1, true) and svg:find("women", 1, true), "timepoint and subgroup")
  t.ok(svg:find("<title>A &amp; B</title>", 1, true), "escaped title")
  t.ok(not svg:find("\255", 1, true) and not svg:find("\0", 1, true), "invalid bytes replaced")
  local empty = assert(tc.forest_svg({}))
  balanced(empty)
  t.eq(#rows(empty), 0, "no rows")
  t.raises(function() tc.forest_svg("x") end, "trial or results expected")
  local none, msg = tc.forest_svg({ id = "x" })
  t.eq(none, nil, "a trial without results")
  t.ok(msg:find("no results"), msg)
  local bad, why = require("trialcite.core").forest_svg_json("{\"a\":1}")
  t.eq(bad, nil, "an object without results")
  t.ok(why:find("expected"), why)
end)

-- ---- parse_many -------------------------------------------------------------------

local function synthetic(i)
  local parts = { "Achtergrond\n\nEen zin over iets (", i, "). " }
  for k = 1, i % 7 do
    parts[#parts + 1] = string.format("HR %d,%02d (95%%-BI 0,%d tot 1,%d) bij groep %d [%d,%d]. ", k % 2, 40 + k, k, k, k, k, k + 2)
  end
  parts[#parts + 1] = "\n\nResults\n\nThe mean was 4.5 (SD 1.2) in 120 patients (p<0.001) (3-5).\n"
  return table.concat(parts)
end

t.test("parse_many equals tc.parse, in input order, with 1 and 4 threads", function()
  local texts = {}
  for _, name in ipairs({ t.SEED1, t.SEED2 }) do
    local f = io.open(t.seeds_dir .. "/" .. name, "rb")
    if f then texts[#texts + 1] = f:read("a"); f:close() end
  end
  for i = 1, 40 do texts[#texts + 1] = synthetic(i) end
  texts[#texts + 1] = ""
  texts[#texts + 1] = "\0\255 (1) bytes"
  local want = {}
  for i, s in ipairs(texts) do want[i] = tc.parse(s):to_json() end
  for _, threads in ipairs({ 1, 4 }) do
    local docs = tc.parse_many(texts, { threads = threads })
    t.eq(#docs, #texts, "one result per text")
    for i = 1, #texts do t.eq(docs[i]:to_json(), want[i], "text " .. i .. " with " .. threads .. " threads") end
  end
  local docs = tc.parse_many(texts)   -- default: one thread per CPU
  t.eq(docs[#docs]:to_json(), want[#want], "default threads")
end)

t.test("parse_many: errors in place, options, bad arguments", function()
  local r = tc.parse_many({ "a (1).", 42, "b (2).", {}, "c (3)." }, { threads = 3 })
  t.eq(#r, 5, "results")
  t.eq(r[1]:references()[1].number, 1, "first")
  t.ok(type(r[2]) == "table" and r[2].error:find("number"), "a number is an error in place")
  t.eq(r[3]:references()[1].number, 2, "third")
  t.ok(type(r[4]) == "table" and r[4].error:find("table"), "a table is an error in place")
  t.eq(r[5]:references()[1].number, 3, "fifth")
  t.eq(#tc.parse_many({}), 0, "no texts")
  local withids = tc.parse_many({ "x", "y" }, { ids = { "one", "two" }, lang = "en" })
  t.eq(withids[2]:id(), "two", "ids")
  t.eq(withids[1]:lang(), "en", "lang")
  t.raises(function() tc.parse_many("x") end, "table expected")
  t.raises(function() tc.parse_many({}, { threads = -1 }) end, "threads")
  t.raises(function() tc.parse_many({}, { lang = "de" }) end, "lang")
end)

-- ---- CLI: parse, batch, report ------------------------------------------------------

t.test("trialcite parse prints doc:to_json(), with the bundled records on request", function()
  local text = "Een zin (1-3). HR 0,58 (95%-BI 0,37 tot 0,90) [4].\n"
  local code, out = run("parse -", text)
  t.eq(code, 0, "exit")
  t.eq(out, tc.parse(text):to_json() .. "\n", "the document's JSON")
  code, out = run("parse --records --document minerva-20577 -", text)
  t.eq(code, 0, "exit")
  local j = tc.json_decode(out)
  t.eq(j.document, "minerva-20577", "document")
  t.eq(j.bundled.document.id, "minerva-20577", "document record")
  t.ok(j.bundled.trials["ilgen-2020"], "the appraised trial's record")
  local c2, _, err = run("parse --document nope -", text)
  t.ok(c2 ~= 0 and err:find("unknown document"), "unknown document: " .. err)
end)

t.test("trialcite batch: one JSON line per file, in order, with ids and errors", function()
  local files, want = {}, {}
  for i = 1, 12 do
    local p = tmp .. "/b" .. i .. ".txt"
    local s = synthetic(i * 3)
    write(p, s)
    files[#files + 1] = q(p)
    want[#want + 1] = tc.parse(s, { id = p }):to_json()
  end
  local code, out = run("batch -j 4 " .. table.concat(files, " "))
  t.eq(code, 0, "exit")
  local lines = {}
  for l in out:gmatch("[^\n]+") do lines[#lines + 1] = l end
  t.eq(#lines, 12, "one line per file")
  for i = 1, 12 do
    t.eq(lines[i], want[i], "line " .. i)
    t.eq(tc.json_decode(lines[i]).id, tmp .. "/b" .. i .. ".txt", "id of line " .. i)
  end
  code, out = run("batch " .. files[1] .. " " .. q(tmp .. "/missing.txt") .. " " .. files[2])
  t.eq(code, 1, "a missing file: exit 1")
  lines = {}
  for l in out:gmatch("[^\n]+") do lines[#lines + 1] = l end
  t.eq(#lines, 3, "three lines")
  t.ok(tc.json_decode(lines[2]).error:find("cannot read"), "the error in its place")
  t.eq(lines[3], want[2], "the next file after the error")
  code = run("batch -j 0 x")
  t.eq(code, 2, "-j 0 is a usage error")
  code, out = run("batch -", "stdin text (7).")
  t.eq(code, 0, "stdin")
  t.eq(tc.json_decode(out).id, "-", "stdin id")
end)

--- Checks a report: self-contained, DOI, forest plot, one entry per cited number.
local function check_report(html, doi, numbers)
  t.ok(html:match("^<!DOCTYPE html>"), "an HTML document")
  t.ok(html:find(doi, 1, true), "the DOI")
  t.ok(html:find('<svg xmlns="http://www.w3.org/2000/svg" class="trialcite%-forest"'), "the forest plot")
  for _, n in ipairs(numbers) do
    local _, k = html:gsub('<div class="ref" id="ref%-' .. n .. '"', "")
    t.eq(k, 1, "one entry for reference " .. n)
  end
  local _, total = html:gsub('<div class="ref" id="ref%-', "")
  t.eq(total, #numbers, "entries")
  -- nothing loaded from elsewhere: no src=, no stylesheet links, no url()/@import
  t.ok(not html:find("<script", 1, true), "no scripts")
  t.ok(not html:find("<link", 1, true), "no link elements")
  t.ok(not html:find("%ssrc%s*="), "no src attributes")
  t.ok(not html:find("url%s*%(") and not html:find("@import", 1, true), "no CSS resources")
  t.ok(html:find("<style>", 1, true), "inline CSS")
end

t.test("trialcite report --document ID: self-contained HTML", function()
  local out = tmp .. "/r1.html"
  local code, _, err = run("report --document minerva-20707 -o " .. q(out))
  t.eq(code, 0, "exit: " .. err)
  local record = tc.document("minerva-20707")
  local nums = {}
  for _, r in ipairs(record.references) do nums[#nums + 1] = r.number end
  check_report(t.read(out), tc.trial("cooperman-2024").citation.DOI, nums)
  local c2, _, e2 = run("report --document nope -o " .. q(out))
  t.ok(c2 ~= 0 and e2:find("unknown document"), "unknown id")
  local c3 = run("report")
  t.eq(c3, 2, "no document: usage")
end)

t.test("trialcite report FILE: citing sentences and statistics with checks", function()
  local text = t.seed(t.SEED1)
  local path = tmp .. "/seed.txt"
  write(path, text)
  local out = tmp .. "/r2.html"
  local code, _, err = run("report --document " .. q(path) .. " -o " .. q(out))
  t.eq(code, 0, "exit: " .. err)
  local html = t.read(out)
  local doc = tc.parse(text)
  local seen, nums = {}, {}
  for _, r in ipairs(doc:references()) do seen[r.number] = true; nums[#nums + 1] = r.number end
  for _, r in ipairs(tc.document("minerva-20577").references) do
    if not seen[r.number] then seen[r.number] = true; nums[#nums + 1] = r.number end
  end
  check_report(html, tc.trial("ilgen-2020").citation.DOI, nums)
  t.ok(html:find('<div class="ctx">', 1, true), "citing sentences")
  t.ok(html:find('id="statistics"', 1, true), "statistics section")
  for _, c in ipairs(doc:checks()) do
    if c.severity == "warning" then t.ok(html:find(c.code, 1, true), "check " .. c.code) end
  end
end)
