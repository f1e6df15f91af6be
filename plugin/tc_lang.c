/* Language detection: counts a few frequent function words of Dutch, French and
 * English that the other two languages do not share, in the first 64 KB.  A
 * language wins with at least MIN_HITS hits and 1.5 times the runner-up;
 * otherwise the language stays unknown. */
#include "tc_text.h"

#define SAMPLE_BYTES ((size_t)64 << 10)
#define MIN_HITS 3

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

int tc_detect_lang(tc_doc *doc)
{
    const unsigned char *s = (const unsigned char *)doc->text;
    size_t n = doc->len < SAMPLE_BYTES ? doc->len : SAMPLE_BYTES, i = 0;
    unsigned hits[4] = { 0 };
    while (i < n) {
        if (!tc_is_wordbyte(s[i])) { i++; continue; }
        size_t a = i;
        while (i < n && tc_is_wordbyte(s[i])) i++;
        size_t len = i - a;
        if (len > 6) continue;
        char w[6];
        for (size_t k = 0; k < len; k++) w[k] = (char)(s[a + k] | (tc_is_upper_ascii(s[a + k]) ? 0x20 : 0));
        for (size_t k = 0; k < sizeof words / sizeof *words; k++)
            if (words[k].len == len && !memcmp(words[k].w, w, len)) { hits[words[k].lang]++; break; }
    }
    int best = TC_LANG_UNKNOWN;
    unsigned top = 0, second = 0;
    for (int l = TC_LANG_NL; l <= TC_LANG_EN; l++) {
        if (hits[l] > top) { second = top; top = hits[l]; best = l; }
        else if (hits[l] > second) second = hits[l];
    }
    if (top >= MIN_HITS && 2 * top >= 3 * second) doc->lang = best;
    return TC_OK;
}
