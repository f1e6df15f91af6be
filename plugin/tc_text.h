/* Character classes and small helpers shared by the text-engine stages
 * (tc_sections.c, tc_markers.c, tc_sentences.c, tc_clean.c, tc_lang.c).
 * Byte-level and locale-free: any byte sequence is valid input. */
#ifndef TC_TEXT_H
#define TC_TEXT_H

#include "tc_internal.h"

static inline int tc_is_digit(unsigned c) { return c - '0' < 10u; }
static inline int tc_is_lower_ascii(unsigned c) { return c - 'a' < 26u; }
static inline int tc_is_upper_ascii(unsigned c) { return c - 'A' < 26u; }
static inline int tc_is_alpha_ascii(unsigned c) { return (c | 0x20) - 'a' < 26u; }
/* Horizontal white space (CR counts: CRLF lines end in "\r\n"). */
static inline int tc_is_hspace(unsigned c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }
static inline int tc_is_space(unsigned c) { return c == '\n' || tc_is_hspace(c); }
/* Letters for word scanning: ASCII letters and any byte of a multi-byte UTF-8
 * sequence (accented letters; punctuation above U+007F is rare inside words). */
static inline int tc_is_wordbyte(unsigned c) { return tc_is_alpha_ascii(c) || c >= 0x80; }

/* A lower-case letter starts at s[0..n): ASCII a-z or Latin-1 lower case (U+00DF-U+00FF). */
static inline int tc_starts_lower(const unsigned char *s, size_t n)
{
    if (!n) return 0;
    if (tc_is_lower_ascii(s[0])) return 1;
    return n >= 2 && s[0] == 0xC3 && s[1] >= 0x9F && s[1] <= 0xBF && s[1] != 0xB7;
}

/* Lower-cases one byte of ASCII or the second byte of a Latin-1 capital (C3 80-9E). */
static inline unsigned char tc_fold(unsigned char prev, unsigned char c)
{
    if (tc_is_upper_ascii(c)) return (unsigned char)(c | 0x20);
    if (prev == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97) return (unsigned char)(c + 0x20);
    return c;
}

/* Does the literal lit equal s[0..n)?  (s may hold NUL bytes, so no strncmp.) */
static inline int tc_word_eq(const char *lit, const char *s, size_t n)
{
    return n && lit[0] == s[0] && strnlen(lit, n + 1) == n && !memcmp(lit, s, n);
}

/* Length of a dash at s (hyphen-minus, U+2010-U+2014, U+2212 minus), else 0. */
static inline size_t tc_dash_len(const unsigned char *s, size_t n)
{
    if (n >= 1 && s[0] == '-') return 1;
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x90 && s[2] <= 0x94) return 3;
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x88 && s[2] == 0x92) return 3;
    return 0;
}

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* 16 bytes for GCC/Clang vector extensions (SSE2 or NEON compares where available). */
typedef unsigned char tc_v16 __attribute__((vector_size(16)));

/* The offset (0-16) of the first marked byte of a vector compare's result m: the scanners
 * jump straight to the byte they look for instead of testing the bytes before it
 * again one by one. */
static inline unsigned tc_first_marked16(tc_v16 m)
{
#if defined(__SSE2__)
    /* One byte-sign mask instead of testing two 64-bit halves: the branch on the halves
     * was a twentieth of a parse's instructions. */
    unsigned mask = (unsigned)_mm_movemask_epi8((__m128i)m);
    return mask ? (unsigned)__builtin_ctz(mask) : 16;
#else
    uint64_t h[2];
    memcpy(h, &m, 16);
    for (int k = 0; k < 2; k++)
        if (h[k])
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
            return 8 * (unsigned)k + (unsigned)__builtin_clzll(h[k]) / 8;
#else
            return 8 * (unsigned)k + (unsigned)__builtin_ctzll(h[k]) / 8;
#endif
    return 16;
#endif
}

/* The marked bytes of a vector compare's result m, one bit each (bit k: byte k): for
 * visiting every marked byte without writing into the vector (a byte store into it
 * and the reload for the next search stall the store-to-load forwarding). */
static inline unsigned tc_marked16(tc_v16 m)
{
#if defined(__SSE2__)
    return (unsigned)_mm_movemask_epi8((__m128i)m);
#else
    unsigned r = 0;
    for (int k = 0; k < 16; k++) r |= (unsigned)(m[k] >> 7) << k;
    return r;
#endif
}

/* Offset of the first '\n' in s[i..n), or n.  Inline, 16 bytes a compare: lines run a
 * few dozen bytes, where calling memchr costs more than the search itself. */
static inline size_t tc_find_nl(const unsigned char *s, size_t i, size_t n)
{
    while (i + 16 <= n) {
        tc_v16 v;
        memcpy(&v, s + i, 16);
        unsigned k = tc_first_marked16((tc_v16)(v == '\n'));
        i += k;
        if (k < 16) return i;
    }
    while (i < n && s[i] != '\n') i++;
    return i;
}

/* Innermost section containing off, walking a cursor that only moves forward
 * (callers visit offsets in text order, so a whole stage is linear).  *cursor
 * starts at 0.  Returns the section index or -1. */
TC_HIDDEN int tc_section_walk(const tc_doc *doc, size_t *cursor, size_t off);

/* Does the text put a blank line after every line, as PDF extractions do (so that one
 * blank line is no paragraph break)?  Decided from a sample (tc_sentences.c). */
TC_HIDDEN int tc_double_spaced(const unsigned char *s, size_t n);

#endif
