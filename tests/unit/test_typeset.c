/* test_typeset.c - a document typeset with its drawing pass as the
 * second layout (rp_typeset: the first pass's page numbers drawn at once,
 * and kept when the pages come out as that pass cut them) is the one
 * typeset with a second measuring pass first (rp_typeset_consume of a
 * tree, which cannot be laid out twice once drawn), byte for byte, with
 * the same line statistics: where the guess holds, and where it does not
 * and the drawing is dropped. */
#include "context_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define REFS 120

#define TAIL 10

/* A paragraph of REFS references to the paragraph "end", filler
 * paragraphs after it, then "end" and TAIL more: the first pass prints
 * the page it is filling for each reference, one digit; "end" lands on
 * page 10 or later, so the real numbers are longer, and the paragraph a
 * few lines longer.  Every page says how many there are. */
static xmlDocPtr refs_layout(int filler)
{
    rp_buf b = {0};
    rp_buf_puts(&b, "<document xml:lang='en'><meta><title>t</title></meta>"
                    "<style name='body' text-align='justify'/>"
                    "<page-template name='p' size='A5' margin-top='20mm' margin-bottom='20mm'"
                    " margin-left='20mm' margin-right='20mm'><footer><right>Page <page-number/> of"
                    " <page-count/></right></footer></page-template><section><para>See");
    for (int i = 0; i < REFS; i++)
        rp_buf_puts(&b, " <page-ref ref='end'/>,");
    rp_buf_puts(&b, " and the end.</para><para style='body'>");
    for (int i = 0; i < 20; i++)
        rp_buf_puts(&b, "A paragraph that is justified, for the statistics of its lines. ");
    rp_buf_puts(&b, "</para>");
    for (int i = 0; i < filler; i++)
        rp_buf_printf(&b, "<para>Line %d.</para>", i);
    rp_buf_puts(&b, "<para id='end'>The end.</para>");
    for (int i = 0; i < TAIL; i++)
        rp_buf_printf(&b, "<para>Tail %d.</para>", i);
    rp_buf_puts(&b, "</section></document>");
    xmlDocPtr doc = fixture_parse(b.s, "refs.xml");
    free(b.s);
    return doc;
}

/* What a measuring pass with the page-refs of refs (NULL: the first
 * pass) found: the page of every id (a new map) and how many pages. */
static rp_pagemap *measure(rp_context *ctx, rp_diag *d, xmlDocPtr layout, rp_pagemap *refs,
                           size_t *pages)
{
    rp_pager pager;
    rp_pager_init(&pager, ctx, "t.xsl", d, NULL, NULL);
    rp_tdoc *doc = rp_flow_build(ctx, layout, "t.xsl", NULL, refs, NULL, 0, &pager, d);
    CHECK(doc != NULL);
    rp_pagemap *found = g_hash_table_ref(pager.anchors);
    *pages = pager.pages.n;
    rp_tdoc_free(doc);
    rp_pager_clear(&pager);
    return found;
}

/* How a second pass differs from the first for filler paragraphs. */
enum { AGREES, END_MOVES, MORE_PAGES, OUTCOMES, BOTH = OUTCOMES };

static int second_pass(rp_context *ctx, rp_diag *d, int filler)
{
    xmlDocPtr layout = refs_layout(filler);
    size_t n1, n2;
    rp_pagemap *first = measure(ctx, d, layout, NULL, &n1);
    rp_pagemap *second = measure(ctx, d, layout, first, &n2);
    const char *p1 = g_hash_table_lookup(first, "end"), *p2 = g_hash_table_lookup(second, "end");
    CHECK(p1 && p2 && strlen(p1) == 2); /* a page after the ninth */
    int moves = !p1 || !p2 || strcmp(p1, p2) != 0;
    g_hash_table_unref(first);
    g_hash_table_unref(second);
    xmlFreeDoc(layout);
    return moves ? (n1 == n2 ? END_MOVES : BOTH) : (n1 == n2 ? AGREES : MORE_PAGES);
}

/* Typesets the layout with filler lines both ways; both PDFs must be
 * the same bytes, their line statistics the same. */
static void both_ways(rp_context *ctx, rp_diag *d, int filler, const char *dir)
{
    char *spec = rp_xasprintf("%s/speculative.pdf", dir), *plain = rp_xasprintf("%s/plain.pdf", dir);
    ctx->stats = (rp_compose_stats){0};
    xmlDocPtr layout = refs_layout(filler);
    INT_EQ(rp_typeset(ctx, layout, "t.xsl", spec, d), 0);
    xmlFreeDoc(layout);
    rp_compose_stats first = ctx->stats;
    ctx->stats = (rp_compose_stats){0};
    INT_EQ(rp_typeset_consume(ctx, refs_layout(filler), "t.xsl", plain, d), 0);
    INT_EQ((int)rp_diag_errors(d), 0);
    size_t na, nb;
    char *a = fixture_slurp(spec, &na), *b = fixture_slurp(plain, &nb);
    CHECK(na > 0 && na == nb && a && b && memcmp(a, b, na) == 0);
    CHECK(first.lines > 0 && fixture_same_stats(&first, &ctx->stats));
    g_free(a);
    g_free(b);
    unlink(spec);
    unlink(plain);
    free(spec);
    free(plain);
}

static void test(rp_context *ctx, rp_diag *d)
{
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    char *dir = g_build_filename(g_get_tmp_dir(), "rp-test-typeset-XXXXXX", NULL);
    CHECK(g_mkdtemp(dir) != NULL);
    /* A filler length for each way the second pass can come out: the
     * pages of the first (the drawing is kept), "end" on the next page
     * in as many pages, or the same page of "end" in one more page (the
     * drawing is dropped). */
    int found[OUTCOMES] = {-1, -1, -1}, left = OUTCOMES;
    for (int filler = 330; filler < 450 && left; filler++) {
        int o = second_pass(ctx, d, filler);
        if (o < OUTCOMES && found[o] < 0) {
            found[o] = filler;
            left--;
        }
    }
    for (int o = 0; o < OUTCOMES; o++) {
        CHECK(found[o] >= 0);
        if (found[o] >= 0)
            both_ways(ctx, d, found[o], dir);
    }
    rmdir(dir);
    g_free(dir);
}

int main(void)
{
    return fixture_main(test);
}
