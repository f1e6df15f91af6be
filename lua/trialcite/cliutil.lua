-- Helpers shared by the CLI commands (lua/trialcite/commands/*.lua): argument parsing,
-- files and standard streams, failures as one line on stderr, and text layout.
local tc = require "trialcite"

local M = {}

local FAIL = {}

--- Raises a CLI failure: cli.lua prints "trialcite: MSG" on stderr and exits with code.
--- The whole number a command-line word of decimal digits stands for, else nil (not
-- 1e1, 0x13, 1.5).  Portable: math.tointeger is Lua 5.3+, the CLI also runs on LuaJIT.
function M.whole(s)
  if type(s) ~= "string" or not s:match("^%d+$") or #s > 15 then return nil end
  return tonumber(s)
end

function M.fail(msg, code) error(setmetatable({ msg = msg, code = code or 1 }, FAIL), 0) end
function M.usage(msg) M.fail(msg, 2) end
function M.is_fail(e) return getmetatable(e) == FAIL end

--- Parses args against spec = { ["--flag"] = true (boolean) | "value" (takes one) },
-- with "--opt=value" accepted.  Returns options (keys without dashes) and positionals.
-- A lone "-" is a positional (standard input), and so is a negative number ("-1"), for
-- the command to refuse by name; "--" ends the options.
function M.parse(args, spec, cmd)
  local opts, pos, i = {}, {}, 1
  while i <= #args do
    local a = args[i]
    if a == "--" then
      for j = i + 1, #args do pos[#pos + 1] = args[j] end
      break
    elseif a:sub(1, 1) == "-" and a ~= "-" and not a:match("^%-[%d.]") then   -- "-1" is a (bad) number
      local name, value = a:match("^(%-%-?[^=]+)=(.*)$")
      name = name or a
      local kind = spec[name]
      if kind == nil then M.usage(cmd .. ": unknown option " .. name .. " (see trialcite " .. cmd .. " --help)") end
      local key = name:gsub("^%-+", ""):gsub("%-", "_")
      if kind == true then
        if value then M.usage(cmd .. ": option " .. name .. " takes no value") end
        opts[key] = true
      else
        if not value then
          i = i + 1
          value = args[i]
          if value == nil then M.usage(cmd .. ": option " .. name .. " needs a value") end
        end
        opts[key] = value
      end
    else
      pos[#pos + 1] = a
    end
    i = i + 1
  end
  return opts, pos
end

--- Reads a file ("-": standard input) or fails with one clear line.
-- An empty input fails too ("FILE is empty"), unless allow_empty is true.
function M.read(path, allow_empty)
  local s
  if path == "-" then
    s = io.stdin:read("a") or ""
  else
    local f, err = io.open(path, "rb")
    if not f then M.fail("cannot read " .. tostring(err)) end
    local rerr
    s, rerr = f:read("a")
    f:close()
    if not s then M.fail("cannot read " .. path .. (rerr and (": " .. tostring(rerr)) or "")) end
  end
  if s == "" and not allow_empty then
    M.fail((path == "-" and "standard input" or path) .. " is empty")
  end
  return s
end

--- Parses a file ("-": standard input) or fails with one clear line.  A file is
-- mapped and parsed in place (tc.parse_file), never copied into a Lua string.  An
-- empty input fails ("FILE is empty") unless allow_empty is true.
function M.parse_file(path, opts, allow_empty)
  if path == "-" or not tc.parse_file then return tc.parse(M.read(path, allow_empty), opts) end
  if not allow_empty then
    local f = io.open(path, "rb")
    local size = f and f:seek("end")
    if f then f:close() end
    if size == 0 then M.fail(path .. " is empty") end
  end
  local doc, err = tc.parse_file(path, opts)
  if not doc then M.fail((tostring(err):gsub("^trialcite: ", ""))) end
  return doc
end

--- Writes text to a file ("-": standard output).
function M.write(path, text)
  if path == "-" then io.stdout:write(text); return end
  local f, err = io.open(path, "wb")
  if not f then M.fail("cannot write " .. tostring(err)) end
  local ok, werr = f:write(text)
  f:close()
  if not ok then M.fail("cannot write " .. path .. ": " .. tostring(werr)) end
end

function M.note(msg) io.stderr:write("trialcite: ", msg, "\n") end

--- The bundled document record with this id (from tc.documents()), or nil.
function M.bundled(id)
  for _, d in ipairs(tc.documents and tc.documents() or {}) do
    if d.id == id then return d end
  end
  return nil
end

function M.document_ids()
  local ids = {}
  for _, d in ipairs(tc.documents and tc.documents() or {}) do ids[#ids + 1] = d.id end
  return ids
end

--- Fails with a list of known ids when id is not a bundled document.
function M.check_document(id)
  local d = M.bundled(id)
  if not d then
    local ids = M.document_ids()
    M.fail("unknown document id '" .. tostring(id) .. "'" ..
      (#ids > 0 and " (known: " .. table.concat(ids, ", ") .. ")" or ""))
  end
  return d
end

--- The cited numbers of a source: a parsed doc (plus the bundled index of the appraisal
-- it is recognised as) or a bundled id.
function M.numbers(src, bundled)
  local seen, list = {}, {}
  local function add(n) if not seen[n] then seen[n] = true; list[#list + 1] = n end end
  if type(src) ~= "string" then
    for _, r in ipairs(src:references()) do add(r.number) end
  end
  if bundled and bundled.references then
    for _, r in ipairs(bundled.references) do add(r.number) end
  elseif type(src) == "string" then
    for n = 1, 400 do if tc.lookup(n, src) then add(n) end end
  end
  table.sort(list)
  return list
end

--- The bundled document a parsed text is, or nil (tc.recognize when the core has it,
-- else what tc.lookup reports for its cited numbers).
function M.recognize(doc)
  if tc.recognize then
    local id = tc.recognize(doc)
    return id and M.bundled(id) or nil
  end
  for _, r in ipairs(doc:references()) do
    local l = tc.lookup(r.number, doc)
    if l and l.document then
      local b = M.bundled(l.document)
      if b then return b end
    end
  end
  return nil
end

-- ---- layout ---------------------------------------------------------------------

-- Characters in s (LuaJIT has no utf8 library: lead bytes counted, as utf8.len does for
-- valid UTF-8).
local ulen = utf8 and utf8.len or function(s) return select(2, s:gsub("[^\128-\191]", "")) end
function M.width(s) return ulen(s) or #s end

function M.pad(s, w)
  local n = M.width(s)
  if n >= w then return s end
  return s .. string.rep(" ", w - n)
end

--- Splits text into lines of at most width characters (words kept whole).
function M.wrap(text, width)
  local lines, line = {}, ""
  for word in tostring(text):gmatch("%S+") do
    if line == "" then line = word
    elseif M.width(line) + 1 + M.width(word) <= width then line = line .. " " .. word
    else lines[#lines + 1] = line; line = word end
  end
  if line ~= "" or #lines == 0 then lines[#lines + 1] = line end
  return lines
end

--- Prints text wrapped at width with a first-line prefix and a hanging indent.
-- The first line is filled up to width after `first`, the others after `indent` (a long
-- first prefix no longer narrows every continuation line).
function M.print_wrapped(out, first, indent, text, width)
  local w1, w2 = width - M.width(first), width - M.width(indent)
  local lines = M.wrap(text, w1 > 20 and w1 or 20)
  out[#out + 1] = first .. lines[1]
  if #lines > 1 then
    for _, l in ipairs(M.wrap(table.concat(lines, " ", 2), w2 > 20 and w2 or 20)) do
      out[#out + 1] = indent .. l
    end
  end
end

function M.num(v)
  if type(v) ~= "number" then return tostring(v) end
  if v == math.floor(v) and math.abs(v) < 1e15 then return string.format("%d", v) end
  local s = string.format("%.4f", v):gsub("0+$", ""):gsub("%.$", "")
  return s
end

function M.p(p)
  if type(p) ~= "table" or p.value == nil then return "" end
  local op = p.op or "="
  return "p" .. op .. M.num(p.value)
end

function M.ci(ci)
  if type(ci) ~= "table" or ci.low == nil then return "" end
  return string.format("%s%% CI %s to %s", M.num(ci.level or 95), M.num(ci.low), M.num(ci.high))
end

local function decimals(v)
  if type(v) ~= "number" then return 0 end
  local s = M.num(v)
  local d = s:match("%.(%d+)$")
  return d and #d or 0
end

--- "HR 0.58 (95% CI 0.37 to 0.90)" for a trial result or a text statistic: the
-- interval bounds get as many decimals as the most precise of the three numbers.
function M.estimate(r)
  if r.value == nil then return "" end
  local s = (r.measure and (r.measure .. " ") or "") .. (r.value_op or "") .. M.num(r.value) .. (r.unit or "")
  local inner = {}
  if r.sd then inner[#inner + 1] = "SD " .. M.num(r.sd) end
  if type(r.ci) == "table" and type(r.ci.low) == "number" and type(r.ci.high) == "number" then
    local d = math.max(decimals(r.value), decimals(r.ci.low), decimals(r.ci.high))
    local f = "%." .. d .. "f"
    inner[#inner + 1] = string.format("%s%% CI " .. f .. " to " .. f, M.num(r.ci.level or 95), r.ci.low, r.ci.high)
  elseif r.ci then inner[#inner + 1] = M.ci(r.ci) end
  if #inner > 0 then s = s .. " (" .. table.concat(inner, "; ") .. ")" end
  return s
end

--- One arm's values: "intervention 50.6% relapsed", "control 4.96 (SD 0.29; baseline 5.19)".
function M.arm(a)
  local parts = { a.arm or a.label or "?" }
  if a.percent then parts[#parts + 1] = M.num(a.percent) .. "%" end
  if a.n then parts[#parts + 1] = "n=" .. M.num(a.n) end
  if a.mean then
    local s = M.num(a.mean)
    local inner = {}
    if a.sd then inner[#inner + 1] = "SD " .. M.num(a.sd) end
    if type(a.baseline) == "table" and a.baseline.mean then
      inner[#inner + 1] = "baseline " .. M.num(a.baseline.mean)
    end
    if #inner > 0 then s = s .. " (" .. table.concat(inner, "; ") .. ")" end
    parts[#parts + 1] = s .. (a.unit and (" " .. a.unit) or "")
  end
  if a.what then parts[#parts + 1] = a.what end
  return table.concat(parts, " ")
end

return M
