/* make bench: what tc_extract_trial_json costs per document, next to what tc_parse
 * costs for the same text: the two seed appraisals and the PMC trial reports in
 * $TRIALCITE_SEEDS/../corpus/pmc-dev (whole texts), each parsed and extracted
 * repeatedly; prints the mean time per document and the ratio extraction / parse. */
#define _DEFAULT_SOURCE
#include "trialcite.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "bench_util.h"

#define ROUNDS 20

typedef struct set { const char *name; double parse, extract; size_t docs, bytes; } set;

static int bench_file(const char *path, set *s)
{
    size_t len;
    char *text = read_file(path, &len);
    if (!text) return 0;
    double tp = 0, te = 0;
    for (int r = 0; r < ROUNDS; r++) {
        tc_doc *doc = NULL;
        double t0 = now();
        if (tc_parse(text, len, NULL, &doc) != TC_OK) { free(text); return 0; }
        double t1 = now();
        char *out = NULL;
        size_t olen = 0;
        if (tc_extract_trial_json(doc, NULL, &out, &olen) != TC_OK) { tc_doc_free(doc); free(text); return 0; }
        double t2 = now();
        tc_free(out);
        tc_doc_free(doc);
        tp += t1 - t0;
        te += t2 - t1;
    }
    s->parse += tp / ROUNDS;
    s->extract += te / ROUNDS;
    s->docs++;
    s->bytes += len;
    free(text);
    return 1;
}

static void report(const set *s)
{
    if (!s->docs) { printf("%-22s no documents found\n", s->name); return; }
    printf("%-22s %3zu docs, %6.1f KB each: parse %7.1f us/doc, extract %7.1f us/doc (%.2fx the parse), %.0f docs/s\n",
           s->name, s->docs, s->bytes / 1024.0 / s->docs, 1e6 * s->parse / s->docs, 1e6 * s->extract / s->docs,
           s->parse > 0 ? s->extract / s->parse : 0, s->docs / s->extract);
}

int main(void)
{
    const char *seeds = getenv("TRIALCITE_SEEDS");
    char path[8192];
    set a = { "seed appraisals", 0, 0, 0, 0 }, b = { "PMC trial reports", 0, 0, 0, 0 };
    if (!seeds) seeds = "../shared/seeds";
    DIR *d = opendir(seeds);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 4 || strcmp(e->d_name + n - 4, ".txt")) continue;
        snprintf(path, sizeof path, "%s/%s", seeds, e->d_name);
        bench_file(path, &a);
    }
    if (d) closedir(d);
    char dir[2048];
    snprintf(dir, sizeof dir, "%s/../corpus/pmc-dev", seeds);
    d = opendir(dir);
    while (d && (e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n < 4 || strcmp(e->d_name + n - 4, ".txt")) continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        bench_file(path, &b);
    }
    if (d) closedir(d);
    printf("extraction (tc_extract_trial_json after tc_parse), mean of %d rounds per document:\n", ROUNDS);
    report(&a);
    report(&b);
    return 0;
}
