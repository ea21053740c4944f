/* paginate.c - cutting the vertical list into pages.
 *
 * Input: measured items (height, space before, keep and break flags, the
 * table header to repeat) and the body height of each page template.
 * Output: page ranges.  Knows nothing of Pango or Cairo, so it is tested
 * with synthetic items.
 *
 * Each page is filled greedily; when the next item does not fit, the page
 * ends at the last break the keeps allow.  If the keeps allow none (a keep
 * chain longer than a page), the page ends as late as possible and a
 * warning says which rule gave way.  A forced break never makes an empty
 * page, and every page takes at least one item, so the loop ends.
 */
#include "typeset.h"

static void warn(rp_diag *d, const rp_item *it, const char *culprit, size_t page,
                 const char *what)
{
    rp_diag_add_src(d, RP_WARNING, it->src, culprit, "page %zu: %s", page, what);
}

/* Height the page needs before item i when the page starts at i. */
static rp_unit start_height(const rp_item *it)
{
    return it->is_header ? 0 : it->hdr_height;
}

/* Cuts the next page, starting at item pg->next, if items [0, n) decide
 * it: when more items may follow (!final), a page whose scan reaches n
 * could still take them, and waits.  Returns 1 when a page was added. */
static int next_page(rp_paginator *pg, const rp_item *items, size_t n, int final,
                     const rp_unit *body_height, rp_pagelist *pages, const char *culprit,
                     rp_diag *d)
{
    size_t i = pg->next;
    const rp_item *first = &items[i];
    rp_unit avail = body_height[first->tpl];
    rp_unit y = start_height(first);
    size_t last_ok = (size_t)-1; /* break allowed after this item */
    size_t j = i;
    int forced = 0;
    for (; j < n; j++) {
        const rp_item *it = &items[j];
        if (j > i && (it->break_before || it->tpl != first->tpl)) {
            forced = 1;
            break;
        }
        rp_unit need = (j > i ? it->space_before : 0) + it->height;
        if (j > i && y + need > avail)
            break;
        y += need;
        if (!it->keep_with_next)
            last_ok = j;
    }
    if (j == n && !final)
        return 0;
    size_t end = j;
    if (j < n && !forced) {
        if (last_ok != (size_t)-1 && last_ok >= i) {
            end = last_ok + 1;
            pg->chain_warned = 0;
        } else if (!pg->chain_warned) {
            warn(d, &items[j], culprit, pages->n + 1,
                 "content that should stay together is longer than a page; broken here");
            pg->chain_warned = 1;
        }
    }
    if (end == i + 1 && items[i].height + start_height(first) > avail)
        warn(d, &items[i], culprit, pages->n + 1,
             "a block taller than the page overflows the bottom margin");
    rp_page *p = RP_PUSH(pages->v, pages->n, pages->cap);
    p->first = i;
    p->end = end;
    p->tpl = first->tpl;
    p->hdr_first = first->is_header ? 0 : first->hdr_first;
    p->hdr_count = first->is_header ? 0 : first->hdr_count;
    pg->next = end;
    return 1;
}

size_t rp_paginate_more(rp_paginator *pg, const rp_item *items, size_t n, int final,
                        const rp_unit *body_height, size_t max_pages, rp_pagelist *pages,
                        const char *culprit, rp_diag *d)
{
    size_t before = pages->n;
    while (!pg->stopped && pg->next < n) {
        if (max_pages && pages->n == max_pages) {
            /* At the block the page past the limit would begin with, when
             * it has a source: in a batch, the blueprint of the long
             * document. */
            rp_src at = items[pg->next].src;
            rp_diag_add_src(d, RP_ERROR, at, culprit,
                            "the document needs more than %zu page%s, the limit "
                            "(--max-pages)%s",
                            max_pages, max_pages == 1 ? "" : "s",
                            at.file ? "; the next page would begin here" : "");
            pg->stopped = 1;
            break;
        }
        if (!next_page(pg, items, n, final, body_height, pages, culprit, d))
            break;
    }
    return pages->n - before;
}

size_t rp_paginate(const rp_item *items, size_t n, const rp_unit *body_height,
                   size_t max_pages, rp_pagelist *pages, const char *culprit, rp_diag *d)
{
    rp_paginator pg = {0};
    rp_paginate_more(&pg, items, n, 1, body_height, max_pages, pages, culprit, d);
    return pages->n;
}
