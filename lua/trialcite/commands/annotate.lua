-- trialcite annotate: every cited reference of an appraisal with what it is cited for,
-- its citing sentences and, on the appraised-trial reference, the trial's results.
local tc = require "trialcite"
local util = require "trialcite.cliutil"
local render = require "trialcite.render"

local M = {
  summary = "annotate every cited reference (what it is cited for, citing sentences, trial results)",
  usage = "trialcite annotate [FILE...|--document ID|--all] [--format text|markdown|json] [--width N]",
  help = [[Annotates every cited reference of an appraisal.

  FILE...          appraisal texts to parse (`-`: standard input); a text that is one
                   of the bundled appraisals also gets its reference index and trial
  --document ID    a bundled appraisal (minerva-20577, minerva-20707), no text needed
  --all            every bundled appraisal (the default without FILE or --document)
  --format F       text (default), markdown or json; JSON is an object with a
                   top-level "references" array (one entry per cited number, each with
                   "number" and "document") and a "documents" array
  --width N        wrap text output at N columns (default 96)]],
}

--- The sources to annotate: { {src=doc|id, meta=bundled document|nil, label=file|nil}, ... }
function M.sources(opts, pos)
  local list = {}
  if opts.all and (opts.document or #pos > 0) then
    util.usage("annotate: --all takes no FILE and no --document (it is every bundled appraisal)")
  end
  if opts.document then
    local meta = util.check_document(opts.document)
    list[#list + 1] = { src = opts.document, meta = meta }
  end
  for _, f in ipairs(pos) do
    local doc = util.parse_file(f, { id = f ~= "-" and f or nil })
    list[#list + 1] = { src = doc, meta = util.recognize(doc), label = f == "-" and "<stdin>" or f }
  end
  if #list == 0 or opts.all then
    for _, id in ipairs(util.document_ids()) do
      local dup = false
      for _, s in ipairs(list) do if s.meta and s.meta.id == id then dup = true end end
      if not dup then list[#list + 1] = { src = id, meta = util.bundled(id) } end
    end
  end
  return list
end

--- Lookup records of every cited number of a source.
function M.records(s)
  local recs = {}
  for _, n in ipairs(util.numbers(s.src, s.meta)) do
    local r = tc.lookup(n, s.src)
    if r then recs[#recs + 1] = r end
  end
  return recs
end

function M.run(args)
  local opts, pos = util.parse(args, { ["--document"] = "value", ["--all"] = true, ["--format"] = "value",
                                       ["--width"] = "value", ["--json"] = true, ["--markdown"] = true }, "annotate")
  local format = opts.format or (opts.json and "json") or (opts.markdown and "markdown") or "text"
  if format == "md" then format = "markdown" end
  if format ~= "text" and format ~= "markdown" and format ~= "json" then
    util.usage("annotate: --format must be text, markdown or json, not '" .. format .. "'")
  end
  local width = util.whole(tostring(opts.width or "96"))
  if not width or width < 40 or width > 10000 then util.usage("annotate: --width must be a whole number from 40 to 10000") end
  local sources = M.sources(opts, pos)
  if #sources == 0 then util.fail("annotate: no bundled documents and no FILE given") end

  if format == "json" then
    local docs, refs = setmetatable({}, tc.array_mt), setmetatable({}, tc.array_mt)
    for _, s in ipairs(sources) do
      local m = s.meta or {}
      docs[#docs + 1] = { id = m.id, title = m.title, date = m.date, lang = m.lang, url = m.url,
                          appraises = m.appraises, appraised_reference = m.appraised_reference, source = s.label }
      for _, r in ipairs(M.records(s)) do
        r.source = s.label
        refs[#refs + 1] = r
      end
    end
    io.stdout:write(tc.json_encode({ documents = docs, references = refs }, { pretty = true }), "\n")
    return 0
  end

  local out = {}
  for i, s in ipairs(sources) do
    local recs = M.records(s)
    if format == "markdown" then
      render.markdown_header(out, s.meta, s.label, #recs)
      for _, r in ipairs(recs) do render.markdown_entry(out, r) end
    else
      if i > 1 then out[#out + 1] = "" end
      render.text_header(out, s.meta, s.label, #recs, width)
      for _, r in ipairs(recs) do render.text_entry(out, r, width) end
    end
  end
  io.stdout:write(table.concat(out, "\n"), "\n")
  return 0
end

return M
