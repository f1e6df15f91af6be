/* The C API of the extractor: misuse answers TC_EINVAL, an empty or hostile text an
 * empty record, the record is one JSON object with the id asked for, pretty or not. */
#include "tc_test.h"
#include "trialcite.h"
#include <cjson/cJSON.h>

static tc_doc *parse(const char *s, int lang)
{
    tc_parse_opts o = { 0 };
    o.lang = lang;
    tc_doc *d = NULL;
    return tc_parse(s, strlen(s), &o, &d) == TC_OK ? d : NULL;
}

int main(void)
{
    char *out = NULL;
    size_t len = 0;

    TEST_BEGIN("tc_extract_trial_json: misuse");
    tc_doc *d = parse("", TC_LANG_EN);
    CHECK(d != NULL);
    CHECK(tc_extract_trial_json(NULL, NULL, &out, &len) == TC_EINVAL);
    CHECK(tc_extract_trial_json(d, NULL, NULL, &len) == TC_EINVAL);
    CHECK(tc_extract_trial_reference(NULL) == 0);
    TEST_END();

    TEST_BEGIN("tc_extract_trial_json: an empty text gives a record with id and title only");
    CHECK(tc_extract_trial_json(d, NULL, &out, NULL) == TC_OK);
    cJSON *r = out ? cJSON_Parse(out) : NULL;
    CHECK(r && cJSON_IsObject(r));
    CHECK(r && !strcmp(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r, "id")), "extracted"));
    CHECK(r && !cJSON_GetObjectItemCaseSensitive(r, "population"));
    CHECK(r && cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(r, "evidence")) == 0);
    cJSON_Delete(r);
    tc_free(out);
    tc_doc_free(d);
    TEST_END();

    TEST_BEGIN("tc_extract_trial_json: opts.id, pretty output, spans into the text");
    const char *text = "Methods\nOf 300 screened, 154 were randomly assigned to yoga (n = 77) or usual care (n = 77).\n";
    d = parse(text, TC_LANG_EN);
    tc_extract_opts o = { "trial-1", 7, 1 };
    CHECK(d && tc_extract_trial_json(d, &o, &out, &len) == TC_OK);
    CHECK(out && len == strlen(out) && strchr(out, '\n') != NULL);
    r = out ? cJSON_Parse(out) : NULL;
    CHECK(r && !strcmp(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(r, "id")), "trial-1"));
    const cJSON *pop = cJSON_GetObjectItemCaseSensitive(r, "population");
    CHECK(cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(pop, "randomized")) == 154);
    CHECK(cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(pop, "screened")) == 300);
    const cJSON *e;
    int n = 0;
    cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(r, "evidence")) {
        int st = (int)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(e, "start"));
        int sp = (int)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(e, "stop"));
        const char *tx = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "text"));
        CHECK(st >= 1 && sp >= st && (size_t)sp <= strlen(text) && tx && strlen(tx) == (size_t)(sp - st + 1)
              && !memcmp(text + st - 1, tx, strlen(tx)));
        n++;
    }
    CHECK(n == 4);          /* screened, randomized, two arm sizes */
    cJSON_Delete(r);
    tc_free(out);
    tc_doc_free(d);
    TEST_END();
    return tc_test_failed;
}
