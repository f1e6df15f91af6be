-- `luarocks make --tree DIR` from a copy of the working tree, for LuaRocks' default Lua
-- and for Lua 5.4: the module loads in that Lua (a module built against other Lua
-- headers fails with an undefined symbol), and the installed `trialcite` command
-- works.  Skips, visibly, without luarocks.
local t = require "harness"

local here = debug.getinfo(1, "S").source:sub(2):match("^(.*)/[^/]*$") or "."
local ROOT = here .. "/.."
local ROCKSPEC = "trialcite-0.1.0-1.rockspec"

local function sh(cmd)
  local p = io.popen(cmd .. " 2>&1; echo \"rc=$?\"")
  local out = p:read("a"); p:close()
  local rc = tonumber(out:match("rc=(%d+)%s*$"))
  return rc, out:gsub("rc=%d+%s*$", "")
end

local function versions()
  local list, seen = {}, {}
  local rc, out = sh("luarocks config lua_version")
  local default = rc == 0 and out:match("(5%.%d)") or nil
  for _, v in ipairs({ default, "5.4" }) do
    if v and not seen[v] and t.have("lua" .. v) then
      seen[v] = true
      list[#list + 1] = { v, v == default }
    end
  end
  return list
end

t.test("luarocks make --tree builds, installs and runs for each Lua it targets", function()
  if not t.have("luarocks") then t.skip("luarocks not installed (Debian: luarocks)") end
  t.need_plain_build("luarocks make")
  local tmp = t.tmpdir()
  local src = tmp .. "/src"
  -- The working tree as it is, without the build directory and git's files.
  local rc, out = sh(("mkdir -p %s && tar -C %s --exclude=./build --exclude=./.git -cf - . | tar -C %s -xf -")
    :format(t.q(src), t.q(ROOT), t.q(src)))
  t.eq(rc, 0, "copy of the tree: " .. out)
  local text = tmp .. "/text.txt"
  local f = assert(io.open(text, "wb"))
  f:write("Results were clear (1,2). The hazard ratio was 0.61 (95% CI 0.40 to 0.93).\n")
  f:close()
  local built = 0
  for _, v in ipairs(versions()) do
    local ver, default = v[1], v[2]
    local tree = tmp .. "/tree-" .. ver
    local flag = default and "" or ("--lua-version " .. ver .. " ")
    rc, out = sh(("cd %s && MAKEFLAGS=-j2 luarocks %smake --tree %s %s"):format(t.q(src), flag, t.q(tree), ROCKSPEC))
    if rc ~= 0 and out:find("lua.h: No such file", 1, true) then
      print("        luarocks: no Lua " .. ver .. " headers, not built for it")
    else
      t.eq(rc, 0, "lua " .. ver .. ": luarocks make: " .. out:sub(-800))
      local cpath = ("%s/lib/lua/%s/?.so"):format(tree, ver)
      local lpath = ("%s/share/lua/%s/?.lua;%s/share/lua/%s/?/init.lua"):format(tree, ver, tree, ver)
      local probe = ("local tc = require 'trialcite'; local d = tc.parse('Seen before (3).'); " ..
        "io.write(tc.backend, ' ', d:citations()[1].refs[1])")
      rc, out = sh(("LUA_PATH=%s LUA_CPATH=%s lua%s -e %s"):format(t.q(lpath .. ";;"), t.q(cpath .. ";;"), ver, t.q(probe)))
      t.eq(rc, 0, "lua " .. ver .. ": require 'trialcite' from the tree: " .. out)
      t.ok(out:find(" 3$"), "lua " .. ver .. ": the module parses: " .. out)
      rc, out = sh(("%s/bin/trialcite check --json %s"):format(t.q(tree), t.q(text)))
      t.ok(rc == 0 or rc == 1, "lua " .. ver .. ": the installed command runs: " .. out)
      t.ok(out:find('"estimate"', 1, true), "lua " .. ver .. ": and finds the estimate: " .. out:sub(1, 300))
      built = built + 1
    end
  end
  os.execute("rm -rf " .. t.q(tmp))
  print(("        luarocks make: built and ran for %d Lua version(s)"):format(built))
  t.ok(built >= 1, "built for at least one Lua")
end)
