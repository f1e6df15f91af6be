/* Sentences, region by region (the text between heading lines), in one pass that
 * stops only at bytes that can end a unit: '.', '?', '!', '…' and line breaks.
 *
 * A unit ends
 *  - at . ? ! … followed (after closing quotes/brackets) by white space, unless the
 *    word before a '.' is an abbreviation ("t.o.v.", "bijv.", "et al.", a single
 *    letter, a list number at a line start) or the next word starts in lower case;
 *    a citation marker right after the stop ("end. (9) Next") still belongs to it;
 *  - before a bullet at a line start (•, ◦, ▪, "o ", "- ", "* ", "+ ");
 *  - at a blank line; in PDF text with a blank line between most lines, at two
 *    blank lines in a row (one says nothing about sentences there).
 * Spans are trimmed of white space; a unit of white space only is dropped. */
#include "tc_text.h"

#define SAMPLE_BYTES ((size_t)1 << 20)   /* how much text decides the blank-line style */
#define PREFETCH 4096                    /* how far ahead the scan asks for text (bytes) */

typedef struct scan {
    tc_doc *doc;
    const unsigned char *s;
    size_t n;
    int section;
    size_t para_blanks;          /* this many blank lines in a row end a unit */
    size_t cit;                  /* first citation not wholly before the scan position */
    uint32_t abbrev_first[8];    /* bit (first byte & 31) of word length 0-7: a listed word has them */
} scan;

/* Words (lower case, without the final '.') that a '.' does not end a sentence after,
 * with their lengths (compared before any byte: most words differ in length). */
typedef struct abbrev_word { const char *w; unsigned char len; } abbrev_word;
#define A(s) { s, sizeof s - 1 }
static const abbrev_word abbrev[] = {
    A("al"), A("bijv"), A("bv"), A("vs"), A("fig"), A("figs"), A("resp"), A("dr"), A("drs"),
    A("prof"), A("cf"), A("cfr"), A("p"), A("pp"), A("ca"), A("nr"), A("no"), A("vol"),
    A("vgl"), A("zgn"), A("mr"), A("mrs"), A("ms"), A("dhr"), A("mevr"), A("st"), A("jr"),
    A("approx"), A("incl"), A("excl"), A("gem"), A("tab"), A("ref"), A("refs"), A("suppl"),
    A("eds"), A("env"), A("mme"), A("mlle"), A("art"), A("hfst"), A("blz"), A("evt"),
    A("ong"), A("nl"), A("vb"),
};
#undef A
#define ABBREV_MAX 6   /* bytes of the longest word above ("approx") */
_Static_assert(ABBREV_MAX < 8, "scan.abbrev_first has a bucket per word length up to 7");

/* The filter of scan.abbrev_first: most words before a stop have a length and first
 * letter no listed word has, and one bit test spares them the walk over the list. */
static void abbrev_filter(uint32_t bits[8])
{
    memset(bits, 0, 8 * sizeof *bits);
    for (size_t i = 0; i < sizeof abbrev / sizeof *abbrev; i++)
        bits[abbrev[i].len & 7] |= (uint32_t)1 << ((unsigned char)abbrev[i].w[0] & 31u);
}

static int is_abbrev(const scan *sc, const unsigned char *w, size_t len)
{
    char buf[ABBREV_MAX];
    if (len == 0) return 0;
    if (len == 1 && tc_is_alpha_ascii(w[0])) return 1;            /* initials, "p." */
    /* Dotted abbreviations: "t.o.v", "o.a", "e.g", "m.b.t", "c.-à-d" (short segments). */
    int dots = 0, seg = 0, ok = 1;
    for (size_t i = 0; i < len && ok; i++) {
        if (w[i] == '.') { if (!seg) ok = 0; dots++; seg = 0; }
        else if ((tc_is_wordbyte(w[i]) || w[i] == '-') && ++seg <= 6) {}
        else ok = 0;
    }
    if (ok && dots && seg) return 1;
    /* Most words before a stop are longer than any listed abbreviation: no folding. */
    if (len > ABBREV_MAX) return 0;
    unsigned char prev = 0;
    for (size_t i = 0; i < len; i++) { buf[i] = (char)tc_fold(prev, w[i]); prev = w[i]; }
    if (!(sc->abbrev_first[len] >> ((unsigned char)buf[0] & 31u) & 1)) return 0;
    for (size_t i = 0; i < sizeof abbrev / sizeof *abbrev; i++)
        if (abbrev[i].len == len && abbrev[i].w[0] == buf[0] && !memcmp(abbrev[i].w, buf, len)) return 1;
    return 0;
}

/* PDF extraction in the seeds puts a blank line after most lines, mid-sentence
 * too; in such text a single blank line is no paragraph break.  Decided once per
 * document from a sample: a third of the lines or more end mid-sentence before a
 * blank line. */
int tc_double_spaced(const unsigned char *s, size_t n)
{
    size_t lines = 0, followed = 0, i = 0, lim = n < SAMPLE_BYTES ? n : SAMPLE_BYTES;
    while (i < lim) {
        const unsigned char *nl = memchr(s + i, '\n', lim - i);
        size_t eol = nl ? (size_t)(nl - s) : lim, j = i;
        while (j < eol && tc_is_hspace(s[j])) j++;
        if (j < eol) {
            lines++;
            size_t k = eol + 1, e = eol;
            while (k < lim && tc_is_hspace(s[k])) k++;
            while (e > j && tc_is_hspace(s[e - 1])) e--;
            /* A blank line after a line that stops mid-sentence is a PDF artefact;
             * paragraphs of web text and Markdown end with a stop or are headings. */
            unsigned last = s[e - 1];
            if (k < lim && s[k] == '\n' && s[j] != '#' && last != '.' && last != '?' &&
                last != '!' && last != ':')
                followed++;
        }
        if (!nl) break;
        i = eol + 1;
    }
    return followed >= 3 && followed * 3 >= lines;
}

/* Length of a bullet at s[i] (a line start after indentation), with the space after
 * it, or 0. */
static size_t bullet_len(const unsigned char *s, size_t n, size_t i)
{
    size_t k = 0;
    /* Asked at every line start: most lines open with a byte no bullet starts with. */
    if (i >= n || (s[i] != 0xE2 && s[i] != 0xC2 && s[i] != 'o' && s[i] != '-' && s[i] != '*' && s[i] != '+'))
        return 0;
    int word = 0;
    if (i + 3 <= n && s[i] == 0xE2 &&
        ((s[i + 1] == 0x80 && (s[i + 2] == 0xA2 || s[i + 2] == 0xA3)) ||     /* • ‣ */
         (s[i + 1] == 0x97 && s[i + 2] == 0xA6) ||                           /* ◦ */
         (s[i + 1] == 0x96 && (s[i + 2] == 0xAA || s[i + 2] == 0xA0))))      /* ▪ ■ */
        k = 3;
    else if (i + 2 <= n && s[i] == 0xC2 && s[i + 1] == 0xB7) k = 2;          /* · */
    else if (i + 3 <= n && s[i] == 0xE2 && s[i + 1] == 0x80 && s[i + 2] == 0x93) k = 3, word = 1;  /* – */
    else if (i < n && (s[i] == 'o' || s[i] == '-' || s[i] == '*' || s[i] == '+')) k = 1, word = 1;
    if (!k) return 0;
    if (i + k < n && tc_is_hspace(s[i + k])) return k + 1;
    /* "o", "-", "–" need the space after them; symbol bullets may touch the word. */
    return !word && i + k < n && s[i + k] != '\n' ? k : 0;
}

static int emit(scan *sc, size_t a, size_t b)
{
    while (a < b && tc_is_space(sc->s[a])) a++;
    while (b > a && tc_is_space(sc->s[b - 1])) b--;
    if (a == b) return TC_OK;
    /* Every field is written: no need for tc_vec_push's clearing (a sentence per
     * 170 bytes of text). */
    tc_vec *v = &sc->doc->sentences;
    if (v->n == v->cap && tc_vec_reserve(v, v->n + 1) != TC_OK) return TC_ENOMEM;
    tc_sentence t = { a, b - a, sc->section };
    TC_VEC_AT(v, tc_sentence, v->n++) = t;
    return TC_OK;
}

/* Is off inside a citation marker?  Advances the citation cursor. */
static const tc_citation *citation_at(scan *sc, size_t off)
{
    const tc_citation *c = sc->doc->citations.data;
    size_t n = sc->doc->citations.n;
    while (sc->cit < n && c[sc->cit].off + c[sc->cit].len <= off) sc->cit++;
    return sc->cit < n && c[sc->cit].off <= off ? &c[sc->cit] : NULL;
}

/* The start of the word ending at s[i] (the byte after white space, '(' or '[', or the
 * text's start): sixteen bytes a compare, as a stop follows a word of several bytes. */
static size_t word_start(const unsigned char *s, size_t w)
{
    while (w >= 16) {
        tc_v16 v;
        memcpy(&v, s + w - 16, 16);
        unsigned m = tc_marked16((tc_v16)((v == ' ') | (v == '\n') | (v == '\t') | (v == '\r') | (v == '\v')
                                          | (v == '\f') | (v == '(') | (v == '[')));   /* bit k: s[w - 16 + k] */
        if (m) return w - 16 + (32 - (size_t)__builtin_clz(m));
        w -= 16;
    }
    while (w > 0 && !tc_is_space(s[w - 1]) && s[w - 1] != '(' && s[w - 1] != '[') w--;
    return w;
}

/* After a stop at s[i]: where the unit ends (one past its last byte), or 0 when
 * the stop does not end a sentence. */
static size_t stop_end(scan *sc, size_t i, size_t stoplen, size_t b)
{
    const unsigned char *s = sc->s;
    size_t j = i + stoplen;
    /* Closing quotes and brackets stay with the sentence. */
    for (;;) {
        if (j < b && (s[j] == ')' || s[j] == ']' || s[j] == '"' || s[j] == '\'')) { j++; continue; }
        if (j + 3 <= b && s[j] == 0xE2 && s[j + 1] == 0x80 && (s[j + 2] == 0x99 || s[j + 2] == 0x9D)) { j += 3; continue; }
        if (j + 2 <= b && s[j] == 0xC2 && s[j + 1] == 0xBB) { j += 2; continue; }
        break;
    }
    /* A marker glued to the stop goes with the sentence: "death.[45] Next", "adults.1 Next". */
    const tc_citation *g = j < b ? citation_at(sc, j) : NULL;
    if (g && g->off == j) j = g->off + g->len;
    if (j < b && !tc_is_space(s[j])) return 0;              /* "0.5", "e.g.x", "a.b" */
    if (s[i] == '.') {
        size_t w = word_start(s, i);
        if (is_abbrev(sc, s + w, i - w)) return 0;
        /* A list number at a line start: "2. Item". */
        size_t d = w;
        while (d < i && tc_is_digit(s[d])) d++;
        if (d == i && w < i && i - w <= 3) {
            size_t l = w;
            while (l > 0 && tc_is_hspace(s[l - 1])) l--;
            if (l == 0 || s[l - 1] == '\n') return 0;
        }
    }
    size_t end = j, k = j;
    while (k < b && tc_is_space(s[k])) k++;
    const tc_citation *c = k < b ? citation_at(sc, k) : NULL;
    if (c && c->off == k) {                                  /* "end. (9) Next" */
        end = k = c->off + c->len;
        while (k < b && tc_is_space(s[k])) k++;
    }
    if (k < b && (tc_starts_lower(s + k, b - k) || s[k] == ',' || s[k] == ';')) return 0;
    return end;
}

/* Bytes the region scan stops at; everything else is skipped with one load. */
static const unsigned char stops[256] = {
    ['\n'] = 1, ['.'] = 1, ['?'] = 1, ['!'] = 1, [0xE2] = 1,
};

/* The stop bytes among the 16 at p, one bit each (bit k: p[k]).  GCC/Clang vector
 * extensions: SSE2 or NEON compares where available, plain code elsewhere. */
static inline unsigned stop_bits16(const unsigned char *p)
{
    tc_v16 v;
    memcpy(&v, p, 16);
    return tc_marked16((tc_v16)((v == '\n') | (v == '.') | (v == '?') | (v == '!') | (v == 0xE2)));
}

/* The stop bytes of a 64-byte block, kept between calls: stops come every few dozen
 * bytes, and each search after one resumes inside the block the last one read. */
typedef struct stop_block { size_t base; uint64_t bits; int valid; } stop_block;

/* The first stop byte at or after i and before b, or b. */
static inline size_t next_stop(const unsigned char *s, size_t i, size_t b, stop_block *blk)
{
    for (;;) {
        if (blk->valid && i >= blk->base && i - blk->base < 64) {
            uint64_t m = blk->bits >> (i - blk->base);
            if (m) return i + (size_t)__builtin_ctzll(m);
            i = blk->base + 64;
        }
        if (i + 64 > b) break;
        if (i + PREFETCH < b) __builtin_prefetch(s + i + PREFETCH);   /* see tc_sections.c */
        blk->base = i;
        blk->valid = 1;
        blk->bits = (uint64_t)stop_bits16(s + i) | (uint64_t)stop_bits16(s + i + 16) << 16
                  | (uint64_t)stop_bits16(s + i + 32) << 32 | (uint64_t)stop_bits16(s + i + 48) << 48;
    }
    while (i + 16 <= b) {   /* the last bytes before b sixteen at a time, then one by one */
        unsigned m = stop_bits16(s + i);
        if (m) return i + (size_t)__builtin_ctz(m);
        i += 16;
    }
    while (i < b && !stops[s[i]]) i++;
    return i;
}

static int scan_region(scan *sc, size_t a, size_t b)
{
    int rc = TC_OK;
    const unsigned char *s = sc->s;
    size_t start = a, i = a;
    stop_block blk = { 0, 0, 0 };
    while (i < b) {
        unsigned c = s[i];
        if (!stops[c]) {
            /* Prose runs long between stops: straight to the next one. */
            i = next_stop(s, i + 1, b, &blk);
            continue;
        }
        if (c == '\n') {
            /* Line start: blank lines and bullets. */
            size_t j = i + 1, blank = 0;
            for (;;) {
                while (j < b && tc_is_hspace(s[j])) j++;
                if (j < b && s[j] == '\n') { blank++; j++; continue; }
                break;
            }
            if (j >= b) break;
            size_t bl = bullet_len(s, b, j);
            if ((bl || blank >= sc->para_blanks) && !citation_at(sc, i)) {
                TC_CHECK(emit(sc, start, i));
                start = j + bl;
            }
            i = j + bl;
            continue;
        }
        size_t stoplen = 1;
        if (c == 0xE2) {
            if (!(i + 2 < b && s[i + 1] == 0x80 && s[i + 2] == 0xA6)) { i++; continue; }  /* … */
            stoplen = 3;
        }
        size_t end = stop_end(sc, i, stoplen, b);
        if (!end) { i += stoplen; continue; }
        TC_CHECK(emit(sc, start, end));
        start = i = end;
    }
    TC_CHECK(emit(sc, start, b));
fail:
    return rc;
}

int tc_scan_sentences(tc_doc *doc)
{
    int rc = TC_OK;
    scan sc = { doc, (const unsigned char *)doc->text, doc->len, -1, 0, 0, { 0 } };
    if (!doc->len) return TC_OK;
    abbrev_filter(sc.abbrev_first);
    sc.para_blanks = tc_double_spaced(sc.s, sc.n) ? 2 : 1;
    /* Regions: from the end of one heading line to the start of the next. */
    const tc_section *sec = doc->sections.data;
    size_t nsec = doc->sections.n, from = 0;
    for (size_t k = 0; k < nsec; k++) {
        if (sec[k].kind == TC_SEC_LEAD && sec[k].len == 0) { sc.section = (int)k; continue; }
        size_t line = sec[k].off;
        while (line > from && sc.s[line - 1] != '\n') line--;
        TC_CHECK(scan_region(&sc, from, line));
        sc.section = (int)k;
        from = sec[k].body_off;
    }
    TC_CHECK(scan_region(&sc, from, sc.n));
    /* Every citation lies in a sentence: markers are never split from their unit. */
    size_t cursor = 0;
    for (size_t i = 0; i < doc->citations.n; i++) {
        tc_citation *c = &TC_VEC_AT(&doc->citations, tc_citation, i);
        c->sentence = tc_doc_sentence_walk(doc, &cursor, c->off);
    }
fail:
    return rc;
}
