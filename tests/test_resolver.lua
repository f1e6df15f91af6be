-- The online resolver against the loopback test server (tests/server/httpd.c):
-- identifiers, CSL-JSON shape, faults, cache, batches, CLI and pandoc's citeproc.
local t = require "harness"
local tc = require "trialcite"
local server = require "server.start"

local COOPERMAN_DOI = "10.1001/jamapsychiatry.2023.5138"
local ILGEN_DOI = "10.1001/jamapsychiatry.2020.2369"
local srv, srv_err

local function url()
  if not srv and not srv_err then srv, srv_err = server.start(120) end
  if not srv then t.skip(srv_err) end
  return srv.url
end

-- Wall-time bounds stretch under valgrind (make valgrind), never the waits themselves.
local SLOW = os.getenv("TRIALCITE_UNDER_VALGRIND") and 8 or 1
local LUA = os.getenv("LUA") or "lua5.4"   -- the interpreter of this run (check-sanitize: lua-san)
local run_id = tostring(os.time()) .. tostring(math.random(1e6))   -- fault keys unique per run

local function resolver(opts)
  opts = opts or {}
  local base = url()
  opts.crossref_url = opts.crossref_url or base
  opts.pubmed_url = opts.pubmed_url or base
  opts.cache_dir = opts.cache_dir or (t.tmpdir() .. "/cache")   -- created by the resolver
  if opts.mailto == nil then opts.mailto = "tests@example.org" end
  opts.timeout = opts.timeout or 5
  return tc.resolver(opts), opts.cache_dir
end

local function now()
  local p = io.popen("date +%s.%N"); local s = p:read("l"); p:close(); return tonumber(s)
end

local function check_csl(item, what)
  t.ok(type(item) == "table", what .. ": item is a table")
  t.ok(type(item.id) == "string" and item.id ~= "", what .. ": id")
  t.ok(type(item.type) == "string" and not item.type:find("journal%-article"), what .. ": CSL type")
  t.ok(type(item.title) == "string", what .. ": title is a string")
  if item["container-title"] ~= nil then t.ok(type(item["container-title"]) == "string", what .. ": container-title string") end
  for _, a in ipairs(item.author or {}) do
    t.ok(type(a.family) == "string" or type(a.literal) == "string", what .. ": author family/literal")
  end
  local dp = item.issued and item.issued["date-parts"]
  t.ok(type(dp) == "table" and type(dp[1]) == "table" and math.type(dp[1][1]) == "integer", what .. ": issued date-parts")
end

-- ---- identifiers ----
t.test("DOI normalisation table", function()
  local cases = {
    { "10.1001/jamapsychiatry.2023.5138", COOPERMAN_DOI },
    { "10.1001/JAMAPsychiatry.2023.5138", COOPERMAN_DOI },
    { "doi:10.1001/jamapsychiatry.2023.5138", COOPERMAN_DOI },
    { "DOI: 10.1001/jamapsychiatry.2023.5138.", COOPERMAN_DOI },
    { "https://doi.org/10.1001/jamapsychiatry.2023.5138", COOPERMAN_DOI },
    { "http://dx.doi.org/10.1001/JAMAPSYCHIATRY.2023.5138);", COOPERMAN_DOI },
    { "https://doi.org/10.1001%2FJAMAPSYCHIATRY.2023.5138", COOPERMAN_DOI },   -- the prefix slash encoded
    { "  https://doi.org/10.1016/S0140-6736(20)30183-5, ", "10.1016/s0140-6736(20)30183-5" },
    { "https://doi.org/10.1002/%28SICI%291097-4636", "10.1002/(sici)1097-4636" },
    { "10.5555/ÄBC", "10.5555/Äbc" },            -- case-folding is ASCII only
  }
  for _, c in ipairs(cases) do t.eq(tc.doi_normalize(c[1]), c[2], c[1]) end
  for _, bad in ipairs{ "", "11.1000/x", "10./x", "10.1000", "10.1000/", "doi:", "10.12 34/x", "hello" } do
    local v, err = tc.doi_normalize(bad)
    t.eq(v, nil, "not a DOI: " .. bad); t.ok(err:find("not a DOI"), "message")
  end
end)

t.test("neither DOI nor PMID: clear error, no request", function()
  local r = resolver()
  local x, err = r:resolve("10.12")
  t.eq(x, nil, "x"); t.ok(err:find("not a DOI, PMID"), err)
  x, err = r:resolve{ doi = "38061786" }
  t.eq(x, nil, "doi=digits"); t.ok(err:find("not a DOI"), err)
  x, err = r:resolve{ pmid = "PMC123x" }
  t.eq(x, nil, "bad pmid"); t.ok(err:find("not a PMID"), err)
end)

-- ---- mapping ----
t.test("DOI in any form -> CSL-JSON from Crossref", function()
  local r = resolver()
  for _, form in ipairs{ "https://doi.org/10.1001/JAMAPSYCHIATRY.2023.5138.", { doi = "doi:" .. COOPERMAN_DOI } } do
    local item, err = r:resolve(form)
    t.ok(item, err)
    check_csl(item, "cooperman")
    t.eq(item.type, "article-journal", "type")
    t.eq(item.DOI, COOPERMAN_DOI, "DOI")
    t.ok(item.title:find("^Telehealth Mindfulness%-Oriented Recovery Enhancement"), item.title)
    t.ok(item.title:find(": A Randomized Clinical Trial$"), "subtitle joined: " .. item.title)
    t.eq(item["container-title"], "JAMA Psychiatry", "container")
    t.eq(item.author[1], { family = "Cooperman", given = "Nina A." }, "first author")
    t.eq(#item.author, 7, "authors")
    t.eq(item.issued["date-parts"][1], { 2024, 4, 1 }, "print date")
    t.eq(item.volume, "81", "volume"); t.eq(item.issue, "4", "issue")
    t.eq(item.URL, "https://doi.org/" .. COOPERMAN_DOI, "URL")
  end
end)

t.test("PMID and PMCID -> CSL-JSON from esummary", function()
  local r = resolver()
  local item, err = r:resolve("38061786")
  t.ok(item, err)
  check_csl(item, "pmid")
  t.eq(item.PMID, "38061786", "PMID"); t.eq(item.PMCID, "PMC10704342", "PMCID"); t.eq(item.DOI, COOPERMAN_DOI, "DOI")
  t.eq(item.author[1], { family = "Cooperman", given = "N. A." }, "author split")
  t.eq(item.author[5], { family = "Dooley-Budsock", given = "P." }, "hyphenated")
  t.eq(item.issued["date-parts"][1], { 2024, 4, 1 }, "date")
  t.eq(item.page, "338-346", "page")
  t.ok(not item.title:find("%.$"), "trailing period dropped")
  local p2 = r:resolve{ pmcid = "pmc10704342" }
  t.ok(p2, "pmcid"); t.eq(p2.PMID, "38061786", "pmcid -> PMID"); t.eq(p2.PMCID, "PMC10704342", "PMCID")
  local none, e2 = r:resolve{ pmid = 99999999 }
  t.eq(none, nil, "unknown PMID"); t.ok(e2:find("not found"), e2)
end)

t.test("titles: markup stripped, entities decoded", function()
  local r = resolver()
  local item, err = r:resolve("10.5555/markup")
  t.ok(item, err)
  t.eq(item.title, "Effect of mindfulness & pain on CO2 levels: café — <b> trial", "title")
  t.eq(item["container-title"], "Book of Tests", "container")
  t.eq(item.type, "chapter", "book-chapter -> chapter")
  t.eq(item.author[1], { literal = "The Trialists Group" }, "organisation")
  t.eq(item.author[2], { family = "García", given = "José" }, "entity in name")
  t.eq(item.issued["date-parts"][1], { 2019, 11 }, "year-month")
end)

t.test("free text: accepted only when title, author and year agree", function()
  local r = resolver()
  local ref = "Cooperman NA, Lu S, Hanley AW, et al. Telehealth mindfulness-oriented recovery enhancement vs usual care in individuals with opioid use disorder and pain: a randomized clinical trial. JAMA Psychiatry 2024;81:338-46."
  local item, err = r:resolve{ text = ref }
  t.ok(item, err); t.eq(item.DOI, COOPERMAN_DOI, "match (not the higher-scored distractor)")
  local ilgen = r:resolve("Ilgen MA, Coughlin LN, Bohnert AS, et al. Efficacy of a psychosocial pain management intervention for men and women with substance use disorders and chronic pain. JAMA Psychiatry 2020;77:1225-34.")
  t.ok(ilgen, "plain string with spaces is text"); t.eq(ilgen.DOI, ILGEN_DOI, "ilgen")
  local x, e = r:resolve{ text = ref:gsub("2024", "2019") }
  t.eq(x, nil, "wrong year"); t.ok(e:find("no match"), e)
  x, e = r:resolve{ text = ref:gsub("Cooperman", "Smith") }
  t.eq(x, nil, "wrong first author"); t.ok(e:find("no match"), e)
  x, e = r:resolve{ text = "Smith J. Telehealth for everything. Some Journal 2024;1:1-2." }
  t.eq(x, nil, "unrelated title"); t.ok(e:find("no match"), e)
end)

-- Free text against search answers with decoys (tests/server/fixtures/works-query-SET.json):
-- the right work third behind a same-title paper by others (another year, highest score)
-- and a same-author paper in the same journal and year; "decoys-only" leaves it out.
local SHORT = "Cooperman NA, Lu S, Hanley AW, et al. Telehealth mindfulness-oriented recovery enhancement vs usual care. JAMA Psychiatry 2024;81:338-46."
local APA = "Cooperman, N. A., Lu, S., Hanley, A. W., Puvananayagam, T., Dooley-Budsock, P., Kline, A., & Garland, E. L. (2024). " ..
  "Telehealth mindfulness-oriented recovery enhancement vs usual care in individuals with opioid use disorder and pain: " ..
  "A randomized clinical trial. JAMA Psychiatry, 81(4), 338\u{2013}346. https://doi.org/10.1001/jamapsychiatry.2023.5138"
local function set_resolver(set) return resolver{ crossref_url = url() .. "/set-" .. set } end

t.test("free text: a shortened title matched by author, year, journal, volume and page", function()
  local item, err = set_resolver("decoys"):resolve{ text = SHORT }
  t.ok(item, err); t.eq(item.DOI, COOPERMAN_DOI, "the trial, not the higher-scored decoys")
  local m = item.custom and item.custom.trialcite_match
  t.ok(type(m) == "table", "custom.trialcite_match")
  t.eq(m.fields, { "title", "author", "year", "container", "volume", "page" }, "fields")
  t.eq(m.rule, "shortened title", "rule"); t.eq(m.score, 9, "score")
  t.ok(m.title_overlap < 0.75, "title alone would not do: " .. m.title_overlap)
  check_csl(item, "shortened")
  -- the cached item keeps the verdict
  t.eq(assert(set_resolver("decoys"):resolve{ text = SHORT }).custom, item.custom, "verdict")
end)

t.test("free text: Vancouver and APA styles, and the same-author paper picked for its own reference", function()
  local r = set_resolver("decoys")
  local van = assert(r:resolve("Cooperman NA, Lu S, Hanley AW, Puvananayagam T, Dooley-Budsock P, Kline A, Garland EL. " ..
    "Telehealth Mindfulness-Oriented Recovery Enhancement vs Usual Care in Individuals With Opioid Use Disorder and Pain: " ..
    "A Randomized Clinical Trial. JAMA Psychiatry. 2024 Apr 1;81(4):338-346. doi: 10.1001/jamapsychiatry.2023.5138. PMID: 38061786."))
  t.eq(van.DOI, COOPERMAN_DOI, "Vancouver")
  t.eq(van.custom.trialcite_match.fields, { "title", "author", "year", "container", "volume", "page", "doi" }, "Vancouver fields")
  local apa = assert(r:resolve{ text = APA })
  t.eq(apa.DOI, COOPERMAN_DOI, "APA"); t.eq(apa.custom.trialcite_match.rule, "title", "APA rule")
  t.eq(#apa.custom.trialcite_match.fields, 7, "APA: every field agrees")
  local other = assert(r:resolve("Cooperman NA, Garland EL. Mindfulness-oriented recovery enhancement for chronic pain. JAMA Psychiatry 2024;81:512-20."))
  t.eq(other.DOI, "10.5555/decoy-same-author", "the same-author paper for its own reference")
end)

t.test("free text: wrong year, volume or page, and decoys alone, are no match", function()
  local r = set_resolver("decoys")
  local cases = {
    { SHORT:gsub("2024", "2021"), "year" },
    { SHORT:gsub(";81:", ";80:"), "volume" },
    { SHORT:gsub("338%-46", "238-46"), "page" },
  }
  for _, c in ipairs(cases) do
    local x, e = r:resolve{ text = c[1] }
    t.eq(x, nil, "wrong " .. c[2]); t.ok(e:find("^no match"), e)
  end
  local x, e = set_resolver("decoys-only"):resolve{ text = SHORT }
  t.eq(x, nil, "only decoys"); t.ok(e:find("^no match") and e:find("decoy"), "names the nearest: " .. e)
  x, e = set_resolver("decoys-only"):resolve{ text = APA }
  t.eq(x, nil, "APA, only decoys"); t.ok(e:find("^no match"), e)
end)

t.test("free text: resolve_many reports the verdict to on_progress", function()
  local seen = {}
  local out = set_resolver("decoys"):resolve_many({ SHORT, { text = SHORT:gsub("2024", "2021") } }, {
    on_progress = function(_, _, item, i) seen[i] = item end })
  t.eq(out[1].DOI, COOPERMAN_DOI, "matched"); t.ok(out[2].error:find("^no match"), "rejected")
  t.eq(seen[1].custom.trialcite_match.fields, out[1].custom.trialcite_match.fields, "progress item carries the verdict")
  t.ok(seen[2].error and seen[2].error:find("no match"), "progress error")
end)

t.test("User-Agent names trialcite, its version and mailto", function()
  local item = assert(resolver():resolve("10.5555/echo-ua"))
  t.eq(item.title, "trialcite/" .. tc.VERSION .. " (+mailto:tests@example.org)", "UA")
  item = assert(resolver{ mailto = false and "" or nil, user_agent = "myapp/2" }:resolve("10.5555/echo-ua"))
  t.ok(item.title:find("^myapp/2 trialcite/" .. tc.VERSION:gsub("%.", "%%.")), item.title)
end)

-- ---- faults ----
local function timed(r, q)
  local t0 = now()
  local x, err = r:resolve(q)
  return x, err, now() - t0
end

t.test("429 with Retry-After (seconds and HTTP date): item after a retry", function()
  local r = resolver()
  local x, err, dt = timed(r, "10.5555/fault-429-" .. run_id)
  t.ok(x, err); t.eq(x.title, "after Retry-After", "title")
  t.ok(dt >= 0.9 and dt < 4 * SLOW, "waited about Retry-After: " .. dt)
  x, err, dt = timed(r, "10.5555/fault-429date-" .. run_id)
  t.ok(x, err); t.ok(dt < 6 * SLOW, "dated Retry-After honoured promptly: " .. dt)
end)

t.test("429 for ever: nil, message after the retries; Retry-After capped", function()
  local r = resolver{ max_retries = 2, max_retry_wait = 0.3 }
  local x, err, dt = timed(r, "10.5555/fault-429always")
  t.eq(x, nil, "x"); t.ok(err:find("429") and err:find("3 attempts"), err)
  t.ok(dt < 2 * SLOW, "capped waits: " .. dt)
end)

t.test("503 once then 200: item", function()
  local x, err = resolver():resolve("10.5555/fault-503once-" .. run_id)
  t.ok(x, err); t.eq(x.title, "after a 503", "title")
end)

t.test("slow answer past the timeout: nil, message, promptly", function()
  local x, err, dt = timed(resolver{ timeout = 1 }, "10.5555/fault-slow")
  t.eq(x, nil, "x"); t.ok(err:find("timed out"), err); t.ok(dt < 2.5 * SLOW, "prompt: " .. dt)
end)

t.test("invalid JSON, over-deep JSON, 404 in plain text", function()
  local r = resolver()
  local x, err = r:resolve("10.5555/fault-badjson")
  t.eq(x, nil, "badjson"); t.ok(err:find("invalid JSON"), err)
  x, err = r:resolve("10.5555/fault-deep")
  t.eq(x, nil, "deep"); t.ok(err:find("deeper"), err)
  x, err = r:resolve("10.5555/fault-404")
  t.eq(x, nil, "404"); t.ok(err:find("not found"), err)
end)

t.test("endless chunked body stopped at the size cap", function()
  local x, err, dt = timed(resolver{ max_body = 1 << 20 }, "10.5555/fault-endless")
  t.eq(x, nil, "x"); t.ok(err:find("larger than 1048576"), err); t.ok(dt < 3 * SLOW, "prompt: " .. dt)
  x, err = resolver():resolve("10.5555/fault-endless")      -- default cap, TC_MAX_HTTP_BODY
  t.eq(x, nil, "x"); t.ok(err:find("larger than"), err)
end)

t.test("nothing reads local files through a URL", function()
  local x, err = resolver():resolve("10.5555/fault-redirect")
  t.eq(x, nil, "redirect to file://"); t.ok(err:find("non%-http"), err)
  t.raises(function() tc.resolver{ crossref_url = "file:///etc" } end, "http", "file:// base URL")
  t.raises(function() tc.resolver{ pubmed_url = "ftp://127.0.0.1/" } end, "http", "ftp base URL")
end)

t.test("network down: nil, message, promptly", function()
  local x, err, dt = timed(resolver{ crossref_url = "http://127.0.0.1:9" }, COOPERMAN_DOI)
  t.eq(x, nil, "x"); t.ok(err:find("network"), err); t.ok(dt < 3 * SLOW, "prompt: " .. dt)
end)

-- ---- cache ----
local function stats(r) return tonumber((assert(r:resolve("10.5555/stats")).title:match("%d+"))) end

t.test("cache: hit, offline, negative answers", function()
  local r, dir = resolver()
  local a = assert(r:resolve(COOPERMAN_DOI))
  local before = stats(resolver{ cache_dir = t.tmpdir() })
  local b = assert(r:resolve("doi:" .. COOPERMAN_DOI:upper()))
  t.eq(b, a, "same item from the cache")
  t.eq(stats(resolver{ cache_dir = t.tmpdir() }), before + 1, "no request for the hit (only the stats probe)")
  local off = tc.resolver{ cache_dir = dir, offline = true, crossref_url = "http://127.0.0.1:9", pubmed_url = "http://127.0.0.1:9" }
  t.eq(assert(off:resolve(COOPERMAN_DOI)), a, "offline from the cache")
  local x, err = off:resolve(ILGEN_DOI)
  t.eq(x, nil, "offline miss"); t.ok(err:find("offline"), err)
  t.eq(r:resolve("10.5555/fault-404"), nil, "404")
  x, err = off:resolve("10.5555/fault-404")
  t.eq(x, nil, "negative cached"); t.ok(err:find("not found"), err)
  -- a negative answer is trusted for a day only: age it and it is a miss again
  local p = io.popen("grep -l 'fault-404' '" .. dir .. "'/*.json"); local neg = p:read("l"); p:close()
  local s = t.read(neg)
  local f = assert(io.open(neg, "wb")); f:write((s:gsub("^TCC1 (%-?%d+) %d+", "TCC1 %1 1000000000"))); f:close()
  x, err = off:resolve("10.5555/fault-404")
  t.eq(x, nil, "expired"); t.ok(err:find("offline"), "expired negative entry is a miss: " .. err)
  local mode = io.popen("stat -c %a '" .. dir .. "'"):read("l")
  t.eq(mode, "700", "cache directory private")
  local fm = io.popen("stat -c %a '" .. dir .. "'/*.json | sort -u"):read("a")
  t.eq(fm, "600\n", "cache files private")
end)

t.test("cache: corrupt and truncated entries are refetched", function()
  local r, dir = resolver()
  local a = assert(r:resolve(COOPERMAN_DOI))
  local p = io.popen("ls '" .. dir .. "'/*.json"); local file = p:read("l"); p:close()
  local good = t.read(file)
  local damage = { good:sub(1, #good - 10), "", "TCC1 garbage\n", good:gsub('"title"', '"ti\0tle"', 1),
                   good:sub(1, -2) .. "X" }
  for i, bad in ipairs(damage) do
    local f = assert(io.open(file, "wb")); f:write(bad); f:close()
    local off = tc.resolver{ cache_dir = dir, offline = true }
    t.eq(off:resolve(COOPERMAN_DOI), nil, "damaged entry " .. i .. " is a miss")
    t.eq(assert(r:resolve(COOPERMAN_DOI)), a, "refetched " .. i)
  end
end)

t.test("cache: two processes writing at once", function()
  local dir = t.tmpdir()
  local base = url()
  local script = [[
    local tc = require "trialcite"
    local r = tc.resolver{ crossref_url = %q, cache_dir = %q, mailto = "t@example.org", concurrency = 4 }
    local list = {}
    for i = 1, 20 do list[i] = "10.5555/shared-" .. i end
    local n = 0
    for _, x in ipairs(r:resolve_many(list)) do if x.DOI then n = n + 1 end end
    print(n)
  ]]
  local file = os.tmpname()
  local f = assert(io.open(file, "w")); f:write(string.format(script, base, dir)); f:close()
  local cmd = LUA .. " " .. file
  local p1, p2 = io.popen(cmd), io.popen(cmd)
  t.eq(p1:read("a"), "20\n", "process 1"); t.eq(p2:read("a"), "20\n", "process 2")
  p1:close(); p2:close()
  os.remove(file)
  local off = tc.resolver{ cache_dir = dir, offline = true }
  for i = 1, 20 do t.ok(off:resolve("10.5555/shared-" .. i), "entry " .. i .. " whole") end
  t.eq(io.popen("ls -A '" .. dir .. "' | grep -c tmp"):read("l"), "0", "no temp files left")
end)

-- ---- batches ----
t.test("resolve_many: input order, errors in place, progress", function()
  local r = resolver{ concurrency = 3 }
  local list = { COOPERMAN_DOI, "38061786", "doi:banana", "10.5555/fault-404", { doi = ILGEN_DOI },
                 "10.5555/batch-a", "10.5555/batch-b" }
  local calls, last = {}, 0
  local out = r:resolve_many(list, { on_progress = function(done, total, item, i)
    calls[#calls + 1] = i; t.eq(total, #list, "total"); t.eq(done, last + 1, "done counts up"); last = done
    t.ok(type(item) == "table", "item")
  end })
  t.eq(#out, #list, "one result each")
  t.eq(out[1].DOI, COOPERMAN_DOI, "1"); t.eq(out[2].PMID, "38061786", "2")
  t.ok(out[3].error:find("not a DOI"), "3"); t.ok(out[4].error:find("not found"), "4")
  t.eq(out[5].DOI, ILGEN_DOI, "5"); t.eq(out[6].DOI, "10.5555/batch-a", "6"); t.eq(out[7].DOI, "10.5555/batch-b", "7")
  t.eq(#calls, #list, "progress per item"); table.sort(calls); t.eq(calls, { 1, 2, 3, 4, 5, 6, 7 }, "each index once")
end)

t.test("resolve_many: on_progress returning false cancels the rest; errors raise after", function()
  local r = resolver{ concurrency = 1 }
  local list = {}
  for i = 1, 6 do list[i] = "10.5555/cancel-" .. run_id .. "-" .. i end
  local out = r:resolve_many(list, { on_progress = function(done) if done == 2 then return false end end })
  local ok, cancelled = 0, 0
  for _, x in ipairs(out) do if x.DOI then ok = ok + 1 elseif x.error == "cancelled" then cancelled = cancelled + 1 end end
  t.eq(ok, 2, "two done"); t.eq(cancelled, 4, "rest cancelled")
  t.raises(function() r:resolve_many({ "10.5555/raise-" .. run_id }, { on_progress = function() error("boom") end }) end, "boom")
  t.ok(r:resolve(COOPERMAN_DOI), "resolver still usable")
end)

t.test("misuse raises", function()
  local r = resolver()
  t.raises(function() r:resolve(42) end, "string or table")
  t.raises(function() r:resolve({}) end, "doi, pmid")
  t.raises(function() r:resolve({ doi = "10.1/x", pmid = "1" }) end, "one of")
  t.raises(function() r:resolve_many("x") end, "table expected")
  t.raises(function() r:resolve_many({ 1.5 }) end, "string or table")
  t.raises(function() r:resolve_many({}, { on_progress = 1 }) end, "function expected")
  t.raises(function() tc.resolver{ timeout = "5" } end, "number expected")
  t.raises(function() tc.resolver{ offline = 1 } end, "boolean expected")
  t.raises(function() tc.resolver{ mailo = "x" } end, "unknown resolver option")
  r:close(); r:close()
  t.ok(tostring(r):find("closed"), "tostring closed")
  t.raises(function() r:resolve(COOPERMAN_DOI) end, "closed")
end)

-- ---- CLI ----
t.test("trialcite resolve prints CSL-JSON; errors on stderr, non-zero exit", function()
  local base = url()
  local dir = t.tmpdir()
  local cli = "lua/trialcite/cli.lua"
  if not io.open(cli) then t.skip("CLI not found") end
  local env = string.format("TRIALCITE_CROSSREF_URL=%s TRIALCITE_PUBMED_URL=%s TRIALCITE_CACHE=%s ", base, base, dir)
  local p = io.popen(env .. LUA .. " " .. cli .. " resolve doi:" .. COOPERMAN_DOI .. " 38061786 2>&1; echo exit:$?")
  local s = p:read("a"); p:close()
  t.ok(s:find("exit:0"), s)
  local items = tc.json_decode(s:match("^(.*)\nexit"))
  t.eq(#items, 2, "two items"); t.eq(items[2].PMID, "38061786", "pmid")
  p = io.popen(env .. LUA .. " " .. cli .. " resolve --offline 10.5555/never-" .. run_id .. " 2>&1 >/dev/null; echo exit:$?")
  s = p:read("a"); p:close()
  t.ok(s:find("^trialcite: resolve: 10.5555/never%-[%d]+: offline and not cached[^\n]*\nexit:1"), s)
  -- TRIALCITE_OFFLINE and TRIALCITE_MAILTO from the environment
  local dead = "TRIALCITE_CROSSREF_URL=http://127.0.0.1:9 TRIALCITE_PUBMED_URL=http://127.0.0.1:9 TRIALCITE_CACHE=" .. dir
  p = io.popen(dead .. " TRIALCITE_OFFLINE=1 " .. LUA .. " " .. cli .. " resolve " .. COOPERMAN_DOI .. " 2>&1; echo exit:$?")
  s = p:read("a"); p:close()
  t.ok(s:find("exit:0") and s:find("Cooperman"), "offline from the cache: " .. s)
  p = io.popen(env .. "TRIALCITE_MAILTO=cli@example.org " .. LUA .. " " .. cli .. " resolve 10.5555/echo-ua 2>&1")
  s = p:read("a"); p:close()
  t.ok(s:find("%(%+mailto:cli@example%.org%)"), "mailto from the environment: " .. s)
  -- a free-text reference (shell-quoted) prints the item with its verdict
  p = io.popen(env .. LUA .. " " .. cli .. " resolve '" .. SHORT .. "' 2>&1; echo exit:$?")
  s = p:read("a"); p:close()
  t.ok(s:find("exit:0"), s)
  local list = tc.json_decode(s:match("^(.*)\nexit"))
  t.eq(list[1].DOI, COOPERMAN_DOI, "free text from the CLI")
  t.eq(list[1].custom.trialcite_match.rule, "shortened title", "verdict printed")
end)

-- ---- pandoc citeproc accepts the items ----
t.test("pandoc --citeproc renders a bibliography from resolved items", function()
  if not os.execute("command -v pandoc >/dev/null 2>&1") then t.skip("pandoc not installed") end
  local r = resolver()
  local items = { assert(r:resolve(COOPERMAN_DOI)), assert(r:resolve("38061786")), assert(r:resolve(ILGEN_DOI)),
                  assert(set_resolver("decoys"):resolve{ text = SHORT }) }   -- with custom.trialcite_match
  items[4].id = "free-text"
  local dir = t.tmpdir()
  local bib = io.open(dir .. "/refs.json", "w"); bib:write(tc.json_encode(items)); bib:close()
  local md = io.open(dir .. "/doc.md", "w")
  md:write(string.format("Trials [@%s; @%s; @%s; @%s].\n", items[1].id, items[2].id, items[3].id, items[4].id)); md:close()
  local p = io.popen(string.format("pandoc --citeproc --bibliography '%s/refs.json' -t plain '%s/doc.md' 2>&1", dir, dir))
  local out = p:read("a"); p:close()
  t.ok(not out:find("not found") and not out:find("rror"), out)
  t.ok(out:find("Cooperman, Nina A%."), "author rendered: " .. out)
  t.ok(out:find("Ilgen, Mark A%."), "second item: " .. out)
  t.ok(out:find("2024") and out:find("JAMA Psychiatry") and out:find("338"), out)
end)

t.test("stop the test server", function() if srv then srv:stop() end end)
