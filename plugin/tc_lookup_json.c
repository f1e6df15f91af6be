/* tc_lookup_json: the full lookup record of one cited number, written straight into
 * one buffer (tc_jsonw.c).  Bundled parts (cited_for, sections, the trial, notes) are
 * cJSON trees of the loaded data and are written as they are. */
#include "tc_enrich.h"
#include "tc_jsonw.h"

/* A number field of bundled data as lookup has always read it (a string of digits too). */
static int int_field(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (cJSON_IsNumber(v)) return v->valueint;
    if (cJSON_IsString(v)) return atoi(v->valuestring);
    return 0;
}

static void span(tc_jw *w, const tc_doc *doc, size_t off, size_t len)
{
    tc_jw_ktext(w, "text", tc_doc_text(doc, NULL) + off, len);
    tc_jw_kint(w, "start", (long long)off + 1);
    tc_jw_kint(w, "stop", (long long)(off + len));
}

static void spanstr(tc_jw *w, const tc_doc *doc, const char *key, tc_span sp)
{
    if (sp.len) tc_jw_ktext_clean(w, key, tc_doc_text(doc, NULL) + sp.off, sp.len);
}

/* A statistic as lookup shows it (no section fields; kind "count" when unnamed). */
static void stat(tc_jw *w, const tc_doc *doc, size_t i)
{
    const tc_stat *st = tc_doc_stat(doc, i);
    const char *kind = tc_stat_kind_name(st->kind), *m = tc_measure_name(st->measure), *op = tc_op_name(st->value_op);
    tc_jw_obj(w);
    tc_jw_kstr(w, "kind", kind ? kind : "count");
    if (m) tc_jw_kstr(w, "measure", m);
    tc_jw_knum(w, "value", st->value);
    if (op) tc_jw_kstr(w, "value_op", op);
    tc_jw_stat_numbers(w, st);
    spanstr(w, doc, "timepoint", st->timepoint);
    spanstr(w, doc, "subgroup", st->subgroup);
    spanstr(w, doc, "noun", st->noun);
    span(w, doc, st->span.off, st->span.len);
    if (st->sentence >= 0) tc_jw_kint(w, "sentence", st->sentence + 1);
    tc_jw_obj_end(w);
}

/* The section kinds of n's citing markers, each once, in order of first appearance. */
static size_t kinds_of(const tc_doc *doc, int n, const char *kinds[TC_SEC__COUNT])
{
    size_t k, nk = 0;
    const size_t *cits = tc_doc_reference_citations(doc, n, &k);
    for (size_t j = 0; j < k; j++) {
        const tc_citation *c = tc_doc_citation(doc, cits[j]);
        const tc_section *sec = c->section >= 0 ? tc_doc_section(doc, (size_t)c->section) : NULL;
        if (!sec) continue;
        const char *kind = tc_section_kind_name(sec->kind);
        size_t d = 0;
        while (d < nk && strcmp(kinds[d], kind)) d++;
        if (d == nk && nk < TC_SEC__COUNT) kinds[nk++] = kind;
    }
    return nk;
}

static void contexts(tc_jw *w, const tc_doc *doc, int n)
{
    size_t k;
    const size_t *cits = tc_doc_reference_citations(doc, n, &k);
    for (size_t j = 0; j < k; j++) {
        const tc_citation *c = tc_doc_citation(doc, cits[j]);
        const tc_section *sec = c->section >= 0 ? tc_doc_section(doc, (size_t)c->section) : NULL;
        size_t off, len, first = 0;
        int narrowed = tc_doc_citation_context(doc, cits[j], &off, &len);
        tc_jw_obj(w);
        span(w, doc, off, len);
        if (narrowed > 0) tc_jw_kbool(w, "narrowed", 1);
        if (sec) {
            if (sec->len) tc_jw_ktext(w, "section", tc_doc_text(doc, NULL) + sec->off, sec->len);
            tc_jw_kstr(w, "section_kind", tc_section_kind_name(sec->kind));
        }
        if (c->sentence >= 0) tc_jw_kint(w, "sentence", c->sentence + 1);
        tc_jw_kobj(w, "marker");
        span(w, doc, c->off, c->len);
        tc_jw_obj_end(w);
        tc_jw_kint(w, "citation", (long long)cits[j] + 1);
        tc_jw_karr(w, "statistics");
        size_t count = tc_doc_stats_from(doc, off, len, &first);
        for (size_t i = first; i < first + count; i++) {
            const tc_stat *t = tc_doc_stat(doc, i);
            if (t->span.off + t->span.len <= off + len) stat(w, doc, i);
        }
        tc_jw_arr_end(w);
        tc_jw_obj_end(w);
    }
}

/* The statistics inside every citing sentence of n, each once; 0 on OOM. */
static int findings(tc_jw *w, const tc_doc *doc, int n)
{
    size_t k, ns = tc_doc_stat_count(doc);
    const size_t *cits = tc_doc_reference_citations(doc, n, &k);
    unsigned char *seen = ns ? calloc(ns, 1) : NULL;
    if (ns && !seen) return 0;
    for (size_t j = 0; j < k; j++) {
        size_t off, len, first;
        tc_doc_citation_context(doc, cits[j], &off, &len);
        size_t end = tc_doc_stats_from(doc, off, len, &first) + first;
        for (size_t i = first; i < end; i++) {
            const tc_stat *st = tc_doc_stat(doc, i);
            if (seen[i] || st->span.off + st->span.len > off + len) continue;
            seen[i] = 1;
            stat(w, doc, i);
        }
    }
    free(seen);
    return 1;
}

/* Key order as the cJSON tree had it: number, document, cited_for, sections, contexts,
 * findings, then sections again when the bundled index supplies them (the tree
 * replaced the empty list by deleting and re-adding it), appraised_trial, trial, notes. */
static int lookup(tc_src *s, int n, tc_jw *w)
{
    const cJSON *entry = tc_src_index(s, n), *v, *c;
    const cJSON *bundled_sections = NULL, *results = NULL, *checks;
    const char *kinds[TC_SEC__COUNT];
    size_t nk = s->doc ? kinds_of(s->doc, n, kinds) : 0;
    if (!nk && entry && cJSON_IsArray(v = cJSON_GetObjectItemCaseSensitive(entry, "sections"))) bundled_sections = v;
    if (tc_src_is_trial(s, n) && !s->doc && cJSON_IsArray(v = cJSON_GetObjectItemCaseSensitive(s->trial, "results")))
        results = v;
    tc_jw_obj(w);
    tc_jw_kint(w, "number", n);
    if (s->id) tc_jw_kstr(w, "document", s->id);
    if (entry && (v = cJSON_GetObjectItemCaseSensitive(entry, "cited_for"))) tc_jw_kcjson(w, "cited_for", v);
    if (!bundled_sections) {
        tc_jw_karr(w, "sections");
        for (size_t i = 0; i < nk; i++) tc_jw_str(w, kinds[i], strlen(kinds[i]));
        tc_jw_arr_end(w);
    }
    tc_jw_karr(w, "contexts");
    if (s->doc) contexts(w, s->doc, n);
    tc_jw_arr_end(w);
    if (results) {
        tc_jw_kcjson(w, "findings", results);
    } else {
        tc_jw_karr(w, "findings");
        if (s->doc && !findings(w, s->doc, n)) return 0;
        tc_jw_arr_end(w);
    }
    if (bundled_sections) tc_jw_kcjson(w, "sections", bundled_sections);
    if (tc_src_is_trial(s, n)) {
        tc_jw_kbool(w, "appraised_trial", 1);
        tc_jw_kcjson(w, "trial", s->trial);
    }
    /* Bundled checks about reference n (e.g. "reference-reused"), as notes. */
    checks = s->bdoc ? cJSON_GetObjectItemCaseSensitive(s->bdoc, "checks") : NULL;
    int any = 0;
    cJSON_ArrayForEach(c, checks) {
        if (int_field(c, "reference") != n) continue;
        if (!any++) tc_jw_karr(w, "notes");
        tc_jw_cjson(w, c);
    }
    if (any) tc_jw_arr_end(w);
    tc_jw_obj_end(w);
    return 1;
}

int tc_lookup_json(const tc_data *data, const tc_doc *doc, const char *doc_id, size_t id_len,
                   int n, char **out, size_t *out_len)
{
    int rc;
    tc_src src;
    tc_jw w;
    memset(&src, 0, sizeof src);
    tc_jw_init(&w, 0);
    rc = TC_EINVAL;
    if (!out) goto fail;
    *out = NULL;
    TC_CHECK(tc_src_open(&src, data, doc, doc_id, id_len));
    if (!tc_src_cited(&src, n)) { rc = TC_ENOTFOUND; goto fail; }
    if (!lookup(&src, n, &w) || !(*out = tc_jw_take(&w, out_len))) { rc = TC_ENOMEM; goto fail; }
    rc = TC_OK;
fail:
    tc_jw_free(&w);
    tc_src_close(&src);
    return rc;
}
