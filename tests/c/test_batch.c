/* tc_parse_file and tc_batch through the public C API: ordered output whatever the
 * threads and window, errors in place, cancellation by the write callback, misuse. */
#define _DEFAULT_SOURCE
#include "trialcite.h"
#include "tc_test.h"
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#define NFILES 60

typedef struct sink { char *s; size_t n, cap; size_t calls, stop_after; } sink;

static int sink_write(void *ud, const char *s, size_t len)
{
    sink *k = ud;
    k->calls++;
    if (k->stop_after && k->calls > k->stop_after) return 1;
    if (k->n + len + 1 > k->cap) {
        size_t cap = (k->n + len + 1) * 2;
        char *p = realloc(k->s, cap);
        if (!p) return 1;
        k->s = p; k->cap = cap;
    }
    memcpy(k->s + k->n, s, len);
    k->n += len;
    k->s[k->n] = '\0';
    return 0;
}

static void write_file(const char *path, const char *s, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (f) { fwrite(s, 1, n, f); fclose(f); }
}

int main(void)
{
    char dir[] = "/tmp/tc-test-batch-XXXXXX";
    if (!mkdtemp(dir)) { printf("not ok batch: mkdtemp\n"); return 1; }
    static char paths[NFILES + 2][256];
    const char *inputs[NFILES + 2];
    size_t lens[NFILES + 2];
    for (int i = 0; i < NFILES; i++) {
        char text[512];
        int n = snprintf(text, sizeof text, "Results\n\nDocument %d cites (%d) and (%d-%d). HR 0.%02d (95%% CI 0.%d to 1.%d).\n",
                         i, i + 1, i + 2, i + 4, 10 + i % 80, i % 9, i % 7);
        snprintf(paths[i], sizeof paths[i], "%s/f%02d.txt", dir, i);
        write_file(paths[i], text, (size_t)n);
    }
    snprintf(paths[NFILES], sizeof paths[NFILES], "%s/missing.txt", dir);
    snprintf(paths[NFILES + 1], sizeof paths[NFILES + 1], "%s", dir);
    for (int i = 0; i < NFILES + 2; i++) { inputs[i] = paths[i]; lens[i] = strlen(paths[i]); }

    TEST_BEGIN("parse_file: the document of the file's text; errors with messages");
    {
        char err[256];
        tc_doc *d = NULL;
        CHECK(tc_parse_file(paths[3], lens[3], NULL, &d, err, sizeof err) == TC_OK);
        CHECK(d && tc_doc_citation_count(d) == 2);
        size_t len;
        const char *t = d ? tc_doc_text(d, &len) : NULL;
        CHECK(t && len > 20 && !memcmp(t, "Results", 7));
        tc_doc_free(d);
        d = (tc_doc *)(uintptr_t)1;
        CHECK(tc_parse_file(paths[NFILES], lens[NFILES], NULL, &d, err, sizeof err) == TC_EIO);
        CHECK(d == NULL);
        CHECKF(strstr(err, "cannot read") && strstr(err, "No such file"), "%s", err);
        CHECK(tc_parse_file(dir, strlen(dir), NULL, &d, err, sizeof err) == TC_EIO);
        CHECKF(strstr(err, "Is a directory") != NULL, "%s", err);
        CHECK(tc_parse_file("a\0b", 3, NULL, &d, err, sizeof err) == TC_EIO);
        CHECK(tc_parse_file(paths[3], lens[3], NULL, NULL, err, sizeof err) == TC_EINVAL);
        CHECK(tc_parse_file(paths[3], lens[3], NULL, &d, NULL, 0) == TC_OK);   /* err optional */
        tc_doc_free(d);
    }
    TEST_END();

    /* The reference: one thread, window 1. */
    sink ref = { 0 };
    tc_batch_opts o;
    memset(&o, 0, sizeof o);
    o.threads = 1; o.window = 1; o.write = sink_write; o.write_ud = &ref;
    tc_batch_stats st;
    TEST_BEGIN("batch: one line per input in order, errors in place");
    {
        CHECK(tc_batch(inputs, lens, NFILES + 2, &o, &st) == TC_OK);
        CHECK(st.documents == NFILES && st.errors == 2);
        size_t lines = 0;
        for (size_t i = 0; i < ref.n; i++) lines += ref.s[i] == '\n';
        CHECK(lines == NFILES + 2);
        char want[300];
        snprintf(want, sizeof want, "{\"id\":\"%s\",\"lang\":", paths[0]);
        CHECK(ref.s && !strncmp(ref.s, want, strlen(want)));
        CHECK(ref.s && strstr(ref.s, "No such file or directory\"}\n") && strstr(ref.s, "Is a directory\"}\n"));
    }
    TEST_END();

    TEST_BEGIN("batch: the same bytes with 2-8 threads and windows of 1-7");
    {
        int bad = 0;
        for (int th = 2; th <= 8 && !bad; th += 3)
            for (size_t w = 1; w <= 7 && !bad; w += 2) {
                sink k = { 0 };
                o.threads = th; o.window = w; o.write_ud = &k;
                if (tc_batch(inputs, lens, NFILES + 2, &o, &st) != TC_OK || k.n != ref.n || memcmp(k.s, ref.s, k.n)) {
                    printf("# threads %d window %zu differs\n", th, w);
                    bad = 1;
                }
                free(k.s);
            }
        CHECK(!bad);
    }
    TEST_END();

    TEST_BEGIN("batch: a write callback that stops ends the batch, TC_ECANCELLED");
    {
        sink k = { 0 };
        k.stop_after = 5;
        o.threads = 4; o.window = 3; o.write_ud = &k;
        CHECK(tc_batch(inputs, lens, NFILES, &o, &st) == TC_ECANCELLED);
        CHECK(st.documents == 6 && k.calls == 6);
        free(k.s);
    }
    TEST_END();

    TEST_BEGIN("batch: misuse and no inputs");
    {
        sink k = { 0 };
        o.write_ud = &k;
        CHECK(tc_batch(inputs, lens, 0, &o, &st) == TC_OK && st.documents == 0 && k.n == 0);
        CHECK(tc_batch(NULL, lens, 2, &o, &st) == TC_EINVAL);
        CHECK(tc_batch(inputs, lens, 2, NULL, &st) == TC_EINVAL);
        tc_batch_opts nw = o;
        nw.write = NULL;
        CHECK(tc_batch(inputs, lens, 2, &nw, &st) == TC_EINVAL);
        CHECK(tc_batch(inputs, lens, 2, &o, NULL) == TC_OK);
        free(k.s);
    }
    TEST_END();

    TEST_BEGIN("batch: JSON Lines records with ids, errors named FILE:LINE");
    {
        char jl[300];
        snprintf(jl, sizeof jl, "%s/r.jsonl", dir);
        const char *recs = "{\"id\":\"a\",\"text\":\"One (1).\"}\n\n{\"text\":\"Two (2).\"}\n{oops\n"
                           "{\"id\":\"q\\\"uote\",\"text\":\"Three (3).\",\"lang\":\"en\"}";   /* no final newline */
        write_file(jl, recs, strlen(recs));
        const char *in[1] = { jl };
        size_t il[1] = { strlen(jl) };
        sink k = { 0 };
        o.threads = 3; o.window = 2; o.write_ud = &k; o.flags = TC_BATCH_JSONL;
        CHECK(tc_batch(in, il, 1, &o, &st) == TC_OK);
        CHECK(st.documents == 3 && st.errors == 1);
        char want[400];
        CHECK(k.s && !strncmp(k.s, "{\"id\":\"a\",", 10));
        snprintf(want, sizeof want, "{\"id\":\"%s:3\",", jl);
        CHECKF(k.s && strstr(k.s, want), "%s", k.s ? k.s : "");
        snprintf(want, sizeof want, "{\"id\":\"%s:4\",\"error\":\"malformed JSON record", jl);
        CHECKF(k.s && strstr(k.s, want), "%s", k.s ? k.s : "");
        CHECK(k.s && strstr(k.s, "{\"id\":\"q\\\"uote\",\"lang\":\"en\""));
        free(k.s);
        o.flags = 0;
        unlink(jl);
    }
    TEST_END();

    free(ref.s);
    for (int i = 0; i < NFILES; i++) unlink(paths[i]);
    rmdir(dir);
    return tc_test_failed;
}
