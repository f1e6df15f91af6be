/* Cache files: "<dir>/<32 hex digits>.json" where the digits hash the key.  Layout:
 *   "TCC1 <status> <unix time> <key length> <data length>\n" key "\n" data
 * The reader checks the magic, both lengths against the file size, the key itself (so
 * a hash collision is a miss) and, for items, that the data is JSON. */
#include "tc_cache.h"
#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct tc_cache { char *dir; int made; };

int tc_cache_open(const char *dir, tc_cache **out)
{
    tc_buf b;
    tc_buf_init(&b);
    *out = NULL;
    const char *env;
    if (dir && *dir) tc_buf_adds(&b, dir);
    else if ((env = getenv("TRIALCITE_CACHE")) && *env) tc_buf_adds(&b, env);
    else if ((env = getenv("XDG_CACHE_HOME")) && *env == '/') { tc_buf_adds(&b, env); tc_buf_adds(&b, "/trialcite"); }
    else if ((env = getenv("HOME")) && *env) { tc_buf_adds(&b, env); tc_buf_adds(&b, "/.cache/trialcite"); }
    else tc_buf_adds(&b, ".trialcite-cache");
    tc_cache *c = calloc(1, sizeof *c);
    if (!c || !(c->dir = tc_buf_take(&b, NULL))) { free(c); tc_buf_free(&b); return TC_ENOMEM; }
    *out = c;
    return TC_OK;
}

void tc_cache_close(tc_cache *c)
{
    if (!c) return;
    free(c->dir);
    free(c);
}

const char *tc_cache_dir(const tc_cache *c) { return c->dir; }

/* Two FNV-1a variants give 128 bits: collisions are checked anyway. */
static void key_path(const tc_cache *c, const char *key, size_t len, tc_buf *out)
{
    uint64_t h1 = 1469598103934665603ULL, h2 = 0x9e3779b97f4a7c15ULL;
    for (size_t i = 0; i < len; i++) {
        h1 = (h1 ^ (unsigned char)key[i]) * 1099511628211ULL;
        h2 = (h2 ^ (unsigned char)key[i]) * 0x100000001b3ULL + (h2 >> 29);
    }
    tc_buf_addf(out, "%s/%016llx%016llx.json", c->dir, (unsigned long long)h1, (unsigned long long)h2);
}

/* mkdir -p with mode 0700 for what we create. */
static int make_dir(tc_cache *c)
{
    if (c->made) return TC_OK;
    char *p = strdup(c->dir);
    if (!p) return TC_ENOMEM;
    for (char *s = p + 1; ; s++) {
        if (*s == '/' || *s == '\0') {
            char save = *s;
            *s = '\0';
            if (mkdir(p, 0700) != 0 && errno != EEXIST) { free(p); return TC_EIO; }
            *s = save;
            if (!save) break;
        }
    }
    free(p);
    c->made = 1;
    return TC_OK;
}

static char *read_all(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return NULL;
    struct stat st;
    char *buf = NULL;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > (off_t)(TC_MAX_HTTP_BODY + 4096)) goto done;
    size_t n = (size_t)st.st_size, got = 0;
    if (!(buf = malloc(n + 1))) goto done;
    while (got < n) {
        ssize_t k = read(fd, buf + got, n - got);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) break;
        got += (size_t)k;
    }
    buf[got] = '\0';
    *len = got;
done:
    close(fd);
    return buf;
}

int tc_cache_get(tc_cache *c, const char *key, size_t key_len,
                 char **json, size_t *json_len, char *msg, size_t msglen)
{
    int rc = TC_EOFFLINE;
    tc_buf path;
    tc_buf_init(&path);
    char *buf = NULL;
    size_t n = 0;
    *json = NULL;
    key_path(c, key, key_len, &path);
    if (path.oom) { rc = TC_ENOMEM; goto fail; }
    if (!(buf = read_all(path.data, &n))) goto fail;
    int status, used = 0;
    long long when;
    unsigned long long klen, dlen;
    if (n < 5 || memcmp(buf, "TCC1 ", 5) != 0) goto fail;
    if (sscanf(buf, "TCC1 %d %lld %llu %llu\n%n", &status, &when, &klen, &dlen, &used) != 4 || used <= 0) goto fail;
    if (buf[used - 1] != '\n') goto fail;
    /* Lengths must account for every byte: a truncated or padded file is a miss. */
    if (klen != key_len || (unsigned long long)used + klen + 1 + dlen != n) goto fail;
    if (memcmp(buf + used, key, key_len) != 0 || buf[used + key_len] != '\n') goto fail;
    const char *data = buf + used + key_len + 1;
    if (status == TC_ENOTFOUND) {
        if ((long long)time(NULL) - when > TC_CACHE_NEGATIVE_TTL) goto fail;
        snprintf(msg, msglen, "%.*s", (int)(dlen < 200 ? dlen : 200), data);
        rc = TC_ENOTFOUND;
        goto fail;
    }
    if (status != TC_OK) goto fail;
    cJSON *v = tc_json_parse(data, (size_t)dlen, NULL, NULL);
    int ok = cJSON_IsObject(v);
    cJSON_Delete(v);
    if (!ok) goto fail;
    memmove(buf, data, (size_t)dlen);
    buf[dlen] = '\0';
    *json = buf; buf = NULL;
    if (json_len) *json_len = (size_t)dlen;
    rc = TC_OK;
fail:
    free(buf);
    tc_buf_free(&path);
    return rc;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return 0;
        p += k; n -= (size_t)k;
    }
    return 1;
}

int tc_cache_put(tc_cache *c, const char *key, size_t key_len, int status, const char *data, size_t len)
{
    int rc, fd = -1;
    tc_buf path, tmp, head;
    tc_buf_init(&path); tc_buf_init(&tmp); tc_buf_init(&head);
    TC_CHECK(make_dir(c));
    key_path(c, key, key_len, &path);
    /* mkstemp: a unique name per writer (0600), so two processes never share a temp file. */
    tc_buf_addf(&tmp, "%s/.tmp-XXXXXX", c->dir);
    tc_buf_addf(&head, "TCC1 %d %lld %zu %zu\n", status, (long long)time(NULL), key_len, len);
    rc = TC_ENOMEM;
    if (path.oom || tmp.oom || head.oom) goto fail;
    rc = TC_EIO;
    if ((fd = mkstemp(tmp.data)) < 0) goto fail;
    if (!write_all(fd, head.data, head.n) || !write_all(fd, key, key_len) || !write_all(fd, "\n", 1) ||
        !write_all(fd, data, len)) goto fail;
    if (close(fd) != 0) { fd = -1; goto fail; }
    fd = -1;
    if (rename(tmp.data, path.data) != 0) goto fail;
    rc = TC_OK;
fail:
    if (fd >= 0) close(fd);
    if (rc != TC_OK && tmp.data && !tmp.oom) unlink(tmp.data);
    tc_buf_free(&path); tc_buf_free(&tmp); tc_buf_free(&head);
    return rc;
}
