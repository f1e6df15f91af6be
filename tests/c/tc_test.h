/* A tiny C test helper: each case prints "ok NAME" or "not ok NAME: why"
 * (tests/run.lua counts them); main returns non-zero if any failed. */
#ifndef TC_TEST_H
#define TC_TEST_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>

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

/* Calls fn(path, text, len, ud) for each file of dir whose name ends with suffix, in
 * directory order (text NULL when the file cannot be read), and frees the text after
 * it; stops when fn returns 0.  Returns how many files fn was given; 0 when dir cannot
 * be opened. */
typedef int (*tc_test_file_fn)(const char *path, const char *text, size_t len, void *ud);
static inline size_t tc_test_each_file(const char *dir, const char *suffix, tc_test_file_fn fn, void *ud)
{
    DIR *d = opendir(dir);
    if (!d) return 0;
    struct dirent *e;
    char path[4200];
    size_t n = 0, sl = strlen(suffix);
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name), len;
        if (l <= sl || strcmp(e->d_name + l - sl, suffix)) continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        char *text = tc_test_read(path, &len);
        n++;
        int more = fn(path, text, text ? len : 0, ud);
        free(text);
        if (!more) break;
    }
    closedir(d);
    return n;
}

/* Path of a seed text: $TRIALCITE_SEEDS/name (default ../shared/seeds). */
static inline const char *tc_test_seed_path(const char *name, char *buf, size_t n)
{
    const char *dir = getenv("TRIALCITE_SEEDS");
    snprintf(buf, n, "%s/%s", dir ? dir : "../shared/seeds", name);
    return buf;
}
#endif
