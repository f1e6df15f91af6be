/* tc.documents / tc.trials / tc.trial / tc.document / tc.recognize / tc.load_trials.
 * Records come from the C API as JSON text and become Lua tables through
 * tc_lua_push_json_text.  The bundled data is parsed once per Lua state, on first use,
 * into a "trialcite.data" userdata kept in the registry (freed by its __gc). */
#include "lua_trialcite.h"
#include <string.h>

#define TC_LUA_DATA "trialcite.data"

typedef struct ldata { tc_data *data; } ldata;

static const char BUNDLED = 0;   /* registry key (its address) of the bundled data */

static int data_gc(lua_State *L)
{
    ldata *d = luaL_checkudata(L, 1, TC_LUA_DATA);
    tc_data_free(d->data);
    d->data = NULL;
    return 0;
}

static int data_tostring(lua_State *L)
{
    ldata *d = luaL_checkudata(L, 1, TC_LUA_DATA);
    if (d->data) lua_pushfstring(L, "trialcite.data (%p)", (void *)d->data);
    else lua_pushliteral(L, "trialcite.data (closed)");
    return 1;
}

static const tc_data *checkdata(lua_State *L, int idx)
{
    ldata *d = luaL_checkudata(L, idx, TC_LUA_DATA);
    if (!d->data) luaL_argerror(L, idx, "data is closed");
    return d->data;
}

/* A new empty userdata (safe to collect before anything is loaded into it). */
static ldata *newdata(lua_State *L)
{
    ldata *d = lua_newuserdatauv(L, sizeof *d, 0);
    d->data = NULL;
    luaL_setmetatable(L, TC_LUA_DATA);
    return d;
}

const tc_data *tc_lua_bundled(lua_State *L)
{
    const tc_data *data;
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &BUNDLED) == LUA_TUSERDATA) {
        data = ((ldata *)lua_touserdata(L, -1))->data;
        lua_pop(L, 1);
        return data;
    }
    lua_pop(L, 1);
    ldata *d = newdata(L);
    int rc = tc_data_bundled(&d->data);
    if (rc != TC_OK) { tc_lua_raise(L, rc, "bundled data"); return NULL; }
    lua_rawsetp(L, LUA_REGISTRYINDEX, &BUNDLED);
    return d->data;
}

/* Pushes the JSON text (taken: freed here) as a Lua value; raises on failure. */
static void push_json(lua_State *L, char *s, size_t len)
{
    char err[160];
    int ok = tc_lua_push_json_text(L, s, len, 1, err, sizeof err);
    tc_free(s);
    if (!ok) luaL_error(L, "trialcite: %s", err);
}

/* The data a function works on: the userdata at index 1 for methods, else bundled. */
static const tc_data *target(lua_State *L, int method)
{
    return method ? checkdata(L, 1) : tc_lua_bundled(L);
}

static int documents_impl(lua_State *L, int method)
{
    const tc_data *data = target(L, method);
    char *s; size_t n;
    int rc = tc_data_documents_json(data, &s, &n);
    if (rc != TC_OK) return tc_lua_raise(L, rc, "documents");
    push_json(L, s, n);
    return 1;
}

static int trials_impl(lua_State *L, int method)
{
    const tc_data *data = target(L, method);
    char *s; size_t n;
    int rc = tc_data_trials_json(data, &s, &n);
    if (rc != TC_OK) return tc_lua_raise(L, rc, "trials");
    push_json(L, s, n);
    return 1;
}

/* x: a trial id, DOI (any form), PMID (string or integer), PMCID or registration. */
static int trial_impl(lua_State *L, int method)
{
    int arg = method ? 2 : 1;
    const tc_data *data = target(L, method);
    luaL_argcheck(L, lua_type(L, arg) == LUA_TSTRING || lua_type(L, arg) == LUA_TNUMBER, arg, "string expected");
    size_t len;
    const char *key = lua_tolstring(L, arg, &len);
    char *s; size_t n;
    int rc = tc_data_trial_json(data, key, len, &s, &n);
    if (rc == TC_ENOTFOUND) return tc_lua_fail(L, "no trial matches \"%s\"", key);
    if (rc != TC_OK) return tc_lua_raise(L, rc, "trial");
    push_json(L, s, n);
    return 1;
}

static int document_impl(lua_State *L, int method)
{
    int arg = method ? 2 : 1;
    const tc_data *data = target(L, method);
    size_t len;
    const char *id = luaL_checklstring(L, arg, &len);
    char *s; size_t n;
    int rc = tc_data_document_json(data, id, len, &s, &n);
    if (rc == TC_ENOTFOUND) return tc_lua_fail(L, "no document \"%s\"", id);
    if (rc != TC_OK) return tc_lua_raise(L, rc, "document");
    push_json(L, s, n);
    return 1;
}

static int recognize_impl(lua_State *L, int method)
{
    int arg = method ? 2 : 1;
    const tc_data *data = target(L, method);
    const tc_doc *doc = tc_lua_checkdoc(L, arg);
    const char *id = tc_data_recognize(data, doc);
    if (!id) return tc_lua_fail(L, "not one of the known documents");
    lua_pushstring(L, id);
    return 1;
}

static int l_documents(lua_State *L) { return documents_impl(L, 0); }
static int l_trials(lua_State *L) { return trials_impl(L, 0); }
static int l_trial(lua_State *L) { return trial_impl(L, 0); }
static int l_document(lua_State *L) { return document_impl(L, 0); }
static int l_recognize(lua_State *L) { return recognize_impl(L, 0); }
static int m_documents(lua_State *L) { return documents_impl(L, 1); }
static int m_trials(lua_State *L) { return trials_impl(L, 1); }
static int m_trial(lua_State *L) { return trial_impl(L, 1); }
static int m_document(lua_State *L) { return document_impl(L, 1); }
static int m_recognize(lua_State *L) { return recognize_impl(L, 1); }

/* tc.load_trials(json_text) -> data, or nil, message naming the offending field. */
static int l_load_trials(lua_State *L)
{
    size_t len;
    const char *json = luaL_checklstring(L, 1, &len);
    char err[400];
    ldata *d = newdata(L);
    int rc = tc_data_load(json, len, &d->data, err, sizeof err);
    if (rc == TC_EPARSE) return tc_lua_fail(L, "%s", err);
    if (rc != TC_OK) return tc_lua_raise(L, rc, "load_trials");
    return 1;
}

void tc_lua_open_data(lua_State *L)
{
    static const luaL_Reg meta[] = {
        { "__gc", data_gc }, { "__close", data_gc }, { "__tostring", data_tostring }, { NULL, NULL } };
    static const luaL_Reg methods[] = {
        { "documents", m_documents }, { "trials", m_trials }, { "trial", m_trial },
        { "document", m_document }, { "recognize", m_recognize }, { "close", data_gc }, { NULL, NULL } };
    static const luaL_Reg funcs[] = {
        { "documents", l_documents }, { "trials", l_trials }, { "trial", l_trial },
        { "document", l_document }, { "recognize", l_recognize }, { "load_trials", l_load_trials },
        { NULL, NULL } };
    if (luaL_newmetatable(L, TC_LUA_DATA)) {
        luaL_setfuncs(L, meta, 0);
        luaL_newlib(L, methods);
        lua_setfield(L, -2, "__index");
    }
    lua_pop(L, 1);
    luaL_setfuncs(L, funcs, 0);
}
