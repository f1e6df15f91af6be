/* Language detection (tc_lang.c) against the linear scan it replaced, kept here as the
 * reference: the same word counts and the same language on the seed texts, the corpus
 * and synthetic texts (every prefix length, unaligned starts, cut words at the 64 KB
 * sample end, upper case, UTF-8, NUL bytes). */
#define _DEFAULT_SOURCE
#include "tc_internal.h"
#include "tc_text.h"
#include "tc_test.h"
#include <dirent.h>

#define SAMPLE_BYTES ((size_t)64 << 10)

/* The detector as it was before issue 14: every word of at most 6 bytes compared with
 * each entry of the list in turn. */
static void old_hits(const char *text, size_t len, unsigned hits[4])
{
    const unsigned char *s = (const unsigned char *)text;
    size_t n = len < SAMPLE_BYTES ? len : SAMPLE_BYTES, i = 0, nw = tc_lang_words(0, &(const char *){ 0 }, &(size_t){ 0 }, &(int){ 0 });
    hits[0] = hits[1] = hits[2] = hits[3] = 0;
    while (i < n) {
        if (!tc_is_wordbyte(s[i])) { i++; continue; }
        size_t a = i;
        while (i < n && tc_is_wordbyte(s[i])) i++;
        size_t wl = i - a;
        if (wl > 6) continue;
        char w[6];
        for (size_t k = 0; k < wl; k++) w[k] = (char)(s[a + k] | (tc_is_upper_ascii(s[a + k]) ? 0x20 : 0));
        for (size_t k = 0; k < nw; k++) {
            const char *lw; size_t ll; int lang;
            tc_lang_words(k, &lw, &ll, &lang);
            if (ll == wl && !memcmp(lw, w, wl)) { hits[lang]++; break; }
        }
    }
}

static int old_lang(const char *text, size_t len)
{
    unsigned hits[4];
    old_hits(text, len, hits);
    int best = TC_LANG_UNKNOWN;
    unsigned top = 0, second = 0;
    for (int l = TC_LANG_NL; l <= TC_LANG_EN; l++) {
        if (hits[l] > top) { second = top; top = hits[l]; best = l; }
        else if (hits[l] > second) second = hits[l];
    }
    return top >= 3 && 2 * top >= 3 * second ? best : TC_LANG_UNKNOWN;
}

static int new_lang(const char *text, size_t len)
{
    tc_doc *d = NULL;
    tc_parse_opts o = { 0 };
    o.flags = TC_PARSE_BORROW;
    if (tc_parse(text, len, &o, &d) != TC_OK) return -1;
    int l = tc_doc_lang(d);
    tc_doc_free(d);
    return l;
}

/* 1 when counts and language agree; else prints why. */
static int same(const char *what, const char *text, size_t len)
{
    unsigned a[4], b[4];
    old_hits(text, len, a);
    tc_lang_hits(text, len, b);
    if (memcmp(a + 1, b + 1, 3 * sizeof *a)) {
        printf("# %s (%zu bytes): counts nl/fr/en %u/%u/%u, the linear scan %u/%u/%u\n", what, len,
               b[1], b[2], b[3], a[1], a[2], a[3]);
        return 0;
    }
    int ol = old_lang(text, len), nl = new_lang(text, len);
    if (ol != nl) { printf("# %s: language %d, the linear scan %d\n", what, nl, ol); return 0; }
    return 1;
}

static unsigned long long rng_state = 0x9E3779B97F4A7C15ull;
static unsigned rnd(unsigned n)
{
    rng_state ^= rng_state << 13; rng_state ^= rng_state >> 7; rng_state ^= rng_state << 17;
    return (unsigned)(rng_state % n);
}

/* Appends one random token to buf: a listed word in random case, a word of random
 * letters, a UTF-8 letter, punctuation, digits, white space or a NUL byte. */
static size_t token(char *buf, size_t at, size_t cap)
{
    char t[16];
    size_t n = 0;
    switch (rnd(8)) {
    case 0: case 1: case 2: {
        const char *w; size_t l; int lang;
        size_t nw = tc_lang_words(0, &w, &l, &lang);
        tc_lang_words(rnd((unsigned)nw), &w, &l, &lang);
        for (size_t k = 0; k < l; k++) t[n++] = (char)(rnd(3) ? w[k] : (w[k] >= 'a' && w[k] <= 'z' ? w[k] - 32 : w[k]));
        break;
    }
    case 3: { unsigned l = 1 + rnd(9); for (unsigned k = 0; k < l; k++) t[n++] = (char)((rnd(4) ? 'a' : 'A') + rnd(26)); break; }
    case 4: t[n++] = (char)0xC3; t[n++] = (char)(0xA0 + rnd(32)); break;
    case 5: t[n++] = ".,;:()-'\"/"[rnd(10)]; break;
    case 6: t[n++] = (char)('0' + rnd(10)); break;
    default: t[n++] = " \n\t\r\0  "[rnd(7)]; break;
    }
    if (at + n > cap) n = cap - at;
    memcpy(buf + at, t, n);
    return at + n;
}

/* ud: the count of texts read. */
static int file_same(const char *path, const char *text, size_t len, void *ud)
{
    if (!text) return 1;
    ++*(size_t *)ud;
    CHECKF(same(path, text, len), "%s differs from the linear scan", path);
    return 1;
}

static void test_files(const char *name, const char *dir, int want_files)
{
    DIR *dp = opendir(dir);
    if (!dp) { SKIP(name, "no texts found"); return; }
    closedir(dp);
    TEST_BEGIN(name);
    size_t files = 0;
    tc_test_each_file(dir, ".txt", file_same, &files);
    CHECKF(files >= (size_t)want_files, "only %zu texts read in %s", files, dir);
    TEST_END();
}

int main(void)
{
    char dir[4096];
    const char *seeds = getenv("TRIALCITE_SEEDS");
    if (!seeds) seeds = "../shared/seeds";
    test_files("lang: seed texts as the linear scan", seeds, 2);
    snprintf(dir, sizeof dir, "%s/../corpus/pmc-dev", seeds);
    test_files("lang: corpus texts as the linear scan", dir, 10);

    TEST_BEGIN("lang: synthetic texts, every prefix and start, as the linear scan");
    {
        static char buf[600];
        int bad = 0;
        for (int round = 0; round < 300 && !bad; round++) {
            size_t n = 0;
            while (n < sizeof buf) n = token(buf, n, sizeof buf);
            for (size_t start = 0; start < 9 && !bad; start++)
                for (size_t len = 0; start + len <= sizeof buf && !bad; len += 1 + (len > 200) * 7)
                    if (!same("synthetic", buf + start, len)) bad = 1;
        }
        CHECK(!bad);
    }
    TEST_END();

    TEST_BEGIN("lang: words cut at the 64 KB sample end, as the linear scan");
    {
        size_t cap = SAMPLE_BYTES + 256;
        char *big = malloc(cap);
        CHECK(big != NULL);
        int bad = 0;
        for (int round = 0; big && round < 40 && !bad; round++) {
            size_t n = 0;
            while (n < cap) n = token(big, n, cap);
            /* A listed word straddling the cut, at each offset. */
            memcpy(big + SAMPLE_BYTES - 1 - (size_t)(round % 8), " dans ", 6);
            if (!same("long", big, cap) || !same("long", big + 1, cap - 1)
                || !same("sample-sized", big, SAMPLE_BYTES - (size_t)round)) bad = 1;
        }
        CHECK(!bad);
        free(big);
    }
    TEST_END();

    TEST_BEGIN("lang: each listed word alone, in capitals and after 7 letters");
    {
        const char *w; size_t l; int lang;
        size_t nw = tc_lang_words(0, &w, &l, &lang);
        int bad = 0;
        for (size_t k = 0; k < nw; k++) {
            char t[64];
            tc_lang_words(k, &w, &l, &lang);
            unsigned h[4];
            tc_lang_hits(w, l, h);
            if (h[lang] != 1) bad = 1;
            for (size_t j = 0; j < l; j++) t[j] = (char)(tc_is_lower_ascii((unsigned char)w[j]) ? w[j] - 32 : w[j]);
            tc_lang_hits(t, l, h);
            if (h[lang] != 1) bad = 1;
            memcpy(t, "abcdefg", 7); memcpy(t + 7, w, l);
            tc_lang_hits(t, l + 7, h);
            if (h[lang] != 0) bad = 1;
        }
        CHECK(!bad);
        CHECK(new_lang("het een van de", 14) == TC_LANG_NL);
        CHECK(new_lang("le la les", 9) == TC_LANG_FR);
        CHECK(new_lang("the and of", 10) == TC_LANG_EN);
        CHECK(new_lang("", 0) == TC_LANG_UNKNOWN);
    }
    TEST_END();
    return tc_test_failed;
}
