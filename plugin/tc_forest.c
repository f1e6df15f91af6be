/* tc_forest_svg: a forest plot of trial results as a standalone SVG document.
 * Rows come from the trial-record result shape and are grouped in panels by measure
 * (and by the side that favours the intervention), in order of first appearance;
 * ratio measures get a log axis with a null line at 1, differences a linear axis with
 * a null line at 0.  When a panel's results say on which side of the null value an
 * estimate favours the intervention (`favours_intervention`: "below" or "above"), the
 * two sides are labelled "favours <arm>" with the trial's arm labels.  Row labels are
 * shortened in the middle, and numbered when two would still read the same.  Numbers
 * are written without the C locale's help (a host may have set LC_NUMERIC), and every
 * text is XML-escaped valid UTF-8. */
#include "tc_svgtext.h"
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>

#define FOREST_ROW_H     26
#define FOREST_HEAD_H    22
#define FOREST_AXIS_H    34
#define FOREST_FAVOURS_H 18      /* the "favours" line under an axis */
#define FOREST_PAD       12
#define FOREST_TITLE_H   28
#define FOREST_DEFAULT_W 760
#define FOREST_MIN_W     360
#define FOREST_MAX_W     4000

typedef struct frow {
    const char *outcome, *timepoint, *subgroup, *measure;   /* borrowed from the cJSON tree */
    const char *favours;   /* "below" / "above": where the estimate favours the intervention */
    double value, low, high, level;
    size_t lab_off, lab_len, det_off, det_len;   /* shortened label parts, in the label buffer */
    size_t tag;            /* > 0: a number that keeps the label distinct */
} frow;

typedef struct fpanel {
    int log;               /* ratio measures on a log axis */
    frow *rows; size_t n;
    double dmin, dmax;     /* axis domain, in axis units (log10 for a log axis) */
} fpanel;

/* The arms' labels for the "favours" text (borrowed), or the roles' names. */
typedef struct farms { const char *intervention, *control; } farms;

/* The row's label parts, shortened to `room` characters, appended to lb: the outcome
 * (cut in the middle, where two outcomes of a family differ least) and the detail
 * "timepoint · subgroup" (up to 3/5 of the room). */
static void make_label(tc_buf *lb, frow *r, size_t room)
{
    tc_buf det;
    tc_buf_init(&det);
    if (r->timepoint) tc_buf_adds(&det, r->timepoint);
    if (r->timepoint && r->subgroup) tc_buf_adds(&det, " \xC2\xB7 ");
    if (r->subgroup) tc_buf_adds(&det, r->subgroup);
    const char *out = r->outcome ? r->outcome : "result";
    size_t olen = strlen(out), dchars = det.oom ? 0 : tc_svg_chars(det.data ? det.data : "", det.n);
    size_t droom = dchars ? (dchars + 3 < room * 3 / 5 ? dchars + 3 : room * 3 / 5) : 0;
    size_t oroom = room > droom ? room - droom : 4;
    r->lab_off = lb->n;
    tc_svg_cut(lb, out, olen, oroom < 4 ? 4 : oroom, 1);
    r->lab_len = lb->n - r->lab_off;
    r->det_off = lb->n;
    if (dchars && !det.oom) tc_svg_cut(lb, det.data, det.n, droom > 6 ? droom - 2 : 4, 0);
    r->det_len = lb->n - r->det_off;
    tc_buf_free(&det);
}

/* Numbers the rows whose shortened labels read the same although their results
 * differ in outcome, timepoint or subgroup (their position in the plot, from 1). */
static void tag_duplicates(const tc_buf *lb, frow *rows, size_t n)
{
    if (lb->oom) return;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            const frow *a = &rows[i], *c = &rows[j];
            if (a->lab_len != c->lab_len || a->det_len != c->det_len) continue;
            if (memcmp(lb->data + a->lab_off, lb->data + c->lab_off, a->lab_len) ||
                memcmp(lb->data + a->det_off, lb->data + c->det_off, a->det_len)) continue;
            rows[i].tag = i + 1;
            rows[j].tag = j + 1;
        }
}

/* ---- reading the results --------------------------------------------------------- */

static const char *jstr(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) && v->valuestring[0] ? v->valuestring : NULL;
}

static int jnum(const cJSON *o, const char *key, double *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble)) return 0;
    *out = v->valuedouble;
    return 1;
}

static int is_ratio(const char *m)
{
    static const char *const ratios[] = { "HR", "OR", "RR", "IRR", "RoM", "ROM", "aHR", "aOR", "aRR", NULL };
    if (!m) return 0;
    for (size_t i = 0; ratios[i]; i++) if (!strcmp(m, ratios[i])) return 1;
    return 0;
}

/* A row from one result, or 0 when it has no estimate with a CI (or a ratio CI that
 * a log axis cannot show). */
static int read_row(const cJSON *r, frow *row)
{
    const cJSON *ci = cJSON_GetObjectItemCaseSensitive(r, "ci");
    memset(row, 0, sizeof *row);
    if (!cJSON_IsObject(r) || !cJSON_IsObject(ci)) return 0;
    if (!jnum(r, "value", &row->value) || !jnum(ci, "low", &row->low) || !jnum(ci, "high", &row->high)) return 0;
    if (!jnum(ci, "level", &row->level)) row->level = 95;
    if (row->low > row->high) { double t = row->low; row->low = row->high; row->high = t; }
    row->outcome = jstr(r, "outcome");
    row->timepoint = jstr(r, "timepoint");
    row->subgroup = jstr(r, "subgroup");
    row->measure = jstr(r, "measure");
    row->favours = jstr(r, "favours_intervention");
    if (row->favours && strcmp(row->favours, "below") && strcmp(row->favours, "above")) row->favours = NULL;
    if (is_ratio(row->measure) && (row->value <= 0 || row->low <= 0 || row->high <= 0)) return 0;
    return 1;
}

/* ---- axes ----------------------------------------------------------------------- */

static double axis_unit(const fpanel *p, double v) { return p->log ? log10(v) : v; }

/* Domain covering every CI and the null value, with a margin. */
static void panel_domain(fpanel *p)
{
    double lo = axis_unit(p, p->log ? 1.0 : 0.0), hi = lo;
    for (size_t i = 0; i < p->n; i++) {
        double a = axis_unit(p, p->rows[i].low), b = axis_unit(p, p->rows[i].high);
        double v = axis_unit(p, p->rows[i].value);
        if (a < lo) lo = a;
        if (v < lo) lo = v;
        if (b > hi) hi = b;
        if (v > hi) hi = v;
    }
    if (p->log) {
        /* symmetric around 1, so that equal ratios either way look equal */
        double m = fmax(fabs(lo), fabs(hi));
        if (m < log10(2.0)) m = log10(2.0);
        lo = -m; hi = m;
    }
    double span = hi - lo;
    if (span <= 0) span = 1;
    p->dmin = lo - span * 0.06;
    p->dmax = hi + span * 0.06;
}

/* Tick values (in data units) for the panel's domain; returns how many. */
static size_t panel_ticks(const fpanel *p, double plot_w, double *ticks, size_t max)
{
    size_t n = 0;
    if (p->log) {
        static const double mant[] = { 1, 2, 5 };
        int e0 = (int)floor(p->dmin) - 1, e1 = (int)ceil(p->dmax) + 1;
        /* 1-2-5 ticks while they are at least 34 px apart, else powers of ten */
        int dense = 3.0 * (p->dmax - p->dmin) <= plot_w / 34.0;
        for (int e = e0; e <= e1 && n < max; e++)
            for (size_t k = 0; k < 3 && n < max; k++) {
                if (!dense && k > 0) continue;
                double v = mant[k] * pow(10.0, e), u = log10(v);
                if (u >= p->dmin && u <= p->dmax) ticks[n++] = v;
            }
        return n;
    }
    double want = plot_w / 50.0 < 3 ? 3 : plot_w / 50.0;
    double span = p->dmax - p->dmin, raw = span / want, mag = pow(10.0, floor(log10(raw)));
    double step = raw / mag > 5 ? 10 * mag : raw / mag > 2 ? 5 * mag : raw / mag > 1 ? 2 * mag : mag;
    for (double v = ceil(p->dmin / step) * step; v <= p->dmax + step * 1e-9 && n < max; v += step)
        ticks[n++] = fabs(v) < step * 1e-9 ? 0.0 : v;
    return n;
}

typedef struct flayout {
    double width, label_w, plot_x, plot_w, value_x;
    size_t label_chars;
} flayout;

static double xpos(const flayout *l, const fpanel *p, double v)
{
    double u = axis_unit(p, v);
    return l->plot_x + (u - p->dmin) / (p->dmax - p->dmin) * l->plot_w;
}

/* ---- drawing -------------------------------------------------------------------- */

static void add_attr_num(tc_buf *b, const char *name, double v, int prec)
{
    char t[48];
    tc_svg_fmt_trim(t, sizeof t, v, prec);
    tc_buf_addf(b, " %s=\"%s\"", name, t);
}

static void draw_row(tc_buf *b, const flayout *l, const fpanel *p, const frow *r, const tc_buf *lb, double y)
{
    double cy = y + FOREST_ROW_H / 2.0;
    tc_buf_adds(b, "<g class=\"row\"");
    if (r->measure) { tc_buf_adds(b, " data-measure=\""); tc_svg_cstr(b, r->measure, 0); tc_buf_adds(b, "\""); }
    add_attr_num(b, "data-estimate", r->value, 6);
    add_attr_num(b, "data-low", r->low, 6);
    add_attr_num(b, "data-high", r->high, 6);
    tc_buf_adds(b, "><title>");
    tc_svg_cstr(b, r->outcome ? r->outcome : "result", 0);
    if (r->timepoint) { tc_buf_adds(b, ", "); tc_svg_cstr(b, r->timepoint, 0); }
    if (r->subgroup) { tc_buf_adds(b, ", "); tc_svg_cstr(b, r->subgroup, 0); }
    tc_buf_adds(b, "</title>\n");

    /* label: the outcome, then timepoint and subgroup in grey (shortened in make_label) */
    tc_buf_adds(b, "<text class=\"label\" x=\"");
    tc_svg_coord(b, FOREST_PAD);
    tc_buf_adds(b, "\" y=\"");
    tc_svg_coord(b, cy + 4);
    tc_buf_adds(b, "\">");
    if (!lb->oom) tc_svg_text(b, lb->data + r->lab_off, r->lab_len, 0);
    if (r->det_len && !lb->oom) {
        tc_buf_adds(b, "<tspan class=\"detail\" dx=\"5\" fill=\"#666\">(");
        tc_svg_text(b, lb->data + r->det_off, r->det_len, 0);
        tc_buf_adds(b, ")</tspan>");
    }
    if (r->tag) tc_buf_addf(b, "<tspan class=\"tag\" dx=\"5\" fill=\"#666\">[%zu]</tspan>", r->tag);
    tc_buf_adds(b, "</text>\n");

    /* confidence interval and estimate */
    tc_buf_adds(b, "<line class=\"ci\" x1=\"");
    tc_svg_coord(b, xpos(l, p, r->low));
    tc_buf_adds(b, "\" x2=\"");
    tc_svg_coord(b, xpos(l, p, r->high));
    tc_buf_adds(b, "\" y1=\"");
    tc_svg_coord(b, cy);
    tc_buf_adds(b, "\" y2=\"");
    tc_svg_coord(b, cy);
    tc_buf_adds(b, "\" stroke=\"#1f3b73\" stroke-width=\"1.6\"/>\n");
    tc_buf_adds(b, "<rect class=\"estimate\" x=\"");
    tc_svg_coord(b, xpos(l, p, r->value) - 4.5);
    tc_buf_adds(b, "\" y=\"");
    tc_svg_coord(b, cy - 4.5);
    tc_buf_adds(b, "\" width=\"9\" height=\"9\" fill=\"#1f3b73\"/>\n");

    /* "HR 0.58 [0.37–0.90]" */
    tc_buf_adds(b, "<text class=\"value\" x=\"");
    tc_svg_coord(b, l->value_x);
    tc_buf_adds(b, "\" y=\"");
    tc_svg_coord(b, cy + 4);
    tc_buf_adds(b, "\">");
    if (r->measure) { tc_svg_cstr(b, r->measure, 8); tc_buf_adds(b, " "); }
    tc_svg_value(b, r->value);
    tc_buf_adds(b, " [");
    tc_svg_value(b, r->low);
    tc_buf_adds(b, "\xE2\x80\x93");
    tc_svg_value(b, r->high);
    tc_buf_adds(b, "]</text>\n</g>\n");
}

/* The "favours" line under a panel's axis: the intervention's label on the side its
 * estimates favour, the control's on the other, each beside the null line. */
static void draw_favours(tc_buf *b, const flayout *l, const fpanel *p, const farms *arms, double y)
{
    const char *side = p->n ? p->rows[0].favours : NULL;
    if (!side) return;
    int below = !strcmp(side, "below");
    const char *left = below ? arms->intervention : arms->control;
    const char *right = below ? arms->control : arms->intervention;
    double nx = xpos(l, p, p->log ? 1.0 : 0.0);
    size_t lroom = (size_t)((nx - 6 - FOREST_PAD) / 6.2), rroom = (size_t)((l->width - FOREST_PAD - nx - 6) / 6.2);
    tc_buf_adds(b, "<text class=\"favours\" data-side=\"left\" x=\"");
    tc_svg_coord(b, nx - 6);
    tc_buf_adds(b, "\" y=\"");
    tc_svg_coord(b, y);
    tc_buf_adds(b, "\" text-anchor=\"end\" fill=\"#444\">\xE2\x86\x90 favours ");
    tc_svg_cstr(b, left, lroom > 12 ? lroom - 10 : 3);
    tc_buf_adds(b, "</text>\n<text class=\"favours\" data-side=\"right\" x=\"");
    tc_svg_coord(b, nx + 6);
    tc_buf_adds(b, "\" y=\"");
    tc_svg_coord(b, y);
    tc_buf_adds(b, "\" fill=\"#444\">favours ");
    tc_svg_cstr(b, right, rroom > 12 ? rroom - 10 : 3);
    tc_buf_adds(b, " \xE2\x86\x92</text>\n");
}

static double draw_panel(tc_buf *b, const flayout *l, const fpanel *p, const farms *arms, const tc_buf *lb, double y)
{
    double top = y;
    const char *m = p->n ? p->rows[0].measure : NULL;   /* one measure per panel */
    tc_buf_adds(b, "<g class=\"panel\" data-scale=\"");
    tc_buf_adds(b, p->log ? "log" : "linear");
    tc_buf_adds(b, "\"");
    if (m) { tc_buf_adds(b, " data-measure=\""); tc_svg_cstr(b, m, 0); tc_buf_adds(b, "\""); }
    tc_buf_adds(b, ">\n<text class=\"heading\" x=\"");
    tc_svg_coord(b, FOREST_PAD);
    tc_buf_adds(b, "\" y=\"");
    tc_svg_coord(b, y + 15);
    tc_buf_adds(b, "\" font-weight=\"bold\">");
    if (m) { tc_svg_cstr(b, m, 16); tc_buf_adds(b, p->log ? " (log scale)" : ""); }
    else tc_buf_adds(b, "Difference");
    tc_buf_adds(b, "</text>\n<text class=\"heading\" x=\"");
    tc_svg_coord(b, l->value_x);
    tc_buf_adds(b, "\" y=\"");
    tc_svg_coord(b, y + 15);
    tc_buf_adds(b, "\" font-weight=\"bold\">Estimate [95% CI]</text>\n");
    y += FOREST_HEAD_H;
    double rows_top = y;
    for (size_t i = 0; i < p->n; i++, y += FOREST_ROW_H) draw_row(b, l, p, &p->rows[i], lb, y);
    double rows_bottom = y;

    /* null line, axis and ticks */
    double nx = xpos(l, p, p->log ? 1.0 : 0.0);
    tc_buf_adds(b, "<line class=\"null\" x1=\"");
    tc_svg_coord(b, nx);
    tc_buf_adds(b, "\" x2=\"");
    tc_svg_coord(b, nx);
    tc_buf_adds(b, "\" y1=\"");
    tc_svg_coord(b, rows_top);
    tc_buf_adds(b, "\" y2=\"");
    tc_svg_coord(b, rows_bottom);
    tc_buf_addf(b, "\" data-value=\"%s\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n", p->log ? "1" : "0");
    tc_buf_adds(b, "<line class=\"axis\" x1=\"");
    tc_svg_coord(b, l->plot_x);
    tc_buf_adds(b, "\" x2=\"");
    tc_svg_coord(b, l->plot_x + l->plot_w);
    tc_buf_adds(b, "\" y1=\"");
    tc_svg_coord(b, rows_bottom);
    tc_buf_adds(b, "\" y2=\"");
    tc_svg_coord(b, rows_bottom);
    tc_buf_adds(b, "\" stroke=\"#333\"/>\n");
    double ticks[64];
    size_t nt = panel_ticks(p, l->plot_w, ticks, sizeof ticks / sizeof ticks[0]);
    for (size_t i = 0; i < nt; i++) {
        double x = xpos(l, p, ticks[i]);
        char t[48];
        tc_svg_fmt_trim(t, sizeof t, ticks[i], 6);
        tc_buf_addf(b, "<g class=\"tick\" data-value=\"%s\"><line x1=\"", t);
        tc_svg_coord(b, x);
        tc_buf_adds(b, "\" x2=\"");
        tc_svg_coord(b, x);
        tc_buf_adds(b, "\" y1=\"");
        tc_svg_coord(b, rows_bottom);
        tc_buf_adds(b, "\" y2=\"");
        tc_svg_coord(b, rows_bottom + 5);
        tc_buf_adds(b, "\" stroke=\"#333\"/><text x=\"");
        tc_svg_coord(b, x);
        tc_buf_adds(b, "\" y=\"");
        tc_svg_coord(b, rows_bottom + 18);
        tc_buf_adds(b, "\" text-anchor=\"middle\">");
        if (t[0] == '-') { tc_buf_adds(b, "\xE2\x88\x92"); tc_buf_adds(b, t + 1); }
        else tc_buf_adds(b, t);
        tc_buf_adds(b, "</text></g>\n");
    }
    int favours = p->n && p->rows[0].favours;
    if (favours) draw_favours(b, l, p, arms, rows_bottom + FOREST_AXIS_H + 8);
    tc_buf_adds(b, "</g>\n");
    (void)top;
    return rows_bottom + FOREST_AXIS_H + (favours ? FOREST_FAVOURS_H : 0);
}

/* Same panel: the same measure (or none) and the same favoured side (or none). */
static int same_str(const char *a, const char *b) { return a ? (b && !strcmp(a, b)) : !b; }

/* Groups rows into panels by measure and favoured side, panels and rows in order of
 * first appearance: rows are copied to sorted, panels filled; returns their count. */
static size_t group_panels(const frow *rows, size_t n, frow *sorted, fpanel *panels)
{
    size_t np = 0, k = 0;
    unsigned char *done = calloc(n ? n : 1, 1);
    if (!done) return 0;
    for (size_t i = 0; i < n; i++) {
        if (done[i]) continue;
        fpanel *p = &panels[np++];
        memset(p, 0, sizeof *p);
        p->log = is_ratio(rows[i].measure);
        p->rows = sorted + k;
        for (size_t j = i; j < n; j++)
            if (!done[j] && same_str(rows[i].measure, rows[j].measure) && same_str(rows[i].favours, rows[j].favours)) {
                sorted[k++] = rows[j];
                done[j] = 1;
                p->n++;
            }
    }
    free(done);
    return np;
}

/* The arms' labels from a trial object's "arms" (role intervention / control). */
static farms arm_labels(const cJSON *root)
{
    farms a = { "intervention", "control" };
    const cJSON *arms = cJSON_IsObject(root) ? cJSON_GetObjectItemCaseSensitive(root, "arms") : NULL, *x;
    if (!cJSON_IsArray(arms)) return a;
    cJSON_ArrayForEach(x, arms) {
        const char *role = jstr(x, "role"), *label = jstr(x, "label");
        if (!role || !label) continue;
        if (!strcmp(role, "intervention")) a.intervention = label;
        else if (!strcmp(role, "control")) a.control = label;
    }
    return a;
}

static int collect(const cJSON *arr, frow *rows, size_t *nrows, size_t *skipped_over_limit)
{
    const cJSON *r;
    size_t n = 0, over = 0;
    cJSON_ArrayForEach(r, arr) {
        frow row;
        if (!read_row(r, &row)) continue;
        if (n < TC_FOREST_MAX_ROWS) rows[n++] = row;
        else over++;
    }
    *nrows = n;
    *skipped_over_limit = over;
    return TC_OK;
}

int tc_forest_svg(const char *results_json, size_t len, const tc_forest_opts *opts,
                  char **out, size_t *out_len)
{
    int rc = TC_OK;
    cJSON *root = NULL;
    frow *rows = NULL;
    fpanel *panels = NULL;
    tc_buf b, lb;          /* the SVG; the shortened labels */
    tc_buf_init(&b);
    tc_buf_init(&lb);
    if (!out || (!results_json && len > 0)) return TC_EINVAL;
    *out = NULL;
    if (out_len) *out_len = 0;
    root = tc_json_parse(results_json, len, NULL, NULL);
    const cJSON *arr = root;
    if (cJSON_IsObject(root)) arr = cJSON_GetObjectItemCaseSensitive(root, "results");
    if (!cJSON_IsArray(arr)) { rc = root ? TC_EPARSE : (len ? TC_EPARSE : TC_EINVAL); goto fail; }

    size_t total = (size_t)cJSON_GetArraySize(arr), n = 0, over = 0;
    if (total > TC_FOREST_MAX_ROWS) total = TC_FOREST_MAX_ROWS;
    rows = calloc(total ? total : 1, sizeof *rows);
    if (!rows) { rc = TC_ENOMEM; goto fail; }
    TC_CHECK(collect(arr, rows, &n, &over));

    /* Panels by measure and favoured side, in order of first appearance. */
    frow *sorted = calloc(n ? n : 1, sizeof *sorted);
    panels = calloc(n ? n : 1, sizeof *panels);
    if (!sorted || !panels) { free(sorted); rc = TC_ENOMEM; goto fail; }
    size_t np = group_panels(rows, n, sorted, panels);
    free(rows);
    rows = sorted;
    if (n && !np) { rc = TC_ENOMEM; goto fail; }
    farms arms = arm_labels(root);

    flayout l;
    int w = opts && opts->width > 0 ? opts->width : FOREST_DEFAULT_W;
    if (w < FOREST_MIN_W) w = FOREST_MIN_W;
    if (w > FOREST_MAX_W) w = FOREST_MAX_W;
    l.width = w;
    l.label_w = w * 0.40;
    l.value_x = w - 168;
    l.plot_x = l.label_w + FOREST_PAD;
    l.plot_w = l.value_x - FOREST_PAD - l.plot_x;
    l.label_chars = (size_t)(l.label_w / 5.7);   /* 12 px Helvetica: under 6 px a character */
    if (l.label_chars < 8) l.label_chars = 8;

    for (size_t i = 0; i < n; i++) make_label(&lb, &rows[i], l.label_chars);
    tag_duplicates(&lb, rows, n);

    const char *title = opts && opts->title && opts->title_len ? opts->title : NULL;
    size_t title_len = title ? opts->title_len : 0;
    double height = FOREST_PAD + (title ? FOREST_TITLE_H : 0);
    for (size_t i = 0; i < np; i++) {
        panel_domain(&panels[i]);
        height += FOREST_HEAD_H + panels[i].n * FOREST_ROW_H + FOREST_AXIS_H
            + (panels[i].rows[0].favours ? FOREST_FAVOURS_H : 0);
    }
    if (!n) height += FOREST_ROW_H;
    if (over) height += FOREST_ROW_H;
    height += FOREST_PAD;

    tc_buf_addf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"trialcite-forest\" width=\"%d\" height=\"%d\" "
                    "viewBox=\"0 0 %d %d\" role=\"img\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n",
                w, (int)ceil(height), w, (int)ceil(height));
    tc_buf_adds(&b, "<title>");
    if (title) tc_svg_text(&b, title, title_len, 0);
    else tc_buf_adds(&b, "Forest plot");
    tc_buf_adds(&b, "</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
    double y = FOREST_PAD;
    if (title) {
        tc_buf_adds(&b, "<text class=\"title\" x=\"");
        tc_svg_coord(&b, FOREST_PAD);
        tc_buf_adds(&b, "\" y=\"");
        tc_svg_coord(&b, y + 16);
        tc_buf_adds(&b, "\" font-size=\"15\" font-weight=\"bold\">");
        tc_svg_text(&b, title, title_len, (size_t)(w / 10.0));
        tc_buf_adds(&b, "</text>\n");
        y += FOREST_TITLE_H;
    }
    for (size_t i = 0; i < np; i++) y = draw_panel(&b, &l, &panels[i], &arms, &lb, y);
    if (!n) {
        tc_buf_adds(&b, "<text class=\"empty\" x=\"");
        tc_svg_coord(&b, FOREST_PAD);
        tc_buf_adds(&b, "\" y=\"");
        tc_svg_coord(&b, y + 16);
        tc_buf_adds(&b, "\">No result with an estimate and a confidence interval.</text>\n");
        y += FOREST_ROW_H;
    }
    if (over) {
        tc_buf_adds(&b, "<text class=\"note\" x=\"");
        tc_svg_coord(&b, FOREST_PAD);
        tc_buf_adds(&b, "\" y=\"");
        tc_svg_coord(&b, y + 16);
        tc_buf_addf(&b, "\">%zu more results not drawn (limit %d rows).</text>\n", over, TC_FOREST_MAX_ROWS);
    }
    tc_buf_adds(&b, "</svg>\n");
    if (lb.oom) { rc = TC_ENOMEM; goto fail; }
    *out = tc_buf_take(&b, out_len);
    if (!*out) { rc = TC_ENOMEM; goto fail; }
    free(rows);
    free(panels);
    tc_buf_free(&lb);
    cJSON_Delete(root);
    return TC_OK;
fail:
    free(rows);
    free(panels);
    tc_buf_free(&lb);
    cJSON_Delete(root);
    tc_buf_free(&b);
    return rc;
}
