-- trialcite lookup N: what an appraisal says about reference N.
local tc = require "trialcite"
local util = require "trialcite.cliutil"
local render = require "trialcite.render"

local M = {
  summary = "what an appraisal says about reference N (citing sentences, findings, trial)",
  usage = "trialcite lookup N [FILE|--document ID] [--json]",
  help = [[Looks up reference N in an appraisal: the sections citing it, what it is cited
for, the citing sentences verbatim with their statistics, and the trial record when N
cites the appraised trial.

  FILE             an appraisal text (`-`: standard input)
  --document ID    a bundled appraisal (minerva-20577, minerva-20707)
  --json           the lookup record as JSON
Exit status 1 when N is not cited.]],
}

function M.run(args)
  local opts, pos = util.parse(args, { ["--document"] = "value", ["--json"] = true }, "lookup")
  local arg = pos[1] or ""
  local n = util.whole(arg)   -- decimal digits only: not 1e1, 0x13
  if not n or n < 1 then
    util.usage(arg == "" and "lookup: expected a reference number N (see --help)"
      or "lookup: '" .. arg .. "' is not a valid reference number (a whole number from 1)")
  end
  if #pos > 2 or (pos[2] and opts.document) then util.usage("lookup: give one FILE or --document ID") end
  local src, label
  if opts.document then
    util.check_document(opts.document)
    src, label = opts.document, opts.document
  elseif pos[2] then
    src, label = util.parse_file(pos[2], { id = pos[2] ~= "-" and pos[2] or nil }), pos[2]
  else
    util.usage("lookup: give a FILE or --document ID")
  end
  local rec, err = tc.lookup(n, src)
  if not rec then util.fail("lookup: " .. tostring(err) .. " in " .. label) end
  if opts.json then
    io.stdout:write(tc.json_encode(rec, { pretty = true }), "\n")
  else
    local out = {}
    render.text_entry(out, rec, 96)
    io.stdout:write(table.concat(out, "\n"), "\n")
  end
  return 0
end

return M
