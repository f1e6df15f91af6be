/* Outcomes and results of the trial record.  Outcomes: the sentence naming the
 * primary (secondary) outcomes, its list split into names, a trailing timepoint for
 * all.  Results: every statistic with a confidence interval that its sentence ties to
 * an outcome; the outcome's words are read from that sentence (after a word of change
 * such as "reduction in", "minder", "risque de", or the words just before a table
 * row's numbers), never from a list of known outcomes. */
#include "tc_extract.h"
#include "tc_text.h"
#include <math.h>
#include <stdio.h>

/* Words after which an outcome's name follows. */
static const char *const w_change[] = {
    "reduction in", "reduction of", "reductions in", "increase in", "increases in", "improvement in",
    "improvements in", "decrease in", "difference in", "differences in", "change in", "changes in",
    "risk of", "odds of", "rate of", "rates of", "incidence of", "higher", "lower", "greater", "fewer",
    "less", "more", "better", "reduced", "improved", "increased", "decreased", "shorter", "longer",
    "vermindering van de", "vermindering van", "daling van de", "daling van", "verbetering van de",
    "verbetering van", "stijging van", "toename van", "afname van", "reductie van", "verschil in",
    "risico op", "risico van", "kans op", "hogere", "lagere", "betere", "minder", "meer", "kortere",
    "langere", "réduction de la", "réduction du", "réduction des", "réduction de", "diminution de la",
    "diminution du", "diminution des", "diminution de", "amélioration de la", "amélioration du",
    "amélioration de", "augmentation de la", "augmentation du", "augmentation de", "différence de",
    "risque de", "moins de", "plus de", "meilleure", "moindre",
    NULL
};
/* Words naming the control arm next to a per-arm value. */
static const char *const w_arm_control[] = {
    "control group", "controlegroep", "controlearm", "placebo group", "placebogroep", "groupe contrôle",
    "groupe témoin", "groupe placebo", "control arm", "controls", "usual care", "with placebo", NULL
};

/* Words that end an outcome's name. */
static const char *const w_name_stop[] = {
    "in the", "in de", "in het", "bij", "between", "compared", "comparing", "vergeleken", "tegenover",
    "with", "was", "were", "is", "are", "at", "after", "na", "op", "dans", "chez", "après", "among",
    "versus", "vs", "than", "dan", "by", "met", "werd", "waren", "was", "était", "étaient", "entre",
    "par", "for the", "voor de", "pour le", "pour la", "from", "van de interventiegroep",
    "ten opzichte", "t.o.v", "par rapport", "relative to", "over", "during", "gedurende", "pendant",
    "resulterend", "resulting", "which", "die", "qui", "that", "and the", "en de",
    NULL
};
static const char *const w_subject_verbs[] = {
    "was", "were", "is", "are", "did", "differed", "decreased", "increased", "improved", "fell", "rose",
    "declined", "was significantly", "occurred", "changed", "dropped", "werd", "was", "waren", "daalde", "steeg", "verbeterde", "verschilde",
    "était", "étaient", "a diminué", "a augmenté", "s'est amélioré", NULL
};
static const char *const w_primary_outcome[] = {
    /* longer phrases first: the first listed phrase matching at a place is taken */
    "primary outcome measures", "primary outcome measure", "primary outcome variable",
    "primary outcome", "primary outcomes", "primary end point", "primary end points", "primary endpoint",
    "primary endpoints", "primary efficacy outcome", "primary efficacy end point", "primary efficacy endpoint",
    "main outcome measures", "main outcome measure", "main outcome", "main outcomes", "main end point",
    "main end points", "main endpoint", "primaire uitkomstmaat",
    "primaire uitkomstmaten", "primaire uitkomst", "primaire eindpunt", "primaire eindpunten",
    "primair eindpunt", "critère de jugement principal", "critères de jugement principaux",
    "critère d'évaluation principal", "critère principal", NULL
};
static const char *const w_secondary_outcome[] = {
    "secondary outcome", "secondary outcomes", "secondary end points", "secondary endpoints",
    "secundaire uitkomstmaten", "secundaire uitkomstmaat", "secundaire eindpunten", "secundaire uitkomsten",
    "critères de jugement secondaires", "critère de jugement secondaire", "critères secondaires", NULL
};
static const char *const w_list_verb[] = {
    "was", "were", "is", "are", "waren", "was", "zijn", "is", "était", "étaient", "est", "sont",
    "included", "includes", NULL
};
static const char *const w_list_sep[] = { "and", "en", "et", NULL };
/* A name cannot end in these ("the proportion of"). */
static const char *const w_dangling[] = {
    "of", "the", "a", "an", "for", "with", "in", "van", "de", "het", "des", "du", "la", "le", "les", "who", "die", NULL
};
static const char *const w_tp_prep[] = { "at", "after", "na", "op", "à", "après", "over", "at", NULL };
static const char *const w_groupword[] = {
    "the intervention group", "the control group", "de interventiegroep", "de controlegroep",
    "interventiegroep", "controlegroep", "group", "groups", "groep", "groupe", "patients", "participants",
    "deelnemers", "the", "a", "an", "de", "het", "een", "le", "la", "les", "score", "values", "value",
    "results", "result", "this", "these", "it", "estimate", "estimates", "data", "findings", "dit", "deze",
    "resultats", "résultats", "ceci", "cela", NULL
};

/* Words too common to tie a result to the primary outcome by name. */
static const char *const w_generic[] = {
    "patients", "participants", "subjects", "proportion", "number", "group", "groups", "treatment",
    "treated", "outcome", "outcomes", "primary", "secondary", "between", "after", "before", "months",
    "weeks", "years", "baseline", "change", "changes", "score", "scores", "total", "median", "rate",
    "rates", "level", "levels", "measured", "during", "patiënten", "deelnemers", "aantal", "groupe",
    "nombre", "achieved", "significantly", "compared", "percentage", "incidence", "higher", "lower",
    NULL
};

static int is_stop_punct(char c)
{
    return c == '(' || c == ',' || c == ';' || c == ':' || c == ')' || c == '[' || c == '.' || c == '=' || c == '<' || c == '>';
}

/* The name that starts at a (after spaces): words up to a stop word, punctuation or
 * a number, at most 8 words.  *b: its end.  0 when empty or only filler. */
static int name_from(const tc_ex *x, size_t a, size_t hi, size_t *na, size_t *nb)
{
    size_t i = tc_ex_skip_space(x->t, a, hi), start = i, end = i;
    int words = 0, content = 0;
    while (i < hi && words < 8) {
        if (is_stop_punct(x->t[i]) || tc_is_digit((unsigned char)x->t[i])) break;
        if (!memcmp(x->t + i, "\xE2\x80\xA2", 3 <= hi - i ? 3 : hi - i) && hi - i >= 3) break;
        int stop = tc_ex_word_in(x->t, hi, i, w_subject_verbs) != 0;
        for (int k = 0; !stop && w_name_stop[k]; k++)
            if (tc_ex_match(x->t, hi, i, w_name_stop[k], 0)) { stop = 1; break; }
        if (stop) {
            if (words) break;
            return 0;            /* "with the intervention": no name after the cue */
        }
        size_t e = tc_ex_word_end(x->t, i, hi);
        if (e == i) {
            if (x->t[i] == '/' || x->t[i] == '-' || x->t[i] == '\'' || (unsigned char)x->t[i] >= 0x80) { i++; continue; }
            break;
        }
        if (e - i >= 3) content = 1;
        words++;
        end = e;
        i = tc_ex_skip_space(x->t, e, hi);
    }
    if (!words || !content) return 0;
    /* "more slowly": an adverb, not an outcome */
    if (words == 1 && end - start > 3 && x->t[end - 1] == 'y' && x->t[end - 2] == 'l') return 0;
    /* a name that is only an arm or participants is no outcome */
    size_t g = tc_ex_word_in(x->t, end, start, w_groupword);
    if (g && start + g >= end) return 0;
    if (tc_ex_find(x->t, start, end, tc_ex_w_intervention, NULL, NULL) == start) return 0;
    *na = start;
    *nb = end;
    return 1;
}

/* "Pain at 6 weeks was lower", "Pain at week 6 was lower": the name [na, *nb) ends with
 * "at" ("at week"), a number and a time unit follow, then a verb; the name loses its
 * preposition. */
static int subject_timepoint(const tc_ex *x, size_t na, size_t *nb, size_t hi)
{
    static const char *const w_at[] = { "at", "after", "by", "over", NULL };
    static const char *const w_units[] = { "weeks", "week", "months", "month", "days", "day", "years", "year", "hours", "hour", NULL };
    size_t end = *nb, q, m;
    /* the name may have taken the preposition ("Pain at"), or stopped before it */
    size_t last = tc_ex_word_before(x->t, end, na);
    if (last != TC_EX_NONE && last > na && tc_ex_word_in(x->t, end, last, w_at) == end - last) end = last;
    while (end > na && tc_is_space((unsigned char)x->t[end - 1])) end--;
    if (end <= na) return 0;
    q = tc_ex_skip_space(x->t, end, hi);
    if (!(m = tc_ex_word_in(x->t, hi, q, w_at))) return 0;
    q = tc_ex_skip_space(x->t, q + m, hi);
    int unit_first = 0;
    if ((m = tc_ex_word_in(x->t, hi, q, w_units))) { q = tc_ex_skip_space(x->t, q + m, hi); unit_first = 1; }   /* "at week 6" */
    if (q >= hi || !tc_is_digit((unsigned char)x->t[q])) return 0;
    while (q < hi && tc_is_digit((unsigned char)x->t[q])) q++;
    q = tc_ex_skip_space(x->t, q, hi);
    if (!unit_first) {
        if (!(m = tc_ex_word_in(x->t, hi, q, w_units))) return 0;
        q = tc_ex_skip_space(x->t, q + m, hi);
    }
    if (!tc_ex_word_in(x->t, hi, q, w_subject_verbs)) return 0;
    *nb = end;
    return 1;
}

/* The outcome a statistic at [s0, s1) in sentence [lo, hi) reports. */
/* The statistic in brackets after its clause: "At 8 weeks, CCC was higher with A than
 * with B [49.5% vs. 18.2%; odds ratio (OR) 3.9 (95% CI) 1.7, 8.7]" -- the subject of the
 * clause the outermost open bracket follows, also after a leading phrase's comma; *ob is
 * that bracket. */
static int bracket_subject(const tc_ex *x, size_t lo, size_t hi, size_t s0, size_t *na, size_t *nb, size_t *ob_out)
{
    size_t ob = TC_EX_NONE;
    int depth = 0;
    for (size_t i = lo; i < s0; i++) {
        char c = x->t[i];
        if (c == '(' || c == '[') { if (!depth) ob = i; depth++; }
        else if ((c == ')' || c == ']') && depth > 0) { depth--; if (!depth) ob = TC_EX_NONE; }
    }
    if (ob == TC_EX_NONE || ob <= lo) return 0;
    size_t olo, ohi;
    tc_ex_clause(x, lo, hi, ob - 1, &olo, &ohi);
    for (size_t from = olo; from < ob;) {
        size_t a = tc_ex_skip_space(x->t, from, ob);
        while (a < ob && !tc_is_wordbyte((unsigned char)x->t[a])) a++;
        if (a >= ob) break;
        if (name_from(x, a, ob, na, nb) && tc_ex_word_in(x->t, ob, *nb, w_subject_verbs)) { *ob_out = ob; return 1; }
        const char *cm = memchr(x->t + a, ',', ob - a);
        if (!cm) break;
        from = (size_t)(cm - x->t) + 1;
    }
    return 0;
}

static int outcome_of(const tc_ex *x, size_t lo, size_t hi, size_t s0, size_t s1, size_t *na, size_t *nb,
                      const char **how)
{
    size_t clo, chi, m, at = 0;
    tc_ex_clause(x, lo, hi, s0, &clo, &chi);
    size_t ba, bb, ob = TC_EX_NONE;
    int bracketed = bracket_subject(x, lo, hi, s0, &ba, &bb, &ob);
    /* a word of change before the statistic, first one in the clause first */
    while (at < s0) {
        size_t p = tc_ex_find(x->t, at > clo ? at : clo, s0, w_change, NULL, &m);
        if (p == TC_EX_NONE) break;
        if (name_from(x, p + m, s0, na, nb)) { *how = "outcome after a word of change before the estimate"; return 1; }
        at = p + 1;
    }
    /* the clause's subject before a verb: "Time to relapse was longer (HR ...)" */
    size_t sa = tc_ex_skip_space(x->t, clo, s0);
    while (sa < s0 && !tc_is_wordbyte((unsigned char)x->t[sa])) sa++;
    if (name_from(x, sa, s0, na, nb) && tc_ex_word_in(x->t, s0, *nb, w_subject_verbs)) {
        *how = "outcome: the subject of the estimate's clause";
        return 1;
    }
    if (name_from(x, sa, s0, na, nb) && subject_timepoint(x, *na, nb, s0)) {
        *how = "outcome: the subject of the estimate's clause, before its timepoint";
        return 1;
    }
    /* after a leading phrase or label: "At 12 months, HbA1c was 0.4% lower ...",
       "Results: Systolic blood pressure fell by 5 mmHg ..." */
    for (size_t i = sa, k = 0; i < s0 && k < 2; i++) {
        if (x->t[i] != ',' && x->t[i] != ':') continue;
        if (x->t[i] == ',' && i > sa && tc_is_digit((unsigned char)x->t[i - 1]) && i + 1 < s0 && tc_is_digit((unsigned char)x->t[i + 1])) continue;
        k++;
        size_t b = tc_ex_skip_space(x->t, i + 1, s0);
        if (name_from(x, b, s0, na, nb) && tc_ex_word_in(x->t, s0, *nb, w_subject_verbs)) {
            *how = "outcome: the subject of the estimate's clause after a leading phrase";
            return 1;
        }
    }
    if (bracketed) { *na = ba; *nb = bb; *how = "outcome: the subject of the clause before the estimate's brackets"; return 1; }
    /* ... or after it: "17% (95% CI 9-25) proportional reduction in vascular deaths" */
    size_t p = tc_ex_find(x->t, s1, chi < s1 + 120 ? chi : s1 + 120, w_change, NULL, &m);
    if (p != TC_EX_NONE && name_from(x, p + m, chi, na, nb)) { *how = "outcome after a word of change after the estimate"; return 1; }
    /* a table row: the words just before the numbers, from the farthest line start
       within six words */
    size_t tlo = s0 > 200 ? s0 - 200 : 0, b = s0;
    while (b > tlo && (tc_is_space((unsigned char)x->t[b - 1]) || x->t[b - 1] == '(')) b--;
    if (b < s0 && memchr(x->t + b, '\n', s0 - b)) {
        size_t a = b, best = TC_EX_NONE;
        for (int words = 0; a > tlo && words < 6; words++) {
            size_t w = tc_ex_word_before(x->t, a, tlo);
            if (w == TC_EX_NONE) break;
            a = w;
            size_t q = a;
            while (q > tlo && (x->t[q - 1] == ' ' || x->t[q - 1] == '\t')) q--;
            if ((q == tlo || x->t[q - 1] == '\n') && words >= 1) best = a;
        }
        if (best != TC_EX_NONE && name_from(x, best, b, na, nb)) { *how = "table row: the words before the estimate"; return 1; }
    }
    return 0;
}

/* The confidence level written in the statistic's span ("95%"), as a span. */
static int level_span(const tc_ex *x, const tc_stat *s, size_t *off, size_t *len)
{
    char buf[8];
    int k = snprintf(buf, sizeof buf, "%d", (int)s->ci_level);
    if (k <= 0 || (double)(int)s->ci_level != s->ci_level) return 0;
    size_t e = s->ci_low_span.len ? s->ci_low_span.off : s->span.off + s->span.len;
    for (size_t i = s->span.off; i + (size_t)k < e && i + (size_t)k <= x->n; i++) {
        if (!memcmp(x->t + i, buf, (size_t)k) && (i == 0 || !tc_is_digit((unsigned char)x->t[i - 1]))) {
            size_t j = tc_ex_skip_space(x->t, i + (size_t)k, e);
            if (j < e && x->t[j] == '%') { *off = i; *len = (size_t)k; return 1; }
        }
    }
    return 0;
}

/* Whether a list enumerator "(2)" follows a comma at q: "(1) A, (2) B" splits anyway;
 * this only keeps commas inside an enumerated item's brackets. */
static int enumerator_before(const tc_ex *x, size_t q, size_t end)
{
    (void)x; (void)q; (void)end;
    return 0;
}

/* Words that end an outcome's name in a definition ("pain response 3 months after
 * radiosurgery, which is defined as ..."). */
static const char *const w_def_stop[] = {
    "which", "defined", "measured", "assessed", "as measured", "using", "gemeten", "bepaald", "mesuré",
    "mesurée", "évalué", "évaluée", "at", "after", "na", "op", "à", "après", "if", "when", "in both", NULL
};

static const char *const w_def_lead[] = { "in", "with", "who", "where", "whereas", "while", "met", "avec", "dans", NULL };

/* An outcome's name as a list item defines it: words up to punctuation or a word of
 * w_def_stop, at most 12, at least one of three letters or more. */
static int outcome_name(const tc_ex *x, size_t a, size_t hi, size_t *na, size_t *nb)
{
    size_t i = tc_ex_skip_space(x->t, a, hi), start = i, end = i;
    int words = 0, content = 0;
    while (i < hi && words < 12) {
        char c = x->t[i];
        if (c == '(' || c == ',' || c == ';' || c == ':' || c == '.' || c == '[' || c == '\'' || c == '"') break;
        if (hi - i >= 3 && !memcmp(x->t + i, "\xE2\x80", 2)) break;      /* quotes, bullets, dashes */
        if (words && (tc_ex_word_in(x->t, hi, i, w_def_stop) || tc_ex_word_in(x->t, hi, i, w_subject_verbs))) break;
        /* "in both phases", "with treatments deemed ...", "which is ...": no name */
        if (!words && (tc_ex_word_in(x->t, hi, i, w_def_stop) || tc_ex_word_in(x->t, hi, i, w_def_lead))) return 0;
        size_t e = tc_ex_word_end(x->t, i, hi);
        if (e == i) {
            if (c == '/' || c == '-') { i++; continue; }
            break;
        }
        if (e - i >= 3 && !tc_is_digit((unsigned char)x->t[i])) content = 1;
        words++;
        end = e;
        i = tc_ex_skip_space(x->t, e, hi);
    }
    if (!words || !content) return 0;
    /* "the proportion of" with nothing after: no name */
    size_t lw = tc_ex_word_before(x->t, end, start);
    if (lw != TC_EX_NONE && tc_ex_word_in(x->t, end, lw, w_dangling)) return 0;
    *na = start;
    *nb = end;
    return 1;
}

static void add_outcome(tc_ex *x, const char *role, size_t a, size_t b, size_t tp0, size_t tp1, size_t where)
{
    cJSON *outs = tc_ex_arr(x, x->rec, "outcomes"), *o, *tp;
    if (!outs || cJSON_GetArraySize(outs) >= 24) return;
    if (!(o = cJSON_CreateObject()) || !cJSON_AddItemToArray(outs, o)) { cJSON_Delete(o); x->oom = 1; return; }
    tc_ex_str(x, o, "name", a, b - a);
    if (!cJSON_AddStringToObject(o, "role", role)) x->oom = 1;
    if (tp1 > tp0) {
        if (!(tp = cJSON_AddArrayToObject(o, "timepoints"))) { x->oom = 1; return; }
        cJSON *tmp = cJSON_CreateObject();
        if (tmp && tc_ex_str(x, tmp, "t", tp0, tp1 - tp0)) {
            cJSON *t = cJSON_DetachItemFromObjectCaseSensitive(tmp, "t");
            cJSON_AddItemToArray(tp, t);
        }
        cJSON_Delete(tmp);
    }
    tc_ex_how(x, "outcomes", role, where, "the sentence naming the outcomes, its list split");
}

/* "The primary outcome was X", "De primaire eindpunten (...) waren A, B en C na 12 maanden". */
static void outcomes_in(tc_ex *x, size_t lo, size_t hi, const char *const *phrases, const char *role)
{
    size_t m, p = tc_ex_find(x->t, lo, hi, phrases, NULL, &m);
    if (p == TC_EX_NONE) return;
    size_t i = tc_ex_skip_space(x->t, p + m, hi);
    if (i < hi && x->t[i] == '(') {        /* an aside */
        int depth = 0;
        for (; i < hi; i++) {
            if (x->t[i] == '(') depth++;
            else if (x->t[i] == ')' && --depth == 0) { i++; break; }
        }
    }
    i = tc_ex_skip_space(x->t, i, hi);
    size_t v;
    if ((v = tc_ex_word_in(x->t, hi, i, w_list_verb))) i = tc_ex_skip_space(x->t, i, hi) + v;
    else if (i < hi && (x->t[i] == ':' || x->t[i] == ',')) i++;
    else return;
    /* the list ends at the sentence, ';', or a bracket */
    size_t end = i;
    while (end < hi && x->t[end] != ';' && x->t[end] != '.') {
        if (x->t[end] == '(' && !(end + 2 < hi && (tc_is_digit((unsigned char)x->t[end + 1]) || tc_is_lower_ascii((unsigned char)x->t[end + 1])) && x->t[end + 2] == ')'))
            break;
        end++;
    }
    /* a trailing timepoint for all: "na 12 maanden", "at 12 months" */
    size_t tp0 = 0, tp1 = 0;
    for (size_t q = i; q < end; q++) {
        size_t k = tc_ex_match(x->t, end, q, "at", 0);
        for (int w = 0; !k && w_tp_prep[w]; w++) k = tc_ex_match(x->t, end, q, w_tp_prep[w], 0);
        if (!k) continue;
        tc_ex_int n;
        size_t d = tc_ex_skip_space(x->t, q + k, end);
        if (d < end && tc_is_digit((unsigned char)x->t[d]) && tc_num_isdigit((unsigned char)x->t[d])) {
            tc_num num;
            if (tc_num_scan(x->t, end, d, x->nflags, &num)) {
                size_t ue = tc_ex_word_end(x->t, tc_ex_skip_space(x->t, num.off + num.len, end), end);
                if (ue > num.off + num.len) { tp0 = q; tp1 = ue; end = q; break; }
            }
        }
        (void)n;
    }
    /* the list: split at commas, and the last item at its first list word ("A, B and
       C"); without commas, "A and B" is two names only with one list word in it */
    size_t bounds[18];
    int nb_ = 0, commas = 0;
    bounds[nb_++] = i;
    for (size_t q = i; q < end && nb_ < 16; q++)
        if (x->t[q] == ',' && !enumerator_before(x, q, end)) { bounds[nb_++] = q; commas++; }
    size_t last = nb_ > 1 ? bounds[nb_ - 1] + 1 : i, joins = 0, jat = TC_EX_NONE;
    for (size_t q = last; q < end; q++) {
        if (!tc_is_space((unsigned char)x->t[q])) continue;
        size_t k = tc_ex_word_in(x->t, end, q, w_list_sep);
        if (k) { joins++; if (jat == TC_EX_NONE) jat = q; q += k; }
    }
    if (jat != TC_EX_NONE && (commas || joins == 1) && nb_ < 17) bounds[nb_++] = jat;
    bounds[nb_] = end;
    int count = 0;
    for (int j = 0; j < nb_ && count < 12; j++) {
        size_t ia = bounds[j], ib = bounds[j + 1];
        if (j > 0) {
            if (ia < ib && x->t[ia] == ',') ia++;
            size_t k = tc_ex_word_in(x->t, ib, ia, w_list_sep);
            if (k) ia = tc_ex_skip_space(x->t, ia, ib) + k;
        }
        /* an enumerator: "(1)", "(a)"; "the proportions of (1) X": the name is X */
        for (size_t q = ia; q + 2 < ib; q++)
            if (x->t[q] == '(' && (tc_is_digit((unsigned char)x->t[q + 1]) || tc_is_lower_ascii((unsigned char)x->t[q + 1])) && x->t[q + 2] == ')') {
                ia = q + 3;
                break;
            }
        size_t na, nb;
        if (outcome_name(x, ia, ib, &na, &nb)) { add_outcome(x, role, na, nb, tp0, tp1, p); count++; }
    }
}

static cJSON *add_result(tc_ex *x, const tc_stat *s, size_t na, size_t nb, const char *role, const char *how)
{
    cJSON *res = tc_ex_arr(x, x->rec, "results"), *r, *c, *p;
    char path[64];
    if (!res || cJSON_GetArraySize(res) >= 200) return NULL;
    /* the same estimate twice (abstract and body): once */
    cJSON_ArrayForEach(r, res) {
        cJSON *v = cJSON_GetObjectItemCaseSensitive(r, "value"), *ci = cJSON_GetObjectItemCaseSensitive(r, "ci");
        if (cJSON_IsNumber(v) && v->valuedouble == s->value && ci
            && cJSON_GetObjectItemCaseSensitive(ci, "low")->valuedouble == s->ci_low
            && cJSON_GetObjectItemCaseSensitive(ci, "high")->valuedouble == s->ci_high) return NULL;
    }
    int idx = cJSON_GetArraySize(res) + 1;
    if (!(r = cJSON_CreateObject()) || !cJSON_AddItemToArray(res, r)) { cJSON_Delete(r); x->oom = 1; return NULL; }
    tc_ex_str(x, r, "outcome", na, nb - na);
    if (role && !cJSON_AddStringToObject(r, "role", role)) x->oom = 1;
    if (tc_measure_name(s->measure) && !cJSON_AddStringToObject(r, "measure", tc_measure_name(s->measure))) x->oom = 1;
    if (s->percent && !cJSON_AddStringToObject(r, "unit", "%")) x->oom = 1;
    snprintf(path, sizeof path, "results[%d].value", idx);
    tc_ex_num(x, r, "value", path, s->value, s->value_span.off, s->value_span.len, "value");
    if ((c = tc_ex_obj(x, r, "ci"))) {
        size_t lo, ll;
        if (level_span(x, s, &lo, &ll)) {
            snprintf(path, sizeof path, "results[%d].ci.level", idx);
            tc_ex_num(x, c, "level", path, s->ci_level, lo, ll, "level");
        }
        snprintf(path, sizeof path, "results[%d].ci.low", idx);
        tc_ex_num(x, c, "low", path, s->ci_low, s->ci_low_span.off, s->ci_low_span.len, "low");
        snprintf(path, sizeof path, "results[%d].ci.high", idx);
        tc_ex_num(x, c, "high", path, s->ci_high, s->ci_high_span.off, s->ci_high_span.len, "high");
    }
    if (s->p_op && s->p_span.len && s->p_value >= 0 && s->p_value <= 1 && (p = tc_ex_obj(x, r, "p"))) {
        if (!cJSON_AddStringToObject(p, "op", tc_op_name(s->p_op))) x->oom = 1;
        snprintf(path, sizeof path, "results[%d].p.value", idx);
        tc_ex_num(x, p, "value", path, s->p_value, s->p_span.off, s->p_span.len, "p");
    }
    if (s->timepoint.len) tc_ex_str(x, r, "timepoint", s->timepoint.off, s->timepoint.len);
    if (s->subgroup.len) tc_ex_str(x, r, "subgroup", s->subgroup.off, s->subgroup.len);
    if (idx == 1) tc_ex_how(x, "results", "outcome", s->span.off, how);
    return r;
}

/* The arm an arm word next to [a, b) names: the nearest after it (before limit), else
 * the nearest before it (after floor); NULL when none. */
static const char *arm_near(const tc_ex *x, size_t a, size_t b, size_t floor, size_t limit)
{
    size_t hi = limit < b + 48 ? limit : b + 48;
    size_t c = tc_ex_find(x->t, b, hi, w_arm_control, NULL, NULL), i = tc_ex_find(x->t, b, hi, tc_ex_w_intervention, NULL, NULL);
    if (c != TC_EX_NONE && (i == TC_EX_NONE || c < i)) return "control";
    if (i != TC_EX_NONE) return "intervention";
    size_t lo = a > floor + 48 ? a - 48 : floor;
    c = tc_ex_find_last(x->t, lo, a, w_arm_control, NULL, NULL);
    i = tc_ex_find_last(x->t, lo, a, tc_ex_w_intervention, NULL, NULL);
    if (c != TC_EX_NONE && (i == TC_EX_NONE || c > i)) return "control";
    if (i != TC_EX_NONE) return "intervention";
    return NULL;
}

/* Per-arm shares next to a result: exactly two percentages between the neighbouring
 * estimates of the sentence, each next to a different arm's name ("in de
 * interventiegroep was 50,6% hervallen tegenover 57,1 in de controlegroep"). */
static void result_arms(tc_ex *x, cJSON *r, size_t si, size_t lo, size_t hi)
{
    size_t first, n = tc_doc_stats_from(x->doc, lo, hi - lo, &first);
    const tc_stat *p[2];
    const char *role[2];
    int k = 0;
    size_t cut_lo = lo, cut_hi = hi;
    /* the window: from the previous estimate with an interval to the next one */
    for (size_t j = first; j < first + n; j++) {
        const tc_stat *s = tc_doc_stat(x->doc, j);
        if (!s->has_ci) continue;
        if (j < si) cut_lo = s->span.off + s->span.len;
        else if (j > si) { cut_hi = s->span.off; break; }
    }
    for (size_t j = first; j < first + n; j++) {
        const tc_stat *s = tc_doc_stat(x->doc, j);
        if (s->span.off < cut_lo || s->span.off >= cut_hi || s->has_ci || s->kind != TC_STAT_PROPORTION
            || !s->value_span.len || s->value < 0 || s->value > 100) continue;
        if (k == 2) return;                 /* more than two: not a pair of arms */
        p[k++] = s;
    }
    if (k != 2) return;
    /* each value's arm word lies on its side of the other value */
    role[0] = arm_near(x, p[0]->span.off, p[0]->span.off + p[0]->span.len, cut_lo, p[1]->span.off);
    role[1] = arm_near(x, p[1]->span.off, p[1]->span.off + p[1]->span.len, p[0]->span.off + p[0]->span.len, cut_hi);
    if (!role[0] || !role[1] || !strcmp(role[0], role[1])) return;
    cJSON *arms = cJSON_AddArrayToObject(r, "arms");
    if (!arms) { x->oom = 1; return; }
    int idx = 0;
    cJSON *res = cJSON_GetObjectItemCaseSensitive(x->rec, "results"), *q;
    cJSON_ArrayForEach(q, res) { idx++; if (q == r) break; }
    for (int j = 0; j < 2; j++) {
        cJSON *a = cJSON_CreateObject();
        char path[64];
        if (!a || !cJSON_AddItemToArray(arms, a) || !cJSON_AddStringToObject(a, "arm", role[j])) { cJSON_Delete(a); x->oom = 1; return; }
        snprintf(path, sizeof path, "results[%d].arms[%d].percent", idx, j + 1);
        tc_ex_num(x, a, "percent", path, p[j]->value, p[j]->value_span.off, p[j]->value_span.len, "value");
    }
}

static int same_ci(const char *a, const char *b, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)a[k], d = (unsigned char)b[k];
        if (tc_is_upper_ascii(c)) c |= 0x20;
        if (tc_is_upper_ascii(d)) d |= 0x20;
        if (c != d) return 0;
    }
    return 1;
}

/* Whether the capitals acr[0..k) are the initials of k consecutive words of name
 * ("CCC": "complete clinical clearance"). */
static int initials_in(const char *name, size_t nl, const char *acr, size_t k)
{
    size_t starts[64], nw = 0;
    for (size_t i = 0; i < nl && nw < 64; i++)
        if (tc_is_wordbyte((unsigned char)name[i]) && (i == 0 || !tc_is_wordbyte((unsigned char)name[i - 1]))) starts[nw++] = i;
    for (size_t w = 0; w + k <= nw; w++) {
        size_t j = 0;
        for (; j < k; j++) {
            unsigned char c = (unsigned char)name[starts[w + j]], d = (unsigned char)acr[j];
            if (tc_is_upper_ascii(c)) c |= 0x20;
            if (tc_is_upper_ascii(d)) d |= 0x20;
            if (c != d) break;
        }
        if (j == k) return 1;
    }
    return 0;
}

/* Whether the name [a, b) shares a word of five or more letters with a primary outcome. */
static int names_primary(tc_ex *x, size_t a, size_t b)
{
    cJSON *outs = cJSON_GetObjectItemCaseSensitive(x->rec, "outcomes"), *o;
    cJSON_ArrayForEach(o, outs) {
        const char *role = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "role"));
        const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "name"));
        if (!role || !name || strcmp(role, "primary")) continue;
        size_t nl = strlen(name);
        /* the whole result name heads the primary outcome's ("Pain": "pain at 6 weeks") */
        const char *h = name;
        if (nl > 4 && same_ci(h, "the ", 4)) h += 4;
        size_t hl = nl - (size_t)(h - name);
        if (b - a >= 3 && b - a <= hl && same_ci(h, x->t + a, b - a) && (b - a == hl || !tc_is_wordbyte((unsigned char)h[b - a])))
            return 1;
        for (size_t i = a; i < b;) {
            size_t e = tc_ex_word_end(x->t, i, b);
            if (e == i) { i++; continue; }
            int acronym = e - i >= 2 && tc_is_upper_ascii((unsigned char)x->t[i]) && tc_is_upper_ascii((unsigned char)x->t[i + 1]);
            if (acronym && e - i >= 3 && e - i <= 8 && initials_in(name, nl, x->t + i, e - i)) return 1;
            if ((e - i >= 5 || acronym) && !tc_ex_word_in(x->t, e, i, w_generic)) {
                for (size_t j = 0; j + (e - i) <= nl; j++)
                    if ((j == 0 || !tc_is_wordbyte((unsigned char)name[j - 1])) && same_ci(name + j, x->t + i, e - i))
                        return 1;
            }
            i = e;
        }
    }
    return 0;
}

/* The start of section sec's body (0 when none). */
static size_t sen_start_of(const tc_ex *x, int sec)
{
    const tc_section *s = sec >= 0 ? tc_doc_section(x->doc, (size_t)sec) : NULL;
    return s ? s->body_off : 0;
}

/* The role of the last heading-like line in [a, b). */
static const char *last_heading_role(const tc_ex *x, size_t a, size_t b)
{
    const char *role = NULL;
    size_t m, p;
    int which;
    static const char *const both[] = { "primaire", "primair", "primary", "principal", "principale", "principaux",
                                        "secondary", "secundaire", "secundair", "secondaire", "secondaires", NULL };
    while (a < b && (p = tc_ex_find(x->t, a, b, both, &which, &m)) != TC_EX_NONE) {
        for (size_t i = p + m; i < b && i < p + m + 40; i++) {
            if (x->t[i] == ':') { role = which < 6 ? "primary" : "secondary"; break; }
            if (x->t[i] == '.' || x->t[i] == ';' || x->t[i] == '(') break;
        }
        a = p + m;
    }
    return role;
}

void tc_ex_results(tc_ex *x)
{
    size_t ns = tc_doc_sentence_count(x->doc);
    /* outcomes first: results use their names for the role */
    int have_primary = 0, have_secondary = 0;
    for (size_t i = 0; i < ns && !x->oom; i++) {
        const tc_sentence *sen = tc_doc_sentence(x->doc, i);
        int kind = tc_ex_section_kind(x, sen->off);
        if (kind == TC_SEC_REFERENCES || kind == TC_SEC_BACKGROUND || kind == TC_SEC_INTRODUCTION) continue;
        size_t before = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(x->rec, "outcomes"));
        if (!have_primary) {
            outcomes_in(x, sen->off, sen->off + sen->len, w_primary_outcome, "primary");
            have_primary = (size_t)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(x->rec, "outcomes")) > before;
        }
        before = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(x->rec, "outcomes"));
        if (!have_secondary) {
            outcomes_in(x, sen->off, sen->off + sen->len, w_secondary_outcome, "secondary");
            have_secondary = (size_t)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(x->rec, "outcomes")) > before;
        }
    }
    /* results: statistics with an interval, in text order; the role of the latest
       sentence that names primary or secondary outcomes in the same section */
    const char *role = NULL;
    int role_section = -2;
    size_t prev_end = 0;
    for (size_t i = 0, n = tc_doc_stat_count(x->doc); i < n && !x->oom; i++) {
        const tc_stat *s = tc_doc_stat(x->doc, i);
        if (!s->has_ci || !s->value_span.len || !s->ci_low_span.len || !s->ci_high_span.len || s->sentence < 0) continue;
        if (s->measure == TC_MEASURE_MEDIAN) continue;   /* one arm's median, not a comparison between arms */
        if (!isfinite(s->value) || !isfinite(s->ci_low) || !isfinite(s->ci_high)) continue;
        const tc_sentence *sen = tc_doc_sentence(x->doc, (size_t)s->sentence);
        int kind = tc_ex_section_kind(x, sen->off);
        if (kind == TC_SEC_REFERENCES || kind == TC_SEC_BACKGROUND || kind == TC_SEC_INTRODUCTION
            || kind == TC_SEC_METHODOLOGY || kind == TC_SEC_GUIDELINES || kind == TC_SEC_DISCUSSION) continue;
        size_t lo = sen->off, hi = sen->off + sen->len, na, nb;
        const char *how = NULL;
        /* the role: this clause's own word, else the latest heading-like line since the
           previous statistic, in the same section */
        int sec = tc_doc_section_at(x->doc, lo);
        if (sec != role_section) { role = NULL; role_section = sec; }
        {
            size_t from = prev_end > sen_start_of(x, sec) ? prev_end : sen_start_of(x, sec);
            const char *h = last_heading_role(x, from, s->span.off);
            if (h) role = h;
        }
        prev_end = s->span.off + s->span.len;
        size_t clo, chi;
        tc_ex_clause(x, lo, hi, s->span.off, &clo, &chi);
        const char *r = role;
        if (tc_ex_find(x->t, clo, chi, tc_ex_w_secondary, NULL, NULL) != TC_EX_NONE) r = "secondary";
        else if (tc_ex_find(x->t, clo, chi, tc_ex_w_primary, NULL, NULL) != TC_EX_NONE) r = "primary";
        if (!outcome_of(x, lo, hi, s->span.off, s->span.off + s->span.len, &na, &nb, &how)) {
            /* "The primary outcome occurred in 12.3% ... and 15.0% ... (hazard ratio, 0.80;
               95% CI ...)", "For the primary outcome, the odds ratio was 0.75 (...)": the
               clause names the (one) primary outcome before the estimate; that phrase is
               the outcome */
            size_t pm, pp = tc_ex_find(x->t, clo, s->span.off, w_primary_outcome, NULL, &pm);
            if (pp == TC_EX_NONE || x->t[pp + pm - 1] == 's' || (r && strcmp(r, "primary"))) continue;
            na = pp; nb = pp + pm; r = "primary";
            how = "outcome: the primary outcome named in the estimate's clause";
        }
        if (!r && names_primary(x, na, nb)) r = "primary";
        {   /* "SVR was more frequent with A than B [...; OR 3.6 (95% CI) ...]": the subject
               before the brackets names the primary outcome */
            size_t ba, bb, ob;
            if (!r && bracket_subject(x, lo, hi, s->span.off, &ba, &bb, &ob) && names_primary(x, ba, bb)) r = "primary";
        }
        cJSON *res = add_result(x, s, na, nb, r, how);
        if (res) {
            /* a sentence cut by a PDF's blank line ("op 16\n\nweken ; in de ...") goes on */
            size_t whi = hi, e = hi;
            while (e > lo && tc_is_space((unsigned char)x->t[e - 1])) e--;
            const tc_sentence *nx = (size_t)s->sentence + 1 < ns ? tc_doc_sentence(x->doc, (size_t)s->sentence + 1) : NULL;
            if (nx && e > lo && x->t[e - 1] != '.' && nx->len) {
                size_t f = tc_ex_skip_space(x->t, nx->off, nx->off + nx->len);
                if (f < nx->off + nx->len && (tc_is_lower_ascii((unsigned char)x->t[f]) || x->t[f] == ';')) whi = nx->off + nx->len;
            }
            result_arms(x, res, i, lo, whi);
        }
    }
}
