/* checklayout.c - the layout-defect report (--check-layout).
 *
 * Input: the paginated document, from the typesetter's own page model.
 * Output: one diagnostic per defect, at the source of the block behind it
 * (its src, else the stylesheet) and naming the page.  Defects a reader
 * would see as mistakes are errors; those the input makes unavoidable (a
 * block taller than any page) are warnings.
 */
#include "typeset.h"
#include "internal.h"

#include <stdlib.h>

/* Below this a line past its measure is rounding, not a defect. */
#define RP_OVERFLOW_SLACK RP_PT(0.5)

typedef struct {
    const rp_tdoc *doc;
    size_t page_count; /* of the whole document */
    char **labels;
    const char *culprit;
    rp_diag *d;
    size_t errors;
} checker;

static void defect(checker *c, const rp_item *it, size_t page, rp_severity sev, const char *fmt,
                   const char *a)
{
    char *what = rp_xasprintf(fmt, a);
    rp_diag_add_src(c->d, sev, it ? it->src : (rp_src){0}, c->culprit, "page %zu (%s): %s", page + 1,
                    c->labels[page], what);
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

typedef struct {
    rp_unit x0, y0, x1, y1;
    const rp_item *it;
} textbox;

/* The band a line's letters occupy: from a little below the cap height
 * to a little above the descenders, so that the loose leading of a line
 * never counts as a collision while letters touching letters do. */
static void add_boxes(const rp_item *it, rp_unit y, rp_line_cursor *lines, textbox **v,
                      size_t *n, size_t *cap)
{
    if (it->scale > 0)
        return; /* figures are checked as a whole */
    for (size_t k = 0; k < it->nops; k++) {
        const rp_op *op = &it->ops[k];
        if (op->kind != RP_OP_TEXT)
            continue;
        PangoLayoutLine *line = rp_line_at(lines, op->layout, op->line);
        if (!line)
            continue;
        PangoRectangle log;
        pango_layout_line_get_extents(line, NULL, &log);
        log.width = rp_compose_line_width(line);
        if (log.width <= 0)
            continue;
        rp_unit base = y + op->y;
        textbox *b = RP_PUSH(*v, *n, *cap);
        b->x0 = op->x + log.x;
        b->x1 = op->x + log.x + log.width;
        b->y0 = base + log.y * 3 / 5;
        b->y1 = base + (log.y + log.height) / 2;
        b->it = it;
    }
}

/* Text drawn over other text: two lines whose letter bands cross. */
static void check_overlaps(checker *c, const rp_pagelist *pages, size_t pi)
{
    const rp_item *items = c->doc->items.v;
    const rp_page *p = &pages->v[pi];
    textbox *v = NULL;
    size_t n = 0, cap = 0;
    rp_unit y = 0;
    rp_line_cursor lines = {0};
    for (int h = 0; h < p->hdr_count; h++) {
        add_boxes(&items[p->hdr_first + h], y, &lines, &v, &n, &cap);
        y += items[p->hdr_first + h].height;
    }
    for (size_t i = p->first; i < p->end; i++) {
        y += i > p->first ? items[i].space_before : 0;
        add_boxes(&items[i], y, &lines, &v, &n, &cap);
        y += items[i].height;
    }
    rp_line_cursor_clear(&lines);
    const rp_unit slack = RP_PT(0.5);
    for (size_t a = 0; a < n; a++)
        for (size_t b = a + 1; b < n; b++)
            if (v[a].x0 + slack < v[b].x1 && v[b].x0 + slack < v[a].x1 &&
                v[a].y0 + slack < v[b].y1 && v[b].y0 + slack < v[a].y1) {
                defect(c, v[b].it, pi, RP_ERROR, "text is drawn over other text%s", "");
                b = n;
                a = n;
            }
    free(v);
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
    int continues = pi + 1 < c->page_count;
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
    check_overlaps(c, pages, pi);
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

size_t rp_check_page(const rp_tdoc *doc, const rp_pagelist *pages, size_t page_count,
                     char **labels, size_t index, const char *culprit, rp_diag *d)
{
    checker c = {doc, page_count, labels, culprit, d, 0};
    check_page(&c, pages, index);
    return c.errors;
}
