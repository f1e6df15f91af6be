/* STUB: bibliography enrichment helpers. */
#include "lua_trialcite.h"
void tc_lua_open_bib(lua_State *L) { (void)L; }
