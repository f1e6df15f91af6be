/* Helpers of the trial extractor: case-insensitive word matching with white space
 * runs (PDF line breaks) matching one space, integer candidates, and building the
 * record with its evidence and extraction notes.  Every function reads only inside
 * the bounds it is given. */
#include "tc_extract.h"
#include "tc_text.h"
#include <stdio.h>

static int is_wb(unsigned char c) { return tc_is_wordbyte(c) || tc_is_digit(c); }

size_t tc_ex_match(const char *s, size_t n, size_t i, const char *w, int prefix)
{
    if (i >= n || (i > 0 && is_wb((unsigned char)s[i - 1]) && is_wb((unsigned char)w[0]))) return 0;
    size_t j = i;
    for (const char *p = w; *p; p++) {
        if (*p == '*' && !p[1]) { prefix = 1; break; }
        if (*p == ' ') {
            if (j >= n || !tc_is_space((unsigned char)s[j])) return 0;
            while (j < n && tc_is_space((unsigned char)s[j])) j++;
            continue;
        }
        if (j >= n) return 0;
        unsigned char c = (unsigned char)s[j];
        if (tc_is_upper_ascii(c)) c = (unsigned char)(c | 0x20);
        if (c != (unsigned char)*p) return 0;
        j++;
    }
    if (!prefix && j < n && j > i && is_wb((unsigned char)s[j - 1]) && is_wb((unsigned char)s[j])) return 0;
    /* "in" is not the start of "in-hospital" */
    if (!prefix && j + 1 < n && j > i && is_wb((unsigned char)s[j - 1]) && s[j] == '-' && is_wb((unsigned char)s[j + 1])) return 0;
    return j - i;
}

size_t tc_ex_find(const char *s, size_t lo, size_t hi, const char *const *words, int *which, size_t *mlen)
{
    /* the first bytes of the words, to pass over most positions at one test */
    unsigned char first[256] = { 0 };
    for (int k = 0; words[k]; k++) first[(unsigned char)words[k][0]] = 1;
    for (size_t i = lo; i < hi; i++) {
        unsigned char c = (unsigned char)s[i];
        if (tc_is_upper_ascii(c)) c = (unsigned char)(c | 0x20);
        if (!first[c]) continue;
        if (i > lo && is_wb((unsigned char)s[i - 1]) && is_wb((unsigned char)s[i])) continue;
        for (int k = 0; words[k]; k++) {
            if ((unsigned char)words[k][0] != c) continue;
            size_t m = tc_ex_match(s, hi, i, words[k], 0);
            if (m) {
                if (which) *which = k;
                if (mlen) *mlen = m;
                return i;
            }
        }
    }
    return TC_EX_NONE;
}

size_t tc_ex_find_last(const char *s, size_t lo, size_t hi, const char *const *words, int *which, size_t *mlen)
{
    size_t best = TC_EX_NONE, at = lo;
    int w = 0;
    size_t m = 0;
    while (at < hi) {
        size_t p = tc_ex_find(s, at, hi, words, &w, &m);
        if (p == TC_EX_NONE) break;
        best = p;
        if (which) *which = w;
        if (mlen) *mlen = m;
        at = p + 1;
    }
    return best;
}

size_t tc_ex_skip_space(const char *s, size_t i, size_t hi)
{
    while (i < hi && tc_is_space((unsigned char)s[i])) i++;
    return i;
}

size_t tc_ex_word_in(const char *s, size_t n, size_t i, const char *const *words)
{
    i = tc_ex_skip_space(s, i, n);
    for (int k = 0; words[k]; k++) {
        size_t m = tc_ex_match(s, n, i, words[k], 0);
        if (m) return m;
    }
    return 0;
}

size_t tc_ex_next_word(const char *s, size_t i, size_t hi, int skip_punct)
{
    while (i < hi && !is_wb((unsigned char)s[i])) {
        if (!skip_punct && !tc_is_space((unsigned char)s[i])) return hi;
        i++;
    }
    return i;
}

size_t tc_ex_word_end(const char *s, size_t i, size_t hi)
{
    while (i < hi && (is_wb((unsigned char)s[i])
                      || ((s[i] == '-' || s[i] == '\'') && i + 1 < hi && is_wb((unsigned char)s[i + 1]))))
        i++;
    return i;
}

size_t tc_ex_word_before(const char *s, size_t i, size_t lo)
{
    while (i > lo && tc_is_space((unsigned char)s[i - 1])) i--;
    if (i <= lo || !is_wb((unsigned char)s[i - 1])) return TC_EX_NONE;
    while (i > lo && (is_wb((unsigned char)s[i - 1]) || (s[i - 1] == '-' && i - 1 > lo && is_wb((unsigned char)s[i - 2]))))
        i--;
    return i;
}

/* ---- integer candidates ---- */

static const char *const w_months[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "januari", "februari", "maart", "mei", "juni", "juli", "augustus", "oktober", "janvier",
    "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
    "décembre", NULL
};

int tc_ex_int_at(const tc_ex *x, size_t i, size_t hi, tc_ex_int *out)
{
    const char *s = x->t;
    if (i >= hi) return 0;
    unsigned char c = (unsigned char)s[i];
    memset(out, 0, sizeof *out);
    if (tc_is_digit(c)) {
        if (i > 0) {
            unsigned char b = (unsigned char)s[i - 1];
            if (is_wb(b) || b == '.' || b == ',' || b == '-' || b == '/' || b == ':' || b == '^') return 0;
            if (tc_num_minus_before(s, i)) return 0;
        }
        tc_num num;
        if (!tc_num_scan(s, hi, i, x->nflags, &num) || num.has_sep || num.has_exp || num.neg) return 0;
        if (num.value < 0 || num.value > 1e9) return 0;
        size_t e = num.off + num.len;
        if (e < hi) {
            unsigned char a = (unsigned char)s[e];
            if (is_wb(a) || a == '%' || a == '/' || a == ':' || a == '-' || (a == '.' && e + 1 < hi && tc_is_digit((unsigned char)s[e + 1]))) return 0;
            if (a == ',' && e + 1 < hi && tc_is_digit((unsigned char)s[e + 1])) return 0;
            if (tc_num_minus_len(s, hi, e)) return 0;
            size_t k = tc_ex_skip_space(s, e, hi);
            if (k < hi && s[k] == '%') return 0;
            if (tc_ex_word_in(s, hi, e, tc_ex_w_units)) return 0;
        }
        /* a year after a month's name ("between March 2011 and March 2012") */
        if (!num.groups && num.value >= 1900 && num.value < 2100) {
            size_t wb = tc_ex_word_before(s, i, i > 16 ? i - 16 : 0);
            if (wb != TC_EX_NONE && tc_ex_word_in(s, i, wb, w_months)) return 0;
        }
        out->value = (long)num.value;
        out->off = num.off;
        out->len = num.len;
        return 1;
    }
    if (!tc_is_alpha_ascii(c) && c < 0x80) return 0;
    if (i > 0 && is_wb((unsigned char)s[i - 1])) return 0;
    long v;
    size_t m = tc_numword_scan(s, hi, i, x->lang, &v);
    if (!m || v < 2) return 0;
    if (tc_ex_word_in(s, hi, i + m, tc_ex_w_units)) return 0;
    /* number words that do not make one number ("twenty two hundred"): no count */
    long v2;
    size_t nx = tc_ex_skip_space(s, i + m, hi), pw = tc_ex_word_before(s, i, i > 40 ? i - 40 : 0);
    if (nx < hi && tc_numword_scan(s, hi, nx, x->lang, &v2)) return 0;
    if (pw != TC_EX_NONE && (tc_ex_match(s, i, pw, "and", 0) || tc_ex_match(s, i, pw, "et", 0) || tc_ex_match(s, i, pw, "en", 0)))
        pw = tc_ex_word_before(s, pw, pw > 40 ? pw - 40 : 0);          /* "two hundred and | two hundred" */
    if (pw != TC_EX_NONE && tc_numword_scan(s, i, pw, x->lang, &v2)) return 0;
    out->value = v;
    out->off = i;
    out->len = m;
    out->word = 1;
    return 1;
}

size_t tc_ex_ints(const tc_ex *x, size_t lo, size_t hi, tc_ex_int *out, size_t max)
{
    size_t k = 0;
    for (size_t i = lo; i < hi && k < max; i++) {
        unsigned char c = (unsigned char)x->t[i];
        if (i > lo && is_wb((unsigned char)x->t[i - 1])) continue;
        if (!tc_is_digit(c) && !tc_is_alpha_ascii(c)) continue;
        /* "n = 77" belongs to an arm, not to a sentence's count */
        if (tc_ex_int_at(x, i, hi, &out[k])) { i = out[k].off + out[k].len - 1; k++; }
        else if (tc_is_digit(c)) while (i + 1 < hi && (tc_is_digit((unsigned char)x->t[i + 1]) || x->t[i + 1] == ',' || x->t[i + 1] == '.')) i++;
    }
    return k;
}

/* ---- record building ---- */

static char *clean_copy(const char *s, size_t len)
{
    char *c = NULL;
    size_t cl = 0;
    if (tc_text_clean(s, len, &c, &cl) != TC_OK) return NULL;
    /* valid UTF-8 without NUL for cJSON */
    char *o = malloc(cl * 3 + 1), *w = o;
    if (!o) { tc_free(c); return NULL; }
    const unsigned char *p = (const unsigned char *)c, *e = p + cl;
    while (p < e) {
        size_t k = tc_utf8_valid(p, (size_t)(e - p));
        if (k && *p) { memcpy(w, p, k); w += k; p += k; }
        else { memcpy(w, "\xEF\xBF\xBD", 3); w += 3; p++; }
    }
    *w = 0;
    tc_free(c);
    return o;
}

cJSON *tc_ex_str(tc_ex *x, cJSON *obj, const char *key, size_t off, size_t len)
{
    if (!obj || off > x->n || len > x->n - off) return NULL;
    char *c = clean_copy(x->t + off, len);
    cJSON *r = c ? cJSON_AddStringToObject(obj, key, c) : NULL;
    free(c);
    if (!r) x->oom = 1;
    return r;
}

void tc_ex_evidence(tc_ex *x, const char *path, double v, size_t off, size_t len, const char *part)
{
    cJSON *e = cJSON_CreateObject();
    char *c = NULL;
    if (!e) { x->oom = 1; return; }
    if (!cJSON_AddItemToArray(x->ev, e)) { cJSON_Delete(e); x->oom = 1; return; }
    /* the text as written, byte for byte (valid UTF-8 only: spans never cut a character) */
    c = malloc(len + 1);
    if (c) {
        memcpy(c, x->t + off, len);
        c[len] = 0;
        for (size_t k = 0; k < len; k++) if (!c[k]) c[k] = ' ';
    }
    if (!c || !cJSON_AddStringToObject(e, "path", path) || !cJSON_AddNumberToObject(e, "value", v)
        || !cJSON_AddStringToObject(e, "document", x->docname)
        || !cJSON_AddNumberToObject(e, "start", (double)off + 1)
        || !cJSON_AddNumberToObject(e, "stop", (double)(off + len))
        || !cJSON_AddStringToObject(e, "text", c) || !cJSON_AddStringToObject(e, "part", part))
        x->oom = 1;
    free(c);
}

cJSON *tc_ex_num(tc_ex *x, cJSON *obj, const char *key, const char *path, double v,
                 size_t off, size_t len, const char *part)
{
    if (!obj) return NULL;
    cJSON *r = cJSON_AddNumberToObject(obj, key, v);
    if (!r) { x->oom = 1; return NULL; }
    tc_ex_evidence(x, path, v, off, len, part);
    return r;
}

cJSON *tc_ex_obj(tc_ex *x, cJSON *parent, const char *key)
{
    if (!parent) return NULL;
    cJSON *o = cJSON_GetObjectItemCaseSensitive(parent, key);
    if (cJSON_IsObject(o)) return o;
    o = cJSON_AddObjectToObject(parent, key);
    if (!o) x->oom = 1;
    return o;
}

cJSON *tc_ex_arr(tc_ex *x, cJSON *parent, const char *key)
{
    if (!parent) return NULL;
    cJSON *o = cJSON_GetObjectItemCaseSensitive(parent, key);
    if (cJSON_IsArray(o)) return o;
    o = cJSON_AddArrayToObject(parent, key);
    if (!o) x->oom = 1;
    return o;
}

int tc_ex_section_kind(const tc_ex *x, size_t off)
{
    int si = tc_doc_section_at(x->doc, off);
    const tc_section *sec = si >= 0 ? tc_doc_section(x->doc, (size_t)si) : NULL;
    return sec ? sec->kind : TC_SEC_OTHER;
}

void tc_ex_how(tc_ex *x, const char *group, const char *field, size_t off, const char *pattern)
{
    cJSON *g = tc_ex_obj(x, x->how, group), *f;
    if (!g) return;
    cJSON_DeleteItemFromObjectCaseSensitive(g, field);
    if (!(f = cJSON_AddObjectToObject(g, field))
        || !cJSON_AddStringToObject(f, "section", tc_section_kind_name(tc_ex_section_kind(x, off)))
        || !cJSON_AddStringToObject(f, "pattern", pattern))
        x->oom = 1;
}

/* A bullet (U+2022) starts at s[i]. */
static int bullet_at(const char *s, size_t i, size_t hi)
{
    return i + 3 <= hi && !memcmp(s + i, "\xE2\x80\xA2", 3);
}

void tc_ex_clause(const tc_ex *x, size_t lo, size_t hi, size_t off, size_t *clo, size_t *chi)
{
    /* ';' and bullets end a clause only outside brackets: "(83,6%; p=0,03)" and
       "(HR 0.94, 95% CI 0.81-1.10; p=0.46)" stay inside theirs */
    /* bounded: a clause is looked for within 2000 bytes of off, so that asking for the
       clause of every statistic in one endless sentence stays linear */
    if (off > lo + 2000) lo = off - 2000;
    if (hi > off + 2000) hi = off + 2000;
    size_t a = lo, b = hi;
    int depth = 0;
    for (size_t i = lo; i < hi; i++) {
        char c = x->t[i];
        if (c == '(' || c == '[') depth++;
        else if ((c == ')' || c == ']') && depth > 0) depth--;
        else if (depth == 0 && (c == ';' || bullet_at(x->t, i, hi))) {
            if (i < off) a = i + 1;
            else { b = i; break; }
        }
    }
    *clo = a;
    *chi = b;
}
