/* Number scanning for the statistics stage: decimal comma, point and middle dot,
 * thousands groups, minus signs, exponents, with the exact source span of each number.
 * Every function takes (text, length, position) and reads nothing outside [0, n). */
#ifndef TC_NUMBERS_H
#define TC_NUMBERS_H

#include "tc_internal.h"

/* Flags for tc_num_scan. */
enum {
    TC_NUM_LEADING_SEP = 1,  /* accept ".02" / ",02" (P = .02) */
    TC_NUM_DOT_GROUPS = 2,   /* "1.372" is a thousands group (Dutch, French) */
    TC_NUM_COMMA_GROUPS = 4, /* "1,372" is a thousands group (English) */
    TC_NUM_SPACE_GROUPS = 8  /* "1 372" with an ASCII space (French); NBSP and thin
                                spaces are groups always */
};

typedef struct tc_num {
    double value;
    size_t off, len;     /* the number as written, sign and exponent included */
    double ulp;          /* one unit in the last written place: 0,58 -> 0.01 */
    int neg;             /* written with a minus sign */
    int decimals;        /* digits after the decimal separator */
    int has_sep;         /* a decimal separator is present */
    int has_exp;         /* an exponent (1e-5, 10^-3, x10-4) is present */
    int groups;          /* thousands groups were read */
} tc_num;

/* Scans the number starting exactly at s[i] (a digit, a minus sign followed by a
 * digit, or with TC_NUM_LEADING_SEP a separator followed by a digit).  Returns 1 and
 * fills *out, or 0 when there is no number there or its value is not a finite double
 * of sane magnitude (1e400: not a statistic); a refused value still sets out->off and
 * out->len to what it spans (out->len stays 0 when there is no number at all). */
TC_HIDDEN int tc_num_scan(const char *s, size_t n, size_t i, unsigned flags, tc_num *out);

/* The thousands-group flags that suit a document language (tc_lang). */
TC_HIDDEN unsigned tc_num_lang_flags(int lang);

/* The multi-byte minus signs at s[i] (tc_num_minus_len's slow path). */
TC_HIDDEN size_t tc_num_minus_len_mb(const char *s, size_t n, size_t i);
/* Byte length of a minus sign at s[i] ("-", U+2212, U+2013, U+2012), else 0.  Inline:
 * asked at every number and bound, and settled by the first byte but for 0xE2. */
static inline size_t tc_num_minus_len(const char *s, size_t n, size_t i)
{
    if (i >= n) return 0;
    if (s[i] == '-') return 1;
    return (unsigned char)s[i] == 0xE2 ? tc_num_minus_len_mb(s, n, i) : 0;
}
/* Byte length of a minus sign ending just before s[i], else 0. */
TC_HIDDEN size_t tc_num_minus_before(const char *s, size_t i);

/* A comparison operator (tc_op) at s[i]: "=", "<", ">", "<=", ">=", U+2264, U+2265,
 * U+2A7D, U+2A7E.  Returns the op and sets *len, or TC_OP_NONE. */
TC_HIDDEN int tc_num_op_at(const char *s, size_t n, size_t i, size_t *len);
/* The same for an operator ending just before s[i]; *len its byte length. */
TC_HIDDEN int tc_num_op_before_at(const char *s, size_t i, size_t *len);
static inline int tc_num_op_before(const char *s, size_t i, size_t *len)
{
    /* Every operator ends in '=', '<', '>' or the last byte of U+2264/2265/2A7D/2A7E:
     * the byte before almost every number is none of these (asked of every number). */
    unsigned char last = i ? (unsigned char)s[i - 1] : 0;
    if (last != '=' && last != '<' && last != '>' && last != 0xA4 && last != 0xA5 && last != 0xBD && last != 0xBE) {
        *len = 0;
        return TC_OP_NONE;
    }
    return tc_num_op_before_at(s, i, len);
}

/* Byte classes shared by the statistics files. */
static inline int tc_num_isdigit(unsigned char c) { return c >= '0' && c <= '9'; }
static inline int tc_num_isalpha(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}
/* A byte of a word: ASCII letter or any byte of a non-ASCII sequence (letters with
 * accents); digits are not word bytes. */
static inline int tc_num_isword(unsigned char c) { return tc_num_isalpha(c) || c >= 0x80; }
static inline int tc_num_isspace(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v';
}
/* Byte classes for the tests the statistics files make around every number: one
 * table read instead of a chain of comparisons (tc_numbers.c). */
enum {
    TC_NC_SPACE = 1,        /* ASCII white space */
    TC_NC_SPACE_LEAD = 2,   /* 0xC2, 0xE2: may start NBSP or a U+20xx space */
    TC_NC_BOUNDARY = 4      /* '.', '?', '!', '\n', 0xE2: may end a sentence (tc_sw_boundary_at) */
};
TC_HIDDEN extern const unsigned char tc_num_class[256];

/* The multi-byte spaces at s[i] (tc_num_space_len's slow path). */
TC_HIDDEN size_t tc_num_space_len_mb(const char *s, size_t n, size_t i);
/* Length of a horizontal or vertical space at s[i]: ASCII white space, NBSP,
 * thin/narrow spaces; 0 otherwise.  Inline: called a few times around every number,
 * and almost always settled by the first byte. */
static inline size_t tc_num_space_len(const char *s, size_t n, size_t i)
{
    if (i >= n) return 0;
    unsigned cl = tc_num_class[(unsigned char)s[i]];
    if (cl & TC_NC_SPACE) return 1;
    return cl & TC_NC_SPACE_LEAD ? tc_num_space_len_mb(s, n, i) : 0;
}

#endif
