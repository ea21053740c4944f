/* typeset.c - layout XML to a finished PDF file.
 *
 * Runs the typesetter's stages in order: validate the layout XML against
 * its schema, build the measured item list (flow.c), paginate
 * (paginate.c), render (render.c) into an atomic output file.
 */
#include "typeset.h"
#include "output.h"

#include <glib.h>

#include <string.h>

/* Deeper than this, a result tree is a runaway stylesheet: no layout
 * needs it, and validation recurses once per level. */
#define RP_MAX_LAYOUT_DEPTH 256

/* Walks the tree without recursion: its depth, and whether every text and
 * attribute is valid UTF-8 as Pango understands it (an extension function
 * such as str:decode-uri can return raw bytes). */
static int check_tree(xmlNodePtr root, const char *culprit, rp_diag *d)
{
    int depth = 1;
    xmlNodePtr n = root;
    while (n) {
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content &&
            !g_utf8_validate((const char *)n->content, -1, NULL)) {
            rp_diag_add(d, RP_ERROR, culprit, 0, 0,
                        "the stylesheet's output holds text that is not valid UTF-8");
            return -1;
        }
        if (n->type == XML_ELEMENT_NODE)
            for (xmlAttrPtr a = n->properties; a; a = a->next)
                if (a->children && a->children->content &&
                    !g_utf8_validate((const char *)a->children->content, -1, NULL)) {
                    rp_diag_add(d, RP_ERROR, culprit, 0, 0,
                                "the stylesheet's output has an attribute that is not valid UTF-8");
                    return -1;
                }
        if (n->children && n->type == XML_ELEMENT_NODE) {
            if (++depth > RP_MAX_LAYOUT_DEPTH) {
                rp_diag_add(d, RP_ERROR, culprit, 0, 0,
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
    return check_tree(root, culprit, d);
}

int rp_layout_validate(rp_context *ctx, xmlDocPtr layout, const char *culprit, rp_diag *d)
{
    xmlRelaxNGPtr rng = rp_schema_get(ctx, &ctx->layout_rng, "xml/schema/layout.rng", d);
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
 * width can move a line break and so a page break.  The document is laid
 * out again until the anchors' pages stop changing; in practice it settles
 * in two or three passes. */
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

typedef struct {
    rp_tdoc *doc;
    rp_pagelist pages;
    char **labels;
} typeset_pass;

static void pass_clear(typeset_pass *p)
{
    if (p->labels)
        rp_labels_free(p->labels, p->pages.n);
    free(p->pages.v);
    rp_tdoc_free(p->doc);
    memset(p, 0, sizeof *p);
}

/* One layout of the document with the given page-refs; 0 on success.
 * Warnings are kept only from the last pass. */
static int run_pass(rp_context *ctx, xmlDocPtr layout, const char *culprit, rp_pagemap *refs,
                    rp_parcache *cache, typeset_pass *p, rp_diag *d)
{
    p->doc = rp_flow_build(ctx, layout, culprit, refs, cache, d);
    if (!p->doc)
        return -1;
    rp_unit *body = rp_xmalloc(p->doc->ntpl * sizeof *body);
    for (size_t i = 0; i < p->doc->ntpl; i++)
        body[i] = p->doc->tpls[i].height - p->doc->tpls[i].margin_top -
                  p->doc->tpls[i].margin_bottom;
    size_t errors = rp_diag_errors(d);
    rp_paginate(p->doc->items.v, p->doc->items.n, body, ctx->max_pages, &p->pages, culprit, d);
    free(body);
    p->labels = rp_page_labels(p->doc, &p->pages);
    return rp_diag_errors(d) > errors ? -1 : 0;
}

int rp_typeset(rp_context *ctx, xmlDocPtr layout, const char *culprit, const char *path,
               rp_diag *d)
{
    typeset_pass p = {0};
    rp_pagemap *refs = NULL;
    rp_parcache *cache = rp_parcache_new();
    int rc = -1;
    for (int pass = 1;; pass++) {
        size_t mark = rp_diag_count(d);
        if (run_pass(ctx, layout, culprit, refs, cache, &p, d) != 0)
            goto done;
        if (!p.doc->page_refs)
            break;
        rp_pagemap *now = rp_anchor_pages(p.doc, &p.pages, p.labels);
        int settled = !p.doc->unresolved_refs && same_map(refs, now);
        if (refs)
            g_hash_table_unref(refs);
        refs = now;
        if (settled)
            break;
        if (pass == RP_MAX_PASSES) {
            rp_diag_add(d, RP_WARNING, culprit, 0, 0,
                        "page numbers did not settle after %d layouts; some page references "
                        "may be off by a page", RP_MAX_PASSES);
            break;
        }
        rp_diag_truncate(d, mark); /* this pass's warnings repeat in the next */
        pass_clear(&p);
    }
    rp_parcache_free(cache); /* the document holds what it uses */
    cache = NULL;
    if (ctx->check_layout)
        rp_check_layout(p.doc, &p.pages, p.labels, culprit, d);
    rp_output out;
    if (rp_output_open(&out, path, d) == 0) {
        if (rp_render_pdf(ctx, p.doc, &p.pages, p.labels, out.f, path, culprit, d) == 0)
            rc = rp_output_commit(&out, d);
        else
            rp_output_abort(&out);
    }
done:
    rp_parcache_free(cache);
    if (refs)
        g_hash_table_unref(refs);
    pass_clear(&p);
    return rc;
}
