/* tc_parse: runs the pipeline stages over a private copy of the text, then builds the
 * reference index.  Also the document accessors and the small name tables. */
#include "tc_internal.h"
#include <stdarg.h>
#include <stdio.h>

const char *tc_version(void) { return TC_VERSION; }

const char *tc_strerror(int status)
{
    static const char *const msg[] = {
        "ok", "out of memory", "invalid argument", "limit exceeded", "not found",
        "malformed data", "network error", "timed out", "unexpected HTTP status",
        "too large", "offline and not cached", "file system error", "cancelled",
    };
    if (status < 0 || (size_t)status >= sizeof msg / sizeof *msg) return "unknown error";
    return msg[status];
}

const char *tc_lang_name(int lang)
{
    switch (lang) {
    case TC_LANG_NL: return "nl";
    case TC_LANG_FR: return "fr";
    case TC_LANG_EN: return "en";
    default: return "";
    }
}

const char *tc_section_kind_name(int kind)
{
    static const char *const names[TC_SEC__COUNT] = {
        "other", "lead", "question", "background", "summary", "population", "design",
        "outcomes", "results", "authors_conclusion", "funding", "conflicts", "discussion",
        "methodology", "results_appraisal", "guidelines", "conclusion", "methods",
        "introduction", "references",
    };
    return kind >= 0 && kind < TC_SEC__COUNT ? names[kind] : "other";
}

const char *tc_stat_kind_name(int kind)
{
    switch (kind) {
    case TC_STAT_ESTIMATE: return "estimate";
    case TC_STAT_MEAN: return "mean";
    case TC_STAT_PROPORTION: return "proportion";
    case TC_STAT_P: return "p";
    case TC_STAT_COUNT: return "count";
    default: return NULL;
    }
}

const char *tc_measure_name(int m)
{
    static const char *const names[] = { NULL, "HR", "OR", "RR", "RD", "MD", "SMD", "IRR", "RoM", "median", "beta", "NNT", "NNH" };
    return m > 0 && (size_t)m < sizeof names / sizeof *names ? names[m] : NULL;
}

const char *tc_op_name(int op)
{
    static const char *const names[] = { NULL, "=", "<", ">", "<=", ">=" };
    return op > 0 && (size_t)op < sizeof names / sizeof *names ? names[op] : NULL;
}

const char *tc_severity_name(int s)
{
    return s == TC_SEV_ERROR ? "error" : s == TC_SEV_WARNING ? "warning" : "info";
}

void tc_doc_log(const tc_doc *doc, int status, const char *fmt, ...)
{
    if (!doc->log) return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (k < 0) return;
    doc->log(doc->log_ud, status, msg, (size_t)k < sizeof msg ? (size_t)k : sizeof msg - 1);
}

int tc_doc_add_check(tc_doc *doc, const char *code, int severity, long stat, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (k < 0) k = 0;
    if ((size_t)k >= sizeof msg) k = sizeof msg - 1;
    char *m = tc_arena_strdup(&doc->arena, msg, (size_t)k);
    tc_check *c = m ? tc_vec_push(&doc->checks) : NULL;
    if (!c) return TC_ENOMEM;
    c->code = code; c->severity = severity; c->stat = stat; c->message = m;
    return TC_OK;
}

/* Citations store their refs as a run in refpool; once the pool stops growing the
 * pointers can be set. */
static void link_refs(tc_doc *doc)
{
    size_t at = 0;
    for (size_t i = 0; i < doc->citations.n; i++) {
        tc_citation *c = &TC_VEC_AT(&doc->citations, tc_citation, i);
        c->refs = c->nrefs ? &TC_VEC_AT(&doc->refpool, int, at) : NULL;
        at += c->nrefs;
    }
}

/* Groups citation indices by reference number with a counting sort over the numbers,
 * which are bounded by TC_MAX_REF_NUMBER; the counters cover only the numbers up to the
 * largest cited one (on the stack when few), so a short document does not pay for
 * clearing and walking TC_MAX_REF_NUMBER of them. */
#define SMALL_REF_MAX 512
static int build_reference_index(tc_doc *doc)
{
    int rc = TC_OK;
    size_t small[SMALL_REF_MAX + 1], *count = small;
    int top = -1;
    for (size_t i = 0; i < doc->refpool.n; i++) {
        int n = TC_VEC_AT(&doc->refpool, int, i);
        if (n > top && n <= TC_MAX_REF_NUMBER) top = n;
    }
    if (top < 0) return TC_OK;
    if (top > SMALL_REF_MAX && !(count = malloc(((size_t)top + 1) * sizeof *count))) return TC_ENOMEM;
    memset(count, 0, ((size_t)top + 1) * sizeof *count);
    for (size_t i = 0; i < doc->refpool.n; i++) {
        int n = TC_VEC_AT(&doc->refpool, int, i);
        if (n >= 0 && n <= top) count[n]++;
    }
    size_t distinct = 0, total = 0;
    for (int n = 0; n <= top; n++) if (count[n]) { distinct++; total += count[n]; }
    TC_CHECK(tc_vec_reserve(&doc->refnums, distinct));
    TC_CHECK(tc_vec_reserve(&doc->refstart, distinct + 1));
    TC_CHECK(tc_vec_reserve(&doc->refcits, total));
    /* count[n] becomes the next write position of number n's group. */
    size_t pos = 0;
    for (int n = 0; n <= top; n++) {
        if (!count[n]) continue;
        TC_VEC_AT(&doc->refnums, int, doc->refnums.n++) = n;
        TC_VEC_AT(&doc->refstart, size_t, doc->refstart.n++) = pos;
        size_t k = count[n]; count[n] = pos; pos += k;
    }
    TC_VEC_AT(&doc->refstart, size_t, doc->refstart.n++) = pos;
    for (size_t i = 0; i < doc->citations.n; i++) {
        const tc_citation *c = &TC_VEC_AT(&doc->citations, tc_citation, i);
        for (size_t j = 0; j < c->nrefs; j++) {
            int n = c->refs[j];
            if (n < 0 || n > top) continue;
            TC_VEC_AT(&doc->refcits, size_t, count[n]++) = i;
        }
    }
    doc->refcits.n = total;
fail:
    if (count != small) free(count);
    return rc;
}

int tc_parse(const char *text, size_t len, const tc_parse_opts *opts, tc_doc **out)
{
    int rc = TC_OK;
    tc_doc *doc = NULL;
    if (!out || (!text && len)) return TC_EINVAL;
    *out = NULL;
    if (len > TC_MAX_TEXT) return TC_ELIMIT;
    doc = calloc(1, sizeof *doc);
    if (!doc) return TC_ENOMEM;
    tc_vec_init(&doc->sections, sizeof(tc_section));
    tc_vec_init(&doc->sentences, sizeof(tc_sentence));
    tc_vec_init(&doc->citations, sizeof(tc_citation));
    tc_vec_init(&doc->refpool, sizeof(int));
    tc_vec_init(&doc->refnums, sizeof(int));
    tc_vec_init(&doc->refcits, sizeof(size_t));
    tc_vec_init(&doc->refstart, sizeof(size_t));
    tc_vec_init(&doc->stats, sizeof(tc_stat));
    tc_vec_init(&doc->checks, sizeof(tc_check));
    int borrow = opts && (opts->flags & TC_PARSE_BORROW);
    if (!borrow && !(doc->owned = tc_alloc_big(len + 1))) { rc = TC_ENOMEM; goto fail; }
    /* The large arrays, sized from the text (about one sentence per 170 bytes and one
     * statistic per 300 in the appraisals): growing them by doubling would copy them
     * and fault their pages in twice.  Capacity not written to costs no memory. */
    TC_CHECK(tc_vec_reserve(&doc->sentences, len / 128));
    TC_CHECK(tc_vec_reserve(&doc->stats, len / 256));
    if (borrow) doc->text = len ? text : "";
    else {
        if (len) memcpy(doc->owned, text, len);
        doc->owned[len] = '\0';
        doc->text = doc->owned;
    }
    doc->len = len;
    if (opts) {
        doc->lang = opts->lang;
        doc->threads = (int)((opts->flags >> TC_PARSE_THREADS_SHIFT) & 0xffu);
        doc->log = opts->log; doc->log_ud = opts->log_ud;
        if (opts->id && opts->id_len) {
            doc->id = malloc(opts->id_len + 1);
            if (!doc->id) { rc = TC_ENOMEM; goto fail; }
            memcpy(doc->id, opts->id, opts->id_len);
            doc->id[opts->id_len] = '\0';
            doc->id_len = opts->id_len;
        }
    }
    if (doc->lang == TC_LANG_UNKNOWN) TC_CHECK(tc_detect_lang(doc));
    TC_CHECK(tc_scan_sections(doc));
    TC_CHECK(tc_scan_markers(doc));
    link_refs(doc);
    TC_CHECK(tc_scan_sentences(doc));
    TC_CHECK(tc_scan_stats(doc));      /* and the checks */
    TC_CHECK(build_reference_index(doc));
    /* The document is final: what the arrays reserved and did not use goes back. */
    tc_vec *const vecs[] = { &doc->sections, &doc->sentences, &doc->citations, &doc->refpool, &doc->refnums,
                             &doc->refcits, &doc->refstart, &doc->stats, &doc->checks };
    for (size_t k = 0; k < sizeof vecs / sizeof vecs[0]; k++) tc_vec_shrink(vecs[k]);
    *out = doc;
    return TC_OK;
fail:
    tc_doc_free(doc);
    return rc;
}

void tc_doc_free(tc_doc *doc)
{
    if (!doc) return;
    free(doc->owned);
    free(doc->id);
    tc_vec_free(&doc->sections);
    tc_vec_free(&doc->sentences);
    tc_vec_free(&doc->citations);
    tc_vec_free(&doc->refpool);
    tc_vec_free(&doc->refnums);
    tc_vec_free(&doc->refcits);
    tc_vec_free(&doc->refstart);
    tc_vec_free(&doc->stats);
    tc_vec_free(&doc->checks);
    tc_arena_free(&doc->arena);
    tc_doc_release_file(doc);
    free(doc);
}

const char *tc_doc_text(const tc_doc *doc, size_t *len) { if (len) *len = doc->len; return doc->text; }
int tc_doc_lang(const tc_doc *doc) { return doc->lang; }
const char *tc_doc_id(const tc_doc *doc, size_t *len)
{
    if (len) *len = doc->id_len;
    return doc->id ? doc->id : "";
}

#define ACCESSORS(name, vec, type)                                                 \
    size_t tc_doc_##name##_count(const tc_doc *doc) { return doc->vec.n; }          \
    const type *tc_doc_##name(const tc_doc *doc, size_t i)                          \
    { return i < doc->vec.n ? &TC_VEC_AT(&doc->vec, type, i) : NULL; }
ACCESSORS(section, sections, tc_section)
ACCESSORS(sentence, sentences, tc_sentence)
ACCESSORS(citation, citations, tc_citation)
ACCESSORS(stat, stats, tc_stat)
ACCESSORS(check, checks, tc_check)

size_t tc_doc_reference_count(const tc_doc *doc) { return doc->refnums.n; }

int tc_doc_reference_number(const tc_doc *doc, size_t i)
{
    return i < doc->refnums.n ? TC_VEC_AT(&doc->refnums, int, i) : -1;
}

const size_t *tc_doc_reference_citations(const tc_doc *doc, int n, size_t *count)
{
    size_t lo = 0, hi = doc->refnums.n;
    *count = 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int m = TC_VEC_AT(&doc->refnums, int, mid);
        if (m == n) {
            size_t a = TC_VEC_AT(&doc->refstart, size_t, mid), b = TC_VEC_AT(&doc->refstart, size_t, mid + 1);
            *count = b - a;
            return &TC_VEC_AT(&doc->refcits, size_t, a);
        }
        if (m < n) lo = mid + 1; else hi = mid;
    }
    return NULL;
}

int tc_doc_sentence_at(const tc_doc *doc, size_t off)
{
    size_t lo = 0, hi = doc->sentences.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const tc_sentence *s = &TC_VEC_AT(&doc->sentences, tc_sentence, mid);
        if (off < s->off) hi = mid;
        else if (off >= s->off + s->len) lo = mid + 1;
        else return (int)mid;
    }
    return -1;
}

int tc_doc_sentence_walk(const tc_doc *doc, size_t *cursor, size_t off)
{
    /* Sentences are in text order and do not overlap: the one holding off, if any, is
     * the last one starting at or before off. */
    const tc_sentence *s = doc->sentences.data;
    size_t n = doc->sentences.n, k = *cursor;
    if (!n) return -1;
    if (k >= n || s[k].off > off) {
        size_t lo = 0, hi = n;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (s[mid].off <= off) lo = mid + 1; else hi = mid;
        }
        if (!lo) { *cursor = 0; return -1; }
        k = lo - 1;
    } else {
        while (k + 1 < n && s[k + 1].off <= off) k++;
    }
    *cursor = k;
    return off - s[k].off < s[k].len ? (int)k : -1;
}

int tc_doc_section_at(const tc_doc *doc, size_t off)
{
    /* Sections are in text order and nest, so the innermost one holding off is the
     * last one starting at or before off, or one of its parents (binary search: a
     * large corpus has tens of thousands of sections). */
    const tc_section *s = doc->sections.data;
    size_t lo = 0, hi = doc->sections.n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s[mid].off <= off) lo = mid + 1; else hi = mid;
    }
    long i = (long)lo - 1;
    while (i >= 0 && !(off >= s[i].off && off < s[i].end)) i = s[i].parent;
    return (int)i;
}
