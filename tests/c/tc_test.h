/* A tiny C test helper: each case prints "ok NAME" or "not ok NAME: why"
 * (tests/run.lua counts them); main returns non-zero if any failed. */
#ifndef TC_TEST_H
#define TC_TEST_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tc_test_failed;
static const char *tc_test_name;
static int tc_test_case_failed;

#define TEST_BEGIN(name) do { tc_test_name = (name); tc_test_case_failed = 0; } while (0)
#define TEST_END() do { if (!tc_test_case_failed) printf("ok %s\n", tc_test_name); } while (0)
#define CHECK(cond) do { if (!(cond)) { \
    if (!tc_test_case_failed) printf("not ok %s: %s:%d: %s\n", tc_test_name, __FILE__, __LINE__, #cond); \
    tc_test_case_failed = 1; tc_test_failed = 1; } } while (0)
#define CHECKF(cond, ...) do { if (!(cond)) { \
    if (!tc_test_case_failed) { printf("not ok %s: %s:%d: ", tc_test_name, __FILE__, __LINE__); \
      printf(__VA_ARGS__); printf("\n"); } \
    tc_test_case_failed = 1; tc_test_failed = 1; } } while (0)
#define SKIP(name, why) printf("skip %s: %s\n", (name), (why))

/* Reads a whole file; NULL if absent.  The caller frees. */
static inline char *tc_test_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t k;
    while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) { char *p = realloc(buf, cap *= 2); if (!p) { free(buf); buf = NULL; } else buf = p; }
    }
    fclose(f);
    if (buf) *len = n;
    return buf;
}

/* Path of a seed text: $TRIALCITE_SEEDS/name (default ../shared/seeds). */
static inline const char *tc_test_seed_path(const char *name, char *buf, size_t n)
{
    const char *dir = getenv("TRIALCITE_SEEDS");
    snprintf(buf, n, "%s/%s", dir ? dir : "../shared/seeds", name);
    return buf;
}
#endif
