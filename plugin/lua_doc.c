/* tc.parse and the document userdata.  Offsets become 1-based inclusive start/stop,
 * so that text:sub(r.start, r.stop) == r.text for every record. */
#include "lua_trialcite.h"
#include "tc_internal.h"
#include <string.h>

typedef struct ldoc { tc_doc *doc; } ldoc;

tc_doc *tc_lua_testdoc(lua_State *L, int idx)
{
    ldoc *d = luaL_testudata(L, idx, TC_LUA_DOC);
    return d ? d->doc : NULL;
}

tc_doc **tc_lua_newdoc(lua_State *L)
{
    /* One user value: the Lua string a borrowed document points into. */
    ldoc *d = lua_newuserdatauv(L, sizeof *d, 1);
    d->doc = NULL;
    luaL_setmetatable(L, TC_LUA_DOC);
    return &d->doc;
}

tc_doc *tc_lua_checkdoc(lua_State *L, int idx)
{
    ldoc *d = luaL_checkudata(L, idx, TC_LUA_DOC);
    if (!d->doc) luaL_argerror(L, idx, "document is closed");
    return d->doc;
}

static void set_span(lua_State *L, const tc_doc *doc, size_t off, size_t len)
{
    size_t n;
    const char *text = tc_doc_text(doc, &n);
    lua_pushlstring(L, text + off, len);
    lua_setfield(L, -2, "text");
    lua_pushinteger(L, (lua_Integer)off + 1);
    lua_setfield(L, -2, "start");
    lua_pushinteger(L, (lua_Integer)(off + len));
    lua_setfield(L, -2, "stop");
}

/* {start=, stop=} of a sub-span, or nothing when absent. */
static void set_subspan(lua_State *L, const char *key, tc_span s)
{
    if (!s.len) return;
    lua_createtable(L, 0, 2);
    lua_pushinteger(L, (lua_Integer)s.off + 1);
    lua_setfield(L, -2, "start");
    lua_pushinteger(L, (lua_Integer)(s.off + s.len));
    lua_setfield(L, -2, "stop");
    lua_setfield(L, -2, key);
}

/* A statistic's context string (timepoint, subgroup, noun), cleaned of the line breaks
 * and runs of spaces the text has there, as tc_doc_to_json gives it. */
static void set_spanstr(lua_State *L, const tc_doc *doc, const char *key, tc_span s)
{
    if (!s.len) return;
    luaL_Buffer b;
    char *p = luaL_buffinitsize(L, &b, s.len);
    memcpy(p, tc_doc_text(doc, NULL) + s.off, s.len);
    luaL_pushresultsize(&b, tc_clean_inplace(p, s.len));
    lua_setfield(L, -2, key);
}

/* section = the heading as written (NULL for text before any heading),
 * section_kind = its stable machine name. */
static void set_section(lua_State *L, const tc_doc *doc, int i)
{
    const tc_section *s = i >= 0 ? tc_doc_section(doc, (size_t)i) : NULL;
    if (!s) return;
    if (s->len) {
        lua_pushlstring(L, tc_doc_text(doc, NULL) + s->off, s->len);
        lua_setfield(L, -2, "section");
    }
    lua_pushstring(L, tc_section_kind_name(s->kind));
    lua_setfield(L, -2, "section_kind");
}

static void push_number(lua_State *L, double v)
{
    lua_Integer i;
    if (lua_numbertointeger(v, &i) && (double)i == v) lua_pushinteger(L, i);
    else lua_pushnumber(L, v);
}

static void push_stat(lua_State *L, const tc_doc *doc, size_t i)
{
    const tc_stat *s = tc_doc_stat(doc, i);
    lua_createtable(L, 0, 16);
    lua_pushstring(L, tc_stat_kind_name(s->kind));
    lua_setfield(L, -2, "kind");
    if (tc_measure_name(s->measure)) { lua_pushstring(L, tc_measure_name(s->measure)); lua_setfield(L, -2, "measure"); }
    lua_pushnumber(L, s->value);
    lua_setfield(L, -2, "value");
    if (tc_op_name(s->value_op)) { lua_pushstring(L, tc_op_name(s->value_op)); lua_setfield(L, -2, "value_op"); }
    if (s->has_sd) { lua_pushnumber(L, s->sd); lua_setfield(L, -2, "sd"); }
    if (s->percent) { lua_pushliteral(L, "%"); lua_setfield(L, -2, "unit"); }
    if (s->has_ci) {
        lua_createtable(L, 0, 3);
        push_number(L, s->ci_level); lua_setfield(L, -2, "level");
        lua_pushnumber(L, s->ci_low); lua_setfield(L, -2, "low");
        lua_pushnumber(L, s->ci_high); lua_setfield(L, -2, "high");
        lua_setfield(L, -2, "ci");
    }
    if (s->p_op) {
        lua_createtable(L, 0, 2);
        lua_pushstring(L, tc_op_name(s->p_op)); lua_setfield(L, -2, "op");
        lua_pushnumber(L, s->p_value); lua_setfield(L, -2, "value");
        lua_setfield(L, -2, "p");
    }
    set_spanstr(L, doc, "timepoint", s->timepoint);
    set_spanstr(L, doc, "subgroup", s->subgroup);
    set_spanstr(L, doc, "noun", s->noun);
    set_span(L, doc, s->span.off, s->span.len);
    if (s->sentence >= 0) {
        lua_pushinteger(L, s->sentence + 1);
        lua_setfield(L, -2, "sentence");
        const tc_sentence *sen = tc_doc_sentence(doc, (size_t)s->sentence);
        if (sen) set_section(L, doc, sen->section);
    }
    lua_createtable(L, 0, 5);
    set_subspan(L, "value", s->value_span);
    set_subspan(L, "sd", s->sd_span);
    set_subspan(L, "low", s->ci_low_span);
    set_subspan(L, "high", s->ci_high_span);
    set_subspan(L, "p", s->p_span);
    lua_setfield(L, -2, "spans");
}

static int doc_statistics(lua_State *L)
{
    tc_doc *doc = tc_lua_checkdoc(L, 1);
    size_t n = tc_doc_stat_count(doc);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        push_stat(L, doc, i);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static void push_refs(lua_State *L, const tc_citation *c)
{
    lua_createtable(L, (int)c->nrefs, 0);
    for (size_t j = 0; j < c->nrefs; j++) {
        lua_pushinteger(L, c->refs[j]);
        lua_rawseti(L, -2, (lua_Integer)j + 1);
    }
}

static void push_citation(lua_State *L, const tc_doc *doc, size_t i)
{
    const tc_citation *c = tc_doc_citation(doc, i);
    lua_createtable(L, 0, 8);
    set_span(L, doc, c->off, c->len);
    push_refs(L, c);
    lua_setfield(L, -2, "refs");
    if (c->sentence >= 0) { lua_pushinteger(L, c->sentence + 1); lua_setfield(L, -2, "sentence"); }
    set_section(L, doc, c->section);
    if (c->flags & TC_CIT_CAPPED) { lua_pushboolean(L, 1); lua_setfield(L, -2, "capped"); }
}

static int doc_citations(lua_State *L)
{
    tc_doc *doc = tc_lua_checkdoc(L, 1);
    size_t n = tc_doc_citation_count(doc);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        push_citation(L, doc, i);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

/* Statistics whose span lies inside [off, off+len), as a list. */
static void push_stats_in(lua_State *L, const tc_doc *doc, size_t off, size_t len)
{
    size_t first, n = tc_doc_stats_from(doc, off, len, &first);
    lua_createtable(L, (int)n, 0);
    lua_Integer k = 0;
    for (size_t i = first; i < first + n; i++) {
        const tc_stat *s = tc_doc_stat(doc, i);
        if (s->span.off + s->span.len > off + len) continue;
        push_stat(L, doc, i);
        lua_rawseti(L, -2, ++k);
    }
}

/* One entry of doc:references(): a context per citing marker, with its sentence. */
static int push_reference(lua_State *L, const tc_doc *doc, int number)
{
    size_t k;
    const size_t *cits = tc_doc_reference_citations(doc, number, &k);
    if (!k) return 0;
    lua_createtable(L, 0, 2);
    lua_pushinteger(L, number);
    lua_setfield(L, -2, "number");
    lua_createtable(L, (int)k, 0);
    for (size_t j = 0; j < k; j++) {
        const tc_citation *c = tc_doc_citation(doc, cits[j]);
        size_t off, len;
        int narrowed = tc_doc_citation_context(doc, cits[j], &off, &len);
        lua_createtable(L, 0, 10);
        set_span(L, doc, off, len);
        if (narrowed > 0) { lua_pushboolean(L, 1); lua_setfield(L, -2, "narrowed"); }
        set_section(L, doc, c->section);
        /* The marker by reference (its index into doc:citations()), not a copy of its
         * numbers: a marker naming k numbers appears in k references. */
        lua_createtable(L, 0, 3);
        set_span(L, doc, c->off, c->len);
        lua_setfield(L, -2, "marker");
        lua_pushinteger(L, (lua_Integer)cits[j] + 1);
        lua_setfield(L, -2, "citation");
        if (c->sentence >= 0) { lua_pushinteger(L, c->sentence + 1); lua_setfield(L, -2, "sentence"); }
        push_stats_in(L, doc, off, len);
        lua_setfield(L, -2, "statistics");
        lua_rawseti(L, -2, (lua_Integer)j + 1);
    }
    lua_setfield(L, -2, "contexts");
    return 1;
}

static int doc_references(lua_State *L)
{
    tc_doc *doc = tc_lua_checkdoc(L, 1);
    size_t n = tc_doc_reference_count(doc);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        push_reference(L, doc, tc_doc_reference_number(doc, i));
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static int doc_reference(lua_State *L)
{
    tc_doc *doc = tc_lua_checkdoc(L, 1);
    lua_Integer n = luaL_checkinteger(L, 2);
    if (n < 0 || n > TC_MAX_REF_NUMBER || !push_reference(L, doc, (int)n)) lua_pushnil(L);
    return 1;
}

static int doc_sections(lua_State *L)
{
    tc_doc *doc = tc_lua_checkdoc(L, 1);
    size_t n = tc_doc_section_count(doc);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        const tc_section *s = tc_doc_section(doc, i);
        lua_createtable(L, 0, 8);
        set_span(L, doc, s->off, s->len);
        lua_pushstring(L, tc_section_kind_name(s->kind));
        lua_setfield(L, -2, "kind");
        lua_pushinteger(L, (lua_Integer)s->body_off + 1);
        lua_setfield(L, -2, "body_start");
        lua_pushinteger(L, (lua_Integer)s->end);
        lua_setfield(L, -2, "body_stop");
        if (s->parent >= 0) { lua_pushinteger(L, s->parent + 1); lua_setfield(L, -2, "parent"); }
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static int doc_sentences(lua_State *L)
{
    tc_doc *doc = tc_lua_checkdoc(L, 1);
    size_t n = tc_doc_sentence_count(doc);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        const tc_sentence *s = tc_doc_sentence(doc, i);
        lua_createtable(L, 0, 5);
        set_span(L, doc, s->off, s->len);
        set_section(L, doc, s->section);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
}

static int doc_checks(lua_State *L)
{
    tc_doc *doc = tc_lua_checkdoc(L, 1);
    size_t n = tc_doc_check_count(doc);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        const tc_check *c = tc_doc_check(doc, i);
        lua_createtable(L, 0, 4);
        lua_pushstring(L, c->code); lua_setfield(L, -2, "code");
        lua_pushstring(L, tc_severity_name(c->severity)); lua_setfield(L, -2, "severity");
        lua_pushstring(L, c->message); lua_setfield(L, -2, "message");
        if (c->stat >= 0) { lua_pushinteger(L, c->stat + 1); lua_setfield(L, -2, "statistic"); }
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    return 1;
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
    tc_doc_free(d->doc);
    d->doc = NULL;   /* so that __close then __gc (or two closes) is harmless */
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

static int l_parse(lua_State *L)
{
    size_t len, idlen = 0;
    luaL_checktype(L, 1, LUA_TSTRING);   /* SPEC: raises on a non-string (numbers too) */
    const char *text = lua_tolstring(L, 1, &len);
    tc_parse_opts opts = { 0 };
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        lua_getfield(L, 2, "lang");
        if (!lua_isnil(L, -1)) {
            const char *lang = lua_tostring(L, -1);
            if (!lang || lua_type(L, -1) != LUA_TSTRING) return luaL_argerror(L, 2, "opts.lang must be a string");
            if (!strcmp(lang, "nl")) opts.lang = TC_LANG_NL;
            else if (!strcmp(lang, "fr")) opts.lang = TC_LANG_FR;
            else if (!strcmp(lang, "en")) opts.lang = TC_LANG_EN;
            else return luaL_argerror(L, 2, lua_pushfstring(L, "opts.lang: expected \"nl\", \"fr\" or \"en\", got \"%s\"", lang));
        }
        lua_getfield(L, 2, "id");
        if (!lua_isnil(L, -1)) {
            if (lua_type(L, -1) != LUA_TSTRING) return luaL_argerror(L, 2, "opts.id must be a string");
            opts.id = lua_tolstring(L, -1, &idlen);
            opts.id_len = idlen;
        }
    }
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
        { "close", doc_gc }, { NULL, NULL },
    };
    static const luaL_Reg meta[] = {
        { "__gc", doc_gc }, { "__close", doc_gc }, { "__tostring", doc_tostring }, { NULL, NULL },
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
