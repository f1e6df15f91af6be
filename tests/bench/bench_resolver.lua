-- Resolver bench: 30 references against the loopback test server with 200 ms of
-- injected latency; resolve_many at concurrency 3 vs 30 sequential resolve calls, in
-- the same run, then the same batch from a warm cache; then 30 free-text references
-- judged against a search answer with decoys (every row scored).
local tc = require "trialcite"
local server = require "server.start"

local function now()
  local p = io.popen("date +%s.%N"); local s = p:read("l"); p:close(); return tonumber(s)
end
local function tmpdir()
  local p = os.tmpname(); os.remove(p); assert(os.execute("mkdir -p '" .. p .. "'")); return p
end

local srv, err = server.start(120)
if not srv then print("bench_resolver: skipped: " .. err); return end
local base = srv.url .. "/lat200"
local N = 30
local function refs(tag)
  local list = {}
  for i = 1, N do list[i] = string.format("10.5555/bench-%s-%d-%d", tag, os.time(), i) end
  return list
end
local function resolver(dir, conc)
  return tc.resolver{ crossref_url = base, pubmed_url = base, cache_dir = dir, mailto = "bench@example.org",
                      concurrency = conc, timeout = 10 }
end

-- Sequential: one resolve call after another (fresh cache).
local seq_list = refs("seq")
local r1 = resolver(tmpdir(), 1)
local t0 = now()
local ok1 = 0
for _, d in ipairs(seq_list) do if r1:resolve(d) then ok1 = ok1 + 1 end end
local t_seq = now() - t0

-- Batch: resolve_many at concurrency 3 (fresh cache, other DOIs).
local batch_list = refs("many")
local dir = tmpdir()
local r2 = resolver(dir, 3)
t0 = now()
local ok2 = 0
for _, x in ipairs(r2:resolve_many(batch_list)) do if x.DOI then ok2 = ok2 + 1 end end
local t_many = now() - t0

-- Warm cache: the same batch again, answered from disk.
local r3 = resolver(dir, 3)
t0 = now()
local ok3 = 0
for _, x in ipairs(r3:resolve_many(batch_list)) do if x.DOI then ok3 = ok3 + 1 end end
local t_warm = now() - t0
-- Free text: numbered copies of a shortened-title reference (distinct cache keys), each
-- answered with four rows of which the third is right.
local texts = {}
for i = 1, N do
  texts[i] = string.format("%d. Cooperman NA, Lu S, Hanley AW, et al. Telehealth mindfulness-oriented recovery " ..
    "enhancement vs usual care. JAMA Psychiatry 2024;81:338-46.", i)
end
local r4 = tc.resolver{ crossref_url = base .. "/set-decoys", pubmed_url = base, cache_dir = tmpdir(),
                        mailto = "bench@example.org", concurrency = 3, timeout = 10 }
t0 = now()
local ok4 = 0
for _, x in ipairs(r4:resolve_many(texts)) do if x.DOI == "10.1001/jamapsychiatry.2023.5138" then ok4 = ok4 + 1 end end
local t_text = now() - t0
srv:stop()

print(string.format("resolver: %d references, 200 ms latency per request", N))
print(string.format("  sequential resolve x%d      %7.0f ms  (%d ok)", N, t_seq * 1000, ok1))
print(string.format("  resolve_many concurrency 3 %7.0f ms  (%d ok)", t_many * 1000, ok2))
print(string.format("  resolve_many warm cache    %7.1f ms  (%d ok)", t_warm * 1000, ok3))
print(string.format("  speed-up batch/sequential  %7.2fx  (target >= 2.5x)", t_seq / t_many))
print(string.format("  speed-up warm/cold batch   %7.0fx", t_many / t_warm))
print(string.format("  free text, concurrency 3   %7.0f ms  (%d matched, %.2fx the DOI batch)", t_text * 1000, ok4, t_text / t_many))
if ok1 ~= N or ok2 ~= N or ok3 ~= N or ok4 ~= N or t_seq / t_many < 2.5 then
  print("bench_resolver: below target"); os.exit(1)
end
