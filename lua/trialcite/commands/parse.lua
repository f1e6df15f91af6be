-- trialcite parse: the parsed document as JSON (doc:to_json()), for hosts that cannot
-- load the module themselves (the pandoc filter's CLI mode) and for scripts.
local tc = require "trialcite"
local util = require "trialcite.cliutil"

local M = {
  summary = "print a text's parsed document as JSON (citations, references, statistics, checks)",
  usage = "trialcite parse [--lang nl|fr|en] [--id ID] [--document ID] [--records] [FILE|-]",
  help = [[Parses FILE (default: standard input) and prints the whole document as one line of
JSON: sections, sentences, citations, references, statistics and checks, with 1-based
inclusive start/stop byte offsets into the text as read.  --lang skips language
detection; --id sets the document id (default: the file name).  When the text is one of
the bundled appraisals (or --document names one), a "document" field names it, and
--records adds "bundled": {document=<its record>, trials={[id]=<trial record>}} (what the
pandoc filter needs when it runs without the module).]],
}

function M.run(args)
  local opts, pos = util.parse(args, { ["--lang"] = "value", ["--id"] = "value",
                                       ["--document"] = "value", ["--records"] = true }, "parse")
  if #pos > 1 then util.usage("parse: takes one FILE (or - for standard input)") end
  if opts.lang and opts.lang ~= "nl" and opts.lang ~= "fr" and opts.lang ~= "en" then
    util.usage("parse: --lang takes nl, fr or en")
  end
  if opts.document then util.check_document(opts.document) end
  local path = pos[1] or "-"
  -- an empty text is an empty document (the pandoc filter relies on it)
  local doc = util.parse_file(path, { lang = opts.lang, id = opts.id or (path ~= "-" and path or nil) }, true)
  local json = doc:to_json()
  local id = opts.document or (tc.recognize and tc.recognize(doc))
  local extra = {}
  if id then extra[#extra + 1] = '"document":' .. tc.json_encode(id) end
  if id and opts.records then
    local record = tc.document(id)
    local trials = {}
    for _, r in ipairs(record and record.references or {}) do
      if type(r.trial) == "string" and not trials[r.trial] then trials[r.trial] = tc.trial(r.trial) end
    end
    local bundled = { document = record }
    if next(trials) then bundled.trials = trials end
    extra[#extra + 1] = '"bundled":' .. tc.json_encode(bundled)
  end
  if #extra > 0 then
    -- more fields in front; the rest exactly as to_json wrote it
    local rest = json:sub(2)
    json = "{" .. table.concat(extra, ",") .. (rest == "}" and "" or ",") .. rest
  end
  io.stdout:write(json, "\n")
  doc:close()
  return 0
end

return M
