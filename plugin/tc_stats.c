/* The statistics stage: one pass over the bytes that stops only at digits.  Each
 * number is classified from a few words around it (p-value, percentage or CI level,
 * estimate after a measure word, count with a participant noun, mean with SD, ...).
 * A number that is none of these stays "open" as a candidate: an interval that
 * follows it in the same sentence makes it an unnamed estimate ("0,07 na 12 maanden
 * (met 95% BI van ...)"), and a p-value right after an estimate joins it. */
#include "tc_stats.h"
#include <stdint.h>

#define LOOKBACK 64        /* bytes read back for words before a number */
#define GAP_CI 64          /* estimate ... its interval */
#define GAP_P 24           /* interval ... its p-value (punctuation only) */
#define GAP_SIBLING 80     /* "5,19 (SD 0,28) naar 4,96 (0,29)" */
#define TABLE_SCOPE 4000   /* reach of a table header's measure without sections */
#define PREFETCH 4096      /* how far ahead the digit scan asks for text (bytes) */
#define GAP_LIST 160       /* "3·7 months (95% CI ...) ..., versus 3·6 months (3·2–3·9)" */

enum { OPEN_NONE, OPEN_CAND, OPEN_STAT };

typedef struct scan {
    tc_doc *doc;
    const char *s;
    size_t n;
    unsigned nf;             /* tc_num flags for the document's language */
    size_t cit;              /* first citation not yet behind the cursor */
    int open;                /* what an interval or p-value may attach to */
    tc_num cand;
    tc_num tcand;            /* a duration ("3·7 months"): a median or mean if an interval follows */
    int tcand_ok;
    int pm_se;               /* the text says "mean ± SE(M)" and never "± SD": bare ± are SEs;
                                -1 until first asked (it reads the whole text, and most texts
                                give no value with "±") */
    size_t open_end;
    size_t open_stat;
    int table_measure;       /* "Effect (HR met 95% BI)": measure of unnamed rows */
    size_t table_off;
    int table_section;
    size_t sec_cursor;       /* tc_section_walk's cursor for section_of */
    tc_vec timepoints;       /* tc_span, in text order */
} scan;

typedef struct interval { tc_num low, high; size_t end; } interval;

static size_t lo_of(size_t i) { return i > LOOKBACK ? i - LOOKBACK : 0; }
static int isdig(const char *s, size_t n, size_t i) { return i < n && tc_num_isdigit((unsigned char)s[i]); }
static tc_stat *stat_at(scan *sc, size_t i) { return &TC_VEC_AT(&sc->doc->stats, tc_stat, i); }
static tc_span span(size_t a, size_t b) { tc_span sp = { a, b - a }; return sp; }
static tc_span numspan(const tc_num *x) { tc_span sp = { x->off, x->len }; return sp; }
static size_t num_end(const tc_num *x) { return x->off + x->len; }

static int gap_ok(const scan *sc, size_t a, size_t b, size_t limit)
{
    return b >= a && b - a <= limit && !tc_sw_crosses_boundary(sc->s, sc->n, a, b);
}

static tc_stat *push(scan *sc, int kind, const tc_num *x, size_t from, size_t to)
{
    tc_stat *st = tc_vec_push(&sc->doc->stats);
    if (!st) return NULL;
    st->kind = kind;
    st->value = x->value;
    st->value_span = numspan(x);
    st->span = span(from, to);
    st->sentence = -1;
    return st;
}

static void extend(tc_stat *st, size_t end)
{
    if (end > st->span.off + st->span.len) st->span.len = end - st->span.off;
}

/* End of a citation marker containing i, or 0. */
static size_t in_citation(scan *sc, size_t i)
{
    const tc_vec *v = &sc->doc->citations;
    while (sc->cit < v->n) {
        const tc_citation *c = &TC_VEC_AT(v, tc_citation, sc->cit);
        if (c->off + c->len <= i) sc->cit++;
        else return c->off <= i ? c->off + c->len : 0;
    }
    return 0;
}

/* An identifier glued to letters (NCT04491968, H2O, 5e): skipped whole. */
static size_t skip_token(const char *s, size_t n, size_t i)
{
    size_t p = i, k;
    while (p < n) {
        if (tc_num_isdigit((unsigned char)s[p])) p++;
        else if ((k = tc_sw_letter(s, n, p)) != 0) p += k;
        else if ((s[p] == '.' || s[p] == ',' || s[p] == '/') && isdig(s, n, p + 1)) p++;
        else break;
    }
    return p > i ? p : i + 1;
}

/* "%" right after a number (one space allowed, as French writes "95 %"): its end, or 0. */
static size_t percent_after(const char *s, size_t n, size_t e)
{
    size_t p = e, k = tc_num_space_len(s, n, p);
    if (k && s[p] != '\n' && s[p] != '\r') p += k;
    return p < n && s[p] == '%' ? p + 1 : 0;
}

/* "p = ", "P<", "p-waarde =", "P value <" before s[start]: the operator, *poff = 'p'. */
static int p_before(const char *s, size_t start, size_t *poff)
{
    size_t lo = lo_of(start), k;
    size_t q = tc_sw_skip_space_back(s, start, lo);
    int op = tc_num_op_before(s, q, &k);
    if (!op) return TC_OP_NONE;
    q = tc_sw_skip_space_back(s, q - k, lo);
    if (op != TC_OP_EQ && q > lo && s[q - 1] == '=') q = tc_sw_skip_space_back(s, q - 1, lo);   /* "p = < 0.04" */
    tc_wspan w = tc_sw_word_before(s, q, lo);
    if (!w.len) return TC_OP_NONE;
    if (tc_sw_is(s, w, "p") || tc_sw_is(s, w, "p-waarde") || tc_sw_is(s, w, "p-value") || tc_sw_is(s, w, "p-valeur")) {
        *poff = w.off;
        return op;
    }
    if (tc_sw_is(s, w, "value") || tc_sw_is(s, w, "waarde")) {
        tc_wspan w2 = tc_sw_word_before(s, tc_sw_skip_space_back(s, w.off, lo), lo);
        if (tc_sw_is(s, w2, "p")) { *poff = w2.off; return op; }
    }
    return TC_OP_NONE;
}


/* A currency sign at s[i] ("£", "€", "$"): its byte length, else 0. */
static size_t currency_at(const char *s, size_t n, size_t i)
{
    if (i < n && s[i] == '$') return 1;
    if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA3) return 2;
    if (i + 2 < n && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x82 && (unsigned char)s[i + 2] == 0xAC) return 3;
    return 0;
}
static size_t currency_before(const char *s, size_t i)
{
    if (i >= 1 && s[i - 1] == '$') return 1;
    if (i >= 2 && currency_at(s, i, i - 2) == 2) return 2;
    if (i >= 3 && currency_at(s, i, i - 3) == 3) return 3;
    return 0;
}

/* A number where a bound may stand, with its minus sign ("£254": after a currency sign). */
static int bound(const scan *sc, size_t p, tc_num *x)
{
    p += currency_at(sc->s, sc->n, p);
    return p < sc->n && tc_num_scan(sc->s, sc->n, p, sc->nf, x);
}

/* Bounds from s[p]: "van 0,37 tot 0,90", ", 0.37-0.90", " [1.04, 20.05]", "0·70–0·91",
 * "de 0,37 à 0,90".  A bound may carry "%". */
static int parse_interval(const scan *sc, size_t p, interval *iv)
{
    const char *s = sc->s;
    size_t n = sc->n, k, q = p;
    for (int guard = 0; guard < 6; guard++) {
        size_t r = tc_sw_skip_space(s, n, q, 16);
        if (r < n && strchr(",:=[(;", s[r]) && s[r]) r++;
        tc_wspan w = tc_sw_word_at(s, n, r);
        if (tc_sw_role(s, w, TC_SW_INTERVAL_FILLER)) r = w.off + w.len;
        if (r == q) break;
        q = r;
    }
    if (q - p > 40 || !bound(sc, q, &iv->low)) return 0;
    q = num_end(&iv->low);
    if ((k = percent_after(s, n, q)) != 0) q = k;
    q = tc_sw_skip_space(s, n, q, 8);
    if ((k = tc_num_minus_len(s, n, q)) != 0) q += k;
    else if (q + 2 < n && (unsigned char)s[q] == 0xE2 && (unsigned char)s[q + 1] == 0x80 && (unsigned char)s[q + 2] == 0x94) q += 3;
    else if (q < n && (s[q] == ',' || s[q] == ';')) q++;
    else {
        tc_wspan w = tc_sw_word_at(s, n, q);
        if (!tc_sw_role(s, w, TC_SW_RANGE_WORD)) return 0;
        q = w.off + w.len;
    }
    q = tc_sw_skip_space(s, n, q, 8);
    if (!bound(sc, q, &iv->high)) return 0;
    q = num_end(&iv->high);
    if ((k = percent_after(s, n, q)) != 0) q = k;
    iv->end = q;
    return iv->low.value <= iv->high.value;
}

/* The innermost section holding off: asked in (nearly) text order, so mostly a short
 * walk forward from the previous answer instead of a binary search over the sections
 * (tens of thousands in a large corpus, out of cache). */
static int section_of(scan *sc, size_t off)
{
    const tc_section *sec = sc->doc->sections.data;
    if (sc->sec_cursor < sc->doc->sections.n && sec[sc->sec_cursor].off <= off)
        return tc_section_walk(sc->doc, &sc->sec_cursor, off);
    return tc_doc_section_at(sc->doc, off);
}

static int table_measure_for(scan *sc, size_t off)
{
    if (!sc->table_measure || off < sc->table_off) return TC_MEASURE_NONE;
    if (sc->doc->sections.n)
        return section_of(sc, off) == sc->table_section ? sc->table_measure : TC_MEASURE_NONE;
    return off - sc->table_off <= TABLE_SCOPE ? sc->table_measure : TC_MEASURE_NONE;
}


static const tc_stat *ci_sibling(const scan *sc, size_t start);


static void set_ci(tc_stat *st, double level, const interval *iv)
{
    st->has_ci = 1;
    st->ci_level = level;
    st->ci_low = iv->low.value;
    st->ci_high = iv->high.value;
    st->ci_low_span = numspan(&iv->low);
    st->ci_high_span = numspan(&iv->high);
    extend(st, num_end(&iv->high));
}

/* A confidence level ("95%") whose interval words start at ci_start; bounds from after. */
static int ci_level(scan *sc, const tc_num *level, size_t ci_start, size_t after, size_t *next)
{
    int rc = TC_OK;
    interval iv;
    long idx = -1;
    *next = after;
    int parsed = parse_interval(sc, after, &iv);
    if (!parsed) {
        /* "odds ratio (OR) 2.4 (95% CI) 1.3, 4.5": the level and its words in brackets,
           the bounds after them, around the estimate just read */
        size_t a = tc_sw_skip_space(sc->s, sc->n, after, 2), b = level->off;
        while (b > 0 && (sc->s[b - 1] == ' ' || sc->s[b - 1] == '\t')) b--;
        if (a < sc->n && b > 0 && ((sc->s[a] == ')' && sc->s[b - 1] == '(') || (sc->s[a] == ']' && sc->s[b - 1] == '['))
            && parse_interval(sc, a + 1, &iv)) {
            double v = sc->open == OPEN_STAT ? stat_at(sc, sc->open_stat)->value
                     : sc->open == OPEN_CAND ? sc->cand.value : iv.low.value - 1;
            parsed = v >= iv.low.value && v <= iv.high.value;
        }
    }
    if (!parsed) {
        /* A level without bounds is a table header such as "Effect (HR met 95% BI)". */
        size_t from;
        int near;
        int m = tc_sw_measure_before(sc->s, ci_start, lo_of(ci_start), &from, &near);
        if (m) {
            sc->table_measure = m;
            sc->table_off = ci_start;
            sc->table_section = section_of(sc, ci_start);
        }
        goto fail;
    }
    *next = iv.end;
    /* A duration ("6·2 months (95% CI 4·8–7·2)") newer than what is open is the
     * estimate when its clause speaks of a median or a mean. */
    if (sc->tcand_ok && (sc->open == OPEN_NONE || sc->tcand.off >= sc->open_end)
        && gap_ok(sc, num_end(&sc->tcand), ci_start, GAP_CI)
        && iv.low.value <= sc->tcand.value && sc->tcand.value <= iv.high.value) {
        tc_sc_clause c = tc_sc_clause_before(sc->s, sc->n, sc->tcand.off);
        const tc_stat *sib = ci_sibling(sc, sc->tcand.off);   /* "(28.4 months; 95% CI ...) ... (25.7 months; 95% CI ...)" */
        if (!c.measure && !c.mean && sib && sib->kind == TC_STAT_ESTIMATE) c.measure = sib->measure, c.mean = 1;
        if (c.measure == TC_MEASURE_MEDIAN || (c.mean && !c.measure)) {
            tc_stat *st = push(sc, TC_STAT_ESTIMATE, &sc->tcand, sc->tcand.off, num_end(&sc->tcand));
            if (!st) { rc = TC_ENOMEM; goto fail; }
            st->measure = c.measure;
            idx = (long)sc->doc->stats.n - 1;
        }
    }
    sc->tcand_ok = 0;
    if (idx >= 0) {
        /* taken above */
    } else if (sc->open == OPEN_CAND && gap_ok(sc, sc->open_end, ci_start, GAP_CI)) {
        /* An unnamed value outside the interval that follows is not its estimate (a
         * flattened table: "3.6 95% CI 7, 11"). */
        if (sc->cand.value < iv.low.value || sc->cand.value > iv.high.value) { sc->open = OPEN_NONE; goto fail; }
        tc_stat *st = push(sc, TC_STAT_ESTIMATE, &sc->cand, sc->cand.off, num_end(&sc->cand));
        if (!st) { rc = TC_ENOMEM; goto fail; }
        st->measure = tc_sc_clause_before(sc->s, sc->n, sc->cand.off).measure;   /* nearer than a table header */
        if (st->measure == TC_MEASURE_MEDIAN) st->measure = TC_MEASURE_NONE;   /* only durations */
        if (!st->measure) st->measure = table_measure_for(sc, sc->cand.off);
        idx = (long)sc->doc->stats.n - 1;
    } else if (sc->open == OPEN_STAT && gap_ok(sc, sc->open_end, ci_start, GAP_CI)
               && !stat_at(sc, sc->open_stat)->has_ci) {
        idx = (long)sc->open_stat;
        tc_stat *st = stat_at(sc, sc->open_stat);
        if (st->kind == TC_STAT_MEAN && !st->has_sd) st->kind = TC_STAT_ESTIMATE;
    }
    if (idx < 0) { sc->open = OPEN_NONE; goto fail; }   /* an interval of nothing we know */
    set_ci(stat_at(sc, (size_t)idx), level->value, &iv);
    sc->open = OPEN_STAT;
    sc->open_stat = (size_t)idx;
    sc->open_end = iv.end;
fail:
    return rc;
}

/* Only punctuation in [a, b), and at most one short word that is no conjunction (the
 * unit of the bounds: "0.7-6.5 points, p = 0.018"). */
static int only_punct(const char *s, size_t a, size_t b)
{
    int words = 0;
    for (size_t j = a; j < b; j++) {
        if (tc_num_isspace((unsigned char)s[j]) || strchr(";,()[]:", s[j])) continue;
        tc_wspan w = tc_sw_word_at(s, b, j);
        if (!w.len || w.len > 12 || words++ || tc_sw_role(s, w, TC_SW_CONJ | TC_SW_COMPARISON)) return 0;
        j = w.off + w.len - 1;
    }
    return 1;
}

static int p_value(scan *sc, int op, size_t poff, const tc_num *x)
{
    int rc = TC_OK;
    tc_stat *st = sc->open == OPEN_STAT ? stat_at(sc, sc->open_stat) : NULL;
    if (st && (st->kind == TC_STAT_ESTIMATE || st->has_se) && !st->p_op && poff >= sc->open_end
        && poff - sc->open_end <= GAP_P && only_punct(sc->s, sc->open_end, poff)) {
        sc->open_end = num_end(x);          /* joins the estimate it follows */
    } else {
        if (!(st = push(sc, TC_STAT_P, x, poff, num_end(x)))) { rc = TC_ENOMEM; goto fail; }
        st->value_op = op == TC_OP_EQ ? TC_OP_NONE : op;
        sc->open = OPEN_NONE;
    }
    st->p_op = op;
    st->p_value = x->value;
    st->p_span = numspan(x);
    extend(st, num_end(x));
fail:
    return rc;
}

/* "(SD 11,8)", "(SD0,29)", "(SD, 1.1)", "(ET 11,8)", "(standard deviation 11.8)",
 * "(écart type 11,8)", "± 11.8" after a mean ending at e, an optional unit word between
 * ("48,5 jaar (SD 11,8)"), given as u with its roles ufl.  Sets *sd and *end. */
static int sd_after(const scan *sc, size_t e, int neg, tc_wspan u, unsigned ufl, tc_num *sd, size_t *end, int *pm)
{
    const char *s = sc->s;
    size_t n = sc->n;
    for (int unit = 0; unit < 3; unit++) {
        size_t p = tc_sw_skip_space(s, n, e, 8);
        if (unit) {   /* u, ufl: the word at p and its roles, looked up by the caller */
            if (!u.len || u.len > 16 || (ufl & TC_SW_NOT_UNIT)) return 0;
            p = tc_sw_skip_space(s, n, u.off + u.len, 8);
        }
        if (unit == 2) {   /* "1.3 per patient (SD 1.1)", "1.3 exacerbations per patient (SD 1.1)" */
            if ((s[u.off] | 0x20) != 'p' && (p >= n || (s[p] | 0x20) != 'p')) return 0;   /* most words */
            tc_wspan w = tc_sw_word_at(s, n, p);
            if (!tc_sw_is(s, u, "per")) {
                if (!tc_sw_is(s, w, "per")) return 0;
                w = tc_sw_word_at(s, n, tc_sw_skip_space(s, n, w.off + w.len, 8));
            }
            if (!w.len || w.len > 16) return 0;
            p = tc_sw_skip_space(s, n, w.off + w.len, 8);
        }
        if (p + 1 < n && (unsigned char)s[p] == 0xC2 && (unsigned char)s[p + 1] == 0xB1) {   /* ± */
            p = tc_sw_skip_space(s, n, p + 2, 2);
            if (tc_num_minus_len(s, n, p) || !tc_num_scan(s, n, p, sc->nf, sd)) continue;
            *end = num_end(sd);
            *pm = 1;
            return 1;
        }
        /* A negative value takes an SD only after "±" ("–6.4 ± 9.1 mm Hg"). */
        if (neg || p >= n || (s[p] != '(' && s[p] != '[')) continue;
        p = tc_sw_skip_space(s, n, p + 1, 2);
        tc_wspan w = tc_sw_word_at(s, n, p);
        size_t q = w.off + w.len;
        if (q < n && s[q] == '.') q++;    /* "s.d." */
        tc_wspan w2 = tc_sw_word_at(s, n, tc_sw_skip_space(s, n, w.off + w.len, 2));
        if (w.len == 1 && tc_sw_is(s, w, "s") && q + 1 < n && (s[q] == 'd' || s[q] == 'D')) { q++; if (q < n && s[q] == '.') q++; }
        else if ((tc_sw_is(s, w, "standard") && tc_sw_is(s, w2, "deviation"))
                 || (tc_sw_is(s, w, "écart") && tc_sw_is(s, w2, "type")))
            q = w2.off + w2.len;                 /* spelled out */
        else if (!tc_sw_role(s, w, TC_SW_SD_WORD)) continue;
        q = tc_sw_skip_space(s, n, q, 4);
        if (q < n && (s[q] == ':' || s[q] == '=' || s[q] == ',')) q = tc_sw_skip_space(s, n, q + 1, 4);
        if (tc_num_minus_len(s, n, q) || !tc_num_scan(s, n, q, sc->nf, sd)) continue;
        *end = num_end(sd);
        if (*end < n && (s[*end] == ')' || s[*end] == ']')) (*end)++;
        return 1;
    }
    return 0;
}

/* "(0,29)" right after a number: the bracketed number and the end after ')'. */
static int bracket_number_after(const scan *sc, size_t e, tc_num *x, size_t *end)
{
    const char *s = sc->s;
    size_t n = sc->n, p = tc_sw_skip_space(s, n, e, 8);
    if (p >= n || s[p] != '(') return 0;
    p = tc_sw_skip_space(s, n, p + 1, 2);
    if (tc_num_minus_len(s, n, p) || !tc_num_scan(s, n, p, sc->nf, x)) return 0;
    size_t q = tc_sw_skip_space(s, n, num_end(x), 2);
    if (q >= n || s[q] != ')') return 0;
    *end = q + 1;
    return 1;
}

/* "mean (SD)" or "(SD)" shortly before: the next "48.5 (11.8)" is mean and SD. */
static int sd_header_before(const char *s, size_t start)
{
    size_t lo = start > 48 ? start - 48 : 0;
    for (size_t j = lo; j + 4 <= start; j++)
        if (s[j] == '(' && (s[j + 1] == 'S' || s[j + 1] == 's') && (s[j + 2] == 'D' || s[j + 2] == 'd') && s[j + 3] == ')')
            return 1;
    return 0;
}

/* One of the `words` words before s[start] has a role in flag. */
static int word_before_in(const char *s, size_t start, unsigned flag, int words)
{
    size_t lo = lo_of(start), p = start;
    for (int j = 0; j < words; j++) {
        size_t q = tc_sw_skip_space_back(s, p, lo);
        if (q > lo && s[q - 1] == '.') q--;   /* "vs." */
        tc_wspan w = tc_sw_word_before(s, q, lo);
        if (!w.len) return 0;
        if (tc_sw_role(s, w, flag)) return 1;
        p = w.off;
    }
    return 0;
}

/* "154 deelnemers", "12 volwassenen", "510 adult patients", "77 per groep": w is the
 * word after the number and fl its roles (the caller has looked them up already). */
static int count_noun_after(const scan *sc, tc_wspan w, unsigned fl, tc_span *noun)
{
    const char *s = sc->s;
    size_t n = sc->n;
    if (!w.len) return 0;
    if (fl & TC_SW_COUNT_NOUN) { *noun = span(w.off, w.off + w.len); return 1; }
    int per = tc_sw_is(s, w, "per");
    if (!per && (w.len > 20 || (fl & TC_SW_COUNT_STOP))) return 0;   /* before reading on */
    tc_wspan w2 = tc_sw_word_at(s, n, tc_sw_skip_space(s, n, w.off + w.len, 8));
    if (per) {
        if (!tc_sw_role(s, w2, TC_SW_PER_WORD)) return 0;
        *noun = span(w.off, w2.off + w2.len);
        return 1;
    }
    if (!tc_sw_role(s, w2, TC_SW_COUNT_NOUN)) return 0;
    *noun = span(w2.off, w2.off + w2.len);
    return 1;
}

/* "n = 154", "(n=77)": the 'n', or SIZE_MAX. */
static size_t n_equals_before(const char *s, size_t start)
{
    size_t lo = lo_of(start), k;
    size_t q = tc_sw_skip_space_back(s, start, lo);
    if (tc_num_op_before(s, q, &k) != TC_OP_EQ) return SIZE_MAX;
    q = tc_sw_skip_space_back(s, q - k, lo);
    tc_wspan w = tc_sw_word_before(s, q, lo);
    return tc_sw_is(s, w, "n") ? w.off : SIZE_MAX;
}

/* A number (with a minus or currency sign) starts at s[p]. */
static int number_at(const char *s, size_t n, size_t p)
{
    p += currency_at(s, n, p);
    p += tc_num_minus_len(s, n, p);
    return isdig(s, n, p);
}

/* A bare interval right after a value ending at e, past an optional unit word:
 * "(0·89–1·36", "[1.04, 20.05]", "hours (-0.45, 9.24)", and with comma_ok the Lancet
 * form ", 0·78–1·07" when ',', ';' or ')' follows it and x lies inside.  Sets *iv. */
static int interval_after(const scan *sc, size_t e, int comma_ok, const tc_num *x, interval *iv)
{
    const char *s = sc->s;
    size_t n = sc->n, p = tc_sw_skip_space(s, n, e, 2);
    if (p >= n) return 0;
    if (tc_num_isalpha((unsigned char)s[p])) {
        /* Asked of most numbers: a quick look past an ASCII word before the lookups. */
        size_t q = p + tc_sw_alpha_run(s, p, n, 13);
        while (q < n && s[q] == ' ') q++;
        if (q >= n || (s[q] != '(' && s[q] != '[' && s[q] != ',')) return 0;
    }
    tc_wspan u = tc_sw_word_at(s, n, p);
    if (u.len && u.len <= 12 && !tc_sw_role(s, u, TC_SW_NOT_UNIT | TC_SW_CONJ | TC_SW_COMPARISON))
        p = tc_sw_skip_space(s, n, u.off + u.len, 2);
    if (p >= n) return 0;
    if (s[p] == '(' || s[p] == '[') {
        size_t q = tc_sw_skip_space(s, n, p + 1, 2), cw = tc_sw_ci_word_after(s, n, q);
        if (cw) q = tc_sw_skip_space(s, n, cw + (cw < n && s[cw] == ':'), 2);   /* "(CI: 1.12-2.40)" */
        return number_at(s, n, q) && parse_interval(sc, q, iv);
    }
    if (!comma_ok || s[p] != ',') return 0;
    size_t q = tc_sw_skip_space(s, n, p + 1, 2);
    if (!number_at(s, n, q) || !parse_interval(sc, q, iv)) return 0;
    /* "1·30, 1·05–1·61," has a dash between the bounds, never a comma */
    size_t lo_end = num_end(&iv->low), k = lo_end;
    while (k < iv->high.off && s[k] != ',' && s[k] != ';') k++;
    if (k < iv->high.off) return 0;
    size_t r = tc_sw_skip_space(s, n, iv->end, 2);
    if (x->value < iv->low.value || x->value > iv->high.value) return 0;
    return r >= n || s[r] == ',' || s[r] == ';' || s[r] == ')';
}

/* The latest statistic with an interval shortly before start in the same sentence,
 * past counts and p-values ("10·4 months (95% CI ...) for erlotinib (n=17) versus 3·7
 * months (0·3–49·3)"): the head of a list whose later members give bare intervals. */
static const tc_stat *ci_sibling(const scan *sc, size_t start)
{
    size_t k = sc->doc->stats.n;
    for (int seen = 0; k > 0 && seen < 4; seen++) {
        const tc_stat *st = &TC_VEC_AT(&sc->doc->stats, tc_stat, --k);
        size_t end = st->span.off + st->span.len;
        if (end > start || !gap_ok(sc, end, start, GAP_LIST)) return NULL;
        if (st->has_ci) return st;
        if (st->kind != TC_STAT_COUNT && st->kind != TC_STAT_P) return NULL;
    }
    return NULL;
}




/* What follows a coefficient shows it is one: an SE, an interval or a p-value. */
static int stat_follows(const scan *sc, size_t e)
{
    const char *s = sc->s;
    size_t n = sc->n, p = tc_sw_skip_space(s, n, e, 4);
    if (p < n && (s[p] == ',' || s[p] == '(' || s[p] == ';' || s[p] == '[')) p = tc_sw_skip_space(s, n, p + 1, 4);
    tc_wspan w = tc_sw_word_at(s, n, p);
    if (tc_sw_is(s, w, "se") || tc_sw_is(s, w, "p") || tc_sw_ci_word_after(s, n, p)) return 1;
    tc_num lv;
    return isdig(s, n, p) && tc_num_scan(s, n, p, sc->nf, &lv) && percent_after(s, n, num_end(&lv))
        && tc_sw_ci_word_after(s, n, percent_after(s, n, num_end(&lv)));
}

/* "[5.7%]" or "(4.3%)" right after e: the number before it is a count of events. */
static int bracketed_percent_after(const scan *sc, size_t e)
{
    const char *s = sc->s;
    size_t n = sc->n, p = tc_sw_skip_space(s, n, e, 2);
    tc_num y;
    if (p >= n || (s[p] != '(' && s[p] != '[')) return 0;
    p = tc_sw_skip_space(s, n, p + 1, 2);
    return tc_num_scan(s, n, p, sc->nf, &y) && percent_after(s, n, num_end(&y));
}

/* The statistic just added is what an interval or p-value may now attach to. */
static void open_stat(scan *sc, size_t end)
{
    sc->open = OPEN_STAT;
    sc->open_stat = sc->doc->stats.n - 1;
    sc->open_end = end;
}

/* The last statistic, when it is of kind and ends within GAP_SIBLING of start. */
static const tc_stat *sibling(const scan *sc, int kind, size_t start)
{
    if (!sc->doc->stats.n) return NULL;
    const tc_stat *st = &TC_VEC_AT(&sc->doc->stats, tc_stat, sc->doc->stats.n - 1);
    if (st->kind != kind) return NULL;
    size_t end = st->span.off + st->span.len;
    if (!gap_ok(sc, end, start, GAP_SIBLING)) return NULL;
    for (size_t j = end; j < start; j++)   /* "(75%) ... following 26 vs. 38 procedures" */
        if (tc_num_isdigit((unsigned char)sc->s[j])) return NULL;
    return st;
}

/* What plain_number decided: a statistic to add (kind != 0), a timepoint to remember,
 * or neither; and where the number's construct ends. */
typedef struct verdict {
    tc_stat st;          /* kind 0: no statistic */
    tc_span timepoint;   /* len 0: none */
    size_t end;
    int candidate;       /* stays open for a following interval */
} verdict;

/* The verdict's statistic for x, of kind, every other field cleared. */
static tc_stat *stat_of(verdict *v, const tc_num *x, int kind)
{
    tc_stat *st = &v->st;
    memset(st, 0, sizeof *st);
    st->kind = kind;
    st->value = x->value;
    st->value_span = numspan(x);
    st->sentence = -1;
    return st;
}

/* "± 0.54" right after e (a value with a measure: its standard error). */
static int pm_after(const scan *sc, size_t e, tc_num *x, size_t *end)
{
    const char *s = sc->s;
    size_t n = sc->n, p = tc_sw_skip_space(s, n, e, 8);
    if (p + 1 >= n || (unsigned char)s[p] != 0xC2 || (unsigned char)s[p + 1] != 0xB1) return 0;
    p = tc_sw_skip_space(s, n, p + 2, 2);
    if (tc_num_minus_len(s, n, p) || !tc_num_scan(s, n, p, sc->nf | TC_NUM_LEADING_SEP, x)) return 0;
    *end = num_end(x);
    return 1;
}

static void set_se(tc_stat *st, const tc_num *se, size_t end)
{
    st->has_se = 1;
    st->se = se->value;
    st->se_span = numspan(se);
    if (end > st->span.off + st->span.len) st->span.len = end - st->span.off;
}




/* "(" after a number ending at e, past at most one word. */
static int bracket_follows(const char *s, size_t n, size_t e)
{
    size_t p = tc_sw_skip_space(s, n, e, 2);
    if (p - e <= 16) p += tc_sw_alpha_run(s, p, n, e + 17 - p);
    p = tc_sw_skip_space(s, n, p, 2);
    return p < n && s[p] == '(';
}

/* Classifies a number that is neither a p-value nor a percentage.  Reads the text and
 * the scan state and changes nothing, but for filling in the text's "±" convention
 * (sc->pm_se) when first needed. */
static void classify(scan *sc, const tc_num *x, size_t start, verdict *v)
{
    const char *s = sc->s;
    size_t n = sc->n, e = num_end(x), from, end;
    tc_stat *st;
    tc_num sd;
    interval iv;
    int near = 0;
    /* The statistic itself is cleared and filled only once the number turns out to be
     * one (stat_of): most numbers are not, and it is most of the verdict's bytes. */
    v->st.kind = 0;
    v->timepoint.off = v->timepoint.len = 0;
    v->end = e;
    v->candidate = 0;
    size_t mstart = start - currency_before(s, start);   /* "difference £380" */
    tc_wspan u = tc_sw_word_at(s, n, tc_sw_skip_space(s, n, e, 8));
    unsigned ufl = tc_sw_flags(s, u);
    int timed = (ufl & TC_SW_TIME_UNIT) != 0;
    size_t eq = start && s[start - 1] == ' ' ? start - 1 : start;   /* "b = 0.27": '=' just before */
    int beta_eq = eq && s[eq - 1] == '=';
    /* Before a time unit or a count noun only a measure right before the number counts
     * (below), unless the beta test needs to know there is none at all. */
    int far = beta_eq || (!timed && !(ufl & TC_SW_COUNT_NOUN));
    int m = tc_sw_measure_near(s, mstart, lo_of(mstart), &from, &near, far ? 2 : 0);
    if (!m && beta_eq && tc_sc_beta_before(s, start) && stat_follows(sc, e)) {
        m = TC_MEASURE_BETA;
        near = 1;
        from = start;
    }
    /* A measure a few words back does not name "12" in "HR werd gemeten na 12 maanden"
     * (a median duration further back counts only with an interval: see ci_level). */
    if (m && (near || (!timed && !(ufl & TC_SW_COUNT_NOUN)))) {
        st = stat_of(v, x, TC_STAT_ESTIMATE);
        st->measure = m;
        st->span = span(from, e);
        /* An estimate carries an SE, not an SD: "b = 0.27, SE = 0.09", "0.77 ± 0.54". */
        if (tc_sc_se_after(sc->s, sc->n, sc->nf, e, &sd, &end) || pm_after(sc, e, &sd, &end)) {
            set_se(st, &sd, end);
            v->end = end;
        }
        /* A bare interval: "HR 0.58 (0.37-0.90)", Lancet "HR 0·92, 0·78–1·07, p=0·31". */
        if (interval_after(sc, v->end, 1, x, &iv)) {
            set_ci(st, 95, &iv);
            v->end = iv.end;
        }
        return;
    }
    /* A later member of a list whose head has an interval: "1·09 (0·89–1·36, p=0·39)",
     * "versus 3·6 months (3·2–3·9)"; or "(1·30, 1·05–1·61, p=0·017)" on its own. */
    const tc_stat *sib;
    if (interval_after(sc, e, 1, x, &iv) && iv.low.value <= x->value && x->value <= iv.high.value) {
        size_t cq = tc_sw_skip_space(s, n, e, 2);
        int comma = cq < n && s[cq] == ',';
        sib = ci_sibling(sc, start);
        tc_sc_clause c = { TC_MEASURE_NONE, 0 };
        /* Without a list head, the clause must name the measure: "HR for those ... (n=67)
         * was 1·28 (0·95–1·72, p=0·10)".  Not a median: its bare brackets are usually an
         * interquartile range or the range ("78 days (32–146 days)"). */
        if (!sib && !comma && !timed) {
            c = tc_sc_clause_before(sc->s, sc->n, start);
            if (c.measure == TC_MEASURE_MEDIAN) c.measure = TC_MEASURE_NONE;
        }
        if (sib || c.measure || (comma && start > 0 && s[start - 1] == '(' && !timed)) {
            st = stat_of(v, x, TC_STAT_ESTIMATE);
            st->measure = sib ? sib->measure : c.measure ? c.measure : tc_sc_clause_before(sc->s, sc->n, start).measure;
            if (!sib && !c.measure && st->measure == TC_MEASURE_MEDIAN) st->measure = TC_MEASURE_NONE;
            set_ci(st, sib ? sib->ci_level : 95, &iv);
            st->span = span(start, iv.end);
            v->end = iv.end;
            return;
        }
    }
    /* "nausea (mean difference 9·2), fatigue (7·5), rash (3·1)": a number alone in
     * brackets after a named estimate of the same sentence is another of its kind. */
    if (start > 0 && s[start - 1] == '(' && e < n && s[e] == ')' && sc->doc->stats.n) {
        const tc_stat *last = &TC_VEC_AT(&sc->doc->stats, tc_stat, sc->doc->stats.n - 1);
        size_t le = last->span.off + last->span.len;
        if (last->kind == TC_STAT_ESTIMATE && last->measure && !last->has_ci && le <= start
            && gap_ok(sc, le, start, GAP_LIST) && s[last->value_span.off + last->value_span.len] == ')') {
            st = stat_of(v, x, TC_STAT_ESTIMATE);
            st->measure = last->measure;
            st->span = span(start, e);
            return;
        }
    }
    if (!x->neg && !x->has_sep && !x->has_exp) {
        tc_span noun;
        size_t nq = SIZE_MAX;
        int noun_after = count_noun_after(sc, u, ufl, &noun);
        if (!noun_after) nq = n_equals_before(s, start);
        if (noun_after || nq != SIZE_MAX) {
            if (nq != SIZE_MAX) noun = span(nq, nq + 1);
            st = stat_of(v, x, TC_STAT_COUNT);
            st->noun = noun;
            st->span = nq != SIZE_MAX ? span(nq, e) : span(start, noun.off + noun.len);
            v->end = st->span.off + st->span.len;
            return;
        }
    }
    if (tc_sc_se_after(sc->s, sc->n, sc->nf, e, &sd, &end)) {
        st = stat_of(v, x, word_before_in(s, start, TC_SW_MEAN_WORD, 4) ? TC_STAT_MEAN : TC_STAT_ESTIMATE);
        st->span = span(start, e);
        set_se(st, &sd, end);
        v->end = end;
        return;
    }
    int pm = 0;
    if (sd_after(sc, e, x->neg, u, ufl, &sd, &end, &pm)
        || (!x->neg && bracket_number_after(sc, e, &sd, &end)
            && (((sib = sibling(sc, TC_STAT_MEAN, start)) && sib->has_sd) || sd_header_before(s, start)))) {
        st = stat_of(v, x, TC_STAT_MEAN);
        st->span = span(start, end);
        if (pm && sc->pm_se < 0) sc->pm_se = tc_sc_pm_convention_se(sc->s, sc->n);
        if (pm && (sc->pm_se || tc_sc_se_header_before(sc->s, sc->n, start))) {   /* "average (±SE) of 3.0 ± 0.4" */
            set_se(st, &sd, end);
        } else {
            st->has_sd = 1;
            st->sd = sd.value;
            st->sd_span = numspan(&sd);
        }
        v->end = end;
        return;
    }
    if (sibling(sc, TC_STAT_PROPORTION, start) && word_before_in(s, start, TC_SW_COMPARISON, 1)
        && !bracketed_percent_after(sc, e)) {
        st = stat_of(v, x, TC_STAT_PROPORTION);
        st->percent = 1;
        st->span = span(start, e);
        return;
    }
    /* "an average of 2.2 in comparison to 2.6", "a mean of 1.7 vs. 1.8 embryos" */
    if ((sib = sibling(sc, TC_STAT_MEAN, start)) && !sib->has_sd && !sib->has_se
        && word_before_in(s, start, TC_SW_COMPARISON, 3)) {
        st = stat_of(v, x, TC_STAT_MEAN);
        st->span = span(start, e);
        return;
    }
    v->timepoint = tc_stats_timepoint(s, start, e, u, ufl);
    if (v->timepoint.len) return;
    /* A median named earlier in the clause: asked of durations and of numbers before a
     * bracket ("30 (21–41) weeks", "1302 ml (916–4608)") only, as it reads back. */
    if (!x->neg && (timed || bracket_follows(s, n, e)) && tc_sc_median_clause(s, n, start, !timed)) {
        st = stat_of(v, x, TC_STAT_ESTIMATE);
        st->measure = TC_MEASURE_MEDIAN;
        st->span = span(start, e);
        return;
    }
    if (word_before_in(s, start, TC_SW_MEAN_WORD, 4)) {
        st = stat_of(v, x, TC_STAT_MEAN);
        st->span = span(start, e);
        return;
    }
    /* "The means of X ... were 66.40 and 43.84 μM respectively" */
    if (tc_sc_respectively_after(sc->s, sc->n, e) && tc_sc_list_member_before(s, start) && tc_sc_mean_clause(sc->s, sc->n, start)) {
        st = stat_of(v, x, TC_STAT_MEAN);
        st->span = span(start, e);
        return;
    }
    if (timed) { v->candidate = 2; return; }   /* a duration: an estimate only as a median or mean with an interval */
    if (!x->has_sep && !x->neg && x->len == 4 && x->value >= 1800 && x->value <= 2100) return;  /* a year */
    v->candidate = 1;
}

/* A number that is not a p-value nor a percentage: classified, then recorded. */
static int plain_number(scan *sc, const tc_num *x, size_t start, size_t *next)
{
    int rc = TC_OK;
    verdict v;
    classify(sc, x, start, &v);
    *next = v.end;
    if (v.st.kind) {
        /* The verdict's statistic is complete (stat_of cleared it): copied once, without
         * tc_vec_push's clearing. */
        tc_vec *all = &sc->doc->stats;
        if (all->n == all->cap) TC_CHECK(tc_vec_reserve(all, all->n + 1));
        tc_stat *st = &TC_VEC_AT(all, tc_stat, all->n++);
        *st = v.st;
        if (st->kind == TC_STAT_COUNT) sc->open = OPEN_NONE;   /* an interval never belongs to a count */
        else open_stat(sc, v.end);
    } else if (v.timepoint.len) {   /* "na 12 maanden": context for the statistics around it */
        const tc_span *last = sc->timepoints.n ? &TC_VEC_AT(&sc->timepoints, tc_span, sc->timepoints.n - 1) : NULL;
        if (!last || v.timepoint.off >= last->off + last->len) {
            tc_span *slot = tc_vec_push(&sc->timepoints);
            if (!slot) { rc = TC_ENOMEM; goto fail; }
            *slot = v.timepoint;
        }
    } else if (v.candidate == 2) {   /* a duration: transparent, remembered aside */
        sc->tcand = *x;
        sc->tcand_ok = 1;
    } else if (v.candidate) {
        sc->open = OPEN_CAND;
        sc->cand = *x;
        sc->open_end = v.end;
    }
fail:
    return rc;
}

/* "57%", "<5%" (value_op), ending at pe. */
static int proportion(scan *sc, const tc_num *x, size_t start, size_t pe, size_t *next)
{
    int rc = TC_OK;
    size_t from = start, k;
    int op = tc_num_op_before(sc->s, start, &k);
    if (op != TC_OP_NONE && op != TC_OP_EQ) from = start - k; else op = TC_OP_NONE;
    /* Before the push: the sibling is the last statistic as the text left it. */
    interval iv;
    tc_num se;
    size_t end = pe;
    const tc_stat *sib = interval_after(sc, pe, 0, x, &iv) && iv.low.value <= x->value
        && x->value <= iv.high.value ? ci_sibling(sc, start) : NULL;
    double level = sib ? sib->ci_level : 0;
    /* A percentage a measure names is that estimate: "absolute risicoverschil bedroeg
     * 3,2% (95% BI ...)", "risk difference 4.1% (...)". */
    size_t mfrom;
    size_t pb = tc_sw_skip_space_back(sc->s, start, lo_of(start));
    int near = 0, m = op || !tc_sw_letter_before(sc->s, pb) ? TC_MEASURE_NONE   /* "(57%", ", 57%" */
                                                             : tc_sw_measure_near(sc->s, start, lo_of(start), &mfrom, &near, 0);
    if (!near || m == TC_MEASURE_MEDIAN) m = TC_MEASURE_NONE;   /* (only a near one is asked for) */
    tc_stat *st = push(sc, m ? TC_STAT_ESTIMATE : TC_STAT_PROPORTION, x, m ? mfrom : from, pe);
    if (!st) { rc = TC_ENOMEM; goto fail; }
    st->measure = m;
    st->percent = 1;
    st->value_op = op;
    if (sib) {   /* "21% (95% CI 16–26) with drug versus 19% (15–24)" */
        set_ci(st, level, &iv);
        end = iv.end;
    } else if (tc_sc_se_after(sc->s, sc->n, sc->nf, pe, &se, &end)) {   /* "27% (SE 4; p < 0.0001" */
        set_se(st, &se, end);
    }
    *next = end;
    open_stat(sc, end);
fail:
    return rc;
}

/* A range after a number ending at e (its "%" included): "60–80%", "5 à 15%", "from
 * −2.6% to 6%", an interquartile range "70–135".  The end of the range, or 0. */
/* "from 12% to 25%" after "increased" is a change, two values; after "ranged",
 * "varied", "varieerde", "variait" (or with no "from" at all) a range. */
static int change_from_before(const char *s, size_t start)
{
    size_t lo = lo_of(start);
    tc_wspan w = tc_sw_word_before(s, tc_sw_skip_space_back(s, start, lo), lo);
    if (!(tc_sw_is(s, w, "from") || tc_sw_is(s, w, "van") || tc_sw_is(s, w, "de"))) return 0;
    for (int k = 0; k < 2; k++) {
        w = tc_sw_word_before(s, tc_sw_skip_space_back(s, w.off, lo), lo);
        if (w.len < 4) return 1;
        char a = (char)(s[w.off] | 0x20), b = (char)(s[w.off + 1] | 0x20), c = (char)(s[w.off + 2] | 0x20);
        if ((a == 'r' && b == 'a' && c == 'n') || (a == 'v' && b == 'a' && c == 'r')) return 0;   /* rang-, var- */
    }
    return 1;
}

static size_t range_after(const scan *sc, size_t start, size_t e)
{
    const char *s = sc->s;
    size_t n = sc->n, q = tc_sw_skip_space(s, n, e, 2), k;
    if ((k = tc_num_minus_len(s, n, q)) != 0) q += k;
    else {
        unsigned char c0 = q < n ? (unsigned char)(s[q] | 0x20) : 0;
        if (c0 != 't' && c0 != 'a' && c0 != 0xE3) return 0;   /* "to", "tot", "à", "a" */
        tc_wspan w = tc_sw_word_at(s, n, q);
        if (!(tc_sw_is(s, w, "to") || tc_sw_is(s, w, "à") || tc_sw_is(s, w, "tot") || tc_sw_is(s, w, "a"))) return 0;
        if (change_from_before(s, start)) return 0;
        q = w.off + w.len;
    }
    q = tc_sw_skip_space(s, n, q, 2);
    tc_num y;
    if (!isdig(s, n, q + tc_num_minus_len(s, n, q)) || !tc_num_scan(s, n, q, sc->nf, &y)) return 0;
    size_t pe = percent_after(s, n, num_end(&y));
    return pe ? pe : num_end(&y);
}

static int ci_glued(const char *s, tc_wspan w)
{
    return (w.len == 2 && (!memcmp(s + w.off, "IC", 2) || !memcmp(s + w.off, "CI", 2) || !memcmp(s + w.off, "BI", 2)));
}

/* Before a number written without its leading zero (s[i] is its separator, or its
 * minus sign): "=", "<", ">", "(", "[", ",", "±", after at most one space. */
static int lead_context(const char *s, size_t i)
{
    if (!i) return 0;
    size_t q = i;
    if (s[q - 1] == ' ') q--;
    if (!q) return 0;
    unsigned char c = (unsigned char)s[q - 1];
    if (c == '=' || c == '<' || c == '>' || c == '(' || c == '[' || c == ',') return 1;
    return q >= 2 && (unsigned char)s[q - 2] == 0xC2 && c == 0xB1;
}

/* Classifies the number whose first digit is s[i]; *next is where scanning resumes. */
static int number(scan *sc, size_t i, size_t *next)
{
    const char *s = sc->s;
    size_t n = sc->n, k, poff = 0;
    *next = i + 1;
    if ((k = in_citation(sc, i)) != 0) { *next = k; return TC_OK; }
    if (tc_sw_letter_before(s, i) && !ci_glued(s, tc_sw_word_before(s, i, lo_of(i)))) {
        *next = skip_token(s, n, i);
        return TC_OK;
    }
    tc_num x;
    size_t start = i, lead = SIZE_MAX;
    if (i >= 1 && (s[i - 1] == '.' || s[i - 1] == ',') && !(i >= 2 && tc_num_isdigit((unsigned char)s[i - 2]))) lead = i - 1;
    else if (i >= 2 && (unsigned char)s[i - 2] == 0xC2 && (unsigned char)s[i - 1] == 0xB7
             && !(i >= 3 && tc_num_isdigit((unsigned char)s[i - 3]))) lead = i - 2;
    int pop = TC_OP_NONE;
    size_t lm = lead != SIZE_MAX ? tc_num_minus_before(s, lead) : 0;
    if (lead != SIZE_MAX && (pop = p_before(s, lead, &poff)) != TC_OP_NONE
        && tc_num_scan(s, n, lead, sc->nf | TC_NUM_LEADING_SEP, &x)) {
        start = lead;
    } else if (lead != SIZE_MAX && lead_context(s, lead - lm)
               && tc_num_scan(s, n, lead - lm, sc->nf | TC_NUM_LEADING_SEP, &x)) {
        start = lead - lm;   /* ".41", "B=−.17", "(.25)" */
        pop = TC_OP_NONE;
    } else {
        size_t m = tc_num_minus_before(s, i);
        /* Not a sign after a digit, a letter or "%" ("1.0%–5.5%"). */
        if (m && (i == m || (!tc_num_isdigit((unsigned char)s[i - m - 1]) && s[i - m - 1] != '%'
                             && !tc_sw_letter_before(s, i - m)))) start = i - m;
        x.len = 0;
        if (!tc_num_scan(s, n, start, sc->nf, &x)) {
            /* A refused number ("1e400", hundreds of thousands groups) is skipped whole. */
            size_t k2 = skip_token(s, n, i);
            *next = x.len && x.off + x.len > k2 ? x.off + x.len : k2;
            return TC_OK;
        }
        if (x.value >= 0 && x.value <= 1) pop = p_before(s, start, &poff);   /* asked only of a p's values */
    }
    size_t e = num_end(&x);
    *next = e > i ? e : i + 1;
    /* Fractions and scores ("≥3/10", "24/7") are not statistics. */
    if (e + 1 < n && s[e] == '/' && isdig(s, n, e + 1)) { *next = skip_token(s, n, e + 1); return TC_OK; }
    if (start > 0 && s[start - 1] == '/') return TC_OK;
    if (pop != TC_OP_NONE && x.value >= 0 && x.value <= 1) return p_value(sc, pop, poff, &x);
    size_t pe = percent_after(s, n, e), re;
    if (pe && x.value >= 50 && x.value < 100) {   /* a confidence level: CI words looked for only then */
        size_t cw = tc_sw_ci_word_after(s, n, pe);
        size_t cb = cw ? SIZE_MAX : tc_sw_ci_word_before(s, start, lo_of(start));
        if (cw || cb != SIZE_MAX)
            return ci_level(sc, &x, cb != SIZE_MAX ? cb : start, cw ? cw : pe, next);
    }
    /* A range is no value, and neither of its ends is one. */
    if ((re = range_after(sc, start, pe ? pe : e)) != 0) { *next = re; return TC_OK; }
    if (pe) {
        *next = pe;
        return proportion(sc, &x, start, pe, next);
    }
    return plain_number(sc, &x, start, next);
}

/* Spans end where their last number ends; a bracket opened inside the span and closed
 * right after it belongs to it ("HR 0·58 (95% CI 0·37–0·90)"). */
static void close_bracket(const tc_doc *doc, tc_stat *st)
{
    int depth = 0;
    size_t end = st->span.off + st->span.len;
    /* Only a closer right after the span can join it: without one, no need to count. */
    if (end >= doc->len || (doc->text[end] != ')' && doc->text[end] != ']')) return;
    for (size_t j = st->span.off; j < end; j++) {
        char c = doc->text[j];
        if (c == '(' || c == '[') depth++;
        else if ((c == ')' || c == ']') && depth > 0) depth--;
    }
    while (depth-- > 0 && end < doc->len && (doc->text[end] == ')' || doc->text[end] == ']')) {
        st->span.len++;
        end++;
    }
}

/* Offset of the first ASCII digit among the 16 bytes at p, 16 if none (text runs tens
 * of bytes between digits). */
static inline unsigned first_digit16(const char *p)
{
    tc_v16 v;
    memcpy(&v, p, 16);
    return tc_first_marked16((tc_v16)((v - '0') < 10));
}

/* Where a later share's citation cursor starts: the first citation ending after off
 * (binary search). */
static size_t first_citation_after(const tc_doc *doc, size_t off)
{
    const tc_citation *c = doc->citations.data;
    size_t lo = 0, hi = doc->citations.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c[mid].off + c[mid].len <= off) lo = mid + 1; else hi = mid;
    }
    return lo;
}

/* What finishing needs between statistics: the sentence cursor, whether the
 * statistics are still in text order, and the context lookups' state. */
typedef struct finisher {
    size_t cursor;
    int sorted;
    tc_statctx ctx;
    const tc_vec *timepoints;
} finisher;

/* A statistic that no later number can change: brackets closed, sentence found; and,
 * while it is in cache (the array is about as large as the text), its context and its
 * checks, as long as the statistics come in text order (else they wait for the sort). */
static int finish(tc_doc *doc, size_t j, finisher *f)
{
    int rc = TC_OK;
    tc_stat *st = &TC_VEC_AT(&doc->stats, tc_stat, j);
    close_bracket(doc, st);
    if (j && st->span.off < TC_VEC_AT(&doc->stats, tc_stat, j - 1).span.off) f->sorted = 0;
    st->sentence = tc_doc_sentence_walk(doc, &f->cursor, st->value_span.off);
    if (f->sorted) {
        TC_CHECK(tc_statctx_one(&f->ctx, doc, f->timepoints, j));
        TC_CHECK(tc_check_stat(doc, j));
    }
fail:
    return rc;
}

static int by_offset(const void *a, const void *b)
{
    const tc_stat *x = a, *y = b;
    return x->span.off < y->span.off ? -1 : x->span.off > y->span.off;
}


int tc_scan_stats_range(tc_doc *doc, size_t from, size_t to, size_t *reached)
{
    int rc = TC_OK;
    scan sc;
    memset(&sc, 0, sizeof sc);
    sc.doc = doc;
    sc.s = doc->text;
    sc.n = doc->len;
    sc.table_section = -1;
    tc_vec_init(&sc.timepoints, sizeof(tc_span));
    finisher f;
    f.cursor = 0;
    f.sorted = 1;
    f.timepoints = &sc.timepoints;
    tc_statctx_init(&f.ctx);
    size_t checks0 = doc->checks.n;   /* the markers' checks come first */
    sc.nf = tc_num_lang_flags(doc->lang);
    sc.pm_se = -1;
    size_t i = from;
    *reached = from;
    if (from) {   /* a later share: the cursors start at it, not at the text's start */
        sc.cit = first_citation_after(doc, from);
        f.cursor = SIZE_MAX;   /* past the end: the first walk binary-searches */
        /* sec_cursor stays 0: only a table's measure asks for sections, rarely. */
    }
    size_t fin = 0;      /* first statistic not yet finished */
    size_t last = SIZE_MAX;   /* the last digit read, none yet */
    while (i < to) {
        /* Sixteen bytes at a time, straight to the first ASCII digit among them; the
         * last few bytes of the share one by one.  A number starting in the share is
         * read whole, past its end if it runs on. */
        if (i + PREFETCH < to) __builtin_prefetch(sc.s + i + PREFETCH);   /* see tc_sections.c */
        while (i + 16 <= to) {
            unsigned k = first_digit16(sc.s + i);
            i += k;
            if (k < 16) break;
        }
        while (i < to && !tc_num_isdigit((unsigned char)sc.s[i])) i++;
        if (i >= to) break;
        /* After a long stretch without digits nothing read before may take what
         * follows.  Every attachment is limited by a gap but one, a bracketed level's
         * bounds checked against the open value ("HR (95% CI) 1.3, 4.5", ci_level):
         * this reset bounds it.  So a later share of the text (tc_statsplit.c) can
         * start at such a stretch with a fresh scanner. */
        if (last != SIZE_MAX && i - last > TC_STATS_QUIET) { sc.open = OPEN_NONE; sc.tcand_ok = 0; }
        size_t next, d;
        TC_CHECK(number(&sc, i, &next));
        d = next = next > i ? next : i + 1;
        while (d > i && !tc_num_isdigit((unsigned char)sc.s[d - 1])) d--;
        last = d - 1;
        i = next;
        /* Only the last statistic can still grow (an interval or p-value attaches to it):
         * the others are finished now, while they are in cache, not in a later pass
         * over an array about as large as the text.  The timepoints a statistic's
         * context may take lie before the next statistic: collected already. */
        while (fin + 1 < doc->stats.n) TC_CHECK(finish(doc, fin++, &f));
    }
    while (fin < doc->stats.n) TC_CHECK(finish(doc, fin++, &f));
    *reached = i;
    /* Statistics are made in text order; the sort only guards that promise, and then
     * the sentences, contexts and checks are found again in the new order. */
    if (!f.sorted) {
        qsort(doc->stats.data, doc->stats.n, sizeof(tc_stat), by_offset);
        f.cursor = 0;
        for (size_t j = 0; j < doc->stats.n; j++) {
            tc_stat *st = &TC_VEC_AT(&doc->stats, tc_stat, j);
            st->sentence = tc_doc_sentence_walk(doc, &f.cursor, st->value_span.off);
        }
        TC_CHECK(tc_stats_context(doc, &sc.timepoints));
        doc->checks.n = checks0;
        TC_CHECK(tc_run_checks(doc));
    }
fail:
    tc_statctx_free(&f.ctx);
    tc_vec_free(&sc.timepoints);
    return rc;
}
