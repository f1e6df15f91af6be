/* Citation markers decided by the document (see tc_markers.h): a bracketed number is
 * a citation when the document's own markers make it one.  Numbered references are
 * introduced in order: a kind of bracket whose clean markers keep jumping ahead or
 * naming numbers never introduced holds counts or labels, not citations; a marker
 * right after a number is a citation only when it continues the sequence. */
#include "tc_text.h"
#include "tc_markers.h"

#define SPLIT_DIGITS 16      /* longest run of flattened superscripts split */
#define SPLIT_BUDGET 4096    /* search steps per split: hostile digit runs stay cheap */

size_t tc_mark_concat(const tc_mseq *q, const unsigned char *s, const tc_mcand *c, int *out, size_t cap)
{
    unsigned char d[SPLIT_DIGITS];
    size_t k = 0;
    long v = 0;
    if (!c->square || !(c->flags & TC_MC_SINGLE) || !(c->flags & TC_MC_GLUED)) return 0;
    for (size_t i = c->off + 1; i + 1 < c->off + c->len; i++) {
        if (!tc_is_digit(s[i])) continue;
        if (k == SPLIT_DIGITS) return 0;
        d[k++] = s[i];
        v = v * 10 + (s[i] - '0');
    }
    /* As written, it continues the sequence: no reason to split. */
    if (k > 4 ? 0 : v <= q->max_seen ? tc_mseq_cited(q, v) : v <= q->max_seen + 2) return 0;
    return tc_mark_split(q, d, k, out, cap);
}

static void mark_range(unsigned char *bits, long lo, long hi)
{
    if (lo < 1) lo = 1;
    if (hi > TC_MAX_REF_NUMBER) hi = TC_MAX_REF_NUMBER;
    if (hi - lo >= TC_MAX_RANGE) hi = lo + TC_MAX_RANGE - 1;
    for (long v = lo; v <= hi; v++) bits[v >> 3] |= (unsigned char)(1u << (v & 7));
}

/* Does the marker read as a list item: words in lower case after it, or a new sentence
 * after it when it stands, spaced, after a full stop ("benefit. (2) This trial")? */
static int item_like(const tc_mcand *c)
{
    if (c->flags & TC_MC_LOWER_NEXT) return 1;
    return (c->flags & TC_MC_AFTER_STOP) && !(c->flags & TC_MC_GLUED) && c->right == TC_MRIGHT_WORD;
}

/* Is candidate c the next item "(want)" of an enumeration?  Strict: it must follow a
 * list separator and go on in lower case, as items do (a citation after a full stop
 * is followed by a capital). */
static int enum_item(const tc_mcand *c, long want, int square, int strict)
{
    if (c->square != square || !(c->flags & TC_MC_SINGLE) || c->lo != want) return 0;
    return !strict || (item_like(c) && (c->flags & TC_MC_SEP));
}

void tc_mark_enums(tc_mcand *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!(c[i].flags & TC_MC_SINGLE) || c[i].lo != 1) continue;
        /* "(1)" after a colon is an enumeration already; "(1) walking ..." after a
         * word only when "(2)" follows as a list item. */
        int strict = c[i].ctx != TC_MCTX_ENUM;
        if (strict && (c[i].square || c[i].ctx != TC_MCTX_NONE || !item_like(&c[i]))) continue;
        long want = 2;
        size_t last = i;
        /* Items written as whole sentences run longer than a citation apart. */
        size_t reach = strict ? 2 * TC_MARK_ENUM_REACH : TC_MARK_ENUM_REACH;
        for (size_t j = i + 1; j < n && c[j].off < c[last].off + reach; j++) {
            if (!enum_item(&c[j], want, c[i].square, strict)) continue;
            c[i].ctx = TC_MCTX_ENUM;
            c[j].ctx = TC_MCTX_ENUM;
            last = j; want++;
        }
    }
}

/* Replays the clean markers of one bracket kind as if all were citations, from
 * numbering `base`: an introduction right after the highest number so far, or a number
 * cited before, is what citations do (good); a jump ahead or a number below the highest
 * that was never introduced is what counts and labels do (bad). */
static void replay(const unsigned char *s, const tc_mcand *c, size_t n, int square, long base,
                   int concat, int *good, int *bad, tc_mseq *q)
{
    int refs[SPLIT_DIGITS];
    memset(q, 0, sizeof *q);
    q->max_seen = base;
    *good = *bad = 0;
    for (size_t i = 0; i < n; i++) {
        if (c[i].square != square || c[i].ctx != TC_MCTX_NONE) continue;
        size_t m = concat ? tc_mark_concat(q, s, &c[i], refs, SPLIT_DIGITS) : 0;
        if (m) { (*good)++; tc_mark_seen(q, refs, m); continue; }
        long lo = c[i].lo, hi = c[i].hi, max = q->max_seen;
        /* Far beyond the sequence: a value or a year, which plausible() rejects anyway. */
        if (lo > max + TC_MARK_GAP || hi > max + TC_MARK_GAP + TC_MAX_RANGE || hi > TC_MAX_REF_NUMBER) continue;
        if (hi > max) {
            long first_new = lo > max ? lo : max + 1;
            if (first_new <= max + 2) (*good)++; else (*bad)++;
            q->max_seen = hi;
        } else if (tc_mseq_cited(q, lo)) (*good)++;
        else (*bad)++;
        mark_range(q->cited, lo, hi);
    }
}

int tc_mark_style(const unsigned char *s, const tc_mcand *c, size_t n, tc_mstyle *st)
{
    int good[2] = { 0, 0 };
    size_t glued = 0, squares = 0;
    tc_mseq *q = malloc(sizeof *q);
    if (!q) return TC_ENOMEM;
    memset(st, 0, sizeof *st);
    for (size_t i = 0; i < n; i++) {
        if (!c[i].square || c[i].ctx == TC_MCTX_ENUM) continue;
        squares++;
        if (c[i].flags & TC_MC_GLUED) glued++;
    }
    st->concat = glued >= 3 && glued * 2 > squares;
    for (int k = 0; k < 2; k++) {
        int g, b;
        replay(s, c, n, k, 0, st->concat, &g, &b, q);
        /* A paragraph from the middle of a paper starts at, say, [48]: try the numbering
         * its first clean marker implies, and keep it when it explains the markers better. */
        for (size_t i = 0; i < n; i++) {
            if (c[i].square != k || c[i].ctx != TC_MCTX_NONE) continue;
            if (c[i].lo > TC_MARK_GAP && c[i].lo < 1000) {
                int g1, b1;
                replay(s, c, n, k, c[i].lo - 1, st->concat, &g1, &b1, q);
                if (g1 - b1 > g - b + 1) { g = g1; b = b1; st->base[k] = c[i].lo - 1; }
            }
            break;
        }
        st->citing[k] = !(b >= 3 && b > g);
        good[k] = st->citing[k] ? g : 0;
    }
    st->main_kind = good[1] > good[0] ? 1 : good[0] > 0 ? 0 : -1;
    if (st->main_kind >= 0) {
        int main = good[st->main_kind], minor = good[!st->main_kind];
        st->established = main >= 1;
        /* Where one kind clearly carries the citations, a handful of the other holds
         * labels ("(1, 2, 3)" of a figure) or statistics. */
        st->minor_ok = main < 10 || minor * 8 >= main;
    } else st->minor_ok = 1;
    free(q);
    return TC_OK;
}

int tc_mark_continues(const tc_mseq *q, const int *refs, size_t m)
{
    long next = q->max_seen + 1;
    for (size_t i = 0; i < m; i++) {
        long r = refs[i];
        if (r <= q->max_seen) { if (!tc_mseq_cited(q, r)) return 0; }
        else {
            /* one number may be skipped (cited first in a table or a figure) */
            if (r > next + 1) return 0;
            next = r + 1;
        }
    }
    return m > 0;
}

typedef struct split_ctx {
    const tc_mseq *q;
    const unsigned char *d;
    size_t k;
    int cur[SPLIT_DIGITS], best[SPLIT_DIGITS];
    size_t nbest, ties;      /* parts of the best split so far; splits with as few */
    long budget;
} split_ctx;

static void split_from(split_ctx *s, size_t at, size_t parts, long prev, long next)
{
    if (--s->budget < 0 || (s->nbest && parts > s->nbest)) return;
    if (at == s->k) {
        if (parts < 2) return;
        if (parts < s->nbest || !s->nbest) {
            memcpy(s->best, s->cur, parts * sizeof *s->cur);
            s->nbest = parts; s->ties = 1;
        } else if (parts == s->nbest) s->ties++;
        return;
    }
    if (s->d[at] == '0') return;
    long v = 0;
    for (size_t len = 1; len <= 4 && at + len <= s->k; len++) {
        v = v * 10 + (s->d[at + len - 1] - '0');
        if (v <= prev) continue;
        int ok = 0;
        long nx = next;
        if (v <= s->q->max_seen) ok = tc_mseq_cited(s->q, v);
        else if (v <= next + 1) { ok = 1; nx = v + 1; }
        if (!ok) continue;
        s->cur[parts] = (int)v;
        split_from(s, at + len, parts + 1, v, nx);
    }
}

size_t tc_mark_split(const tc_mseq *q, const unsigned char *d, size_t k, int *out, size_t cap)
{
    split_ctx s;
    if (k < 2 || k > SPLIT_DIGITS) return 0;
    s.q = q; s.d = d; s.k = k; s.nbest = s.ties = 0; s.budget = SPLIT_BUDGET;
    split_from(&s, 0, 0, 0, q->max_seen + 1);
    /* Superscripts run in groups of neighbours ("1314" is 13, 14 rather than 1, 3, 14):
     * the split into fewest numbers wins; two such readings or a search cut short: no guess. */
    if (s.ties != 1 || s.budget < 0 || s.nbest > cap) return 0;
    memcpy(out, s.best, s.nbest * sizeof *out);
    return s.nbest;
}

void tc_mark_seen(tc_mseq *q, const int *refs, size_t m)
{
    for (size_t i = 0; i < m; i++) {
        long r = refs[i];
        if (r < 1 || r > TC_MAX_REF_NUMBER) continue;
        q->cited[r >> 3] |= (unsigned char)(1u << (r & 7));
        if (r > q->max_seen) q->max_seen = r;
    }
}
