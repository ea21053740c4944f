/* render.c - drawing paginated items with Cairo.
 *
 * Input: the typeset document and its pages.  Output: a PDF on a stream:
 * every page's items replayed at their positions, header and footer with
 * their fields filled in, links, named destinations, the outline and the
 * document metadata.  Drawing reads positions and never moves anything.
 *
 * A page is drawn in two steps.  rp_render_page, on the thread that lays
 * the document out, copies what the page draws into a job (its items,
 * its running head and foot laid out, its label) and makes every check
 * that reports: characters without a glyph, links to ids the document
 * lacks.  The job is then drawn, at once or, for a book whose layout goes
 * on meanwhile, by a drawing thread of the renderer's own.  That thread
 * touches only the Cairo surface, the job and what stays fixed while the
 * document is built (templates, ids); it shapes nothing and measures
 * nothing (every line it draws was shaped and measured when the job was
 * made), and it hands finished jobs back to be freed by the layout
 * thread, so that no Pango object is finalised on it.  The bytes written
 * and the messages given are the same either way.
 *
 * A document of more than part_pages pages is drawn as several Cairo
 * documents, each joined (pdfjoin.c) into one file as soon as it is
 * finished: Cairo keeps a document's whole structure tree until its end.
 * Completing and joining a part is about a tenth of the drawing thread's
 * work, and the drawing thread is the slower one: the layout thread does
 * it while it would wait for room in the queue, the drawing thread only
 * when the next part ends first (end_part); parts are joined one at a
 * time, in order, whichever thread joins them.
 * At a part's end the open elements and Document are ended, and begun
 * again in the next part, and so are the open outline items; the join
 * merges each copy back into its original.
 */
#include "typeset.h"
#include "internal.h"
#include "pdfjoin.h"
#include "spool.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Pages made but not drawn yet: enough to keep the drawing thread busy
 * while the layout thread joins a part (with 8 it waited 0.15 s in a
 * 300-role book, with 16 0.05 s), few enough that their layouts weigh
 * nothing (32 added 1.5 MiB to that book's peak, 16 nothing). */
#define RP_RENDER_QUEUE 16

/* Pages drawn as one Cairo document (see pdfjoin.c); the environment's
 * ROLEPRESS_PART_PAGES overrides it, 0 for one document however long.
 * Fewer pages hold less of the structure tree at a time; each part
 * embeds its own subsets of the fonts it uses. */
#define RP_PART_PAGES 100

/* From this many pages, the memory drawing freed is given back to the
 * system before the PDF is completed (rp_release_free_memory). */
#define RP_RELEASE_PAGES 64

typedef struct page_job page_job;

/* A part Cairo has finished drawing, to be completed and joined: its
 * surface still writes to its spool as Cairo completes it. */
typedef struct {
    cairo_surface_t *surface;
    cairo_t *cr;
    rp_spool *pdf;
    size_t continued, open_at_end, outlined;
} drawn_part;

/* A paragraph's links as spans of its text (link_index_for). */
typedef struct {
    const rp_links *of; /* a reference, or NULL */
    int *at;            /* where each span starts, ascending */
    int *link;          /* the link over it, or -1 */
    size_t n;
} link_index;

static void link_index_clear(link_index *x);

struct rp_renderer {
    rp_context *ctx;
    rp_tdoc *doc;
    const rp_pagelist *pages; /* while a job is made */
    char **labels;
    GHashTable *ids;       /* every anchor id of the whole document */
    size_t page_count;     /* of the whole document */
    GHashTable *dangling;  /* links to ids not in the document, reported */
    rp_spool *pdf;         /* what Cairo writes the part being drawn to */
    /* A long document is drawn in parts of part_pages pages, each a Cairo
     * document of its own, joined into joined as each is finished. */
    size_t part_pages;     /* 0: one part */
    size_t part_first;     /* the index of the part's first page */
    size_t continued;      /* elements begun again at the part's start */
    size_t outlined;       /* outline items likewise */
    rp_pdfjoin *join;
    rp_spool joined;
    rp_spool *joining_pdf; /* the spool of the part being joined */
    cairo_status_t status; /* the first failure of an earlier part */
    cairo_surface_t *surface;
    cairo_t *cr;
    rp_tags tags;
    rp_glyphs glyphs;      /* characters drawn as boxes, reported */
    rp_line_cursor lines, copy_lines; /* in paragraphs and in a job's copies */
    link_index check_links, draw_links; /* of the layout thread, of drawing */
    GHashTable *copies;    /* paragraph -> job_copy, on the layout thread */
    size_t job;            /* the index of the job being made */
    int artifact;          /* drawing page furniture or a repeated header */
    const rp_item *rest;   /* the page's items after the one drawn */
    size_t nrest;
    int outline_parent[8]; /* last outline id at each depth */
    char *outline_title[8];
    int drawn_tpl;         /* template of the page drawn last, -1 before */
    rp_diag *d;
    const char *culprit;
    /* The drawing thread, when there is one. */
    int threaded;
    int spare_core;  /* the caller left a core free (threaded asked for) */
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    page_job *queue[RP_RENDER_QUEUE]; /* to draw, from head on */
    size_t head, count;
    page_job *done;        /* drawn, for the layout thread to free */
    drawn_part *pending;   /* drawn, for either thread to join */
    int joining;           /* a part is being joined */
    int closing;
};
typedef struct rp_renderer renderer;

static void set_color(cairo_t *cr, uint32_t rgb)
{
    cairo_set_source_rgb(cr, (rgb >> 16 & 0xff) / 255.0, (rgb >> 8 & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0);
}


/* Quotes a value for a Cairo tag attribute string. */
static char *tag_quote(const char *s)
{
    rp_buf b = {0};
    for (; *s; s++) {
        if (*s == '\'' || *s == '\\')
            rp_buf_add(&b, "\\", 1);
        rp_buf_add(&b, s, 1);
    }
    return b.s ? b.s : rp_xstrdup("");
}

/* Whether href is "#id" for an id the document lacks.  Pages are drawn
 * before the document's last ones are made: an id is looked up in the
 * ids of the whole document, found beforehand. */
static int dangling(const renderer *r, const char *href)
{
    return href[0] == '#' && !g_hash_table_contains(r->ids, href + 1);
}

/* Reports a dangling link, once a document (a link that wraps is drawn a
 * line at a time), at the blueprint line of the block it is in (src). */
static void check_link(renderer *r, const char *href, rp_src src)
{
    if (!dangling(r, href))
        return;
    if (!r->dangling)
        r->dangling = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
    if (g_hash_table_add(r->dangling, rp_xstrdup(href)))
        rp_diag_add_src(r->d, RP_WARNING, src, r->culprit,
                        "link to '%s', which is not an id in the document", href);
}

/* Cairo's attributes of a link over a rectangle in page space: "#id" to a
 * destination in the document, anything else a URI; NULL for an id the
 * document lacks (check_link reported it). */
static char *link_attrs(renderer *r, const char *href, double x, double y, double w, double h)
{
    if (dangling(r, href))
        return NULL;
    char *q = tag_quote(href[0] == '#' ? href + 1 : href);
    char *attrs = rp_xasprintf("%s='%s' rect=[%.2f %.2f %.2f %.2f]",
                               href[0] == '#' ? "dest" : "uri", q, x, y, w, h);
    free(q);
    return attrs;
}

/* A link over a rectangle in user space, with nothing drawn inside it (a
 * node of a diagram). */
static void link_area(renderer *r, const char *href, double x, double y, double w, double h)
{
    /* Cairo writes link rectangles as given, untransformed: bring them to
     * page coordinates (a scaled figure draws in its own). */
    double x1 = x + w, y1 = y + h;
    cairo_user_to_device(r->cr, &x, &y);
    cairo_user_to_device(r->cr, &x1, &y1);
    char *attrs = link_attrs(r, href, x, y, x1 - x, y1 - y);
    if (!attrs)
        return;
    rp_tags_link_begin(&r->tags, attrs, NULL, NULL);
    rp_tags_link_end(&r->tags);
    free(attrs);
}

/* The links of a paragraph as spans of its text: between each two of
 * their edges, the first link in the list over the span (inner links come
 * first), or -1.  A run's link is found by binary search, where a pass
 * over the list for each run was quadratic in a paragraph's links. */
static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The index of the last span starting at or before pos, or -1. */
static ptrdiff_t span_at(const link_index *x, int pos)
{
    size_t lo = 0, hi = x->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (x->at[mid] <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (ptrdiff_t)lo - 1;
}

static void link_index_clear(link_index *x)
{
    if (x->of)
        rp_links_unref(x->of);
    free(x->at);
    free(x->link);
    *x = (link_index){0};
}

/* x made for links (a reference is kept: no other links get the address
 * while x is for them). */
static void link_index_for(link_index *x, const rp_links *links)
{
    if (x->of == links)
        return;
    link_index_clear(x);
    x->of = links;
    rp_links_ref(links);
    size_t n = 0;
    x->at = rp_xmalloc((2 * links->n + 1) * sizeof *x->at);
    for (size_t i = 0; i < links->n; i++) {
        x->at[n++] = links->v[i].start;
        x->at[n++] = links->v[i].end;
    }
    qsort(x->at, n, sizeof *x->at, cmp_int);
    size_t u = 0;
    for (size_t i = 0; i < n; i++)
        if (!u || x->at[u - 1] != x->at[i])
            x->at[u++] = x->at[i];
    x->n = u;
    x->link = rp_xmalloc((u ? u : 1) * sizeof *x->link);
    for (size_t i = 0; i < u; i++)
        x->link[i] = -1;
    /* the first link in the list painted last; nesting is bounded (the
     * parser's depth limit), so this is linear in practice */
    for (size_t i = links->n; i-- > 0;)
        for (ptrdiff_t k = span_at(x, links->v[i].start); k >= 0 && x->at[k] < links->v[i].end; k++)
            x->link[k] = (int)i;
}

/* The link a run of a line belongs to: the first in the list whose range
 * holds the run's start, or -1. */
static int run_link(link_index *x, const rp_links *links, const PangoLayoutRun *run)
{
    if (!links || !links->n)
        return -1;
    link_index_for(x, links);
    ptrdiff_t k = span_at(x, run->item->offset);
    return k < 0 ? -1 : x->link[k];
}

/* Whether c is one of the invisible characters the typesetter puts into
 * a paragraph's text: a soft hyphen, a zero-width space, a bidi isolate. */
static int invisible(gunichar c)
{
    return c == 0x00AD || c == 0x200B || (c >= 0x2066 && c <= 0x2069);
}

/* The text of the runs [from, to) of a line, spaced and trimmed as a
 * description: leader tabs and line breaks become spaces, the invisible
 * characters go. */
static char *run_text(PangoLayout *l, GSList *from, GSList *to)
{
    const char *text = pango_layout_get_text(l);
    PangoItem *first = ((PangoLayoutRun *)from->data)->item, *last = first;
    for (GSList *g = from; g != to; g = g->next)
        last = ((PangoLayoutRun *)g->data)->item;
    int start = first->offset < last->offset ? first->offset : last->offset;
    int end = first->offset + first->length > last->offset + last->length
                  ? first->offset + first->length
                  : last->offset + last->length;
    rp_buf b = {0};
    for (const char *p = text + start; p < text + end; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c == '\t' || c == '\n')
            rp_buf_add(&b, " ", 1);
        else if (!invisible(c))
            rp_buf_add(&b, p, (size_t)(g_utf8_next_char(p) - p));
    }
    char *r = rp_xstrdup(b.s ? g_strstrip(b.s) : "");
    rp_buf_free(&b);
    return r;
}

/* Draws the runs [from, to) of a line from x.  Pango draws all the runs of
 * a line, so the line is cut short for the call and then restored. */
static void show_runs(cairo_t *cr, PangoLayoutLine *line, GSList *from, GSList *to, double x,
                      double y)
{
    if (from == line->runs && !to) {
        /* the whole line: nothing to cut */
        cairo_move_to(cr, x, y);
        pango_cairo_show_layout_line(cr, line);
        return;
    }
    GSList *runs = line->runs, *last = from;
    while (last->next != to)
        last = last->next;
    last->next = NULL;
    line->runs = from;
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout_line(cr, line);
    line->runs = runs;
    last->next = to;
}

/* A line of text with links: each stretch of runs in one link is drawn
 * inside that link's structure element, the rest as content, so that the
 * link's text belongs to the link. */
static void show_linked_line(renderer *r, const rp_op *op, PangoLayoutLine *line, double x,
                             double y)
{
    PangoRectangle lr;
    pango_layout_line_get_extents(line, NULL, &lr);
    for (GSList *g = line->runs, *end; g; g = end) {
        int link = run_link(&r->draw_links, op->links, g->data);
        double w = 0;
        for (end = g; end && run_link(&r->draw_links, op->links, end->data) == link; end = end->next)
            w += RP_TO_PT(pango_glyph_string_get_width(((PangoLayoutRun *)end->data)->glyphs));
        const rp_link *l = link < 0 ? NULL : &op->links->v[link];
        char *attrs = l && l->href ? link_attrs(r, l->href, x, y + RP_TO_PT(lr.y), w,
                                                RP_TO_PT(lr.height))
                                   : NULL;
        if (attrs) {
            char *text = run_text(op->layout, g, end);
            rp_tags_link_begin(&r->tags, attrs, text, l->lang);
            free(text);
        } else if (l && !l->href)
            rp_tags_span_begin(&r->tags, l->lang);
        else
            rp_tags_content(&r->tags);
        show_runs(r->cr, line, g, end, x, y);
        if (attrs)
            rp_tags_link_end(&r->tags);
        else if (l && !l->href)
            rp_tags_span_end(&r->tags);
        free(attrs);
        x += w;
    }
}

/* What is drawn next is content, unless the whole is an artifact. */
static void content(renderer *r)
{
    if (r->artifact)
        rp_tags_artifact(&r->tags);
    else
        rp_tags_content(&r->tags);
}

/* Whether a link of op's paragraph runs through line. */
static int linked(link_index *x, const rp_op *op, const PangoLayoutLine *line)
{
    if (!op->links || !op->links->n)
        return 0;
    link_index_for(x, op->links);
    ptrdiff_t k = span_at(x, line->start_index);
    for (k = k < 0 ? 0 : k; (size_t)k < x->n && x->at[k] < line->start_index + line->length; k++)
        if (x->link[k] >= 0)
            return 1;
    return 0;
}

/* Whether show_linked_line draws line in more than one piece: its runs
 * are not all in one link. */
static int cut_for_links(link_index *x, const rp_op *op, const PangoLayoutLine *line)
{
    int first = line->runs ? run_link(x, op->links, line->runs->data) : -1;
    for (GSList *g = line->runs; g; g = g->next)
        if (run_link(x, op->links, g->data) != first)
            return 1;
    return 0;
}

static void show_line(renderer *r, const rp_op *op, PangoLayoutLine *line, double x, double y)
{
    if (!r->artifact && linked(&r->draw_links, op, line)) {
        show_linked_line(r, op, line, x, y);
        return;
    }
    content(r);
    cairo_move_to(r->cr, x, y);
    pango_cairo_show_layout_line(r->cr, line);
}

/* Leader dots sit on a grid common to the whole page, so the dots of
 * neighbouring contents lines line up in columns as in good typesetting. */
#define RP_LEADER_PITCH 4.5

static void leader_dots(renderer *r, const rp_op *op, PangoLayoutLine *line, double x, double y)
{
    if (!op->links || !op->links->nleaders)
        return;
    for (size_t i = 0; i < op->links->nleaders; i++) {
        int idx = op->links->leaders[i];
        if (idx < line->start_index || idx >= line->start_index + line->length)
            continue;
        int x0, x1;
        pango_layout_line_index_to_x(line, idx, 0, &x0);
        pango_layout_line_index_to_x(line, idx, 1, &x1);
        double from = x + RP_TO_PT(x0) + 2, to = x + RP_TO_PT(x1) - 2;
        double size = RP_TO_PT(pango_font_description_get_size(
            pango_layout_get_font_description(op->layout)));
        double radius = size * 0.05 + 0.15;
        double first = ceil(from / RP_LEADER_PITCH) * RP_LEADER_PITCH;
        int gaps = (int)floor((to - radius - first) / RP_LEADER_PITCH);
        if (first + radius > to)
            continue;
        rp_tags_artifact(&r->tags);
        /* One stroke of zero-length dashes with round caps, a dot at every
         * pitch: a few bytes in the PDF where a path per dot cost a
         * hundred, in books whose index and contents are mostly leaders. */
        static const double dots[] = {0, RP_LEADER_PITCH};
        cairo_save(r->cr);
        cairo_set_line_width(r->cr, 2 * radius);
        cairo_set_line_cap(r->cr, CAIRO_LINE_CAP_ROUND);
        cairo_set_dash(r->cr, dots, 2, 0);
        cairo_move_to(r->cr, first, y - radius);
        cairo_line_to(r->cr, first + gaps * RP_LEADER_PITCH + radius / 4, y - radius);
        cairo_stroke(r->cr);
        cairo_restore(r->cr);
    }
}

static void draw_outline(renderer *r, const rp_op *op, int page, double y)
{
    int level = op->level < 1 ? 1 : op->level > 7 ? 7 : op->level;
    int parent = CAIRO_PDF_OUTLINE_ROOT;
    for (int l = level - 1; l >= 1; l--)
        if (r->outline_parent[l]) {
            parent = r->outline_parent[l];
            break;
        }
    char *attrs = rp_xasprintf("page=%d pos=[0 %.2f]", page, y);
    int id = cairo_pdf_surface_add_outline(r->surface, parent, op->text, attrs, 0);
    free(attrs);
    r->outline_parent[level] = id;
    free(r->outline_title[level]);
    r->outline_title[level] = rp_xstrdup(op->text);
    for (int l = level + 1; l < 8; l++) {
        r->outline_parent[l] = 0;
        free(r->outline_title[l]);
        r->outline_title[l] = NULL;
    }
}

/* In a new part, the outline items still open (the chain to the last
 * one) again, so that the items to come have their parents there; the
 * join drops them.  Returns how many. */
static size_t reopen_outline(renderer *r)
{
    size_t n = 0;
    int parent = CAIRO_PDF_OUTLINE_ROOT;
    for (int l = 1; l < 8; l++)
        if (r->outline_parent[l]) {
            parent = cairo_pdf_surface_add_outline(r->surface, parent, r->outline_title[l],
                                                   "page=1", 0);
            r->outline_parent[l] = parent;
            n++;
        }
    return n;
}

static void box_path(cairo_t *cr, const rp_op *op, double x, double y)
{
    double w = RP_TO_PT(op->w), h = RP_TO_PT(op->h), rad = fmin(3.0, fmin(w, h) / 4);
    cairo_new_sub_path(cr);
    cairo_arc(cr, x + w - rad, y + rad, rad, -G_PI / 2, 0);
    cairo_arc(cr, x + w - rad, y + h - rad, rad, 0, G_PI / 2);
    cairo_arc(cr, x + rad, y + h - rad, rad, G_PI / 2, G_PI);
    cairo_arc(cr, x + rad, y + rad, rad, G_PI, 3 * G_PI / 2);
    cairo_close_path(cr);
}

/* Boxes that share their colours and border: one fill, one stroke. */
static void draw_boxes(cairo_t *cr, const rp_op *ops, size_t n, double x0, double y0)
{
    for (size_t i = 0; i < n; i++)
        box_path(cr, &ops[i], x0 + RP_TO_PT(ops[i].x), y0 + RP_TO_PT(ops[i].y));
    set_color(cr, ops[0].color);
    cairo_fill_preserve(cr);
    set_color(cr, ops[0].color2);
    cairo_set_line_width(cr, RP_TO_PT(ops[0].lw));
    cairo_stroke(cr);
}

/* An arrow; flags 1: curved (a sideways move, bowing downwards), 2:
 * dashed.  The line ends where the head, a filled triangle, begins. */
typedef struct {
    double x, y, x1, y1, head, ang;
    int flags;
} arrow;

static arrow arrow_of(const rp_op *op, double x0, double y0)
{
    arrow a = {.x = x0 + RP_TO_PT(op->x), .y = y0 + RP_TO_PT(op->y), .flags = op->level};
    a.x1 = a.x + RP_TO_PT(op->w);
    a.y1 = a.y + RP_TO_PT(op->h);
    a.head = 3.2 + RP_TO_PT(op->lw) * 2;
    a.ang = (a.flags & 1) || a.y1 < a.y ? -G_PI / 2 : G_PI / 2;
    return a;
}

static void arrow_line(cairo_t *cr, const arrow *a)
{
    cairo_move_to(cr, a->x, a->y);
    if (a->flags & 1) {
        double bow = fmin(18.0, 6 + fabs(a->x1 - a->x) * 0.15);
        cairo_curve_to(cr, a->x, a->y + bow, a->x1, a->y1 + bow, a->x1, a->y1 + a->head * 0.9);
    } else {
        double dy = a->y1 - a->y, mid = a->y + dy / 2;
        /* A gentle S: leave and arrive vertically, as ladder arrows read. */
        cairo_curve_to(cr, a->x, mid, a->x1, mid, a->x1,
                       a->y1 + (dy < 0 ? a->head * 0.9 : -a->head * 0.9));
    }
}

static void arrow_head(cairo_t *cr, const arrow *a)
{
    double c = cos(a->ang), s = sin(a->ang);
    cairo_move_to(cr, a->x1, a->y1);
    cairo_line_to(cr, a->x1 - a->head * c + a->head * 0.45 * s,
                  a->y1 - a->head * s - a->head * 0.45 * c);
    cairo_line_to(cr, a->x1 - a->head * c - a->head * 0.45 * s,
                  a->y1 - a->head * s + a->head * 0.45 * c);
    cairo_close_path(cr);
}

/* The most boxes or arrows painted at once.  Cairo's analysis of a page
 * costs the square of its operations, and a book's ladder at a glance has
 * a box for every role and an arrow for every move; but it also turns
 * each stroke into one polygon to find its extent, which for thousands of
 * dashed curves at once took 150 MiB. */
#define RP_PAINT_BATCH 64

/* Arrows that share a colour and width (at most RP_PAINT_BATCH): one
 * stroke for the solid lines, one for the dashed, one fill for the
 * heads. */
static void draw_edges(cairo_t *cr, const rp_op *ops, size_t n, double x0, double y0)
{
    arrow a[RP_PAINT_BATCH];
    n = n < RP_PAINT_BATCH ? n : RP_PAINT_BATCH;
    for (size_t i = 0; i < n; i++)
        a[i] = arrow_of(&ops[i], x0, y0);
    set_color(cr, ops[0].color);
    cairo_set_line_width(cr, RP_TO_PT(ops[0].lw));
    for (int dashed = 0; dashed <= 2; dashed += 2) {
        size_t lines = 0;
        for (size_t i = 0; i < n; i++)
            if ((a[i].flags & 2) == dashed) {
                arrow_line(cr, &a[i]);
                lines++;
            }
        if (!lines)
            continue;
        double dash[] = {2.0, 1.6};
        cairo_set_dash(cr, dash, dashed ? 2 : 0, 0);
        cairo_stroke(cr);
    }
    cairo_set_dash(cr, NULL, 0, 0);
    for (size_t i = 0; i < n; i++)
        arrow_head(cr, &a[i]);
    cairo_fill(cr);
}

/* How many ops from ops[0] on draw_item paints at once: boxes or edges
 * in the same colours and width, up to RP_PAINT_BATCH. */
static size_t same_paint(const rp_op *ops, size_t n)
{
    size_t m = 1;
    while (m < n && m < RP_PAINT_BATCH && ops[m].kind == ops[0].kind &&
           ops[m].color == ops[0].color && ops[m].color2 == ops[0].color2 &&
           ops[m].lw == ops[0].lw)
        m++;
    return m;
}

/* What an element of type `level` holds, as far as item it shows from
 * op `from` on: an rp_holds, or -1 when the element does not end in it.
 * Anything but content clears *content. */
static int holds_in(const rp_item *it, size_t from, int level, int *content)
{
    for (size_t j = from; j < it->nops; j++) {
        const rp_op *op = &it->ops[j];
        switch (op->kind) {
        case RP_OP_END:
            return op->level == level && *content ? RP_HOLDS_CONTENT : RP_HOLDS_ANY;
        case RP_OP_BEGIN:
            return RP_HOLDS_ELEMENT;
        case RP_OP_TEXT:
            if (op->links && (op->links->n || op->links->nleaders))
                *content = 0;
            break;
        case RP_OP_BOX:
        case RP_OP_EDGE:
        case RP_OP_DEST:
        case RP_OP_OUTLINE:
            break;
        default:
            *content = 0;
        }
    }
    return -1; /* not known from this item */
}

/* What the element begun by op k of it holds, as far as the page shows
 * (see rp_tags_begin): content alone (text without links or leaders,
 * shapes) up to its end on the page, or an element of its own.  Nothing
 * is drawn between the page's items, so a paragraph of several lines
 * that ends on its page takes its content itself; one that runs on
 * cannot, since the page's furniture is drawn before it ends. */
static rp_holds holds(const renderer *r, const rp_item *it, size_t k)
{
    int content = 1, h = holds_in(it, k + 1, it->ops[k].level, &content);
    for (size_t i = 0; h < 0 && i < r->nrest; i++)
        h = holds_in(&r->rest[i], 0, it->ops[k].level, &content);
    return h < 0 ? RP_HOLDS_ANY : (rp_holds)h;
}

static void draw_item(renderer *r, const rp_item *it, double x0, double y0, int page)
{
    cairo_t *cr = r->cr;
    if (it->scale > 0) {
        /* A scaled figure: draw its ops in its own coordinates. */
        cairo_save(cr);
        cairo_translate(cr, x0, y0);
        cairo_scale(cr, it->scale, it->scale);
        rp_item plain = *it;
        plain.scale = 0;
        draw_item(r, &plain, 0, 0, page);
        cairo_restore(cr);
        return;
    }
    for (size_t k = 0; k < it->nops; k++) {
        const rp_op *op = &it->ops[k];
        double x = x0 + RP_TO_PT(op->x), y = y0 + RP_TO_PT(op->y);
        switch (op->kind) {
        case RP_OP_TEXT: {
            /* found by check_item: drawing asks Pango for nothing */
            PangoLayoutLine *line = op->shaped;
            if (!line)
                break;
            show_line(r, op, line, x, y);
            leader_dots(r, op, line, x, y);
            break;
        }
        case RP_OP_RECT:
        case RP_OP_RULE:
            rp_tags_artifact(&r->tags);
            set_color(cr, op->color);
            cairo_rectangle(cr, x, y, RP_TO_PT(op->w), RP_TO_PT(op->h));
            cairo_fill(cr);
            break;
        case RP_OP_DEST: {
            char *q = tag_quote(op->text);
            char *attrs = rp_xasprintf("name='%s' x=%.2f y=%.2f", q, x, y0);
            cairo_tag_begin(cr, CAIRO_TAG_DEST, attrs);
            cairo_tag_end(cr, CAIRO_TAG_DEST);
            free(attrs);
            free(q);
            break;
        }
        case RP_OP_OUTLINE:
            draw_outline(r, op, page, y0);
            break;
        case RP_OP_BOX:
        case RP_OP_EDGE: {
            content(r);
            size_t n = same_paint(op, it->nops - k);
            (op->kind == RP_OP_BOX ? draw_boxes : draw_edges)(cr, op, n, x0, y0);
            k += n - 1;
            break;
        }
        case RP_OP_LINK:
            if (!r->artifact)
                link_area(r, op->text, x, y, RP_TO_PT(op->w), RP_TO_PT(op->h));
            break;
        case RP_OP_BEGIN:
            if (!r->artifact)
                rp_tags_begin(&r->tags, (rp_struct)op->level, it->alt, op->text,
                              holds(r, it, k));
            break;
        case RP_OP_END:
            if (!r->artifact)
                rp_tags_end(&r->tags, (rp_struct)op->level);
            break;
        }
    }
}

/* --------------------------------------------------------- furniture */

/* The section at depth `level` (0: the innermost titled one) that the
 * page's first item belongs to, or NULL. */
static const rp_section *section_at(const renderer *r, const rp_page *p, int level)
{
    for (size_t i = p->first; i < p->end; i++) {
        int s = r->doc->items.v[i].section;
        if (s < 0)
            continue;
        while (level && s >= 0 && r->doc->sections[s].depth > level)
            s = r->doc->sections[s].parent;
        return s >= 0 && (!level || r->doc->sections[s].depth == level) ? &r->doc->sections[s]
                                                                          : NULL;
    }
    return NULL;
}

/* The text of a header or footer slot; *src is where the section title
 * it shows comes from (else it is left as it is). */
static char *field_text(const renderer *r, xmlNodePtr slot, int page, const rp_page *p,
                        rp_src *src)
{
    rp_buf b = {0};
    for (xmlNodePtr c = slot->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE) {
            rp_buf_puts(&b, (const char *)c->content);
        } else if (c->type == XML_ELEMENT_NODE) {
            const char *n = (const char *)c->name;
            if (strcmp(n, "page-number") == 0)
                rp_buf_puts(&b, r->labels[page - 1]);
            else if (strcmp(n, "page-count") == 0) {
                char *count = rp_number_like(r->labels[page - 1], r->page_count);
                rp_buf_puts(&b, count);
                free(count);
            }
            else if (strcmp(n, "section-title") == 0) {
                xmlChar *lv = xmlGetProp(c, BAD_CAST "level");
                const rp_section *s = section_at(r, p, lv ? atoi((const char *)lv) : 0);
                xmlFree(lv);
                if (s) {
                    rp_buf_puts(&b, s->title);
                    *src = s->src;
                }
            }
            else if (strcmp(n, "document-title") == 0 && r->doc->title)
                rp_buf_puts(&b, r->doc->title);
        }
    }
    char *s = g_strstrip(g_strdup(b.s ? b.s : ""));
    rp_buf_free(&b);
    return s;
}

#define RP_MAX_FURNITURE_CHARS 300

/* ----------------------------------------------------------- page jobs */

/* A line of a running head or foot, laid out, or a rule under or above
 * them (layout NULL). */
typedef struct {
    PangoLayout *layout; /* its first line, line, is drawn with its baseline at (x, y) */
    PangoLayoutLine *line;
    double x, y, w, h;   /* rule: the rectangle */
    uint32_t color;
} furniture;

struct page_job {
    size_t index;
    int tpl;
    char *label;
    rp_item *items;  /* copies: the repeated header rows, then the page's own */
    size_t nhdr, nitems;
    furniture *furn; /* header, then footer, in drawing order */
    size_t nfurn, capfurn;
    page_job *next;  /* in the renderer's done list */
};

/* A copy of an item with references of its own; a repeated header row
 * leaves out its anchors, bookmarks and structure: the header cells are
 * in the tree once. */
static void item_copy(rp_item *to, const rp_item *from, int repeat)
{
    *to = *from;
    to->alt = from->alt ? rp_xstrdup(from->alt) : NULL;
    to->ops = rp_xmalloc((from->nops ? from->nops : 1) * sizeof *to->ops);
    to->nops = 0;
    for (size_t k = 0; k < from->nops; k++) {
        const rp_op *op = &from->ops[k];
        if (repeat && (op->kind == RP_OP_DEST || op->kind == RP_OP_OUTLINE ||
                       op->kind == RP_OP_BEGIN || op->kind == RP_OP_END))
            continue;
        rp_op *c = &to->ops[to->nops++];
        *c = *op;
        if (c->layout)
            g_object_ref(c->layout);
        if (c->links)
            rp_links_ref(c->links);
        if (c->text)
            c->text = rp_xstrdup(c->text);
    }
    to->capops = to->nops;
}

static void job_free(page_job *j)
{
    for (size_t i = 0; i < j->nitems; i++)
        rp_item_clear(&j->items[i]);
    free(j->items);
    for (size_t i = 0; i < j->nfurn; i++)
        if (j->furn[i].layout)
            g_object_unref(j->furn[i].layout);
    free(j->furn);
    free(j->label);
    free(j);
}

/* A paragraph's copy for the drawing thread, kept from one job to the
 * next while the paragraph goes on: a paragraph of many pages of links is
 * copied (and shaped) once, where a copy a job laid it out again for each
 * page, and a copy a line once for each of its lines (6 MB of text for
 * the 1024 lines of a 3000-role book's skills index).  No line of a copy
 * is in two jobs: a line asked for again (the paragraph served again by
 * the paragraph cache, or drawn twice) gets a new copy.  The drawing
 * thread cuts only the lines of the job it draws, and this thread reads
 * only those of the job it makes. */
typedef struct {
    PangoLayout *layout;
    unsigned char *used; /* a flag for each line handed out */
    size_t nused;
    size_t job;          /* the last job it went to */
} job_copy;

static void job_copy_free(gpointer data)
{
    job_copy *c = data;
    g_object_unref(c->layout);
    free(c->used);
    free(c);
}

static gboolean not_in_job(gpointer key, gpointer value, gpointer data)
{
    (void)key;
    return ((const job_copy *)value)->job != ((const renderer *)data)->job;
}

/* The copy of original whose line index goes to the job being made. */
static PangoLayout *job_copy_of(renderer *r, PangoLayout *original, int index)
{
    job_copy *c = g_hash_table_lookup(r->copies, original);
    size_t i = index < 0 ? 0 : (size_t)index;
    if (!c || (i < c->nused && c->used[i])) {
        c = rp_xcalloc(1, sizeof *c);
        c->layout = rp_compose_copy(original);
        rp_compose_finish(c->layout);
        c->nused = (size_t)pango_layout_get_line_count(c->layout) + 1;
        c->used = rp_xcalloc(c->nused, 1);
        g_hash_table_replace(r->copies, g_object_ref(original), c);
    }
    if (i < c->nused)
        c->used[i] = 1;
    c->job = r->job;
    return c->layout;
}

/* What drawing item it reports, in the order it would: a character no
 * font has, wherever it is drawn (body, diagram or page furniture), and a
 * link to an id the document lacks.  Each line is found (and shaped)
 * here and kept in its op, and the extents of those with links measured,
 * so that drawing asks Pango for no line and shapes and measures
 * nothing. */
static void check_item(renderer *r, rp_item *it, int artifact)
{
    for (size_t k = 0; k < it->nops; k++) {
        rp_op *op = &it->ops[k];
        if (op->kind == RP_OP_LINK && !artifact)
            check_link(r, op->text, it->src);
        if (op->kind != RP_OP_TEXT)
            continue;
        PangoLayoutLine *line = rp_line_at(&r->lines, op->layout, op->line);
        if (line && r->threaded && !artifact && linked(&r->check_links, op, line) &&
            cut_for_links(&r->check_links, op, line)) {
            /* The drawing thread cuts such a line's runs short to draw
             * each link by itself (show_runs), while this thread may read
             * the same layout: served again by the paragraph cache, or
             * drawn again on a later page.  Such lines are drawn from a
             * copy, justified as the original was (job_copy). */
            PangoLayout *own = job_copy_of(r, op->layout, op->line);
            g_object_ref(own);
            g_object_unref(op->layout);
            op->layout = own;
            line = rp_line_at(&r->copy_lines, own, op->line);
        }
        op->shaped = line;
        if (!line)
            continue;
        rp_glyphs_check(&r->glyphs, op->layout, line, it->src);
        if (artifact || !linked(&r->check_links, op, line))
            continue;
        PangoRectangle lr;
        pango_layout_line_get_extents(line, NULL, &lr);
        for (GSList *g = line->runs; g; g = g->next) {
            int link = run_link(&r->check_links, op->links, g->data);
            if (link >= 0 && op->links->v[link].href)
                check_link(r, op->links->v[link].href, it->src);
        }
    }
}

static furniture *add_furniture(page_job *j)
{
    furniture *f = RP_PUSH(j->furn, j->nfurn, j->capfurn);
    memset(f, 0, sizeof *f);
    return f;
}

/* Lays out a header or footer whose text baseline is at y. */
static void lay_furniture(renderer *r, page_job *j, xmlNodePtr f, const rp_template *t,
                          double base_y, int above, const rp_page *p)
{
    if (!f)
        return;
    int page = (int)j->index + 1;
    xmlChar *sn = xmlGetProp(f, BAD_CAST "style");
    const rp_style *st = rp_styles_get(r->doc->styles, (const char *)sn, f);
    xmlFree(sn);
    double left = RP_TO_PT(t->margin_left);
    rp_unit width = t->width - t->margin_left - t->margin_right;
    static const char *const slots[] = {"left", "center", "right"};
    for (xmlNodePtr c = f->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        for (int s = 0; s < 3; s++) {
            if (strcmp((const char *)c->name, slots[s]) != 0)
                continue;
            rp_src src = {0};
            char *text = field_text(r, c, page, p, &src);
            /* A running header is one line: a title of thousands of
             * characters is cut, not wrapped afresh on every page. */
            if (g_utf8_strlen(text, -1) > RP_MAX_FURNITURE_CHARS)
                *g_utf8_offset_to_pointer(text, RP_MAX_FURNITURE_CHARS) = '\0';
            /* A right-to-left document mirrors its furniture: what the
             * template puts on the left (or right) goes to the other side,
             * so that page numbers stay on the outer side of the text. */
            int side = r->doc->rtl ? 2 - s : s;
            PangoLayout *l = rp_text_layout(r->doc->rtl ? r->ctx->pango_rtl : r->ctx->pango, st,
                                            text, width);
            /* The width is for the ellipsis; the line is placed below. */
            pango_layout_set_width(l, width);
            pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
            PangoLayoutLine *line = pango_layout_get_line_readonly(l, 0);
            if (line) {
                rp_glyphs_check(&r->glyphs, l, line, src);
                PangoRectangle lr;
                pango_layout_line_get_extents(line, NULL, &lr);
                double dx = side == 0 ? 0 : side == 1 ? RP_TO_PT(width - lr.width) / 2
                                                      : RP_TO_PT(width - lr.width);
                furniture *fu = add_furniture(j);
                fu->layout = g_object_ref(l);
                fu->line = line;
                fu->x = left + dx;
                fu->y = base_y;
            }
            g_object_unref(l);
            g_free(text);
        }
    }
    xmlChar *rule = xmlGetProp(f, BAD_CAST "rule");
    if (rule && xmlStrEqual(rule, BAD_CAST "yes")) {
        double gap = RP_TO_PT(st->font_size) * 0.7;
        furniture *fu = add_furniture(j);
        fu->x = left;
        fu->y = above ? base_y + RP_TO_PT(st->descent) + gap * 0.5
                      : base_y - RP_TO_PT(st->ascent) - gap;
        fu->w = RP_TO_PT(width);
        fu->h = 0.4;
        fu->color = st->border_color ? st->border_color : 0x999999;
    }
    xmlFree(rule);
}

/* The job of page index: made, checked and laid out on the layout
 * thread. */
static page_job *make_job(renderer *r, size_t index)
{
    const rp_page *p = &r->pages->v[index];
    const rp_template *t = &r->doc->tpls[p->tpl];
    page_job *j = rp_xcalloc(1, sizeof *j);
    j->index = index;
    j->tpl = p->tpl;
    j->label = rp_xstrdup(r->labels[index]);
    j->nhdr = (size_t)p->hdr_count;
    j->nitems = j->nhdr + (p->end - p->first);
    j->items = rp_xcalloc(j->nitems ? j->nitems : 1, sizeof *j->items);
    for (size_t h = 0; h < j->nhdr; h++)
        item_copy(&j->items[h], &r->doc->items.v[(size_t)p->hdr_first + h], 1);
    for (size_t i = p->first; i < p->end; i++)
        item_copy(&j->items[j->nhdr + i - p->first], &r->doc->items.v[i], 0);
    r->job = index;
    for (size_t i = 0; i < j->nitems; i++)
        check_item(r, &j->items[i], i < j->nhdr);
    g_hash_table_foreach_remove(r->copies, not_in_job, r);
    /* Header text sits halfway up the top margin, the footer's halfway
     * down the bottom one: clear of the body, well inside the page. */
    lay_furniture(r, j, t->header, t, RP_TO_PT(t->margin_top) * 0.55, 1, p);
    lay_furniture(r, j, t->footer, t, RP_TO_PT(t->height - t->margin_bottom / 2), 0, p);
    return j;
}

static void next_part(renderer *r, const page_job *j);

/* Draws a job: on the drawing thread when there is one. */
static void draw_job(renderer *r, const page_job *j)
{
    if (r->part_pages && j->index >= r->part_first + r->part_pages)
        next_part(r, j);
    const rp_template *t = &r->doc->tpls[j->tpl];
    int page = (int)(j->index - r->part_first) + 1; /* in the part */
    /* Only on a change: cairo 1.16 loses the structure tree (and writes
     * broken references for links) when the first page is resized. */
    const rp_template *prev = r->drawn_tpl >= 0 ? &r->doc->tpls[r->drawn_tpl] : NULL;
    if (prev && (prev->width != t->width || prev->height != t->height))
        cairo_pdf_surface_set_size(r->surface, RP_TO_PT(t->width), RP_TO_PT(t->height));
    r->drawn_tpl = j->tpl;
    cairo_pdf_surface_set_page_label(r->surface, j->label);
    double x0 = RP_TO_PT(t->margin_left);
    double y = RP_TO_PT(t->margin_top);
    for (size_t i = 0; i < j->nitems; i++) {
        const rp_item *it = &j->items[i];
        if (i > j->nhdr)
            y += RP_TO_PT(it->space_before);
        /* The repeat is for the eye: the header cells are in the tree once. */
        r->artifact = i < j->nhdr;
        r->rest = it + 1;
        r->nrest = j->nitems - i - 1;
        draw_item(r, it, x0, y, page);
        y += RP_TO_PT(it->height);
    }
    r->artifact = 0;
    r->rest = NULL;
    r->nrest = 0;
    rp_tags_artifact(&r->tags);
    for (size_t i = 0; i < j->nfurn; i++) {
        const furniture *f = &j->furn[i];
        if (f->layout) {
            cairo_move_to(r->cr, f->x, f->y);
            pango_cairo_show_layout_line(r->cr, f->line);
        } else {
            set_color(r->cr, f->color);
            cairo_rectangle(r->cr, f->x, f->y, f->w, f->h);
            cairo_fill(r->cr);
        }
    }
    rp_tags_close(&r->tags);
    cairo_show_page(r->cr);
}

/* Frees the jobs the drawing thread is done with (on the layout thread:
 * the last reference to a layout may go with them). */
static void free_done(renderer *r)
{
    pthread_mutex_lock(&r->lock);
    page_job *j = r->done;
    r->done = NULL;
    pthread_mutex_unlock(&r->lock);
    while (j) {
        page_job *next = j->next;
        job_free(j);
        j = next;
    }
}

static void *drawing_thread(void *arg)
{
    renderer *r = arg;
    pthread_mutex_lock(&r->lock);
    for (;;) {
        while (!r->count && !r->closing)
            pthread_cond_wait(&r->changed, &r->lock);
        if (!r->count)
            break;
        page_job *j = r->queue[r->head];
        pthread_mutex_unlock(&r->lock);
        draw_job(r, j);
        pthread_mutex_lock(&r->lock);
        r->head = (r->head + 1) % RP_RENDER_QUEUE;
        r->count--;
        j->next = r->done;
        r->done = j;
        pthread_cond_broadcast(&r->changed);
    }
    pthread_mutex_unlock(&r->lock);
    return NULL;
}

static void join_or_wait(renderer *r);

/* Hands a job to the drawing thread, waiting while the queue is full:
 * the time to join a part the drawing thread finished (the drawing
 * thread is the slower of the two, and would otherwise join it). */
static void submit(renderer *r, page_job *j)
{
    pthread_mutex_lock(&r->lock);
    while (r->count == RP_RENDER_QUEUE)
        join_or_wait(r);
    r->queue[(r->head + r->count) % RP_RENDER_QUEUE] = j;
    r->count++;
    pthread_cond_broadcast(&r->changed);
    pthread_mutex_unlock(&r->lock);
}

/* Waits for the drawing thread to draw every job and end. */
static void stop_thread(renderer *r)
{
    if (!r->threaded)
        return;
    pthread_mutex_lock(&r->lock);
    r->closing = 1;
    pthread_cond_broadcast(&r->changed);
    pthread_mutex_unlock(&r->lock);
    pthread_join(r->thread, NULL);
    free_done(r);
    r->threaded = 0;
}

/* ------------------------------------------------------- the document */

/* Cairo's output goes to a spool: the tagged PDF is completed (pdfua.c)
 * before anything is written to the output.  A failure is remembered by
 * the spool and reported by rp_render_end, not returned: Cairo 1.16
 * crashes finishing a PDF surface whose stream failed. */
static cairo_status_t write_stream(void *closure, const unsigned char *data, unsigned int len)
{
    rp_spool_write(closure, data, len);
    return CAIRO_STATUS_SUCCESS;
}

static void set_metadata(cairo_surface_t *s, const rp_tdoc *doc)
{
    if (doc->title)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, doc->title);
    if (doc->author)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, doc->author);
    if (doc->subject)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, doc->subject);
    if (doc->keywords)
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS, doc->keywords);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "rolepress " RP_VERSION);
    /* Reproducible builds: the creation date comes from SOURCE_DATE_EPOCH
     * when it is set, so the same inputs give the same bytes. */
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde) {
        time_t t = (time_t)strtoll(sde, NULL, 10);
        struct tm tm;
        char date[32];
        gmtime_r(&t, &tm);
        strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
    }
}

static void open_surface(renderer *r, const rp_template *t)
{
    r->surface = cairo_pdf_surface_create_for_stream(write_stream, r->pdf,
                                                     RP_TO_PT(t->width), RP_TO_PT(t->height));
    set_metadata(r->surface, r->doc);
    r->cr = cairo_create(r->surface);
}

static cairo_status_t close_surface(cairo_surface_t *surface, cairo_t *cr)
{
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_status_t st = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    return st;
}

static void trim_joining(void *arg)
{
    renderer *r = arg;
    rp_spool_trim(r->joining_pdf);
}

/* Completes a drawn part and joins it.  What fails is kept for
 * rp_render_end to report: Cairo's status in r->status, the spools'
 * errors in r->joined, the join's in r->join.  Parts are joined one at a
 * time, in order (join_or_wait). */
static void join_part(renderer *r, drawn_part *p)
{
    /* Memory freed but kept by the allocator is let go of before Cairo
     * writes the part (its objects and font subsets come on top of what
     * drawing left) and after the join (what Cairo held for the part):
     * a book's peak fell 1.5 MiB. */
    rp_release_free_memory();
    cairo_status_t st = close_surface(p->surface, p->cr);
    if (r->status == CAIRO_STATUS_SUCCESS)
        r->status = st;
    if (!r->join) {
        rp_spool_open(&r->joined);
        r->join = rp_pdfjoin_new(&r->joined, trim_joining, r);
    }
    r->joining_pdf = p->pdf;
    /* After a failure the document is lost: the rest is not joined. */
    if (r->status == CAIRO_STATUS_SUCCESS && !r->joined.err && !rp_pdfjoin_why(r->join) &&
        rp_spool_map(p->pdf) == 0)
        rp_pdfjoin_add(r->join, p->pdf->data ? p->pdf->data : "", p->pdf->len, p->continued,
                       p->open_at_end, p->outlined);
    r->joining_pdf = NULL;
    rp_release_free_memory();
    if (p->pdf->err && !r->joined.err) {
        r->joined.err = p->pdf->err;
        r->joined.what = p->pdf->what;
    }
    rp_spool_close(p->pdf);
    free(p->pdf);
    free(p);
}

/* With r->lock held: joins the pending part when there is one and no
 * other is being joined (one at a time, so in order), else waits for
 * the other thread to change something. */
static void join_or_wait(renderer *r)
{
    drawn_part *p = r->joining ? NULL : r->pending;
    if (!p) {
        pthread_cond_wait(&r->changed, &r->lock);
        return;
    }
    r->pending = NULL;
    r->joining = 1;
    pthread_mutex_unlock(&r->lock);
    join_part(r, p);
    pthread_mutex_lock(&r->lock);
    r->joining = 0;
    pthread_cond_broadcast(&r->changed);
}

/* Leaves the part drawn so far, ended with open_at_end elements open,
 * to be joined: by the layout thread while it waits for the drawing
 * thread (submit), else by whoever ends the next part, or at the end.
 * A part at most waits, so that parts are joined in order and no more
 * than two of Cairo's documents are held beside the one being drawn. */
static void end_part(renderer *r, size_t open_at_end)
{
    drawn_part *p = rp_xmalloc(sizeof *p);
    *p = (drawn_part){.surface = r->surface, .cr = r->cr, .pdf = r->pdf,
                      .continued = r->continued, .open_at_end = open_at_end,
                      .outlined = r->outlined};
    r->surface = NULL;
    r->cr = NULL;
    r->pdf = NULL;
    pthread_mutex_lock(&r->lock);
    while (r->pending)
        join_or_wait(r);
    r->pending = p;
    pthread_cond_broadcast(&r->changed);
    pthread_mutex_unlock(&r->lock);
}

/* Joins the part left to be joined, if any (no drawing thread left). */
static void join_pending(renderer *r)
{
    if (r->pending)
        join_part(r, r->pending);
    r->pending = NULL;
}

/* Whether an element begins inside the innermost element open on page j
 * before it ends there (the repeated table header aside, an artifact). */
static rp_holds page_holds(const renderer *r, const page_job *j)
{
    const rp_tags *t = &r->tags;
    int content = 0, h = -1;
    for (size_t i = j->nhdr; t->nopen && h < 0 && i < j->nitems; i++)
        h = holds_in(&j->items[i], 0, (int)t->open[t->nopen - 1], &content);
    return h == RP_HOLDS_ELEMENT ? RP_HOLDS_ELEMENT : RP_HOLDS_ANY;
}

/* Ends the part with the page before j's and begins the next with the
 * elements and outline items still open. */
static void next_part(renderer *r, const page_job *j)
{
    size_t open = rp_tags_suspend(&r->tags);
    end_part(r, open);
    r->pdf = rp_xcalloc(1, sizeof *r->pdf);
    rp_spool_open(r->pdf);
    open_surface(r, &r->doc->tpls[j->tpl]);
    r->drawn_tpl = j->tpl; /* the surface has its size */
    r->part_first = j->index;
    r->continued = open;
    rp_tags_resume(&r->tags, r->cr, page_holds(r, j));
    r->outlined = reopen_outline(r);
}

/* The pages a part may have, for a document of page_count pages. */
static size_t part_pages(size_t page_count)
{
    const char *env = getenv("ROLEPRESS_PART_PAGES");
    char *end;
    long n = env && *env ? strtol(env, &end, 10) : RP_PART_PAGES;
    if (env && *env && (*end || n < 0))
        n = RP_PART_PAGES;
    return (size_t)n < page_count ? (size_t)n : 0;
}

void rp_render_init(void)
{
    /* Cairo 1.16 reads this when a PDF surface is made: content streams
     * are written uncompressed (pdfua.c compresses them). */
    setenv("CAIRO_DEBUG_PDF", "1", 1);
}

/* Completes the tagged PDF and writes it to f. */
static int finish(renderer *r, FILE *f, const char *path)
{
    rp_pdfua_info info = {.lang = r->doc->lang, .alts = r->tags.alts, .nalts = r->tags.nalts,
                          .links = r->tags.links, .nlinks = r->tags.nlinks,
                          .langs = r->tags.langs, .nlangs = r->tags.nlangs,
                          .nelements = r->tags.nelements,
                          .trim = rp_spool_trim, .trim_arg = r->pdf,
                          .threads = r->spare_core ? 2 : 1};
    return rp_pdfua_finish(r->pdf->data ? r->pdf->data : "", r->pdf->len, &info, f, path, r->d);
}

rp_renderer *rp_render_begin(rp_context *ctx, rp_tdoc *doc, GHashTable *ids, size_t page_count,
                             int first_tpl, int thread, rp_spool *pdf, const char *culprit,
                             rp_diag *d)
{
    renderer *r = rp_xcalloc(1, sizeof *r);
    *r = (renderer){.ctx = ctx, .doc = doc, .ids = ids, .page_count = page_count, .d = d,
                    .culprit = culprit, .drawn_tpl = -1};
    r->copies = g_hash_table_new_full(NULL, NULL, g_object_unref, job_copy_free);
    const rp_template *t0 = &doc->tpls[first_tpl];
    r->pdf = rp_xmalloc(sizeof *r->pdf);
    *r->pdf = *pdf; /* the renderer's now */
    *pdf = (rp_spool){0};
    r->part_pages = part_pages(page_count);
    open_surface(r, t0);
    rp_tags_start(&r->tags, r->cr);
    rp_glyphs_init(&r->glyphs, culprit, d);
    pthread_mutex_init(&r->lock, NULL);
    pthread_cond_init(&r->changed, NULL);
    r->spare_core = thread;
    r->threaded = thread && pthread_create(&r->thread, NULL, drawing_thread, r) == 0;
    return r;
}

void rp_render_page(rp_renderer *r, const rp_pagelist *pages, char **labels, size_t index)
{
    r->pages = pages;
    r->labels = labels;
    page_job *j = make_job(r, index);
    r->pages = NULL;
    r->labels = NULL;
    if (r->threaded) {
        free_done(r);
        submit(r, j);
    } else {
        draw_job(r, j);
        job_free(j);
        join_pending(r); /* no thread to wait for: at once */
    }
}

int rp_render_end(rp_renderer *r, FILE *f, const char *path)
{
    stop_thread(r);
    rp_tags_finish(&r->tags);
    cairo_status_t st;
    const char *unjoined = NULL;
    if (r->pending || r->join) { /* drawn in parts */
        end_part(r, 0);
        join_pending(r);
        st = r->status;
        if (f && st == CAIRO_STATUS_SUCCESS && !r->joined.err && rp_pdfjoin_end(r->join) != 0)
            unjoined = rp_pdfjoin_why(r->join);
        r->pdf = rp_xmalloc(sizeof *r->pdf);
        *r->pdf = r->joined;
        r->joined = (rp_spool){0};
        rp_pdfjoin_free(r->join); /* before the PDF is completed beside it */
        r->join = NULL;
    } else {
        st = close_surface(r->surface, r->cr);
    }
    pthread_mutex_destroy(&r->lock);
    pthread_cond_destroy(&r->changed);
    /* What drawing a book held (Cairo's document, the paragraphs) is free
     * now; completing the PDF would otherwise grow beside it.  A short
     * document's pages are not worth the system calls: the next document
     * of a batch reuses them. */
    if (r->page_count >= RP_RELEASE_PAGES)
        rp_release_free_memory();
    int rc = -1;
    if (f && rp_spool_map(r->pdf) != 0)
        rp_spool_report(r->pdf, path, r->d);
    else if (st != CAIRO_STATUS_SUCCESS)
        rp_diag_add(r->d, RP_ERROR, path, 0, 0, "cannot write the PDF: %s",
                    cairo_status_to_string(st));
    else if (unjoined)
        rp_diag_add(r->d, RP_ERROR, path, 0, 0,
                    "cannot complete the tagged PDF Cairo wrote: joining its parts: %s",
                    unjoined);
    else if (f)
        rc = finish(r, f, path);
    rp_tags_free(&r->tags);
    rp_glyphs_clear(&r->glyphs);
    rp_line_cursor_clear(&r->lines);
    rp_line_cursor_clear(&r->copy_lines);
    link_index_clear(&r->check_links);
    link_index_clear(&r->draw_links);
    g_hash_table_destroy(r->copies);
    rp_spool_close(r->pdf);
    free(r->pdf);
    for (int l = 0; l < 8; l++)
        free(r->outline_title[l]);
    if (r->dangling)
        g_hash_table_unref(r->dangling);
    free(r);
    return rc;
}
