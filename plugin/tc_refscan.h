/* What a free-text reference states (tc_refscan.c): its words, and the year, volume,
 * pages and DOI found by their punctuation ("2024;81(4):338-46", "81(4), 338–346",
 * "(2024)").  One pass over the bytes, one over the words; no allocation. */
#ifndef TC_REFSCAN_H
#define TC_REFSCAN_H
#include "tc_internal.h"

#define TC_REF_WORD 24          /* longest word kept, NUL included (longer ones are cut) */
#define TC_REF_MAX_WORDS 512    /* words kept from one reference */
#define TC_REF_MAX_YEARS 8

typedef struct tc_ref_word {
    char s[TC_REF_WORD];
    unsigned char len;
    unsigned char digits;       /* only digits */
    unsigned char content;      /* a title word: 3+ bytes, not a stop word */
} tc_ref_word;

typedef struct tc_ref {
    size_t n;
    tc_ref_word w[TC_REF_MAX_WORDS];
    size_t first;               /* the first word that is not a number: the first author */
    int years[TC_REF_MAX_YEARS];
    size_t nyears;
    char volume[TC_REF_WORD];   /* "" when not stated */
    char page_first[TC_REF_WORD], page_last[TC_REF_WORD];   /* 338-46 -> "338", "346" */
    char doi[256];              /* normalised, "" when none */
} tc_ref;

/* Reads the next word of s[0, len) from *pos: ASCII lower-cased, Latin-1 and Latin
 * Extended-A letters folded to ASCII ("García" -> "garcia"), other letters kept as
 * bytes; punctuation and dashes separate words.  Returns its length (cut to
 * TC_REF_WORD - 1) with the word NUL-terminated in w and its byte span in *start, *end;
 * 0 at the end of s. */
TC_HIDDEN size_t tc_ref_next_word(const char *s, size_t len, size_t *pos, char w[TC_REF_WORD],
                                  size_t *start, size_t *end);

/* A word that carries no meaning in a title or a journal name ("the", "of", "and"). */
TC_HIDDEN int tc_ref_stopword(const char *w);

/* Scans a reference into *ref (any bytes; never fails). */
TC_HIDDEN void tc_ref_scan(const char *s, size_t len, tc_ref *ref);

/* Index of word w in ref, or -1. */
TC_HIDDEN long tc_ref_find(const tc_ref *ref, const char *w);

/* First page and last page of a page field ("338-346", "338-46", "e2312345", "S12-S20"),
 * lower-cased, the last expanded from its short form; "" for what is missing. */
TC_HIDDEN void tc_ref_pages(const char *s, size_t len, char first[TC_REF_WORD], char last[TC_REF_WORD]);
#endif
