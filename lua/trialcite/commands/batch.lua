-- trialcite batch: many documents parsed on several threads (tc.batch), one JSON
-- object per line per document, in input order.
local tc = require "trialcite"
local util = require "trialcite.cliutil"

local M = {
  summary = "parse many texts on several threads: one JSON line per document",
  usage = "trialcite batch [-j N] [--jsonl] [--lang nl|fr|en] [FILE...]",
  help = [[Parses every FILE (no FILE or `-`: standard input, read as one text) on N threads
(-j, default: one per CPU) and prints one line of JSON per document, in the order
the files were given, whatever order the threads finish in.  Each line is the
document's JSON (as `trialcite parse` prints it) whose "id" is the file name, with
"document" after it when the text is one of the bundled appraisals.  A file that
cannot be read or parsed gives {"id":..., "error":...} in its place and makes the
exit status 1.

--jsonl: every FILE (or standard input) holds JSON Lines records
{"id":..., "text":..., "lang":...} (lang optional; a record without an id is named
FILE:LINE), one output line per record, so that GNU parallel can spread a collection
over machines:  parallel --pipe -S host1,host2 trialcite batch --jsonl < all.jsonl

Files are mapped, not copied, and at most a few documents per thread are held at
once, whatever the number of files.  A progress line goes to standard error when it
is a terminal.]],
}

-- Is standard error a terminal?  (os.execute: true/nil in Lua 5.2+, 0 in LuaJIT.)
local function stderr_is_tty()
  local ok, a = pcall(os.execute, "[ -t 2 ]")
  return ok and (a == true or a == 0)
end

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
  local on_progress
  if stderr_is_tty() then
    local total = opts.jsonl and 0 or #pos
    on_progress = function(done, _)
      if done % 25 == 0 or done == total then
        io.stderr:write(string.format("\rtrialcite: batch: %d%s documents", done,
          total > 0 and ("/" .. total) or ""))
      end
    end
  end
  io.stdout:setvbuf("full")
  local r, err = tc.batch(pos, { threads = math.floor(threads), jsonl = opts.jsonl or false,
                                 lang = opts.lang, out = io.stdout, on_progress = on_progress })
  if on_progress then io.stderr:write("\n") end
  if not r then util.fail(tostring(err):gsub("^trialcite: ", ""), 1) end
  return r.errors > 0 and 1 or 0
end

return M
