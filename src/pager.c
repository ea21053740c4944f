/* pager.c - pages finished while the document is still being built.
 *
 * Input: the items flow has made so far, up to those that can no longer
 * change.  Output: the pages those items decide (paginate.c), numbered
 * (pages.c), with the page of every anchor noted, each handed to the
 * caller's `finished` as soon as it is cut.  Once a page is finished its
 * items let go of their ops, and with them of the paragraph layouts they
 * hold: memory keeps the lines of the page being filled, not the book's.
 * The header rows of tables are kept to the end: any later page may
 * repeat them.
 */
#include "typeset.h"

#include <string.h>

void rp_pager_init(rp_pager *p, rp_context *ctx, const char *culprit, rp_diag *d,
                   rp_page_fn finished, void *data)
{
    memset(p, 0, sizeof *p);
    p->ctx = ctx;
    p->culprit = culprit;
    p->d = d;
    p->finished = finished;
    p->data = data;
    p->anchors = rp_pagemap_new();
}

void rp_pager_clear(rp_pager *p)
{
    free(p->body);
    free(p->pages.v);
    rp_labels_free(p->labels, p->pages.n);
    if (p->anchors)
        g_hash_table_unref(p->anchors);
    memset(p, 0, sizeof *p);
}

static void finish_page(rp_pager *p, rp_tdoc *doc, size_t index)
{
    const rp_page *pg = &p->pages.v[index];
    rp_grow((void **)&p->labels, &p->caplabels, index + 1, sizeof *p->labels);
    p->labels[index] = rp_page_label_next(&p->nb, &doc->items.v[pg->first]);
    rp_anchor_page(p->anchors, doc, pg, p->labels[index]);
    if (p->finished)
        p->finished(p->data, doc, &p->pages, p->labels, index);
    for (size_t i = pg->first; i < pg->end && !p->keep; i++)
        if (!doc->items.v[i].is_header)
            rp_item_clear(&doc->items.v[i]);
}

/* Finished items go from the front of the list once there are this many:
 * it would hold a struct for every item of the book (27 MiB at 1000
 * roles), though their ops went with their pages. */
#define RP_PAGER_DROP 1024

/* Drops the items before the first that a page still to come may need:
 * its own, or a header row it repeats.  Not with keep (the caller reads
 * the pages afterwards). */
static void drop_finished(rp_pager *p, rp_tdoc *doc)
{
    size_t from = p->pg.next;
    if (p->keep || from < RP_PAGER_DROP)
        return;
    for (size_t i = from; i < doc->items.n; i++)
        if (doc->items.v[i].hdr_count && (size_t)doc->items.v[i].hdr_first < from)
            from = (size_t)doc->items.v[i].hdr_first;
    if (from < RP_PAGER_DROP)
        return;
    for (size_t i = 0; i < from; i++)
        rp_item_clear(&doc->items.v[i]); /* the header rows no page repeats now */
    memmove(doc->items.v, doc->items.v + from, (doc->items.n - from) * sizeof *doc->items.v);
    doc->items.n -= from;
    for (size_t i = 0; i < doc->items.n; i++)
        if (doc->items.v[i].hdr_count)
            doc->items.v[i].hdr_first -= (int)from;
    p->pg.next -= from;
    p->dropped += from;
}

void rp_pager_feed(rp_pager *p, rp_tdoc *doc, size_t n, int final)
{
    if (!p->body) {
        p->body = rp_xmalloc((doc->ntpl ? doc->ntpl : 1) * sizeof *p->body);
        for (size_t i = 0; i < doc->ntpl; i++)
            p->body[i] = doc->tpls[i].height - doc->tpls[i].margin_top -
                         doc->tpls[i].margin_bottom;
    }
    size_t before = p->pages.n;
    rp_paginate_more(&p->pg, doc->items.v, n, final, p->body, p->ctx->max_pages, &p->pages,
                     p->culprit, p->d);
    for (size_t i = before; i < p->pages.n; i++)
        finish_page(p, doc, i);
    drop_finished(p, doc);
}
