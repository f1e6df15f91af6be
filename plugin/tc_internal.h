/* Internal declarations shared by the library's C files.  Not installed.
 * Every non-static name here still carries the tc_ prefix (hidden by -fvisibility). */
#ifndef TC_INTERNAL_H
#define TC_INTERNAL_H

#include "trialcite.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define TC_HIDDEN __attribute__((visibility("hidden")))

/* One error exit per function: TC_CHECK jumps to the function's fail: label. */
#define TC_CHECK(expr) do { if ((rc = (expr)) != TC_OK) goto fail; } while (0)

/* ---- Growing arrays: one allocation that doubles, never one per element. ---- */
typedef struct tc_vec {
    void *data;
    size_t n, cap, elem;
} tc_vec;

TC_HIDDEN void tc_vec_init(tc_vec *v, size_t elem);
TC_HIDDEN void tc_vec_free(tc_vec *v);
/* Room for one more element; returns a pointer to it (zeroed) and bumps n, or NULL. */
TC_HIDDEN void *tc_vec_push(tc_vec *v);
TC_HIDDEN int tc_vec_reserve(tc_vec *v, size_t n);
/* Gives back the capacity beyond n (a finished array); never moves a large one. */
TC_HIDDEN void tc_vec_shrink(tc_vec *v);
/* Appends src's elements to dst and frees src, giving back src's memory as it goes. */
TC_HIDDEN int tc_vec_drain(tc_vec *dst, tc_vec *src);
/* malloc for large blocks written front to back (freed with free): huge-page aligned
 * where the system offers transparent huge pages, to save page faults. */
TC_HIDDEN void *tc_alloc_big(size_t n);
#define TC_VEC_AT(v, type, i) (((type *)(v)->data)[i])

/* ---- Byte buffer for building strings. ---- */
typedef struct tc_buf { char *data; size_t n, cap; int oom; } tc_buf;
TC_HIDDEN void tc_buf_init(tc_buf *b);
TC_HIDDEN void tc_buf_free(tc_buf *b);
TC_HIDDEN void tc_buf_add(tc_buf *b, const char *s, size_t len);
TC_HIDDEN void tc_buf_adds(tc_buf *b, const char *s);
TC_HIDDEN void tc_buf_addf(tc_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Takes the NUL-terminated contents (the caller frees); NULL on earlier OOM. */
TC_HIDDEN char *tc_buf_take(tc_buf *b, size_t *len);

/* ---- Arena for small strings owned by a document (check messages, ...). ---- */
typedef struct tc_arena_block tc_arena_block;
typedef struct tc_arena { tc_arena_block *head; } tc_arena;
TC_HIDDEN void *tc_arena_alloc(tc_arena *a, size_t n);
TC_HIDDEN char *tc_arena_strdup(tc_arena *a, const char *s, size_t len);
TC_HIDDEN void tc_arena_free(tc_arena *a);
/* Moves src's blocks into dst (src is left empty). */
TC_HIDDEN void tc_arena_take(tc_arena *dst, tc_arena *src);

/* ---- UTF-8 (tc_utf8.c). ---- */
/* Length of the valid UTF-8 sequence at s (1-4), or 0 if the bytes there are not one. */
TC_HIDDEN size_t tc_utf8_valid(const unsigned char *s, size_t n);
/* Code point at s; invalid bytes decode to U+FFFD with *len = 1 (0 at the end). */
TC_HIDDEN unsigned tc_utf8_decode(const unsigned char *s, size_t n, size_t *len);

/* ---- Cleaning (tc_clean.c). ---- */
/* tc_text_clean's folding of white space and line-end hyphens, in place: s[0, len)
 * becomes its cleaned form, whose length is returned (never more than len).  For the
 * context strings of statistics (timepoint, subgroup), which every host gets cleaned. */
TC_HIDDEN size_t tc_clean_inplace(char *s, size_t len);

/* ---- JSON from outside (tc_jsonparse.c). ---- */
struct cJSON;
/* Exactly one JSON value in text[0, len) (white space around it allowed), nested no
 * deeper than TC_MAX_JSON_DEPTH; else NULL, with a static reason in *why and the
 * 0-based byte offset of the problem in *at (both optional).  Free with cJSON_Delete. */
TC_HIDDEN struct cJSON *tc_json_parse(const char *text, size_t len, const char **why, size_t *at);

/* ---- A file's bytes in memory (tc_file.c): mapped, or read into the heap. ---- */
typedef struct tc_file {
    const char *data; size_t len;
    void *map; size_t map_len;    /* munmap'ed on close, when mapped */
    char *heap;                   /* freed on close, when read */
} tc_file;

/* ---- The document. ---- */
struct tc_doc {
    const char *text;      /* the text: owned (a copy) or borrowed (TC_PARSE_BORROW) */
    char *owned;           /* the copy, when not borrowed; scanners never read text[len] */
    size_t len;
    int lang;
    int threads;           /* for the statistics of a large text (TC_PARSE_THREADS) */
    char *id; size_t id_len;
    tc_log_fn log; void *log_ud;

    tc_vec sections;       /* tc_section */
    tc_vec sentences;      /* tc_sentence */
    tc_vec citations;      /* tc_citation; refs point into refpool after finishing */
    tc_vec refpool;        /* int: all expanded reference numbers, marker after marker */
    tc_vec refnums;        /* int: cited numbers, ascending */
    tc_vec refcits;        /* size_t: citation indices grouped by number */
    tc_vec refstart;       /* size_t: start of each number's group in refcits (+1 sentinel) */
    tc_vec stats;          /* tc_stat */
    tc_vec checks;         /* tc_check */
    tc_arena arena;
    tc_file file;          /* the file the text is, when parsed by tc_parse_file */
};

/* ---- Bundled data files, compiled in by plugin/tools/embed.c (build/gen/tc_bundled.c). */
typedef struct tc_blob { const char *name; const char *data; size_t len; } tc_blob;
extern const tc_blob tc_bundled[];        /* ends with a { NULL } entry */
extern const size_t tc_bundled_count;

/* Pipeline stages, run by tc_parse in this order.  Each reads what earlier stages
 * filled in and appends to its own vector; each returns a tc_status. */
TC_HIDDEN int tc_detect_lang(tc_doc *doc);         /* tc_lang.c */
/* The detector's word list (for tests): sets entry i when i is in range; returns the
 * number of entries. */
TC_HIDDEN size_t tc_lang_words(size_t i, const char **w, size_t *len, int *lang);
/* The detector's counts: hits[lang] listed words of each language in the sample of
 * text (hits[0]: none).  tc_detect_lang decides from them. */
TC_HIDDEN void tc_lang_hits(const char *text, size_t len, unsigned hits[4]);
TC_HIDDEN int tc_scan_sections(tc_doc *doc);       /* tc_sections.c */
TC_HIDDEN int tc_scan_markers(tc_doc *doc);        /* tc_markers.c: citations (refs via refpool offsets) */
TC_HIDDEN int tc_scan_sentences(tc_doc *doc);      /* tc_sentences.c: also sets citation.sentence */
TC_HIDDEN int tc_scan_stats(tc_doc *doc);          /* tc_stats.c: also runs the checks */
TC_HIDDEN int tc_run_checks(tc_doc *doc);          /* tc_checks.c */
/* The checks of statistic i alone, appended to doc->checks (the scanner runs them as
 * each statistic is finished, while it is in cache). */
TC_HIDDEN int tc_check_stat(tc_doc *doc, size_t i);

/* Index of the sentence containing offset off, or -1 (binary search). */
TC_HIDDEN int tc_doc_sentence_at(const tc_doc *doc, size_t off);
/* The same for callers that visit offsets (mostly) in text order: walks forward from
 * *cursor (0 at first) and binary-searches only when off lies behind it or *cursor is
 * past the last sentence (SIZE_MAX: start anywhere), so a stage that looks up every
 * statistic or citation stays linear. */
TC_HIDDEN int tc_doc_sentence_walk(const tc_doc *doc, size_t *cursor, size_t off);
/* Index of the innermost section containing offset off, or -1. */
TC_HIDDEN int tc_doc_section_at(const tc_doc *doc, size_t off);
/* Adds a check with a printf-style message; returns a tc_status. */
TC_HIDDEN int tc_doc_add_check(tc_doc *doc, const char *code, int severity, long stat,
                               const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Threads for a call that asks for `threads` (<= 0: one per online CPU) for n tasks:
 * at least 1, at most n and TC_BATCH_MAX_THREADS (tc_batch.c). */
#define TC_BATCH_MAX_THREADS 64
TC_HIDDEN size_t tc_threads_for(int threads, size_t n);
/* Releases the document's file, if any (tc_file.c). */
TC_HIDDEN void tc_doc_release_file(tc_doc *doc);
/* Reports a diagnostic through the document's log callback, if any. */
TC_HIDDEN void tc_doc_log(const tc_doc *doc, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
