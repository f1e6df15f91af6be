/* Helpers shared by the bench programs (tests/bench/bench_*.c): a monotonic clock and
 * a whole-file reader. */
#ifndef TC_BENCH_UTIL_H
#define TC_BENCH_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static inline double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The whole file (one spare byte allocated past *len), or NULL. */
static inline char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    if (fseek(f, 0, SEEK_END) == 0) {
        long n = ftell(f);
        if (n >= 0 && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) != NULL) {
            *len = fread(buf, 1, (size_t)n, f);
            if (*len != (size_t)n) { free(buf); buf = NULL; }
        }
    }
    fclose(f);
    return buf;
}

#endif
