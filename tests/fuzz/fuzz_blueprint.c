/* fuzz_blueprint.c - libFuzzer target: bytes as a role blueprint through
 * safe parsing and schema validation.  Any input must give a document or
 * diagnostics, never a crash, a leak or a hang. */
#include "fuzz_common.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rp_context *ctx = fuzz_context();
    rp_diag *d = rp_diag_new();
    xmlDocPtr doc = rp_blueprint_parse(ctx, (const char *)data, size, "fuzz.xml", d);
    if (!doc && rp_diag_errors(d) == 0)
        abort(); /* a rejected input must say why */
    xmlFreeDoc(doc);
    rp_diag_free(d);
    return 0;
}
