/* Citing contexts and statistic ranges: the spans that lookups and doc:references()
 * quote.  A context is bounded (TC_MAX_CONTEXT) so that n markers in one enormous
 * sentence cost O(n) output, not O(n x sentence). */
#include "tc_internal.h"

/* Moves a boundary back to the start of the UTF-8 character it falls in. */
static size_t char_start(const char *text, size_t lo, size_t at)
{
    while (at > lo && ((unsigned char)text[at] & 0xC0) == 0x80) at--;
    return at;
}

int tc_doc_citation_context(const tc_doc *doc, size_t i, size_t *off, size_t *len)
{
    const tc_citation *c = tc_doc_citation(doc, i);
    if (!c) return -1;
    const tc_sentence *s = c->sentence >= 0 ? tc_doc_sentence(doc, (size_t)c->sentence) : NULL;
    if (!s) { *off = c->off; *len = c->len; return 0; }
    size_t a = s->off, b = s->off + s->len;
    if (s->len <= TC_MAX_CONTEXT) { *off = a; *len = s->len; return 0; }
    /* a marker so long that it alone fills a context */
    if (c->len >= TC_MAX_CONTEXT) { *off = c->off; *len = c->len; return 1; }
    /* Centre the window on the marker, then clip it to the sentence. */
    size_t room = (TC_MAX_CONTEXT - c->len) / 2;
    size_t lo = c->off - a > room ? c->off - room : a;
    size_t hi = lo + TC_MAX_CONTEXT;
    if (hi > b) { hi = b; lo = b - TC_MAX_CONTEXT; }
    /* lo moves forward to a character start (the marker starts one), hi back: the
     * window only shrinks, and stays within TC_MAX_CONTEXT. */
    while (lo < c->off && ((unsigned char)doc->text[lo] & 0xC0) == 0x80) lo++;
    if (hi < b) hi = char_start(doc->text, c->off + c->len, hi);
    *off = lo; *len = hi - lo;
    return 1;
}

size_t tc_doc_stats_from(const tc_doc *doc, size_t off, size_t len, size_t *first)
{
    size_t n = doc->stats.n, lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (TC_VEC_AT(&doc->stats, tc_stat, mid).span.off < off) lo = mid + 1; else hi = mid;
    }
    *first = lo;
    size_t k = lo;
    while (k < n && TC_VEC_AT(&doc->stats, tc_stat, k).span.off < off + len) k++;
    return k - lo;
}
