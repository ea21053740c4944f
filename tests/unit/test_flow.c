/* test_flow.c - the flow hands its items to the pager as blocks finish,
 * inside a group too: a book's contents is one group of thousands of
 * entries, and the items of a whole group held at once (with their
 * shaped lines, when drawing) were the drawing pass's largest moment.  A
 * group inside one kept together is still held whole, as the outer one
 * must be to move to the next page as one. */
#include "context_fixture.h"

#define ENTRIES 400

typedef struct {
    size_t pages, most_held; /* items with their ops when a page is finished */
} held;

static void finished(void *data, rp_tdoc *doc, const rp_pagelist *pages, char **labels,
                     size_t index)
{
    (void)pages;
    (void)labels;
    (void)index;
    held *h = data;
    h->pages++;
    size_t live = 0;
    for (size_t i = 0; i < doc->items.n; i++)
        live += doc->items.v[i].nops > 0;
    if (live > h->most_held)
        h->most_held = live;
}

/* A layout whose one section holds a group of ENTRIES paragraphs, inside
 * the element that outer opens (and close ends). */
static xmlDocPtr group_layout(const char *outer, const char *close)
{
    rp_buf b = {0};
    rp_buf_printf(&b, "<document><meta><title>t</title></meta>"
                      "<style name='body' font-size='10pt'/>"
                      "<page-template name='p' size='A4' margin-top='20mm'"
                      " margin-bottom='20mm' margin-left='20mm' margin-right='20mm'/>"
                      "<section>%s<group>", outer);
    for (int i = 0; i < ENTRIES; i++)
        rp_buf_printf(&b, "<para style='body'>Entry %d of the group</para>", i);
    rp_buf_printf(&b, "</group>%s</section></document>", close);
    xmlDocPtr doc = fixture_parse(b.s, "flow.xml");
    free(b.s);
    return doc;
}

static held flow_group(rp_context *ctx, rp_diag *d, const char *outer, const char *close)
{
    held h = {0};
    xmlDocPtr layout = group_layout(outer, close);
    rp_pager pager;
    rp_pager_init(&pager, ctx, "t.xsl", d, finished, &h);
    rp_tdoc *doc = rp_flow_build(ctx, layout, "t.xsl", NULL, NULL, NULL, 0, &pager, d);
    CHECK(doc != NULL);
    rp_tdoc_free(doc);
    rp_pager_clear(&pager);
    xmlFreeDoc(layout);
    return h;
}

static void groups(rp_context *ctx, rp_diag *d)
{
    held open = flow_group(ctx, d, "", "");
    CHECK(open.pages > 4);
    /* about a page of items at a time, not the whole group */
    CHECK(open.most_held < ENTRIES / 4);
    INT_EQ(rp_diag_count(d), 0);

    /* inside a group kept together, the inner one is held with it */
    held kept = flow_group(ctx, d, "<group keep-together='yes'>", "</group>");
    CHECK(kept.most_held >= ENTRIES);
}

int main(void)
{
    return fixture_main(groups);
}
