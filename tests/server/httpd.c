/* Test HTTP/1.1 server for the resolver tests and bench: Crossref- and E-utilities-
 * shaped answers from fixture files, plus injected faults.  Listens on 127.0.0.1 only,
 * prints "PORT PID" on stdout, one thread per connection, and exits after
 * --max-seconds (default 60) so that it can never outlive a test run.
 *
 *   httpd --fixtures DIR [--max-seconds N]
 *
 * Routes (an optional leading "/latNNN" delays the answer by NNN ms; then an optional
 * "/set-NAME", NAME of [a-z0-9-], picks the search answer below):
 *   /works/{doi}              fixture DIR/work-{doi with '/' -> '_'}.json, else a
 *                             synthetic work for 10.5555/..., else 404 text/plain
 *   /works?query.bibliographic=...   DIR/works-query.json (with /set-NAME:
 *                             DIR/works-query-NAME.json)
 *   /esummary.fcgi?db=pubmed&id=N&tool=trialcite...   DIR/esummary-N.json (db=pmc:
 *                             DIR/esummary-pmc-N.json), else an esummary "error" entry;
 *                             400 without tool=
 * Faults, by DOI suffix under 10.5555/ (the rest of the suffix makes keys unique):
 *   fault-429[...]       429 Retry-After: 1 on the first request, then the work
 *   fault-429date[...]   the same with an HTTP-date Retry-After
 *   fault-429always      always 429 Retry-After: 1
 *   fault-503once[...]   503 on the first request, then the work
 *   fault-slow           answers after 5 s
 *   fault-badjson        200 with invalid JSON
 *   fault-404            404 in plain text
 *   fault-endless        a chunked body that never ends
 *   fault-redirect       302 to file:///etc/passwd
 *   fault-deep           JSON nested 200 deep
 *   echo-ua              a work whose title is the request's User-Agent
 *   stats                a work whose title is "requests N" (N: requests so far)
 */
#define _GNU_SOURCE   /* strcasestr */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static const char *fixtures = "tests/server/fixtures";
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long total_requests;
#define MAX_KEYS 256
static char seen[MAX_KEYS][128];
static int nseen;

/* 1 the first time key is seen, 0 afterwards. */
static int first_time(const char *key)
{
    int first = 1;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < nseen; i++) if (strcmp(seen[i], key) == 0) { first = 0; break; }
    if (first && nseen < MAX_KEYS) snprintf(seen[nseen++], sizeof seen[0], "%s", key);
    pthread_mutex_unlock(&lock);
    return first;
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
}

static int send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return 0;
        p += k; n -= (size_t)k;
    }
    return 1;
}

static void respond(int fd, int code, const char *reason, const char *ctype, const char *extra,
                    const char *body, size_t len)
{
    char head[1024];
    int n = snprintf(head, sizeof head,
                     "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
                     "X-Rate-Limit-Limit: 50\r\nX-Rate-Limit-Interval: 1s\r\n%sConnection: close\r\n\r\n",
                     code, reason, ctype, len, extra ? extra : "");
    if (send_all(fd, head, (size_t)n)) send_all(fd, body, len);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0, k;
    char *buf = malloc(cap);
    while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap) { char *p = realloc(buf, cap *= 2); if (!p) { free(buf); buf = NULL; } else buf = p; }
    }
    fclose(f);
    *len = n;
    return buf;
}

static void send_fixture(int fd, const char *name, int code_if_missing)
{
    char path[1024];
    size_t len = 0;
    snprintf(path, sizeof path, "%s/%s", fixtures, name);
    char *body = read_file(path, &len);
    if (body) respond(fd, 200, "OK", "application/json", NULL, body, len);
    else respond(fd, code_if_missing, "Not Found", "text/plain", NULL, "Resource not found.", 19);
    free(body);
}

/* JSON string escaping for echoed values. */
static void json_escape(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    for (; *s && n + 7 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') { out[n++] = '\\'; out[n++] = (char)c; }
        else if (c < 0x20) n += (size_t)snprintf(out + n, cap - n, "\\u%04x", c);
        else out[n++] = (char)c;
    }
    out[n] = '\0';
}

static void send_work(int fd, const char *doi, const char *title)
{
    char body[4096], d[600], t[1200];
    json_escape(doi, d, sizeof d);
    json_escape(title, t, sizeof t);
    int n = snprintf(body, sizeof body,
        "{\"status\":\"ok\",\"message-type\":\"work\",\"message-version\":\"1.0.0\",\"message\":{"
        "\"DOI\":\"%s\",\"type\":\"journal-article\",\"title\":[\"%s\"],"
        "\"container-title\":[\"Journal of Synthetic Tests\"],\"author\":[{\"given\":\"Ada\",\"family\":\"Bench\","
        "\"sequence\":\"first\"},{\"given\":\"Tom\",\"family\":\"Test\",\"sequence\":\"additional\"}],"
        "\"issued\":{\"date-parts\":[[2020,5,4]]},\"volume\":\"1\",\"issue\":\"2\",\"page\":\"3-4\"}}", d, t);
    respond(fd, 200, "OK", "application/json", NULL, body, (size_t)n);
}

static void url_decode(char *s)
{
    char *o = s;
    for (; *s; s++) {
        if (*s == '%' && s[1] && s[2]) {
            char h[3] = { s[1], s[2], 0 };
            *o++ = (char)strtol(h, NULL, 16);
            s += 2;
        } else *o++ = *s;
    }
    *o = '\0';
}

/* Value of query parameter name in q ("a=1&b=2"), copied into out. */
static int param(const char *q, const char *name, char *out, size_t cap)
{
    size_t nl = strlen(name);
    for (const char *p = q; p && *p; p = strchr(p, '&') ? strchr(p, '&') + 1 : NULL) {
        if (strncmp(p, name, nl) == 0 && p[nl] == '=') {
            size_t n = strcspn(p + nl + 1, "&");
            if (n >= cap) n = cap - 1;
            memcpy(out, p + nl + 1, n);
            out[n] = '\0';
            url_decode(out);
            return 1;
        }
    }
    return 0;
}

static void fault(int fd, const char *doi, const char *f, const char *ua)
{
    char extra[256], title[512];
    if (strncmp(f, "fault-429always", 15) == 0) {
        respond(fd, 429, "Too Many Requests", "text/plain", "Retry-After: 1\r\n", "slow down", 9);
    } else if (strncmp(f, "fault-429date", 13) == 0) {
        if (!first_time(doi)) { send_work(fd, doi, "after a dated Retry-After"); return; }
        time_t t = time(NULL) + 2;
        struct tm tm;
        gmtime_r(&t, &tm);
        char date[64];
        strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
        snprintf(extra, sizeof extra, "Retry-After: %s\r\n", date);
        respond(fd, 429, "Too Many Requests", "text/plain", extra, "slow down", 9);
    } else if (strncmp(f, "fault-429", 9) == 0) {
        if (first_time(doi)) respond(fd, 429, "Too Many Requests", "text/plain", "Retry-After: 1\r\n", "slow down", 9);
        else send_work(fd, doi, "after Retry-After");
    } else if (strncmp(f, "fault-503once", 13) == 0) {
        if (first_time(doi)) respond(fd, 503, "Service Unavailable", "text/plain", NULL, "busy", 4);
        else send_work(fd, doi, "after a 503");
    } else if (strncmp(f, "fault-slow", 10) == 0) {
        sleep_ms(5000);
        send_work(fd, doi, "too late");
    } else if (strncmp(f, "fault-badjson", 13) == 0) {
        respond(fd, 200, "OK", "application/json", NULL, "{\"message\": {\"DOI\": ", 20);
    } else if (strncmp(f, "fault-404", 9) == 0) {
        respond(fd, 404, "Not Found", "text/plain", NULL, "Resource not found.", 19);
    } else if (strncmp(f, "fault-endless", 13) == 0) {
        const char *head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        char chunk[8192 + 16];
        int n = snprintf(chunk, sizeof chunk, "%x\r\n", 8192);
        memset(chunk + n, ' ', 8192);
        memcpy(chunk + n + 8192, "\r\n", 2);
        if (!send_all(fd, head, strlen(head))) return;
        while (send_all(fd, chunk, (size_t)n + 8194)) {}   /* until the client hangs up */
    } else if (strncmp(f, "fault-redirect", 14) == 0) {
        respond(fd, 302, "Found", "text/plain", "Location: file:///etc/passwd\r\n", "moved", 5);
    } else if (strncmp(f, "fault-deep", 10) == 0) {
        char body[1024];
        size_t n = 0;
        n += (size_t)snprintf(body, sizeof body, "{\"message\":");
        for (int i = 0; i < 200; i++) body[n++] = '[';
        for (int i = 0; i < 200; i++) body[n++] = ']';
        body[n++] = '}';
        respond(fd, 200, "OK", "application/json", NULL, body, n);
    } else if (strcmp(f, "echo-ua") == 0) {
        snprintf(title, sizeof title, "%.500s", ua);
        send_work(fd, doi, title);
    } else if (strcmp(f, "stats") == 0) {
        pthread_mutex_lock(&lock);
        snprintf(title, sizeof title, "requests %ld", total_requests);
        pthread_mutex_unlock(&lock);
        send_work(fd, doi, title);
    } else {
        char name[600];
        snprintf(name, sizeof name, "%s/work-10.5555_%.400s.json", fixtures, f);
        if (access(name, R_OK) == 0) { send_fixture(fd, name + strlen(fixtures) + 1, 404); return; }
        snprintf(title, sizeof title, "Synthetic work %.400s", f);
        send_work(fd, doi, title);
    }
}

static void handle(int fd, char *req)
{
    char method[16], target[4096], ua[512] = "";
    if (sscanf(req, "%15s %4095s", method, target) != 2) { respond(fd, 400, "Bad Request", "text/plain", NULL, "bad", 3); return; }
    char *h = strcasestr(req, "\r\nUser-Agent:");
    if (h) {
        h += 13;
        while (*h == ' ') h++;
        size_t n = strcspn(h, "\r\n");
        if (n >= sizeof ua) n = sizeof ua - 1;
        memcpy(ua, h, n); ua[n] = '\0';
    }
    pthread_mutex_lock(&lock);
    total_requests++;
    pthread_mutex_unlock(&lock);
    char *path = target;
    if (strncmp(path, "/lat", 4) == 0 && path[4] >= '0' && path[4] <= '9') {
        char *end;
        long ms = strtol(path + 4, &end, 10);
        sleep_ms(ms);
        path = end;
    }
    char set[64] = "";
    if (strncmp(path, "/set-", 5) == 0) {
        size_t n = strspn(path + 5, "abcdefghijklmnopqrstuvwxyz0123456789-");
        if (n == 0 || n >= sizeof set || path[5 + n] != '/') { respond(fd, 404, "Not Found", "text/plain", NULL, "no such set", 11); return; }
        memcpy(set, path + 5, n);
        path += 5 + n;
    }
    char *q = strchr(path, '?');
    if (q) *q++ = '\0';
    if (strcmp(method, "GET") != 0) { respond(fd, 405, "Method Not Allowed", "text/plain", NULL, "GET only", 8); return; }
    if (strncmp(path, "/works/", 7) == 0) {
        char doi[4096], name[4200];
        snprintf(doi, sizeof doi, "%s", path + 7);
        url_decode(doi);
        for (char *p = doi; *p; p++) if (*p >= 'A' && *p <= 'Z') *p = (char)(*p + 32);
        if (strncmp(doi, "10.5555/", 8) == 0) { fault(fd, doi, doi + 8, ua); return; }
        snprintf(name, sizeof name, "work-%s.json", doi);
        for (char *p = name; *p; p++) if (*p == '/') *p = '_';
        send_fixture(fd, name, 404);
    } else if (strcmp(path, "/works") == 0) {
        char text[4096];
        if (!q || !param(q, "query.bibliographic", text, sizeof text)) { respond(fd, 400, "Bad Request", "text/plain", NULL, "no query", 8); return; }
        char name[128];
        snprintf(name, sizeof name, set[0] ? "works-query-%s.json" : "works-query.json", set);
        send_fixture(fd, name, 500);
    } else if (strcmp(path, "/esummary.fcgi") == 0) {
        char db[32], id[64], tool[64], name[256];
        if (!q || !param(q, "tool", tool, sizeof tool) || !param(q, "id", id, sizeof id) || !param(q, "db", db, sizeof db)) {
            respond(fd, 400, "Bad Request", "application/json", NULL, "{\"error\":\"tool, db and id required\"}", 35);
            return;
        }
        snprintf(name, sizeof name, "%s/esummary-%s%s.json", fixtures, strcmp(db, "pmc") == 0 ? "pmc-" : "", id);
        size_t len;
        char *body = read_file(name, &len);
        if (body) { respond(fd, 200, "OK", "application/json", NULL, body, len); free(body); return; }
        char e[512];
        int n = snprintf(e, sizeof e, "{\"header\":{\"type\":\"esummary\",\"version\":\"0.3\"},\"result\":{\"uids\":[\"%s\"],"
                         "\"%s\":{\"uid\":\"%s\",\"error\":\"cannot get document summary\"}}}", id, id, id);
        respond(fd, 200, "OK", "application/json", NULL, e, (size_t)n);
    } else respond(fd, 404, "Not Found", "text/plain", NULL, "no such route", 13);
}

static void *serve(void *arg)
{
    int fd = (int)(intptr_t)arg;
    char buf[16384];
    size_t n = 0;
    struct timeval tv = { 5, 0 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    while (n + 1 < sizeof buf) {
        ssize_t k = recv(fd, buf + n, sizeof buf - 1 - n, 0);
        if (k <= 0) break;
        n += (size_t)k;
        buf[n] = '\0';
        if (strstr(buf, "\r\n\r\n")) { handle(fd, buf); break; }
    }
    shutdown(fd, SHUT_WR);
    close(fd);
    return NULL;
}

int main(int argc, char **argv)
{
    double max_seconds = 60;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--fixtures") == 0 && i + 1 < argc) fixtures = argv[++i];
        else if (strcmp(argv[i], "--max-seconds") == 0 && i + 1 < argc) max_seconds = atof(argv[++i]);
        else { fprintf(stderr, "usage: httpd --fixtures DIR [--max-seconds N]\n"); return 2; }
    }
    signal(SIGPIPE, SIG_IGN);
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);   /* loopback only */
    a.sin_port = 0;
    socklen_t al = sizeof a;
    if (ls < 0 || bind(ls, (struct sockaddr *)&a, sizeof a) != 0 || listen(ls, 128) != 0 ||
        getsockname(ls, (struct sockaddr *)&a, &al) != 0) { perror("httpd"); return 1; }
    printf("%d %ld\n", ntohs(a.sin_port), (long)getpid());
    fflush(stdout);
    time_t start = time(NULL);
    while (difftime(time(NULL), start) < max_seconds) {
        struct pollfd p = { ls, POLLIN, 0 };
        if (poll(&p, 1, 200) <= 0) continue;
        int fd = accept(ls, NULL, NULL);
        if (fd < 0) continue;
        pthread_t t;
        if (pthread_create(&t, NULL, serve, (void *)(intptr_t)fd) != 0) { close(fd); continue; }
        pthread_detach(t);
    }
    return 0;
}
