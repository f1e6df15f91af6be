/* STUB: resolver. */
#include "tc_internal.h"

struct tc_resolver { int dummy; };
int tc_resolver_new(const tc_resolver_opts *o, tc_resolver **out) { (void)o; *out = calloc(1, sizeof **out); return *out ? TC_OK : TC_ENOMEM; }
void tc_resolver_free(tc_resolver *r) { free(r); }
int tc_resolve(tc_resolver *r, const tc_query *q, tc_result *res) { (void)r; (void)q; res->status = TC_EOFFLINE; res->json = NULL; strcpy(res->error, "not built yet"); return res->status; }
int tc_resolve_many(tc_resolver *r, const tc_query *q, size_t n, tc_result *res, tc_progress_fn p, void *ud)
{ (void)p; (void)ud; for (size_t i = 0; i < n; i++) tc_resolve(r, &q[i], &res[i]); return TC_OK; }
int tc_doi_normalize(const char *s, size_t len, char *out, size_t outlen, size_t *out_len)
{ (void)s; (void)len; (void)out; (void)outlen; (void)out_len; return TC_EPARSE; }
