/* Sections: a heading is a short line of its own whose whitespace-normalised,
 * case-folded content names a known Minerva (nl/fr) or usual English heading, or
 * a Markdown heading ("# ...").  Two levels: the Minerva summary and discussion
 * parts hold sub-sections, and Markdown headings nest by their level. */
#include "tc_text.h"

#define HEADING_MAX 200         /* longest Markdown heading line considered (bytes) */
#define NAMED_MAX 64            /* longest line that may hold a named heading (bytes) */
#define PREFETCH 4096           /* how far ahead the line scan asks for text (bytes) */

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
#undef H

/* Writes the normalised form of line[0..n) to out (at most HEADING_MAX bytes) and
 * returns its length; *md receives the Markdown level (0 if none). */
static size_t normalise(const unsigned char *s, size_t n, char *out, int *md)
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
    int space = 0;
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
    }
    /* (and the closing sequence of a Markdown heading: "## Results ##") */
    while (k && (out[k - 1] == ':' || out[k - 1] == '?' || out[k - 1] == '.' || out[k - 1] == ' '
                 || (*md && out[k - 1] == '#'))) k--;
    return k;
}

static int lookup(const char *s, size_t n)
{
    if (n > NAMED_MAX) return -1;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (names[i].len == n && names[i].name[0] == s[0] && !memcmp(names[i].name, s, n))
            return names[i].kind;
    return -1;
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

int tc_scan_sections(tc_doc *doc)
{
    int rc = TC_OK;
    const unsigned char *s = (const unsigned char *)doc->text;
    size_t n = doc->len, line = 0;
    long top = -1, child = -1;       /* open top-level section and its open child */
    int top_md = 0;                  /* Markdown level of the open top-level heading */
    char norm[HEADING_MAX];
    while (line < n) {
        /* This is the first stage to read the fresh copy of the text, and lines are
         * short: ask for the bytes a few lines ahead early (hardware prefetchers stop
         * at 4 KiB page boundaries). */
        if (line + PREFETCH < n) __builtin_prefetch(s + line + PREFETCH);
        size_t eol = tc_find_nl(s, line, n), next = eol < n ? eol + 1 : n;
        size_t a = line, b = eol;
        while (a < b && tc_is_hspace(s[a])) a++;
        while (b > a && tc_is_hspace(s[b - 1])) b--;
        if (!may_be_heading(s + a, b - a)) { line = next; continue; }
        int md;
        size_t k = normalise(s + a, b - a, norm, &md);
        int kind = k ? lookup(norm, k) : -1;
        if (kind < 0 && md && k) kind = TC_SEC_OTHER;
        if (kind < 0) { line = next; continue; }
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
        sec->off = a; sec->len = b - a; sec->body_off = next; sec->kind = kind; sec->parent = -1;
        long self = (long)doc->sections.n - 1;
        tc_section *all = doc->sections.data;
        int nested = 0;
        if (top >= 0) {
            int tk = all[top].kind;
            nested = (tk == TC_SEC_SUMMARY && is_summary_part(kind)) ||
                     (tk == TC_SEC_DISCUSSION && is_discussion_part(kind)) ||
                     (md && top_md && md > top_md);
        }
        if (child >= 0) all[child].end = line;
        child = -1;
        if (nested) {
            sec->parent = (int)top;
            child = self;
        } else {
            if (top >= 0) all[top].end = line;
            top = self; top_md = md;
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
