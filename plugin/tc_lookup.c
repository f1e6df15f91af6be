/* The "source" shared by lookup (tc_lookup_json.c) and enrichment: what a parsed or bundled
 * appraisal says about one reference number.  A parsed text that is one of the
 * bundled appraisals (tc_data_recognize_doc) also gets the bundled reference index
 * (cited_for, sections) and, on the appraised-trial number, the trial record. */
#include "tc_enrich.h"
#include <stdarg.h>
#include <stdio.h>

/* ---- small helpers ---- */

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static const char *str_field(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int int_field(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (cJSON_IsNumber(v)) return v->valueint;
    if (cJSON_IsString(v)) return atoi(v->valuestring);
    return 0;
}

/* A NUL-terminated copy of text[0, len) in the source's scratch buffer, with invalid
 * UTF-8 and NUL bytes as U+FFFD so that the JSON output is always valid. */
static const char *span_str(tc_src *s, const char *text, size_t len)
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

static int add_spanstr(tc_src *s, cJSON *o, const char *key, tc_span sp)
{
    if (!sp.len) return 1;
    const char *t = span_str(s, tc_doc_text(s->doc, NULL) + sp.off, sp.len);
    return t && cJSON_AddStringToObject(o, key, t);
}

/* ---- the source ---- */

int tc_src_open(tc_src *s, const tc_data *data, const tc_doc *doc, const char *doc_id, size_t id_len)
{
    int rc = TC_OK;
    memset(s, 0, sizeof *s);
    tc_vec_init(&s->numbers, sizeof(int));
    tc_buf_init(&s->scratch);
    s->data = data;
    s->doc = doc;
    if ((doc != NULL) == (doc_id != NULL) || (doc_id && !data)) { rc = TC_EINVAL; goto fail; }
    if (doc_id) {
        s->bdoc = tc_data_document(data, doc_id, id_len);
        if (!s->bdoc) { rc = TC_EINVAL; goto fail; }
    } else if (data) {
        s->bdoc = tc_data_recognize_doc(data, doc);
    }
    if (s->bdoc) {
        const char *tid = str_field(s->bdoc, "appraises");
        s->id = str_field(s->bdoc, "id");
        s->trial = tid ? tc_data_trial(data, tid, strlen(tid)) : NULL;
        s->appraised = int_field(s->bdoc, "appraised_reference");
        const cJSON *refs = cJSON_GetObjectItemCaseSensitive(s->bdoc, "references"), *r;
        cJSON_ArrayForEach(r, refs) {
            int n = int_field(r, "number");
            int *slot;
            if (n <= 0) continue;
            if (!(slot = tc_vec_push(&s->numbers))) { rc = TC_ENOMEM; goto fail; }
            *slot = n;
        }
    }
    if (doc && !s->bdoc) {
        /* an appraisal trialcite does not bundle: the trial is the record extracted from
           its text, on the reference that cites it (tc_extract_ref.c) */
        int n = tc_extract_trial_reference(doc);
        char *json = NULL;
        size_t jl = 0;
        if (n > 0) {
            rc = tc_extract_trial_json(doc, NULL, &json, &jl);
            if (rc == TC_ENOMEM) goto fail;
            if (rc == TC_OK) {
                s->extracted = cJSON_ParseWithLength(json, jl);
                tc_free(json);
                if (!s->extracted) { rc = TC_ENOMEM; goto fail; }
                s->trial = s->extracted;
                s->appraised = n;
            }
            rc = TC_OK;
        }
    }
    if (doc) {
        size_t idl = 0;
        const char *id = tc_doc_id(doc, &idl);
        if (!s->id && idl) s->id = id;
        for (size_t i = 0, k = tc_doc_reference_count(doc); i < k; i++) {
            int *slot = tc_vec_push(&s->numbers);
            if (!slot) { rc = TC_ENOMEM; goto fail; }
            *slot = tc_doc_reference_number(doc, i);
        }
    }
    if (s->numbers.n) {
        int *v = s->numbers.data;
        size_t w = 0;
        qsort(v, s->numbers.n, sizeof *v, cmp_int);
        for (size_t i = 0; i < s->numbers.n; i++)
            if (!w || v[w - 1] != v[i]) v[w++] = v[i];
        s->numbers.n = w;
    }
    return TC_OK;
fail:
    return rc;
}

void tc_src_close(tc_src *s)
{
    cJSON_Delete(s->extracted);
    s->extracted = NULL;
    tc_vec_free(&s->numbers);
    tc_buf_free(&s->scratch);
}

int tc_src_cited(const tc_src *s, int n)
{
    const int *v = s->numbers.data;
    return s->numbers.n && bsearch(&n, v, s->numbers.n, sizeof *v, cmp_int) != NULL;
}

int tc_src_max(const tc_src *s)
{
    return s->numbers.n ? TC_VEC_AT(&s->numbers, int, s->numbers.n - 1) : 0;
}

const cJSON *tc_src_index(const tc_src *s, int n)
{
    const cJSON *r, *refs = s->bdoc ? cJSON_GetObjectItemCaseSensitive(s->bdoc, "references") : NULL;
    cJSON_ArrayForEach(r, refs)
        if (int_field(r, "number") == n) return r;
    return NULL;
}

int tc_src_is_trial(const tc_src *s, int n)
{
    return s->trial && n > 0 && n == s->appraised;
}

/* ---- statistics of a parsed document ---- */

/* A statistic in the compact note: no offsets, its text only. */
static cJSON *stat_json(tc_src *s, size_t i)
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
    ok = ok && add_spanstr(s, o, "timepoint", st->timepoint) && add_spanstr(s, o, "subgroup", st->subgroup);
    if (ok) {
        const char *t = span_str(s, tc_doc_text(s->doc, NULL) + st->span.off, st->span.len);
        ok = t && cJSON_AddStringToObject(o, "text", t);
    }
    if (!ok) { cJSON_Delete(o); return NULL; }
    return o;
}

/* Adds the section kinds of n's citing markers to kinds (each once). */
static int add_kinds(const tc_src *s, int n, cJSON *kinds)
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
static int add_findings(tc_src *s, int n, cJSON *arr)
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
            cJSON *x = stat_json(s, i);
            ok = x && cJSON_AddItemToArray(arr, x);
        }
    }
    free(seen);
    return ok;
}

/* ---- the compact note and its human-readable text ---- */

static void fmt_num(tc_buf *b, double v)
{
    tc_buf_addf(b, "%g", v);
}

/* Decimals %g shows for v (0.9 -> 1, 0.58 -> 2), at most 6. */
static int decimals(double v)
{
    char s[64];
    snprintf(s, sizeof s, "%g", v);
    const char *dot = strchr(s, '.');
    return dot && !strchr(s, 'e') ? (int)strlen(dot + 1) : 0;
}

/* "HR 0.58 (95% CI 0.37 to 0.90; p=0.02)" from an object with measure/value/ci/p;
 * without a value just "p<0.001". */
static void fmt_estimate(tc_buf *b, const cJSON *f)
{
    const char *m = str_field(f, "measure"), *unit = str_field(f, "unit"), *op = str_field(f, "value_op");
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(f, "value"), *ci = cJSON_GetObjectItemCaseSensitive(f, "ci"),
                *p = cJSON_GetObjectItemCaseSensitive(f, "p"), *sd = cJSON_GetObjectItemCaseSensitive(f, "sd");
    int head = cJSON_IsNumber(v), parts = 0;
    if (head) {
        if (m) tc_buf_addf(b, "%s ", m);
        if (op) tc_buf_adds(b, op);
        fmt_num(b, v->valuedouble);
        if (unit) tc_buf_adds(b, unit);
    }
    if (cJSON_IsNumber(sd)) {
        tc_buf_adds(b, head ? " (SD " : "SD ");
        fmt_num(b, sd->valuedouble);
        parts++;
    }
    if (cJSON_IsObject(ci)) {
        const cJSON *lv = cJSON_GetObjectItemCaseSensitive(ci, "level"), *lo = cJSON_GetObjectItemCaseSensitive(ci, "low"),
                    *hi = cJSON_GetObjectItemCaseSensitive(ci, "high");
        tc_buf_adds(b, parts ? "; " : head ? " (" : "");
        parts++;
        if (cJSON_IsNumber(lv)) { fmt_num(b, lv->valuedouble); tc_buf_adds(b, "% "); }
        tc_buf_adds(b, "CI ");
        if (cJSON_IsNumber(lo) && cJSON_IsNumber(hi)) {
            /* bounds as precise as the most precise of estimate and bounds: 0.37 to 0.90 */
            int d = decimals(lo->valuedouble), dh = decimals(hi->valuedouble);
            if (dh > d) d = dh;
            if (head && decimals(v->valuedouble) > d) d = decimals(v->valuedouble);
            tc_buf_addf(b, "%.*f to %.*f", d, lo->valuedouble, d, hi->valuedouble);
        }
    }
    if (cJSON_IsObject(p)) {
        const char *pop = str_field(p, "op");
        const cJSON *pv = cJSON_GetObjectItemCaseSensitive(p, "value");
        tc_buf_adds(b, parts ? "; p" : head ? " (p" : "p");
        parts++;
        tc_buf_adds(b, pop ? pop : "=");
        if (cJSON_IsNumber(pv)) fmt_num(b, pv->valuedouble);
    }
    if (head && parts) tc_buf_adds(b, ")");
}

static const char *const COMPACT_KEYS[] = {
    "outcome", "role", "subgroup", "timepoint", "kind", "measure", "estimate", "value_op", "value", "unit", "sd", "ci", "p",
    "finding", "arms", "text",
};

/* A compact copy of a trial result or statistic: the keys above, in that order. */
static cJSON *compact(const cJSON *f)
{
    cJSON *o = cJSON_CreateObject();
    for (size_t i = 0; o && i < sizeof COMPACT_KEYS / sizeof *COMPACT_KEYS; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(f, COMPACT_KEYS[i]);
        if (!v || cJSON_IsNull(v)) continue;
        cJSON *d = cJSON_Duplicate(v, 1);
        if (!d || !cJSON_AddItemToObject(o, COMPACT_KEYS[i], d)) { cJSON_Delete(d); cJSON_Delete(o); o = NULL; }
    }
    return o;
}

/* At most this many findings are spelled out in the human-readable annotation. */
#define TC_NOTE_FINDINGS 8

cJSON *tc_src_note(tc_src *s, int n, tc_buf *text)
{
    const cJSON *entry = tc_src_index(s, n), *v, *f;
    const char *cited_for = entry ? str_field(entry, "cited_for") : NULL;
    int is_trial = tc_src_is_trial(s, n);
    cJSON *o = cJSON_CreateObject(), *find = NULL, *kinds = NULL;
    int ok = o != NULL;
    if (ok && s->id) ok = cJSON_AddStringToObject(o, "document", s->id) != NULL;
    ok = ok && cJSON_AddNumberToObject(o, "number", n);
    if (ok && cited_for) ok = cJSON_AddStringToObject(o, "cited_for", cited_for) != NULL;
    /* sections: from the parsed contexts, else from the bundled index */
    ok = ok && (kinds = cJSON_AddArrayToObject(o, "sections"));
    if (ok && s->doc) ok = add_kinds(s, n, kinds);
    if (ok && !cJSON_GetArraySize(kinds) && entry && cJSON_IsArray(v = cJSON_GetObjectItemCaseSensitive(entry, "sections"))) {
        cJSON_DeleteItemFromObjectCaseSensitive(o, "sections");
        ok = (kinds = cJSON_Duplicate(v, 1)) && cJSON_AddItemToObject(o, "sections", kinds);
    }
    /* findings: the trial's results on the appraised-trial number, else the text's */
    ok = ok && (find = cJSON_AddArrayToObject(o, "findings"));
    if (ok && is_trial && cJSON_IsArray(v = cJSON_GetObjectItemCaseSensitive(s->trial, "results"))) {
        cJSON_ArrayForEach(f, v) {
            cJSON *c = compact(f);
            if (!(ok = c && cJSON_AddItemToArray(find, c))) break;
        }
    } else if (ok && s->doc) {
        ok = add_findings(s, n, find);
    }
    if (ok && is_trial) ok = cJSON_AddStringToObject(o, "trial", str_field(s->trial, "id") ? str_field(s->trial, "id") : "") != NULL;
    if (!ok) { cJSON_Delete(o); return NULL; }

    /* human-readable: one line */
    tc_buf_addf(text, "Reference %d", n);
    if (s->id) tc_buf_addf(text, " of %s", s->id);
    if (cited_for) {
        /* the description's own full stop would double the sentence's */
        size_t cl = strlen(cited_for);
        while (cl && cited_for[cl - 1] == '.') cl--;
        tc_buf_adds(text, ", cited for: ");
        tc_buf_add(text, cited_for, cl);
    }
    if (cJSON_GetArraySize(kinds)) {
        tc_buf_adds(text, " (sections:");
        int first = 1;
        cJSON_ArrayForEach(f, kinds) if (cJSON_IsString(f)) { tc_buf_addf(text, "%s %s", first ? "" : ",", f->valuestring); first = 0; }
        tc_buf_adds(text, ")");
    }
    tc_buf_adds(text, ".");
    if (is_trial) {
        const cJSON *cit = cJSON_GetObjectItemCaseSensitive(s->trial, "citation");
        const char *doi = cit ? str_field(cit, "DOI") : NULL;
        tc_buf_addf(text, " The appraised trial (%s", str_field(s->trial, "id") ? str_field(s->trial, "id") : "?");
        if (doi) tc_buf_addf(text, ", doi:%s", doi);
        tc_buf_adds(text, ").");
    }
    int k = 0, total = cJSON_GetArraySize(find);
    cJSON_ArrayForEach(f, find) {
        if (k == TC_NOTE_FINDINGS) { tc_buf_addf(text, "; and %d more", total - k); break; }
        const char *outcome = str_field(f, "outcome"), *sub = str_field(f, "subgroup"), *tp = str_field(f, "timepoint");
        tc_buf_adds(text, k ? "; " : " Findings: ");
        if (outcome) tc_buf_adds(text, outcome);
        if (sub || tp) {
            tc_buf_adds(text, outcome ? " (" : "(");
            if (sub) tc_buf_adds(text, sub);
            if (sub && tp) tc_buf_adds(text, ", ");
            if (tp) tc_buf_adds(text, tp);
            tc_buf_adds(text, ")");
        }
        if (outcome || sub || tp) tc_buf_adds(text, ": ");
        if (cJSON_GetObjectItemCaseSensitive(f, "value") || cJSON_GetObjectItemCaseSensitive(f, "p")) fmt_estimate(text, f);
        else if (str_field(f, "finding")) tc_buf_adds(text, str_field(f, "finding"));
        k++;
    }
    if (k) tc_buf_adds(text, ".");
    if (text->oom) { cJSON_Delete(o); return NULL; }
    return o;
}

/* ---- identity ---- */

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static int prefix_ci(const char *s, size_t len, const char *p)
{
    size_t n = strlen(p);
    if (len < n) return 0;
    for (size_t i = 0; i < n; i++) if (lower((unsigned char)s[i]) != p[i]) return 0;
    return 1;
}

/* Normalised DOI: no URL or "doi:" prefix, no surrounding white space, lower case. */
static size_t norm_doi(const char *s, size_t len, char *out, size_t cap)
{
    static const char *const pre[] = { "https://doi.org/", "http://doi.org/", "https://dx.doi.org/",
                                       "http://dx.doi.org/", "doi.org/", "doi:" };
    while (len && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) { s++; len--; }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r' || s[len - 1] == '.')) len--;
    for (size_t i = 0; i < sizeof pre / sizeof *pre; i++)
        if (prefix_ci(s, len, pre[i])) { s += strlen(pre[i]); len -= strlen(pre[i]); break; }
    while (len && *s == ' ') { s++; len--; }
    size_t n = 0;
    for (size_t i = 0; i < len && n + 1 < cap; i++) out[n++] = (char)lower((unsigned char)s[i]);
    out[n] = '\0';
    return n;
}

/* The digits of a PMID ("PMID: 38061786" -> "38061786"). */
static size_t digits(const char *s, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n + 1 < cap; i++) if (s[i] >= '0' && s[i] <= '9') out[n++] = s[i];
    out[n] = '\0';
    return n;
}

int tc_src_identity(const tc_src *s, const char *doi, size_t doi_len, const char *pmid, size_t pmid_len,
                    char *why, size_t whylen)
{
    const cJSON *cit = s->trial ? cJSON_GetObjectItemCaseSensitive(s->trial, "citation") : NULL, *tp;
    const char *tdoi = cit ? str_field(cit, "DOI") : NULL;
    char a[256], b[256];
    if (doi && tdoi && norm_doi(doi, doi_len, a, sizeof a) && norm_doi(tdoi, strlen(tdoi), b, sizeof b) && strcmp(a, b)) {
        snprintf(why, whylen, "DOI %s is not the appraised trial's (%s)", a, b);
        return 0;
    }
    tp = cit ? cJSON_GetObjectItemCaseSensitive(cit, "PMID") : NULL;
    if (pmid && tp && (cJSON_IsString(tp) || cJSON_IsNumber(tp))) {
        char num[32];
        const char *t = cJSON_IsString(tp) ? tp->valuestring : num;
        if (cJSON_IsNumber(tp)) snprintf(num, sizeof num, "%.0f", tp->valuedouble);
        if (digits(pmid, pmid_len, a, sizeof a) && digits(t, strlen(t), b, sizeof b) && strcmp(a, b)) {
            snprintf(why, whylen, "PMID %s is not the appraised trial's (%s)", a, b);
            return 0;
        }
    }
    return 1;
}

/* ---- report and markers ---- */

int tc_report_add(cJSON *report, const char *code, const char *severity, long index, int number, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cJSON *o = cJSON_CreateObject();
    int ok = o && cJSON_AddItemToArray(report, o) && cJSON_AddStringToObject(o, "code", code)
        && cJSON_AddStringToObject(o, "severity", severity) && cJSON_AddStringToObject(o, "message", msg);
    if (ok && index > 0) ok = cJSON_AddNumberToObject(o, "index", (double)index) != NULL;
    if (ok && number > 0) ok = cJSON_AddNumberToObject(o, "number", number) != NULL;
    if (!o) return 0;
    return ok;
}

static size_t find_bytes(const char *s, size_t len, size_t from, const char *pat)
{
    size_t n = strlen(pat);
    for (size_t i = from; i + n <= len; i++)
        if (s[i] == pat[0] && !memcmp(s + i, pat, n)) return i;
    return (size_t)-1;
}

int tc_mark_find(const char *s, size_t len, size_t *off, size_t *n)
{
    /* the first close that has an open before it (after the previous close), and the
     * last such open: stray markers the user typed stay the user's */
    size_t ol = strlen(TC_MARK_OPEN), cl = strlen(TC_MARK_CLOSE), from = 0;
    for (;;) {
        size_t b = find_bytes(s, len, from, TC_MARK_CLOSE), a = (size_t)-1;
        if (b == (size_t)-1) return 0;
        for (size_t i = from; i + ol <= b; i++)
            if (s[i] == '[' && !memcmp(s + i, TC_MARK_OPEN, ol)) a = i;
        if (a != (size_t)-1) {
            *off = a;
            *n = b + cl - a;
            return 1;
        }
        from = b + cl;
    }
}
