/* The resolver: queries -> cache -> Crossref / E-utilities requests -> CSL-JSON.
 * Each query needs at most one request (plus retries), so a batch is one tc_http_run;
 * results land in input order whatever order the transfers finish in. */
#include "tc_internal.h"
#include "tc_cache.h"
#include "tc_csl.h"
#include "tc_http.h"
#include "tc_ids.h"
#include <stdio.h>
#include <strings.h>

#define DEFAULT_CROSSREF "https://api.crossref.org"
#define DEFAULT_PUBMED "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
/* Longest free text sent to Crossref; longer references are cut (on a byte basis). */
#define MAX_QUERY_TEXT 1000

struct tc_resolver {
    tc_http *http;
    tc_cache *cache;
    char *crossref, *pubmed, *mailto, *api_key;
    int offline;
    tc_log_fn log; void *log_ud;
};

static char *dup_url(const char *s)
{
    if (!s) return NULL;
    size_t n = strlen(s);
    while (n && s[n - 1] == '/') n--;
    char *d = malloc(n + 1);
    if (d) { memcpy(d, s, n); d[n] = '\0'; }
    return d;
}

static int http_url(const char *s)
{
    return strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0;
}

static const char *pick(const char *opt, const char *env, const char *def)
{
    if (opt && *opt) return opt;
    const char *e = env ? getenv(env) : NULL;
    return e && *e ? e : def;
}

static int env_true(const char *name)
{
    const char *e = getenv(name);
    return e && (strcmp(e, "1") == 0 || strcasecmp(e, "true") == 0 || strcasecmp(e, "yes") == 0 || strcasecmp(e, "on") == 0);
}

int tc_resolver_new(const tc_resolver_opts *opts, tc_resolver **out)
{
    static const tc_resolver_opts none;
    const tc_resolver_opts *o = opts ? opts : &none;
    int rc = TC_ENOMEM;
    tc_resolver *r = NULL;
    tc_buf ua;
    tc_buf_init(&ua);
    if (!out) return TC_EINVAL;
    *out = NULL;
    if (!(r = calloc(1, sizeof *r))) goto fail;
    const char *mailto = pick(o->mailto, "TRIALCITE_MAILTO", NULL);
    r->crossref = dup_url(pick(o->crossref_url, "TRIALCITE_CROSSREF_URL", DEFAULT_CROSSREF));
    r->pubmed = dup_url(pick(o->pubmed_url, "TRIALCITE_PUBMED_URL", DEFAULT_PUBMED));
    r->mailto = mailto ? strdup(mailto) : NULL;
    r->api_key = o->api_key && *o->api_key ? strdup(o->api_key) : NULL;
    if (!r->crossref || !r->pubmed || (mailto && !r->mailto) || (o->api_key && *o->api_key && !r->api_key)) goto fail;
    rc = TC_EINVAL;   /* only http(s) base URLs: nothing may read local files through a URL */
    if (!http_url(r->crossref) || !http_url(r->pubmed)) goto fail;
    r->offline = o->offline || env_true("TRIALCITE_OFFLINE");
    r->log = o->log; r->log_ud = o->log_ud;
    TC_CHECK(tc_cache_open(o->cache_dir, &r->cache));
    /* User-Agent: "[extra ]trialcite/VERSION[ (+mailto:ADDRESS)]" */
    if (o->user_agent && *o->user_agent) { tc_buf_adds(&ua, o->user_agent); tc_buf_adds(&ua, " "); }
    tc_buf_adds(&ua, "trialcite/" TC_VERSION);
    if (r->mailto) tc_buf_addf(&ua, " (+mailto:%s)", r->mailto);
    rc = TC_ENOMEM;
    if (ua.oom) goto fail;
    tc_http_opts ho = {
        .user_agent = ua.data,
        .timeout = o->timeout > 0 ? o->timeout : 30.0,
        .concurrency = o->concurrency > 0 ? o->concurrency : 4,
        .max_retries = o->max_retries > 0 ? o->max_retries : o->max_retries < 0 ? 0 : 3,
        .max_retry_wait = o->max_retry_wait > 0 ? o->max_retry_wait : 30.0,
        .max_body = o->max_body > 0 && o->max_body < TC_MAX_HTTP_BODY ? o->max_body : TC_MAX_HTTP_BODY,
        .log = o->log, .log_ud = o->log_ud,
    };
    TC_CHECK(tc_http_new(&ho, &r->http));
    /* Crossref's published limits: polite pool (a mailto given) 10 requests/s and 3 at
     * once; public pool 5/s and 1 at once.  Answers' X-Rate-Limit-* headers override the
     * rate.  NCBI: 3 requests/s, 10 with an API key. */
    if (r->mailto) tc_http_set_limits(r->http, TC_HOST_CROSSREF, 10, 3);
    else tc_http_set_limits(r->http, TC_HOST_CROSSREF, 5, 1);
    tc_http_set_limits(r->http, TC_HOST_PUBMED, r->api_key ? 10 : 3, r->api_key ? 3 : 1);
    tc_buf_free(&ua);
    *out = r;
    return TC_OK;
fail:
    tc_buf_free(&ua);
    tc_resolver_free(r);
    return rc;
}

void tc_resolver_free(tc_resolver *r)
{
    if (!r) return;
    tc_http_free(r->http);
    tc_cache_close(r->cache);
    free(r->crossref); free(r->pubmed); free(r->mailto); free(r->api_key);
    free(r);
}

/* Percent-encodes s; '/' kept when keep_slash (a DOI in a path). */
static void add_escaped(tc_buf *b, const char *s, size_t n, int keep_slash)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~' || (keep_slash && c == '/'))
            tc_buf_add(b, (const char *)&s[i], 1);
        else {
            char e[3] = { '%', hex[c >> 4], hex[c & 15] };
            tc_buf_add(b, e, 3);
        }
    }
}

typedef struct job {
    int kind;                  /* TC_ID_* */
    char *norm; size_t norm_len;
    tc_buf key, url;
} job;

static void build(const tc_resolver *r, job *j)
{
    static const char *const prefix[] = { "", "doi:", "pmid:", "pmcid:", "text:" };
    tc_buf_adds(&j->key, prefix[j->kind]);
    tc_buf_add(&j->key, j->norm, j->norm_len);
    switch (j->kind) {
    case TC_ID_DOI:
        tc_buf_adds(&j->url, r->crossref);
        tc_buf_adds(&j->url, "/works/");
        add_escaped(&j->url, j->norm, j->norm_len, 1);
        break;
    case TC_ID_TEXT:
        tc_buf_adds(&j->url, r->crossref);
        tc_buf_adds(&j->url, "/works?query.bibliographic=");
        add_escaped(&j->url, j->norm, j->norm_len < MAX_QUERY_TEXT ? j->norm_len : MAX_QUERY_TEXT, 0);
        tc_buf_adds(&j->url, "&rows=5");
        break;
    default:   /* PMID, PMCID: E-utilities esummary */
        tc_buf_adds(&j->url, r->pubmed);
        tc_buf_adds(&j->url, j->kind == TC_ID_PMID ? "/esummary.fcgi?db=pubmed&id=" : "/esummary.fcgi?db=pmc&id=");
        tc_buf_adds(&j->url, j->kind == TC_ID_PMID ? j->norm : j->norm + 3);
        tc_buf_adds(&j->url, "&retmode=json&tool=trialcite");
        if (r->mailto) { tc_buf_adds(&j->url, "&email="); add_escaped(&j->url, r->mailto, strlen(r->mailto), 0); }
        if (r->api_key) { tc_buf_adds(&j->url, "&api_key="); add_escaped(&j->url, r->api_key, strlen(r->api_key), 0); }
        break;
    }
}

typedef struct batch {
    tc_resolver *r;
    job *jobs;
    tc_result *results;
    size_t *qi;                /* request index -> query index */
    size_t n, done;
    tc_progress_fn progress; void *ud;
} batch;

static void set_error(tc_result *res, int status, const char *msg)
{
    res->status = status;
    res->json = NULL; res->json_len = 0;
    snprintf(res->error, sizeof res->error, "%s", msg);
}

static int report(batch *b, size_t i)
{
    b->done++;
    return b->progress ? b->progress(b->ud, b->done, b->n, i, &b->results[i]) : 0;
}

/* A finished request: map the answer, cache it (items and not-found answers), report. */
static int on_done(void *ud, size_t k, tc_http_req *req)
{
    batch *b = ud;
    size_t i = b->qi[k];
    job *j = &b->jobs[i];
    tc_result *res = &b->results[i];
    char err[256] = "";
    int rc = req->status;
    if (rc == TC_OK) {
        if (j->kind == TC_ID_DOI) rc = tc_csl_from_crossref(req->body, req->body_len, &res->json, &res->json_len, err, sizeof err);
        else if (j->kind == TC_ID_TEXT) rc = tc_csl_match_crossref(req->body, req->body_len, j->norm, j->norm_len, &res->json, &res->json_len, err, sizeof err);
        else rc = tc_csl_from_esummary_db(req->body, req->body_len, j->kind == TC_ID_PMID ? j->norm : j->norm + 3,
                                          j->kind == TC_ID_PMCID, &res->json, &res->json_len, err, sizeof err);
        if (rc == TC_EPARSE) {
            char tmp[256];
            snprintf(tmp, sizeof tmp, "bad answer from %s: %.200s", j->kind == TC_ID_DOI || j->kind == TC_ID_TEXT ? "Crossref" : "PubMed", err);
            memcpy(err, tmp, sizeof err);
        }
    } else if (rc == TC_ENOTFOUND) {
        snprintf(err, sizeof err, "%s not found", j->key.data);
    } else snprintf(err, sizeof err, "%s", req->error);
    tc_free(req->body);
    req->body = NULL;
    if (rc == TC_OK) {
        res->status = TC_OK; res->error[0] = '\0';
        tc_cache_put(b->r->cache, j->key.data, j->key.n, TC_OK, res->json, res->json_len);
    } else {
        set_error(res, rc, err);
        if (rc == TC_ENOTFOUND) tc_cache_put(b->r->cache, j->key.data, j->key.n, TC_ENOTFOUND, err, strlen(err));
    }
    return report(b, i);
}

int tc_resolve_many(tc_resolver *r, const tc_query *queries, size_t n,
                    tc_result *results, tc_progress_fn progress, void *ud)
{
    int rc = TC_ENOMEM, stop = 0;
    batch b = { r, NULL, results, NULL, n, 0, progress, ud };
    tc_http_req *reqs = NULL;
    size_t nreq = 0;
    if (!r || (n && (!queries || !results))) return TC_EINVAL;
    for (size_t i = 0; i < n; i++) set_error(&results[i], TC_ECANCELLED, "cancelled");
    if (n == 0) return TC_OK;
    if (!(b.jobs = calloc(n, sizeof *b.jobs)) || !(b.qi = calloc(n, sizeof *b.qi)) ||
        !(reqs = calloc(n, sizeof *reqs))) goto fail;
    for (size_t i = 0; i < n && !stop; i++) {
        job *j = &b.jobs[i];
        tc_result *res = &results[i];
        char err[256] = "";
        tc_buf_init(&j->key); tc_buf_init(&j->url);
        int st = tc_id_classify(queries[i].kind, queries[i].s, queries[i].len, &j->kind, &j->norm, &j->norm_len, err, sizeof err);
        if (st == TC_ENOMEM) goto fail;
        if (st != TC_OK) { set_error(res, st, err[0] ? err : tc_strerror(st)); stop = report(&b, i); continue; }
        build(r, j);
        if (j->key.oom || j->url.oom) goto fail;
        st = tc_cache_get(r->cache, j->key.data, j->key.n, &res->json, &res->json_len, err, sizeof err);
        if (st == TC_ENOMEM) goto fail;
        if (st == TC_OK) { res->status = TC_OK; res->error[0] = '\0'; stop = report(&b, i); continue; }
        if (st == TC_ENOTFOUND) { set_error(res, st, err); stop = report(&b, i); continue; }
        if (r->offline) {
            snprintf(err, sizeof err, "offline and not cached: %.200s", j->key.data);
            set_error(res, TC_EOFFLINE, err);
            stop = report(&b, i);
            continue;
        }
        reqs[nreq].url = j->url.data;
        reqs[nreq].host = j->kind == TC_ID_DOI || j->kind == TC_ID_TEXT ? TC_HOST_CROSSREF : TC_HOST_PUBMED;
        b.qi[nreq++] = i;
    }
    rc = TC_ECANCELLED;
    if (stop) goto fail;
    rc = tc_http_run(r->http, reqs, nreq, on_done, &b);
    if (rc == TC_ENOMEM) goto fail;
    for (size_t k = 0; k < nreq; k++)   /* requests the callback cancelled */
        if (reqs[k].status == TC_ECANCELLED) set_error(&results[b.qi[k]], TC_ECANCELLED, "cancelled");
fail:
    if (rc == TC_ENOMEM)
        for (size_t i = 0; i < n; i++)
            if (results[i].status == TC_ECANCELLED) set_error(&results[i], TC_ENOMEM, "out of memory");
    for (size_t i = 0; b.jobs && i < n; i++) {
        free(b.jobs[i].norm);
        tc_buf_free(&b.jobs[i].key);
        tc_buf_free(&b.jobs[i].url);
    }
    free(b.jobs); free(b.qi); free(reqs);
    return rc;
}

int tc_resolve(tc_resolver *r, const tc_query *q, tc_result *res)
{
    if (!r || !q || !res) return TC_EINVAL;
    int rc = tc_resolve_many(r, q, 1, res, NULL, NULL);
    return rc == TC_OK ? res->status : rc;
}
