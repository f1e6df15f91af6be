/* tc_doc_to_json: the whole document as JSON, in exactly the shapes the Lua binding
 * builds (plugin/lua_doc.c), with 1-based inclusive start/stop, so that a host
 * without the Lua module (LuaJIT through the FFI, the CLI's JSON) sees the same records.
 * Written straight into one buffer (tc_jsonw.c): a tree of the records of a large
 * text cost some 30 times the text in memory.  A statistic appears in the context of
 * every reference its sentence cites and in the list of statistics, and a context in
 * every reference its marker names: each is formatted once and copied after that. */
#include "tc_jsonw.h"

/* Where a record was written first: offset and length in the output (len 0: not yet). */
typedef struct span_memo { size_t at, len; } span_memo;

typedef struct jctx {
    tc_jw *w;
    const tc_doc *doc;
    span_memo *stats;      /* per statistic */
    span_memo *contexts;   /* per citation: its context object in a reference */
} jctx;

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

void tc_jw_stat_numbers(tc_jw *w, const tc_stat *s)
{
    if (s->has_sd) tc_jw_knum(w, "sd", s->sd);
    if (s->has_se) tc_jw_knum(w, "se", s->se);
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
}

static void stat_fields(tc_jw *w, const tc_doc *doc, size_t i)
{
    const tc_stat *s = tc_doc_stat(doc, i);
    const char *kind = tc_stat_kind_name(s->kind), *measure = tc_measure_name(s->measure), *op = tc_op_name(s->value_op);
    tc_jw_obj(w);
    if (kind) tc_jw_kstr(w, "kind", kind);
    tc_jw_knum(w, "value", s->value);
    if (measure) tc_jw_kstr(w, "measure", measure);
    if (op) tc_jw_kstr(w, "value_op", op);
    tc_jw_stat_numbers(w, s);
    if (s->timepoint.len) tc_jw_ktext_clean(w, "timepoint", doc->text + s->timepoint.off, s->timepoint.len);
    if (s->subgroup.len) tc_jw_ktext_clean(w, "subgroup", doc->text + s->subgroup.off, s->subgroup.len);
    if (s->noun.len) tc_jw_ktext_clean(w, "noun", doc->text + s->noun.off, s->noun.len);
    span(w, doc, s->span.off, s->span.len);
    if (s->sentence >= 0) {
        const tc_sentence *sen = tc_doc_sentence(doc, (size_t)s->sentence);
        tc_jw_kint(w, "sentence", s->sentence + 1);
        if (sen) section(w, doc, sen->section);
    }
    tc_jw_kobj(w, "spans");
    subspan(w, "value", s->value_span);
    subspan(w, "sd", s->sd_span);
    subspan(w, "se", s->se_span);
    subspan(w, "low", s->ci_low_span);
    subspan(w, "high", s->ci_high_span);
    subspan(w, "p", s->p_span);
    tc_jw_obj_end(w);
    tc_jw_obj_end(w);
}

static void stat(jctx *j, size_t i)
{
    span_memo *m = &j->stats[i];
    if (m->len) { tc_jw_again(j->w, m->at, m->len); return; }
    m->at = tc_jw_begin(j->w);
    stat_fields(j->w, j->doc, i);
    m->len = tc_jw_len(j->w) - m->at;
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
static void stats_in(jctx *j, size_t off, size_t len)
{
    size_t first, n = tc_doc_stats_from(j->doc, off, len, &first);
    tc_jw_arr(j->w);
    for (size_t i = first; i < first + n; i++) {
        const tc_stat *s = tc_doc_stat(j->doc, i);
        if (s->span.off + s->span.len <= off + len) stat(j, i);
    }
    tc_jw_arr_end(j->w);
}

/* The context of citation ci in a reference: the same in every reference it names. */
static void context(jctx *j, size_t ci)
{
    tc_jw *w = j->w;
    const tc_doc *doc = j->doc;
    span_memo *memo = &j->contexts[ci];
    if (memo->len) { tc_jw_again(w, memo->at, memo->len); return; }
    memo->at = tc_jw_begin(w);
    const tc_citation *c = tc_doc_citation(doc, ci);
    size_t off, len;
    int narrowed = tc_doc_citation_context(doc, ci, &off, &len);
    tc_jw_obj(w);
    span(w, doc, off, len);
    if (narrowed > 0) tc_jw_kbool(w, "narrowed", 1);
    section(w, doc, c->section);
    tc_jw_kobj(w, "marker");
    span(w, doc, c->off, c->len);
    tc_jw_obj_end(w);
    tc_jw_kint(w, "citation", (long long)ci + 1);
    if (c->sentence >= 0) tc_jw_kint(w, "sentence", c->sentence + 1);
    tc_jw_key(w, "statistics");
    stats_in(j, off, len);
    tc_jw_obj_end(w);
    memo->len = tc_jw_len(w) - memo->at;
}

static void reference(jctx *j, int number)
{
    size_t k;
    const size_t *cits = tc_doc_reference_citations(j->doc, number, &k);
    tc_jw_obj(j->w);
    tc_jw_kint(j->w, "number", number);
    tc_jw_karr(j->w, "contexts");
    for (size_t m = 0; m < k; m++) context(j, cits[m]);
    tc_jw_arr_end(j->w);
    tc_jw_obj_end(j->w);
}

int tc_doc_to_json(const tc_doc *doc, char **out, size_t *out_len)
{
    if (!doc || !out) return TC_EINVAL;
    tc_jw jw, *w = &jw;
    jctx j = { w, doc, calloc(doc->stats.n + 1, sizeof(span_memo)), calloc(doc->citations.n + 1, sizeof(span_memo)) };
    if (!j.stats || !j.contexts) { free(j.stats); free(j.contexts); return TC_ENOMEM; }
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
    for (size_t i = 0; i < doc->refnums.n; i++) reference(&j, tc_doc_reference_number(doc, i));
    tc_jw_arr_end(w);
    tc_jw_karr(w, "statistics");
    for (size_t i = 0; i < doc->stats.n; i++) stat(&j, i);
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
    free(j.stats);
    free(j.contexts);
    char *s = tc_jw_take(w, out_len);
    if (!s) return TC_ENOMEM;
    *out = s;
    return TC_OK;
}
