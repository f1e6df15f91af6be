-- A small JSON decoder and encoder in portable Lua (5.1/LuaJIT to 5.4), for hosts that
-- reach the C library through LuaJIT's FFI and have no JSON module of their own (plain
-- LuaJIT).  Same conventions as the C binding (plugin/lua_json.c): null decodes to
-- M.null, arrays carry M.array_mt (so that an empty array stays an array), objects
-- decoded with keep_order carry their key order in the metatable field __jsonorder,
-- nesting is limited to M.MAX_DEPTH (TC_MAX_JSON_DEPTH), and object keys are encoded in
-- __jsonorder order first, then sorted.  M.is_null (optional) recognises a host's own
-- null value (Neovim's vim.NIL) when encoding.
local M = {}

M.MAX_DEPTH = 64
M.null = setmetatable({}, { __tostring = function() return "null" end })
M.array_mt = { __jsontype = "array" }

local byte, sub, find, char, concat = string.byte, string.sub, string.find, string.char, table.concat
local floor = math.floor

-- ---- decoding ----------------------------------------------------------------------

local ESC = { ['"'] = '"', ["\\"] = "\\", ["/"] = "/", b = "\b", f = "\f", n = "\n", r = "\r", t = "\t" }

local function utf8_char(c)
  if c < 0x80 then return char(c)
  elseif c < 0x800 then return char(0xC0 + floor(c / 0x40), 0x80 + c % 0x40)
  elseif c < 0x10000 then
    return char(0xE0 + floor(c / 0x1000), 0x80 + floor(c / 0x40) % 0x40, 0x80 + c % 0x40)
  end
  return char(0xF0 + floor(c / 0x40000), 0x80 + floor(c / 0x1000) % 0x40,
              0x80 + floor(c / 0x40) % 0x40, 0x80 + c % 0x40)
end

local function fail(s, i, what) error({ json = "invalid JSON at byte " .. i .. ": " .. what }, 0) end

local function skip(s, i)
  local _, e = find(s, "^[ \t\r\n]*", i)
  return e + 1
end

local decode_value

local function decode_string(s, i)   -- i: just after the opening quote
  local parts, n, j = {}, 0, i
  while true do
    local a, b = find(s, '["\\%c]', j)
    if not a then fail(s, i, "unterminated string") end
    if b > j then n = n + 1; parts[n] = sub(s, j, a - 1) end
    local c = sub(s, a, a)
    if c == '"' then return concat(parts), a + 1 end
    if c ~= "\\" then fail(s, a, "control character in string") end
    local e = sub(s, a + 1, a + 1)
    if ESC[e] then
      n = n + 1; parts[n] = ESC[e]; j = a + 2
    elseif e == "u" then
      local hex = sub(s, a + 2, a + 5)
      if not hex:find("^%x%x%x%x$") then fail(s, a, "bad \\u escape") end
      local cp = tonumber(hex, 16)
      j = a + 6
      if cp >= 0xD800 and cp <= 0xDBFF then
        local lo = sub(s, j, j + 5):match("^\\u(%x%x%x%x)$")
        lo = lo and tonumber(lo, 16)
        if lo and lo >= 0xDC00 and lo <= 0xDFFF then
          cp = 0x10000 + (cp - 0xD800) * 0x400 + (lo - 0xDC00)
          j = j + 6
        else
          cp = 0xFFFD
        end
      elseif cp >= 0xDC00 and cp <= 0xDFFF then
        cp = 0xFFFD
      end
      n = n + 1; parts[n] = utf8_char(cp)
    else
      fail(s, a, "bad escape")
    end
  end
end

local function decode_array(s, i, keep, depth)
  local arr, n = setmetatable({}, M.array_mt), 0
  i = skip(s, i)
  if sub(s, i, i) == "]" then return arr, i + 1 end
  while true do
    local v
    v, i = decode_value(s, i, keep, depth)
    n = n + 1; arr[n] = v
    i = skip(s, i)
    local c = sub(s, i, i)
    if c == "]" then return arr, i + 1 end
    if c ~= "," then fail(s, i, "expected ',' or ']'") end
    i = i + 1
  end
end

local function decode_object(s, i, keep, depth)
  local obj, order = {}, keep and {} or nil
  i = skip(s, i)
  if sub(s, i, i) == "}" then
    if order then setmetatable(obj, { __jsonorder = order }) end
    return obj, i + 1
  end
  while true do
    i = skip(s, i)
    if sub(s, i, i) ~= '"' then fail(s, i, "expected a string key") end
    local k
    k, i = decode_string(s, i + 1)
    i = skip(s, i)
    if sub(s, i, i) ~= ":" then fail(s, i, "expected ':'") end
    local v
    v, i = decode_value(s, i + 1, keep, depth)
    if order and obj[k] == nil then order[#order + 1] = k end
    obj[k] = v
    i = skip(s, i)
    local c = sub(s, i, i)
    if c == "}" then
      if order then setmetatable(obj, { __jsonorder = order }) end
      return obj, i + 1
    end
    if c ~= "," then fail(s, i, "expected ',' or '}'") end
    i = i + 1
  end
end

function decode_value(s, i, keep, depth)
  i = skip(s, i)
  local c = sub(s, i, i)
  if c == "{" or c == "[" then
    if depth >= M.MAX_DEPTH then fail(s, i, "nested deeper than " .. M.MAX_DEPTH) end
    if c == "{" then return decode_object(s, i + 1, keep, depth + 1) end
    return decode_array(s, i + 1, keep, depth + 1)
  elseif c == '"' then
    return decode_string(s, i + 1)
  elseif c == "t" and sub(s, i, i + 3) == "true" then return true, i + 4
  elseif c == "f" and sub(s, i, i + 4) == "false" then return false, i + 5
  elseif c == "n" and sub(s, i, i + 3) == "null" then return M.null, i + 4
  end
  local a, b = find(s, "^-?%d+%.?%d*[eE]?[-+]?%d*", i)
  if a then
    local text = sub(s, a, b)
    if text:find("^-?0%d") or text:find("%.$") or text:find("%.[eE]") or text:find("[eE][-+]?$") then
      fail(s, i, "malformed number")
    end
    local v = tonumber(text)
    if v then return v, b + 1 end
  end
  fail(s, i, c == "" and "unexpected end" or "unexpected character")
end

--- Decodes JSON text.  opts.keep_order: objects remember their key order.
-- Returns the value, or nil and a message.
function M.decode(text, opts)
  if type(text) ~= "string" then
    error("bad argument #1 to 'json_decode' (string expected, got " .. type(text) .. ")", 2)
  end
  local keep = type(opts) == "table" and opts.keep_order or false
  local ok, v, i = pcall(decode_value, text, 1, keep, 0)
  if not ok then
    if type(v) == "table" and v.json then return nil, v.json end
    error(v, 0)
  end
  i = skip(text, i)
  if i <= #text then return nil, "invalid JSON at byte " .. i .. ": trailing characters" end
  return v
end

-- ---- encoding ----------------------------------------------------------------------

local function quote(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    local e = ({ ['"'] = '\\"', ["\\"] = "\\\\", ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t",
                 ["\b"] = "\\b", ["\f"] = "\\f" })[c]
    return e or string.format("\\u%04x", byte(c))
  end) .. '"'
end

local function number(v)
  if v ~= v or v == math.huge or v == -math.huge then error("cannot encode " .. tostring(v) .. " as JSON", 0) end
  if v == floor(v) and v > -1e15 and v < 1e15 then return string.format("%d", v) end
  local s = string.format("%.15g", v)
  if tonumber(s) ~= v then s = string.format("%.17g", v) end
  return s
end

local function array_len(t)
  if getmetatable(t) == M.array_mt then return #t end
  local n, max = 0, 0
  for k in pairs(t) do
    if type(k) ~= "number" or k < 1 or k ~= floor(k) then return nil end
    n = n + 1
    if k > max then max = k end
  end
  if n > 0 and n == max then return n end
  return nil
end

local encode_value

-- pretty: cJSON_Print's layout exactly (the C module's json_encode), so that both
-- backends print the same bytes: an object's members one per line, indented with one
-- tab per nesting level (arrays count as a level), "key":<TAB>value; an array's
-- elements on one line separated by ", "; an empty object "{\n" and its closing indent.
local function encode_table(t, out, depth, pretty, ind)
  if depth > M.MAX_DEPTH then error("value nested deeper than " .. M.MAX_DEPTH .. " (a cycle?)", 0) end
  local n = array_len(t)
  if n then
    if n == 0 then out[#out + 1] = "[]"; return end
    out[#out + 1] = "["
    for i = 1, n do
      if i > 1 then out[#out + 1] = pretty and ", " or "," end
      encode_value(t[i], out, depth + 1, pretty, ind + 1)
    end
    out[#out + 1] = "]"
    return
  end
  local keys, seen = {}, {}
  local mt = getmetatable(t)
  local order = type(mt) == "table" and rawget(mt, "__jsonorder") or nil
  if type(order) == "table" then
    for _, k in ipairs(order) do
      if type(k) == "string" and t[k] ~= nil and not seen[k] then keys[#keys + 1] = k; seen[k] = true end
    end
  end
  local rest = {}
  for k in pairs(t) do
    if type(k) ~= "string" then error("cannot encode a table with " .. type(k) .. " keys as JSON", 0) end
    if not seen[k] then rest[#rest + 1] = k end
  end
  table.sort(rest)
  for _, k in ipairs(rest) do keys[#keys + 1] = k end
  if not pretty then
    if #keys == 0 then out[#out + 1] = "{}"; return end
    out[#out + 1] = "{"
    for i, k in ipairs(keys) do
      if i > 1 then out[#out + 1] = "," end
      out[#out + 1] = quote(k) .. ":"
      encode_value(t[k], out, depth + 1, pretty, ind + 1)
    end
    out[#out + 1] = "}"
    return
  end
  local tabs = string.rep("\t", ind + 1)
  out[#out + 1] = "{\n"
  for i, k in ipairs(keys) do
    out[#out + 1] = tabs .. quote(k) .. ":\t"
    encode_value(t[k], out, depth + 1, pretty, ind + 1)
    out[#out + 1] = i < #keys and ",\n" or "\n"
  end
  out[#out + 1] = string.rep("\t", ind) .. "}"
end

function encode_value(v, out, depth, pretty, ind)
  local ty = type(v)
  if v == nil or v == M.null then out[#out + 1] = "null"
  elseif ty == "boolean" then out[#out + 1] = v and "true" or "false"
  elseif ty == "number" then out[#out + 1] = number(v)
  elseif ty == "string" then out[#out + 1] = quote(v)
  elseif ty == "table" then encode_table(v, out, depth, pretty, ind)
  elseif M.is_null and M.is_null(v) then out[#out + 1] = "null"   -- e.g. vim.NIL
  else error("cannot encode a " .. ty .. " as JSON", 0) end
end

--- Encodes a Lua value as JSON text (opts.pretty: indented with tabs, like cJSON).
-- Raises on values JSON cannot hold (functions, NaN, cycles, mixed keys).
function M.encode(v, opts)
  local out = {}
  local ok, err = pcall(encode_value, v, out, 0, type(opts) == "table" and opts.pretty or false, 0)
  if not ok then error("trialcite.json_encode: " .. tostring(err), 2) end
  return concat(out)
end

return M
