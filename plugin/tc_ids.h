/* Identifier recognition (tc_ids.c): DOIs, PMIDs, PMCIDs and free text. */
#ifndef TC_IDS_H
#define TC_IDS_H
#include "tc_internal.h"

/* Longest normalised DOI we keep (DOIs have no formal limit; real ones are < 300). */
#define TC_DOI_MAX 512

/* What a query string turned out to be. */
typedef enum tc_id_kind { TC_ID_NONE = 0, TC_ID_DOI, TC_ID_PMID, TC_ID_PMCID, TC_ID_TEXT } tc_id_kind;

/* "12345", "PMID: 12345", "pmid:12345", "https://pubmed.ncbi.nlm.nih.gov/12345/" ->
 * digits in out (NUL-terminated).  TC_OK or TC_EPARSE. */
TC_HIDDEN int tc_pmid_normalize(const char *s, size_t len, char *out, size_t outlen, size_t *out_len);
/* "PMC10704342", "pmc10704342", "PMCID: PMC10704342" -> "PMC10704342".  TC_OK or TC_EPARSE. */
TC_HIDDEN int tc_pmcid_normalize(const char *s, size_t len, char *out, size_t outlen, size_t *out_len);

/* Classifies s as kind (a tc_query_kind; TC_Q_AUTO guesses) and writes the normalised
 * identifier (or the whitespace-collapsed text) into *norm (caller frees with tc_free).
 * On TC_EPARSE err receives a message saying what was expected. */
TC_HIDDEN int tc_id_classify(int kind, const char *s, size_t len, int *id_kind,
                             char **norm, size_t *norm_len, char *err, size_t errlen);
#endif
