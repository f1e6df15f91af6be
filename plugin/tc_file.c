/* tc_parse_file: a file parsed in place.  The file is mapped (read into memory only
 * when it cannot be mapped: pipes, terminals, /proc files that report size 0) and
 * parsed as with TC_PARSE_BORROW; the document owns the mapping and releases it when
 * freed, so a large file costs the memory of the document's records, not of a copy. */
#define _DEFAULT_SOURCE        /* MADV_SEQUENTIAL */
#include "tc_file.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* Reads chunks of this size when the file is not mapped. */
#define READ_CHUNK ((size_t)64 << 10)
/* Smaller files are read, not mapped: for a file of a few pages, mapping, faulting the
 * pages in and unmapping (which interrupts the other CPUs running the process's threads,
 * to flush their TLBs) costs more than copying it, and a batch reads thousands. */
#define MAP_MIN ((size_t)256 << 10)

static void say(char *err, size_t errlen, const char *path, size_t path_len, int errnum, const char *why)
{
    char reason[128];
    if (!err || !errlen) return;
    if (!why) {
        if (strerror_r(errnum, reason, sizeof reason) != 0) snprintf(reason, sizeof reason, "error %d", errnum);
        why = reason;
    }
    snprintf(err, errlen, "cannot read %.*s: %s", path_len > 4096 ? 4096 : (int)path_len, path, why);
}

/* Reads fd to its end into a malloc'ed block (at most TC_MAX_TEXT bytes); hint: the
 * size expected (a regular file's), so that it takes one read and one to see the end. */
static int read_all(int fd, size_t hint, tc_file *f, int *errnum)
{
    size_t cap = hint && hint <= TC_MAX_TEXT ? hint + 1 : READ_CHUNK, n = 0;
    char *buf = malloc(cap);
    if (!buf) return TC_ENOMEM;
    for (;;) {
        if (n == cap) {
            size_t want = cap * 2 > TC_MAX_TEXT + 1 ? TC_MAX_TEXT + 1 : cap * 2;
            if (want <= cap) { free(buf); return TC_ELIMIT; }
            char *p = realloc(buf, want);
            if (!p) { free(buf); return TC_ENOMEM; }
            buf = p; cap = want;
        }
        ssize_t k = read(fd, buf + n, cap - n);
        if (k < 0) {
            if (errno == EINTR) continue;
            *errnum = errno;
            free(buf);
            return TC_EIO;
        }
        if (k == 0) break;
        n += (size_t)k;
        if (n > TC_MAX_TEXT) { free(buf); return TC_ELIMIT; }
    }
    f->heap = buf; f->data = buf; f->len = n;
    return TC_OK;
}

int tc_file_fd(int fd, tc_file *f, int *errnum)
{
    struct stat st;
    memset(f, 0, sizeof *f);
    f->data = "";
    if (fstat(fd, &st) != 0) { *errnum = errno; return TC_EIO; }
    if (S_ISDIR(st.st_mode)) { *errnum = EISDIR; return TC_EIO; }
    if (S_ISREG(st.st_mode) && st.st_size >= (off_t)MAP_MIN) {
        if ((unsigned long long)st.st_size > TC_MAX_TEXT) return TC_ELIMIT;
        size_t len = (size_t)st.st_size;
        void *p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p != MAP_FAILED) {
            (void)madvise(p, len, MADV_SEQUENTIAL);   /* read ahead: the scan is front to back */
            f->map = p; f->map_len = len; f->data = p; f->len = len;
            return TC_OK;
        }
    }
    return read_all(fd, S_ISREG(st.st_mode) ? (size_t)st.st_size : 0, f, errnum);
}

int tc_file_open(const char *path, size_t path_len, tc_file *f, char *err, size_t errlen)
{
    char name[4096];
    int errnum = 0, rc;
    memset(f, 0, sizeof *f);
    f->data = "";
    if (!path || !path_len || memchr(path, '\0', path_len)) {
        say(err, errlen, path ? path : "", path ? path_len : 0, 0,
            path && path_len ? "the name holds a NUL byte" : "no file name");
        return TC_EIO;
    }
    if (path_len >= sizeof name) { say(err, errlen, path, path_len, ENAMETOOLONG, NULL); return TC_EIO; }
    memcpy(name, path, path_len);
    name[path_len] = '\0';
    int fd = open(name, O_RDONLY | O_CLOEXEC);
    if (fd < 0) { say(err, errlen, path, path_len, errno, NULL); return TC_EIO; }
    rc = tc_file_fd(fd, f, &errnum);
    close(fd);
    if (rc == TC_EIO) say(err, errlen, path, path_len, errnum, NULL);
    else if (rc == TC_ELIMIT) say(err, errlen, path, path_len, 0, "larger than TC_MAX_TEXT");
    else if (rc == TC_ENOMEM) say(err, errlen, path, path_len, ENOMEM, NULL);
    return rc;
}

void tc_file_close(tc_file *f)
{
    if (f->map) munmap(f->map, f->map_len);
    free(f->heap);
    memset(f, 0, sizeof *f);
    f->data = "";
}

int tc_parse_mapped(tc_file *f, const tc_parse_opts *opts, tc_doc **out)
{
    tc_parse_opts o = { 0 };
    if (opts) o = *opts;
    o.flags |= TC_PARSE_BORROW;
    int rc = tc_parse(f->data, f->len, &o, out);
    if (rc != TC_OK) { tc_file_close(f); return rc; }
    /* The document takes the file over. */
    (*out)->file = *f;
    memset(f, 0, sizeof *f);
    f->data = "";
    return TC_OK;
}

int tc_parse_file(const char *path, size_t path_len, const tc_parse_opts *opts, tc_doc **out,
                  char *err, size_t errlen)
{
    tc_file f;
    if (err && errlen) err[0] = '\0';
    if (!out) return TC_EINVAL;
    *out = NULL;
    int rc = tc_file_open(path, path_len, &f, err, errlen);
    if (rc != TC_OK) return rc;
    return tc_parse_mapped(&f, opts, out);
}

void tc_doc_release_file(tc_doc *doc) { tc_file_close(&doc->file); }
