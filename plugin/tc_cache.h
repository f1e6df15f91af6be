/* On-disk cache of resolved items (tc_cache.c).  One file per key, written to a
 * temporary file and renamed into place, so readers see a whole entry or none; a
 * damaged entry reads as a miss. */
#ifndef TC_CACHE_H
#define TC_CACHE_H
#include "tc_internal.h"

/* Negative answers ("not found", "no match") are trusted this long. */
#define TC_CACHE_NEGATIVE_TTL (24 * 3600)

typedef struct tc_cache tc_cache;

/* dir NULL: $TRIALCITE_CACHE, else $XDG_CACHE_HOME/trialcite, else ~/.cache/trialcite.
 * The directory is created (mode 0700) on first write, not here. */
TC_HIDDEN int tc_cache_open(const char *dir, tc_cache **out);
TC_HIDDEN void tc_cache_close(tc_cache *c);
TC_HIDDEN const char *tc_cache_dir(const tc_cache *c);

/* Looks key up.  TC_OK: *json (caller frees) holds the item.  TC_ENOTFOUND: a fresh
 * negative entry, its message in msg.  TC_EOFFLINE: no usable entry (a miss). */
TC_HIDDEN int tc_cache_get(tc_cache *c, const char *key, size_t key_len,
                           char **json, size_t *json_len, char *msg, size_t msglen);
/* Stores an item (status TC_OK, data = CSL-JSON) or a negative answer (TC_ENOTFOUND,
 * data = message).  Returns TC_OK or TC_EIO; a failed write never disturbs an entry. */
TC_HIDDEN int tc_cache_put(tc_cache *c, const char *key, size_t key_len, int status,
                           const char *data, size_t len);
#endif
