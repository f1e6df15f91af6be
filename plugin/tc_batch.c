/* tc_parse_many: many texts parsed on a few threads, results in input order.
 * Each worker takes the next index from a counter local to the call (under a mutex),
 * parses that text into its own slot, and nothing else is shared: tc_parse keeps all
 * its state in the document. */
#include "tc_internal.h"
#include <pthread.h>
#include <unistd.h>

typedef struct many_run {
    const char *const *texts;
    const size_t *lens;
    const tc_parse_opts *opts;     /* NULL or n entries */
    size_t n;
    tc_doc **docs;
    int *status;
    pthread_mutex_t lock;
    size_t next;                   /* next index to parse, under lock */
} many_run;

static int batch_take(many_run *b, size_t *i)
{
    int more;
    pthread_mutex_lock(&b->lock);
    more = b->next < b->n;
    if (more) *i = b->next++;
    pthread_mutex_unlock(&b->lock);
    return more;
}

static void *batch_worker(void *arg)
{
    many_run *b = arg;
    size_t i;
    while (batch_take(b, &i)) {
        const char *text = b->texts[i];
        size_t len = b->lens[i];
        b->docs[i] = NULL;
        if (!text && len > 0) { b->status[i] = TC_EINVAL; continue; }
        /* The workers are the threads: a large text's statistics stay on its worker,
         * unless the caller asked for more. */
        tc_parse_opts o = { 0 };
        if (b->opts) o = b->opts[i];
        if (!(o.flags & TC_PARSE_THREADS(0xff))) o.flags |= TC_PARSE_THREADS(1);
        b->status[i] = tc_parse(text ? text : "", len, &o, &b->docs[i]);
        if (b->status[i] != TC_OK) b->docs[i] = NULL;
    }
    return NULL;
}

size_t tc_threads_for(int threads, size_t n)
{
    size_t t;
    if (threads > 0) t = (size_t)threads;
    else {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        t = cpus > 0 ? (size_t)cpus : 1;
    }
    if (t > TC_BATCH_MAX_THREADS) t = TC_BATCH_MAX_THREADS;
    if (t > n) t = n;
    return t ? t : 1;
}

int tc_parse_many_opts(const char *const *texts, const size_t *lens, const tc_parse_opts *opts,
                       size_t n, int threads, tc_doc **docs, int *status)
{
    if (n == 0) return TC_OK;
    if (!texts || !lens || !docs || !status) return TC_EINVAL;
    many_run b = { texts, lens, opts, n, docs, status, PTHREAD_MUTEX_INITIALIZER, 0 };
    pthread_t tid[TC_BATCH_MAX_THREADS];
    size_t want = tc_threads_for(threads, n), started = 0;
    /* The calling thread is one of the workers; a thread that cannot be started
     * only means fewer workers. */
    while (started + 1 < want && pthread_create(&tid[started], NULL, batch_worker, &b) == 0) started++;
    batch_worker(&b);
    for (size_t k = 0; k < started; k++) pthread_join(tid[k], NULL);
    pthread_mutex_destroy(&b.lock);
    return TC_OK;
}

int tc_parse_many(const char *const *texts, const size_t *lens, size_t n, int threads,
                  tc_doc **docs, int *status)
{
    return tc_parse_many_opts(texts, lens, NULL, n, threads, docs, status);
}
