-- The Neovim host (plugin/trialcite.lua, lua/trialcite/nvim.lua, health.lua), the LuaJIT
-- FFI backend (lua/trialcite/ffi.lua) against the Lua 5.4 module, the portable JSON
-- module (lua/trialcite/json.lua) and `trialcite doctor`.  nvim and luajit are started
-- as child processes; the tests that need them skip visibly when they are missing.
local t = require "harness"
local tc = require "trialcite"
local json = require "trialcite.json"

local here = debug.getinfo(1, "S").source:sub(2):match("^(.*)/[^/]*$") or "."
local ROOT = here .. "/.."
local CLI = ROOT .. "/lua/trialcite/cli.lua"
local LUA = os.getenv("LUA") or "lua5.4"

local function q(s) return "'" .. tostring(s):gsub("'", "'\\''") .. "'" end

local have, library, need_plain_build = t.have, t.library, t.need_plain_build

local tmp = t.tmpdir()

local function write(path, s) local f = assert(io.open(path, "wb")); f:write(s); f:close() end

-- Runs body (Lua source) inside `nvim --headless --clean --cmd 'set rtp+=.'` at the
-- repository root.  The body fills the table `out` and may read `P` (params); returns
-- `out` decoded, or fails with nvim's output.
local run_no = 0
local function nvim(body, params)
  if not have("nvim") then t.skip("nvim is not installed (apt-get install neovim)") end
  need_plain_build("the Neovim test")
  local lib = library()
  run_no = run_no + 1
  local script, result, log = tmp .. "/nvim" .. run_no .. ".lua", tmp .. "/result" .. run_no .. ".json", tmp .. "/log" .. run_no
  write(script, table.concat({
    "local P = vim.fn.json_decode(" .. string.format("%q", tc.json_encode(params or {})) .. ")",
    "local out = {}",
    "local function split(s) local l, i = {}, 1",
    "  while true do local a = s:find('\\n', i, true)",
    "    if not a then l[#l + 1] = s:sub(i); return l end",
    "    l[#l + 1] = s:sub(i, a - 1); i = a + 1 end end",
    "local function load_text(s) vim.api.nvim_buf_set_lines(0, 0, -1, false, split(s)) end",
    "local ok, err = xpcall(function()", body, "end, debug.traceback)",
    "out.ok, out.err = ok, (not ok) and tostring(err) or nil",
    "local f = io.open(" .. string.format("%q", result) .. ", 'wb')",
    "f:write(vim.fn.json_encode(out)); f:close()",
    "vim.cmd('qa!')",
  }, "\n"))
  local cmd = string.format("cd %s && TRIALCITE_LIB=%s %s nvim --headless --clean --cmd 'set rtp+=.' -c %s </dev/null >%s 2>&1",
    q(ROOT), q(lib), have("timeout") and "timeout 60" or "", q("luafile " .. script), q(log))
  os.execute(cmd)
  local f = io.open(result, "rb")
  if not f then error("nvim wrote no result; its output:\n" .. t.read(log)) end
  local out = assert(tc.json_decode(f:read("a")))
  f:close()
  if not out.ok then error("inside nvim: " .. tostring(out.err) .. "\nnvim output:\n" .. t.read(log)) end
  return out, t.read(log)
end

local SYNTHETIC = "Background\n\nA first trial (1) found a hazard ratio of 0.58 (95% CI 0.37 to 0.90) at 16 weeks.\n"
  .. "Two others (2,3) agreed, and a review [4-6] did not.\n\nResults\n\nThe difference was 5.2 points (p=0.02) (7).\n"

-- 0-based row and byte column of a 1-based offset in text.
local function rowcol(text, off)
  local row, start = 0, 1
  while true do
    local a = text:find("\n", start, true)
    if not a or a >= off then break end
    row, start = row + 1, a + 1
  end
  return row, off - start
end

local function expected_marks(text)
  local d = tc.parse(text)
  local marks = {}
  for _, c in ipairs(d:citations()) do
    local r, col = rowcol(text, c.start)
    marks[#marks + 1] = { r, col }
  end
  return marks, d
end

local ANNOTATE = [[
  load_text(P.text)
  local ns = vim.api.nvim_create_namespace("trialcite")
  vim.cmd("TrialciteAnnotate")
  local marks = vim.api.nvim_buf_get_extmarks(0, ns, 0, -1, { details = true })
  out.marks, out.virt = {}, {}
  for _, m in ipairs(marks) do
    out.marks[#out.marks + 1] = { m[2], m[3] }
    local vt = m[4].virt_text
    local s = ""
    if vt then for _, ch in ipairs(vt) do s = s .. ch[1] end end
    out.virt[#out.virt + 1] = s
  end
  vim.cmd("TrialciteAnnotate")   -- twice: still one extmark per marker
  out.again = #vim.api.nvim_buf_get_extmarks(0, ns, 0, -1, {})
  vim.cmd("TrialciteClear")
  out.cleared = #vim.api.nvim_buf_get_extmarks(0, ns, 0, -1, {})
  out.hl = vim.fn.hlexists("TrialciteMarker") == 1 and vim.fn.hlexists("TrialciteWarning") == 1
]]

t.test("nvim: require 'trialcite' works through the FFI; setup exists", function()
  local out = nvim([[
    local tc = require "trialcite"
    out.backend, out.version, out.library = tc.backend, tc.VERSION, tc.library
    out.jit = jit ~= nil
    local d = tc.parse("A trial (1,2) and another (3-5).")
    out.refs = d:citations()[2].refs
    out.setup = type(tc.setup) == "function"
    tc.setup({ max_width = 42, lookup = { float = false } })
    local cfg = require("trialcite.nvim").config
    out.max_width, out.float, out.border = cfg.max_width, cfg.lookup.float, cfg.lookup.border
    out.commands = vim.fn.exists(":TrialciteAnnotate") == 2 and vim.fn.exists(":TrialciteLookup") == 2
      and vim.fn.exists(":TrialciteClear") == 2
    out.loaded = vim.g.loaded_trialcite
  ]])
  t.eq(out.backend, "ffi", "backend")
  t.ok(out.jit, "LuaJIT")
  t.eq(out.version, tc.VERSION, "version")
  t.eq(out.library, library(), "the library under test")
  t.eq(out.refs, { 3, 4, 5 }, "range expanded through the FFI")
  t.ok(out.setup, "setup is a function")
  t.eq(out.max_width, 42, "setup option")
  t.eq(out.float, false, "nested setup option")
  t.eq(out.border, "rounded", "defaults kept")
  t.ok(out.commands, "the three commands exist")
  t.eq(out.loaded, 1, "loaded guard")
end)

t.test("nvim: :TrialciteAnnotate on a synthetic text, one extmark per marker; :TrialciteClear", function()
  local want, d = expected_marks(SYNTHETIC)
  t.ok(#want >= 4, "the synthetic text has markers (got " .. #want .. ")")
  local out = nvim(ANNOTATE, { text = SYNTHETIC })
  t.eq(out.marks, want, "extmark positions = citation markers")
  t.eq(out.again, #want, "annotating again does not add marks")
  t.eq(out.cleared, 0, ":TrialciteClear removes them")
  t.ok(out.hl, "highlight groups defined")
  -- not a bundled appraisal: the virtual text shows the citing sentence's statistics
  local cits, stats = d:citations(), d:statistics()
  for i, c in ipairs(cits) do
    for _, s in ipairs(stats) do
      if s.sentence == c.sentence then
        local want_text = s.text:gsub("%s+", " ")
        t.ok(out.virt[i]:find(want_text, 1, true), "marker " .. i .. " shows " .. want_text .. ": " .. out.virt[i])
      end
    end
  end
  local any = false
  for _, s in ipairs(stats) do if s.sentence == cits[1].sentence then any = true end end
  t.ok(any, "the first marker's sentence has a statistic")
end)

t.test("nvim: :TrialciteAnnotate on the first seed (a bundled appraisal)", function()
  local text = t.seed(t.SEED1)
  local want = expected_marks(text)
  local out = nvim(ANNOTATE, { text = text })
  t.eq(#out.marks, #want, "one extmark per citation marker")
  t.eq(out.marks, want, "extmark positions")
  t.eq(out.cleared, 0, "cleared")
  local trial = false
  for _, v in ipairs(out.virt) do if v:find("[9] appraised trial", 1, true) then trial = true end end
  t.ok(trial, "the marker citing 9 names the appraised trial: " .. table.concat(out.virt, " | "))
end)

t.test("nvim: :TrialciteLookup 9 and under the cursor on the first seed", function()
  local text = t.seed(t.SEED1)
  local d = tc.parse(text)
  local nine
  for _, c in ipairs(d:citations()) do
    for _, n in ipairs(c.refs) do if n == 9 and #c.refs == 1 then nine = c end end
  end
  t.ok(nine, "a marker citing only 9")
  local row, col = rowcol(text, nine.start + 1)
  local out = nvim([[
    load_text(P.text)
    local wins = #vim.api.nvim_list_wins()
    vim.cmd("TrialciteLookup 9")
    out.float = vim.api.nvim_win_get_config(0).relative ~= ""
    out.lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
    vim.cmd("close")
    vim.api.nvim_win_set_cursor(0, { P.row + 1, P.col })
    vim.cmd("TrialciteLookup")
    out.cursor_lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
    vim.cmd("close")
    vim.cmd("TrialciteLookup 99")   -- not cited: a warning, no window
    out.wins_after = #vim.api.nvim_list_wins()
    out.wins = wins
    local rec = require("trialcite.nvim").lookup(3)
    out.rec3 = rec and rec.number
  ]], { text = text, row = row, col = col })
  t.ok(out.float, "a floating window")
  local all = table.concat(out.lines, "\n")
  t.ok(all:find("[ 9]", 1, true), "the entry of reference 9: " .. all)
  t.ok(all:find("ilgen-2020", 1, true), "the appraised trial")
  t.eq(out.cursor_lines, out.lines, "the number under the cursor is 9")
  t.eq(out.wins_after, out.wins, "no window for a number not cited")
  t.eq(out.rec3, 3, "lookup() returns the record")
end)

t.test("nvim: :checkhealth trialcite", function()
  local out, log = nvim([[
    vim.cmd("checkhealth trialcite")
    out.lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
  ]])
  local all = table.concat(out.lines, "\n")
  t.ok(all:find("trialcite", 1, true), "a trialcite section: " .. all)
  t.ok(all:find("OK", 1, true), "OK lines: " .. all)
  t.ok(all:find(tc.VERSION, 1, true), "the version")
  t.ok(not all:find("ERROR", 1, true), "no ERROR: " .. all)
  t.ok(not log:find("E5108", 1, true), "no Lua error: " .. log)
end)

-- ---- LuaJIT: the FFI backend equals the Lua 5.4 module ---------------------------------

local COMPARE = [[
local tc = require "trialcite"
local json = require "trialcite.json"
assert(tc.backend == "ffi", "not the FFI backend: " .. tostring(tc.backend))
local function read(p) local f = assert(io.open(p, "rb")); local s = f:read("*a"); f:close(); return s end
local function diff(a, b, path)
  if type(a) == "number" and type(b) == "number" then
    if a ~= b then return path .. ": " .. tostring(a) .. " ~= " .. tostring(b) end
    return nil
  end
  if type(a) ~= type(b) then return path .. ": " .. type(a) .. " ~= " .. type(b) end
  if type(a) ~= "table" then
    if a ~= b then return path .. ": " .. tostring(a) .. " ~= " .. tostring(b) end
    return nil
  end
  for k, v in pairs(a) do local d = diff(v, b[k], path .. "." .. tostring(k)); if d then return d end end
  for k, v in pairs(b) do if a[k] == nil then return path .. "." .. tostring(k) .. ": missing" end end
  return nil
end
local want = assert(json.decode(read(arg[1])))
local texts = assert(json.decode(read(arg[2])))
local n = 0
for i, text in ipairs(texts) do
  local d = tc.parse(text)
  local got = { citations = d:citations(), references = d:references(), statistics = d:statistics(),
    checks = d:checks(), sections = d:sections(), sentences = d:sentences(), lang = d:lang(),
    lookup = tc.lookup(want.docs[i].lookup_n, d) or json.null, text_ok = d:text() == text }
  local recognized = tc.recognize(d)
  got.recognized = recognized or json.null
  for k, v in pairs(want.docs[i]) do
    if k ~= "lookup_n" then
      local e = diff(got[k], v, "text " .. i .. " " .. k)
      if e then print("DIFF " .. e); os.exit(1) end
      n = n + 1
    end
  end
  d:close()
end
local e = diff(tc.documents(), want.documents, "documents") or diff(tc.trials(), want.trials, "trials")
if e then print("DIFF " .. e); os.exit(1) end
print("OK " .. n)
]]

t.test("luajit: the FFI backend's records equal the Lua 5.4 module's on the seeds", function()
  if not have("luajit") then t.skip("luajit is not installed (apt-get install luajit)") end
  need_plain_build("the LuaJIT test")
  local lib = library()
  local texts = { SYNTHETIC, "Invalid \255\254 UTF-8 (1) and p<0.05 (2).", "" }
  local f1 = io.open(t.seeds_dir .. "/" .. t.SEED1, "rb")
  if f1 then texts[#texts + 1] = f1:read("a"); f1:close() end
  local f2 = io.open(t.seeds_dir .. "/" .. t.SEED2, "rb")
  if f2 then texts[#texts + 1] = f2:read("a"); f2:close() end
  local want = { docs = {} }
  for i, text in ipairs(texts) do
    local d = tc.parse(text)
    local refs = d:references()
    local n = refs[1] and refs[#refs].number or 1
    want.docs[i] = { citations = d:citations(), references = refs, statistics = d:statistics(),
      checks = d:checks(), sections = d:sections(), sentences = d:sentences(), lang = d:lang(),
      lookup = tc.lookup(n, d) or json.null, lookup_n = n, text_ok = true,
      recognized = tc.recognize(d) or json.null }
  end
  want.documents, want.trials = tc.documents(), tc.trials()
  -- json.lua keeps bytes as they are: a text with invalid UTF-8 travels unchanged.
  json.is_null = function(v) return v == tc.null end   -- the C module's null (trial data)
  write(tmp .. "/want.json", json.encode(want))
  json.is_null = nil
  write(tmp .. "/texts.json", json.encode(texts))
  write(tmp .. "/compare.lua", COMPARE)
  local p = io.popen(string.format("cd %s && TRIALCITE_LIB=%s LUA_PATH='lua/?.lua;lua/?/init.lua;;' LUA_CPATH=';;' luajit %s %s %s 2>&1",
    q(ROOT), q(lib), q(tmp .. "/compare.lua"), q(tmp .. "/want.json"), q(tmp .. "/texts.json")))
  local out = p:read("a")
  p:close()
  t.ok(out:match("^OK %d+"), "luajit: " .. out)
  if not f1 then t.skip("compared synthetic texts only: seed " .. t.SEED1 .. " not found in " .. t.seeds_dir) end
end)

t.test("luajit: parse errors, closed documents, lookup misses through the FFI", function()
  if not have("luajit") then t.skip("luajit is not installed (apt-get install luajit)") end
  need_plain_build("the LuaJIT test")
  write(tmp .. "/errors.lua", [[
local tc = require "trialcite"
local function raises(f, pat) local ok, e = pcall(f); assert(not ok, "expected an error"); assert(tostring(e):find(pat), tostring(e)) end
raises(function() tc.parse(42) end, "string expected")
raises(function() tc.parse("x", { lang = "de" }) end, "opts.lang")
local d = tc.parse("A (1).", { lang = "en", id = "mine" })
assert(d:lang() == "en" and d:id() == "mine")
assert(tc.lookup(2, d) == nil)
local r, msg = tc.lookup(2, d); assert(msg:find("not cited"), msg)
raises(function() tc.lookup(1, "no-such-document") end, "unknown document id")
assert(select(2, tc.recognize(d)):find("not one of"))
assert(tc.clean("a  \n b") == "a b", tc.clean("a  \n b"))
d:close(); d:close()
raises(function() d:citations() end, "closed")
assert(tostring(d) == "trialcite.doc (closed)")
for i = 1, 200 do tc.parse(("(1) x. "):rep(50)):citations() end
collectgarbage(); collectgarbage()
print("OK")
]])
  local p = io.popen(string.format("cd %s && TRIALCITE_LIB=%s LUA_PATH='lua/?.lua;lua/?/init.lua;;' LUA_CPATH=';;' luajit %s 2>&1",
    q(ROOT), q(library()), q(tmp .. "/errors.lua")))
  local out = p:read("a")
  p:close()
  t.eq(out, "OK\n", "luajit output")
end)

-- ---- lua/trialcite/json.lua (portable; runs here under Lua 5.4 too) --------------------

t.test("json.lua: decodes what the C module encodes, and the reverse", function()
  local cases = {
    { a = 1, b = { 1, 2.5, -3e-7, "x\n\"\\/" }, c = true, d = false, e = "é€😀" },
    setmetatable({}, tc.array_mt), {}, "", 0, -0.1, 1e300, { { { {} } } },
    { ["k y"] = { n = 12345678901234 } },
  }
  for i, v in ipairs(cases) do
    local s = tc.json_encode(v)
    t.eq(json.decode(s), tc.json_decode(s), "case " .. i .. " decode " .. s)
    t.eq(tc.json_decode(json.encode(v)), v, "case " .. i .. " encode " .. json.encode(v))
  end
  t.eq(json.decode('"\\u00e9\\ud83d\\ude00"'), "é😀", "escapes and surrogate pairs")
  t.eq(json.decode(' [1, null, {"a": []}] ')[2], json.null, "null")
  t.ok(getmetatable(json.decode("[]")) == json.array_mt, "arrays carry array_mt")
  t.eq(json.encode(json.decode("[]")), "[]", "empty array stays an array")
  local o = json.decode('{"z":1,"a":2,"m":3}', { keep_order = true })
  t.eq(json.encode(o), '{"z":1,"a":2,"m":3}', "key order kept")
  t.eq(json.encode({ z = 1, a = 2 }), '{"a":2,"z":1}', "keys sorted otherwise")
  for _, bad in ipairs({ "", "[", "[1,]", "{\"a\" 1}", "01", "1.", "\"\\x\"", "nul", "[1] x", "\"a\nb\"" }) do
    local v, err = json.decode(bad)
    t.ok(v == nil and type(err) == "string", "rejects " .. string.format("%q", bad))
  end
  t.ok(json.decode(("["):rep(64) .. ("]"):rep(64)), "64 levels")
  t.ok(not json.decode(("["):rep(65) .. ("]"):rep(65)), "65 levels rejected")
  t.raises(function() json.encode({ f = print }) end, "cannot encode")
  t.raises(function() json.encode(0 / 0) end, "cannot encode")
  local cyc = {}; cyc.self = cyc
  t.raises(function() json.encode(cyc) end, "nested deeper")
end)

-- ---- trialcite doctor ------------------------------------------------------------------

local function doctor(args)
  local out, err = tmp .. "/doctor.out", tmp .. "/doctor.err"
  local ok, how, code = os.execute(string.format("%s %s doctor %s >%s 2>%s </dev/null", LUA, q(CLI), args, q(out), q(err)))
  if how ~= "exit" then code = 128 end
  return code, t.read(out), t.read(err)
end

t.test("doctor: versions, library, hosts, cache directory; exit 0", function()
  need_plain_build("doctor's host probes")
  local code, out, err = doctor("")
  t.eq(code, 0, "exit (stderr: " .. err .. ")")
  t.ok(out:find("^trialcite " .. tc.VERSION:gsub("%.", "%%.") .. "\n"), "version first: " .. out)
  t.ok(out:find("\nlua:%s+Lua 5%.%d"), "Lua version")
  t.ok(out:find("\nmodule:%s+/[^\n]*trialcite/init%.lua"), "module path")
  t.ok(out:find("\nlibrary:%s+/[^\n]*libtrialcite%.so%.0"), "library path: " .. out)
  t.ok(out:find("\nlibcurl:") and out:find("\ncJSON:"), "dependency versions")
  t.ok(out:find("\n  lua5%.4%s+yes trialcite " .. tc.VERSION:gsub("%.", "%%.")), "lua5.4 loads trialcite: " .. out)
  for _, h in ipairs({ "lua5.3", "luajit", "nvim", "pandoc" }) do
    t.ok(out:find("\n  " .. h:gsub("%.", "%%.") .. " "), "reports " .. h)
  end
  if have("luajit") then t.ok(out:find("\n  luajit%s+yes[^\n]*ffi"), "luajit through the FFI: " .. out) end
  if have("nvim") then t.ok(out:find("\n  nvim%s+yes"), "nvim: " .. out) end
  t.ok(out:find("\ncache:%s+/"), "cache directory")
end)

t.test("doctor: cache directory rule, --no-hosts, bad arguments", function()
  local dir = tmp .. "/cache-x"
  local code, out = doctor("--no-hosts", nil)
  t.eq(code, 0, "exit")
  t.ok(not out:find("\nhosts:"), "--no-hosts skips the probes")
  local ok, how, c2 = os.execute(string.format("TRIALCITE_CACHE=%s %s %s doctor --no-hosts >%s 2>&1", q(dir), LUA, q(CLI), q(tmp .. "/d2")))
  local o2 = t.read(tmp .. "/d2")
  t.ok(o2:find("cache:%s+" .. dir:gsub("%p", "%%%0") .. " %(%$TRIALCITE_CACHE%): does not exist"), o2)
  os.execute("mkdir -p " .. q(dir))
  os.execute(string.format("TRIALCITE_CACHE=%s %s %s doctor --no-hosts >%s 2>&1", q(dir), LUA, q(CLI), q(tmp .. "/d3")))
  t.ok(t.read(tmp .. "/d3"):find("exists, writable"), t.read(tmp .. "/d3"))
  os.execute(string.format("env -u TRIALCITE_CACHE XDG_CACHE_HOME=%s %s %s doctor --no-hosts >%s 2>&1", q(tmp .. "/xdg"), LUA, q(CLI), q(tmp .. "/d4")))
  t.ok(t.read(tmp .. "/d4"):find(tmp .. "/xdg/trialcite ($XDG_CACHE_HOME)", 1, true), t.read(tmp .. "/d4"))
  local c3, _, err = doctor("--bogus")
  t.eq(c3, 2, "unknown option")
  t.ok(err:find("unknown option"), err)
end)

-- Issue 13's crash repros: a binary file, a large buffer, and hundreds of edit and
-- re-annotate cycles with collections in between (the library once borrowed Lua
-- strings that LuaJIT then collected).  nvim exits 139 on a crash, so the result
-- file is never written and the test fails with nvim's output.
t.test("nvim: no crash on a binary file, a 25-fold seed, or 300 edit/annotate cycles", function()
  local seed = t.seed(t.SEED2)
  local f = io.open("/bin/ls", "rb")
  local binary = f and f:read("a") or string.rep("\0\255\1(2)", 5000)
  if f then f:close() end
  local out = nvim([[
    load_text(P.binary)
    vim.cmd("TrialciteAnnotate")
    load_text(string.rep(P.seed, 25))
    vim.cmd("TrialciteAnnotate")
    local ns = vim.api.nvim_create_namespace("trialcite")
    out.big = #vim.api.nvim_buf_get_extmarks(0, ns, 0, -1, {})
    load_text(P.seed)
    for i = 1, 300 do
      vim.api.nvim_buf_set_lines(0, 0, 0, false, { "line " .. i .. " (3)" })
      vim.cmd("TrialciteAnnotate")
      if i % 25 == 0 then collectgarbage() end
    end
    out.cycles = #vim.api.nvim_buf_get_extmarks(0, ns, 0, -1, {})
  ]], { binary = binary, seed = seed })
  t.eq(out.big, 25 * #tc.parse(seed):citations(), "marks on the 25-fold seed")
  t.ok(out.cycles >= #tc.parse(seed):citations(), "marks after the cycles: " .. tostring(out.cycles))
end)

-- The issue's own command lines, as a user types them: a file opened by nvim itself.
t.test("nvim: :TrialciteAnnotate on files opened from the command line exits 0", function()
  if not have("nvim") then t.skip("nvim is not installed (apt-get install neovim)") end
  need_plain_build("the Neovim test")
  local lib = library()
  local big = tmp .. "/seed25.txt"
  write(big, string.rep(t.seed(t.SEED2), 25))
  local bin = io.open("/bin/ls", "rb") and "/bin/ls" or big
  for _, file in ipairs({ bin, big }) do
    local cmd = string.format("cd %s && TRIALCITE_LIB=%s %s nvim --headless --clean --cmd 'set rtp+=.' %s"
      .. " -c TrialciteAnnotate -c 'qa!' </dev/null >/dev/null 2>&1", q(ROOT), q(lib),
      have("timeout") and "timeout 60" or "", q(file))
    local ok, how, code = os.execute(cmd)
    t.ok(ok == true or ok == 0, string.format("nvim on %s: %s %s", file, tostring(how), tostring(code)))
  end
end)
