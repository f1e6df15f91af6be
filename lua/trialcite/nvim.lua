-- The Neovim side of trialcite: marks on a buffer's citation markers, failed consistency
-- checks as vim.diagnostic entries, the lookup float, a picker of the cited references
-- (vim.ui.select) and the location list of a reference's citing places.
-- plugin/trialcite.lua defines the commands and requires this module lazily; the
-- library itself loads on first use.  require("trialcite").setup(opts) or
-- require("trialcite.nvim").setup(opts) configures it.  Neovim 0.7 and later.
local api = vim.api
-- trialcite.labels, loaded on first use (setup at start-up needs none of it)
local labels = setmetatable({}, { __index = function(t, k)
  setmetatable(t, { __index = require "trialcite.labels" })
  return t[k]
end })

local M = {}

local DEFAULTS = {
  virt_text = true,          -- show what each marker cites at the end of its line
  virt_text_pos = "eol",
  max_width = 100,           -- longest virtual text (bytes), "…" when cut
  lang = nil,                -- "nl" | "fr" | "en": passed to tc.parse (nil: detect)
  auto_refresh = true,       -- re-annotate an annotated buffer after edits
  debounce_ms = 300,         -- ... this long after the last TextChanged / InsertLeave
  diagnostics = {
    enabled = true,          -- failed consistency checks as vim.diagnostic entries
    info = false,            -- also the informational ones (p recomputed from a CI)
  },
  lookup = {
    float = true,            -- false: a scratch buffer in a split
    border = "rounded",
    width = 96,
    focus = false,           -- enter the float (it closes when the cursor moves otherwise)
  },
  hl = {
    marker = "TrialciteMarker",
    trial = "TrialciteTrial",
    warning = "TrialciteWarning",
    info = "TrialciteInfo",
  },
}

M.config = vim.deepcopy(DEFAULTS)
M.ns = api.nvim_create_namespace("trialcite")

-- ---- setup --------------------------------------------------------------------------------

-- vim.validate's table form (0.7-0.10) or its positional form (0.11 and later, where
-- the table form is deprecated).  msg: what a function validator expects.
local function validate(name, value, ty, msg)
  if vim.fn.has("nvim-0.11") == 1 then vim.validate(name, value, ty, false, msg)
  else vim.validate({ [name] = { value, ty, msg } }) end
end

local LANGS = { nl = true, fr = true, en = true }
local POSITIONS = { eol = true, overlay = true, right_align = true }

-- The option of defaults within two edits of the misspelt name k, if any.
local function nearest(k, defaults, top)
  local function dist(a, b)
    local prev = {}
    for j = 0, #b do prev[j] = j end
    for i = 1, #a do
      local cur = { [0] = i }
      for j = 1, #b do
        cur[j] = math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a:sub(i, i) == b:sub(j, j) and 0 or 1))
      end
      prev = cur
    end
    return prev[#b]
  end
  local best, bd = nil, 3
  local names = {}
  for name in pairs(defaults) do names[#names + 1] = name end
  if top then names[#names + 1] = "lang" end
  table.sort(names)
  for _, name in ipairs(names) do
    local d = dist(k, name)
    if d < bd then best, bd = name, d end
  end
  return best
end

-- Checks opts against the shape of DEFAULTS: known keys, types, a few values.
local function check_opts(opts, defaults, prefix)
  for k, v in pairs(opts) do
    local name = prefix .. tostring(k)
    local d = defaults[k]
    if d == nil and not (prefix == "" and k == "lang") then
      local near = nearest(tostring(k), defaults, prefix == "")
      error("unknown option " .. name .. (near and ("; did you mean " .. prefix .. near .. "?") or ""), 0)
    end
    if k == "lang" and prefix == "" then
      validate(name, v, function(x) return x == nil or LANGS[x] ~= nil end, "\"nl\", \"fr\" or \"en\"")
    elseif type(d) == "table" then
      validate(name, v, "table")
      check_opts(v, d, name .. ".")
    else
      validate(name, v, type(d))
    end
  end
  if prefix == "" then
    if opts.virt_text_pos ~= nil then
      validate("virt_text_pos", opts.virt_text_pos, function(x) return POSITIONS[x] end, "eol, overlay or right_align")
    end
    for _, k in ipairs({ "max_width", "debounce_ms" }) do
      if opts[k] ~= nil then validate(k, opts[k], function(x) return x >= 0 and x == math.floor(x) end, "a whole number >= 0") end
    end
  end
end

--- Configures the integration; opts are merged into the defaults above.  A bad option
-- raises at once, in one line naming it.
function M.setup(opts)
  if opts ~= nil and type(opts) ~= "table" then error("trialcite.setup: table expected, got " .. type(opts), 2) end
  local ok, err = pcall(check_opts, opts or {}, DEFAULTS, "")
  if not ok then error("trialcite.setup: " .. tostring(err):gsub("^[^\n]-:%d+: ", ""):gsub("\n.*", ""), 2) end
  M.config = vim.tbl_deep_extend("force", vim.deepcopy(DEFAULTS), opts or {})
  if not M.config.auto_refresh then
    for buf in pairs(M.attached) do M.detach(buf) end
  end
  return M
end

-- ---- the library, loaded on first use -----------------------------------------------------

-- Lua 5.1 leaves a failed module marked as loading ("loop or previous error"):
-- forget it, so that the next command tries again and reports the real cause.
local function forget_failed()
  for _, name in ipairs({ "trialcite", "trialcite.ffi" }) do
    if type(package.loaded[name]) ~= "table" then package.loaded[name] = nil end
  end
end
M.forget_failed = forget_failed

local function tc()
  local ok, mod = pcall(require, "trialcite")
  if ok then ok, mod = pcall(mod.load) end   -- the library loads here, on first use
  if ok then return mod end
  forget_failed()
  error(mod, 0)
end

-- One short line: the first line, without "trialcite: " and Lua positions.
local function one_line(msg)
  msg = tostring(msg):gsub("\n.*", ""):gsub("^[^%s:]+%.lua:%d+: ", ""):gsub("^trialcite: ", "")
  if #msg > 160 then msg = msg:sub(1, 157) .. "..." end
  return msg
end

local function notify(msg, level)
  vim.notify("trialcite: " .. one_line(msg), level or vim.log.levels.INFO)
end

local function bufnr_of(buf) if buf == nil or buf == 0 then return api.nvim_get_current_buf() end return buf end

local function truncate(s, n) return labels.cut(s, n) end

-- ---- the buffer's document, parsed once per change ----------------------------------------

local cache = {}   -- bufnr -> { tick=, doc=, id=, lines=, starts=, index=, trials=, lookups= }

local watched = {}   -- bufnr -> true: a BufUnload autocmd drops its document

-- Forgets buf's parsed document.
local function drop(buf)
  if cache[buf] and cache[buf].doc then cache[buf].doc:close() end
  cache[buf] = nil
end

-- Byte offset (1-based) of each line's first byte in the text joined with "\n".
local function line_starts(lines)
  local starts, pos = {}, 1
  for i, l in ipairs(lines) do starts[i] = pos; pos = pos + #l + 1 end
  return starts
end

-- The 0-based (row, col) of a 1-based byte offset.
local function position(starts, lines, off)
  local lo, hi = 1, #starts
  while lo < hi do
    local mid = math.floor((lo + hi + 1) / 2)
    if starts[mid] <= off then lo = mid else hi = mid - 1 end
  end
  local col = off - starts[lo]
  if col > #lines[lo] then col = #lines[lo] end
  return lo - 1, col
end

--- The parsed document of a buffer: { doc=, id=<bundled document id or nil>, lines=,
-- starts=, index=<bundled references by number>, trials=<id -> trial> }.
function M.document(buf)
  buf = bufnr_of(buf)
  local tick = api.nvim_buf_get_changedtick(buf)
  local c = cache[buf]
  if c and c.tick == tick and c.lang_opt == M.config.lang then return c end
  local lines = api.nvim_buf_get_lines(buf, 0, -1, false)
  local text = table.concat(lines, "\n")
  local lib = tc()
  local doc = lib.parse(text, M.config.lang and { lang = M.config.lang } or nil)
  local id = lib.recognize(doc)
  -- A buffer recognised as a bundled appraisal stays one while it is edited (the library
  -- recognises the unchanged text only), until :TrialciteClear or the buffer unloads.
  local kept = false
  if not id and c and c.id then id, kept = c.id, true end
  if c and c.doc then c.doc:close() end
  if not watched[buf] then   -- the document goes with the buffer's text
    watched[buf] = true
    api.nvim_create_autocmd("BufUnload", { group = api.nvim_create_augroup("trialcite_documents", { clear = false }),
      buffer = buf, once = true, callback = function() watched[buf] = nil; drop(buf) end })
  end
  local trials = {}
  if id then for _, t in ipairs(lib.trials()) do trials[t.id] = t end end
  c = { tick = tick, doc = doc, id = id, lines = lines, starts = line_starts(lines), lookups = {},
        index = labels.index(lib, id), trials = trials, lang = doc:lang(), kept = kept,
        lang_opt = M.config.lang }
  cache[buf] = c
  return c
end

local function rowcol(c, off) return position(c.starts, c.lines, off) end

-- ---- marks and diagnostics ----------------------------------------------------------------

-- Virtual-text chunks for one citation marker.
local function chunks_for(c, cit, stats_by_sentence, warn_by_stat)
  local width = M.config.max_width
  if c.id then
    local text, trial = labels.marker(cit, c.index, c.trials, width, c.lang)
    if text == "" then return nil end
    return { { truncate(text, width), trial and M.config.hl.trial or M.config.hl.info } }
  end
  local stats = cit.sentence and stats_by_sentence[cit.sentence] or nil
  if not stats or #stats == 0 then return nil end
  local texts, warnings = {}, {}
  for _, s in ipairs(stats) do
    texts[#texts + 1] = labels.clean(s.text or "")
    for _, w in ipairs(warn_by_stat[s.index] or {}) do warnings[#warnings + 1] = w end
  end
  local out = { { truncate(table.concat(texts, "; "), width), M.config.hl.info } }
  if #warnings > 0 then
    -- the check messages are the library's English: said so once
    out[#out + 1] = { " ⚠ " .. truncate(labels.tr(c.lang, "english") .. table.concat(warnings, "; "), width), M.config.hl.warning }
  end
  return out
end

-- Check severities as vim.diagnostic's (filled on first use: vim.diagnostic loads lazily).
local SEVERITY = setmetatable({}, { __index = function(t, k)
  local sev = vim.diagnostic.severity
  t.error, t.warning, t.info = sev.ERROR, sev.WARN, sev.INFO
  return rawget(t, k)
end })

--- The buffer's failed consistency checks as vim.diagnostic entries (namespace
-- "trialcite"; errors and warnings, and info with diagnostics.info).  Returns them.
function M.diagnose(buf)
  buf = bufnr_of(buf)
  local c = M.document(buf)
  local stats = c.doc:statistics()
  local list = {}
  local english = labels.tr(c.lang, "english")   -- the messages are English data
  for _, k in ipairs(c.doc:checks()) do
    local s = k.statistic and stats[k.statistic]
    if s and SEVERITY[k.severity] and (k.severity ~= "info" or M.config.diagnostics.info) then
      local row, col = rowcol(c, s.start)
      local erow, ecol = rowcol(c, s.stop + 1)
      list[#list + 1] = { lnum = row, col = col, end_lnum = erow, end_col = ecol,
        severity = SEVERITY[k.severity], message = english .. k.message, code = k.code, source = "trialcite" }
    end
  end
  -- a recognised appraisal: its bundled checks on a reference (a number used for two
  -- studies), at the markers citing it in the sections the check names
  local bundled = c.id and tc().document(c.id)
  for _, k in ipairs(bundled and bundled.checks or {}) do
    if type(k.reference) == "number" and SEVERITY[k.severity] and (k.severity ~= "info" or M.config.diagnostics.info) then
      local sections
      for _, sp in ipairs(type(k.spans) == "table" and k.spans or {}) do
        if sp.section then sections = sections or {}; sections[sp.section] = true end
      end
      for _, cit in ipairs(c.doc:citations()) do
        local cites = false
        for _, n in ipairs(cit.refs) do if n == k.reference then cites = true end end
        if cites and (not sections or sections[cit.section_kind]) then
          local row, col = rowcol(c, cit.start)
          local erow, ecol = rowcol(c, cit.stop + 1)
          list[#list + 1] = { lnum = row, col = col, end_lnum = erow, end_col = ecol, severity = SEVERITY[k.severity],
            message = english .. k.message, code = k.code, source = "trialcite (" .. c.id .. ")" }
        end
      end
    end
  end
  if M.config.diagnostics.enabled then vim.diagnostic.set(M.ns, buf, list) end
  return list
end

--- Parses the buffer and sets one extmark per citation marker in namespace "trialcite"
-- (cleared first): the marker highlighted, with virtual text naming what each reference
-- is cited for at that place (a bundled appraisal) or the statistics of the citing
-- sentence; failed checks become diagnostics.  Returns the number of extmarks set.
function M.annotate(buf)
  buf = bufnr_of(buf)
  api.nvim_buf_clear_namespace(buf, M.ns, 0, -1)
  local c = M.document(buf)
  local cits = c.doc:citations()
  local stats_by_sentence, warn_by_stat = {}, {}
  if not c.id then
    for i, s in ipairs(c.doc:statistics()) do
      s.index = i
      if s.sentence then
        local l = stats_by_sentence[s.sentence] or {}
        l[#l + 1] = s
        stats_by_sentence[s.sentence] = l
      end
    end
    for _, k in ipairs(c.doc:checks()) do
      if k.statistic and (k.severity == "warning" or k.severity == "error") then
        local l = warn_by_stat[k.statistic] or {}
        l[#l + 1] = k.message
        warn_by_stat[k.statistic] = l
      end
    end
  end
  local n, last_row, last_text = 0, nil, nil
  for _, cit in ipairs(cits) do
    local row, col = rowcol(c, cit.start)
    local erow, ecol = rowcol(c, cit.stop + 1)
    local opts = { end_row = erow, end_col = ecol, hl_group = M.config.hl.marker }
    if M.config.virt_text then
      local chunks = chunks_for(c, cit, stats_by_sentence, warn_by_stat)
      local text
      if chunks then
        text = ""
        for _, ch in ipairs(chunks) do text = text .. ch[1] end
      end
      -- two markers of one sentence on a line: its statistics once
      if chunks and not (row == last_row and text == last_text) then
        opts.virt_text, opts.virt_text_pos = chunks, M.config.virt_text_pos
      end
      last_row, last_text = row, text
    end
    api.nvim_buf_set_extmark(buf, M.ns, row, col, opts)
    n = n + 1
  end
  if M.config.diagnostics.enabled then M.diagnose(buf) end
  if M.config.auto_refresh then M.attach(buf) end
  return n
end

-- ---- refreshing after edits ---------------------------------------------------------------

M.attached = {}   -- bufnr -> augroup id
M.timers = {}     -- bufnr -> the pending refresh's timer

-- Stops and frees buf's pending refresh, if any.
local function cancel(buf)
  local timer = M.timers[buf]
  M.timers[buf] = nil
  if timer then
    timer:stop()
    if not timer:is_closing() then timer:close() end
  end
end

--- Re-annotates buf after edits (TextChanged, InsertLeave), debounced by
-- config.debounce_ms; M.detach(buf) or :TrialciteClear stops it, and so does unloading
-- or wiping out the buffer (a pending refresh is cancelled, never run on a dead buffer).
function M.attach(buf)
  buf = bufnr_of(buf)
  if M.attached[buf] then return end
  local group = api.nvim_create_augroup("trialcite_refresh_" .. buf, { clear = true })
  M.attached[buf] = group
  local function refresh()
    cancel(buf)
    local timer = (vim.uv or vim.loop).new_timer()
    M.timers[buf] = timer
    timer:start(M.config.debounce_ms, 0, vim.schedule_wrap(function()
      if M.timers[buf] ~= timer then return end   -- cancelled meanwhile
      cancel(buf)
      if not M.attached[buf] or not api.nvim_buf_is_loaded(buf) then return end
      local ok, err = pcall(M.annotate, buf)
      if not ok then notify(err, vim.log.levels.WARN) end
    end))
  end
  api.nvim_create_autocmd({ "TextChanged", "InsertLeave" }, { group = group, buffer = buf, callback = refresh })
  api.nvim_create_autocmd({ "BufWipeout", "BufUnload" }, { group = group, buffer = buf, callback = function()
    M.detach(buf)
    drop(buf)
  end })
end

function M.detach(buf)
  buf = bufnr_of(buf)
  cancel(buf)
  local group = M.attached[buf]
  if group then pcall(api.nvim_del_augroup_by_id, group) end
  M.attached[buf] = nil
end

--- Removes trialcite's extmarks and diagnostics from the buffer and stops refreshing it.
function M.clear(buf)
  buf = bufnr_of(buf)
  api.nvim_buf_clear_namespace(buf, M.ns, 0, -1)
  vim.diagnostic.reset(M.ns, buf)
  M.detach(buf)
  drop(buf)
end

-- ---- what is under the cursor -------------------------------------------------------------

--- The reference numbers under the cursor: the number the cursor is on in a citation
-- marker, or every number of the marker when the cursor is on a range ("1-4") or on
-- its brackets; nil, message outside a marker.
function M.refs_under_cursor(win)
  win = win or api.nvim_get_current_win()
  local buf = api.nvim_win_get_buf(win)
  local cur = api.nvim_win_get_cursor(win)
  local c = M.document(buf)
  local off = c.starts[cur[1]] + cur[2]
  for _, cit in ipairs(c.doc:citations()) do
    if cit.start <= off and off <= cit.stop then
      local rel = off - cit.start + 1
      local i = 1
      while true do
        local a, b = cit.text:find("%d+", i)
        if not a then break end
        if a <= rel and rel <= b then
          local before, after = cit.text:sub(1, a - 1):match("(%S)%s*$"), cit.text:sub(b + 1):match("^%s*(%S)")
          local in_range = (before and before:match("[-–]")) or (after and after:match("[-–]"))
          local v = tonumber(cit.text:sub(a, b))
          if not in_range then
            for _, r in ipairs(cit.refs) do if r == v then return { v }, cit end end
          end
        end
        i = b + 1
      end
      return cit.refs, cit
    end
  end
  return nil, labels.tr(c.lang, "no_marker_here")
end

--- The first reference number under the cursor (see refs_under_cursor).
function M.number_under_cursor(win)
  local refs, err = M.refs_under_cursor(win)
  if not refs then return nil, err end
  return refs[1]
end

-- ---- the lookup float ---------------------------------------------------------------------

local function lookup_cached(c, n)
  if c.lookups[n] == nil then
    local rec = tc().lookup(n, c.doc)   -- the buffer's contexts, plus the bundled facts when recognised
    if rec and c.kept then   -- an edited appraisal: the bundled facts from its record
      local b = tc().lookup(n, c.id)
      if b then
        for _, k in ipairs({ "document", "cited_for", "trial", "appraised_trial", "notes", "sections" }) do
          if rec[k] == nil then rec[k] = b[k] end
        end
        -- the bundled trial, not the record the library extracts from an unknown text
        rec.trial, rec.appraised_trial = b.trial, b.appraised_trial
      end
    end
    c.lookups[n] = rec or false
  end
  return c.lookups[n] or nil
end

local function close_win(win) if win and api.nvim_win_is_valid(win) then pcall(api.nvim_win_close, win, true) end end

local last_win   -- the float or split of the last lookup: one at a time
local function show(lines, title, src_buf)
  local cfg = M.config.lookup
  close_win(last_win)
  local buf = api.nvim_create_buf(false, true)
  api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  vim.bo[buf].bufhidden = "wipe"
  vim.bo[buf].modifiable = false
  vim.bo[buf].filetype = "trialcite"
  local win
  if cfg.float then
    local width = 20
    for _, l in ipairs(lines) do width = math.max(width, vim.fn.strdisplaywidth(l)) end
    width = math.min(width, math.max(20, vim.o.columns - 4))
    local height = math.min(#lines, math.max(3, vim.o.lines - 6))
    win = api.nvim_open_win(buf, cfg.focus, {
      relative = "cursor", row = 1, col = 0, width = width, height = height,
      style = "minimal", border = cfg.border,
    })
    vim.wo[win].wrap = true
    -- closes when the cursor moves in the text (as LSP hover does), or, entered, when
    -- it is left
    local group = api.nvim_create_augroup("trialcite_float", { clear = true })
    if cfg.focus then
      api.nvim_create_autocmd({ "WinLeave", "BufLeave" }, {
        group = group, buffer = buf, once = true, callback = function() close_win(win) end,
      })
    else
      api.nvim_create_autocmd({ "CursorMoved", "CursorMovedI", "InsertEnter", "BufLeave" }, {
        group = group, buffer = src_buf, once = true, callback = function() close_win(win) end,
      })
    end
  else
    vim.cmd("botright split")
    win = api.nvim_get_current_win()
    api.nvim_win_set_buf(win, buf)
    api.nvim_win_set_height(win, math.min(#lines, 20))
  end
  last_win = win
  pcall(api.nvim_buf_set_name, buf, "trialcite://" .. title .. "#" .. buf)
  vim.keymap.set("n", "q", function() close_win(win) end, { buffer = buf, nowait = true, silent = true })
  return buf, win
end

-- The lookup float still open (the cursor has not moved since) and not entered: enter
-- it, to scroll it, as a second LSP hover does; leaving it closes it.  True if so.
local last_rec
local function enter_float()
  local win = last_win
  if not (win and api.nvim_win_is_valid(win)) or api.nvim_win_get_config(win).relative == ""
    or win == api.nvim_get_current_win() then return false end
  local group = api.nvim_create_augroup("trialcite_float", { clear = true })   -- not closed by leaving the text
  api.nvim_set_current_win(win)
  api.nvim_create_autocmd({ "WinLeave", "BufLeave" }, {
    group = group, buffer = api.nvim_win_get_buf(win), once = true, callback = function() close_win(win) end,
  })
  return true
end

--- The float's lines for reference numbers nums of buffer buf (see labels.lookup_lines).
function M.lookup_lines(nums, buf)
  local c = M.document(bufnr_of(buf))
  local recs = {}
  for _, n in ipairs(nums) do
    local rec = lookup_cached(c, n)
    if rec then recs[#recs + 1] = rec end
  end
  if #recs == 0 then return nil end
  local ok, render = pcall(require, "trialcite.render")
  return labels.lookup_lines(recs, {
    width = M.config.lookup.width, lang = c.lang, index = c.index, render = ok and render or nil,
    line_of = function(off) return (rowcol(c, off)) + 1 end,
  }), recs
end

--- Looks up reference n (a number, a list of numbers, or nil: what is under the cursor)
-- in the buffer's document: its citing sentences in the buffer with their sections,
-- with the bundled facts of a recognised appraisal.  Shows them in a floating window
-- (or a scratch split).  Returns the lookup record (the first), the buffer and window
-- shown; nil, message otherwise.
function M.lookup(n, buf)
  buf = bufnr_of(buf)
  local nums
  if n == nil and enter_float() then return last_rec, api.nvim_win_get_buf(last_win), last_win end
  if n == nil then
    local refs, err = M.refs_under_cursor()
    if not refs then return nil, err end
    nums = refs
  elseif type(n) == "number" then
    nums = { n }
  elseif type(n) == "table" then
    nums = n
  else
    return nil, "reference number expected, got " .. type(n)
  end
  for _, x in ipairs(nums) do
    if type(x) ~= "number" or x ~= math.floor(x) or x < 1 or x > 2 ^ 53 then
      return nil, labels.tr(M.document(buf).lang, "not_cited", tostring(x))
    end
  end
  local lines, recs = M.lookup_lines(nums, buf)
  local c = cache[buf]
  if not lines then
    return nil, labels.tr(c and c.lang, "not_cited", labels.compress(nums))
  end
  local sbuf, win = show(lines, ((c and c.id) or "buffer") .. "/" .. labels.compress(nums), buf)
  last_rec = recs[1]
  return recs[1], sbuf, win
end

-- ---- references: picker and location list -------------------------------------------------

-- Every cited reference of the buffer: { number=, label=, english=<label is English
-- data>, places={ {lnum=, col=, text=, section=, use=, english=} } }, and the buffer's
-- language (the labels').
function M.references(buf)
  buf = bufnr_of(buf)
  local c = M.document(buf)
  local out = {}
  for _, r in ipairs(c.doc:references()) do
    local places = {}
    for _, ctx in ipairs(r.contexts or {}) do
      local m = ctx.marker or ctx
      local row, col = rowcol(c, m.start)
      local use = labels.use_at(c.index[r.number], ctx.section_kind, c.trials, c.lang)
      places[#places + 1] = { lnum = row + 1, col = col + 1, section = labels.where(c.lang, ctx.section, ctx.section_kind),
        use = use and use.text, english = use and use.english or false, text = labels.clean(ctx.text) }
    end
    local use = labels.use_at(c.index[r.number], nil, c.trials, c.lang)
    local label = use and use.text or (places[1] and places[1].text) or ""
    out[#out + 1] = { number = r.number, label = label, english = use and use.english or false, places = places }
  end
  return out, c.lang
end

-- " (notes: English data)" in a Dutch or French buffer when any item shows such a note.
local function list_note(lang, items)
  for _, it in ipairs(items) do if it.english then return labels.tr(lang, "list_note") end end
  return ""
end

local function jump(buf, place)
  local win = api.nvim_get_current_win()
  if api.nvim_win_get_buf(win) ~= buf then return end
  vim.cmd("normal! m'")   -- the jump list, as any jump
  api.nvim_win_set_cursor(win, { place.lnum, place.col - 1 })
end

--- :TrialciteReferences: every cited reference through vim.ui.select (telescope or
-- fzf-lua when they replace it), jumping to the chosen reference's first citing place.
function M.pick(buf)
  buf = bufnr_of(buf)
  local refs, lang = M.references(buf)
  if #refs == 0 then return nil, labels.tr(lang, "no_markers") end
  vim.ui.select(refs, {
    prompt = labels.tr(lang, "picker_prompt") .. list_note(lang, refs),
    kind = "trialcite.reference",
    format_item = function(r)
      return string.format("[%d] %s %s", r.number, truncate(r.label, M.config.max_width), labels.count(lang, "places", #r.places))
    end,
  }, function(choice)
    if choice and choice.places[1] then jump(buf, choice.places[1]) end
  end)
  return refs
end

--- :TrialciteCites N: the location list of the window gets N's citing places.
function M.cites(n, buf)
  buf = bufnr_of(buf)
  local refs, lang = M.references(buf)
  for _, r in ipairs(refs) do
    if r.number == n then
      local items = {}
      for _, p in ipairs(r.places) do
        items[#items + 1] = { bufnr = buf, lnum = p.lnum, col = p.col,
          text = string.format("[%d] %s: %s", n, p.section, p.use and (p.use .. " | " .. p.text) or p.text) }
      end
      vim.fn.setloclist(0, {}, " ", { title = labels.tr(lang, "cites_title", n) .. list_note(lang, r.places), items = items })
      return items
    end
  end
  return nil, labels.tr(lang, "not_cited", string.format("%d", n))
end

--- Command-line completion: the current buffer's cited numbers starting with lead.
function M.complete_numbers(lead)
  local ok, refs = pcall(function() return M.document(0).doc:references() end)
  local out = {}
  for _, r in ipairs(ok and refs or {}) do
    local s = string.format("%d", r.number)
    if s:sub(1, #(lead or "")) == (lead or "") then out[#out + 1] = s end
  end
  return out
end

-- ---- command entry points (plugin/trialcite.lua) ------------------------------------------

local function guarded(fn)
  local ok, a, b = pcall(fn)
  if not ok then notify(a, vim.log.levels.ERROR); return nil end
  if a == nil and b then notify(b, vim.log.levels.WARN) end
  return a
end

-- The reference number a command was given ("19"), or nil, message saying what was asked.
local function number_arg(cmd, arg)
  local n = arg:match("^%d+$") and #arg <= 15 and tonumber(arg) or nil
  if n and n >= 1 then return n end
  local lang = M.document(0).lang
  if not arg:match("^%d+$") then return nil, labels.tr(lang, "not_a_number", cmd, truncate(arg, 40)) end
  return nil, labels.tr(lang, "not_cited", truncate(arg, 40))
end

function M.cmd_annotate()
  return guarded(function()
    local n = M.annotate(0)
    local c = cache[api.nvim_get_current_buf()]
    notify(labels.count(c and c.lang, "markers", n) .. (c and c.id and (" (" .. c.id .. ")") or ""))
    return n
  end)
end

function M.cmd_lookup(args)
  local arg = args and args.args or ""
  return guarded(function()
    local n
    if arg ~= "" then
      local err
      n, err = number_arg("TrialciteLookup", arg)
      if not n then return nil, err end
    end
    return M.lookup(n, 0)
  end)
end

function M.cmd_references() return guarded(function() return M.pick(0) end) end

function M.cmd_cites(args)
  local arg = args and args.args or ""
  return guarded(function()
    local n, err = number_arg("TrialciteCites", arg)
    if not n then return nil, err end
    local items, cerr = M.cites(n, 0)
    if not items then return nil, cerr end
    vim.cmd("lopen")
    return items
  end)
end

function M.cmd_clear() return guarded(function() M.clear(0); return true end) end

return M
