-- The README's C example, taken from README.md (its only ```c block) and built against
-- the library as `make install PREFIX=<tmp>` installs it, through
-- `pkg-config --cflags --libs trialcite`; then run against the installed library.
local t = require "harness"

local here = debug.getinfo(1, "S").source:sub(2):match("^(.*)/[^/]*$") or "."
local root = here .. "/.."

local function sh(cmd)
  local p = io.popen("(" .. cmd .. ") 2>&1; echo \"exit:$?\"")
  local out = p:read("a"); p:close()
  local code = tonumber(out:match("exit:(%d+)\n?$"))
  return code, out:gsub("exit:%d+\n?$", "")
end

local function readme_example()
  local readme = t.read(root .. "/README.md")
  local blocks = {}
  for code in readme:gmatch("\n```c\n(.-)\n```\n") do blocks[#blocks + 1] = code end
  t.eq(#blocks, 1, "one C block in the README")
  return blocks[1] .. "\n"
end

t.test("README C example builds with pkg-config against the installed library and runs", function()
  t.need_plain_build("the installed C library")
  for _, c in ipairs({ "cc", "pkg-config", "make" }) do
    if not t.have(c) then t.skip(c .. " not installed") end
  end
  local src = readme_example()
  local tmp = t.tmpdir()
  local prefix = tmp .. "/prefix"
  -- A make of its own, not a job of the make running the tests; the build directory
  -- is this run's (TRIALCITE_BUILD), already built by `make test`.
  local build = os.getenv("TRIALCITE_BUILD")
  local code, out = sh(string.format("env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s -C %s install PREFIX=%s%s",
    t.q(root), t.q(prefix), build and (" BUILD=" .. t.q(build)) or ""))
  t.eq(code, 0, "make install: " .. out)
  local pc = prefix .. "/lib/pkgconfig"
  t.ok(io.open(pc .. "/trialcite.pc"), "trialcite.pc installed")
  local f = assert(io.open(tmp .. "/example.c", "wb")); f:write(src); f:close()
  code, out = sh(string.format("cd %s && PKG_CONFIG_PATH=%s cc -Wall -Wextra -Werror example.c $(PKG_CONFIG_PATH=%s pkg-config --cflags --libs trialcite) -o example",
    t.q(tmp), t.q(pc), t.q(pc)))
  t.eq(code, 0, "compile: " .. out)
  local flags = select(2, sh("PKG_CONFIG_PATH=" .. t.q(pc) .. " pkg-config --cflags --libs trialcite"))
  t.ok(flags:find(prefix .. "/include", 1, true) and flags:find("-ltrialcite", 1, true), "flags from the installed .pc: " .. flags)
  code, out = sh(string.format("LD_LIBRARY_PATH=%s %s/example", t.q(prefix .. "/lib"), t.q(tmp)))
  t.eq(code, 0, "run: " .. out)
  local lines = {}
  for l in out:gmatch("[^\n]+") do lines[#lines + 1] = l end
  t.eq(lines[1], "[3] at byte 57 cites 3", "first citation")
  t.eq(lines[2], "(1,2,5-7) at byte 77 cites 1 2 5 6 7", "second citation")
  local j = require("trialcite").json_decode(lines[3])
  t.eq(j.number, 19, "lookup number")
  t.eq(j.document, "minerva-20707", "lookup document")
  t.ok(type(j.cited_for) == "string" and type(j.trial) == "table", "what 19 is cited for, and the appraised trial")
  -- the example really ran against the installed library
  code, out = sh(string.format("LD_LIBRARY_PATH=%s ldd %s/example", t.q(prefix .. "/lib"), t.q(tmp)))
  t.ok(out:find(prefix .. "/lib/libtrialcite.so.0", 1, true), "linked to the installed library: " .. out)
  os.execute("rm -rf " .. t.q(tmp))
end)
