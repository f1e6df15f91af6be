-- Citation markers on real texts: PMC trial reports from ../shared/corpus/pmc-dev
-- (TRIALCITE_CORPUS), scored against the markers written from a reading of the
-- paragraphs in tests/realtext/markers.lua.  Each document is parsed whole (the
-- document decides its citation style); only the labelled paragraphs are scored.
-- Prints "real text: markers P .. R .. (n=..)" and the same figure for the one-line
-- Lua pattern the engine has to beat; fails below P 0.995 or R 0.98.
local t = require "harness"
local tc = require "trialcite"

local MIN_P, MIN_R = 0.995, 0.98
local corpus = os.getenv("TRIALCITE_CORPUS") or "../shared/corpus/pmc-dev"

local function here()
  local src = debug.getinfo(1, "S").source:sub(2)
  return src:match("^(.*)/[^/]*$") or "."
end

-- Reference numbers as written: "1,2", "5-8", "12, 20–22", "[19]–[22]" (no concatenations).
local function written_refs(s)
  local out = {}
  s = s:gsub("[%[%]()]", ""):gsub("\u{2013}", "-")   -- "[19]–[22]" is the range 19-22
  for item in s:gmatch("[^,;]+") do
    local a, b = item:match("^%s*(%d+)%s*%-%s*(%d+)%s*$")
    if a then for v = tonumber(a), tonumber(b) do out[#out + 1] = v end
    else
      local v = item:match("^%s*(%d+)%s*$")
      if v then out[#out + 1] = tonumber(v) end
    end
  end
  -- the engine gives each number once, ascending ("[29, 28]" names 28 and 29)
  table.sort(out)
  local u = {}
  for _, v in ipairs(out) do if u[#u] ~= v then u[#u + 1] = v end end
  return u
end

local function key(start, text, refs) return start .. "\0" .. text .. "\0" .. table.concat(refs, ",") end

-- Byte offset (1-based) where each line starts.
local function line_starts(text)
  local starts, pos = { 1 }, 1
  while true do
    local nl = text:find("\n", pos, true)
    if not nl then break end
    starts[#starts + 1] = nl + 1; pos = nl + 1
  end
  return starts
end

-- The one-line pattern, with its numbers read as written.
local PATTERN = "[%[(]%d[%d,%-–%s]*[%])]"
local function pattern_markers(text, a, b)
  local out, i = {}, a
  while true do
    local s, e = text:find(PATTERN, i)
    if not s or s > b then break end
    local m = text:sub(s, e)
    out[#out + 1] = { start = s, text = m, refs = written_refs(m) }
    i = e + 1
  end
  return out
end

local function score(found, expected, tally, misses, where)
  local want = {}
  for _, e in ipairs(expected) do want[key(e.start, e.text, e.refs)] = e end
  local got = {}
  for _, c in ipairs(found) do
    local k = key(c.start, c.text, c.refs)
    got[k] = true
    if want[k] then tally.tp = tally.tp + 1
    else
      tally.fp = tally.fp + 1
      if misses then misses[#misses + 1] = string.format("%s: extra %s {%s} at byte %d", where, c.text, table.concat(c.refs, ","), c.start) end
    end
  end
  for k, e in pairs(want) do
    if not got[k] then
      tally.fn = tally.fn + 1
      if misses then misses[#misses + 1] = string.format("%s: missed %s {%s} at byte %d", where, e.text, table.concat(e.refs, ","), e.start) end
    end
  end
end

local function figures(x)
  local p = x.tp + x.fp > 0 and x.tp / (x.tp + x.fp) or 1
  local r = x.tp + x.fn > 0 and x.tp / (x.tp + x.fn) or 1
  return p, r
end

t.test("markers in labelled paragraphs of PMC trial reports", function()
  local probe = io.open(corpus .. "/PMC1079844.txt", "rb")
  if not probe then t.skip("corpus not found in " .. corpus .. " (set TRIALCITE_CORPUS)") end
  probe:close()
  local labels = dofile(here() .. "/realtext/markers.lua")
  local byfile, order = {}, {}
  for _, p in ipairs(labels) do
    if not byfile[p[1]] then byfile[p[1]] = {}; order[#order + 1] = p[1] end
    table.insert(byfile[p[1]], p)
  end
  local eng, pat = { tp = 0, fp = 0, fn = 0 }, { tp = 0, fp = 0, fn = 0 }
  local misses, n = {}, 0
  for _, file in ipairs(order) do
    local text = t.read(corpus .. "/" .. file)
    local starts = line_starts(text)
    local cits = tc.parse(text):citations()
    for _, p in ipairs(byfile[file]) do
      local a = starts[p[2]]
      t.ok(a, file .. ": no line " .. p[2])
      local b = (starts[p[2] + 1] or #text + 2) - 2
      local expected = {}
      for _, m in ipairs(p[3]) do
        local e = { start = a + m[1] - 1, text = m[2], refs = m[3] or written_refs(m[2]) }
        t.eq(text:sub(e.start, e.start + #e.text - 1), e.text, file .. ":" .. p[2] .. " label at column " .. m[1])
        expected[#expected + 1] = e
      end
      n = n + #expected
      local found = {}
      for _, c in ipairs(cits) do
        if c.start >= a and c.start <= b then found[#found + 1] = c end
      end
      local where = file .. ":" .. p[2]
      score(found, expected, eng, misses, where)
      score(pattern_markers(text, a, b), expected, pat, nil, where)
    end
  end
  local p, r = figures(eng)
  local pp, pr = figures(pat)
  print(string.format("real text: markers P %.3f R %.3f (n=%d)", p, r, n))
  print(string.format("real text: one-line pattern P %.3f R %.3f (n=%d)", pp, pr, n))
  if os.getenv("TEST_VERBOSE") or p < MIN_P or r < MIN_R then
    for i = 1, math.min(#misses, 40) do print("        " .. misses[i]) end
  end
  t.ok(p >= MIN_P, string.format("precision %.3f below %.3f", p, MIN_P))
  t.ok(r >= MIN_R, string.format("recall %.3f below %.3f", r, MIN_R))
end)
