/* tc_doc_to_json: the whole document as JSON, with the same shapes and 1-based
 * inclusive start/stop that the Lua API uses. */
#include "tc_internal.h"
#include <cjson/cJSON.h>

/* A NUL-terminated copy of a span for cJSON, which copies it again: the scratch arena
 * lives for one tc_doc_to_json call.  Invalid UTF-8 and NUL bytes become U+FFFD so
 * that the output is always valid JSON. */
typedef struct jctx { const tc_doc *doc; tc_arena scratch; } jctx;

static char *tc_json_str(jctx *j, size_t off, size_t len)
{
    const tc_doc *doc = j->doc;
    char *p = tc_arena_alloc(&j->scratch, len * 3 + 1), *w = p;
    if (!p) return NULL;
    const unsigned char *s = (const unsigned char *)doc->text + off, *e = s + len;
    while (s < e) {
        size_t k = tc_utf8_valid(s, (size_t)(e - s));
        if (k && *s) { memcpy(w, s, k); w += k; s += k; }
        else { memcpy(w, "\xEF\xBF\xBD", 3); w += 3; s++; }
    }
    *w = '\0';
    return p;
}

/* Adds text/start/stop for span (off, len) of doc's text. */
static int add_span(cJSON *o, jctx *j, size_t off, size_t len)
{
    char *s = tc_json_str(j, off, len);
    if (!s) return 0;
    return cJSON_AddStringToObject(o, "text", s) && cJSON_AddNumberToObject(o, "start", (double)off + 1)
        && cJSON_AddNumberToObject(o, "stop", (double)(off + len));
}

static const char *section_name(const tc_doc *doc, int i)
{
    const tc_section *s = tc_doc_section(doc, (size_t)i);
    return s ? tc_section_kind_name(s->kind) : NULL;
}

static cJSON *stat_json(jctx *j, size_t i)
{
    const tc_doc *doc = j->doc;
    const tc_stat *s = tc_doc_stat(doc, i);
    cJSON *o = cJSON_CreateObject();
    if (!o) return NULL;
    int ok = cJSON_AddStringToObject(o, "kind", tc_stat_kind_name(s->kind) ? tc_stat_kind_name(s->kind) : "count") != NULL
        && cJSON_AddNumberToObject(o, "value", s->value) && add_span(o, j, s->span.off, s->span.len);
    if (ok && tc_measure_name(s->measure)) ok = cJSON_AddStringToObject(o, "measure", tc_measure_name(s->measure)) != NULL;
    if (ok && s->has_sd) ok = cJSON_AddNumberToObject(o, "sd", s->sd) != NULL;
    if (ok && s->percent) ok = cJSON_AddStringToObject(o, "unit", "%") != NULL;
    if (ok && s->has_ci) {
        cJSON *ci = cJSON_AddObjectToObject(o, "ci");
        ok = ci && cJSON_AddNumberToObject(ci, "level", s->ci_level) && cJSON_AddNumberToObject(ci, "low", s->ci_low)
            && cJSON_AddNumberToObject(ci, "high", s->ci_high);
    }
    if (ok && s->p_op) {
        cJSON *p = cJSON_AddObjectToObject(o, "p");
        ok = p && cJSON_AddStringToObject(p, "op", tc_op_name(s->p_op)) && cJSON_AddNumberToObject(p, "value", s->p_value);
    }
    if (ok && s->timepoint.len) {
        char *t = tc_json_str(j, s->timepoint.off, s->timepoint.len);
        ok = t && cJSON_AddStringToObject(o, "timepoint", t);
    }
    if (ok && s->subgroup.len) {
        char *t = tc_json_str(j, s->subgroup.off, s->subgroup.len);
        ok = t && cJSON_AddStringToObject(o, "subgroup", t);
    }
    if (ok && s->sentence >= 0) ok = cJSON_AddNumberToObject(o, "sentence", s->sentence + 1) != NULL;
    if (!ok) { cJSON_Delete(o); return NULL; }
    return o;
}

int tc_doc_to_json(const tc_doc *doc, char **out, size_t *out_len)
{
    if (!doc || !out) return TC_EINVAL;
    jctx jc = { doc, { NULL } }, *j = &jc;
    cJSON *root = cJSON_CreateObject(), *arr, *o;
    int ok = root != NULL;
    if (ok && doc->id) ok = cJSON_AddStringToObject(root, "id", doc->id) != NULL;
    if (ok) ok = cJSON_AddStringToObject(root, "lang", tc_lang_name(doc->lang)) != NULL;

    ok = ok && (arr = cJSON_AddArrayToObject(root, "sections"));
    for (size_t i = 0; ok && i < doc->sections.n; i++) {
        const tc_section *s = tc_doc_section(doc, i);
        ok = (o = cJSON_CreateObject()) && cJSON_AddItemToArray(arr, o)
            && cJSON_AddStringToObject(o, "kind", tc_section_kind_name(s->kind))
            && add_span(o, j, s->off, s->len)
            && cJSON_AddNumberToObject(o, "stop_body", (double)s->end);
    }
    ok = ok && (arr = cJSON_AddArrayToObject(root, "sentences"));
    for (size_t i = 0; ok && i < doc->sentences.n; i++) {
        const tc_sentence *s = tc_doc_sentence(doc, i);
        ok = (o = cJSON_CreateObject()) && cJSON_AddItemToArray(arr, o) && add_span(o, j, s->off, s->len);
        if (ok && s->section >= 0) ok = cJSON_AddStringToObject(o, "section", section_name(doc, s->section)) != NULL;
    }
    ok = ok && (arr = cJSON_AddArrayToObject(root, "citations"));
    for (size_t i = 0; ok && i < doc->citations.n; i++) {
        const tc_citation *c = tc_doc_citation(doc, i);
        cJSON *refs;
        ok = (o = cJSON_CreateObject()) && cJSON_AddItemToArray(arr, o) && add_span(o, j, c->off, c->len)
            && (refs = cJSON_CreateIntArray(c->refs, (int)c->nrefs)) && cJSON_AddItemToObject(o, "refs", refs);
        if (ok && c->sentence >= 0) ok = cJSON_AddNumberToObject(o, "sentence", c->sentence + 1) != NULL;
        if (ok && c->section >= 0) ok = cJSON_AddStringToObject(o, "section", section_name(doc, c->section)) != NULL;
        if (ok && (c->flags & TC_CIT_CAPPED)) ok = cJSON_AddBoolToObject(o, "capped", 1) != NULL;
    }
    ok = ok && (arr = cJSON_AddArrayToObject(root, "references"));
    for (size_t i = 0; ok && i < doc->refnums.n; i++) {
        int n = tc_doc_reference_number(doc, i);
        size_t k;
        const size_t *cits = tc_doc_reference_citations(doc, n, &k);
        cJSON *ctx;
        ok = (o = cJSON_CreateObject()) && cJSON_AddItemToArray(arr, o) && cJSON_AddNumberToObject(o, "number", n)
            && (ctx = cJSON_AddArrayToObject(o, "contexts"));
        for (size_t m = 0; ok && m < k; m++) {
            const tc_citation *c = tc_doc_citation(doc, cits[m]);
            const tc_sentence *s = c->sentence >= 0 ? tc_doc_sentence(doc, (size_t)c->sentence) : NULL;
            cJSON *x = cJSON_CreateObject();
            ok = x && cJSON_AddItemToArray(ctx, x)
                && (s ? add_span(x, j, s->off, s->len) : add_span(x, j, c->off, c->len))
                && cJSON_AddNumberToObject(x, "citation", (double)cits[m] + 1);
            if (ok && c->section >= 0) ok = cJSON_AddStringToObject(x, "section", section_name(doc, c->section)) != NULL;
        }
    }
    ok = ok && (arr = cJSON_AddArrayToObject(root, "statistics"));
    for (size_t i = 0; ok && i < doc->stats.n; i++) ok = (o = stat_json(j, i)) && cJSON_AddItemToArray(arr, o);
    ok = ok && (arr = cJSON_AddArrayToObject(root, "checks"));
    for (size_t i = 0; ok && i < doc->checks.n; i++) {
        const tc_check *c = tc_doc_check(doc, i);
        ok = (o = cJSON_CreateObject()) && cJSON_AddItemToArray(arr, o)
            && cJSON_AddStringToObject(o, "code", c->code)
            && cJSON_AddStringToObject(o, "severity", tc_severity_name(c->severity))
            && cJSON_AddStringToObject(o, "message", c->message);
        if (ok && c->stat >= 0) ok = cJSON_AddNumberToObject(o, "statistic", (double)c->stat + 1) != NULL;
    }
    char *s = ok ? cJSON_PrintUnformatted(root) : NULL;
    cJSON_Delete(root);
    tc_arena_free(&j->scratch);
    if (!s) return TC_ENOMEM;
    *out = s;
    if (out_len) *out_len = strlen(s);
    return TC_OK;
}
