/* Number scanning with exact spans.  Values are built from an integer mantissa and a
 * decimal exponent (never through strtod, whose decimal point follows the C locale),
 * so "0,58", "0.58" and "0·58" give the same correctly rounded double. */
#include "tc_numbers.h"
#include <math.h>
#include <stdint.h>

/* Magnitudes beyond this are not statistics; refusing them keeps values finite. */
#define MAX_DECIMAL_EXP 300
/* Significant digits kept in the mantissa (fits uint64_t). */
#define MAX_MANT_DIGITS 19

static int byte(const char *s, size_t n, size_t i) { return i < n ? (unsigned char)s[i] : -1; }
static int digit_at(const char *s, size_t n, size_t i) { return i < n && tc_num_isdigit((unsigned char)s[i]); }

unsigned tc_num_lang_flags(int lang)
{
    if (lang == TC_LANG_NL) return TC_NUM_DOT_GROUPS | TC_NUM_SPACE_GROUPS;   /* "2 317 patiënten" */
    if (lang == TC_LANG_FR) return TC_NUM_DOT_GROUPS | TC_NUM_SPACE_GROUPS;
    if (lang == TC_LANG_EN) return TC_NUM_COMMA_GROUPS;
    return 0;
}

size_t tc_num_minus_len_mb(const char *s, size_t n, size_t i)
{
    if (i + 3 > n || (unsigned char)s[i] != 0xE2) return 0;
    unsigned char b1 = (unsigned char)s[i + 1], b2 = (unsigned char)s[i + 2];
    if (b1 == 0x88 && b2 == 0x92) return 3;                     /* U+2212 minus */
    if (b1 == 0x80 && (b2 == 0x93 || b2 == 0x92)) return 3;     /* U+2013, U+2012 */
    return 0;
}

size_t tc_num_minus_before(const char *s, size_t i)
{
    if (!i) return 0;
    /* Every minus sign ends in '-', 0x92 or 0x93: most bytes before a number are none. */
    unsigned char last = (unsigned char)s[i - 1];
    if (last == '-') return 1;
    if (last != 0x92 && last != 0x93) return 0;
    if (i >= 3 && tc_num_minus_len(s, i, i - 3) == 3) return 3;
    return 0;
}

const unsigned char tc_num_class[256] = {
    ['\t'] = TC_NC_SPACE, ['\n'] = TC_NC_SPACE | TC_NC_BOUNDARY, ['\v'] = TC_NC_SPACE,
    ['\f'] = TC_NC_SPACE, ['\r'] = TC_NC_SPACE, [' '] = TC_NC_SPACE,
    ['.'] = TC_NC_BOUNDARY, ['?'] = TC_NC_BOUNDARY, ['!'] = TC_NC_BOUNDARY,
    [0xC2] = TC_NC_SPACE_LEAD, [0xE2] = TC_NC_SPACE_LEAD | TC_NC_BOUNDARY,
};

size_t tc_num_space_len_mb(const char *s, size_t n, size_t i)
{
    int c = byte(s, n, i);
    if (c == 0xC2 && byte(s, n, i + 1) == 0xA0) return 2;      /* NBSP */
    if (c == 0xE2 && byte(s, n, i + 1) == 0x80) {
        int c2 = byte(s, n, i + 2);
        if ((c2 >= 0x80 && c2 <= 0x8A) || c2 == 0xAF) return 3; /* U+2000-200A, U+202F */
    }
    return 0;
}

int tc_num_op_at(const char *s, size_t n, size_t i, size_t *len)
{
    int c = byte(s, n, i);
    *len = 0;
    if (c == 0xE2 && i + 3 <= n) {
        unsigned char b1 = (unsigned char)s[i + 1], b2 = (unsigned char)s[i + 2];
        *len = 3;
        if (b1 == 0x89 && b2 == 0xA4) return TC_OP_LE;
        if (b1 == 0x89 && b2 == 0xA5) return TC_OP_GE;
        if (b1 == 0xA9 && b2 == 0xBD) return TC_OP_LE;
        if (b1 == 0xA9 && b2 == 0xBE) return TC_OP_GE;
        *len = 0;
        return TC_OP_NONE;
    }
    int c1 = byte(s, n, i + 1);
    *len = 1;
    if (c == '<') { if (c1 == '=') { *len = 2; return TC_OP_LE; } return TC_OP_LT; }
    if (c == '>') { if (c1 == '=') { *len = 2; return TC_OP_GE; } return TC_OP_GT; }
    if (c == '=') {
        if (c1 == '<') { *len = 2; return TC_OP_LE; }
        if (c1 == '>') { *len = 2; return TC_OP_GE; }
        return TC_OP_EQ;
    }
    *len = 0;
    return TC_OP_NONE;
}

int tc_num_op_before_at(const char *s, size_t i, size_t *len)
{
    size_t k;
    int op;
    if (i >= 3 && (op = tc_num_op_at(s, i, i - 3, &k)) != TC_OP_NONE && k == 3) { *len = 3; return op; }
    if (i >= 2 && (op = tc_num_op_at(s, i, i - 2, &k)) != TC_OP_NONE && k == 2) { *len = 2; return op; }
    if (i >= 1 && (op = tc_num_op_at(s, i, i - 1, &k)) != TC_OP_NONE && k == 1) { *len = 1; return op; }
    *len = 0;
    return TC_OP_NONE;
}

/* Length of a decimal separator at s[i] followed by a digit: '.', ',' or U+00B7. */
static size_t decimal_sep(const char *s, size_t n, size_t i, int allow_dot, int allow_comma)
{
    int c = byte(s, n, i);
    if (c == '.' && allow_dot && digit_at(s, n, i + 1)) return 1;
    if (c == ',' && allow_comma && digit_at(s, n, i + 1)) return 1;
    if (c == 0xC2 && byte(s, n, i + 1) == 0xB7 && digit_at(s, n, i + 2)) return 2;
    return 0;
}

/* A thousands separator of kind sep at s[i] followed by exactly three digits and then
 * no further digit: the byte length of the separator, else 0. */
static size_t group_at(const char *s, size_t n, size_t i, int sep)
{
    size_t k;
    if (sep == ' ') {
        k = tc_num_space_len(s, n, i);
        if (k != 1 || s[i] != ' ') return 0;
    } else if (sep == 'u') {   /* NBSP / thin spaces: always group separators */
        k = tc_num_space_len(s, n, i);
        if (k < 2) return 0;
    } else {
        if (byte(s, n, i) != sep) return 0;
        k = 1;
    }
    if (!digit_at(s, n, i + k) || !digit_at(s, n, i + k + 1) || !digit_at(s, n, i + k + 2)) return 0;
    if (digit_at(s, n, i + k + 3)) return 0;
    return k;
}

typedef struct acc { uint64_t mant; int digits; int exp10; } acc;

static void add_digit(acc *a, int d, int fraction)
{
    if (a->digits < MAX_MANT_DIGITS) {
        a->mant = a->mant * 10 + (uint64_t)d;
        if (a->mant) a->digits++;
        if (fraction) a->exp10--;
    } else if (!fraction) {
        a->exp10++;   /* integer digit beyond the kept precision */
    }
}

/* Superscript digit at s[i]: its value (0-9) and byte length, or -1. */
static int sup_digit(const char *s, size_t n, size_t i, size_t *len)
{
    int c = byte(s, n, i), c1 = byte(s, n, i + 1);
    if (c == 0xC2 && (c1 == 0xB9 || c1 == 0xB2 || c1 == 0xB3)) {
        *len = 2;
        return c1 == 0xB9 ? 1 : c1 == 0xB2 ? 2 : 3;
    }
    if (c == 0xE2 && c1 == 0x81) {
        int c2 = byte(s, n, i + 2);
        if (c2 == 0xB0) { *len = 3; return 0; }
        if (c2 >= 0xB4 && c2 <= 0xB9) { *len = 3; return c2 - 0xB0; }
    }
    return -1;
}

/* Exponent digits (ASCII or superscript) with an optional sign at s[i].  Sets *e and
 * returns the byte length read, or 0 if no digits follow. */
static size_t exp_digits(const char *s, size_t n, size_t i, int superscript, int *e)
{
    size_t p = i, k;
    int neg = 0, val = 0, got = 0, d;
    if (superscript) {
        if (byte(s, n, p) == 0xE2 && byte(s, n, p + 1) == 0x81 && (byte(s, n, p + 2) == 0xBB || byte(s, n, p + 2) == 0xBA)) {
            neg = byte(s, n, p + 2) == 0xBB;
            p += 3;
        }
        while ((d = sup_digit(s, n, p, &k)) >= 0) {
            if (val < 100000) val = val * 10 + d;
            got = 1; p += k;
        }
    } else {
        if (byte(s, n, p) == '+') p++;
        else if ((k = tc_num_minus_len(s, n, p)) != 0) { neg = 1; p += k; }
        while (digit_at(s, n, p)) {
            if (val < 100000) val = val * 10 + (s[p] - '0');
            got = 1; p++;
        }
    }
    if (!got) return 0;
    *e = neg ? -val : val;
    return p - i;
}

/* "x10-4", "× 10^-4", "*10⁻⁴" after a mantissa ending at s[i]. */
static size_t times_ten(const char *s, size_t n, size_t i, int *e)
{
    size_t p = i, k;
    if (byte(s, n, p) == ' ') p++;
    if (byte(s, n, p) == 0xC3 && byte(s, n, p + 1) == 0x97) p += 2;   /* U+00D7 */
    else if (byte(s, n, p) == 'x' || byte(s, n, p) == '*') p++;
    else return 0;
    if (byte(s, n, p) == ' ') p++;
    if (byte(s, n, p) != '1' || byte(s, n, p + 1) != '0' || digit_at(s, n, p + 2)) return 0;
    p += 2;
    if (byte(s, n, p) == '^') k = exp_digits(s, n, p + 1, 0, e), k = k ? k + 1 : 0;
    else if (tc_num_minus_len(s, n, p) || byte(s, n, p) == '+') k = exp_digits(s, n, p, 0, e);
    else k = exp_digits(s, n, p, 1, e);
    return k ? p + k - i : 0;
}

static double pow10i(int e)
{
    static const double exact[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
        1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
    if (e >= 0 && e <= 22) return exact[e];
    /* The ulp of "0,58": no pow() and no division per number.  Each literal is the
     * double nearest 10^-k, which is what 1 / 1e k rounds to as well. */
    static const double inverse[] = { 1e0, 1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8,
        1e-9, 1e-10, 1e-11, 1e-12, 1e-13, 1e-14, 1e-15, 1e-16, 1e-17, 1e-18, 1e-19, 1e-20,
        1e-21, 1e-22 };
    if (e < 0 && e >= -22) return inverse[-e];
    return pow(10.0, (double)e);
}

/* Can the byte at s[p], after a run of digits, not go on with the number (no
 * separator, group, exponent or "x10" follows)?  Then the number is a plain integer. */
static int int_ends(const char *s, size_t n, size_t p)
{
    if (p >= n) return 1;
    unsigned char c = (unsigned char)s[p];
    if (c == ' ') {   /* "2 317", "3 x10-4" */
        if (p + 1 >= n) return 1;
        unsigned char d = (unsigned char)s[p + 1];
        return !tc_num_isdigit(d) && d != 'x' && d != '*' && d != 0xC3;
    }
    if (c == '.' || c == ',') return p + 1 >= n || !tc_num_isdigit((unsigned char)s[p + 1]);
    return c != 'e' && c != 'E' && c != '^' && c != 'x' && c != '*' && c < 0xC2;
}

/* Can the byte at s[p], after the digits of a decimal part, not go on with the number
 * (no exponent or "x10" follows)? */
static int fraction_ends(const char *s, size_t n, size_t p)
{
    if (p >= n) return 1;
    unsigned char c = (unsigned char)s[p];
    if (c == ' ') {   /* "3.2 x10-4" */
        if (p + 1 >= n) return 1;
        unsigned char d = (unsigned char)s[p + 1];
        return d != 'x' && d != '*' && d != 0xC3;
    }
    return c != 'e' && c != 'E' && c != 'x' && c != '*' && c != 0xC3;
}

int tc_num_scan(const char *s, size_t n, size_t i, unsigned flags, tc_num *out)
{
    size_t p = i, k;
    /* Most numbers are a few digits and nothing more ("16 weken", "(n=77)"), or a few
     * digits, a decimal point or comma and a few more ("0,58"): read them in one loop.
     * Fifteen digits or fewer are exact in the mantissa and the double, and the value
     * is the same one division as below. */
    if (i < n && tc_num_isdigit((unsigned char)s[i])) {
        uint64_t mant = 0;
        while (p < n && p - i < 16 && tc_num_isdigit((unsigned char)s[p])) mant = mant * 10 + (uint64_t)(s[p++] - '0');
        size_t intdigits = p - i;
        if (intdigits <= 15 && int_ends(s, n, p)) {
            out->value = (double)mant;
            out->off = i;
            out->len = p - i;
            out->ulp = 1;
            out->neg = out->decimals = out->has_sep = out->has_exp = out->groups = 0;
            return 1;
        }
        /* A decimal part: never a thousands group unless it has exactly three digits
         * after one to three leading digits without a leading zero. */
        if (intdigits <= 15 && p + 1 < n && (s[p] == '.' || s[p] == ',') && tc_num_isdigit((unsigned char)s[p + 1])) {
            size_t q = p + 1;
            while (q < n && q - i < 16 && tc_num_isdigit((unsigned char)s[q])) mant = mant * 10 + (uint64_t)(s[q++] - '0');
            size_t decimals = q - p - 1;
            int group = decimals == 3 && intdigits <= 3 && s[i] != '0';
            if (!group && q - i - 1 <= 15 && (q >= n || !tc_num_isdigit((unsigned char)s[q])) && fraction_ends(s, n, q)) {
                out->value = mant ? (double)mant / pow10i((int)decimals) : 0.0;
                out->off = i;
                out->len = q - i;
                out->ulp = pow10i(-(int)decimals);
                out->decimals = (int)decimals;
                out->has_sep = 1;
                out->neg = out->has_exp = out->groups = 0;
                return 1;
            }
        }
        p = i;
    }
    acc a = { 0, 0, 0 };
    int neg = 0, decimals = 0, has_sep = 0, groups = 0, intdigits = 0, e = 0, has_exp = 0;
    if (i >= n) return 0;
    if ((k = tc_num_minus_len(s, n, p)) != 0) { neg = 1; p += k; }
    int dot_ok = 1, comma_ok = 1;
    if (!digit_at(s, n, p)) {
        if (!(flags & TC_NUM_LEADING_SEP) || !(k = decimal_sep(s, n, p, 1, 1))) return 0;
    } else {
        int first = s[p] - '0';
        while (digit_at(s, n, p)) { add_digit(&a, s[p] - '0', 0); p++; intdigits++; }
        /* Thousands groups: 1-3 leading digits without a leading zero, then a group
         * separator ('.', ',', a space, NBSP or a U+20xx space; most numbers are
         * followed by none, and skip the separator tries below). */
        int c = byte(s, n, p);
        /* An ASCII separator is one byte: without a digit after it there is no group
         * ("12, and", "12 patients"), whichever separators are allowed. */
        if (intdigits <= 3 && first != 0 && (c == '.' || c == ',' || c == ' ' || c == 0xC2 || c == 0xE2)
            && (c >= 0x80 || digit_at(s, n, p + 1))) {
            int seps[4], ns = 0;
            if (flags & TC_NUM_DOT_GROUPS) seps[ns++] = '.';
            if (flags & TC_NUM_COMMA_GROUPS) seps[ns++] = ',';
            if (flags & TC_NUM_SPACE_GROUPS) seps[ns++] = ' ';
            seps[ns++] = 'u';
            int sep = 0;
            for (int j = 0; j < ns && !sep; j++) if (group_at(s, n, p, seps[j])) sep = seps[j];
            /* Two groups with the same '.' or ',' are thousands in any language. */
            if (!sep && (k = group_at(s, n, p, '.')) && group_at(s, n, p + 4, '.')) sep = '.';
            if (!sep && (k = group_at(s, n, p, ',')) && group_at(s, n, p + 4, ',')) sep = ',';
            while (sep && (k = group_at(s, n, p, sep)) != 0) {
                p += k;
                for (int j = 0; j < 3; j++, p++) add_digit(&a, s[p] - '0', 0);
                groups++;
            }
            if (sep == '.') dot_ok = 0;
            if (sep == ',') comma_ok = 0;
        }
        k = decimal_sep(s, n, p, dot_ok, comma_ok);
    }
    if (k) {
        p += k;
        has_sep = 1;
        while (digit_at(s, n, p)) { add_digit(&a, s[p] - '0', 1); p++; decimals++; }
    }
    /* Exponents. */
    if ((byte(s, n, p) == 'e' || byte(s, n, p) == 'E') && (k = exp_digits(s, n, p + 1, 0, &e)) != 0
        && !tc_num_isword((unsigned char)(p + 1 + k < n ? s[p + 1 + k] : ' '))) {
        p += 1 + k; has_exp = 1;
    } else if (!has_sep && !groups && intdigits == 2 && a.mant == 10 && byte(s, n, p) == '^'
               && (k = exp_digits(s, n, p + 1, 0, &e)) != 0) {
        a.mant = 1; a.digits = 1; a.exp10 = 0;   /* "10^-3" */
        p += 1 + k; has_exp = 1;
    } else if ((k = times_ten(s, n, p, &e)) != 0) {
        p += k; has_exp = 1;
    }
    /* A refused value still says how far it went, so that callers skip it whole. */
    out->off = i;
    out->len = p - i;
    int total = a.exp10 + e;
    if (a.mant && (a.digits - 1 + total > MAX_DECIMAL_EXP || a.digits - 1 + total < -MAX_DECIMAL_EXP)) return 0;
    double v = (double)a.mant;
    if (a.mant) v = total >= 0 ? v * pow10i(total) : v / pow10i(-total);
    if (!isfinite(v)) return 0;
    int place = e - decimals;
    if (place > MAX_DECIMAL_EXP || place < -MAX_DECIMAL_EXP) return 0;
    out->value = neg ? -v : v;
    out->off = i;
    out->len = p - i;
    out->ulp = pow10i(place);
    out->neg = neg;
    out->decimals = decimals;
    out->has_sep = has_sep;
    out->has_exp = has_exp;
    out->groups = groups;
    return 1;
}
