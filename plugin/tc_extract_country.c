/* The country where a trial ran: a country's name (or its adjective: "5 Amerikaanse
 * centra") in a sentence that says where the trial was done or recruited (a
 * randomisation, centre or recruitment word), in Dutch, French or English; written in
 * the record in English.  Background sentences ("in de Verenigde Staten worden
 * opioïden ...") do not count: they carry none of those words. */
#include "tc_extract.h"
#include "tc_text.h"

typedef struct country { const char *word; const char *name; } country;

static const country countries[] = {
    { "united states", "United States" }, { "usa", "United States" }, { "u.s.", "United States" },
    { "verenigde staten", "United States" }, { "amerikaanse", "United States" },
    { "états-unis", "United States" }, { "américains", "United States" }, { "américaines", "United States" },
    { "united kingdom", "United Kingdom" }, { "uk", "United Kingdom" }, { "england", "United Kingdom" },
    { "scotland", "United Kingdom" }, { "verenigd koninkrijk", "United Kingdom" }, { "royaume-uni", "United Kingdom" },
    { "belgium", "Belgium" }, { "belgië", "Belgium" }, { "belgische", "Belgium" }, { "belgique", "Belgium" }, { "belges", "Belgium" },
    { "netherlands", "Netherlands" }, { "nederland", "Netherlands" }, { "nederlandse", "Netherlands" }, { "pays-bas", "Netherlands" },
    { "france", "France" }, { "frankrijk", "France" }, { "franse", "France" }, { "français", "France" }, { "françaises", "France" },
    { "germany", "Germany" }, { "duitsland", "Germany" }, { "duitse", "Germany" }, { "allemagne", "Germany" },
    { "canada", "Canada" }, { "canadese", "Canada" }, { "australia", "Australia" }, { "australië", "Australia" },
    { "australie", "Australia" }, { "italy", "Italy" }, { "italië", "Italy" }, { "italie", "Italy" },
    { "spain", "Spain" }, { "spanje", "Spain" }, { "espagne", "Spain" }, { "switzerland", "Switzerland" },
    { "zwitserland", "Switzerland" }, { "suisse", "Switzerland" }, { "sweden", "Sweden" }, { "zweden", "Sweden" },
    { "suède", "Sweden" }, { "norway", "Norway" }, { "noorwegen", "Norway" }, { "norvège", "Norway" },
    { "denmark", "Denmark" }, { "denemarken", "Denmark" }, { "danemark", "Denmark" }, { "finland", "Finland" },
    { "china", "China" }, { "chine", "China" }, { "japan", "Japan" }, { "japon", "Japan" }, { "india", "India" },
    { "inde", "India" }, { "iran", "Iran" }, { "brazil", "Brazil" }, { "brazilië", "Brazil" }, { "brésil", "Brazil" },
    { "korea", "Korea" }, { "taiwan", "Taiwan" }, { "turkey", "Turkey" }, { "egypt", "Egypt" }, { "israel", "Israel" },
    { "mexico", "Mexico" }, { "south africa", "South Africa" }, { "nigeria", "Nigeria" }, { "kenya", "Kenya" },
    { "tanzania", "Tanzania" }, { "zambia", "Zambia" }, { "zimbabwe", "Zimbabwe" }, { "malawi", "Malawi" },
    { "bangladesh", "Bangladesh" }, { "pakistan", "Pakistan" }, { "vietnam", "Vietnam" }, { "thailand", "Thailand" },
    { "new zealand", "New Zealand" }, { "ireland", "Ireland" }, { "austria", "Austria" }, { "oostenrijk", "Austria" },
    { "autriche", "Austria" }, { "poland", "Poland" }, { "greece", "Greece" }, { "portugal", "Portugal" },
    { NULL, NULL }
};

/* Words that make a sentence say where the trial ran. */
static const char *const w_where[] = {
    "centres", "centers", "centre", "center", "centra", "sites", "clinics", "hospitals", "hospital",
    "recruited", "conducted", "gerekruteerd", "uitgevoerd", "recrutés", "recrutées", "menée", "réalisée",
    "randomized", "randomised", "randomly", "enrolled", "gerandomiseerde", "gerandomiseerd", "randomisée",
    "randomisés", NULL
};

static const char *const w_others[] = { "et al", "pilot study", "previous study", "earlier study", NULL };
static const char *const w_before_country[] = {
    "in", "from", "across", "throughout", "uit", "en", "au", "aux", "within", NULL
};
static const char *const w_centre_after[] = {
    "centres", "centers", "centra", "sites", "clinics", "hospitals", "ziekenhuizen", "klinieken", NULL
};

void tc_ex_country(tc_ex *x)
{
    /* sentences that cite (or name "et al."): about other studies */
    size_t ns = tc_doc_sentence_count(x->doc);
    unsigned char *cites = calloc(ns ? ns : 1, 1);
    if (!cites) { x->oom = 1; return; }
    for (size_t k = 0, nc = tc_doc_citation_count(x->doc); k < nc; k++) {
        const tc_citation *c = tc_doc_citation(x->doc, k);
        if (c->sentence >= 0 && (size_t)c->sentence < ns) cites[c->sentence] = 1;
    }
    for (size_t i = 0; i < ns && !x->oom; i++) {
        const tc_sentence *s = tc_doc_sentence(x->doc, i);
        if (cites[i] || tc_ex_find(x->t, s->off, s->off + s->len, w_others, NULL, NULL) != TC_EX_NONE) continue;
        int kind = tc_ex_section_kind(x, s->off);
        if (kind == TC_SEC_REFERENCES || kind == TC_SEC_BACKGROUND || kind == TC_SEC_INTRODUCTION
            || kind == TC_SEC_GUIDELINES || kind == TC_SEC_DISCUSSION || kind == TC_SEC_METHODOLOGY) continue;
        size_t lo = s->off, hi = s->off + s->len;
        if (tc_ex_find(x->t, lo, hi, w_where, NULL, NULL) == TC_EX_NONE) continue;
        char names[256];
        size_t nl = 0, first = TC_EX_NONE;
        int depth = 0, count = 0;
        names[0] = 0;
        for (size_t p = lo; p < hi; p++) {
            char ch = x->t[p];
            if (ch == '(' || ch == '[') depth++;
            else if ((ch == ')' || ch == ']') && depth > 0) depth--;
            /* a manufacturer's address "(Waltham, MA, USA)" is no trial site */
            if (depth || (p > lo && tc_is_wordbyte((unsigned char)x->t[p - 1]))) continue;
            for (const country *c = countries; c->word; c++) {
                size_t m = tc_ex_match(x->t, hi, p, c->word, 0);
                if (!m) continue;
                if (strlen(c->word) <= 4 && !tc_is_upper_ascii((unsigned char)x->t[p])) continue;
                /* "in (the) Netherlands", "uit 5 Amerikaanse centra", or a list after one */
                size_t w = tc_ex_word_before(x->t, p, lo);
                if (w != TC_EX_NONE && (tc_ex_match(x->t, p, w, "the", 0) || tc_ex_match(x->t, p, w, "de", 0)))
                    w = tc_ex_word_before(x->t, w, lo);
                int ok = count > 0 || (w != TC_EX_NONE && tc_ex_word_in(x->t, p, w, w_before_country))
                         || tc_ex_word_in(x->t, hi, p + m, w_centre_after);
                if (!ok) break;
                if (strstr(names, c->name)) { p += m - 1; break; }
                size_t k = strlen(c->name);
                if (nl + k + 3 >= sizeof names || count >= 8) break;
                if (count) { memcpy(names + nl, ", ", 2); nl += 2; }
                memcpy(names + nl, c->name, k);
                nl += k;
                names[nl] = 0;
                if (first == TC_EX_NONE) first = p;
                count++;
                p += m - 1;
                break;
            }
        }
        if (count) {
            cJSON *d = tc_ex_obj(x, x->rec, "design");
            if (d && !cJSON_AddStringToObject(d, "country", names)) x->oom = 1;
            tc_ex_how(x, "design", "country", first, "a country's name in a sentence on where the trial ran");
            break;
        }
    }
    free(cites);
}
