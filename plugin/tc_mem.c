/* Growing arrays, string buffers and a small-string arena: the only allocation
 * patterns the library uses, so that no scanner allocates per byte or per token. */
#define _DEFAULT_SOURCE        /* MADV_HUGEPAGE in <sys/mman.h> */
#include "tc_internal.h"
#include <stdarg.h>
#include <stdio.h>
#include <sys/mman.h>
#include <stdint.h>
#include <unistd.h>

/* Blocks of this size or more are aligned to huge pages (2 MiB on x86-64 and arm64). */
#define HUGE_PAGE ((size_t)2 << 20)
#define BIG_MIN (4 * HUGE_PAGE)

void *tc_alloc_big(size_t n)
{
#ifdef MADV_HUGEPAGE
    /* A parse writes a copy of the text and arrays of about its size once, front to
     * back: with 4 KiB pages a 40 MB corpus costs some 20 000 page faults (a tenth of
     * the parse), with transparent huge pages a few dozen.  Only a hint: where THP is
     * off the block is ordinary memory. */
    if (n >= BIG_MIN) {
        size_t al = (n + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
        void *p = al >= n ? aligned_alloc(HUGE_PAGE, al) : NULL;
        if (p) {
            (void)madvise(p, al, MADV_HUGEPAGE);
            return p;
        }
    }
#endif
    return malloc(n);
}

void tc_free(void *p) { free(p); }

void tc_vec_init(tc_vec *v, size_t elem) { v->data = NULL; v->n = v->cap = 0; v->elem = elem; }

void tc_vec_free(tc_vec *v) { free(v->data); v->data = NULL; v->n = v->cap = 0; }

int tc_vec_reserve(tc_vec *v, size_t n)
{
    if (n <= v->cap) return TC_OK;
    size_t cap = v->cap ? v->cap : 16;
    while (cap < n) {
        if (cap > SIZE_MAX / 2 / v->elem) return TC_ENOMEM;
        cap *= 2;
    }
    void *p;
    if (cap * v->elem >= BIG_MIN) {
        /* realloc would drop the huge-page alignment; the copy is rare because tc_parse
         * reserves its large arrays from the text length. */
        if (!(p = tc_alloc_big(cap * v->elem))) return TC_ENOMEM;
        if (v->n) memcpy(p, v->data, v->n * v->elem);
        free(v->data);
    } else if (!(p = realloc(v->data, cap * v->elem))) {
        return TC_ENOMEM;
    }
    v->data = p; v->cap = cap;
    return TC_OK;
}

void tc_vec_shrink(tc_vec *v)
{
    /* Capacity reserved from the text length is mostly never written, and costs
     * nothing; but the huge page the array ends in is resident whole (up to 2 MiB per
     * array).  glibc shrinks a large block in place (mremap), a small one by splitting
     * it: no copy either way. */
    size_t used = v->n * v->elem, cap = v->cap * v->elem;
    if (!v->n || cap - used < ((size_t)64 << 10)) return;
    void *p = realloc(v->data, used);
    if (p) { v->data = p; v->cap = v->n; }
}

int tc_vec_drain(tc_vec *dst, tc_vec *src)
{
    if (src->elem != dst->elem) return TC_EINVAL;
    if (tc_vec_reserve(dst, dst->n + src->n) != TC_OK) return TC_ENOMEM;
    /* In steps, giving back each step's whole pages of src once copied: the two arrays
     * never take all their memory at once (half a large text's statistics array). */
    size_t total = src->n * src->elem, done = 0, page = (size_t)sysconf(_SC_PAGESIZE);
    char *from = src->data, *to = (char *)dst->data + dst->n * dst->elem;
    uintptr_t released = ((uintptr_t)from + page - 1) / page * page;
    while (done < total) {
        size_t k = total - done < HUGE_PAGE ? total - done : HUGE_PAGE;
        memcpy(to + done, from + done, k);
        done += k;
        uintptr_t upto = ((uintptr_t)from + done) / page * page;
        if (total >= BIG_MIN && upto > released) {
            (void)madvise((void *)released, upto - released, MADV_DONTNEED);
            released = upto;
        }
    }
    dst->n += src->n;
    tc_vec_free(src);
    return TC_OK;
}

void *tc_vec_push(tc_vec *v)
{
    if (v->n == v->cap && tc_vec_reserve(v, v->n + 1) != TC_OK) return NULL;
    void *slot = (char *)v->data + v->n * v->elem;
    memset(slot, 0, v->elem);
    v->n++;
    return slot;
}

void tc_buf_init(tc_buf *b) { b->data = NULL; b->n = b->cap = 0; b->oom = 0; }

void tc_buf_free(tc_buf *b) { free(b->data); tc_buf_init(b); }

static int buf_grow(tc_buf *b, size_t extra)
{
    if (b->oom) return 0;
    if (b->n + extra + 1 <= b->cap) return 1;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->n + extra + 1) {
        if (cap > SIZE_MAX / 2) { b->oom = 1; return 0; }
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) { b->oom = 1; return 0; }
    b->data = p; b->cap = cap;
    return 1;
}

void tc_buf_add(tc_buf *b, const char *s, size_t len)
{
    if (!buf_grow(b, len)) return;
    if (len) memcpy(b->data + b->n, s, len);
    b->n += len;
    b->data[b->n] = '\0';
}

void tc_buf_adds(tc_buf *b, const char *s) { tc_buf_add(b, s, strlen(s)); }

void tc_buf_addf(tc_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (k < 0 || !buf_grow(b, (size_t)k)) return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->n, (size_t)k + 1, fmt, ap);
    va_end(ap);
    b->n += (size_t)k;
}

char *tc_buf_take(tc_buf *b, size_t *len)
{
    if (b->oom) { tc_buf_free(b); return NULL; }
    if (!b->data && !buf_grow(b, 0)) return NULL;
    char *p = b->data;
    if (len) *len = b->n;
    tc_buf_init(b);
    return p;
}

/* Arena: blocks of at least 4 KiB; allocations never move. */
struct tc_arena_block { tc_arena_block *next; size_t used, cap; max_align_t data[]; };

void *tc_arena_alloc(tc_arena *a, size_t n)
{
    n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    tc_arena_block *b = a->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > 4096 ? n : 4096;
        b = malloc(sizeof *b + cap);
        if (!b) return NULL;
        b->next = a->head; b->used = 0; b->cap = cap;
        a->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    return p;
}

char *tc_arena_strdup(tc_arena *a, const char *s, size_t len)
{
    char *p = tc_arena_alloc(a, len + 1);
    if (!p) return NULL;
    if (len) memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

void tc_arena_free(tc_arena *a)
{
    tc_arena_block *b = a->head;
    while (b) { tc_arena_block *next = b->next; free(b); b = next; }
    a->head = NULL;
}

void tc_arena_take(tc_arena *dst, tc_arena *src)
{
    tc_arena_block *b = src->head;
    if (!b) return;
    /* After dst's blocks: dst's head keeps taking small strings. */
    while (b->next) b = b->next;
    if (dst->head) { b->next = dst->head->next; dst->head->next = src->head; }
    else dst->head = src->head;
    src->head = NULL;
}
