-- Files and batches (issue 14): tc.parse_file, tc.batch, `trialcite batch` (files,
-- JSON Lines, errors in place, quoted names, -j 1 = -j N) and GNU parallel over
-- JSON Lines.
local t = require "harness"
local tc = require "trialcite"

local tmp = t.tmpdir()
local q, run = t.q, t.cli

local function write(path, s) local f = assert(io.open(path, "wb")); f:write(s); f:close() end

local function lines_of(s)
  local out = {}
  for l in s:gmatch("[^\n]+") do out[#out + 1] = l end
  return out
end

local function synthetic(i)
  local parts = { "Background\n\nA sentence about the trial (", i, "). " }
  for k = 1, i % 6 do
    parts[#parts + 1] = string.format("HR 0.%02d (95%% CI 0.%d to 1.%d) in group %d [%d,%d]. ", 40 + k, k, k, k, k, k + 2)
  end
  parts[#parts + 1] = "\n\nResults\n\nThe mean was 4.5 (SD 1.2) in 120 patients (p<0.001) (3-5).\n"
  return table.concat(parts)
end

-- ---- tc.parse_file -------------------------------------------------------------

t.test("parse_file: the same document as parse, text borrowed from the mapped file", function()
  local text = synthetic(5)
  write(tmp .. "/pf.txt", text)
  local d = assert(tc.parse_file(tmp .. "/pf.txt"))
  t.eq(d:text(), text, "text")
  t.eq(d:to_json(), tc.parse(text):to_json(), "JSON")
  local e = assert(tc.parse_file(tmp .. "/pf.txt", { lang = "fr", id = "x" }))
  t.eq(e:lang(), "fr", "opts.lang")
  t.eq(e:id(), "x", "opts.id")
  d:close(); e:close()
  write(tmp .. "/empty.txt", "")
  local z = assert(tc.parse_file(tmp .. "/empty.txt"))
  t.eq(z:text(), "", "an empty file is an empty document")
  t.eq(#z:citations(), 0, "no citations")
end)

t.test("parse_file: a file large enough to be mapped, and one just under", function()
  for _, size in ipairs({ 300 * 1024, 256 * 1024 - 1, 256 * 1024 }) do
    local parts, n = {}, 0
    while n < size do
      local s = synthetic(#parts)
      parts[#parts + 1] = s
      n = n + #s
    end
    local text = table.concat(parts):sub(1, size)
    write(tmp .. "/big.txt", text)
    local d = assert(tc.parse_file(tmp .. "/big.txt"))
    t.eq(#d:text(), size, "size " .. size)
    t.eq(d:to_json(), tc.parse(text):to_json(), "the same document, " .. size .. " bytes")
    d:close()
  end
end)

t.test("parse_file: the seed texts as parse sees them", function()
  for _, name in ipairs({ t.SEED1, t.SEED2 }) do
    local text = t.seed(name)
    local d = assert(tc.parse_file(t.seeds_dir .. "/" .. name))
    t.eq(d:to_json(), tc.parse(text):to_json(), name)
    t.eq(tc.recognize(d), tc.recognize(tc.parse(text)), name .. " recognised alike")
  end
end)

t.test("parse_file: unreadable paths are nil, message; misuse raises", function()
  local d, err = tc.parse_file(tmp .. "/missing.txt")
  t.eq(d, nil, "missing")
  t.ok(err:match("^trialcite: cannot read .*missing%.txt: No such file or directory$"), err)
  d, err = tc.parse_file(tmp)
  t.eq(d, nil, "directory")
  t.ok(err:find("Is a directory", 1, true), err)
  d, err = tc.parse_file("a\0b")
  t.eq(d, nil, "NUL in the name")
  t.ok(err:find("NUL", 1, true), err)
  d, err = tc.parse_file("")
  t.eq(d, nil, "empty name")
  write(tmp .. "/secret.txt", "x")
  os.execute("chmod 000 " .. q(tmp .. "/secret.txt"))
  local f = io.open(tmp .. "/secret.txt", "rb")
  if f then f:close() else   -- root reads it anyway
    d, err = tc.parse_file(tmp .. "/secret.txt")
    t.eq(d, nil, "no permission")
    t.ok(err:find("Permission denied", 1, true), err)
  end
  t.raises(function() tc.parse_file(42) end, "bad argument #1 to 'parse_file'")
  t.raises(function() tc.parse_file("x", 1) end, "bad argument #2 to 'parse_file'")
  t.raises(function() tc.parse_file("x", { lang = "de" }) end, "opts.lang")
end)

t.test("parse_file: a pipe is read, not mapped", function()
  if not t.have("mkfifo") then t.skip("mkfifo not installed") end
  local fifo = tmp .. "/fifo"
  os.remove(fifo)
  assert(os.execute("mkfifo " .. q(fifo)))
  os.execute("(printf 'A sentence (1).' > " .. q(fifo) .. ") &")
  local d = assert(tc.parse_file(fifo))
  t.eq(d:text(), "A sentence (1).", "text from the pipe")
  t.eq(#d:citations(), 1, "citation")
end)

-- ---- tc.batch ------------------------------------------------------------------

local files, want = {}, {}
for i = 1, 40 do
  local p = string.format("%s/b%02d.txt", tmp, i)
  local s = synthetic(i)
  write(p, s)
  files[i] = p
  want[i] = tc.parse(s, { id = p }):to_json()
end

t.test("batch: lines in input order, any threads and window, one per input", function()
  for _, o in ipairs({ { threads = 1 }, { threads = 2, window = 1 }, { threads = 4, window = 3 }, { threads = 3 } }) do
    local got, progress = {}, {}
    o.write = function(l) got[#got + 1] = l end
    o.on_progress = function(done, total) progress[#progress + 1] = done .. "/" .. total end
    local r = tc.batch(files, o)
    t.eq(r.documents, #files, "documents")
    t.eq(r.errors, 0, "errors")
    t.eq(#got, #files, "lines")
    for i = 1, #files do t.eq(got[i], want[i] .. "\n", "line " .. i .. " with " .. o.threads .. " threads") end
    t.eq(progress[1], "1/40", "progress starts")
    t.eq(progress[#progress], "40/40", "progress ends")
  end
end)

t.test("batch: errors in place, JSON Lines records, callback errors raised", function()
  local got = {}
  local r = tc.batch({ files[1], tmp .. "/nope.txt", tmp, files[2] }, { write = function(l) got[#got + 1] = l end })
  t.eq(r.documents, 2, "documents"); t.eq(r.errors, 2, "errors")
  t.eq(tc.json_decode(got[2]).error, "cannot read " .. tmp .. "/nope.txt: No such file or directory", "missing file")
  t.ok(tc.json_decode(got[3]).error:find("Is a directory", 1, true), "directory")
  t.eq(got[4], want[2] .. "\n", "next file")
  local recs = {
    tc.json_encode({ id = "one", text = synthetic(3) }),
    "",
    tc.json_encode({ text = synthetic(4) }),
    "{not json",
    tc.json_encode({ id = "no-text" }),
    tc.json_encode({ id = 7, text = "A (1).", lang = "en" }),
    tc.json_encode({ id = "bad-lang", text = "x", lang = "de" }),
    "[1,2]",
  }
  write(tmp .. "/recs.jsonl", table.concat(recs, "\n") .. "\n")
  got = {}
  r = tc.batch({ tmp .. "/recs.jsonl" }, { jsonl = true, threads = 2, write = function(l) got[#got + 1] = l end })
  t.eq(#got, 7, "one line per record, blank lines skipped")
  t.eq(got[1], tc.parse(synthetic(3), { id = "one" }):to_json() .. "\n", "record 1")
  t.eq(got[2], tc.parse(synthetic(4), { id = tmp .. "/recs.jsonl:3" }):to_json() .. "\n", "no id: FILE:LINE")
  t.ok(tc.json_decode(got[3]).error:find("malformed JSON", 1, true), "malformed: " .. got[3])
  t.eq(tc.json_decode(got[3]).id, tmp .. "/recs.jsonl:4", "malformed record named by its place")
  t.ok(tc.json_decode(got[4]).error:find("text", 1, true), "no text")
  local j = tc.json_decode(got[5])
  t.eq(j.id, "7", "numeric id"); t.eq(j.lang, "en", "record lang")
  t.ok(tc.json_decode(got[6]).error:find("lang", 1, true), "bad lang")
  t.ok(tc.json_decode(got[7]).error:find("not a JSON object", 1, true), "array record")
  t.eq(r.documents, 3, "documents"); t.eq(r.errors, 4, "errors")
  t.raises(function() tc.batch(files, { write = function() error("boom") end }) end, "boom")
  t.raises(function() tc.batch(files, { threads = 2, write = function() end, on_progress = function() error("stop here") end }) end, "stop here")
  t.raises(function() tc.batch("x") end, "bad argument #1 to 'batch'")
  t.raises(function() tc.batch({ 1 }) end, "bad argument #1 to 'batch'")
  t.raises(function() tc.batch({}, { threads = -1 }) end, "threads")
  t.raises(function() tc.batch({}, { out = 1 }) end, "opts.out")
  t.eq(tc.batch({}, { write = print }).documents, 0, "no inputs")
end)

-- ---- the CLI -------------------------------------------------------------------

t.test("trialcite batch: -j 1 and -j 3 print the same lines; a bundled text is named", function()
  local names = {}
  for i = 1, #files do names[i] = q(files[i]) end
  local c1, o1 = run("batch -j 1 " .. table.concat(names, " "))
  local c3, o3 = run("batch -j 3 " .. table.concat(names, " "))
  t.eq(c1, 0, "exit -j 1"); t.eq(c3, 0, "exit -j 3")
  t.eq(o3, o1, "same output")
  t.eq(o1, table.concat(want, "\n") .. "\n", "the documents' JSON in order")
end)

t.test("trialcite batch: a file name with a double quote keeps its \"document\"", function()
  local text = t.seed(t.SEED1)
  local p = tmp .. '/quote"d name.txt'
  write(p, text)
  local code, out = run("batch " .. q(p))
  t.eq(code, 0, "exit")
  local j = tc.json_decode(out)
  t.eq(j.id, p, "id, escaped by the JSON writer")
  t.eq(j.document, "minerva-20577", "document")
  t.ok(out:find('^{"id":"[^\n]-\\"d name%.txt","document":"minerva%-20577","lang"'), "document after id: " .. out:sub(1, 120))
end)

t.test("trialcite batch --jsonl reads records from files and standard input", function()
  local recs = {}
  for i = 1, 6 do recs[i] = tc.json_encode({ id = "r" .. i, text = synthetic(i) }) end
  local input = table.concat(recs, "\n") .. "\n"
  write(tmp .. "/all.jsonl", input)
  local code, out = run("batch --jsonl -j 2 -", input)
  t.eq(code, 0, "exit")
  local l = lines_of(out)
  t.eq(#l, 6, "lines")
  for i = 1, 6 do t.eq(l[i], tc.parse(synthetic(i), { id = "r" .. i }):to_json(), "record " .. i) end
  local code2, out2 = run("batch --jsonl " .. q(tmp .. "/all.jsonl"))
  t.eq(code2, 0, "exit (file)")
  t.eq(out2, out, "file = stdin")
  local code3, out3 = run("batch --jsonl " .. q(tmp .. "/nothere.jsonl"))
  t.eq(code3, 1, "a missing JSONL file: exit 1")
  t.ok(tc.json_decode(out3).error:find("cannot read", 1, true), "its error line")
end)

t.test("GNU parallel --pipe over JSON Lines gives the same lines (README form)", function()
  if not t.have("parallel") then t.skip("GNU parallel not installed (apt-get install parallel)") end
  local recs = {}
  for i = 1, 30 do recs[i] = tc.json_encode({ id = "p" .. i, text = synthetic(i) }) end
  write(tmp .. "/par.jsonl", table.concat(recs, "\n") .. "\n")
  local _, direct = run("batch --jsonl " .. q(tmp .. "/par.jsonl"))
  local lua = os.getenv("LUA") or "lua5.4"
  local here = debug.getinfo(1, "S").source:sub(2):match("^(.*)/[^/]*$") or "."
  local cli = here .. "/../lua/trialcite/cli.lua"
  local outp = tmp .. "/par.out"
  -- -N 4: four records a job, so that several jobs run; -k: in input order.
  local ok = os.execute(string.format("parallel --will-cite --pipe -k -N 4 %s %s batch --jsonl -j 1 < %s > %s 2>/dev/null",
    lua, q(cli), q(tmp .. "/par.jsonl"), q(outp)))
  t.ok(ok == true or ok == 0, "parallel ran")
  t.eq(t.read(outp), direct, "the same lines in the same order")
  t.eq(#lines_of(direct), 30, "30 lines")
end)

t.test("LuaJIT FFI backend: parse_file and batch as the C module", function()
  if not t.have("luajit") then t.skip("luajit not installed") end
  t.need_plain_build("the FFI backend")
  local here = debug.getinfo(1, "S").source:sub(2):match("^(.*)/[^/]*$") or "."
  local script = tmp .. "/ffi_batch.lua"
  write(script, [[
local tc = require "trialcite"
assert(tc.backend == "ffi", "backend " .. tostring(tc.backend))
local inputs = {}
for i = 1, #arg - 1 do inputs[i] = arg[i] end
local r = assert(tc.batch(inputs, { threads = 2, window = 2, out = io.stdout }))
io.stdout:write(r.documents, " ", r.errors, "\n")
local d = assert(tc.parse_file(inputs[1]))
io.stdout:write(d:to_json(), "\n")
local none, err = tc.parse_file(arg[#arg])
io.stdout:write(tostring(none), " ", err, "\n")
local ok, e = pcall(tc.batch, inputs, { write = function() error("from write") end })
io.stdout:write(tostring(ok), " ", tostring(e):match("from write") or tostring(e), "\n")
]])
  local inputs = { files[1], files[2], tmp .. "/nope.txt", files[3] }
  local cmd = string.format("TRIALCITE_LIB=%s LUA_PATH=%s luajit %s", q(t.library()),
    q(here .. "/../lua/?.lua;" .. here .. "/../lua/?/init.lua;;"), q(script))
  for _, a in ipairs(inputs) do cmd = cmd .. " " .. q(a) end
  cmd = cmd .. " " .. q(tmp .. "/missing")
  local p = io.popen(cmd .. " 2>&1")
  local out = p:read("a"); p:close()
  local got = {}
  tc.batch(inputs, { write = function(l) got[#got + 1] = l end })
  local expect = table.concat(got) .. "3 1\n" .. tc.parse_file(files[1]):to_json() .. "\n" ..
    "nil trialcite: cannot read " .. tmp .. "/missing: No such file or directory\nfalse from write\n"
  t.eq(out, expect, "the FFI backend's output")
end)

t.test("batch: hostile inputs give valid JSON lines (NUL bytes, invalid UTF-8, empty files, odd names)", function()
  local odd = tmp .. "/n\xffme\twith\"quote\\.txt"
  write(odd, "A\0B (1). \xff\xfe broken (2).")
  write(tmp .. "/zero.txt", "")
  local recs = '{"id":"x\\u0000y","text":"nul \\u0000 inside (3)."}\n' ..
               '{"id":"' .. ("i"):rep(5000) .. '","text":"long id (4)."}\n' ..
               '{"id":"bad","text":' .. string.rep("[", 200) .. '}\n' ..
               "\xff\xfe\n"
  write(tmp .. "/hostile.jsonl", recs)
  local got = {}
  local r = tc.batch({ odd, tmp .. "/zero.txt", "", tmp }, { threads = 3, write = function(l) got[#got + 1] = l end })
  t.eq(#got, 4, "one line each")
  for i, l in ipairs(got) do
    t.ok(l:sub(-1) == "\n" and not l:sub(1, -2):find("\n", 1, true), "one line " .. i)
    t.ok(tc.json_decode(l) ~= nil, "valid JSON " .. i .. ": " .. l:sub(1, 80))
  end
  t.eq(#tc.json_decode(got[1]).citations, 2, "the odd name's document")
  t.eq(r.documents, 2, "documents"); t.eq(r.errors, 2, "errors (empty name, directory)")
  got = {}
  r = tc.batch({ tmp .. "/hostile.jsonl" }, { jsonl = true, threads = 2, write = function(l) got[#got + 1] = l end })
  t.eq(#got, 4, "one line per record")
  for i, l in ipairs(got) do t.ok(tc.json_decode(l) ~= nil, "valid JSON record line " .. i) end
  t.eq(#tc.json_decode(got[2]).id, 5000, "a long id kept")
  t.ok(tc.json_decode(got[3]).error:find("malformed", 1, true), "too deep: malformed")
  t.ok(tc.json_decode(got[4]).error:find("malformed", 1, true), "not JSON")
end)
