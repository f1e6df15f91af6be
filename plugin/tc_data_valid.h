/* Validation of trial-data JSON (tc_data_valid.c): the shape documented in README
 * "Data schema" and plugin/data/schema/trial.schema.json.  Internal. */
#ifndef TC_DATA_VALID_H
#define TC_DATA_VALID_H

#include "tc_internal.h"
#include <cjson/cJSON.h>

/* Checks a parsed data file ({"documents": [...], "trials": [...]}).  Returns TC_OK or
 * TC_EPARSE with a NUL-terminated message in err naming the field, such as
 * "trials[1].results[3].ci.low: expected a number" (array indices are 1-based).
 * err may be NULL when errlen is 0. */
TC_HIDDEN int tc_data_validate(const cJSON *root, char *err, size_t errlen);

/* The node a record path ("results[1].ci.low", indices 1-based) names inside rec,
 * or NULL. */
TC_HIDDEN const cJSON *tc_data_path(const cJSON *rec, const char *path);

#endif
