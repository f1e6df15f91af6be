/* Threads: the library keeps no global mutable state, so separate documents (and
 * separate Lua states) may be used from separate threads at once.  Each thread parses
 * the seed texts and synthetic text with its own documents; every result must equal
 * the single-threaded one.  Then separate Lua states in separate threads load the
 * binding and do the same through the Lua API. */
#include "tc_test.h"
#include "trialcite.h"
#include "lua_trialcite.h"
#include <lualib.h>
#include <pthread.h>

#define NTHREADS 4
#define ROUNDS 3

typedef struct input { char *text; size_t len; char *want; char *lua_want; } input;

static input inputs[3];
static size_t ninputs;

static const char synthetic[] =
    "Klinische vraag\nWerkt het?\n\nResultaten\nHet risico daalde (1,2,5-8) (HR 0,58; 95% BI "
    "van 0,37 tot 0,90; p=0,02) en gemiddeld 13,9 dagen (SD 16,9) na 12 maanden (3-1) (1-99999).\n"
    "The odds were higher (OR 1.4; 95% CI 1.1 to 1.9) in women (4).\n";

static char *parse_json(const char *text, size_t len)
{
    tc_doc *doc = NULL;
    char *out = NULL;
    size_t n;
    if (tc_parse(text, len, NULL, &doc) != TC_OK) return NULL;
    if (tc_doc_to_json(doc, &out, &n) != TC_OK) out = NULL;
    tc_doc_free(doc);
    return out;
}

static void *c_thread(void *arg)
{
    long bad = 0;
    (void)arg;
    for (int r = 0; r < ROUNDS; r++)
        for (size_t i = 0; i < ninputs; i++) {
            char *got = parse_json(inputs[i].text, inputs[i].len);
            if (!got || strcmp(got, inputs[i].want)) bad++;
            tc_free(got);
            tc_data *d = NULL;
            if (tc_data_bundled(&d) != TC_OK) bad++;
            tc_data_free(d);
        }
    return (void *)bad;
}

/* A Lua chunk run in each state: parse TEXT, return the document as JSON built through
 * the Lua tables (citations, references, statistics) and doc:to_json(). */
static const char lua_chunk[] =
    "local tc = require 'trialcite.core'\n"
    "local text = ...\n"
    "local doc = tc.parse(text)\n"
    "local parts = { doc:to_json() }\n"
    "for _, c in ipairs(doc:citations()) do parts[#parts+1] = c.start .. ':' .. c.stop .. '=' .. table.concat(c.refs, ',') end\n"
    "for _, r in ipairs(doc:references()) do parts[#parts+1] = r.number .. '#' .. #r.contexts end\n"
    "parts[#parts+1] = tc.json_encode(doc:statistics())\n"
    "parts[#parts+1] = tc.json_encode(tc.json_decode('{\"a\":[1,2,{\"b\":null}]}'))\n"
    "if tc.documents then parts[#parts+1] = tc.json_encode(tc.documents()) end\n"
    "if tc.parse_many then\n"
    "  local r = tc.parse_many({ text, text, 5 }, { threads = 2 })\n"
    "  parts[#parts+1] = #r .. (r[1].to_json and r[1]:to_json() == parts[1] and 'same' or 'differs')\n"
    "end\n"
    "if tc.lookup then local ok, r = pcall(tc.lookup, 1, doc); parts[#parts+1] = tostring(ok) .. type(r) end\n"
    "if tc.resolver then\n"
    "  local ok, r = pcall(tc.resolver, { offline = true, cache_dir = '/nonexistent/trialcite-threads' })\n"
    "  parts[#parts+1] = tostring(ok)\n"
    "  if ok and r.close then r:close() end\n"
    "end\n"
    "doc:close()\n"
    "collectgarbage()\n"
    "return table.concat(parts, '\\n')\n";

/* Runs the chunk on input i in a fresh state; returns a malloc'ed result or NULL. */
static char *lua_run(size_t i, char *err, size_t errlen)
{
    lua_State *L = luaL_newstate();
    if (!L) { snprintf(err, errlen, "no Lua state"); return NULL; }
    luaL_openlibs(L);
    luaL_requiref(L, "trialcite.core", luaopen_trialcite_core, 0);
    lua_pop(L, 1);
    char *res = NULL;
    if (luaL_loadbuffer(L, lua_chunk, sizeof lua_chunk - 1, "=threads") == LUA_OK) {
        lua_pushlstring(L, inputs[i].text, inputs[i].len);
        if (lua_pcall(L, 1, 1, 0) == LUA_OK) {
            size_t n;
            const char *s = lua_tolstring(L, -1, &n);
            res = s ? malloc(n + 1) : NULL;
            if (res) { memcpy(res, s, n); res[n] = '\0'; }
        }
    }
    if (!res) snprintf(err, errlen, "%s", lua_tostring(L, -1) ? lua_tostring(L, -1) : "?");
    lua_close(L);
    return res;
}

static void *lua_thread(void *arg)
{
    long bad = 0;
    char err[256];
    (void)arg;
    for (int r = 0; r < ROUNDS; r++)
        for (size_t i = 0; i < ninputs; i++) {
            char *got = lua_run(i, err, sizeof err);
            if (!got || strcmp(got, inputs[i].lua_want)) bad++;
            free(got);
        }
    return (void *)bad;
}

static long run_threads(void *(*fn)(void *))
{
    pthread_t th[NTHREADS];
    int started = 0;
    long bad = 0;
    for (int i = 0; i < NTHREADS; i++)
        if (pthread_create(&th[i], NULL, fn, NULL) == 0) started++;
        else bad++;
    for (int i = 0; i < started; i++) {
        void *r;
        pthread_join(th[i], &r);
        bad += (long)r;
    }
    return bad;
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);   /* lines reach the runner even if a thread crashes */
    static const char *const seeds[] = { "000_bab1a242c0282361.txt", "002_50c727afd17edaac.txt" };
    char path[512];
    for (size_t i = 0; i < 2; i++) {
        size_t len;
        char *t = tc_test_read(tc_test_seed_path(seeds[i], path, sizeof path), &len);
        if (!t) { SKIP("threads: seed text", seeds[i]); continue; }
        inputs[ninputs].text = t; inputs[ninputs].len = len; ninputs++;
    }
    inputs[ninputs].len = sizeof synthetic - 1;
    inputs[ninputs].text = malloc(inputs[ninputs].len);
    memcpy(inputs[ninputs].text, synthetic, inputs[ninputs].len);
    ninputs++;

    TEST_BEGIN("threads: single-threaded reference results");
    char err[256] = "";
    for (size_t i = 0; i < ninputs; i++) {
        inputs[i].want = parse_json(inputs[i].text, inputs[i].len);
        CHECK(inputs[i].want != NULL);
        inputs[i].lua_want = lua_run(i, err, sizeof err);
        CHECKF(inputs[i].lua_want != NULL, "Lua: %s", err);
    }
    TEST_END();
    if (tc_test_failed) return 1;

    TEST_BEGIN("threads: 4 threads parse the same texts at once, same results");
    long bad = run_threads(c_thread);
    CHECKF(bad == 0, "%ld mismatched results", bad);
    TEST_END();

    TEST_BEGIN("threads: 4 Lua states in 4 threads use the module at once, same results");
    bad = run_threads(lua_thread);
    CHECKF(bad == 0, "%ld mismatched results", bad);
    TEST_END();

    for (size_t i = 0; i < ninputs; i++) { free(inputs[i].text); tc_free(inputs[i].want); free(inputs[i].lua_want); }
    return tc_test_failed;
}
