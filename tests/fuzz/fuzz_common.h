/* Shared by the libFuzzer harnesses (tests/fuzz/fuzz_*.c).  Each harness defines
 * LLVMFuzzerTestOneInput; tests/c/test_fuzz_regress.c includes the harness sources
 * with that name redefined and replays the files of tests/fuzz/regress/NAME through them in a
 * normal (or sanitizer) build.  A broken invariant aborts, which libFuzzer reports as a
 * crash and keeps the input. */
#ifndef TC_FUZZ_COMMON_H
#define TC_FUZZ_COMMON_H

#include "trialcite.h"
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond) do { if (!(cond)) { \
    fprintf(stderr, "fuzz invariant broken: %s:%d: %s\n", __FILE__, __LINE__, #cond); \
    abort(); } } while (0)

/* A span [off, off+len) lies inside a text of n bytes (without overflowing). */
static inline int tc_fuzz_span_ok(size_t off, size_t len, size_t n)
{
    return off <= n && len <= n - off;
}

/* An error buffer holds a NUL-terminated message. */
static inline int tc_fuzz_err_ok(const char *err, size_t errlen)
{
    return memchr(err, '\0', errlen) != NULL;
}

#endif
