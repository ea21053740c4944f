/* fuzz_blueprint.c - libFuzzer target: bytes as a role blueprint through
 * safe parsing and schema validation.  Any input must give a document or
 * diagnostics, never a crash, a leak or a hang. */
#include "rolepress.h"

#include <stdint.h>
#include <stdlib.h>

static rp_context *ctx;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!ctx) {
        rp_diag *d = rp_diag_new();
        ctx = rp_context_new(NULL, d);
        rp_diag_free(d);
        if (!ctx)
            abort();
    }
    rp_diag *d = rp_diag_new();
    xmlDocPtr doc = rp_blueprint_parse(ctx, (const char *)data, size, "fuzz.xml", d);
    if (!doc && rp_diag_errors(d) == 0)
        abort(); /* a rejected input must say why */
    xmlFreeDoc(doc);
    rp_diag_free(d);
    return 0;
}
