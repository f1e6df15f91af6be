/*
 * trialcite: citations, statistics and trial records from evidence-based-medicine
 * appraisals of clinical trials.
 *
 * Conventions of this header
 *  - Every exported name starts with tc_ / TC_.  Handles are opaque.
 *  - Text is always passed as (pointer, length); nothing relies on a NUL byte, and
 *    any byte sequence is valid text.
 *  - Offsets are 0-based byte offsets into the caller's text; a span is (off, len).
 *    (The Lua binding turns them into 1-based inclusive start/stop.)
 *  - Functions that can fail return an int status (TC_OK == 0) and write their result
 *    through an out-parameter.  tc_strerror() names a status.
 *  - Ownership is stated at each declaration.  Nothing here uses global mutable
 *    state, so separate handles may be used from separate threads at once; one handle
 *    is not to be shared between threads without a lock.
 *  - The library never prints; diagnostics go to an optional callback.
 */
#ifndef TRIALCITE_H
#define TRIALCITE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#  define TC_API __declspec(dllexport)
#elif defined(__GNUC__)
#  define TC_API __attribute__((visibility("default")))
#else
#  define TC_API
#endif

#define TC_VERSION_MAJOR 0
#define TC_VERSION_MINOR 1
#define TC_VERSION_PATCH 0
#define TC_VERSION "0.1.0"

/* Returns TC_VERSION of the library actually loaded (may differ from the header). */
TC_API const char *tc_version(void);

/* ---- Limits.  Each may be overridden at build time with -D. ------------------ */

/* Longest text tc_parse accepts (bytes); longer input is TC_ELIMIT. */
#ifndef TC_MAX_TEXT
#define TC_MAX_TEXT ((size_t)1 << 30)
#endif
/* Largest reference number a citation marker may name. */
#ifndef TC_MAX_REF_NUMBER
#define TC_MAX_REF_NUMBER 9999
#endif
/* Most reference numbers one range may expand to; (1-1000000) is capped and reported. */
#ifndef TC_MAX_RANGE
#define TC_MAX_RANGE 200
#endif
/* Most reference numbers in one marker, all ranges together. */
#ifndef TC_MAX_MARKER_REFS
#define TC_MAX_MARKER_REFS 400
#endif
/* Longest citing context (bytes): a longer sentence is narrowed around its marker, so
 * that what doc:references() and lookups return grows linearly with the text. */
#ifndef TC_MAX_CONTEXT
#define TC_MAX_CONTEXT 600
#endif
/* Deepest JSON nesting accepted by the trial-data loader and the resolver. */
#ifndef TC_MAX_JSON_DEPTH
#define TC_MAX_JSON_DEPTH 64
#endif
/* Largest HTTP response body the resolver keeps (bytes). */
#ifndef TC_MAX_HTTP_BODY
#define TC_MAX_HTTP_BODY ((size_t)8 << 20)
#endif

/* ---- Status codes -------------------------------------------------------------- */
typedef enum tc_status {
    TC_OK = 0,
    TC_ENOMEM,      /* out of memory */
    TC_EINVAL,      /* invalid argument (misuse) */
    TC_ELIMIT,      /* a documented limit was exceeded */
    TC_ENOTFOUND,   /* no such record / not cited / no match */
    TC_EPARSE,      /* malformed input data (JSON, identifier) */
    TC_ENETWORK,    /* network failure (connect, DNS, TLS, reset) */
    TC_ETIMEOUT,    /* timed out */
    TC_EHTTP,       /* unexpected HTTP status */
    TC_ETOOLARGE,   /* response or file larger than allowed */
    TC_EOFFLINE,    /* offline and not cached */
    TC_EIO,         /* file system error */
    TC_ECANCELLED   /* stopped by a callback */
} tc_status;

/* A static English description of a status; never NULL. */
TC_API const char *tc_strerror(int status);

/* Optional diagnostics sink: called with a message (not NUL-terminated) and its length. */
typedef void (*tc_log_fn)(void *ud, int status, const char *msg, size_t len);

/* Memory.  Everything the library returns that the caller must free is freed with
 * tc_free(); handles have their own *_free functions. */
TC_API void tc_free(void *p);

/* ==== Text engine ================================================================= */

typedef enum tc_lang { TC_LANG_UNKNOWN = 0, TC_LANG_NL, TC_LANG_FR, TC_LANG_EN } tc_lang;

/* "nl", "fr", "en" or "" for TC_LANG_UNKNOWN. */
TC_API const char *tc_lang_name(int lang);

typedef struct tc_parse_opts {
    int lang;              /* tc_lang; TC_LANG_UNKNOWN = detect */
    const char *id;        /* optional document id (copied), with its length */
    size_t id_len;
    tc_log_fn log;         /* optional */
    void *log_ud;
    unsigned flags;        /* TC_PARSE_* */
} tc_parse_opts;

/* The document keeps a pointer to the caller's text instead of a copy: the caller
 * promises that the text stays valid and unchanged until tc_doc_free.  Saves a copy
 * (time and the memory of the text) for callers that own a stable buffer, such as the
 * Lua binding, which keeps the Lua string alive with the document. */
#define TC_PARSE_BORROW 1u
/* Threads for the statistics of a large text (2 MiB and more), in bits 8-15 of
 * flags: 0 (the default) one per online CPU, 1 only the calling thread (a caller
 * with its own pool of threads may want 1); more than 255 is 255.  The result is the
 * same on any number of threads. */
#define TC_PARSE_THREADS_SHIFT 8
#define TC_PARSE_THREADS(n) (((unsigned)(n) > 255u ? 255u : (unsigned)(n)) << TC_PARSE_THREADS_SHIFT)

typedef struct tc_doc tc_doc;

/* Parses text (copied unless TC_PARSE_BORROW: the caller may then free it afterwards)
 * into *out.  opts may be NULL.
 * Returns TC_OK, TC_ENOMEM, TC_ELIMIT (len > TC_MAX_TEXT) or TC_EINVAL (NULL pointers
 * with len > 0).  The caller frees *out with tc_doc_free. */
TC_API int tc_parse(const char *text, size_t len, const tc_parse_opts *opts, tc_doc **out);
TC_API void tc_doc_free(tc_doc *doc);

/* The document's text (its copy, or the borrowed text), its length, language and id
 * ("" if none).  The text is not NUL-terminated when borrowed. */
TC_API const char *tc_doc_text(const tc_doc *doc, size_t *len);
TC_API int tc_doc_lang(const tc_doc *doc);
TC_API const char *tc_doc_id(const tc_doc *doc, size_t *len);

/* -- Sections: a heading on a line of its own opens a section that runs to the next. */
typedef enum tc_section_kind {
    TC_SEC_OTHER = 0,
    TC_SEC_LEAD,           /* text before the first heading */
    TC_SEC_QUESTION,       /* Klinische vraag / Question clinique / Clinical question */
    TC_SEC_BACKGROUND,
    TC_SEC_SUMMARY,
    TC_SEC_POPULATION,
    TC_SEC_DESIGN,
    TC_SEC_OUTCOMES,
    TC_SEC_RESULTS,
    TC_SEC_AUTHORS_CONCLUSION,
    TC_SEC_FUNDING,
    TC_SEC_CONFLICTS,
    TC_SEC_DISCUSSION,
    TC_SEC_METHODOLOGY,
    TC_SEC_RESULTS_APPRAISAL,
    TC_SEC_GUIDELINES,
    TC_SEC_CONCLUSION,     /* Besluit van Minerva / Conclusion de Minerva / Besluit */
    TC_SEC_METHODS,
    TC_SEC_INTRODUCTION,
    TC_SEC_REFERENCES,
    TC_SEC__COUNT
} tc_section_kind;

/* A stable machine name for a section kind: "question", "background", ... */
TC_API const char *tc_section_kind_name(int kind);

typedef struct tc_section {
    size_t off, len;       /* the heading as written (trimmed); len 0 for TC_SEC_LEAD */
    size_t body_off;       /* first byte after the heading line */
    size_t end;            /* one past the last byte of the section */
    int kind;              /* tc_section_kind */
    int parent;            /* index of the enclosing section, -1 if none
                              (e.g. "Bestudeerde populatie" inside "Samenvatting") */
} tc_section;

TC_API size_t tc_doc_section_count(const tc_doc *doc);
TC_API const tc_section *tc_doc_section(const tc_doc *doc, size_t i);   /* NULL if out of range */

/* -- Sentences, in text order; headings are not sentences. */
typedef struct tc_sentence {
    size_t off, len;
    int section;           /* index into sections, -1 if none */
} tc_sentence;

TC_API size_t tc_doc_sentence_count(const tc_doc *doc);
TC_API const tc_sentence *tc_doc_sentence(const tc_doc *doc, size_t i);

/* -- Citation markers, in text order. */
enum { TC_CIT_CAPPED = 1 };    /* a range was longer than TC_MAX_RANGE and was cut */

typedef struct tc_citation {
    size_t off, len;       /* the marker with its brackets: "(1,2,5-8)" */
    const int *refs;       /* expanded reference numbers, ascending, no duplicates */
    size_t nrefs;
    int sentence;          /* index into sentences, -1 if none */
    int section;           /* index into sections, -1 if none */
    unsigned flags;        /* TC_CIT_* */
} tc_citation;

TC_API size_t tc_doc_citation_count(const tc_doc *doc);
TC_API const tc_citation *tc_doc_citation(const tc_doc *doc, size_t i);

/* -- References: one per cited number, ascending; each lists its citing markers. */
TC_API size_t tc_doc_reference_count(const tc_doc *doc);
/* The i-th cited number (ascending), or -1 if i is out of range. */
TC_API int tc_doc_reference_number(const tc_doc *doc, size_t i);
/* Citation indices (text order) of the markers citing number n; *count = 0 if none. */
TC_API const size_t *tc_doc_reference_citations(const tc_doc *doc, int n, size_t *count);

/* The citing context of citation i: the sentence it sits in (the marker itself when it
 * is in none), narrowed to at most TC_MAX_CONTEXT bytes around the marker, at UTF-8
 * character boundaries, when the sentence is longer.  Returns 1 when narrowed, 0 when
 * whole, -1 when i is out of range. */
TC_API int tc_doc_citation_context(const tc_doc *doc, size_t i, size_t *off, size_t *len);

/* -- Statistics, in text order. */
typedef enum tc_stat_kind {
    TC_STAT_ESTIMATE = 1, TC_STAT_MEAN, TC_STAT_PROPORTION, TC_STAT_P, TC_STAT_COUNT
} tc_stat_kind;

typedef enum tc_measure {
    TC_MEASURE_NONE = 0, TC_MEASURE_HR, TC_MEASURE_OR, TC_MEASURE_RR, TC_MEASURE_RD,
    TC_MEASURE_MD, TC_MEASURE_SMD, TC_MEASURE_IRR, TC_MEASURE_ROM,
    /* Appended (ABI-additive): a median ("median survival 3.7 months (95% CI ...)"), a
     * regression coefficient ("b = 0.27", "β", "B"), numbers needed to treat / harm. */
    TC_MEASURE_MEDIAN, TC_MEASURE_BETA, TC_MEASURE_NNT, TC_MEASURE_NNH
} tc_measure;

typedef enum tc_op { TC_OP_NONE = 0, TC_OP_EQ, TC_OP_LT, TC_OP_GT, TC_OP_LE, TC_OP_GE } tc_op;

/* "estimate", "mean", ...; "HR", "OR", ... or NULL; "=", "<", ... or NULL. */
TC_API const char *tc_stat_kind_name(int kind);
TC_API const char *tc_measure_name(int measure);
TC_API const char *tc_op_name(int op);

typedef struct tc_span { size_t off, len; } tc_span;   /* len 0: absent */

typedef struct tc_stat {
    int kind;              /* tc_stat_kind */
    int measure;           /* tc_measure */
    double value;
    int has_sd;   double sd;
    int percent;           /* unit "%" */
    int has_ci;   double ci_level, ci_low, ci_high;
    int p_op;     double p_value;   /* p_op TC_OP_NONE: no p-value */
    int value_op;          /* a value stated as "<0,001" or "≥3": its operator, else TC_OP_NONE */
    tc_span span;          /* the whole statistic as written */
    tc_span value_span, sd_span, ci_low_span, ci_high_span, p_span;  /* each number */
    tc_span timepoint;     /* "na 12 maanden", "op 16 weken", "at 3 months" */
    tc_span subgroup;      /* "bij mannen", "in women" */
    tc_span noun;          /* counts: "deelnemers" in "154 deelnemers" */
    int sentence;          /* index into sentences, -1 if none */
    /* Appended (ABI-additive): a standard error stated with the value ("SE = 0.09",
     * "(SE 4;", "mean ± SE"), never taken for the value or an SD. */
    int has_se;   double se;
    tc_span se_span;
} tc_stat;

TC_API size_t tc_doc_stat_count(const tc_doc *doc);
TC_API const tc_stat *tc_doc_stat(const tc_doc *doc, size_t i);
/* The statistics that start inside text[off, off+len): *first is the index of the
 * first, the return value their number (binary search; a caller that needs the whole
 * statistic inside checks its end). */
TC_API size_t tc_doc_stats_from(const tc_doc *doc, size_t off, size_t len, size_t *first);

/* -- Consistency checks on the statistics. */
typedef enum tc_severity { TC_SEV_INFO = 0, TC_SEV_WARNING, TC_SEV_ERROR } tc_severity;
TC_API const char *tc_severity_name(int severity);      /* "info", "warning", "error" */

typedef struct tc_check {
    const char *code;      /* static, e.g. "ci-off-centre" */
    int severity;          /* tc_severity */
    long stat;             /* index into statistics, -1 if none */
    const char *message;   /* NUL-terminated, owned by the document */
} tc_check;

TC_API size_t tc_doc_check_count(const tc_doc *doc);
TC_API const tc_check *tc_doc_check(const tc_doc *doc, size_t i);

/* Whitespace-normalised copy of text[off, off+len): runs of white space become one
 * space, a line-end hyphen before a lower-case letter joins the words.  The caller
 * frees *out with tc_free.  Returns TC_OK, TC_EINVAL or TC_ENOMEM. */
TC_API int tc_text_clean(const char *text, size_t len, char **out, size_t *out_len);

/* The whole document (sections, sentences, citations, references, statistics, checks)
 * as JSON text with 1-based inclusive start/stop.  The caller frees *out with tc_free. */
TC_API int tc_doc_to_json(const tc_doc *doc, char **out, size_t *out_len);

/* ==== Bundled data: documents and trial records ================================== */

typedef struct tc_data tc_data;

/* Loads the data compiled into the library (the bundled appraisals and trials). */
TC_API int tc_data_bundled(tc_data **out);
/* Loads trial data from JSON text of the bundled shape (see README, "Data schema").
 * On TC_EPARSE, err (if not NULL, errlen > 0) receives a NUL-terminated message naming
 * the offending field.  The caller frees *out with tc_data_free. */
TC_API int tc_data_load(const char *json, size_t len, tc_data **out, char *err, size_t errlen);
TC_API void tc_data_free(tc_data *data);

/* JSON of all documents / all trials, as arrays.  Caller frees with tc_free. */
TC_API int tc_data_documents_json(const tc_data *data, char **out, size_t *out_len);
TC_API int tc_data_trials_json(const tc_data *data, char **out, size_t *out_len);
/* One trial found by id, DOI (any form), PMID or registration; TC_ENOTFOUND if none. */
TC_API int tc_data_trial_json(const tc_data *data, const char *key, size_t key_len,
                              char **out, size_t *out_len);
/* One document by id; TC_ENOTFOUND if none. */
TC_API int tc_data_document_json(const tc_data *data, const char *id, size_t id_len,
                                 char **out, size_t *out_len);
/* The bundled document whose text doc is (whatever its line breaks), or NULL. */
TC_API const char *tc_data_recognize(const tc_data *data, const tc_doc *doc);

/* ==== Lookup and enrichment ======================================================== */

/* What a document says about reference n, as JSON text (the shape of tc.lookup in the
 * README): number, document, contexts (citing sentences with section and statistics),
 * findings, cited_for, sections, and trial (the whole record) when n cites the
 * appraised trial.  Pass either a parsed doc (doc_id NULL) or a bundled document id
 * (doc NULL).  data supplies bundled documents and trials (may be NULL for a parsed
 * doc).  Returns TC_OK, TC_ENOTFOUND (n is not cited), TC_EINVAL (unknown document
 * id, or both/neither of doc and doc_id).  The caller frees *out with tc_free. */
TC_API int tc_lookup_json(const tc_data *data, const tc_doc *doc, const char *doc_id, size_t id_len,
                          int n, char **out, size_t *out_len);

typedef struct tc_annotate_opts {
    const char *field;     /* CSL: "annote" (default) or "note"; BibTeX: "annotation" (default) or "annote" */
    int pretty;            /* CSL: indented output JSON (default: compact) */
} tc_annotate_opts;

/* Enriches a CSL-JSON array (JSON text) with what the document says about each item's
 * reference number (citation-number, else position).  *out: the enriched array as JSON;
 * *report: a JSON array of mismatches.  Fields trialcite did not write are kept.
 * Caller frees both with tc_free.  TC_EPARSE for input that is not a JSON array. */
TC_API int tc_annotate_csl(const tc_data *data, const tc_doc *doc, const char *doc_id, size_t id_len,
                           const char *items, size_t items_len, const tc_annotate_opts *opts,
                           char **out, size_t *out_len, char **report, size_t *report_len);

/* The same for BibTeX text: every byte outside trialcite's own field is kept as it was. */
TC_API int tc_annotate_bibtex(const tc_data *data, const tc_doc *doc, const char *doc_id, size_t id_len,
                              const char *bib, size_t bib_len, const tc_annotate_opts *opts,
                              char **out, size_t *out_len, char **report, size_t *report_len);

/* ==== Resolver: DOI / PMID / free text -> CSL-JSON ================================== */

typedef struct tc_resolver tc_resolver;

typedef struct tc_resolver_opts {
    const char *mailto;        /* NUL-terminated or NULL */
    const char *user_agent;    /* extra product token, or NULL */
    const char *cache_dir;     /* NULL: $TRIALCITE_CACHE, else $XDG_CACHE_HOME/trialcite */
    int offline;               /* answer from the cache only */
    double timeout;            /* seconds per request, total; <= 0: default 30 */
    int concurrency;           /* transfers at once; <= 0: default 4 */
    const char *crossref_url;  /* NULL: $TRIALCITE_CROSSREF_URL or https://api.crossref.org */
    const char *pubmed_url;    /* NULL: $TRIALCITE_PUBMED_URL or NCBI E-utilities */
    const char *api_key;       /* NCBI key, or NULL */
    tc_log_fn log; void *log_ud;
    /* Added fields (zero = default), so a zeroed struct keeps working. */
    int max_retries;           /* retries after 429/5xx/reset; 0: default 3; < 0: none */
    double max_retry_wait;     /* cap on one backoff / Retry-After wait (s); <= 0: default 30 */
    size_t max_body;           /* response cap (bytes); 0 or > TC_MAX_HTTP_BODY: TC_MAX_HTTP_BODY */
} tc_resolver_opts;

TC_API int tc_resolver_new(const tc_resolver_opts *opts, tc_resolver **out);
TC_API void tc_resolver_free(tc_resolver *r);

/* The kinds of query a resolver takes. */
typedef enum tc_query_kind { TC_Q_AUTO = 0, TC_Q_DOI, TC_Q_PMID, TC_Q_TEXT, TC_Q_PMCID } tc_query_kind;
typedef struct tc_query { int kind; const char *s; size_t len; } tc_query;

/* One result: status TC_OK with CSL-JSON text (caller frees json with tc_free), or an
 * error status with a NUL-terminated message in error. */
typedef struct tc_result {
    int status;
    char *json; size_t json_len;
    char error[256];
} tc_result;

/* Resolves one query, blocking. */
TC_API int tc_resolve(tc_resolver *r, const tc_query *q, tc_result *res);

/* Progress callback: return non-zero to stop (remaining results become TC_ECANCELLED). */
typedef int (*tc_progress_fn)(void *ud, size_t done, size_t total, size_t index,
                              const tc_result *res);
/* Resolves n queries concurrently; results[i] answers queries[i]. */
TC_API int tc_resolve_many(tc_resolver *r, const tc_query *queries, size_t n,
                           tc_result *results, tc_progress_fn progress, void *ud);

/* Normalises a DOI in any common form ("doi:", "https://doi.org/", case) into out
 * (lower-cased ASCII, un-encoded).  Returns TC_OK or TC_EPARSE. */
TC_API int tc_doi_normalize(const char *s, size_t len, char *out, size_t outlen, size_t *out_len);

/* ==== Hosts: batch parsing and the forest plot ===================================== */

/* Parses n texts on up to `threads` threads (<= 0: one per online CPU; never more than
 * n).  docs[i] receives the document of texts[i] (NULL on failure) and status[i] its
 * tc_parse status; results are in input order whatever the scheduling.  texts[i] may
 * be NULL when lens[i] is 0.  No state is shared between the workers beyond a work
 * counter local to this call.  Returns TC_OK when every text was attempted (look at
 * status[] for each), TC_EINVAL for NULL arrays with n > 0.  The caller frees each
 * docs[i] with tc_doc_free. */
TC_API int tc_parse_many(const char *const *texts, const size_t *lens, size_t n, int threads,
                         tc_doc **docs, int *status);
/* The same with per-text options: opts is NULL or an array of n entries (ids, lang). */
TC_API int tc_parse_many_opts(const char *const *texts, const size_t *lens,
                              const tc_parse_opts *opts, size_t n, int threads,
                              tc_doc **docs, int *status);

/* Most rows a forest plot draws; further plottable results are counted in a note. */
#ifndef TC_FOREST_MAX_ROWS
#define TC_FOREST_MAX_ROWS 200
#endif

typedef struct tc_forest_opts {
    int width;             /* pixels; <= 0: 760 (at least 360 is used) */
    const char *title;     /* optional heading (UTF-8, copied and XML-escaped), with its length */
    size_t title_len;
} tc_forest_opts;

/* A forest plot as a standalone SVG document.  results_json: a JSON array of results
 * in the trial-record shape ({outcome=, measure=, value=, ci={low=, high=, level=},
 * timepoint=, subgroup=, favours_intervention="below"|"above"}), or a trial object
 * whose "results" is such an array (its "arms" then name the sides).  One row per
 * result with a value and a CI, in one panel per measure (and favoured side); ratio
 * measures (HR, OR, RR, IRR, RoM) on a log axis with a null line at 1, differences
 * (anything else) on a linear axis with a null line at 0; "favours <arm>" on each side
 * of the null line when the results say which.  Results without a CI are left out (an SVG
 * saying so is returned when none remains).  opts may be NULL.  Returns TC_OK,
 * TC_EPARSE (not an array / trial object), TC_EINVAL or TC_ENOMEM.  The caller frees
 * *out with tc_free. */
TC_API int tc_forest_svg(const char *results_json, size_t len, const tc_forest_opts *opts,
                         char **out, size_t *out_len);

/* ==== Files and batches ============================================================ */

/* Parses the file at path[0..path_len) (no NUL needed) in place: the file is mapped
 * into memory (read, where it cannot be mapped: a pipe, a terminal) and parsed as with
 * TC_PARSE_BORROW; the document owns the mapping and releases it in tc_doc_free, so a
 * large file costs little memory beyond the document's records.  opts may be NULL.
 * Returns TC_OK; TC_EIO when the file does not exist, is a directory or cannot be
 * read, with a NUL-terminated message "cannot read PATH: REASON" in err (when err is
 * not NULL and errlen > 0); TC_ELIMIT (larger than TC_MAX_TEXT); TC_ENOMEM; TC_EINVAL.
 * The file must not shrink while the document lives (the mapping would then fault).
 * The caller frees *out with tc_doc_free. */
TC_API int tc_parse_file(const char *path, size_t path_len, const tc_parse_opts *opts, tc_doc **out,
                         char *err, size_t errlen);

/* Receives s[0..len); returns non-zero to stop (the batch then ends TC_ECANCELLED). */
typedef int (*tc_write_fn)(void *ud, const char *s, size_t len);
/* Told each time a line is written: done lines so far, of total (0 when unknown). */
typedef int (*tc_batch_progress_fn)(void *ud, size_t done, size_t total);

/* Inputs are JSON Lines files of records {"id":..., "text":..., "lang":...} (id and
 * lang optional) instead of text files. */
#define TC_BATCH_JSONL 1u
/* Leave out the "document" field (the bundled document a text is). */
#define TC_BATCH_NO_RECOGNIZE 2u

typedef struct tc_batch_opts {
    int threads;           /* threads working, the caller's included; <= 0: one per online CPU */
    int lang;              /* tc_lang of every text (a record's "lang" wins); TC_LANG_UNKNOWN: detect */
    unsigned flags;        /* TC_BATCH_* */
    size_t window;         /* most documents in work or waiting to be written; 0: 4 per thread */
    const tc_data *data;   /* documents to recognise; NULL: the bundled ones */
    tc_write_fn write;     /* required: each line, "\n" included, in input order */
    void *write_ud;
    tc_batch_progress_fn progress;   /* optional */
    void *progress_ud;
} tc_batch_opts;

typedef struct tc_batch_stats {
    size_t documents;      /* lines written with a document */
    size_t errors;         /* lines written with an error */
} tc_batch_stats;

/* Parses many documents on opts->threads threads and writes one JSON line per document
 * through opts->write, in input order: tc_doc_to_json's object, with "id" (the file
 * name, or the record's id) and, when the text is a bundled document, "document"
 * after it.  inputs[i] (inputs[i][0..lens[i]), "-" for standard input) is a text file,
 * or with TC_BATCH_JSONL a JSON Lines file.  An input or record that cannot be read or
 * parsed gives {"id":..., "error":"..."} in its place.  Worker threads read, parse,
 * write the JSON and recognise; the calling thread writes the lines (the callbacks run
 * only on it) and parses while it waits.  At most opts->window documents are held at
 * once, whatever the number of inputs.  Returns TC_OK when every input was handled
 * (stats, if not NULL, counts the lines), TC_ECANCELLED when a callback stopped it,
 * TC_EINVAL (no write callback, NULL arrays with n > 0), TC_ENOMEM. */
TC_API int tc_batch(const char *const *inputs, const size_t *lens, size_t n, const tc_batch_opts *opts,
                    tc_batch_stats *stats);

/* ==== Extraction: a trial record from any text ===================================== */

typedef struct tc_extract_opts {
    const char *id;        /* the record's id (copied), with its length; NULL: the
                              document's id, else "extracted" */
    size_t id_len;
    int pretty;            /* indented JSON (default: compact) */
} tc_extract_opts;

/* The trial a text reports or appraises, as a record in the bundled schema
 * (plugin/data/schema/trial.schema.json), filled from the text alone: population,
 * arms, outcomes, results, design, registration, funding, conflicts.  Every number has
 * an "evidence" entry {path, value, document, start, stop, text, part} with 1-based
 * inclusive offsets into the document's text (a derived number: {path, value, source});
 * "extraction" says per field how it was found (section kind and pattern).  A field the
 * text does not state is absent.  opts may be NULL.  Returns TC_OK, TC_EINVAL or
 * TC_ENOMEM.  The caller frees *out with tc_free. */
TC_API int tc_extract_trial_json(const tc_doc *doc, const tc_extract_opts *opts,
                                 char **out, size_t *out_len);

/* The reference number that cites the appraised trial in an appraisal (cited in the
 * summary or design sections, or on the line naming the study), or 0 when none. */
TC_API int tc_extract_trial_reference(const tc_doc *doc);

#ifdef __cplusplus
}
#endif
#endif /* TRIALCITE_H */
