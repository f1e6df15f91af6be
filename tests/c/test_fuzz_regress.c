/* Replays the fuzzers' inputs through their entry points in a normal build (and under
 * the sanitizers in `make check-sanitize`): every file in tests/fuzz/regress/NAME/
 * (inputs that once failed), every line of tests/fuzz/NAME.seeds (synthetic snippets,
 * with \n, \t, \\ and \xHH escapes) and, for the parser, the seed texts.  A broken
 * invariant aborts the binary, which the runner counts as a failure. */
#define _DEFAULT_SOURCE
#include "tc_test.h"
#include <dirent.h>
#include <stdint.h>

#define LLVMFuzzerTestOneInput tc_fuzz_parse_one
int tc_fuzz_parse_one(const uint8_t *data, size_t size);
#include "../fuzz/fuzz_parse.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput tc_fuzz_extract_one
int tc_fuzz_extract_one(const uint8_t *data, size_t size);
#include "../fuzz/fuzz_extract.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput tc_fuzz_data_one
int tc_fuzz_data_one(const uint8_t *data, size_t size);
#include "../fuzz/fuzz_data.c"
#undef LLVMFuzzerTestOneInput
#ifdef TC_HAVE_CSL
#define LLVMFuzzerTestOneInput tc_fuzz_csl_one
int tc_fuzz_csl_one(const uint8_t *data, size_t size);
#include "../fuzz/fuzz_csl.c"
#undef LLVMFuzzerTestOneInput
#endif
#ifdef TC_HAVE_ANNOTATE
#define LLVMFuzzerTestOneInput tc_fuzz_annotate_one
int tc_fuzz_annotate_one(const uint8_t *data, size_t size);
#include "../fuzz/fuzz_annotate.c"
#undef LLVMFuzzerTestOneInput
#endif
#ifdef TC_HAVE_BIBTEX
#define LLVMFuzzerTestOneInput tc_fuzz_bibtex_one
int tc_fuzz_bibtex_one(const uint8_t *data, size_t size);
#include "../fuzz/fuzz_bibtex.c"
#undef LLVMFuzzerTestOneInput
#endif

typedef int (*fuzz_fn)(const uint8_t *, size_t);

static const char *fuzz_dir(void)
{
    const char *d = getenv("TRIALCITE_FUZZ_DIR");
    return d ? d : "tests/fuzz";
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Unescapes one seed line in place; returns its new length. */
static size_t unescape(char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != '\\' || i + 1 == n) { s[w++] = s[i]; continue; }
        char c = s[++i];
        if (c == 'n') s[w++] = '\n';
        else if (c == 't') s[w++] = '\t';
        else if (c == 'r') s[w++] = '\r';
        else if (c == '0') s[w++] = '\0';
        else if (c == 'x' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
            s[w++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
            i += 2;
        } else s[w++] = c;
    }
    return w;
}

/* Replays a copy of exactly len bytes, so that over-reads are caught by ASan. */
static void replay(fuzz_fn fn, const char *s, size_t len)
{
    uint8_t *copy = malloc(len ? len : 1);
    CHECK(copy != NULL);
    if (!copy) return;
    if (len) memcpy(copy, s, len);
    fn(copy, len);
    free(copy);
}

static void replay_seeds(const char *name, fuzz_fn fn)
{
    static char tname[600];
    char path[512];
    snprintf(path, sizeof path, "%s/%s.seeds", fuzz_dir(), name);
    snprintf(tname, sizeof tname, "fuzz seeds %s", name);
    size_t len;
    char *text = tc_test_read(path, &len);
    if (!text) { SKIP(tname, "no seed file"); return; }
    TEST_BEGIN(tname);
    size_t lines = 0;
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && text[j] != '\n') j++;
        if (j > i && text[i] != '#') { replay(fn, text + i, unescape(text + i, j - i)); lines++; }
        i = j + 1;
    }
    CHECK(lines > 0);
    free(text);
    TEST_END();
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void replay_regress(const char *name, fuzz_fn fn)
{
    static char tname[600];
    char dir[512];
    snprintf(dir, sizeof dir, "%s/regress/%s", fuzz_dir(), name);
    snprintf(tname, sizeof tname, "fuzz regressions %s", name);
    DIR *d = opendir(dir);
    if (!d) { SKIP(tname, "no regression directory"); return; }
    char *names[4096];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < sizeof names / sizeof *names)
        if (e->d_name[0] != '.') names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof *names, cmp_names);
    TEST_BEGIN(tname);
    for (size_t i = 0; i < n; i++) {
        char path[1200];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        size_t len;
        char *buf = tc_test_read(path, &len);
        CHECKF(buf != NULL, "cannot read %s", path);
        if (buf) { replay(fn, buf, len); free(buf); }
        free(names[i]);
    }
    TEST_END();
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);   /* lines reach the runner even if a replay aborts */
    static const struct { const char *name; fuzz_fn fn; } harness[] = {
        { "fuzz_parse", tc_fuzz_parse_one },
        { "fuzz_data", tc_fuzz_data_one },
        { "fuzz_extract", tc_fuzz_extract_one },
#ifdef TC_HAVE_CSL
        { "fuzz_csl", tc_fuzz_csl_one },
#endif
#ifdef TC_HAVE_ANNOTATE
        { "fuzz_annotate", tc_fuzz_annotate_one },
#endif
#ifdef TC_HAVE_BIBTEX
        { "fuzz_bibtex", tc_fuzz_bibtex_one },
#endif
    };
    for (size_t i = 0; i < sizeof harness / sizeof *harness; i++) {
        replay_seeds(harness[i].name, harness[i].fn);
        replay_regress(harness[i].name + 5, harness[i].fn);
    }
    static const char *const seeds[] = { "000_bab1a242c0282361.txt", "002_50c727afd17edaac.txt" };
    for (size_t i = 0; i < 2; i++) {
        static char tname[300];
        char path[512];
        snprintf(tname, sizeof tname, "fuzz_parse on seed %s (all language choices)", seeds[i]);
        size_t len;
        char *text = tc_test_read(tc_test_seed_path(seeds[i], path, sizeof path), &len);
        if (!text) { SKIP(tname, "seed text not found"); continue; }
        TEST_BEGIN(tname);
        /* The harness takes the first byte as its selector: prefix each choice. */
        char *buf = malloc(len + 1);
        CHECK(buf != NULL);
        for (int sel = 0; buf && sel < 16; sel++) {
            buf[0] = (char)sel;
            memcpy(buf + 1, text, len);
            replay(tc_fuzz_parse_one, buf, len + 1);
            replay(tc_fuzz_extract_one, buf, len + 1);
        }
        replay(tc_fuzz_parse_one, text, len);
        free(buf);
        free(text);
        TEST_END();
    }
    return tc_test_failed;
}
