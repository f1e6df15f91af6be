-- trialcite check FILE: the statistics of an appraisal and their consistency checks.
local tc = require "trialcite"
local util = require "trialcite.cliutil"

local M = {
  summary = "statistics of an appraisal text and their consistency checks",
  usage = "trialcite check FILE [--json]",
  help = [[Parses an appraisal text (`-`: standard input) and lists its statistics and the
consistency checks on them (confidence intervals that do not contain the estimate,
p-values that disagree with the interval, ...).  For a text that is one of the
bundled appraisals the bundled checks (e.g. a reference number used for two
different studies) are listed too.
  --json    {statistics=[...], checks=[...], document=<bundled id>|null} as JSON
Exit status 1 when a check has severity "error", else 0.]],
}

local function clean(s) return (tc.clean(s):gsub("%s+", " ")) end

function M.run(args)
  local opts, pos = util.parse(args, { ["--json"] = true }, "check")
  if #pos ~= 1 then util.usage("check: expected one FILE (see --help)") end
  local doc = util.parse_file(pos[1])
  local meta = util.recognize(doc)
  local stats, checks = doc:statistics(), doc:checks()
  local all = {}
  for _, c in ipairs(checks) do all[#all + 1] = c end
  for _, c in ipairs(meta and meta.checks or {}) do
    all[#all + 1] = { code = c.code, severity = c.severity, message = c.message, reference = c.reference, bundled = true }
  end
  local errors = 0
  for _, c in ipairs(all) do if c.severity == "error" then errors = errors + 1 end end
  if opts.json then
    io.stdout:write(tc.json_encode({ document = meta and meta.id or tc.null,
      statistics = setmetatable(stats, tc.array_mt), checks = setmetatable(all, tc.array_mt) }, { pretty = true }), "\n")
    return errors > 0 and 1 or 0
  end
  local out = {}
  out[#out + 1] = string.format("%s: %d citations, %d cited references, %d statistics, language %s%s",
    pos[1], #doc:citations(), #doc:references(), #stats, doc:lang() ~= "" and doc:lang() or "?",
    meta and ("; the bundled appraisal " .. meta.id) or "")
  if #stats > 0 then out[#out + 1] = "statistics:" end
  for i, s in ipairs(stats) do
    local e = util.estimate(s)
    if s.p and s.p.value then e = (e ~= "" and (e .. ", ") or "") .. util.p(s.p) end
    local line = string.format("  %3d  %-10s %s", i, s.kind or "?", e)
    if s.timepoint then line = line .. "  @ " .. clean(s.timepoint) end
    if s.subgroup then line = line .. "  [" .. clean(s.subgroup) .. "]" end
    out[#out + 1] = line
    util.print_wrapped(out, "                  \"", "                   ", clean(s.text) .. "\"", 96)
  end
  out[#out + 1] = #all > 0 and "checks:" or "checks: none"
  for _, c in ipairs(all) do
    local where = c.statistic and (" (statistic " .. c.statistic .. ")") or c.reference and (" (reference " .. c.reference .. ")") or ""
    util.print_wrapped(out, string.format("  %-8s %s%s: ", c.severity or "?", c.code or "?", where), "           ", c.message or "", 96)
  end
  io.stdout:write(table.concat(out, "\n"), "\n")
  return errors > 0 and 1 or 0
end

return M
