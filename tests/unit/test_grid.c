/* test_grid.c - a table row's grid: each line of it drawn once.  Three
 * touching cells give a rule along the top, one along the bottom and four
 * down the edges, six rectangles where a box per cell made twelve, and
 * they cover exactly what the boxes covered; cells of one background are
 * one band.  The same holds for a right-to-left table, whose cells run
 * leftwards, and cells that do not touch keep a box each. */
#include "context_fixture.h"

#include <stdlib.h>

#define MAXR 64

typedef struct {
    rp_unit x, y, w, h;
    uint32_t color;
} rect;

/* The RECT ops of the first row item whose text holds `text`, in row
 * coordinates. */
static size_t row_rects(const rp_tdoc *doc, const char *text, rect *out)
{
    for (size_t i = 0; i < doc->items.n; i++) {
        const rp_item *it = &doc->items.v[i];
        int found = 0;
        for (size_t k = 0; k < it->nops; k++)
            if (it->ops[k].kind == RP_OP_TEXT &&
                strstr(pango_layout_get_text(it->ops[k].layout), text))
                found = 1;
        if (!found)
            continue;
        size_t n = 0;
        for (size_t k = 0; k < it->nops && n < MAXR; k++)
            if (it->ops[k].kind == RP_OP_RECT)
                out[n++] = (rect){it->ops[k].x, it->ops[k].y, it->ops[k].w, it->ops[k].h,
                                  it->ops[k].color};
        return n;
    }
    return 0;
}

static int inside(const rect *r, size_t n, uint32_t color, double x, double y)
{
    for (size_t i = 0; i < n; i++)
        if (r[i].color == color && x >= r[i].x && x < r[i].x + r[i].w && y >= r[i].y &&
            y < r[i].y + r[i].h)
            return 1;
    return 0;
}

/* The boxes a cell each drew before: top, bottom, left, right, centred
 * on the edges of the cells the vertical rules bound. */
static size_t cell_boxes(const rect *grid, size_t n, uint32_t color, rect *out)
{
    rp_unit xs[MAXR], top = 0, height = 0, bw = 0;
    size_t nx = 0;
    for (size_t i = 0; i < n; i++) {
        if (grid[i].color != color)
            continue;
        if (grid[i].w < grid[i].h) { /* a vertical rule */
            xs[nx++] = grid[i].x;
            bw = grid[i].w;
            top = grid[i].y;
            height = grid[i].h - bw;
        }
    }
    for (size_t i = 0; i < nx; i++) /* sort the edges */
        for (size_t j = i + 1; j < nx; j++)
            if (xs[j] < xs[i]) {
                rp_unit t = xs[i];
                xs[i] = xs[j];
                xs[j] = t;
            }
    size_t m = 0;
    for (size_t i = 0; i + 1 < nx; i++) {
        rp_unit x = xs[i], w = xs[i + 1] - xs[i];
        out[m++] = (rect){x, top, w + bw, bw, color};
        out[m++] = (rect){x, top + height, w + bw, bw, color};
        out[m++] = (rect){x, top, bw, height + bw, color};
        out[m++] = (rect){x + w, top, bw, height + bw, color};
    }
    return m;
}

static void check_row(const rp_tdoc *doc, const char *text, uint32_t border, size_t want_grid,
                      size_t want_bands, const char *what)
{
    rect r[MAXR], boxes[MAXR];
    size_t n = row_rects(doc, text, r);
    size_t grid = 0, bands = 0;
    for (size_t i = 0; i < n; i++)
        grid += r[i].color == border, bands += r[i].color != border;
    if (grid != want_grid || bands != want_bands)
        fprintf(stderr, "%s: %zu grid rectangles, %zu bands\n", what, grid, bands);
    INT_EQ(grid, want_grid);
    INT_EQ(bands, want_bands);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            CHECK(memcmp(&r[i], &r[j], sizeof r[i]) != 0); /* nothing twice */
    /* The grid covers what the cells' boxes covered: sampled every 0.1pt
     * over the row. */
    size_t m = cell_boxes(r, n, border, boxes);
    INT_EQ(m, 12); /* three cells */
    if (m != 12)
        return;
    rp_unit x0 = boxes[0].x, x1 = boxes[0].x, y0 = boxes[0].y, y1 = boxes[0].y;
    for (size_t i = 0; i < m; i++) {
        x0 = boxes[i].x < x0 ? boxes[i].x : x0;
        x1 = boxes[i].x + boxes[i].w > x1 ? boxes[i].x + boxes[i].w : x1;
        y0 = boxes[i].y < y0 ? boxes[i].y : y0;
        y1 = boxes[i].y + boxes[i].h > y1 ? boxes[i].y + boxes[i].h : y1;
    }
    size_t wrong = 0;
    for (double y = y0 - RP_PT(1); y < y1 + RP_PT(1); y += RP_PT(0.1))
        for (double x = x0 - RP_PT(1); x < x1 + RP_PT(1); x += RP_PT(0.1))
            wrong += inside(r, n, border, x, y) != inside(boxes, m, border, x, y);
    if (wrong)
        fprintf(stderr, "%s: %zu sample points differ\n", what, wrong);
    INT_EQ(wrong, 0);
}

static const char *const tables =
    "<document xml:lang='%s'><meta><title>t</title></meta>"
    "<style name='table' border-width='0.5pt' border-color='#112233'/>"
    "<style name='head' background='#e8edf3' padding='2pt'/>"
    "<style name='cell' padding='2pt'/>"
    "<page-template name='p' size='A4' margin-top='20mm' margin-bottom='20mm'"
    " margin-left='20mm' margin-right='20mm'/><section>"
    "<table style='table' header-style='head' cell-style='cell'>"
    "<column width='2'/><column width='1'/><column width='30mm'/>"
    "<thead><row><cell>Skill</cell><cell>Kind</cell><cell>Level</cell></row></thead>"
    "<tbody><row><cell>Networking</cell><cell>Technical</cell><cell>Advanced</cell></row>"
    "</tbody></table></section></document>";

static void check_table(rp_context *ctx, const char *lang, rp_diag *d)
{
    char xml[2048];
    snprintf(xml, sizeof xml, tables, lang);
    xmlDocPtr layout = fixture_parse(xml, "grid.xml");
    rp_tdoc *doc = rp_flow_build(ctx, layout, "t.xsl", NULL, NULL, NULL, RP_FLOW_DRAW, NULL, d);
    CHECK(doc != NULL);
    if (doc) {
        check_row(doc, "Skill", 0x112233, 6, 1, lang);      /* the header: one band */
        check_row(doc, "Networking", 0x112233, 6, 0, lang);
    }
    INT_EQ(rp_diag_count(d), 0);
    rp_tdoc_free(doc);
    xmlFreeDoc(layout);
}

static void both_directions(rp_context *ctx, rp_diag *d)
{
    check_table(ctx, "en", d);
    check_table(ctx, "ar", d); /* right to left: the cells run leftwards */
}

int main(void)
{
    return fixture_main(both_directions);
}
