-- The Neovim side of trialcite: annotate a buffer's citation markers with extmarks,
-- look up the reference under the cursor, clear.  plugin/trialcite.lua defines the
-- commands and requires this module lazily; require("trialcite").setup(opts) or
-- require("trialcite.nvim").setup(opts) configures it.  Works with Neovim 0.7 and later
-- (nvim_buf_set_extmark, nvim_open_win, vim.keymap.set).
local api = vim.api

local M = {}

local DEFAULTS = {
  virt_text = true,          -- show what each marker cites at the end of its line
  virt_text_pos = "eol",
  max_width = 100,           -- longest virtual text (bytes), "…" when cut
  lang = nil,                -- "nl" | "fr" | "en": passed to tc.parse (nil: detect)
  lookup = {
    float = true,            -- false: a scratch buffer in a split
    border = "rounded",
    width = 96,
  },
  hl = {
    marker = "TrialciteMarker",
    trial = "TrialciteTrial",
    warning = "TrialciteWarning",
    info = "Comment",
  },
}

M.config = vim.deepcopy(DEFAULTS)
M.ns = api.nvim_create_namespace("trialcite")

--- Configures the integration; opts are merged into the defaults above.
function M.setup(opts)
  if opts ~= nil and type(opts) ~= "table" then error("trialcite.setup: table expected, got " .. type(opts), 2) end
  M.config = vim.tbl_deep_extend("force", vim.deepcopy(DEFAULTS), opts or {})
  return M
end

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
  if ok then return mod end
  forget_failed()
  error(mod, 0)
end

local function notify(msg, level)
  msg = tostring(msg):gsub("^trialcite: ", "")
  vim.notify("trialcite: " .. msg, level or vim.log.levels.INFO)
end

local function bufnr_of(buf) if buf == nil or buf == 0 then return api.nvim_get_current_buf() end return buf end

local function clean(s) return (s:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")) end

local function truncate(s, n)
  if #s <= n then return s end
  local cut = s:sub(1, n - 3)
  -- do not cut inside a UTF-8 sequence
  while #cut > 0 and cut:byte(#cut) >= 0x80 and cut:byte(#cut) < 0xC0 do cut = cut:sub(1, -2) end
  if #cut > 0 and cut:byte(#cut) >= 0xC0 then cut = cut:sub(1, -2) end
  return cut .. "…"
end

-- ---- the buffer's document, parsed once per change --------------------------------------

local cache = {}   -- bufnr -> { tick=, doc=, id=, starts=, lookups= }

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

--- The parsed document of a buffer: { doc=, id=<bundled document id or nil>, lines=, starts= }.
function M.document(buf)
  buf = bufnr_of(buf)
  local tick = api.nvim_buf_get_changedtick(buf)
  local c = cache[buf]
  if c and c.tick == tick then return c end
  local lines = api.nvim_buf_get_lines(buf, 0, -1, false)
  local text = table.concat(lines, "\n")
  local doc = tc().parse(text, M.config.lang and { lang = M.config.lang } or nil)
  local id = tc().recognize(doc)
  if c and c.doc then c.doc:close() end
  c = { tick = tick, doc = doc, id = id, lines = lines, starts = line_starts(lines), lookups = {} }
  cache[buf] = c
  return c
end

local function lookup_cached(c, n)
  if c.lookups[n] == nil then
    local rec = tc().lookup(n, c.id or c.doc)
    c.lookups[n] = rec or false
  end
  return c.lookups[n] or nil
end

local function is_str(v) return type(v) == "string" and v ~= "" end

-- What reference n is cited for in a bundled appraisal: a short label.
local function describe_ref(c, n)
  local rec = lookup_cached(c, n)
  if not rec then return string.format("[%d]", n), M.config.hl.info end
  local t = type(rec.trial) == "table" and rec.trial or nil
  if t then
    local label = is_str(t.acronym) and t.acronym or (is_str(t.id) and t.id or "trial")
    local cit = type(t.citation) == "table" and t.citation or {}
    local doi = is_str(cit.DOI) and (" doi:" .. cit.DOI) or ""
    return string.format("[%d] appraised trial %s%s", n, label, doi), M.config.hl.trial
  end
  if is_str(rec.cited_for) then return string.format("[%d] %s", n, clean(rec.cited_for)), M.config.hl.info end
  return string.format("[%d]", n), M.config.hl.info
end

-- Virtual-text chunks for one citation marker.
local function chunks_for(c, cit, stats_by_sentence, warn_by_stat)
  local width = M.config.max_width
  if c.id then
    local parts, hl = {}, M.config.hl.info
    for _, n in ipairs(cit.refs or {}) do
      local s, h = describe_ref(c, n)
      parts[#parts + 1] = s
      if h == M.config.hl.trial then hl = h end
    end
    if #parts == 0 then return nil end
    return { { truncate(table.concat(parts, "; "), width), hl } }
  end
  local stats = cit.sentence and stats_by_sentence[cit.sentence] or nil
  if not stats or #stats == 0 then return nil end
  local texts, warnings = {}, {}
  for _, s in ipairs(stats) do
    texts[#texts + 1] = clean(s.text or "")
    for _, w in ipairs(warn_by_stat[s.index] or {}) do warnings[#warnings + 1] = w end
  end
  local out = { { truncate(table.concat(texts, "; "), width), M.config.hl.info } }
  if #warnings > 0 then
    out[#out + 1] = { " ⚠ " .. truncate(table.concat(warnings, "; "), width), M.config.hl.warning }
  end
  return out
end

--- Parses the buffer and sets one extmark per citation marker in namespace "trialcite"
-- (cleared first): the marker highlighted, with virtual text naming what each reference
-- is cited for (a bundled appraisal) or the statistics of the citing sentence.
-- Returns the number of extmarks set.
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
  local n = 0
  for _, cit in ipairs(cits) do
    local row, col = position(c.starts, c.lines, cit.start)
    local erow, ecol = position(c.starts, c.lines, cit.stop + 1)
    local opts = { end_row = erow, end_col = ecol, hl_group = M.config.hl.marker }
    if M.config.virt_text then
      local chunks = chunks_for(c, cit, stats_by_sentence, warn_by_stat)
      if chunks then opts.virt_text, opts.virt_text_pos = chunks, M.config.virt_text_pos end
    end
    api.nvim_buf_set_extmark(buf, M.ns, row, col, opts)
    n = n + 1
  end
  return n
end

--- Removes trialcite's extmarks from the buffer.
function M.clear(buf)
  buf = bufnr_of(buf)
  api.nvim_buf_clear_namespace(buf, M.ns, 0, -1)
  if cache[buf] and cache[buf].doc then cache[buf].doc:close() end
  cache[buf] = nil
end

--- The reference number under the cursor (a digit run inside a citation marker; the
-- marker's first number elsewhere in it), or nil, message.
function M.number_under_cursor(win)
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
          local v = tonumber(cit.text:sub(a, b))
          for _, r in ipairs(cit.refs) do if r == v then return v end end
        end
        i = b + 1
      end
      return cit.refs[1]
    end
  end
  return nil, "no citation marker under the cursor"
end

local function lookup_lines(rec)
  local out = {}
  local ok = pcall(function() require("trialcite.render").text_entry(out, rec, M.config.lookup.width) end)
  if ok and #out > 0 then return out end
  out = { string.format("[%d] %s", rec.number, rec.document or "") }
  if is_str(rec.cited_for) then out[#out + 1] = "cited for: " .. clean(rec.cited_for) end
  for _, ctx in ipairs(rec.contexts or {}) do out[#out + 1] = "> " .. clean(ctx.text or "") end
  if type(rec.trial) == "table" and is_str(rec.trial.id) then out[#out + 1] = "trial: " .. rec.trial.id end
  return out
end

local function show(lines, title)
  local cfg = M.config.lookup
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
    win = api.nvim_open_win(buf, true, {
      relative = "cursor", row = 1, col = 0, width = width, height = height,
      style = "minimal", border = cfg.border,
    })
    vim.wo[win].wrap = true
  else
    vim.cmd("botright split")
    win = api.nvim_get_current_win()
    api.nvim_win_set_buf(win, buf)
    api.nvim_win_set_height(win, math.min(#lines, 20))
  end
  pcall(api.nvim_buf_set_name, buf, "trialcite://" .. title .. "#" .. buf)
  vim.keymap.set("n", "q", function()
    if api.nvim_win_is_valid(win) then api.nvim_win_close(win, true) end
  end, { buffer = buf, nowait = true, silent = true })
  return buf, win
end

--- Looks up reference n (default: the number under the cursor) in the current buffer's
-- document and shows the result in a floating window (or a scratch split).
-- Returns the lookup record, the buffer and window shown; nil, message otherwise.
function M.lookup(n, buf)
  buf = bufnr_of(buf)
  local err
  if n == nil then
    n, err = M.number_under_cursor()
    if not n then return nil, err end
  end
  if type(n) ~= "number" then return nil, "reference number expected" end
  local c = M.document(buf)
  local rec, lerr = tc().lookup(n, c.id or c.doc)
  if not rec then return nil, lerr end
  local sbuf, win = show(lookup_lines(rec), (c.id or "buffer") .. "/" .. n)
  return rec, sbuf, win
end

-- ---- command entry points (plugin/trialcite.lua) --------------------------------------

local function guarded(fn)
  local ok, a, b = pcall(fn)
  if not ok then notify(tostring(a), vim.log.levels.ERROR); return nil end
  if a == nil and b then notify(tostring(b), vim.log.levels.WARN) end
  return a
end

function M.cmd_annotate()
  return guarded(function()
    local n = M.annotate(0)
    local c = cache[api.nvim_get_current_buf()]
    notify(string.format("%d citation marker%s%s", n, n == 1 and "" or "s",
      c and c.id and (" (" .. c.id .. ")") or ""))
    return n
  end)
end

function M.cmd_lookup(args)
  local arg = args and args.args or ""
  return guarded(function()
    local n
    if arg ~= "" then
      n = tonumber(arg)
      if not n or n ~= math.floor(n) or n < 1 then return nil, "TrialciteLookup: expected a reference number, got " .. arg end
    end
    return M.lookup(n, 0)
  end)
end

function M.cmd_clear() return guarded(function() M.clear(0); return true end) end

return M
