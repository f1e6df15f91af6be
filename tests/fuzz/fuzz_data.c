/* libFuzzer harness for the trial-data loader: tc_data_load on any bytes, then every
 * query on what loaded.  A failure must leave *out NULL and a NUL-terminated message. */
#include "fuzz_common.h"
#include <cjson/cJSON.h>

/* Checks one answer; out and len are read after the call (not as arguments of the
 * same expression, whose evaluation order C leaves open). */
static void data_check_json(int rc, char **outp, const size_t *lenp)
{
    char *out = *outp;
    size_t len = *lenp;
    *outp = NULL;
    FUZZ_CHECK(rc == TC_OK || rc == TC_ENOTFOUND || rc == TC_ENOMEM || rc == TC_EINVAL);
    if (rc != TC_OK) return;
    FUZZ_CHECK(out != NULL && strlen(out) == len);
    cJSON *v = cJSON_ParseWithLength(out, len);
    FUZZ_CHECK(v != NULL);
    cJSON_Delete(v);
    tc_free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[128];
    memset(err, 'x', sizeof err);
    tc_data *d = (tc_data *)1;
    int rc = tc_data_load((const char *)data, size, &d, err, sizeof err);
    if (rc != TC_OK) {
        FUZZ_CHECK(d == NULL);
        FUZZ_CHECK(rc != TC_EPARSE || tc_fuzz_err_ok(err, sizeof err));
        /* A one-byte buffer still gets its NUL; a zero-length one is not touched. */
        char small[1] = { 'x' };
        tc_data *d2 = NULL;
        rc = tc_data_load((const char *)data, size, &d2, small, sizeof small);
        FUZZ_CHECK(d2 == NULL && (rc != TC_EPARSE || small[0] == '\0'));
        rc = tc_data_load((const char *)data, size, &d2, NULL, 0);
        FUZZ_CHECK(d2 == NULL);
        return 0;
    }
    FUZZ_CHECK(d != NULL);
    char *out = NULL;
    size_t len = 0;
    rc = tc_data_documents_json(d, &out, &len);
    data_check_json(rc, &out, &len);
    rc = tc_data_trials_json(d, &out, &len);
    data_check_json(rc, &out, &len);
    /* Keys: a few fixed forms and a slice of the input itself. */
    static const char *const keys[] = {
        "ilgen-2020", "10.1001/JAMAPSYCHIATRY.2023.5138", "https://doi.org/10.1001/x", "doi:",
        "38061786", "NCT04491968", "", "0", "minerva-20577",
    };
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        rc = tc_data_trial_json(d, keys[i], strlen(keys[i]), &out, &len);
        data_check_json(rc, &out, &len);
        rc = tc_data_document_json(d, keys[i], strlen(keys[i]), &out, &len);
        data_check_json(rc, &out, &len);
    }
    size_t k = size < 24 ? size : 24;
    rc = tc_data_trial_json(d, (const char *)data, k, &out, &len);
    data_check_json(rc, &out, &len);
    rc = tc_data_document_json(d, (const char *)data, k, &out, &len);
    data_check_json(rc, &out, &len);
    tc_doc *doc = NULL;
    if (tc_parse((const char *)data, size, NULL, &doc) == TC_OK) {
        (void)tc_data_recognize(d, doc);
        tc_doc_free(doc);
    }
    tc_data_free(d);
    return 0;
}
