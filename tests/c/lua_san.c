/* lua-san: a minimal stand-in for the lua5.4 command, built with the sanitizers by
 * `make check-sanitize`.  Being instrumented itself, it needs no LD_PRELOAD, so the
 * programs the tests start (curl, nvim, pandoc, sh) run without the sanitizer runtime
 * (preloaded into them, some of them hang).
 *   lua-san [-e STAT] [-l MOD] [-W] [--] [SCRIPT [ARGS...]]    (no SCRIPT: stdin)
 * arg and ... are set as lua.c sets them; errors print a traceback and exit 1. */
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <string.h>

static int msghandler(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (!msg) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING) return 1;
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

/* Calls the function on the stack (below its nargs arguments) with a traceback. */
static int docall(lua_State *L, int nargs)
{
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, msghandler);
    lua_insert(L, base);
    int rc = lua_pcall(L, nargs, 0, base);
    lua_remove(L, base);
    if (rc != LUA_OK) {
        fprintf(stderr, "lua-san: %s\n", lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    return rc;
}

static int run(lua_State *L, int argc, char **argv)
{
    /* arg, set before any -e runs: the script at 0, its arguments from 1, the
     * interpreter and options below. */
    int script = 1;
    while (script < argc && argv[script][0] == '-' && strcmp(argv[script], "-")) {
        if (!strcmp(argv[script], "--")) { script++; break; }
        script += (!strcmp(argv[script], "-e") || !strcmp(argv[script], "-l")) ? 2 : 1;
    }
    if (script > argc) script = argc;
    lua_createtable(L, argc - script, script + 1);
    for (int k = 0; k < argc; k++) {
        lua_pushstring(L, argv[k]);
        lua_rawseti(L, -2, k - script);
    }
    lua_setglobal(L, "arg");
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "--")) { i++; break; }
        if (!strcmp(argv[i], "-")) break;
        if (!strcmp(argv[i], "-W")) { lua_warning(L, "@on", 0); continue; }
        if ((!strcmp(argv[i], "-e") || !strcmp(argv[i], "-l")) && i + 1 < argc) {
            int rc;
            if (argv[i][1] == 'e') {
                rc = luaL_loadbuffer(L, argv[i + 1], strlen(argv[i + 1]), "=(command line)");
                if (rc == LUA_OK) rc = docall(L, 0);
                else { fprintf(stderr, "lua-san: %s\n", lua_tostring(L, -1)); lua_pop(L, 1); }
            } else {
                lua_getglobal(L, "require");
                lua_pushstring(L, argv[i + 1]);
                rc = docall(L, 1);
            }
            if (rc != LUA_OK) return 1;
            i++;
            continue;
        }
        fprintf(stderr, "lua-san: unrecognized option '%s'\n", argv[i]);
        return 1;
    }
    if (script == argc && i > 1 && strcmp(argv[i - 1], "-") != 0) return 0;   /* only -e/-l */
    const char *fname = script < argc && strcmp(argv[script], "-") ? argv[script] : NULL;
    if (luaL_loadfile(L, fname) != LUA_OK) {
        fprintf(stderr, "lua-san: %s\n", lua_tostring(L, -1));
        return 1;
    }
    int n = 0;
    for (int k = script + 1; k < argc; k++, n++) lua_pushstring(L, argv[k]);
    return docall(L, n) == LUA_OK ? 0 : 1;
}

int main(int argc, char **argv)
{
    lua_State *L = luaL_newstate();
    if (!L) { fprintf(stderr, "lua-san: cannot create state\n"); return 1; }
    luaL_openlibs(L);
    int status = run(L, argc, argv);
    lua_close(L);
    return status;
}
