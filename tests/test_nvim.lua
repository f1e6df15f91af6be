-- The Neovim host (plugin/trialcite.lua, lua/trialcite/nvim.lua, health.lua), the LuaJIT
-- FFI backend (lua/trialcite/ffi.lua) against the Lua 5.4 module, the portable JSON
-- module (lua/trialcite/json.lua) and `trialcite doctor`.  nvim and luajit are started
-- as child processes; the tests that need them skip visibly when they are missing.
local t = require "harness"
local tc = require "trialcite"
local json = require "trialcite.json"
local labels = require "trialcite.labels"   -- the plugin's words (a Dutch seed shows Dutch ones)
local NL = function(key, ...) return labels.tr("nl", key, ...) end

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
    "local function floats() local l = {} for _, w in ipairs(vim.api.nvim_list_wins()) do",
    "  if vim.api.nvim_win_get_config(w).relative ~= '' then l[#l + 1] = w end end return l end",
    "local function float_lines() local w = floats()[1]",
    "  return w and vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(w), 0, -1, false) or {} end",
    "local function close_floats() for _, w in ipairs(floats()) do vim.api.nvim_win_close(w, true) end end",
    "local notes = {}",
    "vim.notify = function(m, l) notes[#notes + 1] = { msg = m, level = l } end",
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

-- Neovim sources every plugin/**/*.lua and *.vim of a runtime path at start-up: only the
-- entry point may be there (a build tool there is an error in every user's Neovim).
t.test("plugin/ holds no Lua or Vim script but the Neovim entry point", function()
  local p = io.popen("cd " .. t.q(ROOT) .. " && find plugin -name '*.lua' -o -name '*.vim'")
  local found = {}
  for f in p:lines() do if f ~= "plugin/trialcite.lua" then found[#found + 1] = f end end
  p:close()
  t.eq(#found, 0, "scripts Neovim would run at start-up: " .. table.concat(found, ", "))
end)

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
      and vim.fn.exists(":TrialciteClear") == 2 and vim.fn.exists(":TrialciteReferences") == 2
      and vim.fn.exists(":TrialciteCites") == 2
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
  for _, v in ipairs(out.virt) do if v:find("[9] " .. NL("appraised_trial"), 1, true) then trial = true end end
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
    out.float = #floats() == 1
    out.lines = float_lines()
    close_floats()
    vim.api.nvim_win_set_cursor(0, { P.row + 1, P.col })
    vim.cmd("TrialciteLookup")
    out.cursor_lines = float_lines()
    close_floats()
    vim.cmd("TrialciteLookup 99")   -- not cited: a warning, no window
    out.wins_after = #vim.api.nvim_list_wins()
    out.wins = wins
    local rec = require("trialcite.nvim").lookup(3)
    out.rec3 = rec and rec.number
  ]], { text = text, row = row, col = col })
  t.ok(out.float, "a floating window")
  local all = table.concat(out.lines, "\n")
  t.ok(all:find("[9]", 1, true), "the entry of reference 9: " .. all)
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

-- ---- issue 13, part 3: Neovim as its users expect ----------------------------------------

-- Whitespace folded, for finding a wrapped sentence in a float.
local function fold(s) return (s:gsub("%s+", " ")) end

t.test("nvim, second seed: 13 marks, (19) labelled by its use at each place, lookup shows the buffer's sentences", function()
  local text = t.seed(t.SEED2)
  local d = tc.parse(text)
  local want = expected_marks(text)
  t.eq(#want, 13, "the seed has 13 citation markers")
  local range
  for _, c in ipairs(d:citations()) do if not range and c.text:find("%d%-%d") then range = c end end
  local range_row, range_col = rowcol(text, range.start + range.text:find("-", 1, true) - 1)
  local out = nvim([[
    require("trialcite").setup({ max_width = 2000 })
    load_text(P.text)
    vim.cmd("TrialciteAnnotate")
    local ns = vim.api.nvim_create_namespace("trialcite")
    out.marks = {}
    for _, m in ipairs(vim.api.nvim_buf_get_extmarks(0, ns, 0, -1, { details = true })) do
      local vt = m[4].virt_text or {}
      out.marks[#out.marks + 1] = { row = m[2], col = m[3], text = vt[1] and vt[1][1] or "", hl = vt[1] and vt[1][2] or "" }
    end
    vim.cmd("TrialciteLookup 19")
    out.lookup = float_lines()
    close_floats()
    vim.api.nvim_win_set_cursor(0, { P.range_row + 1, P.range_col })   -- on the "-" of a range
    vim.cmd("TrialciteLookup")
    out.range_lookup = float_lines()
    close_floats()
    out.notes = notes
    out.diags = {}
    for _, x in ipairs(vim.diagnostic.get(0, { namespace = ns })) do
      out.diags[#out.diags + 1] = { lnum = x.lnum, code = x.code }
    end
  ]], { text = text, range_row = range_row, range_col = range_col })
  t.eq(#out.marks, 13, "13 marks")
  local by_text = {}
  for i, c in ipairs(d:citations()) do by_text[#by_text + 1] = { cit = c, mark = out.marks[i] } end
  local doc = tc.document("minerva-20707")
  local ref = {}
  for _, r in ipairs(doc.references) do ref[r.number] = r end
  local seen_bg, seen_design = false, false
  for _, x in ipairs(by_text) do
    local c, m = x.cit, x.mark
    if c.text == "(19)" and c.section_kind == "background" then
      seen_bg = true
      t.ok(not m.text:find(NL("appraised_trial"), 1, true), "background (19) is not the appraised trial: " .. m.text)
      t.ok(m.hl ~= "TrialciteTrial", "background (19) not highlighted as the trial")
      t.ok(m.text:find(ref[19].other_uses[1].cited_for, 1, true), "background (19) names its other use: " .. m.text)
    elseif c.text == "(19)" then
      seen_design = true
      t.ok(m.text:find(NL("appraised_trial"), 1, true), "design (19) is the appraised trial: " .. m.text)
      t.eq(m.hl, "TrialciteTrial", "highlighted as the trial")
    end
    -- a range marker shows every reference in it, identical cited-for texts once
    local texts = {}
    for _, n in ipairs(c.refs) do
      local ct = ref[n] and ref[n].cited_for
      if ct and not (ref[n].appraised_trial or ref[n].other_uses) then texts[ct] = (texts[ct] or 0) + 1 end
    end
    for ct in pairs(texts) do
      local _, count = m.text:gsub(ct:gsub("%p", "%%%0"), "")
      t.eq(count, 1, c.text .. " names '" .. ct:sub(1, 30) .. "...' once: " .. m.text)
    end
    for _, n in ipairs(c.refs) do
      local covered = false
      for tag in m.text:gmatch("%[([%d,%-]+)%]") do
        for part in tag:gmatch("[^,]+") do
          local a, b = part:match("^(%d+)%-(%d+)$")
          if a then if n >= tonumber(a) and n <= tonumber(b) then covered = true end
          elseif tonumber(part) == n then covered = true end
        end
      end
      t.ok(covered, c.text .. ": reference " .. n .. " shown in " .. m.text)
    end
  end
  t.ok(seen_bg and seen_design, "both (19) markers seen")
  local all = fold(table.concat(out.lookup, "\n"))
  for _, ctx in ipairs(d:reference(19).contexts) do
    t.ok(all:find(fold(ctx.text), 1, true), "the float quotes the buffer's sentence: " .. ctx.text:sub(1, 60))
    t.ok(all:find(fold(ctx.section), 1, true), "with its section " .. ctx.section)
  end
  t.ok(all:find("cooperman-2024", 1, true), "and the bundled trial")
  t.ok(all:find(fold(ref[19].other_uses[1].cited_for), 1, true), "and the other use at its place")
  -- the range marker: every reference in it, identical cited-for texts once
  local rall = fold(table.concat(out.range_lookup, "\n"))
  local seen_texts = {}
  for _, n in ipairs(range.refs) do
    local ct = fold(ref[n].cited_for)
    if not seen_texts[ct] then
      seen_texts[ct] = true
      local _, count = rall:gsub(ct:gsub("%p", "%%%0"), "")
      t.eq(count, 1, range.text .. ": reference " .. n .. "'s text shown once")
    end
  end
  -- the bundled check on 19 (a number used for two studies) at both places
  local reused = {}
  for _, x in ipairs(out.diags) do if x.code == "reference-reused" then reused[#reused + 1] = x.lnum end end
  local places = {}
  for _, ctx in ipairs(d:reference(19).contexts) do places[#places + 1] = (rowcol(text, ctx.marker.start)) end
  t.eq(reused, places, "the reference-reused check is a diagnostic at each (19)")
  t.eq(out.lookup[1], NL("float_note"), "a Dutch text: the float says its notes are English data")
end)

local CHECKS_TEXT = "Results\n\nThe first trial (1) found an odds ratio of 2.5 (95% CI 1.1 to 2.0) for relapse.\n"
  .. "A second one (2) found a hazard ratio of 0.58 (95% CI 0.37 to 0.90).\n"

t.test("nvim: failed checks are vim.diagnostic entries in the trialcite namespace, refreshed after edits", function()
  local d = tc.parse(CHECKS_TEXT)
  local err
  for _, k in ipairs(d:checks()) do if k.code == "estimate-outside-ci" then err = k end end
  t.ok(err, "the text has an estimate outside its interval")
  local out = nvim([[
    require("trialcite").setup({ debounce_ms = 20 })
    load_text(P.text)
    vim.cmd("TrialciteAnnotate")
    local ns = vim.api.nvim_create_namespace("trialcite")
    out.diags = {}
    for _, x in ipairs(vim.diagnostic.get(0, { namespace = ns })) do
      out.diags[#out.diags + 1] = { lnum = x.lnum, col = x.col, severity = x.severity, code = x.code, message = x.message, source = x.source }
    end
    out.ERROR = vim.diagnostic.severity.ERROR
    out.marks = #vim.api.nvim_buf_get_extmarks(0, ns, 0, -1, {})
    -- an edit: the interval fixed and a marker added; the refresh follows TextChanged
    local l = vim.api.nvim_buf_get_lines(0, 2, 3, false)[1]
    vim.api.nvim_buf_set_lines(0, 2, 3, false, { (l:gsub("2%.0%)", "3.0)")) .. " (3)" })
    vim.cmd("doautocmd TextChanged")
    vim.wait(2000, function() return #vim.api.nvim_buf_get_extmarks(0, ns, 0, -1, {}) == out.marks + 1 end, 10)
    out.marks_after = #vim.api.nvim_buf_get_extmarks(0, ns, 0, -1, {})
    out.diags_after = #vim.diagnostic.get(0, { namespace = ns, severity = vim.diagnostic.severity.ERROR })
    -- opted out: no refresh
    vim.cmd("TrialciteClear")
    out.cleared_diags = #vim.diagnostic.get(0, { namespace = ns })
    require("trialcite").setup({ auto_refresh = false, debounce_ms = 20 })
    vim.cmd("TrialciteAnnotate")
    local before = #vim.api.nvim_buf_get_extmarks(0, ns, 0, -1, {})
    vim.api.nvim_buf_set_lines(0, -1, -1, false, { "Another (4)." })
    vim.cmd("doautocmd TextChanged")
    vim.wait(200, function() return false end, 10)
    out.optout = { before, #vim.api.nvim_buf_get_extmarks(0, ns, 0, -1, {}) }
    -- the location list via ]d's machinery: vim.diagnostic.setloclist works on the entries
    vim.cmd("TrialciteAnnotate")
    out.marks_final = #vim.api.nvim_buf_get_extmarks(0, ns, 0, -1, {})
    out.info_default = #vim.diagnostic.get(0, { namespace = ns, severity = vim.diagnostic.severity.INFO })
    require("trialcite").setup({ auto_refresh = false, diagnostics = { info = true } })
    vim.cmd("TrialciteAnnotate")
    out.info_on = #vim.diagnostic.get(0, { namespace = ns, severity = vim.diagnostic.severity.INFO })
    require("trialcite").setup({ auto_refresh = false, diagnostics = { enabled = false } })
    vim.cmd("TrialciteClear")
    vim.cmd("TrialciteAnnotate")
    out.diag_off = #vim.diagnostic.get(0, { namespace = ns })
  ]], { text = CHECKS_TEXT })
  local found
  for _, x in ipairs(out.diags) do if x.code == "estimate-outside-ci" then found = x end end
  t.ok(found, "an estimate-outside-ci diagnostic: " .. tc.json_encode(out.diags))
  local row = rowcol(CHECKS_TEXT, d:statistics()[err.statistic].start)
  t.eq(found.lnum, row, "on the statistic's line")
  t.eq(found.severity, out.ERROR, "error severity")
  t.eq(found.source, "trialcite", "source")
  t.eq(found.message, err.message, "the check's message")
  t.eq(out.marks, 2, "two markers")
  t.eq(out.marks_after, 3, "refreshed after the edit: the new marker is marked")
  t.eq(out.diags_after, 0, "the fixed interval: no error left")
  t.eq(out.cleared_diags, 0, ":TrialciteClear removes the diagnostics")
  t.eq(out.optout[2], out.optout[1], "auto_refresh = false: no refresh")
  t.eq(out.marks_final, out.optout[1] + 1, "annotating by hand still works")
  local infos = 0
  for _, k in ipairs(d:checks()) do if k.severity == "info" then infos = infos + 1 end end
  t.ok(infos > 0, "the text has informational checks")
  t.eq(out.info_default, 0, "informational checks are no diagnostics by default")
  t.ok(out.info_on > 0, "diagnostics.info = true shows them")
  t.eq(out.diag_off, 0, "diagnostics.enabled = false: none")
end)

t.test("nvim: :TrialciteReferences through vim.ui.select, :TrialciteCites in the location list, the float closes on cursor moves", function()
  local text = t.seed(t.SEED2)
  local d = tc.parse(text)
  local out = nvim([[
    load_text(P.text)
    local picked
    vim.ui.select = function(items, opts, on_choice)
      picked = { n = #items, prompt = opts.prompt, kind = opts.kind, first = opts.format_item(items[1]) }
      for _, it in ipairs(items) do if it.number == 19 then on_choice(it, 1) end end
    end
    vim.cmd("TrialciteReferences")
    out.picked = picked
    out.cursor = vim.api.nvim_win_get_cursor(0)
    out.complete = vim.fn.getcompletion("TrialciteLookup 1", "cmdline")
    out.plug = vim.fn.maparg("<Plug>(TrialciteLookup)", "n") ~= ""
    vim.cmd("TrialciteCites 19")
    out.loclist = {}
    for _, x in ipairs(vim.fn.getloclist(vim.fn.win_getid(vim.fn.winnr("#")))) do out.loclist[#out.loclist + 1] = { x.lnum, x.col, x.text } end
    vim.cmd("lclose")
    vim.cmd("TrialciteCites 999")
    vim.cmd("TrialciteLookup 99999999999999999999")
    vim.cmd("TrialciteLookup abc")
    out.notes = notes
    -- the float, then a cursor move
    vim.api.nvim_win_set_cursor(0, out.cursor)
    vim.cmd("TrialciteLookup")
    out.float_open = #floats()
    out.float_first = float_lines()[2] or ""
    vim.api.nvim_win_set_cursor(0, { 1, 0 })
    vim.cmd("doautocmd CursorMoved")
    out.float_after = #floats()
    -- lookup.focus: the float is entered, and closes when left
    require("trialcite").setup({ lookup = { focus = true } })
    vim.cmd("TrialciteLookup 19")
    out.focused = vim.api.nvim_win_get_config(0).relative ~= ""
    vim.cmd("wincmd p")
    out.focused_after = #floats()
  ]], { text = text })
  t.eq(out.picked.n, #d:references(), "every cited reference offered")
  t.eq(out.picked.kind, "trialcite.reference", "kind for pickers")
  t.ok(out.picked.first:find("^%[1%]"), "items formatted: " .. out.picked.first)
  local ctx = d:reference(19).contexts
  local r1, c1 = rowcol(text, ctx[1].marker.start)
  t.eq(out.cursor, { r1 + 1, c1 }, "jumped to the first place citing 19")
  t.eq(#out.loclist, #ctx, "one location per citing place")
  local want_complete = {}
  for _, r in ipairs(d:references()) do if tostring(r.number):sub(1, 1) == "1" then want_complete[#want_complete + 1] = tostring(r.number) end end
  t.eq(out.complete, want_complete, "numbers completed from the buffer")
  t.ok(out.plug, "<Plug>(TrialciteLookup) mapping")
  for i, x in ipairs(ctx) do
    local r, c = rowcol(text, x.marker.start)
    t.eq(out.loclist[i][1], r + 1, "line of place " .. i)
    t.eq(out.loclist[i][2], c + 1, "column of place " .. i)
  end
  local msgs = {}
  for _, n in ipairs(out.notes) do msgs[#msgs + 1] = n.msg end
  local all = table.concat(msgs, "\n")
  t.ok(all:find(NL("not_cited", "999"), 1, true), "Cites 999: " .. all)
  t.ok(all:find("99999999999999999999", 1, true), "the huge number as asked: " .. all)
  t.ok(all:find("'abc'", 1, true), "a word: " .. all)
  for _, m in ipairs(msgs) do t.ok(not m:find("\n") and #m < 200, "one short line: " .. m) end
  t.eq(out.float_open, 1, "a float for the number under the cursor")
  t.ok(out.float_first:find("[19]", 1, true), "of reference 19: " .. out.float_first)
  t.eq(out.float_after, 0, "closed when the cursor moved")
  t.ok(out.focused, "lookup.focus enters the float")
  t.eq(out.focused_after, 0, "and it closes when left")
end)

t.test("nvim: setup validates its options; the plugin file loads no library and costs < 1 ms", function()
  local out = nvim([[
    out.loaded_at_start = package.loaded["trialcite.ffi"] ~= nil or package.loaded["trialcite.nvim"] ~= nil
    local t0 = os.clock()
    local tc = require "trialcite"
    tc.setup({ max_width = 60 })
    out.setup_ms = (os.clock() - t0) * 1000
    out.loaded_after_setup = package.loaded["trialcite.ffi"] ~= nil
    out.errors = {}
    for _, bad in ipairs({ { max_width = "x" }, { foo = 1 }, { lookup = { border = 1 } }, { lang = "de" },
                           { diagnostics = { enabled = "yes" } }, { debounce_ms = -5 }, { max_widht = 80 },
                           { lookup = { boder = "single" } } }) do
      local ok, e = pcall(tc.setup, bad)
      out.errors[#out.errors + 1] = ok and "accepted" or tostring(e)
    end
    -- the plugin file's own cost, CPU time, best of 5
    local best = math.huge
    for _ = 1, 5 do
      vim.g.loaded_trialcite = nil
      local t0 = os.clock()
      dofile("plugin/trialcite.lua")
      best = math.min(best, os.clock() - t0)
    end
    out.ms = best * 1000
    out.library = tc.library
  ]])
  t.eq(out.loaded_at_start, false, "nothing of trialcite loaded at start-up")
  t.eq(out.loaded_after_setup, false, "setup loads no library")
  local names = { "max_width", "foo", "lookup.border", "lang", "diagnostics.enabled", "debounce_ms", "max_widht", "lookup.boder" }
  for i, e in ipairs(out.errors) do
    t.ok(e:find("^trialcite%.setup: ") and e:find(names[i], 1, true) and not e:find("\n"), "bad option " .. names[i] .. ": " .. e)
  end
  t.ok(not out.errors[2]:find("did you mean", 1, true), "nothing near foo: " .. out.errors[2])
  t.ok(out.errors[7]:find("did you mean max_width?", 1, true), "a misspelling: the option meant: " .. out.errors[7])
  t.ok(out.errors[8]:find("did you mean lookup.border?", 1, true), "nested: " .. out.errors[8])
  t.ok(out.ms < 1, string.format("plugin/trialcite.lua runs in %.3f ms", out.ms))
  -- about 0.9 ms on the development machine; loading the library would cost several times that
  t.ok(out.setup_ms < 3, string.format("require('trialcite').setup{} in a config: %.3f ms", out.setup_ms))
  t.eq(out.library, library(), "$TRIALCITE_LIB honoured")
end)

t.test("nvim: $TRIALCITE_LIB naming a missing file is reported, not replaced; checkhealth names the library", function()
  if not have("nvim") then t.skip("nvim is not installed") end
  need_plain_build("the Neovim test")
  local log = tmp .. "/badlib.log"
  os.execute(string.format("cd %s && TRIALCITE_LIB=/nonexistent/libtrialcite.so.0 %s nvim --headless --clean --cmd 'set rtp+=.' -c TrialciteAnnotate -c 'qa!' </dev/null >%s 2>&1",
    q(ROOT), have("timeout") and "timeout 60" or "", q(log)))
  local s = t.read(log)
  t.ok(s:find("/nonexistent/libtrialcite.so.0", 1, true), "the message names the file: " .. s)
  local out = nvim([[
    vim.cmd("checkhealth trialcite")
    out.lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
  ]])
  local all = table.concat(out.lines, "\n")
  t.ok(all:find("library in use: " .. library(), 1, true) and all:find("$TRIALCITE_LIB", 1, true), "checkhealth: " .. all)
  -- a missing $TRIALCITE_LIB: checkhealth names it, not a library it will not use
  local bad = nvim([[
    vim.env.TRIALCITE_LIB = "/nonexistent/libtrialcite.so.0"
    vim.cmd("checkhealth trialcite")
    out.lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
  ]])
  local ball = table.concat(bad.lines, "\n")
  t.ok(not ball:find("found by path", 1, true), "no other library offered as found: " .. ball)
  t.ok(ball:find("ERROR", 1, true) and ball:find("/nonexistent/libtrialcite.so.0: no such file", 1, true), "the error names the file: " .. ball)
  t.ok(ball:find("unset $TRIALCITE_LIB", 1, true), "and the advice fits: " .. ball)
end)

-- ---- the plugin's words in the document's language (labels.TEXT, the one table) ------

-- The string.format specifiers of a pattern, in order.
local function specifiers(s)
  local l = {}
  for spec in s:gsub("%%%%", ""):gmatch("%%[-0-9.]*%a") do l[#l + 1] = spec end
  return table.concat(l, " ")
end

t.test("labels: every label in en, nl and fr with the same specifiers; every section kind of the library named", function()
  local n = 0
  for key, row in pairs(labels.TEXT) do
    n = n + 1
    for _, lang in ipairs(labels.LANGS) do
      t.ok(type(row[lang]) == "string", key .. ": a " .. lang .. " text")
      t.eq(specifiers(row[lang]), specifiers(row.en), key .. "." .. lang .. ": the specifiers of en")
    end
    for lang in pairs(row) do t.ok(labels.tr(lang, key) == row[lang], key .. ": " .. lang .. " is one of labels.LANGS") end
  end
  t.ok(n > 20, "the table has the labels")
  t.eq(labels.ui_lang(""), "en", "an undetected language shows English labels")
  t.raises(function() labels.tr("nl", "no-such-label") end, "no label")
  -- the library's section kinds, by name, from the library itself (through LuaJIT's FFI)
  local out = nvim([[
    local tc = require("trialcite").load()
    local ffi = require "ffi"
    local lib = ffi.load(tc.library)
    out.kinds = {}
    for i = 0, tonumber(ffi.new("tc_section_kind", "TC_SEC__COUNT")) - 1 do
      out.kinds[#out.kinds + 1] = ffi.string(lib.tc_section_kind_name(i))
    end
  ]])
  t.ok(#out.kinds >= 10, "the library's section kinds: " .. #out.kinds)
  for _, k in ipairs(out.kinds) do t.ok(labels.TEXT["section_" .. k], "a row for section kind " .. k) end
end)

-- What a Dutch appraisal shows: the plugin's own words Dutch, the English data said so
-- once per view (a virtual text, a diagnostic, a float, a picker, a location list).
t.test("nvim: a Dutch appraisal is shown in Dutch, its English notes said so once; a French text in French", function()
  local text = t.seed(t.SEED2)
  local d = tc.parse(text)
  local doc = tc.document("minerva-20707")
  local out = nvim([[
    require("trialcite").setup({ max_width = 2000 })
    load_text(P.text)
    vim.cmd("TrialciteAnnotate")
    local ns = vim.api.nvim_create_namespace("trialcite")
    out.virt = {}
    for _, m in ipairs(vim.api.nvim_buf_get_extmarks(0, ns, 0, -1, { details = true })) do
      local s = ""
      for _, ch in ipairs(m[4].virt_text or {}) do s = s .. ch[1] end
      out.virt[#out.virt + 1] = s
    end
    out.diags = {}
    for _, x in ipairs(vim.diagnostic.get(0, { namespace = ns })) do out.diags[#out.diags + 1] = x.message end
    vim.cmd("TrialciteLookup 19")
    out.float = float_lines()
    close_floats()
    vim.ui.select = function(items, opts) out.prompt = opts.prompt; out.item = opts.format_item(items[1]) end
    vim.cmd("TrialciteReferences")
    vim.cmd("TrialciteCites 19")
    local ll = vim.fn.getloclist(vim.fn.win_getid(vim.fn.winnr("#")), { title = 1, items = 1 })
    out.ll_title, out.ll = ll.title, {}
    for _, x in ipairs(ll.items) do out.ll[#out.ll + 1] = x.text end
    vim.cmd("lclose")
    vim.cmd("TrialciteLookup 77")
    out.notes = {}
    for _, n in ipairs(notes) do out.notes[#out.notes + 1] = n.msg end
    -- a French text: the statistics' check, in the virtual text and as a diagnostic
    notes = {}
    vim.cmd("enew")
    require("trialcite").setup({ lang = "fr" })
    load_text(P.french)
    vim.cmd("TrialciteAnnotate")
    out.fr_virt = {}
    for _, m in ipairs(vim.api.nvim_buf_get_extmarks(0, ns, 0, -1, { details = true })) do
      local s = ""
      for _, ch in ipairs(m[4].virt_text or {}) do s = s .. ch[1] end
      out.fr_virt[#out.fr_virt + 1] = s
    end
    out.fr_diags = {}
    for _, x in ipairs(vim.diagnostic.get(0, { namespace = ns })) do out.fr_diags[#out.fr_diags + 1] = x.message end
    vim.cmd("TrialciteLookup 1")
    out.fr_float = float_lines()
    out.fr_notes = {}
    for _, n in ipairs(notes) do out.fr_notes[#out.fr_notes + 1] = n.msg end
    -- the same buffer, the language option changed: parsed again
    require("trialcite").setup({ lang = "nl" })
    close_floats()
    vim.cmd("TrialciteLookup 1")
    out.nl_float = float_lines()
  ]], { text = text, french = CHECKS_TEXT })
  -- virtual texts: English notes tagged once, before the first of them; the trial label Dutch
  local english = {}
  for _, r in ipairs(doc.references) do
    if r.cited_for and not r.appraised_trial then english[#english + 1] = labels.clean(r.cited_for) end
    for _, u in ipairs(r.other_uses or {}) do english[#english + 1] = labels.clean(u.cited_for) end
  end
  local tag = NL("english")
  for _, v in ipairs(out.virt) do
    local first
    for _, e in ipairs(english) do
      local at = v:find(e, 1, true)
      if at and (not first or at < first) then first = at end
    end
    local _, tags = v:gsub(tag:gsub("%p", "%%%0"), "")
    if first then
      t.eq(tags, 1, "English notes said so once: " .. v)
      t.eq(v:find(tag, 1, true) + #tag, first, "just before the first English note: " .. v)
    else
      t.eq(tags, 0, "no English note, no tag: " .. v)
      t.ok(v:find(NL("appraised_trial"), 1, true), "the appraised trial in Dutch: " .. v)
    end
    t.ok(not v:find(labels.TEXT.appraised_trial.en, 1, true), "no English label: " .. v)
  end
  t.ok(#out.diags > 0, "diagnostics")
  for _, m in ipairs(out.diags) do t.eq(m:sub(1, #tag), tag, "a diagnostic says its message is English: " .. m) end
  -- the float: its first line says so; every line not indented and not a reference's head
  -- starts with a Dutch label
  t.eq(out.float[1], NL("float_note"), "the float's first line")
  local heads = { NL("cited_for"), NL("statistics"), NL("trial"), NL("results"), NL("note", "") :sub(1, 4),
    (labels.count("nl", "cited_here", 2)) }
  for i = 2, #out.float do
    local l = out.float[i]
    if l ~= "" and not l:find("^[%s%[]") then
      local ok = false
      for _, h in ipairs(heads) do if l:sub(1, #h) == h then ok = true end end
      t.ok(ok, "a Dutch label heads float line " .. i .. ": " .. l)
    end
  end
  local places = {}
  for _, ctx in ipairs(d:reference(19).contexts) do places[#places + 1] = ctx end
  t.ok(table.concat(out.float, "\n"):find(NL("line", (rowcol(text, places[1].marker.start)) + 1), 1, true), "line numbers in Dutch")
  -- picker, location list, messages
  t.eq(out.prompt, NL("picker_prompt") .. NL("list_note"), "the picker's prompt says it once")
  local first_places = labels.count("nl", "places", #d:references()[1].contexts)
  t.eq(out.item:sub(-#first_places), first_places, "picker item: " .. out.item)
  t.eq(out.ll_title, NL("cites_title", 19) .. NL("list_note"), "the location list's title")
  t.ok(out.ll[1]:find("^%[19%] " .. labels.clean(places[1].section) .. ": "), "the heading as written: " .. out.ll[1])
  t.eq(out.notes, { "trialcite: " .. labels.count("nl", "markers", #d:citations()) .. " (minerva-20707)",
    "trialcite: " .. NL("not_cited", "77") }, "messages")
  -- French
  local fr = labels.TEXT
  local warned = false
  for _, v in ipairs(out.fr_virt) do
    if v:find(" ⚠ ", 1, true) then
      warned = true
      t.ok(v:find(" ⚠ " .. fr.english.fr, 1, true), "the check in the virtual text said English: " .. v)
    end
  end
  t.ok(warned, "a failed check in a virtual text: " .. table.concat(out.fr_virt, " | "))
  t.ok(#out.fr_diags > 0, "French diagnostics")
  for _, m in ipairs(out.fr_diags) do t.eq(m:sub(1, #fr.english.fr), fr.english.fr, "French diagnostic: " .. m) end
  t.eq(out.fr_float[1], fr.float_note.fr, "the French float's first line")
  t.eq(out.fr_float[3], fr.cited_here_1.fr, "French label in the float: " .. table.concat(out.fr_float, "\n"))
  t.eq(out.fr_notes, { "trialcite: " .. labels.count("fr", "markers", 2) }, "French message")
  t.eq(out.nl_float[1], NL("float_note"), "setup{ lang = 'nl' } applies to a buffer already parsed")
end)

t.test("nvim: :bdelete, :bwipeout or :TrialciteClear with a refresh pending cancel it; no timers or autocmds left", function()
  local out = nvim([[
    local tcn = require "trialcite.nvim"
    require("trialcite").setup({ debounce_ms = 80 })
    local calls = 0
    local annotate = tcn.annotate
    tcn.annotate = function(...) calls = calls + 1; return annotate(...) end
    local function documents_autocmds(buf)
      local ok, l = pcall(vim.api.nvim_get_autocmds, { group = "trialcite_documents", buffer = buf })
      return ok and #l or 0
    end
    out.cases = {}
    for _, how in ipairs({ "bdelete!", "bwipeout!", "TrialciteClear" }) do
      vim.cmd("enew")
      local buf = vim.api.nvim_get_current_buf()
      load_text(P.text)
      for _ = 1, 3 do vim.cmd("TrialciteAnnotate"); vim.cmd("TrialciteClear") end
      vim.cmd("TrialciteAnnotate")
      local autocmds = documents_autocmds(buf)
      calls = 0
      vim.api.nvim_buf_set_lines(buf, 0, 0, false, { "Edited (4)." })
      vim.cmd("doautocmd TextChanged")
      local pending = tcn.timers[buf] ~= nil
      vim.cmd(how)
      vim.wait(300, function() return false end, 10)
      out.cases[#out.cases + 1] = { how = how, pending = pending, calls = calls, timer = tcn.timers[buf] ~= nil,
        attached = tcn.attached[buf] ~= nil, autocmds = autocmds,
        refresh_group = vim.fn.exists("#trialcite_refresh_" .. buf) == 1 }
    end
  ]], { text = SYNTHETIC })
  for _, c in ipairs(out.cases) do
    t.ok(c.pending, c.how .. ": a refresh was pending")
    t.eq(c.calls, 0, c.how .. ": the pending refresh never ran")
    t.eq(c.timer, false, c.how .. ": its timer is gone")
    t.eq(c.attached, false, c.how .. ": no longer following edits")
    t.eq(c.refresh_group, false, c.how .. ": its autocmds are gone")
    t.eq(c.autocmds, 1, c.how .. ": one autocmd frees the document, however often annotated and cleared")
  end
end)

t.test("nvim: an edited appraisal keeps its bundled labels and lookups until :TrialciteClear; a sentence's statistics once per line", function()
  local text = t.seed(t.SEED2)
  local out = nvim([[
    load_text(P.text)
    vim.cmd("TrialciteAnnotate")
    local ns = vim.api.nvim_create_namespace("trialcite")
    local function virt()
      local l = {}
      for _, m in ipairs(vim.api.nvim_buf_get_extmarks(0, ns, 0, -1, { details = true })) do
        local s = ""
        for _, ch in ipairs(m[4].virt_text or {}) do s = s .. ch[1] end
        l[#l + 1] = s
      end
      return l
    end
    -- an edit the library no longer recognises: a new marker and a new value
    vim.api.nvim_buf_set_lines(0, 1, 1, false, { "Een nieuwe zin (7) met p=0,03." })
    out.recognised = require("trialcite").recognize(require("trialcite").parse(table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), "\n"))) or false
    vim.cmd("TrialciteAnnotate")
    out.edited = virt()
    vim.cmd("TrialciteLookup 19")
    out.float = float_lines()
    close_floats()
    vim.cmd("TrialciteClear")
    vim.cmd("TrialciteAnnotate")
    out.cleared = virt()
    -- not an appraisal: two markers in one sentence on one line
    load_text("A first trial (1) and a second one (2) found p=0.03 together.")
    vim.cmd("TrialciteAnnotate")
    out.line = virt()
    out.notes = {}
    for _, n in ipairs(notes) do out.notes[#out.notes + 1] = n.msg end
  ]], { text = text })
  t.eq(out.recognised, false, "the library does not recognise the edited text")
  local trial = 0
  for _, v in ipairs(out.edited) do if v:find(NL("appraised_trial"), 1, true) then trial = trial + 1 end end
  t.eq(trial, 1, "the edited appraisal still labels the appraised trial: " .. table.concat(out.edited, " | "))
  local fl = table.concat(out.float, "\n")
  t.ok(fl:find("cooperman-2024", 1, true) and fl:find(NL("cited_for"), 1, true), "the lookup keeps the bundled facts: " .. fl)
  t.eq(out.notes[2], out.notes[1]:gsub("%d+ ", "14 ", 1), "still named as the appraisal, one marker more")
  for _, v in ipairs(out.cleared) do t.ok(not v:find(NL("appraised_trial"), 1, true), "after :TrialciteClear, the text as it is: " .. v) end
  t.eq(out.line[1], "p=0.03", "the sentence's statistic at the first marker")
  t.eq(out.line[2], "", "not twice on the line")
end)

t.test("nvim: lookup.float = false: one split at a time, the last lookup's; q closes it", function()
  local out = nvim([[
    require("trialcite").setup({ lookup = { float = false } })
    load_text(P.text)
    for _, n in ipairs({ 19, 20, 1 }) do
      vim.cmd("TrialciteLookup " .. n)
      out.first = vim.api.nvim_buf_get_lines(0, 0, -1, false)[2]
      vim.cmd("wincmd p")
    end
    out.wins = #vim.api.nvim_list_wins()
    vim.cmd("wincmd p")
    vim.cmd("normal q")
    out.after = #vim.api.nvim_list_wins()
  ]], { text = t.seed(t.SEED2) })
  t.eq(out.wins, 2, "the text and one split")
  t.ok(out.first:find("^%[1%]"), "showing the last lookup: " .. tostring(out.first))
  t.eq(out.after, 1, "q closes it")
end)

t.test("nvim: :TrialciteLookup again, the cursor unmoved, enters the float (to scroll it); leaving closes it", function()
  local text = t.seed(t.SEED2)
  local d = tc.parse(text)
  local row, col = rowcol(text, d:reference(19).contexts[2].marker.start + 1)
  local out = nvim([[
    load_text(P.text)
    local text_win = vim.api.nvim_get_current_win()
    vim.api.nvim_win_set_cursor(0, { P.row + 1, P.col })
    vim.cmd("TrialciteLookup")
    out.first = { floats = #floats(), current_is_text = vim.api.nvim_get_current_win() == text_win }
    out.lines = float_lines()
    vim.cmd("TrialciteLookup")
    out.second = { floats = #floats(), current_is_float = vim.api.nvim_win_get_config(0).relative ~= "",
      same = vim.api.nvim_buf_get_lines(0, 0, -1, false)[2] == out.lines[2] }
    vim.cmd("normal! G")   -- scrolling inside keeps it
    out.scrolled = #floats()
    vim.cmd("wincmd p")
    out.left = { floats = #floats(), current_is_text = vim.api.nvim_get_current_win() == text_win }
  ]], { text = text, row = row, col = col })
  t.eq(out.first, { floats = 1, current_is_text = true }, "the float opens, the cursor stays in the text")
  t.eq(out.second, { floats = 1, current_is_float = true, same = true }, "the second lookup enters the same float")
  t.eq(out.scrolled, 1, "moving inside the float keeps it")
  t.eq(out.left, { floats = 0, current_is_text = true }, "leaving it closes it")
end)

t.test("labels: ranges compressed, identical texts merged, a reused number labelled by its place", function()
  local labels = require "trialcite.labels"
  t.eq(labels.compress({ 4, 1, 2, 3, 7, 9, 10 }), "1-4,7,9,10", "compress")
  t.eq(labels.compress({ 5 }), "5", "one")
  local index = { [1] = { cited_for = "A" }, [2] = { cited_for = "A" }, [3] = { cited_for = "B" },
    [4] = { cited_for = "A" }, [5] = { appraised_trial = true, trial = "t-1", cited_for = "T",
    other_uses = { { section = "background", cited_for = "Other" } } } }
  local text = labels.marker({ refs = { 1, 2, 3, 4 }, section_kind = "lead" }, index, {})
  t.eq(text, "[1,2,4] A; [3] B", "merged")
  local long = { [1] = { cited_for = string.rep("a", 80) }, [2] = { cited_for = string.rep("b", 80) } }
  local cut = labels.marker({ refs = { 1, 2 } }, long, {}, 60)
  t.ok(#cut <= 64 and cut:find("[1]", 1, true) and cut:find("[2]", 1, true), "cut to the width, every tag kept: " .. cut)
  -- cut texts that start alike: what differs shows for each
  local alike = { [1] = { cited_for = "Earlier appraisals of opioids for neuropathic pain found too little evidence over other drugs" },
    [2] = { cited_for = "Earlier appraisals of opioids for back and neck pain found too little evidence over other drugs" } }
  local lab = labels.marker({ refs = { 1, 2 } }, alike, {}, 80)
  t.ok(#lab <= 80, "within the width: " .. lab)
  t.ok(lab:find("[1] Earlier appraisals of opioids for neuro", 1, true), "the first whole up to what differs: " .. lab)
  t.ok(lab:find("[2] … back and neck", 1, true), "the second from what differs: " .. lab)
  t.eq(labels.marker({ refs = { 1, 2 } }, alike, {}, 400), "[1] " .. alike[1].cited_for .. "; [2] " .. alike[2].cited_for,
    "whole texts when they fit")
  local bg, trial_bg = labels.marker({ refs = { 5 }, section_kind = "background" }, index, {})
  t.eq(bg, "[5] Other", "the other use in the background")
  t.eq(trial_bg, false, "not the trial there")
  local de, trial_de = labels.marker({ refs = { 5 }, section_kind = "design" }, index, { ["t-1"] = { id = "t-1", acronym = "X" } })
  t.eq(de, "[5] appraised trial X", "the trial elsewhere")
  t.eq(trial_de, true, "the trial")
  local lines = labels.lookup_lines({ { number = 1, cited_for = "A", contexts = {} }, { number = 2, cited_for = "A", contexts = {} } }, { lang = "fr" })
  t.eq(lines[1], labels.TEXT.float_note.fr, "French text: the float says its notes are English data")
  t.eq(lines[2], "[1,2]", "identical cited-for merged in the float")
  -- one sentence citing a number at two markers on one line: counted twice, quoted once
  local ctx = function(at) return { start = 10, text = "S [1] and [1-2].", section_kind = "lead", marker = { start = at } } end
  local two = labels.lookup_lines({ { number = 1, contexts = { ctx(12), ctx(20) } } }, { line_of = function() return 3 end })
  t.eq(two, { "[1]", labels.count("en", "cited_here", 2), "  " .. labels.section("en", "lead") .. labels.tr("en", "line", 3),
    "    > S [1] and [1-2]." }, "the sentence once")
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
r, msg = tc.lookup(1.5, d); assert(r == nil and msg == "reference 1.5 is not cited", msg)
r, msg = tc.lookup(1e20, d); assert(r == nil and msg == "reference 1e+20 is not cited", msg)
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
  -- pretty: the C module's layout (cJSON_Print), byte for byte
  local nested = { a = { 1, { b = {}, c = { "x", { d = 0.5 } } } }, e = {}, g = -2, h = { true, false } }
  json.is_null = function(v) return v == tc.null end   -- the C module's null (trial data)
  for i, v in ipairs({ nested, { { {} } }, {}, "s", tc.trials() }) do   -- (the C module marks empty arrays its own way)
    t.eq(json.encode(v, { pretty = true }), tc.json_encode(v, { pretty = true }), "pretty case " .. i)
  end
  json.is_null = nil
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
