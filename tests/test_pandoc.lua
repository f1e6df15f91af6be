-- The pandoc filter (lua/trialcite/filter.lua): a Markdown sample with citation markers
-- becomes HTML whose numbers link to #ref-N entries of an appended references section;
-- module mode and CLI mode (TRIALCITE_FILTER_MODE=cli, or a module that does not load)
-- give the same HTML.  Skips, visibly, without pandoc, and the module-mode cases
-- without a build of the module for pandoc's Lua (make LUA_VERSION=5.3 on Debian 12).
local t = require "harness"
local tc = require "trialcite"

local here = debug.getinfo(1, "S").source:sub(2):match("^(.*)/[^/]*$") or "."
local ROOT = here .. "/.."
local FILTER = ROOT .. "/lua/trialcite/filter.lua"
local CLI = ROOT .. "/lua/trialcite/cli.lua"
local tmp = t.tmpdir()
-- the interpreter the CLI runs under (the one running the tests: its module is on LUA_CPATH)
local LUA = os.getenv("LUA") or ("lua" .. _VERSION:match("%d+%.%d+"))

local function q(s) return "'" .. tostring(s):gsub("'", "'\\''") .. "'" end
local function write(path, s) local f = assert(io.open(path, "wb")); f:write(s); f:close() end
local function exists(path) local f = io.open(path, "rb"); if f then f:close() end; return f ~= nil end

local pandoc_lua   -- "5.3", "5.4", or false when there is no usable pandoc

--- pandoc's Lua version (from a one-line filter), or skips.
local function need_pandoc()
  if os.getenv("TRIALCITE_UNDER_SANITIZER") or os.getenv("TRIALCITE_UNDER_VALGRIND") then
    t.skip("pandoc runs outside the sanitizer/valgrind build")
  end
  if pandoc_lua == nil then
    pandoc_lua = false
    if os.execute("command -v pandoc >/dev/null 2>&1") then
      write(tmp .. "/v.lua", "io.stderr:write(_VERSION)\nreturn {}\n")
      local p = io.popen("echo x | pandoc --lua-filter " .. q(tmp .. "/v.lua") .. " -t plain 2>&1 >/dev/null")
      local v = p:read("a") or ""
      p:close()
      pandoc_lua = v:match("Lua (%d+%.%d+)") or false
    end
  end
  if not pandoc_lua then t.skip("pandoc (with Lua filters) not installed: apt-get install pandoc") end
  return pandoc_lua
end

--- The directory holding trialcite/core.so for pandoc's Lua, or skips.
local function need_module()
  local v = need_pandoc()
  local build = os.getenv("TRIALCITE_BUILD") or (ROOT .. "/build")
  local dir = v == "5.4" and build or (os.getenv("TRIALCITE_BUILD53") or (build .. "/" .. v))
  if not exists(dir .. "/trialcite/core.so") then
    t.skip("no Lua " .. v .. " build of the module in " .. dir .. " (make LUA_VERSION=" .. v .. "; needs liblua" .. v .. "-dev)")
  end
  return dir, v
end

--- Runs pandoc with the filter; env: extra assignments.  Returns html, stderr.
local function pandoc(input, env, filter)
  local out, err = tmp .. "/out.html", tmp .. "/err"
  os.remove(out)
  local cmd = string.format("%s TRIALCITE_FILTER_DEBUG=1 TRIALCITE_LUA=%s pandoc %s --wrap=none --lua-filter %s -t html -o %s 2>%s",
    env or "", q(LUA), q(input), q(filter or FILTER), q(out), q(err))
  local ok = os.execute(cmd)
  local e = t.read(err)
  t.ok(ok, "pandoc failed: " .. e)
  return t.read(out), e
end

local function module_env(dir, v)
  return "LUA_CPATH_" .. v:gsub("%.", "_") .. "=" .. q(dir .. "/?.so;;")
end

local SAMPLE = [[
---
title: A made-up appraisal
trialcite-lang: en
---

# Background

Earlier reviews disagreed (1-3). A later trial reported a hazard ratio of 0.62
(95% CI 0.41 to 0.93) for the primary outcome [4]. *Two* cohort studies (2, 5) did not.

A quoted claim "as shown before (6)" is linked too.
]]

local function check_links(html)
  for _, n in ipairs({ 1, 3, 4, 2, 5, 6 }) do
    t.ok(html:find('<a href="#ref%-' .. n .. '"'), "a link to #ref-" .. n)
  end
  for n = 1, 6 do
    local _, k = html:gsub('<div id="ref%-' .. n .. '" class="trialcite%-reference"', "")
    t.eq(k, 1, "one entry with id ref-" .. n)
  end
  local _, total = html:gsub('class="trialcite%-reference"', "")
  t.eq(total, 6, "one entry per cited number")
  t.ok(html:find('id="trialcite-references"', 1, true), "a references section")
  t.ok(html:find("(95% CI 0.41 to 0.93)", 1, true), "statistics are not links")
  local a = html:find('id="trialcite-references"', 1, true)
  local b = html:find('href="#ref-1"', 1, true)
  t.ok(b < a, "the section is appended after the text")
end

t.test("filter, CLI mode: numbers link to #ref-N entries", function()
  need_pandoc()
  local input = tmp .. "/sample.md"
  write(input, SAMPLE)
  local html, err = pandoc(input, "TRIALCITE_FILTER_MODE=cli")
  t.ok(err:find("trialcite filter: cli"), "CLI mode: " .. err)
  check_links(html)
end)

t.test("filter, module mode: the same HTML as CLI mode", function()
  local dir, v = need_module()
  local input = tmp .. "/sample.md"
  write(input, SAMPLE)
  local html, err = pandoc(input, module_env(dir, v))
  t.ok(err:find("trialcite filter: module"), "module mode: " .. err)
  check_links(html)
  local cli = pandoc(input, "TRIALCITE_FILTER_MODE=cli")
  t.eq(html, cli, "module and CLI output")
end)

t.test("filter: a bundled document and a CSL-JSON bibliography, same in both modes", function()
  need_pandoc()
  local bib = tmp .. "/refs.json"
  write(bib, tc.json_encode({
    { id = "a", type = "article-journal", ["citation-number"] = 2, title = "Second & made-up paper",
      author = { { family = "Zed", given = "Q." } }, ["container-title"] = "J Test",
      issued = { ["date-parts"] = { { 2019 } } }, DOI = "10.9999/test.2" },
  }))
  local input = tmp .. "/bundled.md"
  write(input, "---\ntrialcite-document: minerva-20577\ntrialcite-bibliography: " .. bib ..
    "\n---\n\nA first claim (1,2). The trial itself (9).\n")
  local cli = pandoc(input, "TRIALCITE_FILTER_MODE=cli")
  local record = tc.document("minerva-20577")
  local cited_for = {}
  for _, r in ipairs(record.references) do cited_for[r.number] = r.cited_for end
  for _, n in ipairs({ 1, 2, 9 }) do
    local entry = cli:match('<div id="ref%-' .. n .. '".-</div>')
    t.ok(entry, "entry " .. n)
    local words = cited_for[n]:match("^(%S+%s+%S+)")
    t.ok(entry:find(words, 1, true), "cited_for of " .. n .. " in " .. entry)
  end
  t.ok(cli:match('<div id="ref%-2".-</div>'):find("Second &amp; made-up paper", 1, true), "bibliography entry")
  t.ok(cli:match('<div id="ref%-9".-</div>'):find(tc.trial("ilgen-2020").citation.DOI, 1, true), "the trial's DOI")
  local ok = pcall(need_module)
  if ok then
    local dir, v = need_module()
    local html = pandoc(input, module_env(dir, v))
    t.eq(html, cli, "module and CLI output")
  end
end)

t.test("filter: falls back to the CLI when the module does not load", function()
  need_pandoc()
  -- A copy of the filter away from the checkout finds no module and no cli.lua next
  -- to it; TRIALCITE_CLI names the command.
  local dir = tmp .. "/elsewhere/lua/trialcite"
  assert(os.execute("mkdir -p " .. q(dir)))
  write(dir .. "/filter.lua", t.read(FILTER))
  local input = tmp .. "/sample.md"
  write(input, SAMPLE)
  local v = need_pandoc():gsub("%.", "_")
  local html, err = pandoc(input, "LUA_PATH_" .. v .. "=/nonexistent/?.lua LUA_CPATH_" .. v .. "=/nonexistent/?.so " ..
    "TRIALCITE_CLI=" .. q("env -u LUA_PATH_5_4 -u LUA_CPATH_5_4 -u LUA_PATH_5_3 -u LUA_CPATH_5_3 " .. LUA .. " " .. CLI), dir .. "/filter.lua")
  t.ok(err:find("the module did not load"), "fallback reported: " .. err)
  check_links(html)
  local cli = pandoc(input, "TRIALCITE_FILTER_MODE=cli")
  t.eq(html, cli, "the same HTML")
end)

--- Runs pandoc expecting failure; returns exit status and stderr.
local function pandoc_fails(input, env, filter)
  local err = tmp .. "/err"
  local cmd = string.format("%s pandoc %s --lua-filter %s -t html -o %s 2>%s",
    env or "", q(input), q(filter or FILTER), q(tmp .. "/fail.html"), q(err))
  local ok, _, code = os.execute(cmd)
  return ok and 0 or code, t.read(err)
end

--- Both modes that can run here: { {name, env}, ... } (module mode when a build for
-- pandoc's Lua exists).
local function modes()
  local list = { { "cli", "TRIALCITE_FILTER_MODE=cli" } }
  local ok, dir, v = pcall(need_module)
  if ok then table.insert(list, 1, { "module", module_env(dir, v) }) end
  return list
end

t.test("filter on the second seed: 30 entries, every written number linked, entry 19's hazard ratios", function()
  need_pandoc()
  local text = t.seed(t.SEED2)
  -- the numbers as written in its markers, from the library's own parse of the text
  local written = 0
  for _, c in ipairs(tc.parse(text):citations()) do
    local cited = {}
    for _, n in ipairs(c.refs) do cited[n] = true end
    for d in c.text:gmatch("%d+") do if cited[tonumber(d)] then written = written + 1 end end
  end
  t.ok(written >= 20, "the seed's markers: " .. written)
  local input = tmp .. "/seed2.md"
  write(input, text)
  local outputs = {}
  for _, mode in ipairs(modes()) do
    local html, err = pandoc(input, mode[2])
    t.ok(err:find("trialcite filter: " .. mode[1]), mode[1] .. " mode: " .. err)
    local _, entries = html:gsub('<div id="ref%-%d+" class="trialcite%-reference"', "")
    t.eq(entries, 30, mode[1] .. ": entries")
    local _, links = html:gsub('<a href="#ref%-%d+" class="trialcite%-ref"[^>]*>%d+</a>', "")
    t.eq(links, written, mode[1] .. ": every written number linked")
    local e19 = html:match('<div id="ref%-19".-</div>')
    t.ok(e19, mode[1] .. ": entry 19")
    for _, want in ipairs({ "HR 0,58 (95% BI 0,37 tot 0,90)", "HR 0,41 (95% BI 0,18 tot 0,96)" }) do
      t.ok(e19:find(want, 1, true), mode[1] .. ": " .. want .. " in " .. e19)
    end
    -- one block per entry: a single paragraph starting with the number, never a bare "1."
    for n = 1, 30 do
      local e = html:match('<div id="ref%-' .. n .. '".-</div>')
      local _, paras = e:gsub("<p>", "")
      t.eq(paras, 1, mode[1] .. ": one paragraph in entry " .. n)
      t.ok(e:find("<p><strong>" .. n .. ".</strong> %S"), mode[1] .. ": number then text in " .. e)
    end
    t.ok(not html:find("<p><strong>%d+%.</strong></p>"), mode[1] .. ": no bare number paragraph")
    -- 19 is cited for two studies: each link's tooltip is the use at its place
    local other = tc.document("minerva-20707")
    local uses = {}
    for _, r in ipairs(other.references) do if r.number == 19 then uses = r end end
    local titles = {}
    for title in html:gmatch('<a href="#ref%-19" class="trialcite%-ref" title="([^"]*)"') do titles[#titles + 1] = title end
    t.eq(#titles, 2, mode[1] .. ": two markers cite 19")
    t.eq(titles[1], uses.other_uses[1].cited_for, mode[1] .. ": the background's use of 19")
    t.eq(titles[2], uses.cited_for, mode[1] .. ": the design's use of 19")
    outputs[#outputs + 1] = html
  end
  if outputs[2] then t.eq(outputs[1], outputs[2], "module and CLI output") end
end)

t.test("filter: a bibliography that is not a CSL-JSON array is an error naming the file, in both modes", function()
  need_pandoc()
  local bib = tmp .. "/object-bib.json"
  write(bib, '{"items": [{"id": "a", "title": "x"}]}')
  local input = tmp .. "/objbib.md"
  write(input, "---\ntrialcite-bibliography: " .. bib .. "\n---\n\nA claim (1).\n")
  local messages = {}
  for _, mode in ipairs(modes()) do
    local code, err = pandoc_fails(input, mode[2])
    t.ok(code ~= 0, mode[1] .. ": non-zero exit")
    t.ok(err:find(bib, 1, true) and err:find("not a CSL%-JSON array"), mode[1] .. ": " .. err)
    messages[#messages + 1] = err:match("trialcite filter: [^\n]*")
  end
  if messages[2] then t.eq(messages[1], messages[2], "the same wording in both modes") end
  write(bib, "[{\"id\": ")
  local code, err = pandoc_fails(input, "TRIALCITE_FILTER_MODE=cli")
  t.ok(code ~= 0 and err:find(bib, 1, true) and err:find("malformed JSON"), "malformed: " .. err)
end)

local WITH_LIST = [[
---
trialcite-lang: en
---

# Background

Earlier reviews disagreed (1-3), and a trial [4] did not.

| Outcome | Effect |
|---|---|
| pain (5) | HR 0.62 (95% CI 0.41 to 0.93) |

# References

1. Smith J. A made-up paper (2). J Test 2020;1:1-2.
2. Jones K. Another one. 2019.
3. Doe A. A third (4).
4. Roe B. A fourth.
]]

t.test("filter: the document's own reference list is annotated, not linked, and not repeated", function()
  need_pandoc()
  local input = tmp .. "/withlist.md"
  write(input, WITH_LIST)
  local outputs = {}
  for _, mode in ipairs(modes()) do
    local html = pandoc(input, mode[2])
    t.ok(not html:find('id="trialcite-references"', 1, true), mode[1] .. ": no second list appended")
    local list = html:match("<ol.-</ol>")
    t.ok(list, mode[1] .. ": the document's list")
    t.ok(not list:find('href="#ref', 1, true), mode[1] .. ": markers inside the reference list are not linked")
    for n = 1, 4 do
      local e = list:match('<div id="ref%-' .. n .. '" class="trialcite%-reference">.-</div>')
      t.ok(e, mode[1] .. ": entry " .. n .. " annotated in place")
      t.ok(e:find("Cited in:", 1, true), mode[1] .. ": what it is cited for in " .. e)
    end
    t.ok(list:find("A made-up paper (2)", 1, true), mode[1] .. ": the entry's own text kept")
    -- 5 is cited (in a table cell) but has no entry: it follows the list
    local cell = html:match("<td>pain.-</td>")
    t.ok(cell and cell:find('<a href="#ref-5"', 1, true), mode[1] .. ": the marker in a table cell is linked: " .. tostring(cell))
    local after = html:match("</ol>(.*)$")
    t.ok(after:find('<div id="ref-5" class="trialcite-reference">', 1, true), mode[1] .. ": 5 after the list")
    local _, n = html:gsub('class="trialcite%-reference"', "")
    t.eq(n, 5, mode[1] .. ": one entry per cited number")
    outputs[#outputs + 1] = html
  end
  if outputs[2] then t.eq(outputs[1], outputs[2], "module and CLI output") end
end)

t.test("filter: without the module and without a CLI, the error says to set TRIALCITE_CLI", function()
  need_pandoc()
  local dir = tmp .. "/alone"
  assert(os.execute("mkdir -p " .. q(dir .. "/bin")))
  write(dir .. "/filter.lua", t.read(FILTER))
  local p = io.popen("command -v pandoc")
  local pandoc_bin = p:read("l")
  p:close()
  assert(os.execute("ln -sf " .. q(pandoc_bin) .. " " .. q(dir .. "/bin/pandoc")))
  local input = tmp .. "/sample.md"
  write(input, SAMPLE)
  local v = need_pandoc():gsub("%.", "_")
  local code, err = pandoc_fails(input, "env -u TRIALCITE_CLI PATH=" .. q(dir .. "/bin") .. " LUA_PATH_" .. v
    .. "=/nonexistent/?.lua LUA_CPATH_" .. v .. "=/nonexistent/?.so", dir .. "/filter.lua")
  t.ok(code ~= 0, "non-zero exit")
  t.ok(err:find("set TRIALCITE_CLI", 1, true), "names TRIALCITE_CLI: " .. err)
end)
