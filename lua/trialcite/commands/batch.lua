-- trialcite batch: many texts parsed at once (tc.parse_many on several threads), one
-- JSON object per line per document, in input order.
local tc = require "trialcite"
local util = require "trialcite.cliutil"

local M = {
  summary = "parse many texts on several threads: one JSON line per document",
  usage = "trialcite batch [-j N] [--jsonl] [--lang nl|fr|en] [FILE...]",
  help = [[Parses every FILE (no FILE or `-`: standard input, read as one text) with
tc.parse_many on N threads (-j, default: one per CPU) and prints one line of JSON per
document, in the order the files were given, whatever order the threads finish in.
Each line is the document's JSON (as `trialcite parse` prints it) whose "id" is the
file name.  A file that cannot be read or parsed gives {"id":..., "error":...} on its
line and makes the exit status 1.  --jsonl is the default output and is accepted for
clarity.]],
}

function M.run(args)
  local opts, pos = util.parse(args, { ["-j"] = "value", ["--jobs"] = "value", ["--jsonl"] = true,
                                       ["--lang"] = "value" }, "batch")
  local jobs = opts.j or opts.jobs
  local threads = 0
  if jobs ~= nil then
    threads = tonumber(jobs)
    if not threads or threads < 1 or threads ~= math.floor(threads) or threads > 1024 then
      util.usage("batch: -j takes a whole number of threads from 1 to 1024")
    end
  end
  if opts.lang and opts.lang ~= "nl" and opts.lang ~= "fr" and opts.lang ~= "en" then
    util.usage("batch: --lang takes nl, fr or en")
  end
  if #pos == 0 then pos = { "-" } end
  local texts, ids, read_errors = {}, {}, {}
  for i, path in ipairs(pos) do
    ids[i] = path
    local f, err
    if path == "-" then texts[i] = io.stdin:read("a") or ""
    else
      f, err = io.open(path, "rb")
      if f then texts[i], err = f:read("a"); f:close(); if err then err = path .. ": " .. tostring(err) end end
      if not texts[i] then texts[i] = false; read_errors[i] = "cannot read " .. tostring(err or path) end
    end
  end
  local docs = tc.parse_many(texts, { threads = math.floor(threads), ids = ids, lang = opts.lang })
  local code = 0
  local out = {}
  for i = 1, #pos do
    local d = docs[i]
    if read_errors[i] or (type(d) == "table" and d.error) then
      code = 1
      out[#out + 1] = '{"id":' .. tc.json_encode(ids[i]) .. ',"error":' ..
        tc.json_encode(read_errors[i] or d.error) .. "}"
    else
      local json = d:to_json()
      local id = tc.recognize and tc.recognize(d)
      if id then json = json:gsub('^{"id":("[^"]*"),', '{"id":%1,"document":' .. tc.json_encode(id):gsub("%%", "%%%%") .. ",", 1) end
      out[#out + 1] = json
      d:close()
    end
    if #out >= 64 then io.stdout:write(table.concat(out, "\n"), "\n"); out = {} end
  end
  if #out > 0 then io.stdout:write(table.concat(out, "\n"), "\n") end
  return code
end

return M
