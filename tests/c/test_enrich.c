/* The C API of lookup and enrichment, as an FFI host sees it: argument checks, status
 * codes, ownership of the outputs, and arbitrary bytes in (a deterministic mini-fuzz). */
#include "trialcite.h"
#include "tc_test.h"
#include <cjson/cJSON.h>
#include <stdint.h>

static int valid_json(const char *s, size_t n)
{
    cJSON *v = cJSON_ParseWithLength(s, n);
    int ok = v != NULL;
    cJSON_Delete(v);
    return ok;
}

static uint32_t rng(uint32_t *s) { *s = *s * 1664525u + 1013904223u; return *s >> 8; }

int main(void)
{
    tc_data *data = NULL;
    char *out = NULL, *rep = NULL;
    size_t n = 0, rn = 0;
    const char *id = "minerva-20707";

    TEST_BEGIN("bundled data loads");
    CHECK(tc_data_bundled(&data) == TC_OK && data);
    TEST_END();
    if (!data) return 1;

    TEST_BEGIN("tc_lookup_json: statuses");
    CHECK(tc_lookup_json(data, NULL, id, strlen(id), 19, &out, &n) == TC_OK);
    CHECK(out && n == strlen(out) && valid_json(out, n) && strstr(out, "\"cooperman-2024\""));
    tc_free(out); out = NULL;
    CHECK(tc_lookup_json(data, NULL, id, strlen(id), 31, &out, &n) == TC_ENOTFOUND && !out);
    CHECK(tc_lookup_json(data, NULL, "nope", 4, 1, &out, &n) == TC_EINVAL && !out);
    CHECK(tc_lookup_json(data, NULL, NULL, 0, 1, &out, &n) == TC_EINVAL);
    CHECK(tc_lookup_json(NULL, NULL, id, strlen(id), 1, &out, &n) == TC_EINVAL);
    CHECK(tc_lookup_json(data, NULL, id, strlen(id), 1, NULL, &n) == TC_EINVAL);
    TEST_END();

    TEST_BEGIN("tc_lookup_json: a parsed doc, data optional");
    {
        const char *text = "Een zin (1). Nog een (2,3).";
        tc_doc *doc = NULL;
        CHECK(tc_parse(text, strlen(text), NULL, &doc) == TC_OK);
        CHECK(tc_lookup_json(NULL, doc, NULL, 0, 2, &out, &n) == TC_OK && valid_json(out, n));
        tc_free(out); out = NULL;
        CHECK(tc_lookup_json(data, doc, id, strlen(id), 2, &out, &n) == TC_EINVAL);
        CHECK(tc_lookup_json(data, doc, NULL, 0, 4, &out, &n) == TC_ENOTFOUND);
        tc_doc_free(doc);
    }
    TEST_END();

    TEST_BEGIN("tc_annotate_csl: NULL opts, report, bad input");
    {
        const char *items = "[{\"id\":\"a\",\"custom\":{\"x\":1}},{\"id\":\"b\",\"annote\":\"mine\"}]";
        CHECK(tc_annotate_csl(data, NULL, id, strlen(id), items, strlen(items), NULL, &out, &n, &rep, &rn) == TC_OK);
        CHECK(out && rep && valid_json(out, n) && valid_json(rep, rn));
        CHECK(strstr(out, "\"x\":1,\"trialcite\"") != NULL);
        CHECK(strstr(out, "\"annote\":\"mine\\n[trialcite] ") != NULL);
        tc_free(out); tc_free(rep); out = rep = NULL;
        tc_annotate_opts bad = { "abstract", 0 };
        CHECK(tc_annotate_csl(data, NULL, id, strlen(id), items, strlen(items), &bad, &out, &n, &rep, &rn) == TC_EINVAL);
        CHECK(!out && !rep);
        CHECK(tc_annotate_csl(data, NULL, id, strlen(id), "{}", 2, NULL, &out, &n, &rep, &rn) == TC_EPARSE);
        CHECK(tc_annotate_csl(data, NULL, id, strlen(id), NULL, 0, NULL, &out, &n, &rep, &rn) == TC_EPARSE);
        CHECK(tc_annotate_csl(data, NULL, id, strlen(id), NULL, 3, NULL, &out, &n, &rep, &rn) == TC_EINVAL);
        CHECK(!out && !rep);
    }
    TEST_END();

    TEST_BEGIN("tc_annotate_bibtex: NULL opts and empty input");
    CHECK(tc_annotate_bibtex(data, NULL, id, strlen(id), "", 0, NULL, &out, &n, &rep, &rn) == TC_OK);
    CHECK(out && n == 0 && valid_json(rep, rn));
    tc_free(out); tc_free(rep); out = rep = NULL;
    {
        tc_annotate_opts note = { "note", 0 };
        CHECK(tc_annotate_bibtex(data, NULL, id, strlen(id), "@misc{a}", 8, &note, &out, &n, &rep, &rn) == TC_EINVAL);
    }
    TEST_END();

    TEST_BEGIN("arbitrary bytes: outputs or clean refusals, reports always valid JSON");
    {
        static const char *const pieces[] = {
            "@misc{", "@string{", "@comment{", "@preamble(", "}", "{", "\"", ",", " = ", "title", "annotation",
            "[trialcite]", "[/trialcite]", "#", "\n", "\r\n", "(", ")", "x", "\xff", "\0", "citation-number = {19}",
            "[", "]", "{\"id\":", "\"annote\":", "1", "null", "\"\\u00e9\"", ":", "doi = {10.1/x}",
        };
        char buf[512];
        uint32_t seed = 12345;
        int bad = 0;
        for (int iter = 0; iter < 3000 && !bad; iter++) {
            size_t len = 0, k = rng(&seed) % 24;
            for (size_t j = 0; j < k; j++) {
                const char *p = pieces[rng(&seed) % (sizeof pieces / sizeof *pieces)];
                size_t pl = p[0] ? strlen(p) : 1;
                if (len + pl > sizeof buf) break;
                memcpy(buf + len, p, pl);
                len += pl;
            }
            int rc = (iter & 1)
                ? tc_annotate_bibtex(data, NULL, id, strlen(id), buf, len, NULL, &out, &n, &rep, &rn)
                : tc_annotate_csl(data, NULL, id, strlen(id), buf, len, NULL, &out, &n, &rep, &rn);
            if (rc == TC_OK) {
                if (!out || !rep || !valid_json(rep, rn)) bad = 1;
                if ((iter & 1) && !bad) {
                    /* twice == once */
                    char *o2 = NULL, *r2 = NULL;
                    size_t n2 = 0, rn2 = 0;
                    if (tc_annotate_bibtex(data, NULL, id, strlen(id), out, n, NULL, &o2, &n2, &r2, &rn2) != TC_OK
                        || n2 != n || memcmp(o2, out, n)) bad = 2;
                    tc_free(o2); tc_free(r2);
                }
            } else if (rc != TC_EPARSE || out || rep) bad = 3;
            tc_free(out); tc_free(rep); out = rep = NULL;
        }
        CHECKF(!bad, "failure kind %d", bad);
    }
    TEST_END();

    TEST_BEGIN("tc_annotate_csl: a huge numeric PMID/DOI is read within its buffer");
    {
        /* "%.0f" of 1e300 is 301 digits: the identity check must read only what fits. */
        static const char *const items[2] = { "[{\"id\":\"t\",\"citation-number\":19,\"PMID\":1e300}]",
                                              "[{\"id\":\"t\",\"citation-number\":19,\"DOI\":1e300}]" };
        static const char *const want[2] = { "PMID 1000000000000000052504760255204 is not",
                                             "DOI 1000000000000000052504760255204 is not" };
        for (int k = 0; k < 2; k++) {
            CHECK(tc_annotate_csl(data, NULL, id, strlen(id), items[k], strlen(items[k]), NULL, &out, &n, &rep, &rn) == TC_OK);
            CHECKF(rep && strstr(rep, want[k]), "report: %s", rep ? rep : "(null)");
            tc_free(out); tc_free(rep); out = rep = NULL;
        }
    }
    TEST_END();

    tc_data_free(data);
    return tc_test_failed;
}
