/* STUB: bundled data loader. */
#include "tc_internal.h"

struct tc_data { int dummy; };
int tc_data_bundled(tc_data **out) { *out = calloc(1, sizeof **out); return *out ? TC_OK : TC_ENOMEM; }
int tc_data_load(const char *json, size_t len, tc_data **out, char *err, size_t errlen)
{ (void)json; (void)len; (void)err; (void)errlen; *out = NULL; return TC_EPARSE; }
void tc_data_free(tc_data *d) { free(d); }
static int empty(char **out, size_t *n) { *out = strdup("[]"); if (n) *n = 2; return *out ? TC_OK : TC_ENOMEM; }
int tc_data_documents_json(const tc_data *d, char **out, size_t *n) { (void)d; return empty(out, n); }
int tc_data_trials_json(const tc_data *d, char **out, size_t *n) { (void)d; return empty(out, n); }
int tc_data_trial_json(const tc_data *d, const char *k, size_t kl, char **out, size_t *n)
{ (void)d; (void)k; (void)kl; (void)out; (void)n; return TC_ENOTFOUND; }
int tc_data_document_json(const tc_data *d, const char *k, size_t kl, char **out, size_t *n)
{ (void)d; (void)k; (void)kl; (void)out; (void)n; return TC_ENOTFOUND; }
const char *tc_data_recognize(const tc_data *d, const tc_doc *doc) { (void)d; (void)doc; return NULL; }
