/* Files in memory (tc_file.c): mapped, or read where mapping is not possible.  Used by
 * tc_parse_file and the batch.  Not installed. */
#ifndef TC_FILE_H
#define TC_FILE_H

#include "tc_internal.h"

/* Opens path[0..path_len) and maps or reads it.  On failure a NUL-terminated message
 * "cannot read PATH: REASON" goes to err (when err and errlen > 0).  Returns TC_OK,
 * TC_EIO, TC_ELIMIT or TC_ENOMEM.  f is always safe to pass to tc_file_close. */
TC_HIDDEN int tc_file_open(const char *path, size_t path_len, tc_file *f, char *err, size_t errlen);
/* The same for an open descriptor (not closed here); *errnum is set on TC_EIO. */
TC_HIDDEN int tc_file_fd(int fd, tc_file *f, int *errnum);
TC_HIDDEN void tc_file_close(tc_file *f);
/* Parses f in place; the document then owns f's memory (f is emptied).  On failure f
 * is closed. */
TC_HIDDEN int tc_parse_mapped(tc_file *f, const tc_parse_opts *opts, tc_doc **out);

#endif
