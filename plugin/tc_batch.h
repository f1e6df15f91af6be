/* The batch (tc_batch): its inputs (tc_batchsrc.c) and the runner that orders the
 * lines (tc_batchrun.c).  Not installed. */
#ifndef TC_BATCH_H
#define TC_BATCH_H

#include "tc_internal.h"
#include <stdio.h>

/* One unit of work: a text file, or one JSON Lines record (a line of a JSONL input),
 * or an input that could not be read (err set). */
typedef struct tc_item {
    const char *path; size_t path_len;   /* the input (not owned) */
    char *line; size_t line_len;         /* the record, owned (JSON Lines) */
    size_t lineno;                       /* 1-based, JSON Lines */
    char err[320];                       /* non-empty: the input failed to open or read */
} tc_item;

/* The inputs, read in order under the runner's source lock. */
typedef struct tc_source {
    const char *const *inputs; const size_t *lens; size_t n;
    int jsonl;
    size_t next;                         /* next input */
    FILE *fp; size_t cur;                /* JSON Lines: the open input and its index */
    size_t lineno;
    char *buf; size_t cap;               /* getline's buffer, handed to each record */
} tc_source;

/* The next item: 1 when *it is set (the caller frees it with tc_item_free), 0 when
 * every input is done. */
TC_HIDDEN int tc_source_next(tc_source *src, tc_item *it);
TC_HIDDEN void tc_source_close(tc_source *src);
TC_HIDDEN void tc_item_free(tc_item *it);

/* Reads, parses and recognises an item and writes its line (JSON and "\n") into
 * *line (malloc'ed, the caller frees), *is_error telling which kind it is.  Returns
 * TC_OK or TC_ENOMEM. */
TC_HIDDEN int tc_item_run(const tc_item *it, int lang, const tc_data *data, char **line, size_t *len,
                          int *is_error);

#endif
