/* The streaming JSON writer (tc_jsonw.h): cJSON_PrintUnformatted's bytes without a
 * tree.  Strings are escaped a chunk at a time into room reserved once per chunk;
 * numbers take a fast path for integers and for short decimals, and fall back to
 * cJSON's own sprintf/strtod round trip otherwise. */
#include "tc_jsonw.h"
#include "tc_text.h"
#include <cjson/cJSON.h>
#include <locale.h>
#include <math.h>
#include <float.h>
#include <stdio.h>

/* ---- buffer ---- */

void tc_jw_init(tc_jw *w, size_t hint)
{
    w->base = w->p = w->end = NULL;
    w->comma = w->oom = 0;
    /* A large output is written front to back once: huge pages where offered. */
    if (hint && (w->base = tc_alloc_big(hint))) { w->p = w->base; w->end = w->base + hint; }
}

void tc_jw_free(tc_jw *w)
{
    free(w->base);
    w->base = w->p = w->end = NULL;
}

/* Room for n more bytes (and the final NUL); 0 after a failure. */
static int grow(tc_jw *w, size_t n)
{
    if (w->oom) return 0;
    size_t used = (size_t)(w->p - w->base), cap = (size_t)(w->end - w->base), want = used + n + 1;
    if (want <= cap) return 1;
    if (want < used) { w->oom = 1; return 0; }
    if (cap < 256) cap = 256;
    while (cap < want) {
        if (cap > SIZE_MAX / 2) { w->oom = 1; return 0; }
        cap *= 2;
    }
    char *q = realloc(w->base, cap);
    if (!q) { w->oom = 1; return 0; }
    w->base = q; w->p = q + used; w->end = q + cap;
    return 1;
}

static inline int room(tc_jw *w, size_t n)
{
    return (size_t)(w->end - w->p) > n ? 1 : grow(w, n);
}

char *tc_jw_take(tc_jw *w, size_t *len)
{
    if (!room(w, 0)) { tc_jw_free(w); return NULL; }
    size_t n = (size_t)(w->p - w->base);
    *w->p = '\0';
    char *s = w->base;
    /* Give back the slack of the last doubling (realloc shrinks in place). */
    if ((size_t)(w->end - w->p) > 4096) {
        char *q = realloc(s, n + 1);
        if (q) s = q;
    }
    w->base = w->p = w->end = NULL;
    w->comma = 0;
    if (len) *len = n;
    return s;
}

/* ---- structure ---- */

static inline void sep(tc_jw *w)
{
    if (w->comma) *w->p++ = ',';
}

void tc_jw_obj(tc_jw *w) { if (room(w, 2)) { sep(w); *w->p++ = '{'; w->comma = 0; } }
void tc_jw_arr(tc_jw *w) { if (room(w, 2)) { sep(w); *w->p++ = '['; w->comma = 0; } }
void tc_jw_obj_end(tc_jw *w) { if (room(w, 1)) { *w->p++ = '}'; w->comma = 1; } }
void tc_jw_arr_end(tc_jw *w) { if (room(w, 1)) { *w->p++ = ']'; w->comma = 1; } }

void tc_jw_keyn(tc_jw *w, const char *key, size_t n)
{
    if (!room(w, n + 4)) return;
    sep(w);
    *w->p++ = '"';
    memcpy(w->p, key, n);
    w->p += n;
    *w->p++ = '"';
    *w->p++ = ':';
    w->comma = 0;
}

static void literal(tc_jw *w, const char *s, size_t n)
{
    if (!room(w, n + 1)) return;
    sep(w);
    memcpy(w->p, s, n);
    w->p += n;
    w->comma = 1;
}

size_t tc_jw_begin(tc_jw *w)
{
    if (w->comma && room(w, 1)) { *w->p++ = ','; w->comma = 0; }
    return tc_jw_len(w);
}

void tc_jw_again(tc_jw *w, size_t from, size_t len)
{
    if (from > tc_jw_len(w) || len > tc_jw_len(w) - from || !room(w, len + 1)) return;
    sep(w);
    memcpy(w->p, w->base + from, len);   /* after room(): base may have moved */
    w->p += len;
    w->comma = 1;
}

void tc_jw_bool(tc_jw *w, int v) { if (v) literal(w, "true", 4); else literal(w, "false", 5); }
void tc_jw_null(tc_jw *w) { literal(w, "null", 4); }

/* ---- numbers ---- */

static const char DIGITS2[201] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* Decimal digits of v at the end of buf[0, 24); returns the first. */
static char *utoa_end(unsigned long long v, char *end)
{
    char *q = end;
    while (v >= 100) { unsigned d = (unsigned)(v % 100) * 2; v /= 100; *--q = DIGITS2[d + 1]; *--q = DIGITS2[d]; }
    if (v >= 10) { unsigned d = (unsigned)v * 2; *--q = DIGITS2[d + 1]; *--q = DIGITS2[d]; }
    else *--q = (char)('0' + v);
    return q;
}

static void put_int(tc_jw *w, long long v)
{
    char buf[24], *end = buf + sizeof buf;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    char *q = utoa_end(u, end);
    if (v < 0) *--q = '-';
    memcpy(w->p, q, (size_t)(end - q));
    w->p += end - q;
}

static const double POW10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                1e12, 1e13, 1e14, 1e15, 1e16, 1e17 };

/* A short decimal m / 10^k that d is the nearest double to, written as %1.15g writes
 * it: m has at most 15 digits, so that decimal is the one %1.15g picks and reads back
 * as d (cJSON keeps it); fixed notation when its exponent is in [-4, 15).  Returns 0
 * when d is not such a decimal. */
static int put_short_decimal(tc_jw *w, double d)
{
    double a = fabs(d);
    if (!(a >= 1e-4 && a < 1e15)) return 0;
    for (int k = 1; k <= 17; k++) {
        double x = a * POW10[k];
        if (x >= 1e15) return 0;
        unsigned long long m = (unsigned long long)(x + 0.5);
        if ((double)m / POW10[k] != a) continue;
        char buf[24], *end = buf + sizeof buf, *q = utoa_end(m, end);
        int nd = (int)(end - q);
        /* a trailing zero would have matched at a smaller k: leave oddities to sprintf */
        if (nd - 1 - k < -4 || m % 10 == 0) return 0;
        char *o = w->p;
        if (d < 0) *o++ = '-';
        if (nd > k) {                 /* 12.34 */
            memcpy(o, q, (size_t)(nd - k)); o += nd - k;
            *o++ = '.';
            memcpy(o, q + nd - k, (size_t)k); o += k;
        } else {                      /* 0.0034 */
            *o++ = '0'; *o++ = '.';
            for (int z = nd; z < k; z++) *o++ = '0';
            memcpy(o, q, (size_t)nd); o += nd;
        }
        w->p = o;
        return 1;
    }
    return 0;
}

/* cJSON's own way (print_number in cJSON.c 1.7.x): %1.15g, read back, %1.17g when
 * that differs by more than an epsilon; the locale's decimal point becomes '.'. */
static void put_general(tc_jw *w, double d)
{
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%1.15g", d);
    double back = strtod(buf, NULL);
    double mx = fabs(back) > fabs(d) ? fabs(back) : fabs(d);
    if (!(fabs(back - d) <= mx * DBL_EPSILON)) n = snprintf(buf, sizeof buf, "%1.17g", d);
    if (n < 0 || (size_t)n >= sizeof buf) n = 0;
    char dp = localeconv()->decimal_point[0];
    for (int i = 0; i < n; i++) *w->p++ = buf[i] == dp ? '.' : buf[i];
}

/* Integers below 1e15 print as %1.15g prints them: all digits, no exponent. */
void tc_jw_num(tc_jw *w, double d)
{
    if (!room(w, 32)) return;
    sep(w);
    w->comma = 1;
    if (isnan(d) || isinf(d)) { memcpy(w->p, "null", 4); w->p += 4; return; }
    if (d == 0 && signbit(d)) { memcpy(w->p, "-0", 2); w->p += 2; return; }   /* as cJSON 1.7.15 */
    if (d == trunc(d) && fabs(d) < 1e15) { put_int(w, (long long)d); return; }
    if (!put_short_decimal(w, d)) put_general(w, d);
}

void tc_jw_int(tc_jw *w, long long v)
{
    if (v > -1000000000000000LL && v < 1000000000000000LL) {
        if (!room(w, 24)) return;
        sep(w);
        w->comma = 1;
        put_int(w, v);
    } else {
        tc_jw_num(w, (double)v);
    }
}

/* ---- strings ---- */

/* 0: copied; 1: escaped (control characters, '"', '\\'); 2: not ASCII. */
static const unsigned char CLASS[256] = {
    1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1, 1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
    0,0,1,0,0,0,0,0,0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,
    0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2, 2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2, 2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2, 2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
    2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2, 2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
};

static char *escape(char *o, unsigned char c)
{
    static const char HEX[] = "0123456789abcdef";
    *o++ = '\\';
    switch (c) {
    case '"': *o++ = '"'; break;
    case '\\': *o++ = '\\'; break;
    case '\b': *o++ = 'b'; break;
    case '\f': *o++ = 'f'; break;
    case '\n': *o++ = 'n'; break;
    case '\r': *o++ = 'r'; break;
    case '\t': *o++ = 't'; break;
    default: *o++ = 'u'; *o++ = '0'; *o++ = '0'; *o++ = HEX[c >> 4]; *o++ = HEX[c & 15]; break;
    }
    return o;
}

/* Input bytes escaped per reservation: the worst case is 6 output bytes per byte, so
 * a long span never needs a reservation of six times its whole length. */
#define CHUNK 4096

static void string(tc_jw *w, const char *s, size_t len, int repair)
{
    const unsigned char *p = (const unsigned char *)s, *e = p + len;
    if (!room(w, 3)) return;
    sep(w);
    *w->p++ = '"';
    while (p < e) {
        const unsigned char *ce = (size_t)(e - p) > CHUNK ? p + CHUNK : e;
        /* +8: a UTF-8 sequence starting before ce may end up to 3 bytes after it. */
        if (!room(w, (size_t)(ce - p) * 6 + 8)) return;
        char *o = w->p;
        while (p < ce) {
            const unsigned char *r = p;
            /* 16 bytes at a time to the first that is not copied as it is; the 16 are
             * copied whole (the reservation covers 6 bytes per input byte left). */
            while (r + 16 <= ce) {
                tc_v16 v;
                memcpy(&v, r, 16);
                tc_v16 m = (tc_v16)((v < 0x20) | (v == '"') | (v == '\\'));
                if (repair) m |= (tc_v16)(v >= 0x80);
                unsigned k = tc_first_marked16(m);
                memcpy(o, r, 16);
                o += k; r += k;
                if (k < 16) break;
            }
            p = r;
            if (p >= ce) break;
            while (r < ce && !CLASS[*r]) r++;
            if (r > p) { memcpy(o, p, (size_t)(r - p)); o += r - p; p = r; if (p >= ce) break; }
            unsigned char c = *p;
            if (CLASS[c] == 1) {
                if (repair && c == 0) { memcpy(o, "\xEF\xBF\xBD", 3); o += 3; }
                else o = escape(o, c);
                p++;
            } else if (!repair) {
                *o++ = (char)c; p++;
            } else {
                size_t k = tc_utf8_valid(p, (size_t)(e - p));
                if (k) { memcpy(o, p, k); o += k; p += k; }
                else { memcpy(o, "\xEF\xBF\xBD", 3); o += 3; p++; }
            }
        }
        w->p = o;
    }
    if (!room(w, 1)) return;
    *w->p++ = '"';
    w->comma = 1;
}

void tc_jw_str(tc_jw *w, const char *s, size_t len) { string(w, s ? s : "", s ? len : 0, 0); }
void tc_jw_text(tc_jw *w, const char *s, size_t len) { string(w, s ? s : "", s ? len : 0, 1); }

void tc_jw_text_clean(tc_jw *w, const char *s, size_t len)
{
    /* Context strings are short: a stack copy serves nearly always. */
    char buf[256], *p = len <= sizeof buf ? buf : malloc(len);
    if (!p) { tc_jw_text(w, s, len); return; }
    memcpy(p, s, len);
    tc_jw_text(w, p, tc_clean_inplace(p, len));
    if (p != buf) free(p);
}

/* ---- cJSON values ---- */

void tc_jw_cjson(tc_jw *w, const cJSON *v)
{
    const cJSON *c;
    if (!v) { w->oom = 1; return; }   /* cJSON_PrintUnformatted(NULL) fails too */
    switch (v->type & 0xFF) {
    case cJSON_False: tc_jw_bool(w, 0); break;
    case cJSON_True: tc_jw_bool(w, 1); break;
    case cJSON_NULL: tc_jw_null(w); break;
    case cJSON_Number: tc_jw_num(w, v->valuedouble); break;
    case cJSON_String: tc_jw_str(w, v->valuestring, v->valuestring ? strlen(v->valuestring) : 0); break;
    case cJSON_Raw:
        if (!v->valuestring) { w->oom = 1; break; }
        literal(w, v->valuestring, strlen(v->valuestring));
        break;
    case cJSON_Array:
        tc_jw_arr(w);
        for (c = v->child; c; c = c->next) tc_jw_cjson(w, c);
        tc_jw_arr_end(w);
        break;
    case cJSON_Object:
        tc_jw_obj(w);
        for (c = v->child; c; c = c->next) {
            tc_jw_str(w, c->string, c->string ? strlen(c->string) : 0);
            if (room(w, 1)) { *w->p++ = ':'; w->comma = 0; }
            tc_jw_cjson(w, c);
        }
        tc_jw_obj_end(w);
        break;
    default: w->oom = 1; break;   /* cJSON_Invalid: cJSON prints nothing */
    }
}

char *tc_jw_print(const cJSON *v, size_t *len)
{
    tc_jw w;
    tc_jw_init(&w, 0);
    tc_jw_cjson(&w, v);
    return tc_jw_take(&w, len);
}
