-- trialcite extract: the trial record a text reports or appraises, extracted from the
-- text alone (tc.extract_trial), as a readable summary or as JSON.
local tc = require "trialcite"
local util = require "trialcite.cliutil"

local M = {
  summary = "extract the trial record from a text (population, arms, results, ...; --json)",
  usage = "trialcite extract FILE [--json] [--lang nl|fr|en] [--id ID]",
  help = [[Extracts the trial record from an appraisal or trial report (FILE, `-`: standard
input): population, arms, outcomes, results, design, registration, funding and
conflicts, every number with the span of the text it was read from.

  --json         the record as JSON (the bundled schema, with "evidence" and "extraction")
  --lang L       the text's language (default: detected)
  --id ID        the record's id (default: the file name)]],
}

local function line(out, label, text)
  if text and text ~= "" then util.print_wrapped(out, string.format("  %-13s", label), string.rep(" ", 15), text, 96) end
end

local POP_KEYS = { "screened", "randomized", "randomized_per_arm", "randomized_men", "randomized_women",
                   "completed", "age_mean", "age_sd", "women_percent" }

--- The readable summary of an extracted record.
function M.summary_lines(rec, label)
  local out = { (label and label .. ": " or "") .. (rec.title or rec.id or "") }
  local p = rec.population or {}
  local parts = {}
  for _, k in ipairs(POP_KEYS) do
    if p[k] then
      parts[#parts + 1] = k:gsub("_", " ") .. " " .. util.num(p[k]) .. (k == "randomized" and p.randomized_derived and " (sum of the arms)" or "")
    end
  end
  if p.dropouts then
    local d = {}
    for arm, n in pairs(p.dropouts) do d[#d + 1] = arm .. " " .. util.num(n) end
    table.sort(d)
    parts[#parts + 1] = "dropouts " .. table.concat(d, ", ")
  end
  line(out, "population", table.concat(parts, "; "))
  local arms = {}
  for _, a in ipairs(rec.arms or {}) do arms[#arms + 1] = util.arm and util.arm(a) or a.label end
  line(out, "arms", table.concat(arms, " vs "))
  local d = rec.design or {}
  local dp = {}
  if d.randomised then dp[#dp + 1] = "randomised" end
  if d.blinding then dp[#dp + 1] = d.blinding end
  if d.multicentre ~= nil then dp[#dp + 1] = d.multicentre and "multicentre" or "single centre" end
  if d.centres then dp[#dp + 1] = util.num(d.centres) .. " centres" end
  if d.follow_up and d.follow_up.text then dp[#dp + 1] = "follow-up " .. d.follow_up.text end
  if d.analysis then dp[#dp + 1] = d.analysis end
  line(out, "design", table.concat(dp, "; "))
  line(out, "registration", rec.registration)
  for _, o in ipairs(rec.outcomes or {}) do
    line(out, "outcome", (o.role and "[" .. o.role .. "] " or "") .. o.name
      .. (o.timepoints and " (" .. table.concat(o.timepoints, ", ") .. ")" or ""))
  end
  for _, r in ipairs(rec.results or {}) do
    local est = util.estimate and util.estimate(r) or tostring(r.value)
    local ctx = {}
    if r.timepoint then ctx[#ctx + 1] = r.timepoint end
    if r.subgroup then ctx[#ctx + 1] = r.subgroup end
    line(out, "result", (r.role and "[" .. r.role .. "] " or "") .. r.outcome .. ": " .. est
      .. (#ctx > 0 and " (" .. table.concat(ctx, ", ") .. ")" or ""))
  end
  line(out, "funding", rec.funding)
  line(out, "conflicts", type(rec.conflicts) == "string" and rec.conflicts or nil)
  out[#out + 1] = string.format("  %d numbers, each with its span in the text (--json shows them)", #(rec.evidence or {}))
  return out
end

function M.run(args)
  local opts, pos = util.parse(args, { ["--json"] = true, ["--lang"] = "value", ["--id"] = "value" }, "extract")
  if #pos ~= 1 then util.usage("extract: give exactly one FILE (or - for standard input)") end
  if opts.lang and opts.lang ~= "nl" and opts.lang ~= "fr" and opts.lang ~= "en" then
    util.usage("extract: --lang must be nl, fr or en, not '" .. opts.lang .. "'")
  end
  local f = pos[1]
  local text = util.read(f)
  local doc = tc.parse(text, { lang = opts.lang, id = f ~= "-" and f or nil })
  local rec = tc.extract_trial(doc, { id = opts.id })
  if opts.json then
    io.stdout:write(tc.json_encode(rec, { pretty = true }), "\n")
  else
    io.stdout:write(table.concat(M.summary_lines(rec, f == "-" and "<stdin>" or f), "\n"), "\n")
  end
  return 0
end

return M
