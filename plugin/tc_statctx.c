/* Context of each statistic: the timepoint ("na 12 maanden", "op 16 weken", "at 3
 * months", "à 12 mois", "week 16") and the subgroup ("bij mannen", "in women", "chez les
 * femmes") its sentence states.  Timepoints are collected by the scanner as it meets
 * their numbers; subgroups are collected once over the union of the windows around
 * the statistics.  Each statistic then looks both up, searching from where the
 * previous statistic's lookups landed (they come in text order), clamped to its
 * sentence (or, before the sentence stage has run, to the nearest sentence ends). */
#include "tc_stats.h"

#define TP_AFTER 160     /* a timepoint following the value */
#define TP_BEFORE 200    /* ... or preceding the statistic */
#define SG_BEFORE 320    /* a subgroup preceding it */
#define SG_AFTER 160
#define PREFETCH_STATS 8  /* statistics ahead */

tc_span tc_stats_timepoint(const char *s, size_t start, size_t end, tc_wspan u, unsigned ufl)
{
    tc_span none = { 0, 0 };
    size_t lo = start > 32 ? start - 32 : 0, q = tc_sw_skip_space_back(s, start, lo);
    /* Most words before a number end in no byte a preposition (before a time unit) or
     * a leading unit ("week 16") ends in: no need to read them. */
    if (q <= lo || !tc_sw_last_may(s, q, ufl & TC_SW_TIME_UNIT ? TC_SW_TP_PREP : TC_SW_TP_LEAD)) return none;
    tc_wspan w = tc_sw_word_before(s, q, lo);
    if (!w.len) return none;
    if ((ufl & TC_SW_TIME_UNIT)) {          /* "na 12 maanden" */
        if (!tc_sw_role(s, w, TC_SW_TP_PREP)) return none;
        tc_span sp = { w.off, u.off + u.len - w.off };
        return sp;
    }
    if (tc_sw_role(s, w, TC_SW_TP_LEAD)) {             /* "(at) week 16" */
        tc_wspan p = tc_sw_word_before(s, tc_sw_skip_space_back(s, w.off, lo), lo);
        size_t from = tc_sw_role(s, p, TC_SW_TP_PREP) ? p.off : w.off;
        tc_span sp = { from, end - from };
        return sp;
    }
    return none;
}

/* A subgroup starting with the word w: its end, or 0. */
static size_t subgroup_at(const char *s, size_t n, tc_wspan w)
{
    size_t gp = tc_sw_skip_space(s, n, w.off + w.len, 8);
    /* An article or a group word must follow: turn down by its first byte, before
     * reading it (and before looking the preposition up), the words after a
     * preposition that start as none of those does. */
    unsigned char c0 = gp < n ? (unsigned char)s[gp] : 0;
    if (!(tc_sw_first_roles[c0 < 0x80 ? c0 | 0x20 : c0] & (TC_SW_SG_ARTICLE | TC_SW_SG_GROUP))) return 0;
    if (!tc_sw_role(s, w, TC_SW_SG_PREP)) return 0;
    tc_wspan g = tc_sw_word_at(s, n, gp);
    if (tc_sw_role(s, g, TC_SW_SG_ARTICLE)) g = tc_sw_word_at(s, n, tc_sw_skip_space(s, n, g.off + g.len, 8));
    if (!tc_sw_role(s, g, TC_SW_SG_GROUP)) return 0;
    /* "bij mannen en vrouwen" names everyone, not a subgroup. */
    tc_wspan c = tc_sw_word_at(s, n, tc_sw_skip_space(s, n, g.off + g.len, 8));
    if (tc_sw_role(s, c, TC_SW_CONJ)) {
        tc_wspan g2 = tc_sw_word_at(s, n, tc_sw_skip_space(s, n, c.off + c.len, 8));
        if (tc_sw_role(s, g2, TC_SW_SG_GROUP)) return 0;
    }
    return g.off + g.len;
}

/* By first letter, the lengths of the subgroup prepositions (bij, in, among, chez,
 * onder, voor, for, pour, parmi; bit k: k letters). */
static const unsigned char prep_initial[256] = {
    ['b'] = 1 << 3, ['i'] = 1 << 2, ['a'] = 1 << 5, ['c'] = 1 << 4, ['o'] = 1 << 5,
    ['v'] = 1 << 4, ['f'] = 1 << 3, ['p'] = 1 << 4 | 1 << 5,
    ['B'] = 1 << 3, ['I'] = 1 << 2, ['A'] = 1 << 5, ['C'] = 1 << 4, ['O'] = 1 << 5,
    ['V'] = 1 << 4, ['F'] = 1 << 3, ['P'] = 1 << 4 | 1 << 5,
};

/* The subgroup whose preposition may start at s[p] (a byte with prep_initial set, not
 * after an ASCII letter): appended to out if there is one. */
static int subgroup_from(const char *s, size_t n, size_t p, tc_vec *out)
{
    if (tc_sw_letter_before(s, p)) return TC_OK;   /* after an accented letter */
    /* The prepositions are 2-5 ASCII letters: measure that before any lookup. */
    size_t q = p + 1 + tc_sw_alpha_run(s, p + 1, n, 6);
    if (q - p < 2 || q - p > 5 || (q < n && (unsigned char)s[q] >= 0x80)) return TC_OK;
    if (!(prep_initial[(unsigned char)s[p]] >> (q - p) & 1)) return TC_OK;
    tc_wspan w = { p, q - p };
    size_t e = subgroup_at(s, n, w);
    if (!e) return TC_OK;
    tc_span *sp = tc_vec_push(out);
    if (!sp) return TC_ENOMEM;
    sp->off = w.off; sp->len = e - w.off;
    return TC_OK;
}

/* Appends the subgroups that start in [a, b).  Only bytes that may start a subgroup
 * preposition (its first letter, in either case, after a byte that is no ASCII
 * letter) are looked at, found sixteen at a time: most windows hold a few such words
 * in hundreds of bytes.  Everything is decided per position, so a window may start
 * inside a word. */
static int collect_subgroups(const char *s, size_t n, size_t a, size_t b, tc_vec *out)
{
    int rc = TC_OK;
    size_t p = a;
    for (; p < b && (!p || p + 16 > b); p++)   /* s[p - 1] must exist for the vectors */
        if (prep_initial[(unsigned char)s[p]] && !(p && tc_num_isalpha((unsigned char)s[p - 1])))
            TC_CHECK(subgroup_from(s, n, p, out));
    for (; p + 17 <= b; p += 16) {
        tc_v16 v, nv, pv, lc, l2, m;
        memcpy(&v, s + p, 16);
        memcpy(&nv, s + p + 1, 16);
        memcpy(&pv, s + p - 1, 16);
        lc = v | 0x20;   /* 'A' -> 'a'; no byte other than the two cases maps to these */
        l2 = nv | 0x20;
        /* The first two letters of a preposition (bij, in, among, chez, onder, voor, for,
         * pour, parmi): most words starting with one of their initials go no further. */
        m = (tc_v16)(((lc == 'b') & (l2 == 'i')) | ((lc == 'i') & (l2 == 'n')) | ((lc == 'a') & (l2 == 'm'))
                     | ((lc == 'c') & (l2 == 'h')) | ((lc == 'o') & (l2 == 'n')) | ((lc == 'v') & (l2 == 'o'))
                     | ((lc == 'f') & (l2 == 'o')) | ((lc == 'p') & ((l2 == 'o') | (l2 == 'a'))));
        m &= (tc_v16)((tc_v16)((pv | 0x20) - 'a') >= 26);   /* not after an ASCII letter */
        for (unsigned bits = tc_marked16(m); bits; bits &= bits - 1)
            TC_CHECK(subgroup_from(s, n, p + (unsigned)__builtin_ctz(bits), out));
    }
    for (; p < b; p++)
        if (prep_initial[(unsigned char)s[p]] && !tc_num_isalpha((unsigned char)s[p - 1]))
            TC_CHECK(subgroup_from(s, n, p, out));
fail:
    return rc;
}

/* Where a stream of lookups (one per call site of pick) last landed: tc_statctx.hint
 * holds two per stream (start and end of the range).  The statistics come in text
 * order, so each answer is at or just after the previous one. */

/* Index of the first span starting at or after off, found by galloping from *h (the
 * previous answer) and then a binary search: near answers cost a probe or two, far
 * ones stay logarithmic, in either direction. */
static size_t lower_bound(const tc_vec *v, size_t off, size_t *h)
{
    const tc_span *sp = v->data;
    size_t n = v->n, at = *h < n ? *h : n, lo, hi, step = 1;
    if (at < n && sp[at].off < off) {          /* the answer lies after at */
        lo = at + 1; hi = n;
        while (lo < n) {
            size_t p = n - lo > step ? lo + step - 1 : n - 1;
            if (sp[p].off >= off) { hi = p; break; }
            lo = p + 1; step *= 2;
        }
    } else {                                   /* ... at or before at */
        lo = 0; hi = at;
        while (hi > 0) {
            size_t p = hi > step ? hi - step : 0;
            if (sp[p].off < off) { lo = p + 1; break; }
            hi = p; step *= 2;
        }
    }
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sp[mid].off < off) lo = mid + 1; else hi = mid;
    }
    *h = lo;
    return lo;
}

/* The first span inside [a, b), or the last one when last is set. */
static tc_span pick(const tc_vec *v, size_t a, size_t b, int last, size_t *h)
{
    tc_span none = { 0, 0 };
    if (a >= b) return none;
    size_t i = lower_bound(v, a, &h[0]);
    if (!last) {
        if (i < v->n) {
            tc_span sp = TC_VEC_AT(v, tc_span, i);
            if (sp.off + sp.len <= b) return sp;
        }
        return none;
    }
    size_t j = lower_bound(v, b, &h[1]);
    while (j > i) {
        tc_span sp = TC_VEC_AT(v, tc_span, j - 1);
        if (sp.off + sp.len <= b) return sp;
        j--;
    }
    return none;
}

static void bounds(const tc_doc *doc, const tc_stat *st, size_t *a, size_t *b)
{
    const tc_sentence *sen = st->sentence >= 0 ? tc_doc_sentence(doc, (size_t)st->sentence) : NULL;
    size_t off = st->span.off, end = st->span.off + st->span.len;
    if (sen) {
        *a = sen->off < off ? sen->off : off;
        *b = sen->off + sen->len > end ? sen->off + sen->len : end;
        return;
    }
    size_t lo = off > SG_BEFORE ? off - SG_BEFORE : 0, hi = end + TP_AFTER < doc->len ? end + TP_AFTER : doc->len;
    *a = lo;
    for (size_t j = off; j > lo; j--)
        if (tc_sw_boundary_at(doc->text, doc->len, j - 1)) { *a = j; break; }
    *b = hi;
    for (size_t j = end; j < hi; j++)
        if (tc_sw_boundary_at(doc->text, doc->len, j)) { *b = j; break; }
}

static size_t max3(size_t x, size_t y, size_t z) { size_t m = x > y ? x : y; return m > z ? m : z; }
static size_t min3(size_t x, size_t y, size_t z) { size_t m = x < y ? x : y; return m < z ? m : z; }

void tc_statctx_init(tc_statctx *c)
{
    memset(c, 0, sizeof *c);
    tc_vec_init(&c->groups, sizeof(tc_span));
}

void tc_statctx_free(tc_statctx *c) { tc_vec_free(&c->groups); }

int tc_statctx_one(tc_statctx *c, tc_doc *doc, const tc_vec *timepoints, size_t i)
{
    int rc = TC_OK;
    const char *s = doc->text;
    size_t n = doc->len, count = doc->stats.n;
    tc_stat *st = &TC_VEC_AT(&doc->stats, tc_stat, i);
    size_t a = st->span.off > SG_BEFORE ? st->span.off - SG_BEFORE : 0;
    size_t b = st->span.off + st->span.len + SG_AFTER < n ? st->span.off + st->span.len + SG_AFTER : n;
    const tc_sentence *sen = st->sentence >= 0 ? tc_doc_sentence(doc, (size_t)st->sentence) : NULL;
    if (sen) {   /* only the sentence is read: fewer bytes than the windows */
        if (a < sen->off) a = sen->off;
        if (b > sen->off + sen->len && sen->off + sen->len >= st->span.off + st->span.len) b = sen->off + sen->len;
    }
    if (a < c->done) a = c->done;
    if (a < b) { TC_CHECK(collect_subgroups(s, n, a, b, &c->groups)); c->done = b; }
    /* One pass: the lookups below never reach past b (nor before what earlier
     * statistics collected), so the subgroups they may find are all in already. */
    if (st->kind == TC_STAT_COUNT) return TC_OK;
    size_t off = st->span.off, end = st->span.off + st->span.len;
    size_t vend = st->value_span.off + st->value_span.len;
    bounds(doc, st, &a, &b);   /* the sentence, for the lookups */
    const tc_stat *prev = i ? &TC_VEC_AT(&doc->stats, tc_stat, i - 1) : NULL;
    size_t prev_end = prev ? prev->span.off + prev->span.len : 0;
    size_t next_off = i + 1 < count ? TC_VEC_AT(&doc->stats, tc_stat, i + 1).span.off : n;
    if (prev_end > off) prev_end = off;
    /* The timepoint that follows the value (within the statistic's own span, as in
     * "0,05 na 6 maanden (95% BI ...)", or after it) before the next
     * statistic, else the nearest one before it since the previous statistic. */
    st->timepoint = pick(timepoints, vend, min3(b, next_off, end + TP_AFTER), 0, &c->hint[0]);
    if (!st->timepoint.len)
        st->timepoint = pick(timepoints, max3(a, prev_end, off > TP_BEFORE ? off - TP_BEFORE : 0), off, 1, &c->hint[2]);
    st->subgroup = pick(&c->groups, max3(a, 0, off > SG_BEFORE ? off - SG_BEFORE : 0), off, 1, &c->hint[4]);
    if (!st->subgroup.len)
        st->subgroup = pick(&c->groups, end, min3(b, next_off, end + SG_AFTER), 0, &c->hint[6]);
fail:
    return rc;
}

int tc_stats_context(tc_doc *doc, const tc_vec *timepoints)
{
    int rc = TC_OK;
    const char *s = doc->text;
    size_t count = doc->stats.n;
    tc_statctx c;
    tc_statctx_init(&c);
    for (size_t i = 0; i < count; i++) {
        /* A pass over the whole array (the scanner's fallback): the statistics and the
         * text have left the cache, so ask for the ones a few statistics ahead. */
        if (i + PREFETCH_STATS < count) {
            const tc_stat *ahead = &TC_VEC_AT(&doc->stats, tc_stat, i + PREFETCH_STATS);
            __builtin_prefetch(ahead);
            __builtin_prefetch((const char *)ahead + 128);
            __builtin_prefetch(s + ahead->span.off);
        }
        TC_CHECK(tc_statctx_one(&c, doc, timepoints, i));
    }
fail:
    tc_statctx_free(&c);
    return rc;
}
