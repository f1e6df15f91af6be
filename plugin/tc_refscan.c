/* Scanning a free-text reference: words (folded for comparison), then the year,
 * volume, pages and DOI told by their punctuation.  Vancouver "2024;81(4):338-46",
 * APA "81(4), 338–346", Nature "81, 338–346 (2024)", "vol. 81, pp. 338-346". */
#include "tc_refscan.h"
#include <stdio.h>

/* Latin-1 letters U+00C0..U+00FF and Latin Extended-A U+0100..U+017F folded to ASCII
 * ('*': not a letter), so that "García" and "Garcia" compare equal. */
static const char latin1[] = "aaaaaaaceeeeiiiidnooooo*ouuuuytsaaaaaaaceeeeiiiidnooooo*ouuuuyty";
static const char latin_a[] =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllllllln"
    "nnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/* Letter class of code point cp: its folded ASCII byte, 1 for a letter kept as its
 * bytes, 0 for a separator. */
static int letter_of(unsigned cp)
{
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z') return (int)(cp + 32);
        if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) return (int)cp;
        return 0;
    }
    if (cp >= 0xC0 && cp <= 0xFF) return latin1[cp - 0xC0] == '*' ? 0 : latin1[cp - 0xC0];
    if (cp >= 0x100 && cp <= 0x17F) return latin_a[cp - 0x100];
    /* Latin-1 punctuation, general punctuation (dashes, quotes), the minus sign, CJK
     * punctuation, U+FFFD from invalid bytes: separators. */
    if (cp < 0xC0 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0x2212 ||
        (cp >= 0x3000 && cp <= 0x303F) || cp == 0xFFFD) return 0;
    return 1;
}

size_t tc_ref_next_word(const char *s, size_t len, size_t *pos, char w[TC_REF_WORD],
                        size_t *start, size_t *end)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = *pos, n = 0;
    int in = 0;
    while (i < len) {
        size_t l = 1;
        unsigned cp = u[i] < 0x80 ? u[i] : tc_utf8_decode(u + i, len - i, &l);
        if (l == 0) l = 1;
        int c = letter_of(cp);
        if (!c) {
            if (in) break;
            i += l;
            continue;
        }
        if (!in) { in = 1; *start = i; }
        if (c == 1) { for (size_t k = 0; k < l && n + 1 < TC_REF_WORD; k++) w[n++] = (char)u[i + k]; }
        else if (n + 1 < TC_REF_WORD) w[n++] = (char)c;
        i += l;
    }
    *pos = i;
    w[n] = '\0';
    if (in) *end = i;
    return n;
}

int tc_ref_stopword(const char *w)
{
    static const char *const sw[] = {
        "the", "and", "for", "with", "from", "into", "among", "versus", "des", "les", "een", "van",
        "het", "der", "und", "of", "in", "on", "de", "la", "le", "du", "et", "fur", "an", "a", "to",
    };
    for (size_t i = 0; i < sizeof sw / sizeof sw[0]; i++) if (strcmp(w, sw[i]) == 0) return 1;
    return 0;
}

long tc_ref_find(const tc_ref *ref, const char *w)
{
    for (size_t i = 0; i < ref->n; i++) if (strcmp(ref->w[i].s, w) == 0) return (long)i;
    return -1;
}

static int all_digits(const char *w, size_t n)
{
    if (!n) return 0;
    for (size_t i = 0; i < n; i++) if (w[i] < '0' || w[i] > '9') return 0;
    return 1;
}

/* A page: digits, or one or two letters and digits ("e2312345", "s12", Cochrane's
 * "cd013226"). */
static int pageish(const tc_ref_word *w)
{
    if (w->digits) return w->len <= 9;
    size_t k = 0;
    while (k < 2 && k < w->len && w->s[k] >= 'a' && w->s[k] <= 'z') k++;
    return k && w->len <= 12 && all_digits(w->s + k, w->len - k);
}

/* last as written after first ("46" after "338") -> the full last page ("346"); ""
 * when it cannot be one (smaller than first). */
static void expand_last(const char *first, const char *last, char out[TC_REF_WORD])
{
    size_t fl = strlen(first), ll = strlen(last);
    out[0] = '\0';
    if (!fl || !ll) return;
    if (all_digits(first, fl) && all_digits(last, ll)) {
        if (ll < fl) { memcpy(out, first, fl - ll); memcpy(out + fl - ll, last, ll + 1); }
        else memcpy(out, last, ll + 1);
        size_t on = strlen(out);
        /* same number of digits: compare as strings; more digits: larger */
        if (on < fl || (on == fl && strcmp(out, first) < 0)) out[0] = '\0';
        return;
    }
    if (first[0] == last[0] && ll < TC_REF_WORD) memcpy(out, last, ll + 1);   /* "s12-s20", "e1-e9" */
}

void tc_ref_pages(const char *s, size_t len, char first[TC_REF_WORD], char last[TC_REF_WORD])
{
    char a[TC_REF_WORD] = "", b[TC_REF_WORD] = "";
    size_t pos = 0, st, en;
    first[0] = last[0] = '\0';
    if (!tc_ref_next_word(s, len, &pos, a, &st, &en)) return;
    memcpy(first, a, sizeof a);
    if (tc_ref_next_word(s, len, &pos, b, &st, &en)) expand_last(a, b, last);
}

/* Up to 7 non-space bytes of the gap s[from, to), dashes of any kind as '-'. */
static void gap_sig(const char *s, size_t from, size_t to, char sig[8])
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = 0;
    for (size_t i = from; i < to && n < 7;) {
        size_t l = 1;
        unsigned cp = u[i] < 0x80 ? u[i] : tc_utf8_decode(u + i, to - i, &l);
        if (l == 0) l = 1;
        i += l;
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0) continue;
        if (cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212) sig[n++] = '-';
        else sig[n++] = cp < 0x80 ? (char)cp : '?';
    }
    sig[n] = '\0';
}

static int prefix_ci(const char *p, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    if (n < k) return 0;
    for (size_t i = 0; i < k; i++) if ((p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i]) != lit[i]) return 0;
    return 1;
}

/* A URL or a DOI starting at s[i]: its end (the next white space), else i.  The first
 * DOI found goes to doi. */
static size_t skip_link(const char *s, size_t len, size_t i, char *doi, size_t doicap)
{
    const char *p = s + i;
    size_t rest = len - i;
    int url = prefix_ci(p, rest, "http://") || prefix_ci(p, rest, "https://") || prefix_ci(p, rest, "www.");
    int bare = 0;
    if (!url && rest >= 8 && p[0] == '1' && p[1] == '0' && p[2] == '.') {
        size_t k = 3;
        while (k < rest && p[k] >= '0' && p[k] <= '9') k++;
        bare = k >= 7 && k < rest && p[k] == '/';
    }
    if (!url && !bare) return i;
    size_t e = i;
    while (e < len && s[e] != ' ' && s[e] != '\t' && s[e] != '\n' && s[e] != '\r') e++;
    size_t n = 0;
    if (!doi[0] && tc_doi_normalize(p, e - i, doi, doicap, &n) != TC_OK) doi[0] = '\0';
    return e;
}

typedef struct source { long vol, p1, p2; } source;   /* word indices, -1: none */

static void set_pages(const tc_ref *r, char sig[][8], size_t k, source *src)
{
    src->p1 = (long)k;
    src->p2 = k + 1 < r->n && strcmp(sig[k + 1], "-") == 0 && pageish(&r->w[k + 1]) ? (long)k + 1 : -1;
}

void tc_ref_scan(const char *s, size_t len, tc_ref *r)
{
    char sig[TC_REF_MAX_WORDS + 1][8];   /* sig[i]: the gap before word i; sig[n]: after the last */
    char w[TC_REF_WORD];
    size_t pos = 0, a = 0, b = 0, prev_end = 0;
    r->n = 0; r->nyears = 0; r->first = 0;
    r->volume[0] = r->page_first[0] = r->page_last[0] = r->doi[0] = '\0';
    if (!s) return;
    while (r->n < TC_REF_MAX_WORDS) {
        size_t k = tc_ref_next_word(s, len, &pos, w, &a, &b);
        if (!k) break;
        size_t skip = skip_link(s, len, a, r->doi, sizeof r->doi);
        if (skip != a) { pos = skip; continue; }
        tc_ref_word *x = &r->w[r->n];
        memcpy(x->s, w, k + 1);
        x->len = (unsigned char)k;
        x->digits = (unsigned char)all_digits(w, k);
        x->content = k >= 3 && !tc_ref_stopword(w);
        gap_sig(s, prev_end, a, sig[r->n]);
        prev_end = b;
        r->n++;
    }
    gap_sig(s, prev_end, r->n < TC_REF_MAX_WORDS ? len : prev_end, sig[r->n]);
    while (r->first < r->n && r->w[r->first].digits) r->first++;   /* "1.", "[12]" */

    /* Volume and pages: the last statement wins (the source follows the title, whose
     * "1:1" or "aged 18-65" must not count); a later volume pattern brings its pages. */
    source src = { -1, -1, -1 };
    for (size_t i = 0; i < r->n; i++) {
        const tc_ref_word *x = &r->w[i];
        int paged = (long)i == src.p1 || (long)i == src.p2;   /* "338-46 (2024)": a year, no issue */
        if (x->digits && !paged && i + 1 < r->n && strcmp(sig[i + 1], "(") == 0) {       /* 81(4) */
            size_t k = i + 2;
            while (k < r->n && k <= i + 3 && sig[k][0] != ')') k++;
            if (k <= r->n && k <= i + 3 && sig[k][0] == ')') {
                /* Chicago "81, no. 4 (2024): 338-46": the number is the issue */
                int issue = i >= 1 && (strcmp(r->w[i - 1].s, "no") == 0 || strcmp(r->w[i - 1].s, "issue") == 0);
                src.vol = !issue ? (long)i : i >= 2 && r->w[i - 2].digits ? (long)i - 2 : -1;
                src.p1 = src.p2 = -1;
                if (k < r->n && (strcmp(sig[k], "):") == 0 || strcmp(sig[k], "),") == 0) && pageish(&r->w[k]))
                    set_pages(r, sig, k, &src);
            }
        } else if (x->digits && i + 1 < r->n && strcmp(sig[i + 1], ":") == 0 && pageish(&r->w[i + 1]) &&
                   sig[i + 2][0]) {   /* 81:338, but not "part 2: 12 months" */
            src.vol = (long)i;
            set_pages(r, sig, i + 1, &src);
        } else if (x->digits && i + 2 < r->n && strcmp(sig[i + 1], ",") == 0 && pageish(&r->w[i + 1]) &&
                   strcmp(sig[i + 2], "-") == 0 && pageish(&r->w[i + 2])) {      /* 81, 338-346 */
            src.vol = (long)i;
            set_pages(r, sig, i + 1, &src);
        } else if ((strcmp(x->s, "vol") == 0 || strcmp(x->s, "volume") == 0) && i + 1 < r->n && r->w[i + 1].digits) {
            src.vol = (long)i + 1;
        } else if ((strcmp(x->s, "pp") == 0 || strcmp(x->s, "p") == 0 || strcmp(x->s, "pages") == 0) &&
                   strpbrk(sig[i], ",;:.") && i + 1 < r->n && pageish(&r->w[i + 1])) {   /* ", pp. 338", not "Smith P 2020" */
            set_pages(r, sig, i + 1, &src);
        }
    }
    if (src.vol >= 0) memcpy(r->volume, r->w[src.vol].s, (size_t)r->w[src.vol].len + 1);
    if (src.p1 >= 0) {
        memcpy(r->page_first, r->w[src.p1].s, (size_t)r->w[src.p1].len + 1);
        if (src.p2 >= 0) expand_last(r->page_first, r->w[src.p2].s, r->page_last);
    }
    /* Years: four digits (an APA "2024a" too) from 1800 to 2100, not the pages; a
     * volume only when it looks like a year ("2024:338" has none). */
    for (size_t i = 0; i < r->n && r->nyears < TC_REF_MAX_YEARS; i++) {
        const tc_ref_word *x = &r->w[i];
        if ((long)i == src.p1 || (long)i == src.p2) continue;
        if (!(x->len == 4 || (x->len == 5 && x->s[4] >= 'a' && x->s[4] <= 'z')) || !all_digits(x->s, 4)) continue;
        int y = (x->s[0] - '0') * 1000 + (x->s[1] - '0') * 100 + (x->s[2] - '0') * 10 + (x->s[3] - '0');
        if (y >= 1800 && y <= 2100) r->years[r->nyears++] = y;
    }
}
