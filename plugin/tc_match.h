/* Does a Crossref search candidate answer a free-text reference? (tc_match.c)
 * Each field is judged agree / disagree / unknown from what both sides state; the
 * acceptance rules and points are listed in tc_match.c and README.md. */
#ifndef TC_MATCH_H
#define TC_MATCH_H
#include "tc_refscan.h"

struct cJSON;

enum { TC_MF_TITLE, TC_MF_AUTHOR, TC_MF_YEAR, TC_MF_CONTAINER, TC_MF_VOLUME, TC_MF_PAGE, TC_MF_DOI, TC_MF_COUNT };
/* A field's verdict.  PARTIAL is for titles only (a shortened title). */
enum { TC_MV_UNKNOWN = 0, TC_MV_AGREE, TC_MV_PARTIAL, TC_MV_DISAGREE };

typedef struct tc_match {
    unsigned char v[TC_MF_COUNT];
    double title_overlap;      /* share of the candidate title's content words in the reference */
    size_t title_run;          /* longest run of them in the same order in the reference */
    int score;                 /* points of the agreeing fields */
    int accepted;
    const char *rule;          /* static text: the rule that accepted, or why not */
} tc_match;

/* Judges one Crossref work (a cJSON object; anything else is a rejected candidate)
 * against a scanned reference.  TC_OK, or TC_ENOMEM. */
TC_HIDDEN int tc_match_work(const tc_ref *ref, const struct cJSON *work, tc_match *m);

/* "title", "author", "year", "container", "volume", "page", "doi". */
TC_HIDDEN const char *tc_match_field_name(int field);

/* Adds {score, rule, fields = [agreeing field names], title_overlap} to obj as key k.
 * Returns 0 on out of memory. */
TC_HIDDEN int tc_match_add_json(struct cJSON *obj, const char *k, const tc_match *m);
#endif
