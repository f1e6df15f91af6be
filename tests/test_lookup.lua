-- tc.lookup: bundled ids (every cited number, trial on the appraised reference only),
-- parsed seed texts (verbatim citing sentences, recognised whatever the line breaks),
-- plain parsed texts, misuse.
local t = require "harness"
local tc = require "trialcite"

local DOCS = {
  { id = "minerva-20577", seed = t.SEED1, count = 15, appraised = 9, trial = "ilgen-2020" },
  { id = "minerva-20707", seed = t.SEED2, count = 30, appraised = 19, trial = "cooperman-2024" },
}

for _, d in ipairs(DOCS) do
  t.test(d.id .. ": every cited number answers; trial on reference " .. d.appraised .. " only", function()
    for n = 1, d.count do
      local r, err = tc.lookup(n, d.id)
      t.ok(r, d.id .. " reference " .. n .. ": " .. tostring(err))
      t.eq(r.number, n, "number")
      t.eq(r.document, d.id, "document")
      t.ok(type(r.cited_for) == "string" and #r.cited_for > 5, "cited_for of " .. n)
      t.ok(type(r.sections) == "table" and #r.sections >= 1, "sections of " .. n)
      t.eq(#r.contexts, 0, "no bundled text, no contexts")
      if n == d.appraised then
        t.ok(r.trial, "trial on the appraised reference")
        t.eq(r.trial.id, d.trial, "trial id")
        t.eq(r.appraised_trial, true, "appraised_trial")
        t.eq(#r.findings, #r.trial.results, "findings are the trial's results")
        t.eq(r.trial, tc.trial(d.trial), "the whole trial record")
      else
        t.eq(r.trial, nil, "no trial on reference " .. n)
        t.eq(#r.findings, 0, "no findings without text")
      end
    end
    t.eq(tc.lookup(d.count + 1, d.id), nil, "one past the last reference")
    local none, msg = tc.lookup(0, d.id)
    t.eq(none, nil, "reference 0")
    t.ok(msg:find("not cited"), "message: " .. tostring(msg))
  end)
end

t.test("minerva-20707: reference 19 carries the reference-reused note", function()
  local r = tc.lookup(19, "minerva-20707")
  t.ok(r.notes and r.notes[1], "notes")
  t.eq(r.notes[1].code, "reference-reused", "code")
  t.eq(tc.lookup(18, "minerva-20707").notes, nil, "no note on 18")
end)

t.test("unknown document id raises a clear error", function()
  t.raises(function() tc.lookup(1, "minerva-1") end, "unknown document id 'minerva%-1'")
  t.raises(function() tc.lookup(1, 42) end, "parsed document or a bundled document id")
  t.raises(function() tc.lookup("one", "minerva-20577") end, "number expected")
  t.eq(tc.lookup(1.5, "minerva-20577"), nil, "a non-integer number is not cited")
end)

local function check_parsed(d, text, doc)
  for _, ref in ipairs(doc:references()) do
    local r = tc.lookup(ref.number, doc)
    t.ok(r, "lookup " .. ref.number)
    t.eq(r.document, d.id, "recognised as " .. d.id)
    t.eq(#r.contexts, #ref.contexts, "one context per citing marker of " .. ref.number)
    for _, c in ipairs(r.contexts) do
      t.eq(text:sub(c.start, c.stop), c.text, "verbatim sentence for " .. ref.number)
      t.eq(text:sub(c.marker.start, c.marker.stop), c.marker.text, "verbatim marker")
      t.ok(c.marker.start >= c.start and c.marker.stop <= c.stop, "marker inside its sentence")
      t.ok(c.section_kind, "section_kind")
      local found = false
      for _, m in ipairs(doc:citations()[c.citation].refs) do if m == ref.number then found = true end end
      t.ok(found, "the marker cites " .. ref.number)
    end
    if ref.number == d.appraised then
      t.eq(r.trial and r.trial.id, d.trial, "trial on the appraised reference")
    else
      t.eq(r.trial, nil, "no trial on " .. ref.number)
    end
  end
end

for _, d in ipairs(DOCS) do
  t.test(d.id .. ": parsed seed text gives verbatim citing sentences and the trial", function()
    local text = t.seed(d.seed)
    local doc = tc.parse(text)
    t.ok(#doc:references() >= d.count - 2, "the citation engine finds the references")
    check_parsed(d, text, doc)
    -- numbers the engine misses still answer from the bundled index
    for n = 1, d.count do t.ok(tc.lookup(n, doc), "lookup " .. n .. " on the parsed text") end
  end)

  t.test(d.id .. ": a re-wrapped seed text is still recognised", function()
    local text = t.seed(d.seed)
    -- different line breaks: blank lines dropped, every line break a space, then new
    -- breaks every 60 bytes or so at a space
    local flat = text:gsub("\r?\n%s*\n", "\n"):gsub("\n", " ")
    local out, col = {}, 0
    for word in flat:gmatch("%S+") do
      if col > 60 then out[#out + 1] = "\n"; col = 0 elseif col > 0 then out[#out + 1] = " "; col = col + 1 end
      out[#out + 1] = word
      col = col + #word
    end
    local wrapped = table.concat(out)
    local doc = tc.parse(wrapped)
    local r = tc.lookup(d.appraised, doc)
    t.ok(r, "lookup of the appraised reference")
    t.eq(r.document, d.id, "recognised")
    t.eq(r.trial and r.trial.id, d.trial, "trial")
    for _, c in ipairs(r.contexts) do t.eq(wrapped:sub(c.start, c.stop), c.text, "verbatim in the re-wrapped text") end
  end)
end

t.test("a plain parsed text: contexts, sections, no document, no trial", function()
  local text = "Achtergrond\n\nEen eerste studie (1) keek\nnaar iets. Een tweede zin (1,2).\n"
  local doc = tc.parse(text)
  local r = tc.lookup(1, doc)
  t.ok(r, "reference 1")
  t.eq(r.document, nil, "no document")
  t.eq(r.trial, nil, "no trial")
  t.eq(#r.contexts, 2, "two citing markers")
  for _, c in ipairs(r.contexts) do t.eq(text:sub(c.start, c.stop), c.text, "verbatim") end
  t.ok(r.contexts[1].text:find("keek\nnaar", 1, true), "line breaks kept")
  t.eq(tc.lookup(3, doc), nil, "3 is not cited")
  local r2 = tc.lookup(2, doc)
  t.eq(#r2.contexts, 1, "reference 2 once")
end)

t.test("statistics in the citing sentence become findings", function()
  local text = "Achtergrond\n\nHet risico daalde (HR 0,58; 95% BI 0,37 tot 0,90; p=0,02) in die studie (3).\n"
  local doc = tc.parse(text)
  if #doc:statistics() == 0 then t.skip("the statistics engine finds nothing yet") end
  local r = tc.lookup(3, doc)
  t.ok(#r.findings >= 1, "findings")
  local hr
  for _, f in ipairs(r.findings) do if f.measure == "HR" then hr = f end end
  t.ok(hr, "the HR")
  t.near(hr.value, 0.58, 1e-9, "value")
  t.eq(text:sub(hr.start, hr.stop), hr.text, "verbatim statistic")
  t.ok(#r.contexts[1].statistics >= 1, "statistics in the context")
end)

t.test("lookup_json: any bytes in the text give valid JSON", function()
  local text = "Bad \0 bytes \255\254 here (1). Fine (2).\n"
  local doc = tc.parse(text)
  local s = tc.lookup_json(1, doc)
  t.ok(tc.json_decode(s), "valid JSON")
end)
