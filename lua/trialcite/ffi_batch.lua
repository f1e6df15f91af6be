-- tc.parse_file and tc.batch for the LuaJIT FFI backend (lua/trialcite/ffi.lua): the
-- same interface as plugin/lua_file.c.  parse_file is safe here although the document
-- borrows its text: the library owns the mapping, no Lua string is involved.  The
-- batch's callbacks run only on the calling thread (tc_batch's contract), from
-- ffi.cast callbacks that never let an error cross the C frames: it is kept and raised
-- once tc_batch has returned.  Lua 5.1 syntax only.
local ffi = require "ffi"

local M = {}

--- Adds parse_file and batch to the backend table B.  env: lib, wrap_doc(ptr),
-- raise(rc, what), enum(ctype, name), parse_opts(opts, what) -> tc_parse_opts, id,
-- lang_opt(opts, what, level) -> tc_lang.
function M.install(B, env)
  local lib = env.lib
  local TC_OK, TC_EIO = env.enum("tc_status", "TC_OK"), env.enum("tc_status", "TC_EIO")
  local TC_ELIMIT, TC_ECANCELLED = env.enum("tc_status", "TC_ELIMIT"), env.enum("tc_status", "TC_ECANCELLED")
  local JSONL, NO_RECOGNIZE = 1, 2   -- TC_BATCH_JSONL, TC_BATCH_NO_RECOGNIZE

  function B.parse_file(path, opts)
    if type(path) ~= "string" then
      error("bad argument #1 to 'parse_file' (string expected, got " .. type(path) .. ")", 2)
    end
    local o, id = env.parse_opts(opts, "parse_file")   -- id: alive during the call
    local out, err = ffi.new("tc_doc *[1]"), ffi.new("char[512]")
    local rc = lib.tc_parse_file(path, #path, o, out, err, 512)
    if rc == TC_EIO then return nil, "trialcite: " .. ffi.string(err) end
    if rc == TC_ELIMIT then return nil, "trialcite: " .. path .. ": larger than the limit" end
    if rc ~= TC_OK then env.raise(rc, "parse_file") end
    return env.wrap_doc(out[0])
  end

  local function int_opt(v, lo, hi, what)
    if v == nil then return 0 end
    if type(v) ~= "number" or v ~= math.floor(v) or v < lo or v > hi then
      error("bad argument #2 to 'batch' (" .. what .. ")", 3)
    end
    return v
  end

  local function run_batch(inputs, opts)
    if type(inputs) ~= "table" then error("bad argument #1 to 'batch' (table expected, got " .. type(inputs) .. ")", 2) end
    opts = opts or {}
    if type(opts) ~= "table" then error("bad argument #2 to 'batch' (table expected, got " .. type(opts) .. ")", 2) end
    local o = ffi.new("tc_batch_opts")
    o.threads = int_opt(opts.threads, 0, 1024, "opts.threads must be an integer from 0 to 1024")
    o.window = int_opt(opts.window, 0, 65536, "opts.window must be an integer from 0 to 65536")
    o.lang = env.lang_opt(opts, "batch", 3)
    local flags = 0
    if opts.jsonl then flags = flags + JSONL end
    if opts.recognize ~= nil and not opts.recognize then flags = flags + NO_RECOGNIZE end
    o.flags = flags
    local out, write = opts.out, opts.write
    if out ~= nil and io.type(out) ~= "file" then error("bad argument #2 to 'batch' (opts.out must be an open file)", 2) end
    if write ~= nil and type(write) ~= "function" then error("bad argument #2 to 'batch' (opts.write must be a function)", 2) end
    if opts.on_progress ~= nil and type(opts.on_progress) ~= "function" then
      error("bad argument #2 to 'batch' (opts.on_progress must be a function)", 2)
    end
    out = out or io.stdout
    local n = #inputs
    local names, lens, keep = ffi.new("const char *[?]", n + 1), ffi.new("size_t[?]", n + 1), {}
    for i = 1, n do
      local s = rawget(inputs, i)
      if type(s) ~= "string" then error("bad argument #1 to 'batch' (input " .. i .. " is not a string)", 2) end
      keep[i] = s           -- the strings stay referenced here while the workers read them
      names[i - 1], lens[i - 1] = s, #s
    end
    local failure, write_err
    local function guarded(f, ...)
      if failure then return 1 end
      local ok, e = pcall(f, ...)
      if not ok then failure = e; return 1 end
      return 0
    end
    local wcb = ffi.cast("tc_write_fn", function(_, s, len)
      local line = ffi.string(s, len)
      if write then return guarded(write, line) end
      local ok, e = out:write(line)
      if not ok then write_err = e; return 1 end
      return 0
    end)
    o.write = wcb
    local pcb
    if opts.on_progress then
      pcb = ffi.cast("tc_batch_progress_fn", function(_, done, total)
        return guarded(opts.on_progress, tonumber(done), tonumber(total))
      end)
      o.progress = pcb
    end
    local st = ffi.new("tc_batch_stats")
    local okc, rc = pcall(lib.tc_batch, names, lens, n, o, st)
    wcb:free()
    if pcb then pcb:free() end
    keep = nil
    if not okc then error(rc, 2) end
    if failure then error(failure, 2) end
    if rc == TC_ECANCELLED and write_err then return nil, "trialcite: cannot write: " .. tostring(write_err) end
    if rc ~= TC_OK then env.raise(rc, "batch") end
    return { documents = tonumber(st.documents), errors = tonumber(st.errors) }
  end
  -- A callback reached from a compiled FFI call aborts LuaJIT: keep this one interpreted.
  if jit and jit.off then jit.off(run_batch) end
  B.batch = run_batch
end

return M
