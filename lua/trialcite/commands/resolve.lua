-- trialcite resolve ID_OR_TEXT...: DOIs, PMIDs, PMCIDs or free-text references to
-- CSL-JSON through Crossref and PubMed (with the on-disk cache).
local tc = require "trialcite"
local util = require "trialcite.cliutil"

local M = {
  summary = "DOIs, PMIDs or reference texts to CSL-JSON (Crossref, PubMed; cached)",
  usage = "trialcite resolve [--offline] [--mailto ADDR] [--cache DIR] [--timeout S] [-j N] ID_OR_TEXT...|-",
  help = [[Resolves each argument and prints one CSL-JSON array (input order) on standard
output.  An argument is a DOI in any common form (10.1001/..., doi:..., https://doi.org/...),
a PMID (digits), a PMCID (PMC...), or a free-text reference (quote it), which is accepted
only when title, first author and year agree with a Crossref record.  `-` reads standard
input: one identifier or reference text per line (blank lines skipped).

  --offline        answer from the cache only (also TRIALCITE_OFFLINE=1)
  --mailto ADDR    contact address sent to Crossref and NCBI (also TRIALCITE_MAILTO)
  --cache DIR      cache directory (default $TRIALCITE_CACHE, else $XDG_CACHE_HOME/trialcite)
  --timeout S      seconds per request (default 30)
  -j N             requests at once (default 4)
Each argument that cannot be resolved gets one line on standard error; the exit status
is then 1 (the array still holds the others).]],
}

function M.run(args)
  local opts, pos = util.parse(args, {
    ["--offline"] = true, ["--mailto"] = "value", ["--cache"] = "value",
    ["--timeout"] = "value", ["-j"] = "value",
  }, "resolve")
  local list = {}
  for _, a in ipairs(pos) do
    if a == "-" then    -- standard input: one identifier or reference text per line
      for line in util.read("-", true):gmatch("[^\r\n]+") do
        line = line:match("^%s*(.-)%s*$")
        if line ~= "" then list[#list + 1] = line end
      end
    else
      list[#list + 1] = a
    end
  end
  pos = list
  if #pos == 0 then util.usage("resolve: give at least one DOI, PMID or reference text (see --help)") end
  local timeout = opts.timeout and tonumber(opts.timeout)
  if opts.timeout and (not timeout or timeout <= 0) then util.usage("resolve: --timeout needs a positive number") end
  local jobs = opts.j and util.whole(opts.j)
  if opts.j and (not jobs or jobs < 1) then util.usage("resolve: -j needs a positive whole number") end
  local r = tc.resolver{
    offline = opts.offline or nil, mailto = opts.mailto, cache_dir = opts.cache,
    timeout = timeout, concurrency = jobs,
  }
  local results = r:resolve_many(pos)
  r:close()
  local items, failed = setmetatable({}, tc.array_mt), 0
  for i, x in ipairs(results) do
    if x.error then
      failed = failed + 1
      io.stderr:write("trialcite: resolve: ", pos[i], ": ", x.error, "\n")
    else
      items[#items + 1] = x
    end
  end
  io.stdout:write(tc.json_encode(items, { pretty = true }), "\n")
  return failed == 0 and 0 or 1
end

return M
