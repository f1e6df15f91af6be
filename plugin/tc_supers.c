/* Superscript citations flattened into plain digits: "thalidomide3,4.", "regaining.1,2 ",
 * "et al.,14 who", "de la hanche 3.".  Digits next to words are names and values far
 * more often ("CD4", "FEV1", "week 3."), so these are taken only from a document that
 * cites no other way and whose digits after words run as a numbering does (1, 2, 3 ...
 * with numbers cited again), and only where they continue that numbering.  The glued
 * forms need the sequence; the spaced one ("hanche 3.") must be the next new number. */
#include "tc_text.h"
#include "tc_markers.h"

#define SUP_MAX 64           /* longest list of superscript numbers (bytes) */
#define SUP_MIN_GOOD 4       /* in-order numbers the document must show */

enum { SUP_GLUED = 1, SUP_SPACED = 2 };

typedef struct sup {
    size_t off, len;
    int form;
    int refs[TC_MAX_RANGE];
    size_t m;
} sup;

/* The lower-case word that ends at s[j) (ASCII letters and UTF-8 letters); its length,
 * 0 when it holds a capital after its first letter or a digit ("CD4", "HbA1c", "T2DM"
 * are names). */
static size_t lower_word(const unsigned char *s, size_t j, size_t floor)
{
    size_t w = j;
    while (w > floor && (tc_is_alpha_ascii(s[w - 1]) || s[w - 1] >= 0x80)) w--;
    if (w > floor && tc_is_digit(s[w - 1])) return 0;
    /* a capital only first ("Korea22." yes, "McNamara23" no) */
    for (size_t i = w + 1; i < j; i++) if (tc_is_upper_ascii(s[i])) return 0;
    return j - w;
}

/* Reads the list at s[p]: "3", "3,4", "11–13", "5,6,7"; 0 when it is not one. */
static size_t read_list(const unsigned char *s, size_t n, size_t p, sup *c)
{
    size_t i = p, end = n - p > SUP_MAX ? p + SUP_MAX : n;
    c->m = 0;
    for (;;) {
        long lo = 0, hi;
        size_t d = i;
        if (i >= end || !tc_is_digit(s[i]) || s[i] == '0') return 0;
        while (i < end && tc_is_digit(s[i]) && i - d < 3) lo = lo * 10 + (s[i++] - '0');
        if (i < end && tc_is_digit(s[i])) return 0;
        hi = lo;
        size_t k = i < end ? tc_dash_len(s + i, end - i) : 0;
        if (k && i + k < end && tc_is_digit(s[i + k])) {
            i += k; d = i; hi = 0;
            while (i < end && tc_is_digit(s[i]) && i - d < 3) hi = hi * 10 + (s[i++] - '0');
            if (hi <= lo || hi - lo >= TC_MAX_RANGE) return 0;
        }
        for (long v = lo; v <= hi; v++) {
            if (c->m && c->refs[c->m - 1] >= v) return 0;   /* ascending, as superscripts are */
            if (c->m == TC_MAX_RANGE) return 0;
            c->refs[c->m++] = (int)v;
        }
        if (i + 1 < end && s[i] == ',' && tc_is_digit(s[i + 1])) { i++; continue; }
        break;
    }
    /* What follows ends the list: white space or punctuation, not a decimal, a unit or a %. */
    if (i < n && !tc_is_space(s[i]) && s[i] != '.' && s[i] != ',' && s[i] != ';' && s[i] != ':' && s[i] != ')')
        return 0;
    if (i + 1 < n && (s[i] == '.' || s[i] == ',') && tc_is_digit(s[i + 1])) return 0;
    /* "28 (70)15 (75)13": cells of a flattened table row */
    size_t k = i;
    while (k < n && tc_is_hspace(s[k])) k++;
    if (k > i && k < n && (s[k] == '(' || tc_is_digit(s[k]))) return 0;
    return i - p;
}

/* A superscript list starting at s[p]?  Fills c. */
static int candidate(const unsigned char *s, size_t n, size_t p, sup *c)
{
    size_t floor = p > 64 ? p - 64 : 0;
    if (p < 3) return 0;
    unsigned b = s[p - 1];
    if (tc_is_alpha_ascii(b) || b >= 0x80) {
        /* "thalidomide3,4": a plain word of some length, glued; not a unit ("Gycm2") */
        if (lower_word(s, p, floor) < 4) return 0;
        if (s[p - 2] == 'm' && (s[p - 1] == 'm' || s[p - 1] == 'l')) return 0;
        if (s[p - 1] == 'm' && (s[p - 2] == 'c' || s[p - 2] == 'm' || s[p - 2] == 'k' || s[p - 2] == 'd')) return 0;
        c->form = SUP_GLUED;
    } else if (b == '.' || b == ',' || b == ';' || b == ':' || b == ')') {
        /* "regaining.1,2", "et al.,14", "disease,7" */
        size_t j = p - 1;
        if (b == ',' && j > floor && s[j - 1] == '.') j--;
        /* after a plain word ("al.", "disease,") or a bracket, not a name ("MY.11") */
        if (b != ')' && s[j - 1] != ')' && lower_word(s, j, floor) < 2) return 0;
        c->form = SUP_GLUED;
    } else if (b == ' ' && (tc_is_alpha_ascii(s[p - 2]) || s[p - 2] >= 0x80)) {
        /* "de la hanche 3.": only before a full stop, after a plain word */
        if (lower_word(s, p - 1, floor) < 4) return 0;
        c->form = SUP_SPACED;
    } else return 0;
    size_t len = read_list(s, n, p, c);
    if (!len) return 0;
    /* after a bracket ("(grades 4 and 5)15."), only where a clause ends */
    if (b == ')' && !(p + len < n && (s[p + len] == '.' || s[p + len] == ',' || s[p + len] == ';')))
        return 0;
    if (c->form == SUP_SPACED && !(p + len < n && s[p + len] == '.' &&
                                   (p + len + 1 >= n || tc_is_space(s[p + len + 1]))))
        return 0;
    c->off = p; c->len = len;
    return 1;
}

/* Calls fn for each candidate in text order; stops when it returns nonzero. */
typedef int (*sup_fn)(void *ud, const sup *c);
static int each_candidate(const unsigned char *s, size_t n, sup_fn fn, void *ud)
{
    sup c;
    for (size_t p = 3; p < n; p++) {
        if (!tc_is_digit(s[p]) || tc_is_digit(s[p - 1])) continue;
        if (candidate(s, n, p, &c)) {
            int rc = fn(ud, &c);
            if (rc) return rc;
            p += c.len - 1;
        }
    }
    return 0;
}

typedef struct replay_st { tc_mseq *q; int good, bad; } replay_st;

static int replay_one(void *ud, const sup *c)
{
    replay_st *r = ud;
    if (tc_mark_continues(r->q, c->refs, c->m) && (c->form == SUP_GLUED || c->refs[0] == r->q->max_seen + 1)) {
        r->good++;
        tc_mark_seen(r->q, c->refs, c->m);
    } else if (c->form == SUP_GLUED) r->bad++;
    return 0;
}

typedef struct emit_st { tc_doc *doc; tc_mseq *q; size_t cursor; int rc; } emit_st;

static int emit_one(void *ud, const sup *c)
{
    emit_st *e = ud;
    tc_doc *doc = e->doc;
    if (!tc_mark_continues(e->q, c->refs, c->m)) return 0;
    if (c->form == SUP_SPACED && c->refs[0] != e->q->max_seen + 1) return 0;
    int sec = tc_section_walk(doc, &e->cursor, c->off);
    const tc_section *hs = sec >= 0 ? &TC_VEC_AT(&doc->sections, tc_section, sec) : NULL;
    if (hs && c->off < hs->off + hs->len) return 0;
    if (tc_vec_reserve(&doc->refpool, doc->refpool.n + c->m) != TC_OK) return e->rc = TC_ENOMEM;
    memcpy(&TC_VEC_AT(&doc->refpool, int, doc->refpool.n), c->refs, c->m * sizeof *c->refs);
    doc->refpool.n += c->m;
    tc_citation *cit = tc_vec_push(&doc->citations);
    if (!cit) return e->rc = TC_ENOMEM;
    cit->off = c->off; cit->len = c->len; cit->nrefs = c->m; cit->flags = 0;
    cit->section = sec; cit->sentence = -1;
    tc_mark_seen(e->q, c->refs, c->m);
    return 0;
}

int tc_scan_superscripts(tc_doc *doc)
{
    const unsigned char *s = (const unsigned char *)doc->text;
    tc_mseq *q;
    if (doc->citations.n) return TC_OK;        /* the document cites with brackets */
    if (!(q = calloc(1, sizeof *q))) return TC_ENOMEM;
    replay_st r = { q, 0, 0 };
    each_candidate(s, doc->len, replay_one, &r);
    int rc = TC_OK;
    if (r.good >= SUP_MIN_GOOD && r.good >= 3 * r.bad) {
        emit_st e = { doc, q, 0, TC_OK };
        memset(q, 0, sizeof *q);
        each_candidate(s, doc->len, emit_one, &e);
        rc = e.rc;
    }
    free(q);
    return rc;
}
