/* Internal: a streaming JSON writer into one growing buffer, for everything the
 * library writes as JSON.  Its bytes are exactly cJSON_PrintUnformatted's for the same
 * values (string escapes, number formatting, separators), without a tree: no
 * allocation per node, key or string, and numbers without sprintf/sscanf in the
 * common cases.
 *
 * Commas are placed by the writer: a value or key after a value gets one.  After an
 * allocation failure every call does nothing and tc_jw_take returns NULL. */
#ifndef TC_JSONW_H
#define TC_JSONW_H

#include "tc_internal.h"

typedef struct tc_jw {
    char *base, *p, *end;  /* buffer, write position, end of capacity */
    int comma;             /* the next value or key needs a ',' first */
    int oom;
} tc_jw;

/* hint: expected size in bytes (0: small). */
TC_HIDDEN void tc_jw_init(tc_jw *w, size_t hint);
TC_HIDDEN void tc_jw_free(tc_jw *w);
/* The NUL-terminated text (the caller frees it with free/tc_free) and its length;
 * NULL after an allocation failure.  The writer is empty afterwards. */
TC_HIDDEN char *tc_jw_take(tc_jw *w, size_t *len);

TC_HIDDEN void tc_jw_obj(tc_jw *w);
TC_HIDDEN void tc_jw_obj_end(tc_jw *w);
TC_HIDDEN void tc_jw_arr(tc_jw *w);
TC_HIDDEN void tc_jw_arr_end(tc_jw *w);
/* A key known to need no escaping (the library's own ASCII field names); inline so
 * that the length of a literal key is known at compile time. */
TC_HIDDEN void tc_jw_keyn(tc_jw *w, const char *key, size_t n);
static inline void tc_jw_key(tc_jw *w, const char *key) { tc_jw_keyn(w, key, strlen(key)); }
/* A number as cJSON prints it: integers in int range with %d, else %1.15g when that
 * reads back as the same double, else %1.17g; NaN and infinities as null. */
TC_HIDDEN void tc_jw_num(tc_jw *w, double v);
TC_HIDDEN void tc_jw_int(tc_jw *w, long long v);
TC_HIDDEN void tc_jw_bool(tc_jw *w, int v);
TC_HIDDEN void tc_jw_null(tc_jw *w);
/* Bytes as they are, escaped as cJSON escapes them (no UTF-8 repair). */
TC_HIDDEN void tc_jw_str(tc_jw *w, const char *s, size_t len);
/* Text from a document: invalid UTF-8 and NUL bytes become U+FFFD (so that the output
 * is always valid JSON), then escaped as tc_jw_str. */
TC_HIDDEN void tc_jw_text(tc_jw *w, const char *s, size_t len);
/* The same, white space folded as tc_text_clean does: for the context strings of
 * statistics (timepoint, subgroup, noun), which every host gets without line breaks. */
TC_HIDDEN void tc_jw_text_clean(tc_jw *w, const char *s, size_t len);
/* A cJSON value, as cJSON_PrintUnformatted would print it. */
struct cJSON;
TC_HIDDEN void tc_jw_cjson(tc_jw *w, const struct cJSON *v);

/* Repeated values: tc_jw_begin writes the separator a value needs and returns the
 * offset where the value starts; once it is written, tc_jw_len is where it ends, and
 * tc_jw_again writes the bytes [from, from + len) of this output once more as the next
 * value (a record that appears in several places is formatted once). */
TC_HIDDEN size_t tc_jw_begin(tc_jw *w);
static inline size_t tc_jw_len(const tc_jw *w) { return (size_t)(w->p - w->base); }
TC_HIDDEN void tc_jw_again(tc_jw *w, size_t from, size_t len);

/* A cJSON value as cJSON_PrintUnformatted's text (the caller frees it), or NULL. */
TC_HIDDEN char *tc_jw_print(const struct cJSON *v, size_t *len);

/* Fields: one call per key and value, so that adding a field is one line. */
static inline void tc_jw_knum(tc_jw *w, const char *k, double v) { tc_jw_key(w, k); tc_jw_num(w, v); }
static inline void tc_jw_kint(tc_jw *w, const char *k, long long v) { tc_jw_key(w, k); tc_jw_int(w, v); }
static inline void tc_jw_kbool(tc_jw *w, const char *k, int v) { tc_jw_key(w, k); tc_jw_bool(w, v); }
static inline void tc_jw_kstr(tc_jw *w, const char *k, const char *s) { tc_jw_key(w, k); tc_jw_str(w, s, strlen(s)); }
static inline void tc_jw_ktext(tc_jw *w, const char *k, const char *s, size_t n) { tc_jw_key(w, k); tc_jw_text(w, s, n); }
static inline void tc_jw_ktext_clean(tc_jw *w, const char *k, const char *s, size_t n) { tc_jw_key(w, k); tc_jw_text_clean(w, s, n); }
static inline void tc_jw_kobj(tc_jw *w, const char *k) { tc_jw_key(w, k); tc_jw_obj(w); }
static inline void tc_jw_karr(tc_jw *w, const char *k) { tc_jw_key(w, k); tc_jw_arr(w); }
static inline void tc_jw_kcjson(tc_jw *w, const char *k, const struct cJSON *v) { tc_jw_key(w, k); tc_jw_cjson(w, v); }

/* A statistic's sd, se, unit, ci and p members, as the document's JSON and lookup
 * findings both write them (tc_json.c). */
TC_HIDDEN void tc_jw_stat_numbers(tc_jw *w, const tc_stat *s);

#endif
