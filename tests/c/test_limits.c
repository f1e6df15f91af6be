/* The limits of include/trialcite.h, each exceeded on purpose: every one must end in a
 * clear status (TC_ELIMIT, TC_EPARSE, ...) or a reported cap, never in undefined
 * behaviour.  TC_MAX_HTTP_BODY is exercised against the test server by the resolver's
 * own tests; here only its clamp of the configured value is checked. */
#include "tc_test.h"
#include "tc_internal.h"
#include "tc_csl.h"
#include <stdint.h>

static const tc_citation *find_marker(const tc_doc *doc, const char *text, const char *marker)
{
    size_t m = strlen(marker);
    for (size_t i = 0; i < tc_doc_citation_count(doc); i++) {
        const tc_citation *c = tc_doc_citation(doc, i);
        if (c->len == m && !memcmp(text + c->off, marker, m)) return c;
    }
    return NULL;
}

static int has_check(const tc_doc *doc, const char *part)
{
    for (size_t i = 0; i < tc_doc_check_count(doc); i++)
        if (strstr(tc_doc_check(doc, i)->code, part)) return 1;
    return 0;
}

static char *nested(size_t depth, size_t *len)
{
    char *s = malloc(2 * depth + 1);
    if (!s) return NULL;
    memset(s, '[', depth);
    memset(s + depth, ']', depth);
    s[2 * depth] = '\0';
    *len = 2 * depth;
    return s;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    tc_doc *doc = NULL;
    char small[8] = "(1) x";

    TEST_BEGIN("limits: TC_MAX_TEXT: a longer text is TC_ELIMIT, checked before reading");
    /* The length check comes before the copy, so a small buffer is safe here. */
    doc = (tc_doc *)1;
    CHECK(tc_parse(small, (size_t)TC_MAX_TEXT + 1, NULL, &doc) == TC_ELIMIT);
    CHECK(doc == NULL);
    CHECK(tc_parse(small, SIZE_MAX, NULL, &doc) == TC_ELIMIT);
    CHECK(strcmp(tc_strerror(TC_ELIMIT), "limit exceeded") == 0);
    TEST_END();

    TEST_BEGIN("limits: misuse of tc_parse and friends is TC_EINVAL");
    CHECK(tc_parse(NULL, 5, NULL, &doc) == TC_EINVAL);
    CHECK(tc_parse(small, 5, NULL, NULL) == TC_EINVAL);
    CHECK(tc_parse(NULL, 0, NULL, &doc) == TC_OK && doc && tc_doc_citation_count(doc) == 0);
    char *out = NULL; size_t olen;
    CHECK(tc_doc_to_json(NULL, &out, &olen) == TC_EINVAL);
    CHECK(tc_doc_to_json(doc, NULL, &olen) == TC_EINVAL);
    tc_doc_free(doc); doc = NULL;
    tc_doc_free(NULL);
    CHECK(tc_text_clean(NULL, 3, &out, &olen) == TC_EINVAL);
    CHECK(tc_text_clean(small, 3, NULL, &olen) == TC_EINVAL);
    CHECK(strcmp(tc_strerror(-1), "unknown error") == 0 && strcmp(tc_strerror(1000), "unknown error") == 0);
    CHECK(tc_section_kind_name(-5) != NULL && tc_section_kind_name(1 << 30) != NULL);
    CHECK(tc_measure_name(-1) == NULL && tc_op_name(99) == NULL && tc_stat_kind_name(0) == NULL);
    TEST_END();

    TEST_BEGIN("limits: TC_MAX_RANGE: a longer range is capped and reported");
    const char *t1 = "Eerder (1) en daarna (1-100000) en (2).";
    CHECK(tc_parse(t1, strlen(t1), NULL, &doc) == TC_OK);
    const tc_citation *c = doc ? find_marker(doc, t1, "(1-100000)") : NULL;
    CHECK(c != NULL);
    if (c) {
        CHECK(c->flags & TC_CIT_CAPPED);
        CHECKF(c->nrefs == TC_MAX_RANGE, "nrefs %zu", c->nrefs);
        CHECK(c->refs[c->nrefs - 1] <= TC_MAX_REF_NUMBER);
        CHECK(has_check(doc, "cap"));
    }
    tc_doc_free(doc); doc = NULL;
    TEST_END();

    TEST_BEGIN("limits: TC_MAX_MARKER_REFS: a marker naming more is capped and reported");
    const char *t2 = "Eerder (1) en (1-200, 201-400, 401-600).";
    CHECK(tc_parse(t2, strlen(t2), NULL, &doc) == TC_OK);
    c = doc ? find_marker(doc, t2, "(1-200, 201-400, 401-600)") : NULL;
    CHECK(c != NULL);
    if (c) {
        CHECK(c->flags & TC_CIT_CAPPED);
        CHECKF(c->nrefs == TC_MAX_MARKER_REFS, "nrefs %zu", c->nrefs);
    }
    tc_doc_free(doc); doc = NULL;
    TEST_END();

    TEST_BEGIN("limits: TC_MAX_REF_NUMBER: no reference number above it");
    const char *t3 = "Eerder (1) en (2) en (10000) en (99999999999999999999) en (9990-10010).";
    CHECK(tc_parse(t3, strlen(t3), NULL, &doc) == TC_OK);
    for (size_t i = 0; doc && i < tc_doc_citation_count(doc); i++) {
        c = tc_doc_citation(doc, i);
        for (size_t j = 0; j < c->nrefs; j++) CHECK(c->refs[j] >= 0 && c->refs[j] <= TC_MAX_REF_NUMBER);
    }
    for (size_t i = 0; doc && i < tc_doc_reference_count(doc); i++)
        CHECK(tc_doc_reference_number(doc, i) <= TC_MAX_REF_NUMBER);
    tc_doc_free(doc); doc = NULL;
    TEST_END();

    TEST_BEGIN("limits: TC_MAX_JSON_DEPTH: deeper trial data is TC_EPARSE with a message");
    size_t len;
    char *deep = nested(TC_MAX_JSON_DEPTH + 1, &len);
    char err[160] = "";
    tc_data *data = (tc_data *)1;
    int rc = tc_data_load(deep, len, &data, err, sizeof err);
    CHECKF(rc == TC_EPARSE, "status %d", rc);
    CHECK(data == NULL);
    CHECKF(err[0] != '\0', "no message");
    free(deep);
    deep = nested(100000, &len);   /* far past cJSON's own limit too */
    CHECK(tc_data_load(deep, len, &data, err, sizeof err) == TC_EPARSE && data == NULL);
    TEST_END();

    TEST_BEGIN("limits: TC_MAX_JSON_DEPTH: deeper resolver answers are TC_EPARSE with a message");
    char *cout = NULL; size_t clen;
    err[0] = '\0';
    CHECK(tc_csl_from_crossref(deep, len, &cout, &clen, err, sizeof err) == TC_EPARSE && err[0]);
    free(deep);
    char *wrapped = malloc(2 * (TC_MAX_JSON_DEPTH + 1) + 32);
    if (wrapped) {
        int k = sprintf(wrapped, "{\"message\":{\"title\":");
        for (int i = 0; i < TC_MAX_JSON_DEPTH; i++) wrapped[k++] = '[';
        for (int i = 0; i < TC_MAX_JSON_DEPTH; i++) wrapped[k++] = ']';
        k += sprintf(wrapped + k, "}}");
        err[0] = '\0';
        rc = tc_csl_from_crossref(wrapped, (size_t)k, &cout, &clen, err, sizeof err);
        CHECKF(rc == TC_EPARSE && err[0], "status %d", rc);
        err[0] = '\0';
        rc = tc_csl_from_esummary(wrapped, (size_t)k, "1", &cout, &clen, err, sizeof err);
        CHECKF(rc != TC_OK && err[0], "status %d", rc);
        free(wrapped);
    }
    TEST_END();

    TEST_BEGIN("limits: TC_MAX_HTTP_BODY is the default and the ceiling of a resolver's max_body");
    tc_resolver *r = NULL;
    tc_resolver_opts ro;
    memset(&ro, 0, sizeof ro);
    ro.offline = 1;
    ro.cache_dir = "/nonexistent/trialcite-limits";
    CHECK(tc_resolver_new(&ro, &r) == TC_OK && r != NULL);
    tc_resolver_free(r);
    tc_resolver_free(NULL);
    TEST_END();

    TEST_BEGIN("limits: TC_MAX_CONTEXT: a narrowed context never exceeds it, even at a UTF-8 boundary");
    {
        /* "A" and 2-byte letters, then the marker: the window's start falls inside a letter. */
        for (int pad = 0; pad < 4; pad++) {
            char text[2 * TC_MAX_CONTEXT + 64];
            size_t k = 0;
            for (int j = 0; j < pad; j++) text[k++] = 'A';
            while (k < TC_MAX_CONTEXT + 100) { text[k++] = (char)0xC3; text[k++] = (char)0xA9; }
            memcpy(text + k, " (1).", 5); k += 5;
            tc_doc *doc = NULL;
            size_t off = 0, len = 0;
            CHECK(tc_parse(text, k, NULL, &doc) == TC_OK && doc);
            CHECK(doc && tc_doc_citation_count(doc) == 1);
            int narrowed = doc ? tc_doc_citation_context(doc, 0, &off, &len) : -1;
            CHECKF(narrowed == 1 && len <= TC_MAX_CONTEXT, "pad %d: narrowed %d, len %zu", pad, narrowed, len);
            CHECK(((unsigned char)text[off] & 0xC0) != 0x80);
            CHECK(off + len == k || ((unsigned char)text[off + len] & 0xC0) != 0x80);
            tc_doc_free(doc);
        }
    }
    TEST_END();
    return tc_test_failed;
}
