/* fuzz_common.h - the context every fuzz target shares: made once (fonts
 * and schemas load in milliseconds, but not thousands of times a second),
 * with small limits so that each input runs briefly. */
#ifndef RP_FUZZ_COMMON_H
#define RP_FUZZ_COMMON_H

#include "rolepress.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static rp_context *fuzz_ctx;
static char fuzz_out[64]; /* where a target writes its PDF, removed after */

static rp_context *fuzz_context(void)
{
    if (fuzz_ctx)
        return fuzz_ctx;
    rp_diag *d = rp_diag_new();
    fuzz_ctx = rp_context_new(NULL, d);
    rp_diag_free(d);
    if (!fuzz_ctx)
        abort(); /* ROLEPRESS_DATADIR must name the source tree */
    rp_context_set_limits(fuzz_ctx, 50, 5);
    snprintf(fuzz_out, sizeof fuzz_out, "/tmp/rp-fuzz-%d.pdf", (int)getpid());
    return fuzz_ctx;
}

#endif
