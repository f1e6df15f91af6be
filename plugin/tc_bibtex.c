/* A byte-preserving BibTeX scanner and tc_annotate_bibtex.
 *
 * The scanner reads entries in one pass and records spans only (no allocation per
 * entry or field beyond two growing vectors): the type, the key, each field's name and
 * its value as written (braces, quotes, numbers, macros and `#` concatenations), and
 * whether a comma follows.  Text between entries, @comment, @preamble and @string are
 * recognised and skipped as they are.
 *
 * Enrichment rule: regular entries (not @string, @preamble, @comment) are numbered by
 * position, 1, 2, ...; an entry with a `citation-number` field holding a positive
 * integer takes that number instead.  For each matched, cited number the annotation
 * "[trialcite] ... [/trialcite]" goes into `annotation` (BibLaTeX; the default) or
 * `annote`: inside an existing braced or quoted value trialcite's part is replaced (or
 * appended after the user's text); otherwise a new field is added after the last one,
 * with the indentation, comma style and line ending of the entry.  Every other byte of
 * the input is copied unchanged, so enriching twice equals enriching once.  `note` is
 * never written. */
#include "tc_enrich.h"
#include "tc_jsonw.h"
#include <stdio.h>

enum { BIB_REGULAR, BIB_STRING, BIB_PREAMBLE, BIB_COMMENT };

typedef struct bib_field {
    size_t name_off, name_len;
    size_t val_off, val_len;   /* the whole value as written */
    size_t end;                /* after the value, or after its comma */
    size_t line_off;           /* start of the line the name is on */
    int comma;
} bib_field;

typedef struct bib_entry {
    int kind, broken;
    size_t off;                /* the '@' */
    size_t key_off, key_len, key_end;   /* key_end: after the key's comma, if any */
    int key_comma;
    size_t close;              /* offset of the closing delimiter (len if missing) */
    size_t field0, nfields;    /* range in the field vector */
    int crlf;
} bib_entry;

typedef struct bib_scan {
    const char *s;
    size_t len;
    tc_vec entries, fields;
} bib_scan;

static int is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static int eq_ci(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w);
    if (n != k) return 0;
    for (size_t i = 0; i < n; i++) if (lower((unsigned char)s[i]) != w[i]) return 0;
    return 1;
}

static size_t skip_ws(const bib_scan *b, size_t p)
{
    while (p < b->len && is_ws(b->s[p])) p++;
    return p;
}

/* From just after an opening delimiter, the offset of its closing one (or len). */
static size_t skip_body(const bib_scan *b, size_t p, char close)
{
    int depth = 0, quote = 0;
    for (; p < b->len; p++) {
        char c = b->s[p];
        if (c == '{') depth++;
        else if (c == '}') { if (!depth && close == '}') return p; if (depth) depth--; }
        else if (c == '"' && !depth && close == ')') quote = !quote;
        else if (c == ')' && !depth && !quote && close == ')') return p;
    }
    return b->len;
}

/* One value piece at p: {balanced}, "quoted" or a bare number/macro; returns its end. */
static size_t skip_piece(const bib_scan *b, size_t p, char close)
{
    if (p >= b->len) return p;
    if (b->s[p] == '{') {
        int depth = 0;
        for (; p < b->len; p++) {
            if (b->s[p] == '{') depth++;
            else if (b->s[p] == '}' && --depth == 0) return p + 1;
        }
        return b->len;
    }
    if (b->s[p] == '"') {
        int depth = 0;
        for (p++; p < b->len; p++) {
            if (b->s[p] == '{') depth++;
            else if (b->s[p] == '}') { if (depth) depth--; }
            else if (b->s[p] == '"' && !depth) return p + 1;
        }
        return b->len;
    }
    while (p < b->len && !is_ws(b->s[p]) && b->s[p] != ',' && b->s[p] != '#' && b->s[p] != close
           && b->s[p] != '{' && b->s[p] != '"')
        p++;
    return p;
}

static int name_char(char c)
{
    return !is_ws(c) && c != '=' && c != ',' && c != '{' && c != '}' && c != '"' && c != '#' && c != '(' && c != ')';
}

/* Fields of a regular entry from p (after the key) to the closing delimiter. */
static int scan_fields(bib_scan *b, bib_entry *e, size_t p, char close)
{
    for (;;) {
        p = skip_ws(b, p);
        while (p < b->len && b->s[p] == ',') p = skip_ws(b, p + 1);
        if (p >= b->len) { e->broken = 1; e->close = b->len; return TC_OK; }
        if (b->s[p] == close) { e->close = p; return TC_OK; }
        size_t name = p;
        while (p < b->len && name_char(b->s[p])) p++;
        size_t name_len = p - name;
        p = skip_ws(b, p);
        if (!name_len || p >= b->len || b->s[p] != '=') {
            /* not a field: give up on this entry's fields, keep its bytes */
            e->broken = 1;
            e->close = skip_body(b, p, close);
            return TC_OK;
        }
        p = skip_ws(b, p + 1);
        size_t val = p, vend = p;
        for (;;) {
            size_t q = skip_piece(b, p, close);
            if (q == p) break;
            vend = q;
            p = skip_ws(b, q);
            if (p < b->len && b->s[p] == '#') p = skip_ws(b, p + 1);
            else break;
        }
        bib_field *f = tc_vec_push(&b->fields);
        if (!f) return TC_ENOMEM;
        f->name_off = name; f->name_len = name_len;
        f->val_off = val; f->val_len = vend - val;
        size_t line = name;
        while (line > e->off && b->s[line - 1] != '\n') line--;
        f->line_off = line;
        p = skip_ws(b, vend);
        if (p < b->len && b->s[p] == ',') { f->comma = 1; f->end = p + 1; p++; }
        else f->end = vend;
        e->nfields++;
        if (vend == val) { e->broken = 1; e->close = skip_body(b, p, close); return TC_OK; }
    }
}

static int bib_scan_text(bib_scan *b)
{
    size_t p = 0;
    while (p < b->len) {
        const char *at = memchr(b->s + p, '@', b->len - p);
        if (!at) break;
        size_t start = (size_t)(at - b->s), q = skip_ws(b, start + 1), type = q;
        while (q < b->len && (((unsigned char)b->s[q] | 32) >= 'a' && ((unsigned char)b->s[q] | 32) <= 'z')) q++;
        size_t type_len = q - type;
        q = skip_ws(b, q);
        if (!type_len || q >= b->len || (b->s[q] != '{' && b->s[q] != '(')) { p = start + 1; continue; }
        char close = b->s[q] == '{' ? '}' : ')';
        bib_entry *e = tc_vec_push(&b->entries);
        if (!e) return TC_ENOMEM;
        e->off = start;
        e->field0 = b->fields.n;
        e->kind = eq_ci(b->s + type, type_len, "comment") ? BIB_COMMENT
                : eq_ci(b->s + type, type_len, "string") ? BIB_STRING
                : eq_ci(b->s + type, type_len, "preamble") ? BIB_PREAMBLE : BIB_REGULAR;
        if (e->kind != BIB_REGULAR) {
            e->close = skip_body(b, q + 1, close);
        } else {
            size_t k = skip_ws(b, q + 1);
            e->key_off = k;
            while (k < b->len && !is_ws(b->s[k]) && b->s[k] != ',' && b->s[k] != close) k++;
            e->key_len = k - e->key_off;
            e->key_end = k;
            k = skip_ws(b, k);
            if (k < b->len && b->s[k] == ',') { e->key_comma = 1; e->key_end = k + 1; k++; }
            int rc = scan_fields(b, e, k, close);
            if (rc != TC_OK) return rc;
        }
        if (e->close >= b->len) { e->broken = 1; e->close = b->len; }
        for (size_t i = e->off; i < e->close; i++)
            if (b->s[i] == '\n') { e->crlf = i > e->off && b->s[i - 1] == '\r'; break; }
        p = e->close + 1;
    }
    return TC_OK;
}

/* The field of entry e named name (case-insensitive), or NULL. */
static const bib_field *find_field(const bib_scan *b, const bib_entry *e, const char *name)
{
    for (size_t i = 0; i < e->nfields; i++) {
        const bib_field *f = &TC_VEC_AT(&b->fields, bib_field, e->field0 + i);
        if (eq_ci(b->s + f->name_off, f->name_len, name)) return f;
    }
    return NULL;
}

/* The inside of a single braced or quoted value (or a bare number); 0 if neither. */
static int literal(const bib_scan *b, const bib_field *f, size_t *off, size_t *len)
{
    const char *v = b->s + f->val_off;
    size_t n = f->val_len;
    if (n >= 2 && ((v[0] == '{' && v[n - 1] == '}') || (v[0] == '"' && v[n - 1] == '"'))) {
        /* one piece only: the piece starting here must end at the value's end */
        bib_scan one = *b;
        if (skip_piece(&one, f->val_off, '}') != f->val_off + n) return 0;
        *off = f->val_off + 1; *len = n - 2;
        return 1;
    }
    for (size_t i = 0; i < n; i++) if (v[i] < '0' || v[i] > '9') return 0;
    *off = f->val_off; *len = n;
    return n > 0;
}

static int entry_number(const bib_scan *b, const bib_entry *e)
{
    const bib_field *f = find_field(b, e, "citation-number");
    size_t off, len;
    long n = 0;
    if (!f || !literal(b, f, &off, &len)) return 0;
    for (size_t i = 0; i < len; i++) {
        char c = b->s[off + i];
        if (c == ' ') continue;
        if (c < '0' || c > '9' || (n = n * 10 + (c - '0')) > TC_MAX_REF_NUMBER) return 0;
    }
    return (int)n;
}

/* The entry's key for messages: valid UTF-8 kept, other bytes and controls as '?'. */
static void entry_key(const bib_scan *b, const bib_entry *e, char *out, size_t cap)
{
    const unsigned char *p = (const unsigned char *)b->s + e->key_off, *end = p + e->key_len;
    size_t n = 0;
    while (p < end && n + 5 < cap) {
        size_t k = tc_utf8_valid(p, (size_t)(end - p));
        if (k > 1 || (k == 1 && *p >= 0x20 && *p != 0x7f)) { memcpy(out + n, p, k); n += k; p += k; }
        else { out[n++] = '?'; p++; }
    }
    out[n] = '\0';
}

/* Appends text escaped for a BibTeX/LaTeX field value: braces stay balanced, LaTeX
 * specials are escaped, a double quote is braced (safe inside "..." too). */
static void add_escaped(tc_buf *o, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        switch (c) {
        case '{': tc_buf_adds(o, "\\textbraceleft{}"); break;
        case '}': tc_buf_adds(o, "\\textbraceright{}"); break;
        case '\\': tc_buf_adds(o, "\\textbackslash{}"); break;
        case '%': case '&': case '#': case '$': case '_': tc_buf_add(o, "\\", 1); tc_buf_add(o, &c, 1); break;
        case '~': tc_buf_adds(o, "\\textasciitilde{}"); break;
        case '^': tc_buf_adds(o, "\\textasciicircum{}"); break;
        case '"': tc_buf_adds(o, "{\"}"); break;
        case '\n': case '\r': case '\t': tc_buf_add(o, " ", 1); break;
        case '\0': break;
        default: tc_buf_add(o, &c, 1);
        }
    }
}

static void add_part(tc_buf *o, const tc_buf *text)
{
    tc_buf_adds(o, TC_MARK_OPEN " ");
    add_escaped(o, text->data ? text->data : "", text->n);
    tc_buf_adds(o, " " TC_MARK_CLOSE);
}

/* The indentation of the entry's last field (spaces/tabs before its name), or two spaces. */
static void add_indent(tc_buf *o, const bib_scan *b, const bib_field *last)
{
    if (last) {
        size_t i = last->line_off;
        while (i < last->name_off && (b->s[i] == ' ' || b->s[i] == '\t')) i++;
        if (i == last->name_off) { tc_buf_add(o, b->s + last->line_off, i - last->line_off); return; }
    }
    tc_buf_adds(o, "  ");
}

/* Whether the entry so far sits on one line (a new field then goes on it too). */
static int one_line(const bib_scan *b, const bib_entry *e, const bib_field *last)
{
    if (!last) return 0;
    return memchr(b->s + e->off, '\n', last->end - e->off) == NULL;
}

/* Whether every field name of the entry is written in upper case (TITLE = ...). */
static int upper_names(const bib_scan *b, const bib_entry *e)
{
    int upper = 0;
    for (size_t i = 0; i < e->nfields; i++) {
        const bib_field *f = &TC_VEC_AT(&b->fields, bib_field, e->field0 + i);
        for (size_t k = 0; k < f->name_len; k++) {
            char c = b->s[f->name_off + k];
            if (c >= 'a' && c <= 'z') return 0;
            if (c >= 'A' && c <= 'Z') upper = 1;
        }
    }
    return upper;
}

/* Writes entry e's annotation into o, copying input bytes from *copied on. */
static int annotate_entry(const bib_scan *b, const bib_entry *e, const char *field, const tc_buf *text,
                          tc_buf *o, size_t *copied)
{
    const bib_field *f = find_field(b, e, field);
    const char *nl = e->crlf ? "\r\n" : "\n";
    size_t off, len, at;
    if (f) {
        if (!literal(b, f, &off, &len) || (b->s[f->val_off] != '{' && b->s[f->val_off] != '"')) return -1;
        size_t moff, mlen;
        if (tc_mark_find(b->s + off, len, &moff, &mlen)) {
            tc_buf_add(o, b->s + *copied, off + moff - *copied);
            add_part(o, text);
            *copied = off + moff + mlen;
        } else {
            tc_buf_add(o, b->s + *copied, off + len - *copied);
            if (len) tc_buf_adds(o, " ");
            add_part(o, text);
            *copied = off + len;
        }
        return 1;
    }
    const bib_field *last = e->nfields ? &TC_VEC_AT(&b->fields, bib_field, e->field0 + e->nfields - 1) : NULL;
    int comma = last ? last->comma : e->key_comma;
    at = last ? (last->comma ? last->end : last->val_off + last->val_len) : e->key_end;
    tc_buf_add(o, b->s + *copied, at - *copied);
    if (!comma) tc_buf_adds(o, ",");
    if (one_line(b, e, last)) tc_buf_adds(o, " ");
    else { tc_buf_adds(o, nl); add_indent(o, b, last); }
    if (upper_names(b, e)) { for (const char *c = field; *c; c++) tc_buf_addf(o, "%c", *c - 32); }
    else tc_buf_adds(o, field);
    tc_buf_adds(o, " = {");
    add_part(o, text);
    tc_buf_adds(o, "}");
    if (comma && last) tc_buf_adds(o, ",");
    if (!last && !one_line(b, e, last)) tc_buf_adds(o, nl);
    *copied = at;
    return 1;
}

int tc_annotate_bibtex(const tc_data *data, const tc_doc *doc, const char *doc_id, size_t id_len,
                       const char *bib, size_t bib_len, const tc_annotate_opts *opts,
                       char **out, size_t *out_len, char **report, size_t *report_len)
{
    int rc;
    tc_src src;
    bib_scan b = { bib ? bib : "", bib_len, { 0 }, { 0 } };
    tc_buf o, text;
    unsigned char *matched = NULL;
    cJSON *rep = NULL;
    const char *field = opts && opts->field ? opts->field : "annotation";
    size_t copied = 0;
    long index = 0;
    memset(&src, 0, sizeof src);
    tc_vec_init(&b.entries, sizeof(bib_entry));
    tc_vec_init(&b.fields, sizeof(bib_field));
    tc_buf_init(&o);
    tc_buf_init(&text);
    rc = TC_EINVAL;
    if (out) *out = NULL;
    if (report) *report = NULL;
    if (!out || !report || (!bib && bib_len)) goto fail;
    TC_CHECK(tc_src_open(&src, data, doc, doc_id, id_len));
    rc = TC_EINVAL;
    if (strcmp(field, "annotation") && strcmp(field, "annote")) goto fail;
    rc = TC_ENOMEM;
    if (!(matched = calloc(TC_MAX_REF_NUMBER + 1, 1))) goto fail;
    TC_CHECK(bib_scan_text(&b));
    rc = TC_ENOMEM;
    if (!(rep = cJSON_CreateArray())) goto fail;
    for (size_t i = 0; i < b.entries.n; i++) {
        const bib_entry *e = &TC_VEC_AT(&b.entries, bib_entry, i);
        if (e->kind != BIB_REGULAR) continue;
        index++;
        char key[128];
        entry_key(&b, e, key, sizeof key);
        if (e->broken) {
            if (!tc_report_add(rep, "parse-error", "warning", index, 0,
                               "entry %ld (%s) could not be read to its end; left as it is", index, key)) goto fail;
            continue;
        }
        int n = entry_number(&b, e);
        if (n <= 0) n = index <= TC_MAX_REF_NUMBER ? (int)index : 0;
        if (!n || !tc_src_cited(&src, n)) {
            if (!tc_report_add(rep, "not-cited", "info", index, n,
                               "entry %ld (%s) is reference %d, which the document does not cite", index, key, n)) goto fail;
            continue;
        }
        if (tc_seen_before(matched, n) && !tc_report_add(rep, "duplicate-number", "warning", index, n,
                "entry %ld (%s) is reference %d, like an earlier entry", index, key, n)) goto fail;
        if (tc_src_is_trial(&src, n)) {
            const bib_field *fd = find_field(&b, e, "doi"), *fp = find_field(&b, e, "pmid");
            size_t doff = 0, dlen = 0, poff = 0, plen = 0;
            int hd = fd && literal(&b, fd, &doff, &dlen), hp = fp && literal(&b, fp, &poff, &plen);
            char why[600];
            if (!tc_src_identity(&src, hd ? b.s + doff : NULL, dlen, hp ? b.s + poff : NULL, plen, why, sizeof why)) {
                if (!tc_report_add(rep, "identity-mismatch", "error", index, n,
                                   "entry %ld (%s) at reference %d, the appraised trial: %s; not annotated", index, key, n, why)) goto fail;
                continue;
            }
        }
        text.n = 0;
        cJSON *note = tc_src_note(&src, n, &text);
        cJSON_Delete(note);
        if (!note || text.oom) goto fail;
        int w = annotate_entry(&b, e, field, &text, &o, &copied);
        if (w < 0 && !tc_report_add(rep, "field-not-literal", "warning", index, n,
                                    "entry %ld (%s): `%s` is not a single braced or quoted value; left as it is",
                                    index, key, field)) goto fail;
    }
    tc_buf_add(&o, b.s + copied, b.len - copied);
    for (size_t i = 0; i < src.numbers.n; i++) {
        int n = TC_VEC_AT(&src.numbers, int, i);
        if (n >= 0 && n <= TC_MAX_REF_NUMBER && !matched[n] && !tc_report_add(rep, "missing-item", "warning", 0, n, "reference %d is cited but no entry matches it", n)) goto fail;
    }
    if (index != tc_src_max(&src) && !tc_report_add(rep, "length-mismatch", "warning", 0, 0,
            "the bibliography has %ld entries; the document cites references up to %d", index, tc_src_max(&src))) goto fail;
    if (!(*report = tc_jw_print(rep, report_len))) goto fail;
    if (!(*out = tc_buf_take(&o, out_len))) goto fail;
    rc = TC_OK;
fail:
    if (rc != TC_OK && out && report) { free(*out); free(*report); *out = *report = NULL; }
    cJSON_Delete(rep);
    tc_buf_free(&o);
    tc_buf_free(&text);
    free(matched);
    tc_vec_free(&b.entries);
    tc_vec_free(&b.fields);
    tc_src_close(&src);
    return rc;
}
