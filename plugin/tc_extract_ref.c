/* Which reference number cites the appraised trial in an appraisal (is_appraisal): the first single
 * reference cited in the design section (Minerva's "Onderzoeksopzet" / "Protocole
 * d'étude": "Multicenter gerandomiseerde studie ... (19)"), else in the summary and its
 * parts, else, in an appraisal without headings, the reference cited where the text
 * first speaks of "this study" (the sentence itself or the one just before it). */
#include "tc_extract.h"
#include "tc_text.h"

static const char *const w_this_study[] = {
    "deze studie", "deze gerandomiseerde", "deze door", "deze rct", "deze multicentrische", "deze trial",
    "this study", "this trial", "this randomised", "this randomized", "the present study", "this rct",
    "cette étude", "cet essai", "cette rct", "cette étude randomisée", NULL
};

static int single_ref_in(const tc_doc *doc, int kind, int with_children)
{
    for (size_t i = 0, n = tc_doc_citation_count(doc); i < n; i++) {
        const tc_citation *c = tc_doc_citation(doc, i);
        if (c->section < 0 || c->nrefs != 1) continue;
        const tc_section *s = tc_doc_section(doc, (size_t)c->section);
        const tc_section *p = s && s->parent >= 0 ? tc_doc_section(doc, (size_t)s->parent) : NULL;
        if ((s && s->kind == kind) || (with_children && p && p->kind == kind)) return c->refs[0];
    }
    return 0;
}

/* An appraisal: Dutch or French (Minerva's languages), or a text with the sections
 * only an appraisal's template has (clinical question, appraisal of the methods or
 * results, guidelines; a "Summary" alone is any paper's).  A trial report's design
 * section cites other papers. */
static int is_appraisal(const tc_doc *doc)
{
    if (tc_doc_lang(doc) == TC_LANG_NL || tc_doc_lang(doc) == TC_LANG_FR) return 1;
    for (size_t i = 0, n = tc_doc_section_count(doc); i < n; i++) {
        int k = tc_doc_section(doc, i)->kind;
        if (k == TC_SEC_QUESTION || k == TC_SEC_METHODOLOGY || k == TC_SEC_RESULTS_APPRAISAL || k == TC_SEC_GUIDELINES)
            return 1;
    }
    return 0;
}

int tc_extract_trial_reference(const tc_doc *doc)
{
    if (!doc || !is_appraisal(doc)) return 0;
    int n;
    if ((n = single_ref_in(doc, TC_SEC_DESIGN, 0))) return n;
    if ((n = single_ref_in(doc, TC_SEC_SUMMARY, 1))) return n;
    if ((n = single_ref_in(doc, TC_SEC_POPULATION, 0))) return n;
    /* no such section: where the text first speaks of the study it appraises; only in
       the appraisal languages (nl, fr: an English text's "this study" is itself) */
    if (tc_doc_lang(doc) != TC_LANG_NL && tc_doc_lang(doc) != TC_LANG_FR) return 0;
    size_t len;
    const char *t = tc_doc_text(doc, &len);
    for (size_t i = 0, ns = tc_doc_sentence_count(doc); i < ns; i++) {
        const tc_sentence *s = tc_doc_sentence(doc, i);
        if (tc_ex_find(t, s->off, s->off + s->len, w_this_study, NULL, NULL) == TC_EX_NONE) continue;
        /* the marker in this sentence, else the last one before it in the previous sentence */
        int best = 0;
        for (size_t k = 0, nc = tc_doc_citation_count(doc); k < nc; k++) {
            const tc_citation *c = tc_doc_citation(doc, k);
            if (c->nrefs != 1) continue;
            if (c->sentence == (int)i) return c->refs[0];
            if (i > 0 && c->sentence == (int)i - 1) best = c->refs[0];
        }
        return best;
    }
    return 0;
}
