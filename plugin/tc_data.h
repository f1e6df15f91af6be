/* Internal access to loaded trial data (tc_data.c), for lookup and enrichment.
 * The trees are owned by the tc_data handle and valid while it lives. */
#ifndef TC_DATA_H
#define TC_DATA_H

#include "tc_internal.h"
#include <cjson/cJSON.h>

/* Bundled document by id (e.g. "minerva-20707"), or NULL.  Shape: see README "Data
 * schema": id, title, date, lang, url, appraises (trial id), appraised_reference
 * (the number citing the appraised trial), references: [{number, sections, cited_for,
 * ...}], ... */
TC_HIDDEN const cJSON *tc_data_document(const tc_data *data, const char *id, size_t len);
/* Trial by id, DOI in any form, PMID or registration number, or NULL. */
TC_HIDDEN const cJSON *tc_data_trial(const tc_data *data, const char *key, size_t len);
/* Arrays of all documents / trials. */
TC_HIDDEN const cJSON *tc_data_documents(const tc_data *data);
TC_HIDDEN const cJSON *tc_data_trials(const tc_data *data);
/* The bundled document a parsed text is (whatever its line breaks), or NULL. */
TC_HIDDEN const cJSON *tc_data_recognize_doc(const tc_data *data, const tc_doc *doc);

#endif
