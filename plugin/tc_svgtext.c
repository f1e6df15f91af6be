/* Text for SVG documents (tc_forest.c): locale-free numbers, XML-escaped valid UTF-8,
 * and labels shortened by characters. */
#include "tc_svgtext.h"
#include <math.h>
#include <stdio.h>

/* A number as text, always with a '.' decimal point, at most `prec` decimals,
 * trailing zeros kept to prec (2 -> "0.90"). */
void tc_svg_fmt_num(char *out, size_t outlen, double v, int prec)
{
    if (!isfinite(v)) { snprintf(out, outlen, "%s", "?"); return; }
    if (fabs(v) >= 1e6) prec = 0;
    snprintf(out, outlen, "%.*f", prec, v);
    for (char *p = out; *p; p++) if (*p == ',') *p = '.';
    if (!strcmp(out, "-0") || !strcmp(out, "-0.0") || !strcmp(out, "-0.00")) memmove(out, out + 1, strlen(out));
}

/* A number with up to prec decimals and no trailing zeros: 0.5, 2, 0.375. */
void tc_svg_fmt_trim(char *out, size_t outlen, double v, int prec)
{
    tc_svg_fmt_num(out, outlen, v, prec);
    if (strchr(out, '.')) {
        size_t k = strlen(out);
        while (k > 0 && out[k - 1] == '0') out[--k] = '\0';
        if (k > 0 && out[k - 1] == '.') out[--k] = '\0';
    }
}

/* A coordinate: one decimal, locale-free. */
void tc_svg_coord(tc_buf *b, double v)
{
    char t[48];
    tc_svg_fmt_num(t, sizeof t, v, 1);
    tc_buf_adds(b, t);
}

/* Display form of a value: U+2212 for a minus sign, 2 decimals (3 below 0.01). */
void tc_svg_value(tc_buf *b, double v)
{
    char t[48];
    double a = fabs(v);
    tc_svg_fmt_num(t, sizeof t, a, (a > 0 && a < 0.01) ? 3 : 2);
    if (v < 0 && strcmp(t, "0.00") && strcmp(t, "0.000")) tc_buf_adds(b, "\xE2\x88\x92");
    tc_buf_adds(b, t);
}

/* XML-escaped text; invalid UTF-8 becomes U+FFFD, control characters a space.
 * At most max_chars characters (0: no limit), an ellipsis marking a cut. */
void tc_svg_text(tc_buf *b, const char *s, size_t len, size_t max_chars)
{
    const unsigned char *p = (const unsigned char *)s, *e = p + len;
    size_t chars = 0;
    while (p < e) {
        if (max_chars && chars + 1 >= max_chars && (size_t)(e - p) > 0) {
            /* one character of room left: an ellipsis unless this is the last one */
            size_t k = tc_utf8_valid(p, (size_t)(e - p));
            if (!(k && p + k == e)) { tc_buf_adds(b, "\xE2\x80\xA6"); return; }
        }
        size_t k = tc_utf8_valid(p, (size_t)(e - p));
        if (!k) { tc_buf_adds(b, "\xEF\xBF\xBD"); p++; }
        else if (k == 1) {
            unsigned char c = *p++;
            switch (c) {
            case '&': tc_buf_adds(b, "&amp;"); break;
            case '<': tc_buf_adds(b, "&lt;"); break;
            case '>': tc_buf_adds(b, "&gt;"); break;
            case '"': tc_buf_adds(b, "&quot;"); break;
            case '\'': tc_buf_adds(b, "&#39;"); break;
            default: tc_buf_add(b, c < 0x20 || c == 0x7f ? " " : (const char *)&c, 1);
            }
        } else { tc_buf_add(b, (const char *)p, k); p += k; }
        chars++;
    }
}

void tc_svg_cstr(tc_buf *b, const char *s, size_t max_chars)
{
    if (s) tc_svg_text(b, s, strlen(s), max_chars);
}

/* Characters in s[0, len) (an invalid byte counts as one). */
size_t tc_svg_chars(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *e = p + len;
    size_t n = 0;
    for (; p < e; n++) { size_t k = tc_utf8_valid(p, (size_t)(e - p)); p += k ? k : 1; }
    return n;
}

/* Byte offset of character number `chars` in s[0, len). */
static size_t char_offset(const char *s, size_t len, size_t chars)
{
    const unsigned char *p = (const unsigned char *)s, *e = p + len;
    for (; p < e && chars; chars--) { size_t k = tc_utf8_valid(p, (size_t)(e - p)); p += k ? k : 1; }
    return (size_t)(p - (const unsigned char *)s);
}

/* Appends s[0, len) in at most max characters: whole when it fits, else its start
 * and end around an ellipsis (middle) or its start and an ellipsis.  Raw text: it is
 * escaped when drawn.  "days of drug use, opioids" -> "days of…opioids". */
void tc_svg_cut(tc_buf *b, const char *s, size_t len, size_t max, int middle)
{
    size_t n = tc_svg_chars(s, len);
    if (n <= max) { tc_buf_add(b, s, len); return; }
    if (max < 2) { tc_buf_adds(b, "\xE2\x80\xA6"); return; }
    size_t keep = max - 1, head = middle ? (keep + 1) / 2 : keep, tail = middle ? keep / 2 : 0;
    size_t hb = char_offset(s, len, head), tb = char_offset(s, len, n - tail);
    while (hb > 0 && (s[hb - 1] == ' ' || s[hb - 1] == ',')) hb--;
    while (tb < len && s[tb] == ' ') tb++;
    tc_buf_add(b, s, hb);
    tc_buf_adds(b, "\xE2\x80\xA6");
    tc_buf_add(b, s + tb, len - tb);
}
