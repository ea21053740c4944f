/* context_fixture.h - the context and XML set-up the typesetter's unit tests
 * share (the paginator's tests need neither and include harness.h only). */
#ifndef RP_CONTEXT_FIXTURE_H
#define RP_CONTEXT_FIXTURE_H

#include "harness.h"
#include "typeset.h"

#include <libxml/parser.h>

/* A context with the shipped fonts; NULL (and a failed check) if it cannot
 * be made, so the test can end early instead of crashing. */
static inline rp_context *fixture_context(rp_diag **d)
{
    *d = rp_diag_new();
    rp_context *ctx = rp_context_new(NULL, *d);
    CHECK(ctx != NULL);
    return ctx;
}

static inline void fixture_free(rp_context *ctx, rp_diag *d)
{
    rp_context_free(ctx);
    rp_diag_free(d);
}

/* A test program's whole main: test run with a context of its own. */
static inline int fixture_main(void (*test)(rp_context *ctx, rp_diag *d))
{
    rp_diag *d;
    rp_context *ctx = fixture_context(&d);
    if (ctx)
        test(ctx, d);
    fixture_free(ctx, d);
    rp_shutdown();
    TEST_MAIN_END();
}

/* An in-memory layout fragment; NAME is what diagnostics call it. */
static inline xmlDocPtr fixture_parse(const char *xml, const char *name)
{
    return xmlReadMemory(xml, (int)strlen(xml), name, NULL, 0);
}

/* A file's bytes (*n of them; g_free them), or NULL with a failed check. */
static inline char *fixture_slurp(const char *path, size_t *n)
{
    char *s = NULL;
    *n = 0;
    CHECK(g_file_get_contents(path, &s, n, NULL));
    return s;
}

/* Whether two line statistics are the same, to the bit. */
static inline int fixture_same_stats(const rp_compose_stats *a, const rp_compose_stats *b)
{
    return a->lines == b->lines && a->hyphens == b->hyphens && a->sum_r2 == b->sum_r2;
}

#endif
