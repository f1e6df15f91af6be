-- A fixed set of calls to the public Lua API, printed as one line of canonical JSON per
-- call.  tests/test_backends.lua runs it under lua5.4 (the C module) and under luajit
-- (the FFI backend, lua/trialcite/ffi.lua) and compares the two outputs byte for byte.
-- Lua 5.1 syntax (LuaJIT loads it).  Arguments: SEEDS_DIR [RESOLVER_URL CACHE_DIR].
-- Texts are read from SEEDS_DIR at run time; none is copied here.
local tc = require "trialcite"

local seeds_dir, url, cache_dir = arg[1], arg[2], arg[3]

-- ---- canonical JSON: sorted keys, integers as %d, others %.17g -------------------------

local function esc(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    if c == '"' then return '\\"' elseif c == "\\" then return "\\\\" end
    return string.format("\\u%04x", c:byte())
  end) .. '"'
end

local function canon(v, depth)
  depth = depth or 0
  if depth > 40 then return '"<deep>"' end
  if v == nil or v == tc.null then return "null" end
  local ty = type(v)
  if ty == "boolean" then return tostring(v) end
  if ty == "number" then
    if v ~= v then return '"nan"' end
    if v == math.floor(v) and v > -1e15 and v < 1e15 then return string.format("%d", v) end
    return string.format("%.17g", v)
  end
  if ty == "string" then return esc(v) end
  if ty ~= "table" then return '"<' .. ty .. '>"' end
  if tc.is_doc and tc.is_doc(v) then return '"<doc ' .. #v:citations() .. ' citations>"' end
  local n = #v
  local keys, count = {}, 0
  for k in pairs(v) do count = count + 1; keys[#keys + 1] = k end
  if n > 0 and count == n then
    local out = {}
    for i = 1, n do out[i] = canon(v[i], depth + 1) end
    return "[" .. table.concat(out, ",") .. "]"
  end
  for i, k in ipairs(keys) do keys[i] = tostring(k) end
  table.sort(keys)
  local out = {}
  for _, k in ipairs(keys) do
    local val = v[k]
    if val == nil then val = v[tonumber(k)] end
    out[#out + 1] = esc(k) .. ":" .. canon(val, depth + 1)
  end
  return "{" .. table.concat(out, ",") .. "}"
end

-- An error message without the "file:line:" its raiser's position adds, and with the
-- names Lua's C API gives C functions ("trialcite.core.parse", "calling 'x' on bad
-- self", "got no value") as a Lua function says them.
local function errmsg(e)
  e = tostring(e)
  e = e:gsub("^[^\n:]*%.lua:%d+: ", ""):gsub("^%[string [^%]]*%]:%d+: ", "")
  e = e:gsub("^bad argument #(%d+) to 'trialcite%.core%.", "bad argument #%1 to '")
  e = e:gsub("^bad argument #(%d+) to 'trialcite%.", "bad argument #%1 to '")
  e = e:gsub("^calling '([%w_]+)' on bad self", "bad argument #1 to '%1'")
  e = e:gsub("got no value%)$", "got nil)")
  return e
end

local function show(name, ...)
  local n = select("#", ...)
  local vals = {}
  for i = 1, n do vals[i] = canon((select(i, ...))) end
  io.write(name, "\t", "[", table.concat(vals, ","), "]\n")
end

-- Runs f and prints its results, or "raises" and the message.
local function call(name, f, ...)
  local r = { pcall(f, ...) }
  if r[1] then show(name, unpack(r, 2, table.maxn(r)))
  else io.write(name, "\traises\t", errmsg(r[2]), "\n") end
end
unpack = unpack or table.unpack

local function read(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read("*a")
  f:close()
  return s
end

-- ---- texts ------------------------------------------------------------------------------

local texts = {
  { "synthetic-en", "Background\n\nA first trial (1) found a hazard ratio of 0.58 (95% CI 0.37 to 0.90) at 16 weeks.\n"
    .. "Two others (2,3) agreed, and a review [4-6] did not.\n\nResults\n\nThe difference was 5.2 points (p=0.02) (7).\n"
    .. "An odds ratio of 2.5 (95% CI 1.1 to 2.0) was reported (8).\n" },
  { "synthetic-fr", "Contexte\n\nLe risque relatif de 0,80 (IC à 95% de 0,70 à 0,91) (1-3) et 57% des patients (4).\n" },
  { "invalid-utf8", "Invalid \255\254 UTF-8 (1) and p<0.05 (2)." },
  { "empty", "" },
}
if seeds_dir then
  local p = io.popen("ls '" .. seeds_dir:gsub("'", "'\\''") .. "' 2>/dev/null")
  local names = {}
  for f in p:lines() do if f:match("%.txt$") then names[#names + 1] = f end end
  p:close()
  table.sort(names)
  for _, f in ipairs(names) do
    local s = read(seeds_dir .. "/" .. f)
    if s then texts[#texts + 1] = { "seed " .. f, s } end
  end
end

show("VERSION", tc.VERSION)

local docs = {}
for _, t in ipairs(texts) do
  local name, text = t[1], t[2]
  local d = tc.parse(text, { id = name })
  docs[#docs + 1] = d
  show(name .. " lang/id", d:lang(), d:id(), d:text() == text)
  for _, m in ipairs({ "citations", "references", "statistics", "checks", "sections", "sentences" }) do
    show(name .. " " .. m, d[m](d))
  end
  show(name .. " recognize", tc.recognize(d))
  local refs = d:references()
  for _, r in ipairs(refs) do show(name .. " lookup " .. r.number, tc.lookup(r.number, d)) end
  show(name .. " reference(2)", d:reference(2))
  show(name .. " lookup misses", { tc.lookup(9999, d) }, { tc.lookup(1.5, d) }, { tc.lookup(1e20, d) }, { tc.lookup(0, d) })
  show(name .. " to_json decoded", tc.json_decode(d:to_json()))
  show(name .. " extract_trial", tc.extract_trial(d), { tc.extract_trial_reference(d) })
end

-- A text large enough to be read in shares on two threads gives what one thread gives.
if #texts > 4 then
  local parts = {}
  for i = 5, #texts do parts[#parts + 1] = texts[i][2] end
  local unit = table.concat(parts, "\n")
  local big = string.rep(unit .. "\n", math.ceil(3e6 / (#unit + 1)))
  local one, two = tc.parse(big, { threads = 1 }), tc.parse(big, { threads = 2 })
  show("large text on 1 and 2 threads", #big >= 3e6, one:to_json() == two:to_json(), #two:statistics() > 0)
end

-- ---- bundled data ------------------------------------------------------------------------

show("documents", tc.documents())
show("trials", tc.trials())
for _, doc in ipairs(tc.documents()) do
  show("document " .. doc.id, tc.document(doc.id))
  for _, r in ipairs(tc.document(doc.id).references or {}) do
    show("lookup " .. doc.id .. " " .. r.number, tc.lookup(r.number, doc.id))
  end
end
for _, k in ipairs({ "cooperman-2024", "ilgen-2020", "https://doi.org/10.1001/JAMAPsychiatry.2023.5138", "NCT00000000", "nope" }) do
  show("trial " .. k, tc.trial(k))
end
show("document nope", tc.document("nope"))

-- ---- enrichment -------------------------------------------------------------------------

local items = {
  { id = "a", type = "article-journal", title = "First", ["citation-number"] = 9 },
  { id = "b", type = "article-journal", title = "Second", ["citation-number"] = "19", custom = { mine = 1 } },
  { id = "c", type = "book", title = "Third" },
}
for _, doc in ipairs(tc.documents()) do
  show("annotate " .. doc.id, tc.annotate(items, doc.id))
  show("annotate note " .. doc.id, tc.annotate(items, doc.id, { field = "note" }))
  show("annotate_bibtex " .. doc.id, tc.annotate_bibtex("@article{a,\n  title = {First},\n}\n\n@book{b, title=\"Second\"}\n", doc.id))
end
show("annotate parsed", tc.annotate(items, docs[1]))

-- ---- hosts: forest plot, batch parsing, user data ----------------------------------------

for _, tr in ipairs(tc.trials()) do
  show("forest_svg " .. tr.id, tc.forest_svg(tr))
  show("forest_svg opts " .. tr.id, tc.forest_svg(tr.results, { width = 500, title = "T <&>" }))
end
show("forest_svg empty", tc.forest_svg({}))
show("forest_svg no results", tc.forest_svg({ id = "x" }))

local many_in = { "A (1).", 42, "B (2,3) HR 0.5 (95% CI 0.4 to 0.6).", {}, "" }
for _, threads in ipairs({ 1, 3 }) do
  local out = tc.parse_many(many_in, { threads = threads, ids = { "one", "two", "three" }, lang = "en" })
  local rows = {}
  for i = 1, #many_in do
    local d = out[i]
    if tc.is_doc(d) then rows[i] = { id = d:id() or tc.null, lang = d:lang(), citations = d:citations() }
    else rows[i] = d end
  end
  show("parse_many threads " .. threads, #out, rows)
end

local user = [[{"trials": [{"id": "x-1", "title": "T", "results": [
  {"outcome": "o", "measure": "HR", "value": 0.5, "ci": {"level": 95, "low": 0.3, "high": 0.8}}]}]}]]
local data = tc.load_trials(user)
show("load_trials methods", data:trials(), data:trial("x-1"), { data:trial("nope") }, data:documents(),
  { data:document("nope") }, { data:recognize(docs[1]) })
data:close()
call("load_trials closed", function() return data:trials() end)
show("load_trials bad", { tc.load_trials('{"trials": [{"title": 1}]}') }, { tc.load_trials("[") },
  { tc.load_trials('{"trials": []} {"trials": []}') })

-- ---- helpers -----------------------------------------------------------------------------

show("clean", tc.clean("niet-\n\ndrugs  en\t\tmeer \n"), tc.clean(""))
for _, s in ipairs({ "10.1001/JAMAPsychiatry.2023.5138", "doi:10.1/x.", "https://doi.org/10.1002/%28SICI%291097", "hello", "" }) do
  show("doi_normalize " .. s, tc.doi_normalize(s))
end
show("json_decode", tc.json_decode('{"a":[1,2.5,-3e-7,"x\\n",true,false,{}],"b":"\\u00e9"}'),
  { tc.json_decode("[1,") ~= nil, type(select(2, tc.json_decode("[1,"))) })   -- the wording is the decoder's

-- ---- misuse: the same message on both backends -------------------------------------------

call("parse(42)", tc.parse, 42)
call("parse lang", tc.parse, "x", { lang = "de" })
call("parse lang number", tc.parse, "x", { lang = 3 })
call("parse threads", tc.parse, "x", { threads = -1 })
call("parse threads fraction", tc.parse, "x", { threads = 1.5 })
call("parse threads string", tc.parse, "x", { threads = "2" })
call("parse_file threads", tc.parse_file, "no-such-file", { threads = 256 })
call("lookup('1')", tc.lookup, "1", "minerva-20707")
call("lookup unknown id", tc.lookup, 1, "no-such-document")
call("annotate string", tc.annotate, "x", "minerva-20707")
call("annotate field", tc.annotate, {}, "minerva-20707", { field = "title" })
call("annotate_bibtex field", tc.annotate_bibtex, "", "minerva-20707", { field = "note" })
call("forest_svg string", tc.forest_svg, "x")
call("extract_trial string", tc.extract_trial, "x")
call("extract_trial opts", tc.extract_trial, tc.parse("x"), 5)
call("parse_many string", tc.parse_many, "x")
call("parse_many threads", tc.parse_many, {}, { threads = -1 })
call("parse_many lang", tc.parse_many, {}, { lang = "de" })
call("load_trials()", tc.load_trials)
call("resolver bogus", tc.resolver, { bogus = 1 })
call("resolver url", tc.resolver, { crossref_url = "file:///etc/passwd" })
call("resolver timeout type", tc.resolver, { timeout = "x" })
local closed = docs[1]
closed:close(); closed:close()
call("closed doc", function() return closed:citations() end)

-- ---- resolver against the loopback server (tests/server/httpd.c) -------------------------

if url then
  local r = tc.resolver({ crossref_url = url, pubmed_url = url, cache_dir = cache_dir, mailto = "tests@example.org", timeout = 5 })
  show("resolve doi", r:resolve("https://doi.org/10.1001/JAMAPsychiatry.2023.5138"))
  show("resolve pmid", r:resolve({ pmid = "38061786" }))
  show("resolve pmcid", r:resolve({ pmcid = "PMC10704342" }))
  show("resolve not a doi", r:resolve("10.12"))
  show("resolve missing", r:resolve("10.5555/does-not-exist"))
  local seen = {}
  local list = r:resolve_many({ "10.1001/jamapsychiatry.2020.2369", { pmid = 38061786 }, "10.12", "10.5555/markup" },
    { on_progress = function(done, total, item, i) seen[#seen + 1] = { total = total, index = i, ok = item.error == nil } end })
  table.sort(seen, function(a, b) return a.index < b.index end)
  show("resolve_many", list, seen)
  local stopped = r:resolve_many({ "10.1001/jamapsychiatry.2020.2369", "10.1001/jamapsychiatry.2023.5138" },
    { on_progress = function() return false end })
  local n_cancelled = 0
  for _, x in ipairs(stopped) do if x.error == "cancelled" then n_cancelled = n_cancelled + 1 end end
  show("resolve_many cancelled", #stopped, n_cancelled)
  call("resolve_many raising", function()
    return r:resolve_many({ "10.1001/jamapsychiatry.2020.2369" }, { on_progress = function() error("from on_progress", 0) end })
  end)
  call("resolve misuse", function() return r:resolve(42) end)
  r:close(); r:close()
  call("resolve closed", function() return r:resolve("10.1/x") end)
end
io.write("END\n")
