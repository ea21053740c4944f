/* checklayout.c - the layout-defect report (--check-layout).
 *
 * Input: the paginated document, from the typesetter's own page model.
 * Output: one diagnostic per defect, at the source of the block behind it
 * (its src, else the stylesheet) and naming the page.  Defects a reader
 * would see as mistakes are errors; those the input makes unavoidable (a
 * block taller than any page) are warnings.
 */
#include "typeset.h"

/* Below this a line past its measure is rounding, not a defect. */
#define RP_OVERFLOW_SLACK RP_PT(0.5)

typedef struct {
    const rp_tdoc *doc;
    char **labels;
    const char *culprit;
    rp_diag *d;
    size_t errors;
} checker;

static void defect(checker *c, const rp_item *it, size_t page, rp_severity sev, const char *fmt,
                   const char *a)
{
    char *what = rp_xasprintf(fmt, a);
    rp_diag_add(c->d, sev, it && it->src ? it->src : c->culprit, 0, 0, "page %zu (%s): %s",
                page + 1, c->labels[page], what);
    free(what);
    if (sev == RP_ERROR)
        c->errors++;
}

static rp_unit page_height(const rp_item *items, const rp_page *p)
{
    rp_unit y = p->hdr_count ? items[p->first].hdr_height : 0;
    for (size_t i = p->first; i < p->end; i++)
        y += (i > p->first ? items[i].space_before : 0) + items[i].height;
    return y;
}

static void check_page(checker *c, const rp_pagelist *pages, size_t pi)
{
    const rp_item *items = c->doc->items.v;
    const rp_page *p = &pages->v[pi];
    const rp_template *t = &c->doc->tpls[p->tpl];
    rp_unit body = t->height - t->margin_top - t->margin_bottom;
    if (p->end == p->first) {
        defect(c, NULL, pi, RP_ERROR, "an empty page%s", "");
        return;
    }
    rp_unit h = page_height(items, p);
    /* A lone block taller than the page was reported by the paginator as
     * it was placed; anything else past the margin is a defect. */
    if (h > body && p->end - p->first > 1) {
        char *by = rp_xasprintf("%.1fpt", RP_TO_PT(h - body));
        defect(c, &items[p->end - 1], pi, RP_ERROR, "the content overflows the bottom margin by %s",
               by);
        free(by);
    }
    const rp_item *first = &items[p->first], *last = &items[p->end - 1];
    int continues = pi + 1 < pages->n;
    if (continues && last->is_heading)
        defect(c, last, pi, RP_ERROR, "a heading is the last thing on the page%s", "");
    if (continues && last->lines > 1 && last->line == 1 && !last->is_heading)
        defect(c, last, pi, RP_ERROR, "an orphan: the first line of a paragraph ends the page%s",
               "");
    if (pi > 0 && first->lines > 1 && first->line == first->lines && !first->is_heading)
        defect(c, first, pi, RP_ERROR, "a widow: the last line of a paragraph starts the page%s",
               "");
    if (!first->is_header && first->hdr_count && !p->hdr_count)
        defect(c, first, pi, RP_ERROR, "a table continues without its header row%s", "");
    int run = 0;
    for (size_t i = p->first; i < p->end; i++) {
        const rp_item *it = &items[i];
        if (it->overflow > RP_OVERFLOW_SLACK) {
            char *by = rp_xasprintf("%.1fpt", RP_TO_PT(it->overflow));
            defect(c, it, pi, RP_ERROR, "a line runs past its measure by %s", by);
            free(by);
        }
        if (it->looseness > RP_LOOSE_RATIO) {
            /* The composer only goes past the threshold when no set of
             * breaks keeps the paragraph within it: unavoidable. */
            char *r = rp_xasprintf("%.2f", it->looseness);
            defect(c, it, pi, RP_WARNING, "a line is set loose (its spaces stretched %s times "
                                          "what they may; the paragraph cannot be set tighter)",
                   r);
            free(r);
        }
        run = it->hyphenated ? run + 1 : it->lines ? 0 : run;
        if (run == 3)
            defect(c, it, pi, RP_ERROR, "three hyphenated lines in a row%s", "");
    }
}

size_t rp_check_layout(const rp_tdoc *doc, const rp_pagelist *pages, char **labels,
                       const char *culprit, rp_diag *d)
{
    checker c = {doc, labels, culprit, d, 0};
    for (size_t i = 0; i < pages->n; i++)
        check_page(&c, pages, i);
    return c.errors;
}
