/* The statistics stage of a large text on several threads.  The scan is most of a
 * parse, and its state is local: every attachment (an interval to its estimate, a
 * p-value, a sibling, a timepoint or subgroup of the context) is limited to a gap of a
 * few hundred bytes, and a table's measure to its section.  So the text is cut at
 * section headings that follow TC_STATS_QUIET bytes without a digit, each share is
 * scanned into a document of its own, and the shares are joined in text order.  A
 * join checks that no statistic's reach crossed a cut; if one did, the text is
 * scanned again on one thread, so the result is always the one-thread result. */
#include "tc_stats.h"
#include <pthread.h>

#define SHARE_MIN ((size_t)1 << 20)   /* bytes: below, a thread costs more than it saves */
#define REACH_BACK 480                /* a context's lookback from a statistic (statctx) ... */
#define REACH_AHEAD 160               /* ... and past its end */

typedef struct share {
    tc_doc sub;            /* a view of the document with its own stats, checks, arena */
    size_t from, to, reached;
    int rc;
    pthread_t tid;
    int started;
} share;

static int quiet_before(const tc_doc *doc, size_t p)
{
    if (p < TC_STATS_QUIET) return 0;
    for (size_t j = p - TC_STATS_QUIET; j < p; j++)
        if (tc_num_isdigit((unsigned char)doc->text[j])) return 0;
    return 1;
}

/* The first section starting at or after off (binary search). */
static size_t section_from(const tc_doc *doc, size_t off)
{
    const tc_section *s = doc->sections.data;
    size_t lo = 0, hi = doc->sections.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s[mid].off < off) lo = mid + 1; else hi = mid;
    }
    return lo;
}

/* A place to cut: the start of a section whose heading follows a quiet stretch. */
static int cut_ok(const tc_doc *doc, size_t p)
{
    size_t k = section_from(doc, p);
    return k < doc->sections.n && TC_VEC_AT(&doc->sections, tc_section, k).off == p && quiet_before(doc, p);
}

/* A cut at or after want and before limit; 0 if there is none. */
static size_t cut_after(const tc_doc *doc, size_t want, size_t limit)
{
    const tc_section *s = doc->sections.data;
    for (size_t k = section_from(doc, want); k < doc->sections.n && s[k].off < limit; k++)
        if (quiet_before(doc, s[k].off)) return s[k].off;
    return 0;
}

static void *scan_share(void *arg)
{
    share *sh = arg;
    sh->rc = tc_scan_stats_range(&sh->sub, sh->from, sh->to, &sh->reached);
    return NULL;
}

static const tc_stat *stat_at(const tc_doc *doc, size_t i) { return &TC_VEC_AT(&doc->stats, tc_stat, i); }

/* Whether the one-thread scan would have read the statistics before cut p (in doc)
 * and after it (in next) the same way. */
static int joins(const tc_doc *doc, size_t reached, size_t p, const tc_doc *next)
{
    if (reached > p) return 0;
    if (!doc->stats.n || !next->stats.n) return 1;
    const tc_stat *a = stat_at(doc, doc->stats.n - 1), *b = stat_at(next, 0);
    size_t a_end = a->span.off + a->span.len;
    return a_end + REACH_AHEAD <= p && a_end + REACH_BACK <= b->span.off;
}

/* Moves a share's statistics and checks to the end of the document's (check indices
 * moved on). */
static int append(tc_doc *doc, tc_doc *sub)
{
    size_t base = doc->stats.n;
    if (tc_vec_reserve(&doc->checks, doc->checks.n + sub->checks.n) != TC_OK
        || tc_vec_drain(&doc->stats, &sub->stats) != TC_OK)
        return TC_ENOMEM;
    for (size_t i = 0; i < sub->checks.n; i++) {
        tc_check c = TC_VEC_AT(&sub->checks, tc_check, i);
        if (c.stat >= 0) c.stat += (long)base;
        TC_VEC_AT(&doc->checks, tc_check, doc->checks.n++) = c;
    }
    tc_arena_take(&doc->arena, &sub->arena);   /* the checks' messages */
    return TC_OK;
}

static void free_share(share *sh)
{
    tc_vec_free(&sh->sub.stats);
    tc_vec_free(&sh->sub.checks);
    tc_arena_free(&sh->sub.arena);
}

int tc_scan_stats_shared(tc_doc *doc, int threads, size_t share_min, size_t *joined)
{
    /* Cuts need headings: without sections the text stays whole. */
    size_t want = share_min && doc->sections.n ? tc_threads_for(threads, doc->len / share_min) : 1;
    size_t cuts[TC_BATCH_MAX_THREADS], n = 0, step = doc->len / want;
    for (size_t k = 1; k < want; k++) {
        size_t p = cut_after(doc, k * step, (k + 1) * step);
        if (p > (n ? cuts[n - 1] : 0)) cuts[n++] = p;
    }
    return tc_scan_stats_cut(doc, cuts, n, 1, joined);
}

int tc_scan_stats_cut(tc_doc *doc, const size_t *cuts, size_t ncuts, int checked, size_t *joined)
{
    size_t reached, one;
    if (!joined) joined = &one;
    *joined = 1;
    share sh[TC_BATCH_MAX_THREADS];
    size_t m = 1, checks0 = doc->checks.n;
    sh[0].from = 0;
    for (size_t k = 0; k < ncuts && m < TC_BATCH_MAX_THREADS; k++)
        if (cuts[k] > sh[m - 1].from && cuts[k] < doc->len && (!checked || cut_ok(doc, cuts[k]))) sh[m++].from = cuts[k];
    if (m < 2) return tc_scan_stats_range(doc, 0, doc->len, &reached);
    for (size_t k = 0; k < m; k++) {
        sh[k].to = k + 1 < m ? sh[k + 1].from : doc->len;
        sh[k].rc = TC_OK;
        sh[k].started = 0;
        sh[k].reached = 0;
        if (!k) continue;
        /* The sub-document shares the text and the earlier stages' arrays (read only). */
        sh[k].sub = *doc;
        tc_vec_init(&sh[k].sub.stats, sizeof(tc_stat));
        tc_vec_init(&sh[k].sub.checks, sizeof(tc_check));
        sh[k].sub.arena.head = NULL;
        sh[k].rc = tc_vec_reserve(&sh[k].sub.stats, (sh[k].to - sh[k].from) / 256);
        if (sh[k].rc == TC_OK) sh[k].started = pthread_create(&sh[k].tid, NULL, scan_share, &sh[k]) == 0;
    }
    /* The first share on this thread, straight into the document; a share whose
     * thread did not start, after it. */
    sh[0].rc = tc_scan_stats_range(doc, 0, sh[0].to, &sh[0].reached);
    for (size_t k = 1; k < m; k++) {
        if (sh[k].started) pthread_join(sh[k].tid, NULL);
        else if (sh[k].rc == TC_OK) scan_share(&sh[k]);
    }
    /* A share that failed (out of memory: the shares reserve their arrays on top of
     * the document's) or a reach across a cut: the one-thread scan decides. */
    int ok = 1;
    for (size_t k = 0; k < m && ok; k++)
        ok = sh[k].rc == TC_OK
             && (k + 1 == m || joins(k ? &sh[k].sub : doc, sh[k].reached, sh[k + 1].from, &sh[k + 1].sub));
    for (size_t k = 1; k < m && ok; k++) ok = append(doc, &sh[k].sub) == TC_OK;
    for (size_t k = 1; k < m; k++) free_share(&sh[k]);
    if (ok) {
        *joined = m;
        return TC_OK;
    }
    doc->stats.n = 0;
    doc->checks.n = checks0;
    return tc_scan_stats_range(doc, 0, doc->len, &reached);
}

int tc_scan_stats(tc_doc *doc)
{
    return tc_scan_stats_shared(doc, doc->threads, SHARE_MIN, NULL);
}
