/* Consistency checks on reported estimates, the way a methodologist reads them.
 * Every reported number stands for an interval of plus or minus half a unit in its
 * last written decimal; a check fires only when no choice of values inside those
 * intervals is consistent, so sound but rounded reporting raises nothing. */
#include "tc_numbers.h"
#include <math.h>

/* A reported number: the value and half a unit of its last written decimal. */
typedef struct rep { double v, h; } rep;

typedef struct ctx {
    tc_doc *doc;
    unsigned nf;
} ctx;

/* Re-reads a number at its span for its written precision. */
static rep reported(const ctx *c, tc_span sp, double v)
{
    rep r = { v, 0 };
    tc_num x;
    if (sp.len && tc_num_scan(c->doc->text, sp.off + sp.len, sp.off, c->nf | TC_NUM_LEADING_SEP, &x))
        r.h = x.ulp / 2;
    return r;
}

static int ratio_measure(int m)
{
    return m == TC_MEASURE_HR || m == TC_MEASURE_OR || m == TC_MEASURE_RR || m == TC_MEASURE_IRR
        || m == TC_MEASURE_ROM;
}

static double p_two_sided(double z) { return erfc(fabs(z) / sqrt(2.0)); }

/* The normal quantile for a two-sided level (95 -> 1.96), by bisection on erfc. */
static double z_for_level(double level)
{
    /* The common levels, exactly; bisection for the others. */
    if (level == 95) return 1.959963984540054;
    if (level == 90) return 1.6448536269514722;
    if (level == 99) return 2.5758293035489004;
    double alpha = 1 - level / 100, lo = 0, hi = 40;
    for (int k = 0; k < 100; k++) {
        double mid = (lo + hi) / 2;
        if (p_two_sided(mid) > alpha) lo = mid; else hi = mid;
    }
    return (lo + hi) / 2;
}

static const char *measure_label(int m) { const char *s = tc_measure_name(m); return s ? s : "estimate"; }

#define SPAN(doc, sp) (int)(sp).len, (doc)->text + (sp).off

static int check_stat(ctx *c, size_t i)
{
    tc_doc *doc = c->doc;
    const tc_stat *st = &TC_VEC_AT(&doc->stats, tc_stat, i);
    if (!st->has_ci || st->kind == TC_STAT_P) return TC_OK;
    rep v = reported(c, st->value_span, st->value);
    rep l = reported(c, st->ci_low_span, st->ci_low);
    rep h = reported(c, st->ci_high_span, st->ci_high);
    int rc = TC_OK;

    if (v.v + v.h < l.v - l.h || v.v - v.h > h.v + h.h)
        return tc_doc_add_check(doc, "estimate-outside-ci", TC_SEV_ERROR, (long)i,
                                "%s %.*s lies outside its interval %.*s to %.*s",
                                measure_label(st->measure), SPAN(doc, st->value_span),
                                SPAN(doc, st->ci_low_span), SPAN(doc, st->ci_high_span));
    if (st->kind != TC_STAT_ESTIMATE) return TC_OK;
    /* Medians and numbers needed to treat have skewed intervals and no null value that
     * a p-value tests: only the outside check applies. */
    if (st->measure == TC_MEASURE_MEDIAN || st->measure == TC_MEASURE_NNT || st->measure == TC_MEASURE_NNH)
        return TC_OK;

    int logscale = ratio_measure(st->measure);
    /* A ratio must be positive on every side, even after rounding, to be read on the log scale. */
    if (logscale && (v.v - v.h <= 0 || l.v - l.h <= 0)) return TC_OK;
    double (*g)(double) = logscale ? log : NULL;
#define G(x) (g ? g(x) : (x))

    /* Off-centre: the centre of the interval ranges over the rounding box. */
    double cmin = (G(l.v - l.h) + G(h.v - h.h)) / 2, cmax = (G(l.v + l.h) + G(h.v + h.h)) / 2;
    double emin = G(v.v - v.h), emax = G(v.v + v.h), eps = 1e-9 * (1 + fabs(cmax));
    if (emax < cmin - eps || emin > cmax + eps) {
        double centre = (G(l.v) + G(h.v)) / 2;
        TC_CHECK(tc_doc_add_check(doc, "ci-off-centre", TC_SEV_WARNING, (long)i,
                                  "%s %.*s is not the centre of its interval %.*s to %.*s "
                                  "(centre %.3g on the %s scale), beyond rounding",
                                  measure_label(st->measure), SPAN(doc, st->value_span),
                                  SPAN(doc, st->ci_low_span), SPAN(doc, st->ci_high_span),
                                  logscale ? exp(centre) : centre, logscale ? "log" : "linear"));
    }

    if (st->ci_level <= 0 || st->ci_level >= 100) goto fail;
    double zc = z_for_level(st->ci_level);
    double se = (G(h.v) - G(l.v)) / (2 * zc);
    if (!(se > 0)) goto fail;
    /* The p-values below are computed only where they decide or are reported (erfc is
     * the costliest call of the checks). */
#define PC() p_two_sided(G(v.v) / se)
    if (!st->p_op) {
        TC_CHECK(tc_doc_add_check(doc, "p-from-ci", TC_SEV_INFO, (long)i,
                                  "p recomputed from the interval: %.2g (normal approximation)", PC()));
        goto fail;
    }
    rep p = reported(c, st->p_span, st->p_value);

    /* p over the rounding box: smallest |estimate| with the widest interval, and back. */
    double wmax = G(h.v + h.h) - G(l.v - l.h), wmin = G(h.v - h.h) - G(l.v + l.h);
    double amin = emin <= 0 && emax >= 0 ? 0 : fmin(fabs(emin), fabs(emax));
    double amax = fmax(fabs(emin), fabs(emax));
#define PMAX() p_two_sided(amin / (wmax / (2 * zc)))
#define PMIN() (wmin > 0 ? p_two_sided(amax / (wmin / (2 * zc))) : 0)
    int agree;
    switch (st->p_op) {
    case TC_OP_LT: agree = PMIN() < p.v; break;
    case TC_OP_LE: agree = PMIN() <= p.v; break;
    case TC_OP_GT: agree = PMAX() > p.v; break;
    case TC_OP_GE: agree = PMAX() >= p.v; break;
    default: agree = PMIN() <= p.v + p.h && PMAX() >= p.v - p.h; break;
    }
#undef PMIN
#undef PMAX
    if (!agree)
        TC_CHECK(tc_doc_add_check(doc, "p-inconsistent", TC_SEV_WARNING, (long)i,
                                  "reported p %s %.*s, but the interval gives p = %.2g (normal approximation), "
                                  "beyond rounding", tc_op_name(st->p_op), SPAN(doc, st->p_span), PC()));
#undef PC

    /* The interval and the p-value must agree on significance at the interval's level. */
    double alpha = 1 - st->ci_level / 100, null = logscale ? 1 : 0;
    int includes = l.v + l.h <= null && null <= h.v - h.h;
    int excludes = h.v + h.h < null || l.v - l.h > null;
    int sig = (st->p_op == TC_OP_EQ && p.v + p.h < alpha) || (st->p_op == TC_OP_LT && p.v <= alpha)
           || (st->p_op == TC_OP_LE && p.v < alpha);
    int nonsig = (st->p_op == TC_OP_EQ && p.v - p.h > alpha) || (st->p_op == TC_OP_GT && p.v >= alpha)
              || (st->p_op == TC_OP_GE && p.v > alpha);
    if ((includes && sig) || (excludes && nonsig))
        TC_CHECK(tc_doc_add_check(doc, "ci-p-disagree", TC_SEV_WARNING, (long)i,
                                  "the interval %.*s to %.*s %s the null value %g, but p %s %.*s says %s",
                                  SPAN(doc, st->ci_low_span), SPAN(doc, st->ci_high_span),
                                  includes ? "includes" : "excludes", null, tc_op_name(st->p_op),
                                  SPAN(doc, st->p_span), sig ? "significant" : "not significant"));
#undef G
fail:
    return rc;
}

int tc_check_stat(tc_doc *doc, size_t i)
{
    ctx c = { doc, tc_num_lang_flags(doc->lang) };
    return check_stat(&c, i);
}

int tc_run_checks(tc_doc *doc)
{
    int rc = TC_OK;
    ctx c = { doc, tc_num_lang_flags(doc->lang) };
    for (size_t i = 0; i < doc->stats.n; i++) TC_CHECK(check_stat(&c, i));
fail:
    return rc;
}
