/* Citation markers, shared by the scanner (tc_markers.c: bracket forms and their
 * contexts), the document-level decisions (tc_markseq.c: which bracket kind carries the
 * document's citations, how far its numbering has got, superscripts run together in one
 * bracket) and superscripts flattened into plain digits (tc_supers.c). */
#ifndef TC_MARKERS_H
#define TC_MARKERS_H

#include "tc_internal.h"

#define TC_MARK_GAP 30       /* how far past the highest cited number a new one may jump */
#define TC_MARK_ENUM_REACH 400 /* bytes within which "(2)" continues an enumeration "(1)" */

/* Left context of a bracket. */
enum {
    TC_MCTX_NONE = 0,        /* prose: after a word or punctuation */
    TC_MCTX_WORD,            /* after a statistic word ("SD", "score") or a unit after a decimal */
    TC_MCTX_NUM,             /* after a number or a percentage */
    TC_MCTX_ENUM             /* opens or continues an enumeration "(1) ... (2)" */
};
/* Right context. */
enum { TC_MRIGHT_END = 0, TC_MRIGHT_WORD, TC_MRIGHT_DIGIT };
enum {
    TC_MC_GLUED = 1,         /* no white space before the bracket ("death.[45]") */
    TC_MC_PROSE_NUM = 2,     /* CTX_NUM whose number follows a word, not a table cell */
    TC_MC_SINGLE = 4,        /* one number, no separator or range */
    TC_MC_SEP = 8,           /* after ',' ';' '.' ':' or a list word: may continue an enumeration */
    TC_MC_LOWER_NEXT = 16,   /* a lower-case word follows */
    TC_MC_AFTER_STOP = 32,   /* after a full stop */
    TC_MC_STAT_NEAR = 64     /* a statistic word shortly before ("mean age 45 (12)") */
};

typedef struct tc_mcand {
    size_t off;
    uint32_t len;
    uint8_t square, ctx, right, flags;
    long lo, hi;             /* smallest and largest number written */
} tc_mcand;

/* How far the document's numbering has got, and which numbers it has cited. */
typedef struct tc_mseq {
    long max_seen;
    unsigned char cited[TC_MAX_REF_NUMBER / 8 + 1];
} tc_mseq;

typedef struct tc_mstyle {
    int citing[2];           /* this kind ('(' = 0, '[' = 1) carries citations */
    int main_kind;           /* the kind with most evidence, -1 when none */
    int minor_ok;            /* the other kind may carry citations too */
    int established;         /* a clean citing marker exists: the sequence may decide after numbers */
    long base[2];            /* numbering reached before the text starts (a paragraph from the middle) */
    int concat;              /* superscripts flattened into one square bracket ("[45]" for [4][5]) */
} tc_mstyle;

/* Marks the candidates that enumerate ("(1) walking ...; (2) going ...") as TC_MCTX_ENUM. */
TC_HIDDEN void tc_mark_enums(tc_mcand *c, size_t n);
/* Learns the document's citation style from all candidates (s: the text). */
TC_HIDDEN int tc_mark_style(const unsigned char *s, const tc_mcand *c, size_t n, tc_mstyle *st);
/* A single glued square marker that does not continue the sequence as written, split
 * into the flattened superscripts it holds ("[45]" after [3]: 4, 5); 0 when no
 * unique split continues the sequence either. */
TC_HIDDEN size_t tc_mark_concat(const tc_mseq *q, const unsigned char *s, const tc_mcand *c,
                                int *out, size_t cap);
/* Does the sorted list refs[0..m) continue the sequence: every number already cited,
 * or new ones starting right after the highest cited? */
TC_HIDDEN int tc_mark_continues(const tc_mseq *q, const int *refs, size_t m);
/* Splits a flattened run of superscripts ("46718") into increasing numbers that each
 * were cited or continue the sequence; returns the count when exactly one split does,
 * else 0. */
TC_HIDDEN size_t tc_mark_split(const tc_mseq *q, const unsigned char *d, size_t k, int *out, size_t cap);
TC_HIDDEN void tc_mark_seen(tc_mseq *q, const int *refs, size_t m);
/* Superscripts flattened into plain digits, in a document without bracket citations
 * (tc_supers.c). */
TC_HIDDEN int tc_scan_superscripts(tc_doc *doc);

static inline int tc_mseq_cited(const tc_mseq *q, long v)
{
    return v > 0 && v <= TC_MAX_REF_NUMBER && (q->cited[v >> 3] >> (v & 7) & 1);
}

#endif
