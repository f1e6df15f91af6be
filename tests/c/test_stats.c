/* Unit tests of the number scanner (plugin/tc_numbers.c) and a few C-level checks of
 * the statistics stage: spans, values, precision, refusals. */
#include "tc_test.h"
#include "tc_numbers.h"
#include "tc_stats.h"
#include <math.h>

/* Scans the number at the first byte of s (or at offset at); 1 if found. */
static int scan(const char *s, size_t at, unsigned flags, tc_num *x)
{
    return tc_num_scan(s, strlen(s), at, flags, x);
}

static void expect(const char *name, const char *s, size_t at, unsigned flags, double v,
                   size_t len, double ulp)
{
    tc_num x;
    TEST_BEGIN(name);
    CHECKF(scan(s, at, flags, &x), "no number in \"%s\"", s);
    if (!tc_test_case_failed) {
        CHECKF(x.value == v, "\"%s\": value %.17g, want %.17g", s, x.value, v);
        CHECKF(x.off == at && x.len == len, "\"%s\": span %zu+%zu, want %zu+%zu", s, x.off, x.len, at, len);
        CHECKF(fabs(x.ulp - ulp) <= ulp * 1e-12, "\"%s\": ulp %g, want %g", s, x.ulp, ulp);
    }
    TEST_END();
}

static void refuse(const char *name, const char *s, size_t at, unsigned flags)
{
    tc_num x;
    TEST_BEGIN(name);
    CHECKF(!scan(s, at, flags, &x), "\"%s\" read as %g", s, x.value);
    TEST_END();
}

static void test_scanner(void)
{
    expect("decimal comma", "0,58;", 0, 0, 0.58, 4, 0.01);
    expect("decimal point", "0.58)", 0, 0, 0.58, 4, 0.01);
    expect("middle dot (Lancet)", "0\xC2\xB7" "58 ", 0, 0, 0.58, 5, 0.01);
    expect("ascii minus", "-0,07 tot", 0, 0, -0.07, 5, 0.01);
    expect("unicode minus U+2212", "\xE2\x88\x92" "0,01 tot", 0, 0, -0.01, 7, 0.01);
    expect("en dash as minus", "\xE2\x80\x93" "1.5", 0, 0, -1.5, 6, 0.1);
    expect("integer", "154 deelnemers", 0, 0, 154, 3, 1);
    expect("range is not a sign", "0,37-0,90", 0, 0, 0.37, 4, 0.01);
    expect("trailing zero keeps precision", "0,90 ", 0, 0, 0.9, 4, 0.01);
    expect("leading separator", "P = .02", 4, TC_NUM_LEADING_SEP, 0.02, 3, 0.01);
    expect("dot thousands (nl)", "1.372 volwassenen", 0, TC_NUM_DOT_GROUPS, 1372, 5, 1);
    expect("dot decimal when not 3 digits (nl)", "1.37 ", 0, TC_NUM_DOT_GROUPS, 1.37, 4, 0.01);
    expect("leading zero is never grouped", "0.372", 0, TC_NUM_DOT_GROUPS, 0.372, 5, 0.001);
    expect("comma thousands (en)", "1,372 adults", 0, TC_NUM_COMMA_GROUPS, 1372, 5, 1);
    expect("comma decimal without flag", "1,372", 0, 0, 1.372, 5, 0.001);
    expect("two groups in any language", "1.234.567 x", 0, 0, 1234567, 9, 1);
    expect("groups then decimal", "1.234,5", 0, TC_NUM_DOT_GROUPS, 1234.5, 7, 0.1);
    expect("space thousands (fr)", "1 372 adultes", 0, TC_NUM_SPACE_GROUPS, 1372, 5, 1);
    expect("no space groups without flag", "1 372", 0, 0, 1, 1, 1);
    expect("nbsp thousands", "12\xC2\xA0" "345", 0, 0, 12345, 7, 1);
    expect("exponent e", "1e-5 ", 0, 0, 1e-5, 4, 1e-5);
    expect("exponent E+", "2.5E+3", 0, 0, 2500, 6, 100);
    expect("10^-3", "10^-3", 0, 0, 1e-3, 5, 1e-3);
    expect("times ten unicode minus", "1,2 \xC3\x97 10\xE2\x88\x92" "4", 0, 0, 1.2e-4, 13, 1e-5);
    expect("x10 caret", "3.1x10^-6", 0, 0, 3.1e-6, 9, 1e-7);
    expect("superscript exponent", "2\xC3\x97" "10\xE2\x81\xBB\xE2\x81\xB4", 0, 0, 2e-4, 11, 1e-4);
    expect("ordinal is not an exponent", "5e week", 0, 0, 5, 1, 1);
    expect("ten times is not an exponent", "2 x 10 mg", 0, 0, 2, 1, 1);
    refuse("overflow 1e400 is not a number", "1e400", 0, 0);
    refuse("underflow 1e-400 is not a number", "1e-400", 0, 0);
    refuse("400 digits are not a number", "10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000", 0, 0);
    refuse("a word", "abc", 0, 0);
    refuse("a lone minus", "- 3", 0, 0);
    refuse("leading separator needs the flag", ".02", 0, 0);
    refuse("end of text", "", 0, 0);
}

static void test_long(void)
{
    tc_num x;
    TEST_BEGIN("many digits keep their magnitude");
    CHECK(scan("123456789012345678901234", 0, 0, &x) && x.len == 24);
    CHECK(fabs(x.value / 1.2345678901234568e23 - 1) < 1e-15);
    TEST_END();
}

static void test_ops(void)
{
    size_t k;
    TEST_BEGIN("operators");
    CHECK(tc_num_op_at("<0", 2, 0, &k) == TC_OP_LT && k == 1);
    CHECK(tc_num_op_at("<=0", 3, 0, &k) == TC_OP_LE && k == 2);
    CHECK(tc_num_op_at("\xE2\x89\xA4" "0", 4, 0, &k) == TC_OP_LE && k == 3);
    CHECK(tc_num_op_at("\xE2\x89\xA5" "0", 4, 0, &k) == TC_OP_GE && k == 3);
    CHECK(tc_num_op_at("=", 1, 0, &k) == TC_OP_EQ && k == 1);
    CHECK(tc_num_op_at("a", 1, 0, &k) == TC_OP_NONE);
    CHECK(tc_num_op_before("p\xE2\x89\xA4", 4, &k) == TC_OP_LE && k == 3);
    CHECK(tc_num_op_before("p>=", 3, &k) == TC_OP_GE && k == 2);
    CHECK(tc_num_minus_before("(\xE2\x88\x92", 4) == 3);
    CHECK(tc_num_minus_before("(", 1) == 0);
    TEST_END();
}

static void test_words(void)
{
    TEST_BEGIN("word table complete, lookups case-insensitive");
    CHECK(tc_sw_table_ok());
    const char *t = "Maanden deelnemers HR verschil xyz";
    CHECK(tc_sw_flags(t, (tc_wspan){ 0, 7 }) & TC_SW_TIME_UNIT);
    CHECK(tc_sw_flags(t, (tc_wspan){ 8, 10 }) & TC_SW_COUNT_NOUN);
    CHECK(tc_sw_flags(t, (tc_wspan){ 22, 8 }) & TC_SW_PHRASE_END);
    CHECK(tc_sw_flags(t, (tc_wspan){ 31, 3 }) == 0);
    CHECK(tc_sw_flags(t, (tc_wspan){ 0, 0 }) == 0);
    TEST_END();
}

/* Every byte sequence is valid input: scanning never reads outside [0, n). */
static void test_bounds(void)
{
    TEST_BEGIN("truncated sequences stay in bounds");
    const char *cases[] = { "0\xC2", "1,", "1e", "1e-", "2\xC3\x97", "2\xC3\x97" "1", "2 x 10^",
                            "\xE2\x88", "0\xC2\xB7", "10^", "1 37", "1.37" };
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        size_t n = strlen(cases[c]);
        char *copy = malloc(n ? n : 1);   /* exact size: ASan catches an overread */
        memcpy(copy, cases[c], n);
        tc_num x;
        for (size_t i = 0; i < n; i++)
            if (tc_num_scan(copy, n, i, TC_NUM_DOT_GROUPS | TC_NUM_LEADING_SEP | TC_NUM_SPACE_GROUPS, &x))
                CHECKF(x.off + x.len <= n, "case %zu: span past the end", c);
        free(copy);
    }
    TEST_END();
}

/* The stage through the public API: a statistic's numbers and spans. */
static void test_stage(void)
{
    const char *t = "Mortality fell (HR 0\xC2\xB7" "58, 95% CI 0\xC2\xB7" "37\xE2\x80\x93" "0\xC2\xB7" "90; p=0\xC2\xB7" "02).";
    tc_doc *doc = NULL;
    TEST_BEGIN("stage: Lancet estimate through the C API");
    CHECK(tc_parse(t, strlen(t), NULL, &doc) == TC_OK);
    if (doc) {
        CHECKF(tc_doc_stat_count(doc) == 1, "%zu statistics", tc_doc_stat_count(doc));
        const tc_stat *st = tc_doc_stat(doc, 0);
        if (st) {
            CHECK(st->kind == TC_STAT_ESTIMATE && st->measure == TC_MEASURE_HR);
            CHECK(st->value == 0.58 && st->has_ci && st->ci_low == 0.37 && st->ci_high == 0.90);
            CHECK(st->ci_level == 95 && st->p_op == TC_OP_EQ && st->p_value == 0.02);
            CHECK(!memcmp(t + st->value_span.off, "0\xC2\xB7" "58", st->value_span.len) && st->value_span.len == 5);
            CHECK(!memcmp(t + st->ci_high_span.off, "0\xC2\xB7" "90", 5) && st->ci_high_span.len == 5);
            CHECK(!memcmp(t + st->p_span.off, "0\xC2\xB7" "02", 5) && st->p_span.len == 5);
            CHECK(!memcmp(t + st->span.off, "HR", 2));
        }
        for (size_t i = 0; i < tc_doc_check_count(doc); i++)
            CHECKF(tc_doc_check(doc, i)->severity == TC_SEV_INFO, "unexpected check %s", tc_doc_check(doc, i)->code);
    }
    tc_doc_free(doc);
    TEST_END();

    /* Text with NUL bytes and invalid UTF-8 around numbers. */
    static const char junk[] = "p=\0" "0,02 \xFF" "57% \xE2\x88" "1 HR\xC3 0,5 (95% BI \x80 0,1 tot";
    TEST_BEGIN("stage: NUL bytes and invalid UTF-8");
    doc = NULL;
    CHECK(tc_parse(junk, sizeof junk - 1, NULL, &doc) == TC_OK);
    if (doc)
        for (size_t i = 0; i < tc_doc_stat_count(doc); i++) {
            const tc_stat *st = tc_doc_stat(doc, i);
            CHECK(st->span.off + st->span.len <= sizeof junk - 1);
            CHECK(st->value_span.off >= st->span.off);
        }
    tc_doc_free(doc);
    TEST_END();
}

/* The fast paths of tc_num_scan (a plain integer, a short decimal) and where they hand
 * over to the general scanner (groups, exponents, "x10"). */
static void test_fast_paths(void)
{
    expect("fast: integer before a word", "16 weken", 0, 0, 16, 2, 1);
    expect("fast: integer before a comma", "77, en", 0, 0, 77, 2, 1);
    expect("fast: decimal comma before a space", "48,5 jaar", 0, TC_NUM_DOT_GROUPS | TC_NUM_SPACE_GROUPS, 48.5, 4, 0.1);
    expect("fast: leading zero, three decimals", "0,125)", 0, TC_NUM_DOT_GROUPS, 0.125, 5, 0.001);
    expect("slow: three digits after a comma, grouped", "1,234 ", 0, TC_NUM_COMMA_GROUPS, 1234, 5, 1);
    expect("slow: three digits after a comma, not grouped", "1,234 ", 0, TC_NUM_DOT_GROUPS, 1.234, 5, 0.001);
    expect("slow: space group", "2 317 patients", 0, TC_NUM_SPACE_GROUPS, 2317, 5, 1);
    expect("slow: exponent after a decimal", "2.5e-3 ", 0, 0, 2.5e-3, 6, 1e-4);
    expect("slow: times ten after a decimal", "3.2 x10-4;", 0, 0, 3.2e-4, 9, 1e-5);
    expect("fast: sixteen digits go the general way", "1234567890123456 ", 0, 0, 1234567890123456.0, 16, 1);
}

/* Statistics that come out of text order (a duration taken as an estimate once its
 * interval follows, after a count in between) are sorted, and their sentences and
 * checks are found again; the markers stage's own check stays first. */
static void test_out_of_order(void)
{
    const char *t = "Trials [2-900] agree.\n"
                    "The mean length of stay in the unit was 6.2 days in 12 patients (95% CI 4.8 to 7.2), "
                    "OR 2.0 (95% CI 1.1 to 1.5).\n";
    tc_doc *doc = NULL;
    TEST_BEGIN("stage: statistics out of text order");
    CHECK(tc_parse(t, strlen(t), NULL, &doc) == TC_OK);
    if (doc) {
        size_t n = tc_doc_stat_count(doc), outside = 0;
        CHECK(n >= 3);
        for (size_t i = 0; i < n; i++) {
            const tc_stat *st = tc_doc_stat(doc, i);
            if (i) CHECK(tc_doc_stat(doc, i - 1)->span.off <= st->span.off);
            CHECK(st->sentence == tc_doc_sentence_at(doc, st->value_span.off));
        }
        CHECK(tc_doc_check_count(doc) >= 2);
        if (tc_doc_check_count(doc)) CHECK(!strcmp(tc_doc_check(doc, 0)->code, "citation-range-capped"));
        for (size_t i = 1; i < tc_doc_check_count(doc); i++) {
            const tc_check *c = tc_doc_check(doc, i);
            CHECK(c->stat >= 0 && (size_t)c->stat < n);
            if (c->stat >= 0 && (size_t)c->stat < n && !strcmp(c->code, "estimate-outside-ci")) {
                outside++;
                CHECK(tc_doc_stat(doc, (size_t)c->stat)->value == 2.0);
            }
            CHECK(tc_doc_check(doc, i - 1)->stat <= c->stat);
        }
        CHECK(outside == 1);
    }
    tc_doc_free(doc);
    TEST_END();
}

int main(void)
{
    test_scanner();
    test_long();
    test_words();
    test_ops();
    test_bounds();
    test_stage();
    test_fast_paths();
    test_out_of_order();
    return tc_test_failed;
}
