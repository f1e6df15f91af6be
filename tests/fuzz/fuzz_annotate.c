/* libFuzzer harness for CSL-JSON enrichment: tc_annotate_csl of any bytes against a
 * bundled document.  Output and report must be valid JSON (the output an array), and
 * enriching the output again must give it back unchanged (twice == once). */
#include "fuzz_common.h"
#include <cjson/cJSON.h>

static tc_data *annotate_data(void)
{
    static tc_data *d;   /* harness-only, loaded once per fuzzing process */
    if (!d && tc_data_bundled(&d) != TC_OK) d = NULL;
    return d;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tc_data *d = annotate_data();
    if (!d || !size) return 0;
    static const char *const ids[] = { "minerva-20577", "minerva-20707" };
    static const char *const fields[] = { NULL, "annote", "note", "annotation" };
    unsigned sel = data[0];
    tc_annotate_opts opts;
    memset(&opts, 0, sizeof opts);
    opts.field = fields[(sel >> 1) & 3];
    opts.pretty = (sel >> 3) & 1;
    const char *id = ids[sel & 1];
    char *out = NULL, *rep = NULL, *out2 = NULL, *rep2 = NULL;
    size_t n = 0, rn = 0, n2 = 0, rn2 = 0;
    int rc = tc_annotate_csl(d, NULL, id, strlen(id), (const char *)data + 1, size - 1, &opts, &out, &n, &rep, &rn);
    if (rc == TC_OK) {
        FUZZ_CHECK(out && rep && strlen(out) == n && strlen(rep) == rn);
        cJSON *v = cJSON_ParseWithLength(out, n), *r = cJSON_ParseWithLength(rep, rn);
        FUZZ_CHECK(v && cJSON_IsArray(v) && r && cJSON_IsArray(r));
        cJSON_Delete(v);
        cJSON_Delete(r);
        FUZZ_CHECK(tc_annotate_csl(d, NULL, id, strlen(id), out, n, &opts, &out2, &n2, &rep2, &rn2) == TC_OK);
        FUZZ_CHECK(n2 == n && !memcmp(out2, out, n));
    } else {
        FUZZ_CHECK(!out && !rep);
        FUZZ_CHECK(rc == TC_EPARSE || (rc == TC_EINVAL && opts.field && !strcmp(opts.field, "annotation")));
    }
    tc_free(out); tc_free(rep); tc_free(out2); tc_free(rep2);
    return 0;
}
