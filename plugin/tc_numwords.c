/* Counts written as words, in English ("Two hundred and forty-one", "twelve"), Dutch
 * (one word: "Honderdvijftig", "tweehonderdzesenveertig", "eenentwintig") and French
 * ("Cent vingt", "deux cent quarante et un", "quatre-vingt-dix").  Case-insensitive,
 * ASCII letters plus the few accented forms the numbers use (ë in "tweeëntwintig",
 * é is not needed).  Reads only s[i, n). */
#include "tc_extract.h"
#include "tc_text.h"

typedef struct nw { const char *w; int v; } nw;

/* English and French words with their values; 100 and 1000 multiply. */
static const nw en_words[] = {
    {"zero", 0}, {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5}, {"six", 6},
    {"seven", 7}, {"eight", 8}, {"nine", 9}, {"ten", 10}, {"eleven", 11}, {"twelve", 12},
    {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16}, {"seventeen", 17},
    {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20}, {"thirty", 30}, {"forty", 40},
    {"fifty", 50}, {"sixty", 60}, {"seventy", 70}, {"eighty", 80}, {"ninety", 90},
    {"hundred", 100}, {"thousand", 1000}, {NULL, 0}
};
static const nw fr_words[] = {
    {"un", 1}, {"une", 1}, {"deux", 2}, {"trois", 3}, {"quatre", 4}, {"cinq", 5}, {"six", 6},
    {"sept", 7}, {"huit", 8}, {"neuf", 9}, {"dix", 10}, {"onze", 11}, {"douze", 12},
    {"treize", 13}, {"quatorze", 14}, {"quinze", 15}, {"seize", 16}, {"vingts", 20}, {"vingt", 20},
    {"trente", 30}, {"quarante", 40}, {"cinquante", 50}, {"soixante", 60},
    {"cents", 100}, {"cent", 100}, {"mille", 1000}, {NULL, 0}
};
/* Dutch parts, longest first where one is a prefix of another. */
static const nw nl_units[] = {
    {"een", 1}, {"één", 1}, {"twee", 2}, {"drie", 3}, {"vier", 4}, {"vijf", 5}, {"zes", 6},
    {"zeven", 7}, {"acht", 8}, {"negen", 9}, {NULL, 0}
};
static const nw nl_teens[] = {
    {"tien", 10}, {"elf", 11}, {"twaalf", 12}, {"dertien", 13}, {"veertien", 14},
    {"vijftien", 15}, {"zestien", 16}, {"zeventien", 17}, {"achttien", 18}, {"negentien", 19},
    {NULL, 0}
};
static const nw nl_tens[] = {
    {"twintig", 20}, {"dertig", 30}, {"veertig", 40}, {"vijftig", 50}, {"zestig", 60},
    {"zeventig", 70}, {"tachtig", 80}, {"negentig", 90}, {NULL, 0}
};

/* Case-insensitive literal at s[i] (no boundary test); its length or 0. */
static size_t lit(const char *s, size_t n, size_t i, const char *w)
{
    size_t k = 0;
    for (; w[k]; k++) {
        if (i + k >= n) return 0;
        unsigned char c = (unsigned char)s[i + k];
        if (tc_is_upper_ascii(c)) c = (unsigned char)(c | 0x20);
        if (i + k > 0 && (unsigned char)s[i + k - 1] == 0xC3 && c >= 0x80 && c <= 0x9E) c = (unsigned char)(c + 0x20);
        if (c != (unsigned char)w[k]) return 0;
    }
    return k;
}

static size_t longest(const nw *t, const char *s, size_t n, size_t i, int *v)
{
    size_t best = 0;
    for (int k = 0; t[k].w; k++) {
        size_t m = lit(s, n, i, t[k].w);
        if (m > best) { best = m; *v = t[k].v; }
    }
    return best;
}

static int letter_at(const char *s, size_t n, size_t i)
{
    return i < n && tc_is_wordbyte((unsigned char)s[i]);
}

/* Dutch below 100: "vijftien", "zesenveertig", "tweeëntwintig", "twintig", "acht". */
static size_t nl_below100(const char *s, size_t n, size_t i, int *v)
{
    int a = 0, b = 0;
    size_t m;
    if ((m = longest(nl_teens, s, n, i, &a))) { *v = a; return m; }
    if ((m = longest(nl_tens, s, n, i, &a))) { *v = a; return m; }
    if ((m = longest(nl_units, s, n, i, &a))) {
        size_t j = i + m, k;
        if ((k = lit(s, n, j, "en")) || (k = lit(s, n, j, "\xC3\xABn"))) {
            size_t t = longest(nl_tens, s, n, j + k, &b);
            if (t) { *v = a + b; return m + k + t; }
        }
        *v = a;
        return m;
    }
    return 0;
}

/* Dutch below 1000: "honderd", "tweehonderdzesenveertig", "honderdvijftig". */
static size_t nl_below1000(const char *s, size_t n, size_t i, int *v)
{
    int a = 0, b = 0;
    size_t m = 0, h;
    if ((h = lit(s, n, i, "honderd"))) { *v = 100; m = h; }
    else {
        size_t u = longest(nl_units, s, n, i, &a);
        if (u && (h = lit(s, n, i + u, "honderd"))) { *v = a * 100; m = u + h; }
        else return nl_below100(s, n, i, v);
    }
    size_t t = nl_below100(s, n, i + m, &b);
    if (t) { *v += b; m += t; }
    return m;
}

static size_t numword_nl(const char *s, size_t n, size_t i, long *value)
{
    int a = 0, b = 0;
    size_t m = nl_below1000(s, n, i, &a), k;
    long v = a;
    if (!m) {
        if ((k = lit(s, n, i, "duizend"))) { v = 1000; m = k; }
        else return 0;
    } else if ((k = lit(s, n, i + m, "duizend"))) {
        v = (long)a * 1000; m += k;
    } else goto done;
    if ((k = nl_below1000(s, n, i + m, &b))) { v += b; m += k; }
done:
    if (letter_at(s, n, i + m)) return 0;     /* "achter", "tienduizenden" */
    *value = v;
    return m;
}

/* English or French: words joined by spaces, hyphens and "and" / "et". */
static size_t numword_seq(const nw *t, const char *s, size_t n, size_t i, long *value, int fr)
{
    long total = 0, cur = 0;
    size_t j = i, end = i;
    int words = 0, last = -1;
    while (j < n) {
        int v = -1;
        size_t m = 0;
        for (int k = 0; t[k].w; k++) {
            size_t q = lit(s, n, j, t[k].w);
            if (q > m && !letter_at(s, n, j + q)) { m = q; v = t[k].v; }
        }
        if (!m) break;
        /* the grammar of one number: "two hundred", not "twenty hundred" or
           "two hundred two hundred"; one "thousand"; so no value can overflow */
        if (v == 100 && (cur > 9 || (last == 100))) break;
        if (v == 1000 && (total > 0 || cur > 999)) break;
        if (v != 100 && v != 1000 && last >= 0 && last != 100 && last != 1000 && v >= 20 && last >= 10) break;
        if (v == 100) cur = (cur ? cur : 1) * 100;
        else if (v == 1000) { total += (cur ? cur : 1) * 1000; cur = 0; }
        else if (fr && v == 20 && last == 4 && cur % 100 == 4) cur = cur - 4 + 80;   /* quatre-vingt */
        else if (fr && v >= 10 && v < 20 && cur % 100 >= 60 && cur % 10 == 0 && cur % 100 != 0) cur += v; /* soixante-dix */
        else if (v < 10 && last >= 0 && last < 10 && last != 100) break;  /* "two three" */
        else cur += v;
        last = v;
        words++;
        j += m;
        end = j;
        /* separators: space(s), hyphen, " and ", " et ", "-et-" */
        size_t k = j;
        while (k < n && (s[k] == ' ' || s[k] == '-' || s[k] == '\n')) k++;
        size_t a;
        if ((a = lit(s, n, k, fr ? "et" : "and")) && !letter_at(s, n, k + a)) {
            k += a;
            while (k < n && (s[k] == ' ' || s[k] == '-' || s[k] == '\n')) k++;
        }
        if (k == j) break;
        j = k;
    }
    if (!words) return 0;
    *value = total + cur;
    return end - i;
}

size_t tc_numword_scan(const char *s, size_t n, size_t i, int lang, long *value)
{
    long v = 0;
    size_t m = 0;
    if (i >= n || (i > 0 && tc_is_wordbyte((unsigned char)s[i - 1]))) return 0;
    if ((lang == TC_LANG_EN || lang == TC_LANG_UNKNOWN) && (m = numword_seq(en_words, s, n, i, &v, 0))) {}
    else if ((lang == TC_LANG_FR || lang == TC_LANG_UNKNOWN) && (m = numword_seq(fr_words, s, n, i, &v, 1))) {}
    else if ((lang == TC_LANG_NL || lang == TC_LANG_UNKNOWN) && (m = numword_nl(s, n, i, &v))) {}
    if (m) {
        if (v < 2 || v > 999999) return 0;
        *value = v;
        return m;
    }
    return 0;
}
