/* Crossref and E-utilities JSON -> CSL-JSON (tc_csl.c).  All functions take the
 * response as (pointer, length), bound nesting by TC_MAX_JSON_DEPTH and never trust
 * field types: a field of an unexpected type is ignored. */
#ifndef TC_CSL_H
#define TC_CSL_H
#include "tc_internal.h"

/* A Crossref /works/{doi} answer ({"message": work}) or a bare work object -> one CSL
 * item as JSON text in *out (caller frees with tc_free).  TC_EPARSE with a message in
 * err for anything that is not a work. */
TC_HIDDEN int tc_csl_from_crossref(const char *json, size_t len, char **out, size_t *out_len,
                                   char *err, size_t errlen);

/* An esummary.fcgi?db=pubmed answer -> the CSL item for pmid (digits).  TC_ENOTFOUND when
 * the answer says the id does not exist, TC_EPARSE when it is malformed. */
TC_HIDDEN int tc_csl_from_esummary(const char *json, size_t len, const char *pmid,
                                   char **out, size_t *out_len, char *err, size_t errlen);

/* The same for db=pubmed (pmc 0, uid a PMID) or db=pmc (pmc 1, uid the PMCID's digits). */
TC_HIDDEN int tc_csl_from_esummary_db(const char *json, size_t len, const char *uid, int pmc,
                                      char **out, size_t *out_len, char *err, size_t errlen);

/* A Crossref /works?query.bibliographic= answer: the CSL item of the best candidate
 * that tc_match_work accepts for the free-text reference, with the verdict in
 * custom.trialcite_match; else TC_ENOTFOUND "no match" (naming the nearest candidate
 * and why it was rejected). */
TC_HIDDEN int tc_csl_match_crossref(const char *json, size_t len, const char *text, size_t text_len,
                                    char **out, size_t *out_len, char *err, size_t errlen);

/* Crossref {"date-parts": [[y, m, d]]} under key k: 1 with y (m, d or 0), else 0. */
struct cJSON;
/* Field access on Crossref/esummary objects: a member of an object (NULL when o is
 * not one), a string member, and a string member or the first non-empty string of an
 * array member (Crossref's title is an array). */
TC_HIDDEN const struct cJSON *tc_csl_get(const struct cJSON *o, const char *k);
TC_HIDDEN const char *tc_csl_get_str(const struct cJSON *o, const char *k);
TC_HIDDEN const char *tc_csl_first_str(const struct cJSON *o, const char *k);
TC_HIDDEN int tc_csl_date(const struct cJSON *work, const char *k, int *y, int *m, int *d);

/* Title clean-up shared by both mappers: markup stripped, HTML entities decoded,
 * white space collapsed.  Returns a malloc'ed NUL-terminated string or NULL. */
TC_HIDDEN char *tc_csl_clean_title(const char *s, size_t len, size_t *out_len);
#endif
