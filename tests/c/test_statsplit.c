/* The statistics stage in shares on several threads (plugin/tc_statsplit.c) gives
 * what one thread gives: the seeds and the development corpus are joined into large
 * texts in several orders, parsed on one thread, then their statistics are scanned
 * again in small shares, and the two documents' JSON must be equal byte for byte. */
#include "tc_test.h"
#include "tc_internal.h"
#include "tc_stats.h"

typedef struct texts { char **s; size_t *len, n, cap, total; } texts;

/* Keeps each readable text (ud: the texts). */
static int keep(const char *path, const char *text, size_t len, void *ud)
{
    texts *t = ud;
    (void)path;
    if (!text) return 1;
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 64;
        t->s = realloc(t->s, t->cap * sizeof *t->s);
        t->len = realloc(t->len, t->cap * sizeof *t->len);
    }
    t->s[t->n] = malloc(len ? len : 1);
    memcpy(t->s[t->n], text, len);
    t->len[t->n++] = len;
    t->total += len;
    return 1;
}

static void add_dir(texts *t, const char *dir) { tc_test_each_file(dir, ".txt", keep, t); }

/* The texts in the order order[0..n), each followed by a blank line. */
static char *join(const texts *t, const size_t *order, size_t *len)
{
    char *out = malloc(t->total + 2 * t->n + 1), *p = out;
    for (size_t i = 0; i < t->n; i++) {
        memcpy(p, t->s[order[i]], t->len[order[i]]);
        p += t->len[order[i]];
        *p++ = '\n'; *p++ = '\n';
    }
    *len = (size_t)(p - out);
    return out;
}

static char *doc_json(const tc_doc *doc)
{
    char *j = NULL;
    size_t n;
    return tc_doc_to_json(doc, &j, &n) == TC_OK ? j : NULL;
}

/* Parses text on one thread, scans its statistics again in shares (cut at cuts[0 ..
 * ncuts) when cuts is given); 1 if equal.  *joined: the shares the second scan joined. */
static int same_cut(const char *text, size_t len, int threads, size_t share_min, const size_t *cuts, size_t ncuts,
                    int checked, size_t *joined, const char *what)
{
    tc_doc *doc;
    tc_parse_opts o = { 0 };
    o.flags = TC_PARSE_BORROW | TC_PARSE_THREADS(1);
    if (tc_parse(text, len, &o, &doc) != TC_OK) { CHECKF(0, "%s: parse failed", what); return 0; }
    char *one = doc_json(doc);
    size_t first = 0;   /* the markers' checks come before the statistics' */
    while (first < doc->checks.n && TC_VEC_AT(&doc->checks, tc_check, first).stat < 0) first++;
    doc->stats.n = 0;
    doc->checks.n = first;
    int rc = cuts ? tc_scan_stats_cut(doc, cuts, ncuts, checked, joined) : tc_scan_stats_shared(doc, threads, share_min, joined);
    char *many = rc == TC_OK ? doc_json(doc) : NULL;
    int ok = one && many && !strcmp(one, many);
    if (!ok) {
        size_t k = 0;
        while (one && many && one[k] && one[k] == many[k]) k++;
        CHECKF(0, "%s: shares (%zu) differ from one thread at JSON byte %zu: ...%.80s... vs ...%.80s...",
               what, *joined, k, one ? one + (k > 40 ? k - 40 : 0) : "", many ? many + (k > 40 ? k - 40 : 0) : "");
    }
    tc_free(one);
    tc_free(many);
    tc_doc_free(doc);
    return ok;
}

static int same(const char *text, size_t len, int threads, size_t share_min, size_t *joined, const char *what)
{
    return same_cut(text, len, threads, share_min, NULL, 0, 1, joined, what);
}

static unsigned long rnd_state = 12345;
static size_t rnd(size_t n) { rnd_state = rnd_state * 6364136223846793005ul + 1442695040888963407ul; return (size_t)(rnd_state >> 33) % n; }

static int by_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

int main(void)
{
    texts t = { 0 };
    char dir[4096], path[4200];
    const char *seeds = getenv("TRIALCITE_SEEDS");
    snprintf(dir, sizeof dir, "%s", seeds ? seeds : "../shared/seeds");
    add_dir(&t, dir);
    size_t nseeds = t.n;
    snprintf(path, sizeof path, "%s/../corpus/pmc-dev", dir);
    add_dir(&t, path);
    if (t.n < 4) {
        SKIP("statistics in shares", "no seed texts and corpus/pmc-dev beside them");
        return 0;
    }
    printf("# statsplit: %zu texts (%zu seeds), %zu bytes\n", t.n, nseeds, t.total);
    size_t *order = malloc(t.n * sizeof *order);

    TEST_BEGIN("statistics scanned in shares on threads equal one thread's, texts in several orders");
    size_t cuts = 0, runs = 0;
    for (int pass = 0; pass < 4; pass++) {
        for (size_t i = 0; i < t.n; i++)   /* forward, backward, and two strides */
            order[i] = pass == 0 ? i : pass == 1 ? t.n - 1 - i : (i * (size_t)(pass == 2 ? 7 : 13)) % t.n;
        if (pass >= 2) {   /* a stride not coprime with n repeats texts: fall back to forward */
            for (size_t i = 0; i < t.n; i++) for (size_t j = 0; j < i; j++) if (order[i] == order[j]) { pass = 4; break; }
            if (pass == 4) break;
        }
        size_t len;
        char *text = join(&t, order, &len);
        static const size_t mins[] = { 8192, 32768, 200000 };
        for (size_t m = 0; m < sizeof mins / sizeof *mins; m++) {
            size_t joined = 0;
            char what[96];
            snprintf(what, sizeof what, "order %d, shares of %zu bytes", pass, mins[m]);
            int ok = same(text, len, 64, mins[m], &joined, what);
            runs++;
            cuts += joined - 1;
            if (!ok) break;
        }
        free(text);
    }
    printf("# statsplit: %zu runs, %zu cuts joined\n", runs, cuts);
    CHECKF(cuts >= runs, "only %zu cuts in %zu runs: the shares were hardly tried", cuts, runs);
    TEST_END();

    TEST_BEGIN("cuts anywhere: checked, those not at a heading after a quiet stretch are ignored; "
               "unchecked, the joins catch the bad ones and one thread reads again; the result is one thread's");
    {
        for (size_t i = 0; i < t.n; i++) order[i] = i;
        size_t len, kept[2] = { 0, 0 }, dropped[2] = { 0, 0 };
        char *text = join(&t, order, &len);
        tc_doc *doc;
        tc_parse_opts o = { 0 };
        o.flags = TC_PARSE_BORROW | TC_PARSE_THREADS(1);
        CHECK(tc_parse(text, len, &o, &doc) == TC_OK);
        for (int run = 0; run < 80 && !tc_test_case_failed; run++) {
            int checked = run % 2;
            size_t at[8], n = 1 + rnd(8);
            for (size_t k = 0; k < n; k++) {
                /* Half of them anywhere, half at section starts (quiet or not). */
                size_t sec = rnd(doc->sections.n);
                at[k] = k % 2 ? 1 + rnd(len - 1) : TC_VEC_AT(&doc->sections, tc_section, sec).off;
            }
            qsort(at, n, sizeof *at, by_size);
            size_t joined = 0;
            char what[64];
            snprintf(what, sizeof what, "random cuts, run %d, %s", run, checked ? "checked" : "unchecked");
            same_cut(text, len, 0, 0, at, n, checked, &joined, what);
            kept[checked] += joined - 1;
            dropped[checked] += joined == 1;
        }
        printf("# statsplit: random cuts checked: %zu kept, %zu runs on one thread; "
               "unchecked: %zu kept, %zu runs read again on one thread\n", kept[1], dropped[1], kept[0], dropped[0]);
        CHECKF(kept[1] > 0 && dropped[0] > 0, "the checked cuts never split or the joins never refused a cut");
        tc_doc_free(doc);
        free(text);
    }
    TEST_END();

    TEST_BEGIN("a text without sections or too short for two shares stays on one thread");
    {
        size_t joined = 0;
        CHECK(same(t.s[0], t.len[0], 8, 0, &joined, "share_min 0"));
        CHECK(joined == 1);
        const char plain[] = "HR 0,58 (95% BI 0,37 tot 0,90; p=0,02) en 57% bij 154 deelnemers.";
        CHECK(same(plain, sizeof plain - 1, 8, 16, &joined, "no sections"));
        CHECK(joined == 1);
    }
    TEST_END();

    TEST_BEGIN("tc_parse with TC_PARSE_THREADS(2) equals TC_PARSE_THREADS(1) on the joined corpus, twice");
    {
        for (size_t i = 0; i < t.n; i++) order[i] = i;
        size_t one;
        char *once = join(&t, order, &one), *text = malloc(2 * one);
        memcpy(text, once, one);
        memcpy(text + one, once, one);
        free(once);
        size_t len = 2 * one;   /* past the 2 MiB a parse needs before it splits */
        tc_doc *a, *b;
        tc_parse_opts o = { 0 };
        o.flags = TC_PARSE_THREADS(1);
        CHECK(tc_parse(text, len, &o, &a) == TC_OK);
        o.flags = TC_PARSE_THREADS(2);
        CHECK(tc_parse(text, len, &o, &b) == TC_OK);
        char *ja = doc_json(a), *jb = doc_json(b);
        CHECK(ja && jb && !strcmp(ja, jb));
        tc_free(ja); tc_free(jb);
        tc_doc_free(a); tc_doc_free(b);
        free(text);
    }
    TEST_END();

    TEST_BEGIN("nothing before a stretch of TC_STATS_QUIET bytes without digits changes what follows");
    {
        /* A stale value, then prose, then a bracketed level with its bounds after it
         * (which the scanner checks against the open value) and an estimate. */
        static const char tail[] = ".\n\nHR (95% CI) 1.3, 4.5 for the main outcome.\n"
                                   "The adjusted effect was 0.8 (95% CI 0.6 to 0.9).\n";
        char with[4096], without[4096];
        size_t n1 = (size_t)snprintf(with, sizeof with, "Results\n\nThe score was 2.4 in the first group");
        size_t n2 = (size_t)snprintf(without, sizeof without, "Results\n\nThe score was high in the first group");
        while (n1 < 1000) { memcpy(with + n1, " and it was well tolerated", 26); n1 += 26; }
        while (n2 < n1 - 2) { memcpy(without + n2, " and it was well tolerated", 26); n2 += 26; }
        memcpy(with + n1, tail, sizeof tail); n1 += sizeof tail - 1;
        memcpy(without + n2, tail, sizeof tail); n2 += sizeof tail - 1;
        tc_doc *a, *b;
        tc_parse_opts o = { 0 };
        o.lang = TC_LANG_EN;
        CHECK(tc_parse(with, n1, &o, &a) == TC_OK && tc_parse(without, n2, &o, &b) == TC_OK);
        /* The stale value is only a candidate, no statistic: the lists compare by
         * what they say. */
        size_t ka = tc_doc_stat_count(a), kb = tc_doc_stat_count(b);
        CHECKF(ka == kb && ka > 0, "%zu statistics with the stale value, %zu without", ka, kb);
        for (size_t i = 0; i < kb && ka == kb; i++) {
            const tc_stat *x = tc_doc_stat(a, i), *y = tc_doc_stat(b, i);
            CHECKF(x->kind == y->kind && x->measure == y->measure && x->value == y->value && x->has_ci == y->has_ci,
                   "statistic %zu: kind %d measure %d value %g ci %d, without the stale value %d %d %g %d",
                   i, x->kind, x->measure, x->value, x->has_ci, y->kind, y->measure, y->value, y->has_ci);
        }
        tc_doc_free(a);
        tc_doc_free(b);
    }
    TEST_END();

    for (size_t i = 0; i < t.n; i++) free(t.s[i]);
    free(t.s); free(t.len); free(order);
    return tc_test_failed;
}
