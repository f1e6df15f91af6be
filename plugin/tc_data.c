/* Trial data: the bundled documents and trial records (the JSON files of plugin/data, compiled in
 * by plugin/tools/embed.c), user-supplied data of the same shape, lookup of a trial by
 * id / DOI / PMID / PMCID / registration, and recognition of a parsed text as one of the
 * bundled appraisals.  Each tc_data handle owns its own parsed trees: no globals. */
#include "tc_data.h"
#include "tc_data_valid.h"
#include "tc_ids.h"
#include "tc_jsonw.h"
#include "tc_text.h"
#include <stdio.h>

struct tc_data {
    cJSON *documents;      /* array of document records */
    cJSON *trials;         /* array of trial records */
};

static void set_err(char *err, size_t errlen, const char *msg)
{
    if (err && errlen) snprintf(err, errlen, "%s", msg);
}

static tc_data *data_new(void)
{
    tc_data *d = calloc(1, sizeof *d);
    if (!d) return NULL;
    d->documents = cJSON_CreateArray();
    d->trials = cJSON_CreateArray();
    if (!d->documents || !d->trials) { tc_data_free(d); return NULL; }
    return d;
}

void tc_data_free(tc_data *data)
{
    if (!data) return;
    cJSON_Delete(data->documents);
    cJSON_Delete(data->trials);
    free(data);
}

static const char *id_of(const cJSON *rec)
{
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(rec, "id");
    return cJSON_IsString(id) ? id->valuestring : "";
}

static const cJSON *find_id(const cJSON *arr, const char *id, size_t len)
{
    const cJSON *x;
    cJSON_ArrayForEach(x, arr) {
        const char *s = id_of(x);
        if (strlen(s) == len && !memcmp(s, id, len)) return x;
    }
    return NULL;
}

/* Moves the records of root[key] into dst, refusing an id already there. */
static int merge(cJSON *dst, cJSON *root, const char *key, const char *name, char *err, size_t errlen)
{
    int rc = TC_OK;
    cJSON *arr = cJSON_GetObjectItemCaseSensitive(root, key), *x;
    int i = 0;
    if (!arr) goto fail;
    for (x = arr->child; x; x = x->next, i++) {
        const char *id = id_of(x);
        if (find_id(dst, id, strlen(id))) {
            if (err && errlen)
                snprintf(err, errlen, "%s%s%s[%d].id: duplicate id \"%s\"", name ? name : "",
                         name ? ": " : "", key, i + 1, id);
            rc = TC_EPARSE;
            goto fail;
        }
    }
    while ((x = cJSON_DetachItemFromArray(arr, 0)) != NULL) cJSON_AddItemToArray(dst, x);
fail:
    return rc;
}

/* Parses, validates and merges one JSON text into data.  name (a file name, or NULL)
 * prefixes error messages. */
static int load_into(tc_data *data, const char *json, size_t len, const char *name, char *err, size_t errlen)
{
    int rc = TC_OK;
    const char *end = NULL;
    char msg[400];
    cJSON *root = NULL;
    if (!json && len) { rc = TC_EINVAL; set_err(err, errlen, "no JSON text"); goto fail; }
    root = cJSON_ParseWithLengthOpts(json ? json : "", len, &end, 0);
    if (!root) {
        snprintf(msg, sizeof msg, "%s%snot valid JSON (at byte %ld)", name ? name : "", name ? ": " : "",
                 end && json ? (long)(end - json) + 1 : 1L);
        set_err(err, errlen, msg);
        rc = TC_EPARSE;
        goto fail;
    }
    /* One value only (tc_json_parse would say the same, but the validator below must
     * see deep nesting itself to name the field). */
    for (size_t at = (size_t)(end - (json ? json : "")); json && at < len; at++)
        if (json[at] != ' ' && json[at] != '\t' && json[at] != '\n' && json[at] != '\r') {
            snprintf(msg, sizeof msg, "%s%strailing bytes after the JSON value (at byte %lu)",
                     name ? name : "", name ? ": " : "", (unsigned long)at + 1);
            set_err(err, errlen, msg);
            rc = TC_EPARSE;
            goto fail;
        }
    if (tc_data_validate(root, msg, sizeof msg) != TC_OK) {
        if (err && errlen) snprintf(err, errlen, "%s%s%s", name ? name : "", name ? ": " : "", msg);
        rc = TC_EPARSE;
        goto fail;
    }
    TC_CHECK(merge(data->documents, root, "documents", name, err, errlen));
    TC_CHECK(merge(data->trials, root, "trials", name, err, errlen));
fail:
    cJSON_Delete(root);
    return rc;
}

int tc_data_load(const char *json, size_t len, tc_data **out, char *err, size_t errlen)
{
    int rc = TC_OK;
    tc_data *d = NULL;
    if (err && errlen) err[0] = '\0';
    if (!out) return TC_EINVAL;
    *out = NULL;
    if (!(d = data_new())) { rc = TC_ENOMEM; goto fail; }
    TC_CHECK(load_into(d, json, len, NULL, err, errlen));
    *out = d;
    return TC_OK;
fail:
    tc_data_free(d);
    return rc;
}

int tc_data_bundled(tc_data **out)
{
    int rc = TC_OK;
    tc_data *d = NULL;
    if (!out) return TC_EINVAL;
    *out = NULL;
    if (!(d = data_new())) { rc = TC_ENOMEM; goto fail; }
    for (size_t i = 0; i < tc_bundled_count; i++)
        TC_CHECK(load_into(d, tc_bundled[i].data, tc_bundled[i].len, tc_bundled[i].name, NULL, 0));
    *out = d;
    return TC_OK;
fail:
    tc_data_free(d);
    return rc;
}

/* ---- identifiers ---------------------------------------------------------------- */

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* A key in canonical form, through the normalisers of tc_ids.c: kind 'd' a DOI (any
 * form, lower-cased), 'p' a PMID (digits), 'c' a PMCID ("PMC" and digits), else 'k':
 * white space trimmed and ASCII lower-cased (ids, registrations).  Returns 0 if the
 * key is empty or does not fit in out. */
static int canon(const char *s, size_t len, char *out, size_t outlen, char *kind)
{
    size_t n = 0;
    if (tc_doi_normalize(s, len, out, outlen, NULL) == TC_OK) { *kind = 'd'; return 1; }
    if (tc_pmid_normalize(s, len, out, outlen, NULL) == TC_OK) { *kind = 'p'; return 1; }
    if (tc_pmcid_normalize(s, len, out, outlen, NULL) == TC_OK) { *kind = 'c'; return 1; }
    *kind = 'k';
    while (len && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) { s++; len--; }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r')) len--;
    if (!len || len >= outlen) return 0;
    for (; n < len; n++) out[n] = (char)lower((unsigned char)s[n]);
    out[n] = '\0';
    return 1;
}

/* Does the string field (in canonical form) equal key of the given kind? */
static int field_is(const cJSON *obj, const char *name, const char *key, char kind)
{
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(obj, name);
    char buf[TC_DOI_MAX + 1], k;
    if (!cJSON_IsString(f)) return 0;
    return canon(f->valuestring, strlen(f->valuestring), buf, sizeof buf, &k) && k == kind && !strcmp(buf, key);
}

static int trial_matches(const cJSON *t, const char *key, char kind)
{
    const cJSON *cit = cJSON_GetObjectItemCaseSensitive(t, "citation");
    switch (kind) {
    case 'd': return field_is(cit, "DOI", key, 'd');
    case 'p': return field_is(cit, "PMID", key, 'p');
    case 'c': return field_is(cit, "PMCID", key, 'c');
    default: return field_is(t, "id", key, 'k') || field_is(t, "registration", key, 'k');
    }
}

/* ---- accessors ------------------------------------------------------------------- */

const cJSON *tc_data_documents(const tc_data *data) { return data ? data->documents : NULL; }
const cJSON *tc_data_trials(const tc_data *data) { return data ? data->trials : NULL; }

const cJSON *tc_data_document(const tc_data *data, const char *id, size_t len)
{
    return data && id ? find_id(data->documents, id, len) : NULL;
}

/* Length of the opening bracket or quote at s[0, n) whose closing partner is the
 * suffix of s, else 0; *close_len is the partner's length.  ASCII (), [], {}, <>, "",
 * '' and the typographic quotes U+201C/U+201D, U+2018/U+2019, U+00AB/U+00BB. */
static size_t wrapper(const char *s, size_t n, size_t *close_len)
{
    static const char *const pairs[][2] = {
        { "(", ")" }, { "[", "]" }, { "{", "}" }, { "<", ">" }, { "\"", "\"" }, { "'", "'" },
        { "\xE2\x80\x9C", "\xE2\x80\x9D" }, { "\xE2\x80\x98", "\xE2\x80\x99" }, { "\xC2\xAB", "\xC2\xBB" },
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        size_t a = strlen(pairs[i][0]), b = strlen(pairs[i][1]);
        if (n >= a + b + 1 && !memcmp(s, pairs[i][0], a) && !memcmp(s + n - b, pairs[i][1], b)) {
            *close_len = b;
            return a;
        }
    }
    return 0;
}

/* key without surrounding white space, trailing sentence punctuation and matching
 * brackets or quotes, as a reference list or a user's paste wraps an identifier:
 * "(doi:10.1001/x)." -> "doi:10.1001/x", "“NCT04491968”" -> "NCT04491968". */
static void unwrap(const char **key, size_t *len)
{
    const char *s = *key;
    size_t n = *len, a, b;
    for (int round = 0; round < 8; round++) {
        while (n && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) { s++; n--; }
        while (n && strchr(" \t\r\n.,;", s[n - 1])) n--;
        if (!(a = wrapper(s, n, &b))) break;
        s += a;
        n -= a + b;
    }
    *key = s;
    *len = n;
}

const cJSON *tc_data_trial(const tc_data *data, const char *key, size_t len)
{
    char buf[TC_DOI_MAX + 1], kind;
    const cJSON *t;
    if (!data || !key) return NULL;
    if ((t = find_id(data->trials, key, len)) != NULL) return t;
    unwrap(&key, &len);
    if (!len) return NULL;
    if ((t = find_id(data->trials, key, len)) != NULL) return t;
    if (!canon(key, len, buf, sizeof buf, &kind)) return NULL;
    cJSON_ArrayForEach(t, data->trials) if (trial_matches(t, buf, kind)) return t;
    return NULL;
}

static int print(const cJSON *x, char **out, size_t *out_len)
{
    char *s;
    if (!out) return TC_EINVAL;
    *out = NULL;
    if (!x) return TC_ENOTFOUND;
    if (!(s = tc_jw_print(x, out_len))) return TC_ENOMEM;
    *out = s;
    return TC_OK;
}

int tc_data_documents_json(const tc_data *data, char **out, size_t *out_len)
{
    return data ? print(data->documents, out, out_len) : TC_EINVAL;
}

int tc_data_trials_json(const tc_data *data, char **out, size_t *out_len)
{
    return data ? print(data->trials, out, out_len) : TC_EINVAL;
}

int tc_data_trial_json(const tc_data *data, const char *key, size_t key_len, char **out, size_t *out_len)
{
    if (!data || (!key && key_len)) return TC_EINVAL;
    return print(tc_data_trial(data, key, key_len), out, out_len);
}

int tc_data_document_json(const tc_data *data, const char *id, size_t id_len, char **out, size_t *out_len)
{
    if (!data || (!id && id_len)) return TC_EINVAL;
    return print(tc_data_document(data, id, id_len), out, out_len);
}

/* ---- recognition ------------------------------------------------------------------
 * A parsed text is the bundled document D when either
 *  (a) the FNV-1a 64-bit hash of its bytes with ASCII white space removed, and the
 *      number of those bytes, equal D.fingerprint.text_hash / text_bytes (the same text
 *      whatever its line breaks, spacing or line endings); or
 *  (b) its citation markers, in text order, name exactly the reference lists of
 *      D.fingerprint.markers, and at least two thirds of D.fingerprint.values occur
 *      among the numbers of its statistics (value, SD, CI bounds, p) (the same
 *      appraisal re-extracted with small differences in the text). */

/* The text's fingerprint: its bytes other than ASCII white space, their number and
 * their FNV-1a hash.  Counted for every document, hashed only when some bundled
 * document has that many bytes; both once, whatever the number of bundled documents. */
typedef struct text_print { int counted, hashed; size_t count; char hash[32]; } text_print;

static int is_ascii_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static size_t count_nonspace(const unsigned char *s, size_t n)
{
    size_t count = 0, i = 0;
    /* 16 bytes a step (the counts of a step fit a byte): recognition runs on every
     * document of a batch, most of which are no bundled text. */
    for (; i + 16 <= n; i += 16) {
        tc_v16 v;
        memcpy(&v, s + i, 16);
        tc_v16 sp = (tc_v16)(v == ' ') | (tc_v16)((tc_v16)(v - '\t') < 5);   /* \t \n \v \f \r */
        for (int k = 0; k < 16; k++) count += !sp[k];
    }
    for (; i < n; i++) count += !is_ascii_space(s[i]);
    return count;
}

static int hash_matches(const cJSON *fp, const tc_doc *doc, text_print *tp)
{
    const cJSON *h = cJSON_GetObjectItemCaseSensitive(fp, "text_hash");
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(fp, "text_bytes");
    if (!cJSON_IsString(h) || !cJSON_IsNumber(n)) return 0;
    if (!tp->counted) { tp->count = count_nonspace((const unsigned char *)doc->text, doc->len); tp->counted = 1; }
    if ((double)tp->count != n->valuedouble) return 0;
    if (!tp->hashed) {
        unsigned long long x = 0xcbf29ce484222325ULL;
        for (size_t i = 0; i < doc->len; i++) {
            unsigned char c = (unsigned char)doc->text[i];
            if (is_ascii_space(c)) continue;
            x = (x ^ c) * 0x100000001b3ULL;
        }
        snprintf(tp->hash, sizeof tp->hash, "fnv1a64:%016llx", x);
        tp->hashed = 1;
    }
    return !strcmp(tp->hash, h->valuestring);
}

static int markers_match(const cJSON *fp, const tc_doc *doc)
{
    const cJSON *m = cJSON_GetObjectItemCaseSensitive(fp, "markers"), *refs, *r;
    size_t i = 0;
    if (!cJSON_IsArray(m) || !m->child) return 0;
    cJSON_ArrayForEach(refs, m) {
        const tc_citation *c = tc_doc_citation(doc, i++);
        size_t k = 0;
        if (!c) return 0;
        /* compared as doubles: a loaded marker may be any integer up to 9e15 */
        cJSON_ArrayForEach(r, refs) if (k >= c->nrefs || (double)c->refs[k++] != r->valuedouble) return 0;
        if (k != c->nrefs) return 0;
    }
    return i == tc_doc_citation_count(doc);
}

static int stat_has(const tc_doc *doc, double v)
{
    for (size_t i = 0, n = tc_doc_stat_count(doc); i < n; i++) {
        const tc_stat *s = tc_doc_stat(doc, i);
        if (s->value == v || (s->has_sd && s->sd == v) || (s->has_ci && (s->ci_low == v || s->ci_high == v))
            || (s->p_op && s->p_value == v))
            return 1;
    }
    return 0;
}

static int values_match(const cJSON *fp, const tc_doc *doc)
{
    const cJSON *vals = cJSON_GetObjectItemCaseSensitive(fp, "values"), *v;
    int total = 0, found = 0;
    cJSON_ArrayForEach(v, vals) { total++; found += stat_has(doc, v->valuedouble); }
    return 3 * found >= 2 * total;
}

const cJSON *tc_data_recognize_doc(const tc_data *data, const tc_doc *doc)
{
    const cJSON *d;
    text_print tp = { 0, 0, 0, "" };
    if (!data || !doc) return NULL;
    cJSON_ArrayForEach(d, data->documents) {
        const cJSON *fp = cJSON_GetObjectItemCaseSensitive(d, "fingerprint");
        if (!cJSON_IsObject(fp)) continue;
        /* The cheap test first: the hash reads every byte, one multiplication each. */
        if ((markers_match(fp, doc) && values_match(fp, doc)) || hash_matches(fp, doc, &tp)) return d;
    }
    return NULL;
}

const char *tc_data_recognize(const tc_data *data, const tc_doc *doc)
{
    const cJSON *d = tc_data_recognize_doc(data, doc);
    return d ? id_of(d) : NULL;
}
