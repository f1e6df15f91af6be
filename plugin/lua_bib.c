/* Lookup and bibliography enrichment for Lua: thin wrappers over tc_lookup_json,
 * tc_annotate_csl and tc_annotate_bibtex that take and return text (JSON or BibTeX).
 * lua/trialcite/init.lua turns them into tc.lookup and tc.annotate.
 *
 *   core.lookup_json(n, doc_or_id)                     -> json | nil, message
 *   core.annotate_json(items_json, doc_or_id [, field [, pretty]]) -> json, report_json | nil, message
 *   core.annotate_bibtex(text, doc_or_id [, field])    -> text, report_json
 *
 * doc_or_id: a parsed document or a bundled document id.  Misuse (a wrong type, an
 * unknown id or field) raises; "not cited" and malformed input return nil, message. */
#include "lua_trialcite.h"
#include <string.h>

typedef struct source { const tc_doc *doc; const char *id; size_t id_len; } source;

static source check_source(lua_State *L, int idx)
{
    source s = { NULL, NULL, 0 };
    if (lua_type(L, idx) == LUA_TSTRING) s.id = lua_tolstring(L, idx, &s.id_len);
    else if (tc_lua_testdoc(L, idx)) s.doc = tc_lua_checkdoc(L, idx);
    else luaL_argerror(L, idx, lua_pushfstring(L, "expected a parsed document or a bundled document id, got %s",
                                               luaL_typename(L, idx)));
    return s;
}

/* The document again, after the calls that may allocate (and so run a finalizer that
 * closes it): check_source's pointer is not used past them. */
static void recheck(lua_State *L, int idx, source *s)
{
    if (s->doc) s->doc = tc_lua_checkdoc(L, idx);
}

static int unknown_id(lua_State *L, int idx, const source *s)
{
    return luaL_argerror(L, idx, lua_pushfstring(L, "unknown document id '%s'", s->id));
}

static const char *check_field(lua_State *L, int idx, const char *a, const char *b)
{
    const char *f = luaL_optstring(L, idx, a);
    if (strcmp(f, a) && strcmp(f, b))
        luaL_argerror(L, idx, lua_pushfstring(L, "field must be \"%s\" or \"%s\", got \"%s\"", a, b, f));
    return f;
}

static int l_lookup_json(lua_State *L)
{
    lua_Integer n = luaL_checkinteger(L, 1);
    source s = check_source(L, 2);
    const tc_data *data = tc_lua_bundled(L);
    char *out = NULL;
    size_t len = 0;
    recheck(L, 2, &s);
    int rc = n < 1 || n > TC_MAX_REF_NUMBER ? TC_ENOTFOUND
           : tc_lookup_json(data, s.doc, s.id, s.id_len, (int)n, &out, &len);
    if (rc == TC_ENOTFOUND) return tc_lua_fail(L, "reference %I is not cited", (LUAI_UACINT)n);   /* not (int): 2^32+1 is not 1 */
    if (rc == TC_EINVAL && s.id) return unknown_id(L, 2, &s);
    if (rc != TC_OK) return tc_lua_raise(L, rc, "lookup");
    lua_pushlstring(L, out, len);
    tc_free(out);
    return 1;
}

/* Pushes out and report (both freed here) or fails/raises on rc. */
static int push_pair(lua_State *L, int rc, const source *s, char *out, size_t len, char *rep, size_t rlen,
                     const char *what, const char *bad_input)
{
    if (rc == TC_OK) {
        lua_pushlstring(L, out, len);
        lua_pushlstring(L, rep, rlen);
        tc_free(out);
        tc_free(rep);
        return 2;
    }
    if (rc == TC_EPARSE) return tc_lua_fail(L, "%s", bad_input);
    if (rc == TC_EINVAL && s->id) return unknown_id(L, 2, s);
    return tc_lua_raise(L, rc, what);
}

static int l_annotate_json(lua_State *L)
{
    size_t n, len = 0, rlen = 0;
    const char *items = luaL_checklstring(L, 1, &n);
    source s = check_source(L, 2);
    tc_annotate_opts opts = { check_field(L, 3, "annote", "note"), lua_toboolean(L, 4) };
    const tc_data *data = tc_lua_bundled(L);
    char *out = NULL, *rep = NULL;
    recheck(L, 2, &s);
    int rc = tc_annotate_csl(data, s.doc, s.id, s.id_len, items, n, &opts, &out, &len, &rep, &rlen);
    return push_pair(L, rc, &s, out, len, rep, rlen, "annotate", "items are not a CSL-JSON array");
}

static int l_annotate_bibtex(lua_State *L)
{
    size_t n, len = 0, rlen = 0;
    const char *bib = luaL_checklstring(L, 1, &n);
    source s = check_source(L, 2);
    tc_annotate_opts opts = { check_field(L, 3, "annotation", "annote"), 0 };
    const tc_data *data = tc_lua_bundled(L);
    char *out = NULL, *rep = NULL;
    recheck(L, 2, &s);
    int rc = tc_annotate_bibtex(data, s.doc, s.id, s.id_len, bib, n, &opts, &out, &len, &rep, &rlen);
    return push_pair(L, rc, &s, out, len, rep, rlen, "annotate_bibtex", "malformed BibTeX");
}

void tc_lua_open_bib(lua_State *L)
{
    static const luaL_Reg fns[] = {
        { "lookup_json", l_lookup_json },
        { "annotate_json", l_annotate_json },
        { "annotate_bibtex", l_annotate_bibtex },
        { NULL, NULL },
    };
    luaL_setfuncs(L, fns, 0);
}
