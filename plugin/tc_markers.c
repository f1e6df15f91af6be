/* Numbered citation markers: "(7)", "(5,6)", "(4, 5)", "(1-4)", "(1–4)",
 * "(1,2,5-8)", "[3]", "[1-3, 7]", and superscripts flattened into one bracket
 * ("death.[45]" for [4][5]).
 *
 * Two passes.  The scan (one pass over the text, brackets found 16 bytes at a time)
 * keeps every bracket whose form is a reference list, with its context:
 *  1. form: only numbers, separators (, ;), dashes and white space up to the
 *     matching bracket; no leading zeros (decimals such as 0,58 fail here);
 *  2. context: after a number or a percentage, after a statistic word, opening an
 *     enumeration, or plain prose; what follows (words, a digit of a table row).
 * Then the document decides (tc_markseq.c): which bracket kind carries its citations,
 * from which number its sequence runs; a marker in prose is a citation when plausible
 * for that sequence, one after a number only when it continues the sequence.
 * Ranges are capped at TC_MAX_RANGE numbers and markers at TC_MAX_MARKER_REFS. */
#include "tc_text.h"
#include "tc_markers.h"

#define MARKER_SPAN 96       /* longest marker content scanned (bytes) */
#define MAX_ITEMS 48         /* items in one marker (bounded by MARKER_SPAN anyway) */
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
    if (len == 0 || len > 10) return 0;   /* "gemiddelde" is the longest */
    /* The words' first letters (a, b, c, f, g, h, i, m, n, o, p, r, s, t, v in either
     * case): the word before most markers starts otherwise. */
    if (!tc_is_alpha_ascii(w[0]) || !(0x2EF1E7u >> ((w[0] | 0x20) - 'a') & 1)) return 0;
    unsigned char prev = 0;
    for (size_t i = 0; i < len; i++) { buf[i] = (char)tc_fold(prev, w[i]); prev = w[i]; }
    for (size_t i = 0; i < sizeof stat_words / sizeof *stat_words; i++)
        if (tc_word_eq(stat_words[i], buf, len)) return 1;
    return 0;
}

/* Words whose value a bracket after a number gives: a mean's SD, a median's range, an
 * age ("gemiddelde leeftijd 45 (12)"). */
static int is_value_word(const unsigned char *w, size_t len)
{
    static const char *const words[] = {
        "sd", "sem", "mean", "median", "gemiddeld", "gemiddelde", "mediaan", "moyenne", "moyen",
        ("m\xc3\xa9" "diane"), "iqr", "range", "bereik", "age", "aged", "leeftijd",
        ("\xc3\xa2" "ge"), "hr", "rr", "ci", "bi", "ic", "score",
    };
    char buf[16];
    unsigned char prev = 0;
    if (len < 2 || len > 10) return 0;   /* the lengths of the words above */
    /* Their first bytes (a, b, c, g, h, i, l, m, r, s in either case; â): asked of every
     * word before a number ahead of a bracket, most of which start otherwise. */
    unsigned c0 = w[0];
    if (c0 != 0xC3 && !(tc_is_alpha_ascii(c0) && (0x619C7u >> ((c0 | 0x20) - 'a') & 1))) return 0;
    for (size_t i = 0; i < len; i++) { buf[i] = (char)tc_fold(prev, w[i]); prev = w[i]; }
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (tc_word_eq(words[i], buf, len)) return 1;
    return 0;
}

/* Is the word w[0..len) a list word before an enumeration item ("and (3)")? */
static int is_list_word(const unsigned char *w, size_t len)
{
    static const char *const words[] = { "and", "or", "en", "et", "ou", "of", "und" };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (tc_word_eq(words[i], (const char *)w, len)) return 1;   /* first byte first, no strlen */
    return 0;
}

/* Step 2, the left context: TC_MCTX_NUM after a number (not a year) or a percentage;
 * TC_MCTX_WORD after a statistic word or a decimal plus a unit word ("13,9 dagen (..)");
 * an identifier ending in digits ("HIV-1", "CoQ10") is a word; TC_MCTX_ENUM for a single
 * number after a colon or semicolon that opens a list, or at a line start before a
 * capitalised word (list items, a numbered reference list).  Sets the flags. */
static int left_context(const unsigned char *s, size_t n, size_t i, const form *f, uint8_t *flags)
{
    size_t j = i, floor = i > 64 ? i - 64 : 0;
    int line_start = 0;
    while (j > floor && tc_is_space(s[j - 1])) if (s[--j] == '\n') line_start = 1;
    if (j == 0) line_start = 1;
    if (j == i && j > 0) *flags |= TC_MC_GLUED;
    if (j > floor && j > 0 && (s[j - 1] == ',' || s[j - 1] == ';' || s[j - 1] == '.' || s[j - 1] == ':'))
        *flags |= TC_MC_SEP;
    if (j > floor && j > 0 && s[j - 1] == '.') *flags |= TC_MC_AFTER_STOP;
    int single = f->n == 1 && f->it[0].lo == f->it[0].hi;
    if (line_start && single) {
        /* "(1) Patients ..." or "[12] Smith J." at a line start numbers a list item. */
        size_t k = i + f->len;
        if (k + 1 < n && tc_is_hspace(s[k]) &&
            (tc_is_upper_ascii(s[k + 1]) || (s[k + 1] == 0xC3 && k + 2 < n && s[k + 2] >= 0x80 && s[k + 2] <= 0x9E)))
            return TC_MCTX_ENUM;
    }
    if (j == 0 || j == floor) return TC_MCTX_NONE;
    unsigned c = s[j - 1];
    if (c == '%' || tc_is_digit(c)) {
        /* The number as one token ("1–2.5%", "12 %"): in prose when a word precedes it. */
        size_t d = j - (c == '%');
        while (d > floor && tc_is_hspace(s[d - 1])) d--;
        while (d > floor && !tc_is_space(s[d - 1]) && !tc_is_alpha_ascii(s[d - 1]) && s[d - 1] != '|' &&
               s[d - 1] != '(' && s[d - 1] != ')') d--;
        if (d > floor + 1 && tc_is_hspace(s[d - 1]) && tc_is_wordbyte(s[d - 2]) && tc_is_digit(s[d]))
            *flags |= TC_MC_PROSE_NUM;
    }
    if (c == '%' || tc_is_digit(c)) {
        /* "de gemiddelde leeftijd was 45 (12)": a value's SD or count, whatever follows */
        for (size_t w = j; w > floor;) {
            while (w > floor && !tc_is_wordbyte(s[w - 1])) w--;
            size_t e = w;
            while (w > floor && tc_is_wordbyte(s[w - 1])) w--;
            if (w == floor) break;                       /* a word cut by the window */
            if (e > w && is_value_word(s + w, e - w)) { *flags |= TC_MC_STAT_NEAR; break; }
        }
    }
    if (c == '%') return TC_MCTX_NUM;
    if (tc_is_digit(c)) {
        size_t d = j - 1;
        while (d > floor && tc_is_digit(s[d - 1])) d--;
        /* "HIV-1 [7]", "CoQ10 [1]", "IL-6 (35)": a name, not a number. */
        if (d > floor && (tc_is_alpha_ascii(s[d - 1]) ||
                          (s[d - 1] == '-' && d - 1 > floor && tc_is_alpha_ascii(s[d - 2]))))
            return TC_MCTX_NONE;
        /* A year ("in 2019 (11)") is followed by citations; other numbers by values. */
        int year = j - d == 4 && (s[d] == '1' || s[d] == '2') && (d == 0 || !tc_is_digit(s[d - 1])) &&
                   !(d > 0 && (s[d - 1] == ',' || s[d - 1] == '.'));
        if (year) return TC_MCTX_NONE;
        return TC_MCTX_NUM;
    }
    if ((c == ':' || c == ';') && !(*flags & TC_MC_GLUED)) {
        /* (glued to it, a flattened superscript: "countries;[4] however") */
        size_t k = i + f->len;
        while (k < n && tc_is_hspace(s[k])) k++;
        return single && k < n && tc_is_wordbyte(s[k]) ? TC_MCTX_ENUM : TC_MCTX_NONE;
    }
    if (!tc_is_wordbyte(c)) return TC_MCTX_NONE;
    size_t w = j;
    while (w > floor && tc_is_wordbyte(s[w - 1])) w--;
    if (is_list_word(s + w, j - w)) *flags |= TC_MC_SEP;
    if (is_stat_word(s + w, j - w)) return TC_MCTX_WORD;
    /* A unit word after a decimal number. */
    size_t q = w;
    while (q > floor && tc_is_hspace(s[q - 1])) q--;
    size_t d = q;
    int sep = 0;
    while (d > floor && (tc_is_digit(s[d - 1]) || s[d - 1] == ',' || s[d - 1] == '.')) {
        if (s[d - 1] == ',' || s[d - 1] == '.') sep = 1;
        d--;
    }
    return q < w && d < q && sep && tc_is_digit(s[q - 1]) && tc_is_digit(s[d]) ? TC_MCTX_WORD : TC_MCTX_NONE;
}

/* What follows the marker: a digit or a table bar (a row of values), a word, or
 * punctuation and the end of the line. */
static int right_context(const unsigned char *s, size_t n, size_t k, uint8_t *flags)
{
    while (k < n && tc_is_hspace(s[k])) k++;
    if (tc_starts_lower(s + k, n - k)) *flags |= TC_MC_LOWER_NEXT;
    if (k >= n) return TC_MRIGHT_END;
    if (tc_is_digit(s[k]) || s[k] == '|') return TC_MRIGHT_DIGIT;
    return tc_is_wordbyte(s[k]) ? TC_MRIGHT_WORD : TC_MRIGHT_END;
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
    if (lo > max_seen + TC_MARK_GAP) return 0;
    /* "(1994–7)": a span of years, not a reversed range. */
    for (size_t i = 0; i < f->n; i++)
        if (f->it[i].hi < f->it[i].lo && f->it[i].lo > max_seen + TC_MARK_GAP) return 0;
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

/* Pass 1: every bracket with the form of a reference list, with its contexts. */
static int collect(tc_doc *doc, tc_vec *cands)
{
    const unsigned char *s = (const unsigned char *)doc->text;
    size_t n = doc->len, i = 0;
    form f;
    while (i < n) {
        if ((i = find_open(s, i, n)) >= n) break;
        /* A large text has left the cache since the sections stage read it: ask for
         * the bytes further on early, as tc_sections.c does. */
        if (i + PREFETCH < n) __builtin_prefetch(s + i + PREFETCH);
        if (!parse_form(s, n, i, &f)) { i++; continue; }
        tc_mcand *c = tc_vec_push(cands);
        if (!c) return TC_ENOMEM;
        c->off = i; c->len = (uint32_t)f.len; c->square = s[i] == '[';
        c->flags = 0;
        if (f.n == 1 && f.it[0].lo == f.it[0].hi) c->flags |= TC_MC_SINGLE;
        c->ctx = (uint8_t)left_context(s, n, i, &f, &c->flags);
        c->right = (uint8_t)right_context(s, n, i + f.len, &c->flags);
        c->lo = BIG; c->hi = 0;
        for (size_t k = 0; k < f.n; k++) {
            long a = f.it[k].lo, b = f.it[k].hi;
            if (a > b) { long t = a; a = b; b = t; }
            if (a < c->lo) c->lo = a;
            if (b > c->hi) c->hi = b;
        }
        i += f.len;   /* a reference list holds no bracket */
    }
    return TC_OK;
}

/* Pass 2, for one candidate: its reference numbers in refs (sorted), or 0 when the
 * document says it is not a citation. */
static size_t decide(tc_doc *doc, const tc_mcand *c, const tc_mstyle *st, const tc_mseq *q,
                     int *refs, unsigned *flags)
{
    const unsigned char *s = (const unsigned char *)doc->text;
    form f;
    if (c->ctx == TC_MCTX_ENUM || !st->citing[c->square]) return 0;
    /* The other kind of bracket in a document that clearly cites with one: only a marker
     * in prose that introduces the next number ("earlier (8)." after [7]). */
    int minor = st->main_kind >= 0 && c->square != st->main_kind && !st->minor_ok;
    if (minor && (c->ctx != TC_MCTX_NONE || c->lo != q->max_seen + 1)) return 0;
    /* "lifespan.[16171819]": the superscripts 16-19 run together. */
    size_t m = st->concat ? tc_mark_concat(q, s, c, refs, TC_MAX_MARKER_REFS) : 0;
    if (m) return m;
    if (!parse_form(s, doc->len, c->off, &f)) return 0;
    if (c->ctx == TC_MCTX_NONE) return plausible(&f, q->max_seen) ? expand(doc, &f, c->off, refs, flags) : 0;
    /* (a reversed range after a number is a span of values, not worth a log line) */
    for (size_t k = 0; k < f.n; k++) if (f.it[k].hi < f.it[k].lo) return 0;
    if (!(m = expand(doc, &f, c->off, refs, flags))) return 0;
    /* After a number or a statistic word: a citation only in the document's citing kind
     * of bracket, never inside a row of values, and only continuing the sequence. */
    if (!st->established || c->square != st->main_kind || c->right == TC_MRIGHT_DIGIT ||
        !tc_mark_continues(q, refs, m))
        return 0;
    if (c->square) return m;
    /* "(4)" after "8,2%" also reads as a count, "(1,5)" as a decimal: only a single list
     * at the end of a clause in prose with no statistic word just before. */
    if (f.n == 2 && f.comma && !f.spaced && !f.ranged) return 0;
    return c->ctx == TC_MCTX_NUM && (c->flags & TC_MC_PROSE_NUM) && !(c->flags & TC_MC_STAT_NEAR) &&
           c->right == TC_MRIGHT_END ? m : 0;
}

/* "[19]–[22]": two single markers joined by a dash name the numbers between them too
 * (a range typeset as two links).  When the accepted marker a (refs[0..m), one number)
 * is followed by such a partner b whose number is higher and continues the sequence,
 * fills refs with the whole range and returns its size; else returns 0, refs unchanged. */
static size_t range_pair(tc_doc *doc, const tc_mcand *a, const tc_mcand *b, const tc_mseq *q,
                         int *refs, size_t m)
{
    const unsigned char *s = (const unsigned char *)doc->text;
    size_t e = a->off + a->len;
    size_t d = e < doc->len ? tc_dash_len(s + e, doc->len - e) : 0;
    if (m != 1 || !d || b->off != e + d || b->square != a->square || !(a->flags & TC_MC_SINGLE) ||
        !(b->flags & TC_MC_SINGLE) || b->lo <= refs[0] || b->lo - refs[0] >= TC_MAX_RANGE)
        return 0;
    /* the far end must itself be plausible after the near one */
    long next = refs[0] > q->max_seen ? refs[0] : q->max_seen;
    if (b->lo > next + TC_MARK_GAP) return 0;
    int lo = refs[0];
    size_t k = 0;
    for (long v = lo; v <= b->lo; v++) refs[k++] = (int)v;
    return k;
}

int tc_scan_markers(tc_doc *doc)
{
    int rc = TC_OK;
    size_t cursor = 0;
    int refs[TC_MAX_MARKER_REFS];
    tc_vec cands;
    tc_mstyle st;
    tc_mseq *q = NULL;
    tc_vec_init(&cands, sizeof(tc_mcand));
    TC_CHECK(collect(doc, &cands));
    tc_mcand *c = cands.data;
    tc_mark_enums(c, cands.n);
    TC_CHECK(tc_mark_style((const unsigned char *)doc->text, c, cands.n, &st));
    if (!(q = calloc(1, sizeof *q))) { rc = TC_ENOMEM; goto fail; }
    if (st.main_kind >= 0) q->max_seen = st.base[st.main_kind];
    for (size_t ci = 0; ci < cands.n; ci++) {
        size_t i = c[ci].off;
        unsigned flags = 0;
        size_t m = decide(doc, &c[ci], &st, q, refs, &flags);
        if (!m) continue;
        int sec = tc_section_walk(doc, &cursor, i);
        const tc_section *hs = sec >= 0 ? &TC_VEC_AT(&doc->sections, tc_section, sec) : NULL;
        if (hs && i < hs->off + hs->len) continue;   /* headings are not prose */
        size_t len = c[ci].len, m2;
        if (ci + 1 < cands.n && (m2 = range_pair(doc, &c[ci], &c[ci + 1], q, refs, m))) {
            m = m2;
            len = c[ci + 1].off + c[ci + 1].len - i;   /* "[19]–[22]": one marker */
            ci++;
        }
        TC_CHECK(tc_vec_reserve(&doc->refpool, doc->refpool.n + m));
        memcpy(&TC_VEC_AT(&doc->refpool, int, doc->refpool.n), refs, m * sizeof *refs);
        doc->refpool.n += m;
        tc_citation *cit = tc_vec_push(&doc->citations);
        if (!cit) { rc = TC_ENOMEM; goto fail; }
        cit->off = i; cit->len = len; cit->nrefs = m; cit->flags = flags;
        cit->section = sec; cit->sentence = -1;
        tc_mark_seen(q, refs, m);
        if (flags & TC_CIT_CAPPED) {
            tc_doc_log(doc, TC_ELIMIT, "citation at byte %zu capped to %zu reference numbers", i, m);
            TC_CHECK(tc_doc_add_check(doc, "citation-range-capped", TC_SEV_WARNING, -1,
                                      "citation marker at byte %zu names more than %d numbers or "
                                      "a number above %d; kept %zu", i + 1, TC_MAX_RANGE,
                                      TC_MAX_REF_NUMBER, m));
        }
    }
    TC_CHECK(tc_scan_superscripts(doc));
fail:
    free(q);
    tc_vec_free(&cands);
    return rc;
}
