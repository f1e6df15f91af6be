/* The clause around a number, for the statistics scanner: what it names before the
 * number (a measure, a median, a mean, a standard-error convention), and what follows
 * it (an SE, "respectively").  Bounded reads of a few words or TC_CLAUSE_BACK bytes. */
#include "tc_stats.h"

#define TC_RESPECTIVELY 96   /* how far "respectively" may follow a member of its list */

static size_t lo_of(size_t i) { return i > 64 ? i - 64 : 0; }

/* What the clause before s[start] names: the nearest measure ("hazard ratios ... were
 * 1·30 (95% CI ...)", "the AOR for EAO was 0.39 (...)", "median overall survival ...
 * 8·1 months (95% CI ...)") and whether a mean word stands there.  The clause starts
 * at a sentence end or ';', at most TC_CLAUSE_BACK bytes back.  Asked only when an
 * unnamed value gets an interval, so reading back word by word is cheap enough. */
tc_sc_clause tc_sc_clause_before(const char *s, size_t n, size_t start)
{
    tc_sc_clause c = { TC_MEASURE_NONE, 0 };
    size_t lo = start > TC_CLAUSE_BACK ? start - TC_CLAUSE_BACK : 0;
    for (size_t j = start; j > lo; j--) {
        unsigned char b = (unsigned char)s[j - 1];
        if (b == ';' || ((tc_num_class[b] & TC_NC_BOUNDARY) && tc_sw_boundary_at(s, n, j - 1))) break;
        if (!tc_sw_letter_before(s, j) || tc_sw_letter(s, n, j)) continue;   /* not a word end */
        tc_wspan w = tc_sw_word_before(s, j, lo);
        if (!w.len) break;   /* a word cut by the window: nothing further back to read */
        j = w.off + 1;
        if (!c.mean && tc_sw_role(s, w, TC_SW_MEAN_WORD)) c.mean = 1;
        /* Only a phrase end or an abbreviation (upper-case last letter) can end a measure. */
        unsigned char last = (unsigned char)s[w.off + w.len - 1];
        if (!tc_sw_role(s, w, TC_SW_PHRASE_END) && !(w.len >= 2 && w.len <= 4 && last >= 'A' && last <= 'Z'))
            continue;
        size_t from;
        int near = 0, m = tc_sw_measure_before(s, w.off + w.len, lo, &from, &near);
        if (m) { c.measure = m; break; }   /* the matcher stops at ';' and '.' itself */
    }
    return c;
}

/* A median named earlier in the clause of a number at start ("median overall survival
 * was 3·7 months", "Median transfer time was 40 minutes ... and 49 minutes", "median
 * age, 53 years"): 1; 0 when the clause speaks of follow-up (a design fact, not a
 * result: "mediane opvolging 3,2 jaar") or names none.  first: no other number may
 * stand between the median and start. */
int tc_sc_median_clause(const char *s, size_t n, size_t start, int first)
{
    size_t lo = start > TC_CLAUSE_BACK ? start - TC_CLAUSE_BACK : 0;
    int median = 0;
    /* First a tight byte loop for "dian"/"diaa" (median, médiane, mediaan; not
     * "diagnosis"): most clauses have none. */
    size_t k = start, near_lo = start > 100 ? start - 100 : 0;   /* the median word is near */
    if (near_lo > lo) lo = near_lo;
    for (;;) {
#if defined(__SSE2__)
        /* Sixteen ends k-15 ... k at a time, to the nearest with a 'd' four bytes back
         * or (first) a digit before it: the byte loop below settles that one. */
        while (k >= lo + 19) {
            tc_v16 d, g, m;
            memcpy(&d, s + k - 19, 16);   /* lane j: s[k' - 4] for k' = k - 15 + j */
            memcpy(&g, s + k - 16, 16);   /* lane j: s[k' - 1] */
            m = (tc_v16)(d == 'd');
            if (first) m |= (tc_v16)((tc_v16)(g - '0') < 10);
            unsigned mask = (unsigned)_mm_movemask_epi8((__m128i)m);
            if (mask) { k = k - 15 + (31 - (unsigned)__builtin_clz(mask)); break; }
            k -= 16;
        }
#endif
        if (k < lo + 4) return 0;
        if (s[k - 4] == 'd' && s[k - 3] == 'i' && s[k - 2] == 'a' && (s[k - 1] == 'n' || s[k - 1] == 'a')) break;
        if (first && tc_num_isdigit((unsigned char)s[k - 1])) return 0;   /* another number first */
        k--;
    }
    for (size_t j = start; j > lo; j--) {
        unsigned char b = (unsigned char)s[j - 1];
        if (b == ';' || ((tc_num_class[b] & TC_NC_BOUNDARY) && tc_sw_boundary_at(s, n, j - 1))) break;
        if (b == '.' && j < start && tc_num_isspace((unsigned char)s[j])   /* ". 1 year ...", not "vs. 96" */
            && !tc_sw_role(s, tc_sw_word_before(s, j - 1, lo), TC_SW_COMPARISON)) break;
        if (first && !median && tc_num_isdigit(b)) return 0;
        if (!tc_sw_letter_before(s, j) || tc_sw_letter(s, n, j)) continue;
        tc_wspan w = tc_sw_word_before(s, j, lo);
        if (!w.len) break;   /* a word cut by the window: nothing further back to read */
        j = w.off + 1;
        unsigned char c0 = (unsigned char)(s[w.off] | 0x20);   /* most words start otherwise */
        if (c0 != 'f' && c0 != 'o' && c0 != 's' && c0 != 'm') continue;
        if (tc_sw_is(s, w, "follow-up") || tc_sw_is(s, w, "follow") || tc_sw_is(s, w, "followed")
            || tc_sw_is(s, w, "opvolging") || tc_sw_is(s, w, "suivi") || tc_sw_is(s, w, "opvolgingsduur"))
            return 0;
        if (tc_sw_is(s, w, "median") || tc_sw_is(s, w, "mediaan") || tc_sw_is(s, w, "mediane")
            || tc_sw_is(s, w, "médiane"))
            median = 1;
    }
    return median;
}

/* "SE = 0.09", "(SE 4;", ", s.e. 0.3" after a value ending at e: the SE and its end. */
int tc_sc_se_after(const char *s, size_t n, unsigned nf, size_t e, tc_num *se, size_t *end)
{
    size_t p = tc_sw_skip_space(s, n, e, 4);
    if (p < n && (s[p] == ',' || s[p] == '(' || s[p] == ';' || s[p] == '[')) p = tc_sw_skip_space(s, n, p + 1, 4);
    if (p >= n || (s[p] | 0x20) != 's') return 0;   /* "SE", "s.e.", "standard error" */
    tc_wspan w = tc_sw_word_at(s, n, p);
    size_t q = w.off + w.len;
    if (tc_sw_is(s, w, "se") || tc_sw_is(s, w, "sem")) {
        /* "SE" */
    } else if (w.len == 1 && (s[w.off] | 0x20) == 's' && q + 2 < n && s[q] == '.' && (s[q + 1] | 0x20) == 'e' && s[q + 2] == '.') {
        q += 3;                                          /* "s.e." */
    } else if (tc_sw_is(s, w, "standard")) {
        tc_wspan w2 = tc_sw_word_at(s, n, tc_sw_skip_space(s, n, q, 2));
        if (!tc_sw_is(s, w2, "error")) return 0;
        q = w2.off + w2.len;
    } else {
        return 0;
    }
    q = tc_sw_skip_space(s, n, q, 4);
    if (q < n && (s[q] == ':' || s[q] == '=' || s[q] == ',')) q = tc_sw_skip_space(s, n, q + 1, 4);
    if (tc_num_minus_len(s, n, q) || !tc_num_scan(s, n, q, nf | TC_NUM_LEADING_SEP, se)) return 0;
    *end = se->off + se->len;
    return 1;
}

/* "average (±SE)", "mean ± SE", "(SE)" earlier in the sentence: its "±" values are
 * standard errors. */
int tc_sc_se_header_before(const char *s, size_t n, size_t start)
{
    size_t lo = start > TC_CLAUSE_BACK ? start - TC_CLAUSE_BACK : 0;
    for (size_t j = start; j > lo; j--) {
        unsigned char b = (unsigned char)s[j - 1];
        if ((tc_num_class[b] & TC_NC_BOUNDARY) && tc_sw_boundary_at(s, n, j - 1)) return 0;
        if ((b | 0x20) != 'e' || j < 2 || (s[j - 2] | 0x20) != 's') continue;
        if (j < n && tc_sw_letter(s, n, j) && (s[j] | 0x20) != 'm') continue;
        size_t q = tc_sw_skip_space_back(s, j - 2, lo);
        if (q && (s[q - 1] == '(' || (q >= 2 && (unsigned char)s[q - 2] == 0xC2 && (unsigned char)s[q - 1] == 0xB1)))
            return 1;   /* "(SE", "±SE", "± SE" */
    }
    return 0;
}

/* "b = ", "B=", "β = " before s[start]: a regression coefficient. */
int tc_sc_beta_before(const char *s, size_t start)
{
    size_t lo = lo_of(start), k;
    size_t q = tc_sw_skip_space_back(s, start, lo);
    if (tc_num_op_before(s, q, &k) != TC_OP_EQ) return 0;
    q = tc_sw_skip_space_back(s, q - k, lo);
    if (q >= 2 && (unsigned char)s[q - 2] == 0xCE && (unsigned char)s[q - 1] == 0xB2)
        return !(q >= 3 && (tc_sw_letter_before(s, q - 2) || (unsigned char)s[q - 3] >= 0x80));
    tc_wspan w = tc_sw_word_before(s, q, lo);
    return w.len == 1 && (s[w.off] | 0x20) == 'b';
}

/* "respectively" (respectievelijk, respectivement) later in the clause of a number
 * ending at e, within TC_RESPECTIVELY bytes: the number is one of a list. */
int tc_sc_respectively_after(const char *s, size_t n, size_t e)
{
    size_t end = e + TC_RESPECTIVELY < n ? e + TC_RESPECTIVELY : n;
    /* "respecti" (respectively, respectievelijk, respectivement): memchr for its 'p' */
    for (size_t j = e + 3; j + 5 <= end; j++) {
        const char *p = memchr(s + j, 'p', end - 5 - j + 1);
        if (!p) return 0;
        j = (size_t)(p - s);
        if ((s[j - 3] | 0x20) == 'r' && s[j - 2] == 'e' && s[j - 1] == 's' && !memcmp(s + j + 1, "ecti", 4))
            return !memchr(s + e, ';', j - e) && !tc_sw_crosses_boundary(s, n, e, j);
    }
    return 0;
}

/* What stands before a member of a list: ",", or "were", "and", "vs" (not a label
 * such as "step 3"). */
int tc_sc_list_member_before(const char *s, size_t start)
{
    size_t lo = lo_of(start), q = tc_sw_skip_space_back(s, start, lo);
    if (q > lo && s[q - 1] == ',') return 1;
    if (q > lo && s[q - 1] == '.') q--;   /* "vs." */
    return tc_sw_role(s, tc_sw_word_before(s, q, lo), TC_SW_FILLER | TC_SW_CONJ | TC_SW_COMPARISON) != 0;
}

/* A mean word ("mean", "means", "average", "gemiddeld", "moyenne") earlier in the
 * clause of a number at start. */
int tc_sc_mean_clause(const char *s, size_t n, size_t start)
{
    size_t lo = start > TC_CLAUSE_BACK ? start - TC_CLAUSE_BACK : 0;
    for (size_t j = start; j > lo; j--) {
        unsigned char b = (unsigned char)s[j - 1];
        if (b == ';' || ((tc_num_class[b] & TC_NC_BOUNDARY) && tc_sw_boundary_at(s, n, j - 1))) return 0;
        if (!tc_sw_letter_before(s, j) || tc_sw_letter(s, n, j)) continue;
        tc_wspan w = tc_sw_word_before(s, j, lo);
        if (!w.len) break;   /* a word cut by the window: nothing further back to read */
        j = w.off + 1;
        if (tc_sw_role(s, w, TC_SW_MEAN_WORD) || tc_sw_is(s, w, "means") || tc_sw_is(s, w, "moyennes"))
            return 1;
    }
    return 0;
}

/* What a "±" before "SE"/"SD" says about the text's convention: 1 when "± SE", "± SEM",
 * "± S.E.", "± standard error" is written more often than "± SD", "± S.D.", "± standard
 * deviation" ("Values are the mean ± SEM" under each results table, "mean ± SD" once for
 * the baseline table), else 0.  One memchr pass. */
int tc_sc_pm_convention_se(const char *s, size_t n)
{
    int se = 0, sd = 0;
    for (const char *p = s; (p = memchr(p, 0xB1, (size_t)(s + n - p))) != NULL; p++) {
        if (p == s || (unsigned char)p[-1] != 0xC2) continue;
        size_t q = (size_t)(p + 1 - s);
        while (q < n && s[q] == ' ') q++;
        if (q + 1 >= n || (s[q] != 'S' && s[q] != 's')) continue;
        char c1 = s[q + 1] == '.' && q + 2 < n ? s[q + 2] : s[q + 1];
        if ((c1 == 'E' || c1 == 'e') && (!tc_sw_letter(s, n, q + 2) || s[q + 2] == 'M' || s[q + 1] == '.')) se++;
        if ((c1 == 'D' || c1 == 'd') && (!tc_sw_letter(s, n, q + 2) || s[q + 1] == '.')) sd++;
        if (tc_sw_is(s, tc_sw_word_at(s, n, q), "standard")) {
            tc_wspan w2 = tc_sw_word_at(s, n, tc_sw_skip_space(s, n, q + 8, 2));
            if (tc_sw_is(s, w2, "error")) se++;
            if (tc_sw_is(s, w2, "deviation")) sd++;
        }
    }
    return se > sd;
}
