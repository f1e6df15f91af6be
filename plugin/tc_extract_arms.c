/* The arms of the trial record: their labels and sizes from "X (n = 77)", "(38 subjects,
 * ...)", "(70 practices; ...)", "350 patients to receive X and 320 to receive Y",
 * "N of which received X and M serving as controls", listed arms with "N each",
 * "77 per groep"; roles (control for placebo, usual care, controlegroep, témoin, ...);
 * descriptions from an appraisal's design bullets.  Called by tc_extract_pop.c. */
#include "tc_extract.h"
#include "tc_text.h"
#include <stdio.h>


/* The arm names that head an appraisal's design bullets. */
static const char *const w_arm_heads[] = {
    "interventiegroep", "controlegroep", "placebogroep", "intervention group", "control group",
    "placebo group", "experimental group", "groupe intervention", "groupe contrôle", "groupe témoin",
    "groupe placebo", "groupe expérimental", NULL
};

static const char *const w_per_group[] = {
    "per group", "per arm", "per groep", "per studiearm", "par groupe", "in each group", "in each arm",
    "in elke groep", "dans chaque groupe", "per treatment group", NULL
};

static const char *const w_each_after[] = { "each with", "with each", "elk met", "chacun avec", NULL };

static const char *const w_each_before[] = { "each", "in each group", "per group", "in each arm", "elk", "chacun", NULL };

static const char *const w_into[] = {
    "assigned into", "assigned to", "allocated into", "allocated to", "divided into", "distributed into",
    "into", "to", "in", "over", "en", "dans", NULL
};

static const char *const w_joiners_en[] = { "and", "or", NULL };

static const char *const w_joiners_nl[] = { "en", "of", NULL };

static const char *const w_joiners_fr[] = { "et", "ou", NULL };

static const char *const w_joiners_any[] = { "and", "or", "et", "ou", NULL };

/* Units randomised in cluster trials, as an arm's size: "(70 practices; 257 physicians)". */
static const char *const w_clusters[] = {
    "practices", "clusters", "schools", "villages", "communities", "wards", "households", "classes",
    "praktijken", "scholen", "pratiques", "écoles", NULL
};

/* Words that end an arm label read forwards ("77 to usual care and ..."). */
static const char *const w_label_end[] = {
    "and", "or", "en", "of", "et", "ou", "versus", "vs", "was", "were", "with", "for", "in", "at", "who",
    "which", "while", "whereas", "during", "until", "werd", "werden", "die", "qui", "pendant", NULL
};

/* Words that end an arm label when read backwards from "(n = 77)". */
static const char *const w_label_stop[] = {
    "to", "or", "and", "versus", "vs", "received", "receive", "receiving", "either", "of", "with",
    "en", "of", "naar", "kregen", "ou", "et", "à", "reçu", "between", "in", "the", "a", "an", "de", "het",
    "le", "la", "les", "were", "was", "group:", "as", "into", "divided", "randomly", "randomized", "randomised", NULL
};

static void truncate_array(cJSON *a, int n)
{
    while (a && cJSON_GetArraySize(a) > n) cJSON_DeleteItemFromArray(a, cJSON_GetArraySize(a) - 1);
}

static int label_is_people(const tc_ex *x, size_t a, size_t b)
{
    size_t w = tc_ex_word_before(x->t, b, a);
    return w != TC_EX_NONE && tc_ex_word_in(x->t, b, w, tc_ex_w_participants) != 0;
}

static cJSON *add_arm(tc_ex *x, size_t la, size_t lb, const tc_ex_int *n, const char *pattern)
{
    cJSON *arms = tc_ex_arr(x, x->rec, "arms"), *a;
    char path[48];
    if (!arms) return NULL;
    int idx = cJSON_GetArraySize(arms);
    if (idx >= 16) return NULL;
    if (!(a = cJSON_CreateObject()) || !cJSON_AddItemToArray(arms, a)) { cJSON_Delete(a); x->oom = 1; return NULL; }
    tc_ex_str(x, a, "label", la, lb - la);
    if (tc_ex_find(x->t, la, lb, tc_ex_w_control, NULL, NULL) != TC_EX_NONE)
        cJSON_AddStringToObject(a, "role", "control");
    if (n) {
        snprintf(path, sizeof path, "arms[%d].n", idx + 1);
        tc_ex_num(x, a, "n", path, (double)n->value, n->off, n->len, tc_ex_part_of(n));
    }
    if (idx == 0) tc_ex_how(x, "arms", "n", n ? n->off : la, pattern);
    x->arms_known = idx + 1;
    return a;
}

/* Digits at s[i] making an integer (thousands groups allowed), whatever follows. */
static int raw_int_at(const tc_ex *x, size_t i, size_t hi, tc_ex_int *out)
{
    tc_num num;
    if (i >= hi || !tc_is_digit((unsigned char)x->t[i])) return 0;
    if (!tc_num_scan(x->t, hi, i, x->nflags, &num) || num.has_sep || num.has_exp || num.neg || num.value > 1e9) return 0;
    out->value = (long)num.value;
    out->off = num.off;
    out->len = num.len;
    out->word = 0;
    return 1;
}

/* Labels before "(n = 77)": back from the bracket to a stop word or punctuation. */
static int arms_n_equals(tc_ex *x, size_t lo, size_t hi)
{
    int found = 0;
    size_t last_end = lo;
    for (size_t i = lo; i + 2 < hi; i++) {
        if (x->t[i] != '(' && x->t[i] != '[') continue;
        size_t j = tc_ex_skip_space(x->t, i + 1, hi), e, pm;
        tc_ex_int n;
        if (j < hi && (x->t[j] == 'n' || x->t[j] == 'N')) {           /* "(n = 77)" */
            j = tc_ex_skip_space(x->t, j + 1, hi);
            if (j >= hi || x->t[j] != '=') continue;
            j = tc_ex_skip_space(x->t, j + 1, hi);
            if (!tc_ex_int_at(x, j, hi, &n) || n.word) continue;
            e = tc_ex_skip_space(x->t, n.off + n.len, hi);
        } else if (raw_int_at(x, j, hi, &n)
                   && ((pm = tc_ex_word_in(x->t, hi, n.off + n.len, tc_ex_w_participants))
                       || (pm = tc_ex_word_in(x->t, hi, n.off + n.len, w_clusters)))) {  /* "(38 subjects, ...)", "(70 practices; ...)" */
            e = tc_ex_skip_space(x->t, tc_ex_skip_space(x->t, n.off + n.len, hi) + pm, hi);
        } else continue;
        if (e >= hi || (x->t[e] != ')' && x->t[e] != ']' && x->t[e] != ';' && x->t[e] != ',')) continue;
        /* the label */
        size_t b = i;
        while (b > last_end && tc_is_space((unsigned char)x->t[b - 1])) b--;
        size_t a = b, words = 0;
        while (a > last_end && words < 8) {
            size_t w = tc_ex_word_before(x->t, a, last_end);
            if (w == TC_EX_NONE) {
                /* "+", "/" and digits inside a label ("MORE + methadone", "40 mg") */
                size_t q = a;
                while (q > last_end && tc_is_space((unsigned char)x->t[q - 1])) q--;
                if (q > last_end && (x->t[q - 1] == '+' || x->t[q - 1] == '/' || tc_is_digit((unsigned char)x->t[q - 1]))) {
                    a = q - 1;
                    while (a > last_end && tc_is_digit((unsigned char)x->t[a - 1])) a--;
                    continue;
                }
                break;
            }
            if (tc_ex_match(x->t, a, w, "group:", 0)) break;
            int stop = 0;
            /* "Group A (36 patients)": a capital letter naming the group, not the article */
            int letter = tc_ex_word_end(x->t, w, a) == w + 1 && tc_is_upper_ascii((unsigned char)x->t[w]);
            for (int k = 0; w_label_stop[k] && !letter; k++)
                if (tc_ex_match(x->t, a, w, w_label_stop[k], 0) == tc_ex_word_end(x->t, w, a) - w) { stop = 1; break; }
            if (stop) break;
            a = w;
            words++;
        }
        if (a < b && !label_is_people(x, a, b)) {
            add_arm(x, a, b, &n, "<label> (n = N)");
            found++;
        }
        last_end = e;
        i = e;
    }
    return found;
}

/* Labels and sizes inside one bracket or after an abbreviation: "(SD group, n = 18; LE
 * group, n = 16; CD group, n = 15)", "unilateral (UG; n = 9; age ...) vs. bilateral (TG;
 * n = 9; ...)".  Each "n = N" follows ',' or ';' and its label is the bracket's part
 * before it; a lone abbreviation right after '(' names the words before the bracket. */
static int arms_inner_n(tc_ex *x, size_t lo, size_t hi)
{
    int found = 0;
    for (size_t i = lo + 1; i + 2 < hi; i++) {
        if ((x->t[i] != 'n' && x->t[i] != 'N') || tc_is_wordbyte((unsigned char)x->t[i - 1])) continue;
        size_t j = tc_ex_skip_space(x->t, i + 1, hi);
        if (j >= hi || x->t[j] != '=') continue;
        j = tc_ex_skip_space(x->t, j + 1, hi);
        tc_ex_int n;
        if (!tc_ex_int_at(x, j, hi, &n) || n.word || n.off != j) continue;
        size_t e = tc_ex_skip_space(x->t, n.off + n.len, hi);
        if (e >= hi || (x->t[e] != ')' && x->t[e] != ']' && x->t[e] != ';' && x->t[e] != ',')) continue;
        size_t p = i;
        while (p > lo && tc_is_space((unsigned char)x->t[p - 1])) p--;
        if (p <= lo || (x->t[p - 1] != ',' && x->t[p - 1] != ';')) continue;
        size_t sep = p - 1, st = sep;
        while (st > lo && x->t[st - 1] != '(' && x->t[st - 1] != '[' && x->t[st - 1] != ';' && x->t[st - 1] != ')') st--;
        if (st <= lo || x->t[st - 1] == ')') continue;
        size_t a = tc_ex_skip_space(x->t, st, sep), b = sep;
        while (b > a && tc_is_space((unsigned char)x->t[b - 1])) b--;
        if (b <= a || b - a > 60) continue;
        int words = 0;
        for (size_t q = a; q < b;) { size_t we = tc_ex_word_end(x->t, q, b); if (we == q) { q++; continue; } words++; q = we; }
        if (!words || words > 5) continue;
        int abbrev = words == 1 && x->t[st - 1] == '(' && tc_ex_word_end(x->t, a, b) == b;
        /* "(diabetes, n = 20; hypertension, n = 35)" are subgroups: a label names a group */
        if (!abbrev && tc_ex_find(x->t, a, b, (const char *const[]){ "group", "arm", "groep", "groupe", NULL }, NULL, NULL) == TC_EX_NONE) continue;
        if (abbrev) {
            /* "unilateral (UG; n = 9": the words before the bracket, up to punctuation */
            size_t bb = st - 1;
            while (bb > lo && tc_is_space((unsigned char)x->t[bb - 1])) bb--;
            size_t aa = bb;
            for (int w = 0; w < 4; w++) {
                size_t wb = tc_ex_word_before(x->t, aa, lo);
                if (wb == TC_EX_NONE) break;
                int stop = 0;
                for (int k = 0; w_label_stop[k]; k++)
                    if (tc_ex_match(x->t, aa, wb, w_label_stop[k], 0) == tc_ex_word_end(x->t, wb, aa) - wb) { stop = 1; break; }
                if (stop) break;
                aa = wb;
            }
            if (aa < bb) { a = aa; b = bb; }
        }
        if (label_is_people(x, a, b)) continue;
        if (!add_arm(x, a, b, &n, "(<label>, n = N; ...)")) break;
        found++;
        i = e;
    }
    return found;
}

/* Two or more "(n = N)" arms in a sentence; a single one is undone. */
int tc_ex_arms_list(tc_ex *x, size_t lo, size_t hi)
{
    int before = x->arms_known, ev_before = cJSON_GetArraySize(x->ev);
    int got = arms_n_equals(x, lo, hi);
    if (got >= 2) return 1;
    for (int pass = 0; pass < 2; pass++) {
        if (got) {
            truncate_array(cJSON_GetObjectItemCaseSensitive(x->rec, "arms"), before);
            truncate_array(x->ev, ev_before);
            x->arms_known = before;
            if (!before) cJSON_DeleteItemFromObjectCaseSensitive(x->how, "arms");
        }
        if (pass) break;
        got = arms_inner_n(x, lo, hi);
        if (got >= 2) return 1;
    }
    return 0;
}

/* "77 to MORE and 77 to usual care" after the randomisation phrase. */
int tc_ex_arms_n_to(tc_ex *x, size_t from, size_t hi)
{
    int ev_before = cJSON_GetArraySize(x->ev);
    tc_ex_int c[TC_EX_MAXC];
    size_t k = tc_ex_ints(x, from, hi, c, TC_EX_MAXC);
    int found = 0;
    for (size_t j = 0; j < k; j++) {
        size_t e = c[j].off + c[j].len, m;
        size_t w = tc_ex_skip_space(x->t, e, hi);
        /* "77 (50%) to ...", "350 patients to ..." */
        if (w < hi && x->t[w] == '(') { while (w < hi && x->t[w] != ')') w++; w = tc_ex_skip_space(x->t, w + 1, hi); }
        if ((m = tc_ex_word_in(x->t, hi, w, tc_ex_w_participants))) w = tc_ex_skip_space(x->t, w + m, hi);
        int in_the = 0;
        if (w < hi && !tc_ex_word_in(x->t, hi, w, tc_ex_w_to) && (m = tc_ex_match(x->t, hi, w, "in the", 0))) in_the = 1;
        else if (w >= hi || !(m = tc_ex_word_in(x->t, hi, w, tc_ex_w_to))) continue;
        size_t a = tc_ex_skip_space(x->t, w + m, hi), b = a;
        int words = 0;
        while (b < hi && words < 8) {
            size_t we = tc_ex_word_end(x->t, b, hi);
            if (we == b) {
                if (x->t[b] == '+' || x->t[b] == '/' || x->t[b] == '%' || tc_is_digit((unsigned char)x->t[b])
                    || (x->t[b] == '.' && b > a && tc_is_digit((unsigned char)x->t[b - 1]) && b + 1 < hi && tc_is_digit((unsigned char)x->t[b + 1]))) { b++; continue; }
                if (tc_is_space((unsigned char)x->t[b])) { size_t s = tc_ex_skip_space(x->t, b, hi); if (s < hi && (tc_is_wordbyte((unsigned char)x->t[s]) || x->t[s] == '+')) { b = s; continue; } }
                break;
            }
            if (tc_ex_word_in(x->t, hi, b, w_label_end)) break;
            b = we;
            words++;
        }
        /* "(120 in the exercise group and 120 in the control group)": only a group's name */
        if (in_the && tc_ex_find(x->t, a, b, (const char *const[]){ "group", "arm", NULL }, NULL, NULL) == TC_EX_NONE) continue;
        if (b > a && words && !label_is_people(x, a, b)) {
            add_arm(x, a, b, &c[j], in_the ? "N in the <label> group" : "N to <label>");
            found++;
        }
    }
    if (found == 1) {
        truncate_array(cJSON_GetObjectItemCaseSensitive(x->rec, "arms"), x->arms_known - 1);
        truncate_array(x->ev, ev_before);
        x->arms_known--;
    }
    return found >= 2 ? found : 0;
}

static void set_arm_roles(tc_ex *x)
{
    cJSON *arms = cJSON_GetObjectItemCaseSensitive(x->rec, "arms"), *a;
    int controls = 0;
    cJSON_ArrayForEach(a, arms) if (cJSON_GetObjectItemCaseSensitive(a, "role")) controls++;
    if (!controls || controls == cJSON_GetArraySize(arms)) return;
    cJSON_ArrayForEach(a, arms)
        if (!cJSON_GetObjectItemCaseSensitive(a, "role") && !cJSON_AddStringToObject(a, "role", "intervention")) x->oom = 1;
}

/* An appraisal's arms: the intervention and control groups it names, with "77 per
 * groep" as the size of each. */
void tc_ex_arms_per_group(tc_ex *x, size_t lo, size_t hi)
{
    size_t m, w = tc_ex_find(x->t, lo, hi, w_per_group, NULL, &m);
    if (w == TC_EX_NONE) return;
    tc_ex_int c[TC_EX_MAXC];
    size_t k = tc_ex_ints(x, lo, w, c, TC_EX_MAXC);
    if (!k || w - (c[k - 1].off + c[k - 1].len) > 3) return;
    const tc_ex_int *n = &c[k - 1];
    size_t ia, im, ca, cm;
    ia = tc_ex_find(x->t, 0, x->n, tc_ex_w_intervention, NULL, &im);
    ca = tc_ex_find(x->t, 0, x->n, (const char *const[]){ "control group", "controlegroep", "groupe contrôle", "groupe témoin", "placebo group", "placebogroep", "groupe placebo", NULL }, NULL, &cm);
    if (ia == TC_EX_NONE || ca == TC_EX_NONE) return;
    cJSON *a1 = add_arm(x, ia, ia + tc_ex_word_end(x->t, ia, ia + im) - ia, n, "N per group");
    if (a1 && !cJSON_GetObjectItemCaseSensitive(a1, "role")) cJSON_AddStringToObject(a1, "role", "intervention");
    cJSON *a2 = add_arm(x, ca, ca + cm, NULL, "N per group");
    if (a2) {
        cJSON_AddNumberToObject(a2, "n", (double)n->value);
        tc_ex_evidence(x, "arms[2].n", (double)n->value, n->off, n->len, tc_ex_part_of(n));
    }
    tc_ex_set_pop(x, "randomized_per_arm", n, n->off, "N per group");
}

/* Splits [a, b) into 2..6 labels at ',', "and", "or" (each of 1..6 words); their
 * bounds go to la/lb.  Returns how many, 0 when it is no such list. */
static int label_list(const tc_ex *x, size_t a, size_t b, size_t *la, size_t *lb)
{
    const char *const *w_list_joiners = x->lang == TC_LANG_EN ? w_joiners_en : x->lang == TC_LANG_NL ? w_joiners_nl
                                      : x->lang == TC_LANG_FR ? w_joiners_fr : w_joiners_any;
    int k = 0, done = 0;
    size_t i = a;
    while (i < b && k < 6) {
        i = tc_ex_skip_space(x->t, i, b);
        size_t m;
        if ((m = tc_ex_word_in(x->t, b, i, w_list_joiners))) i = tc_ex_skip_space(x->t, i + m, b);
        size_t s0 = i, e = i;
        int words = 0;
        while (i < b && x->t[i] != ',' && x->t[i] != ';' && x->t[i] != '(') {
            if (tc_is_space((unsigned char)x->t[i])) {
                size_t nx = tc_ex_skip_space(x->t, i, b);
                if (nx < b && tc_ex_word_in(x->t, b, nx, w_list_joiners)) { i = nx; break; }
                i = nx;
                continue;
            }
            size_t we = tc_ex_word_end(x->t, i, b);
            if (we == i) { i++; continue; }
            if (words && tc_ex_word_in(x->t, b, i, w_label_end)) { done = 1; break; }   /* "... laryngoscope with neck ..." */
            words++;
            e = we;
            i = we;
        }
        if (!words || words > 6) return 0;
        la[k] = s0; lb[k] = e; k++;
        if (done) break;
        if (i < b && x->t[i] == ',') i++;
        if (i < b && (x->t[i] == ';' || x->t[i] == '(')) break;
    }
    return k >= 2 ? k : 0;
}

/* "randomly divided into the control group and the observation group each with 32
 * cases", "randomly assigned into three groups of thirty each to undergo intubation
 * with A, B, or C": the listed arms, each of the stated size. */
int tc_ex_arms_each(tc_ex *x, size_t from, size_t hi)
{
    size_t m, p, e;
    tc_ex_int n;
    int have_n = 0;
    if ((p = tc_ex_find(x->t, from, hi, w_each_after, NULL, &m)) != TC_EX_NONE) {
        e = p;
        size_t q = tc_ex_skip_space(x->t, p + m, hi);
        have_n = tc_ex_int_at(x, q, hi, &n) || raw_int_at(x, q, hi, &n);
    } else if ((p = tc_ex_find(x->t, from, hi, w_each_before, NULL, &m)) != TC_EX_NONE) {
        e = p;
        size_t q = tc_ex_word_before(x->t, p, from);
        if (q != TC_EX_NONE) {
            long v;
            size_t k = tc_numword_scan(x->t, p, q, x->lang, &v);
            if (k) { n.value = v; n.off = q; n.len = k; n.word = 1; have_n = v >= 2; }
            else have_n = raw_int_at(x, q, p, &n) && n.off + n.len == tc_ex_word_end(x->t, q, p);
        }
    } else return 0;
    if (!have_n) return 0;
    /* the labels: "into A and B" before the size, else "with A, B, or C" after it */
    size_t la[6], lb[6];
    int k = 0, g = 0;
    size_t a = tc_ex_skip_space(x->t, from, e);
    if ((m = tc_ex_word_in(x->t, e, a, w_into))) a = tc_ex_skip_space(x->t, a + m, e);
    long gv;
    size_t gm = tc_numword_scan(x->t, e, a, x->lang, &gv);
    if (gm || (a < e && tc_is_digit((unsigned char)x->t[a]))) {
        if (!gm) { tc_ex_int gi; if (raw_int_at(x, a, e, &gi)) { gv = gi.value; gm = gi.len; } }
        size_t gw = tc_ex_skip_space(x->t, a + gm, e);
        if (gm && tc_ex_word_in(x->t, e, gw, (const char *const[]){ "groups", "arms", "groepen", "groupes", NULL })) g = (int)gv;
    }
    if (!g) k = label_list(x, a, e, la, lb);
    else {
        size_t w = tc_ex_find(x->t, n.off + n.len, hi, (const char *const[]){ "with", "met", "avec", ":", NULL }, NULL, &m);
        if (w != TC_EX_NONE) {
            size_t end = w + m;
            while (end < hi && x->t[end] != '.' && x->t[end] != ';' && x->t[end] != '(') end++;
            k = label_list(x, w + m, end, la, lb);
            if (k != g) k = 0;
        }
    }
    if (k < 2) return 0;
    for (int i = 0; i < k; i++) {
        cJSON *arm = add_arm(x, la[i], lb[i], &n, "arms listed, N each");
        if (!arm) break;
    }
    tc_ex_set_pop(x, "randomized_per_arm", &n, n.off, "N each");
    return k;
}

/* An appraisal's design bullets describe the arms: "• interventiegroep: ...",
 * "• groupe contrôle : ...".  The description goes to the arm of that role (an arm
 * without a size is made when none was found). */
static void arm_descriptions(tc_ex *x)
{
    for (size_t si = 0, ns = tc_doc_section_count(x->doc); si < ns && !x->oom; si++) {
        const tc_section *sec = tc_doc_section(x->doc, si);
        if (sec->kind != TC_SEC_DESIGN) continue;
        size_t at = sec->body_off, end = sec->end, m, p;
        int which;
        while (at < end && (p = tc_ex_find(x->t, at, end, w_arm_heads, &which, &m)) != TC_EX_NONE) {
            size_t c = tc_ex_skip_space(x->t, p + m, end);
            at = p + m;
            if (c >= end || x->t[c] != ':') continue;
            size_t a = tc_ex_skip_space(x->t, c + 1, end), b = a;
            while (b < end && !(b + 3 <= end && !memcmp(x->t + b, "\xE2\x80\xA2", 3)) && b - a < 600) b++;
            if (b - a >= 600) { while (b > a && !tc_is_space((unsigned char)x->t[b - 1])) b--; }
            while (b > a && (tc_is_space((unsigned char)x->t[b - 1]) || ((unsigned char)x->t[b - 1] & 0xC0) == 0x80)) {
                if (((unsigned char)x->t[b - 1] & 0xC0) == 0x80) { while (b > a && ((unsigned char)x->t[b - 1] & 0xC0) == 0x80) b--; if (b > a) b--; }
                else b--;
            }
            if (b <= a) continue;
            int control = tc_ex_find(x->t, p, p + m, tc_ex_w_control, NULL, NULL) != TC_EX_NONE;
            const char *role = control ? "control" : "intervention";
            cJSON *arms = tc_ex_arr(x, x->rec, "arms"), *arm = NULL, *q;
            cJSON_ArrayForEach(q, arms) {
                const char *r = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(q, "role"));
                if (r && !strcmp(r, role)) { arm = q; break; }
            }
            if (!arm) {
                arm = add_arm(x, p, p + m, NULL, "design bullet <arm>: <description>");
                if (arm && !cJSON_GetObjectItemCaseSensitive(arm, "role") && !cJSON_AddStringToObject(arm, "role", role)) x->oom = 1;
            }
            if (arm && !cJSON_GetObjectItemCaseSensitive(arm, "description")) {
                tc_ex_str(x, arm, "description", a, b - a);
                tc_ex_how(x, "arms", "description", a, "design bullet <arm>: <description>");
            }
        }
    }
}

void tc_ex_arms_finish(tc_ex *x)
{
    set_arm_roles(x);
    arm_descriptions(x);
}
