-- trialcite command-line interface (installed as `trialcite`).
-- Provisional: `annotate FILE...` lists each cited reference with its citing sentences.
local tc = require "trialcite"

local function die(msg) io.stderr:write("trialcite: ", msg, "\n"); os.exit(1) end

local function read(path)
  local f, err = io.open(path, "rb")
  if not f then die(err) end
  local s = f:read("a"); f:close(); return s
end

local cmd = arg[1]
if cmd == "annotate" then
  for i = 2, #arg do
    local doc = tc.parse(read(arg[i]))
    print("== " .. arg[i])
    for _, r in ipairs(doc:references()) do
      print(string.format("[%d]", r.number))
      for _, c in ipairs(r.contexts) do
        print(string.format("    (%s) %s", c.section or "-", tc.clean(c.text)))
      end
    end
  end
else
  die("usage: trialcite annotate FILE...")
end
