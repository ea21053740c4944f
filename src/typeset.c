/* typeset.c - layout XML to a finished PDF file.
 *
 * Runs the typesetter's stages in order: validate the layout XML against
 * its schema, build the measured item list (flow.c), paginate
 * (paginate.c), render (render.c) into an atomic output file.
 */
#include "typeset.h"
#include "chunks.h"
#include "output.h"
#include "spool.h"

#include <glib.h>

#include <string.h>

/* Deeper than this, a result tree is a runaway stylesheet: no layout
 * needs it, and validation recurses once per level. */
#define RP_MAX_LAYOUT_DEPTH 256

/* Walks the tree without recursion: its depth, and whether every text and
 * attribute is valid UTF-8 as Pango understands it (an extension function
 * such as str:decode-uri can return raw bytes). */
int rp_layout_check_tree(xmlNodePtr root, int depth, const char *culprit, rp_diag *d)
{
    xmlNodePtr n = root;
    while (n) {
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content &&
            !g_utf8_validate((const char *)n->content, -1, NULL)) {
            if (d)
                rp_diag_add(d, RP_ERROR, culprit, (int)xmlGetLineNo(n), 0,
                            "the stylesheet's output holds text that is not valid UTF-8");
            return -1;
        }
        if (n->type == XML_ELEMENT_NODE)
            for (xmlAttrPtr a = n->properties; a; a = a->next)
                if (a->children && a->children->content &&
                    !g_utf8_validate((const char *)a->children->content, -1, NULL)) {
                    if (d)
                        rp_diag_add(d, RP_ERROR, culprit, (int)xmlGetLineNo(n), 0,
                                    "the stylesheet's output has an attribute that is not "
                                    "valid UTF-8");
                    return -1;
                }
        if (n->children && n->type == XML_ELEMENT_NODE) {
            if (++depth > RP_MAX_LAYOUT_DEPTH) {
                if (d)
                    rp_diag_add(d, RP_ERROR, culprit, (int)xmlGetLineNo(n), 0,
                                "the stylesheet's output nests elements more than %d deep",
                                RP_MAX_LAYOUT_DEPTH);
                return -1;
            }
            n = n->children;
            continue;
        }
        while (n && !n->next && n != root) {
            n = n->parent;
            depth--;
        }
        if (!n || n == root)
            break;
        n = n->next;
    }
    return 0;
}

int rp_layout_check(xmlDocPtr layout, const char *culprit, rp_diag *d)
{
    xmlNodePtr root = xmlDocGetRootElement(layout);
    if (!root) {
        rp_diag_add(d, RP_ERROR, culprit, 0, 0, "the stylesheet's output is empty: no <document>");
        return -1;
    }
    if (!xmlStrEqual(root->name, BAD_CAST "document")) {
        rp_diag_add(d, RP_ERROR, culprit, 0, 0,
                    "the stylesheet's output is not layout XML: the root element is <%s>, not <document>",
                    (const char *)root->name);
        return -1;
    }
    return rp_layout_check_tree(root, 1, culprit, d);
}

int rp_layout_validate(rp_context *ctx, xmlDocPtr layout, const char *culprit, rp_diag *d)
{
    rp_schema *rng = rp_schema_get(ctx, &ctx->layout_rng, "xml/schema/layout.rng", d);
    if (!rng || rp_layout_check(layout, culprit, d) != 0)
        return -1;
    size_t before = rp_diag_count(d);
    int errs = rp_xml_validate(rng, layout, culprit, d);
    /* Result trees have no line numbers; say where in the tree instead. */
    for (size_t i = before; i < rp_diag_count(d); i++) {
        rp_diag_record *r = (rp_diag_record *)rp_diag_get(d, i);
        char *m = rp_xasprintf("layout output does not match xml/schema/layout.rng: %s", r->message);
        free(r->message);
        r->message = m;
        r->line = r->col = 0;
    }
    return errs ? -1 : 0;
}

/* Page-refs are known only after pagination, and a number of another
 * width can move a line break and so a page break.  The document is
 * measured again until the anchors' pages stop changing (in practice two
 * passes, the paragraphs with page-refs laid out once more to confirm
 * it), then laid out once more and drawn page by page as the
 * pages fill, with the page numbers, the page count and the ids of the
 * whole document known; or the drawing pass is itself the second, kept
 * when it confirms the first (typeset).  No pass holds more than a page
 * or two of lines; the paragraph cache spares the later passes most of
 * the shaping. */
#define RP_MAX_PASSES 6

static int same_map(GHashTable *a, GHashTable *b)
{
    if (!a || !b || g_hash_table_size(a) != g_hash_table_size(b))
        return 0;
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, a);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        const char *w = g_hash_table_lookup(b, k);
        if (!w || strcmp(v, w) != 0)
            return 0;
    }
    return 1;
}

/* What the measuring passes found out for the drawing one. */
typedef struct {
    rp_pagemap *refs;  /* page label of every anchor, or NULL */
    GHashTable *ids;   /* every anchor id */
    size_t page_count;
} measured;

static void measured_clear(measured *m)
{
    if (m->refs)
        g_hash_table_unref(m->refs);
    if (m->ids)
        g_hash_table_unref(m->ids);
    memset(m, 0, sizeof *m);
}

/* Whether a pass that printed the page-refs of m found every anchor on
 * the page m has it on. */
static int same_anchors(const rp_tdoc *doc, const rp_pager *pager, const measured *m)
{
    return !doc->unresolved_refs && same_map(m->refs, pager->anchors);
}

/* The pages a pass cut, for the next one to print. */
static void take_pages(measured *m, const rp_tdoc *doc, const rp_pager *pager)
{
    m->page_count = pager->pages.n;
    if (m->refs)
        g_hash_table_unref(m->refs);
    m->refs = doc->page_refs ? g_hash_table_ref(pager->anchors) : NULL;
}

/* One measuring pass with the page-refs of m; 1 when the pages are
 * settled, 0 when another pass is needed, -1 on errors. */
static int measure(rp_context *ctx, xmlDocPtr layout, const char *culprit, rp_styles *styles,
                   rp_parcache *cache, measured *m, rp_diag *d)
{
    size_t errors = rp_diag_errors(d);
    rp_pager pager;
    rp_pager_init(&pager, ctx, culprit, d, NULL, NULL);
    rp_tdoc *doc = rp_flow_build(ctx, layout, culprit, styles, m->refs, cache, 0, &pager, d);
    rp_parcache_settle(cache); /* when the pass stopped short of it */
    int rc = -1;
    if (doc && !pager.pg.stopped && rp_diag_errors(d) == errors) {
        if (m->ids)
            g_hash_table_unref(m->ids);
        m->ids = g_hash_table_ref(doc->anchors);
        rc = !doc->page_refs || same_anchors(doc, &pager, m);
        take_pages(m, doc, &pager);
        /* Or the next pass would cut the same pages: it is not run when the
         * paragraphs with page-refs take the same room with the new
         * numbers (most of a pass spared, the last one that confirms). */
        if (!rc)
            rc = rp_parcache_refs_stable(cache, ctx, styles, m->refs);
    }
    rp_tdoc_free(doc);
    rp_pager_clear(&pager);
    return rc;
}

/* Where a document's PDF goes: its output file and the spool Cairo
 * writes to, both made before the document is laid out, so that a
 * directory that cannot be written to is an error at once, not after the
 * whole book has been typeset. */
typedef struct {
    const char *path;
    rp_output out;
    rp_spool pdf; /* handed to the renderer */
} target;

static int target_open(target *t, const char *path, rp_diag *d)
{
    t->path = path;
    if (rp_output_open(&t->out, path, d) != 0)
        return -1;
    if (rp_spool_open(&t->pdf) != 0) {
        rp_spool_report(&t->pdf, path, d);
        rp_output_abort(&t->out);
        return -1;
    }
    return 0;
}

/* Drops what was not used (an error stopped the document). */
static void target_close(target *t)
{
    if (t->out.f)
        rp_output_abort(&t->out);
    rp_spool_close(&t->pdf);
}

/* The drawing pass's page callback. */
typedef struct {
    rp_context *ctx;
    const measured *m;
    target *to;
    int thread;        /* draw on a thread of the renderer's */
    rp_renderer *r;
    size_t defects;    /* errors of --check-layout: the PDF is written anyway */
    const char *culprit;
    rp_diag *d;
} drawing;

static void draw_finished(void *data, rp_tdoc *doc, const rp_pagelist *pages, char **labels,
                          size_t index)
{
    drawing *dr = data;
    if (!dr->r)
        dr->r = rp_render_begin(dr->ctx, doc, dr->m->ids, dr->m->page_count, pages->v[0].tpl,
                                dr->thread, &dr->to->pdf, dr->culprit, dr->d);
    if (dr->ctx->check_layout)
        dr->defects += rp_check_page(doc, pages, dr->m->page_count, labels, index, dr->culprit,
                                     dr->d);
    rp_render_page(dr->r, pages, labels, index);
}

/* Completes the drawn PDF into the target when ok, else drops it. */
static int finish_output(drawing *dr, int ok, rp_diag *d)
{
    target *to = dr->to;
    int rc = -1;
    if (dr->r) {
        /* a document with errors is completed into nowhere */
        int written = rp_render_end(dr->r, ok ? to->out.f : NULL, to->path) == 0;
        if (ok && written)
            rc = rp_output_commit(&to->out, d);
    }
    dr->r = NULL;
    target_close(to);
    return rc;
}

/* What the drawing pass returns besides 0 (drawn) and -1 (failed) when
 * drawn with page-refs not yet confirmed and the pages came out
 * otherwise (an anchor on another page, or another page count): m then
 * holds what this pass found, and nothing was written. */
enum { MOVED = 1 };

/* The drawing pass: the document laid out with the page-refs of m and
 * drawn into the target.  Unless unconfirmed, m's are settled. */
static int draw(rp_context *ctx, xmlDocPtr layout, const char *culprit, rp_styles *styles,
                rp_parcache *cache, measured *m, target *to, int consume, int unconfirmed,
                rp_diag *d)
{
    size_t errors = rp_diag_errors(d);
    /* Pages are drawn while the next ones are laid out, when there is a
     * core to spare. */
    drawing dr = {.ctx = ctx, .m = m, .to = to, .thread = ctx->spare_core, .culprit = culprit,
                  .d = d};
    rp_pager pager;
    rp_pager_init(&pager, ctx, culprit, d, draw_finished, &dr);
    /* The document is kept even when laying it out failed (a piece of the
     * layout that cannot be read back): pages already handed to the
     * drawing thread use it until the renderer has ended. */
    rp_tdoc *doc = rp_flow_build(ctx, layout, culprit, styles, m->refs, cache,
                                 RP_FLOW_DRAW | RP_FLOW_KEEP | (consume ? RP_FLOW_CONSUME : 0),
                                 &pager, d);
    int rc = -1;
    int flowed = doc && rp_diag_errors(d) - dr.defects == errors;
    if (flowed && !dr.r)
        dr.r = rp_render_begin(ctx, doc, m->ids, m->page_count, 0, 0, &to->pdf, culprit, d);
    int ok = flowed && !pager.pg.stopped && rp_diag_errors(d) - dr.defects == errors;
    int moved = ok && unconfirmed &&
                !(same_anchors(doc, &pager, m) && pager.pages.n == m->page_count);
    /* The drawing pass is the last measuring one again, with layouts: a
     * difference would be a bug, and "page 3 of 12" would be wrong. */
    if (ok && !unconfirmed && pager.pages.n != m->page_count)
        rp_diag_add(d, RP_WARNING, culprit, 0, 0,
                    "internal: %zu pages drawn where %zu were measured; the page count "
                    "printed may be wrong", pager.pages.n, m->page_count);
    rc = finish_output(&dr, ok && !moved, d);
    if (moved && rp_diag_errors(d) - dr.defects == errors) {
        rc = MOVED;
        take_pages(m, doc, &pager);
    }
    rp_tdoc_free(doc);
    rp_pager_clear(&pager);
    return rc;
}

/* A short document without page-refs is laid out and drawn in one pass:
 * its pages are kept until the page count is known. */
#define RP_ONE_PASS_TEXT (64 * 1024)

/* Whether layout holds no page-ref and less text than RP_ONE_PASS_TEXT. */
static int one_pass(xmlDocPtr layout)
{
    if (rp_chunks_of(layout)) /* a book, in pieces */
        return 0;
    size_t text = 0;
    xmlNodePtr n = xmlDocGetRootElement(layout);
    while (n && text < RP_ONE_PASS_TEXT) {
        if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST "page-ref"))
            return 0;
        if (n->type == XML_TEXT_NODE && n->content)
            text += strlen((const char *)n->content);
        if (n->children && n->type == XML_ELEMENT_NODE) {
            n = n->children;
            continue;
        }
        while (n && !n->next)
            n = n->parent;
        n = n ? n->next : NULL;
    }
    return text < RP_ONE_PASS_TEXT;
}

/* The one pass: laid out with layouts, paginated, then every page drawn. */
static int draw_at_once(rp_context *ctx, xmlDocPtr layout, const char *culprit,
                        rp_styles *styles, rp_parcache *cache, target *to, rp_diag *d)
{
    size_t errors = rp_diag_errors(d);
    rp_pager pager;
    rp_pager_init(&pager, ctx, culprit, d, NULL, NULL);
    pager.keep = 1;
    /* The cache has no passes to serve, only copies: a guide repeats a
     * third of its paragraphs (table heads, levels, rating cells). */
    rp_tdoc *doc = rp_flow_build(ctx, layout, culprit, styles, NULL, cache, RP_FLOW_DRAW,
                                 &pager, d);
    int rc = -1;
    if (doc && !pager.pg.stopped && rp_diag_errors(d) == errors) {
        measured m = {.ids = doc->anchors, .page_count = pager.pages.n};
        drawing dr = {.ctx = ctx, .m = &m, .to = to, .culprit = culprit, .d = d};
        for (size_t i = 0; i < pager.pages.n; i++)
            draw_finished(&dr, doc, &pager.pages, pager.labels, i);
        if (!dr.r)
            dr.r = rp_render_begin(ctx, doc, m.ids, 0, 0, 0, &to->pdf, culprit, d);
        rc = finish_output(&dr, rp_diag_errors(d) - dr.defects == errors, d);
    }
    rp_tdoc_free(doc);
    rp_pager_clear(&pager);
    return rc;
}

/* Measuring passes until the page-refs settle, then the drawing pass.
 * A book's first pass guesses the pages of the ids it has not reached
 * yet, and a second pass with the pages the first found nearly always
 * cuts them again (the books of 30, 300 and 3000 roles and the shipped
 * one in four languages): so the drawing pass is that second pass, kept
 * when it finds the same pages.  When it does not, nothing is written
 * and the passes go on from what it found, as from a second pass, with
 * the cache and the line statistics as they were before the first
 * (drawing took the cache's paragraphs).  Not when the layout is freed
 * as it is drawn (consume), which leaves nothing to lay out again, but
 * for a book in chunks, unpacked again for each pass.  With a core to
 * spare, the first pass measures a book's second half on it
 * (premeasure.c). */
static int typeset(rp_context *ctx, xmlDocPtr layout, const char *culprit, const char *path,
                   int consume, rp_diag *d)
{
    measured m = {0};
    rp_parcache *cache = rp_parcache_new();
    target to = {0};
    int rc = -1, settled = 0;
    int speculate = !consume || rp_chunks_of(layout);
    rp_compose_stats stats = ctx->stats;
    size_t errors = rp_diag_errors(d);
    /* One set of styles for every pass: their fonts are measured once. */
    rp_styles *styles = rp_flow_styles(ctx, layout, culprit, d);
    if (rp_diag_errors(d) > errors || target_open(&to, path, d) != 0)
        goto done;
    if (one_pass(layout)) {
        rc = draw_at_once(ctx, layout, culprit, styles, cache, &to, d);
        goto done;
    }
    size_t from;
    rp_premeasure *ahead = ctx->spare_core && rp_chunks_of(layout)
                               ? rp_premeasure_start(ctx, layout, &from) : NULL;
    if (ahead)
        rp_parcache_await(cache, from, ahead);
    for (int pass = 1; pass <= RP_MAX_PASSES && !settled; pass++) {
        size_t mark = rp_diag_count(d);
        settled = measure(ctx, layout, culprit, styles, cache, &m, d);
        if (settled < 0)
            goto done;
        rp_diag_truncate(d, mark); /* the drawing pass says them again */
        if (settled || pass > 1 || !speculate)
            continue;
        /* the drawing pass as the second (see above) */
        rc = draw(ctx, layout, culprit, styles, cache, &m, &to, 0, 1, d);
        if (rc != MOVED)
            goto done;
        rp_diag_truncate(d, mark);
        rp_parcache_free(cache);
        cache = rp_parcache_new();
        ctx->stats = stats;
        rc = -1;
        if (target_open(&to, path, d) != 0)
            goto done;
        pass++; /* the drawing pass was the second */
    }
    if (!settled)
        rp_diag_add(d, RP_WARNING, culprit, 0, 0,
                    "page numbers did not settle after %d layouts; some page references "
                    "may be off by a page", RP_MAX_PASSES);
    rc = draw(ctx, layout, culprit, styles, cache, &m, &to, consume, 0, d);
done:
    target_close(&to);
    rp_parcache_free(cache);
    rp_styles_free(styles);
    measured_clear(&m);
    return rc;
}

int rp_typeset(rp_context *ctx, xmlDocPtr layout, const char *culprit, const char *path,
               rp_diag *d)
{
    return typeset(ctx, layout, culprit, path, 0, d);
}

int rp_typeset_consume(rp_context *ctx, xmlDocPtr layout, const char *culprit,
                       const char *path, rp_diag *d)
{
    int rc = typeset(ctx, layout, culprit, path, 1, d);
    rp_layout_free(layout);
    return rc;
}
