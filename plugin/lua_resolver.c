/* tc.resolver(opts) and the resolver userdata ("trialcite.resolver").  Lua callbacks
 * (on_progress) run under lua_pcall from inside the transfer loop: an error is stashed,
 * the batch told to stop, and the error raised once tc_resolve_many has returned, so
 * no longjmp ever crosses libcurl. */
#include "lua_trialcite.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TC_LUA_RESOLVER "trialcite.resolver"
#define TC_LUA_BATCH "trialcite.resolver.batch"

/* busy: inside resolve_many, whose on_progress must neither close the resolver (its
 * transfers are in flight) nor re-enter it (libcurl's multi handle is not re-entrant). */
typedef struct lresolver { tc_resolver *r; int busy; } lresolver;

static lresolver *check_lresolver(lua_State *L, int idx)
{
    lresolver *u = luaL_checkudata(L, idx, TC_LUA_RESOLVER);
    if (!u->r) luaL_argerror(L, idx, "resolver is closed");
    if (u->busy) luaL_argerror(L, idx, "resolver is busy (called from its own on_progress)");
    return u;
}

static tc_resolver *check_resolver(lua_State *L, int idx) { return check_lresolver(L, idx)->r; }

/* ---- options ---- */

/* A string option is left on the stack, so that it stays alive until l_resolver returns:
 * the opts table does not hold a string its __index made, and later lookups run Lua. */
static const char *opt_string(lua_State *L, int t, const char *k)
{
    int ty = lua_getfield(L, t, k);
    if (ty == LUA_TSTRING) return lua_tostring(L, -1);
    if (ty != LUA_TNIL) luaL_error(L, "bad option '%s' (string expected, got %s)", k, luaL_typename(L, -1));
    lua_pop(L, 1);
    return NULL;
}

static double opt_number(lua_State *L, int t, const char *k, double def)
{
    int ty = lua_getfield(L, t, k);
    double v = def;
    if (ty == LUA_TNUMBER) v = lua_tonumber(L, -1);
    else if (ty != LUA_TNIL) luaL_error(L, "bad option '%s' (number expected, got %s)", k, luaL_typename(L, -1));
    lua_pop(L, 1);
    return v;
}

static int opt_bool(lua_State *L, int t, const char *k)
{
    int ty = lua_getfield(L, t, k);
    int v = 0;
    if (ty == LUA_TBOOLEAN) v = lua_toboolean(L, -1);
    else if (ty != LUA_TNIL) luaL_error(L, "bad option '%s' (boolean expected, got %s)", k, luaL_typename(L, -1));
    lua_pop(L, 1);
    return v;
}

static const char *const known_opts[] = {
    "mailto", "user_agent", "cache_dir", "offline", "timeout", "concurrency", "crossref_url",
    "pubmed_url", "api_key", "max_retries", "max_retry_wait", "max_body", NULL
};

/* A numeric option as an int, clamped: casting an out-of-range double (1e300, NaN) is
 * undefined behaviour. */
static int opt_int(lua_State *L, int idx, const char *key)
{
    double v = opt_number(L, idx, key, 0);
    return !(v == v) ? 0 : v > 1e6 ? 1000000 : v < -1e6 ? -1000000 : (int)v;
}

static int l_resolver(lua_State *L)
{
    tc_resolver_opts o;
    memset(&o, 0, sizeof o);
    if (!lua_isnoneornil(L, 1)) {
        luaL_checktype(L, 1, LUA_TTABLE);
        lua_pushnil(L);
        while (lua_next(L, 1)) {   /* a misspelt option is misuse, not a silent default */
            lua_pop(L, 1);
            const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
            int ok = 0;
            for (int i = 0; k && known_opts[i]; i++) if (strcmp(k, known_opts[i]) == 0) ok = 1;
            if (!ok) return luaL_error(L, "unknown resolver option '%s'", k ? k : luaL_typename(L, -1));
        }
        o.mailto = opt_string(L, 1, "mailto");
        o.user_agent = opt_string(L, 1, "user_agent");
        o.cache_dir = opt_string(L, 1, "cache_dir");
        o.crossref_url = opt_string(L, 1, "crossref_url");
        o.pubmed_url = opt_string(L, 1, "pubmed_url");
        o.api_key = opt_string(L, 1, "api_key");
        o.offline = opt_bool(L, 1, "offline");
        o.timeout = opt_number(L, 1, "timeout", 0);
        o.concurrency = opt_int(L, 1, "concurrency");
        o.max_retries = opt_int(L, 1, "max_retries");
        if (o.max_retries == 0) {   /* an explicit 0 means no retries; C's 0 means the default */
            if (lua_getfield(L, 1, "max_retries") == LUA_TNUMBER) o.max_retries = -1;
            lua_pop(L, 1);
        }
        o.max_retry_wait = opt_number(L, 1, "max_retry_wait", 0);
        double mb = opt_number(L, 1, "max_body", 0);
        o.max_body = !(mb > 0) ? 0 : mb < (double)TC_MAX_HTTP_BODY ? (size_t)mb : TC_MAX_HTTP_BODY;
        if (o.timeout < 0) return luaL_error(L, "bad option 'timeout' (must be positive)");
    }
    lresolver *u = lua_newuserdatauv(L, sizeof *u, 0);
    u->r = NULL;   /* safe empty state before acquiring anything */
    u->busy = 0;
    luaL_setmetatable(L, TC_LUA_RESOLVER);
    int rc = tc_resolver_new(&o, &u->r);
    if (rc == TC_EINVAL) return luaL_error(L, "trialcite.resolver: crossref_url and pubmed_url must be http:// or https:// URLs");
    if (rc != TC_OK) return tc_lua_raise(L, rc, "resolver");
    return 1;
}

/* ---- queries ---- */

/* Reads a query at idx: a string (any identifier or text) or {doi=}/{pmid=}/{pmcid=}/{text=}.
 * The string is pinned by pins[slot] so a callback cannot free it.  Raises on misuse. */
static tc_query check_query(lua_State *L, int idx, int pins, lua_Integer slot, int argn)
{
    static const struct { const char *k; int kind; } keys[] = {
        { "doi", TC_Q_DOI }, { "pmid", TC_Q_PMID }, { "pmcid", TC_Q_PMCID }, { "text", TC_Q_TEXT },
    };
    tc_query q = { TC_Q_AUTO, NULL, 0 };
    idx = lua_absindex(L, idx);
    if (lua_type(L, idx) == LUA_TSTRING) {
        lua_pushvalue(L, idx);
    } else if (lua_type(L, idx) == LUA_TTABLE) {
        int found = 0;
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
            int ty = lua_getfield(L, idx, keys[i].k);
            if (ty == LUA_TNIL) { lua_pop(L, 1); continue; }
            if (ty != LUA_TSTRING && !(ty == LUA_TNUMBER && keys[i].kind == TC_Q_PMID))
                luaL_error(L, "bad argument #%d: field '%s' must be a string", argn, keys[i].k);
            if (found) luaL_error(L, "bad argument #%d: give one of doi, pmid, pmcid, text", argn);
            lua_tostring(L, -1);   /* a numeric PMID becomes its digits */
            q.kind = keys[i].kind;
            found = 1;
        }
        if (!found) luaL_error(L, "bad argument #%d: table needs a doi, pmid, pmcid or text field", argn);
    } else {
        luaL_error(L, "bad argument #%d: string or table expected, got %s", argn, luaL_typename(L, idx));
    }
    q.s = lua_tolstring(L, -1, &q.len);
    lua_rawseti(L, pins, slot);
    return q;
}

static int push_result(lua_State *L, const tc_result *res)
{
    char err[128];
    if (res->status == TC_OK && res->json) {
        if (tc_lua_push_json_text(L, res->json, res->json_len, 1, err, sizeof err)) return 1;
        return tc_lua_fail(L, "bad item JSON: %s", err);
    }
    return tc_lua_fail(L, "%s", res->error[0] ? res->error : tc_strerror(res->status));
}

static int r_resolve(lua_State *L)
{
    tc_resolver *r = check_resolver(L, 1);
    luaL_argcheck(L, lua_type(L, 2) == LUA_TSTRING || lua_type(L, 2) == LUA_TTABLE, 2, "string or table expected");
    lua_newtable(L);
    int pins = lua_gettop(L);
    tc_query q = check_query(L, 2, pins, 1, 2);
    tc_result res;
    memset(&res, 0, sizeof res);
    int rc = tc_resolve(r, &q, &res);
    if (rc == TC_ENOMEM || rc == TC_EINVAL) { tc_free(res.json); return tc_lua_raise(L, rc, "resolve"); }
    /* res.json must not leak if decoding raises (memory error): copy into Lua first. */
    if (res.status == TC_OK) {
        lua_pushlstring(L, res.json, res.json_len);
        tc_free(res.json);
        size_t n;
        const char *s = lua_tolstring(L, -1, &n);
        char err[128];
        if (tc_lua_push_json_text(L, s, n, 1, err, sizeof err)) return 1;
        return tc_lua_fail(L, "bad item JSON: %s", err);
    }
    return push_result(L, &res);
}

/* The results array lives in a userdata whose __gc frees the items, so a Lua error
 * anywhere after the batch cannot leak them. */
typedef struct lbatch { size_t n; tc_result *res; tc_query *q; } lbatch;

static void batch_free(lbatch *b)
{
    for (size_t i = 0; b->res && i < b->n; i++) { tc_free(b->res[i].json); b->res[i].json = NULL; }
    free(b->res); free(b->q);
    b->res = NULL; b->q = NULL; b->n = 0;
}

static int batch_gc(lua_State *L)
{
    batch_free(luaL_checkudata(L, 1, TC_LUA_BATCH));
    return 0;
}

typedef struct progress_ctx {
    lua_State *L;
    int fn, out;              /* stack indices: on_progress, the output table */
    int err_ref;              /* registry ref of a stashed error, or LUA_NOREF */
    size_t done, total, index;
    const tc_result *res;
} progress_ctx;

/* Runs under lua_pcall: builds the item, stores it, calls on_progress. */
static int progress_body(lua_State *L)
{
    progress_ctx *c = lua_touserdata(L, 1);
    const tc_result *res = c->res;
    char err[128];
    int decoded = res->status == TC_OK && res->json &&
                  tc_lua_push_json_text(L, res->json, res->json_len, 1, err, sizeof err);
    if (!decoded) {
        lua_createtable(L, 0, 1);
        lua_pushstring(L, res->status == TC_OK ? "bad item JSON" : res->error);
        lua_setfield(L, -2, "error");
    }
    /* c->out and c->fn index the caller's frame, not this one: they come as
     * arguments 2 and 3. */
    lua_pushvalue(L, -1);
    lua_rawseti(L, 2, (lua_Integer)c->index + 1);
    if (lua_isnil(L, 3)) return 0;
    int item = lua_gettop(L);
    lua_pushvalue(L, 3);
    lua_pushinteger(L, (lua_Integer)c->done);
    lua_pushinteger(L, (lua_Integer)c->total);
    lua_pushvalue(L, item);
    lua_pushinteger(L, (lua_Integer)c->index + 1);
    lua_call(L, 4, 1);
    lua_pushboolean(L, lua_type(L, -1) == LUA_TBOOLEAN && !lua_toboolean(L, -1));   /* false: stop */
    return 1;
}

static int on_progress(void *ud, size_t done, size_t total, size_t index, const tc_result *res)
{
    progress_ctx *c = ud;
    lua_State *L = c->L;
    if (c->err_ref != LUA_NOREF) return 1;
    if (!lua_checkstack(L, 8)) return 1;
    c->done = done; c->total = total; c->index = index; c->res = res;
    lua_pushcfunction(L, progress_body);
    lua_pushlightuserdata(L, c);
    lua_pushvalue(L, c->out);
    if (c->fn) lua_pushvalue(L, c->fn); else lua_pushnil(L);
    if (lua_pcall(L, 3, 1, 0) != LUA_OK) {
        c->err_ref = luaL_ref(L, LUA_REGISTRYINDEX);   /* raised after the batch returns */
        return 1;
    }
    int stop = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return stop;
}

static int r_resolve_many(lua_State *L)
{
    lresolver *u = check_lresolver(L, 1);
    tc_resolver *r = u->r;
    luaL_checktype(L, 2, LUA_TTABLE);
    int fn = 0;
    if (!lua_isnoneornil(L, 3)) {
        luaL_checktype(L, 3, LUA_TTABLE);
        int ty = lua_getfield(L, 3, "on_progress");
        if (ty != LUA_TNIL && ty != LUA_TFUNCTION) return luaL_error(L, "bad option 'on_progress' (function expected, got %s)", luaL_typename(L, -1));
        if (ty == LUA_TFUNCTION) fn = lua_gettop(L);
        else lua_pop(L, 1);
    }
    size_t n = (size_t)luaL_len(L, 2);
    lbatch *b = lua_newuserdatauv(L, sizeof *b, 0);
    b->n = 0; b->res = NULL; b->q = NULL;
    luaL_setmetatable(L, TC_LUA_BATCH);
    if (n && (!(b->res = calloc(n, sizeof *b->res)) || !(b->q = calloc(n, sizeof *b->q))))
        return tc_lua_raise(L, TC_ENOMEM, "resolve_many");
    b->n = n;
    lua_createtable(L, (int)n, 0);
    int pins = lua_gettop(L);
    for (size_t i = 0; i < n; i++) {
        lua_geti(L, 2, (lua_Integer)i + 1);
        b->q[i] = check_query(L, -1, pins, (lua_Integer)i + 1, 2);
        lua_pop(L, 1);
    }
    lua_createtable(L, (int)n, 0);
    int out = lua_gettop(L);
    progress_ctx c = { L, fn, out, LUA_NOREF, 0, 0, 0, NULL };
    u->busy = 1;   /* on_progress runs under lua_pcall: tc_resolve_many always returns */
    int rc = tc_resolve_many(r, b->q, n, b->res, on_progress, &c);
    u->busy = 0;
    if (c.err_ref != LUA_NOREF) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, c.err_ref);
        luaL_unref(L, LUA_REGISTRYINDEX, c.err_ref);
        return lua_error(L);   /* the batch userdata's __gc frees the items */
    }
    if (rc == TC_ENOMEM || rc == TC_EINVAL) return tc_lua_raise(L, rc, "resolve_many");
    for (size_t i = 0; i < n; i++) {
        if (lua_rawgeti(L, out, (lua_Integer)i + 1) != LUA_TNIL) { lua_pop(L, 1); continue; }
        lua_pop(L, 1);
        if (push_result(L, &b->res[i]) == 2) {   /* nil, message -> {error=message} */
            lua_createtable(L, 0, 1);
            lua_insert(L, -2);
            lua_setfield(L, -2, "error");
            lua_remove(L, -2);
        }
        lua_rawseti(L, out, (lua_Integer)i + 1);
    }
    batch_free(b);
    lua_pushvalue(L, out);
    return 1;
}

static int r_close(lua_State *L)
{
    lresolver *u = luaL_checkudata(L, 1, TC_LUA_RESOLVER);
    if (u->busy) return luaL_error(L, "trialcite: resolver is busy (closed from its own on_progress)");
    tc_resolver_free(u->r);   /* may run twice (__close then __gc): the second is a no-op */
    u->r = NULL;
    return 0;
}

static int r_tostring(lua_State *L)
{
    lresolver *u = luaL_checkudata(L, 1, TC_LUA_RESOLVER);
    if (u->r) lua_pushfstring(L, "trialcite.resolver (%p)", (void *)u->r);
    else lua_pushliteral(L, "trialcite.resolver (closed)");
    return 1;
}

static int l_doi_normalize(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    char out[1024];
    size_t n = 0;
    if (tc_doi_normalize(s, len, out, sizeof out, &n) != TC_OK) return tc_lua_fail(L, "not a DOI: %s", s);
    lua_pushlstring(L, out, n);
    return 1;
}

void tc_lua_open_resolver(lua_State *L)
{
    static const luaL_Reg methods[] = {
        { "resolve", r_resolve }, { "resolve_many", r_resolve_many }, { "close", r_close }, { NULL, NULL }
    };
    static const luaL_Reg meta[] = {
        { "__gc", r_close }, { "__close", r_close }, { "__tostring", r_tostring }, { NULL, NULL }
    };
    if (luaL_newmetatable(L, TC_LUA_RESOLVER)) {
        luaL_setfuncs(L, meta, 0);
        luaL_newlib(L, methods);
        lua_setfield(L, -2, "__index");
    }
    lua_pop(L, 1);
    if (luaL_newmetatable(L, TC_LUA_BATCH)) {
        lua_pushcfunction(L, batch_gc);
        lua_setfield(L, -2, "__gc");
    }
    lua_pop(L, 1);
    lua_pushcfunction(L, l_resolver);
    lua_setfield(L, -2, "resolver");
    lua_pushcfunction(L, l_doi_normalize);
    lua_setfield(L, -2, "doi_normalize");
}
