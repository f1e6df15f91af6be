-- The LuaJIT declarations (lua/trialcite/cdef.lua) against the header they are
-- generated from: the file must be what `make cdef` writes today, and every public
-- struct must have, under LuaJIT's FFI as loaded by the FFI backend, the size and
-- field offsets the C compiler gives it.  A header change that is not regenerated
-- fails here instead of crashing Neovim.
local t = require "harness"
local gen = require "trialcite.tools.cdef"

local here = debug.getinfo(1, "S").source:sub(2):match("^(.*)/[^/]*$") or "."
local ROOT = here .. "/.."
local HEADER = ROOT .. "/include/trialcite.h"
local CDEF = ROOT .. "/lua/trialcite/cdef.lua"

local function header() return gen.parse(t.read(HEADER)) end

t.test("lua/trialcite/cdef.lua is what the header generates (make cdef)", function()
  t.ok(t.read(CDEF) == gen.render(header()),
    "lua/trialcite/cdef.lua is out of date with include/trialcite.h: run `make cdef`")
end)

t.test("the generator finds every public struct and function of the header", function()
  local h = t.read(HEADER)
  local p = header()
  local n = 0
  for _ in h:gmatch("typedef%s+struct%s+[%w_]+%s*{") do n = n + 1 end
  t.eq(#p.structs, n, "structs parsed")
  local fns = 0
  for _ in h:gmatch("TC_API%s") do fns = fns + 1 end
  local decl = 0
  for _ in p.source:gmatch("[%w_%*]+%s*%**%s*tc_[%w_]+%s*%b();") do decl = decl + 1 end
  t.eq(decl, fns - 3, "function declarations in the generated source (TC_API minus its 3 definitions)")
  t.ok(not p.source:find("#", 1, true), "no preprocessor line left")
  t.ok(not p.source:find("TC_API", 1, true), "no TC_API left")
  t.eq(p.defines.TC_MAX_REF_NUMBER, 9999, "numeric #define")
  t.eq(p.defines.TC_MAX_TEXT, 2 ^ 30, "shifted #define")
end)

-- "name size" and "name.field offset" lines, as a map.
local function layout_map(s)
  local m, n = {}, 0
  for k, v in s:gmatch("([%w_%.]+) (%S+)\n") do m[k] = v; n = n + 1 end
  return m, n
end

t.test("every public struct: LuaJIT's sizeof/offsetof equal the C compiler's", function()
  if not t.have("luajit") then t.skip("luajit is not installed (apt-get install luajit)") end
  if not t.have("cc") then t.skip("no C compiler") end
  t.need_plain_build("the LuaJIT layout test")
  local lib = t.library()
  local dir = t.tmpdir()
  local p = header()
  local src = dir .. "/layout.c"
  local f = assert(io.open(src, "wb")); f:write(gen.layout_c(p)); f:close()
  t.ok(os.execute(string.format("cc -std=c11 -I%s %s -o %s/layout",
    t.q(ROOT .. "/include"), t.q(src), t.q(dir))), "the layout program compiles")
  local c_out = io.popen(t.q(dir .. "/layout")):read("a")
  -- LuaJIT walks the header's struct list (not the generated file's) through the
  -- types the FFI backend itself declared.
  local script = dir .. "/layout.lua"
  f = assert(io.open(script, "wb"))
  f:write([[
local ffi = require "ffi"
require "trialcite"
local p = require("trialcite.tools.cdef").parse(io.open(arg[1], "rb"):read("*a"))
for _, s in ipairs(p.structs) do
  local ok, size = pcall(ffi.sizeof, s.name)
  io.write(s.name, " ", ok and tostring(size) or "undeclared", "\n")
  for _, fld in ipairs(s.fields) do
    local ok2, off = pcall(ffi.offsetof, s.name, fld)
    io.write(s.name, ".", fld, " ", ok2 and off and tostring(off) or "missing", "\n")
  end
end
]]); f:close()
  local cmd = string.format("TRIALCITE_LIB=%s LUA_PATH=%s luajit %s %s 2>&1", t.q(lib),
    t.q(ROOT .. "/lua/?.lua;" .. ROOT .. "/lua/?/init.lua;;"), t.q(script), t.q(HEADER))
  local j_out = io.popen(cmd):read("a")
  local cm, cn = layout_map(c_out)
  local jm = layout_map(j_out)
  t.ok(cn > 50, "the C program printed the layout (" .. cn .. " lines): " .. c_out:sub(1, 200))
  local bad = {}
  for k, v in pairs(cm) do
    if jm[k] ~= v then bad[#bad + 1] = string.format("%s: C %s, LuaJIT %s", k, v, tostring(jm[k])) end
  end
  table.sort(bad)
  t.ok(#bad == 0, "layout differs (run `make cdef`):\n  " .. table.concat(bad, "\n  ") .. "\n" .. j_out:sub(1, 300))
end)
