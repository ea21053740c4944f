/* fuzz_layout.c - libFuzzer target: bytes as layout XML, validated against
 * layout.rng and typeset to PDF: the typesetter must survive any valid
 * layout (absurd sizes, huge tables, blocks that never fit). */
#include "fuzz_common.h"

#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include <libxml/parser.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rp_context *ctx = fuzz_context();
    rp_diag *d = rp_diag_new();
    xmlDocPtr doc = xmlReadMemory((const char *)data, (int)size, "fuzz.xml", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (doc && xmlDocGetRootElement(doc) && rp_layout_validate(ctx, doc, "fuzz.xsl", d) == 0)
        rp_typeset(ctx, doc, "fuzz.xsl", fuzz_out, d);
    xmlFreeDoc(doc);
    rp_diag_free(d);
    unlink(fuzz_out);
    return 0;
}
