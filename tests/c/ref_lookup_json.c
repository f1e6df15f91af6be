/* The cJSON-tree version of tc_lookup_json's record as it was before the streaming
 * writer (plugin/tc_lookup_json.c), kept only for tests/c/test_jsonw.c, which checks
 * that both give the same bytes.  A field added to the lookup record is added here
 * too, the same way. */
#include "tc_enrich.h"

static int lk_int_field(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (cJSON_IsNumber(v)) return v->valueint;
    if (cJSON_IsString(v)) return atoi(v->valuestring);
    return 0;
}

/* A NUL-terminated copy of text[0, len) in the source's scratch buffer, with invalid
 * UTF-8 and NUL bytes as U+FFFD so that the JSON output is always valid. */
static const char *lk_span_str(tc_src *s, const char *text, size_t len)
{
    tc_buf *b = &s->scratch;
    b->n = 0;
    const unsigned char *p = (const unsigned char *)text, *e = p + len;
    while (p < e) {
        size_t k = tc_utf8_valid(p, (size_t)(e - p));
        if (k && *p) { tc_buf_add(b, (const char *)p, k); p += k; }
        else { tc_buf_add(b, "\xEF\xBF\xBD", 3); p++; }
    }
    tc_buf_add(b, "", 0);
    return b->oom ? NULL : b->data;
}

static int lk_add_span(tc_src *s, cJSON *o, size_t off, size_t len)
{
    const char *t = lk_span_str(s, tc_doc_text(s->doc, NULL) + off, len);
    return t && cJSON_AddStringToObject(o, "text", t) && cJSON_AddNumberToObject(o, "start", (double)off + 1)
        && cJSON_AddNumberToObject(o, "stop", (double)(off + len));
}

static int lk_add_spanstr(tc_src *s, cJSON *o, const char *key, tc_span sp)
{
    if (!sp.len) return 1;
    const char *t = lk_span_str(s, tc_doc_text(s->doc, NULL) + sp.off, sp.len);
    char *c = t ? strdup(t) : NULL;
    if (!c) return 0;
    c[tc_clean_inplace(c, strlen(c))] = '\0';   /* context strings are cleaned */
    int ok = cJSON_AddStringToObject(o, key, c) != NULL;
    free(c);
    return ok;
}

static cJSON *lk_stat_json(tc_src *s, size_t i, int compact)
{
    const tc_stat *st = tc_doc_stat(s->doc, i);
    cJSON *o = cJSON_CreateObject();
    const char *kind = tc_stat_kind_name(st->kind), *m = tc_measure_name(st->measure);
    int ok = o && cJSON_AddStringToObject(o, "kind", kind ? kind : "count");
    if (ok && m) ok = cJSON_AddStringToObject(o, "measure", m) != NULL;
    if (ok) ok = cJSON_AddNumberToObject(o, "value", st->value) != NULL;
    if (ok && tc_op_name(st->value_op)) ok = cJSON_AddStringToObject(o, "value_op", tc_op_name(st->value_op)) != NULL;
    if (ok && st->has_sd) ok = cJSON_AddNumberToObject(o, "sd", st->sd) != NULL;
    if (ok && st->has_se) ok = cJSON_AddNumberToObject(o, "se", st->se) != NULL;
    if (ok && st->percent) ok = cJSON_AddStringToObject(o, "unit", "%") != NULL;
    if (ok && st->has_ci) {
        cJSON *ci = cJSON_AddObjectToObject(o, "ci");
        ok = ci && cJSON_AddNumberToObject(ci, "level", st->ci_level) && cJSON_AddNumberToObject(ci, "low", st->ci_low)
            && cJSON_AddNumberToObject(ci, "high", st->ci_high);
    }
    if (ok && st->p_op) {
        cJSON *p = cJSON_AddObjectToObject(o, "p");
        ok = p && cJSON_AddStringToObject(p, "op", tc_op_name(st->p_op)) && cJSON_AddNumberToObject(p, "value", st->p_value);
    }
    ok = ok && lk_add_spanstr(s, o, "timepoint", st->timepoint) && lk_add_spanstr(s, o, "subgroup", st->subgroup);
    if (ok && !compact) {
        ok = lk_add_spanstr(s, o, "noun", st->noun) && lk_add_span(s, o, st->span.off, st->span.len);
        if (ok && st->sentence >= 0) ok = cJSON_AddNumberToObject(o, "sentence", st->sentence + 1) != NULL;
    } else if (ok) {
        const char *t = lk_span_str(s, tc_doc_text(s->doc, NULL) + st->span.off, st->span.len);
        ok = t && cJSON_AddStringToObject(o, "text", t);
    }
    if (!ok) { cJSON_Delete(o); return NULL; }
    return o;
}

/* Adds the section kinds of n's citing markers to kinds (each once). */
static int lk_add_kinds(const tc_src *s, int n, cJSON *kinds)
{
    size_t k;
    const size_t *cits = tc_doc_reference_citations(s->doc, n, &k);
    for (size_t j = 0; j < k; j++) {
        const tc_citation *c = tc_doc_citation(s->doc, cits[j]);
        const tc_section *sec = c->section >= 0 ? tc_doc_section(s->doc, (size_t)c->section) : NULL;
        if (!sec) continue;
        const char *kind = tc_section_kind_name(sec->kind);
        int dup = 0;
        const cJSON *e;
        cJSON_ArrayForEach(e, kinds) if (!strcmp(e->valuestring, kind)) { dup = 1; break; }
        if (!dup && !cJSON_AddItemToArray(kinds, cJSON_CreateString(kind))) return 0;
    }
    return 1;
}

/* Appends the statistics inside every citing sentence of n to arr (each once). */
static int lk_add_findings(tc_src *s, int n, cJSON *arr, int compact)
{
    size_t k, ns = tc_doc_stat_count(s->doc);
    const size_t *cits = tc_doc_reference_citations(s->doc, n, &k);
    unsigned char *seen = ns ? calloc(ns, 1) : NULL;
    int ok = !ns || seen;
    for (size_t j = 0; ok && j < k; j++) {
        size_t off, len, first;
        tc_doc_citation_context(s->doc, cits[j], &off, &len);
        size_t end = tc_doc_stats_from(s->doc, off, len, &first);
        end += first;
        for (size_t i = first; ok && i < end; i++) {
            const tc_stat *st = tc_doc_stat(s->doc, i);
            if (seen[i] || st->span.off + st->span.len > off + len) continue;
            seen[i] = 1;
            cJSON *x = lk_stat_json(s, i, compact);
            ok = x && cJSON_AddItemToArray(arr, x);
        }
    }
    free(seen);
    return ok;
}

static int lk_add_contexts(tc_src *s, int n, cJSON *arr, cJSON *kinds)
{
    const tc_doc *doc = s->doc;
    size_t k;
    const size_t *cits = tc_doc_reference_citations(doc, n, &k);
    int ok = lk_add_kinds(s, n, kinds);
    for (size_t j = 0; ok && j < k; j++) {
        const tc_citation *c = tc_doc_citation(doc, cits[j]);
        const tc_section *sec = c->section >= 0 ? tc_doc_section(doc, (size_t)c->section) : NULL;
        size_t off, len, first = 0;
        cJSON *x = cJSON_CreateObject(), *m = NULL, *st = NULL;
        int narrowed = tc_doc_citation_context(doc, cits[j], &off, &len);
        ok = x && cJSON_AddItemToArray(arr, x) && lk_add_span(s, x, off, len)
            && (narrowed <= 0 || cJSON_AddBoolToObject(x, "narrowed", 1));
        if (ok && sec) {
            if (sec->len) {
                const char *h = lk_span_str(s, tc_doc_text(doc, NULL) + sec->off, sec->len);
                ok = h && cJSON_AddStringToObject(x, "section", h);
            }
            ok = ok && cJSON_AddStringToObject(x, "section_kind", tc_section_kind_name(sec->kind));
        }
        if (ok && c->sentence >= 0) ok = cJSON_AddNumberToObject(x, "sentence", c->sentence + 1) != NULL;
        ok = ok && (m = cJSON_AddObjectToObject(x, "marker")) && lk_add_span(s, m, c->off, c->len)
            && cJSON_AddNumberToObject(x, "citation", (double)cits[j] + 1)
            && (st = cJSON_AddArrayToObject(x, "statistics"));
        size_t count = ok ? tc_doc_stats_from(doc, off, len, &first) : 0;
        for (size_t i = first; ok && i < first + count; i++) {
            const tc_stat *t = tc_doc_stat(doc, i);
            if (t->span.off + t->span.len > off + len) continue;
            cJSON *y = lk_stat_json(s, i, 0);
            ok = y && cJSON_AddItemToArray(st, y);
        }
    }
    return ok;
}

/* Bundled checks about reference n (e.g. "reference-reused"), as notes. */
static int lk_add_notes(const tc_src *s, int n, cJSON *o)
{
    const cJSON *c, *checks = s->bdoc ? cJSON_GetObjectItemCaseSensitive(s->bdoc, "checks") : NULL;
    cJSON *arr = NULL;
    cJSON_ArrayForEach(c, checks) {
        if (lk_int_field(c, "reference") != n) continue;
        if (!arr && !(arr = cJSON_AddArrayToObject(o, "notes"))) return 0;
        cJSON *d = cJSON_Duplicate(c, 1);
        if (!d || !cJSON_AddItemToArray(arr, d)) { cJSON_Delete(d); return 0; }
    }
    return 1;
}

static cJSON *ref_src_lookup(tc_src *s, int n)
{
    const cJSON *entry = tc_src_index(s, n), *v;
    cJSON *o = cJSON_CreateObject(), *ctx = NULL, *kinds = NULL, *find = NULL;
    int ok = o && cJSON_AddNumberToObject(o, "number", n);
    if (ok && s->id) ok = cJSON_AddStringToObject(o, "document", s->id) != NULL;
    if (ok && entry && (v = cJSON_GetObjectItemCaseSensitive(entry, "cited_for")))
        ok = cJSON_AddItemToObject(o, "cited_for", cJSON_Duplicate(v, 1));
    ok = ok && (kinds = cJSON_AddArrayToObject(o, "sections")) && (ctx = cJSON_AddArrayToObject(o, "contexts"))
        && (find = cJSON_AddArrayToObject(o, "findings"));
    if (ok && s->doc) ok = lk_add_contexts(s, n, ctx, kinds) && lk_add_findings(s, n, find, 0);
    if (ok && !cJSON_GetArraySize(kinds) && entry && cJSON_IsArray(v = cJSON_GetObjectItemCaseSensitive(entry, "sections"))) {
        cJSON_DeleteItemFromObjectCaseSensitive(o, "sections");
        ok = cJSON_AddItemToObject(o, "sections", cJSON_Duplicate(v, 1));
    }
    if (ok && tc_src_is_trial(s, n)) {
        if (!s->doc && cJSON_IsArray(v = cJSON_GetObjectItemCaseSensitive(s->trial, "results"))) {
            cJSON *d = cJSON_Duplicate(v, 1);
            ok = d && cJSON_ReplaceItemInObjectCaseSensitive(o, "findings", d);
        }
        ok = ok && cJSON_AddBoolToObject(o, "appraised_trial", 1)
            && cJSON_AddItemToObject(o, "trial", cJSON_Duplicate(s->trial, 1));
    }
    if (ok) ok = lk_add_notes(s, n, o);
    if (!ok) { cJSON_Delete(o); return NULL; }
    return o;
}


static int ref_lookup_json(const tc_data *data, const tc_doc *doc, const char *doc_id, size_t id_len,
                           int n, char **out, size_t *out_len)
{
    int rc;
    tc_src src;
    cJSON *o = NULL;
    memset(&src, 0, sizeof src);
    rc = TC_EINVAL;
    if (!out) goto fail;
    *out = NULL;
    TC_CHECK(tc_src_open(&src, data, doc, doc_id, id_len));
    if (!tc_src_cited(&src, n)) { rc = TC_ENOTFOUND; goto fail; }
    if (!(o = ref_src_lookup(&src, n)) || !(*out = cJSON_PrintUnformatted(o))) { rc = TC_ENOMEM; goto fail; }
    if (out_len) *out_len = strlen(*out);
fail:
    cJSON_Delete(o);
    tc_src_close(&src);
    return rc;
}
