/* STUB: tc.resolver. */
#include "lua_trialcite.h"
void tc_lua_open_resolver(lua_State *L) { (void)L; }
