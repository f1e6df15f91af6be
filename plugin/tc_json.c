/* tc_doc_to_json: the whole document as JSON, in exactly the shapes the Lua binding
 * builds (plugin/lua_doc.c), with 1-based inclusive start/stop, so that a host
 * without the Lua module (LuaJIT through the FFI, the CLI's JSON) sees the same records.
 * Written straight into one buffer (tc_jsonw.c): a tree of the records of a large
 * text cost some 30 times the text in memory. */
#include "tc_jsonw.h"

static void text(tc_jw *w, const tc_doc *doc, const char *key, size_t off, size_t len)
{
    tc_jw_ktext(w, key, doc->text + off, len);
}

static void span(tc_jw *w, const tc_doc *doc, size_t off, size_t len)
{
    text(w, doc, "text", off, len);
    tc_jw_kint(w, "start", (long long)off + 1);
    tc_jw_kint(w, "stop", (long long)(off + len));
}

static void subspan(tc_jw *w, const char *key, tc_span s)
{
    if (!s.len) return;
    tc_jw_kobj(w, key);
    tc_jw_kint(w, "start", (long long)s.off + 1);
    tc_jw_kint(w, "stop", (long long)(s.off + s.len));
    tc_jw_obj_end(w);
}

static void section(tc_jw *w, const tc_doc *doc, int i)
{
    const tc_section *s = i >= 0 ? tc_doc_section(doc, (size_t)i) : NULL;
    if (!s) return;
    if (s->len) text(w, doc, "section", s->off, s->len);
    tc_jw_kstr(w, "section_kind", tc_section_kind_name(s->kind));
}

static void stat(tc_jw *w, const tc_doc *doc, size_t i)
{
    const tc_stat *s = tc_doc_stat(doc, i);
    const char *kind = tc_stat_kind_name(s->kind), *measure = tc_measure_name(s->measure), *op = tc_op_name(s->value_op);
    tc_jw_obj(w);
    if (kind) tc_jw_kstr(w, "kind", kind);
    tc_jw_knum(w, "value", s->value);
    if (measure) tc_jw_kstr(w, "measure", measure);
    if (op) tc_jw_kstr(w, "value_op", op);
    if (s->has_sd) tc_jw_knum(w, "sd", s->sd);
    if (s->percent) tc_jw_kstr(w, "unit", "%");
    if (s->has_ci) {
        tc_jw_kobj(w, "ci");
        tc_jw_knum(w, "level", s->ci_level);
        tc_jw_knum(w, "low", s->ci_low);
        tc_jw_knum(w, "high", s->ci_high);
        tc_jw_obj_end(w);
    }
    if (s->p_op) {
        tc_jw_kobj(w, "p");
        tc_jw_kstr(w, "op", tc_op_name(s->p_op));
        tc_jw_knum(w, "value", s->p_value);
        tc_jw_obj_end(w);
    }
    if (s->timepoint.len) text(w, doc, "timepoint", s->timepoint.off, s->timepoint.len);
    if (s->subgroup.len) text(w, doc, "subgroup", s->subgroup.off, s->subgroup.len);
    if (s->noun.len) text(w, doc, "noun", s->noun.off, s->noun.len);
    span(w, doc, s->span.off, s->span.len);
    if (s->sentence >= 0) {
        const tc_sentence *sen = tc_doc_sentence(doc, (size_t)s->sentence);
        tc_jw_kint(w, "sentence", s->sentence + 1);
        if (sen) section(w, doc, sen->section);
    }
    tc_jw_kobj(w, "spans");
    subspan(w, "value", s->value_span);
    subspan(w, "sd", s->sd_span);
    subspan(w, "low", s->ci_low_span);
    subspan(w, "high", s->ci_high_span);
    subspan(w, "p", s->p_span);
    tc_jw_obj_end(w);
    tc_jw_obj_end(w);
}

static void citation(tc_jw *w, const tc_doc *doc, size_t i)
{
    const tc_citation *c = tc_doc_citation(doc, i);
    tc_jw_obj(w);
    span(w, doc, c->off, c->len);
    tc_jw_karr(w, "refs");
    for (size_t k = 0; k < c->nrefs; k++) tc_jw_int(w, c->refs[k]);
    tc_jw_arr_end(w);
    if (c->sentence >= 0) tc_jw_kint(w, "sentence", c->sentence + 1);
    section(w, doc, c->section);
    if (c->flags & TC_CIT_CAPPED) tc_jw_kbool(w, "capped", 1);
    tc_jw_obj_end(w);
}

/* Statistics whose span lies inside [off, off+len). */
static void stats_in(tc_jw *w, const tc_doc *doc, size_t off, size_t len)
{
    size_t first, n = tc_doc_stats_from(doc, off, len, &first);
    tc_jw_arr(w);
    for (size_t i = first; i < first + n; i++) {
        const tc_stat *s = tc_doc_stat(doc, i);
        if (s->span.off + s->span.len <= off + len) stat(w, doc, i);
    }
    tc_jw_arr_end(w);
}

static void reference(tc_jw *w, const tc_doc *doc, int number)
{
    size_t k;
    const size_t *cits = tc_doc_reference_citations(doc, number, &k);
    tc_jw_obj(w);
    tc_jw_kint(w, "number", number);
    tc_jw_karr(w, "contexts");
    for (size_t m = 0; m < k; m++) {
        const tc_citation *c = tc_doc_citation(doc, cits[m]);
        size_t off, len;
        int narrowed = tc_doc_citation_context(doc, cits[m], &off, &len);
        tc_jw_obj(w);
        span(w, doc, off, len);
        if (narrowed > 0) tc_jw_kbool(w, "narrowed", 1);
        section(w, doc, c->section);
        tc_jw_kobj(w, "marker");
        span(w, doc, c->off, c->len);
        tc_jw_obj_end(w);
        tc_jw_kint(w, "citation", (long long)cits[m] + 1);
        if (c->sentence >= 0) tc_jw_kint(w, "sentence", c->sentence + 1);
        tc_jw_key(w, "statistics");
        stats_in(w, doc, off, len);
        tc_jw_obj_end(w);
    }
    tc_jw_arr_end(w);
    tc_jw_obj_end(w);
}

int tc_doc_to_json(const tc_doc *doc, char **out, size_t *out_len)
{
    if (!doc || !out) return TC_EINVAL;
    tc_jw jw, *w = &jw;
    /* About 5 bytes of JSON per byte of text on the seed texts (sentences and citing
     * sentences repeat the text): one reservation instead of a dozen doublings. */
    tc_jw_init(w, doc->len < ((size_t)1 << 40) ? doc->len * 5 + 4096 : 0);
    tc_jw_obj(w);
    if (doc->id) tc_jw_ktext(w, "id", doc->id, doc->id_len);
    tc_jw_kstr(w, "lang", tc_lang_name(doc->lang));

    tc_jw_karr(w, "sections");
    for (size_t i = 0; i < doc->sections.n; i++) {
        const tc_section *s = tc_doc_section(doc, i);
        tc_jw_obj(w);
        span(w, doc, s->off, s->len);
        tc_jw_kstr(w, "kind", tc_section_kind_name(s->kind));
        tc_jw_kint(w, "body_start", (long long)s->body_off + 1);
        tc_jw_kint(w, "body_stop", (long long)s->end);
        if (s->parent >= 0) tc_jw_kint(w, "parent", s->parent + 1);
        tc_jw_obj_end(w);
    }
    tc_jw_arr_end(w);
    tc_jw_karr(w, "sentences");
    for (size_t i = 0; i < doc->sentences.n; i++) {
        const tc_sentence *s = tc_doc_sentence(doc, i);
        tc_jw_obj(w);
        span(w, doc, s->off, s->len);
        section(w, doc, s->section);
        tc_jw_obj_end(w);
    }
    tc_jw_arr_end(w);
    tc_jw_karr(w, "citations");
    for (size_t i = 0; i < doc->citations.n; i++) citation(w, doc, i);
    tc_jw_arr_end(w);
    tc_jw_karr(w, "references");
    for (size_t i = 0; i < doc->refnums.n; i++) reference(w, doc, tc_doc_reference_number(doc, i));
    tc_jw_arr_end(w);
    tc_jw_karr(w, "statistics");
    for (size_t i = 0; i < doc->stats.n; i++) stat(w, doc, i);
    tc_jw_arr_end(w);
    tc_jw_karr(w, "checks");
    for (size_t i = 0; i < doc->checks.n; i++) {
        const tc_check *c = tc_doc_check(doc, i);
        tc_jw_obj(w);
        tc_jw_kstr(w, "code", c->code);
        tc_jw_kstr(w, "severity", tc_severity_name(c->severity));
        tc_jw_kstr(w, "message", c->message);
        if (c->stat >= 0) tc_jw_kint(w, "statistic", (long long)c->stat + 1);
        tc_jw_obj_end(w);
    }
    tc_jw_arr_end(w);
    tc_jw_obj_end(w);
    char *s = tc_jw_take(w, out_len);
    if (!s) return TC_ENOMEM;
    *out = s;
    return TC_OK;
}
