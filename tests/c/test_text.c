/* Unit tests of the text engine (sections, markers, sentences, language, clean)
 * through the public C API. */
#include "trialcite.h"
#include "tc_test.h"
#include <time.h>

static tc_doc *parse(const char *s, size_t n)
{
    tc_doc *d = NULL;
    int rc = tc_parse(s, n, NULL, &d);
    return rc == TC_OK ? d : NULL;
}
#define PARSE(lit) parse(lit, sizeof lit - 1)

/* Writes the refs of all markers as "1,2|5|..." into buf. */
static const char *refs_str(const tc_doc *d, char *buf, size_t n)
{
    size_t k = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < tc_doc_citation_count(d) && k + 16 < n; i++) {
        const tc_citation *c = tc_doc_citation(d, i);
        if (i) buf[k++] = '|';
        for (size_t j = 0; j < c->nrefs && k + 16 < n; j++)
            k += (size_t)snprintf(buf + k, n - k, j ? ",%d" : "%d", c->refs[j]);
        buf[k] = '\0';
    }
    return buf;
}

/* Invariants every document keeps: spans inside the text, sentences ordered and
 * trimmed, every citation inside its sentence, sections ordered and nested. */
static int invariants(const tc_doc *d)
{
    size_t len;
    const char *text = tc_doc_text(d, &len);
    size_t prev = 0;
    for (size_t i = 0; i < tc_doc_sentence_count(d); i++) {
        const tc_sentence *s = tc_doc_sentence(d, i);
        if (!s->len || s->off + s->len > len || (i && s->off < prev)) return 0;
        unsigned char a = (unsigned char)text[s->off], b = (unsigned char)text[s->off + s->len - 1];
        if (a == ' ' || a == '\n' || b == ' ' || b == '\n') return 0;
        prev = s->off + s->len;
    }
    for (size_t i = 0; i < tc_doc_citation_count(d); i++) {
        const tc_citation *c = tc_doc_citation(d, i);
        const tc_sentence *s = c->sentence >= 0 ? tc_doc_sentence(d, (size_t)c->sentence) : NULL;
        if (!s || c->off < s->off || c->off + c->len > s->off + s->len) return 0;
        for (size_t j = 1; j < c->nrefs; j++) if (c->refs[j] <= c->refs[j - 1]) return 0;
    }
    for (size_t i = 0; i < tc_doc_section_count(d); i++) {
        const tc_section *s = tc_doc_section(d, i);
        if (s->end > len || s->off > s->end) return 0;
        if (i && s->off < tc_doc_section(d, i - 1)->off) return 0;
        if (s->parent >= 0) {
            const tc_section *p = tc_doc_section(d, (size_t)s->parent);
            if (s->off < p->off || s->end > p->end) return 0;
        }
    }
    return 1;
}

static void test_syntax(void)
{
    static const struct { const char *text, *want; } cases[] = {
        { "Zie (7).", "7" }, { "Zie (5,6).", "5,6" }, { "See (4, 5).", "4,5" },
        { "See (1-4).", "1,2,3,4" }, { "See (1\xe2\x80\x93" "4).", "1,2,3,4" },
        { "See (1,2,5-8).", "1,2,5,6,7,8" }, { "See [3].", "3" }, { "See [1-3, 7].", "1,2,3,7" },
        { "See (2;1).", "1,2" }, { "Zie\n(9) en [10].", "9|10" },
    };
    char buf[256];
    TEST_BEGIN("markers: each syntax");
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        tc_doc *d = parse(cases[i].text, strlen(cases[i].text));
        CHECKF(d && !strcmp(refs_str(d, buf, sizeof buf), cases[i].want), "%s: got %s", cases[i].text, buf);
        CHECK(d && invariants(d));
        tc_doc_free(d);
    }
    TEST_END();
}

static void test_not_citations(void)
{
    static const char *const cases[] = {
        "(0,58)", "(0.29)", "(16%)", "(SD 11,8)", "(SD0,29)", "(p=0,02)", "(p<0,001)", "(2019)",
        "(n=40)", "(zie tabel 2)", "(12 t.o.v. 6 in de controlegroep)", "(SPC)", "(16 weken)",
        "(onder andere alcohol en tabak)", "(16,9)", "(2000-2018)", "(0)", "(07)", "(a)", "()",
        "(123456)", "(1.5)",
    };
    char text[256], buf[256];
    TEST_BEGIN("markers: parentheses that are not citations");
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int n = snprintf(text, sizeof text, "Eerder (1). Het effect %s bij mannen.", cases[i]);
        tc_doc *d = parse(text, (size_t)n);
        CHECKF(d && !strcmp(refs_str(d, buf, sizeof buf), "1"), "%s: got %s", cases[i], buf);
        tc_doc_free(d);
    }
    TEST_END();
}

static void test_context(void)
{
    char buf[256];
    TEST_BEGIN("markers: decided by the document");
    tc_doc *d = PARSE("Eerder (1), (2). Van 5,79 (3) naar 4,96 (0,29); 13,9 dagen (4). SD (5). Daarna (3).");
    CHECKF(d && !strcmp(refs_str(d, buf, sizeof buf), "1|2|3"), "after numbers: %s", buf);
    tc_doc_free(d);
    d = PARSE("Eerst (1). Een groep van (75) mensen, later (2).");
    CHECKF(d && !strcmp(refs_str(d, buf, sizeof buf), "1|2"), "far beyond: %s", buf);
    tc_doc_free(d);
    d = PARSE("Eerst (1). Een waarde (1,5) en een lijst (2,3).");
    CHECKF(d && !strcmp(refs_str(d, buf, sizeof buf), "1|2,3"), "decimal-like: %s", buf);
    tc_doc_free(d);
    d = PARSE("Eerst (1). Criteria: (1) leeftijd, (2) pijn en (3) dosis. Dan (2).");
    CHECKF(d && !strcmp(refs_str(d, buf, sizeof buf), "1|2"), "enumeration: %s", buf);
    tc_doc_free(d);
    TEST_END();
}

static void test_capping(void)
{
    TEST_BEGIN("markers: absurd ranges are capped and reported");
    tc_doc *d = PARSE("Zie (1-1000000) en (3-1).");
    CHECK(d && tc_doc_citation_count(d) == 2);
    if (d && tc_doc_citation_count(d) == 2) {
        const tc_citation *c = tc_doc_citation(d, 0);
        CHECK(c->nrefs == TC_MAX_RANGE && (c->flags & TC_CIT_CAPPED) && c->refs[0] == 1);
        c = tc_doc_citation(d, 1);
        CHECK(c->nrefs == 3 && !(c->flags & TC_CIT_CAPPED));
        int found = 0;
        for (size_t i = 0; i < tc_doc_check_count(d); i++)
            if (!strcmp(tc_doc_check(d, i)->code, "citation-range-capped")) found = 1;
        CHECK(found);
    }
    tc_doc_free(d);
    d = PARSE("Zie (1-300, 301-600) en (1-99999999999999999999).");
    CHECK(d && tc_doc_citation_count(d) == 2);
    for (size_t i = 0; d && i < tc_doc_citation_count(d); i++) {
        const tc_citation *c = tc_doc_citation(d, i);
        CHECK(c->nrefs <= TC_MAX_MARKER_REFS && (c->flags & TC_CIT_CAPPED));
        for (size_t j = 0; j < c->nrefs; j++) CHECK(c->refs[j] <= TC_MAX_REF_NUMBER);
    }
    tc_doc_free(d);
    TEST_END();
}

static void test_bytes(void)
{
    char buf[256];
    TEST_BEGIN("any bytes: NUL, invalid UTF-8, CRLF, empty");
    static const char nul[] = "Een\0zin (1).\0Nog (2)\xff\xfe\xc3 (3).\r\n\r\nResultaten\r\nEinde (4).\r\n";
    tc_doc *d = parse(nul, sizeof nul - 1);
    CHECKF(d && !strcmp(refs_str(d, buf, sizeof buf), "1|2|3|4"), "got %s", buf);
    CHECK(d && invariants(d));
    CHECK(d && tc_doc_section_count(d) == 2 && tc_doc_section(d, 1)->kind == TC_SEC_RESULTS &&
          tc_doc_section(d, 1)->len == 10);
    tc_doc_free(d);
    /* NUL inside short heading-like lines and abbreviation-like words (found by fuzzing). */
    static const char nulhead[] = "Be\0\nResul\0ten\nDit is b\0. Zo. Methods\0\nEinde (1).";
    d = parse(nulhead, sizeof nulhead - 1);
    CHECK(d && invariants(d) && tc_doc_citation_count(d) == 1);
    tc_doc_free(d);
    d = parse("", 0);
    CHECK(d && !tc_doc_sentence_count(d) && !tc_doc_section_count(d) && !tc_doc_citation_count(d));
    tc_doc_free(d);
    d = parse(NULL, 0);
    CHECK(d != NULL);
    tc_doc_free(d);
    tc_doc *out = NULL;
    CHECK(tc_parse(NULL, 3, NULL, &out) == TC_EINVAL && !out);
    /* Every byte value, in a pseudo-random mix with markers. */
    char *rnd = malloc(1 << 16);
    unsigned x = 12345;
    for (size_t i = 0; rnd && i < (1 << 16); i++) {
        x = x * 1103515245u + 12345u;
        rnd[i] = (x >> 16) % 7 == 0 ? "(1-3),.\n[]"[(x >> 8) % 10] : (char)(x >> 20);
    }
    d = rnd ? parse(rnd, 1 << 16) : NULL;
    CHECK(d && invariants(d));
    tc_doc_free(d);
    free(rnd);
    TEST_END();
}

static void test_many_markers(void)
{
    TEST_BEGIN("10,000 markers and a 1 MB line without a full stop");
    size_t cap = 10000 * 8, n = 0;
    char *s = malloc(cap);
    for (int i = 0; s && i < 10000; i++) n += (size_t)snprintf(s + n, cap - n, "(%d) ", i % 30 + 1);
    clock_t t0 = clock();
    tc_doc *d = s ? parse(s, n) : NULL;
    CHECK(d && tc_doc_citation_count(d) == 10000 && invariants(d));
    CHECK(d && tc_doc_reference_count(d) == 30);
    tc_doc_free(d);
    free(s);
    size_t big = 1 << 20;
    s = malloc(big);
    for (size_t i = 0; s && i < big; i++) s[i] = i % 6 == 5 ? ' ' : "woord"[i % 6];
    d = s ? parse(s, big) : NULL;
    CHECK(d && tc_doc_sentence_count(d) == 1 && invariants(d));
    tc_doc_free(d);
    free(s);
    CHECKF((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0, "took %.2f s", (double)(clock() - t0) / CLOCKS_PER_SEC);
    TEST_END();
}

/* The sentences of a text joined with " | ", white space inside flattened. */
static const char *sentences_str(const tc_doc *d, char *buf, size_t n)
{
    size_t k = 0, len;
    const char *text = tc_doc_text(d, &len);
    buf[0] = '\0';
    for (size_t i = 0; i < tc_doc_sentence_count(d); i++) {
        const tc_sentence *s = tc_doc_sentence(d, i);
        if (i && k + 3 < n) { memcpy(buf + k, " | ", 3); k += 3; }
        for (size_t j = 0; j < s->len && k + 1 < n; j++) {
            char c = text[s->off + j];
            if (c == '\n' || c == '\r') { if (k && buf[k - 1] == ' ') continue; c = ' '; }
            buf[k++] = c;
        }
        buf[k] = '\0';
    }
    return buf;
}

static void test_sentences(void)
{
    static const struct { const char *text, *want; } cases[] = {
        { "Dit is t.o.v. toen o.a. beter, bijv. hier vs. daar. Twee.", "Dit is t.o.v. toen o.a. beter, bijv. hier vs. daar. | Twee." },
        { "Smith et al. zagen 3,5 en 2.5 mg. Fig. 2 toont het. Klaar.", "Smith et al. zagen 3,5 en 2.5 mg. | Fig. 2 toont het. | Klaar." },
        { "Pijn van \xe2\x89\xa5" "3/10 telt. Ja.", "Pijn van \xe2\x89\xa5" "3/10 telt. | Ja." },
        { "Een (1). Twee. (2) Drie.", "Een (1). | Twee. (2) | Drie." },
        { "Lijst:\n\xe2\x80\xa2 een\n\xe2\x80\xa2 twee\no sub\nEinde.", "Lijst: | een | twee | sub Einde." },
        { "Waarom? Daarom! Klaar\xe2\x80\xa6 Ja.", "Waarom? | Daarom! | Klaar\xe2\x80\xa6 | Ja." },
        { "Zin \"met citaat.\" Volgende.", "Zin \"met citaat.\" | Volgende." },
        { "e.g. this, i.e. that, cf. p. 4 and resp. 5. End.", "e.g. this, i.e. that, cf. p. 4 and resp. 5. | End." },
        { "Line one\ncontinues here.\n\nNew paragraph\n\nNext.", "Line one continues here. | New paragraph | Next." },
        { "1. First item\n2. Second item", "1. First item 2. Second item" },
    };
    char buf[512];
    TEST_BEGIN("sentences: edge cases");
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        tc_doc *d = parse(cases[i].text, strlen(cases[i].text));
        CHECKF(d && !strcmp(sentences_str(d, buf, sizeof buf), cases[i].want), "%zu: got [%s]", i, buf);
        CHECK(d && invariants(d));
        tc_doc_free(d);
    }
    TEST_END();
}

static void test_sections(void)
{
    TEST_BEGIN("sections: headings, lead, nesting");
    static const char text[] = "Titel\nTekst.\n\n Samenvatting \nBestudeerde populatie  \nMensen.\n"
                               "Resultaten:\nGoed.\nBespreking\nBeoordeling van de methodologie\nOk.\n"
                               "Besluit van Minerva\nKlaar.\n## Extra\nMeer.\n";
    tc_doc *d = PARSE(text);
    static const int kinds[] = { TC_SEC_LEAD, TC_SEC_SUMMARY, TC_SEC_POPULATION, TC_SEC_RESULTS,
                                 TC_SEC_DISCUSSION, TC_SEC_METHODOLOGY, TC_SEC_CONCLUSION, TC_SEC_OTHER };
    static const int parents[] = { -1, -1, 1, 1, -1, 4, -1, -1 };
    CHECKF(d && tc_doc_section_count(d) == 8, "%zu sections", d ? tc_doc_section_count(d) : 0);
    for (size_t i = 0; d && i < 8 && i < tc_doc_section_count(d); i++) {
        const tc_section *s = tc_doc_section(d, i);
        CHECKF(s->kind == kinds[i] && s->parent == parents[i], "section %zu: kind %d parent %d", i, s->kind, s->parent);
    }
    if (d && tc_doc_section_count(d) == 8) {
        const tc_section *s = tc_doc_section(d, 1);
        CHECK(s->len == 12 && !memcmp(text + s->off, "Samenvatting", 12));
        CHECK(tc_doc_section(d, 0)->len == 0 && tc_doc_section(d, 0)->end <= s->off);
        CHECK(tc_doc_sentence_count(d) >= 1 && tc_doc_sentence(d, 0)->section == 0);
    }
    CHECK(d && invariants(d));
    tc_doc_free(d);
    TEST_END();
}

static void test_lang_clean(void)
{
    TEST_BEGIN("language and clean");
    tc_doc *d = PARSE("Het effect van de behandeling was niet groot en werd met een placebo vergeleken.");
    CHECK(d && tc_doc_lang(d) == TC_LANG_NL);
    tc_doc_free(d);
    d = PARSE("L'effet du traitement est faible et les patients sont suivis pour une année.");
    CHECK(d && tc_doc_lang(d) == TC_LANG_FR);
    tc_doc_free(d);
    d = PARSE("The effect of the treatment was small and was compared with that of a placebo.");
    CHECK(d && tc_doc_lang(d) == TC_LANG_EN);
    tc_doc_free(d);
    d = PARSE("(1) 2 3");
    CHECK(d && tc_doc_lang(d) == TC_LANG_UNKNOWN);
    tc_doc_free(d);
    char *out = NULL;
    size_t n = 0;
    static const char in[] = "  niet-\n\ndrugsgerelateerde \t zaken\r\n\r\n";
    CHECK(tc_text_clean(in, sizeof in - 1, &out, &n) == TC_OK && out && n == 28 &&
          !strcmp(out, "niet-drugsgerelateerde zaken"));
    tc_free(out);
    CHECK(tc_text_clean(NULL, 1, &out, &n) == TC_EINVAL);
    TEST_END();
}

/* The seed texts: exact markers (written from a reading of the texts, as data). */
static void test_seed(const char *name, const char *want, size_t nsections)
{
    char path[1024], buf[1024], label[128];
    size_t len;
    snprintf(label, sizeof label, "seed %s: markers and sections", name);
    char *text = tc_test_read(tc_test_seed_path(name, path, sizeof path), &len);
    if (!text) { SKIP(label, "seed text not found"); return; }
    TEST_BEGIN(label);
    tc_doc *d = parse(text, len);
    CHECKF(d && !strcmp(refs_str(d, buf, sizeof buf), want), "got %s", buf);
    CHECKF(d && tc_doc_section_count(d) == nsections, "%zu sections", d ? tc_doc_section_count(d) : 0);
    CHECK(d && invariants(d) && tc_doc_lang(d) == TC_LANG_NL);
    tc_doc_free(d);
    free(text);
    TEST_END();
}

int main(void)
{
    test_syntax();
    test_not_citations();
    test_context();
    test_capping();
    test_bytes();
    test_many_markers();
    test_sentences();
    test_sections();
    test_lang_clean();
    test_seed("000_bab1a242c0282361.txt", "1,2,3,4|5,6|7|8|9|10|11,12|13,14|15", 3);
    test_seed("002_50c727afd17edaac.txt",
              "1,2,3,4|5,6,7,8|9,10,11,12,13,14|15,16|17,18|1,2,5,6,7,8|19|20|21,22,23,24|"
              "25,26,27,28|19|29|30", 15);
    return tc_test_failed;
}
