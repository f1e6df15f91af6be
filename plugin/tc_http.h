/* HTTP client for the resolver (tc_http.c): libcurl multi interface with per-host
 * concurrency and rate limits, retries with backoff, timeouts and a body cap. */
#ifndef TC_HTTP_H
#define TC_HTTP_H
#include "tc_internal.h"

/* Hosts with their own limits. */
enum { TC_HOST_CROSSREF = 0, TC_HOST_PUBMED, TC_HOST__COUNT };

typedef struct tc_http tc_http;

typedef struct tc_http_opts {
    const char *user_agent;    /* the whole User-Agent value (copied) */
    double timeout;            /* seconds per attempt, total */
    int concurrency;           /* transfers at once over all hosts */
    int max_retries;           /* after the first attempt */
    double max_retry_wait;     /* cap on any one wait (s) */
    size_t max_body;           /* bytes kept per response */
    tc_log_fn log; void *log_ud;   /* optional: told about each retry */
} tc_http_opts;

/* One request.  The caller sets url (NUL-terminated, kept alive during tc_http_run)
 * and host; tc_http_run fills in the rest.  body is malloc'ed (free with tc_free). */
typedef struct tc_http_req {
    const char *url;
    int host;
    int status;                /* TC_OK (2xx), TC_ENOTFOUND (404/410), or an error */
    long http_code;
    char *body; size_t body_len;
    int attempts;
    char error[200];
} tc_http_req;

TC_HIDDEN int tc_http_new(const tc_http_opts *o, tc_http **out);
TC_HIDDEN void tc_http_free(tc_http *h);

/* Sets a host's budget: requests per second (<= 0: unlimited) and transfers at once.
 * Crossref answers carrying X-Rate-Limit-Limit/-Interval update the rate by themselves. */
TC_HIDDEN void tc_http_set_limits(tc_http *h, int host, double per_second, int max_active);
/* The rate currently applied to host (requests per second; 0 = unlimited). */
TC_HIDDEN double tc_http_rate(const tc_http *h, int host);

/* Called once per request when it is finished for good (after any retries); a non-zero
 * return cancels the requests not yet finished (their status becomes TC_ECANCELLED). */
typedef int (*tc_http_done_fn)(void *ud, size_t index, tc_http_req *req);

/* Runs n requests concurrently within the limits.  Returns TC_OK, TC_ECANCELLED or
 * TC_ENOMEM; per-request outcomes are in reqs[i].status. */
TC_HIDDEN int tc_http_run(tc_http *h, tc_http_req *reqs, size_t n, tc_http_done_fn done, void *ud);
#endif
