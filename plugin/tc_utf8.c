/* UTF-8 helpers for scanners that must accept any bytes. */
#include "tc_internal.h"

size_t tc_utf8_valid(const unsigned char *s, size_t n)
{
    if (!n) return 0;
    unsigned c = s[0];
    if (c < 0x80) return 1;
    size_t k; unsigned min;
    if (c >= 0xC2 && c <= 0xDF) { k = 2; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { k = 3; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { k = 4; min = 0x10000; }
    else return 0;
    if (n < k) return 0;
    unsigned cp = c & (0x3F >> (k - 1));
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return k;
}

unsigned tc_utf8_decode(const unsigned char *s, size_t n, size_t *len)
{
    size_t k = tc_utf8_valid(s, n);
    if (!k) { *len = n ? 1 : 0; return 0xFFFD; }
    *len = k;
    if (k == 1) return s[0];
    unsigned cp = s[0] & (0x3F >> (k - 1));
    for (size_t i = 1; i < k; i++) cp = (cp << 6) | (s[i] & 0x3F);
    return cp;
}
