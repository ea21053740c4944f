/* batch.c - many documents, several threads, one order.
 *
 * Input: a list of inputs and what to make of each.  Output: each
 * document exported by rp_export (or rp_export_layout), by a pool of
 * worker threads, each with its own context (contexts are not shared);
 * the caller's report function sees the documents in input order, each
 * with its diagnostics and dependencies, whatever the number of threads:
 * the bytes written and the messages printed do not depend on -j.  A
 * warning an earlier document gave already is left out of a document's,
 * and so is an error it gave in a file both read.
 */
#include "internal.h"

#include <pthread.h>
#include <string.h>

typedef struct {
    rp_diag *d;
    char *output;
    char **deps;
    size_t ndeps;
    int rc, done;
} result;

typedef struct {
    const rp_batch_options *o;
    const char *const *inputs;
    size_t n, next;
    result *res;
    pthread_mutex_t lock;
    pthread_cond_t finished;
    rp_line_stats stats;
} batch;

/* Whether an error of d is located in file. */
static int names_file(const rp_diag *d, const char *file)
{
    for (size_t k = 0; k < rp_diag_count(d); k++) {
        const rp_diag_record *rec = rp_diag_get(d, k);
        if (rec->severity == RP_ERROR && rec->file && strcmp(rec->file, file) == 0)
            return 1;
    }
    return 0;
}

/* Leaves out of r's diagnostics what an earlier document of the run said
 * already: a warning, and an error located outside the inputs (a broken
 * ladder or stylesheet fails every document alike).  Errors located in a
 * stylesheet or an output (a --timeout, an unwritable file) do not say
 * which of the batch's inputs failed: a note does. */
static void say_once(result *r, const char *const *inputs, size_t i, size_t n, GHashTable *said)
{
    const char *first = NULL;
    size_t dropped = rp_diag_unique(r->d, 0, said, inputs[i], &first);
    if (r->rc == 0 || n < 2 || names_file(r->d, inputs[i]))
        return;
    if (rp_diag_errors(r->d))
        rp_diag_add(r->d, RP_NOTE, inputs[i], 0, 0, "the %s above came from exporting this file",
                    rp_diag_errors(r->d) == 1 ? "error" : "errors");
    else if (dropped)
        rp_diag_add(r->d, RP_NOTE, inputs[i], 0, 0,
                    "exporting this file failed on the same %s as exporting %s",
                    dropped == 1 ? "error" : "errors", first);
}

static void run_one(batch *b, rp_context *ctx, size_t i, result *r)
{
    const rp_batch_options *o = b->o;
    r->d = rp_diag_new();
    rp_context_begin(ctx);
    char *out = NULL;
    if (strcmp(o->kind, "layout") == 0)
        r->rc = rp_export_layout(ctx, b->inputs[i], o->outputs[i], r->d);
    else
        r->rc = rp_export(ctx, o->kind, b->inputs[i], o->outputs ? o->outputs[i] : o->output,
                          &o->export, r->d, &out);
    r->output = out ? out : rp_xstrdup(o->outputs ? o->outputs[i] : o->output);
    const char *const *deps;
    r->ndeps = rp_context_dependencies(ctx, &deps);
    r->deps = rp_xcalloc(r->ndeps + 1, sizeof *r->deps);
    for (size_t k = 0; k < r->ndeps; k++)
        r->deps[k] = rp_xstrdup(deps[k]);
}

static void *worker(void *arg)
{
    batch *b = arg;
    rp_diag *setup = rp_diag_new();
    rp_context *ctx = rp_context_new(b->o->datadir, setup);
    if (ctx) {
        rp_context_set_limits(ctx, b->o->max_pages, b->o->timeout);
        rp_context_set_check_layout(ctx, b->o->check_layout);
        rp_context_set_first_fit(ctx, b->o->first_fit);
        /* -j asked for more threads than there are documents */
        rp_context_set_spare_core(ctx, b->o->jobs > 0 && (size_t)b->o->jobs > b->n);
        for (const char *const *a = b->o->allow_read; a && *a; a++)
            rp_context_allow_read(ctx, *a);
    }
    for (;;) {
        pthread_mutex_lock(&b->lock);
        size_t i = b->next < b->n ? b->next++ : b->n;
        pthread_mutex_unlock(&b->lock);
        if (i == b->n)
            break;
        result r = {0};
        if (ctx) {
            run_one(b, ctx, i, &r);
        } else {
            /* the context could not be made: every document says why */
            r.d = rp_diag_new();
            for (size_t k = 0; k < rp_diag_count(setup); k++) {
                const rp_diag_record *rec = rp_diag_get(setup, k);
                rp_diag_add(r.d, rec->severity, rec->file, rec->line, rec->col, "%s",
                            rec->message);
            }
            r.rc = -1;
            r.output = rp_xstrdup("");
            r.deps = rp_xcalloc(1, sizeof *r.deps);
        }
        pthread_mutex_lock(&b->lock);
        b->res[i] = r;
        b->res[i].done = 1;
        pthread_cond_broadcast(&b->finished);
        pthread_mutex_unlock(&b->lock);
    }
    if (ctx) {
        rp_line_stats s;
        rp_context_line_stats(ctx, &s);
        pthread_mutex_lock(&b->lock);
        b->stats.lines += s.lines;
        b->stats.hyphens += s.hyphens;
        b->stats.sum_r2 += s.sum_r2;
        pthread_mutex_unlock(&b->lock);
    }
    rp_context_free(ctx);
    rp_diag_free(setup);
    return NULL;
}

size_t rp_batch_run(const char *const *inputs, size_t n, const rp_batch_options *o,
                    rp_batch_report report, void *data, rp_line_stats *stats)
{
    batch b = {.o = o, .inputs = inputs, .n = n};
    b.res = rp_xcalloc(n + 1, sizeof *b.res);
    pthread_mutex_init(&b.lock, NULL);
    pthread_cond_init(&b.finished, NULL);
    int jobs = o->jobs > 0 ? o->jobs : 1;
    if ((size_t)jobs > n)
        jobs = n ? (int)n : 1;
    pthread_t *th = rp_xcalloc((size_t)jobs, sizeof *th);
    for (int t = 0; t < jobs; t++)
        pthread_create(&th[t], NULL, worker, &b);
    /* Report in input order as documents finish.  What one document
     * repeats from an earlier one (the same catalogue lacking the same
     * message, a --lang without a catalogue, a broken ladder) is said once
     * a run. */
    size_t failed = 0;
    GHashTable *said = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL); /* -> input */
    for (size_t i = 0; i < n; i++) {
        pthread_mutex_lock(&b.lock);
        while (!b.res[i].done)
            pthread_cond_wait(&b.finished, &b.lock);
        pthread_mutex_unlock(&b.lock);
        result *r = &b.res[i];
        failed += r->rc != 0;
        say_once(r, inputs, i, n, said);
        if (report)
            report(data, i, inputs[i], r->output, r->rc, r->d, (const char *const *)r->deps,
                   r->ndeps);
        rp_diag_free(r->d);
        free(r->output);
        for (size_t k = 0; k < r->ndeps; k++)
            free(r->deps[k]);
        free(r->deps);
    }
    g_hash_table_destroy(said);
    for (int t = 0; t < jobs; t++)
        pthread_join(th[t], NULL);
    if (stats) {
        stats->lines += b.stats.lines;
        stats->hyphens += b.stats.hyphens;
        stats->sum_r2 += b.stats.sum_r2;
    }
    free(th);
    free(b.res);
    pthread_mutex_destroy(&b.lock);
    pthread_cond_destroy(&b.finished);
    return failed;
}
