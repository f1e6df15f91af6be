/* The trial-data C API: bundled data, lookup, the loader's errors (each naming the
 * field), limits, and recognition of the seed texts. */
#include "trialcite.h"
#include "tc_test.h"

/* Loads json; expects TC_EPARSE with a message containing want. */
static void load_fails(const char *name, const char *json, const char *want)
{
    char err[400];
    tc_data *d = (tc_data *)&err;   /* must be reset to NULL */
    TEST_BEGIN(name);
    int rc = tc_data_load(json, strlen(json), &d, err, sizeof err);
    CHECKF(rc == TC_EPARSE, "status %d", rc);
    CHECK(d == NULL);
    CHECKF(strstr(err, want) != NULL, "message \"%s\" lacks \"%s\"", err, want);
    TEST_END();
    tc_data_free(d);
}

static int contains(const char *s, const char *sub) { return s && strstr(s, sub) != NULL; }

static void test_bundled(void)
{
    tc_data *d = NULL;
    char *out = NULL;
    size_t len = 0;
    TEST_BEGIN("bundled data loads, with two documents and two trials");
    CHECK(tc_data_bundled(&d) == TC_OK && d != NULL);
    CHECK(tc_data_documents_json(d, &out, &len) == TC_OK);
    CHECK(out && strlen(out) == len && out[0] == '[');
    CHECK(contains(out, "\"id\":\"minerva-20577\"") && contains(out, "\"id\":\"minerva-20707\""));
    tc_free(out); out = NULL;
    CHECK(tc_data_trials_json(d, &out, &len) == TC_OK);
    CHECK(contains(out, "\"id\":\"ilgen-2020\"") && contains(out, "\"id\":\"cooperman-2024\""));
    tc_free(out); out = NULL;
    TEST_END();

    TEST_BEGIN("tc_data_trial_json: id, DOI forms, PMID, PMCID, registration");
    static const char *const keys[] = {
        "cooperman-2024", "10.1001/JAMAPSYCHIATRY.2023.5138", "doi:10.1001/jamapsychiatry.2023.5138",
        "https://doi.org/10.1001/jamapsychiatry.2023.5138", "38061786", "PMC10704342", "NCT04491968",
    };
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        out = NULL;
        int rc = tc_data_trial_json(d, keys[i], strlen(keys[i]), &out, &len);
        CHECKF(rc == TC_OK && contains(out, "\"id\":\"cooperman-2024\""), "key %s: status %d", keys[i], rc);
        tc_free(out);
    }
    /* Keys are (pointer, length): the length is honoured, no NUL needed. */
    out = NULL;
    CHECK(tc_data_trial_json(d, "ilgen-2020XYZ", 10, &out, &len) == TC_OK && contains(out, "ilgen-2020"));
    tc_free(out); out = NULL;
    CHECK(tc_data_trial_json(d, "nope", 4, &out, &len) == TC_ENOTFOUND && out == NULL);
    CHECK(tc_data_trial_json(d, "", 0, &out, &len) == TC_ENOTFOUND);
    CHECK(tc_data_document_json(d, "minerva-20707", 13, &out, &len) == TC_OK && contains(out, "\"appraised_reference\":19"));
    tc_free(out); out = NULL;
    CHECK(tc_data_document_json(d, "minerva-2070", 12, &out, &len) == TC_ENOTFOUND);
    CHECK(tc_data_trial_json(NULL, "x", 1, &out, &len) == TC_EINVAL);
    TEST_END();

    TEST_BEGIN("recognition of the seed texts");
    char path[1024];
    size_t n = 0;
    char *text = tc_test_read(tc_test_seed_path("002_50c727afd17edaac.txt", path, sizeof path), &n);
    if (!text) {
        SKIP("recognition of the seed texts", "seed text not found (TRIALCITE_SEEDS)");
    } else {
        tc_doc *doc = NULL;
        CHECK(tc_parse(text, n, NULL, &doc) == TC_OK);
        const char *id = tc_data_recognize(d, doc);
        CHECKF(id && !strcmp(id, "minerva-20707"), "recognized as %s", id ? id : "(none)");
        tc_doc_free(doc);
        /* Reflowed: every line break doubled and spaces added. */
        char *wide = malloc(2 * n + 1);
        size_t w = 0;
        for (size_t i = 0; i < n; i++) { wide[w++] = text[i]; if (text[i] == '\n') wide[w++] = ' '; }
        doc = NULL;
        CHECK(tc_parse(wide, w, NULL, &doc) == TC_OK);
        id = tc_data_recognize(d, doc);
        CHECKF(id && !strcmp(id, "minerva-20707"), "reflowed recognized as %s", id ? id : "(none)");
        tc_doc_free(doc);
        doc = NULL;
        CHECK(tc_parse(text, n / 3, NULL, &doc) == TC_OK);
        CHECK(tc_data_recognize(d, doc) == NULL);
        tc_doc_free(doc);
        free(wide);
        free(text);
        TEST_END();
    }
    tc_data_free(d);
}

static void test_load(void)
{
    char err[400];
    tc_data *d = NULL;
    char *out = NULL;
    size_t len = 0;
    static const char ok[] =
        "{\"trials\":[{\"id\":\"t1\",\"title\":\"T\",\"citation\":{\"type\":\"article-journal\",\"DOI\":\"10.5/AB\"},"
        "\"population\":{\"randomized\":10},\"results\":[{\"outcome\":\"o\",\"value\":0.5,"
        "\"ci\":{\"level\":95,\"low\":0.3,\"high\":0.8}}],"
        "\"evidence\":[{\"path\":\"results[1].ci.high\",\"value\":0.8,\"source\":\"paper\"}]}]}";
    TEST_BEGIN("tc_data_load: a valid user file");
    CHECK(tc_data_load(ok, sizeof ok - 1, &d, err, sizeof err) == TC_OK && d != NULL);
    CHECK(tc_data_trial_json(d, "https://doi.org/10.5/ab", 23, &out, &len) == TC_OK && contains(out, "\"t1\""));
    tc_free(out);
    tc_data_free(d);
    tc_data_free(NULL);
    TEST_END();

    load_fails("loader: not JSON", "{\"trials\": [", "not valid JSON");
    load_fails("loader: empty input", "", "not valid JSON");
    load_fails("loader: top level not an object", "[1,2]", "expected an object");
    load_fails("loader: unknown top-level field", "{\"trails\":[]}", "trails: unknown field");
    load_fails("loader: trials not an array", "{\"trials\":{}}", "trials: expected an array");
    load_fails("loader: trial not an object", "{\"trials\":[1]}", "trials[1]: expected an object");
    load_fails("loader: missing id", "{\"trials\":[{\"title\":\"T\"}]}", "trials[1].id: missing (required)");
    load_fails("loader: empty id", "{\"trials\":[{\"id\":\"\",\"title\":\"T\"}]}", "trials[1].id: expected a non-empty string");
    load_fails("loader: wrong type deep inside",
               "{\"trials\":[{\"id\":\"a\",\"title\":\"T\",\"results\":[{\"outcome\":\"o\"},{\"outcome\":\"o\"},"
               "{\"outcome\":\"o\",\"ci\":{\"low\":\"0.1\",\"high\":1}}]}]}",
               "trials[1].results[3].ci.low: expected a number");
    load_fails("loader: ci bounds reversed",
               "{\"trials\":[{\"id\":\"a\",\"title\":\"T\",\"results\":[{\"outcome\":\"o\",\"ci\":{\"low\":2,\"high\":1}}]}]}",
               "trials[1].results[1].ci: low 2 is above high 1");
    load_fails("loader: p-value out of range",
               "{\"trials\":[{\"id\":\"a\",\"title\":\"T\",\"results\":[{\"outcome\":\"o\",\"p\":{\"op\":\"=\",\"value\":3}}]}]}",
               "trials[1].results[1].p.value: expected a p-value");
    load_fails("loader: duplicate trial id",
               "{\"trials\":[{\"id\":\"a\",\"title\":\"T\"},{\"id\":\"b\",\"title\":\"T\"},{\"id\":\"a\",\"title\":\"T\"}]}",
               "trials[3].id: duplicate id \"a\"");
    load_fails("loader: duplicate document id",
               "{\"documents\":[{\"id\":\"d\",\"title\":\"T\"},{\"id\":\"d\",\"title\":\"T\"}]}",
               "documents[2].id: duplicate id \"d\"");
    load_fails("loader: evidence disagrees with the record",
               "{\"trials\":[{\"id\":\"a\",\"title\":\"T\",\"population\":{\"randomized\":10},"
               "\"evidence\":[{\"path\":\"population.randomized\",\"value\":11,\"source\":\"x\"}]}]}",
               "trials[1].evidence[1].value: 11 differs from 10");
    load_fails("loader: evidence without span or source",
               "{\"trials\":[{\"id\":\"a\",\"title\":\"T\",\"population\":{\"randomized\":10},"
               "\"evidence\":[{\"path\":\"population.randomized\",\"value\":10}]}]}",
               "trials[1].evidence[1].start: missing");
    load_fails("loader: appraised reference not in the index",
               "{\"documents\":[{\"id\":\"d\",\"title\":\"T\",\"appraised_reference\":3,\"references\":[{\"number\":1}]}]}",
               "documents[1].appraised_reference: no reference 3");
    load_fails("loader: appraised reference beyond int, named as written",
               "{\"documents\":[{\"id\":\"d\",\"title\":\"T\",\"appraised_reference\":1000000000000000,\"references\":[{\"number\":1}]}]}",
               "documents[1].appraised_reference: no reference 1000000000000000 in references");
    load_fails("loader: severity", "{\"documents\":[{\"id\":\"d\",\"title\":\"T\",\"checks\":[{\"code\":\"c\","
               "\"severity\":\"fatal\",\"message\":\"m\"}]}]}", "documents[1].checks[1].severity: unknown value \"fatal\"");

    /* Nesting: TC_MAX_JSON_DEPTH levels load, one more does not. */
    char deep[4 * TC_MAX_JSON_DEPTH + 64];
    for (int extra = 0; extra <= 1; extra++) {
        size_t n = 0;
        int levels = TC_MAX_JSON_DEPTH - 3 + extra;   /* root, trials, trial: 3 levels */
        n += (size_t)snprintf(deep + n, sizeof deep - n, "{\"trials\":[{\"id\":\"a\",\"title\":\"T\",\"x\":");
        for (int i = 0; i < levels; i++) deep[n++] = '[';
        for (int i = 0; i < levels; i++) deep[n++] = ']';
        n += (size_t)snprintf(deep + n, sizeof deep - n, "}]}");
        TEST_BEGIN(extra ? "loader: one level too deep" : "loader: deepest nesting allowed");
        d = NULL;
        int rc = tc_data_load(deep, n, &d, err, sizeof err);
        if (extra) CHECKF(rc == TC_EPARSE && strstr(err, "trials[1].x[1]") && strstr(err, "nested deeper than"), "%d %s", rc, err);
        else CHECKF(rc == TC_OK, "%d %s", rc, err);
        tc_data_free(d);
        TEST_END();
    }

    TEST_BEGIN("loader: small error buffers and misuse");
    char one[1] = { 'x' };
    d = NULL;
    CHECK(tc_data_load("[", 1, &d, one, sizeof one) == TC_EPARSE && one[0] == '\0' && d == NULL);
    CHECK(tc_data_load("[", 1, &d, NULL, 0) == TC_EPARSE);
    CHECK(tc_data_load(NULL, 5, &d, err, sizeof err) == TC_EINVAL);
    CHECK(tc_data_load("{}", 2, NULL, err, sizeof err) == TC_EINVAL);
    /* Not NUL-terminated: the length is honoured. */
    CHECK(tc_data_load("{\"trials\":[]}garbage", 13, &d, err, sizeof err) == TC_OK);
    tc_data_free(d);
    TEST_END();
}

int main(void)
{
    test_bundled();
    test_load();
    return tc_test_failed;
}
