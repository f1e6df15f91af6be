/* tc.parse and the document userdata.  Offsets become 1-based inclusive start/stop,
 * so that text:sub(r.start, r.stop) == r.text for every record. */
#include "lua_trialcite.h"
#include "tc_internal.h"
#include <stdint.h>
#include <string.h>

typedef tc_lua_ldoc ldoc;

tc_doc *tc_lua_testdoc(lua_State *L, int idx)
{
    ldoc *d = luaL_testudata(L, idx, TC_LUA_DOC);
    return d ? d->doc : NULL;
}

tc_doc **tc_lua_newdoc(lua_State *L)
{
    /* One user value: the Lua string a borrowed document points into. */
    ldoc *d = lua_newuserdatauv(L, sizeof *d, 1);
    memset(d, 0, sizeof *d);
    luaL_setmetatable(L, TC_LUA_DOC);
    return &d->doc;
}

tc_doc *tc_lua_checkdoc(lua_State *L, int idx)
{
    ldoc *d = luaL_checkudata(L, idx, TC_LUA_DOC);
    if (!d->doc) luaL_argerror(L, idx, "document is closed");
    return d->doc;
}

/* ---- building the lists ----
 * A list of records is built in bulk: the field names are pushed once per list and
 * copied from the stack (no string hashing per field), every table is created with its
 * exact size and filled with lua_rawset, and the collector is paused while one list is
 * built (it would otherwise traverse the growing list again and again) and restored
 * afterwards, also on error (the builder runs under lua_pcall). */

enum {
    K_TEXT, K_START, K_STOP, K_SECTION, K_SECTION_KIND, K_KIND, K_MEASURE, K_VALUE, K_VALUE_OP,
    K_SD, K_UNIT, K_CI, K_LEVEL, K_LOW, K_HIGH, K_P, K_OP, K_TIMEPOINT, K_SUBGROUP, K_NOUN,
    K_SENTENCE, K_REFS, K_CAPPED, K_NUMBER, K_CONTEXTS, K_NARROWED, K_MARKER,
    K_CITATION, K_STATISTICS, K_BODY_START, K_BODY_STOP, K_PARENT, K_CODE, K_SEVERITY,
    K_MESSAGE, K_STATISTIC, K_SE, K__COUNT
};

static const char *const KEYS[K__COUNT] = {
    "text", "start", "stop", "section", "section_kind", "kind", "measure", "value", "value_op",
    "sd", "unit", "ci", "level", "low", "high", "p", "op", "timepoint", "subgroup", "noun",
    "sentence", "refs", "capped", "number", "contexts", "narrowed", "marker",
    "citation", "statistics", "body_start", "body_stop", "parent", "code", "severity",
    "message", "statistic", "se",
};

typedef struct bctx {
    lua_State *L;
    const tc_doc *doc;
    const char *text;
    int keys;      /* stack index of KEYS[0]; the others follow */
    int head;      /* stack index of the last heading string made */
    int head_sec;  /* the section it is the heading of, -1 before the first */
    int names;     /* stack index of the first of the NAME_* strings below */
    int statmeta;  /* stack index of the statistic records' metatable (lua_lazy.c), 0: none */
} bctx;

/* The fixed value strings (kinds, measures, operators, "%"), pushed once per list like
 * the keys: lua_pushstring would hash and look up the same short string in every
 * record (several per statistic, one per sentence). */
/* Values appended to an enum later fall back to lua_pushstring (set_name_or_str). */
#define NAMED_STATS TC_STAT_COUNT
#define NAMED_MEASURES TC_MEASURE_NNH
#define NAMED_OPS TC_OP_GE
enum {
    NAME_SEC = 0,                                   /* section kinds 0 .. TC_SEC__COUNT-1 */
    NAME_STAT = NAME_SEC + TC_SEC__COUNT,           /* statistic kinds 1 .. NAMED_STATS */
    NAME_MEASURE = NAME_STAT + NAMED_STATS,         /* measures 1 .. NAMED_MEASURES */
    NAME_OP = NAME_MEASURE + NAMED_MEASURES,        /* operators 1 .. NAMED_OPS */
    NAME_PERCENT = NAME_OP + NAMED_OPS,
    NAME__COUNT
};

static void push_names(lua_State *L)
{
    for (int k = 0; k < TC_SEC__COUNT; k++) lua_pushstring(L, tc_section_kind_name(k));
    for (int k = 1; k <= NAMED_STATS; k++) lua_pushstring(L, tc_stat_kind_name(k));
    for (int k = 1; k <= NAMED_MEASURES; k++) lua_pushstring(L, tc_measure_name(k));
    for (int k = 1; k <= NAMED_OPS; k++) lua_pushstring(L, tc_op_name(k));
    lua_pushstring(L, "%");
}

/* Sets t[key] = the pushed name string `name` (a NAME_* index), t on top. */
static inline void set_name(bctx *c, int k, int name)
{
    lua_pushvalue(c->L, c->keys + k);
    lua_pushvalue(c->L, c->names + name);
    lua_rawset(c->L, -3);
}

/* The NAME_* index of a section kind: tc_section_kind_name gives "other" (kind 0)
 * for kinds out of range. */
static inline int sec_name(int kind) { return NAME_SEC + (kind >= 0 && kind < TC_SEC__COUNT ? kind : TC_SEC_OTHER); }

/* Sets t[key] = the value on top, t just below it. */
static inline void set_top(bctx *c, int k)
{
    lua_pushvalue(c->L, c->keys + k);
    lua_insert(c->L, -2);
    lua_rawset(c->L, -3);
}

static inline void set_int(bctx *c, int k, lua_Integer v)
{
    lua_pushvalue(c->L, c->keys + k);
    lua_pushinteger(c->L, v);
    lua_rawset(c->L, -3);
}

static inline void set_num(bctx *c, int k, double v)
{
    lua_pushvalue(c->L, c->keys + k);
    lua_pushnumber(c->L, v);
    lua_rawset(c->L, -3);
}

static inline void set_str(bctx *c, int k, const char *s)
{
    lua_pushvalue(c->L, c->keys + k);
    lua_pushstring(c->L, s);
    lua_rawset(c->L, -3);
}

/* t[key] = name, the pushed copy when value v (1 .. count) has one, t on top. */
static inline void set_name_or_str(bctx *c, int k, int first, int count, int v, const char *name)
{
    if (v >= 1 && v <= count) set_name(c, k, first + v - 1);
    else set_str(c, k, name);
}

static inline void set_bytes(bctx *c, int k, size_t off, size_t len)
{
    lua_pushvalue(c->L, c->keys + k);
    lua_pushlstring(c->L, c->text + off, len);
    lua_rawset(c->L, -3);
}

/* A statistic's context string (timepoint, subgroup, noun), cleaned of the line breaks
 * and runs of spaces the text has there, as tc_doc_to_json gives it. */
static void set_clean(bctx *c, int k, tc_span s)
{
    if (!s.len) return;
    luaL_Buffer b;
    lua_pushvalue(c->L, c->keys + k);
    char *p = luaL_buffinitsize(c->L, &b, s.len);
    memcpy(p, c->text + s.off, s.len);
    luaL_pushresultsize(&b, tc_clean_inplace(p, s.len));
    lua_rawset(c->L, -3);
}

static void set_span(bctx *c, size_t off, size_t len)
{
    set_bytes(c, K_TEXT, off, len);
    set_int(c, K_START, (lua_Integer)off + 1);
    set_int(c, K_STOP, (lua_Integer)(off + len));
}

/* Fields set_section sets for section i. */
static int section_fields(const tc_doc *doc, int i)
{
    const tc_section *s = i >= 0 ? tc_doc_section(doc, (size_t)i) : NULL;
    return s ? 1 + (s->len > 0) : 0;
}

/* section = the heading as written (none for text before any heading),
 * section_kind = its stable machine name.  Records come in text order, so a heading
 * repeats in runs: the last one made is kept on the stack and shared by the run. */
static void set_section(bctx *c, int i)
{
    const tc_section *s = i >= 0 ? tc_doc_section(c->doc, (size_t)i) : NULL;
    if (!s) return;
    if (s->len) {
        lua_State *L = c->L;
        if (c->head_sec != i) {
            lua_pushlstring(L, c->text + s->off, s->len);
            lua_replace(L, c->head);
            c->head_sec = i;
        }
        lua_pushvalue(L, c->keys + K_SECTION);
        lua_pushvalue(L, c->head);
        lua_rawset(L, -3);
    }
    set_name(c, K_SECTION_KIND, sec_name(s->kind));
}

static void push_number(lua_State *L, double v)
{
    lua_Integer i;
    if (lua_numbertointeger(v, &i) && (double)i == v) lua_pushinteger(L, i);
    else lua_pushnumber(L, v);
}

static void push_stat(bctx *c, size_t i)
{
    lua_State *L = c->L;
    const tc_stat *s = tc_doc_stat(c->doc, i);
    const char *kind = tc_stat_kind_name(s->kind), *measure = tc_measure_name(s->measure), *op = tc_op_name(s->value_op);
    /* spans, section, section_kind and text come when read (lua_lazy.c). */
    int n = (kind != NULL) + (measure != NULL) + 1 + (op != NULL) + !!s->has_sd + !!s->has_se + !!s->percent + !!s->has_ci + !!s->p_op
          + !!s->timepoint.len + !!s->subgroup.len + !!s->noun.len + 2 + (s->sentence >= 0);
    lua_createtable(L, 0, n);
    if (kind) set_name_or_str(c, K_KIND, NAME_STAT, NAMED_STATS, s->kind, kind);
    if (measure) set_name_or_str(c, K_MEASURE, NAME_MEASURE, NAMED_MEASURES, s->measure, measure);
    set_num(c, K_VALUE, s->value);
    if (op) set_name_or_str(c, K_VALUE_OP, NAME_OP, NAMED_OPS, s->value_op, op);
    if (s->has_sd) set_num(c, K_SD, s->sd);
    if (s->has_se) set_num(c, K_SE, s->se);
    if (s->percent) set_name(c, K_UNIT, NAME_PERCENT);
    if (s->has_ci) {
        lua_createtable(L, 0, 3);
        lua_pushvalue(L, c->keys + K_LEVEL); push_number(L, s->ci_level); lua_rawset(L, -3);
        set_num(c, K_LOW, s->ci_low);
        set_num(c, K_HIGH, s->ci_high);
        set_top(c, K_CI);
    }
    if (s->p_op) {
        lua_createtable(L, 0, 2);
        if (tc_op_name(s->p_op)) set_name_or_str(c, K_OP, NAME_OP, NAMED_OPS, s->p_op, tc_op_name(s->p_op));
        set_num(c, K_VALUE, s->p_value);
        set_top(c, K_P);
    }
    set_clean(c, K_TIMEPOINT, s->timepoint);
    set_clean(c, K_SUBGROUP, s->subgroup);
    set_clean(c, K_NOUN, s->noun);
    /* text comes when read too, from start and stop. */
    set_int(c, K_START, (lua_Integer)s->span.off + 1);
    set_int(c, K_STOP, (lua_Integer)(s->span.off + s->span.len));
    if (s->sentence >= 0) set_int(c, K_SENTENCE, s->sentence + 1);
    lua_pushvalue(L, c->statmeta);
    lua_setmetatable(L, -2);
}

static void push_citation(bctx *c, size_t i)
{
    lua_State *L = c->L;
    const tc_citation *cit = tc_doc_citation(c->doc, i);
    int capped = (cit->flags & TC_CIT_CAPPED) != 0;
    lua_createtable(L, 0, 4 + (cit->sentence >= 0) + section_fields(c->doc, cit->section) + capped);
    set_span(c, cit->off, cit->len);
    lua_createtable(L, (int)cit->nrefs, 0);
    for (size_t j = 0; j < cit->nrefs; j++) {
        lua_pushinteger(L, cit->refs[j]);
        lua_rawseti(L, -2, (lua_Integer)j + 1);
    }
    set_top(c, K_REFS);
    if (cit->sentence >= 0) set_int(c, K_SENTENCE, cit->sentence + 1);
    set_section(c, cit->section);
    if (capped) { lua_pushvalue(L, c->keys + K_CAPPED); lua_pushboolean(L, 1); lua_rawset(L, -3); }
}

/* Statistics whose span lies inside [off, off+len), as a list. */
static void push_stats_in(bctx *c, size_t off, size_t len)
{
    size_t first, n = tc_doc_stats_from(c->doc, off, len, &first), k = 0;
    for (size_t i = first; i < first + n; i++) {
        const tc_stat *s = tc_doc_stat(c->doc, i);
        k += s->span.off + s->span.len <= off + len;
    }
    lua_createtable(c->L, (int)k, 0);
    k = 0;
    for (size_t i = first; i < first + n; i++) {
        const tc_stat *s = tc_doc_stat(c->doc, i);
        if (s->span.off + s->span.len > off + len) continue;
        push_stat(c, i);
        lua_rawseti(c->L, -2, (lua_Integer)++k);
    }
}

/* One entry of doc:references(): a context per citing marker, with its sentence.
 * The caller has checked that number is cited. */
static void push_reference(bctx *c, int number)
{
    lua_State *L = c->L;
    size_t k;
    const size_t *cits = tc_doc_reference_citations(c->doc, number, &k);
    lua_createtable(L, 0, 2);
    set_int(c, K_NUMBER, number);
    lua_createtable(L, (int)k, 0);
    for (size_t j = 0; j < k; j++) {
        const tc_citation *cit = tc_doc_citation(c->doc, cits[j]);
        size_t off, len;
        int narrowed = tc_doc_citation_context(c->doc, cits[j], &off, &len) > 0;
        lua_createtable(L, 0, 3 + narrowed + section_fields(c->doc, cit->section) + 2 + (cit->sentence >= 0) + 1);
        set_span(c, off, len);
        if (narrowed) { lua_pushvalue(L, c->keys + K_NARROWED); lua_pushboolean(L, 1); lua_rawset(L, -3); }
        set_section(c, cit->section);
        /* The marker by reference (its index into doc:citations()), not a copy of its
         * numbers: a marker naming k numbers appears in k references. */
        lua_createtable(L, 0, 3);
        set_span(c, cit->off, cit->len);
        set_top(c, K_MARKER);
        set_int(c, K_CITATION, (lua_Integer)cits[j] + 1);
        if (cit->sentence >= 0) set_int(c, K_SENTENCE, cit->sentence + 1);
        push_stats_in(c, off, len);
        set_top(c, K_STATISTICS);
        lua_rawseti(L, -2, (lua_Integer)j + 1);
    }
    set_top(c, K_CONTEXTS);
}

static void push_section(bctx *c, size_t i)
{
    const tc_section *s = tc_doc_section(c->doc, i);
    lua_createtable(c->L, 0, 6 + (s->parent >= 0));
    set_span(c, s->off, s->len);
    set_name(c, K_KIND, sec_name(s->kind));
    set_int(c, K_BODY_START, (lua_Integer)s->body_off + 1);
    set_int(c, K_BODY_STOP, (lua_Integer)s->end);
    if (s->parent >= 0) set_int(c, K_PARENT, s->parent + 1);
}

static void push_sentence(bctx *c, size_t i)
{
    const tc_sentence *s = tc_doc_sentence(c->doc, i);
    lua_createtable(c->L, 0, 3 + section_fields(c->doc, s->section));
    set_span(c, s->off, s->len);
    set_section(c, s->section);
}

static void push_check(bctx *c, size_t i)
{
    const tc_check *k = tc_doc_check(c->doc, i);
    lua_createtable(c->L, 0, 3 + (k->stat >= 0));
    set_str(c, K_CODE, k->code);
    set_str(c, K_SEVERITY, tc_severity_name(k->severity));
    set_str(c, K_MESSAGE, k->message);
    if (k->stat >= 0) set_int(c, K_STATISTIC, k->stat + 1);
}

static void push_reference_at(bctx *c, size_t i) { push_reference(c, tc_doc_reference_number(c->doc, i)); }

typedef void (*push_fn)(bctx *c, size_t i);

/* Under lua_pcall: (doc, push_fn as light userdata, count or -number) -> the list, or
 * for a negative count the single reference -count. */
static int build(lua_State *L)
{
    bctx c;
    c.L = L;
    c.doc = tc_lua_checkdoc(L, 1);
    c.text = tc_doc_text(c.doc, NULL);
    push_fn push = (push_fn)(uintptr_t)lua_touserdata(L, 2);
    lua_Integer n = lua_tointeger(L, 3);
    luaL_checkstack(L, K__COUNT + NAME__COUNT + 20, "trialcite: building records");
    c.keys = lua_gettop(L) + 1;
    for (int k = 0; k < K__COUNT; k++) lua_pushstring(L, KEYS[k]);
    c.names = lua_gettop(L) + 1;
    push_names(L);
    lua_pushnil(L);
    c.head = lua_gettop(L);
    c.head_sec = -1;
    c.statmeta = 0;
    if (push == push_stat || push == push_reference_at) {
        tc_lua_push_statmeta(L, 1);
        c.statmeta = lua_gettop(L);
    }
    if (n < 0) {
        push_reference(&c, (int)-n);
        return 1;
    }
    lua_createtable(L, (int)n, 0);
    for (lua_Integer i = 0; i < n; i++) {
        push(&c, (size_t)i);
        lua_rawseti(L, -2, i + 1);
    }
    return 1;
}

/* Builds a list (or one reference) with the collector paused; restores it even when
 * building raises (out of memory). */
static int build_list(lua_State *L, push_fn push, lua_Integer n)
{
    int running = lua_gc(L, LUA_GCISRUNNING, 0);
    if (running) lua_gc(L, LUA_GCSTOP, 0);
    lua_pushcfunction(L, build);
    lua_pushvalue(L, 1);
    lua_pushlightuserdata(L, (void *)(uintptr_t)push);
    lua_pushinteger(L, n);
    int rc = lua_pcall(L, 3, 1, 0);
    if (running) lua_gc(L, LUA_GCRESTART, 0);
    if (rc != LUA_OK) return lua_error(L);
    return 1;
}

static int doc_statistics(lua_State *L)
{
    return build_list(L, push_stat, (lua_Integer)tc_doc_stat_count(tc_lua_checkdoc(L, 1)));
}

static int doc_citations(lua_State *L)
{
    return build_list(L, push_citation, (lua_Integer)tc_doc_citation_count(tc_lua_checkdoc(L, 1)));
}

static int doc_references(lua_State *L)
{
    return build_list(L, push_reference_at, (lua_Integer)tc_doc_reference_count(tc_lua_checkdoc(L, 1)));
}

static int doc_reference(lua_State *L)
{
    tc_doc *doc = tc_lua_checkdoc(L, 1);
    lua_Integer n = luaL_checkinteger(L, 2);
    size_t k = 0;
    if (n > 0 && n <= TC_MAX_REF_NUMBER) tc_doc_reference_citations(doc, (int)n, &k);
    if (!k) { lua_pushnil(L); return 1; }
    lua_settop(L, 1);
    return build_list(L, push_reference_at, -n);
}

static int doc_sections(lua_State *L)
{
    return build_list(L, push_section, (lua_Integer)tc_doc_section_count(tc_lua_checkdoc(L, 1)));
}

static int doc_sentences(lua_State *L)
{
    return build_list(L, push_sentence, (lua_Integer)tc_doc_sentence_count(tc_lua_checkdoc(L, 1)));
}

static int doc_checks(lua_State *L)
{
    return build_list(L, push_check, (lua_Integer)tc_doc_check_count(tc_lua_checkdoc(L, 1)));
}

static int doc_to_json(lua_State *L)
{
    tc_doc *doc = tc_lua_checkdoc(L, 1);
    char *s; size_t n;
    int rc = tc_doc_to_json(doc, &s, &n);
    if (rc != TC_OK) return tc_lua_raise(L, rc, "to_json");
    lua_pushlstring(L, s, n);
    tc_free(s);
    return 1;
}

static int doc_text(lua_State *L)
{
    size_t n;
    const char *s = tc_doc_text(tc_lua_checkdoc(L, 1), &n);
    lua_pushlstring(L, s, n);
    return 1;
}

static int doc_lang(lua_State *L) { lua_pushstring(L, tc_lang_name(tc_doc_lang(tc_lua_checkdoc(L, 1)))); return 1; }

static int doc_id(lua_State *L)
{
    size_t n;
    const char *s = tc_doc_id(tc_lua_checkdoc(L, 1), &n);
    if (n) lua_pushlstring(L, s, n); else lua_pushnil(L);
    return 1;
}

static int doc_gc(lua_State *L)
{
    ldoc *d = luaL_checkudata(L, 1, TC_LUA_DOC);
    /* Only a direct call (getmetatable(doc).__gc(doc)) can come while records are
     * filled (the fill holds the userdata): the fill frees it when done. */
    if (d->busy) { d->free_pending = 1; return 0; }
    tc_doc_free(d->doc);
    d->doc = NULL;   /* so that __close then __gc (or two closes) is harmless */
    tc_lua_lazy_free(d->store);
    d->store = NULL;
    return 0;
}

/* doc:close() and <close>: statistic records made from the document keep working
 * (lua_lazy.c). */
static int doc_close(lua_State *L)
{
    luaL_checkudata(L, 1, TC_LUA_DOC);
    if (tc_lua_lazy_close(L, 1) != TC_OK) return luaL_error(L, "trialcite: out of memory closing the document");
    return 0;
}

static int doc_tostring(lua_State *L)
{
    ldoc *d = luaL_checkudata(L, 1, TC_LUA_DOC);
    if (!d->doc) { lua_pushliteral(L, "trialcite.doc (closed)"); return 1; }
    size_t n;
    tc_doc_text(d->doc, &n);
    lua_pushfstring(L, "trialcite.doc (%d bytes, %d citations, %d statistics)", (int)n,
                    (int)tc_doc_citation_count(d->doc), (int)tc_doc_stat_count(d->doc));
    return 1;
}

/* opts.lang of the table at index arg: TC_LANG_UNKNOWN when absent; raises unless
 * "nl", "fr" or "en". */
int tc_lua_opt_lang(lua_State *L, int arg)
{
    if (lua_getfield(L, arg, "lang") == LUA_TNIL) { lua_pop(L, 1); return TC_LANG_UNKNOWN; }
    if (lua_type(L, -1) != LUA_TSTRING) return luaL_argerror(L, arg, "opts.lang must be a string");
    const char *s = lua_tostring(L, -1);
    int l = !strcmp(s, "nl") ? TC_LANG_NL : !strcmp(s, "fr") ? TC_LANG_FR : !strcmp(s, "en") ? TC_LANG_EN : -1;
    if (l < 0) return luaL_argerror(L, arg, lua_pushfstring(L, "opts.lang: expected \"nl\", \"fr\" or \"en\", got \"%s\"", s));
    lua_pop(L, 1);
    return l;
}

/* opts of tc.parse and tc.parse_file at index arg (none or nil: defaults): lang, id
 * (left on the stack, which anchors it until the call returns) and threads. */
void tc_lua_parse_opts(lua_State *L, int arg, tc_parse_opts *opts)
{
    memset(opts, 0, sizeof *opts);
    if (lua_isnoneornil(L, arg)) return;
    luaL_checktype(L, arg, LUA_TTABLE);
    opts->lang = tc_lua_opt_lang(L, arg);
    lua_getfield(L, arg, "id");
    if (!lua_isnil(L, -1)) {
        if (lua_type(L, -1) != LUA_TSTRING) luaL_argerror(L, arg, "opts.id must be a string");
        opts->id = lua_tolstring(L, -1, &opts->id_len);
    }
    lua_getfield(L, arg, "threads");
    if (!lua_isnil(L, -1)) {
        int isnum = 0;
        lua_Integer t = lua_type(L, -1) == LUA_TNUMBER ? lua_tointegerx(L, -1, &isnum) : 0;   /* not "2" */
        luaL_argcheck(L, isnum && t >= 0 && t <= 255, arg, "opts.threads must be an integer from 0 to 255");
        opts->flags |= TC_PARSE_THREADS(t);
    }
}

static int l_parse(lua_State *L)
{
    size_t len;
    luaL_checktype(L, 1, LUA_TSTRING);   /* SPEC: raises on a non-string (numbers too) */
    const char *text = lua_tolstring(L, 1, &len);
    tc_parse_opts opts;
    tc_lua_parse_opts(L, 2, &opts);
    /* The userdata exists, empty, before the document does: an error after this
     * point cannot leak it. */
    tc_doc **slot = tc_lua_newdoc(L);
    /* No copy of the text: the document borrows the Lua string, which its userdata
     * keeps alive (Lua strings never move). */
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 1);
    opts.flags |= TC_PARSE_BORROW;
    int rc = tc_parse(text, len, &opts, slot);
    if (rc == TC_ELIMIT) return luaL_error(L, "trialcite.parse: text of %I bytes exceeds the limit", (lua_Integer)len);
    if (rc != TC_OK) return tc_lua_raise(L, rc, "parse");
    return 1;
}

static int l_clean(lua_State *L)
{
    size_t len, n;
    const char *s = luaL_checklstring(L, 1, &len);
    char *out;
    int rc = tc_text_clean(s, len, &out, &n);
    if (rc != TC_OK) return tc_lua_raise(L, rc, "clean");
    lua_pushlstring(L, out, n);
    tc_free(out);
    return 1;
}

void tc_lua_open_doc(lua_State *L)
{
    static const luaL_Reg methods[] = {
        { "citations", doc_citations }, { "references", doc_references },
        { "reference", doc_reference }, { "statistics", doc_statistics },
        { "checks", doc_checks }, { "sections", doc_sections },
        { "sentences", doc_sentences }, { "to_json", doc_to_json },
        { "text", doc_text }, { "lang", doc_lang }, { "id", doc_id },
        { "close", doc_close }, { NULL, NULL },
    };
    static const luaL_Reg meta[] = {
        { "__gc", doc_gc }, { "__close", doc_close }, { "__tostring", doc_tostring }, { NULL, NULL },
    };
    if (luaL_newmetatable(L, TC_LUA_DOC)) {
        luaL_setfuncs(L, meta, 0);
        luaL_newlib(L, methods);
        lua_setfield(L, -2, "__index");
    }
    lua_pop(L, 1);
    lua_pushcfunction(L, l_parse);
    lua_setfield(L, -2, "parse");
    lua_pushcfunction(L, l_clean);
    lua_setfield(L, -2, "clean");
}
