/* DOI, PMID and PMCID recognition.  DOIs compare case-insensitively for ASCII only
 * (DOI Handbook 2.4), so normalising lower-cases ASCII letters and leaves other bytes
 * alone; a DOI taken from a URL is percent-decoded and stored un-encoded. */
#include "tc_ids.h"
#include <stdio.h>

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }
static int is_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    c = lower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Case-insensitive "s starts with p"; advances *s and *len past it when it does. */
static int eat(const char **s, size_t *len, const char *p)
{
    size_t n = strlen(p);
    if (*len < n) return 0;
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)(*s)[i]) != p[i]) return 0;
    *s += n; *len -= n;
    return 1;
}

static void trim(const char **s, size_t *len)
{
    while (*len && is_space((unsigned char)**s)) { (*s)++; (*len)--; }
    while (*len && is_space((unsigned char)(*s)[*len - 1])) (*len)--;
}

/* Drops sentence punctuation a DOI picks up in running text; a closing bracket only
 * when unbalanced, since DOIs such as 10.1016/S0140-6736(20)30183-5 contain pairs. */
static void trim_trailing_punct(const char *s, size_t *len)
{
    for (;;) {
        if (!*len) return;
        char c = s[*len - 1];
        if (c == '.' || c == ',' || c == ';' || c == ':' || c == '"' || c == '\'' || c == '>') { (*len)--; continue; }
        if (c == ')' || c == ']' || c == '}') {
            char open = c == ')' ? '(' : c == ']' ? '[' : '{';
            long depth = 0;
            for (size_t i = 0; i < *len; i++) depth += s[i] == open ? 1 : s[i] == c ? -1 : 0;
            if (depth < 0) { (*len)--; continue; }
        }
        return;
    }
}

int tc_doi_normalize(const char *s, size_t len, char *out, size_t outlen, size_t *out_len)
{
    if (!s || !out || outlen == 0) return TC_EINVAL;
    out[0] = '\0';
    trim(&s, &len);
    int url = 0;
    if (eat(&s, &len, "https://") || eat(&s, &len, "http://")) url = 1;
    static const char *const hosts[] = { "doi.org/", "dx.doi.org/", "www.doi.org/" };
    for (size_t i = 0; i < 3; i++) if (eat(&s, &len, hosts[i])) { url = 1; break; }
    if (!url) {
        if (eat(&s, &len, "doi:") || eat(&s, &len, "doi ")) trim(&s, &len);
        else if (eat(&s, &len, "info:doi/")) url = 1;
    }
    trim_trailing_punct(s, &len);
    /* Decode first (a URL may encode the '/' of the prefix as %2F), then check the
     * decoded form. */
    size_t n = 0;
    for (size_t k = 0; k < len; k++) {
        int c = (unsigned char)s[k];
        if (url && c == '%' && k + 2 < len && hexval((unsigned char)s[k + 1]) >= 0 && hexval((unsigned char)s[k + 2]) >= 0) {
            c = hexval((unsigned char)s[k + 1]) * 16 + hexval((unsigned char)s[k + 2]);
            k += 2;
        }
        if (c < 0x20 || c == 0x7f || c == ' ') { out[0] = '\0'; return TC_EPARSE; }
        if (n + 1 >= outlen) { out[0] = '\0'; return TC_EPARSE; }
        out[n++] = (char)lower(c);
    }
    out[n] = '\0';
    /* Prefix: "10." then a registrant code of digits and dots, then '/', then a suffix. */
    size_t i = 3;
    int ok = n >= 4 && out[0] == '1' && out[1] == '0' && out[2] == '.' && is_digit((unsigned char)out[3]);
    while (ok && i < n && (is_digit((unsigned char)out[i]) || out[i] == '.')) i++;
    ok = ok && i + 1 < n && out[i] == '/' && out[i - 1] != '.';
    if (!ok) { out[0] = '\0'; return TC_EPARSE; }
    if (out_len) *out_len = n;
    return TC_OK;
}

static int digits_out(const char *s, size_t len, size_t maxdigits, char *out, size_t outlen, size_t *out_len)
{
    if (len == 0 || len > maxdigits || len + 1 > outlen) return TC_EPARSE;
    for (size_t i = 0; i < len; i++) if (!is_digit((unsigned char)s[i])) return TC_EPARSE;
    while (len > 1 && *s == '0') { s++; len--; }   /* "0" is not a PMID, but keep the check simple */
    memcpy(out, s, len);
    out[len] = '\0';
    if (out_len) *out_len = len;
    return out[0] == '0' ? TC_EPARSE : TC_OK;
}

int tc_pmid_normalize(const char *s, size_t len, char *out, size_t outlen, size_t *out_len)
{
    if (!s || !out || !outlen) return TC_EINVAL;
    out[0] = '\0';
    trim(&s, &len);
    if (eat(&s, &len, "https://") || eat(&s, &len, "http://")) {
        if (!eat(&s, &len, "pubmed.ncbi.nlm.nih.gov/") && !eat(&s, &len, "www.ncbi.nlm.nih.gov/pubmed/"))
            return TC_EPARSE;
        while (len && s[len - 1] == '/') len--;
    } else if (eat(&s, &len, "pmid")) {
        while (len && (*s == ':' || is_space((unsigned char)*s))) { s++; len--; }
    }
    trim_trailing_punct(s, &len);
    return digits_out(s, len, 10, out, outlen, out_len);
}

int tc_pmcid_normalize(const char *s, size_t len, char *out, size_t outlen, size_t *out_len)
{
    if (!s || !out || !outlen) return TC_EINVAL;
    out[0] = '\0';
    trim(&s, &len);
    if (eat(&s, &len, "pmcid"))
        while (len && (*s == ':' || is_space((unsigned char)*s))) { s++; len--; }
    trim_trailing_punct(s, &len);
    if (!eat(&s, &len, "pmc") || outlen < 4) return TC_EPARSE;
    memcpy(out, "PMC", 3);
    int rc = digits_out(s, len, 12, out + 3, outlen - 3, out_len);
    if (rc == TC_OK && out_len) *out_len += 3;
    if (rc != TC_OK) out[0] = '\0';
    return rc;
}

/* Free text: white space collapsed; accepted when it has at least three words and a
 * letter, so that a typo in an identifier is reported rather than searched for. */
static int text_norm(const char *s, size_t len, char **norm, size_t *norm_len)
{
    tc_buf b;
    tc_buf_init(&b);
    size_t words = 0;
    int letter = 0, in_word = 0;
    trim(&s, &len);
    for (size_t i = 0; i < len; i++) {
        int c = (unsigned char)s[i];
        if (is_space(c)) {
            if (in_word) tc_buf_add(&b, " ", 1);
            in_word = 0;
            continue;
        }
        if (!in_word) words++;
        in_word = 1;
        if ((c | 32) >= 'a' && (c | 32) <= 'z') letter = 1;
        tc_buf_add(&b, (const char *)&s[i], 1);
    }
    if (words < 3 || !letter) { tc_buf_free(&b); return TC_EPARSE; }
    *norm = tc_buf_take(&b, norm_len);
    return *norm ? TC_OK : TC_ENOMEM;
}

int tc_id_classify(int kind, const char *s, size_t len, int *id_kind,
                   char **norm, size_t *norm_len, char *err, size_t errlen)
{
    char tmp[TC_DOI_MAX];
    size_t n = 0;
    int rc = TC_EPARSE;
    *norm = NULL; *id_kind = TC_ID_NONE;
    if (!s && len) return TC_EINVAL;
    if (!s) s = "";
    switch (kind) {
    case TC_Q_DOI:
        if ((rc = tc_doi_normalize(s, len, tmp, sizeof tmp, &n)) == TC_OK) *id_kind = TC_ID_DOI;
        else snprintf(err, errlen, "not a DOI (expected 10.NNNN/..., doi:10..., or https://doi.org/10...)");
        break;
    case TC_Q_PMID:
        if ((rc = tc_pmid_normalize(s, len, tmp, sizeof tmp, &n)) == TC_OK) *id_kind = TC_ID_PMID;
        else snprintf(err, errlen, "not a PMID (expected digits, e.g. 38061786)");
        break;
    case TC_Q_PMCID:
        if ((rc = tc_pmcid_normalize(s, len, tmp, sizeof tmp, &n)) == TC_OK) *id_kind = TC_ID_PMCID;
        else snprintf(err, errlen, "not a PMCID (expected PMC followed by digits)");
        break;
    case TC_Q_TEXT:
        if ((rc = text_norm(s, len, norm, norm_len)) == TC_OK) { *id_kind = TC_ID_TEXT; return TC_OK; }
        if (rc == TC_EPARSE) snprintf(err, errlen, "reference text too short (need at least three words)");
        return rc;
    case TC_Q_AUTO:
        if (tc_doi_normalize(s, len, tmp, sizeof tmp, &n) == TC_OK) { *id_kind = TC_ID_DOI; rc = TC_OK; }
        else if (tc_pmid_normalize(s, len, tmp, sizeof tmp, &n) == TC_OK) { *id_kind = TC_ID_PMID; rc = TC_OK; }
        else if (tc_pmcid_normalize(s, len, tmp, sizeof tmp, &n) == TC_OK) { *id_kind = TC_ID_PMCID; rc = TC_OK; }
        else if ((rc = text_norm(s, len, norm, norm_len)) == TC_OK) { *id_kind = TC_ID_TEXT; return TC_OK; }
        else if (rc == TC_EPARSE)
            snprintf(err, errlen, "not a DOI, PMID, PMCID or reference text: \"%.*s\"",
                     (int)(len < 60 ? len : 60), s);
        break;
    default:
        snprintf(err, errlen, "unknown query kind %d", kind);
        return TC_EINVAL;
    }
    if (rc != TC_OK) return rc;
    *norm = malloc(n + 1);
    if (!*norm) return TC_ENOMEM;
    memcpy(*norm, tmp, n + 1);
    *norm_len = n;
    return TC_OK;
}
