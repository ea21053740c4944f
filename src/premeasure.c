/* premeasure.c - the second half of a book measured on the spare core.
 *
 * A book's first measuring pass runs on one core after the stylesheet,
 * and most of it (84 % at 300 roles) is shaping and breaking paragraphs,
 * each alone: where a paragraph lands does not change its lines.  So
 * while the pass measures the first half, a thread measures the second
 * into a cache of its own (a shadow, parcache.c), and the pass takes
 * those paragraphs over when it gets there, as if it had measured them.
 *
 * The thread lays out a copy of the layout's skeleton (what is left of
 * it once its blocks are in pieces: the document element, its styles and
 * page templates, sections and placeholders), skipping the pieces before
 * the one it starts from, and opens the same pieces (chunks.c, which
 * reads them back with pread: safe from two threads).  The paragraphs
 * of a piece have the same keys in both layouts.  It works in a context
 * of its own: Pango, fontconfig and the hyphenation dictionaries are
 * not shared between threads, and a context's Pango objects only with
 * the cache it fills.  Everything it reports is dropped: the first pass's
 * diagnostics are too (typeset.c), and the drawing pass says them all.
 */
#include "typeset.h"
#include "chunks.h"

#include <pthread.h>
#include <stdlib.h>

struct rp_premeasure {
    pthread_t thread;
    rp_context *main_ctx;
    int first_fit;
    char *skeleton;       /* the layout's skeleton, rp_node_pack'd */
    size_t len;
    size_t from;          /* the piece to start from */
    rp_chunks *chunks;
    rp_context *ctx;      /* the thread's, or NULL */
    rp_parcache *cache;   /* what it measured */
};

/* The piece the thread starts from: the first to start past the middle
 * of the book's pieces, in bytes.  Pieces are written in the order of
 * the document, but that a section's own comes after the pieces inside
 * it and holds only what follows them: so when the first pass, in the
 * order of the document, comes to this piece, it has measured what is
 * before it and nothing after.  0 when no piece splits the book. */
static size_t middle(const rp_chunks *c)
{
    size_t from = rp_chunks_piece_at(c, rp_chunks_size(c) / 2);
    return from < rp_chunks_count(c) ? from : 0;
}

static void *run(void *arg)
{
    rp_premeasure *p = arg;
    rp_diag *d = rp_diag_new();
    p->ctx = rp_context_new(p->main_ctx->datadir, d);
    xmlDocPtr doc = p->ctx ? rp_node_unpack(p->skeleton, p->len) : NULL;
    if (doc && xmlDocGetRootElement(doc)) {
        rp_context_set_first_fit(p->ctx, p->first_fit);
        rp_chunks *reader = rp_chunks_reader(p->chunks);
        rp_chunks_attach(doc, reader);
        p->cache = rp_parcache_new();
        rp_parcache_shadow(p->cache, p->from);
        rp_styles *styles = rp_flow_styles(p->ctx, doc, "", d);
        rp_pager pager;
        rp_pager_init(&pager, p->ctx, "", d, NULL, NULL);
        rp_tdoc_free(rp_flow_build(p->ctx, doc, "", styles, NULL, p->cache, 0, &pager, d));
        rp_pager_clear(&pager);
        rp_styles_free(styles);
        doc->_private = NULL;
        rp_chunks_reader_free(reader);
    }
    xmlFreeDoc(doc);
    rp_diag_free(d);
    return NULL;
}

rp_premeasure *rp_premeasure_start(rp_context *ctx, xmlDocPtr layout, size_t *from)
{
    rp_chunks *c = rp_chunks_of(layout);
    xmlNodePtr root = xmlDocGetRootElement(layout);
    size_t at = c && root ? middle(c) : 0;
    if (!at)
        return NULL;
    rp_premeasure *p = rp_xcalloc(1, sizeof *p);
    *p = (rp_premeasure){.main_ctx = ctx, .first_fit = ctx->first_fit, .from = at, .chunks = c};
    p->skeleton = rp_node_pack(root, &p->len);
    if (pthread_create(&p->thread, NULL, run, p) != 0) {
        free(p->skeleton);
        free(p);
        return NULL; /* the first pass measures it all */
    }
    *from = at;
    return p;
}

void rp_premeasure_join(rp_premeasure *p, rp_parcache *into)
{
    pthread_join(p->thread, NULL);
    if (p->cache)
        rp_parcache_adopt(into, p->main_ctx, p->cache, p->ctx);
    rp_parcache_free(p->cache);
    rp_context_free(p->ctx);
    free(p->skeleton);
    free(p);
}
