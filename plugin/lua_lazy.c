/* A statistic record's lazy fields: spans, section, section_kind and text.
 *
 * Built for every statistic, the spans of each number (up to seven tables) and the two
 * section fields (which take most records past eight fields, doubling their hash part)
 * were most of the tables of doc:statistics(), half of its time and of the collector's
 * and a third of its memory, for fields few callers read.  So the records of a list share
 * a metatable that builds all three on the first read of any of them and stores them in
 * the record: later reads and next() see plain fields; pairs() and tc.json_encode fill
 * them first.  spans is always set once filled: it marks the record as done.  text
 * followed (one string per record, a seventh of the list's time and a fifth of the
 * collector's); it is set only when the record has none, so a script's own text stays.
 *
 * The record finds its statistic again from its own start and stop (statistics are sorted
 * by start: a binary search), read raw so that no user code runs meanwhile.  The
 * metatable keeps the document userdata alive; doc:close() keeps what the records still
 * need (the spans and texts of the statistics and the headings, a fraction of the
 * document) and
 * frees the rest, so records work after a close too.  A close asked for while a record
 * is being filled (by a finalizer the allocations ran) waits for the fill to end. */
#include "lua_trialcite.h"
#include "tc_internal.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SUB_VALUE, SUB_SD, SUB_SE, SUB_LOW, SUB_HIGH, SUB_P, SUB__COUNT };
static const char *const SUB_KEYS[SUB__COUNT] = { "value", "sd", "se", "low", "high", "p" };

/* What a record's lazy fields are made of. */
typedef struct lz_stat {
    tc_span span, sub[SUB__COUNT];
    size_t text;   /* after a close: offset of the text in texts */
    int kind;
    int section;   /* index into the sections, -1: none */
} lz_stat;

typedef struct lz_sec { size_t off, len; int kind; } lz_sec;   /* off: into heads */

struct tc_lua_lazy {
    size_t nstat, nsec;
    lz_stat *stats;
    lz_sec *secs;
    char *heads;   /* the headings, end to end */
    char *texts;   /* the statistics' texts, end to end */
};

static void from_doc(const tc_doc *doc, size_t i, lz_stat *out)
{
    const tc_stat *s = tc_doc_stat(doc, i);
    const tc_sentence *sen = s->sentence >= 0 ? tc_doc_sentence(doc, (size_t)s->sentence) : NULL;
    out->span = s->span;
    out->sub[SUB_VALUE] = s->value_span;
    out->sub[SUB_SD] = s->sd_span;
    out->sub[SUB_SE] = s->se_span;
    out->sub[SUB_LOW] = s->ci_low_span;
    out->sub[SUB_HIGH] = s->ci_high_span;
    out->sub[SUB_P] = s->p_span;
    out->text = 0;
    out->kind = s->kind;
    out->section = sen ? sen->section : -1;
}

void tc_lua_lazy_free(tc_lua_lazy *z)
{
    if (!z) return;
    free(z->stats); free(z->secs); free(z->heads); free(z->texts); free(z);
}

static tc_lua_lazy *lazy_from_doc(const tc_doc *doc)
{
    tc_lua_lazy *z = calloc(1, sizeof *z);
    if (!z) return NULL;
    z->nstat = tc_doc_stat_count(doc);
    z->nsec = tc_doc_section_count(doc);
    size_t bytes = 0, tbytes = 0;
    for (size_t k = 0; k < z->nsec; k++) bytes += tc_doc_section(doc, k)->len;
    for (size_t i = 0; i < z->nstat; i++) tbytes += tc_doc_stat(doc, i)->span.len;
    z->stats = malloc((z->nstat ? z->nstat : 1) * sizeof *z->stats);
    z->secs = malloc((z->nsec ? z->nsec : 1) * sizeof *z->secs);
    z->heads = malloc(bytes ? bytes : 1);
    z->texts = malloc(tbytes ? tbytes : 1);
    if (!z->stats || !z->secs || !z->heads || !z->texts) { tc_lua_lazy_free(z); return NULL; }
    const char *text = tc_doc_text(doc, NULL);
    tbytes = 0;
    for (size_t i = 0; i < z->nstat; i++) {
        lz_stat *s = &z->stats[i];
        from_doc(doc, i, s);
        memcpy(z->texts + tbytes, text + s->span.off, s->span.len);
        s->text = tbytes;
        tbytes += s->span.len;
    }
    bytes = 0;
    for (size_t k = 0; k < z->nsec; k++) {
        const tc_section *s = tc_doc_section(doc, k);
        memcpy(z->heads + bytes, text + s->off, s->len);
        z->secs[k] = (lz_sec){ bytes, s->len, s->kind };
        bytes += s->len;
    }
    return z;
}

int tc_lua_lazy_close(lua_State *L, int idx)
{
    tc_lua_ldoc *d = lua_touserdata(L, idx);
    if (!d || !d->doc) return TC_OK;
    if (d->busy) { d->close_pending = 1; return TC_OK; }
    if (d->lists && !d->store && !(d->store = lazy_from_doc(d->doc))) return TC_ENOMEM;
    tc_doc_free(d->doc);
    d->doc = NULL;
    /* The text a borrowed document pointed into is no longer needed. */
    lua_pushnil(L);
    lua_setiuservalue(L, idx, 1);
    return TC_OK;
}

/* ---- finding a record's statistic ---- */

static size_t stat_off(const tc_lua_ldoc *d, size_t i)
{
    return d->doc ? tc_doc_stat(d->doc, i)->span.off : d->store->stats[i].span.off;
}

/* Index of the first statistic that starts at off or after, of n.  Records are mostly
 * read in list order: the statistic after the last one found is tried first. */
static size_t first_from(tc_lua_ldoc *d, size_t off, size_t n)
{
    size_t h = d->hint;
    if (h < n && stat_off(d, h) == off && (h == 0 || stat_off(d, h - 1) < off)) return h;
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (stat_off(d, mid) < off) lo = mid + 1; else hi = mid;
    }
    return lo;
}

/* The statistic that starts at start (1-based) and ends at stop, of kind when two do;
 * 0 when none (the record was edited) or when the document is closed without a store. */
static int find(tc_lua_ldoc *d, lua_Integer start, lua_Integer stop, const char *kind, lz_stat *out)
{
    if (start < 1 || stop < start || (!d->doc && !d->store)) return 0;
    size_t off = (size_t)(start - 1), end = (size_t)stop;
    size_t n = d->doc ? tc_doc_stat_count(d->doc) : d->store->nstat;
    int found = 0;
    for (size_t i = first_from(d, off, n); i < n && stat_off(d, i) == off; i++) {
        lz_stat s;
        if (d->doc) from_doc(d->doc, i, &s); else s = d->store->stats[i];
        if (s.span.off + s.span.len != end) continue;
        d->hint = i + 1;
        if (!found) { *out = s; found = 1; if (!kind) break; continue; }
        const char *k = tc_stat_kind_name(s.kind);
        if (k && !strcmp(kind, k)) *out = s;
    }
    return found;
}

/* Heading (pointer and length) and kind of section i. */
static int section_of(const tc_lua_ldoc *d, int i, const char **head, size_t *len, int *kind)
{
    if (i < 0) return 0;
    if (d->doc) {
        const tc_section *s = tc_doc_section(d->doc, (size_t)i);
        if (!s) return 0;
        *head = tc_doc_text(d->doc, NULL) + s->off; *len = s->len; *kind = s->kind;
        return 1;
    }
    if (!d->store || (size_t)i >= d->store->nsec) return 0;
    const lz_sec *s = &d->store->secs[i];
    *head = d->store->heads + s->off; *len = s->len; *kind = s->kind;
    return 1;
}

/* The text of statistic s, found by find(). */
static const char *text_of(const tc_lua_ldoc *d, const lz_stat *s)
{
    return d->doc ? tc_doc_text(d->doc, NULL) + s->span.off : d->store->texts + s->text;
}

/* ---- filling ---- */

static lua_Integer raw_int(lua_State *L, int t, const char *k)
{
    lua_pushstring(L, k);
    lua_rawget(L, t);
    lua_Integer v = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : 0;
    lua_pop(L, 1);
    return v;
}

static void raw_set_int(lua_State *L, const char *k, lua_Integer v)
{
    lua_pushstring(L, k);
    lua_pushinteger(L, v);
    lua_rawset(L, -3);
}

/* Under lua_pcall, with the document busy (no close can free what is read):
 * (t, ldoc, text only). */
static int fill_body(lua_State *L)
{
    tc_lua_ldoc *d = lua_touserdata(L, 2);
    int text_only = lua_toboolean(L, 3);
    lua_settop(L, 2);
    if (!d->doc && !d->store)
        return luaL_error(L, "trialcite: a statistic's spans and section are read from its document, which is closed");
    lua_Integer start = raw_int(L, 1, "start"), stop = raw_int(L, 1, "stop");
    /* The kind tells apart statistics with the same span, which share their text. */
    if (text_only) lua_pushnil(L); else { lua_pushliteral(L, "kind"); lua_rawget(L, 1); }   /* stays on the stack while compared */
    lz_stat s;
    if (!find(d, start, stop, lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL, &s)) return 0;
    lua_pushliteral(L, "text");
    if (lua_rawget(L, 1) == LUA_TNIL) {
        /* Copied before any other allocation, like the heading below. */
        lua_pushlstring(L, text_of(d, &s), s.span.len);
        lua_pushliteral(L, "text");
        lua_insert(L, -2);
        lua_rawset(L, 1);
    }
    lua_pop(L, 1);
    if (text_only) return 0;
    const char *head; size_t hlen; int skind;
    if (section_of(d, s.section, &head, &hlen, &skind)) {
        if (hlen) {
            /* head points into the document: copied before any other allocation. */
            lua_pushlstring(L, head, hlen);
            lua_pushliteral(L, "section");
            lua_insert(L, -2);
            lua_rawset(L, 1);
        }
        lua_pushliteral(L, "section_kind");
        lua_pushstring(L, tc_section_kind_name(skind));
        lua_rawset(L, 1);
    }
    int n = 0;
    for (int k = 0; k < SUB__COUNT; k++) n += s.sub[k].len > 0;
    lua_pushliteral(L, "spans");
    lua_createtable(L, 0, n);
    for (int k = 0; k < SUB__COUNT; k++) {
        if (!s.sub[k].len) continue;
        lua_pushstring(L, SUB_KEYS[k]);
        lua_createtable(L, 0, 2);
        raw_set_int(L, "start", (lua_Integer)s.sub[k].off + 1);
        raw_set_int(L, "stop", (lua_Integer)(s.sub[k].off + s.sub[k].len));
        lua_rawset(L, -3);
    }
    lua_rawset(L, 1);
    return 0;
}

/* Whether t has key k, raw. */
static int has(lua_State *L, int t, const char *k)
{
    lua_pushstring(L, k);
    int found = lua_rawget(L, t) != LUA_TNIL;
    lua_pop(L, 1);
    return found;
}

/* Fills t (absolute index) unless it is filled, or only its text (a script reading the
 * texts would otherwise build every record's spans: ten times the time); d is the
 * document userdata at index di.  Returns 0, or -1 with the error message pushed. */
static int fill(lua_State *L, int t, int di, int text_only)
{
    /* The caller of a text-only fill found no text. */
    if (has(L, t, "spans")) return 0;
    tc_lua_ldoc *d = lua_touserdata(L, di);
    lua_pushcfunction(L, fill_body);
    lua_pushvalue(L, t);
    lua_pushvalue(L, di);
    lua_pushboolean(L, text_only);
    d->busy++;
    int rc = lua_pcall(L, 3, 0, 0);
    d->busy--;
    if (!d->busy && d->free_pending) {   /* __gc came meanwhile */
        tc_doc_free(d->doc); d->doc = NULL;
        tc_lua_lazy_free(d->store); d->store = NULL;
        d->free_pending = d->close_pending = 0;
    }
    if (!d->busy && d->close_pending) {
        /* Stays pending (and the document open) if the close runs out of memory. */
        if (tc_lua_lazy_close(L, di) == TC_OK) d->close_pending = 0;
        else if (rc == LUA_OK) {
            lua_pushliteral(L, "trialcite: out of memory closing a document");
            return -1;
        }
    }
    return rc == LUA_OK ? 0 : -1;
}

/* 0: not a lazy key, 1: text, 2: another. */
static int lazy_key(lua_State *L, int k)
{
    if (lua_type(L, k) != LUA_TSTRING) return 0;
    const char *s = lua_tostring(L, k);
    if (!strcmp(s, "text")) return 1;
    return !strcmp(s, "spans") || !strcmp(s, "section") || !strcmp(s, "section_kind") ? 2 : 0;
}

enum { TEXT_NOW = 256 };

/* A record's text (t at index 1) without the protected fill, when it is short: it is
 * copied to the C stack before anything is allocated (an allocation can run a finalizer
 * that closes the document), so an error raised afterwards leaves nothing to undo (the
 * protected fill takes a sixth more time).  Pushes the text, or nil when the record
 * names no statistic, and returns 1; 0: the protected fill is needed. */
static int text_now(lua_State *L, tc_lua_ldoc *d)
{
    if (has(L, 1, "spans")) return 0;
    lua_Integer start = raw_int(L, 1, "start"), stop = raw_int(L, 1, "stop");
    if (!d->doc && !d->store) return 0;
    lz_stat s;
    if (!find(d, start, stop, NULL, &s)) { lua_pushnil(L); return 1; }
    if (s.span.len > TEXT_NOW) return 0;
    char buf[TEXT_NOW];
    memcpy(buf, text_of(d, &s), s.span.len);
    lua_pushlstring(L, buf, s.span.len);
    lua_pushliteral(L, "text");
    lua_pushvalue(L, -2);
    lua_rawset(L, 1);
    return 1;
}

/* __index(t, k); upvalue 1: the document userdata. */
static int stat_index(lua_State *L)
{
    int lazy = lazy_key(L, 2);
    if (!lazy) return 0;
    lua_settop(L, 2);
    if (lazy == 1 && text_now(L, lua_touserdata(L, lua_upvalueindex(1)))) return 1;
    if (fill(L, 1, lua_upvalueindex(1), lazy == 1) < 0) return lua_error(L);
    lua_rawget(L, 1);
    return 1;
}

static int raw_next(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 2);
    if (lua_next(L, 1)) return 2;
    lua_pushnil(L);
    return 1;
}

/* __pairs(t): the lazy fields filled, then next. */
static int stat_pairs(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    if (fill(L, 1, lua_upvalueindex(1), 0) < 0) return lua_error(L);
    lua_pushcfunction(L, raw_next);
    lua_pushvalue(L, 1);
    lua_pushnil(L);
    return 3;
}

void tc_lua_push_statmeta(lua_State *L, int doc)
{
    doc = lua_absindex(L, doc);
    tc_lua_ldoc *d = luaL_checkudata(L, doc, TC_LUA_DOC);
    d->lists = 1;
    lua_createtable(L, 0, 4);
    lua_pushvalue(L, doc);
    lua_pushcclosure(L, stat_index, 1);
    lua_setfield(L, -2, "__index");
    lua_pushvalue(L, doc);
    lua_pushcclosure(L, stat_pairs, 1);
    lua_setfield(L, -2, "__pairs");
    /* tc.json_encode reads tables raw: __doc lets it fill a record first. */
    lua_pushvalue(L, doc);
    lua_setfield(L, -2, "__doc");
    /* One table shared by the list: protected, so that a script cannot change it for
     * every record at once (getmetatable gives this name, setmetatable raises). */
    lua_pushliteral(L, "trialcite.statistic");
    lua_setfield(L, -2, "__metatable");
}

int tc_lua_fill_lazy(lua_State *L, int t, char *err, size_t errlen)
{
    t = lua_absindex(L, t);
    if (!lua_getmetatable(L, t)) return 0;
    lua_pushliteral(L, "__doc");
    lua_rawget(L, -2);
    int rc = 0;
    if (luaL_testudata(L, -1, TC_LUA_DOC)) {
        int di = lua_gettop(L);
        if (fill(L, t, di, 0) < 0) {
            snprintf(err, errlen, "%s", lua_isstring(L, -1) ? lua_tostring(L, -1) : "error filling a statistic");
            lua_pop(L, 1);
            rc = -1;
        } else {
            rc = 1;
        }
    }
    lua_pop(L, 2);
    return rc;
}
