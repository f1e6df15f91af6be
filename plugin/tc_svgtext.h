/* Text for SVG documents (tc_svgtext.c), shared by the SVG writers (tc_forest.c). */
#ifndef TC_SVGTEXT_H
#define TC_SVGTEXT_H

#include "tc_internal.h"

/* A number as text, always with a '.' decimal point, at most `prec` decimals,
 * trailing zeros kept to prec (2 -> "0.90"); "?" when not finite. */
TC_HIDDEN void tc_svg_fmt_num(char *out, size_t outlen, double v, int prec);
/* A number with up to prec decimals and no trailing zeros: 0.5, 2, 0.375. */
TC_HIDDEN void tc_svg_fmt_trim(char *out, size_t outlen, double v, int prec);
/* A coordinate: one decimal, locale-free. */
TC_HIDDEN void tc_svg_coord(tc_buf *b, double v);
/* Display form of a value: U+2212 for a minus sign, 2 decimals (3 below 0.01). */
TC_HIDDEN void tc_svg_value(tc_buf *b, double v);
/* XML-escaped text; invalid UTF-8 becomes U+FFFD, control characters a space.
 * At most max_chars characters (0: no limit), an ellipsis marking a cut. */
TC_HIDDEN void tc_svg_text(tc_buf *b, const char *s, size_t len, size_t max_chars);
/* tc_svg_text of a C string (nothing for NULL). */
TC_HIDDEN void tc_svg_cstr(tc_buf *b, const char *s, size_t max_chars);
/* Characters in s[0, len) (an invalid byte counts as one). */
TC_HIDDEN size_t tc_svg_chars(const char *s, size_t len);
/* Appends s[0, len), raw (escape it when drawing), in at most max characters: whole
 * when it fits, else its start and end around an ellipsis (middle) or its start and an
 * ellipsis.  "days of drug use, opioids" -> "days of…opioids". */
TC_HIDDEN void tc_svg_cut(tc_buf *b, const char *s, size_t len, size_t max, int middle);

#endif
