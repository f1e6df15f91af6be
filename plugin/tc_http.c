/* libcurl multi-interface client.  Requests are started in input order as the global
 * and per-host budgets allow; finished transfers are classified, retried with
 * exponential backoff and jitter (honouring Retry-After), or handed back. */
#include "tc_http.h"
#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <strings.h>
#include <time.h>

static pthread_once_t global_once = PTHREAD_ONCE_INIT;
static CURLcode global_rc = CURLE_FAILED_INIT;
static void global_init(void) { global_rc = curl_global_init(CURL_GLOBAL_DEFAULT); }

typedef struct host {
    double interval;           /* seconds between request starts (0: none) */
    double next_start;         /* monotonic time the next request may start */
    int max_active, active;
} host;

struct tc_http {
    CURLM *multi;              /* kept across runs: its connection cache is reused */
    struct curl_slist *headers;
    char *ua;
    tc_http_opts o;
    host hosts[TC_HOST__COUNT];
    unsigned seed;             /* jitter; per handle, so no shared state */
};

enum { ST_PENDING = 0, ST_ACTIVE, ST_DONE };

typedef struct xfer {
    CURL *easy;
    tc_http_req *req;
    tc_buf body;
    int state, too_large;
    double not_before;
    long rl_limit; double rl_interval;   /* X-Rate-Limit-* of the last answer */
    size_t max_body;
    char errbuf[CURL_ERROR_SIZE];
} xfer;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int tc_http_new(const tc_http_opts *o, tc_http **out)
{
    int rc = TC_ENOMEM;
    tc_http *h = NULL;
    *out = NULL;
    pthread_once(&global_once, global_init);
    if (global_rc != CURLE_OK) return TC_ENETWORK;
    if (!(h = calloc(1, sizeof *h))) goto fail;
    h->o = *o;
    if (!(h->ua = strdup(o->user_agent ? o->user_agent : "trialcite"))) goto fail;
    h->o.user_agent = h->ua;
    if (!(h->multi = curl_multi_init())) goto fail;
    if (!(h->headers = curl_slist_append(NULL, "Accept: application/json"))) goto fail;
    for (int i = 0; i < TC_HOST__COUNT; i++) h->hosts[i].max_active = 1;
    h->seed = (unsigned)time(NULL) ^ (unsigned)(uintptr_t)h;
    *out = h;
    return TC_OK;
fail:
    tc_http_free(h);
    return rc;
}

void tc_http_free(tc_http *h)
{
    if (!h) return;
    if (h->multi) curl_multi_cleanup(h->multi);
    curl_slist_free_all(h->headers);
    free(h->ua);
    free(h);
}

void tc_http_set_limits(tc_http *h, int hi, double per_second, int max_active)
{
    if (hi < 0 || hi >= TC_HOST__COUNT) return;
    h->hosts[hi].interval = per_second > 0 ? 1.0 / per_second : 0;
    h->hosts[hi].max_active = max_active > 0 ? max_active : 1;
}

double tc_http_rate(const tc_http *h, int hi)
{
    if (hi < 0 || hi >= TC_HOST__COUNT || h->hosts[hi].interval <= 0) return 0;
    return 1.0 / h->hosts[hi].interval;
}

/* The size cap lives here because libcurl only checks Content-Length by itself:
 * a chunked or endless body is stopped by returning short (CURLE_WRITE_ERROR). */
static size_t on_write(char *p, size_t size, size_t nmemb, void *ud)
{
    xfer *x = ud;
    size_t n = size * nmemb;
    if (x->body.n + n > x->max_body) { x->too_large = 1; return 0; }
    tc_buf_add(&x->body, p, n);
    return x->body.oom ? 0 : n;
}

/* X-Rate-Limit-Limit: 50 and X-Rate-Limit-Interval: 1s (Crossref). */
static size_t on_header(char *p, size_t size, size_t nmemb, void *ud)
{
    xfer *x = ud;
    size_t n = size * nmemb;
    char line[128];
    if (n >= sizeof line) return n;
    memcpy(line, p, n);
    line[n] = '\0';
    if (strncasecmp(line, "HTTP/", 5) == 0) { x->rl_limit = 0; x->rl_interval = 0; }
    else if (strncasecmp(line, "x-rate-limit-limit:", 19) == 0) x->rl_limit = strtol(line + 19, NULL, 10);
    else if (strncasecmp(line, "x-rate-limit-interval:", 22) == 0) {
        char *end;
        double v = strtod(line + 22, &end);
        while (*end == ' ') end++;
        if (*end == 'm' && end[1] == 's') v /= 1000.0;
        else if (*end == 'm') v *= 60.0;
        else if (*end == 'h') v *= 3600.0;
        if (v > 0 && v < 86400) x->rl_interval = v;
    }
    return n;
}

static int setup(tc_http *h, xfer *x, size_t index)
{
    CURL *e = x->easy = curl_easy_init();
    if (!e) return TC_ENOMEM;
    double t_req = h->o.timeout * 1000.0;   /* clamped: (long) of 1e300 or inf is UB */
    long t_ms = t_req < 1e9 ? (long)t_req : 1000000000L;
    long c_ms = t_ms < 10000 ? t_ms : 10000;
    CURLcode c = CURLE_OK;
#define SET(opt, val) do { if (c == CURLE_OK) c = curl_easy_setopt(e, opt, val); } while (0)
    SET(CURLOPT_URL, x->req->url);
    SET(CURLOPT_PRIVATE, (void *)(uintptr_t)index);
    SET(CURLOPT_USERAGENT, h->ua);
    SET(CURLOPT_HTTPHEADER, h->headers);
    SET(CURLOPT_WRITEFUNCTION, on_write);
    SET(CURLOPT_WRITEDATA, x);
    SET(CURLOPT_HEADERFUNCTION, on_header);
    SET(CURLOPT_HEADERDATA, x);
    SET(CURLOPT_ERRORBUFFER, x->errbuf);
    SET(CURLOPT_NOSIGNAL, 1L);                 /* several threads may use the library */
    SET(CURLOPT_FOLLOWLOCATION, 1L);
    SET(CURLOPT_MAXREDIRS, 5L);
#if LIBCURL_VERSION_NUM >= 0x075500            /* 7.85.0 */
    SET(CURLOPT_PROTOCOLS_STR, "http,https");
    SET(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
    SET(CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
    SET(CURLOPT_REDIR_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
    SET(CURLOPT_TIMEOUT_MS, t_ms);
    SET(CURLOPT_CONNECTTIMEOUT_MS, c_ms);
    SET(CURLOPT_LOW_SPEED_LIMIT, 16L);         /* bytes/s ... */
    SET(CURLOPT_LOW_SPEED_TIME, 15L);          /* ... for this long: a stalled server */
    SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)x->max_body);
    SET(CURLOPT_ACCEPT_ENCODING, "");          /* the cap applies to decoded bytes */
    SET(CURLOPT_SSL_VERIFYPEER, 1L);
    SET(CURLOPT_SSL_VERIFYHOST, 2L);
#undef SET
    return c == CURLE_OK ? TC_OK : TC_EINVAL;
}

static double backoff(tc_http *h, int attempt, double retry_after)
{
    double base = 0.25, w = base;
    for (int i = 1; i < attempt && w < 3600; i++) w *= 2;
    double jitter = 0.5 + 0.5 * ((double)rand_r(&h->seed) / (double)RAND_MAX);
    w *= jitter;
    if (retry_after > w) w = retry_after;
    if (w > h->o.max_retry_wait) w = h->o.max_retry_wait;
    return w;
}

/* Classifies a finished transfer; returns 1 when it should be retried. */
static int finish(tc_http *h, xfer *x, CURLcode res, double *retry_after)
{
    tc_http_req *r = x->req;
    long code = 0;
    curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &code);
    r->http_code = code;
    *retry_after = 0;
    if (res == CURLE_OK) {
        if (code >= 200 && code < 300) {
            r->status = TC_OK;
            r->body = tc_buf_take(&x->body, &r->body_len);
            if (!r->body) { r->status = TC_ENOMEM; snprintf(r->error, sizeof r->error, "out of memory"); }
            return 0;
        }
        if (code == 429 || code == 500 || code == 502 || code == 503 || code == 504) {
            curl_off_t ra = 0;
            if (curl_easy_getinfo(x->easy, CURLINFO_RETRY_AFTER, &ra) == CURLE_OK && ra > 0) *retry_after = (double)ra;
            r->status = TC_EHTTP;
            snprintf(r->error, sizeof r->error, "HTTP %ld%s after %d attempt%s", code,
                     code == 429 ? " (rate limited)" : "", r->attempts, r->attempts == 1 ? "" : "s");
            return 1;
        }
        r->status = code == 404 || code == 410 ? TC_ENOTFOUND : TC_EHTTP;
        snprintf(r->error, sizeof r->error, code == 404 || code == 410 ? "not found (HTTP %ld)" : "HTTP %ld", code);
        return 0;
    }
    const char *detail = x->errbuf[0] ? x->errbuf : curl_easy_strerror(res);
    switch (res) {
    case CURLE_WRITE_ERROR:
    case CURLE_FILESIZE_EXCEEDED:
        if (res == CURLE_FILESIZE_EXCEEDED || x->too_large) {
            r->status = TC_ETOOLARGE;
            snprintf(r->error, sizeof r->error, "response larger than %zu bytes", x->max_body);
        } else {
            r->status = TC_ENOMEM;
            snprintf(r->error, sizeof r->error, "out of memory");
        }
        return 0;
    case CURLE_OPERATION_TIMEDOUT:
        r->status = TC_ETIMEOUT;
        snprintf(r->error, sizeof r->error, "timed out: %.150s", detail);
        return 0;
    case CURLE_UNSUPPORTED_PROTOCOL:
        r->status = TC_ENETWORK;
        snprintf(r->error, sizeof r->error, "refused a non-http(s) URL: %.150s", detail);
        return 0;
    case CURLE_TOO_MANY_REDIRECTS:
        r->status = TC_EHTTP;
        snprintf(r->error, sizeof r->error, "too many redirects");
        return 0;
    case CURLE_RECV_ERROR: case CURLE_SEND_ERROR: case CURLE_GOT_NOTHING: case CURLE_PARTIAL_FILE:
        r->status = TC_ENETWORK;
        snprintf(r->error, sizeof r->error, "network error: %.150s", detail);
        return 1;   /* a reset connection is worth another try */
    default:
        r->status = TC_ENETWORK;
        snprintf(r->error, sizeof r->error, "network error: %.150s", detail);
        return 0;
    }
}

int tc_http_run(tc_http *h, tc_http_req *reqs, size_t n, tc_http_done_fn done, void *ud)
{
    int rc = TC_OK;
    xfer *xs = n ? calloc(n, sizeof *xs) : NULL;
    size_t remaining = n, active = 0;
    int cancelled = 0;
    size_t max_active = h->o.concurrency > 0 ? (size_t)h->o.concurrency : 1;
    if (n && !xs) return TC_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        xs[i].req = &reqs[i];
        xs[i].max_body = h->o.max_body;
        tc_buf_init(&xs[i].body);
        reqs[i].status = TC_ECANCELLED;
        reqs[i].body = NULL; reqs[i].body_len = 0; reqs[i].http_code = 0; reqs[i].attempts = 0;
        snprintf(reqs[i].error, sizeof reqs[i].error, "cancelled");
    }
    while (remaining > 0 && !cancelled) {
        double t = now_s(), wake = t + 1.0;
        /* Start what the budgets allow, in input order. */
        for (size_t i = 0; i < n && active < max_active; i++) {
            xfer *x = &xs[i];
            host *ho = &h->hosts[x->req->host];
            if (x->state != ST_PENDING) continue;
            double ready = x->not_before > ho->next_start ? x->not_before : ho->next_start;
            if (ready > t || ho->active >= ho->max_active) { if (ready > t && ready < wake) wake = ready; continue; }
            int src = x->easy ? TC_OK : setup(h, x, i);
            if (src == TC_OK && curl_multi_add_handle(h->multi, x->easy) != CURLM_OK) src = TC_ENOMEM;
            if (src != TC_OK) {
                x->state = ST_DONE; remaining--;
                x->req->status = src;
                snprintf(x->req->error, sizeof x->req->error, "could not start the request");
                if (done && done(ud, i, x->req)) cancelled = 1;
                continue;
            }
            x->req->attempts++;
            x->state = ST_ACTIVE;
            active++; ho->active++;
            ho->next_start = (ho->next_start > t ? ho->next_start : t) + ho->interval;
        }
        int running = 0;
        curl_multi_perform(h->multi, &running);
        CURLMsg *m;
        int q, finished = 0;
        while ((m = curl_multi_info_read(h->multi, &q)) != NULL) {
            if (m->msg != CURLMSG_DONE) continue;
            finished = 1;   /* budgets and retry times changed: plan again before waiting */
            void *priv = NULL;
            curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, &priv);
            size_t i = (size_t)(uintptr_t)priv;
            xfer *x = &xs[i];
            host *ho = &h->hosts[x->req->host];
            CURLcode res = m->data.result;
            curl_multi_remove_handle(h->multi, x->easy);
            active--; ho->active--;
            if (x->rl_limit > 0 && x->rl_interval > 0)   /* the server's stated budget */
                ho->interval = x->rl_interval / (double)x->rl_limit;
            double ra = 0;
            int retry = finish(h, x, res, &ra);
            if (retry && x->req->attempts <= h->o.max_retries) {
                double w = backoff(h, x->req->attempts, ra);
                if (h->o.log) {
                    char msg[400];
                    /* the query string is left out: it may carry an API key */
                    int ul = (int)strcspn(x->req->url, "?");
                    int len = snprintf(msg, sizeof msg, "%s: retrying %.*s in %.2f s", x->req->error,
                                       ul < 200 ? ul : 200, x->req->url, w);
                    h->o.log(h->o.log_ud, x->req->status, msg, len < 0 ? 0 : (size_t)len < sizeof msg ? (size_t)len : sizeof msg - 1);
                }
                x->not_before = now_s() + w;
                if (ra > 0 && ho->next_start < x->not_before) ho->next_start = x->not_before;   /* 429: the whole host waits */
                x->state = ST_PENDING;
                x->too_large = 0;
                tc_buf_free(&x->body);
                x->errbuf[0] = '\0';
                continue;
            }
            x->state = ST_DONE; remaining--;
            curl_easy_cleanup(x->easy); x->easy = NULL;
            tc_buf_free(&x->body);
            if (done && done(ud, i, x->req)) { cancelled = 1; break; }
        }
        if (cancelled || remaining == 0) break;
        if (finished) continue;
        double wait = wake - now_s();
        int ms = active ? (wait < 0.1 ? (int)(wait * 1000) : 100) : (int)(wait * 1000);
        if (ms < 0) ms = 0;
        if (ms > 0 || active) curl_multi_poll(h->multi, NULL, 0, ms, NULL);
    }
    /* Messages still queued (a cancel stops reading them) name handles freed below:
     * drop them now so that the next run never sees them. */
    int left;
    while (curl_multi_info_read(h->multi, &left) != NULL) {}
    for (size_t i = 0; i < n; i++) {
        xfer *x = &xs[i];
        if (x->easy) {
            if (x->state == ST_ACTIVE) curl_multi_remove_handle(h->multi, x->easy);
            curl_easy_cleanup(x->easy);
        }
        if (x->state != ST_DONE) {
            x->req->status = TC_ECANCELLED;
            snprintf(x->req->error, sizeof x->req->error, "cancelled");
        }
        tc_buf_free(&x->body);
    }
    if (cancelled) {
        for (int k = 0; k < TC_HOST__COUNT; k++) h->hosts[k].active = 0;
        rc = TC_ECANCELLED;
    }
    free(xs);
    return rc;
}
