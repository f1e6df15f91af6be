/* Internals shared by the statistics files: tc_stats.c (the scanner), tc_statwords.c
 * (word lists and look-behind/look-ahead matchers) and tc_statctx.c (timepoint,
 * subgroup, sentence).  All matchers are bounded: they read a few dozen bytes around
 * a number, never the whole text, so the stage stays one pass. */
#ifndef TC_STATS_H
#define TC_STATS_H

#include "tc_numbers.h"
#include "tc_text.h"      /* tc_v16 */

/* A word: ASCII letters and Latin letters U+00C0-U+024F, with inner hyphens and
 * apostrophes ("hazard-ratio", "écart-type"). */
typedef struct tc_wspan { size_t off, len; } tc_wspan;

/* Latin letters U+00C0-U+024F (lead bytes C3-C9) except the signs U+00D7, U+00F7. */
static inline int tc_sw_latin(unsigned b0, unsigned b1)
{
    if (b0 < 0xC3 || b0 > 0xC9 || (b1 & 0xC0) != 0x80) return 0;
    return !(b0 == 0xC3 && (b1 == 0x97 || b1 == 0xB7));
}
/* Byte length of a letter at s[i] (0 if none); of a letter ending just before s[i].
 * Inline: word scanning around every number is the stage's inner loop. */
static inline size_t tc_sw_letter(const char *s, size_t n, size_t i)
{
    if (i >= n) return 0;
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) return tc_num_isalpha(c);
    return i + 1 < n && tc_sw_latin(c, (unsigned char)s[i + 1]) ? 2 : 0;
}
static inline size_t tc_sw_letter_before(const char *s, size_t i)
{
    if (!i) return 0;
    unsigned char c = (unsigned char)s[i - 1];
    if (c < 0x80) return tc_num_isalpha(c);
    return i >= 2 && tc_sw_latin((unsigned char)s[i - 2], c) ? 2 : 0;
}
/* How many ASCII letters run from s[p] (before n), at most max: sixteen bytes a
 * compare when max allows (the quick looks past a word after a number). */
static inline size_t tc_sw_alpha_run(const char *s, size_t p, size_t n, size_t max)
{
    size_t k = 0;
    if (max <= 16 && p + 16 <= n) {
        tc_v16 v;
        memcpy(&v, s + p, 16);
        unsigned m = tc_marked16((tc_v16)((tc_v16)((v | 0x20) - 'a') < 26));
        k = (size_t)__builtin_ctz(~m);   /* bit 16 up are set in ~m */
        return k < max ? k : max;
    }
    while (k < max && p + k < n && tc_num_isalpha((unsigned char)s[p + k])) k++;
    return k;
}
/* The word starting at s[i] (len 0 if none). */
TC_HIDDEN tc_wspan tc_sw_word_at(const char *s, size_t n, size_t i);
/* The word ending just before s[i], not reaching below lo (len 0 if none). */
TC_HIDDEN tc_wspan tc_sw_word_before(const char *s, size_t i, size_t lo);
/* Case-insensitive (ASCII) equality of a word with a lower-case literal. */
TC_HIDDEN int tc_sw_is(const char *s, tc_wspan w, const char *lit);
/* Skips white space (with NBSP) forward from i, at most max bytes; returns the new i. */
TC_HIDDEN size_t tc_sw_skip_space_run(const char *s, size_t n, size_t i, size_t max);
static inline size_t tc_sw_skip_space(const char *s, size_t n, size_t i, size_t max)
{
    /* Most calls (several per number) stop at once, at a letter, digit or sign: decide
     * those inline; white space, NBSP and the U+20xx spaces take the call. */
    if (i < n && max) {
        unsigned char c = (unsigned char)s[i];
        if (c > ' ' && c != 0xC2 && c != 0xE2) return i;
        if (c == ' ' && i + 1 < n) {   /* one ASCII space, the usual gap after a number */
            unsigned char c1 = (unsigned char)s[i + 1];
            if (c1 > ' ' && c1 != 0xC2 && c1 != 0xE2) return i + 1;
        }
    }
    return tc_sw_skip_space_run(s, n, i, max);
}
/* Skips white space backward from i (exclusive), not below lo; returns the new i. */
TC_HIDDEN size_t tc_sw_skip_space_back_run(const char *s, size_t i, size_t lo);
static inline size_t tc_sw_skip_space_back(const char *s, size_t i, size_t lo)
{
    /* Asked several times around every number, and nearly always settled by the byte
     * before i: an ASCII byte that is no white space ends the run at once (NBSP and the
     * U+20xx spaces end in a byte >= 0x80); one ASCII space before such a byte too. */
    if (i > lo) {
        unsigned char c = (unsigned char)s[i - 1];
        if (c > ' ' && c < 0x80) return i;
        if (c == ' ' && i - 1 > lo) {
            unsigned char c1 = (unsigned char)s[i - 2];
            if (c1 > ' ' && c1 < 0x80) return i - 1;
        }
    }
    return tc_sw_skip_space_back_run(s, i, lo);
}
/* 1 when s[j] ends a sentence: ". X" (not "t.o.v. x"), "? ", "!", a bullet, a line
 * opening with "o " (a list item in the Minerva PDFs). */
TC_HIDDEN int tc_sw_boundary_at(const char *s, size_t n, size_t j);
/* 1 when [a, b) crosses a sentence end (". X", "? ", "!", a bullet). */
TC_HIDDEN int tc_sw_crosses_boundary(const char *s, size_t n, size_t a, size_t b);

/* What a word can be around a number: one lookup in a sorted table gives all its
 * roles at once (a per-number scan of many lists was the stage's hot spot; now one hash probe). */
enum {
    TC_SW_FILLER = 1u << 0,
    TC_SW_TIME_UNIT = 1u << 1,
    TC_SW_COUNT_NOUN = 1u << 2,
    TC_SW_MEAN_WORD = 1u << 3,
    TC_SW_TP_PREP = 1u << 4,
    TC_SW_TP_LEAD = 1u << 5,
    TC_SW_SG_PREP = 1u << 6,
    TC_SW_SG_ARTICLE = 1u << 7,
    TC_SW_SG_GROUP = 1u << 8,
    TC_SW_CONJ = 1u << 9,
    TC_SW_NOT_UNIT = 1u << 10,
    TC_SW_COMPARISON = 1u << 11,
    TC_SW_COUNT_STOP = 1u << 12,
    TC_SW_PER_WORD = 1u << 13,
    TC_SW_INTERVAL_FILLER = 1u << 14,
    TC_SW_RANGE_WORD = 1u << 15,
    TC_SW_SD_WORD = 1u << 16,
    TC_SW_PHRASE_END = 1u << 17,
};
/* The TC_SW_* roles of a word (case-insensitive for ASCII), 0 for other words. */
TC_HIDDEN unsigned tc_sw_flags(const char *s, tc_wspan w);
#define TC_SW_MAX_WORD 20    /* longer words have no role */
/* Which roles some listed word starting with a (lower-case) byte has; of some word of
 * a length (tc_statwords.c). */
TC_HIDDEN extern const uint32_t tc_sw_first_roles[256];
TC_HIDDEN extern const uint32_t tc_sw_len_roles[TC_SW_MAX_WORD + 1];
/* The roles of w among roles: tc_sw_flags(s, w) & roles, but most words are turned
 * down by their first byte and length before the hash lookup (callers ask one role of
 * several words around every number). */
static inline unsigned tc_sw_role(const char *s, tc_wspan w, unsigned roles)
{
    if (!w.len || w.len > TC_SW_MAX_WORD) return 0;
    unsigned char c = (unsigned char)s[w.off];
    if (!(tc_sw_first_roles[c < 0x80 ? c | 0x20 : c] & tc_sw_len_roles[w.len] & roles)) return 0;
    return tc_sw_flags(s, w) & roles;
}
/* Which roles some listed word ending in a (lower-case) byte has. */
TC_HIDDEN extern const uint32_t tc_sw_last_roles[256];
/* Can the word ending just before s[q] (q > 0) have one of roles?  0 means no, without
 * reading the word (its last byte has none). */
static inline unsigned tc_sw_last_may(const char *s, size_t q, unsigned roles)
{
    unsigned char z = (unsigned char)s[q - 1];
    return tc_sw_last_roles[(unsigned)(z - 'A') < 26u ? z | 0x20 : z] & roles;
}
/* 1 when the table behind tc_sw_flags finds every word it lists (unit tests). */
TC_HIDDEN int tc_sw_table_ok(void);

/* The effect measure named just before s[start] ("HR ", "hazard ratio of ",
 * "OR = ", "risque relatif de ", "hazard ratio for death was "): a tc_measure, with
 * *from the phrase's start and *near = 1 when only fillers ("van", "of", "was")
 * stand between; or TC_MEASURE_NONE.  Reads back a few words, not below lo. */
TC_HIDDEN int tc_sw_measure_before(const char *s, size_t start, size_t lo, size_t *from, int *near);
/* The same giving up after max_skipped other words (tc_sw_measure_before: 2); with 0,
 * only a measure that is near: for callers that use no other (most numbers). */
TC_HIDDEN int tc_sw_measure_near(const char *s, size_t start, size_t lo, size_t *from, int *near, int max_skipped);
/* A confidence-interval word at or after s[i] ("BI", "CI", "IC", "KI", "CrI",
 * "betrouwbaarheidsinterval", "confidence interval", "intervalle de confiance"),
 * then an optional "(CI)"/"[CI]": returns the end, or 0 if none. */
TC_HIDDEN size_t tc_sw_ci_word_after(const char *s, size_t n, size_t i);
/* A CI word before s[start] ("IC à 95%", "IC95%", "CI 95%"): its start, or SIZE_MAX. */
TC_HIDDEN size_t tc_sw_ci_word_before(const char *s, size_t start, size_t lo);

/* The timepoint around a number at [start, end) that a time unit follows ("na 12
 * maanden", "at 3 months") or a leading unit precedes ("at week 16"); len 0 if none.
 * u is the word after the number (tc_sw_word_at after up to 8 bytes of white space)
 * and ufl its tc_sw_flags: the scanner has them already. */
TC_HIDDEN tc_span tc_stats_timepoint(const char *s, size_t start, size_t end, tc_wspan u, unsigned ufl);
/* The clause around a number (tc_statclause.c). */
#define TC_CLAUSE_BACK 160   /* how far back a clause may name its measure */
typedef struct tc_sc_clause { int measure, mean; } tc_sc_clause;
/* The nearest measure named in the clause before s[start] ("hazard ratios ... were
 * 1·30", "the AOR for EAO was 0.39") and whether a mean word stands there. */
TC_HIDDEN tc_sc_clause tc_sc_clause_before(const char *s, size_t n, size_t start);
/* A median named earlier in the clause (not a follow-up time); first: no number between. */
TC_HIDDEN int tc_sc_median_clause(const char *s, size_t n, size_t start, int first);
/* A mean word earlier in the clause; "respectively" later in it; a list member's lead. */
TC_HIDDEN int tc_sc_mean_clause(const char *s, size_t n, size_t start);
TC_HIDDEN int tc_sc_respectively_after(const char *s, size_t n, size_t e);
TC_HIDDEN int tc_sc_list_member_before(const char *s, size_t start);
/* "SE = 0.09", "(SE 4;" after e: the SE (tc_num flags nf) and its end. */
TC_HIDDEN int tc_sc_se_after(const char *s, size_t n, unsigned nf, size_t e, tc_num *se, size_t *end);
/* "(±SE)", "mean ± SE" earlier in the sentence; the text's own "± SE(M)" convention. */
TC_HIDDEN int tc_sc_se_header_before(const char *s, size_t n, size_t start);
TC_HIDDEN int tc_sc_pm_convention_se(const char *s, size_t n);
/* "b = ", "B=", "β = " before s[start]. */
TC_HIDDEN int tc_sc_beta_before(const char *s, size_t start);

/* Fills timepoint and subgroup of every statistic from its sentence; timepoints: the
 * tc_span list the scanner collected, in text order (tc_statctx.c). */
TC_HIDDEN int tc_stats_context(tc_doc *doc, const tc_vec *timepoints);

/* The statistics of the numbers starting in [from, to), appended to doc->stats with
 * their checks; *reached is where reading stopped (a number may run past to).  A
 * share starting at from > 0 begins with a fresh scanner, which gives what a scan of
 * the whole text gives there when the TC_STATS_QUIET bytes before from hold no digit
 * and no statistic's context reaches across (tc_statsplit.c checks both). */
#define TC_STATS_QUIET 768
TC_HIDDEN int tc_scan_stats_range(tc_doc *doc, size_t from, size_t to, size_t *reached);
/* The stage on up to `threads` threads (tc_threads_for), in shares of at least
 * share_min bytes (0: one share); *joined (may be NULL) tells how many shares made the
 * result.  tc_scan_stats gives the document's thread count and 1 MB. */
TC_HIDDEN int tc_scan_stats_shared(tc_doc *doc, int threads, size_t share_min, size_t *joined);
/* The same cut at the given offsets, ascending, each share on a thread: what
 * tc_scan_stats_shared runs once it has chosen its cuts.  When checked, a cut that is
 * not the start of a section after TC_STATS_QUIET digit-free bytes is ignored; the
 * tests also give arbitrary cuts unchecked, which the joins must then catch. */
TC_HIDDEN int tc_scan_stats_cut(tc_doc *doc, const size_t *cuts, size_t ncuts, int checked, size_t *joined);

/* The same one statistic at a time, in text order, while the scanner runs: statistic
 * i once its sentence is set and statistic i + 1 exists (or i is the last), when
 * every timepoint before statistic i + 1 has been collected.  The state carries the
 * subgroups found so far and where the previous lookups landed. */
typedef struct tc_statctx {
    tc_vec groups;       /* tc_span, in text order */
    size_t done;         /* text before this has been searched for subgroups */
    size_t hint[8];      /* four lookup streams, two positions each */
} tc_statctx;
TC_HIDDEN void tc_statctx_init(tc_statctx *c);
TC_HIDDEN int tc_statctx_one(tc_statctx *c, tc_doc *doc, const tc_vec *timepoints, size_t i);
TC_HIDDEN void tc_statctx_free(tc_statctx *c);

#endif
