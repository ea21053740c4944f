/* fuzz_layout.c - libFuzzer target: bytes as layout XML, validated against
 * layout.rng and typeset to PDF: the typesetter must survive any valid
 * layout (absurd sizes, huge tables, blocks that never fit). */
#include "rolepress.h"

#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include <libxml/parser.h>

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
        /* Small limits keep each run short, as a fuzzer needs. */
        rp_context_set_limits(ctx, 50, 5);
        snprintf(out, sizeof out, "/tmp/rp-fuzz-%d.pdf", (int)getpid());
    }
    rp_diag *d = rp_diag_new();
    xmlDocPtr doc = xmlReadMemory((const char *)data, (int)size, "fuzz.xml", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (doc && xmlDocGetRootElement(doc) && rp_layout_validate(ctx, doc, "fuzz.xsl", d) == 0)
        rp_typeset(ctx, doc, "fuzz.xsl", out, d);
    xmlFreeDoc(doc);
    rp_diag_free(d);
    unlink(out);
    return 0;
}
