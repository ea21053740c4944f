/* parcache.c - paragraph layouts reused across the passes of a document.
 *
 * Page-refs make the typesetter lay a document out two or three times
 * (typeset.c), yet only the paragraphs that hold a page-ref can come out
 * differently in a later pass.  Every other paragraph is shaped, broken
 * and justified once; later passes take its finished PangoLayout and a
 * copy of its links.  A paragraph is known by its layout element: the
 * layout tree is the same in every pass, and so are the style and measure
 * it gets (the measure, language and hyphenation are checked anyway).
 * A cache lives for one document only: elements of a freed tree may come
 * back at the same address.
 */
#include "typeset.h"

#include <stdlib.h>
#include <string.h>

struct rp_parcache {
    GHashTable *by_node; /* xmlNodePtr -> entry */
};

typedef struct {
    rp_unit width;
    int hyphenate;
    char *lang;
    PangoLayout *layout;
    rp_links links;
} entry;

static void links_copy(rp_links *to, const rp_links *from)
{
    to->n = to->cap = from->n;
    to->v = from->n ? rp_xmalloc(from->n * sizeof *to->v) : NULL;
    for (size_t i = 0; i < from->n; i++) {
        to->v[i] = from->v[i];
        to->v[i].href = rp_xstrdup(from->v[i].href);
    }
    to->nleaders = to->capleaders = from->nleaders;
    to->leaders = from->nleaders ? rp_xmalloc(from->nleaders * sizeof *to->leaders) : NULL;
    if (from->nleaders)
        memcpy(to->leaders, from->leaders, from->nleaders * sizeof *to->leaders);
    to->nratios = from->nratios;
    to->ratios = from->nratios ? rp_xmalloc(from->nratios * sizeof *to->ratios) : NULL;
    if (from->nratios)
        memcpy(to->ratios, from->ratios, from->nratios * sizeof *to->ratios);
}

void rp_links_clear(rp_links *l)
{
    for (size_t k = 0; k < l->n; k++)
        free(l->v[k].href);
    free(l->v);
    free(l->leaders);
    free(l->ratios);
    memset(l, 0, sizeof *l);
}

static void entry_free(gpointer p)
{
    entry *e = p;
    g_object_unref(e->layout);
    rp_links_clear(&e->links);
    free(e->lang);
    free(e);
}

rp_parcache *rp_parcache_new(void)
{
    rp_parcache *c = rp_xmalloc(sizeof *c);
    c->by_node = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, entry_free);
    return c;
}

void rp_parcache_free(rp_parcache *c)
{
    if (!c)
        return;
    g_hash_table_unref(c->by_node);
    free(c);
}

static int same_lang(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

PangoLayout *rp_para_layout_cached(rp_parcache *c, rp_para_env *env, const rp_style *st,
                                   xmlNodePtr node, rp_unit width, rp_links *links)
{
    if (!c)
        return rp_para_layout(env, st, node, width, links);
    entry *e = g_hash_table_lookup(c->by_node, node);
    /* The context carries the direction (flow.c keeps one per direction). */
    if (e && e->width == width && e->hyphenate == env->hyphenate &&
        same_lang(e->lang, env->lang) && pango_layout_get_context(e->layout) == env->pc) {
        links_copy(links, &e->links);
        return g_object_ref(e->layout);
    }
    int refs_before = env->page_refs;
    PangoLayout *l = rp_para_layout(env, st, node, width, links);
    if (env->page_refs != refs_before)
        return l; /* its page numbers may change in the next pass */
    e = rp_xmalloc(sizeof *e);
    *e = (entry){.width = width, .hyphenate = env->hyphenate,
                 .lang = env->lang ? rp_xstrdup(env->lang) : NULL,
                 .layout = g_object_ref(l)};
    links_copy(&e->links, links);
    g_hash_table_replace(c->by_node, node, e);
    return l;
}
