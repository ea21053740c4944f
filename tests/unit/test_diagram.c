/* test_diagram.c - diagram layout: crossing removal, scaling, links. */
#include "context_fixture.h"

static xmlDocPtr parse(const char *xml)
{
    return fixture_parse(xml, "diagram.xml");
}

/* x of the BOX op of node i (boxes are drawn in node order). */
static rp_unit box_x(const rp_item *it, int i)
{
    int k = 0;
    for (size_t n = 0; n < it->nops; n++)
        if (it->ops[n].kind == RP_OP_BOX && k++ == i)
            return it->ops[n].x;
    return -1;
}

static size_t count(const rp_item *it, rp_op_kind kind)
{
    size_t k = 0;
    for (size_t n = 0; n < it->nops; n++)
        k += it->ops[n].kind == kind;
    return k;
}

/* The box width of a diagram too narrow for its labels, which repeat
 * one long word; the second node's emphasis as given. */
static rp_unit word_box(rp_context *ctx, rp_styles *st, rp_diag *d, const char *emphasis)
{
    char xml[512];
    snprintf(xml, sizeof xml,
             "<document><diagram><tier id='t'/><lane id='l'/>"
             "<node id='A' tier='t' lane='l'>Mmmmmmmmmm x</node>"
             "<node id='B' tier='t' lane='l' emphasis='%s'>Mmmmmmmmmm</node>"
             "<node id='C' tier='t' lane='l'>y Mmmmmmmmmm</node></diagram></document>",
             emphasis);
    xmlDocPtr doc = parse(xml);
    rp_item it = {0};
    rp_diagram_build(ctx->pango, st, xmlDocGetRootElement(doc)->children, RP_PT(10), 0, &it, d,
                     "t.xsl");
    rp_unit w = -1;
    for (size_t n = 0; n < it.nops; n++)
        if (it.ops[n].kind == RP_OP_BOX)
            w = it.ops[n].w;
    rp_item_clear(&it);
    xmlFreeDoc(doc);
    return w;
}

int main(void)
{
    rp_diag *d;
    rp_context *ctx = fixture_context(&d);
    if (!ctx)
        TEST_MAIN_END();
    /* Input order crosses the edges: A above D, B above C, C->A, D->B...
     * declared as top A B, bottom C D with C->B and D->A. */
    xmlDocPtr doc = parse("<document><style name='n' font-size='8pt'/>"
                          "<diagram node-style='n'>"
                          "<tier id='top'/><tier id='bottom'/><lane id='l'/>"
                          "<node id='A' tier='top' lane='l' href='#x'>Alpha</node>"
                          "<node id='B' tier='top' lane='l'>Beta</node>"
                          "<node id='C' tier='bottom' lane='l'>Gamma</node>"
                          "<node id='D' tier='bottom' lane='l'>Delta</node>"
                          "<edge from='C' to='B'/><edge from='D' to='A'/>"
                          "</diagram></document>");
    rp_styles *st = rp_styles_new(doc, ctx->pango, "t.xsl", d);
    xmlNodePtr dia = xmlDocGetRootElement(doc)->children->next;
    rp_item it = {0};
    rp_diagram_build(ctx->pango, st, dia, RP_PT(400), 0, &it, d, "t.xsl");
    INT_EQ(rp_diag_count(d), 0);
    /* No crossing: A left of B exactly when D (A's neighbour) is left of C. */
    rp_unit a = box_x(&it, 0), b = box_x(&it, 1), c = box_x(&it, 2), dd = box_x(&it, 3);
    CHECK((a < b) == (dd < c));
    INT_EQ(count(&it, RP_OP_BOX), 4);
    INT_EQ(count(&it, RP_OP_EDGE), 2);
    INT_EQ(count(&it, RP_OP_LINK), 1);
    CHECK(it.alt && strstr(it.alt, "Gamma leads to Beta"));
    CHECK(it.height > 0);
    CHECK(it.scale == 0);
    rp_item_clear(&it);

    /* Too tall for max_height: scaled down to it exactly. */
    rp_item small = {0};
    rp_diagram_build(ctx->pango, st, dia, RP_PT(400), RP_PT(20), &small, d, "t.xsl");
    CHECK(small.scale > 0 && small.scale < 1);
    INT_EQ(small.height, RP_PT(20));
    rp_item_clear(&small);

    /* Two nodes of one id: an edge names the first (as before the ids were
     * hashed), both ends of it, and the second is still drawn. */
    xmlDocPtr twice = parse("<document><diagram><tier id='t'/><tier id='u'/><lane id='l'/>"
                            "<node id='A' tier='t' lane='l'>First</node>"
                            "<node id='B' tier='u' lane='l'>Beta</node>"
                            "<node id='A' tier='u' lane='l'>Second</node>"
                            "<edge from='B' to='A'/><edge from='A' to='B'/></diagram></document>");
    rp_item tw = {0};
    rp_diagram_build(ctx->pango, st, xmlDocGetRootElement(twice)->children, RP_PT(400), 0, &tw,
                     d, "t.xsl");
    INT_EQ(rp_diag_count(d), 0);
    INT_EQ(count(&tw, RP_OP_BOX), 3);
    INT_EQ(count(&tw, RP_OP_EDGE), 2);
    CHECK(tw.alt && strstr(tw.alt, "Beta leads to First"));
    CHECK(tw.alt && strstr(tw.alt, "First leads to Beta"));
    CHECK(tw.alt && !strstr(tw.alt, "to Second") && !strstr(tw.alt, "Second leads"));
    rp_item_clear(&tw);
    xmlFreeDoc(twice);

    /* An edge to an unknown node is an error, not a crash. */
    xmlDocPtr bad = parse("<document><diagram><tier id='t'/><lane id='l'/>"
                          "<node id='A' tier='t' lane='l'>A</node><node id='B' tier='nope' lane='l'>B</node>"
                          "<edge from='A' to='Z'/></diagram></document>");
    rp_item x = {0};
    rp_diagram_build(ctx->pango, st, xmlDocGetRootElement(bad)->children, RP_PT(400), 0, &x, d,
                     "t.xsl");
    INT_EQ(rp_diag_errors(d), 2);
    rp_item_clear(&x);
    xmlFreeDoc(bad);

    /* Too narrow a measure: the boxes are as wide as the longest word.
     * Words are measured once however many labels repeat them, but a word
     * of the emphasised node's label apart, in bold: it widens the boxes. */
    rp_unit plain_w = word_box(ctx, st, d, "no"), bold_w = word_box(ctx, st, d, "yes");
    CHECK(plain_w > 0);
    CHECK(bold_w > plain_w);

    rp_styles_free(st);
    xmlFreeDoc(doc);
    fixture_free(ctx, d);
    rp_shutdown();
    TEST_MAIN_END();
}
