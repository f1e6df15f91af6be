/* CSL mapping (tc_csl.c) on well-formed and hostile answers: wrong field types,
 * depth, missing pieces.  Never a crash; clear statuses. */
#include "tc_test.h"
#include "tc_csl.h"

static int crossref(const char *json, char **out)
{
    char err[256];
    size_t n;
    *out = NULL;
    return tc_csl_from_crossref(json, strlen(json), out, &n, err, sizeof err);
}

int main(void)
{
    char *out = NULL, err[256];
    size_t n;

    TEST_BEGIN("crossref: type, title string, authors, date-parts");
    CHECK(crossref("{\"message\":{\"DOI\":\"10.1/AB\",\"type\":\"journal-article\",\"title\":[\"A <i>b</i> &amp; c\"],"
                   "\"author\":[{\"given\":\"G\",\"family\":\"F\"}],\"issued\":{\"date-parts\":[[2020,2,3]]}}}", &out) == TC_OK);
    CHECKF(out && strstr(out, "\"type\":\"article-journal\"") && strstr(out, "\"title\":\"A b & c\"") &&
           strstr(out, "{\"family\":\"F\",\"given\":\"G\"}") && strstr(out, "\"date-parts\":[[2020,2,3]]") &&
           strstr(out, "\"DOI\":\"10.1/ab\""), "%s", out ? out : "(null)");
    tc_free(out);
    TEST_END();

    TEST_BEGIN("crossref: hostile field types are ignored");
    const char *hostile[] = {
        "{\"message\":{\"DOI\":5,\"title\":{\"x\":1}}}",
        "{\"message\":{\"DOI\":\"10.1/x\",\"title\":[1,null,[]],\"author\":{\"family\":1},\"issued\":{\"date-parts\":\"2020\"}}}",
        "{\"message\":{\"DOI\":\"10.1/x\",\"author\":[1,\"x\",{\"family\":[]},{\"name\":\"Org\"}],\"issued\":{\"date-parts\":[[\"2020\",\"x\"]]}}}",
        "{\"message\":{\"DOI\":\"10.1/x\",\"issued\":{\"date-parts\":[[99999999999]]},\"page\":7,\"volume\":[]}}",
        "{\"message\":{\"DOI\":\"10.1/x\",\"title\":[\"&#0; &#xD800; &#1114112; &#99999999999; &bogus; <\"]}}",
    };
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        int rc = crossref(hostile[i], &out);
        CHECKF(rc == TC_OK || rc == TC_EPARSE, "case %zu: rc %d", i, rc);
        tc_free(out);
    }
    CHECK(crossref("[]", &out) == TC_EPARSE && !out);
    CHECK(crossref("{\"message\":", &out) == TC_EPARSE && !out);
    TEST_END();

    TEST_BEGIN("depth bounded by TC_MAX_JSON_DEPTH");
    char deep[2 * (TC_MAX_JSON_DEPTH + 10) + 32];
    size_t k = 0;
    k += (size_t)sprintf(deep, "{\"message\":");
    for (int i = 0; i < TC_MAX_JSON_DEPTH + 5; i++) deep[k++] = '[';
    for (int i = 0; i < TC_MAX_JSON_DEPTH + 5; i++) deep[k++] = ']';
    deep[k++] = '}'; deep[k] = '\0';
    CHECK(tc_csl_from_crossref(deep, k, &out, &n, err, sizeof err) == TC_EPARSE && strstr(err, "deeper"));
    TEST_END();

    TEST_BEGIN("esummary: found, not found, malformed");
    const char *ok = "{\"result\":{\"uids\":[\"1\"],\"1\":{\"title\":\"T.\",\"authors\":[{\"name\":\"van der Berg JH\"},{\"name\":\"WHO Group\",\"authtype\":\"CollectiveName\"}],"
                     "\"pubdate\":\"2023 Jan-Feb\",\"articleids\":[{\"idtype\":\"pmc\",\"value\":\"PMC9\"}]}}}";
    CHECK(tc_csl_from_esummary(ok, strlen(ok), "1", &out, &n, err, sizeof err) == TC_OK);
    CHECKF(out && strstr(out, "\"title\":\"T\"") && strstr(out, "{\"family\":\"van der Berg\",\"given\":\"J. H.\"}") &&
           strstr(out, "{\"literal\":\"WHO Group\"}") && strstr(out, "[[2023,1]]") && strstr(out, "\"PMID\":\"1\"") &&
           strstr(out, "\"PMCID\":\"PMC9\""), "%s", out ? out : "(null)");
    tc_free(out);
    const char *missing = "{\"result\":{\"uids\":[\"2\"],\"2\":{\"uid\":\"2\",\"error\":\"cannot get document summary\"}}}";
    CHECK(tc_csl_from_esummary(missing, strlen(missing), "2", &out, &n, err, sizeof err) == TC_ENOTFOUND && !out);
    const char *limited = "{\"error\":\"API rate limit exceeded\"}";
    CHECK(tc_csl_from_esummary(limited, strlen(limited), "2", &out, &n, err, sizeof err) == TC_EPARSE);
    const char *odd = "{\"result\":{\"1\":{\"authors\":[{\"name\":5}],\"pubdate\":7}}}";
    CHECKF(tc_csl_from_esummary(odd, strlen(odd), "1", &out, &n, err, sizeof err) == TC_OK, "%s", err);
    tc_free(out);
    TEST_END();

    TEST_BEGIN("free-text match checks title, author and year");
    const char *list = "{\"message\":{\"items\":[{\"DOI\":\"10.1/a\",\"title\":[\"Alpha beta gamma delta\"],"
                       "\"author\":[{\"family\":\"Smith\"}],\"issued\":{\"date-parts\":[[2020]]}}]}}";
    const char *good = "Smith J. Alpha beta gamma delta. J 2020;1:2.";
    CHECK(tc_csl_match_crossref(list, strlen(list), good, strlen(good), &out, &n, err, sizeof err) == TC_OK);
    tc_free(out);
    const char *bads[] = { "Jones J. Alpha beta gamma delta. J 2020;1:2.", "Smith J. Alpha beta gamma delta. J 2021;1:2.",
                           "Smith J. Omega psi chi. J 2020;1:2." };
    for (size_t i = 0; i < 3; i++) {
        int rc = tc_csl_match_crossref(list, strlen(list), bads[i], strlen(bads[i]), &out, &n, err, sizeof err);
        CHECKF(rc == TC_ENOTFOUND && strncmp(err, "no match", 8) == 0, "case %zu: rc %d %s", i, rc, err);
    }
    TEST_END();
    return tc_test_failed;
}
