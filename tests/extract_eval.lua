-- Helpers of the extraction tests (tests/test_extract*.lua): evidence checks, schema
-- validation, comparison of an extracted record with a curated one.
local t = require "harness"
local tc = require "trialcite"

local M = {}

-- The number at a record path such as "results[2].ci.low" or "population.dropouts.control".
local function at_path(rec, path)
  local v = rec
  for key, idx in path:gmatch("([%w_]+)%[?(%d*)%]?") do
    if type(v) ~= "table" then return nil end
    v = v[key]
    if idx ~= "" then
      if type(v) ~= "table" then return nil end
      v = v[tonumber(idx)]
    end
  end
  return v
end
M.at_path = at_path

-- Every evidence entry: inside the text, the number as written, equal to the number at
-- its path; derived numbers name their source instead.
function M.check_evidence(text, rec, what)
  t.ok(type(rec.evidence) == "table", what .. ": evidence list")
  local covered = {}
  for i, e in ipairs(rec.evidence) do
    local w = what .. ": evidence " .. i .. " (" .. tostring(e.path) .. ")"
    t.eq(at_path(rec, e.path), e.value, w .. ": value at its path")
    if e.source then
      t.ok(type(e.source) == "string", w .. ": source")
    else
      t.ok(math.type(e.start) == "integer" and e.start >= 1 and e.stop >= e.start and e.stop <= #text, w .. ": span in the text")
      t.eq(text:sub(e.start, e.stop), e.text, w .. ": text:sub(start, stop) == text")
      if e.part ~= "word" then
        local digits = e.text:gsub("[^%d]", "")
        t.ok(#digits > 0, w .. ": a number as written")
      end
    end
    covered[e.path] = true
  end
  return covered
end

-- Every number in the record has evidence.
function M.check_all_numbers_traced(rec, covered, what)
  local function walk(v, path)
    if type(v) == "number" then
      t.ok(covered[path], what .. ": number at " .. path .. " has evidence")
    elseif type(v) == "table" then
      if #v > 0 then
        for i, x in ipairs(v) do walk(x, path .. "[" .. i .. "]") end
      else
        for k, x in pairs(v) do
          if type(k) == "string" and k ~= "evidence" and k ~= "extraction" then walk(x, path == "" and k or path .. "." .. k) end
        end
      end
    end
  end
  walk(rec, "")
end

-- The record validates against the bundled schema (the data loader's validator).
function M.check_schema(rec, what)
  local data, err = tc.load_trials(tc.json_encode({ trials = { rec } }))
  t.ok(data, what .. ": validates against the bundled schema: " .. tostring(err))
end

-- ---- the seed evaluation ----------------------------------------------------------


-- The population's numbers counted: named counts, age, share of women.
local function counted_pop_key(k)
  return k == "screened" or k == "randomized" or k == "completed" or k == "analysed"
    or k:match("^screened_") or k:match("^randomized_") or k:match("^completed_")
    or k == "age_mean" or k == "age_sd" or k == "women_percent"
end

-- Paths of the curated record whose number the text states (evidence into the seed).
local function stated_paths(cur)
  local stated, readme = {}, {}
  for _, e in ipairs(cur.evidence or {}) do
    if e.document then stated[e.path] = true elseif e.source then readme[e.path] = true end
  end
  return stated, readme
end

local function arm_index(arms, arm, i)
  for j, a in ipairs(arms or {}) do
    if arm.role and a.role == arm.role then return j end
  end
  return (arms and arms[i]) and i or nil
end

-- Compares an extracted record with a curated one; returns per-group {found, right}
-- and the list of wrong numbers.
function M.compare(cur, got)
  local stated = stated_paths(cur)
  local groups = { population = { n = 0, right = 0 }, arms = { n = 0, right = 0 }, results = { n = 0, right = 0 } }
  local wrong, missed = {}, {}
  local gp, cp = got.population or {}, cur.population or {}
  -- population: named counts (flat and one level down, e.g. dropouts.control)
  local function pop(k, cv, gv, path)
    if type(cv) == "number" then
      if stated[path] then
        groups.population.n = groups.population.n + 1
        if gv == cv then groups.population.right = groups.population.right + 1
        else missed[#missed + 1] = path .. "=" .. tostring(cv) .. " (got " .. tostring(gv) .. ")" end
      end
      if gv ~= nil and gv ~= cv then wrong[#wrong + 1] = path .. ": " .. tostring(gv) .. " (curated " .. cv .. ")" end
    elseif gv ~= nil and type(gv) == "number" then
      wrong[#wrong + 1] = path .. ": " .. tostring(gv) .. " (not in the curated record)"
    end
  end
  local keys = {}
  for k in pairs(cp) do keys[k] = true end
  for k in pairs(gp) do keys[k] = true end
  for k in pairs(keys) do
    if counted_pop_key(k) then pop(k, cp[k], gp[k], "population." .. k)
    elseif k == "dropouts" then
      local cd, gd = cp.dropouts or {}, gp.dropouts or {}
      local ks = {}
      for a in pairs(cd) do ks[a] = true end
      for a in pairs(gd) do ks[a] = true end
      for a in pairs(ks) do pop(a, cd[a], gd[a], "population.dropouts." .. a) end
    end
  end
  -- arms: n, matched by role (else position)
  for i, arm in ipairs(cur.arms or {}) do
    local path = "arms[" .. i .. "].n"
    local j = arm_index(got.arms, arm, i)
    local gv = j and got.arms[j].n
    if arm.n and stated[path] then
      groups.arms.n = groups.arms.n + 1
      if gv == arm.n then groups.arms.right = groups.arms.right + 1
      else missed[#missed + 1] = path .. "=" .. arm.n .. " (got " .. tostring(gv) .. ")" end
    end
    if gv and arm.n and gv ~= arm.n then wrong[#wrong + 1] = path .. ": " .. gv .. " (curated " .. arm.n .. ")" end
  end
  -- results with an interval: value, low, high of each, matched as a triple
  local function key(r) return string.format("%.6g|%.6g|%.6g", r.value, r.ci.low, r.ci.high) end
  local got_keys, cur_keys = {}, {}
  for _, r in ipairs(got.results or {}) do if r.ci and r.value then got_keys[key(r)] = r end end
  for i, r in ipairs(cur.results or {}) do
    if r.ci and r.value and stated["results[" .. i .. "].value"] then
      cur_keys[key(r)] = true
      groups.results.n = groups.results.n + 3
      if got_keys[key(r)] then groups.results.right = groups.results.right + 3
      else missed[#missed + 1] = "results[" .. i .. "] " .. key(r) end
    end
  end
  -- the per-arm shares of those results, matched by arm
  groups.result_arms = { n = 0, right = 0 }
  for i, r in ipairs(cur.results or {}) do
    local g = r.ci and r.value and stated["results[" .. i .. "].value"] and got_keys[key(r)]
    for j, a in ipairs(r.ci and r.arms or {}) do
      if a.percent and stated["results[" .. i .. "].arms[" .. j .. "].percent"] then
        groups.result_arms.n = groups.result_arms.n + 1
        local ga
        for _, b in ipairs(g and g.arms or {}) do if b.arm == a.arm then ga = b end end
        if ga and ga.percent == a.percent then groups.result_arms.right = groups.result_arms.right + 1
        elseif ga and ga.percent then wrong[#wrong + 1] = "results[" .. i .. "].arms " .. a.arm .. ": " .. ga.percent .. " (curated " .. a.percent .. ")"
        else missed[#missed + 1] = "results[" .. i .. "].arms[" .. j .. "]=" .. a.percent end
      end
    end
  end
  for k in pairs(got_keys) do
    if not cur_keys[k] then wrong[#wrong + 1] = "result " .. k .. " (not a curated result)" end
  end
  return groups, wrong, missed
end

return M
