/* The binding of the host helpers: tc.parse_many (tc_parse_many_opts) and
 * trialcite.core.forest_svg_json (tc_forest_svg).  lua/trialcite/init.lua adds
 * tc.forest_svg on top, taking a trial record or a results list. */
#include "lua_trialcite.h"
#include <string.h>

/* tc.parse_many(texts [, {threads=N, lang=, ids={...}}]) -> { doc | {error=msg}, ... } */
static int l_parse_many(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    int threads = 0, lang = TC_LANG_UNKNOWN, has_ids = 0;
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        if (lua_getfield(L, 2, "threads") != LUA_TNIL) {
            int isnum = 0;
            lua_Integer t = lua_tointegerx(L, -1, &isnum);
            luaL_argcheck(L, isnum && t >= 0 && t <= 1024, 2, "opts.threads must be an integer from 0 to 1024");
            threads = (int)t;
        }
        lang = tc_lua_opt_lang(L, 2);
        if (lua_getfield(L, 2, "ids") != LUA_TNIL) {
            luaL_argcheck(L, lua_type(L, -1) == LUA_TTABLE, 2, "opts.ids must be a table");
            has_ids = 1;
        }
        /* opts.ids takes the place of opts (slot 2) so that it, and the ids in it, stay
         * anchored while the texts are parsed. */
        lua_copy(L, -1, 2);
        lua_pop(L, 2);   /* threads and ids (tc_lua_opt_lang pops its own) */
    }
    /* Raw access only: a string made by an __index metamethod would be anchored by
     * nothing and could be collected before the threads read it. */
    lua_Integer n = (lua_Integer)lua_rawlen(L, 1);
    luaL_argcheck(L, n >= 0 && (lua_Unsigned)n < ((size_t)-1) / 64, 1, "too many texts");
    size_t un = (size_t)n;

    /* Scratch arrays in one Lua-owned block: an error cannot leak them. */
    size_t need = un * (sizeof(const char *) + sizeof(size_t) + sizeof(tc_parse_opts)
                        + 2 * sizeof(tc_doc *) + sizeof(int) + sizeof(size_t)) + 1;
    char *block = lua_newuserdatauv(L, need, 0);
    int scratch = lua_gettop(L);
    tc_parse_opts *popts = (tc_parse_opts *)(void *)block;
    tc_doc **docs = (tc_doc **)(void *)(popts + un);
    tc_doc ***slots = (tc_doc ***)(void *)(docs + un);   /* each result userdata's slot */
    const char **texts = (const char **)(void *)(slots + un);
    size_t *lens = (size_t *)(void *)(texts + un);
    size_t *where = lens + un;              /* input index of each text parsed */
    int *status = (int *)(void *)(where + un);
    size_t m = 0;

    /* The results table, with an empty document userdata already in place for every
     * string: after parsing, each document is handed over without allocating. */
    lua_createtable(L, n > 0 && n < 1 << 24 ? (int)n : 0, 0);
    int results = lua_gettop(L);
    for (size_t i = 0; i < un; i++) {
        if (lua_rawgeti(L, 1, (lua_Integer)i + 1) != LUA_TSTRING) { lua_pop(L, 1); continue; }
        texts[m] = lua_tolstring(L, -1, &lens[m]);   /* anchored by the texts table */
        lua_pop(L, 1);
        memset(&popts[m], 0, sizeof popts[m]);
        popts[m].lang = lang;
        if (has_ids) {
            if (lua_rawgeti(L, 2, (lua_Integer)i + 1) == LUA_TSTRING) {
                popts[m].id = lua_tolstring(L, -1, &popts[m].id_len);   /* anchored by opts.ids */
            }
            lua_pop(L, 1);
        }
        docs[m] = NULL;
        where[m] = i;
        slots[m] = tc_lua_newdoc(L);
        lua_seti(L, results, (lua_Integer)i + 1);
        m++;
    }
    int rc = tc_parse_many_opts(texts, lens, popts, m, threads, docs, status);
    if (rc != TC_OK) return tc_lua_raise(L, rc, "parse_many");
    /* Hand every document over first, so that nothing below can leak one. */
    for (size_t k = 0; k < m; k++) *slots[k] = docs[k];
    for (size_t k = 0; k < m; k++) {
        if (status[k] == TC_OK) continue;
        lua_createtable(L, 0, 1);
        if (status[k] == TC_ELIMIT)
            lua_pushfstring(L, "text of %I bytes exceeds the limit", (lua_Integer)lens[k]);
        else lua_pushstring(L, tc_strerror(status[k]));
        lua_setfield(L, -2, "error");
        lua_seti(L, results, (lua_Integer)where[k] + 1);
    }
    for (size_t i = 0; i < un; i++) {
        int t = lua_rawgeti(L, 1, (lua_Integer)i + 1);
        lua_pop(L, 1);
        if (t == LUA_TSTRING) continue;
        lua_createtable(L, 0, 1);
        lua_pushfstring(L, "entry %I is a %s, not a string", (lua_Integer)i + 1, lua_typename(L, t));
        lua_setfield(L, -2, "error");
        lua_seti(L, results, (lua_Integer)i + 1);
    }
    lua_remove(L, scratch);
    return 1;
}

static int push_lstring(lua_State *L)
{
    lua_pushlstring(L, lua_touserdata(L, 1), (size_t)lua_tointeger(L, 2));
    return 1;
}

/* core.forest_svg_json(json [, {width=, title=}]) -> SVG text; nil, message for JSON
 * that is neither a results array nor a trial object. */
static int l_forest_svg_json(lua_State *L)
{
    size_t len, tlen = 0;
    const char *json = luaL_checklstring(L, 1, &len);
    tc_forest_opts opts = { 0 };
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        if (lua_getfield(L, 2, "width") != LUA_TNIL) {
            int isnum = 0;
            lua_Number w = lua_tonumberx(L, -1, &isnum);
            luaL_argcheck(L, isnum && w >= 1 && w <= 100000, 2, "opts.width must be a number of pixels");
            opts.width = (int)w;
        }
        if (lua_getfield(L, 2, "title") != LUA_TNIL) {
            luaL_argcheck(L, lua_type(L, -1) == LUA_TSTRING, 2, "opts.title must be a string");
            opts.title = lua_tolstring(L, -1, &tlen);   /* anchored by opts */
            opts.title_len = tlen;
        }
        lua_pop(L, 2);
    }
    char *svg = NULL;
    size_t n = 0;
    int rc = tc_forest_svg(json, len, &opts, &svg, &n);
    if (rc == TC_EPARSE) return tc_lua_fail(L, "forest_svg: expected a JSON array of results or a trial object");
    if (rc != TC_OK) return tc_lua_raise(L, rc, "forest_svg");
    /* Copied into Lua under lua_pcall, so that a memory error cannot leak svg. */
    lua_pushcfunction(L, push_lstring);
    lua_pushlightuserdata(L, svg);
    lua_pushinteger(L, (lua_Integer)n);
    rc = lua_pcall(L, 2, 1, 0);
    tc_free(svg);
    if (rc != LUA_OK) return lua_error(L);
    return 1;
}

void tc_lua_open_hosts(lua_State *L)
{
    static const luaL_Reg fns[] = {
        { "parse_many", l_parse_many }, { "forest_svg_json", l_forest_svg_json }, { NULL, NULL },
    };
    luaL_setfuncs(L, fns, 0);
}
