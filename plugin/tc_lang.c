/* Language detection: counts a few frequent function words of Dutch, French and
 * English that the other two languages do not share, in the first 64 KB.  A
 * language wins with at least MIN_HITS hits and 1.5 times the runner-up;
 * otherwise the language stays unknown.
 * The words are looked up in a small hash table built from the list below for each
 * detection: comparing every short word of the text with the whole list was half the
 * time of parsing a short document. */
#include "tc_text.h"

#define SAMPLE_BYTES ((size_t)64 << 10)
#define MIN_HITS 3
/* Longest word of the list (bytes); longer words of the text are not looked up. */
#define MAX_WORD 6

typedef struct word { const char *w; unsigned char len, lang; } word;

#define W(s, l) { s, sizeof s - 1, l }
static const word words[] = {
    W("het", TC_LANG_NL), W("een", TC_LANG_NL), W("van", TC_LANG_NL), W("en", TC_LANG_NL),
    W("niet", TC_LANG_NL), W("met", TC_LANG_NL), W("voor", TC_LANG_NL), W("zijn", TC_LANG_NL),
    W("worden", TC_LANG_NL), W("wordt", TC_LANG_NL), W("bij", TC_LANG_NL), W("dat", TC_LANG_NL),
    W("ook", TC_LANG_NL), W("deze", TC_LANG_NL), W("werd", TC_LANG_NL), W("naar", TC_LANG_NL),
    W("heeft", TC_LANG_NL), W("hebben", TC_LANG_NL), W("maar", TC_LANG_NL), W("nog", TC_LANG_NL),
    W("werden", TC_LANG_NL), W("tussen", TC_LANG_NL), W("geen", TC_LANG_NL), W("meer", TC_LANG_NL),
    W("le", TC_LANG_FR), W("la", TC_LANG_FR), W("les", TC_LANG_FR), W("des", TC_LANG_FR),
    W("et", TC_LANG_FR), W("est", TC_LANG_FR), W("une", TC_LANG_FR), W("du", TC_LANG_FR),
    W("dans", TC_LANG_FR), W("pour", TC_LANG_FR), W("que", TC_LANG_FR), W("qui", TC_LANG_FR),
    W("pas", TC_LANG_FR), W("avec", TC_LANG_FR), W("sur", TC_LANG_FR), W("aux", TC_LANG_FR),
    W("sont", TC_LANG_FR), W("chez", TC_LANG_FR), W("cette", TC_LANG_FR), W("ces", TC_LANG_FR),
    W("ont", TC_LANG_FR), W("mais", TC_LANG_FR), W("cela", TC_LANG_FR), W("entre", TC_LANG_FR),
    W("\xc3\xa9t\xc3\xa9", TC_LANG_FR), W("tr\xc3\xa8s", TC_LANG_FR),
    W("the", TC_LANG_EN), W("and", TC_LANG_EN), W("of", TC_LANG_EN), W("to", TC_LANG_EN),
    W("that", TC_LANG_EN), W("with", TC_LANG_EN), W("for", TC_LANG_EN), W("was", TC_LANG_EN),
    W("are", TC_LANG_EN), W("were", TC_LANG_EN), W("this", TC_LANG_EN), W("by", TC_LANG_EN),
    W("from", TC_LANG_EN), W("which", TC_LANG_EN), W("than", TC_LANG_EN), W("be", TC_LANG_EN),
    W("not", TC_LANG_EN), W("but", TC_LANG_EN), W("have", TC_LANG_EN), W("has", TC_LANG_EN),
    W("had", TC_LANG_EN), W("been", TC_LANG_EN), W("these", TC_LANG_EN), W("their", TC_LANG_EN),
};
#undef W

size_t tc_lang_words(size_t i, const char **w, size_t *len, int *lang)
{
    size_t n = sizeof words / sizeof *words;
    if (i < n) { *w = words[i].w; *len = words[i].len; *lang = words[i].lang; }
    return n;
}

/* A word of at most 8 bytes as one integer: its bytes, little-endian, and its length
 * in the top byte (so that no key is 0, the empty slot). */
#define TABLE_BITS 8
#define TABLE_SIZE (1u << TABLE_BITS)
typedef struct lang_table { uint64_t key[TABLE_SIZE]; unsigned char lang[TABLE_SIZE]; } lang_table;

static unsigned slot_of(uint64_t key)
{
    return (unsigned)((key * 0x9E3779B97F4A7C15ull) >> (64 - TABLE_BITS));
}

static void table_build(lang_table *t)
{
    memset(t->key, 0, sizeof t->key);
    for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
        uint64_t key = (uint64_t)words[k].len << 56;
        for (size_t j = 0; j < words[k].len; j++) key |= (uint64_t)(unsigned char)words[k].w[j] << (8 * j);
        unsigned h = slot_of(key);
        while (t->key[h]) h = (h + 1) & (TABLE_SIZE - 1);   /* 74 words in 256 slots */
        t->key[h] = key;
        t->lang[h] = words[k].lang;
    }
}

static int table_find(const lang_table *t, uint64_t key)
{
    for (unsigned h = slot_of(key);; h = (h + 1) & (TABLE_SIZE - 1)) {
        if (t->key[h] == key) return t->lang[h];
        if (!t->key[h]) return TC_LANG_UNKNOWN;
    }
}

/* 8 bytes as a little-endian integer (byte 0 lowest). */
static uint64_t load_le64(const unsigned char *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    x = __builtin_bswap64(x);
#endif
    return x;
}

/* Bit k set when byte k of p[0..64) is a word byte (tc_is_wordbyte), 16 bytes a
 * compare; the 0x00/0xFF bytes of a compare become bits by one multiplication per 8. */
static uint64_t word_mask64(const unsigned char *p)
{
    uint64_t m = 0;
    for (int b = 0; b < 4; b++) {
        tc_v16 v, lo;
        memcpy(&v, p + 16 * b, 16);
        lo = (v | 0x20) - 'a';
        tc_v16 w = (tc_v16)(lo < 26) | (tc_v16)(v >= 0x80);
        for (int h = 0; h < 2; h++) {
            uint64_t x = load_le64((const unsigned char *)&w + 8 * h) & 0x0101010101010101ull;
            m |= ((x * 0x0102040810204080ull) >> 56) << (16 * b + 8 * h);
        }
    }
    return m;
}

/* The count of the words of the 64-byte block at s[p] (its word mask w; prev: the
 * previous block's) that end in it and are at most MAX_WORD long.  A word ends before
 * each non-word byte that follows a word byte. */
static void count_block(const lang_table *t, const unsigned char *s, size_t p, uint64_t w, uint64_t prev,
                        unsigned hits[4])
{
    uint64_t ends = ~w & (w << 1 | prev >> 63);
    /* Bit k: bytes k-1 .. k-MAX_WORD-1 are all word bytes (the word is too long). */
    uint64_t run = ~(uint64_t)0;
    for (int j = 1; j <= MAX_WORD + 1; j++) run &= w << j | prev >> (64 - j);
    ends &= ~run;
    while (ends) {
        unsigned k = (unsigned)__builtin_ctzll(ends);
        ends &= ends - 1;
        /* The word's length: the word bytes just before k (bit 7 of b is byte k-1). */
        unsigned b = (unsigned)(k >= 8 ? w >> (k - 8) : w << (8 - k) | prev >> (56 + k)) & 0xFF;
        unsigned len = (unsigned)__builtin_clz(~(b << 24));
        size_t end = p + k;
        uint64_t x;
        if (end >= 8) x = load_le64(s + end - 8) >> (8 * (8 - len));
        else { x = 0; for (unsigned j = 0; j < len; j++) x |= (uint64_t)s[end - len + j] << (8 * j); }
        /* Lower-case: 0x20 set in every ASCII byte (they are letters here), then only
         * the word's bytes kept. */
        x |= (~x & 0x8080808080808080ull) >> 2;
        x &= ((uint64_t)1 << (8 * len)) - 1;
        hits[table_find(t, x | (uint64_t)len << 56)]++;
    }
}

void tc_lang_hits(const char *text, size_t len, unsigned hits[4])
{
    const unsigned char *s = (const unsigned char *)text;
    size_t n = len < SAMPLE_BYTES ? len : SAMPLE_BYTES, p = 0;
    uint64_t prev = 0, w;
    lang_table t;
    table_build(&t);
    hits[0] = hits[1] = hits[2] = hits[3] = 0;
    for (; p + 64 <= n; p += 64, prev = w) count_block(&t, s, p, w = word_mask64(s + p), prev, hits);
    /* The rest, padded with spaces: a word cut by the end of the sample ends there. */
    unsigned char tail[64];
    memset(tail, ' ', sizeof tail);
    if (n > p) memcpy(tail, s + p, n - p);
    count_block(&t, s, p, word_mask64(tail), prev, hits);
}

int tc_detect_lang(tc_doc *doc)
{
    unsigned hits[4];
    tc_lang_hits(doc->text, doc->len, hits);
    int best = TC_LANG_UNKNOWN;
    unsigned top = 0, second = 0;
    for (int l = TC_LANG_NL; l <= TC_LANG_EN; l++) {
        if (hits[l] > top) { second = top; top = hits[l]; best = l; }
        else if (hits[l] > second) second = hits[l];
    }
    if (top >= MIN_HITS && 2 * top >= 3 * second) doc->lang = best;
    return TC_OK;
}
