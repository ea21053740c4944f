/* test_pager.c - pages finished while the items are still being made: the
 * same pages as cutting at once, each handed over once with its label,
 * the anchors' pages noted, and a finished page's items emptied of their
 * ops (but a table's header rows, which later pages repeat). */
#include "harness.h"
#include "typeset.h"

#include <stdlib.h>

#define H RP_PT(10)
#define N 40

typedef struct {
    size_t calls, next;      /* pages handed over, the index expected next */
    int ops_present;         /* every page's items still had their ops */
    char labels[N][8];
} seen;

static void finished(void *data, rp_tdoc *doc, const rp_pagelist *pages, char **labels,
                     size_t index)
{
    seen *s = data;
    if (index != s->next++)
        s->ops_present = 0;
    const rp_page *p = &pages->v[index];
    for (size_t i = p->first; i < p->end; i++)
        if (!doc->items.v[i].nops)
            s->ops_present = 0;
    snprintf(s->labels[index], sizeof s->labels[index], "%s", labels[index]);
    s->calls++;
}

/* A document of one page template whose body holds 12 lines. */
static void doc_init(rp_tdoc *doc, rp_template *tpl)
{
    *tpl = (rp_template){.height = 12 * H};
    memset(doc, 0, sizeof *doc);
    doc->tpls = tpl;
    doc->ntpl = 1;
}

/* A line's item at the end of doc, a rule to draw; header rows first
 * when header, else rows repeating header rows [hdr, hdr + nhdr). */
static rp_item *push_row(rp_tdoc *doc, int header, int hdr, int nhdr)
{
    rp_item *it = RP_PUSH(doc->items.v, doc->items.n, doc->items.cap);
    memset(it, 0, sizeof *it);
    it->height = H;
    it->section = -1;
    it->is_header = (unsigned)header;
    it->keep_with_next = (unsigned)header;
    if (!header && nhdr) {
        it->hdr_first = hdr;
        it->hdr_count = nhdr;
        it->hdr_height = nhdr * H;
    }
    rp_item_op(it, RP_OP_RULE);
    return it;
}

/* A long document: the finished items go from the front of the list,
 * which stays short, and the pages are the same as cut at once, each
 * with the header rows it repeats still there to be drawn. */
#define LONG 6000
#define TABLE 100 /* a header row and 99 rows, over several pages */

typedef struct {
    rp_pager *pager;
    const rp_pagelist *whole;
    size_t calls, wrong, headers_gone, longest;
} long_seen;

static void long_finished(void *data, rp_tdoc *doc, const rp_pagelist *pages, char **labels,
                          size_t index)
{
    (void)labels;
    long_seen *s = data;
    const rp_page *p = &pages->v[index], *w = &s->whole->v[index];
    size_t base = s->pager->dropped;
    s->wrong += base + p->first != w->first || base + p->end != w->end ||
                p->hdr_count != w->hdr_count ||
                (p->hdr_count && base + (size_t)p->hdr_first != (size_t)w->hdr_first);
    for (int h = 0; h < p->hdr_count; h++) {
        const rp_item *it = &doc->items.v[p->hdr_first + h];
        s->headers_gone += !it->is_header || it->nops != 1;
    }
    s->calls++;
}

static void long_document(rp_context *ctx)
{
    rp_template tpl;
    rp_tdoc doc;
    doc_init(&doc, &tpl);
    for (size_t i = 0; i < LONG; i++) {
        size_t head = i - i % TABLE;
        push_row(&doc, i == head, (int)head, 1);
    }
    rp_diag *d = rp_diag_new();
    rp_pagelist whole = {0};
    rp_unit body = tpl.height;
    rp_paginate(doc.items.v, doc.items.n, &body, 0, &whole, "test", d);

    /* Fed as flow feeds them: a table at a time (a block), all but the
     * last item made so far, the header row's index counted in the list
     * as it is then. */
    rp_tdoc fed = doc;
    fed.items = (rp_itemlist){0};
    rp_pager pager;
    long_seen s = {.pager = &pager, .whole = &whole};
    rp_pager_init(&pager, ctx, "test", d, long_finished, &s);
    for (size_t i = 0; i < LONG; i++) {
        rp_item *it = RP_PUSH(fed.items.v, fed.items.n, fed.items.cap);
        *it = doc.items.v[i];
        if (it->hdr_count)
            it->hdr_first -= (int)pager.dropped;
        if (i % TABLE == TABLE - 1)
            rp_pager_feed(&pager, &fed, fed.items.n - 1, 0);
        if (fed.items.n > s.longest)
            s.longest = fed.items.n;
    }
    rp_pager_feed(&pager, &fed, fed.items.n, 1);
    INT_EQ(pager.pages.n, whole.n);
    INT_EQ(s.calls, whole.n);
    INT_EQ(s.wrong, 0);
    INT_EQ(s.headers_gone, 0);
    CHECK(pager.dropped > 0);
    CHECK(s.longest < LONG / 2); /* it does not grow with the document */
    INT_EQ(rp_diag_count(d), 0);
    rp_pager_clear(&pager);
    rp_items_clear(&fed.items);
    free(doc.items.v); /* the ops went with fed's copies */
    free(whole.v);
    rp_diag_free(d);
}

int main(void)
{
    rp_context ctx;
    memset(&ctx, 0, sizeof ctx);
    rp_template tpl;
    rp_tdoc doc;
    doc_init(&doc, &tpl);
    /* Two header rows, then body rows that repeat them; a new numbering
     * sequence (roman) from item 30, which also starts a page. */
    for (size_t i = 0; i < N; i++)
        push_row(&doc, i < 2, 0, 2);
    doc.items.v[30].break_before = 1;
    doc.items.v[30].numbering = RP_NUM_LOWER_ROMAN;
    rp_op *dest = rp_item_op(&doc.items.v[33], RP_OP_DEST);
    dest->text = rp_xstrdup("target");

    rp_diag *d = rp_diag_new();
    rp_pagelist whole = {0};
    rp_unit body = tpl.height;
    rp_paginate(doc.items.v, doc.items.n, &body, 0, &whole, "test", d);

    seen s = {.ops_present = 1};
    rp_pager pager;
    rp_pager_init(&pager, &ctx, "test", d, finished, &s);
    for (size_t n = 1; n < N; n++)
        rp_pager_feed(&pager, &doc, n, 0);
    rp_pager_feed(&pager, &doc, N, 1);

    INT_EQ(pager.pages.n, whole.n);
    for (size_t i = 0; i < whole.n && i < pager.pages.n; i++) {
        INT_EQ(pager.pages.v[i].first, whole.v[i].first);
        INT_EQ(pager.pages.v[i].end, whole.v[i].end);
    }
    INT_EQ(s.calls, whole.n);
    CHECK(s.ops_present);
    STR_EQ(s.labels[0], "1");
    STR_EQ(s.labels[whole.n - 1], "i");
    STR_EQ(g_hash_table_lookup(pager.anchors, "target"), "i");
    /* Finished pages let go of their items' ops; header rows keep theirs. */
    INT_EQ(doc.items.v[0].nops, 1);
    INT_EQ(doc.items.v[1].nops, 1);
    for (size_t i = 2; i < N; i++)
        INT_EQ(doc.items.v[i].nops, 0);
    INT_EQ(rp_diag_count(d), 0);

    rp_pager_clear(&pager);
    rp_items_clear(&doc.items);
    free(whole.v);
    rp_diag_free(d);
    long_document(&ctx);
    TEST_MAIN_END();
}
