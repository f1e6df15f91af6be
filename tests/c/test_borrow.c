/* TC_PARSE_BORROW: a borrowed text gives the same document as a copied one, and no
 * stage reads past its last byte (the buffers here have no NUL after the text, so the
 * sanitizer build catches any over-read). */
#include "tc_test.h"
#include "trialcite.h"

static char *json_of(const char *text, size_t len, unsigned flags)
{
    tc_parse_opts opts = { 0 };
    opts.flags = flags;
    tc_doc *doc;
    char *out = NULL;
    size_t n;
    if (tc_parse(text, len, &opts, &doc) != TC_OK) return NULL;
    if (tc_doc_to_json(doc, &out, &n) != TC_OK) out = NULL;
    tc_doc_free(doc);
    return out;
}

static void same(const char *name, const char *src, size_t len)
{
    TEST_BEGIN(name);
    char *exact = malloc(len ? len : 1);   /* exactly len bytes: no terminator */
    CHECK(exact != NULL);
    if (exact) {
        if (len) memcpy(exact, src, len);
        char *a = json_of(exact, len, 0), *b = json_of(exact, len, TC_PARSE_BORROW);
        CHECK(a && b && !strcmp(a, b));
        tc_free(a); tc_free(b);
        free(exact);
    }
    TEST_END();
}

int main(void)
{
    static const char synthetic[] = "Resultaten\n\nHR 0,58; 95% BI van 0,37 tot 0,90; p=0,02 (1-4). "
        "Gemiddeld 48,5 jaar (SD 11,8) [5]. Eind (6";
    same("borrow: synthetic text ending inside a marker", synthetic, sizeof synthetic - 1);
    same("borrow: text ending in a number", "p=0,0", 5);
    same("borrow: empty text", "", 0);
    static const char *const seeds[] = { "000_bab1a242c0282361.txt", "002_50c727afd17edaac.txt" };
    for (int i = 0; i < 2; i++) {
        char path[4096];
        size_t len;
        char *text = tc_test_read(tc_test_seed_path(seeds[i], path, sizeof path), &len);
        if (!text) { SKIP("borrow: seed text", "seed text not found"); continue; }
        same(i ? "borrow: second seed" : "borrow: first seed", text, len);
        /* every prefix length cut inside the first 2 KB: ends mid-token everywhere */
        TEST_BEGIN(i ? "borrow: cut prefixes of the second seed" : "borrow: cut prefixes of the first seed");
        for (size_t k = 1; k < len && k < 2048; k += 7) {
            char *exact = malloc(k);
            memcpy(exact, text, k);
            char *a = json_of(exact, k, 0), *b = json_of(exact, k, TC_PARSE_BORROW);
            CHECKF(a && b && !strcmp(a, b), "prefix of %zu bytes", k);
            tc_free(a); tc_free(b); free(exact);
        }
        TEST_END();
        free(text);
    }
    return tc_test_failed;
}
