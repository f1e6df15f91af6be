/* tc_annotate_csl: enriches a CSL-JSON array with what a document says about each
 * item's reference number.
 *
 * Matching: an item's `citation-number` (a positive integer, or a string of digits)
 * names its reference number; an item without one is matched by its position in the
 * array (1-based).  For each matched, cited number trialcite writes
 *   custom.trialcite = { document, number, cited_for, sections, findings, trial }
 * (`custom` is created when absent; its other keys are kept) and its human-readable
 * part "[trialcite] ... [/trialcite]" in `annote` (or `note`): a re-run replaces that
 * part only, user text around it is kept.  Nothing else is touched, and cJSON keeps
 * key order, so enriching twice equals enriching once.
 *
 * Identity: an item at the appraised-trial number whose DOI or PMID differs from the
 * trial's is reported and left as it was. */
#include "tc_enrich.h"
#include "tc_jsonw.h"
#include <stdio.h>

/* An item's citation-number: > 0, 0 when absent, -1 when present but not a number. */
static int citation_number(const cJSON *item)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(item, "citation-number");
    if (!v) return 0;
    if (cJSON_IsNumber(v)) {
        double d = v->valuedouble;
        return d >= 1 && d <= TC_MAX_REF_NUMBER && d == (double)(int)d ? (int)d : -1;
    }
    if (cJSON_IsString(v)) {
        const char *s = v->valuestring;
        long n = 0;
        while (*s == ' ') s++;
        if (!*s) return -1;
        for (; *s >= '0' && *s <= '9'; s++) if ((n = n * 10 + (*s - '0')) > TC_MAX_REF_NUMBER) return -1;
        while (*s == ' ') s++;
        return *s || n < 1 ? -1 : (int)n;
    }
    return -1;
}

static const char *item_id(const cJSON *item)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(item, "id");
    return cJSON_IsString(v) && v->valuestring[0] ? v->valuestring : "no id";
}

/* Writes custom.trialcite; 0 on OOM, -1 when `custom` is not an object. */
static int write_custom(cJSON *item, cJSON *note)
{
    cJSON *custom = cJSON_GetObjectItemCaseSensitive(item, "custom");
    if (!custom) {
        if (!(custom = cJSON_AddObjectToObject(item, "custom"))) return 0;
    } else if (!cJSON_IsObject(custom)) return -1;
    if (cJSON_GetObjectItemCaseSensitive(custom, "trialcite"))
        return cJSON_ReplaceItemInObjectCaseSensitive(custom, "trialcite", note) ? 1 : 0;
    return cJSON_AddItemToObject(custom, "trialcite", note) ? 1 : 0;
}

/* Writes [trialcite] text [/trialcite] into field; 0 on OOM, -1 when the field holds
 * something other than a string. */
static int write_field(cJSON *item, const char *field, const char *text, size_t len)
{
    cJSON *v = cJSON_GetObjectItemCaseSensitive(item, field), *nv;
    tc_buf b;
    size_t off, n;
    int ok;
    if (v && !cJSON_IsString(v)) return -1;
    tc_buf_init(&b);
    if (v && tc_mark_find(v->valuestring, strlen(v->valuestring), &off, &n)) {
        tc_buf_add(&b, v->valuestring, off);
        tc_buf_adds(&b, TC_MARK_OPEN " ");
        tc_buf_add(&b, text, len);
        tc_buf_adds(&b, " " TC_MARK_CLOSE);
        tc_buf_adds(&b, v->valuestring + off + n);
    } else {
        if (v && *v->valuestring) { tc_buf_adds(&b, v->valuestring); tc_buf_adds(&b, "\n"); }
        tc_buf_adds(&b, TC_MARK_OPEN " ");
        tc_buf_add(&b, text, len);
        tc_buf_adds(&b, " " TC_MARK_CLOSE);
    }
    if (b.oom || !(nv = cJSON_CreateString(b.data))) { tc_buf_free(&b); return 0; }
    tc_buf_free(&b);
    ok = v ? cJSON_ReplaceItemInObjectCaseSensitive(item, field, nv) : cJSON_AddItemToObject(item, field, nv);
    if (!ok) cJSON_Delete(nv);
    return ok ? 1 : 0;
}

/* The string (or number, for PMID) value of key, or NULL. */
static const char *id_field(const cJSON *item, const char *key, char *num, size_t cap, size_t *len)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(item, key);
    if (cJSON_IsString(v)) { *len = strlen(v->valuestring); return v->valuestring; }
    if (cJSON_IsNumber(v)) {
        /* snprintf returns the untruncated length (301 for 1e300): keep what was written. */
        int k = snprintf(num, cap, "%.0f", v->valuedouble);
        *len = k < 0 ? 0 : (size_t)k < cap ? (size_t)k : cap - 1;
        return num;
    }
    return NULL;
}


int tc_annotate_csl(const tc_data *data, const tc_doc *doc, const char *doc_id, size_t id_len,
                    const char *items, size_t items_len, const tc_annotate_opts *opts,
                    char **out, size_t *out_len, char **report, size_t *report_len)
{
    int rc;
    tc_src src;
    unsigned char *matched = NULL;
    tc_buf text;
    cJSON *root = NULL, *rep = NULL, *item;
    const char *field = opts && opts->field ? opts->field : "annote";
    long index = 0;
    tc_buf_init(&text);
    memset(&src, 0, sizeof src);
    rc = TC_EINVAL;
    if (out) *out = NULL;
    if (report) *report = NULL;
    if (!out || !report || (!items && items_len)) goto fail;
    TC_CHECK(tc_src_open(&src, data, doc, doc_id, id_len));
    if (strcmp(field, "annote") && strcmp(field, "note")) { rc = TC_EINVAL; goto fail; }
    if (!(matched = calloc(TC_MAX_REF_NUMBER + 1, 1))) { rc = TC_ENOMEM; goto fail; }
    root = tc_json_parse(items, items_len, NULL, NULL);
    if (!cJSON_IsArray(root)) { rc = TC_EPARSE; goto fail; }
    if (!(rep = cJSON_CreateArray())) { rc = TC_ENOMEM; goto fail; }
    rc = TC_ENOMEM;
    cJSON_ArrayForEach(item, root) {
        index++;
        if (!cJSON_IsObject(item)) {
            if (!tc_report_add(rep, "not-an-object", "warning", index, 0, "item %ld is not a JSON object; left as it is", index)) goto fail;
            continue;
        }
        int n = citation_number(item);
        const char *id = item_id(item);
        if (n < 0) {
            if (!tc_report_add(rep, "bad-citation-number", "warning", index, (int)index,
                               "item %ld (%s): citation-number is not a positive integer; matched by position", index, id)) goto fail;
        }
        if (n <= 0) n = index <= TC_MAX_REF_NUMBER ? (int)index : 0;
        if (!n || !tc_src_cited(&src, n)) {
            if (!tc_report_add(rep, "not-cited", "info", index, n,
                               "item %ld (%s) is reference %d, which the document does not cite", index, id, n)) goto fail;
            continue;
        }
        if (tc_seen_before(matched, n) && !tc_report_add(rep, "duplicate-number", "warning", index, n,
                                                      "item %ld (%s) is reference %d, like an earlier item", index, id, n)) goto fail;
        if (tc_src_is_trial(&src, n)) {
            char why[600], a[32], b[32];
            size_t dl = 0, pl = 0;
            const char *doi = id_field(item, "DOI", a, sizeof a, &dl), *pmid = id_field(item, "PMID", b, sizeof b, &pl);
            if (!tc_src_identity(&src, doi, dl, pmid, pl, why, sizeof why)) {
                if (!tc_report_add(rep, "identity-mismatch", "error", index, n,
                                   "item %ld (%s) at reference %d, the appraised trial: %s; not annotated", index, id, n, why)) goto fail;
                continue;
            }
        }
        text.n = 0;
        cJSON *note = tc_src_note(&src, n, &text);
        if (!note || text.oom) { cJSON_Delete(note); goto fail; }
        int w = write_custom(item, note);
        if (w == 0) { cJSON_Delete(note); goto fail; }
        if (w < 0) {
            cJSON_Delete(note);
            if (!tc_report_add(rep, "custom-not-object", "warning", index, n,
                               "item %ld (%s): `custom` is not an object; left as it is", index, id)) goto fail;
        }
        w = write_field(item, field, text.data ? text.data : "", text.n);
        if (w == 0) goto fail;
        if (w < 0 && !tc_report_add(rep, "field-not-string", "warning", index, n,
                                    "item %ld (%s): `%s` is not a string; left as it is", index, id, field)) goto fail;
    }
    for (size_t i = 0; i < src.numbers.n; i++) {
        int n = TC_VEC_AT(&src.numbers, int, i);
        if (n >= 0 && n <= TC_MAX_REF_NUMBER && !matched[n] && !tc_report_add(rep, "missing-item", "warning", 0, n,
                                                   "reference %d is cited but no item matches it", n)) goto fail;
    }
    if (index != tc_src_max(&src) && !tc_report_add(rep, "length-mismatch", "warning", 0, 0,
            "the bibliography has %ld items; the document cites references up to %d", index, tc_src_max(&src))) goto fail;
    /* The edited tree keeps every field and the key order of the input. */
    size_t n;
    *out = opts && opts->pretty ? cJSON_Print(root) : tc_jw_print(root, &n);
    *report = tc_jw_print(rep, report_len);
    if (!*out || !*report) goto fail;
    if (out_len) *out_len = opts && opts->pretty ? strlen(*out) : n;
    rc = TC_OK;
fail:
    if (rc != TC_OK && out && report) { free(*out); free(*report); *out = *report = NULL; }
    cJSON_Delete(root);
    cJSON_Delete(rep);
    tc_buf_free(&text);
    free(matched);
    tc_src_close(&src);
    return rc;
}
