/* tc_batch: the runner.  Threads take items in input order (under the source lock),
 * work on them outside any lock and leave each line in its slot of a ring of `window`
 * slots; the calling thread writes the slots in order and, while the next one is not
 * ready, works on items itself.  No item is taken while `window` items are in work or
 * waiting, so the memory held is bounded by the window, not by the number of inputs.
 *
 * Why a taken item always finds its slot free: item seq is taken after its
 * reservation, and every reservation was made with fewer than `window` items between
 * the written count and itself, so seq < written + window when it is taken: the item
 * seq - window that shared the slot has been written. */
#include "tc_batch.h"
#include <pthread.h>

/* Most slots a window may have (a guard against absurd requests). */
#define MAX_WINDOW ((size_t)1 << 16)

typedef struct slot { int done, is_error, rc; char *line; size_t len; } slot;

typedef struct run {
    pthread_mutex_t mu;            /* everything below but the source */
    pthread_cond_t room;           /* to workers: a slot was written, or the end */
    pthread_cond_t ready;          /* to the caller: the next slot is done, or the end */
    slot *ring; size_t window;
    size_t reserved, written, total;
    int exhausted, stop;
    pthread_mutex_t src_mu;        /* the source and the count of items taken */
    tc_source src;
    size_t taken;
    int lang; const tc_data *data;
} run;

/* Takes and works on one item if the window has room.  Called, and returns, with mu
 * held; returns 1 when it did something (the state changed). */
static int work_one(run *r)
{
    if (r->stop || r->exhausted || r->reserved - r->written >= r->window) return 0;
    r->reserved++;
    pthread_mutex_unlock(&r->mu);

    tc_item it;
    size_t seq = 0;
    pthread_mutex_lock(&r->src_mu);
    int got = tc_source_next(&r->src, &it);
    if (got) seq = r->taken++;
    size_t taken = r->taken;
    pthread_mutex_unlock(&r->src_mu);

    slot s = { 1, 0, TC_OK, NULL, 0 };
    if (got) {
        s.rc = tc_item_run(&it, r->lang, r->data, &s.line, &s.len, &s.is_error);
        tc_item_free(&it);
    }
    pthread_mutex_lock(&r->mu);
    if (!got) {
        r->exhausted = 1;
        r->total = taken;
        pthread_cond_broadcast(&r->room);
        pthread_cond_broadcast(&r->ready);
        return 1;
    }
    r->ring[seq % r->window] = s;
    if (seq == r->written) pthread_cond_signal(&r->ready);
    return 1;
}

static void *worker(void *arg)
{
    run *r = arg;
    pthread_mutex_lock(&r->mu);
    while (!r->stop && !r->exhausted)
        if (!work_one(r)) pthread_cond_wait(&r->room, &r->mu);
    pthread_mutex_unlock(&r->mu);
    return NULL;
}

/* The caller's loop: write what is ready, else work, else wait. */
static int write_all(run *r, const tc_batch_opts *o, size_t known_total, tc_batch_stats *st)
{
    int rc = TC_OK;
    pthread_mutex_lock(&r->mu);
    while (!r->stop && !(r->exhausted && r->written == r->total)) {
        slot *s = &r->ring[r->written % r->window];
        if (s->done) {
            slot got = *s;
            memset(s, 0, sizeof *s);
            r->written++;
            pthread_cond_broadcast(&r->room);
            size_t done = r->written;
            pthread_mutex_unlock(&r->mu);
            if (got.rc != TC_OK) rc = got.rc;
            else {
                if (got.is_error) st->errors++; else st->documents++;
                if (o->write(o->write_ud, got.line, got.len)) rc = TC_ECANCELLED;
                else if (o->progress && o->progress(o->progress_ud, done, known_total)) rc = TC_ECANCELLED;
            }
            free(got.line);
            pthread_mutex_lock(&r->mu);
            if (rc != TC_OK) r->stop = 1;
            continue;
        }
        if (!work_one(r)) pthread_cond_wait(&r->ready, &r->mu);
    }
    r->stop = 1;                   /* workers still waiting for room leave */
    pthread_cond_broadcast(&r->room);
    pthread_mutex_unlock(&r->mu);
    return rc;
}

int tc_batch(const char *const *inputs, const size_t *lens, size_t n, const tc_batch_opts *opts,
             tc_batch_stats *stats)
{
    tc_batch_stats st = { 0, 0 };
    if (stats) *stats = st;
    if (!opts || !opts->write || (n && (!inputs || !lens))) return TC_EINVAL;
    for (size_t i = 0; i < n; i++) if (!inputs[i] && lens[i]) return TC_EINVAL;
    if (n == 0) return TC_OK;

    int jsonl = (opts->flags & TC_BATCH_JSONL) != 0;
    size_t threads = tc_threads_for(opts->threads, jsonl ? (size_t)-1 : n);
    size_t window = opts->window ? opts->window : 4 * threads;
    if (window > MAX_WINDOW) window = MAX_WINDOW;
    tc_data *own = NULL;
    const tc_data *data = opts->data;
    if (!data && !(opts->flags & TC_BATCH_NO_RECOGNIZE)) {
        int drc = tc_data_bundled(&own);
        if (drc != TC_OK) return drc;
        data = own;
    }
    if (opts->flags & TC_BATCH_NO_RECOGNIZE) data = NULL;

    run r;
    memset(&r, 0, sizeof r);
    r.ring = calloc(window, sizeof *r.ring);
    if (!r.ring) { tc_data_free(own); return TC_ENOMEM; }
    r.window = window;
    r.lang = opts->lang;
    r.data = data;
    r.src.inputs = inputs; r.src.lens = lens; r.src.n = n; r.src.jsonl = jsonl;
    pthread_mutex_init(&r.mu, NULL);
    pthread_mutex_init(&r.src_mu, NULL);
    pthread_cond_init(&r.room, NULL);
    pthread_cond_init(&r.ready, NULL);

    /* The caller is one of the threads; a worker that cannot start only means fewer. */
    pthread_t tid[TC_BATCH_MAX_THREADS];
    size_t started = 0;
    while (started + 1 < threads && pthread_create(&tid[started], NULL, worker, &r) == 0) started++;
    int rc = write_all(&r, opts, jsonl ? 0 : n, &st);
    for (size_t k = 0; k < started; k++) pthread_join(tid[k], NULL);

    for (size_t k = 0; k < window; k++) free(r.ring[k].line);
    free(r.ring);
    tc_source_close(&r.src);
    pthread_mutex_destroy(&r.mu);
    pthread_mutex_destroy(&r.src_mu);
    pthread_cond_destroy(&r.room);
    pthread_cond_destroy(&r.ready);
    tc_data_free(own);
    if (stats) *stats = st;
    return rc;
}
