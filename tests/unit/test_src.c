/* test_src.c - where a block of the layout comes from.  Warnings about a
 * block name the blueprint line its src attribute gives ("file:line"), or
 * its nearest ancestor's (and a running head its section's); the document
 * keeps each file once, whatever the number of lines from it.  A src that
 * names no line is kept whole, and a block without one falls back to the
 * stylesheet. */
#include "context_fixture.h"

static const char *const layout_xml =
    "<document><meta><title>t</title></meta>"
    "<style name='body' font-size='10pt'/>"
    "<page-template name='p' size='A4' margin-top='20mm' margin-bottom='20mm'"
    " margin-left='20mm' margin-right='20mm'/>"
    "<section title='B' src='roles/b.xml:2'>"
    "<para style='body' src='roles/a.xml:3'>alpha</para>"
    "<para style='body' src='roles/a.xml:17'>beta</para>"
    "<para style='body'>gamma</para>"
    "<para style='body' src='hand-made'>delta</para>"
    "<para style='body' src='c:/x.xml:4294967299'>epsilon</para>"
    "</section>"
    "<para style='body'>zeta</para>"
    "</document>";

/* The first item whose text holds text. */
static const rp_item *item_of(const rp_tdoc *doc, const char *text)
{
    for (size_t i = 0; i < doc->items.n; i++) {
        const rp_item *it = &doc->items.v[i];
        for (size_t k = 0; k < it->nops; k++)
            if (it->ops[k].kind == RP_OP_TEXT && it->ops[k].layout &&
                strstr(pango_layout_get_text(it->ops[k].layout), text))
                return it;
    }
    return NULL;
}

static void positions(rp_context *ctx, rp_diag *d)
{
    xmlDocPtr layout = fixture_parse(layout_xml, "src.xml");
    rp_tdoc *doc = rp_flow_build(ctx, layout, "t.xsl", NULL, NULL, NULL, RP_FLOW_DRAW, NULL, d);
    CHECK(doc != NULL);
    if (!doc) {
        xmlFreeDoc(layout);
        return;
    }
    const rp_item *a = item_of(doc, "alpha"), *b = item_of(doc, "beta");
    const rp_item *g = item_of(doc, "gamma"), *h = item_of(doc, "delta");
    const rp_item *e = item_of(doc, "epsilon"), *z = item_of(doc, "zeta");
    CHECK(a && b && g && h && e && z);
    if (a && b && g && h && e && z) {
        STR_EQ(a->src.file, "roles/a.xml");
        INT_EQ(a->src.line, 3);
        INT_EQ(b->src.line, 17);
        CHECK(a->src.file == b->src.file); /* one string for the file */
        STR_EQ(g->src.file, "roles/b.xml"); /* the section's */
        INT_EQ(g->src.line, 2);
        STR_EQ(h->src.file, "hand-made");
        INT_EQ(h->src.line, 0);
        /* a number too long for a line is no line */
        STR_EQ(e->src.file, "c:/x.xml:4294967299");
        INT_EQ(e->src.line, 0);
        CHECK(z->src.file == NULL);
        /* a running head's source: its section's own */
        CHECK(doc->nsections == 1);
        if (doc->nsections == 1) {
            STR_EQ(doc->sections[0].src.file, "roles/b.xml");
            INT_EQ(doc->sections[0].src.line, 2);
        }
        /* how a warning about each reads */
        size_t before = rp_diag_count(d);
        rp_diag_add_src(d, RP_WARNING, b->src, "t.xsl", "w");
        rp_diag_add_src(d, RP_WARNING, h->src, "t.xsl", "w");
        rp_diag_add_src(d, RP_WARNING, z->src, "t.xsl", "w");
        const rp_diag_record *r = rp_diag_get(d, before);
        STR_EQ(r->file, "roles/a.xml");
        INT_EQ(r->line, 17);
        r = rp_diag_get(d, before + 1);
        STR_EQ(r->file, "hand-made");
        INT_EQ(r->line, 0);
        r = rp_diag_get(d, before + 2);
        STR_EQ(r->file, "t.xsl");
        INT_EQ(r->line, 0);
    }
    rp_tdoc_free(doc);
    xmlFreeDoc(layout);
}

int main(void)
{
    return fixture_main(positions);
}
