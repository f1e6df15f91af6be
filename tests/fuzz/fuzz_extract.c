/* libFuzzer harness for the trial extractor: tc_parse then tc_extract_trial_json and
 * tc_extract_trial_reference on any bytes.  Besides memory errors it checks the
 * extractor's promises: the output is one JSON object with id and title, every
 * evidence entry with a span lies inside the text and its "text" is exactly those
 * bytes, and the trial reference is 0 or a cited number. */
#include "fuzz_common.h"
#include <cjson/cJSON.h>

static void extract_check(const tc_doc *doc, const char *json, size_t jlen)
{
    size_t n;
    const char *text = tc_doc_text(doc, &n);
    cJSON *rec = cJSON_ParseWithLength(json, jlen);
    FUZZ_CHECK(rec != NULL && cJSON_IsObject(rec));
    FUZZ_CHECK(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(rec, "id")));
    FUZZ_CHECK(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(rec, "title")));
    const cJSON *ev = cJSON_GetObjectItemCaseSensitive(rec, "evidence"), *e;
    FUZZ_CHECK(cJSON_IsArray(ev));
    cJSON_ArrayForEach(e, ev) {
        const cJSON *st = cJSON_GetObjectItemCaseSensitive(e, "start");
        const cJSON *sp = cJSON_GetObjectItemCaseSensitive(e, "stop");
        const cJSON *tx = cJSON_GetObjectItemCaseSensitive(e, "text");
        FUZZ_CHECK(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(e, "path")));
        FUZZ_CHECK(cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(e, "value")));
        if (!st) { FUZZ_CHECK(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(e, "source"))); continue; }
        FUZZ_CHECK(cJSON_IsNumber(st) && cJSON_IsNumber(sp) && cJSON_IsString(tx));
        FUZZ_CHECK(st->valuedouble >= 1 && sp->valuedouble >= st->valuedouble && sp->valuedouble <= (double)n);
        size_t off = (size_t)st->valuedouble - 1, len = (size_t)sp->valuedouble - off;
        FUZZ_CHECK(tc_fuzz_span_ok(off, len, n));
        /* the evidence text is the span (NUL bytes inside a number cannot occur) */
        FUZZ_CHECK(strlen(tx->valuestring) == len && !memcmp(tx->valuestring, text + off, len));
    }
    cJSON_Delete(rec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The first byte picks the language and whether the record gets an id. */
    tc_parse_opts opts = { 0 };
    unsigned sel = size ? data[0] : 0;
    opts.lang = (int)(sel & 3);
    tc_doc *doc = NULL;
    int rc = tc_parse((const char *)data, size, &opts, &doc);
    FUZZ_CHECK(rc == TC_OK || rc == TC_ENOMEM);
    if (rc != TC_OK) return 0;
    tc_extract_opts eo = { (sel & 4) ? "fuzz" : NULL, (sel & 4) ? 4u : 0u, (int)((sel >> 3) & 1) };
    char *out = NULL;
    size_t olen = 0;
    rc = tc_extract_trial_json(doc, &eo, &out, &olen);
    FUZZ_CHECK(rc == TC_OK || rc == TC_ENOMEM);
    if (rc == TC_OK) {
        FUZZ_CHECK(out != NULL && olen == strlen(out));
        extract_check(doc, out, olen);
        tc_free(out);
    }
    int ref = tc_extract_trial_reference(doc);
    if (ref) {
        size_t cnt = 0;
        FUZZ_CHECK(tc_doc_reference_citations(doc, ref, &cnt) != NULL && cnt > 0);
    }
    tc_doc_free(doc);
    return 0;
}
