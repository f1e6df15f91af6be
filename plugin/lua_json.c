/* JSON <-> Lua values through cJSON, for bundled data, CSL-JSON and the CLI.
 * Decoding is bounded by TC_MAX_JSON_DEPTH; null is tc.null; objects decoded with
 * keep_order carry their key order in a metatable field __jsonorder, and arrays carry
 * the shared metatable tc.array_mt so that an empty array stays an array. */
#include "lua_trialcite.h"
#include "tc_internal.h"
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char ARRAY_MT = 0;   /* registry key (its address) of the array metatable */

static void push_array_mt(lua_State *L)
{
    lua_rawgetp(L, LUA_REGISTRYINDEX, &ARRAY_MT);
}

static void push_value(lua_State *L, const cJSON *v, int keep_order, int depth)
{
    luaL_checkstack(L, 4, "JSON too deep");
    if (cJSON_IsString(v)) lua_pushstring(L, v->valuestring);
    else if (cJSON_IsNumber(v)) {
        double d = v->valuedouble;
        if (d == floor(d) && fabs(d) < 9007199254740992.0) lua_pushinteger(L, (lua_Integer)d);
        else lua_pushnumber(L, d);
    }
    else if (cJSON_IsBool(v)) lua_pushboolean(L, cJSON_IsTrue(v));
    else if (cJSON_IsArray(v)) {
        lua_createtable(L, cJSON_GetArraySize(v), 0);
        lua_Integer i = 0;
        for (const cJSON *c = v->child; c; c = c->next) {
            push_value(L, c, keep_order, depth + 1);
            lua_rawseti(L, -2, ++i);
        }
        push_array_mt(L);
        lua_setmetatable(L, -2);
    } else if (cJSON_IsObject(v)) {
        lua_newtable(L);
        if (keep_order) lua_newtable(L);
        lua_Integer i = 0;
        for (const cJSON *c = v->child; c; c = c->next) {
            if (keep_order) { lua_pushstring(L, c->string); lua_rawseti(L, -2, ++i); }
            push_value(L, c, keep_order, depth + 1);
            lua_setfield(L, keep_order ? -3 : -2, c->string);
        }
        if (keep_order) {
            lua_createtable(L, 0, 1);
            lua_insert(L, -2);
            lua_setfield(L, -2, "__jsonorder");
            lua_setmetatable(L, -2);
        }
    } else lua_pushlightuserdata(L, NULL);   /* null */
}

int tc_lua_push_json_text(lua_State *L, const char *s, size_t len, int keep_order, char *err, size_t errlen)
{
    const char *why;
    size_t at;
    cJSON *v = tc_json_parse(s, len, &why, &at);
    if (!v) {
        snprintf(err, errlen, "%s at byte %lu", why, (unsigned long)at + 1);
        return 0;
    }
    push_value(L, v, keep_order, 0);
    cJSON_Delete(v);
    return 1;
}

/* ---- encoding ---- */

typedef struct enc { lua_State *L; char *err; size_t errlen; } enc;

static cJSON *to_json(enc *e, int idx, int depth);

static int is_array(lua_State *L, int idx, lua_Integer *n)
{
    if (lua_getmetatable(L, idx)) {
        push_array_mt(L);
        int arr = lua_rawequal(L, -1, -2);
        lua_pop(L, 2);
        if (arr) { *n = (lua_Integer)lua_rawlen(L, idx); return 1; }
    }
    lua_Integer count = 0, max = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1) { lua_pop(L, 1); return 0; }
        lua_Integer k = lua_tointeger(L, -1);
        if (k > max) max = k;
        count++;
    }
    *n = max;
    return count > 0 && max == count;
}

static int cmp_keys(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static cJSON *object_json(enc *e, int idx, int depth)
{
    lua_State *L = e->L;
    /* A statistic record builds its spans when first read: build them now, as the
     * reads below are raw. */
    if (tc_lua_fill_lazy(L, idx, e->err, e->errlen) < 0) return NULL;
    cJSON *o = cJSON_CreateObject();
    if (!o) return NULL;
    /* Keys in __jsonorder first, in that order, then the rest sorted, so output is stable. */
    int order = 0;
    if (luaL_getmetafield(L, idx, "__jsonorder") != LUA_TNIL) order = lua_gettop(L);
    else order = 0;
    if (order) {
        lua_Integer n = (lua_Integer)lua_rawlen(L, order);
        for (lua_Integer i = 1; i <= n; i++) {
            lua_rawgeti(L, order, i);
            const char *k = lua_tostring(L, -1);
            if (k && !cJSON_GetObjectItemCaseSensitive(o, k)) {   /* a key listed twice: once */
                /* Raw, like every other access here: an __index metamethod could raise
                 * (leaking o and the tree above it) or change the tables being encoded. */
                lua_pushvalue(L, -1);
                lua_rawget(L, idx);
                if (!lua_isnil(L, -1)) {
                    cJSON *v = to_json(e, lua_gettop(L), depth + 1);
                    if (!v) { lua_pop(L, 3); cJSON_Delete(o); return NULL; }
                    cJSON_AddItemToObject(o, k, v);
                }
                lua_pop(L, 1);
            }
            lua_pop(L, 1);
        }
    }
    size_t nk = 0, cap = 16;
    const char **keys = malloc(cap * sizeof *keys);
    if (!keys) { if (order) lua_pop(L, 1); cJSON_Delete(o); return NULL; }
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING) {
            snprintf(e->err, e->errlen, "cannot encode a table with %s keys as JSON", luaL_typename(L, -1));
            lua_pop(L, 1); free(keys); if (order) lua_pop(L, 1); cJSON_Delete(o); return NULL;
        }
        const char *k = lua_tostring(L, -1);
        if (cJSON_GetObjectItemCaseSensitive(o, k)) continue;
        if (nk == cap) {
            const char **p = realloc(keys, 2 * cap * sizeof *keys);
            if (!p) { lua_pop(L, 1); free(keys); if (order) lua_pop(L, 1); cJSON_Delete(o); return NULL; }
            keys = p; cap *= 2;
        }
        keys[nk++] = k;   /* stays valid: the key lives in the table */
    }
    qsort(keys, nk, sizeof *keys, cmp_keys);
    for (size_t i = 0; i < nk; i++) {
        lua_getfield(L, idx, keys[i]);
        cJSON *v = to_json(e, lua_gettop(L), depth + 1);
        lua_pop(L, 1);
        if (!v) { free(keys); if (order) lua_pop(L, 1); cJSON_Delete(o); return NULL; }
        cJSON_AddItemToObject(o, keys[i], v);
    }
    free(keys);
    if (order) lua_pop(L, 1);
    return o;
}

static cJSON *to_json(enc *e, int idx, int depth)
{
    lua_State *L = e->L;
    if (depth > TC_MAX_JSON_DEPTH) {
        snprintf(e->err, e->errlen, "value nested deeper than %d (a cycle?)", TC_MAX_JSON_DEPTH);
        return NULL;
    }
    luaL_checkstack(L, 6, "JSON encode");
    switch (lua_type(L, idx)) {
    case LUA_TNIL: return cJSON_CreateNull();
    case LUA_TLIGHTUSERDATA:
        if (lua_touserdata(L, idx) == NULL) return cJSON_CreateNull();
        break;
    case LUA_TBOOLEAN: return cJSON_CreateBool(lua_toboolean(L, idx));
    case LUA_TNUMBER: {
        double d = lua_tonumber(L, idx);
        if (isnan(d) || isinf(d)) { snprintf(e->err, e->errlen, "cannot encode %g as JSON", d); return NULL; }
        return cJSON_CreateNumber(d);
    }
    case LUA_TSTRING: return cJSON_CreateString(lua_tostring(L, idx));
    case LUA_TTABLE: {
        lua_Integer n;
        if (!is_array(L, idx, &n)) return object_json(e, idx, depth);
        cJSON *a = cJSON_CreateArray();
        for (lua_Integer i = 1; a && i <= n; i++) {
            lua_rawgeti(L, idx, i);
            cJSON *v = to_json(e, lua_gettop(L), depth + 1);
            lua_pop(L, 1);
            if (!v) { cJSON_Delete(a); return NULL; }
            cJSON_AddItemToArray(a, v);
        }
        return a;
    }
    default: break;
    }
    snprintf(e->err, e->errlen, "cannot encode a %s as JSON", luaL_typename(L, idx));
    return NULL;
}

char *tc_lua_encode_json(lua_State *L, int idx, int pretty, char *err, size_t errlen)
{
    enc e = { L, err, errlen };
    err[0] = '\0';
    cJSON *v = to_json(&e, lua_absindex(L, idx), 0);
    if (!v) { if (!err[0]) snprintf(err, errlen, "out of memory"); return NULL; }
    char *s = pretty ? cJSON_Print(v) : cJSON_PrintUnformatted(v);
    cJSON_Delete(v);
    if (!s) snprintf(err, errlen, "out of memory");
    return s;
}

/* tc.json_decode(text [, {keep_order=true}]) -> value | nil, message */
static int l_json_decode(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    int keep = 0;
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        lua_getfield(L, 2, "keep_order");
        keep = lua_toboolean(L, -1);
        lua_pop(L, 1);
    }
    char err[128];
    if (!tc_lua_push_json_text(L, s, len, keep, err, sizeof err)) return tc_lua_fail(L, "%s", err);
    return 1;
}

/* tc.json_encode(value [, {pretty=true}]) -> text; raises on values JSON cannot hold. */
static int l_json_encode(lua_State *L)
{
    luaL_checkany(L, 1);
    int pretty = 0;
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        lua_getfield(L, 2, "pretty");
        pretty = lua_toboolean(L, -1);
        lua_pop(L, 1);
    }
    char err[160];
    lua_settop(L, 1);
    char *s = tc_lua_encode_json(L, 1, pretty, err, sizeof err);
    if (!s) return luaL_error(L, "trialcite.json_encode: %s", err);
    lua_pushstring(L, s);
    free(s);
    return 1;
}

void tc_lua_open_json(lua_State *L)
{
    lua_newtable(L);
    lua_pushliteral(L, "array");
    lua_setfield(L, -2, "__jsontype");
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &ARRAY_MT);
    lua_setfield(L, -2, "array_mt");
    lua_pushlightuserdata(L, NULL);
    lua_setfield(L, -2, "null");
    lua_pushcfunction(L, l_json_decode);
    lua_setfield(L, -2, "json_decode");
    lua_pushcfunction(L, l_json_encode);
    lua_setfield(L, -2, "json_encode");
}
