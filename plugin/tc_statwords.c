/* Words around numbers: letters, word lists, and the bounded matchers the statistics
 * scanner uses to read a few words before or after a number. */
#include "tc_stats.h"
#include <stdint.h>

static int at(const char *s, size_t n, size_t i) { return i < n ? (unsigned char)s[i] : -1; }

/* An inner joiner of a word at s[i] (hyphen, apostrophe, U+2019) followed by a letter. */
static size_t joiner(const char *s, size_t n, size_t i)
{
    size_t k = 0;
    int c = at(s, n, i);
    if (c == '-' || c == '\'') k = 1;
    else if (c == 0xE2 && at(s, n, i + 1) == 0x80 && at(s, n, i + 2) == 0x99) k = 3;
    return k && tc_sw_letter(s, n, i + k) ? k : 0;
}

/* The ASCII letters among the 16 bytes at p, one bit each (bit k: p[k]). */
static inline unsigned ascii_letters16(const char *p)
{
    tc_v16 v;
    memcpy(&v, p, 16);
    return tc_marked16((tc_v16)((tc_v16)((v | 0x20) - 'a') < 26));
}

/* The end of the run of ASCII letters from s[p] (before n), sixteen bytes a compare
 * while they last: words around numbers run several letters, and a byte loop pays a
 * mispredicted exit at every word. */
static inline size_t ascii_run(const char *s, size_t p, size_t n)
{
    while (p + 16 <= n) {
        unsigned other = ~ascii_letters16(s + p) & 0xFFFF;
        if (other) return p + (size_t)__builtin_ctz(other);
        p += 16;
    }
    while (p < n && tc_num_isalpha((unsigned char)s[p])) p++;
    return p;
}

/* The start of the run of ASCII letters ending just before s[p] (not below lo). */
static inline size_t ascii_run_back(const char *s, size_t p, size_t lo)
{
    while (p - lo >= 16) {
        unsigned other = ~ascii_letters16(s + p - 16) & 0xFFFF;   /* bit k: s[p - 16 + k] */
        if (other) return p - 16 + (32 - (size_t)__builtin_clz(other));
        p -= 16;
    }
    while (p > lo && tc_num_isalpha((unsigned char)s[p - 1])) p--;
    return p;
}

tc_wspan tc_sw_word_at(const char *s, size_t n, size_t i)
{
    tc_wspan w = { i, 0 };
    size_t p = i, k;
    if (tc_sw_letter_before(s, i)) return w;   /* not at a word start */
    while (p < n) {
        /* ASCII letters, most of every word, before the general step. */
        p = ascii_run(s, p, n);
        if (p >= n) break;
        /* Most words end at an ASCII byte that is no joiner: no letter or joiner follows. */
        if ((unsigned char)s[p] < 0x80 && s[p] != '-' && s[p] != '\'') break;
        if ((k = tc_sw_letter(s, n, p)) != 0) p += k;
        else if (p > i && (k = joiner(s, n, p)) != 0) p += k;
        else break;
    }
    w.len = p - i;
    return w;
}

tc_wspan tc_sw_word_before(const char *s, size_t i, size_t lo)
{
    tc_wspan w = { i, 0 };
    size_t p = i, k;
    while (p > lo) {
        /* ASCII letters first, as in tc_sw_word_at. */
        p = ascii_run_back(s, p, lo);
        if (p == lo) break;
        /* Most words start after an ASCII byte that is no joiner: the word ends here, and
         * the check below (a letter before p) cannot hold. */
        if ((unsigned char)s[p - 1] < 0x80 && s[p - 1] != '-' && s[p - 1] != '\'') break;
        if ((k = tc_sw_letter_before(s, p)) != 0 && p - k >= lo) p -= k;
        else if (p < i && p - lo >= 2 && (s[p - 1] == '-' || s[p - 1] == '\'') && tc_sw_letter_before(s, p - 1)) p -= 1;
        else break;
    }
    if (p < i && p > lo && tc_sw_letter_before(s, p)) p = i;   /* cut off by lo: no word */
    w.off = p; w.len = i - p;
    return w;
}

int tc_sw_is(const char *s, tc_wspan w, const char *lit)
{
    size_t j = 0;
    /* Most comparisons fail on the first byte: test it before the loop. */
    if (!w.len || ((unsigned char)s[w.off] | ((unsigned char)s[w.off] < 0x80 ? 0x20 : 0)) != (unsigned char)lit[0])
        return 0;
    for (; j < w.len && lit[j]; j++) {
        unsigned char c = (unsigned char)s[w.off + j];
        if (c >= 'A' && c <= 'Z') c = (unsigned char)(c | 0x20);
        if (c != (unsigned char)lit[j]) return 0;
    }
    return j == w.len && !lit[j];
}

size_t tc_sw_skip_space_run(const char *s, size_t n, size_t i, size_t max)
{
    size_t p = i, k;
    while (p < n && p - i < max && (k = tc_num_space_len(s, n, p)) != 0) p += k;
    return p;
}

size_t tc_sw_skip_space_back_run(const char *s, size_t i, size_t lo)
{
    size_t p = i;
    while (p > lo) {
        if (tc_num_isspace((unsigned char)s[p - 1])) p--;
        else if (p - lo >= 2 && (unsigned char)s[p - 2] == 0xC2 && (unsigned char)s[p - 1] == 0xA0) p -= 2;
        /* U+2000-200A and U+202F: PMC texts put hair and thin spaces around "=". */
        else if (p - lo >= 3 && (unsigned char)s[p - 3] == 0xE2 && tc_num_space_len(s, p, p - 3) == 3) p -= 3;
        else break;
    }
    return p;
}

static int is_upper_start(const char *s, size_t n, size_t i)
{
    int c = at(s, n, i);
    if (c >= 'A' && c <= 'Z') return 1;
    return c == 0xC3 && at(s, n, i + 1) >= 0x80 && at(s, n, i + 1) <= 0x9E;
}

int tc_sw_boundary_at(const char *s, size_t n, size_t j)
{
    unsigned char c = (unsigned char)s[j];
    if (c == '.' || c == '?' || c == '!') {
        if (j + 1 >= n) return 1;
        if (!tc_num_isspace((unsigned char)s[j + 1])) return 0;
        if (c == '.' && j >= 2 && s[j - 2] == '.') return 0;          /* "t.o.v. " */
        size_t q = tc_sw_skip_space(s, n, j + 1, 16);
        return c != '.' || q >= n || is_upper_start(s, n, q) || at(s, n, q) == 0xE2;
    }
    if (c == 0xE2) return at(s, n, j + 1) == 0x80 && at(s, n, j + 2) == 0xA2;   /* bullet */
    if (c == '\n') {
        size_t q = j + 1;
        while (q < n && (s[q] == ' ' || s[q] == '\t')) q++;
        return q + 1 < n && s[q] == 'o' && s[q + 1] == ' ';               /* "o " list item */
    }
    return 0;
}

int tc_sw_crosses_boundary(const char *s, size_t n, size_t a, size_t b)
{
    for (size_t j = a; j < b && j < n; j++)
        if ((tc_num_class[(unsigned char)s[j]] & TC_NC_BOUNDARY) && tc_sw_boundary_at(s, n, j)) return 1;
    return 0;
}

/* Every word with all its roles (lower case). */
static const struct { const char *w; unsigned char len; unsigned flags; } words[] = {
    { "a", 1, TC_SW_RANGE_WORD },
    { "adultes", 7, TC_SW_COUNT_NOUN },
    { "adults", 6, TC_SW_COUNT_NOUN },
    { "after", 5, TC_SW_TP_PREP },
    { "against", 7, TC_SW_COMPARISON },
    { "among", 5, TC_SW_SG_PREP },
    { "an", 2, TC_SW_TIME_UNIT },
    { "and", 3, TC_SW_CONJ | TC_SW_NOT_UNIT | TC_SW_COUNT_STOP | TC_SW_RANGE_WORD },
    { "année", 6, TC_SW_TIME_UNIT },
    { "années", 7, TC_SW_TIME_UNIT },
    { "ans", 3, TC_SW_TIME_UNIT },
    { "après", 6, TC_SW_TP_PREP },
    { "arm", 3, TC_SW_PER_WORD },
    { "at", 2, TC_SW_TP_PREP },
    { "avec", 4, TC_SW_NOT_UNIT },
    { "average", 7, TC_SW_MEAN_WORD },
    { "bedraagt", 8, TC_SW_FILLER },
    { "bedroeg", 7, TC_SW_FILLER },
    { "between", 7, TC_SW_INTERVAL_FILLER },
    { "bij", 3, TC_SW_SG_PREP | TC_SW_NOT_UNIT },
    { "binnen", 6, TC_SW_TP_PREP },
    { "bras", 4, TC_SW_PER_WORD },
    { "by", 2, TC_SW_TP_PREP },
    { "chances", 7, TC_SW_PHRASE_END },
    { "chez", 4, TC_SW_SG_PREP },
    { "children", 8, TC_SW_COUNT_NOUN | TC_SW_SG_GROUP },
    { "compared", 8, TC_SW_COMPARISON },
    { "comparison", 10, TC_SW_COMPARISON },
    { "contre", 6, TC_SW_COMPARISON },
    { "cotes", 5, TC_SW_PHRASE_END },
    { "dag", 3, TC_SW_TIME_UNIT | TC_SW_TP_LEAD },
    { "dagen", 5, TC_SW_TIME_UNIT },
    { "day", 3, TC_SW_TIME_UNIT | TC_SW_TP_LEAD },
    { "days", 4, TC_SW_TIME_UNIT },
    { "de", 2, TC_SW_FILLER | TC_SW_SG_ARTICLE | TC_SW_COUNT_STOP | TC_SW_INTERVAL_FILLER },
    { "deelneemsters", 13, TC_SW_COUNT_NOUN },
    { "deelnemers", 10, TC_SW_COUNT_NOUN },
    { "des", 3, TC_SW_SG_ARTICLE | TC_SW_COUNT_STOP },
    { "difference", 10, TC_SW_PHRASE_END },
    { "différence", 11, TC_SW_PHRASE_END },
    { "ds", 2, TC_SW_SD_WORD },
    { "een", 3, TC_SW_FILLER },
    { "en", 2, TC_SW_CONJ | TC_SW_NOT_UNIT | TC_SW_COUNT_STOP | TC_SW_RANGE_WORD },
    { "enfants", 7, TC_SW_COUNT_NOUN | TC_SW_SG_GROUP },
    { "entre", 5, TC_SW_INTERVAL_FILLER },
    { "est", 3, TC_SW_FILLER },
    { "et", 2, TC_SW_CONJ | TC_SW_NOT_UNIT | TC_SW_COUNT_STOP | TC_SW_RANGE_WORD | TC_SW_SD_WORD },
    { "females", 7, TC_SW_SG_GROUP },
    { "femmes", 6, TC_SW_COUNT_NOUN | TC_SW_SG_GROUP },
    { "for", 3, TC_SW_SG_PREP },
    { "from", 4, TC_SW_INTERVAL_FILLER },
    { "gemiddeld", 9, TC_SW_MEAN_WORD },
    { "gemiddelde", 10, TC_SW_MEAN_WORD },
    { "gemiddelden", 11, TC_SW_MEAN_WORD | TC_SW_PHRASE_END },
    { "groep", 5, TC_SW_PER_WORD },
    { "group", 5, TC_SW_PER_WORD },
    { "groupe", 6, TC_SW_PER_WORD },
    { "hazard-ratio", 12, TC_SW_PHRASE_END },
    { "hazardratio", 11, TC_SW_PHRASE_END },
    { "het", 3, TC_SW_SG_ARTICLE | TC_SW_COUNT_STOP },
    { "heure", 5, TC_SW_TIME_UNIT },
    { "heures", 6, TC_SW_TIME_UNIT },
    { "hommes", 6, TC_SW_COUNT_NOUN | TC_SW_SG_GROUP },
    { "hour", 4, TC_SW_TIME_UNIT },
    { "hours", 5, TC_SW_TIME_UNIT },
    { "in", 2, TC_SW_TP_PREP | TC_SW_SG_PREP | TC_SW_NOT_UNIT | TC_SW_COUNT_STOP },
    { "individuals", 11, TC_SW_COUNT_NOUN },
    { "instantanés", 12, TC_SW_PHRASE_END },
    { "is", 2, TC_SW_FILLER | TC_SW_INTERVAL_FILLER },
    { "jaar", 4, TC_SW_TIME_UNIT },
    { "jaren", 5, TC_SW_TIME_UNIT },
    { "jongeren", 8, TC_SW_SG_GROUP },
    { "jour", 4, TC_SW_TIME_UNIT | TC_SW_TP_LEAD },
    { "jours", 5, TC_SW_TIME_UNIT },
    { "kinderen", 8, TC_SW_COUNT_NOUN | TC_SW_SG_GROUP },
    { "les", 3, TC_SW_SG_ARTICLE | TC_SW_COUNT_STOP },
    { "maand", 5, TC_SW_TIME_UNIT | TC_SW_TP_LEAD },
    { "maanden", 7, TC_SW_TIME_UNIT },
    { "males", 5, TC_SW_SG_GROUP },
    { "mannen", 6, TC_SW_COUNT_NOUN | TC_SW_SG_GROUP },
    { "mean", 4, TC_SW_MEAN_WORD },
    { "means", 5, TC_SW_PHRASE_END },
    { "median", 6, TC_SW_PHRASE_END },
    { "mediaan", 7, TC_SW_PHRASE_END },
    { "mediane", 7, TC_SW_PHRASE_END },
    { "men", 3, TC_SW_COUNT_NOUN | TC_SW_SG_GROUP },
    { "met", 3, TC_SW_FILLER | TC_SW_NOT_UNIT },
    { "minuten", 7, TC_SW_TIME_UNIT },
    { "minutes", 7, TC_SW_TIME_UNIT },
    { "mnd", 3, TC_SW_TIME_UNIT },
    { "mois", 4, TC_SW_TIME_UNIT },
    { "month", 5, TC_SW_TIME_UNIT | TC_SW_TP_LEAD },
    { "months", 6, TC_SW_TIME_UNIT },
    { "moyen", 5, TC_SW_MEAN_WORD },
    { "moyenne", 7, TC_SW_MEAN_WORD | TC_SW_PHRASE_END },
    { "moyennes", 8, TC_SW_PHRASE_END },
    { "na", 2, TC_SW_TP_PREP },
    { "naar", 4, TC_SW_NOT_UNIT },
    { "odds-ratio", 10, TC_SW_PHRASE_END },
    { "oddsratio", 9, TC_SW_PHRASE_END },
    { "of", 2, TC_SW_FILLER | TC_SW_CONJ | TC_SW_NOT_UNIT | TC_SW_COUNT_STOP | TC_SW_INTERVAL_FILLER },
    { "onder", 5, TC_SW_SG_PREP },
    { "op", 2, TC_SW_TP_PREP | TC_SW_COUNT_STOP },
    { "or", 2, TC_SW_CONJ | TC_SW_NOT_UNIT },
    { "ou", 2, TC_SW_CONJ | TC_SW_NOT_UNIT },
    { "ouderen", 7, TC_SW_SG_GROUP },
    { "over", 4, TC_SW_TP_PREP },
    { "p", 1, TC_SW_NOT_UNIT },
    { "parmi", 5, TC_SW_SG_PREP },
    { "participanten", 13, TC_SW_COUNT_NOUN },
    { "participantes", 13, TC_SW_COUNT_NOUN },
    { "participants", 12, TC_SW_COUNT_NOUN },
    { "patienten", 9, TC_SW_COUNT_NOUN },
    { "patientes", 9, TC_SW_COUNT_NOUN },
    { "patients", 8, TC_SW_COUNT_NOUN },
    { "patiënten", 10, TC_SW_COUNT_NOUN },
    { "patiënts", 9, TC_SW_COUNT_NOUN },
    { "people", 6, TC_SW_COUNT_NOUN },
    { "per", 3, TC_SW_COUNT_STOP },
    { "personen", 8, TC_SW_COUNT_NOUN },
    { "personnes", 9, TC_SW_COUNT_NOUN },
    { "persons", 7, TC_SW_COUNT_NOUN },
    { "pour", 4, TC_SW_SG_PREP },
    { "proefpersonen", 13, TC_SW_COUNT_NOUN },
    { "range", 5, TC_SW_INTERVAL_FILLER },
    { "ranging", 7, TC_SW_INTERVAL_FILLER },
    { "ratio", 5, TC_SW_PHRASE_END },
    { "ratios", 6, TC_SW_PHRASE_END },
    { "relatif", 7, TC_SW_PHRASE_END },
    { "respondenten", 12, TC_SW_COUNT_NOUN },
    { "risico", 6, TC_SW_PHRASE_END },
    { "risicoratio", 11, TC_SW_PHRASE_END },
    { "risicoverschil", 14, TC_SW_PHRASE_END },
    { "risk", 4, TC_SW_PHRASE_END },
    { "risque", 6, TC_SW_PHRASE_END },
    { "risques", 7, TC_SW_PHRASE_END },
    { "sd", 2, TC_SW_SD_WORD },
    { "semaine", 7, TC_SW_TIME_UNIT | TC_SW_TP_LEAD },
    { "semaines", 8, TC_SW_TIME_UNIT },
    { "standaardafwijking", 18, TC_SW_SD_WORD },
    { "standaarddeviatie", 17, TC_SW_SD_WORD },
    { "standardisée", 13, TC_SW_PHRASE_END },
    { "studiearm", 9, TC_SW_PER_WORD },
    { "subjects", 8, TC_SW_COUNT_NOUN },
    { "sujets", 6, TC_SW_COUNT_NOUN },
    { "tegenover", 9, TC_SW_NOT_UNIT | TC_SW_COMPARISON },
    { "treat", 5, TC_SW_PHRASE_END },
    { "harm", 4, TC_SW_PHRASE_END },
    { "the", 3, TC_SW_SG_ARTICLE | TC_SW_COUNT_STOP },
    { "to", 2, TC_SW_NOT_UNIT | TC_SW_RANGE_WORD },
    { "tot", 3, TC_SW_TP_PREP | TC_SW_NOT_UNIT | TC_SW_RANGE_WORD },
    { "tussen", 6, TC_SW_INTERVAL_FILLER },
    { "until", 5, TC_SW_RANGE_WORD },
    { "uren", 4, TC_SW_TIME_UNIT },
    { "uur", 3, TC_SW_TIME_UNIT },
    { "van", 3, TC_SW_FILLER | TC_SW_NOT_UNIT | TC_SW_COUNT_STOP | TC_SW_INTERVAL_FILLER },
    { "vergeleken", 10, TC_SW_COMPARISON },
    { "verschil", 8, TC_SW_PHRASE_END },
    { "versus", 6, TC_SW_NOT_UNIT | TC_SW_COMPARISON },
    { "volunteers", 10, TC_SW_COUNT_NOUN },
    { "volwassenen", 11, TC_SW_COUNT_NOUN },
    { "voor", 4, TC_SW_SG_PREP },
    { "vrouwen", 7, TC_SW_COUNT_NOUN | TC_SW_SG_GROUP },
    { "vs", 2, TC_SW_NOT_UNIT | TC_SW_COMPARISON },
    { "was", 3, TC_SW_FILLER | TC_SW_INTERVAL_FILLER },
    { "week", 4, TC_SW_TIME_UNIT | TC_SW_TP_LEAD },
    { "weeks", 5, TC_SW_TIME_UNIT },
    { "weken", 5, TC_SW_TIME_UNIT },
    { "werd", 4, TC_SW_FILLER },
    { "were", 4, TC_SW_FILLER },
    { "with", 4, TC_SW_NOT_UNIT },
    { "within", 6, TC_SW_TP_PREP },
    { "wk", 2, TC_SW_TIME_UNIT },
    { "wks", 3, TC_SW_TIME_UNIT },
    { "women", 5, TC_SW_COUNT_NOUN | TC_SW_SG_GROUP },
    { "year", 4, TC_SW_TIME_UNIT },
    { "years", 5, TC_SW_TIME_UNIT },
    { "à", 2, TC_SW_TP_PREP | TC_SW_NOT_UNIT | TC_SW_COUNT_STOP | TC_SW_RANGE_WORD },
    { "écart-type", 11, TC_SW_SD_WORD },
    { "médiane", 8, TC_SW_PHRASE_END },
    { "était", 6, TC_SW_FILLER },
};

#define NWORDS (sizeof words / sizeof *words)

/* Open-addressing hash of the table above (length, first two and last bytes, lower
 * case; linear probing; a quarter full so that misses stop at once), generated with it; 0 = empty, else index + 1.
 * tc_sw_table_ok checks that every word is found. */
#define NSLOTS 2048
static const unsigned char slots[NSLOTS] = {
    0, 0, 0, 0, 0, 0, 0, 18, 37, 0, 0, 0, 74, 0, 0, 0, 0, 0, 0, 0, 0, 0, 103, 0, 95, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 105, 0, 0, 0, 0, 0, 0, 0, 178, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 102, 0, 0, 0, 0, 0, 0, 0, 80, 0, 0, 0, 0, 41, 115, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 52, 0, 0, 0, 179, 0, 0, 0, 0, 0, 0, 0, 88, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 161, 0, 158, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 120, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 34, 134, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 67, 152, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 48, 0, 0, 0, 0, 0,
    22, 0, 0, 0, 0, 0, 0, 36, 0, 0, 0, 108, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 44, 174, 0, 0, 0, 0, 0, 165,
    40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 62, 0, 1, 132, 0, 0, 0, 0, 0, 155, 0, 122, 0, 0, 0,
    0, 0, 17, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 57, 0, 0,
    0, 0, 0, 0, 0, 145, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 110, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 119, 0, 0, 0, 0, 0, 116, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 164, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 94, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 29, 0, 0, 130, 153, 0, 0, 0, 0, 0, 0, 0, 0, 0, 32, 0, 0, 0, 175, 0, 98, 0, 7, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100, 0, 0, 0, 0, 0, 0, 162, 0, 0, 0, 0, 0, 0, 0, 0, 151, 0, 0,
    70, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 176, 0, 0, 104, 0, 0, 0, 0, 9, 23, 180, 0, 0, 0,
    0, 0, 0, 0, 31, 0, 11, 0, 0, 0, 0, 0, 77, 0, 0, 157, 0, 0, 0, 25, 0, 0, 0, 0, 0, 0, 0, 0, 129, 0, 6, 0,
    0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 13, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 45, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 66, 0, 0, 0, 0, 126, 123, 0, 0, 0, 148, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 51, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 96, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 92, 111, 0, 0, 0, 107, 0, 0, 0, 0, 0,
    136, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 173, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 83, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 72, 128, 0, 0, 0, 0, 0, 0, 0, 0, 171, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 137, 0,
    0, 0, 0, 0, 91, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 53, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 150, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 27, 0, 0, 86, 0, 0, 0, 0, 0, 0, 0, 101, 0, 0, 0, 0, 0, 0, 47, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 89, 0, 0, 0, 0, 0, 0, 0, 169, 0, 65, 68, 0, 0, 0, 0, 0, 131, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 85, 0, 43, 0, 0, 0, 0, 0, 59, 15, 0, 0, 0, 0, 0, 24, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 78, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 30, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 146, 0, 0, 0, 0, 0, 0, 0, 50,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 170, 0, 0, 0, 154, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 139, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 46, 0, 0, 0, 0,
    0, 0, 163, 0, 93, 0, 181, 0, 0, 0, 0, 0, 0, 0, 0, 124, 0, 0, 0, 0, 0, 0, 0, 0, 0, 166, 49, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 81, 38, 71, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 63, 125, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 121, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 21, 0, 0, 0, 140, 0, 0, 0, 0, 79, 0, 0, 0, 73, 0, 0, 0, 0, 0, 8, 0, 0, 0, 0,
    28, 0, 0, 0, 133, 0, 0, 0, 0, 0, 0, 0, 109, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 167, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    118, 0, 0, 0, 0, 0, 0, 16, 0, 0, 0, 0, 0, 26, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 156, 0, 0, 0, 0, 113, 0, 160, 0, 0, 0, 159, 0, 0, 0, 0, 0, 0, 0, 0, 142, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 168, 0, 0, 0, 97, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 0, 0, 0, 0, 141, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 99, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 82, 0, 90, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 19, 0, 114, 117, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 138, 0, 0, 55, 56, 147, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 143, 149, 0, 0, 0, 0, 33, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 87, 0, 42, 75, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 76, 0, 0, 0, 0, 0, 0, 0, 0, 64, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 3, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 144, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 60, 0,
    0, 69, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 58, 61, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 84, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 106, 0, 0, 0, 0, 0, 0, 0, 0, 0, 177, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 135, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 172, 0, 112, 0, 0, 0, 5, 0, 35, 0, 0, 0, 0,
    39, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* By lower-case first byte, the lengths of the words above (bit k: a word of k bytes):
 * most words around a number share no first byte and length with a listed word and are
 * turned down before hashing.  Generated with the table; tc_sw_table_ok checks it. */
static const uint32_t first_len[256] = {
    ['a'] = 0xFE, ['b'] = 0x1DC, ['c'] = 0x5F0, ['d'] = 0x2C3C, ['e'] = 0xAC, ['f'] = 0xD8,
    ['g'] = 0xE60, ['h'] = 0x1878, ['i'] = 0x1804, ['j'] = 0x130, ['k'] = 0x100, ['l'] = 0x8,
    ['m'] = 0x1F8, ['n'] = 0x14, ['o'] = 0x6B4, ['p'] = 0x37FA, ['r'] = 0x58F0, ['s'] = 0x623C4,
    ['t'] = 0x26C, ['u'] = 0x38, ['v'] = 0xDDC, ['w'] = 0x7C, ['y'] = 0x30, [0xC3] = 0x844,
};

/* The roles of the words above by lower-case first byte, and by length: a word can
 * have a role only if both tables allow it, which turns down most words around a number
 * before hashing when the caller asks for one or two roles (tc_sw_role).  Generated
 * with the table; tc_sw_table_ok checks them. */
const uint32_t tc_sw_first_roles[256] = {
    ['a'] = 0x0BE5E, ['b'] = 0x06451, ['c'] = 0x20944, ['d'] = 0x350A7, ['e'] = 0x1D705,
    ['f'] = 0x04144, ['g'] = 0x22008, ['h'] = 0x21186, ['i'] = 0x25455, ['j'] = 0x00122,
    ['k'] = 0x00104, ['l'] = 0x01080, ['m'] = 0x2052F, ['n'] = 0x00410, ['o'] = 0x25751,
    ['p'] = 0x01444, ['r'] = 0x24004, ['s'] = 0x32026, ['t'] = 0x2DC90, ['u'] = 0x08002,
    ['v'] = 0x25D45, ['w'] = 0x04537, ['y'] = 0x00002, [0xC3] = 0x19411,
};
const uint32_t tc_sw_len_roles[TC_SW_MAX_WORD + 1] = {
    [1] = 0x08400, [2] = 0x1DED3, [3] = 0x0F7F7, [4] = 0x2647B, [5] = 0x2E17E, [6] = 0x26D17,
    [7] = 0x2492F, [8] = 0x20907, [9] = 0x22C0C, [10] = 0x2080C, [11] = 0x3000C, [12] = 0x20004,
    [13] = 0x20004, [14] = 0x20000, [17] = 0x10000, [18] = 0x10000,
};

/* The roles of the words above by last byte (lower case): a word ending in a byte
 * without a role asked for needs no reading (tc_sw_last_may).  Generated with the
 * table; tc_sw_table_ok checks it. */
const uint32_t tc_sw_last_roles[256] = {
    ['a'] = 0x08010, ['c'] = 0x00400, ['d'] = 0x19E2B, ['e'] = 0x378AF, ['f'] = 0x25601,
    ['g'] = 0x14063, ['h'] = 0x00422, ['i'] = 0x00040, ['j'] = 0x00440, ['k'] = 0x20022,
    ['l'] = 0x28000, ['m'] = 0x26000, ['n'] = 0x2DF5F, ['o'] = 0x28400, ['p'] = 0x03410,
    ['r'] = 0x01E72, ['s'] = 0x37D97, ['t'] = 0x39E91, ['u'] = 0x00600, ['y'] = 0x00032,
    ['z'] = 0x00040, [0xA0] = 0x09410,
};

/* ASCII lower case; other bytes unchanged.  A table: the hash reads four bytes a word. */
static const unsigned char lower_tab[256] = {
#define R4(c) c, c + 1, c + 2, c + 3
#define R16(c) R4(c), R4(c + 4), R4(c + 8), R4(c + 12)
    R16(0x00), R16(0x10), R16(0x20), R16(0x30),
    0x40, R4(0x61), R4(0x65), R4(0x69), R4(0x6D), R4(0x71), R4(0x75), 0x79, 0x7A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F,
    R16(0x60), R16(0x70), R16(0x80), R16(0x90), R16(0xA0), R16(0xB0), R16(0xC0), R16(0xD0), R16(0xE0), R16(0xF0),
#undef R16
#undef R4
};
static unsigned lower(unsigned char c) { return lower_tab[c]; }

unsigned tc_sw_flags(const char *s, tc_wspan w)
{
    if (!w.len || w.len > TC_SW_MAX_WORD) return 0;
    const unsigned char *p = (const unsigned char *)s + w.off;
    if (!(first_len[lower(p[0])] >> w.len & 1)) return 0;
    uint32_t x = ((uint32_t)w.len * 0x9E3779B1u) ^ (lower(p[0]) * 0x85EBCA6Bu) ^ (lower(p[w.len > 1]) * 0xC2B2AE35u)
               ^ (lower(p[w.len - 1]) * 0x27D4EB2Fu);
    uint32_t h = (x ^ (x >> 15)) & (NSLOTS - 1);
    for (;; h = (h + 1) & (NSLOTS - 1)) {
        unsigned k = slots[h];
        if (!k) return 0;
        if (words[k - 1].len != w.len) continue;
        size_t j = 0;
        while (j < w.len && (unsigned char)words[k - 1].w[j] == lower(p[j])) j++;
        if (j == w.len) return words[k - 1].flags;
    }
}

/* tc_sw_role(s, w, TC_SW_FILLER | TC_SW_PHRASE_END) for a word of at most three bytes,
 * without the hash lookup: no phrase ends in so short a word, and the short fillers
 * ("de", "van", "of", ...) are the most frequent words before a number.  tc_sw_table_ok
 * checks the list against the table. */
static const char short_fillers[][4] = { "de", "is", "of", "een", "est", "met", "van", "was" };
static unsigned short_filler(const char *s, tc_wspan w)
{
    if (w.len < 2 || w.len > 3) return 0;
    /* Only 'A'-'Z' and 'a'-'z' give a lower-case letter when 0x20 is set. */
    uint32_t key = (uint32_t)(unsigned char)(s[w.off] | 0x20) | (uint32_t)(unsigned char)(s[w.off + 1] | 0x20) << 8;
    if (w.len == 3) key |= (uint32_t)(unsigned char)(s[w.off + 2] | 0x20) << 16;
#define K(a, b, c) ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16)
    switch (key) {   /* short_fillers[] */
    case K('d', 'e', 0): case K('i', 's', 0): case K('o', 'f', 0): case K('e', 'e', 'n'):
    case K('e', 's', 't'): case K('m', 'e', 't'): case K('v', 'a', 'n'): case K('w', 'a', 's'):
        return TC_SW_FILLER;
    default:
        return 0;
    }
#undef K
}

int tc_sw_table_ok(void)
{
    uint32_t first[256] = { 0 }, len[TC_SW_MAX_WORD + 1] = { 0 }, last[256] = { 0 };
    for (size_t i = 0; i < NWORDS; i++) {
        tc_wspan w = { 0, words[i].len };
        if (strlen(words[i].w) != words[i].len || tc_sw_flags(words[i].w, w) != words[i].flags) return 0;
        for (size_t j = 0; j < i; j++)
            if (words[j].len == words[i].len && !memcmp(words[j].w, words[i].w, words[i].len)) return 0;
        first[(unsigned char)words[i].w[0]] |= words[i].flags;
        len[words[i].len] |= words[i].flags;
        last[(unsigned char)words[i].w[words[i].len - 1]] |= words[i].flags;
        if (words[i].len <= 3 && short_filler(words[i].w, w) != (words[i].flags & (TC_SW_FILLER | TC_SW_PHRASE_END)))
            return 0;
    }
    for (size_t k = 0; k < sizeof short_fillers / sizeof *short_fillers; k++) {
        tc_wspan w = { 0, strlen(short_fillers[k]) };
        if (!(tc_sw_flags(short_fillers[k], w) & TC_SW_FILLER) || short_filler(short_fillers[k], w) != TC_SW_FILLER)
            return 0;
    }
    for (int c = 0; c < 256; c++) {
        if (lower((unsigned char)c) != (c >= 'A' && c <= 'Z' ? (unsigned)c + 32 : (unsigned)c)) return 0;
        if (first[c] != tc_sw_first_roles[c] || last[c] != tc_sw_last_roles[c]) return 0;
    }
    for (int k = 0; k <= TC_SW_MAX_WORD; k++) if (len[k] != tc_sw_len_roles[k]) return 0;
    return 1;
}

/* Fillers (TC_SW_FILLER) may stand between a measure and its number: "HR van 0,53",
 * "odds ratio of 4.56", "risque relatif de 0,8", "OR was 2.1". */

typedef struct phrase { const char *w[4]; int nw, measure; } phrase;

/* Spelled-out measures, words in reading order, compared case-insensitively. */
static const phrase phrases[] = {
    { { "hazard", "ratio" }, 2, TC_MEASURE_HR }, { { "hazardratio" }, 1, TC_MEASURE_HR },
    { { "hazard-ratio" }, 1, TC_MEASURE_HR },
    { { "rapport", "des", "risques", "instantanés" }, 4, TC_MEASURE_HR },
    { { "rapport", "de", "risques" }, 3, TC_MEASURE_HR },
    { { "odds", "ratio" }, 2, TC_MEASURE_OR }, { { "oddsratio" }, 1, TC_MEASURE_OR },
    { { "odds-ratio" }, 1, TC_MEASURE_OR }, { { "rapport", "de", "cotes" }, 3, TC_MEASURE_OR },
    { { "rapport", "des", "cotes" }, 3, TC_MEASURE_OR }, { { "rapport", "des", "chances" }, 3, TC_MEASURE_OR },
    { { "relative", "risk" }, 2, TC_MEASURE_RR }, { { "risk", "ratio" }, 2, TC_MEASURE_RR },
    { { "relatief", "risico" }, 2, TC_MEASURE_RR }, { { "relatieve", "risico" }, 2, TC_MEASURE_RR },
    { { "risque", "relatif" }, 2, TC_MEASURE_RR }, { { "risicoratio" }, 1, TC_MEASURE_RR },
    { { "risk", "difference" }, 2, TC_MEASURE_RD }, { { "risicoverschil" }, 1, TC_MEASURE_RD },
    { { "différence", "de", "risque" }, 3, TC_MEASURE_RD },
    { { "différence", "des", "risques" }, 3, TC_MEASURE_RD },
    { { "mean", "difference" }, 2, TC_MEASURE_MD }, { { "gemiddeld", "verschil" }, 2, TC_MEASURE_MD },
    { { "gemiddelde", "verschil" }, 2, TC_MEASURE_MD }, { { "différence", "moyenne" }, 2, TC_MEASURE_MD },
    { { "verschil" }, 1, TC_MEASURE_MD }, { { "difference" }, 1, TC_MEASURE_MD },
    { { "différence" }, 1, TC_MEASURE_MD },
    { { "standardized", "mean", "difference" }, 3, TC_MEASURE_SMD },
    { { "standardised", "mean", "difference" }, 3, TC_MEASURE_SMD },
    { { "gestandaardiseerd", "gemiddeld", "verschil" }, 3, TC_MEASURE_SMD },
    { { "gestandaardiseerde", "gemiddelde", "verschil" }, 3, TC_MEASURE_SMD },
    { { "différence", "moyenne", "standardisée" }, 3, TC_MEASURE_SMD },
    { { "incidence", "rate", "ratio" }, 3, TC_MEASURE_IRR }, { { "rate", "ratio" }, 2, TC_MEASURE_IRR },
    { { "ratio", "of", "means" }, 3, TC_MEASURE_ROM }, { { "ratio", "van", "gemiddelden" }, 3, TC_MEASURE_ROM },
    { { "rapport", "des", "moyennes" }, 3, TC_MEASURE_ROM },
    /* Plurals name the estimates of a list: "hazard ratios ... were 1.30 (...) and 1.09 (...)". */
    { { "hazard", "ratios" }, 2, TC_MEASURE_HR }, { { "odds", "ratios" }, 2, TC_MEASURE_OR },
    { { "risk", "ratios" }, 2, TC_MEASURE_RR }, { { "rate", "ratios" }, 2, TC_MEASURE_IRR },
    { { "median" }, 1, TC_MEASURE_MEDIAN }, { { "mediaan" }, 1, TC_MEASURE_MEDIAN },
    { { "mediane" }, 1, TC_MEASURE_MEDIAN }, { { "médiane" }, 1, TC_MEASURE_MEDIAN },
    { { "number", "needed", "to", "treat" }, 4, TC_MEASURE_NNT },
    { { "number", "needed", "to", "harm" }, 4, TC_MEASURE_NNH },
};

/* Abbreviations, compared exactly (upper case matters: "OR" is not "or"). */
static int abbrev_measure(const char *s, tc_wspan w)
{
    static const struct { const char *a; int m; } ab[] = {
        { "HR", TC_MEASURE_HR }, { "aHR", TC_MEASURE_HR }, { "OR", TC_MEASURE_OR },
        { "aOR", TC_MEASURE_OR }, { "RR", TC_MEASURE_RR }, { "aRR", TC_MEASURE_RR },
        { "RD", TC_MEASURE_RD }, { "MD", TC_MEASURE_MD }, { "SMD", TC_MEASURE_SMD },
        { "IRR", TC_MEASURE_IRR }, { "RoM", TC_MEASURE_ROM }, { "ROM", TC_MEASURE_ROM },
        { "AOR", TC_MEASURE_OR }, { "AHR", TC_MEASURE_HR }, { "NNT", TC_MEASURE_NNT },
        { "NNH", TC_MEASURE_NNH }, { "NST", TC_MEASURE_NNT },
    };
    if (w.len < 2 || w.len > 3) return TC_MEASURE_NONE;
    /* All of them end in an upper-case R, D, M, T or H: the short words of running
     * text ("de", "van", "the") end in lower case. */
    char last = s[w.off + w.len - 1];
    if (last != 'R' && last != 'D' && last != 'M' && last != 'T' && last != 'H') return TC_MEASURE_NONE;
    for (size_t k = 0; k < sizeof ab / sizeof *ab; k++)
        if (ab[k].a[0] == s[w.off] && (w.len == 2 || ab[k].a[2]) && ab[k].a[w.len] == '\0'
            && !memcmp(s + w.off, ab[k].a, w.len))
            return ab[k].m;
    return TC_MEASURE_NONE;
}

#define BACK_WORDS 7

/* Byte classes for reading words backward from a number in one tight loop: letters
 * (ASCII, Latin lead bytes C3-C9 and continuation bytes), white space, the punctuation
 * that may stand between a measure and its number, inner joiners; 0 stops. */
enum { B_STOP = 0, B_LETTER = 1, B_JOIN = 2, B_SPACE = 4, B_PUNCT = 6 };   /* B_GAP: space or punctuation */
#define B_GAP 4
static const unsigned char bclass[256] = {
    ['\t'] = B_SPACE, ['\n'] = B_SPACE, ['\r'] = B_SPACE, [' '] = B_SPACE,
    [','] = B_PUNCT, [':'] = B_PUNCT, ['='] = B_PUNCT, ['('] = B_PUNCT, [')'] = B_PUNCT,
    ['['] = B_PUNCT, [']'] = B_PUNCT, ['-'] = B_JOIN, ['\''] = B_JOIN,
#define L4(c) [c] = B_LETTER, [c + 1] = B_LETTER, [c + 2] = B_LETTER, [c + 3] = B_LETTER
    L4('A'), L4('E'), L4('I'), L4('M'), L4('Q'), L4('U'), ['Y'] = B_LETTER, ['Z'] = B_LETTER,
    L4('a'), L4('e'), L4('i'), L4('m'), L4('q'), L4('u'), ['y'] = B_LETTER, ['z'] = B_LETTER,
    L4(0x80), L4(0x84), L4(0x88), L4(0x8C), L4(0x90), L4(0x94), L4(0x98), L4(0x9C),
    L4(0xA0), L4(0xA4), L4(0xA8), L4(0xAC), L4(0xB0), L4(0xB4), L4(0xB8), L4(0xBC),
    L4(0xC3), [0xC7] = B_LETTER, [0xC8] = B_LETTER, [0xC9] = B_LETTER,
#undef L4
};

/* The words before a number, nearest first, read one at a time as the matcher needs
 * them: most numbers are settled within the first three words, of the seven it may
 * look at. */
typedef struct back_words {
    const unsigned char *u;
    size_t p, lo;             /* reading position (moving back) and window start */
    int nw, done;
    tc_wspan ws[BACK_WORDS];
    int joined[BACK_WORDS];   /* only a little white space after word i: a phrase may go on */
} back_words;

/* Reads words until there are want of them or no more; returns how many there are. */
/* The start of the run of B_LETTER bytes ending just before u[p] (u[p - 1] is one), not
 * below lo: sixteen bytes a compare while the window allows, which also spares the
 * mispredicted exit of a byte loop at every word. */
static inline size_t letters_back(const unsigned char *u, size_t p, size_t lo)
{
#if defined(__SSE2__)
    while (p - lo >= 16) {
        tc_v16 v;
        memcpy(&v, u + p - 16, 16);
        tc_v16 l = (tc_v16)((tc_v16)((v | 0x20) - 'a') < 26) | (tc_v16)((v & 0xC0) == 0x80)
                 | (tc_v16)((tc_v16)(v - 0xC3) < 7);
        unsigned other = ~(unsigned)_mm_movemask_epi8((__m128i)l) & 0xFFFF;   /* bit k: u[p - 16 + k] */
        if (other) return p - 16 + (32 - (size_t)__builtin_clz(other));
        p -= 16;
    }
#endif
    while (p > lo && bclass[u[p - 1]] == B_LETTER) p--;   /* (u[p - 1] may be no letter after 16) */
    return p;
}

static int read_back(back_words *b, int want)
{
    const unsigned char *u = b->u;
    size_t p = b->p, lo = b->lo;
    int nw = b->nw;
    if (want > BACK_WORDS) want = BACK_WORDS;
    if (b->done || nw >= want) return nw;
    for (;;) {   /* state in locals, written back once */
        size_t gap_end = p;
        unsigned gap = 0, c = B_STOP;
        while (p > lo && ((c = bclass[u[p - 1]]) & B_GAP)) { gap |= c; p--; }
        if (p <= lo || c != B_LETTER) { b->done = 1; break; }
        size_t wend = p;
        /* Letters in a tight loop (u[p - 1] is one); an inner joiner (one between two
         * letters) goes on. */
        for (;;) {
            p = letters_back(u, p, lo);
            if (p > lo + 1 && bclass[u[p - 1]] == B_JOIN && bclass[u[p - 2]] == B_LETTER) p--;
            else break;
        }
        if (p == lo && lo > 0 && bclass[u[lo - 1]] == B_LETTER) { b->done = 1; break; }   /* cut by the window */
        b->ws[nw].off = p;
        b->ws[nw].len = wend - p;
        b->joined[nw] = (gap & B_PUNCT) != B_PUNCT && gap_end - wend <= 4;
        if (++nw == BACK_WORDS) { b->done = 1; break; }
        if (nw >= want) break;
    }
    b->p = p;
    b->nw = nw;
    return nw;
}

int tc_sw_measure_before(const char *s, size_t start, size_t lo, size_t *from, int *near)
{
    return tc_sw_measure_near(s, start, lo, from, near, 2);
}

int tc_sw_measure_near(const char *s, size_t start, size_t lo, size_t *from, int *near, int max_skipped)
{
    back_words b;
    b.u = (const unsigned char *)s;
    b.p = start;
    b.lo = start - lo > 48 ? start - 48 : lo;
    b.nw = b.done = 0;
    const tc_wspan *ws = b.ws;
    int skipped = 0;
    for (int i = 0; i < read_back(&b, i + 1); i++) {
        int m = abbrev_measure(s, ws[i]);
        if (m) { *from = ws[i].off; *near = !skipped; return m; }
        unsigned fl = ws[i].len <= 3 ? short_filler(s, ws[i]) : tc_sw_role(s, ws[i], TC_SW_FILLER | TC_SW_PHRASE_END);
        int best = TC_MEASURE_NONE, bestk = 0;
        /* A phrase ending here has at most four words: read the ones before it. */
        int nw = fl & TC_SW_PHRASE_END ? read_back(&b, i + 4) : 0;
        for (size_t k = 0; (fl & TC_SW_PHRASE_END) && k < sizeof phrases / sizeof *phrases; k++) {
            const phrase *ph = &phrases[k];
            if (i + ph->nw > nw || ph->nw <= bestk) continue;
            /* A bare "verschil" / "difference" names the number only right before it. */
            if (skipped && ph->nw == 1 && ph->measure == TC_MEASURE_MD) continue;
            int ok = 1;
            /* Last word first: it rules out almost every phrase at once. */
            for (int j = ph->nw - 1; j >= 0 && ok; j--) {
                int at_word = i + ph->nw - 1 - j;
                ok = (at_word == i || b.joined[at_word]) && tc_sw_is(s, ws[at_word], ph->w[j]);
            }
            if (ok) { best = ph->measure; bestk = ph->nw; }
        }
        if (best) { *from = ws[i + bestk - 1].off; *near = !skipped; return best; }
        /* "hazard ratio for death was 0.72": up to two other words in between. */
        if (!(fl & TC_SW_FILLER) && ++skipped > max_skipped) return TC_MEASURE_NONE;
    }
    return TC_MEASURE_NONE;
}

/* "BI", "CI", "IC", "KI", "CrI", "BHI", exactly. */
static int ci_abbrev(const char *s, tc_wspan w)
{
    const char *p = s + w.off;
    if (w.len == 2)
        return (p[1] == 'I' && (p[0] == 'B' || p[0] == 'C' || p[0] == 'K')) || (p[0] == 'I' && p[1] == 'C');
    if (w.len == 3) return p[2] == 'I' && ((p[0] == 'C' && p[1] == 'r') || (p[0] == 'B' && p[1] == 'H'));
    return 0;
}

/* "(CI)" or "[CI]" at s[i]: its end, else i. */
static size_t bracketed_ci(const char *s, size_t n, size_t i)
{
    int c = at(s, n, i);
    if (c != '(' && c != '[') return i;
    tc_wspan w = tc_sw_word_at(s, n, i + 1);
    if (!w.len || !ci_abbrev(s, w)) return i;
    c = at(s, n, w.off + w.len);
    return c == ')' || c == ']' ? w.off + w.len + 1 : i;
}

size_t tc_sw_ci_word_after(const char *s, size_t n, size_t i)
{
    size_t p = tc_sw_skip_space(s, n, i, 8);
    if (at(s, n, p) == '-') p++;
    /* Every CI word starts with one of these (most words after a number do not). */
    int c0 = at(s, n, p);
    if (c0 != 'B' && c0 != 'C' && c0 != 'I' && c0 != 'K' && c0 != 'b' && c0 != 'c' && c0 != 'i') return 0;
    tc_wspan w = tc_sw_word_at(s, n, p);
    if (!w.len) return 0;
    size_t e = 0;
    if (ci_abbrev(s, w)) e = w.off + w.len;
    else if (w.len == 1 && s[w.off] == 'C' && at(s, n, w.off + 1) == '.' && at(s, n, w.off + 2) == 'I'
             && !tc_sw_letter(s, n, w.off + 3))
        e = w.off + 3 + (at(s, n, w.off + 3) == '.');   /* "C.I", "C.I." */
    else if (w.len >= 24 && tc_sw_is(s, (tc_wspan){ w.off, 24 }, "betrouwbaarheidsinterval")) e = w.off + w.len;
    else if (tc_sw_is(s, w, "confidence") || tc_sw_is(s, w, "credible") || tc_sw_is(s, w, "confidence-interval")) {
        if (tc_sw_is(s, w, "confidence-interval")) e = w.off + w.len;
        else {
            tc_wspan w2 = tc_sw_word_at(s, n, tc_sw_skip_space(s, n, w.off + w.len, 4));
            if (tc_sw_is(s, w2, "interval") || tc_sw_is(s, w2, "intervals")) e = w2.off + w2.len;
        }
    } else if (tc_sw_is(s, w, "intervalle")) {
        tc_wspan w2 = tc_sw_word_at(s, n, tc_sw_skip_space(s, n, w.off + w.len, 4));
        tc_wspan w3 = tc_sw_word_at(s, n, tc_sw_skip_space(s, n, w2.off + w2.len, 4));
        if (tc_sw_is(s, w2, "de") && tc_sw_is(s, w3, "confiance")) e = w3.off + w3.len;
    }
    if (!e) return 0;
    return bracketed_ci(s, n, tc_sw_skip_space(s, n, e, 2));
}

size_t tc_sw_ci_word_before(const char *s, size_t start, size_t lo)
{
    size_t q = tc_sw_skip_space_back(s, start, lo);
    /* Every word looked for below ends in one of these bytes (à, a, de, at; the CI
     * abbreviations in 'I' or 'C'; confiance, interval): most words before a number
     * do not. */
    unsigned char z = q > lo ? (unsigned char)s[q - 1] : 0;
    if (z != 0xA0 && (z | 0x20) != 'a' && (z | 0x20) != 'e' && (z | 0x20) != 't' && z != 'I' && z != 'C'
        && (z | 0x20) != 'l')
        return SIZE_MAX;
    tc_wspan w = tc_sw_word_before(s, q, lo);
    if (w.len && (tc_sw_is(s, w, "à") || tc_sw_is(s, w, "a") || tc_sw_is(s, w, "de") || tc_sw_is(s, w, "at"))) {
        q = tc_sw_skip_space_back(s, w.off, lo);
        w = tc_sw_word_before(s, q, lo);
    }
    if (!w.len) return SIZE_MAX;
    if (ci_abbrev(s, w)) return w.off;
    if (tc_sw_is(s, w, "confiance") || tc_sw_is(s, w, "interval")) {
        tc_wspan w2 = tc_sw_word_before(s, tc_sw_skip_space_back(s, w.off, lo), lo);
        if (tc_sw_is(s, w2, "confidence")) return w2.off;
        if (tc_sw_is(s, w2, "de")) {
            tc_wspan w3 = tc_sw_word_before(s, tc_sw_skip_space_back(s, w2.off, lo), lo);
            if (tc_sw_is(s, w3, "intervalle")) return w3.off;
        }
    }
    return SIZE_MAX;
}
