/* Validation of trial-data JSON.  Each record kind has a table of known fields with
 * their types; unknown fields are allowed (more is welcome) except at the top level,
 * where a typo such as "trial" would otherwise load nothing.  Every error names the
 * field by its path, array indices 1-based as in Lua: "trials[1].results[3].ci.low". */
#include "tc_data_valid.h"
#include <math.h>
#include <stdarg.h>
#include <stdio.h>

typedef struct vctx {
    char path[512];
    size_t n;
    char *err;
    size_t errlen;
} vctx;

enum { F_STR = 1, F_NUM, F_INT, F_BOOL, F_OBJ, F_ARR, F_STR_OR_OBJ };

typedef struct field { const char *key; int type; int required; } field;

/* ---- path bookkeeping ----------------------------------------------------- */

static size_t push_key(vctx *v, const char *key)
{
    size_t old = v->n;
    int k = snprintf(v->path + v->n, sizeof v->path - v->n, "%s%s", v->n ? "." : "", key);
    if (k > 0) v->n = v->n + (size_t)k < sizeof v->path ? v->n + (size_t)k : sizeof v->path - 1;
    return old;
}

static size_t push_idx(vctx *v, int i)
{
    size_t old = v->n;
    int k = snprintf(v->path + v->n, sizeof v->path - v->n, "[%d]", i + 1);
    if (k > 0) v->n = v->n + (size_t)k < sizeof v->path ? v->n + (size_t)k : sizeof v->path - 1;
    return old;
}

static void pop(vctx *v, size_t old) { v->n = old; v->path[old] = '\0'; }

static int fail(vctx *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(vctx *v, const char *fmt, ...)
{
    if (v->err && v->errlen) {
        int k = snprintf(v->err, v->errlen, "%s: ", v->n ? v->path : "(top level)");
        if (k >= 0 && (size_t)k < v->errlen) {
            va_list ap;
            va_start(ap, fmt);
            vsnprintf(v->err + k, v->errlen - (size_t)k, fmt, ap);
            va_end(ap);
        }
    }
    return TC_EPARSE;
}

/* ---- types ------------------------------------------------------------------ */

static int is_int(const cJSON *x)
{
    return cJSON_IsNumber(x) && x->valuedouble == floor(x->valuedouble) && fabs(x->valuedouble) < 9.0e15;
}

static int type_ok(const cJSON *x, int type)
{
    switch (type) {
    case F_STR: return cJSON_IsString(x);
    case F_NUM: return cJSON_IsNumber(x);
    case F_INT: return is_int(x);
    case F_BOOL: return cJSON_IsBool(x);
    case F_OBJ: return cJSON_IsObject(x);
    case F_ARR: return cJSON_IsArray(x);
    case F_STR_OR_OBJ: return cJSON_IsString(x) || cJSON_IsObject(x);
    default: return 0;
    }
}

static const char *type_name(int type)
{
    switch (type) {
    case F_STR: return "a string";
    case F_NUM: return "a number";
    case F_INT: return "an integer";
    case F_BOOL: return "true or false";
    case F_OBJ: return "an object";
    case F_ARR: return "an array";
    default: return "a string or an object";
    }
}

/* Checks x (at the current path) is of the type. */
static int want(vctx *v, const cJSON *x, int type)
{
    return type_ok(x, type) ? TC_OK : fail(v, "expected %s", type_name(type));
}

/* Checks the fields of obj (itself checked to be an object) against a table ending
 * with { NULL }.  null counts as absent. */
static int check_fields(vctx *v, const cJSON *obj, const field *f)
{
    int rc = TC_OK;
    TC_CHECK(want(v, obj, F_OBJ));
    for (; f->key; f++) {
        const cJSON *x = cJSON_GetObjectItemCaseSensitive(obj, f->key);
        size_t old = push_key(v, f->key);
        if (!x || cJSON_IsNull(x)) rc = f->required ? fail(v, "missing (required)") : TC_OK;
        else rc = want(v, x, f->type);
        if (rc != TC_OK) goto fail;
        pop(v, old);
    }
fail:
    return rc;
}

typedef int (*elem_fn)(vctx *v, const cJSON *x, void *ud);

/* Applies fn to every element of obj[key] (an array, when present). */
static int each(vctx *v, const cJSON *obj, const char *key, int elem_type, elem_fn fn, void *ud)
{
    int rc = TC_OK, i = 0;
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(obj, key), *x;
    size_t old = push_key(v, key);
    if (!arr || cJSON_IsNull(arr)) goto done;
    TC_CHECK(want(v, arr, F_ARR));
    cJSON_ArrayForEach(x, arr) {
        size_t o2 = push_idx(v, i++);
        TC_CHECK(want(v, x, elem_type));
        if (fn) TC_CHECK(fn(v, x, ud));
        pop(v, o2);
    }
done:
    pop(v, old);
fail:
    return rc;
}

/* Runs fn on obj[key] when it is present (its type is checked by a field table). */
static int sub(vctx *v, const cJSON *obj, const char *key, elem_fn fn, void *ud)
{
    int rc = TC_OK;
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(obj, key);
    size_t old = push_key(v, key);
    if (x && !cJSON_IsNull(x)) TC_CHECK(fn(v, x, ud));
    pop(v, old);
fail:
    return rc;
}

static int one_of(vctx *v, const cJSON *obj, const char *key, const char *const *allowed)
{
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!cJSON_IsString(x)) return TC_OK;
    for (; *allowed; allowed++) if (!strcmp(x->valuestring, *allowed)) return TC_OK;
    size_t old = push_key(v, key);
    int rc = fail(v, "unknown value \"%s\"", x->valuestring);
    pop(v, old);
    return rc;
}

/* ---- depth ------------------------------------------------------------------ */

static int check_depth(vctx *v, const cJSON *x, int depth)
{
    int rc = TC_OK, i = 0;
    const cJSON *c;
    if (depth > TC_MAX_JSON_DEPTH) return fail(v, "nested deeper than %d levels", TC_MAX_JSON_DEPTH);
    cJSON_ArrayForEach(c, x) {
        if (!cJSON_IsArray(c) && !cJSON_IsObject(c)) { i++; continue; }
        size_t old = cJSON_IsArray(x) ? push_idx(v, i) : push_key(v, c->string ? c->string : "?");
        TC_CHECK(check_depth(v, c, depth + 1));
        pop(v, old);
        i++;
    }
fail:
    return rc;
}

/* ---- record paths ----------------------------------------------------------- */

const cJSON *tc_data_path(const cJSON *rec, const char *path)
{
    const cJSON *x = rec;
    const char *p = path;
    while (x && *p) {
        char key[128];
        size_t k = 0;
        while (*p && *p != '.' && *p != '[' && k + 1 < sizeof key) key[k++] = *p++;
        key[k] = '\0';
        if (k) x = cJSON_GetObjectItemCaseSensitive(x, key);
        while (x && *p == '[') {
            char *end;
            long i = strtol(p + 1, &end, 10);
            if (*end != ']' || i < 1 || !cJSON_IsArray(x)) return NULL;
            x = cJSON_GetArrayItem(x, (int)(i - 1));
            p = end + 1;
        }
        if (*p == '.') p++;
        else if (*p) return NULL;
    }
    return x;
}

/* ---- documents -------------------------------------------------------------- */

static int valid_section(vctx *v, const cJSON *x, void *ud)
{
    (void)ud;
    for (int k = 0; k < TC_SEC__COUNT; k++)
        if (!strcmp(x->valuestring, tc_section_kind_name(k))) return TC_OK;
    return fail(v, "unknown section kind \"%s\"", x->valuestring);
}

static int valid_reference(vctx *v, const cJSON *x, void *ud)
{
    static const field f[] = {
        { "number", F_INT, 1 }, { "sections", F_ARR, 0 }, { "cited_for", F_STR, 0 },
        { "appraised_trial", F_BOOL, 0 }, { "trial", F_STR, 0 }, { "other_uses", F_ARR, 0 }, { NULL, 0, 0 } };
    int rc = TC_OK;
    TC_CHECK(check_fields(v, x, f));
    const cJSON *num = cJSON_GetObjectItemCaseSensitive(x, "number");
    if (num->valuedouble < 1 || num->valuedouble > TC_MAX_REF_NUMBER) {
        size_t old = push_key(v, "number");
        rc = fail(v, "expected a reference number from 1 to %d", TC_MAX_REF_NUMBER);
        pop(v, old);
        goto fail;
    }
    /* ud: the references seen so far in this document (numbers must be unique). */
    for (const cJSON *prev = ud; prev && prev != x; prev = prev->next) {
        const cJSON *pn = cJSON_GetObjectItemCaseSensitive(prev, "number");
        if (cJSON_IsNumber(pn) && pn->valuedouble == num->valuedouble) {
            size_t old = push_key(v, "number");
            rc = fail(v, "duplicate reference %d", (int)num->valuedouble);
            pop(v, old);
            goto fail;
        }
    }
    TC_CHECK(each(v, x, "sections", F_STR, valid_section, NULL));
fail:
    return rc;
}

static int valid_check(vctx *v, const cJSON *x, void *ud)
{
    static const field f[] = {
        { "code", F_STR, 1 }, { "severity", F_STR, 1 }, { "message", F_STR, 1 },
        { "reference", F_INT, 0 }, { "spans", F_ARR, 0 }, { NULL, 0, 0 } };
    static const char *const sev[] = { "info", "warning", "error", NULL };
    int rc = TC_OK;
    (void)ud;
    TC_CHECK(check_fields(v, x, f));
    TC_CHECK(one_of(v, x, "severity", sev));
fail:
    return rc;
}

static int valid_any(vctx *v, const cJSON *x, void *ud) { (void)v; (void)x; (void)ud; return TC_OK; }

static int valid_marker(vctx *v, const cJSON *x, void *ud)
{
    int rc = TC_OK, i = 0;
    const cJSON *c;
    (void)ud;
    cJSON_ArrayForEach(c, x) {
        size_t old = push_idx(v, i++);
        TC_CHECK(want(v, c, F_INT));
        pop(v, old);
    }
fail:
    return rc;
}

static int valid_fingerprint(vctx *v, const cJSON *x, void *ud)
{
    static const field f[] = {
        { "text_hash", F_STR, 0 }, { "text_bytes", F_INT, 0 }, { "markers", F_ARR, 0 },
        { "values", F_ARR, 0 }, { NULL, 0, 0 } };
    int rc = TC_OK;
    (void)ud;
    TC_CHECK(check_fields(v, x, f));
    TC_CHECK(each(v, x, "markers", F_ARR, valid_marker, NULL));
    TC_CHECK(each(v, x, "values", F_NUM, valid_any, NULL));
fail:
    return rc;
}

static int valid_document(vctx *v, const cJSON *x, void *ud)
{
    static const field f[] = {
        { "id", F_STR, 1 }, { "title", F_STR, 1 }, { "date", F_STR, 0 }, { "lang", F_STR, 0 },
        { "url", F_STR, 0 }, { "number", F_INT, 0 }, { "appraises", F_STR, 0 },
        { "appraised_reference", F_INT, 0 }, { "references", F_ARR, 0 }, { "checks", F_ARR, 0 },
        { "fingerprint", F_OBJ, 0 }, { "translations", F_ARR, 0 }, { NULL, 0, 0 } };
    int rc = TC_OK;
    (void)ud;
    TC_CHECK(check_fields(v, x, f));
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(x, "id");
    const cJSON *date = cJSON_GetObjectItemCaseSensitive(x, "date");
    if (!id->valuestring[0]) {
        size_t old = push_key(v, "id");
        rc = fail(v, "expected a non-empty string");
        pop(v, old);
        goto fail;
    }
    if (cJSON_IsString(date)) {
        const char *d = date->valuestring;
        int ok = strlen(d) == 10 && d[4] == '-' && d[7] == '-';
        for (int i = 0; ok && i < 10; i++) if (i != 4 && i != 7 && (d[i] < '0' || d[i] > '9')) ok = 0;
        if (!ok) {
            size_t old = push_key(v, "date");
            rc = fail(v, "expected a date YYYY-MM-DD");
            pop(v, old);
            goto fail;
        }
    }
    const cJSON *refs = cJSON_GetObjectItemCaseSensitive(x, "references");
    TC_CHECK(each(v, x, "references", F_OBJ, valid_reference, refs ? refs->child : NULL));
    TC_CHECK(each(v, x, "checks", F_OBJ, valid_check, NULL));
    TC_CHECK(sub(v, x, "fingerprint", valid_fingerprint, NULL));
    const cJSON *ar = cJSON_GetObjectItemCaseSensitive(x, "appraised_reference");
    if (is_int(ar)) {
        const cJSON *r, *hit = NULL;
        cJSON_ArrayForEach(r, refs) {
            const cJSON *n = cJSON_GetObjectItemCaseSensitive(r, "number");
            if (cJSON_IsNumber(n) && n->valuedouble == ar->valuedouble) hit = r;
        }
        if (cJSON_IsArray(refs) && !hit) {
            size_t old = push_key(v, "appraised_reference");
            rc = fail(v, "no reference %.0f in references", ar->valuedouble);   /* up to 9e15: no int */
            pop(v, old);
            goto fail;
        }
    }
fail:
    return rc;
}

/* ---- trials ----------------------------------------------------------------- */

static int valid_author(vctx *v, const cJSON *x, void *ud)
{
    static const field f[] = { { "family", F_STR, 0 }, { "given", F_STR, 0 }, { "literal", F_STR, 0 }, { NULL, 0, 0 } };
    (void)ud;
    return check_fields(v, x, f);
}

static int valid_date(vctx *v, const cJSON *x, void *ud)
{
    static const field f[] = { { "date-parts", F_ARR, 0 }, { "literal", F_STR, 0 }, { NULL, 0, 0 } };
    int rc = TC_OK;
    (void)ud;
    TC_CHECK(check_fields(v, x, f));
    TC_CHECK(each(v, x, "date-parts", F_ARR, valid_marker, NULL));
fail:
    return rc;
}

static int valid_citation(vctx *v, const cJSON *x, void *ud)
{
    static const field f[] = {
        { "type", F_STR, 1 }, { "title", F_STR, 0 }, { "container-title", F_STR, 0 },
        { "author", F_ARR, 0 }, { "issued", F_OBJ, 0 }, { "volume", F_STR, 0 }, { "issue", F_STR, 0 },
        { "page", F_STR, 0 }, { "DOI", F_STR, 0 }, { "PMID", F_STR, 0 }, { "PMCID", F_STR, 0 },
        { "URL", F_STR, 0 }, { NULL, 0, 0 } };
    int rc = TC_OK;
    (void)ud;
    TC_CHECK(check_fields(v, x, f));
    TC_CHECK(each(v, x, "author", F_OBJ, valid_author, NULL));
    TC_CHECK(sub(v, x, "issued", valid_date, NULL));
fail:
    return rc;
}

static int valid_population(vctx *v, const cJSON *x, void *ud)
{
    static const field f[] = {
        { "screened", F_INT, 0 }, { "randomized", F_INT, 0 },
        { "completed", F_INT, 0 }, { "age_mean", F_NUM, 0 }, { "age_sd", F_NUM, 0 },
        { "women_percent", F_NUM, 0 }, { "dropouts", F_OBJ, 0 }, { NULL, 0, 0 } };
    (void)ud;
    return check_fields(v, x, f);
}

static int valid_power(vctx *v, const cJSON *x, void *ud)
{
    static const field f[] = {
        { "per_group", F_INT, 0 }, { "total", F_INT, 0 }, { "dropout", F_NUM, 0 }, { NULL, 0, 0 } };
    (void)ud;
    return check_fields(v, x, f);
}

static int valid_design(vctx *v, const cJSON *x, void *ud)
{
    static const field f[] = {
        { "randomised", F_BOOL, 0 }, { "multicentre", F_BOOL, 0 }, { "centres", F_INT, 0 },
        { "analysis", F_STR, 0 }, { "stratification", F_ARR, 0 }, { "power_calculation", F_OBJ, 0 },
        { NULL, 0, 0 } };
    int rc = TC_OK;
    (void)ud;
    TC_CHECK(check_fields(v, x, f));
    TC_CHECK(sub(v, x, "power_calculation", valid_power, NULL));
fail:
    return rc;
}

static int valid_arm(vctx *v, const cJSON *x, void *ud)
{
    static const field f[] = {
        { "label", F_STR, 1 }, { "n", F_INT, 0 }, { "role", F_STR, 0 }, { "description", F_STR, 0 },
        { NULL, 0, 0 } };
    (void)ud;
    return check_fields(v, x, f);
}

static int valid_outcome(vctx *v, const cJSON *x, void *ud)
{
    static const field f[] = {
        { "name", F_STR, 1 }, { "role", F_STR, 0 }, { "timepoints", F_ARR, 0 }, { "measure", F_STR, 0 },
        { NULL, 0, 0 } };
    int rc = TC_OK;
    (void)ud;
    TC_CHECK(check_fields(v, x, f));
    TC_CHECK(each(v, x, "timepoints", F_STR, NULL, NULL));
fail:
    return rc;
}

static int valid_ci(vctx *v, const cJSON *x, void *ud)
{
    static const field f[] = { { "level", F_NUM, 0 }, { "low", F_NUM, 1 }, { "high", F_NUM, 1 }, { NULL, 0, 0 } };
    int rc = TC_OK;
    (void)ud;
    TC_CHECK(check_fields(v, x, f));
    double lo = cJSON_GetObjectItemCaseSensitive(x, "low")->valuedouble;
    double hi = cJSON_GetObjectItemCaseSensitive(x, "high")->valuedouble;
    if (lo > hi) rc = fail(v, "low %g is above high %g", lo, hi);
fail:
    return rc;
}

static int valid_p(vctx *v, const cJSON *x, void *ud)
{
    static const field f[] = { { "op", F_STR, 1 }, { "value", F_NUM, 1 }, { NULL, 0, 0 } };
    static const char *const ops[] = { "=", "<", ">", "<=", ">=", NULL };
    int rc = TC_OK;
    (void)ud;
    TC_CHECK(check_fields(v, x, f));
    TC_CHECK(one_of(v, x, "op", ops));
    double p = cJSON_GetObjectItemCaseSensitive(x, "value")->valuedouble;
    if (p < 0 || p > 1) {
        size_t old = push_key(v, "value");
        rc = fail(v, "expected a p-value between 0 and 1");
        pop(v, old);
    }
fail:
    return rc;
}

static int valid_mean_sd(vctx *v, const cJSON *x, void *ud)
{
    static const field f[] = { { "mean", F_NUM, 0 }, { "sd", F_NUM, 0 }, { NULL, 0, 0 } };
    (void)ud;
    return check_fields(v, x, f);
}

static int valid_result_arm(vctx *v, const cJSON *x, void *ud)
{
    static const field f[] = {
        { "arm", F_STR, 1 }, { "n", F_INT, 0 }, { "percent", F_NUM, 0 }, { "mean", F_NUM, 0 },
        { "sd", F_NUM, 0 }, { "baseline", F_OBJ, 0 }, { NULL, 0, 0 } };
    int rc = TC_OK;
    (void)ud;
    TC_CHECK(check_fields(v, x, f));
    TC_CHECK(sub(v, x, "baseline", valid_mean_sd, NULL));
fail:
    return rc;
}

static int valid_result(vctx *v, const cJSON *x, void *ud)
{
    static const field f[] = {
        { "outcome", F_STR, 1 }, { "role", F_STR, 0 }, { "measure", F_STR, 0 }, { "value", F_NUM, 0 },
        { "ci", F_OBJ, 0 }, { "p", F_OBJ, 0 }, { "timepoint", F_STR, 0 }, { "subgroup", F_STR, 0 },
        { "arms", F_ARR, 0 }, { "favours_intervention", F_STR, 0 }, { NULL, 0, 0 } };
    static const char *const roles[] = { "primary", "secondary", "process", "safety", "other", NULL };
    static const char *const sides[] = { "below", "above", NULL };
    int rc = TC_OK;
    (void)ud;
    TC_CHECK(check_fields(v, x, f));
    TC_CHECK(one_of(v, x, "role", roles));
    TC_CHECK(one_of(v, x, "favours_intervention", sides));
    TC_CHECK(sub(v, x, "ci", valid_ci, NULL));
    TC_CHECK(sub(v, x, "p", valid_p, NULL));
    TC_CHECK(sub(v, x, "arms_p", valid_p, NULL));
    TC_CHECK(each(v, x, "arms", F_OBJ, valid_result_arm, NULL));
fail:
    return rc;
}

/* Evidence: a span in a document (document, start, stop) or a source; path must name
 * a number of the trial equal to value. */
static int valid_evidence(vctx *v, const cJSON *x, void *trial)
{
    static const field f[] = {
        { "path", F_STR, 1 }, { "value", F_NUM, 1 }, { "document", F_STR, 0 }, { "start", F_INT, 0 },
        { "stop", F_INT, 0 }, { "source", F_STR, 0 }, { "part", F_STR, 0 }, { "text", F_STR, 0 },
        { NULL, 0, 0 } };
    int rc = TC_OK;
    size_t old = 0;
    TC_CHECK(check_fields(v, x, f));
    const cJSON *path = cJSON_GetObjectItemCaseSensitive(x, "path");
    const cJSON *value = cJSON_GetObjectItemCaseSensitive(x, "value");
    const cJSON *doc = cJSON_GetObjectItemCaseSensitive(x, "document");
    const cJSON *start = cJSON_GetObjectItemCaseSensitive(x, "start");
    const cJSON *stop = cJSON_GetObjectItemCaseSensitive(x, "stop");
    const cJSON *node = tc_data_path(trial, path->valuestring);
    old = push_key(v, "path");
    if (!cJSON_IsNumber(node)) {
        rc = fail(v, "\"%s\" does not name a number of the trial", path->valuestring);
        goto fail;
    }
    pop(v, old);
    old = push_key(v, "value");
    if (node->valuedouble != value->valuedouble) {
        rc = fail(v, "%g differs from %g at %s", value->valuedouble, node->valuedouble, path->valuestring);
        goto fail;
    }
    pop(v, old);
    old = push_key(v, "start");
    if (doc && !(start && stop)) { rc = fail(v, "missing (a document span needs start and stop)"); goto fail; }
    if (!doc && !cJSON_GetObjectItemCaseSensitive(x, "source")) { rc = fail(v, "missing (give document, start and stop, or source)"); goto fail; }
    if (start && (start->valuedouble < 1 || !stop || stop->valuedouble < start->valuedouble)) {
        rc = fail(v, "expected 1 <= start <= stop");
        goto fail;
    }
    pop(v, old);
    return TC_OK;
fail:
    pop(v, old);
    return rc;
}

static int valid_trial(vctx *v, const cJSON *x, void *ud)
{
    static const field f[] = {
        { "id", F_STR, 1 }, { "title", F_STR, 1 }, { "citation", F_OBJ, 0 }, { "registration", F_STR, 0 },
        { "question", F_STR, 0 }, { "design", F_OBJ, 0 }, { "population", F_OBJ, 0 }, { "arms", F_ARR, 0 },
        { "outcomes", F_ARR, 0 }, { "results", F_ARR, 0 }, { "conclusions", F_OBJ, 0 },
        { "funding", F_STR, 0 }, { "conflicts", F_STR_OR_OBJ, 0 }, { "guidelines", F_ARR, 0 },
        { "evidence", F_ARR, 0 }, { NULL, 0, 0 } };
    int rc = TC_OK;
    (void)ud;
    TC_CHECK(check_fields(v, x, f));
    if (!cJSON_GetObjectItemCaseSensitive(x, "id")->valuestring[0]) {
        size_t old = push_key(v, "id");
        rc = fail(v, "expected a non-empty string");
        pop(v, old);
        goto fail;
    }
    TC_CHECK(sub(v, x, "citation", valid_citation, NULL));
    TC_CHECK(sub(v, x, "design", valid_design, NULL));
    TC_CHECK(sub(v, x, "population", valid_population, NULL));
    TC_CHECK(each(v, x, "arms", F_OBJ, valid_arm, NULL));
    TC_CHECK(each(v, x, "outcomes", F_OBJ, valid_outcome, NULL));
    TC_CHECK(each(v, x, "results", F_OBJ, valid_result, NULL));
    TC_CHECK(each(v, x, "evidence", F_OBJ, valid_evidence, (void *)x));
fail:
    return rc;
}

/* ---- top level ---------------------------------------------------------------- */

/* Ids must be unique within the file (the loader also checks across files). */
static int unique_ids(vctx *v, const cJSON *arr, const char *key)
{
    int rc = TC_OK, i = 0;
    const cJSON *a, *b;
    cJSON_ArrayForEach(a, arr) {
        const char *id = cJSON_GetObjectItemCaseSensitive(a, "id")->valuestring;
        for (b = arr->child; b != a; b = b->next) {
            if (!strcmp(id, cJSON_GetObjectItemCaseSensitive(b, "id")->valuestring)) {
                size_t old = push_key(v, key);
                push_idx(v, i);
                push_key(v, "id");
                rc = fail(v, "duplicate id \"%s\"", id);
                pop(v, old);
                goto fail;
            }
        }
        i++;
    }
fail:
    return rc;
}

int tc_data_validate(const cJSON *root, char *err, size_t errlen)
{
    vctx vc = { .n = 0, .err = err, .errlen = errlen }, *v = &vc;
    int rc = TC_OK;
    const cJSON *c;
    vc.path[0] = '\0';
    if (err && errlen) err[0] = '\0';
    TC_CHECK(check_depth(v, root, 1));
    if (!cJSON_IsObject(root)) { rc = fail(v, "expected an object with \"documents\" and/or \"trials\""); goto fail; }
    cJSON_ArrayForEach(c, root) {
        if (!strcmp(c->string, "documents") || !strcmp(c->string, "trials") || c->string[0] == '$') continue;
        size_t old = push_key(v, c->string);
        rc = fail(v, "unknown field (expected \"documents\" or \"trials\")");
        pop(v, old);
        goto fail;
    }
    TC_CHECK(each(v, root, "documents", F_OBJ, valid_document, NULL));
    TC_CHECK(each(v, root, "trials", F_OBJ, valid_trial, NULL));
    TC_CHECK(unique_ids(v, cJSON_GetObjectItemCaseSensitive(root, "documents"), "documents"));
    TC_CHECK(unique_ids(v, cJSON_GetObjectItemCaseSensitive(root, "trials"), "trials"));
fail:
    return rc;
}
