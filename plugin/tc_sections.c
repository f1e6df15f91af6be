/* Sections: a heading is a short line of its own whose whitespace-normalised,
 * case-folded content names a known Minerva (nl/fr) or usual English heading, or
 * a Markdown heading ("# ...").  Two levels: the Minerva summary and discussion
 * parts hold sub-sections, and Markdown headings nest by their level. */
#include "tc_text.h"

#define HEADING_MAX 200         /* longest Markdown heading line considered (bytes) */
#define NAMED_MAX 64            /* longest line that may hold a named heading (bytes) */
#define PREFETCH 4096           /* how far ahead the line scan asks for text (bytes) */
#define TOP_CONCLUSION_MAX 1500 /* longest conclusion box that opens a page (bytes) */

typedef struct heading_name { const char *name; unsigned char len; int kind; } heading_name;
/* Lengths are stored so that a lookup compares bytes only for names of the line's
 * length (most short lines are prose and match no length-and-first-byte pair). */
#define H(s, k) { s, sizeof s - 1, k }

/* Normalised forms: lower case, single spaces, no trailing ':', '?' or '.',
 * typographic apostrophe as '\''. */
static const heading_name names[] = {
    /* Dutch (Minerva) */
    H("klinische vraag", TC_SEC_QUESTION),
    H("achtergrond", TC_SEC_BACKGROUND),
    H("inleiding", TC_SEC_INTRODUCTION),
    H("samenvatting", TC_SEC_SUMMARY),
    H("bestudeerde populatie", TC_SEC_POPULATION),
    H("onderzoeksopzet", TC_SEC_DESIGN),
    H("uitkomstmeting", TC_SEC_OUTCOMES),
    H("resultaten", TC_SEC_RESULTS),
    H("besluit van de auteurs", TC_SEC_AUTHORS_CONCLUSION),
    H("financiering van de studie", TC_SEC_FUNDING),
    H("financiering", TC_SEC_FUNDING),
    H("belangenconflicten van de auteurs", TC_SEC_CONFLICTS),
    H("belangenconflicten", TC_SEC_CONFLICTS),
    H("bespreking", TC_SEC_DISCUSSION),
    H("beoordeling van de methodologie", TC_SEC_METHODOLOGY),
    H("beoordeling van de resultaten", TC_SEC_RESULTS_APPRAISAL),
    H("wat zeggen de richtlijnen voor de klinische praktijk", TC_SEC_GUIDELINES),
    H("besluit van minerva", TC_SEC_CONCLUSION),
    H("besluit", TC_SEC_CONCLUSION),
    H("methoden", TC_SEC_METHODS),
    H("methode", TC_SEC_METHODS),
    H("methodologie", TC_SEC_METHODOLOGY),
    H("geraadpleegde bronnen", TC_SEC_REFERENCES),
    H("referenties", TC_SEC_REFERENCES),
    H("literatuur", TC_SEC_REFERENCES),
    H("literatuurlijst", TC_SEC_REFERENCES),
    /* French (Minerva) */
    H("question clinique", TC_SEC_QUESTION),
    H("contexte", TC_SEC_BACKGROUND),
    H("introduction", TC_SEC_INTRODUCTION),
    H("r\xc3\xa9sum\xc3\xa9", TC_SEC_SUMMARY),
    H("population \xc3\xa9tudi\xc3\xa9" "e", TC_SEC_POPULATION),
    H("protocole d'\xc3\xa9tude", TC_SEC_DESIGN),
    H("mesure des r\xc3\xa9sultats", TC_SEC_OUTCOMES),
    H("r\xc3\xa9sultats", TC_SEC_RESULTS),
    H("conclusion des auteurs", TC_SEC_AUTHORS_CONCLUSION),
    H("financement de l'\xc3\xa9tude", TC_SEC_FUNDING),
    H("financement", TC_SEC_FUNDING),
    H("conflits d'int\xc3\xa9r\xc3\xaat des auteurs", TC_SEC_CONFLICTS),
    H("conflits d'int\xc3\xa9r\xc3\xaats des auteurs", TC_SEC_CONFLICTS),
    H("conflits d'int\xc3\xa9r\xc3\xaat", TC_SEC_CONFLICTS),
    H("discussion", TC_SEC_DISCUSSION),
    H("\xc3\xa9valuation de la m\xc3\xa9thodologie", TC_SEC_METHODOLOGY),
    H("\xc3\xa9valuation des r\xc3\xa9sultats", TC_SEC_RESULTS_APPRAISAL),
    H("que disent les guides de pratique clinique", TC_SEC_GUIDELINES),
    H("conclusion de minerva", TC_SEC_CONCLUSION),
    H("conclusion", TC_SEC_CONCLUSION),
    H("conclusions", TC_SEC_CONCLUSION),
    H("m\xc3\xa9thodes", TC_SEC_METHODS),
    H("m\xc3\xa9thode", TC_SEC_METHODS),
    H("m\xc3\xa9thodologie", TC_SEC_METHODOLOGY),
    H("sources consult\xc3\xa9" "es", TC_SEC_REFERENCES),
    H("r\xc3\xa9" "f\xc3\xa9rences", TC_SEC_REFERENCES),
    H("bibliographie", TC_SEC_REFERENCES),
    /* English */
    H("clinical question", TC_SEC_QUESTION),
    H("background", TC_SEC_BACKGROUND),
    H("summary", TC_SEC_SUMMARY),
    H("abstract", TC_SEC_SUMMARY),
    H("study population", TC_SEC_POPULATION),
    H("study design", TC_SEC_DESIGN),
    H("outcome measures", TC_SEC_OUTCOMES),
    H("methods", TC_SEC_METHODS),
    H("method", TC_SEC_METHODS),
    H("materials and methods", TC_SEC_METHODS),
    H("patients and methods", TC_SEC_METHODS),
    H("results", TC_SEC_RESULTS),
    H("authors' conclusions", TC_SEC_AUTHORS_CONCLUSION),
    H("funding", TC_SEC_FUNDING),
    H("conflicts of interest", TC_SEC_CONFLICTS),
    H("competing interests", TC_SEC_CONFLICTS),
    H("references", TC_SEC_REFERENCES),
    H("bibliography", TC_SEC_REFERENCES),
    H("what do the guidelines say", TC_SEC_GUIDELINES),
};
/* Headings that go on with a name: "Résumé de l'étude ImPAT". */
static const heading_name prefixes[] = {
    H("r\xc3\xa9sum\xc3\xa9 de l'\xc3\xa9tude", TC_SEC_SUMMARY),
    H("samenvatting van de studie", TC_SEC_SUMMARY),
};
#undef H

/* Which (length, first byte) pairs a name or a prefix can match: most short lines are
 * prose whose pair no name has, and one bit test spares them the walk over the
 * tables.  Built once per scan (no mutable global); lengths from 63 up share a bucket,
 * first bytes share one by their low 5 bits: the filter only ever lets more through.
 * Also which first three bytes a name or prefix can have (hashed to 4096 bits): the
 * normalisation of a line stops as soon as its first three bytes open none. */
typedef struct name_filter { uint64_t bits[64 * 32 / 64]; uint64_t open3[4096 / 64]; } name_filter;

static inline size_t open3_bit(const char *k)
{
    return ((size_t)(unsigned char)k[0] * 961 + (size_t)(unsigned char)k[1] * 31 + (unsigned char)k[2]) & 4095;
}

/* Writes the normalised form of line[0..n) to out (at most HEADING_MAX bytes) and
 * returns its length; *md receives the Markdown level (0 if none).  With a filter f, a
 * line that is no Markdown heading and whose first three normalised bytes open no name
 * or prefix gives 0 at once (lookup could not find it). */
static size_t normalise(const unsigned char *s, size_t n, char *out, int *md, const name_filter *f)
{
    size_t i = 0, k = 0;
    *md = 0;
    while (i < n && s[i] == '#' && *md < 7) { i++; (*md)++; }
    if (*md && (*md > 6 || i >= n || !tc_is_hspace(s[i]))) *md = 0, i = 0;
    /* Emphasis wrappers and list-style numbering ("2.", "3.1") are not part of the name. */
    while (i < n && (tc_is_hspace(s[i]) || s[i] == '*' || s[i] == '_')) i++;
    size_t d = i;
    while (d < n && (tc_is_digit(s[d]) || s[d] == '.')) d++;
    if (d > i && d < n && s[d - 1] == '.' && tc_is_hspace(s[d])) i = d;
    /* Headings are capitalised: a lower-case start is a wrapped line of prose. */
    if (!*md && tc_starts_lower(s + i, n - i)) return 0;
    unsigned char prev = 0;
    int space = 0, opened = 0;
    for (; i < n && k < HEADING_MAX; i++) {
        unsigned char c = s[i];
        if (tc_is_space(c)) { space = 1; continue; }
        if (c == '*' || c == '_') continue;
        if (space && k && c != '?' && c != ':') out[k++] = ' ';
        space = 0;
        if (c == 0xE2 && i + 2 < n && s[i + 1] == 0x80 && s[i + 2] == 0x99) {   /* ’ */
            out[k++] = '\''; i += 2; prev = '\''; continue;
        }
        out[k++] = (char)tc_fold(prev, c);
        prev = c;
        if (!opened && k >= 3 && f && !*md) {   /* the first three bytes are final now */
            size_t b = open3_bit(out);
            if (!(f->open3[b / 64] >> (b % 64) & 1)) return 0;
            opened = 1;
        }
    }
    /* (and the closing sequence of a Markdown heading: "## Results ##") */
    while (k && (out[k - 1] == ':' || out[k - 1] == '?' || out[k - 1] == '.' || out[k - 1] == ' '
                 || (*md && out[k - 1] == '#'))) k--;
    return k;
}


static inline size_t filter_bit(size_t len, unsigned char c) { return (len < 63 ? len : 63) * 32 + (c & 31u); }

static void filter_set(name_filter *f, size_t len, unsigned char c)
{
    size_t b = filter_bit(len, c);
    f->bits[b / 64] |= (uint64_t)1 << (b % 64);
}

/* Every name and prefix is at least three bytes long (filter_init's caller checks). */
static void open3_set(name_filter *f, const char *name)
{
    size_t b = open3_bit(name);
    f->open3[b / 64] |= (uint64_t)1 << (b % 64);
}

static void filter_init(name_filter *f)
{
    memset(f, 0, sizeof *f);
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) filter_set(f, names[i].len, (unsigned char)names[i].name[0]);
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) open3_set(f, names[i].name);
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) open3_set(f, prefixes[i].name);
    /* A prefix matches every line at least its length. */
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++)
        for (size_t len = prefixes[i].len < 63 ? prefixes[i].len : 63; len <= 63; len++)
            filter_set(f, len, (unsigned char)prefixes[i].name[0]);
}

/* f may be NULL: no filter. */
static int lookup(const char *s, size_t n, const name_filter *f)
{
    if (n > NAMED_MAX) return -1;
    if (f && n) {
        size_t b = filter_bit(n, (unsigned char)s[0]);
        if (!(f->bits[b / 64] >> (b % 64) & 1)) return -1;
    }
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (names[i].len == n && names[i].name[0] == s[0] && !memcmp(names[i].name, s, n))
            return names[i].kind;
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++)
        if (prefixes[i].len <= n && !memcmp(prefixes[i].name, s, prefixes[i].len) &&
            (prefixes[i].len == n || s[prefixes[i].len] == ' '))
            return prefixes[i].kind;
    return -1;
}

/* Kind of the part s[0..n) of a PMC heading ("METHODS", "METHODS/DESIGN", "MATERIALS AND
 * METHODS"), or -1. */
static int pmc_part_kind(const unsigned char *s, size_t n)
{
    char norm[NAMED_MAX] = { 0 };
    size_t k = 0, w = 0;
    unsigned char prev = 0;
    if (!n || n > NAMED_MAX) return -1;
    for (size_t x = 0; x < n; x++) { norm[k++] = (char)tc_fold(prev, s[x]); prev = s[x]; }
    while (w < k && norm[w] != ' ' && norm[w] != '/') w++;
    int kind = lookup(norm, k, NULL);
    return kind < 0 && w < k ? lookup(norm, w, NULL) : kind;
}

/* PubMed Central plain text (the Evidence Inference corpus) writes its headings as
 * "TITLE:", "ABSTRACT.METHODS:", "BODY.2. METHODS.2.1. SAMPLE:": a capitalised line
 * ending in ':' whose first part is TITLE, ABSTRACT or BODY.  The kind is the first part
 * after that which names a heading.  (A heading nests under the open one whose name it
 * extends: "BODY.RESULTS.ADVERSE EVENTS:" under "BODY.RESULTS:".) */
static int pmc_heading(const unsigned char *s, size_t n)
{
    static const char *const roots[] = { "TITLE", "ABSTRACT", "BODY" };
    size_t r = 0, i;
    while (r < n && tc_is_upper_ascii(s[r])) r++;
    if (r == n || (s[r] != '.' && s[r] != ':') || n > HEADING_MAX || s[n - 1] != ':') return -1;
    int root = 0;
    for (size_t k = 0; k < sizeof roots / sizeof *roots; k++)
        if (strlen(roots[k]) == r && !memcmp(roots[k], s, r)) root = 1;
    if (!root) return -1;
    for (i = r; i < n; i++) if (tc_is_lower_ascii(s[i])) return -1;   /* prose, not a heading */
    int kind = -1, parts = 0;
    for (i = r; i + 1 < n && s[i] == '.';) {
        size_t a = i + 1, b = a;
        while (b + 1 < n && s[b] != '.') b++;
        i = b;
        while (a < b && tc_is_hspace(s[a])) a++;
        if (a == b || tc_is_digit(s[a])) continue;     /* "2." numbers the part after it */
        parts++;
        if (kind < 0) kind = pmc_part_kind(s + a, b - a);
    }
    if (!parts) kind = pmc_part_kind(s, r);             /* "ABSTRACT:" alone */
    return kind < 0 ? TC_SEC_OTHER : kind;
}

/* Cheap filter before normalising: a heading line is short, or Markdown. */
static int may_be_heading(const unsigned char *s, size_t n)
{
    if (n < 4) return 0;
    if (s[0] == '#') return n <= HEADING_MAX;
    return n <= NAMED_MAX && !tc_is_digit(s[n - 1]) && s[n - 1] != ',' && s[n - 1] != ';';
}

static int is_summary_part(int k)
{
    return k == TC_SEC_POPULATION || k == TC_SEC_DESIGN || k == TC_SEC_OUTCOMES ||
           k == TC_SEC_RESULTS || k == TC_SEC_AUTHORS_CONCLUSION || k == TC_SEC_FUNDING ||
           k == TC_SEC_CONFLICTS;
}

static int is_discussion_part(int k) { return k == TC_SEC_METHODOLOGY || k == TC_SEC_RESULTS_APPRAISAL; }

/* Is s[a..b) white space only? */
static int blank(const unsigned char *s, size_t a, size_t b)
{
    while (a < b && tc_is_space(s[a])) a++;
    return a == b;
}

/* A Minerva web page opens with its conclusion box ("Besluit van Minerva" and a few
 * lines), then an untitled introduction, then "Klinische vraag" ...  When the document's
 * first heading is such a conclusion, the paragraph break after its first paragraph
 * ends it, and the text up to the next heading becomes an untitled introduction
 * (a section with an empty heading).  A paragraph break is one blank line, or two where
 * the text puts a blank line after every line (PDF extractions). */
static int split_top_conclusion(tc_doc *doc)
{
    const unsigned char *s = (const unsigned char *)doc->text;
    size_t nsec = doc->sections.n, first = 0;
    tc_section *all = doc->sections.data;
    if (nsec && all[0].kind == TC_SEC_LEAD) first = 1;
    if (first >= nsec || all[first].kind != TC_SEC_CONCLUSION) return TC_OK;
    size_t from = all[first].body_off, end = all[first].end;
    if (first + 1 < nsec && all[first + 1].parent == (int)first) return TC_OK;
    size_t brk = 0, para_start = 0, blanks = 0;
    size_t need = tc_double_spaced(s, doc->len) ? 2 : 1;
    blanks = 0;
    for (size_t line = from; line < end && line - from <= TOP_CONCLUSION_MAX;) {
        size_t eol = tc_find_nl(s, line, end), next = eol < end ? eol + 1 : end;
        if (blank(s, line, eol)) {
            if (!blanks) brk = line;
            blanks++;
        } else {
            if (blanks >= need && brk > from && !blank(s, from, brk)) { para_start = line; break; }
            blanks = 0;
        }
        line = next;
    }
    if (!para_start) return TC_OK;
    tc_section *intro = tc_vec_push(&doc->sections);
    if (!intro) return TC_ENOMEM;
    all = doc->sections.data;
    memmove(&all[first + 2], &all[first + 1], (nsec - first - 1) * sizeof *all);
    for (size_t i = first + 2; i <= nsec; i++) if (all[i].parent > (int)first) all[i].parent++;
    intro = &all[first + 1];
    intro->off = intro->body_off = para_start; intro->len = 0;
    intro->end = end; intro->kind = TC_SEC_INTRODUCTION; intro->parent = -1;
    all[first].end = brk;
    return TC_OK;
}

int tc_scan_sections(tc_doc *doc)
{
    int rc = TC_OK;
    const unsigned char *s = (const unsigned char *)doc->text;
    size_t n = doc->len, line = 0;
    long top = -1, child = -1;       /* open top-level section and its open child */
    int top_md = 0;                  /* Markdown level of the open top-level heading */
    int top_pmc = 0;                 /* the open top-level heading is a PMC one ("BODY.RESULTS:") */
    char norm[HEADING_MAX];
    name_filter filter;
    filter_init(&filter);
    while (line < n) {
        /* This is the first stage to read the fresh copy of the text, and lines are
         * short: ask for the bytes a few lines ahead early (hardware prefetchers stop
         * at 4 KiB page boundaries). */
        if (line + PREFETCH < n) __builtin_prefetch(s + line + PREFETCH);
        /* Half the lines of PDF text are empty, and an empty line is never a heading. */
        if (s[line] == '\n') { line++; continue; }
        size_t eol = tc_find_nl(s, line, n), next = eol < n ? eol + 1 : n;
        size_t a = line, b = eol;
        while (a < b && tc_is_hspace(s[a])) a++;
        while (b > a && tc_is_hspace(s[b - 1])) b--;
        int md = 0, pmc = 0, kind = -1;
        size_t body = next;
        if (b - a > 4 && (s[a] == 'T' || s[a] == 'A' || s[a] == 'B'))
            pmc = (kind = pmc_heading(s + a, b - a)) >= 0;
        if (kind < 0 && b - a > 6 && !memcmp(s + a, "TITLE:", 6)) {
            /* "TITLE: The effects of ...": the title follows on the heading's line. */
            kind = TC_SEC_OTHER; pmc = 1;
            body = a + 6;
            while (body < b && tc_is_hspace(s[body])) body++;
            b = a + 6;
        }
        if (kind < 0) {
            pmc = 0;
            if (!may_be_heading(s + a, b - a)) { line = next; continue; }
            size_t k = normalise(s + a, b - a, norm, &md, &filter);
            kind = k ? lookup(norm, k, &filter) : -1;
            if (kind < 0 && md && k) kind = TC_SEC_OTHER;
            if (kind < 0) { line = next; continue; }
        }
        if (doc->sections.n == 0 && a > 0) {
            /* Text before the first heading is the lead, when it is more than white space. */
            size_t j = 0;
            while (j < line && tc_is_space(s[j])) j++;
            if (j < line) {
                tc_section *lead = tc_vec_push(&doc->sections);
                if (!lead) { rc = TC_ENOMEM; goto fail; }
                lead->kind = TC_SEC_LEAD; lead->parent = -1; lead->end = line;
            }
        }
        if (md) {
            /* The heading as written, without its Markdown markers ("## Results ##"). */
            while (a < b && s[a] == '#') a++;
            while (a < b && tc_is_hspace(s[a])) a++;
            size_t e = b;
            while (e > a && s[e - 1] == '#') e--;
            if (e < b && e > a && tc_is_hspace(s[e - 1])) {
                while (e > a && tc_is_hspace(s[e - 1])) e--;
                b = e;
            }
        }
        tc_section *sec = tc_vec_push(&doc->sections);
        if (!sec) { rc = TC_ENOMEM; goto fail; }
        sec->off = a; sec->len = b - a; sec->body_off = body; sec->kind = kind; sec->parent = -1;
        long self = (long)doc->sections.n - 1;
        tc_section *all = doc->sections.data;
        int nested = 0;
        if (top >= 0) {
            int tk = all[top].kind;
            nested = (tk == TC_SEC_SUMMARY && is_summary_part(kind) && !pmc) ||
                     (tk == TC_SEC_DISCUSSION && is_discussion_part(kind) && !pmc) ||
                     (md && top_md && md > top_md) || (pmc && top_pmc && all[top].len > 1 && b - a > all[top].len &&
                      s[a + all[top].len - 1] == '.' && !memcmp(s + a, s + all[top].off, all[top].len - 1));
        }
        if (child >= 0) all[child].end = line;
        child = -1;
        if (nested) {
            sec->parent = (int)top;
            child = self;
        } else {
            if (top >= 0) all[top].end = line;
            top = self; top_md = md; top_pmc = pmc;
        }
        line = next;
    }
    if (doc->sections.n == 0) {
        size_t j = 0;
        while (j < n && tc_is_space(s[j])) j++;
        if (j < n) {
            tc_section *lead = tc_vec_push(&doc->sections);
            if (!lead) { rc = TC_ENOMEM; goto fail; }
            lead->kind = TC_SEC_LEAD; lead->parent = -1; lead->end = n;
        }
    }
    if (top >= 0) TC_VEC_AT(&doc->sections, tc_section, top).end = n;
    if (child >= 0) TC_VEC_AT(&doc->sections, tc_section, child).end = n;
    TC_CHECK(split_top_conclusion(doc));
fail:
    return rc;
}

int tc_section_walk(const tc_doc *doc, size_t *cursor, size_t off)
{
    const tc_section *s = doc->sections.data;
    size_t n = doc->sections.n, k = *cursor;
    if (!n) return -1;
    /* The last section starting at or before off; then up to one that contains it. */
    while (k + 1 < n && s[k + 1].off <= off) k++;
    *cursor = k;
    long i = (long)k;
    while (i >= 0 && !(off >= s[i].off && off < s[i].end)) i = s[i].parent;
    return (int)i;
}
