/* Numbered citation markers: "(7)", "(5,6)", "(4, 5)", "(1-4)", "(1–4)",
 * "(1,2,5-8)", "[3]", "[1-3, 7]".
 *
 * Two steps per opening bracket (found with memchr, so prose is skipped fast):
 *  1. form: only numbers, separators (, ;), dashes and white space up to the
 *     matching bracket; no leading zeros (decimals such as 0,58 fail here);
 *  2. context, for what the form cannot settle: a bracket right after a number or
 *     a statistic word is a statistic; reference numbers first appear roughly in
 *     increasing order, so a new number far beyond the highest cited so far is
 *     not a reference; "a,b" without spaces must look like a list (b > a, close to
 *     what was cited) rather than a decimal; "(1)" after a colon opens an
 *     enumeration whose "(2)", "(3)" follow within a few lines.
 * Ranges are capped at TC_MAX_RANGE numbers and markers at TC_MAX_MARKER_REFS. */
#include "tc_text.h"

#define MARKER_SPAN 96       /* longest marker content scanned (bytes) */
#define MAX_ITEMS 48         /* items in one marker (bounded by MARKER_SPAN anyway) */
#define NEW_REF_GAP 30       /* how far past the highest cited number a new one may jump */
#define ENUM_REACH 400       /* bytes within which "(2)" continues an enumeration "(1)" */
#define BIG 1000000000L
#define PREFETCH 4096        /* how far ahead the scan asks for text (bytes) */

typedef struct item { long lo, hi; } item;

typedef struct form {
    item it[MAX_ITEMS];
    size_t n;
    size_t len;              /* bytes, brackets included */
    int spaced;              /* white space somewhere inside */
    int comma;               /* a ',' separator */
    int ranged;              /* a dash range somewhere */
} form;

static size_t skip_ws(const unsigned char *s, size_t i, size_t end, int *spaced)
{
    while (i < end && tc_is_space(s[i])) { i++; *spaced = 1; }
    return i;
}

/* Reads a number without leading zero (saturating at BIG); 0 if none. */
static size_t read_num(const unsigned char *s, size_t i, size_t end, long *v)
{
    size_t j = i;
    long x = 0;
    if (j >= end || !tc_is_digit(s[j]) || s[j] == '0') return 0;
    while (j < end && tc_is_digit(s[j])) {
        /* saturates without overflow where long has 32 bits (x * 10 + 9 > LONG_MAX there) */
        x = x <= (BIG - 9) / 10 ? x * 10 + (s[j] - '0') : BIG;
        j++;
    }
    *v = x < BIG ? x : BIG;
    return j - i;
}

/* Step 1: the bracket at s[i] holds only a reference list.  Returns 1 and fills f. */
static int parse_form(const unsigned char *s, size_t n, size_t i, form *f)
{
    unsigned char close = s[i] == '(' ? ')' : ']';
    size_t end = n - i - 1 > MARKER_SPAN ? i + 1 + MARKER_SPAN : n;
    size_t j = i + 1, k;
    f->n = 0; f->spaced = f->comma = f->ranged = 0;
    for (;;) {
        long lo, hi;
        j = skip_ws(s, j, end, &f->spaced);
        if (!(k = read_num(s, j, end, &lo))) return 0;
        j = skip_ws(s, j + k, end, &f->spaced);
        hi = lo;
        if ((k = tc_dash_len(s + j, end - j)) != 0) {
            j = skip_ws(s, j + k, end, &f->spaced);
            if (!(k = read_num(s, j, end, &hi))) return 0;
            j = skip_ws(s, j + k, end, &f->spaced);
            f->ranged = 1;
        }
        if (f->n == MAX_ITEMS) return 0;
        f->it[f->n].lo = lo; f->it[f->n].hi = hi; f->n++;
        if (j >= end) return 0;
        if (s[j] == close) { f->len = j + 1 - i; return 1; }
        if (s[j] != ',' && s[j] != ';') return 0;
        if (s[j] == ',') f->comma = 1;
        j++;
    }
}

/* Words after which a bracketed number is a value, not a reference. */
static const char *const stat_words[] = {
    "sd", "se", "sem", "mean", "median", "gemiddeld", "gemiddelde", "mediaan", "moyenne",
    ("m\xc3\xa9" "diane"),   /* split: "\xa9d" would be one escape */
    "hr", "or", "rr", "ci", "bi", "ic", "iqr", "n", "p", "score",
    "schaal", "scale", "range", "bereik", "ratio", "tabel", "table", "tableau", "figuur",
    "figure", "fig", "bijlage", "appendix", "annexe", "stap", "step", "fase", "phase",
    "type", "graad", "grade", "stadium", "stage", "nr", "no", "versie", "version", "vas",
};

static int is_stat_word(const unsigned char *w, size_t len)
{
    char buf[16];
    if (len == 0 || len > sizeof buf) return 0;
    unsigned char prev = 0;
    for (size_t i = 0; i < len; i++) { buf[i] = (char)tc_fold(prev, w[i]); prev = w[i]; }
    for (size_t i = 0; i < sizeof stat_words / sizeof *stat_words; i++)
        if (tc_word_eq(stat_words[i], buf, len)) return 1;
    return 0;
}

enum { CTX_STAT = 1, CTX_ENUM = 2 };

/* Step 2, the left context: nonzero when the bracket at s[i] follows a number (not
 * a year), a
 * statistic word, a decimal plus a unit word ("13,9 dagen (..)"), or (for a
 * single number followed by words) a colon or semicolon that opens a list, or a
 * line start before a capitalised word (list items, a numbered reference list). */
static int statistic_context(const unsigned char *s, size_t n, size_t i, const form *f)
{
    size_t j = i, floor = i > 64 ? i - 64 : 0;
    int line_start = 0;
    while (j > floor && tc_is_space(s[j - 1])) if (s[--j] == '\n') line_start = 1;
    if (j == 0) line_start = 1;
    if (line_start && f->n == 1 && f->it[0].lo == f->it[0].hi) {
        /* "(1) Patients ..." or "[12] Smith J." at a line start numbers a list item. */
        size_t k = i + f->len;
        if (k + 1 < n && tc_is_hspace(s[k]) &&
            (tc_is_upper_ascii(s[k + 1]) || (s[k + 1] == 0xC3 && k + 2 < n && s[k + 2] >= 0x80 && s[k + 2] <= 0x9E)))
            return CTX_ENUM;
    }
    if (j == 0 || j == floor) return 0;
    unsigned c = s[j - 1];
    if (c == '%') return CTX_STAT;
    if (tc_is_digit(c)) {
        /* A year ("in 2019 (11)") is followed by citations; other numbers by values. */
        size_t d = j - 1;
        while (d > floor && tc_is_digit(s[d - 1])) d--;
        int year = j - d == 4 && (s[d] == '1' || s[d] == '2') && (d == 0 || !tc_is_digit(s[d - 1])) &&
                   !(d > 0 && (s[d - 1] == ',' || s[d - 1] == '.'));
        return year ? 0 : CTX_STAT;
    }
    if (c == ':' || c == ';') {
        size_t k = i + f->len;
        while (k < n && tc_is_hspace(s[k])) k++;
        return f->n == 1 && f->it[0].lo == f->it[0].hi && k < n && tc_is_wordbyte(s[k]) ? CTX_ENUM : 0;
    }
    if (!tc_is_wordbyte(c)) return 0;
    size_t w = j;
    while (w > floor && tc_is_wordbyte(s[w - 1])) w--;
    if (is_stat_word(s + w, j - w)) return CTX_STAT;
    /* A unit word after a decimal number. */
    size_t q = w;
    while (q > floor && tc_is_hspace(s[q - 1])) q--;
    size_t d = q;
    int sep = 0;
    while (d > floor && (tc_is_digit(s[d - 1]) || s[d - 1] == ',' || s[d - 1] == '.')) {
        if (s[d - 1] == ',' || s[d - 1] == '.') sep = 1;
        d--;
    }
    return q < w && d < q && sep && tc_is_digit(s[q - 1]) && tc_is_digit(s[d]) ? CTX_STAT : 0;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* Expands f into the sorted, de-duplicated numbers in out; returns how many and sets
 * *capped when a range or the marker was cut. */
static size_t expand(tc_doc *doc, const form *f, size_t off, int *out, unsigned *flags)
{
    size_t m = 0;
    for (size_t i = 0; i < f->n; i++) {
        long lo = f->it[i].lo, hi = f->it[i].hi;
        if (hi < lo) {
            long t = lo; lo = hi; hi = t;
            tc_doc_log(doc, TC_OK, "citation at byte %zu: reversed range %ld-%ld read as %ld-%ld",
                       off, hi, lo, lo, hi);
        }
        if (hi > TC_MAX_REF_NUMBER) { hi = TC_MAX_REF_NUMBER; *flags |= TC_CIT_CAPPED; }
        if (hi - lo + 1 > TC_MAX_RANGE) { hi = lo + TC_MAX_RANGE - 1; *flags |= TC_CIT_CAPPED; }
        for (long v = lo; v <= hi; v++) {
            if (m == TC_MAX_MARKER_REFS) { *flags |= TC_CIT_CAPPED; break; }
            out[m++] = (int)v;
        }
    }
    /* Most markers ("(7)", "(5,6)", "(1-4)") are ascending already: no sort then. */
    size_t k = 1;
    while (k < m && out[k - 1] < out[k]) k++;
    if (k >= m) return m;
    qsort(out, m, sizeof *out, cmp_int);
    size_t u = 0;
    for (size_t i = 0; i < m; i++) if (!u || out[u - 1] != out[i]) out[u++] = out[i];
    return u;
}

/* Step 2, the document: is this well-formed list a reference list here? */
static int plausible(const form *f, long max_seen)
{
    long lo = BIG;
    for (size_t i = 0; i < f->n; i++) {
        long a = f->it[i].lo < f->it[i].hi ? f->it[i].lo : f->it[i].hi;
        if (a < lo) lo = a;
        /* A single number above the limit is a value; a range end is capped instead. */
        if (f->it[i].lo == f->it[i].hi && f->it[i].lo > TC_MAX_REF_NUMBER) return 0;
        if (f->it[i].lo > TC_MAX_REF_NUMBER && f->it[i].hi > TC_MAX_REF_NUMBER) return 0;
    }
    if (lo > max_seen + NEW_REF_GAP) return 0;
    /* "a,b" with no space and no range reads as a decimal unless it looks like a list. */
    if (f->n == 2 && f->comma && !f->spaced && !f->ranged) {
        long a = f->it[0].lo, b = f->it[1].lo;
        if (b <= a) return 0;
        if (b != a + 1 && b > max_seen + 3) return 0;
    }
    return 1;
}

/* Offset of the first '(' or '[' in s[i..n), or n: one inline pass, 16 bytes a
 * compare (markers are a few lines apart; a memchr call for each bracket kind per
 * marker cost more than the search). */
static size_t find_open(const unsigned char *s, size_t i, size_t n)
{
    while (i + 16 <= n) {
        tc_v16 v;
        memcpy(&v, s + i, 16);
        unsigned k = tc_first_marked16((tc_v16)((v == '(') | (v == '[')));
        i += k;
        if (k < 16) return i;
    }
    while (i < n && s[i] != '(' && s[i] != '[') i++;
    return i;
}

int tc_scan_markers(tc_doc *doc)
{
    int rc = TC_OK;
    const unsigned char *s = (const unsigned char *)doc->text;
    size_t n = doc->len, i = 0, cursor = 0;
    long max_seen = 0;
    long enum_next = 0;              /* next item number of an open enumeration */
    size_t enum_until = 0;           /* ... expected before this offset */
    int refs[TC_MAX_MARKER_REFS];
    form f;
    while (i < n) {
        if ((i = find_open(s, i, n)) >= n) break;
        /* A large text has left the cache since the sections stage read it: ask for
         * the bytes further on early, as tc_sections.c does. */
        if (i + PREFETCH < n) __builtin_prefetch(s + i + PREFETCH);
        if (!parse_form(s, n, i, &f)) { i++; continue; }
        int single = f.n == 1 && f.it[0].lo == f.it[0].hi;
        if (single && f.it[0].lo == enum_next && i < enum_until) {
            /* "(2)" after an enumeration's "(1)": the list goes on. */
            enum_next++; enum_until = i + ENUM_REACH;
            i += f.len;
            continue;
        }
        int ctx = statistic_context(s, n, i, &f);
        if (ctx == CTX_ENUM && f.it[0].lo == 1) { enum_next = 2; enum_until = i + ENUM_REACH; }
        if (ctx || !plausible(&f, max_seen)) {
            i++;
            continue;
        }
        int sec = tc_section_walk(doc, &cursor, i);
        const tc_section *hs = sec >= 0 ? &TC_VEC_AT(&doc->sections, tc_section, sec) : NULL;
        if (hs && i < hs->off + hs->len) { i += f.len; continue; }   /* headings are not prose */
        unsigned flags = 0;
        size_t m = expand(doc, &f, i, refs, &flags);
        TC_CHECK(tc_vec_reserve(&doc->refpool, doc->refpool.n + m));
        memcpy(&TC_VEC_AT(&doc->refpool, int, doc->refpool.n), refs, m * sizeof *refs);
        doc->refpool.n += m;
        tc_citation *c = tc_vec_push(&doc->citations);
        if (!c) { rc = TC_ENOMEM; goto fail; }
        c->off = i; c->len = f.len; c->nrefs = m; c->flags = flags;
        c->section = sec; c->sentence = -1;
        if (m && refs[m - 1] > max_seen) max_seen = refs[m - 1];
        if (flags & TC_CIT_CAPPED) {
            tc_doc_log(doc, TC_ELIMIT, "citation at byte %zu capped to %zu reference numbers", i, m);
            TC_CHECK(tc_doc_add_check(doc, "citation-range-capped", TC_SEV_WARNING, -1,
                                      "citation marker at byte %zu names more than %d numbers or "
                                      "a number above %d; kept %zu", i + 1, TC_MAX_RANGE,
                                      TC_MAX_REF_NUMBER, m));
        }
        i += f.len;
    }
fail:
    return rc;
}
