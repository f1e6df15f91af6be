/* STUB */
#include "tc_internal.h"

int tc_text_clean(const char *text, size_t len, char **out, size_t *out_len)
{
    if (!out || (!text && len)) return TC_EINVAL;
    char *p = malloc(len + 1);
    if (!p) return TC_ENOMEM;
    if (len) memcpy(p, text, len);
    p[len] = '\0';
    *out = p; if (out_len) *out_len = len;
    return TC_OK;
}
