-- Regenerates the lookup tables of plugin/tc_statwords.c from its `words[]` list
-- (the open-addressing hash `slots`, `first_len`, `tc_sw_first_roles`,
-- `tc_sw_len_roles`), in place: lua5.4 lua/trialcite/tools/gen_statwords.lua [FILE]
-- Run it after adding a word; tc_sw_table_ok (the C unit tests) checks the result.
local path = arg[1] or "plugin/tc_statwords.c"
local src = assert(io.open(path, "rb")):read("a")

local ROLE = {}
for name, shift in src:gmatch("TC_SW_([A-Z_]+) = 1u << (%d+)") do ROLE[name] = 1 << tonumber(shift) end
local hdr = assert(io.open(path:gsub("tc_statwords%.c$", "tc_stats.h"), "rb")):read("a")
for name, shift in hdr:gmatch("TC_SW_([A-Z_]+) = 1u << (%d+)") do ROLE[name] = 1 << tonumber(shift) end

local body = assert(src:match("static const struct {[^}]*} words%[%] = {\n(.-)\n};"), "words[] not found")
local words = {}
for w, len, flags in body:gmatch('{ "([^"]*)", (%d+), ([^}]-) }') do
  local f = 0
  for r in flags:gmatch("TC_SW_([A-Z_]+)") do f = f | assert(ROLE[r], r) end
  assert(#w == tonumber(len), "length of " .. w)
  words[#words + 1] = { w = w, flags = f }
end
assert(#words < 255, "slots hold index + 1 in a byte")

local NSLOTS = 2048
local function lower(c) return (c >= 65 and c <= 90) and c + 32 or c end
local function hash(w)
  local n, b = #w, { w:byte(1, -1) }
  local x = ((n * 0x9E3779B1) ~ (lower(b[1]) * 0x85EBCA6B) ~ (lower(b[n > 1 and 2 or 1]) * 0xC2B2AE35)
            ~ (lower(b[n]) * 0x27D4EB2F)) & 0xFFFFFFFF
  return ((x ~ (x >> 15)) & (NSLOTS - 1))
end
local slots = {}
for i = 0, NSLOTS - 1 do slots[i] = 0 end
local first_len, first_roles, len_roles = {}, {}, {}
for i, e in ipairs(words) do
  local h = hash(e.w)
  while slots[h] ~= 0 do h = (h + 1) & (NSLOTS - 1) end
  slots[h] = i
  local c = e.w:byte(1)
  first_len[c] = (first_len[c] or 0) | (1 << #e.w)
  first_roles[c] = (first_roles[c] or 0) | e.flags
  len_roles[#e.w] = (len_roles[#e.w] or 0) | e.flags
end

local function byte_key(c)
  if c < 0x80 then return ("'%s'"):format(string.char(c)) end
  return ("0x%02X"):format(c)
end
local function keyed(t, fmt, per_line)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  local out, line = {}, {}
  for _, k in ipairs(keys) do
    line[#line + 1] = ("[%s] = " .. fmt):format(type(k) == "number" and k >= 32 and byte_key(k) or k, t[k])
    if #line == per_line then out[#out + 1] = "    " .. table.concat(line, ", ") .. ","; line = {} end
  end
  if #line > 0 then out[#out + 1] = "    " .. table.concat(line, ", ") .. "," end
  return table.concat(out, "\n")
end
local rows = {}
for i = 0, NSLOTS - 1, 32 do
  local r = {}
  for j = i, i + 31 do r[#r + 1] = tostring(slots[j]) end
  rows[#rows + 1] = "    " .. table.concat(r, ", ") .. ","
end
local lr = {}
for k, v in pairs(len_roles) do lr[k] = v end

local function replace(text, pattern, new)
  local a, b = text:find(pattern)
  assert(a, "table not found: " .. pattern)
  return text:sub(1, a - 1) .. new .. text:sub(b + 1)
end
src = replace(src, "static const unsigned char slots%[NSLOTS%] = {\n.-\n};",
  "static const unsigned char slots[NSLOTS] = {\n" .. table.concat(rows, "\n") .. "\n};")
src = replace(src, "static const uint32_t first_len%[256%] = {\n.-\n};",
  "static const uint32_t first_len[256] = {\n" .. keyed(first_len, "0x%X", 6) .. "\n};")
src = replace(src, "const uint32_t tc_sw_first_roles%[256%] = {\n.-\n};",
  "const uint32_t tc_sw_first_roles[256] = {\n" .. keyed(first_roles, "0x%05X", 5) .. "\n};")
src = replace(src, "const uint32_t tc_sw_len_roles%[TC_SW_MAX_WORD %+ 1%] = {\n.-\n};",
  "const uint32_t tc_sw_len_roles[TC_SW_MAX_WORD + 1] = {\n" .. keyed(lr, "0x%05X", 6) .. "\n};")
assert(io.open(path, "wb")):write(src)
print(("%s: %d words"):format(path, #words))
