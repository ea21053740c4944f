/* fuzz_pipeline.c - libFuzzer target: bytes as a blueprint through the
 * whole pipeline (validate, job-description stylesheet, layout check,
 * typesetting, PDF). */
#include "fuzz_common.h"

#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rp_context *ctx = fuzz_context();
    rp_diag *d = rp_diag_new();
    xmlDocPtr bp = rp_blueprint_parse(ctx, (const char *)data, size, "fuzz.xml", d);
    if (bp) {
        char *sheet = malloc(4096);
        snprintf(sheet, 4096, "%s/xsl/job-description.xsl", rp_context_datadir(ctx));
        xmlDocPtr layout = rp_transform(ctx, sheet, bp, NULL, d);
        if (layout && rp_layout_validate(ctx, layout, sheet, d) == 0)
            rp_typeset(ctx, layout, sheet, fuzz_out, d);
        xmlFreeDoc(layout);
        xmlFreeDoc(bp);
        free(sheet);
    }
    rp_diag_free(d);
    unlink(fuzz_out);
    return 0;
}
