/* tc.parse_file (tc_parse_file) and tc.batch (tc_batch).  A file that cannot be read
 * is an expected failure (nil, message); misuse raises. */
#include "lua_trialcite.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <lualib.h>

/* tc.parse_file(path [, {lang=, id=, threads=}]) -> doc | nil, message */
static int l_parse_file(lua_State *L)
{
    size_t plen;
    luaL_checktype(L, 1, LUA_TSTRING);
    const char *path = lua_tolstring(L, 1, &plen);
    tc_parse_opts opts;
    tc_lua_parse_opts(L, 2, &opts);
    char err[512];
    tc_doc **slot = tc_lua_newdoc(L);
    int rc = tc_parse_file(path, plen, &opts, slot, err, sizeof err);
    if (rc == TC_EIO) return tc_lua_fail(L, "trialcite: %s", err);
    if (rc == TC_ELIMIT) return tc_lua_fail(L, "trialcite: %s: larger than the limit", path);
    if (rc != TC_OK) return tc_lua_raise(L, rc, "parse_file");
    return 1;
}

/* ---- tc.batch ----------------------------------------------------------------------- */

typedef struct lbatch {
    lua_State *L;
    FILE *out;             /* lines go here, unless write_fn */
    int write_fn, progress_fn;   /* stack indices of the functions, 0 if none */
    int err;               /* stack index of a stashed error value, 0 if none */
    int write_errno;
} lbatch;

/* Runs the function at index fn with the nargs values on top; an error is kept (left
 * on the stack, its index in b->err, raised once tc_batch has returned: no longjmp
 * past the batch's threads) and stops the batch. */
static int call(lbatch *b, int fn, int nargs)
{
    lua_State *L = b->L;
    lua_pushvalue(L, fn);
    lua_insert(L, -nargs - 1);
    if (lua_pcall(L, nargs, 0, 0) != LUA_OK) { b->err = lua_gettop(L); return 1; }
    return 0;
}

static int batch_write(void *ud, const char *s, size_t len)
{
    lbatch *b = ud;
    if (b->write_fn) {
        lua_pushlstring(b->L, s, len);
        return call(b, b->write_fn, 1);
    }
    if (fwrite(s, 1, len, b->out) != len) { b->write_errno = errno ? errno : EIO; return 1; }
    return 0;
}

static int batch_progress(void *ud, size_t done, size_t total)
{
    lbatch *b = ud;
    lua_pushinteger(b->L, (lua_Integer)done);
    lua_pushinteger(b->L, (lua_Integer)total);
    return call(b, b->progress_fn, 2);
}

/* tc.batch(inputs [, {threads=, jsonl=, lang=, window=, recognize=, out=file, write=fn,
 *                    on_progress=fn}]) -> {documents=, errors=} | nil, message */
static int l_batch(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    tc_batch_opts o;
    memset(&o, 0, sizeof o);
    lbatch b = { L, stdout, 0, 0, 0, 0 };
    lua_settop(L, 2);
    if (!lua_isnil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        if (lua_getfield(L, 2, "threads") != LUA_TNIL) {
            int isnum = 0;
            lua_Integer t = lua_tointegerx(L, -1, &isnum);
            luaL_argcheck(L, isnum && t >= 0 && t <= 1024, 2, "opts.threads must be an integer from 0 to 1024");
            o.threads = (int)t;
        }
        if (lua_getfield(L, 2, "window") != LUA_TNIL) {
            int isnum = 0;
            lua_Integer w = lua_tointegerx(L, -1, &isnum);
            luaL_argcheck(L, isnum && w >= 0 && w <= 65536, 2, "opts.window must be an integer from 0 to 65536");
            o.window = (size_t)w;
        }
        lua_getfield(L, 2, "jsonl");
        if (lua_toboolean(L, -1)) o.flags |= TC_BATCH_JSONL;
        if (lua_getfield(L, 2, "recognize") != LUA_TNIL && !lua_toboolean(L, -1)) o.flags |= TC_BATCH_NO_RECOGNIZE;
        o.lang = tc_lua_opt_lang(L, 2);
        if (lua_getfield(L, 2, "out") != LUA_TNIL) {
            luaL_Stream *p = luaL_testudata(L, -1, LUA_FILEHANDLE);
            luaL_argcheck(L, p && p->closef && p->f, 2, "opts.out must be an open file");
            b.out = p->f;   /* the file stays anchored at this stack slot */
        }
        if (lua_getfield(L, 2, "write") != LUA_TNIL) {
            luaL_argcheck(L, lua_isfunction(L, -1), 2, "opts.write must be a function");
            b.write_fn = lua_gettop(L);
        }
        if (lua_getfield(L, 2, "on_progress") != LUA_TNIL) {
            luaL_argcheck(L, lua_isfunction(L, -1), 2, "opts.on_progress must be a function");
            b.progress_fn = lua_gettop(L);
        }
    }
    /* The names, in a block and a table of our own, so that a callback changing the
     * caller's table cannot free a string the workers read. */
    lua_Integer n = (lua_Integer)lua_rawlen(L, 1);
    luaL_argcheck(L, n >= 0 && (lua_Unsigned)n < ((size_t)-1) / 32, 1, "too many inputs");
    size_t un = (size_t)n;
    const char **names = lua_newuserdatauv(L, un * (sizeof *names + sizeof(size_t)) + 1, 0);
    size_t *lens = (size_t *)(void *)(names + un);
    lua_createtable(L, n > 0 && n < 1 << 24 ? (int)n : 0, 0);
    int anchor = lua_gettop(L);
    for (size_t i = 0; i < un; i++) {
        if (lua_rawgeti(L, 1, (lua_Integer)i + 1) != LUA_TSTRING)
            return luaL_argerror(L, 1, lua_pushfstring(L, "input %d is not a string", (int)i + 1));
        names[i] = lua_tolstring(L, -1, &lens[i]);
        lua_rawseti(L, anchor, (lua_Integer)i + 1);
    }
    o.write = batch_write; o.write_ud = &b;
    if (b.progress_fn) { o.progress = batch_progress; o.progress_ud = &b; }
    luaL_checkstack(L, 8, "batch");      /* room for the callbacks' calls */
    tc_batch_stats st;
    int rc = tc_batch(names, lens, un, &o, &st);
    if (b.err) return lua_error(L);          /* the callback's error, raised now */
    if (rc == TC_ECANCELLED && b.write_errno)
        return tc_lua_fail(L, "trialcite: cannot write: %s", strerror(b.write_errno));
    if (rc != TC_OK) return tc_lua_raise(L, rc, "batch");
    lua_createtable(L, 0, 2);
    lua_pushinteger(L, (lua_Integer)st.documents);
    lua_setfield(L, -2, "documents");
    lua_pushinteger(L, (lua_Integer)st.errors);
    lua_setfield(L, -2, "errors");
    return 1;
}

void tc_lua_open_file(lua_State *L)
{
    lua_pushcfunction(L, l_parse_file);
    lua_setfield(L, -2, "parse_file");
    lua_pushcfunction(L, l_batch);
    lua_setfield(L, -2, "batch");
}
