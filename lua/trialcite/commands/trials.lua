-- trialcite trials: the bundled trial records.
local tc = require "trialcite"
local util = require "trialcite.cliutil"
local render = require "trialcite.render"

local M = {
  summary = "list the bundled trial records (--json: the full records)",
  usage = "trialcite trials [--json]",
  help = [[Lists the trial records bundled in the library: id, citation, identifiers,
population and arms.  --json prints the complete records as a JSON array.]],
}

function M.run(args)
  local opts, pos = util.parse(args, { ["--json"] = true }, "trials")
  if #pos > 0 then util.usage("trials: takes no arguments besides --json") end
  local trials = tc.trials and tc.trials() or {}
  if opts.json then
    io.stdout:write(tc.json_encode(setmetatable(trials, tc.array_mt), { pretty = true }), "\n")
    return 0
  end
  local out = {}
  for _, t in ipairs(trials) do
    out[#out + 1] = t.id or "?"
    util.print_wrapped(out, "  ", "  ", (t.title or "") .. ". " .. render.citation(t.citation), 96)
    out[#out + 1] = "  " .. render.identifiers(t)
    local p, arms = t.population or {}, {}
    for _, a in ipairs(t.arms or {}) do arms[#arms + 1] = (a.label or "?") .. (a.n and (" (n=" .. util.num(a.n) .. ")") or "") end
    local line = {}
    if p.randomized then line[#line + 1] = util.num(p.randomized) .. " randomized" end
    if #arms > 0 then line[#line + 1] = table.concat(arms, " vs ") end
    if type(t.results) == "table" then line[#line + 1] = #t.results .. " results" end
    util.print_wrapped(out, "  ", "  ", table.concat(line, "; "), 96)
  end
  if #out > 0 then io.stdout:write(table.concat(out, "\n"), "\n") end
  return 0
end

return M
