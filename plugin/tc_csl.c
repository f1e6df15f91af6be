/* Crossref work JSON and E-utilities esummary JSON -> CSL-JSON items, and the
 * free-text match that picks a Crossref search candidate.  Built on cJSON; every
 * field is type-checked before use, so hostile answers give TC_EPARSE, not a crash. */
#include "tc_csl.h"
#include "tc_jsonw.h"
#include "tc_match.h"
#include <cjson/cJSON.h>
#include <stdio.h>

/* ---- small helpers ---- */

static int parse(const char *json, size_t len, cJSON **out, char *err, size_t errlen)
{
    *out = NULL;
    if (!json) { snprintf(err, errlen, "no JSON"); return TC_EINVAL; }
    const char *why;
    cJSON *v = tc_json_parse(json, len, &why, NULL);
    if (!v) { snprintf(err, errlen, "%s in the answer", why); return TC_EPARSE; }
    *out = v;
    return TC_OK;
}

#define get tc_csl_get
#define get_str tc_csl_get_str
#define first_str tc_csl_first_str

const cJSON *tc_csl_get(const cJSON *o, const char *k) { return cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, k) : NULL; }
const char *tc_csl_get_str(const cJSON *o, const char *k) { const cJSON *v = get(o, k); return cJSON_IsString(v) ? v->valuestring : NULL; }

const char *tc_csl_first_str(const cJSON *o, const char *k)
{
    const cJSON *v = get(o, k);
    if (cJSON_IsString(v)) return v->valuestring;
    if (cJSON_IsArray(v))
        for (const cJSON *c = v->child; c; c = c->next) if (cJSON_IsString(c) && c->valuestring[0]) return c->valuestring;
    return NULL;
}

static int add_str(cJSON *o, const char *k, const char *s)
{
    if (!s || !*s) return 1;
    return cJSON_AddStringToObject(o, k, s) != NULL;
}

static int add_clean(cJSON *o, const char *k, const char *s)
{
    if (!s || !*s) return 1;
    size_t n;
    char *c = tc_csl_clean_title(s, strlen(s), &n);
    if (!c) return 0;
    int ok = n ? cJSON_AddStringToObject(o, k, c) != NULL : 1;
    free(c);
    return ok;
}

/* ---- titles: strip markup, decode entities, collapse white space ---- */

static void put_utf8(tc_buf *b, unsigned cp)
{
    char u[4];
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
    if (cp < 0x80) { u[0] = (char)cp; tc_buf_add(b, u, 1); }
    else if (cp < 0x800) { u[0] = (char)(0xC0 | cp >> 6); u[1] = (char)(0x80 | (cp & 63)); tc_buf_add(b, u, 2); }
    else if (cp < 0x10000) { u[0] = (char)(0xE0 | cp >> 12); u[1] = (char)(0x80 | ((cp >> 6) & 63)); u[2] = (char)(0x80 | (cp & 63)); tc_buf_add(b, u, 3); }
    else { u[0] = (char)(0xF0 | cp >> 18); u[1] = (char)(0x80 | ((cp >> 12) & 63)); u[2] = (char)(0x80 | ((cp >> 6) & 63)); u[3] = (char)(0x80 | (cp & 63)); tc_buf_add(b, u, 4); }
}

static const struct { const char *name; unsigned cp; } entities[] = {
    { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
    { "nbsp", ' ' }, { "ndash", 0x2013 }, { "mdash", 0x2014 }, { "lsquo", 0x2018 },
    { "rsquo", 0x2019 }, { "ldquo", 0x201C }, { "rdquo", 0x201D }, { "hellip", 0x2026 },
    { "eacute", 0xE9 }, { "egrave", 0xE8 }, { "euml", 0xEB }, { "ouml", 0xF6 }, { "uuml", 0xFC },
    { "auml", 0xE4 }, { "iuml", 0xEF }, { "ccedil", 0xE7 }, { "aacute", 0xE1 }, { "oacute", 0xF3 },
    { "uacute", 0xFA }, { "szlig", 0xDF }, { "times", 0xD7 }, { "minus", 0x2212 }, { "deg", 0xB0 },
    { "plusmn", 0xB1 }, { "le", 0x2264 }, { "ge", 0x2265 }, { "alpha", 0x3B1 }, { "beta", 0x3B2 },
    { "gamma", 0x3B3 }, { "kappa", 0x3BA }, { "mu", 0x3BC }, { "micro", 0xB5 },
};

/* Decodes the entity at s[0] == '&'; returns bytes consumed (0: not an entity). */
static size_t entity(const char *s, size_t n, tc_buf *b)
{
    size_t i = 1;
    unsigned cp = 0;
    if (i < n && s[i] == '#') {
        int hex = i + 1 < n && (s[i + 1] == 'x' || s[i + 1] == 'X');
        i += hex ? 2 : 1;
        size_t start = i;
        while (i < n && i - start < 8) {
            char c = s[i];
            int d = c >= '0' && c <= '9' ? c - '0' : hex && (c | 32) >= 'a' && (c | 32) <= 'f' ? (c | 32) - 'a' + 10 : -1;
            if (d < 0) break;
            cp = cp * (hex ? 16u : 10u) + (unsigned)d;
            i++;
        }
        if (i == start || i >= n || s[i] != ';') return 0;
        put_utf8(b, cp);
        return i + 1;
    }
    for (size_t e = 0; e < sizeof entities / sizeof entities[0]; e++) {
        size_t k = strlen(entities[e].name);
        if (1 + k < n && memcmp(s + 1, entities[e].name, k) == 0 && s[1 + k] == ';') {
            put_utf8(b, entities[e].cp);
            return k + 2;
        }
    }
    return 0;
}

char *tc_csl_clean_title(const char *s, size_t len, size_t *out_len)
{
    tc_buf raw, b;
    tc_buf_init(&raw);
    tc_buf_init(&b);
    /* 1. markup out: "<" + letter, "/", "!" or "?" up to the next ">" is a tag. */
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '<' && i + 1 < len) {
            char c = s[i + 1];
            if ((c | 32) >= 'a' && (c | 32) <= 'z') goto tag;
            if (c == '/' || c == '!' || c == '?') goto tag;
        }
        tc_buf_add(&raw, s + i, 1);
        continue;
    tag:;
        size_t j = i + 1;
        while (j < len && s[j] != '>' && s[j] != '<') j++;
        if (j < len && s[j] == '>') {
            if (j - i >= 3 && (s[i + 1] | 32) == 'b' && (s[i + 2] | 32) == 'r') tc_buf_add(&raw, " ", 1);
            i = j;
        } else tc_buf_add(&raw, s + i, 1);
    }
    /* 2. entities decoded (after tag removal, so "&lt;i&gt;" stays literal text);
     * 3. white space collapsed. */
    const char *r = raw.data ? raw.data : "";
    size_t rn = raw.n;
    tc_buf dec;
    tc_buf_init(&dec);
    for (size_t i = 0; i < rn; i++) {
        size_t k = r[i] == '&' ? entity(r + i, rn - i, &dec) : 0;
        if (k) i += k - 1;
        else tc_buf_add(&dec, r + i, 1);
    }
    tc_buf_free(&raw);
    int space = 0;
    for (size_t i = 0; i < dec.n; i++) {
        unsigned char c = (unsigned char)dec.data[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') { space = 1; continue; }
        if (space && b.n) tc_buf_add(&b, " ", 1);
        space = 0;
        tc_buf_add(&b, dec.data + i, 1);
    }
    int oom = dec.oom;
    tc_buf_free(&dec);
    if (oom) { tc_buf_free(&b); return NULL; }
    if (!b.data) tc_buf_add(&b, "", 0);
    return tc_buf_take(&b, out_len);
}

/* ---- dates ---- */

static cJSON *date_parts(int y, int m, int d)
{
    cJSON *o = cJSON_CreateObject(), *outer = cJSON_CreateArray(), *inner = cJSON_CreateArray();
    if (!o || !outer || !inner) goto fail;
    cJSON_AddItemToArray(inner, cJSON_CreateNumber(y));
    if (m >= 1 && m <= 12) {
        cJSON_AddItemToArray(inner, cJSON_CreateNumber(m));
        if (d >= 1 && d <= 31) cJSON_AddItemToArray(inner, cJSON_CreateNumber(d));
    }
    cJSON_AddItemToArray(outer, inner);
    cJSON_AddItemToObject(o, "date-parts", outer);
    return o;
fail:
    cJSON_Delete(o); cJSON_Delete(outer); cJSON_Delete(inner);
    return NULL;
}

int tc_csl_date(const cJSON *work, const char *k, int *y, int *m, int *d)
{
    const cJSON *dp = get(get(work, k), "date-parts");
    const cJSON *first = cJSON_IsArray(dp) ? dp->child : NULL;
    const cJSON *p = cJSON_IsArray(first) ? first->child : NULL;
    int v[3] = { 0, 0, 0 };
    for (int i = 0; i < 3 && p; i++, p = p->next) {
        /* Out-of-range parts are 0: (int) of a huge double and atoi overflow are UB. */
        if (!cJSON_IsNumber(p) && !cJSON_IsString(p)) break;
        double x = cJSON_IsNumber(p) ? p->valuedouble : (double)strtol(p->valuestring, NULL, 10);
        v[i] = x > -100000 && x < 100000 ? (int)x : 0;
    }
    if (v[0] < 1000 || v[0] > 3000) return 0;
    *y = v[0]; *m = v[1]; *d = v[2];
    return 1;
}

/* ---- Crossref ---- */

static const struct { const char *crossref, *csl; } types[] = {
    { "journal-article", "article-journal" }, { "book-chapter", "chapter" }, { "book-section", "chapter" },
    { "book-part", "chapter" }, { "proceedings-article", "paper-conference" }, { "posted-content", "article" },
    { "book", "book" }, { "monograph", "book" }, { "edited-book", "book" }, { "reference-book", "book" },
    { "book-set", "book" }, { "book-series", "book" }, { "dataset", "dataset" }, { "report", "report" },
    { "report-series", "report" }, { "dissertation", "thesis" }, { "standard", "standard" },
    { "peer-review", "review" }, { "reference-entry", "entry" }, { "journal", "periodical" },
    { "proceedings", "book" }, { "component", "article" }, { "other", "article" },
};

static cJSON *crossref_item(const cJSON *w)
{
    cJSON *o = cJSON_CreateObject();
    if (!o) return NULL;
    const char *doi = get_str(w, "DOI");
    char doi_lc[600] = "";
    if (doi) {
        size_t n = strlen(doi);
        if (n >= sizeof doi_lc) n = sizeof doi_lc - 1;
        for (size_t i = 0; i < n; i++) doi_lc[i] = (char)(doi[i] >= 'A' && doi[i] <= 'Z' ? doi[i] + 32 : doi[i]);
        doi_lc[n] = '\0';
    }
    const char *ctype = get_str(w, "type"), *type = "article";
    for (size_t i = 0; ctype && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(ctype, types[i].crossref) == 0) { type = types[i].csl; break; }
    if (!add_str(o, "id", doi_lc[0] ? doi_lc : "crossref-item") || !add_str(o, "type", type)) goto fail;
    /* Crossref keeps a subtitle apart; citations print "Title: Subtitle". */
    const char *title = first_str(w, "title"), *sub = first_str(w, "subtitle");
    if (title && sub && !strstr(title, sub)) {
        tc_buf t;
        tc_buf_init(&t);
        tc_buf_adds(&t, title);
        tc_buf_adds(&t, ": ");
        tc_buf_adds(&t, sub);
        int ok = !t.oom && add_clean(o, "title", t.data);
        tc_buf_free(&t);
        if (!ok) goto fail;
    } else if (!add_clean(o, "title", title)) goto fail;
    if (!add_clean(o, "container-title", first_str(w, "container-title"))) goto fail;
    if (!add_clean(o, "container-title-short", first_str(w, "short-container-title"))) goto fail;
    const cJSON *authors = get(w, "author");
    if (cJSON_IsArray(authors) && authors->child) {
        cJSON *arr = cJSON_AddArrayToObject(o, "author");
        if (!arr) goto fail;
        for (const cJSON *a = authors->child; a; a = a->next) {
            const char *fam = get_str(a, "family"), *giv = get_str(a, "given"), *name = get_str(a, "name");
            if (!fam && !name) continue;
            cJSON *p = cJSON_CreateObject();
            if (!p) goto fail;
            cJSON_AddItemToArray(arr, p);
            if (fam) { if (!add_clean(p, "family", fam) || !add_clean(p, "given", giv) || !add_clean(p, "suffix", get_str(a, "suffix"))) goto fail; }
            else if (!add_clean(p, "literal", name)) goto fail;
        }
    }
    int y, m, d;
    if (tc_csl_date(w, "published-print", &y, &m, &d) || tc_csl_date(w, "issued", &y, &m, &d) ||
        tc_csl_date(w, "published-online", &y, &m, &d) || tc_csl_date(w, "created", &y, &m, &d)) {
        cJSON *dt = date_parts(y, m, d);
        if (!dt) goto fail;
        cJSON_AddItemToObject(o, "issued", dt);
    }
    if (!add_str(o, "volume", get_str(w, "volume")) || !add_str(o, "issue", get_str(w, "issue")) ||
        !add_str(o, "page", get_str(w, "page")) || !add_str(o, "publisher", get_str(w, "publisher")) ||
        !add_str(o, "ISSN", first_str(w, "ISSN")) || !add_str(o, "DOI", doi_lc)) goto fail;
    if (doi_lc[0]) {
        char url[700];
        snprintf(url, sizeof url, "https://doi.org/%s", doi_lc);
        if (!add_str(o, "URL", url)) goto fail;
    }
    return o;
fail:
    cJSON_Delete(o);
    return NULL;
}

static int emit(cJSON *item, char **out, size_t *out_len, char *err, size_t errlen)
{
    char *s = item ? tc_jw_print(item, out_len) : NULL;
    if (!s) { snprintf(err, errlen, "out of memory"); return TC_ENOMEM; }
    *out = s;   /* malloc'ed: the caller frees it with tc_free */
    return TC_OK;
}

int tc_csl_from_crossref(const char *json, size_t len, char **out, size_t *out_len, char *err, size_t errlen)
{
    cJSON *v = NULL, *item = NULL;
    int rc;
    *out = NULL;
    TC_CHECK(parse(json, len, &v, err, errlen));
    const cJSON *w = get(v, "message");
    if (!w) w = v;
    rc = TC_EPARSE;
    if (!cJSON_IsObject(w) || !(get_str(w, "DOI") || first_str(w, "title"))) {
        snprintf(err, errlen, "the answer is not a Crossref work");
        goto fail;
    }
    rc = TC_ENOMEM;
    if (!(item = crossref_item(w))) { snprintf(err, errlen, "out of memory"); goto fail; }
    TC_CHECK(emit(item, out, out_len, err, errlen));
fail:
    cJSON_Delete(item);
    cJSON_Delete(v);
    return rc;
}

/* ---- E-utilities esummary ---- */

static int month_of(const char *s)
{
    static const char *const mon[] = { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" };
    for (int i = 0; i < 12; i++)
        if (((s[0] | 32) == mon[i][0]) && ((s[1] | 32) == mon[i][1]) && ((s[2] | 32) == mon[i][2])) return i + 1;
    return 0;
}

/* "2024 Apr 1", "2024 Jan-Feb", "2023 Dec", "2024", "2024/04/01 00:00". */
static int pubmed_date(const char *s, int *y, int *m, int *d)
{
    if (!s) return 0;
    *y = *m = *d = 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (v < 1000 || v > 3000) return 0;
    *y = (int)v;
    if (*end == '/') {
        long mm = strtol(end + 1, &end, 10), dd = *end == '/' ? strtol(end + 1, NULL, 10) : 0;
        *m = (int)mm; *d = (int)dd;
        return 1;
    }
    while (*end == ' ') end++;
    if (strlen(end) >= 3 && (*m = month_of(end)) != 0) {
        end += 3;
        while (*end && *end != ' ') end++;          /* "-Feb", or a longer month name */
        while (*end == ' ') end++;
        long dd = strtol(end, NULL, 10);
        if (dd >= 1 && dd <= 31) *d = (int)dd;
    }
    return 1;
}

/* "Cooperman NA" -> family "Cooperman", given "N. A."; anything else stays literal. */
static int pubmed_author(cJSON *arr, const char *name, const char *authtype)
{
    cJSON *p = cJSON_CreateObject();
    if (!p) return 0;
    cJSON_AddItemToArray(arr, p);
    const char *sp = strrchr(name, ' ');
    int initials = sp && sp[1] && strlen(sp + 1) <= 4 && !(authtype && strcmp(authtype, "CollectiveName") == 0);
    for (const char *c = sp ? sp + 1 : ""; initials && *c; c++) if (*c < 'A' || *c > 'Z') initials = 0;
    if (!initials) return add_clean(p, "literal", name);
    char fam[256], giv[64];
    size_t fl = (size_t)(sp - name);
    if (fl >= sizeof fam) fl = sizeof fam - 1;
    memcpy(fam, name, fl); fam[fl] = '\0';
    size_t g = 0;
    for (const char *c = sp + 1; *c && g + 4 < sizeof giv; c++) {
        if (g) giv[g++] = ' ';
        giv[g++] = *c; giv[g++] = '.';
    }
    giv[g] = '\0';
    return add_clean(p, "family", fam) && add_str(p, "given", giv);
}

static int esummary_item(const cJSON *r, const char *uid, cJSON **itemp)
{
    cJSON *o = cJSON_CreateObject();
    char id[64];
    if (!o) return 0;
    *itemp = o;
    const char *pmid = NULL, *pmcid = NULL, *doi = NULL;
    const cJSON *ids = get(r, "articleids");
    for (const cJSON *a = cJSON_IsArray(ids) ? ids->child : NULL; a; a = a->next) {
        const char *t = get_str(a, "idtype"), *v = get_str(a, "value");
        if (!t || !v) continue;
        if (strcmp(t, "pubmed") == 0 || strcmp(t, "pmid") == 0) pmid = v;
        else if (strcmp(t, "pmc") == 0 || strcmp(t, "pmcid") == 0) pmcid = v;
        else if (strcmp(t, "doi") == 0) doi = v;
    }
    if (!pmid && uid[0]) pmid = uid;
    /* pmc's esummary writes "pmcid: PMC123" style values: keep the PMC... token */
    if (pmcid && strncmp(pmcid, "PMC", 3) != 0) { const char *p = strstr(pmcid, "PMC"); pmcid = p ? p : NULL; }
    if (!pmid && !pmcid) return 0;
    if (pmid) snprintf(id, sizeof id, "pmid:%s", pmid);
    else snprintf(id, sizeof id, "%s", pmcid);
    const char *pubtypes = NULL;
    const cJSON *pt = get(r, "pubtype");
    if (cJSON_IsArray(pt) && cJSON_IsString(pt->child)) pubtypes = pt->child->valuestring;
    const char *type = pubtypes && strstr(pubtypes, "Preprint") ? "article" : "article-journal";
    if (!add_str(o, "id", id) || !add_str(o, "type", type)) return 0;
    const char *title = get_str(r, "title");
    if (title) {
        size_t n;
        char *t = tc_csl_clean_title(title, strlen(title), &n);
        if (!t) return 0;
        if (n > 1 && t[n - 1] == '.' && t[n - 2] != '.') t[--n] = '\0';   /* PubMed ends titles with '.' */
        int ok = add_str(o, "title", t);
        free(t);
        if (!ok) return 0;
    }
    if (!add_clean(o, "container-title", get_str(r, "fulljournalname")) ||
        !add_clean(o, "container-title-short", get_str(r, "source"))) return 0;
    const cJSON *au = get(r, "authors");
    if (cJSON_IsArray(au) && au->child) {
        cJSON *arr = cJSON_AddArrayToObject(o, "author");
        if (!arr) return 0;
        for (const cJSON *a = au->child; a; a = a->next) {
            const char *name = get_str(a, "name");
            if (name && *name && !pubmed_author(arr, name, get_str(a, "authtype"))) return 0;
        }
    }
    int y, m, d;
    if (pubmed_date(get_str(r, "pubdate"), &y, &m, &d) || pubmed_date(get_str(r, "epubdate"), &y, &m, &d) ||
        pubmed_date(get_str(r, "sortpubdate"), &y, &m, &d)) {
        cJSON *dt = date_parts(y, m, d);
        if (!dt) return 0;
        cJSON_AddItemToObject(o, "issued", dt);
    }
    char doi_lc[600] = "";
    if (doi) {
        size_t n = strlen(doi);
        if (n >= sizeof doi_lc) n = sizeof doi_lc - 1;
        for (size_t i = 0; i < n; i++) doi_lc[i] = (char)(doi[i] >= 'A' && doi[i] <= 'Z' ? doi[i] + 32 : doi[i]);
        doi_lc[n] = '\0';
    }
    char url[128] = "";
    if (pmid) snprintf(url, sizeof url, "https://pubmed.ncbi.nlm.nih.gov/%s/", pmid);
    return add_str(o, "volume", get_str(r, "volume")) && add_str(o, "issue", get_str(r, "issue")) &&
           add_str(o, "page", get_str(r, "pages")) && add_str(o, "ISSN", get_str(r, "issn")) &&
           add_str(o, "DOI", doi_lc) && add_str(o, "PMID", pmid) && add_str(o, "PMCID", pmcid) &&
           add_str(o, "URL", url);
}

int tc_csl_from_esummary(const char *json, size_t len, const char *pmid,
                         char **out, size_t *out_len, char *err, size_t errlen)
{
    return tc_csl_from_esummary_db(json, len, pmid, 0, out, out_len, err, errlen);
}

int tc_csl_from_esummary_db(const char *json, size_t len, const char *pmid, int pmc,
                            char **out, size_t *out_len, char *err, size_t errlen)
{
    cJSON *v = NULL, *item = NULL;
    int rc;
    *out = NULL;
    if (!pmid || !*pmid) { snprintf(err, errlen, "no PMID"); return TC_EINVAL; }
    TC_CHECK(parse(json, len, &v, err, errlen));
    const cJSON *result = get(v, "result");
    const char *top_err = get_str(v, "error");
    rc = TC_EPARSE;
    if (!cJSON_IsObject(result)) {
        snprintf(err, errlen, "E-utilities: %.200s", top_err ? top_err : "no result in the answer");
        goto fail;
    }
    const cJSON *r = get(result, pmid);
    if (!cJSON_IsObject(r) || get_str(r, "error")) {
        rc = TC_ENOTFOUND;
        snprintf(err, errlen, "%s %.20s not found", pmc ? "PMCID PMC" : "PMID", pmid);
        goto fail;
    }
    rc = TC_ENOMEM;
    if (!esummary_item(r, pmc ? "" : pmid, &item)) { snprintf(err, errlen, "out of memory"); goto fail; }
    TC_CHECK(emit(item, out, out_len, err, errlen));
fail:
    cJSON_Delete(item);
    cJSON_Delete(v);
    return rc;
}

/* ---- free-text match: every candidate judged (tc_match.c), the best accepted one kept ---- */

int tc_csl_match_crossref(const char *json, size_t len, const char *text, size_t text_len,
                          char **out, size_t *out_len, char *err, size_t errlen)
{
    cJSON *v = NULL, *item = NULL;
    tc_ref *ref = NULL;
    const cJSON *best = NULL, *near = NULL;
    tc_match bm, nm, m;
    memset(&bm, 0, sizeof bm); nm = bm;
    int rc;
    *out = NULL;
    TC_CHECK(parse(json, len, &v, err, errlen));
    const cJSON *items = get(get(v, "message"), "items");
    rc = TC_EPARSE;
    if (!cJSON_IsArray(items)) { snprintf(err, errlen, "the answer is not a Crossref work list"); goto fail; }
    rc = TC_ENOMEM;
    if (!(ref = malloc(sizeof *ref))) { snprintf(err, errlen, "out of memory"); goto fail; }
    tc_ref_scan(text, text_len, ref);
    /* Every row is judged: Crossref's order and score only break ties. */
    for (const cJSON *w = items->child; w; w = w->next) {
        if (tc_match_work(ref, w, &m) != TC_OK) { snprintf(err, errlen, "out of memory"); goto fail; }
        if (m.accepted && (!best || m.score > bm.score)) { best = w; bm = m; }
        if (!m.accepted && cJSON_IsObject(w) && (!near || m.score > nm.score)) { near = w; nm = m; }
    }
    rc = TC_ENOTFOUND;
    if (!best) {
        const char *doi = near ? get_str(near, "DOI") : NULL;
        if (doi) snprintf(err, errlen, "no match (nearest, %.100s: %s)", doi, nm.rule);
        else snprintf(err, errlen, "no match");
        goto fail;
    }
    rc = TC_ENOMEM;
    cJSON *custom;
    if (!(item = crossref_item(best)) || !(custom = cJSON_AddObjectToObject(item, "custom")) ||
        !tc_match_add_json(custom, "trialcite_match", &bm)) { snprintf(err, errlen, "out of memory"); goto fail; }
    TC_CHECK(emit(item, out, out_len, err, errlen));
fail:
    free(ref);
    cJSON_Delete(item);
    cJSON_Delete(v);
    return rc;
}
