/* The streaming JSON writer (plugin/tc_jsonw.c) against cJSON_PrintUnformatted, byte
 * for byte: numbers (integers, short decimals, random doubles, edge values), strings
 * (random bytes, with and without UTF-8 repair), whole cJSON trees (the bundled data),
 * and tc_doc_to_json against the cJSON-tree serialiser it replaced (ref_doc_json.c)
 * and tc_lookup_json against its cJSON-tree version (ref_lookup_json.c), on the seed
 * texts, the development corpus, generated hostile texts and any FILE given on the
 * command line, and for every number of the bundled documents. */
#define _DEFAULT_SOURCE
#include "tc_test.h"
#include "tc_jsonw.h"
#include "tc_data.h"
#include "ref_doc_json.c"
#include "ref_lookup_json.c"
#include <math.h>
#include <stdint.h>

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;
static uint64_t rnd(void)
{
    uint64_t x = rng_state;
    x ^= x << 13; x ^= x >> 7; x ^= x << 17;
    return rng_state = x;
}

/* ---- numbers ---- */

static int num_same(double d, char *got, size_t gn, char *want, size_t wn)
{
    tc_jw w;
    tc_jw_init(&w, 0);
    tc_jw_num(&w, d);
    char *a = tc_jw_take(&w, NULL);
    cJSON *n = cJSON_CreateNumber(d);
    char *b = n ? cJSON_PrintUnformatted(n) : NULL;
    int same = a && b && !strcmp(a, b);
    snprintf(got, gn, "%s", a ? a : "(null)");
    snprintf(want, wn, "%s", b ? b : "(null)");
    free(a); cJSON_free(b); cJSON_Delete(n);
    return same;
}

static void test_numbers(void)
{
    static const double edge[] = { 0.0, -0.0, 1, -1, 0.5, 0.1, 0.2, 0.1 + 0.2, 0.58, 0.37, 0.9, 0.90, 95, 1e-4, 9.99e-5,
        1.0001e-4, 1e-5, 1e-300, 1e300, 1e15, 1e15 - 1, 999999999999999.9, 1e16, 123456789012345.6, 2147483647.0,
        2147483648.0, -2147483648.0, -2147483649.0, 2147483647.5, 4294967296.0, 1.5e9, 3e9, 1.0 / 3, 2.0 / 3,
        12.345, -0.0001234, 0.00012345678901234, 1e-4 * 3, 5e-324, 1.7976931348623157e308, 0.30000000000000004,
        100.25, 13.9, 16.9, 11.8, -0.01, 0.19, 0.07, 1.372, 1372, 50.6, 57.1, 0.001, 0.0001, 1e21, 1e22, 1e23 };
    char got[64], want[64];
    int bad = 0;
    TEST_BEGIN("jsonw numbers: edge values as cJSON prints them");
    for (size_t i = 0; i < sizeof edge / sizeof *edge; i++)
        if (!num_same(edge[i], got, sizeof got, want, sizeof want) && bad++ < 3) CHECKF(0, "%.17g: %s, cJSON %s", edge[i], got, want);
    CHECK(num_same(NAN, got, sizeof got, want, sizeof want) && !strcmp(got, "null"));
    CHECK(num_same(INFINITY, got, sizeof got, want, sizeof want));
    CHECK(num_same(-INFINITY, got, sizeof got, want, sizeof want));
    TEST_END();

    TEST_BEGIN("jsonw numbers: 300000 short decimals, integers and random doubles");
    for (int i = 0; i < 300000 && bad < 3; i++) {
        double d;
        uint64_t r = rnd();
        switch (i % 4) {
        case 0: d = (double)(int64_t)(r % 2000000001) / pow(10, (double)(rnd() % 19)); break;
        case 1: d = (double)(int64_t)(r >> (rnd() % 64)) * ((r & 1) ? -1 : 1); break;
        case 2: memcpy(&d, &r, sizeof d); break;                      /* any bit pattern */
        default: d = (double)(r % 100000) / 100.0 - 500.0 + (double)(rnd() % 3) * 1e-9; break;
        }
        if (!num_same(d, got, sizeof got, want, sizeof want)) { bad++; CHECKF(0, "%.17g: %s, cJSON %s", d, got, want); }
    }
    TEST_END();

    TEST_BEGIN("jsonw numbers: tc_jw_int as the same double");
    long long ints[] = { 0, 1, -1, 9, 10, 99, 100, 2147483647LL, 2147483648LL, -2147483648LL, -2147483649LL,
                         999999999999999LL, 1000000000000000LL, -1000000000000000LL, 9007199254740993LL };
    for (size_t i = 0; i < sizeof ints / sizeof *ints; i++) {
        tc_jw w;
        tc_jw_init(&w, 0);
        tc_jw_int(&w, ints[i]);
        char *a = tc_jw_take(&w, NULL);
        cJSON *n = cJSON_CreateNumber((double)ints[i]);
        char *b = cJSON_PrintUnformatted(n);
        CHECKF(a && b && !strcmp(a, b), "%lld: %s, cJSON %s", ints[i], a ? a : "(null)", b ? b : "(null)");
        free(a); cJSON_free(b); cJSON_Delete(n);
    }
    TEST_END();
}

/* ---- strings ---- */

/* What the old serialiser did with a span: U+FFFD for invalid UTF-8 and NUL. */
static char *repaired(const char *s, size_t len)
{
    char *p = malloc(len * 3 + 1), *o = p;
    const unsigned char *u = (const unsigned char *)s, *e = u + len;
    while (p && u < e) {
        size_t k = tc_utf8_valid(u, (size_t)(e - u));
        if (k && *u) { memcpy(o, u, k); o += k; u += k; }
        else { memcpy(o, "\xEF\xBF\xBD", 3); o += 3; u++; }
    }
    if (p) *o = '\0';
    return p;
}

static void random_bytes(char *s, size_t n, int nul)
{
    static const char *const bits[] = { "\xc3\xa9", "\xe2\x88\x92", "\xf0\x9f\x98\x80", "\xc3", "\xff", "\xed\xa0\x80",
                                        "\"", "\\", "\n", "\t", "\x7f", "\x01", "\x1f", "/", "(1,2)" };
    size_t i = 0;
    while (i < n) {
        uint64_t r = rnd();
        if (r % 3 == 0) {
            const char *b = bits[(r >> 8) % (sizeof bits / sizeof *bits)];
            size_t k = strlen(b);
            if (i + k > n) k = n - i;
            memcpy(s + i, b, k);
            i += k;
        } else {
            char c = (char)(r >> 16);
            s[i++] = !nul && !c ? 'x' : c;
        }
    }
}

/* The same bytes through both: tc_jw_text vs repaired()+cJSON, tc_jw_str vs cJSON. */
static void test_strings2(void)
{
    char buf[300], raw[300];
    int bad = 0;
    TEST_BEGIN("jsonw strings: random bytes as cJSON prints them, raw and repaired");
    for (int t = 0; t < 20000 && bad < 3; t++) {
        size_t n = (size_t)(rnd() % (t < 10000 ? 40 : sizeof buf));
        random_bytes(buf, n, 1);
        memcpy(raw, buf, n);
        for (size_t i = 0; i < n; i++) if (!raw[i]) raw[i] = 'z';
        raw[n < sizeof raw ? n : sizeof raw - 1] = '\0';
        tc_jw w;
        tc_jw_init(&w, 0);
        tc_jw_arr(&w);
        tc_jw_text(&w, buf, n);
        tc_jw_str(&w, raw, strlen(raw));
        tc_jw_arr_end(&w);
        char *a = tc_jw_take(&w, NULL);
        char *rep = repaired(buf, n);
        cJSON *arr = cJSON_CreateArray();
        cJSON_AddItemToArray(arr, cJSON_CreateString(rep));
        cJSON_AddItemToArray(arr, cJSON_CreateString(raw));
        char *b = cJSON_PrintUnformatted(arr);
        if (!a || !b || strcmp(a, b)) { bad++; CHECKF(0, "case %d: %s\n  cJSON %s", t, a ? a : "(null)", b ? b : "(null)"); }
        free(a); free(rep); cJSON_free(b); cJSON_Delete(arr);
    }
    TEST_END();
}

/* ---- cJSON trees ---- */

static int tree_same(const cJSON *v, const char *what)
{
    tc_jw w;
    tc_jw_init(&w, 0);
    tc_jw_cjson(&w, v);
    size_t n;
    char *a = tc_jw_take(&w, &n), *b = cJSON_PrintUnformatted(v);
    int same = a && b && n == strlen(b) && !memcmp(a, b, n);
    if (!same) {
        size_t i = 0;
        while (a && b && a[i] && a[i] == b[i]) i++;
        CHECKF(0, "%s: differs at byte %zu", what, i);
    }
    free(a); cJSON_free(b);
    return same;
}

static void test_trees(void)
{
    tc_data *data = NULL;
    TEST_BEGIN("jsonw trees: the bundled data and the JSON fixtures as cJSON prints them");
    CHECK(tc_data_bundled(&data) == TC_OK);
    if (data) {
        tree_same(tc_data_documents(data), "documents");
        tree_same(tc_data_trials(data), "trials");
    }
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "ke\"y\n", cJSON_CreateRaw("[1,2]"));
    cJSON_AddItemToObject(o, "e", cJSON_CreateObject());
    cJSON_AddItemToObject(o, "a", cJSON_CreateArray());
    cJSON_AddItemToObject(o, "n", cJSON_CreateNull());
    cJSON_AddItemToObject(o, "t", cJSON_CreateTrue());
    cJSON_AddItemToObject(o, "f", cJSON_CreateFalse());
    cJSON_AddItemToObject(o, "s", cJSON_CreateString("\xff\x01"));
    tree_same(o, "small tree");
    cJSON_Delete(o);
    /* The JSON fixtures of the tests (CSL-JSON, Crossref and PubMed answers), parsed. */
    static const char *const fixtures[] = { "tests/fixtures/zotero-minerva-20577.json",
        "tests/server/fixtures/esummary-38061786.json", "tests/server/fixtures/work-10.1001_jamapsychiatry.2023.5138.json",
        "tests/server/fixtures/work-10.5555_markup.json", "tests/server/fixtures/works-query.json" };
    for (size_t i = 0; i < sizeof fixtures / sizeof *fixtures; i++) {
        size_t len;
        char *text = tc_test_read(fixtures[i], &len);
        cJSON *v = text ? tc_json_parse(text, len, NULL, NULL) : NULL;
        CHECKF(v != NULL, "%s: not read or not JSON (run from the repository root)", fixtures[i]);
        if (v) tree_same(v, fixtures[i]);
        cJSON_Delete(v);
        free(text);
    }
    tc_data_free(data);
    TEST_END();
}

/* ---- documents ---- */

static tc_data *bundled;

static int same_bytes(int ra, char *a, size_t an, int rb, char *b, size_t bn, const char *what, const char *how)
{
    int same = ra == rb && (ra != TC_OK || (an == bn && !memcmp(a, b, an)));
    if (!same) {
        size_t i = 0;
        while (a && b && i < an && i < bn && a[i] == b[i]) i++;
        CHECKF(0, "%s: %s: rc %d vs %d, %zu bytes vs %zu (cJSON tree), first difference at %zu: ...%.60s... vs ...%.60s...",
               what, how, ra, rb, an, bn, i, a && i < an ? a + (i > 20 ? i - 20 : 0) : "",
               b && i < bn ? b + (i > 20 ? i - 20 : 0) : "");
    }
    free(a); free(b);
    return same;
}

/* tc_lookup_json and its cJSON-tree version for number n. */
static int lookup_same(const tc_data *data, const tc_doc *doc, const char *id, int n, const char *what)
{
    char *a = NULL, *b = NULL, how[64];
    size_t an = 0, bn = 0;
    int ra = tc_lookup_json(data, doc, id, id ? strlen(id) : 0, n, &a, &an);
    int rb = ref_lookup_json(data, doc, id, id ? strlen(id) : 0, n, &b, &bn);
    snprintf(how, sizeof how, "lookup %d%s", n, data ? " (bundled data)" : "");
    return same_bytes(ra, a, an, rb, b, bn, what, how);
}

static int doc_same(const char *text, size_t len, int lang, const char *what)
{
    tc_parse_opts opts = { 0 };
    tc_doc *doc = NULL;
    opts.lang = lang;
    opts.id = "id\xff\"\n";
    opts.id_len = (rnd() & 1) ? 5 : 0;
    if (!opts.id_len) opts.id = NULL;
    int rc = tc_parse(text, len, &opts, &doc);
    if (rc != TC_OK) { CHECKF(rc == TC_ELIMIT, "%s: tc_parse: %s", what, tc_strerror(rc)); return 1; }
    char *a = NULL, *b = NULL;
    size_t an = 0, bn = 0;
    int ra = tc_doc_to_json(doc, &a, &an), rb = ref_doc_to_json(doc, &b, &bn);
    int same = same_bytes(ra, a, an, rb, b, bn, what, "to_json");
    /* At most some 30 numbers a text (each lookup recognises the text again). */
    size_t k = tc_doc_reference_count(doc), step = k / 30 + 1;
    for (size_t i = 0; same && i < k; i += step) {
        int n = tc_doc_reference_number(doc, i);
        same = lookup_same(bundled, doc, NULL, n, what) && lookup_same(NULL, doc, NULL, n, what);
    }
    if (same) same = lookup_same(bundled, doc, NULL, TC_MAX_REF_NUMBER + 1, what);
    tc_doc_free(doc);
    return same;
}

/* Each text with its language detected; with *all_langs, as each language too. */
static int text_same(const char *path, const char *text, size_t len, void *all_langs)
{
    if (!text) { CHECKF(0, "cannot read %s", path); return 0; }
    int ok = doc_same(text, len, 0, path);
    for (int lang = TC_LANG_NL; ok && *(int *)all_langs && lang <= TC_LANG_EN; lang++) ok = doc_same(text, len, lang, path);
    return ok;
}

static int file_same(const char *path, int all_langs)
{
    size_t len = 0;
    char *text = tc_test_read(path, &len);
    int ok = text_same(path, text, len, &all_langs);
    free(text);
    return ok;
}

static size_t dir_same(const char *dir, const char *suffix, int all_langs)
{
    return tc_test_each_file(dir, suffix, text_same, &all_langs);
}

/* Texts made of what the scanners look for and what breaks naive code. */
static void hostile(char *s, size_t n)
{
    static const char *const bits[] = { "(1,2)", "(3-5)", "(1,2,5-8)", "(1-999999)", "(0)", "(", ")", "HR ", "OR ", "RR ",
        "0,58 ", "0.58", "(95% BI van 0,37 tot 0,90)", "95% CI 0.37-0.90", "[0,37; 0,90]", "p=0,02", "p<0,001", "p = .03",
        "(SD 11,8)", "± 9.4", "57%", "n = 246", "154 deelnemers", "1e-5", "1e309", "10^-3", "\xe2\x88\x92", "\xc2\xb7",
        "Resultaten\n", "\nMethods\n", "Results\n\n", "\n\n", "\r\n", ". ", "? ", "\xff", "\xc3", "\0", "\t", "\"", "\\",
        "\x01", "gemiddeld ", "mean difference ", "12 weken", "bij vrouwen", "99999999999999999999", "-", "\xe2\x80\x93",
        "Table 1 ", "HR met 95% BI\n", "0,05 na 6 maanden (95% BI van \xe2\x88\x92" "0,02 tot 0,12)" };
    size_t i = 0;
    while (i < n) {
        uint64_t r = rnd();
        if (r % 5) {
            const char *b = bits[(r >> 8) % (sizeof bits / sizeof *bits)];
            size_t k = b[0] ? strlen(b) : 1;
            if (i + k > n) k = n - i;
            memcpy(s + i, b, k);
            i += k;
        } else {
            s[i++] = (char)(r % 7 ? 'a' + (r >> 20) % 26 : (r >> 24));
        }
    }
}

static void test_documents(int argc, char **argv)
{
    TEST_BEGIN("tc_lookup_json equals the cJSON-tree version for every number of the bundled documents");
    CHECK(tc_data_bundled(&bundled) == TC_OK);
    static const char *const ids[] = { "minerva-20577", "minerva-20707" };
    for (int d = 0; d < 2; d++)
        for (int n = 0; n <= 40; n++) lookup_same(bundled, NULL, ids[d], n, ids[d]);
    TEST_END();

    char path[4200], dir[4096];
    const char *seeds = getenv("TRIALCITE_SEEDS");
    snprintf(dir, sizeof dir, "%s", seeds ? seeds : "../shared/seeds");

    TEST_BEGIN("tc_doc_to_json and tc_lookup_json equal their cJSON-tree versions on the seed texts");
    size_t n = dir_same(dir, ".txt", 1);
    TEST_END();
    if (!n) SKIP("jsonw seeds", "no seed texts in $TRIALCITE_SEEDS");

    snprintf(path, sizeof path, "%s/../corpus/pmc-dev", dir);
    TEST_BEGIN("tc_doc_to_json and tc_lookup_json equal their cJSON-tree versions on the development corpus");
    n = dir_same(path, ".txt", 0);
    TEST_END();
    if (!n) SKIP("jsonw corpus", "no corpus/pmc-dev beside the seeds");
    else printf("# jsonw: %zu corpus texts compared\n", n);

    TEST_BEGIN("tc_doc_to_json and tc_lookup_json equal their cJSON-tree versions on 200 generated hostile texts");
    static char text[1 << 14];
    for (int t = 0; t < 200; t++) {
        size_t len = (size_t)(rnd() % (t < 180 ? 2000 : sizeof text));
        hostile(text, len);
        char what[64];
        snprintf(what, sizeof what, "hostile text %d", t);
        if (!doc_same(text, len, t % 4, what)) break;
    }
    CHECK(doc_same("", 0, 0, "empty text"));
    TEST_END();

    if (argc > 1) {
        TEST_BEGIN("tc_doc_to_json and tc_lookup_json equal their cJSON-tree versions on the files given");
        for (int i = 1; i < argc; i++) if (!file_same(argv[i], 1)) break;
        TEST_END();
    }
}

int main(int argc, char **argv)
{
    test_numbers();
    test_strings2();
    test_trees();
    test_documents(argc, argv);
    tc_data_free(bundled);
    return tc_test_failed;
}
