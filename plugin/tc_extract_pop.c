/* Population of the trial record: the randomised total (CONSORT sentences
 * "246 patients were randomised", "Of 300 screened, 154 were randomly assigned",
 * "In totaal werden 510 volwassenen ... gerandomiseerd", counts written as words),
 * those screened and completing, by sex, dropouts per arm, mean age with SD, the
 * share of women, other baseline percentages; the arms are read where the randomisation
 * is (tc_extract_arms.c).  Each number keeps the span it was read from. */
#include "tc_extract.h"
#include "tc_text.h"
#include <stdio.h>


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
/* "were divided into ... with simple random sampling", "by a random number table" */
static const char *const w_random_any[] = { "random", "randomly", "randomization", "randomisation", "willekeurig", "aléatoire", NULL };
static const char *const w_other_arm[] = {
    "the other", "the remaining", "and the rest", "de andere", "de overige", "les autres", NULL
};
static const char *const w_enrolled[] = {
    "enrolled", "included", "recruited", "selected", "were eligible", "consented", "ingesloten",
    "geïncludeerd", "gerekruteerd", "inclus", "incluses", "recrutés", "recrutées", NULL
};
/* "The study was conducted on 76 ... patients": the count after these words. */
static const char *const w_study_on[] = {
    "conducted on", "carried out on", "performed on", "conducted among", "carried out among",
    "uitgevoerd bij", "menée chez", "réalisée chez", NULL
};
/* "randomised controlled trial of 204 people": a randomised design, then its size. */
static const char *const w_trial_of[] = {
    "trial of", "trial in", "trial involving", "trial including", "trial among", "study of",
    "study in", "study involving", "study including", "study among", "trial with", NULL
};
/* A sentence with these is not the count of those randomised. */
static const char *const w_not_randomised_count[] = {
    "screened", "assessed", "eligible", "completed", "analysed", "analyzed", "excluded", "declined",
    "refused", "lost", "withdrew", "evaluated", "approached", "invited", "contacted", "responded",
    "follow-up", "followed", "remained", "finished", NULL
};
/* A sentence on another study: its counts are not this trial's. */
static const char *const w_other_study[] = {
    "previous trial", "previous study", "previous studies", "prior trial", "prior study", "earlier trial",
    "earlier study", "previous rct", "a previous", "in a prior", "parent trial", "pilot study showed",
    "eerdere studie", "vorige studie", "étude précédente", "étude antérieure", NULL
};
/* A randomisation sentence that names those randomised without a number. */
static const char *const w_definite[] = {
    "the", "these", "all", "they", "de", "deze", "alle", "zij", "les", "ces", "tous", "toutes", "ils",
    "patients", "participants", "subjects", NULL
};
static const char *const w_dropout[] = {
    "uitval", "uitvallers", "drop-out", "drop-outs", "dropout", "dropouts", "dropped out", "withdrew",
    "lost to follow-up", "perdus de vue", "abandons", "abandon", "discontinued", NULL
};
static const char *const w_groupish[] = {
    "group", "groups", "arm", "arms", "groep", "groepen", "groupe", "groupes", "assigned", "allocated",
    "received", "receive", "receiving", "versus", "vs", NULL
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

/* "Participants (n = 150)": a participant noun, '(', "n =", the count, ')'. */
static int participants_bracket(const tc_ex *x, size_t lo, tc_ex_int c)
{
    size_t e = c.off + c.len;
    while (e < x->n && tc_is_space((unsigned char)x->t[e])) e++;
    if (e >= x->n || x->t[e] != ')') return 0;
    size_t i = c.off;
    while (i > lo && x->t[i - 1] != '(') i--;
    if (i <= lo) return 0;
    size_t w = tc_ex_word_before(x->t, i - 1, lo);
    return w != TC_EX_NONE && tc_ex_word_in(x->t, i - 1, w, tc_ex_w_participants) == tc_ex_word_end(x->t, w, i - 1) - w;
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


void tc_ex_set_pop(tc_ex *x, const char *key, const tc_ex_int *c, size_t where, const char *pattern)
{
    cJSON *pop = tc_ex_obj(x, x->rec, "population");
    char path[64];
    if (!pop || cJSON_GetObjectItemCaseSensitive(pop, key)) return;
    snprintf(path, sizeof path, "population.%s", key);
    tc_ex_num(x, pop, key, path, (double)c->value, c->off, c->len, tc_ex_part_of(c));
    tc_ex_how(x, "population", key, where, pattern);
}

/* The word after a count (and an optional participant noun) says it is one arm's
 * size: "350 patients to receive erlotinib", "111 received vehicle". */
static int arm_follows(const tc_ex *x, size_t e, size_t hi)
{
    size_t w = tc_ex_skip_space(x->t, e, hi), m;
    if ((m = tc_ex_word_in(x->t, hi, w, tc_ex_w_participants))) w = tc_ex_skip_space(x->t, w + m, hi);
    return tc_ex_word_in(x->t, hi, w, tc_ex_w_to) != 0;
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
    tc_ex_int d[TC_EX_MAXC];
    size_t kd = tc_ex_ints(x, e, hi, d, TC_EX_MAXC);
    for (size_t q = 0; q < kd; q++) {
        size_t de = d[q].off + d[q].len;
        if (tc_ex_word_in(x->t, hi, de, w_men)) tc_ex_set_pop(x, "randomized_men", &d[q], d[q].off, "N men after the randomised total");
        else if (tc_ex_word_in(x->t, hi, de, w_women)) tc_ex_set_pop(x, "randomized_women", &d[q], d[q].off, "N women after the randomised total");
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
    tc_ex_int c[TC_EX_MAXC];
    size_t from = w > lo + 300 ? w - 300 : lo;
    while (from > lo && tc_is_digit((unsigned char)x->t[from])) from--;
    size_t k = tc_ex_ints(x, from, w, c, TC_EX_MAXC);
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

/* "conducted on 76 non-laboring parturient patients": the count after the words, with a
 * participant noun in the three words after it. */
static int study_on_count(tc_ex *x, size_t lo, size_t hi, tc_ex_int *out)
{
    size_t m, w = tc_ex_find(x->t, lo, hi, w_study_on, NULL, &m);
    if (w == TC_EX_NONE) return 0;
    tc_ex_int c[2];
    size_t a = tc_ex_skip_space(x->t, w + m, hi);
    if (a >= hi || !tc_ex_int_at(x, a, hi, &c[0]) || c[0].off != a) return 0;
    if (!has_word_after(x, c[0].off + c[0].len, hi, tc_ex_w_participants, 4)) return 0;
    *out = c[0];
    return 1;
}

/* The randomised total of a sentence whose randomisation phrase is at v (length m). */
static int randomised_total(tc_ex *x, size_t si, size_t lo, size_t hi, size_t v, size_t m)
{
    tc_ex_int c[TC_EX_MAXC];
    size_t clo, chi, k;
    tc_ex_clause(x, lo, hi, v, &clo, &chi);
    size_t from = v > clo + 300 ? tc_ex_word_before(x->t, v - 300, clo) : clo;   /* the counts nearest v */
    if (from == TC_EX_NONE) from = v - 300;
    k = tc_ex_ints(x, from, v, c, TC_EX_MAXC);
    for (size_t j = k; j-- > 0;) {
        size_t e = c[j].off + c[j].len;
        if (in_brackets(x, clo, c[j].off) && !after_n_equals(x, clo, c[j].off)) continue;  /* "(25 males and 25 females)" */
        if (after_n_equals(x, clo, c[j].off)) {
            /* "Healthy infants (N = 301) ... were randomly assigned": a capital N in the
               subject, the only count there */
            int other_n = 0;
            for (size_t q = 0; q < k; q++) if (q != j && after_n_equals(x, clo, c[q].off)) other_n = 1;
            if ((k == 1 || (j == 0 && !other_n)) && capital_n_before(x, clo, c[j].off)) {
                tc_ex_set_pop(x, "randomized", &c[j], c[j].off, "<participants> (N = X) ... randomised");
                return 1;
            }
            /* "Participants (n = 150) were randomized": the only count, its bracket closed
               right after it, a participant noun just before the bracket */
            if (k == 1 && participants_bracket(x, clo, c[j])) {
                tc_ex_set_pop(x, "randomized", &c[j], c[j].off, "<participants> (n = X) were randomised");
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
        /* "Of the 130 patients randomised to the first arm": an arm, not the total */
        int of = c[j].off >= clo + 3 && tc_ex_word_before(x->t, c[j].off, clo) != TC_EX_NONE
                 && tc_ex_match(x->t, c[j].off, tc_ex_word_before(x->t, c[j].off, clo), "of", 0);
        if (of && total) of = 0;       /* "A total of 201 individuals were randomized into" */
        if (of && (tc_ex_word_in(x->t, hi, v + m, tc_ex_w_to) || tc_ex_match(x->t, hi, v, "randomized to", 0)
                   || tc_ex_match(x->t, hi, v, "randomised to", 0)))
            return 0;
        if (other_arm_follows(x, v + m, hi)) {
            tc_ex_int n;
            if (enrolled_count(x, clo, c[j].off, &n)) {
                tc_ex_set_pop(x, "randomized", &n, n.off, "Of N enrolled, M to one arm and the other M to the other");
                return 1;
            }
            return 0;
        }
        tc_ex_set_pop(x, "randomized", &c[j], c[j].off, noun ? "N <participants> ... randomised" : "N ... randomised");
        by_sex(x, e, hi);
        return 1;
    }
    /* "we randomised 246 patients", "randomly assigned 246 adults" */
    k = tc_ex_ints(x, v + m, chi, c, TC_EX_MAXC);
    for (size_t j = 0; j < k && j < 2; j++) {
        if (after_n_equals(x, clo, c[j].off)) continue;
        if (c[j].off - (v + m) > 40) break;
        if (!has_word_after(x, c[j].off + c[j].len, chi, tc_ex_w_participants, 3)) continue;
        if (arm_follows(x, c[j].off + c[j].len, chi)) {            /* "350 patients to receive X and 320 to ..." */
            int second = 0;
            for (size_t q = j + 1; q < k; q++) if (arm_follows(x, c[q].off + c[q].len, chi)) second = 1;
            if (second) return 0;
        }
        tc_ex_set_pop(x, "randomized", &c[j], c[j].off, "randomised N <participants>");
        return 1;
    }
    /* "Eighty adults were enrolled.  The subjects were divided randomly": the count of
       the sentence, or the two before, that enrolled them */
    int counted_after = 0;
    for (size_t j = 0; j < k; j++) if (!after_n_equals(x, clo, c[j].off) && has_word_after(x, c[j].off + c[j].len, chi, tc_ex_w_participants, 3)) counted_after = 1;
    if (!counted_after && tc_ex_ints(x, clo, v, c, TC_EX_MAXC) == 0) {
        size_t a = tc_ex_skip_space(x->t, clo, v);
        if (!tc_ex_word_in(x->t, v, a, w_definite)) return 0;
        for (size_t b = si + 1; b-- > 0 && b + 3 > si;) {
            const tc_sentence *q = tc_doc_sentence(x->doc, b);
            tc_ex_int n;
            size_t qhi = b == si ? v : q->off + q->len;
            if (enrolled_count(x, q->off, qhi, &n)) {
                tc_ex_set_pop(x, "randomized", &n, n.off, "N <participants> enrolled; the <participants> were randomised");
                return 1;
            }
            if (study_on_count(x, q->off, qhi, &n)) {
                tc_ex_set_pop(x, "randomized", &n, n.off, "conducted on N <participants>; the <participants> were randomised");
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
    tc_ex_int c[TC_EX_MAXC];
    if (w > clo + maxdist + 40) clo = w - maxdist - 40;
    while (clo > lo && tc_is_digit((unsigned char)x->t[clo])) clo--;
    size_t k = tc_ex_ints(x, clo, w, c, TC_EX_MAXC);
    for (size_t j = k; j-- > 0;) {
        if (after_n_equals(x, clo, c[j].off)) continue;
        if (w - (c[j].off + c[j].len) > maxdist) break;
        tc_ex_set_pop(x, key, &c[j], c[j].off, pattern);
        return 1;
    }
    return 0;
}













/* Dropouts per arm: "uitval in de interventiegroep (9 t.o.v. 4 in de controlegroep)". */
static void dropouts(tc_ex *x, size_t lo, size_t hi)
{
    if (tc_ex_find(x->t, lo, hi, w_dropout, NULL, NULL) == TC_EX_NONE) return;
    tc_ex_int c[TC_EX_MAXC];
    size_t k = tc_ex_ints(x, lo, hi, c, TC_EX_MAXC);
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
        tc_ex_num(x, d, role, path, (double)c[j].value, c[j].off, c[j].len, tc_ex_part_of(&c[j]));
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
            /* "Age, mean (SD) 52.1 (8.0) 51.4 (7.7)": a table row of arms, not the total */
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

static int skip_population_kind(int kind)
{
    return kind == TC_SEC_REFERENCES || kind == TC_SEC_BACKGROUND || kind == TC_SEC_INTRODUCTION
        || kind == TC_SEC_DISCUSSION || kind == TC_SEC_GUIDELINES || kind == TC_SEC_CONCLUSION;
}

/* "an open randomised trial of 180 adults": the first such phrase,
 * the randomisation word at most four words before "trial of". */
static int trial_of_count(tc_ex *x)
{
    for (size_t i = 0, ns = tc_doc_sentence_count(x->doc); i < ns; i++) {
        const tc_sentence *sen = tc_doc_sentence(x->doc, i);
        size_t lo = sen->off, hi = sen->off + sen->len, m, at = lo, p;
        if (skip_population_kind(tc_ex_section_kind(x, lo))) continue;
        if (tc_ex_find(x->t, lo, hi, w_other_study, NULL, NULL) != TC_EX_NONE) continue;
        while ((p = tc_ex_find(x->t, at, hi, w_trial_of, NULL, &m)) != TC_EX_NONE) {
            at = p + m;
            size_t b = p;
            int rand = 0;
            for (int w = 0; w < 5 && !rand; w++) {
                size_t wb = tc_ex_word_before(x->t, b, lo);
                if (wb == TC_EX_NONE) break;
                if (tc_ex_match(x->t, b, wb, "randomi*", 0) || tc_ex_match(x->t, b, wb, "gerandomiseerde", 0)) rand = 1;
                b = wb;
            }
            if (!rand) continue;
            tc_ex_int c;
            size_t a = tc_ex_skip_space(x->t, p + m, hi);
            if (a >= hi || !tc_ex_int_at(x, a, hi, &c) || c.off != a) continue;
            if (!has_word_after(x, c.off + c.len, hi, tc_ex_w_participants, 4)) continue;
            tc_ex_set_pop(x, "randomized", &c, c.off, "randomised trial of N <participants>");
            return 1;
        }
    }
    return 0;
}

/* In a randomised design with no randomisation sentence that counts: the one sentence
 * opening "A total of N <participants>" outside the results, when it does not speak of
 * screening, completion or analysis ("A total of 90 women aged 20 to 40"). */
static int total_of_count(tc_ex *x)
{
    if (!randomised_design(x)) return 0;
    tc_ex_int found;
    int n = 0;
    for (size_t i = 0, ns = tc_doc_sentence_count(x->doc); i < ns; i++) {
        const tc_sentence *sen = tc_doc_sentence(x->doc, i);
        size_t lo = sen->off, hi = sen->off + sen->len, m;
        int kind = tc_ex_section_kind(x, lo);
        if (skip_population_kind(kind) || kind == TC_SEC_RESULTS) continue;
        size_t a = tc_ex_skip_space(x->t, lo, hi);
        if (!(m = tc_ex_match(x->t, hi, a, "a total of", 0))) {
            /* after a run-in label: "Subjects. A total of" */
            continue;
        }
        tc_ex_int c;
        size_t q = tc_ex_skip_space(x->t, a + m, hi);
        if (q >= hi || !tc_ex_int_at(x, q, hi, &c) || c.off != q) continue;
        if (!has_word_after(x, c.off + c.len, hi, tc_ex_w_participants, 3)) continue;
        if (tc_ex_find(x->t, lo, hi, w_not_randomised_count, NULL, NULL) != TC_EX_NONE) continue;
        found = c;
        n++;
    }
    if (n != 1) return 0;
    tc_ex_set_pop(x, "randomized", &found, found.off, "A total of N <participants> in a randomised design");
    return 1;
}

/* Every arm's size stated and no total: a count equal to their sum in the sentence of
 * the first arm's size or the one before ("Patients with IBS (120; Rome II) were ...
 * randomized to either EcN (n = 60) or placebo (n = 60)") is the stated total. */
static int arm_sum_stated(tc_ex *x)
{
    cJSON *arms = cJSON_GetObjectItemCaseSensitive(x->rec, "arms"), *a, *e;
    if (cJSON_GetArraySize(arms) < 2) return 0;
    double sum = 0, first = -1;
    cJSON_ArrayForEach(a, arms) {
        cJSON *n = cJSON_GetObjectItemCaseSensitive(a, "n");
        if (!cJSON_IsNumber(n)) return 0;
        sum += n->valuedouble;
    }
    cJSON_ArrayForEach(e, x->ev) {
        const char *path = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "path"));
        cJSON *st = cJSON_GetObjectItemCaseSensitive(e, "start");
        if (path && cJSON_IsNumber(st) && !strncmp(path, "arms[", 5)) { first = st->valuedouble - 1; break; }
    }
    if (first < 0) return 0;
    size_t ns = tc_doc_sentence_count(x->doc), si = ns;
    for (size_t i = 0; i < ns; i++) {
        const tc_sentence *sen = tc_doc_sentence(x->doc, i);
        if ((double)sen->off <= first && first < (double)(sen->off + sen->len)) { si = i; break; }
    }
    if (si == ns) return 0;
    {   /* the arms' sentence randomises them ("randomly assigned to X (n=54) or Y (n=51)"),
           not an analysis population's groups */
        const tc_sentence *sen = tc_doc_sentence(x->doc, si);
        if (tc_ex_find(x->t, sen->off, sen->off + sen->len, tc_ex_w_randomised, NULL, NULL) == TC_EX_NONE
            && tc_ex_find(x->t, sen->off, sen->off + sen->len, w_assigned, NULL, NULL) == TC_EX_NONE) return 0;
    }
    for (size_t b = si + 1; b-- > 0 && b + 2 > si;) {
        const tc_sentence *sen = tc_doc_sentence(x->doc, b);
        size_t lo = sen->off, hi = b == si ? (size_t)first : sen->off + sen->len;
        tc_ex_int c[TC_EX_MAXC];
        size_t k = tc_ex_ints(x, lo, hi, c, TC_EX_MAXC);
        for (size_t j = 0; j < k; j++) {
            if ((double)c[j].value != sum) continue;
            if (after_n_equals(x, lo, c[j].off) && !capital_n_before(x, lo, c[j].off)) continue;
            tc_ex_set_pop(x, "randomized", &c[j], c[j].off, "a count equal to the sum of the stated arm sizes, next to them");
            return 1;
        }
    }
    return 0;
}

void tc_ex_population(tc_ex *x)
{
    size_t ns = tc_doc_sentence_count(x->doc);
    int have_rand = 0, have_arms = 0;
    for (size_t i = 0; i < ns && !x->oom; i++) {
        const tc_sentence *sen = tc_doc_sentence(x->doc, i);
        size_t lo = sen->off, hi = sen->off + sen->len, m, v;
        int kind = tc_ex_section_kind(x, lo);
        if (kind == TC_SEC_REFERENCES || kind == TC_SEC_BACKGROUND || kind == TC_SEC_INTRODUCTION
            || kind == TC_SEC_DISCUSSION || kind == TC_SEC_GUIDELINES) continue;   /* other studies */
        if (tc_ex_find(x->t, lo, hi, w_other_study, NULL, NULL) != TC_EX_NONE) continue;
        v = tc_ex_find(x->t, lo, hi, tc_ex_w_randomised, NULL, &m);
        if (v == TC_EX_NONE && (randomised_design(x) || tc_ex_find(x->t, lo, hi, w_random_any, NULL, NULL) != TC_EX_NONE))
            v = tc_ex_find(x->t, lo, hi, w_assigned, NULL, &m);
        if (v != TC_EX_NONE) {
            if (!have_rand) have_rand = randomised_total(x, i, lo, hi, v, m);
            if (!have_arms) {
                size_t clo, chi;
                tc_ex_clause(x, lo, hi, v, &clo, &chi);
                have_arms = tc_ex_arms_n_to(x, clo, chi) || tc_ex_arms_list(x, lo, hi) || tc_ex_arms_each(x, v + m, chi);
            }
        } else if (!have_arms && tc_ex_find(x->t, lo, hi, w_groupish, NULL, NULL) != TC_EX_NONE) {
            have_arms = tc_ex_arms_list(x, lo, hi);
        }
        if (!have_arms && !x->arms_known) { tc_ex_arms_per_group(x, lo, hi); if (x->arms_known) have_arms = 1; }
        count_before(x, lo, hi, w_screened, "screened", "N screened", 40);
        if (have_rand) count_before(x, lo, hi, w_completed, "completed", "N ... completed", 120);
        dropouts(x, lo, hi);
    }
    if (!have_rand) have_rand = trial_of_count(x) || total_of_count(x);
    tc_ex_arms_finish(x);
    if (!have_rand) have_rand = arm_sum_stated(x);
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
