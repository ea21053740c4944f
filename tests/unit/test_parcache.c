/* test_parcache.c - paragraph layouts reused across passes: a paragraph
 * without page-refs is laid out once, one with a page-ref again with the
 * page numbers of the previous pass. */
#include "context_fixture.h"

#include <stdlib.h>

static const char layout_xml[] =
    "<document xml:lang='en'><meta><title>t</title></meta>"
    "<page-template name='p' size='A4' margin-top='20mm' margin-bottom='20mm'"
    " margin-left='20mm' margin-right='20mm'/>"
    "<section id='s'><para>Plain text that says the same in every pass, long enough"
    " to be broken into lines by the composer, and then some more words.</para>"
    "<para>See page <page-ref ref='s'/> for more.</para></section></document>";

/* The layout of the first TEXT op of the item-th paragraph (0 or 1). */
static PangoLayout *para_layout(const rp_tdoc *doc, int which)
{
    PangoLayout *last = NULL;
    int seen = -1;
    for (size_t i = 0; i < doc->items.n; i++)
        for (size_t k = 0; k < doc->items.v[i].nops; k++) {
            const rp_op *op = &doc->items.v[i].ops[k];
            if (op->kind != RP_OP_TEXT || op->layout == last)
                continue;
            last = op->layout;
            if (++seen == which)
                return op->layout;
        }
    return NULL;
}

int main(void)
{
    rp_diag *d;
    rp_context *ctx = fixture_context(&d);
    if (!ctx)
        TEST_MAIN_END();
    xmlDocPtr layout = fixture_parse(layout_xml, "cache.xml");
    rp_parcache *cache = rp_parcache_new();

    rp_tdoc *first = rp_flow_build(ctx, layout, "t.xsl", NULL, cache, d);
    CHECK(first != NULL);
    if (!first)
        TEST_MAIN_END();
    INT_EQ(first->page_refs, 1);
    INT_EQ(first->unresolved_refs, 1);
    CHECK(strstr(pango_layout_get_text(para_layout(first, 1)), "page 00") != NULL);

    rp_pagemap *refs = g_hash_table_new_full(g_str_hash, g_str_equal, free, free);
    g_hash_table_insert(refs, rp_xstrdup("s"), rp_xstrdup("417"));
    rp_tdoc *second = rp_flow_build(ctx, layout, "t.xsl", refs, cache, d);
    CHECK(second != NULL);
    if (second) {
        /* The plain paragraph is the same layout, not laid out again. */
        CHECK(para_layout(second, 0) == para_layout(first, 0));
        /* The page-ref paragraph is new and carries the page number. */
        CHECK(para_layout(second, 1) != para_layout(first, 1));
        CHECK(strstr(pango_layout_get_text(para_layout(second, 1)), "page 417") != NULL);
        INT_EQ(second->unresolved_refs, 0);
        INT_EQ(second->items.n, first->items.n);
    }
    /* Without a cache every pass lays every paragraph out afresh. */
    rp_tdoc *uncached = rp_flow_build(ctx, layout, "t.xsl", refs, NULL, d);
    CHECK(uncached && para_layout(uncached, 0) != para_layout(first, 0));
    INT_EQ(rp_diag_errors(d), 0);

    rp_tdoc_free(uncached);
    rp_tdoc_free(second);
    rp_tdoc_free(first);
    g_hash_table_unref(refs);
    rp_parcache_free(cache);
    xmlFreeDoc(layout);
    fixture_free(ctx, d);
    rp_shutdown();
    TEST_MAIN_END();
}
