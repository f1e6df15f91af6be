/* luaopen_trialcite_core: the C half of require "trialcite" (lua/trialcite/init.lua
 * adds the pure-Lua helpers on top). */
#include "lua_trialcite.h"
#include <stdarg.h>
#include <stdio.h>

int tc_lua_raise(lua_State *L, int status, const char *what)
{
    return luaL_error(L, "trialcite: %s: %s", what, tc_strerror(status));
}

int tc_lua_fail(lua_State *L, const char *fmt, ...)
{
    va_list ap;
    luaL_pushfail(L);
    va_start(ap, fmt);
    lua_pushvfstring(L, fmt, ap);
    va_end(ap);
    return 2;
}

__attribute__((visibility("default"))) int luaopen_trialcite_core(lua_State *L)
{
    lua_newtable(L);
    lua_pushstring(L, tc_version());
    lua_setfield(L, -2, "VERSION");
    tc_lua_open_json(L);
    tc_lua_open_doc(L);
    tc_lua_open_data(L);
    tc_lua_open_resolver(L);
    tc_lua_open_bib(L);
    tc_lua_open_hosts(L);
    tc_lua_open_file(L);
    tc_lua_open_extract(L);
    return 1;
}
