/* make bench: what users run on a large text, against one baseline measured in the
 * same run on the same file, the whole pipeline
 *     grep -oE '\([0-9]+([,-][0-9]+)*\)' FILE | wc -l
 * which only finds the markers.  FILE is the seed corpus: the two seed texts repeated
 * to 47 MB, written once to $TRIALCITE_BUILD/bench/ (build/bench/).  Printed as ratios
 * (time / grep's time; best of RUNS each):
 *   - the full C parse (sections, sentences, citations, statistics, checks), text
 *     borrowed (as the Lua binding parses) and copied;                goal <= 1.0, acceptance <= 1.3
 *   - the Lua pass: tc.parse + doc:citations() + doc:statistics() and a full
 *     collection, in a child Lua process (tests/bench/child_lua_pass.lua), wall time
 *     (a large text's statistics are read on several threads);
 *                                                   acceptance <= 2.0, peak memory <= 4 x input
 *   - doc:to_json() in a child Lua process, after its parse;          acceptance <= 6.0
 * Peak memory is the child's peak RSS (wait4), the Lua string of the input included.
 * The C parse's peak memory comes from this program re-executed with --child FILE
 * [borrow], which only reads the file and parses it. */
#define _DEFAULT_SOURCE
#include "trialcite.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include "bench_util.h"

#define CORPUS_MIN ((size_t)47000000)
#define RUNS 3

/* The child: read, parse, exit.  Its peak RSS is what the parent reports. */
static int child(const char *path, int borrow)
{
    size_t len;
    char *text = read_file(path, &len);
    tc_doc *doc;
    tc_parse_opts opts = { 0 };
    opts.flags = borrow ? TC_PARSE_BORROW : 0;
    if (!text) return 2;
    if (tc_parse(text, len, &opts, &doc) != TC_OK) return 3;
    tc_doc_free(doc);
    free(text);
    return 0;
}

/* Runs argv with its stdout in out[0, cap); wall time in *secs, peak RSS (bytes) in
 * *rss.  Returns 0 when it exited with status 0. */
/* Runs argv with its stdout on a pipe, into out.  A line "mark" the child writes (and
 * flushes) is timed here on arrival, into marks[0 .. *nmarks): the wall time of the
 * child's phases, which its own clock (CPU time) would count once per thread. */
#define MAX_MARKS 8
static int run_child_marks(char *const argv[], char *out, size_t cap, double *secs, double *rss,
                           double *marks, int *nmarks)
{
    int fd[2];
    if (pipe(fd) != 0) return -1;
    double t0 = now();
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fd[1], 1);
        close(fd[0]); close(fd[1]);
        execvp(argv[0], argv);
        _exit(127);
    }
    close(fd[1]);
    size_t n = 0, seen = 0;
    ssize_t k;
    int m = 0;
    while (pid > 0 && n + 1 < cap && (k = read(fd[0], out + n, cap - 1 - n)) > 0) {
        double t = now();
        n += (size_t)k;
        out[n] = '\0';
        const char *p;
        while ((p = strstr(out + seen, "mark\n")) != NULL) {
            if (marks && m < MAX_MARKS) marks[m++] = t;
            seen = (size_t)(p - out) + 5;
        }
    }
    out[n] = '\0';
    if (nmarks) *nmarks = m;
    close(fd[0]);
    if (pid < 0) return -1;
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) != pid) return -1;
    *secs = now() - t0;
    *rss = (double)ru.ru_maxrss * 1024.0;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static int run_child(char *const argv[], char *out, size_t cap, double *secs, double *rss)
{
    return run_child_marks(argv, out, cap, secs, rss, NULL, NULL);
}

static double field(const char *out, const char *key)
{
    const char *p = strstr(out, key);
    return p ? atof(p + strlen(key)) : -1;
}

/* The corpus file: written when absent or of another size. */
static int make_corpus(const char *path, size_t *len_out, size_t *copies_out)
{
    const char *dir = getenv("TRIALCITE_SEEDS");
    static const char *const seeds[] = { "000_bab1a242c0282361.txt", "002_50c727afd17edaac.txt" };
    char p[4096];
    char *seed[2];
    size_t seedlen[2];
    for (int i = 0; i < 2; i++) {
        snprintf(p, sizeof p, "%s/%s", dir ? dir : "../shared/seeds", seeds[i]);
        if (!(seed[i] = read_file(p, &seedlen[i]))) {
            printf("bench_parse: skipped: seed text %s not found\n", p);
            if (i) free(seed[0]);
            return 1;
        }
    }
    size_t unit = seedlen[0] + seedlen[1] + 2, copies = (CORPUS_MIN + unit - 1) / unit, len = copies * unit;
    struct stat st;
    int rc = 0;
    if (stat(path, &st) != 0 || (size_t)st.st_size != len) {
        FILE *f = fopen(path, "wb");
        for (size_t c = 0; f && c < copies; c++)
            for (int i = 0; i < 2; i++) { fwrite(seed[i], 1, seedlen[i], f); fputc('\n', f); }
        if (!f || fclose(f) != 0) { printf("bench_parse: cannot write %s\n", path); rc = 2; }
    }
    free(seed[0]); free(seed[1]);
    *len_out = len; *copies_out = copies;
    return rc;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[1], "--child")) return child(argv[2], argc > 3);
    const char *build = getenv("TRIALCITE_BUILD"), *lua = getenv("TRIALCITE_LUA");
    char path[4200], cmd[9000], out[4096];
    snprintf(path, sizeof path, "%s/bench", build ? build : "build");
    mkdir(path, 0777);
    snprintf(path, sizeof path, "%s/bench/seed-corpus-47mb.txt", build ? build : "build");
    size_t len, copies;
    int rc = make_corpus(path, &len, &copies);
    if (rc) return rc == 1 ? 0 : 1;
    char *corpus = read_file(path, &len);
    if (!corpus) { printf("bench_parse: cannot read %s\n", path); return 1; }

    /* The baseline. */
    double best_grep = 1e30;
    snprintf(cmd, sizeof cmd, "grep -oE '\\([0-9]+([,-][0-9]+)*\\)' '%s' | wc -l > /dev/null", path);
    for (int r = 0; r < RUNS + 2; r++) {
        double t0 = now();
        int st = system(cmd);
        double t = now() - t0;
        if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) { printf("bench_parse: grep failed\n"); return 1; }
        if (t < best_grep) best_grep = t;
    }

    /* The C parse. */
    double best_parse[2] = { 1e30, 1e30 };
    size_t ncit = 0, nsen = 0, nsec = 0, nstat = 0;
    for (int r = 0; r < RUNS; r++)
        for (int borrow = 0; borrow < 2; borrow++) {
            tc_doc *doc;
            tc_parse_opts opts = { 0 };
            opts.flags = borrow ? TC_PARSE_BORROW : 0;
            double t0 = now();
            int prc = tc_parse(corpus, len, &opts, &doc);
            double t = now() - t0;
            if (prc != TC_OK) { printf("bench_parse: tc_parse failed: %s\n", tc_strerror(prc)); return 1; }
            ncit = tc_doc_citation_count(doc); nsen = tc_doc_sentence_count(doc);
            nsec = tc_doc_section_count(doc); nstat = tc_doc_stat_count(doc);
            tc_doc_free(doc);
            if (t < best_parse[borrow]) best_parse[borrow] = t;
        }
    double mem_ratio[2] = { -1, -1 };
    for (int borrow = 0; borrow < 2; borrow++) {
        char *av[] = { "/proc/self/exe", "--child", path, borrow ? "borrow" : NULL, NULL };
        double secs, rss;
        if (run_child(av, out, sizeof out, &secs, &rss) == 0) mem_ratio[borrow] = rss / (double)len;
    }

    /* The Lua children. */
    char *pass_av[] = { (char *)(lua ? lua : "lua5.4"), "tests/bench/child_lua_pass.lua", "pass", path, NULL };
    char *json_av[] = { (char *)(lua ? lua : "lua5.4"), "tests/bench/child_lua_pass.lua", "json", path, NULL };
    double pass = 1e30, pass_proc = 1e30, pass_rss = 0, json = 1e30, json_parse = 1e30, json_proc = 1e30, json_rss = 0, jbytes = 0;
    double part[4] = { 0, 0, 0, 0 };   /* of the best pass: parse, citations(), statistics(), collection */
    int lua_ok = 1;
    for (int r = 0; r < RUNS && lua_ok; r++) {
        double secs, rss, v, mk[MAX_MARKS];
        int nmk = 0;
        if (run_child_marks(pass_av, out, sizeof out, &secs, &rss, mk, &nmk) != 0 || nmk != 5) { lua_ok = 0; break; }
        if ((v = mk[4] - mk[0]) < pass) {   /* wall time: the parse may run on several threads */
            pass = v;
            for (int i = 0; i < 4; i++) part[i] = mk[i + 1] - mk[i];
        }
        if (secs < pass_proc) pass_proc = secs;
        if (rss > pass_rss) pass_rss = rss;
        if (run_child_marks(json_av, out, sizeof out, &secs, &rss, mk, &nmk) != 0 || nmk != 3) { lua_ok = 0; break; }
        if ((v = mk[2] - mk[1]) < json) json = v;
        if ((v = mk[1] - mk[0]) < json_parse) json_parse = v;
        if (secs < json_proc) json_proc = secs;
        if (rss > json_rss) json_rss = rss;
        jbytes = field(out, "bytes=");
    }

    double mb = (double)len / 1e6;
    printf("corpus: %s, %.1f MB (%zu copies of the 2 seed texts): %zu sections, %zu sentences, "
           "%zu citations, %zu statistics\n", path, mb, copies, nsec, nsen, ncit, nstat);
    printf("baseline: grep -oE markers | wc -l (best of %d): %.3f s  %.0f MB/s\n", RUNS + 2, best_grep, mb / best_grep);
    printf("C parse, full (best of %d): %.3f s borrowed (%.0f MB/s), %.3f s copied\n", RUNS, best_parse[1],
           mb / best_parse[1], best_parse[0]);
    printf("ratio C parse / grep: %.2f borrowed, %.2f copied (goal <= 1.0, acceptance <= 1.3)\n",
           best_parse[1] / best_grep, best_parse[0] / best_grep);
    if (mem_ratio[1] > 0 && mem_ratio[0] > 0)
        printf("peak memory of a C parse, input buffer included: %.2f x input borrowed, %.2f x copied\n",
               mem_ratio[1], mem_ratio[0]);
    if (!lua_ok) {
        printf("Lua pass and to_json: not measured (%s tests/bench/child_lua_pass.lua failed; is the module built?)\n",
               pass_av[0]);
    } else {
        printf("Lua pass, parse + citations() + statistics() + full collection (best of %d, wall time): %.3f s; "
               "whole process with reading the file and exit %.3f s\n", RUNS, pass, pass_proc);
        printf("  of which tc.parse %.3f s, citations() %.3f s, statistics() %.3f s, full collection %.3f s\n",
               part[0], part[1], part[2], part[3]);
        printf("ratio Lua pass / grep: %.2f (acceptance <= 2.0); whole process %.2f; "
               "peak memory %.2f x input (acceptance <= 4.0)\n",
               pass / best_grep, pass_proc / best_grep, pass_rss / (double)len);
        printf("doc:to_json() (best of %d): %.3f s for %.0f MB of JSON, after a parse of %.3f s; "
               "whole process %.3f s\n", RUNS, json, jbytes / 1e6, json_parse, json_proc);
        printf("ratio to_json / grep: %.2f (acceptance <= 6.0); parse + to_json %.2f; peak memory %.2f x input\n",
               json / best_grep, (json + json_parse) / best_grep, json_rss / (double)len);
    }
    free(corpus);
    return 0;
}
