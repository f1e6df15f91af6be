/* Internal: what a document says about each reference number, shared by lookup
 * (tc_lookup.c), CSL-JSON enrichment (tc_annotate.c) and BibTeX enrichment
 * (tc_bibtex.c).  A "source" is either a parsed document (possibly recognised as one
 * of the bundled appraisals) or a bundled document named by id. */
#ifndef TC_ENRICH_H
#define TC_ENRICH_H

#include "tc_data.h"

/* Delimiters of trialcite's own part of a human-readable field. */
#define TC_MARK_OPEN "[trialcite]"
#define TC_MARK_CLOSE "[/trialcite]"

typedef struct tc_src {
    const tc_data *data;   /* may be NULL (parsed document only) */
    const tc_doc *doc;     /* parsed document, or NULL */
    const cJSON *bdoc;     /* bundled document: named, or recognised from doc; or NULL */
    const cJSON *trial;    /* the trial bdoc appraises (or extracted from doc), or NULL */
    cJSON *extracted;      /* the record extracted from an unrecognised appraisal (owned) */
    int appraised;         /* bdoc's appraised_reference, or 0 */
    const char *id;        /* document id (NUL-terminated), or NULL */
    tc_vec numbers;        /* int: every cited number, ascending, no duplicates */
    tc_buf scratch;        /* NUL-terminated copies of text spans for cJSON */
} tc_src;

/* Opens a source from exactly one of doc and (doc_id, id_len).  Returns TC_OK,
 * TC_EINVAL (both or neither given, unknown id), TC_ENOMEM.  Close it even on error. */
TC_HIDDEN int tc_src_open(tc_src *s, const tc_data *data, const tc_doc *doc,
                          const char *doc_id, size_t id_len);
TC_HIDDEN void tc_src_close(tc_src *s);
/* Whether n is cited; the highest cited number (0 if none). */
TC_HIDDEN int tc_src_cited(const tc_src *s, int n);
TC_HIDDEN int tc_src_max(const tc_src *s);
/* The bundled index entry of n ({number, sections, cited_for, ...}), or NULL. */
TC_HIDDEN const cJSON *tc_src_index(const tc_src *s, int n);
/* Whether n cites the appraised trial (and the trial is known). */
TC_HIDDEN int tc_src_is_trial(const tc_src *s, int n);

/* The compact machine-readable note of a cited number (custom.trialcite) and its
 * human-readable annotation text (appended to text, without delimiters). */
TC_HIDDEN cJSON *tc_src_note(tc_src *s, int n, tc_buf *text);

/* Identity of a bibliography item at the appraised-trial number: 1 when its DOI and
 * PMID (either may be absent: ptr NULL) agree with the trial's, 0 when one differs
 * (why receives a NUL-terminated reason). */
TC_HIDDEN int tc_src_identity(const tc_src *s, const char *doi, size_t doi_len,
                              const char *pmid, size_t pmid_len, char *why, size_t whylen);

/* Appends {code, severity, message, index?, number?} to a report array; index and
 * number <= 0 are left out.  Returns 0 on OOM. */
TC_HIDDEN int tc_report_add(cJSON *report, const char *code, const char *severity, long index,
                            int number, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Finds TC_MARK_OPEN ... TC_MARK_CLOSE in s[0, len): *off and *n span both markers;
 * whatever surrounds them is the user's and is kept. */
TC_HIDDEN int tc_mark_find(const char *s, size_t len, size_t *off, size_t *n);

/* Marks n in a byte map of TC_MAX_REF_NUMBER + 1 entries; 1 if it was marked before. */
static inline int tc_seen_before(unsigned char *map, int n)
{
    if (n < 0 || n > TC_MAX_REF_NUMBER) return 0;
    int was = map[n];
    map[n] = 1;
    return was;
}

#endif
