/* tc_parse_many (threads, input order, errors in place) and tc_forest_svg (rows,
 * escaping, bad input) through the public C API. */
#include "trialcite.h"
#include "tc_test.h"

static char *json_of(const tc_doc *d)
{
    char *s = NULL;
    size_t n;
    return d && tc_doc_to_json(d, &s, &n) == TC_OK ? s : NULL;
}

static void test_parse_many(void)
{
    enum { N = 64 };
    char bufs[N][160];
    const char *texts[N];
    size_t lens[N];
    tc_doc *docs[N];
    int status[N];
    TEST_BEGIN("parse_many: same documents as tc_parse, in order, on 1, 3 and 8 threads");
    for (int i = 0; i < N; i++) {
        int k = snprintf(bufs[i], sizeof bufs[i], "Tekst %d (%d-%d). HR 0,%02d (95%%-BI 0,%d tot 0,9%d) [%d].\n",
                         i, i % 9 + 1, i % 9 + 3, 50 + i % 40, i % 5 + 1, i % 10, i + 1);
        texts[i] = bufs[i];
        lens[i] = (size_t)k;
    }
    texts[5] = NULL; lens[5] = 0;                 /* an empty text */
    for (int round = 0; round < 3; round++) {
        int threads = round == 0 ? 1 : round == 1 ? 3 : 8;
        CHECK(tc_parse_many(texts, lens, N, threads, docs, status) == TC_OK);
        for (int i = 0; i < N; i++) {
            tc_doc *one = NULL;
            CHECKF(status[i] == TC_OK && docs[i], "text %d: status %d", i, status[i]);
            CHECK(tc_parse(texts[i] ? texts[i] : "", lens[i], NULL, &one) == TC_OK);
            char *a = json_of(docs[i]), *b = json_of(one);
            CHECKF(a && b && !strcmp(a, b), "text %d differs on %d threads", i, threads);
            tc_free(a); tc_free(b);
            tc_doc_free(one);
            tc_doc_free(docs[i]);
        }
    }
    TEST_END();

    TEST_BEGIN("parse_many: a bad entry fails in place; no texts; NULL arrays");
    texts[2] = NULL; lens[2] = 10;                /* NULL with a length: TC_EINVAL */
    CHECK(tc_parse_many(texts, lens, 4, 2, docs, status) == TC_OK);
    CHECK(status[2] == TC_EINVAL && docs[2] == NULL);
    CHECK(status[1] == TC_OK && status[3] == TC_OK);
    for (int i = 0; i < 4; i++) tc_doc_free(docs[i]);
    CHECK(tc_parse_many(NULL, NULL, 0, 4, NULL, NULL) == TC_OK);
    CHECK(tc_parse_many(NULL, lens, 3, 4, docs, status) == TC_EINVAL);
    TEST_END();
}

static size_t count(const char *s, const char *what)
{
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, what)); p += strlen(what)) n++;
    return n;
}

static void test_forest(void)
{
    static const char results[] =
        "[{\"outcome\":\"relapse <days> & more\",\"measure\":\"HR\",\"value\":0.58,"
        "\"ci\":{\"level\":95,\"low\":0.37,\"high\":0.9},\"timepoint\":\"16 weeks\"},"
        "{\"outcome\":\"no ci\",\"measure\":\"OR\",\"value\":2},"
        "{\"outcome\":\"pain\",\"value\":-0.5,\"ci\":{\"low\":-1.1,\"high\":0.1},\"subgroup\":\"women\"}]";
    char *svg = NULL;
    size_t n = 0;
    TEST_BEGIN("forest_svg: rows with a CI, both scales, escaped labels");
    tc_forest_opts o = { 500, "T\"itle", 7 };
    CHECK(tc_forest_svg(results, sizeof results - 1, &o, &svg, &n) == TC_OK && svg);
    if (svg) {
        CHECK(strlen(svg) == n);
        CHECK(!strncmp(svg, "<svg ", 5) && strstr(svg, "</svg>"));
        CHECK(count(svg, "<g class=\"row\"") == 2);
        CHECK(strstr(svg, "data-scale=\"log\"") && strstr(svg, "data-scale=\"linear\""));
        CHECK(strstr(svg, "relapse &lt;days&gt; &amp; more"));
        CHECK(strstr(svg, "T&quot;itle"));
        CHECK(strstr(svg, "width=\"500\""));
        CHECK(!strstr(svg, "no ci"));
    }
    tc_free(svg);
    TEST_END();

    TEST_BEGIN("forest_svg: a trial object; bad input");
    static const char trial[] = "{\"id\":\"x\",\"results\":[{\"measure\":\"RR\",\"value\":1.2,\"ci\":{\"low\":1,\"high\":1.5}}]}";
    svg = NULL;
    CHECK(tc_forest_svg(trial, sizeof trial - 1, NULL, &svg, &n) == TC_OK && svg && count(svg, "<g class=\"row\"") == 1);
    tc_free(svg);
    svg = NULL;
    CHECK(tc_forest_svg("{\"a\":1}", 7, NULL, &svg, &n) == TC_EPARSE && !svg);
    CHECK(tc_forest_svg("[1,", 3, NULL, &svg, &n) == TC_EPARSE && !svg);
    CHECK(tc_forest_svg(NULL, 3, NULL, &svg, &n) == TC_EINVAL);
    CHECK(tc_forest_svg("[]", 2, NULL, NULL, &n) == TC_EINVAL);
    CHECK(tc_forest_svg("[]", 2, NULL, &svg, &n) == TC_OK && svg && count(svg, "<g class=\"row\"") == 0);
    tc_free(svg);
    TEST_END();
}

int main(void)
{
    test_parse_many();
    test_forest();
    return tc_test_failed;
}
