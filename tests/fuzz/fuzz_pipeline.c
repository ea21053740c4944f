/* fuzz_pipeline.c - libFuzzer target: bytes as a blueprint through the
 * whole pipeline (validate, job-description stylesheet, layout check,
 * typesetting, PDF). */
#include "rolepress.h"

#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

static rp_context *ctx;
static char out[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ctx) {
        rp_diag *d = rp_diag_new();
        ctx = rp_context_new(NULL, d);
        rp_diag_free(d);
        if (!ctx)
            abort();
        rp_context_set_limits(ctx, 50, 5);
        snprintf(out, sizeof out, "/tmp/rp-fuzz-%d.pdf", (int)getpid());
    }
    rp_diag *d = rp_diag_new();
    xmlDocPtr bp = rp_blueprint_parse(ctx, (const char *)data, size, "fuzz.xml", d);
    if (bp) {
        char *sheet = malloc(4096);
        snprintf(sheet, 4096, "%s/xsl/job-description.xsl", rp_context_datadir(ctx));
        xmlDocPtr layout = rp_transform(ctx, sheet, bp, NULL, d);
        if (layout && rp_layout_validate(ctx, layout, sheet, d) == 0)
            rp_typeset(ctx, layout, sheet, out, d);
        xmlFreeDoc(layout);
        xmlFreeDoc(bp);
        free(sheet);
    }
    rp_diag_free(d);
    unlink(out);
    return 0;
}
