/* STUB: tc.documents / tc.trials / tc.trial (bundled data). */
#include "lua_trialcite.h"
void tc_lua_open_data(lua_State *L) { (void)L; }
