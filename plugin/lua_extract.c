/* The trial extractor for Lua: a thin wrapper over tc_extract_trial_json and
 * tc_extract_trial_reference.  lua/trialcite/init.lua turns it into tc.extract_trial.
 *
 *   core.extract_trial_json(doc [, id [, pretty]]) -> json
 *   core.extract_trial_reference(doc)              -> n | nil, message */
#include "lua_trialcite.h"

static int l_extract_trial_json(lua_State *L)
{
    tc_lua_checkdoc(L, 1);
    tc_extract_opts o = { NULL, 0, 0 };
    if (!lua_isnoneornil(L, 2)) o.id = luaL_checklstring(L, 2, &o.id_len);
    o.pretty = lua_toboolean(L, 3);
    /* After luaL_checklstring, which may allocate (a number turned string) and so run a
     * finalizer that closes the document. */
    tc_doc *doc = tc_lua_checkdoc(L, 1);
    char *out = NULL;
    size_t len = 0;
    int rc = tc_extract_trial_json(doc, &o, &out, &len);
    if (rc != TC_OK) return tc_lua_raise(L, rc, "extract_trial");
    lua_pushlstring(L, out, len);
    tc_free(out);
    return 1;
}

static int l_extract_trial_reference(lua_State *L)
{
    int n = tc_extract_trial_reference(tc_lua_checkdoc(L, 1));
    if (!n) return tc_lua_fail(L, "no reference cites the appraised trial");
    lua_pushinteger(L, n);
    return 1;
}

void tc_lua_open_extract(lua_State *L)
{
    static const luaL_Reg fns[] = {
        { "extract_trial_json", l_extract_trial_json },
        { "extract_trial_reference", l_extract_trial_reference },
        { NULL, NULL }
    };
    luaL_setfuncs(L, fns, 0);
}
