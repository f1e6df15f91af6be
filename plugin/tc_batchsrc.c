/* The batch's inputs and the work on one item: text files are mapped and parsed in
 * place; JSON Lines records {"id":..., "text":..., "lang":...} are decoded and parsed
 * borrowing the decoded text.  Each item becomes one line of JSON: the document's
 * (tc_doc_to_json, with the bundled document it is, if any) or an error record. */
#define _DEFAULT_SOURCE
#include "tc_batch.h"
#include "tc_file.h"
#include "tc_jsonw.h"
#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static int is_stdin(const char *p, size_t n) { return n == 1 && p[0] == '-'; }

void tc_item_free(tc_item *it) { free(it->line); it->line = NULL; }

/* Opens the next JSON Lines input; 0 on an input that cannot be opened (it->err). */
static int open_jsonl(tc_source *src, tc_item *it)
{
    const char *p = src->inputs[src->cur];
    size_t n = src->lens[src->cur];
    char name[4096];
    int fd;
    if (is_stdin(p, n)) fd = dup(0);     /* our own FILE: the host's stdin is left alone */
    else if (!n) { errno = ENOENT; fd = -1; p = ""; }
    else if (n >= sizeof name) { errno = ENAMETOOLONG; fd = -1; }
    else if (memchr(p, '\0', n)) { errno = EINVAL; fd = -1; }
    else { memcpy(name, p, n); name[n] = '\0'; fd = open(name, O_RDONLY | O_CLOEXEC); }
    struct stat st;
    if (fd >= 0 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) { close(fd); fd = -1; errno = EISDIR; }
    if (fd < 0 || !(src->fp = fdopen(fd, "rb"))) {
        char why[128];
        int e = errno;
        if (fd >= 0) close(fd);
        if (strerror_r(e, why, sizeof why) != 0) snprintf(why, sizeof why, "error %d", e);
        snprintf(it->err, sizeof it->err, "cannot read %.*s: %s", n > 256 ? 256 : (int)n, p, why);
        return 0;
    }
    src->lineno = 0;
    return 1;
}

int tc_source_next(tc_source *src, tc_item *it)
{
    memset(it, 0, sizeof *it);
    if (!src->jsonl) {
        if (src->next >= src->n) return 0;
        it->path = src->inputs[src->next];
        it->path_len = src->lens[src->next];
        src->next++;
        return 1;
    }
    for (;;) {
        if (!src->fp) {
            if (src->next >= src->n) return 0;
            src->cur = src->next++;
            it->path = src->inputs[src->cur];
            it->path_len = src->lens[src->cur];
            if (!open_jsonl(src, it)) return 1;
        }
        errno = 0;
        ssize_t k = getline(&src->buf, &src->cap, src->fp);
        if (k < 0) {
            int failed = ferror(src->fp);
            int e = errno;
            fclose(src->fp);
            src->fp = NULL;
            if (failed) {
                char why[128];
                const char *p = src->inputs[src->cur];
                size_t n = src->lens[src->cur];
                if (strerror_r(e, why, sizeof why) != 0) snprintf(why, sizeof why, "error %d", e);
                it->path = p; it->path_len = n; it->lineno = src->lineno + 1;
                snprintf(it->err, sizeof it->err, "cannot read %.*s: %s", n > 256 ? 256 : (int)n, p, why);
                return 1;
            }
            continue;
        }
        src->lineno++;
        size_t len = (size_t)k;
        while (len && (src->buf[len - 1] == '\n' || src->buf[len - 1] == '\r')) len--;
        size_t a = 0;
        while (a < len && (src->buf[a] == ' ' || src->buf[a] == '\t')) a++;
        if (a == len) continue;          /* blank lines separate nothing */
        it->path = src->inputs[src->cur];
        it->path_len = src->lens[src->cur];
        it->lineno = src->lineno;
        /* The record takes getline's buffer; the next line gets a new one. */
        it->line = src->buf; it->line_len = len;
        src->buf = NULL; src->cap = 0;
        return 1;
    }
}

void tc_source_close(tc_source *src)
{
    if (src->fp) fclose(src->fp);
    src->fp = NULL;
    free(src->buf);
    src->buf = NULL; src->cap = 0;
}

/* ---- lines ------------------------------------------------------------------------ */

/* Ends a line: s (from tc_jw_take, length *len) with "\n" after it; NULL on failure. */
static char *end_line(char *s, size_t *len)
{
    char *p = s ? realloc(s, *len + 2) : NULL;
    if (!p) { free(s); return NULL; }
    p[*len] = '\n'; p[*len + 1] = '\0';
    ++*len;
    return p;
}

/* {"id":..., "error":...}, written by the JSON writer (invalid UTF-8 repaired). */
static int error_line(const char *id, size_t id_len, const char *msg, char **line, size_t *len)
{
    tc_jw w;
    tc_jw_init(&w, 128 + id_len);
    tc_jw_obj(&w);
    tc_jw_ktext(&w, "id", id ? id : "", id ? id_len : 0);
    tc_jw_ktext(&w, "error", msg, strlen(msg));
    tc_jw_obj_end(&w);
    *line = end_line(tc_jw_take(&w, len), len);
    return *line ? TC_OK : TC_ENOMEM;
}

/* Offset just past the JSON string starting at s[i] ('"'), or 0. */
static size_t string_end(const char *s, size_t n, size_t i)
{
    for (i++; i < n; i++) {
        if (s[i] == '\\') i++;
        else if (s[i] == '"') return i + 1;
    }
    return 0;
}

/* The document's line: its JSON with "document" after "id" when it is a bundled
 * document. */
static int doc_line(const tc_doc *doc, const tc_data *data, char **line, size_t *len)
{
    char *json;
    size_t jl;
    int rc = tc_doc_to_json(doc, &json, &jl);
    if (rc != TC_OK) return rc;
    const char *known = data ? tc_data_recognize(data, doc) : NULL;
    if (known && jl > 1 && json[0] == '{') {
        tc_buf b;
        tc_buf_init(&b);
        /* "document":"ID", by the JSON writer: {"document":"ID"} without its braces. */
        tc_jw w;
        size_t fl;
        tc_jw_init(&w, 64);
        tc_jw_obj(&w);
        tc_jw_kstr(&w, "document", known);
        tc_jw_obj_end(&w);
        char *field = tc_jw_take(&w, &fl);
        if (!field) { tc_free(json); return TC_ENOMEM; }
        size_t at = 1, end;
        /* After the id the JSON writer wrote (escaped as it chose), else first. */
        if (jl > 6 && !memcmp(json, "{\"id\":\"", 7) && (end = string_end(json, jl, 6)) != 0) at = end;
        tc_buf_add(&b, json, at);
        if (at > 1) tc_buf_add(&b, ",", 1);
        tc_buf_add(&b, field + 1, fl - 2);
        if (at == 1) tc_buf_add(&b, ",", 1);
        tc_buf_add(&b, json + at, jl - at);
        tc_buf_add(&b, "\n", 1);
        free(field);
        tc_free(json);
        *line = tc_buf_take(&b, len);
        return *line ? TC_OK : TC_ENOMEM;
    }
    /* The common case: only the newline to add. */
    *len = jl;
    *line = end_line(json, len);
    return *line ? TC_OK : TC_ENOMEM;
}

static const char *parse_error(int rc, size_t text_len, char *buf, size_t n)
{
    if (rc == TC_ELIMIT) snprintf(buf, n, "text of %zu bytes exceeds the limit", text_len);
    else snprintf(buf, n, "%s", tc_strerror(rc));
    return buf;
}

static int lang_of(const char *s)
{
    if (!strcmp(s, "nl")) return TC_LANG_NL;
    if (!strcmp(s, "fr")) return TC_LANG_FR;
    if (!strcmp(s, "en")) return TC_LANG_EN;
    return -1;
}

/* A JSON Lines record. */
static int run_record(const tc_item *it, int lang, const tc_data *data, char **line, size_t *len, int *is_error)
{
    char idbuf[4400], msg[512];
    const char *why = NULL, *id;
    size_t at = 0, id_len;
    int rc;
    tc_doc *doc = NULL;
    /* Without an id of its own a record is named by its place: FILE:LINE. */
    snprintf(idbuf, sizeof idbuf, "%.*s:%zu", it->path_len > 4096 ? 4096 : (int)it->path_len, it->path, it->lineno);
    id = idbuf; id_len = strlen(idbuf);
    cJSON *root = tc_json_parse(it->line, it->line_len, &why, &at);
    const cJSON *v;
    *is_error = 1;
    if (!cJSON_IsObject(root)) {
        if (root) snprintf(msg, sizeof msg, "the record is not a JSON object");
        else snprintf(msg, sizeof msg, "malformed JSON record: %s at byte %zu", why ? why : "syntax error", at + 1);
        rc = error_line(id, id_len, msg, line, len);
        goto done;
    }
    v = cJSON_GetObjectItemCaseSensitive(root, "id");
    if (cJSON_IsString(v)) { id = v->valuestring; id_len = strlen(id); }
    else if (cJSON_IsNumber(v)) {
        snprintf(idbuf, sizeof idbuf, "%.17g", v->valuedouble);
        id = idbuf; id_len = strlen(idbuf);
    }
    tc_parse_opts po = { 0 };
    po.lang = lang;
    po.id = id; po.id_len = id_len;
    po.flags = TC_PARSE_BORROW | TC_PARSE_THREADS(1);   /* the batch's workers are the threads */
    v = cJSON_GetObjectItemCaseSensitive(root, "lang");
    if (v && !cJSON_IsNull(v)) {
        int l = cJSON_IsString(v) ? lang_of(v->valuestring) : -1;
        if (l < 0) { rc = error_line(id, id_len, "\"lang\" must be \"nl\", \"fr\" or \"en\"", line, len); goto done; }
        po.lang = l;
    }
    v = cJSON_GetObjectItemCaseSensitive(root, "text");
    if (!cJSON_IsString(v)) { rc = error_line(id, id_len, "the record has no \"text\" string", line, len); goto done; }
    size_t tl = strlen(v->valuestring);
    rc = tc_parse(v->valuestring, tl, &po, &doc);
    if (rc == TC_ENOMEM) goto done;
    if (rc != TC_OK) { rc = error_line(id, id_len, parse_error(rc, tl, msg, sizeof msg), line, len); goto done; }
    rc = doc_line(doc, data, line, len);
    *is_error = 0;
done:
    tc_doc_free(doc);
    cJSON_Delete(root);
    return rc;
}

/* A text file (standard input for "-"). */
static int run_file(const tc_item *it, int lang, const tc_data *data, char **line, size_t *len, int *is_error)
{
    char err[512];
    tc_file f;
    tc_doc *doc = NULL;
    int rc;
    *is_error = 1;
    if (is_stdin(it->path, it->path_len)) {
        int errnum = 0;
        rc = tc_file_fd(0, &f, &errnum);
        if (rc == TC_EIO) {
            char why[128];
            if (strerror_r(errnum, why, sizeof why) != 0) snprintf(why, sizeof why, "error %d", errnum);
            snprintf(err, sizeof err, "cannot read standard input: %s", why);
        } else if (rc != TC_OK) snprintf(err, sizeof err, "cannot read standard input: %s", tc_strerror(rc));
    } else {
        rc = tc_file_open(it->path, it->path_len, &f, err, sizeof err);
    }
    if (rc == TC_ENOMEM) return rc;
    if (rc != TC_OK) return error_line(it->path, it->path_len, err, line, len);
    size_t tl = f.len;
    tc_parse_opts po = { 0 };
    po.lang = lang;
    po.id = it->path; po.id_len = it->path_len;
    po.flags = TC_PARSE_THREADS(1);   /* the batch's workers are the threads */
    rc = tc_parse_mapped(&f, &po, &doc);
    if (rc == TC_ENOMEM) return rc;
    if (rc != TC_OK) return error_line(it->path, it->path_len, parse_error(rc, tl, err, sizeof err), line, len);
    rc = doc_line(doc, data, line, len);
    *is_error = 0;
    tc_doc_free(doc);
    return rc;
}

int tc_item_run(const tc_item *it, int lang, const tc_data *data, char **line, size_t *len, int *is_error)
{
    *line = NULL; *len = 0;
    if (it->err[0]) {
        *is_error = 1;
        return error_line(it->path, it->path_len, it->err, line, len);
    }
    if (it->line) return run_record(it, lang, data, line, len, is_error);
    return run_file(it, lang, data, line, len, is_error);
}
