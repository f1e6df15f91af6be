/* Population and arms of the trial record: the randomised total (CONSORT sentences
 * "246 patients were randomised", "Of 300 screened, 154 were randomly assigned",
 * "In totaal werden 510 volwassenen ... gerandomiseerd", counts written as words),
 * those screened and completing, by sex, dropouts per arm, mean age with SD, the
 * share of women, and the arms with their sizes ("X (n = 77)", "77 per groep",
 * "77 to X and 77 to Y").  Each number keeps the span it was read from. */
#include "tc_extract.h"
#include "tc_text.h"
#include <stdio.h>

#define MAXC 48

static const char *const w_screened[] = {
    "screened", "assessed for eligibility", "were assessed", "evaluated for eligibility",
    "gescreend", "screening", "ont été évalués", "ont été sélectionnés", "examined for eligibility", NULL
};
static const char *const w_completed[] = {
    "completed", "finished", "vervolledigden", "vervolledigd", "voltooiden", "voltooid", "afgerond",
    "rondden", "ont terminé", "ont achevé", "ont complété", "ont mené", NULL
};
static const char *const w_verbs[] = {
    "were", "was", "werden", "werd", "ont", "sont", "had", "have", "waren", "patients", NULL
};
static const char *const w_total[] = { "total of", "totaal", "total de", "au total", "in all", NULL };
static const char *const w_women[] = {
    "women", "woman", "female", "females", "vrouwen", "vrouw", "vrouwelijk", "femmes", "femme", "de femmes",
    "d'entre eux des femmes",
    "de sexe féminin", "girls", "meisjes", "filles", NULL
};
/* The arm names that head an appraisal's design bullets. */
static const char *const w_arm_heads[] = {
    "interventiegroep", "controlegroep", "placebogroep", "intervention group", "control group",
    "placebo group", "experimental group", "groupe intervention", "groupe contrôle", "groupe témoin",
    "groupe placebo", "groupe expérimental", NULL
};
static const char *const w_subgroup_prep[] = {
    "in", "among", "for", "of", "than", "bij", "onder", "voor", "dan", "chez", "parmi", "pour", "que", NULL
};
static const char *const w_men[] = { "men", "males", "male", "mannen", "hommes", "boys", "jongens", "garçons", NULL };
static const char *const w_be[] = { "were", "was", "waren", "was", "étaient", "zijn", "are", NULL };
static const char *const w_age[] = { "age", "aged", "ages", "leeftijd", "âge", "âgés", "âgées", NULL };
static const char *const w_assigned[] = {
    "were assigned to", "were allocated to", "were assigned into", "were allocated into", "were divided into",
    "werden toegewezen", "werden verdeeld", "ont été répartis", "ont été réparties", NULL
};
static const char *const w_other_arm[] = {
    "the other", "the remaining", "and the rest", "de andere", "de overige", "les autres", NULL
};
static const char *const w_enrolled[] = {
    "enrolled", "included", "recruited", "selected", "were eligible", "consented", "ingesloten",
    "geïncludeerd", "gerekruteerd", "inclus", "incluses", "recrutés", "recrutées", NULL
};
/* A randomisation sentence that names those randomised without a number. */
static const char *const w_definite[] = {
    "the", "these", "all", "they", "de", "deze", "alle", "zij", "les", "ces", "tous", "toutes", "ils",
    "patients", "participants", "subjects", NULL
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
static const char *const w_to[] = {
    "were randomly assigned to receive", "were randomly assigned to", "were randomly allocated to",
    "of which received", "of whom received", "who received", "serving as", "were given", "to receive", "randomly assigned to", "were randomized to", "were randomised to", "randomized to",
    "randomised to", "were assigned to", "assigned to", "allocated to", "into", "received", "to", "naar", "in de",
    "à", "dans le", "dans la", NULL
};
/* Words that end an arm label read forwards ("77 to usual care and ..."). */
static const char *const w_label_end[] = {
    "and", "or", "en", "of", "et", "ou", "versus", "vs", "was", "were", "with", "for", "in", "at", "who",
    "which", "while", "whereas", "during", "until", "werd", "werden", "die", "qui", "pendant", NULL
};
static const char *const w_dropout[] = {
    "uitval", "uitvallers", "drop-out", "drop-outs", "dropout", "dropouts", "dropped out", "withdrew",
    "lost to follow-up", "perdus de vue", "abandons", "abandon", "discontinued", NULL
};
static const char *const w_groupish[] = {
    "group", "groups", "arm", "arms", "groep", "groepen", "groupe", "groupes", "assigned", "allocated",
    "received", "receive", "receiving", "versus", "vs", NULL
};
/* Words that end an arm label when read backwards from "(n = 77)". */
static const char *const w_label_stop[] = {
    "to", "or", "and", "versus", "vs", "received", "receive", "receiving", "either", "of", "with",
    "en", "of", "naar", "kregen", "ou", "et", "à", "reçu", "between", "in", "the", "a", "an", "de", "het",
    "le", "la", "les", "were", "was", "group:", "as", "into", "divided", "randomly", "randomized", "randomised", NULL
};

static int has_word_after(const tc_ex *x, size_t from, size_t hi, const char *const *words, int maxw)
{
    size_t i = from;
    for (int k = 0; k < maxw && i < hi; k++) {
        i = tc_ex_skip_space(x->t, i, hi);
        if (i >= hi) return 0;
        if (tc_ex_word_in(x->t, hi, i, words)) return 1;
        size_t e = tc_ex_word_end(x->t, i, hi);
        if (e == i) return 0;              /* punctuation: the phrase ended */
        i = e;
    }
    return 0;
}

/* "n =" or "n=" just before the number at off: an arm size, not a total. */
static int after_n_equals(const tc_ex *x, size_t lo, size_t off)
{
    size_t i = off;
    while (i > lo && tc_is_space((unsigned char)x->t[i - 1])) i--;
    if (i > lo && x->t[i - 1] == '=') i--;
    else return 0;
    while (i > lo && tc_is_space((unsigned char)x->t[i - 1])) i--;
    return i > lo && (x->t[i - 1] == 'n' || x->t[i - 1] == 'N') && (i - 1 == lo || !tc_is_wordbyte((unsigned char)x->t[i - 2]));
}

/* Whether off lies inside brackets opened after lo. */
static int in_brackets(const tc_ex *x, size_t lo, size_t off)
{
    int depth = 0;
    for (size_t i = lo; i < off; i++) {
        if (x->t[i] == '(' || x->t[i] == '[') depth++;
        else if ((x->t[i] == ')' || x->t[i] == ']') && depth > 0) depth--;
    }
    return depth > 0;
}

/* A capital "N =" just before off ("(N = 301)"). */
static int capital_n_before(const tc_ex *x, size_t lo, size_t off)
{
    size_t i = off;
    while (i > lo && (tc_is_space((unsigned char)x->t[i - 1]) || x->t[i - 1] == '=')) i--;
    return i > lo && x->t[i - 1] == 'N';
}

/* The count is the first word of its sentence or clause ("Ninety consenting ... patients
 * ... were randomly assigned"). */
static int sentence_initial(const tc_ex *x, size_t lo, size_t off)
{
    size_t i = off;
    while (i > lo && (tc_is_space((unsigned char)x->t[i - 1]) || x->t[i - 1] == ',')) i--;
    if (i == lo) return 1;
    /* after a heading-like label: "ABSTRACT.METHODS:\n20,536 UK adults" */
    return x->t[i - 1] == ':' || x->t[i - 1] == '\n';
}

static const char *part_of(const tc_ex_int *c) { return c->word ? "word" : "value"; }

static void set_pop(tc_ex *x, const char *key, const tc_ex_int *c, size_t where, const char *pattern)
{
    cJSON *pop = tc_ex_obj(x, x->rec, "population");
    char path[64];
    if (!pop || cJSON_GetObjectItemCaseSensitive(pop, key)) return;
    snprintf(path, sizeof path, "population.%s", key);
    tc_ex_num(x, pop, key, path, (double)c->value, c->off, c->len, part_of(c));
    tc_ex_how(x, "population", key, where, pattern);
}

/* The word after a count (and an optional participant noun) says it is one arm's
 * size: "350 patients to receive erlotinib", "111 received vehicle". */
static int arm_follows(const tc_ex *x, size_t e, size_t hi)
{
    size_t w = tc_ex_skip_space(x->t, e, hi), m;
    if ((m = tc_ex_word_in(x->t, hi, w, tc_ex_w_participants))) w = tc_ex_skip_space(x->t, w + m, hi);
    return tc_ex_word_in(x->t, hi, w, w_to) != 0;
}

/* "Of 50 patients enrolled, 25 ... and the other 25 ...": the count before the
 * randomisation phrase is one arm when another arm's count follows. */
static int other_arm_follows(const tc_ex *x, size_t from, size_t hi)
{
    return tc_ex_find(x->t, from, hi, w_other_arm, NULL, NULL) != TC_EX_NONE;
}

static void by_sex(tc_ex *x, size_t e, size_t hi)
{
    /* by sex, after the total in the same sentence: "van wie 264 mannen en 246 vrouwen" */
    tc_ex_int d[MAXC];
    size_t kd = tc_ex_ints(x, e, hi, d, MAXC);
    for (size_t q = 0; q < kd; q++) {
        size_t de = d[q].off + d[q].len;
        if (tc_ex_word_in(x->t, hi, de, w_men)) set_pop(x, "randomized_men", &d[q], d[q].off, "N men after the randomised total");
        else if (tc_ex_word_in(x->t, hi, de, w_women)) set_pop(x, "randomized_women", &d[q], d[q].off, "N women after the randomised total");
    }
}

/* "Of 50 patients enrolled" / "A total of 133 patients ... were included" earlier in
 * the clause or in the two sentences before: the count of those randomised when the
 * randomisation sentence names them without a number ("The patients were randomly
 * assigned"). */
static int enrolled_count(tc_ex *x, size_t lo, size_t hi, tc_ex_int *out)
{
    size_t m, w = tc_ex_find(x->t, lo, hi, w_enrolled, NULL, &m);
    if (w == TC_EX_NONE) return 0;
    tc_ex_int c[MAXC];
    size_t from = w > lo + 300 ? w - 300 : lo;
    while (from > lo && tc_is_digit((unsigned char)x->t[from])) from--;
    size_t k = tc_ex_ints(x, from, w, c, MAXC);
    for (size_t j = k; j-- > 0;) {
        size_t e = c[j].off + c[j].len;
        if (after_n_equals(x, lo, c[j].off)) continue;
        if (w - e > 260) break;
        if (!has_word_after(x, e, w, tc_ex_w_participants, 4) && !sentence_initial(x, lo, c[j].off)) continue;
        *out = c[j];
        return 1;
    }
    return 0;
}

/* The randomised total of a sentence whose randomisation phrase is at v (length m). */
static int randomised_total(tc_ex *x, size_t si, size_t lo, size_t hi, size_t v, size_t m)
{
    tc_ex_int c[MAXC];
    size_t clo, chi, k;
    tc_ex_clause(x, lo, hi, v, &clo, &chi);
    size_t from = v > clo + 300 ? tc_ex_word_before(x->t, v - 300, clo) : clo;   /* the counts nearest v */
    if (from == TC_EX_NONE) from = v - 300;
    k = tc_ex_ints(x, from, v, c, MAXC);
    for (size_t j = k; j-- > 0;) {
        size_t e = c[j].off + c[j].len;
        if (in_brackets(x, clo, c[j].off) && !after_n_equals(x, clo, c[j].off)) continue;  /* "(25 males and 25 females)" */
        if (after_n_equals(x, clo, c[j].off)) {
            /* "Healthy infants (N = 301) ... were randomly assigned": a capital N in the
               subject, the only count there */
            if (k == 1 && capital_n_before(x, clo, c[j].off)) {
                set_pop(x, "randomized", &c[j], c[j].off, "<participants> (N = X) ... randomised");
                return 1;
            }
            continue;
        }
        if (v - e > 240) break;
        int noun = has_word_after(x, e, v + m, tc_ex_w_participants, 4);
        int verb = tc_ex_word_in(x->t, v + m, e, w_verbs) != 0 || tc_ex_skip_space(x->t, e, hi) == v;
        int total = tc_ex_find(x->t, c[j].off > 16 ? c[j].off - 16 : clo, c[j].off, w_total, NULL, NULL) != TC_EX_NONE;
        int initial = sentence_initial(x, clo, c[j].off);
        if (!(noun || verb || total || initial)) continue;
        /* "Of 245 patients randomized to the early group": an arm, not the total */
        int of = c[j].off >= clo + 3 && tc_ex_word_before(x->t, c[j].off, clo) != TC_EX_NONE
                 && tc_ex_match(x->t, c[j].off, tc_ex_word_before(x->t, c[j].off, clo), "of", 0);
        if (of && total) of = 0;       /* "A total of 201 individuals were randomized into" */
        if (of && (tc_ex_word_in(x->t, hi, v + m, w_to) || tc_ex_match(x->t, hi, v, "randomized to", 0)
                   || tc_ex_match(x->t, hi, v, "randomised to", 0)))
            return 0;
        if (other_arm_follows(x, v + m, hi)) {
            tc_ex_int n;
            if (enrolled_count(x, clo, c[j].off, &n)) {
                set_pop(x, "randomized", &n, n.off, "Of N enrolled, M to one arm and the other M to the other");
                return 1;
            }
            return 0;
        }
        set_pop(x, "randomized", &c[j], c[j].off, noun ? "N <participants> ... randomised" : "N ... randomised");
        by_sex(x, e, hi);
        return 1;
    }
    /* "we randomised 246 patients", "randomly assigned 246 adults" */
    k = tc_ex_ints(x, v + m, chi, c, MAXC);
    for (size_t j = 0; j < k && j < 2; j++) {
        if (after_n_equals(x, clo, c[j].off)) continue;
        if (c[j].off - (v + m) > 40) break;
        if (!has_word_after(x, c[j].off + c[j].len, chi, tc_ex_w_participants, 3)) continue;
        if (arm_follows(x, c[j].off + c[j].len, chi)) {            /* "350 patients to receive X and 320 to ..." */
            int second = 0;
            for (size_t q = j + 1; q < k; q++) if (arm_follows(x, c[q].off + c[q].len, chi)) second = 1;
            if (second) return 0;
        }
        set_pop(x, "randomized", &c[j], c[j].off, "randomised N <participants>");
        return 1;
    }
    /* "Eighty adults were enrolled.  The subjects were divided randomly": the count of
       the sentence, or the two before, that enrolled them */
    int counted_after = 0;
    for (size_t j = 0; j < k; j++) if (!after_n_equals(x, clo, c[j].off) && has_word_after(x, c[j].off + c[j].len, chi, tc_ex_w_participants, 3)) counted_after = 1;
    if (!counted_after && tc_ex_ints(x, clo, v, c, MAXC) == 0) {
        size_t a = tc_ex_skip_space(x->t, clo, v);
        if (!tc_ex_word_in(x->t, v, a, w_definite)) return 0;
        for (size_t b = si + 1; b-- > 0 && b + 3 > si;) {
            const tc_sentence *q = tc_doc_sentence(x->doc, b);
            tc_ex_int n;
            size_t qhi = b == si ? v : q->off + q->len;
            if (enrolled_count(x, q->off, qhi, &n)) {
                set_pop(x, "randomized", &n, n.off, "N <participants> enrolled; the <participants> were randomised");
                return 1;
            }
        }
    }
    return 0;
}

/* A count just before a word of list words (within the clause): "300 screened",
 * "136 ... completed".  Candidates behind another number's unit are skipped. */
static int count_before(tc_ex *x, size_t lo, size_t hi, const char *const *words, const char *key,
                        const char *pattern, size_t maxdist)
{
    size_t m, w = tc_ex_find(x->t, lo, hi, words, NULL, &m);
    if (w == TC_EX_NONE) return 0;
    size_t clo, chi;
    tc_ex_clause(x, lo, hi, w, &clo, &chi);
    tc_ex_int c[MAXC];
    if (w > clo + maxdist + 40) clo = w - maxdist - 40;
    while (clo > lo && tc_is_digit((unsigned char)x->t[clo])) clo--;
    size_t k = tc_ex_ints(x, clo, w, c, MAXC);
    for (size_t j = k; j-- > 0;) {
        if (after_n_equals(x, clo, c[j].off)) continue;
        if (w - (c[j].off + c[j].len) > maxdist) break;
        set_pop(x, key, &c[j], c[j].off, pattern);
        return 1;
    }
    return 0;
}

/* ---- arms ---- */

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
        tc_ex_num(x, a, "n", path, (double)n->value, n->off, n->len, part_of(n));
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
            for (int k = 0; w_label_stop[k]; k++)
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

/* Two or more "(n = N)" arms in a sentence; a single one is undone. */
static int arms_list(tc_ex *x, size_t lo, size_t hi)
{
    int before = x->arms_known, ev_before = cJSON_GetArraySize(x->ev);
    int got = arms_n_equals(x, lo, hi);
    if (got >= 2) return 1;
    if (got) {
        truncate_array(cJSON_GetObjectItemCaseSensitive(x->rec, "arms"), before);
        truncate_array(x->ev, ev_before);
        x->arms_known = before;
    }
    return 0;
}

/* "77 to MORE and 77 to usual care" after the randomisation phrase. */
static int arms_n_to(tc_ex *x, size_t from, size_t hi)
{
    int ev_before = cJSON_GetArraySize(x->ev);
    tc_ex_int c[MAXC];
    size_t k = tc_ex_ints(x, from, hi, c, MAXC);
    int found = 0;
    for (size_t j = 0; j < k; j++) {
        size_t e = c[j].off + c[j].len, m;
        size_t w = tc_ex_skip_space(x->t, e, hi);
        /* "77 (50%) to ...", "350 patients to ..." */
        if (w < hi && x->t[w] == '(') { while (w < hi && x->t[w] != ')') w++; w = tc_ex_skip_space(x->t, w + 1, hi); }
        if ((m = tc_ex_word_in(x->t, hi, w, tc_ex_w_participants))) w = tc_ex_skip_space(x->t, w + m, hi);
        if (w >= hi || !(m = tc_ex_word_in(x->t, hi, w, w_to))) continue;
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
        if (b > a && words && !label_is_people(x, a, b)) {
            add_arm(x, a, b, &c[j], "N to <label>");
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
static void arms_per_group(tc_ex *x, size_t lo, size_t hi)
{
    size_t m, w = tc_ex_find(x->t, lo, hi, w_per_group, NULL, &m);
    if (w == TC_EX_NONE) return;
    tc_ex_int c[MAXC];
    size_t k = tc_ex_ints(x, lo, w, c, MAXC);
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
        tc_ex_evidence(x, "arms[2].n", (double)n->value, n->off, n->len, part_of(n));
    }
    set_pop(x, "randomized_per_arm", n, n->off, "N per group");
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
static int arms_each(tc_ex *x, size_t from, size_t hi)
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
    set_pop(x, "randomized_per_arm", &n, n.off, "N each");
    return k;
}

/* Dropouts per arm: "uitval in de interventiegroep (12 t.o.v. 6 in de controlegroep)". */
static void dropouts(tc_ex *x, size_t lo, size_t hi)
{
    if (tc_ex_find(x->t, lo, hi, w_dropout, NULL, NULL) == TC_EX_NONE) return;
    tc_ex_int c[MAXC];
    size_t k = tc_ex_ints(x, lo, hi, c, MAXC);
    cJSON *pop = tc_ex_obj(x, x->rec, "population"), *d = NULL;
    if (!pop || cJSON_GetObjectItemCaseSensitive(pop, "dropouts") || k < 1 || k > 4) return;
    for (size_t j = 0; j < k; j++) {
        size_t e = c[j].off + c[j].len;
        size_t nxt = j + 1 < k ? c[j + 1].off : hi;
        size_t prv = j ? c[j - 1].off + c[j - 1].len : lo;
        const char *role = NULL;
        size_t a = tc_ex_find(x->t, e, nxt < e + 40 ? nxt : e + 40, tc_ex_w_control, NULL, NULL);
        size_t b = tc_ex_find(x->t, e, nxt < e + 40 ? nxt : e + 40, tc_ex_w_intervention, NULL, NULL);
        if (a != TC_EX_NONE && (b == TC_EX_NONE || a < b)) role = "control";
        else if (b != TC_EX_NONE) role = "intervention";
        else {
            size_t from = c[j].off > prv + 60 ? c[j].off - 60 : prv;
            a = tc_ex_find_last(x->t, from, c[j].off, tc_ex_w_control, NULL, NULL);
            b = tc_ex_find_last(x->t, from, c[j].off, tc_ex_w_intervention, NULL, NULL);
            if (a != TC_EX_NONE && (b == TC_EX_NONE || a > b)) role = "control";
            else if (b != TC_EX_NONE) role = "intervention";
        }
        if (!role) continue;
        if (!d && !(d = tc_ex_obj(x, pop, "dropouts"))) return;
        if (cJSON_GetObjectItemCaseSensitive(d, role)) continue;
        char path[64];
        snprintf(path, sizeof path, "population.dropouts.%s", role);
        tc_ex_num(x, d, role, path, (double)c[j].value, c[j].off, c[j].len, part_of(&c[j]));
        tc_ex_how(x, "population", "dropouts", c[j].off, "dropout sentence, N nearest an arm's name");
    }
}

/* Mean age and the share of women, from the statistics stage's records. */
static void age_and_women(tc_ex *x)
{
    cJSON *pop;
    for (size_t i = 0, ns = tc_doc_stat_count(x->doc); i < ns; i++) {
        const tc_stat *s = tc_doc_stat(x->doc, i);
        const tc_sentence *sen = s->sentence >= 0 ? tc_doc_sentence(x->doc, (size_t)s->sentence) : NULL;
        size_t lo = sen ? sen->off : (s->span.off > 80 ? s->span.off - 80 : 0);
        size_t hi = sen ? sen->off + sen->len : s->span.off + s->span.len;
        if (!(pop = tc_ex_obj(x, x->rec, "population"))) return;
        if (s->kind == TC_STAT_MEAN && !cJSON_GetObjectItemCaseSensitive(pop, "age_mean")
            && s->value > 0 && s->value < 120 && s->value_span.len) {
            size_t from = s->span.off > lo + 60 ? s->span.off - 60 : lo, clo, chi;
            tc_ex_clause(x, lo, hi, s->span.off, &clo, &chi);
            if (from < clo) from = clo;
            /* "Age, mean (sd) 35.3 (9.6) 34.7 (9.9)": a table row of arms, not the total */
            const tc_stat *nx = i + 1 < ns ? tc_doc_stat(x->doc, i + 1) : NULL;
            const tc_stat *pv = i ? tc_doc_stat(x->doc, i - 1) : NULL;
            int row = (nx && nx->kind == TC_STAT_MEAN && nx->span.off >= s->span.off + s->span.len
                       && nx->span.off - (s->span.off + s->span.len) < 24)
                   || (pv && pv->kind == TC_STAT_MEAN && s->span.off >= pv->span.off + pv->span.len
                       && s->span.off - (pv->span.off + pv->span.len) < 24);
            if (!row && tc_ex_find_last(x->t, from, s->span.off, w_age, NULL, NULL) != TC_EX_NONE) {
                tc_ex_num(x, pop, "age_mean", "population.age_mean", s->value, s->value_span.off, s->value_span.len, "value");
                if (s->has_sd && s->sd_span.len)
                    tc_ex_num(x, pop, "age_sd", "population.age_sd", s->sd, s->sd_span.off, s->sd_span.len, "sd");
                tc_ex_how(x, "population", "age_mean", s->span.off, "mean after an age word");
            }
        }
        if (s->kind == TC_STAT_PROPORTION && s->percent && !s->has_ci && !cJSON_GetObjectItemCaseSensitive(pop, "women_percent")
            && s->value > 0 && s->value <= 100 && s->value_span.len) {
            size_t e = s->span.off + s->span.len, m;
            e = tc_ex_skip_space(x->t, e, hi);
            if (e < hi && x->t[e] == ')') e = tc_ex_skip_space(x->t, e + 1, hi);
            if ((m = tc_ex_word_in(x->t, hi, e, w_be))) e = tc_ex_skip_space(x->t, e, hi) + m;
            int after = tc_ex_word_in(x->t, hi, e, w_women) != 0;
            size_t b = s->span.off;
            while (b > lo && (tc_is_space((unsigned char)x->t[b - 1]) || x->t[b - 1] == '(' || x->t[b - 1] == ':' || x->t[b - 1] == ','))
                b--;
            size_t wb = tc_ex_word_before(x->t, b, lo);
            /* "women (57%)", not "compliance in women (68%, ...)": a subgroup */
            size_t pw = wb != TC_EX_NONE ? tc_ex_word_before(x->t, wb, lo) : TC_EX_NONE;
            int before = wb != TC_EX_NONE && s->span.off - b <= 3 && tc_ex_word_in(x->t, b, wb, w_women)
                         && !(pw != TC_EX_NONE && tc_ex_word_in(x->t, wb, pw, w_subgroup_prep));
            if (after || before) {
                tc_ex_num(x, pop, "women_percent", "population.women_percent", s->value, s->value_span.off, s->value_span.len, "value");
                tc_ex_how(x, "population", "women_percent", s->span.off, after ? "N% women" : "women (N%)");
            }
        }
    }
}

/* The design says the trial is randomised: allocation verbs then mean randomisation. */
static int randomised_design(const tc_ex *x)
{
    const cJSON *d = cJSON_GetObjectItemCaseSensitive(x->rec, "design");
    return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(d, "randomised"));
}

/* A total read after the arms (later in the text) that is not their sum, when every
 * arm's size is stated, is taken to be another study's ("the 1217 patients randomised
 * in the IPASS study"): it is dropped, and the sum of the arms stands, marked derived. */
static void drop_inconsistent_total(tc_ex *x)
{
    cJSON *pop = cJSON_GetObjectItemCaseSensitive(x->rec, "population");
    cJSON *arms = cJSON_GetObjectItemCaseSensitive(x->rec, "arms"), *a, *e;
    cJSON *tot = cJSON_GetObjectItemCaseSensitive(pop, "randomized");
    if (!cJSON_IsNumber(tot) || cJSON_GetArraySize(arms) < 2) return;
    double sum = 0, arm_at = -1, tot_at = -1;
    cJSON_ArrayForEach(a, arms) {
        cJSON *n = cJSON_GetObjectItemCaseSensitive(a, "n");
        if (!cJSON_IsNumber(n)) return;
        sum += n->valuedouble;
    }
    if (sum == tot->valuedouble) return;
    cJSON_ArrayForEach(e, x->ev) {
        const char *path = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "path"));
        cJSON *st = cJSON_GetObjectItemCaseSensitive(e, "start");
        if (!path || !cJSON_IsNumber(st)) continue;
        if (!strcmp(path, "population.randomized")) tot_at = st->valuedouble;
        else if (!strncmp(path, "arms[", 5) && arm_at < 0) arm_at = st->valuedouble;
    }
    if (tot_at < 0 || arm_at < 0 || tot_at < arm_at) return;
    cJSON_DeleteItemFromObjectCaseSensitive(pop, "randomized");
    for (int i = cJSON_GetArraySize(x->ev); i-- > 0;) {
        const char *path = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(x->ev, i), "path"));
        if (path && !strcmp(path, "population.randomized")) cJSON_DeleteItemFromArray(x->ev, i);
    }
    cJSON_DeleteItemFromObjectCaseSensitive(cJSON_GetObjectItemCaseSensitive(x->how, "population"), "randomized");
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

/* Other baseline shares an appraisal's population section states: "werkloos (86%)",
 * "23% had geen middelbaar diploma": {what, percent} with the words next to them. */
static void baseline_percentages(tc_ex *x)
{
    cJSON *pop = NULL, *list = NULL;
    for (size_t i = 0, ns = tc_doc_stat_count(x->doc); i < ns && !x->oom; i++) {
        const tc_stat *s = tc_doc_stat(x->doc, i);
        if (s->kind != TC_STAT_PROPORTION || !s->percent || s->has_ci || !s->value_span.len || s->value < 0 || s->value > 100) continue;
        if (tc_ex_section_kind(x, s->span.off) != TC_SEC_POPULATION) continue;
        const tc_sentence *sen = s->sentence >= 0 ? tc_doc_sentence(x->doc, (size_t)s->sentence) : NULL;
        size_t lo = sen ? sen->off : s->span.off, hi = sen ? sen->off + sen->len : s->span.off + s->span.len;
        size_t e = s->span.off + s->span.len, a = 0, b = 0;
        if (s->value_span.off >= lo && s->value_span.off == s->span.off && tc_ex_word_in(x->t, hi, e, w_women)) continue;
        /* "(86%)": the words before the bracket; "23% had ...": the words after */
        size_t q = s->span.off;
        while (q > lo && tc_is_space((unsigned char)x->t[q - 1])) q--;
        if (q > lo && x->t[q - 1] == '(') {
            b = q - 1;
            while (b > lo && tc_is_space((unsigned char)x->t[b - 1])) b--;
            a = b;
            for (int w = 0; w < 4; w++) {
                size_t wb = tc_ex_word_before(x->t, a, lo);
                if (wb == TC_EX_NONE) break;
                a = wb;
            }
        } else {
            a = tc_ex_skip_space(x->t, e, hi);
            b = a;
            for (int w = 0; w < 6 && b < hi; w++) {
                size_t we = tc_ex_word_end(x->t, b, hi);
                if (we == b) break;
                b = we;
                size_t nb = tc_ex_skip_space(x->t, b, hi);
                if (nb >= hi || !tc_is_wordbyte((unsigned char)x->t[nb])) break;
                b = nb;
            }
            while (b > a && tc_is_space((unsigned char)x->t[b - 1])) b--;
        }
        if (b <= a) continue;
        if (!pop && !(pop = tc_ex_obj(x, x->rec, "population"))) return;
        if (!list && !(list = tc_ex_arr(x, pop, "baseline"))) return;
        int idx = cJSON_GetArraySize(list);
        if (idx >= 24) return;
        cJSON *o = cJSON_CreateObject();
        char path[64];
        if (!o || !cJSON_AddItemToArray(list, o)) { cJSON_Delete(o); x->oom = 1; return; }
        tc_ex_str(x, o, "what", a, b - a);
        snprintf(path, sizeof path, "population.baseline[%d].percent", idx + 1);
        tc_ex_num(x, o, "percent", path, s->value, s->value_span.off, s->value_span.len, "value");
        if (!idx) tc_ex_how(x, "population", "baseline", s->span.off, "a percentage in the population section and the words next to it");
    }
}

void tc_ex_population(tc_ex *x)
{
    size_t ns = tc_doc_sentence_count(x->doc);
    int have_rand = 0, have_arms = 0;
    for (size_t i = 0; i < ns && !x->oom; i++) {
        const tc_sentence *sen = tc_doc_sentence(x->doc, i);
        size_t lo = sen->off, hi = sen->off + sen->len, m, v;
        int kind = tc_ex_section_kind(x, lo);
        if (kind == TC_SEC_REFERENCES || kind == TC_SEC_BACKGROUND || kind == TC_SEC_INTRODUCTION) continue;
        v = tc_ex_find(x->t, lo, hi, tc_ex_w_randomised, NULL, &m);
        if (v == TC_EX_NONE && randomised_design(x)) v = tc_ex_find(x->t, lo, hi, w_assigned, NULL, &m);
        if (v != TC_EX_NONE) {
            if (!have_rand) have_rand = randomised_total(x, i, lo, hi, v, m);
            if (!have_arms) {
                size_t clo, chi;
                tc_ex_clause(x, lo, hi, v, &clo, &chi);
                have_arms = arms_n_to(x, clo, chi) || arms_list(x, lo, hi) || arms_each(x, v + m, chi);
            }
        } else if (!have_arms && tc_ex_find(x->t, lo, hi, w_groupish, NULL, NULL) != TC_EX_NONE) {
            have_arms = arms_list(x, lo, hi);
        }
        if (!have_arms && !x->arms_known) { arms_per_group(x, lo, hi); if (x->arms_known) have_arms = 1; }
        count_before(x, lo, hi, w_screened, "screened", "N screened", 40);
        if (have_rand) count_before(x, lo, hi, w_completed, "completed", "N ... completed", 120);
        dropouts(x, lo, hi);
    }
    set_arm_roles(x);
    arm_descriptions(x);
    age_and_women(x);
    baseline_percentages(x);
    drop_inconsistent_total(x);
    /* the sum of the stated arm sizes, marked as derived, when no total is stated */
    cJSON *pop = cJSON_GetObjectItemCaseSensitive(x->rec, "population");
    cJSON *arms = cJSON_GetObjectItemCaseSensitive(x->rec, "arms"), *a;
    if (cJSON_GetArraySize(arms) >= 2 && !(pop && cJSON_GetObjectItemCaseSensitive(pop, "randomized"))
        && !(pop && cJSON_GetObjectItemCaseSensitive(pop, "randomized_per_arm"))) {
        double sum = 0;
        int all = 1;
        cJSON_ArrayForEach(a, arms) {
            cJSON *n = cJSON_GetObjectItemCaseSensitive(a, "n");
            if (!cJSON_IsNumber(n)) { all = 0; break; }
            sum += n->valuedouble;
        }
        if (all && (pop = tc_ex_obj(x, x->rec, "population"))) {
            cJSON *e = cJSON_CreateObject();
            if (!cJSON_AddNumberToObject(pop, "randomized", sum) || !cJSON_AddBoolToObject(pop, "randomized_derived", 1)
                || !e || !cJSON_AddItemToArray(x->ev, e)
                || !cJSON_AddStringToObject(e, "path", "population.randomized") || !cJSON_AddNumberToObject(e, "value", sum)
                || !cJSON_AddStringToObject(e, "source", "derived: the sum of arms[].n"))
                x->oom = 1;
            tc_ex_how(x, "population", "randomized", 0, "derived: the sum of the stated arm sizes");
        }
    }
    if (pop && !cJSON_GetArraySize(pop) && (pop = cJSON_GetObjectItemCaseSensitive(x->rec, "population")) && !pop->child)
        cJSON_DeleteItemFromObjectCaseSensitive(x->rec, "population");
}
