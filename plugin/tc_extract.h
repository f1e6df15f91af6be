/* Internals of the trial extractor (issue 15): tc_extract.c (entry point, design,
 * registration, funding), tc_extract_pop.c (population), tc_extract_arms.c (arms),
 * tc_extract_res.c (outcomes and results), tc_extract_country.c (where the trial
 * ran), tc_extract_ref.c (which reference cites the trial),
 * tc_extract_util.c (word matching, number candidates, record building) and
 * tc_numwords.c (counts written as words in nl, fr, en).
 *
 * The extractor reads only the document's public records (sections, sentences,
 * statistics) and its text; every matcher is bounded by the sentence it works in. */
#ifndef TC_EXTRACT_H
#define TC_EXTRACT_H

#include "tc_internal.h"
#include "tc_numbers.h"
#include <cjson/cJSON.h>

#define TC_EX_NONE ((size_t)-1)
/* Most number candidates one look at a sentence collects. */
#define TC_EX_MAXC 48

typedef struct tc_ex {
    const tc_doc *doc;
    const char *t;         /* the text and its length */
    size_t n;
    int lang;              /* tc_lang of the document */
    unsigned nflags;       /* tc_num_scan flags for that language */
    const char *docname;   /* evidence "document": the doc id or "text" */
    cJSON *rec;            /* the record being built */
    cJSON *ev;             /* rec.evidence */
    cJSON *how;            /* rec.extraction */
    int oom;               /* an allocation failed: the result is TC_ENOMEM */
    /* What population and arms found, for the results and the derived total. */
    int arms_known;        /* arms[] entries written */
} tc_ex;

/* A candidate integer in the text: digits (thousands groups allowed) or words. */
typedef struct tc_ex_int {
    long value;
    size_t off, len;
    int word;              /* written as words ("Two hundred and forty-one") */
} tc_ex_int;

/* ---- word matching (tc_extract_util.c) ---- */
/* Length of w matched at s[i] case-insensitively (ASCII folded, other bytes exact),
 * with a word boundary before i and, unless prefix, after the match; 0 if none. */
TC_HIDDEN size_t tc_ex_match(const char *s, size_t n, size_t i, const char *w, int prefix);
/* First position in [lo, hi) where one of words (NULL-terminated list; a trailing '*'
 * marks a prefix) matches; TC_EX_NONE if none.  *which / *mlen: the word's index and
 * the matched length (either may be NULL). */
TC_HIDDEN size_t tc_ex_find(const char *s, size_t lo, size_t hi, const char *const *words,
                            int *which, size_t *mlen);
/* The same, last match starting in [lo, hi). */
TC_HIDDEN size_t tc_ex_find_last(const char *s, size_t lo, size_t hi, const char *const *words,
                                 int *which, size_t *mlen);
/* Whether the word starting at s[i] (after spaces) is one of words; its length. */
TC_HIDDEN size_t tc_ex_word_in(const char *s, size_t n, size_t i, const char *const *words);
/* Skips white space from i (not beyond hi). */
TC_HIDDEN size_t tc_ex_skip_space(const char *s, size_t i, size_t hi);
/* Start of the next word at or after i (skipping spaces and punctuation in between
 * only when skip_punct); hi if none. */
TC_HIDDEN size_t tc_ex_next_word(const char *s, size_t i, size_t hi, int skip_punct);
/* End (one past) of the word starting at i. */
TC_HIDDEN size_t tc_ex_word_end(const char *s, size_t i, size_t hi);
/* Start of the word ending before i, not below lo (skipping spaces); TC_EX_NONE. */
TC_HIDDEN size_t tc_ex_word_before(const char *s, size_t i, size_t lo);

/* ---- number candidates ---- */
/* An integer written at s[i] (digits, or number words in the document's language);
 * 1 and *out, or 0.  Decimals, percentages, numbers inside a larger token (12-week,
 * 1:1, 3/10) and numbers followed by a unit or time word are not candidates. */
TC_HIDDEN int tc_ex_int_at(const tc_ex *x, size_t i, size_t hi, tc_ex_int *out);
/* Collects candidates in [lo, hi) into out (at most max); returns how many. */
TC_HIDDEN size_t tc_ex_ints(const tc_ex *x, size_t lo, size_t hi, tc_ex_int *out, size_t max);
/* Counts written as words at s[i] (tc_numwords.c): "Two hundred and forty-one",
 * "Honderdvijftig", "Cent vingt", "twee".  Values 2..999999; 0 if none. */
TC_HIDDEN size_t tc_numword_scan(const char *s, size_t n, size_t i, int lang, long *value);
/* lang: a tc_lang; TC_LANG_UNKNOWN tries the three. */

/* ---- record building ---- */
/* Sets obj[key] = v and appends {path, value, document, start, stop, text, part} to
 * the evidence; off/len span the number as written.  Returns the number item. */
TC_HIDDEN cJSON *tc_ex_num(tc_ex *x, cJSON *obj, const char *key, const char *path,
                           double v, size_t off, size_t len, const char *part);
/* Evidence only (the number is set elsewhere, e.g. a second arm sharing one span). */
TC_HIDDEN void tc_ex_evidence(tc_ex *x, const char *path, double v, size_t off, size_t len,
                              const char *part);
/* obj[key] = the whitespace-normalised text of [off, off+len) (valid UTF-8). */
TC_HIDDEN cJSON *tc_ex_str(tc_ex *x, cJSON *obj, const char *key, size_t off, size_t len);
/* extraction[group][field] = {section = <kind at off>, pattern = pattern}. */
TC_HIDDEN void tc_ex_how(tc_ex *x, const char *group, const char *field, size_t off,
                         const char *pattern);
/* The object rec[key], created when absent. */
TC_HIDDEN cJSON *tc_ex_obj(tc_ex *x, cJSON *parent, const char *key);
/* The array rec[key], created when absent. */
TC_HIDDEN cJSON *tc_ex_arr(tc_ex *x, cJSON *parent, const char *key);
/* The section kind at offset off (TC_SEC_OTHER when none). */
TC_HIDDEN int tc_ex_section_kind(const tc_ex *x, size_t off);
/* The clause of sentence [lo, hi) around off: bounded by ';', a bullet, or the sentence. */
TC_HIDDEN void tc_ex_clause(const tc_ex *x, size_t lo, size_t hi, size_t off, size_t *clo, size_t *chi);

/* ---- population and arms (tc_extract_pop.c, tc_extract_arms.c) ---- */
static inline const char *tc_ex_part_of(const tc_ex_int *c) { return c->word ? "word" : "value"; }
/* population[key] = c's value with its evidence, unless set already. */
TC_HIDDEN void tc_ex_set_pop(tc_ex *x, const char *key, const tc_ex_int *c, size_t where, const char *pattern);
/* Arms in a sentence: "N to <label>" lists after a randomisation phrase, "(n = N)"
 * labels, "N each" lists, "N per group" with the arms an appraisal names; each returns
 * how many arms it added (a lone one is undone: 0). */
TC_HIDDEN int tc_ex_arms_n_to(tc_ex *x, size_t from, size_t hi);
TC_HIDDEN int tc_ex_arms_list(tc_ex *x, size_t lo, size_t hi);
TC_HIDDEN int tc_ex_arms_each(tc_ex *x, size_t from, size_t hi);
TC_HIDDEN void tc_ex_arms_per_group(tc_ex *x, size_t lo, size_t hi);
/* Roles of the arms and their descriptions from the design bullets. */
TC_HIDDEN void tc_ex_arms_finish(tc_ex *x);

/* ---- the groups ---- */
TC_HIDDEN void tc_ex_population(tc_ex *x);   /* tc_extract_pop.c: population and arms */
TC_HIDDEN void tc_ex_results(tc_ex *x);      /* tc_extract_res.c: outcomes and results */
TC_HIDDEN void tc_ex_design(tc_ex *x);       /* tc_extract.c */
TC_HIDDEN void tc_ex_country(tc_ex *x);      /* tc_extract_country.c */

/* Words shared by the groups (tc_extract_words.c). */
TC_HIDDEN extern const char *const tc_ex_w_randomised[];
TC_HIDDEN extern const char *const tc_ex_w_participants[];
TC_HIDDEN extern const char *const tc_ex_w_control[];
TC_HIDDEN extern const char *const tc_ex_w_intervention[];
TC_HIDDEN extern const char *const tc_ex_w_primary[];
TC_HIDDEN extern const char *const tc_ex_w_secondary[];
TC_HIDDEN extern const char *const tc_ex_w_units[];
TC_HIDDEN extern const char *const tc_ex_w_to[];

#endif
