/* libFuzzer harness for the resolver's response handling: a Crossref or E-utilities
 * body (whatever a server sends) mapped to CSL-JSON by plugin/tc_csl.c.  The first
 * byte picks the mapper (work, esummary, bibliographic match) and its argument; with
 * bit 4 set, the bibliographic match takes the input as the reference text instead,
 * against a fixed answer (the free-text scanner and scorer, tc_refscan.c, tc_match.c). */
#include "fuzz_common.h"
#include "tc_csl.h"
#include <cjson/cJSON.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!size) return 0;
    static const char *const pmids[] = { "38061786", "32667654", "1", "" };
    static const char *const refs[] = {
        "Cooperman NA, Lu S, Hanley AW, et al. Telehealth mindfulness-oriented recovery enhancement vs usual care. JAMA Psychiatry 2024;81:338-46.",
        "Ilgen MA. Efficacy of a psychosocial pain management intervention. 2020",
        "", "x (",
    };
    unsigned sel = data[0];
    const char *json = (const char *)data + 1;
    size_t len = size - 1;
    char err[160];
    memset(err, 'x', sizeof err);
    char *out = (char *)1;
    size_t out_len = 0;
    int rc;
    switch (sel & 3) {
    case 1: rc = tc_csl_from_esummary(json, len, pmids[(sel >> 2) & 3], &out, &out_len, err, sizeof err); break;
    case 2: {
        if (sel & 16) {
            static const char answer[] = "{\"message\":{\"items\":["
                "{\"DOI\":\"10.1/a\",\"title\":[\"Telehealth mindfulness vs usual care in pain\"],\"author\":[{\"family\":\"van der Berg\"}],"
                "\"issued\":{\"date-parts\":[[2024]]},\"container-title\":[\"New England Journal of Medicine\"],\"volume\":\"81\",\"page\":\"338-346\"},"
                "{\"DOI\":\"10.1/b\",\"title\":[\"x\"],\"author\":[{\"name\":\"Group\"}],\"short-container-title\":[\"N Engl J Med\"],\"article-number\":\"e12\"}]}}";
            rc = tc_csl_match_crossref(answer, sizeof answer - 1, json, len, &out, &out_len, err, sizeof err);
            break;
        }
        const char *r = refs[(sel >> 2) & 3];
        rc = tc_csl_match_crossref(json, len, r, strlen(r), &out, &out_len, err, sizeof err);
        break;
    }
    case 3: {
        size_t tl = 0;
        char *t = tc_csl_clean_title(json, len, &tl);
        if (t) { FUZZ_CHECK(t[tl] == '\0'); tc_free(t); }
        return 0;
    }
    default: rc = tc_csl_from_crossref(json, len, &out, &out_len, err, sizeof err); break;
    }
    if (rc == TC_OK) {
        FUZZ_CHECK(out != NULL && out != (char *)1 && strlen(out) == out_len);
        cJSON *v = cJSON_ParseWithLength(out, out_len);
        FUZZ_CHECK(v != NULL);
        /* CSL-JSON: an object whose type, when present, is a string. */
        FUZZ_CHECK(cJSON_IsObject(v));
        const cJSON *type = cJSON_GetObjectItemCaseSensitive(v, "type");
        FUZZ_CHECK(type == NULL || cJSON_IsString(type));
        cJSON_Delete(v);
        tc_free(out);
    } else {
        FUZZ_CHECK(tc_fuzz_err_ok(err, sizeof err));
        FUZZ_CHECK(tc_strerror(rc) != NULL);
    }
    return 0;
}
