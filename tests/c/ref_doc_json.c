/* The cJSON-tree serialiser of tc_doc_to_json as it was before the streaming writer
 * (plugin/tc_jsonw.c), kept only for tests/c/test_jsonw.c, which checks that both give
 * the same bytes.  A field added to tc_doc_to_json is added here too, the same way. */
#include "tc_internal.h"
#include <cjson/cJSON.h>

typedef struct jctx { const tc_doc *doc; tc_arena scratch; } jctx;

/* A NUL-terminated copy of a span for cJSON: invalid UTF-8 and NUL bytes become
 * U+FFFD so that the output is always valid JSON.  Scratch lives for one call. */
static char *bytes(jctx *j, const char *from, size_t len)
{
    char *p = tc_arena_alloc(&j->scratch, len * 3 + 1), *w = p;
    if (!p) return NULL;
    const unsigned char *s = (const unsigned char *)from, *e = s + len;
    while (s < e) {
        size_t k = tc_utf8_valid(s, (size_t)(e - s));
        if (k && *s) { memcpy(w, s, k); w += k; s += k; }
        else { memcpy(w, "\xEF\xBF\xBD", 3); w += 3; s++; }
    }
    *w = '\0';
    return p;
}

static char *str(jctx *j, size_t off, size_t len) { return bytes(j, j->doc->text + off, len); }

static int add_str(cJSON *o, jctx *j, const char *key, size_t off, size_t len)
{
    char *s = str(j, off, len);
    return s && cJSON_AddStringToObject(o, key, s);
}

/* Statistic context strings are cleaned of line breaks (tc_clean_inplace). */
static int add_clean(cJSON *o, jctx *j, const char *key, size_t off, size_t len)
{
    char *s = str(j, off, len);
    if (!s) return 0;
    s[tc_clean_inplace(s, strlen(s))] = '\0';
    return cJSON_AddStringToObject(o, key, s) != NULL;
}

static int add_span(cJSON *o, jctx *j, size_t off, size_t len)
{
    return add_str(o, j, "text", off, len) && cJSON_AddNumberToObject(o, "start", (double)off + 1)
        && cJSON_AddNumberToObject(o, "stop", (double)(off + len));
}

static int add_subspan(cJSON *o, const char *key, tc_span s)
{
    if (!s.len) return 1;
    cJSON *x = cJSON_AddObjectToObject(o, key);
    return x && cJSON_AddNumberToObject(x, "start", (double)s.off + 1)
        && cJSON_AddNumberToObject(x, "stop", (double)(s.off + s.len));
}

static int add_section(cJSON *o, jctx *j, int i)
{
    const tc_section *s = i >= 0 ? tc_doc_section(j->doc, (size_t)i) : NULL;
    if (!s) return 1;
    if (s->len && !add_str(o, j, "section", s->off, s->len)) return 0;
    return cJSON_AddStringToObject(o, "section_kind", tc_section_kind_name(s->kind)) != NULL;
}

static cJSON *stat_json(jctx *j, size_t i)
{
    const tc_stat *s = tc_doc_stat(j->doc, i);
    cJSON *o = cJSON_CreateObject(), *x;
    const char *kind = tc_stat_kind_name(s->kind);
    int ok = o && (!kind || cJSON_AddStringToObject(o, "kind", kind))
        && cJSON_AddNumberToObject(o, "value", s->value);
    if (ok && tc_measure_name(s->measure)) ok = cJSON_AddStringToObject(o, "measure", tc_measure_name(s->measure)) != NULL;
    if (ok && tc_op_name(s->value_op)) ok = cJSON_AddStringToObject(o, "value_op", tc_op_name(s->value_op)) != NULL;
    if (ok && s->has_sd) ok = cJSON_AddNumberToObject(o, "sd", s->sd) != NULL;
    if (ok && s->has_se) ok = cJSON_AddNumberToObject(o, "se", s->se) != NULL;
    if (ok && s->percent) ok = cJSON_AddStringToObject(o, "unit", "%") != NULL;
    if (ok && s->has_ci)
        ok = (x = cJSON_AddObjectToObject(o, "ci")) && cJSON_AddNumberToObject(x, "level", s->ci_level)
            && cJSON_AddNumberToObject(x, "low", s->ci_low) && cJSON_AddNumberToObject(x, "high", s->ci_high);
    if (ok && s->p_op)
        ok = (x = cJSON_AddObjectToObject(o, "p")) && cJSON_AddStringToObject(x, "op", tc_op_name(s->p_op))
            && cJSON_AddNumberToObject(x, "value", s->p_value);
    if (ok && s->timepoint.len) ok = add_clean(o, j, "timepoint", s->timepoint.off, s->timepoint.len);
    if (ok && s->subgroup.len) ok = add_clean(o, j, "subgroup", s->subgroup.off, s->subgroup.len);
    if (ok && s->noun.len) ok = add_clean(o, j, "noun", s->noun.off, s->noun.len);
    if (ok) ok = add_span(o, j, s->span.off, s->span.len);
    if (ok && s->sentence >= 0) {
        const tc_sentence *sen = tc_doc_sentence(j->doc, (size_t)s->sentence);
        ok = cJSON_AddNumberToObject(o, "sentence", s->sentence + 1) && (!sen || add_section(o, j, sen->section));
    }
    if (ok)
        ok = (x = cJSON_AddObjectToObject(o, "spans")) && add_subspan(x, "value", s->value_span)
            && add_subspan(x, "sd", s->sd_span) && add_subspan(x, "se", s->se_span)
            && add_subspan(x, "low", s->ci_low_span)
            && add_subspan(x, "high", s->ci_high_span) && add_subspan(x, "p", s->p_span);
    if (!ok) { cJSON_Delete(o); return NULL; }
    return o;
}

static cJSON *citation_json(jctx *j, size_t i)
{
    const tc_citation *c = tc_doc_citation(j->doc, i);
    cJSON *o = cJSON_CreateObject(), *refs;
    int ok = o && add_span(o, j, c->off, c->len)
        && (refs = cJSON_CreateIntArray(c->refs, (int)c->nrefs)) && cJSON_AddItemToObject(o, "refs", refs);
    if (ok && c->sentence >= 0) ok = cJSON_AddNumberToObject(o, "sentence", c->sentence + 1) != NULL;
    if (ok) ok = add_section(o, j, c->section);
    if (ok && (c->flags & TC_CIT_CAPPED)) ok = cJSON_AddBoolToObject(o, "capped", 1) != NULL;
    if (!ok) { cJSON_Delete(o); return NULL; }
    return o;
}

/* Statistics whose span lies inside [off, off+len). */
static cJSON *stats_in(jctx *j, size_t off, size_t len)
{
    size_t first, n = tc_doc_stats_from(j->doc, off, len, &first);
    cJSON *a = cJSON_CreateArray(), *o;
    for (size_t i = first; a && i < first + n; i++) {
        const tc_stat *s = tc_doc_stat(j->doc, i);
        if (s->span.off + s->span.len > off + len) continue;
        if (!(o = stat_json(j, i)) || !cJSON_AddItemToArray(a, o)) { cJSON_Delete(o); cJSON_Delete(a); return NULL; }
    }
    return a;
}

static cJSON *reference_json(jctx *j, int number)
{
    size_t k;
    const size_t *cits = tc_doc_reference_citations(j->doc, number, &k);
    cJSON *o = cJSON_CreateObject(), *ctxs, *x, *y;
    int ok = o && cJSON_AddNumberToObject(o, "number", number) && (ctxs = cJSON_AddArrayToObject(o, "contexts"));
    for (size_t m = 0; ok && m < k; m++) {
        const tc_citation *c = tc_doc_citation(j->doc, cits[m]);
        size_t off, len;
        int narrowed = tc_doc_citation_context(j->doc, cits[m], &off, &len);
        ok = (x = cJSON_CreateObject()) && cJSON_AddItemToArray(ctxs, x) && add_span(x, j, off, len)
            && (narrowed <= 0 || cJSON_AddBoolToObject(x, "narrowed", 1))
            && add_section(x, j, c->section)
            && (y = cJSON_AddObjectToObject(x, "marker")) && add_span(y, j, c->off, c->len)
            && cJSON_AddNumberToObject(x, "citation", (double)cits[m] + 1)
            && (c->sentence < 0 || cJSON_AddNumberToObject(x, "sentence", c->sentence + 1))
            && (y = stats_in(j, off, len)) && cJSON_AddItemToObject(x, "statistics", y);
    }
    if (!ok) { cJSON_Delete(o); return NULL; }
    return o;
}

static int ref_doc_to_json(const tc_doc *doc, char **out, size_t *out_len)
{
    if (!doc || !out) return TC_EINVAL;
    jctx jc = { doc, { NULL } }, *j = &jc;
    cJSON *root = cJSON_CreateObject(), *arr = NULL, *o;
    int ok = root != NULL;
    char *id;
    if (ok && doc->id) ok = (id = bytes(j, doc->id, doc->id_len)) && cJSON_AddStringToObject(root, "id", id);
    if (ok) ok = cJSON_AddStringToObject(root, "lang", tc_lang_name(doc->lang)) != NULL;

    ok = ok && (arr = cJSON_AddArrayToObject(root, "sections"));
    for (size_t i = 0; ok && i < doc->sections.n; i++) {
        const tc_section *s = tc_doc_section(doc, i);
        ok = (o = cJSON_CreateObject()) && cJSON_AddItemToArray(arr, o) && add_span(o, j, s->off, s->len)
            && cJSON_AddStringToObject(o, "kind", tc_section_kind_name(s->kind))
            && cJSON_AddNumberToObject(o, "body_start", (double)s->body_off + 1)
            && cJSON_AddNumberToObject(o, "body_stop", (double)s->end)
            && (s->parent < 0 || cJSON_AddNumberToObject(o, "parent", s->parent + 1));
    }
    ok = ok && (arr = cJSON_AddArrayToObject(root, "sentences"));
    for (size_t i = 0; ok && i < doc->sentences.n; i++) {
        const tc_sentence *s = tc_doc_sentence(doc, i);
        ok = (o = cJSON_CreateObject()) && cJSON_AddItemToArray(arr, o) && add_span(o, j, s->off, s->len)
            && add_section(o, j, s->section);
    }
    ok = ok && (arr = cJSON_AddArrayToObject(root, "citations"));
    for (size_t i = 0; ok && i < doc->citations.n; i++)
        ok = (o = citation_json(j, i)) && cJSON_AddItemToArray(arr, o);
    ok = ok && (arr = cJSON_AddArrayToObject(root, "references"));
    for (size_t i = 0; ok && i < doc->refnums.n; i++)
        ok = (o = reference_json(j, tc_doc_reference_number(doc, i))) && cJSON_AddItemToArray(arr, o);
    ok = ok && (arr = cJSON_AddArrayToObject(root, "statistics"));
    for (size_t i = 0; ok && i < doc->stats.n; i++) ok = (o = stat_json(j, i)) && cJSON_AddItemToArray(arr, o);
    ok = ok && (arr = cJSON_AddArrayToObject(root, "checks"));
    for (size_t i = 0; ok && i < doc->checks.n; i++) {
        const tc_check *c = tc_doc_check(doc, i);
        ok = (o = cJSON_CreateObject()) && cJSON_AddItemToArray(arr, o)
            && cJSON_AddStringToObject(o, "code", c->code)
            && cJSON_AddStringToObject(o, "severity", tc_severity_name(c->severity))
            && cJSON_AddStringToObject(o, "message", c->message)
            && (c->stat < 0 || cJSON_AddNumberToObject(o, "statistic", (double)c->stat + 1));
    }
    char *s = ok ? cJSON_PrintUnformatted(root) : NULL;
    cJSON_Delete(root);
    tc_arena_free(&j->scratch);
    if (!s) return TC_ENOMEM;
    *out = s;
    if (out_len) *out_len = strlen(s);
    return TC_OK;
}
