-- Expected facts of PMC trial abstracts in ../shared/corpus/pmc-dev, written from a
-- reading of each abstract (the text before its first BODY heading), not from the
-- extractor's output.  Per file:
--   randomized   the randomised total the abstract states (false: it states none)
--   arms         the arm sizes it states, in text order (false: none stated)
--   primary      {value, low, high} of the primary outcome's estimate with interval
--                (false: the abstract names no primary outcome with such an estimate)
--   follow_up    the follow-up length's number (false: none stated)
--   registration the trial registration (false: none, or malformed)
-- A field left out was judged unclear (cluster units, crossover, "participated") and is
-- not scored.
return {
  { file = "PMC1079844.txt", randomized = 20536, arms = false, primary = false, follow_up = false, registration = "ISRCTN48489393" },
  { file = "PMC1472695.txt", arms = { 70, 69 }, primary = { 1.94, 1.49, 2.49 }, follow_up = false, registration = false },
  { file = "PMC1716162.txt", randomized = 425, arms = false, primary = false, follow_up = false, registration = false },
  { file = "PMC1891198.txt", randomized = false, arms = false, primary = false, follow_up = false, registration = false },
  { file = "PMC2063048.txt", randomized = 31, arms = false, primary = false, follow_up = false, registration = false },
  { file = "PMC2423497.txt", randomized = false, arms = false, primary = false, follow_up = false, registration = false },
  { file = "PMC2644667.txt", arms = false, primary = { 0.2, -0.4, 0.9 }, follow_up = false, registration = false },
  { file = "PMC2723677.txt", randomized = false, arms = false, primary = false, follow_up = false, registration = false },
  { file = "PMC2800200.txt", randomized = false, arms = false, primary = false, follow_up = false, registration = false },
  { file = "PMC2876855.txt", randomized = 80, primary = false, follow_up = false, registration = false },
  { file = "PMC2954378.txt", randomized = false, arms = false, primary = false, follow_up = false, registration = false },
  { file = "PMC3046916.txt", randomized = 204, arms = false, follow_up = 10, registration = "ISRCTN18271323" },
  { file = "PMC3136407.txt", randomized = false, arms = false, primary = false, follow_up = false, registration = false },
  { file = "PMC3200258.txt", randomized = false, arms = false, primary = false, follow_up = false, registration = false },
  { file = "PMC3258705.txt", arms = { 47, 51 }, primary = false, follow_up = false, registration = false },
  { file = "PMC3307993.txt", randomized = 120, arms = { 60, 60 }, primary = false, follow_up = false, registration = false },
  { file = "PMC3375426.txt", randomized = 26, arms = false, primary = false, follow_up = false, registration = false },
  { file = "PMC3488187.txt", randomized = false, arms = { 350, 320 }, primary = { 0.94, 0.81, 1.10 }, follow_up = false, registration = "ISRCTN77383050" },
  { file = "PMC3522547.txt", randomized = false, arms = false, primary = false, follow_up = false, registration = "NCT01594892" },
  { file = "PMC3558408.txt", randomized = false, arms = false, primary = false, follow_up = false, registration = false },
  { file = "PMC3590691.txt", randomized = 44, arms = false, primary = false, follow_up = false, registration = false },
  { file = "PMC3621795.txt", randomized = 81, arms = { 39, 42 }, primary = false, follow_up = false, registration = false },
  { file = "PMC3650212.txt", randomized = 50, arms = false, primary = false, follow_up = false, registration = false },
  { file = "PMC3668955.txt", randomized = false, arms = false, primary = false, follow_up = false, registration = false },
  { file = "PMC3698010.txt", randomized = 301, arms = false, primary = false, follow_up = false, registration = "NCT00294294" },
  { file = "PMC3726903.txt", randomized = 39, arms = false, primary = false, follow_up = false, registration = false },
  { file = "PMC3767244.txt", randomized = 111, arms = false, primary = false, follow_up = false, registration = false },
  { file = "PMC3806786.txt", primary = { 0.54, 0.14, 2.05 }, follow_up = false, registration = "NCT00488462" },
  { file = "PMC3868679.txt", randomized = 100, arms = false, primary = false, follow_up = false, registration = "NCT01772745" },
  { file = "PMC3917191.txt", randomized = 64, arms = false, primary = false, follow_up = false, registration = false },
  { file = "PMC4021263.txt", randomized = 76, arms = { 38, 38 }, primary = false, follow_up = false, registration = false },
  { file = "PMC4069731.txt", randomized = 200, arms = false, primary = false, follow_up = false, registration = false },
  { file = "PMC4124480.txt", randomized = 19, arms = false, primary = false, follow_up = false, registration = "NCT01985529" },
  { file = "PMC4234827.txt", randomized = 489, arms = { 245, 244 }, primary = false, follow_up = false, registration = "ISRCTN22208087" },
  { file = "PMC4311106.txt", randomized = 201, arms = { 98, 103 }, primary = false, follow_up = 30, registration = false },
  { file = "PMC4350572.txt", randomized = false, arms = false, primary = false, follow_up = false, registration = false },
  { file = "PMC4393831.txt", randomized = 50, arms = { 25, 25 }, primary = false, follow_up = false, registration = false },
  { file = "PMC4442156.txt", randomized = false, arms = false, follow_up = false, registration = false },
  { file = "PMC4491277.txt", arms = false, primary = false, follow_up = false, registration = false },
  { file = "PMC4535555.txt", randomized = 40, arms = false, primary = false, registration = false },
  { file = "PMC4581519.txt", randomized = false, arms = false, primary = false, registration = "NCT02207673" },
  { file = "PMC4617777.txt", randomized = false, arms = false, primary = false, follow_up = false, registration = "ISRCTN45842879" },
  { file = "PMC4663570.txt", arms = false, primary = false, follow_up = false, registration = "NCT01251783" },
  { file = "PMC4704894.txt", randomized = false, arms = false, primary = false, follow_up = false, registration = false },
  { file = "PMC4768887.txt", randomized = false, arms = false, primary = false, follow_up = false, registration = false },
  { file = "PMC4889691.txt", randomized = 133, arms = { 64, 69 }, primary = false, follow_up = false, registration = false },
  { file = "PMC4947243.txt", randomized = false, arms = false, primary = false, registration = "NCT02416479" },
  { file = "PMC5001793.txt", randomized = 166, arms = false, follow_up = false, registration = "NCT01429480" },
  { file = "PMC5047020.txt", randomized = 100, arms = false, primary = false, follow_up = false, registration = false },
  { file = "PMC5093678.txt", randomized = false, arms = false, primary = false, follow_up = false, registration = "NCT02218931" },
  { file = "PMC5209819.txt", arms = false, primary = false, follow_up = false, registration = "ISRCTN14115509" },
  { file = "PMC5336430.txt", randomized = 166, arms = { 111, 55 }, primary = { 3.9, 1.7, 8.7 }, follow_up = false, registration = "NCT02289768" },
  { file = "PMC5377263.txt", randomized = 64, arms = { 32, 32 }, primary = false, registration = false },
  { file = "PMC5416724.txt", randomized = 90, arms = { 30, 30, 30 }, follow_up = false, registration = false },
}
