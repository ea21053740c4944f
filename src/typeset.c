/* typeset.c - layout XML to a finished PDF file.
 *
 * Runs the typesetter's stages in order: validate the layout XML against
 * its schema, build the measured item list (flow.c), paginate
 * (paginate.c), render (render.c) into an atomic output file.
 */
#include "typeset.h"
#include "output.h"

#include <string.h>

int rp_layout_validate(rp_context *ctx, xmlDocPtr layout, const char *culprit, rp_diag *d)
{
    xmlRelaxNGPtr rng = rp_schema_get(ctx, &ctx->layout_rng, "xml/schema/layout.rng", d);
    if (!rng)
        return -1;
    xmlNodePtr root = xmlDocGetRootElement(layout);
    if (!root || !xmlStrEqual(root->name, BAD_CAST "document")) {
        rp_diag_add(d, RP_ERROR, culprit, 0, 0,
                    "the stylesheet's output is not layout XML: the root element is <%s>, not <document>",
                    root ? (const char *)root->name : "(none)");
        return -1;
    }
    size_t before = rp_diag_count(d);
    int errs = rp_xml_validate(rng, layout, culprit, d);
    /* Result trees have no line numbers; say where in the tree instead. */
    for (size_t i = before; i < rp_diag_count(d); i++) {
        rp_diag_record *r = (rp_diag_record *)rp_diag_get(d, i);
        char *m = rp_xasprintf("layout output does not match xml/schema/layout.rng: %s", r->message);
        free(r->message);
        r->message = m;
        r->line = r->col = 0;
    }
    return errs ? -1 : 0;
}

int rp_typeset(rp_context *ctx, xmlDocPtr layout, const char *culprit, const char *path,
               rp_diag *d)
{
    rp_tdoc *doc = rp_flow_build(ctx, layout, culprit, d);
    if (!doc)
        return -1;
    rp_unit *body = rp_xmalloc(doc->ntpl * sizeof *body);
    for (size_t i = 0; i < doc->ntpl; i++)
        body[i] = doc->tpls[i].height - doc->tpls[i].margin_top - doc->tpls[i].margin_bottom;
    rp_pagelist pages = {0};
    rp_paginate(doc->items.v, doc->items.n, body, &pages, culprit, d);
    free(body);
    int rc = -1;
    rp_output out;
    if (rp_output_open(&out, path, d) == 0) {
        if (rp_render_pdf(ctx, doc, &pages, out.f, culprit, d) == 0)
            rc = rp_output_commit(&out, d);
        else
            rp_output_abort(&out);
    }
    free(pages.v);
    rp_tdoc_free(doc);
    return rc;
}
