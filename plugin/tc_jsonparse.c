/* One way in for JSON text from outside (bundled data, user files, CSL-JSON items,
 * HTTP answers): exactly one value in exactly len bytes, nested no deeper than
 * TC_MAX_JSON_DEPTH.  cJSON alone accepts trailing bytes and nests to 1000. */
#include "tc_internal.h"
#include <cjson/cJSON.h>

static int depth_ok(const cJSON *v, int depth)
{
    if (depth > TC_MAX_JSON_DEPTH) return 0;
    for (const cJSON *c = v->child; c; c = c->next)
        if ((cJSON_IsArray(c) || cJSON_IsObject(c)) && !depth_ok(c, depth + 1)) return 0;
    return 1;
}

struct cJSON *tc_json_parse(const char *s, size_t len, const char **why, size_t *at)
{
    const char *p = s ? s : "", *end = NULL;
    const char *reason = NULL;
    size_t where = 0;
    if (!s) len = 0;
    cJSON *v = cJSON_ParseWithLengthOpts(p, len, &end, 0);
    if (!v) {
        reason = "invalid JSON";
        where = end ? (size_t)(end - p) : 0;
        goto fail;
    }
    where = (size_t)(end - p);
    while (where < len && (p[where] == ' ' || p[where] == '\t' || p[where] == '\n' || p[where] == '\r')) where++;
    if (where < len) { reason = "trailing bytes after the JSON value"; goto fail; }
    if (!depth_ok(v, 1)) { reason = "JSON nested deeper than the limit (TC_MAX_JSON_DEPTH)"; where = 0; goto fail; }
    return v;
fail:
    cJSON_Delete(v);
    if (why) *why = reason;
    if (at) *at = where;
    return NULL;
}
