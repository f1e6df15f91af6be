/* tc_extract_trial_json: a trial record from the text alone (issue 15).  This file
 * holds the entry point and the small groups: title, question, design (randomised,
 * blinding, centres, follow-up, analysis), registration, funding, conflicts and the
 * authors' conclusion.  Population and arms: tc_extract_pop.c; outcomes and results:
 * tc_extract_res.c. */
#include "tc_extract.h"
#include "tc_text.h"
#include <stdio.h>

static const char *const w_design_randomised[] = {
    "randomized", "randomised", "randomly", "gerandomiseerd", "gerandomiseerde", "randomisée", "randomisé",
    "randomisées", "randomisés", "randomisation", "randomization", "randomisatie", NULL
};
static const char *const w_blinding[] = {
    "triple-blind", "triple blind", "double-blind", "double blind", "double-blinded", "single-blind",
    "single blind", "assessor-blinded", "observer-blind", "observer-blinded", "open-label", "open label",
    "dubbelblind", "dubbelblinde", "enkelblind", "enkelblinde", "geblindeerde beoordelaars",
    "geblindeerde", "open studie", "en double aveugle", "double aveugle", "simple aveugle", "en ouvert",
    NULL
};
static const char *const w_centres[] = {
    "centres", "centers", "centre", "center", "sites", "clinics", "hospitals", "centra", "ziekenhuizen",
    "klinieken", "praktijken", "practices", "hôpitaux", "cliniques", "cabinets", NULL
};
static const char *const w_multi[] = {
    "multicentre", "multicenter", "multi-centre", "multi-center", "multicentric", "multicentrische",
    "multicentrisch", "multicentrique", "multicentrique", NULL
};
static const char *const w_single[] = {
    "single-centre", "single-center", "single centre", "single center", "unicenterstudie", "unicentrische",
    "monocentrique", "unicentrique", NULL
};
static const char *const w_followup[] = {
    "follow-up of", "follow up of", "follow-up period of", "followed up for", "followed for",
    "median follow-up of", "mean follow-up of", "follow-upperiode van", "follow-up van", "opvolging van",
    "opvolgingsperiode van", "suivi de", "suivi médian de", "durée de suivi de", "period of",
    "follow-up occurred up to", "follow-up was up to", "followed up to", "followed up until",
    "follow-up continued to", "follow-up lasted", NULL
};
/* "washout period of 15 days", "run-in period of 2 weeks": not the follow-up */
static const char *const w_other_period[] = {
    "washout", "wash-out", "run-in", "lead-in", "recruitment", "enrolment", "enrollment", "inclusion",
    "treatment", "intervention", "training", "supplementation", "wash", "out", "observation", NULL
};
static const char *const w_followup_after[] = {
    "follow-up", "follow up", "followup", "opvolging", "follow-upperiode", "de suivi", "suivi", NULL
};
static const char *const w_time_units[] = {
    "weeks", "week", "months", "month", "years", "year", "days", "weken", "maanden", "jaar", "dagen", "mo", "y",
    "semaines", "mois", "ans", "années", "jours", NULL
};
static const char *const w_for[] = { "for", "gedurende", "pendant", "durant", NULL };
static const char *const w_not_duration[] = {
    "after", "before", "of follow-up", "follow-up", "every", "each", "per cycle", "na", "voor", "voorafgaand",
    "elke", "iedere", "après", "avant", "tous", "toutes", NULL
};
static const char *const w_treatment[] = {
    "received", "receive", "treated", "treatment", "intervention", "sessions", "daily", "given",
    "kregen", "behandeling", "interventie", "sessies", "dagelijks", "reçu", "reçoivent", "traitement",
    "séances", "quotidien", NULL
};
static const char *const w_itt[] = {
    "intention-to-treat", "intention to treat", "intent-to-treat", "intention-to-treat-analyse",
    "itt-analyse", "itt", "intention de traiter", NULL
};
static const char *const w_funding[] = {
    "funded by", "supported by", "sponsored by", "financed by", "funding was provided", "grant from",
    "gefinancierd door", "ondersteund door", "financé par", "financée par", "soutenu par", NULL
};
static const char *const w_conflicts[] = {
    "conflict of interest", "conflicts of interest", "competing interest", "competing interests",
    "belangenconflict", "conflits d'intérêts", "conflit d'intérêts", NULL
};

/* ---- registration ---- */

typedef struct reg_pat { const char *prefix; int min, max; int kind; } reg_pat;
/* kind 0: digits; 1: letters, digits and '-' ; 2: EudraCT 2004-000123-45; 3: CTRI/2011/10/002067 */
static const reg_pat regs[] = {
    { "NCT", 8, 8, 0 }, { "ISRCTN", 8, 8, 0 }, { "ACTRN", 14, 14, 0 }, { "UMIN", 9, 9, 0 },
    { "KCT", 7, 7, 0 }, { "DRKS", 8, 8, 0 }, { "PACTR", 15, 16, 0 }, { "NTR", 3, 5, 0 },
    { "ChiCTR", 6, 24, 1 }, { "IRCT", 8, 24, 1 }, { "jRCT", 8, 12, 1 }, { "JPRN-", 6, 20, 1 },
    { "EudraCT", 14, 14, 2 }, { "CTRI/", 14, 20, 3 }, { "SLCTR/", 8, 20, 3 }, { "RBR-", 6, 8, 1 },
    { "TCTR", 11, 11, 0 }, { "RPCEC", 8, 8, 0 }, { "LBCTR", 10, 10, 0 }, { "JapicCTI-", 6, 6, 0 },
    { "JMA-IIA", 5, 5, 0 }, { "NL", 4, 5, 4 },
    { NULL, 0, 0, 0 }
};

/* The registration at text[i], normalised into buf; its source length or 0. */
static size_t registration_at(const tc_ex *x, size_t i, char *buf, size_t cap)
{
    const char *t = x->t;
    size_t n = x->n;
    if (i > 0 && (tc_is_alpha_ascii((unsigned char)t[i - 1]) || tc_is_digit((unsigned char)t[i - 1]))) return 0;
    for (const reg_pat *r = regs; r->prefix; r++) {
        size_t pl = strlen(r->prefix);
        if (i + pl > n || memcmp(t + i, r->prefix, pl)) continue;
        size_t j = i + pl, w = 0;
        if (r->kind == 4) {
            /* the Netherlands Trial Register's "NL7594" after the register's name; the
               Dutch "NL12345.078.15" (an ethics file number) is none */
            size_t k = j;
            while (k < n && tc_is_digit((unsigned char)t[k])) k++;
            if ((int)(k - j) < r->min || (int)(k - j) > r->max) continue;
            if (k < n && (tc_is_alpha_ascii((unsigned char)t[k]) || ((t[k] == '.' || t[k] == '-') && k + 1 < n && tc_is_digit((unsigned char)t[k + 1])))) continue;
            size_t from = i > 80 ? i - 80 : 0;
            static const char *const w_nl_register[] = { "trial register", "trial registry", "trialregister", "trial registration", "ntr", NULL };
            if (tc_ex_find(t, from, i, w_nl_register, NULL, NULL) == TC_EX_NONE) continue;
            if (pl + (k - j) + 1 > cap) return 0;
            memcpy(buf, r->prefix, pl);
            memcpy(buf + pl, t + j, k - j);
            buf[pl + (k - j)] = 0;
            return k - i;
        }
        if (r->kind == 2) {            /* "EudraCT 2004-000123-45", "EudraCT number: ...", "EudraCT No. ..." */
            while (j < n && (t[j] == ' ' || t[j] == ':' || t[j] == '\n')) j++;
            if (j + 6 <= n && (!memcmp(t + j, "number", 6) || !memcmp(t + j, "Number", 6))) j += 6;
            else if (j + 3 <= n && (!memcmp(t + j, "No.", 3) || !memcmp(t + j, "no.", 3) || !memcmp(t + j, "Nr.", 3) || !memcmp(t + j, "nr.", 3))) j += 3;
            else if (j + 2 <= n && (!memcmp(t + j, "No", 2) || !memcmp(t + j, "ID", 2)) && j + 2 < n && (t[j + 2] == ' ' || t[j + 2] == ':')) j += 2;
            while (j < n && (t[j] == ' ' || t[j] == ':')) j++;
            size_t k = j;
            while (k < n && (tc_is_digit((unsigned char)t[k]) || t[k] == '-')) k++;
            if (k - j != 14 || t[j + 4] != '-' || t[j + 11] != '-') continue;
            if (cap < 9 + 15) return 0;
            memcpy(buf, "EudraCT ", 8);
            memcpy(buf + 8, t + j, 14);
            buf[22] = 0;
            return k - i;
        }
        if (r->kind == 0) {            /* "ISRCTN 77383050", "NCT: 01234567", "DRKS-ID ..." no; "UMIN-000012345" */
            if (j < n && (t[j] == ':' || t[j] == '#' || t[j] == '-') && j + 1 < n && (tc_is_digit((unsigned char)t[j + 1]) || t[j + 1] == ' ')) j++;
            if (j < n && t[j] == ' ') j++;
        }
        size_t k = j;
        while (k < n && (tc_is_digit((unsigned char)t[k])
                         || (r->kind == 1 && (tc_is_alpha_ascii((unsigned char)t[k]) || (t[k] == '-' && k + 1 < n && tc_is_alpha_ascii((unsigned char)t[k + 1]) + tc_is_digit((unsigned char)t[k + 1]))))
                         || (r->kind == 3 && t[k] == '/' && k + 1 < n && tc_is_digit((unsigned char)t[k + 1]))))
            k++;
        w = k - j;
        if ((int)w < r->min || (int)w > r->max) continue;
        if (k < n && (tc_is_alpha_ascii((unsigned char)t[k]) || tc_is_digit((unsigned char)t[k]))) continue;
        if (r->kind == 0 && j < n && !tc_is_digit((unsigned char)t[j])) continue;
        if (r->kind == 1 && !tc_is_digit((unsigned char)t[k - 1]) && !tc_is_digit((unsigned char)t[j])) continue;
        if (pl + w + 1 > cap) return 0;
        memcpy(buf, r->prefix, pl);
        memcpy(buf + pl, t + j, w);
        buf[pl + w] = 0;
        return k - i;
    }
    return 0;
}

static void registration(tc_ex *x)
{
    char buf[64];
    cJSON *all = NULL;
    for (size_t i = 0; i < x->n && !x->oom; i++) {
        char c = x->t[i];
        if (c != 'N' && c != 'I' && c != 'A' && c != 'U' && c != 'K' && c != 'D' && c != 'P' && c != 'C'
            && c != 'E' && c != 'j' && c != 'J' && c != 'S' && c != 'R' && c != 'T' && c != 'L') continue;
        size_t m = registration_at(x, i, buf, sizeof buf);
        if (!m) continue;
        if (tc_ex_section_kind(x, i) == TC_SEC_REFERENCES) { i += m - 1; continue; }
        if (!cJSON_GetObjectItemCaseSensitive(x->rec, "registration")) {
            if (!cJSON_AddStringToObject(x->rec, "registration", buf)) { x->oom = 1; return; }
            tc_ex_how(x, "registration", "registration", i, "registry prefix and number");
            cJSON *h = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(x->how, "registration"), "registration");
            if (h && (!cJSON_AddNumberToObject(h, "start", (double)i + 1) || !cJSON_AddNumberToObject(h, "stop", (double)(i + m))))
                x->oom = 1;
        } else {
            const char *first = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(x->rec, "registration"));
            int seen = first && !strcmp(first, buf);
            cJSON *e;
            cJSON_ArrayForEach(e, all) if (!strcmp(cJSON_GetStringValue(e) ? cJSON_GetStringValue(e) : "", buf)) seen = 1;
            if (!seen && (all || (all = tc_ex_arr(x, x->rec, "registrations_other"))) && cJSON_GetArraySize(all) < 8) {
                if (!cJSON_AddItemToArray(all, cJSON_CreateString(buf))) x->oom = 1;
            }
        }
        i += m - 1;
    }
}

/* ---- design ---- */

static int skip_kind(int kind)
{
    return kind == TC_SEC_REFERENCES || kind == TC_SEC_BACKGROUND || kind == TC_SEC_INTRODUCTION
        || kind == TC_SEC_GUIDELINES;
}

/* First match of words in sentences outside background, introduction, references. */
static size_t find_in_sentences(tc_ex *x, const char *const *words, size_t *mlen, size_t *slo, size_t *shi)
{
    for (size_t i = 0, ns = tc_doc_sentence_count(x->doc); i < ns; i++) {
        const tc_sentence *s = tc_doc_sentence(x->doc, i);
        if (skip_kind(tc_ex_section_kind(x, s->off))) continue;
        size_t p = tc_ex_find(x->t, s->off, s->off + s->len, words, NULL, mlen);
        if (p != TC_EX_NONE) {
            if (slo) *slo = s->off;
            if (shi) *shi = s->off + s->len;
            return p;
        }
    }
    return TC_EX_NONE;
}

/* A number (digits or words) ending at most two words before position p. */
static int number_before(const tc_ex *x, size_t lo, size_t p, tc_ex_int *out)
{
    size_t a = p;
    for (int w = 0; w < 3; w++) {
        size_t q = a;
        while (q > lo && tc_is_space((unsigned char)x->t[q - 1])) q--;
        if (q > lo && tc_is_digit((unsigned char)x->t[q - 1])) {
            size_t d = q;
            while (d > lo && tc_is_digit((unsigned char)x->t[d - 1])) d--;
            if (d > lo && (x->t[d - 1] == ',' || x->t[d - 1] == '.' || x->t[d - 1] == '-' || tc_is_wordbyte((unsigned char)x->t[d - 1]))) return 0;
            tc_num num;
            if (!tc_num_scan(x->t, q, d, 0, &num) || num.has_sep) return 0;
            out->value = (long)num.value; out->off = num.off; out->len = num.len; out->word = 0;
            return num.value >= 1 && num.value < 100000;
        }
        size_t wb = tc_ex_word_before(x->t, a, lo);
        if (wb == TC_EX_NONE) return 0;
        long v;
        size_t m = tc_numword_scan(x->t, a, wb, x->lang, &v);
        if (m && wb + m == tc_ex_word_end(x->t, wb, a)) {
            out->value = v; out->off = wb; out->len = m; out->word = 1;
            return 1;
        }
        a = wb;
    }
    return 0;
}

void tc_ex_design(tc_ex *x)
{
    cJSON *d = NULL;
    size_t m, lo, hi, p;
    if ((p = find_in_sentences(x, w_design_randomised, &m, &lo, &hi)) != TC_EX_NONE) {
        if ((d = tc_ex_obj(x, x->rec, "design")) && !cJSON_AddBoolToObject(d, "randomised", 1)) x->oom = 1;
        tc_ex_how(x, "design", "randomised", p, "a randomisation word");
    }
    if ((p = find_in_sentences(x, w_blinding, &m, &lo, &hi)) != TC_EX_NONE && (d = tc_ex_obj(x, x->rec, "design"))) {
        tc_ex_str(x, d, "blinding", p, m);
        tc_ex_how(x, "design", "blinding", p, "a blinding phrase");
    }
    if ((p = find_in_sentences(x, w_multi, &m, &lo, &hi)) != TC_EX_NONE && (d = tc_ex_obj(x, x->rec, "design"))) {
        if (!cJSON_AddBoolToObject(d, "multicentre", 1)) x->oom = 1;
        tc_ex_how(x, "design", "multicentre", p, "multicentre");
    } else if ((p = find_in_sentences(x, w_single, &m, &lo, &hi)) != TC_EX_NONE && (d = tc_ex_obj(x, x->rec, "design"))) {
        if (!cJSON_AddBoolToObject(d, "multicentre", 0)) x->oom = 1;
        tc_ex_how(x, "design", "multicentre", p, "single centre");
    }
    /* "5 Amerikaanse centra", "in 12 centres", "at five sites" */
    for (size_t i = 0, ns = tc_doc_sentence_count(x->doc); i < ns && !x->oom; i++) {
        const tc_sentence *s = tc_doc_sentence(x->doc, i);
        if (skip_kind(tc_ex_section_kind(x, s->off))) continue;
        size_t at = s->off, e = s->off + s->len;
        tc_ex_int n;
        while ((p = tc_ex_find(x->t, at, e, w_centres, NULL, &m)) != TC_EX_NONE) {
            if (number_before(x, s->off, p, &n) && (d = tc_ex_obj(x, x->rec, "design"))) {
                tc_ex_num(x, d, "centres", "design.centres", (double)n.value, n.off, n.len, n.word ? "word" : "value");
                tc_ex_how(x, "design", "centres", p, "N centres");
                goto centres_done;
            }
            at = p + m;
        }
    }
centres_done:
    /* follow-up: "follow-up of 12 months", "follow-upperiode van 12 maanden" */
    for (size_t i = 0, ns = tc_doc_sentence_count(x->doc); i < ns && !x->oom; i++) {
        const tc_sentence *s = tc_doc_sentence(x->doc, i);
        if (skip_kind(tc_ex_section_kind(x, s->off))) continue;
        size_t e = s->off + s->len;
        p = tc_ex_find(x->t, s->off, e, w_followup, NULL, &m);
        if (p == TC_EX_NONE) continue;
        if (tc_ex_match(x->t, e, p, "period of", 0)) {
            size_t wb = tc_ex_word_before(x->t, p, s->off);
            if (wb != TC_EX_NONE && tc_ex_word_in(x->t, p, wb, w_other_period)) continue;
        }
        size_t q = tc_ex_skip_space(x->t, p + m, e);
        tc_num num;
        if (q < e && tc_is_digit((unsigned char)x->t[q]) && tc_num_scan(x->t, e, q, x->nflags, &num) && !num.neg) {
            size_t u = tc_ex_skip_space(x->t, num.off + num.len, e), ul = tc_ex_word_in(x->t, e, u, w_time_units);
            if (ul && (d = tc_ex_obj(x, x->rec, "design"))) {
                cJSON *f = tc_ex_obj(x, d, "follow_up");
                tc_ex_num(x, f, "value", "design.follow_up.value", num.value, num.off, num.len, "value");
                tc_ex_str(x, f, "unit", u, ul);
                tc_ex_str(x, f, "text", num.off, u + ul - num.off);
                tc_ex_how(x, "design", "follow_up", p, "follow-up of N <time unit>");
                break;
            }
        }
    }
    /* "at 10 month follow up", "over the 30 months of follow-up", "a 12-month follow-up" */
    for (size_t i = 0, ns = tc_doc_sentence_count(x->doc); i < ns && !x->oom && !(d && cJSON_GetObjectItemCaseSensitive(d, "follow_up")); i++) {
        const tc_sentence *s = tc_doc_sentence(x->doc, i);
        if (skip_kind(tc_ex_section_kind(x, s->off))) continue;
        size_t e = s->off + s->len, at = s->off;
        while ((p = tc_ex_find(x->t, at, e, w_followup_after, NULL, &m)) != TC_EX_NONE) {
            /* back over "of " / "-" to "<N> <unit>" */
            size_t q = p, u;
            while (q > s->off && (tc_is_space((unsigned char)x->t[q - 1]) || x->t[q - 1] == '-')) q--;
            if (q >= s->off + 2 && tc_ex_match(x->t, q, q - 2, "of", 0)) {
                q -= 2;
                while (q > s->off && tc_is_space((unsigned char)x->t[q - 1])) q--;
            }
            u = tc_ex_word_before(x->t, q, s->off);
            size_t ul = u != TC_EX_NONE ? tc_ex_word_in(x->t, q, u, w_time_units) : 0;
            if (u != TC_EX_NONE && !ul) {
                /* "at one-year follow up": a count in words joined to its unit */
                size_t h = q;
                while (h > u && x->t[h - 1] != '-') h--;
                long wv = 0;
                size_t wm = 0;
                if (h > u + 1 && tc_ex_word_in(x->t, q, h, w_time_units) == q - h) {
                    if (tc_ex_match(x->t, h - 1, u, "one", 0) == h - 1 - u) { wv = 1; wm = h - 1 - u; }
                    else if ((wm = tc_numword_scan(x->t, h - 1, u, x->lang, &wv)) != h - 1 - u) wm = 0;
                }
                if (wm && wv >= 1 && (d = tc_ex_obj(x, x->rec, "design"))) {
                    cJSON *f = tc_ex_obj(x, d, "follow_up");
                    tc_ex_num(x, f, "value", "design.follow_up.value", (double)wv, u, wm, "word");
                    tc_ex_str(x, f, "unit", h, q - h);
                    tc_ex_str(x, f, "text", u, p + m - u);
                    tc_ex_how(x, "design", "follow_up", p, "N-<time unit> follow-up, N in words");
                    break;
                }
            }
            size_t nd = u;
            if (ul) {
                while (nd > s->off && (tc_is_space((unsigned char)x->t[nd - 1]) || x->t[nd - 1] == '-')) nd--;
                size_t n0 = nd;
                while (n0 > s->off && tc_is_digit((unsigned char)x->t[n0 - 1])) n0--;
                tc_num num;
                if (n0 < nd && (n0 == s->off || !tc_is_wordbyte((unsigned char)x->t[n0 - 1]) )
                    && (n0 == s->off || (x->t[n0 - 1] != '.' && x->t[n0 - 1] != ','))
                    && tc_num_scan(x->t, nd, n0, 0, &num) && !num.has_sep && (d = tc_ex_obj(x, x->rec, "design"))) {
                    cJSON *f = tc_ex_obj(x, d, "follow_up");
                    tc_ex_num(x, f, "value", "design.follow_up.value", num.value, num.off, num.len, "value");
                    tc_ex_str(x, f, "unit", u, ul);
                    tc_ex_str(x, f, "text", num.off, p + m - num.off);
                    tc_ex_how(x, "design", "follow_up", p, "N <time unit> (of) follow-up");
                    break;
                }
            }
            at = p + m;
        }
    }
    /* duration of the treatment: "given for 12 weeks", "gedurende 8 weken", "pendant 6
       mois", in a sentence on the randomisation or the treatment */
    for (size_t i = 0, ns = tc_doc_sentence_count(x->doc); i < ns && !x->oom; i++) {
        const tc_sentence *s = tc_doc_sentence(x->doc, i);
        if (skip_kind(tc_ex_section_kind(x, s->off))) continue;
        size_t e = s->off + s->len, at = s->off;
        /* the sentence of the randomisation, or a treatment sentence of the design section */
        int kind = tc_ex_section_kind(x, s->off);
        if (tc_ex_find(x->t, s->off, e, w_design_randomised, NULL, NULL) == TC_EX_NONE
            && !(kind == TC_SEC_DESIGN && tc_ex_find(x->t, s->off, e, w_treatment, NULL, NULL) != TC_EX_NONE)) continue;
        int done = 0;
        while (!done && (p = tc_ex_find(x->t, at, e, w_for, NULL, &m)) != TC_EX_NONE) {
            at = p + m;
            size_t q = tc_ex_skip_space(x->t, p + m, e);
            tc_num num;
            if (q >= e || !tc_is_digit((unsigned char)x->t[q]) || !tc_num_scan(x->t, e, q, x->nflags, &num) || num.neg || num.has_sep) continue;
            size_t u = tc_ex_skip_space(x->t, num.off + num.len, e), ul = tc_ex_word_in(x->t, e, u, w_time_units);
            if (!ul) continue;
            /* "for 12 weeks after ...": a timepoint, not a duration */
            size_t after = tc_ex_skip_space(x->t, u + ul, e);
            if (after < e && tc_ex_word_in(x->t, e, after, w_not_duration)) continue;
            if ((d = tc_ex_obj(x, x->rec, "design"))) {
                cJSON *f = tc_ex_obj(x, d, "duration");
                tc_ex_num(x, f, "value", "design.duration.value", num.value, num.off, num.len, "value");
                tc_ex_str(x, f, "unit", u, ul);
                tc_ex_str(x, f, "text", p, u + ul - p);
                tc_ex_how(x, "design", "duration", p, "for N <time unit> in a sentence on the treatment");
            }
            done = 1;
        }
        if (done) break;
    }
    if ((p = find_in_sentences(x, w_itt, &m, &lo, &hi)) != TC_EX_NONE && (d = tc_ex_obj(x, x->rec, "design"))) {
        if (!cJSON_AddStringToObject(d, "analysis", "ITT")) x->oom = 1;
        tc_ex_how(x, "design", "analysis", p, "intention to treat");
    }
}

/* ---- sections copied as text ---- */

static const tc_section *first_section(const tc_ex *x, int kind)
{
    for (size_t i = 0, n = tc_doc_section_count(x->doc); i < n; i++) {
        const tc_section *s = tc_doc_section(x->doc, i);
        if (s->kind == kind && s->end > s->body_off) return s;
    }
    return NULL;
}

/* A section's body, at most cap bytes, cut at a sentence end when longer. */
static void section_text(tc_ex *x, cJSON *obj, const char *key, int kind, size_t cap, const char *group)
{
    const tc_section *s = first_section(x, kind);
    if (!s) return;
    size_t a = tc_ex_skip_space(x->t, s->body_off, s->end), b = s->end;
    /* to the end of the body's first paragraph block, before a following heading's text */
    if (b - a > cap) {
        b = a + cap;
        while (b > a && x->t[b - 1] != '.') b--;
        if (b == a) return;
    }
    /* UTF-8: do not cut inside a character */
    while (b > a && ((unsigned char)x->t[b - 1] & 0xC0) == 0x80) b--;
    if (b > a && (unsigned char)x->t[b - 1] >= 0xC0) b--;
    while (b > a && tc_is_space((unsigned char)x->t[b - 1])) b--;
    if (b <= a) return;
    tc_ex_str(x, obj, key, a, b - a);
    tc_ex_how(x, group, key, a, "section body");
}

static void funding_conflicts(tc_ex *x)
{
    section_text(x, x->rec, "question", TC_SEC_QUESTION, 600, "question");
    section_text(x, x->rec, "funding", TC_SEC_FUNDING, 600, "funding");
    section_text(x, x->rec, "conflicts", TC_SEC_CONFLICTS, 600, "conflicts");
    if (first_section(x, TC_SEC_AUTHORS_CONCLUSION)) {
        cJSON *c = tc_ex_obj(x, x->rec, "conclusions");
        section_text(x, c, "authors", TC_SEC_AUTHORS_CONCLUSION, 800, "conclusions");
    }
    size_t m, lo, hi, p;
    if (!cJSON_GetObjectItemCaseSensitive(x->rec, "funding")
        && (p = find_in_sentences(x, w_funding, &m, &lo, &hi)) != TC_EX_NONE && hi - lo <= 600) {
        tc_ex_str(x, x->rec, "funding", lo, hi - lo);
        tc_ex_how(x, "funding", "funding", p, "a sentence saying who funded the trial");
    }
    if (!cJSON_GetObjectItemCaseSensitive(x->rec, "conflicts")
        && (p = find_in_sentences(x, w_conflicts, &m, &lo, &hi)) != TC_EX_NONE && hi - lo <= 600) {
        tc_ex_str(x, x->rec, "conflicts", lo, hi - lo);
        tc_ex_how(x, "conflicts", "conflicts", p, "a sentence on conflicts of interest");
    }
}

/* The title: a "TITLE:" line, else the first line of the text that is not a heading. */
static void title(tc_ex *x)
{
    size_t i = 0, n = x->n;
    while (i < n) {
        i = tc_ex_skip_space(x->t, i, n);
        size_t e = i;
        while (e < n && x->t[e] != '\n') e++;
        size_t a = i;
        if (e - a >= 6 && !memcmp(x->t + a, "TITLE:", 6)) {
            a += 6;
            a = tc_ex_skip_space(x->t, a, n);
            e = a;
            while (e < n && x->t[e] != '\n') e++;
        }
        int sec = tc_doc_section_at(x->doc, a);
        const tc_section *s = sec >= 0 ? tc_doc_section(x->doc, (size_t)sec) : NULL;
        int heading = s && s->len && a >= s->off && a < s->off + s->len;
        if (e > a && !heading) {
            size_t b = e - a > 300 ? a + 300 : e;
            while (b > a && ((unsigned char)x->t[b - 1] & 0xC0) == 0x80) b--;
            if (b > a && (unsigned char)x->t[b - 1] >= 0xC0) b--;
            if (b > a && tc_ex_str(x, x->rec, "title", a, b - a)) return;
        }
        i = e + 1;
        if (i > 4096) break;
    }
    if (!cJSON_AddStringToObject(x->rec, "title", "")) x->oom = 1;
}

int tc_extract_trial_json(const tc_doc *doc, const tc_extract_opts *opts, char **out, size_t *out_len)
{
    int rc = TC_OK;
    tc_ex x;
    char *id = NULL, *json = NULL;
    memset(&x, 0, sizeof x);
    if (!doc || !out) return TC_EINVAL;
    *out = NULL;
    if (out_len) *out_len = 0;
    x.doc = doc;
    x.t = tc_doc_text(doc, &x.n);
    x.lang = tc_doc_lang(doc);
    x.nflags = tc_num_lang_flags(x.lang);
    size_t idl = 0;
    const char *did = tc_doc_id(doc, &idl);
    const char *rid = opts && opts->id ? opts->id : (idl ? did : "extracted");
    size_t rlen = opts && opts->id ? opts->id_len : (idl ? idl : 9);
    if (!(id = malloc(rlen + 1))) { rc = TC_ENOMEM; goto fail; }
    memcpy(id, rid, rlen);
    id[rlen] = 0;
    for (size_t k = 0; k < rlen; k++) if (!id[k] || (unsigned char)id[k] >= 0x80) id[k] = '_';
    x.docname = idl ? id : "text";
    if (idl && (opts && opts->id)) {
        /* evidence names the document, not the record */
        char *dn = malloc(idl + 1);
        if (!dn) { rc = TC_ENOMEM; goto fail; }
        memcpy(dn, did, idl);
        dn[idl] = 0;
        for (size_t k = 0; k < idl; k++) if (!dn[k] || (unsigned char)dn[k] >= 0x80) dn[k] = '_';
        x.docname = dn;
    }
    if (!(x.rec = cJSON_CreateObject())) { rc = TC_ENOMEM; goto fail; }
    if (!cJSON_AddStringToObject(x.rec, "id", id)) { rc = TC_ENOMEM; goto fail; }
    title(&x);
    if (!(x.how = cJSON_CreateObject())) { rc = TC_ENOMEM; goto fail; }
    if (!(x.ev = cJSON_CreateArray())) { rc = TC_ENOMEM; goto fail; }
    tc_ex_design(&x);
    tc_ex_country(&x);
    registration(&x);
    tc_ex_population(&x);
    tc_ex_results(&x);
    funding_conflicts(&x);
    if (x.oom) { rc = TC_ENOMEM; goto fail; }
    if (!cJSON_AddItemToObject(x.rec, "extraction", x.how)) { rc = TC_ENOMEM; goto fail; }
    x.how = NULL;
    if (!cJSON_AddItemToObject(x.rec, "evidence", x.ev)) { rc = TC_ENOMEM; goto fail; }
    x.ev = NULL;
    json = opts && opts->pretty ? cJSON_Print(x.rec) : cJSON_PrintUnformatted(x.rec);
    if (!json) { rc = TC_ENOMEM; goto fail; }
    *out = json;
    if (out_len) *out_len = strlen(json);
fail:
    if (x.docname && x.docname != id && strcmp(x.docname, "text")) free((char *)x.docname);
    cJSON_Delete(x.rec);
    cJSON_Delete(x.how);
    cJSON_Delete(x.ev);
    free(id);
    return rc;
}
