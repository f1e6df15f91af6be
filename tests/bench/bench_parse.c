/* make bench: full tc_parse (sections, sentences, citations, statistics, checks) of a
 * corpus of >= 40 MB made by repeating the seed texts, against
 *     grep -oE '\([0-9]+([,-][0-9]+)*\)' FILE > FILE.out
 * which only finds the markers, on the same file in the same run.  Prints MB/s,
 * the time ratio parse/grep (best of 3 each), and the peak memory of a parse as a
 * multiple of the input size, measured in a fresh child process (this program
 * re-executed with --child FILE [borrow]) that only reads the file and parses it.
 * Both ways of parsing are measured: with the text copied (tc_parse's default) and
 * borrowed (TC_PARSE_BORROW, what the Lua binding does); the target applies to the
 * binding's way. */
#define _DEFAULT_SOURCE
#include "trialcite.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>

#define CORPUS_MIN ((size_t)40 << 20)
#define RUNS 3

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    if (fseek(f, 0, SEEK_END) == 0) {
        long n = ftell(f);
        if (n >= 0 && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) != NULL) {
            *len = fread(buf, 1, (size_t)n, f);
            if (*len != (size_t)n) { free(buf); buf = NULL; }
        }
    }
    fclose(f);
    return buf;
}

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

int main(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[1], "--child")) return child(argv[2], argc > 3);
    const char *dir = getenv("TRIALCITE_SEEDS");
    static const char *const seeds[] = { "000_bab1a242c0282361.txt", "002_50c727afd17edaac.txt" };
    char path[4096];
    char *seed[2];
    size_t seedlen[2];
    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/%s", dir ? dir : "../shared/seeds", seeds[i]);
        if (!(seed[i] = read_file(path, &seedlen[i]))) {
            printf("bench_parse: skipped: seed text %s not found\n", path);
            return 0;
        }
    }
    size_t unit = seedlen[0] + seedlen[1] + 2, copies = (CORPUS_MIN + unit - 1) / unit, len = 0;
    char *corpus = malloc(copies * unit);
    if (!corpus) { printf("bench_parse: out of memory\n"); return 1; }
    for (size_t c = 0; c < copies; c++)
        for (int i = 0; i < 2; i++) {
            memcpy(corpus + len, seed[i], seedlen[i]); len += seedlen[i];
            corpus[len++] = '\n';
        }
    const char *tmp = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/trialcite-bench-XXXXXX", tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0 || write(fd, corpus, len) != (ssize_t)len) { printf("bench_parse: cannot write %s\n", path); return 1; }
    close(fd);

    double best_parse[2] = { 1e30, 1e30 }, best_grep = 1e30;
    size_t ncit = 0, nsen = 0, nsec = 0, nstat = 0;
    for (int r = 0; r < RUNS; r++)
        for (int borrow = 0; borrow < 2; borrow++) {
            tc_doc *doc;
            tc_parse_opts opts = { 0 };
            opts.flags = borrow ? TC_PARSE_BORROW : 0;
            double t0 = now();
            int rc = tc_parse(corpus, len, &opts, &doc);
            double t = now() - t0;
            if (rc != TC_OK) { printf("bench_parse: tc_parse failed: %s\n", tc_strerror(rc)); unlink(path); return 1; }
            ncit = tc_doc_citation_count(doc); nsen = tc_doc_sentence_count(doc);
            nsec = tc_doc_section_count(doc); nstat = tc_doc_stat_count(doc);
            tc_doc_free(doc);
            if (t < best_parse[borrow]) best_parse[borrow] = t;
        }
    /* GNU grep stops at the first match when its output is /dev/null, so the
     * baseline writes its matches to a file, as a real consumer would read them. */
    char cmd[8400];
    snprintf(cmd, sizeof cmd, "grep -oE '\\([0-9]+([,-][0-9]+)*\\)' '%s' > '%s.out'", path, path);
    for (int r = 0; r < RUNS; r++) {
        double t0 = now();
        int rc = system(cmd);
        double t = now() - t0;
        if (rc == -1 || !WIFEXITED(rc) || WEXITSTATUS(rc) > 1) { printf("bench_parse: grep failed\n"); best_grep = 0; break; }
        if (t < best_grep) best_grep = t;
    }

    /* Peak memory in a fresh process, for each way. */
    double mem_ratio[2] = { -1, -1 };
    for (int borrow = 0; borrow < 2; borrow++) {
        pid_t pid = fork();
        if (pid == 0) {
            execl("/proc/self/exe", argv[0], "--child", path, borrow ? "borrow" : (char *)NULL, (char *)NULL);
            _exit(127);
        }
        if (pid > 0) {
            int status;
            struct rusage ru;
            if (wait4(pid, &status, 0, &ru) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0)
                mem_ratio[borrow] = (double)ru.ru_maxrss * 1024.0 / (double)len;
        }
    }
    unlink(path);
    snprintf(cmd, sizeof cmd, "%s.out", path);
    unlink(cmd);

    double mb = (double)len / (1 << 20);
    printf("corpus: %.1f MB (%zu copies of the 2 seed texts): %zu sections, %zu sentences, "
           "%zu citations, %zu statistics\n", mb, copies, nsec, nsen, ncit, nstat);
    static const char *const way[2] = { "text copied", "text borrowed, as the Lua binding parses" };
    for (int b = 0; b < 2; b++)
        printf("parse (full, %s; best of %d): %.3f s  %.0f MB/s\n", way[b], RUNS, best_parse[b], mb / best_parse[b]);
    if (best_grep > 0) {
        printf("grep -oE markers (best of %d): %.3f s  %.0f MB/s\n", RUNS, best_grep, mb / best_grep);
        printf("time ratio parse/grep: %.2f with the text borrowed (target <= 2.00), %.2f copied\n",
               best_parse[1] / best_grep, best_parse[0] / best_grep);
    }
    if (mem_ratio[1] > 0 && mem_ratio[0] > 0)
        printf("peak memory of a parse, input buffer included: %.2f x input borrowed (target <= 4.00), %.2f x copied\n",
               mem_ratio[1], mem_ratio[0]);
    else printf("peak memory: not measured (child failed)\n");
    free(corpus); free(seed[0]); free(seed[1]);
    return 0;
}
