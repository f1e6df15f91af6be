/* tc_text_clean: a whitespace-normalised copy of a span, for display and matching.
 * Rules, deliberately simple:
 *  - every run of white space (space, tab, CR, LF, VT, FF, U+00A0), blank lines
 *    included, becomes one space; the ends are trimmed;
 *  - a hyphen that ends a line (letter, '-', white space holding a line break) and
 *    is followed by a lower-case letter joins the two parts and keeps the hyphen:
 *    "niet-\n\ndrugsgerelateerde" -> "niet-drugsgerelateerde".  Hyphenation points
 *    cannot be told from compound hyphens without a dictionary, so the hyphen stays. */
#include "tc_text.h"

/* Length of the white-space character at s, 0 if none; *nl is set for a line break. */
static size_t space_len(const unsigned char *s, size_t n, int *nl)
{
    if (tc_is_space(s[0])) { if (s[0] == '\n') *nl = 1; return 1; }
    if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0) return 2;
    return 0;
}

/* The cleaned form of s[0, len) written to p (room for len bytes; p may be s itself:
 * the output never overtakes the input); returns its length. */
static size_t clean_into(const unsigned char *s, size_t len, char *p)
{
    size_t i = 0, k = 0;
    while (i < len) {
        int nl = 0;
        size_t w = space_len(s + i, len - i, &nl);
        if (!w) { p[k++] = (char)s[i++]; continue; }
        size_t j = i;
        while (j < len && (w = space_len(s + j, len - j, &nl)) != 0) j += w;
        int joined = nl && k >= 2 && p[k - 1] == '-' && tc_is_wordbyte((unsigned char)p[k - 2]) &&
                     tc_starts_lower(s + j, len - j);
        if (!joined && k && j < len) p[k++] = ' ';
        i = j;
    }
    return k;
}

size_t tc_clean_inplace(char *s, size_t len)
{
    return s ? clean_into((const unsigned char *)s, len, s) : 0;
}

int tc_text_clean(const char *text, size_t len, char **out, size_t *out_len)
{
    if (!out || (!text && len)) return TC_EINVAL;
    char *p = malloc(len + 1);
    if (!p) return TC_ENOMEM;
    size_t k = len ? clean_into((const unsigned char *)text, len, p) : 0;
    p[k] = '\0';
    *out = p;
    if (out_len) *out_len = k;
    return TC_OK;
}
