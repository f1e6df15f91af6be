/* libFuzzer harness for BibTeX enrichment: tc_annotate_bibtex of any bytes against a
 * bundled document.  Output must be produced or refused cleanly; the report must be
 * valid JSON. */
#include "fuzz_common.h"
#include <cjson/cJSON.h>

static tc_data *bib_data(void)
{
    static tc_data *d;   /* harness-only, loaded once per fuzzing process */
    if (!d && tc_data_bundled(&d) != TC_OK) d = NULL;
    return d;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tc_data *d = bib_data();
    if (!d || !size) return 0;
    static const char *const ids[] = { "minerva-20577", "minerva-20707" };
    static const char *const fields[] = { NULL, "annotation", "annote", "note" };
    unsigned sel = data[0];
    tc_annotate_opts opts;
    memset(&opts, 0, sizeof opts);
    opts.field = fields[(sel >> 1) & 3];
    const char *id = ids[sel & 1];
    char *out = NULL, *report = NULL;
    size_t out_len = 0, report_len = 0;
    int rc = tc_annotate_bibtex(d, NULL, id, strlen(id), (const char *)data + 1, size - 1,
                                opts.field ? &opts : NULL, &out, &out_len, &report, &report_len);
    if (rc == TC_OK) {
        FUZZ_CHECK(out != NULL && report != NULL);
        FUZZ_CHECK(memchr(out, '\0', out_len) == NULL || memchr(data + 1, '\0', size - 1) != NULL);
        cJSON *v = cJSON_ParseWithLength(report, report_len);
        FUZZ_CHECK(v != NULL);
        cJSON_Delete(v);
        tc_free(out);
        tc_free(report);
    } else {
        FUZZ_CHECK(tc_strerror(rc) != NULL);
    }
    return 0;
}
