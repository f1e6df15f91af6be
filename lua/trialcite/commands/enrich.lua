-- trialcite enrich BIB: writes what an appraisal says about each reference into a
-- bibliography (CSL-JSON or BibTeX, told apart by content).
local tc = require "trialcite"
local util = require "trialcite.cliutil"

local M = {
  summary = "enrich a bibliography (CSL-JSON or BibTeX) with what an appraisal says about each reference",
  usage = "trialcite enrich BIB (--document ID | --text FILE) -o OUT [--field annote|note|annotation] [--quiet]",
  help = [[Reads BIB (`-`: standard input), a CSL-JSON array or a BibTeX file (told apart by
content), and writes it to OUT (`-`: standard output) with trialcite's annotations:

  CSL-JSON  custom.trialcite = {document, number, cited_for, sections, findings,
            trial} and a human-readable "[trialcite] ... [/trialcite]" part in
            `annote` (default) or `note` (--field note)
  BibTeX    the same human-readable part in `annotation` (BibLaTeX, default) or
            `annote` (--field annote); `note`, @string, @preamble, @comment, field
            order and delimiters are never touched

Items are matched to reference numbers by `citation-number`, else by position.  A
re-run replaces trialcite's own part only: enriching twice equals enriching once.
Mismatches (an item at the appraised-trial number with another DOI or PMID, numbers
without an item, a list longer or shorter than the reference list) are reported on
standard error (--quiet: errors only).  OUT is written in any case; the exit status
is 1 when the report has an error (an item left unannotated: identity-mismatch), else 0.

  --document ID   a bundled appraisal (minerva-20577, minerva-20707)
  --text FILE     an appraisal text to parse (`-`: standard input)
  -o OUT          where to write the enriched bibliography]],
}

--- "csl" or "bibtex" by content, or nil.
function M.detect(text)
  local first = text:match("^\239\187\191?%s*(.)") or text:match("^%s*(.)")
  if first == "[" then return "csl" end
  if first == "{" then return "csl-object" end
  if text:find("@%s*%a+%s*[{(]") then return "bibtex" end
  return nil
end

function M.run(args)
  local opts, pos = util.parse(args, { ["--document"] = "value", ["--text"] = "value", ["-o"] = "value",
                                       ["--output"] = "value", ["--field"] = "value", ["--bibtex-field"] = "value",
                                       ["--quiet"] = true, ["-q"] = true }, "enrich")
  if #pos ~= 1 then util.usage("enrich: expected one BIB file (see --help)") end
  local outpath = opts.o or opts.output
  if not outpath then util.usage("enrich: missing -o OUT") end
  if (opts.document and opts.text) or not (opts.document or opts.text) then
    util.usage("enrich: give exactly one of --document ID and --text FILE")
  end
  if pos[1] == "-" and opts.text == "-" then util.usage("enrich: BIB and --text cannot both be standard input") end
  local src
  if opts.document then util.check_document(opts.document); src = opts.document
  else src = util.parse_file(opts.text, { id = opts.text ~= "-" and opts.text or nil }) end
  local bib = util.read(pos[1])
  local kind = M.detect(bib)
  local field = opts.field or opts.bibtex_field
  local out, report
  if kind == "csl" then
    if field and field ~= "annote" and field ~= "note" then
      util.usage("enrich: for CSL-JSON --field is annote or note, not '" .. field .. "'")
    end
    local ok, derr = tc.json_decode(bib)
    if ok == nil then util.fail("enrich: " .. pos[1] .. ": malformed JSON, not a CSL-JSON array (" .. tostring(derr) .. ")") end
    local rep
    out, rep = tc.annotate_json(bib, src, field or "annote", true)
    if not out then util.fail("enrich: " .. pos[1] .. ": " .. tostring(rep)) end
    report = tc.json_decode(rep)
    out = out .. "\n"
  elseif kind == "bibtex" then
    if field == "note" then util.usage("enrich: trialcite never writes BibTeX `note`; use --field annotation or annote") end
    if field and field ~= "annotation" and field ~= "annote" then
      util.usage("enrich: for BibTeX --field is annotation or annote, not '" .. field .. "'")
    end
    out, report = tc.annotate_bibtex(bib, src, { field = field or "annotation" })
    if not out then util.fail("enrich: " .. pos[1] .. ": " .. tostring(report)) end
  elseif kind == "csl-object" then
    util.fail("enrich: " .. pos[1] .. " is a JSON object; CSL-JSON bibliographies are arrays of items")
  else
    util.fail("enrich: " .. pos[1] .. " is neither CSL-JSON nor BibTeX")
  end
  util.write(outpath, out)
  local errors = 0
  for _, r in ipairs(report) do
    if r.severity == "error" then errors = errors + 1 end
    if not opts.quiet or r.severity == "error" then
      io.stderr:write("trialcite: ", r.severity or "info", ": ", r.code or "?", ": ", r.message or "", "\n")
    end
  end
  -- An error in the report (identity-mismatch) left an item unannotated: exit 1.
  return errors > 0 and 1 or 0
end

return M
