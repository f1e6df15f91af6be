/* Judging a Crossref candidate against a free-text reference, field by field.
 *
 * Verdicts (agree / disagree / unknown when either side does not state the field):
 *   title      agree: >= 75 % of the candidate title's content words occur in the
 *              reference; partial (a shortened title): 4+ of them in a row in the
 *              reference, or >= 50 % with 2+ in a row; else disagree
 *   author     agree: the first author's surname opens the reference (after a number
 *              and up to three initials); unknown: it occurs elsewhere; disagree: absent
 *   year       agree: an issued / print / online year is among the reference's years
 *   container  agree: the journal's name or short name, word by word or abbreviated
 *              ("N Engl J Med", "J Am Med Assoc") or as an acronym, followed by a number
 *   volume     the reference's volume equals the candidate's
 *   page       first pages equal (and last pages, when both give a range: 338-46 = 338-346)
 *   doi        a DOI written in the reference equals the candidate's
 * Hard contradictions, any of which rejects: author, year, volume, page or DOI disagree.
 * Otherwise accepted on one of the rules below (in tc_match_work); the search score
 * never counts.
 * Points (for choosing among accepted candidates): title 3 (partial 2), author 2,
 * year 1, container 1, volume 1, page 2, doi 4. */
#include "tc_match.h"
#include "tc_csl.h"
#include <cjson/cJSON.h>

#define MAX_TITLE_WORDS 64
#define MAX_NAME_WORDS 16

/* Field access shared with the CSL mapper (tc_csl.c). */
#define get tc_csl_get
#define get_str tc_csl_get_str
#define first_str tc_csl_first_str

const char *tc_match_field_name(int f)
{
    static const char *const names[TC_MF_COUNT] = { "title", "author", "year", "container", "volume", "page", "doi" };
    return f >= 0 && f < TC_MF_COUNT ? names[f] : "?";
}

/* Words of s (up to max), stop words left out when drop_stop. */
static size_t words_of(const char *s, char w[][TC_REF_WORD], size_t max, size_t minlen, int drop_stop)
{
    size_t n = 0, pos = 0, len = strlen(s), a, b, k;
    char tmp[TC_REF_WORD];
    while (n < max && (k = tc_ref_next_word(s, len, &pos, tmp, &a, &b)) != 0) {
        if (k < minlen || (drop_stop && tc_ref_stopword(tmp))) continue;
        memcpy(w[n++], tmp, k + 1);
    }
    return n;
}

/* ---- title ---- */

static int judge_title(const tc_ref *ref, const cJSON *work, tc_match *m)
{
    const char *raw = first_str(work, "title");
    if (!raw) return TC_OK;
    char *title = tc_csl_clean_title(raw, strlen(raw), NULL);
    if (!title) return TC_ENOMEM;
    char w[MAX_TITLE_WORDS][TC_REF_WORD];
    size_t n = words_of(title, w, MAX_TITLE_WORDS, 3, 1), hit = 0, best = 0;
    free(title);
    if (n < 2) return TC_OK;   /* "Editorial": says nothing */
    /* Longest run of title words found in the same order among the reference's content
     * words: a shortened title is such a run. */
    unsigned short prev[TC_REF_MAX_WORDS + 1], cur[TC_REF_MAX_WORDS + 1];
    size_t rn = 0;
    size_t rc_idx[TC_REF_MAX_WORDS];
    for (size_t j = 0; j < ref->n; j++) if (ref->w[j].content) rc_idx[rn++] = j;
    memset(prev, 0, sizeof prev);
    for (size_t i = 0; i < n; i++) {
        if (tc_ref_find(ref, w[i]) >= 0) hit++;
        cur[0] = 0;
        for (size_t j = 0; j < rn; j++) {
            cur[j + 1] = strcmp(w[i], ref->w[rc_idx[j]].s) == 0 ? (unsigned short)(prev[j] + 1) : 0;
            if (cur[j + 1] > best) best = cur[j + 1];
        }
        memcpy(prev, cur, (rn + 1) * sizeof cur[0]);
    }
    m->title_overlap = (double)hit / (double)n;
    m->title_run = best;
    if (m->title_overlap >= 0.75) m->v[TC_MF_TITLE] = TC_MV_AGREE;
    else if (best >= 4 || (m->title_overlap >= 0.5 && best >= 2)) m->v[TC_MF_TITLE] = TC_MV_PARTIAL;
    else m->v[TC_MF_TITLE] = TC_MV_DISAGREE;
    return TC_OK;
}

/* ---- first author ---- */

static const cJSON *first_author(const cJSON *work)
{
    const cJSON *a = get(work, "author");
    if (!cJSON_IsArray(a)) return NULL;
    for (const cJSON *p = a->child; p; p = p->next) {
        const char *seq = get_str(p, "sequence");
        if (seq && strcmp(seq, "first") == 0) return p;
    }
    return a->child;
}

static void judge_author(const tc_ref *ref, const cJSON *work, tc_match *m)
{
    const cJSON *a = first_author(work);
    const char *fam = get_str(a, "family");
    if (!fam) fam = get_str(a, "name");
    if (!fam) return;
    char w[MAX_NAME_WORDS][TC_REF_WORD];
    size_t n = words_of(fam, w, MAX_NAME_WORDS, 1, 0), core = 0;
    if (!n) return;
    for (size_t i = 1; i < n; i++) if (strlen(w[i]) > strlen(w[core])) core = i;   /* "van der Berg": berg */
    /* The reference opens with the surname, or with its main part ("Berg J van der"),
     * perhaps after initials ("N. A. Cooperman"). */
    size_t start = ref->first;
    for (size_t skip = 0; skip <= 3 && start + skip < ref->n; skip++) {
        size_t at = start + skip;
        for (size_t from = 0; from <= core; from++) {
            size_t k = from;
            while (k <= core && at + (k - from) < ref->n && strcmp(ref->w[at + (k - from)].s, w[k]) == 0) k++;
            if (k > core) { m->v[TC_MF_AUTHOR] = TC_MV_AGREE; return; }
        }
        if (ref->w[at].len != 1) break;   /* only one-letter initials may come first */
    }
    m->v[TC_MF_AUTHOR] = tc_ref_find(ref, w[core]) >= 0 ? TC_MV_UNKNOWN : TC_MV_DISAGREE;
}

/* ---- year ---- */

/* 1 when y is one of the work's issued / print / online years; *any: it has one. */
static int has_year(const cJSON *work, int y, int *any)
{
    static const char *const dates[] = { "issued", "published-print", "published-online", "published" };
    for (size_t k = 0; k < sizeof dates / sizeof dates[0]; k++) {
        int wy, mo, d;
        if (!tc_csl_date(work, dates[k], &wy, &mo, &d)) continue;
        if (any) *any = 1;
        if (wy == y) return 1;
    }
    return 0;
}

static void judge_year(const tc_ref *ref, const cJSON *work, tc_match *m)
{
    int any = 0;
    if (!ref->nyears) return;
    for (size_t i = 0; i < ref->nyears; i++)
        if (has_year(work, ref->years[i], &any)) { m->v[TC_MF_YEAR] = TC_MV_AGREE; return; }
    if (any) m->v[TC_MF_YEAR] = TC_MV_DISAGREE;
}

/* ---- journal ---- */

/* a abbreviates w: equal, or the same first letter and a's letters in order in w
 * ("engl" England, "natl" National, "j" Journal). */
static int abbreviates(const char *a, const char *w)
{
    if (a[0] != w[0]) return 0;
    for (; *a; a++) {
        while (*w && *w != *a) w++;
        if (!*w) return 0;
        w++;
    }
    return 1;
}

/* The name's words (stop words left out) as a run of reference words that ends the
 * journal: followed by a number (year or volume) or the end. */
static int name_in_ref(const tc_ref *ref, char w[][TC_REF_WORD], size_t n)
{
    if (!n) return 0;
    for (size_t i = 0; i < ref->n; i++) {
        size_t j = i, k = 0;
        while (j < ref->n && k < n) {
            if (!ref->w[j].digits && abbreviates(ref->w[j].s, w[k])) { j++; k++; continue; }
            if (!tc_ref_stopword(ref->w[j].s)) break;
            j++;   /* "of", "the" left out by the reference or the name */
        }
        while (j < ref->n && tc_ref_stopword(ref->w[j].s)) j++;
        if (k == n && j > i && (j == ref->n || ref->w[j].digits)) return 1;
        /* An acronym: JAMA for Journal of the American Medical Association. */
        if (n >= 2 && ref->w[i].len == n && (i + 1 == ref->n || ref->w[i + 1].digits)) {
            size_t t = 0;
            while (t < n && ref->w[i].s[t] == w[t][0]) t++;
            if (t == n) return 1;
        }
    }
    return 0;
}

static void judge_container(const tc_ref *ref, const cJSON *work, tc_match *m)
{
    static const char *const keys[] = { "container-title", "short-container-title" };
    char w[MAX_NAME_WORDS][TC_REF_WORD];
    for (size_t k = 0; k < 2; k++) {
        const cJSON *v = get(work, keys[k]);
        const cJSON *c = cJSON_IsArray(v) ? v->child : v;
        for (; c; c = cJSON_IsArray(v) ? c->next : NULL) {
            if (!cJSON_IsString(c) || !c->valuestring[0]) continue;
            size_t n = words_of(c->valuestring, w, MAX_NAME_WORDS, 1, 1);
            if (!n) continue;
            m->v[TC_MF_CONTAINER] = TC_MV_DISAGREE;
            if (name_in_ref(ref, w, n)) { m->v[TC_MF_CONTAINER] = TC_MV_AGREE; return; }
        }
    }
}

/* ---- volume, pages, DOI ---- */

static const char *skip_zeros(const char *s) { while (s[0] == '0' && s[1]) s++; return s; }

static void judge_volume(const tc_ref *ref, const cJSON *work, tc_match *m)
{
    const char *v = get_str(work, "volume");
    char d[TC_REF_WORD];
    size_t n = 0;
    if (!v || !ref->volume[0]) return;
    while (v[n] >= '0' && v[n] <= '9' && n + 1 < sizeof d) { d[n] = v[n]; n++; }   /* "81 Suppl" -> 81 */
    d[n] = '\0';
    if (!n) return;
    /* "JAMA Psychiatry 2024:338" states a year where the volume would be. */
    if (strcmp(skip_zeros(d), skip_zeros(ref->volume)) != 0 && strlen(ref->volume) == 4 &&
        has_year(work, atoi(ref->volume), NULL)) return;
    m->v[TC_MF_VOLUME] = strcmp(skip_zeros(d), skip_zeros(ref->volume)) == 0 ? TC_MV_AGREE : TC_MV_DISAGREE;
}

static void judge_page(const tc_ref *ref, const cJSON *work, tc_match *m)
{
    const char *p = get_str(work, "page");
    if (!p || !*p) p = get_str(work, "article-number");
    char first[TC_REF_WORD], last[TC_REF_WORD];
    if (!p || !ref->page_first[0]) return;
    tc_ref_pages(p, strlen(p), first, last);
    if (!first[0]) return;
    int same = strcmp(skip_zeros(first), skip_zeros(ref->page_first)) == 0 &&
               (!last[0] || !ref->page_last[0] || strcmp(last, ref->page_last) == 0);
    m->v[TC_MF_PAGE] = same ? TC_MV_AGREE : TC_MV_DISAGREE;
}

static void judge_doi(const tc_ref *ref, const cJSON *work, tc_match *m)
{
    const char *d = get_str(work, "DOI");
    char norm[256];
    size_t n = 0;
    if (!d || !ref->doi[0]) return;
    if (tc_doi_normalize(d, strlen(d), norm, sizeof norm, &n) != TC_OK) return;
    m->v[TC_MF_DOI] = strcmp(norm, ref->doi) == 0 ? TC_MV_AGREE : TC_MV_DISAGREE;
}

/* ---- the rules ---- */

int tc_match_work(const tc_ref *ref, const cJSON *work, tc_match *m)
{
    static const int points[TC_MF_COUNT] = { 3, 2, 1, 1, 1, 2, 4 };
    memset(m, 0, sizeof *m);
    m->rule = "not a work";
    if (!cJSON_IsObject(work)) return TC_OK;
    if (judge_title(ref, work, m) != TC_OK) return TC_ENOMEM;
    judge_author(ref, work, m);
    judge_year(ref, work, m);
    judge_container(ref, work, m);
    judge_volume(ref, work, m);
    judge_page(ref, work, m);
    judge_doi(ref, work, m);
    const unsigned char *v = m->v;
    for (int f = 0; f < TC_MF_COUNT; f++)
        if (v[f] == TC_MV_AGREE || v[f] == TC_MV_PARTIAL) m->score += f == TC_MF_TITLE && v[f] == TC_MV_PARTIAL ? 2 : points[f];
    static const int hard[] = { TC_MF_DOI, TC_MF_PAGE, TC_MF_VOLUME, TC_MF_YEAR, TC_MF_AUTHOR };
    static const char *const why[] = { "different DOI", "different first page", "different volume",
                                       "different year", "first author not named" };
    for (size_t i = 0; i < sizeof hard / sizeof hard[0]; i++)
        if (v[hard[i]] == TC_MV_DISAGREE) { m->rule = why[i]; return TC_OK; }
#define AG(f) (v[TC_MF_##f] == TC_MV_AGREE)
    int others = AG(AUTHOR) + AG(YEAR) + AG(CONTAINER) + AG(VOLUME) + AG(PAGE);
    int source = AG(CONTAINER) + AG(VOLUME) + AG(PAGE);
    /* A reference that cites a volume or pages in a journal this row is not in, and
     * that the row cannot confirm, cites another version of it (the preprint). */
    int elsewhere = v[TC_MF_CONTAINER] == TC_MV_DISAGREE && (ref->volume[0] || ref->page_first[0]) && !AG(VOLUME) && !AG(PAGE);
    m->accepted = 1;
    if (AG(TITLE) && others >= 1 && !elsewhere) m->rule = "title";
    else if (v[TC_MF_TITLE] == TC_MV_PARTIAL && AG(AUTHOR) && AG(YEAR) && source >= 2) m->rule = "shortened title";
    else if (AG(AUTHOR) && AG(YEAR) && AG(VOLUME) && AG(PAGE)) m->rule = "author, year, volume, page";
    else if (AG(AUTHOR) && AG(YEAR) && AG(CONTAINER) && AG(PAGE)) m->rule = "author, year, journal, page";
    else if (AG(DOI) && (v[TC_MF_TITLE] == TC_MV_AGREE || v[TC_MF_TITLE] == TC_MV_PARTIAL || AG(AUTHOR))) m->rule = "doi";
    else { m->accepted = 0; m->rule = elsewhere && AG(TITLE) ? "another journal, volume and page unconfirmed" : "too little agrees"; }
#undef AG
    return TC_OK;
}

int tc_match_add_json(cJSON *obj, const char *k, const tc_match *m)
{
    cJSON *o = cJSON_CreateObject(), *fields = cJSON_CreateArray();
    if (!o || !fields) { cJSON_Delete(o); cJSON_Delete(fields); return 0; }
    cJSON_AddItemToObject(o, "fields", fields);
    for (int f = 0; f < TC_MF_COUNT; f++) {
        if (m->v[f] != TC_MV_AGREE && m->v[f] != TC_MV_PARTIAL) continue;
        cJSON *s = cJSON_CreateString(tc_match_field_name(f));
        if (!s) goto fail;
        cJSON_AddItemToArray(fields, s);
    }
    if (!cJSON_AddNumberToObject(o, "score", m->score) || !cJSON_AddStringToObject(o, "rule", m->rule) ||
        !cJSON_AddNumberToObject(o, "title_overlap", (double)(int)(m->title_overlap * 100 + 0.5) / 100))
        goto fail;
    cJSON_AddItemToObject(obj, k, o);
    return 1;
fail:
    cJSON_Delete(o);
    return 0;
}
