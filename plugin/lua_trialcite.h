/* Shared declarations of the Lua binding (plugin/lua_*.c).  The binding stays thin:
 * the C library does the work, these files only shape Lua values. */
#ifndef LUA_TRIALCITE_H
#define LUA_TRIALCITE_H

#include "trialcite.h"
#include <lua.h>
#include <lauxlib.h>

#define TC_HIDDEN_L __attribute__((visibility("hidden")))

#if LUA_VERSION_NUM < 504
#define luaL_pushfail(L) lua_pushnil(L)
#define lua_newuserdatauv(L, size, nuv) lua_newuserdata(L, size)
#define lua_setiuservalue(L, idx, n) lua_setuservalue(L, idx)
#endif

/* The module entry point (the only symbol the Lua module exports). */
__attribute__((visibility("default"))) int luaopen_trialcite_core(lua_State *L);

/* Each file adds its functions to the module table on top of the stack. */
TC_HIDDEN_L void tc_lua_open_doc(lua_State *L);
TC_HIDDEN_L void tc_lua_open_json(lua_State *L);
TC_HIDDEN_L void tc_lua_open_data(lua_State *L);
TC_HIDDEN_L void tc_lua_open_resolver(lua_State *L);
TC_HIDDEN_L void tc_lua_open_bib(lua_State *L);
TC_HIDDEN_L void tc_lua_open_hosts(lua_State *L);   /* lua_hosts.c: parse_many, forest_svg_json */
TC_HIDDEN_L void tc_lua_open_file(lua_State *L);    /* lua_file.c: parse_file, batch */
TC_HIDDEN_L void tc_lua_open_extract(lua_State *L); /* lua_extract.c: extract_trial_json */

/* The document userdata ("trialcite.doc"). */
#define TC_LUA_DOC "trialcite.doc"
TC_HIDDEN_L tc_doc *tc_lua_checkdoc(lua_State *L, int idx);
TC_HIDDEN_L tc_doc *tc_lua_testdoc(lua_State *L, int idx);
/* Pushes an empty document userdata and returns its slot: the caller stores the
 * document there once it exists, so that an error in between cannot leak it. */
TC_HIDDEN_L tc_doc **tc_lua_newdoc(lua_State *L);
/* opts.lang of the options table at arg (TC_LANG_UNKNOWN when absent), and the whole
 * options of tc.parse / tc.parse_file (lang, id, threads); both raise on misuse. */
TC_HIDDEN_L int tc_lua_opt_lang(lua_State *L, int arg);
TC_HIDDEN_L void tc_lua_parse_opts(lua_State *L, int arg, tc_parse_opts *opts);

/* The document userdata.  lua_lazy.c: statistic records whose spans, section and text are
 * built when first read. */
typedef struct tc_lua_lazy tc_lua_lazy;
typedef struct tc_lua_ldoc {
    tc_doc *doc;           /* NULL once closed */
    tc_lua_lazy *store;    /* after a close: what lazy records still read */
    int lists;             /* lists with lazy records were made */
    int busy;              /* records being filled: a close or __gc waits for them */
    int close_pending, free_pending;
    size_t hint;           /* the statistic after the last one a record was found at */
} tc_lua_ldoc;
/* Pushes the metatable for the statistic records of one list of the document at doc. */
TC_HIDDEN_L void tc_lua_push_statmeta(lua_State *L, int doc);
/* Closes the document userdata at idx: keeps what lazy records need, frees the rest;
 * deferred while records are being filled.  TC_OK or TC_ENOMEM (then still open). */
TC_HIDDEN_L int tc_lua_lazy_close(lua_State *L, int idx);
TC_HIDDEN_L void tc_lua_lazy_free(tc_lua_lazy *z);
/* Builds the lazy fields of the table at t when it is a statistic record: 1 when it was
 * one, 0 when not, -1 with a message in err on failure.  Never raises (for the JSON
 * encoder, which must free what it built). */
TC_HIDDEN_L int tc_lua_fill_lazy(lua_State *L, int t, char *err, size_t errlen);

/* The bundled data of this Lua state, loaded on first use and kept in the registry
 * (freed by its __gc); raises on failure.  lua_data.c. */
TC_HIDDEN_L const tc_data *tc_lua_bundled(lua_State *L);

/* Raises a Lua error for a library status (misuse, out of memory). */
TC_HIDDEN_L int tc_lua_raise(lua_State *L, int status, const char *what);
/* Pushes nil, message and returns 2 (expected failures). */
TC_HIDDEN_L int tc_lua_fail(lua_State *L, const char *fmt, ...);

/* JSON <-> Lua (lua_json.c).  Decoding pushes one value; JSON null becomes
 * tc.null (a light userdata).  Objects decoded with keep_order remember their key
 * order, which encoding follows; empty arrays stay arrays. */
TC_HIDDEN_L int tc_lua_push_json_text(lua_State *L, const char *s, size_t len, int keep_order,
                                      char *err, size_t errlen);
/* Encodes the value at idx; returns a malloc'ed string (free with tc_free) or NULL with a
 * message in err. */
TC_HIDDEN_L char *tc_lua_encode_json(lua_State *L, int idx, int pretty, char *err, size_t errlen);

#endif
