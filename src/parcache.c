/* parcache.c - paragraphs measured once for all the passes of a document.
 *
 * Page-refs make the typesetter lay a document out two or three times
 * (typeset.c), yet only the paragraphs that hold a page-ref can come out
 * differently in a later pass.  Every other paragraph is shaped, broken
 * and justified once: the cache keeps what placing its lines needs (their
 * extents: a few words a line) and a copy of its links.  The finished
 * PangoLayout, which drawing needs and which weighs a hundred times more,
 * is kept too while the layouts kept stay under a budget (a book's front
 * matter; a job description or a guide is laid out and drawn in one pass
 * without this cache's passes, typeset.c).  For
 * the rest the cache keeps the composed paragraph without its lines, to
 * be shaped again when its page is drawn (and freed once drawn).  Most
 * paragraphs the composer breaks are never shaped composed while being
 * measured: it predicts their lines' heights from the unbroken line
 * (rp_compose), and drawing checks the prediction.
 * Diagrams are measured once as well: the passes after the first take
 * their height and scale from here, and only drawing builds them again.
 * A paragraph is known by its layout element: the layout tree is the same
 * in every pass, and so are the style and measure it gets (the measure,
 * language, hyphenation and direction are checked anyway).  A cache lives
 * for one document only: elements of a freed tree may come back at the
 * same address.
 */
#include "typeset.h"
#include "chunks.h"
#include "spool.h"

#include <stdlib.h>
#include <string.h>

/* Layouts of up to this many bytes of text in all are kept for drawing;
 * a PangoLayout takes about a hundred bytes per byte of text.  A larger
 * budget saves little time for much memory: 256 KiB saved 1.6 % of the
 * 30-role book's instructions and cost 15 MiB of the 300-role book's
 * peak RSS. */
#define RP_PARCACHE_TEXT_BUDGET (32 * 1024)

/* A paragraph with page-refs as a measuring pass laid it out.  The pass
 * may free its tree (chunks.c), so it is kept packed, in the cache's
 * spool: a book's contents and index lines are most of its page-refs,
 * 35 MB of packed paragraphs at 3000 roles. */
typedef struct {
    const void *node; /* its rp_node_key */
    size_t packed_at, packed_len; /* the paragraph element (rp_node_pack) in the spool */
    char *ids;      /* the ids its page-refs name, each ended by U+001F */
    const rp_style *st;
    rp_unit width;
    int hyphenate;
    char *lang;
    PangoContext *pc;
    rp_para_lines lines;
    rp_links links;
    char *printed;  /* what its page-refs printed, one after another */
} with_refs;

struct rp_parcache {
    GHashTable *by_node;    /* rp_node_key -> entry */
    GHashTable *by_content; /* content_key() -> entry */
    int drawing;            /* the drawing pass has begun */
    size_t kept_text;    /* bytes of text of the layouts kept */
    with_refs *refs;     /* the last measuring pass's paragraphs with page-refs */
    size_t nrefs, caprefs;
    with_refs *prev;     /* the pass's before, for the next pass to reuse */
    size_t nprev;
    GHashTable *prev_by_node; /* rp_node_key -> one of prev */
    GHashTable *figures; /* rp_node_key -> figure */
    GHashTable *fonts;   /* the held paragraphs' font descriptions, one of each */
    rp_spool packed;     /* with_refs' elements, opened for the first */
    int packed_open;
    int shadow;          /* measuring ahead of another pass (rp_parcache_shadow) */
    GHashTable *owed;    /* rp_node_key -> rp_compose_stats a shadow measured, for
                            the line statistics when the pass reaches it */
    size_t from;         /* the first piece measured ahead */
    rp_premeasure *await; /* measuring ahead, or NULL */
    size_t taken;        /* paragraphs a pass took from one ahead of it */
};

/* A figure's size as a measuring pass built it. */
typedef struct {
    rp_unit width, max_height; /* what it was built for */
    rp_unit height;
    double scale;
} figure;

typedef struct {
    rp_unit width;
    int hyphenate;
    char *lang;
    PangoContext *pc;
    PangoLayout *layout; /* laid out, or NULL: held, or drawn */
    rp_held *held;       /* composed, to be laid out again when drawn */
    size_t text_len;     /* of a laid-out one, counted in the budget */
    int predicted;       /* lines holds predicted heights; layout unshaped */
    rp_para_lines lines;
    rp_links links;
    rp_compose_stats stats; /* what composing it added to the context's */
    int refs;            /* paragraphs with this content and the content index
                            share one entry */
} entry;

static void links_copy(rp_links *to, const rp_links *from)
{
    to->n = to->cap = from->n;
    to->v = from->n ? rp_xmalloc(from->n * sizeof *to->v) : NULL;
    for (size_t i = 0; i < from->n; i++) {
        to->v[i] = from->v[i];
        to->v[i].href = from->v[i].href ? rp_xstrdup(from->v[i].href) : NULL;
        to->v[i].lang = from->v[i].lang ? rp_xstrdup(from->v[i].lang) : NULL;
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
    for (size_t k = 0; k < l->n; k++) {
        free(l->v[k].href);
        free(l->v[k].lang);
    }
    free(l->v);
    free(l->leaders);
    free(l->ratios);
    memset(l, 0, sizeof *l);
}

static entry *entry_ref(entry *e)
{
    e->refs++;
    return e;
}

static void entry_unref(gpointer p)
{
    entry *e = p;
    if (--e->refs > 0)
        return;
    if (e->layout)
        g_object_unref(e->layout);
    rp_held_free(e->held);
    free(e->lines.v);
    rp_links_clear(&e->links);
    free(e->lang);
    free(e);
}

static guint key_hash(gconstpointer key);
static gboolean key_equal(gconstpointer a, gconstpointer b);

rp_parcache *rp_parcache_new(void)
{
    rp_parcache *c = rp_xcalloc(1, sizeof *c);
    c->by_node = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, entry_unref);
    c->by_content = g_hash_table_new_full(key_hash, key_equal, free, entry_unref);
    c->figures = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, free);
    c->fonts = g_hash_table_new_full((GHashFunc)pango_font_description_hash,
                                     (GEqualFunc)pango_font_description_equal,
                                     (GDestroyNotify)pango_font_description_free, NULL);
    return c;
}

static void with_refs_clear(with_refs *w)
{
    free(w->ids);
    free(w->lang);
    free(w->lines.v);
    rp_links_clear(&w->links);
    free(w->printed);
}

static void forget_prev(rp_parcache *c)
{
    for (size_t i = 0; i < c->nprev; i++)
        with_refs_clear(&c->prev[i]);
    free(c->prev);
    c->prev = NULL;
    c->nprev = 0;
    if (c->prev_by_node)
        g_hash_table_remove_all(c->prev_by_node);
}

static void forget_refs(rp_parcache *c)
{
    for (size_t i = 0; i < c->nrefs; i++)
        with_refs_clear(&c->refs[i]);
    c->nrefs = 0;
    forget_prev(c);
}

/* The pass's paragraphs with page-refs kept for the next pass, which
 * takes the lines of those that print what they printed. */
static void keep_for_next(rp_parcache *c)
{
    forget_prev(c);
    c->prev = c->refs;
    c->nprev = c->nrefs;
    c->refs = NULL;
    c->nrefs = c->caprefs = 0;
    if (!c->prev_by_node)
        c->prev_by_node = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (size_t i = 0; i < c->nprev; i++)
        g_hash_table_insert(c->prev_by_node, (gpointer)c->prev[i].node, &c->prev[i]);
}

void rp_parcache_free(rp_parcache *c)
{
    if (!c)
        return;
    rp_parcache_settle(c);
    if (c->owed)
        g_hash_table_unref(c->owed);
    g_hash_table_unref(c->by_node);
    g_hash_table_unref(c->by_content);
    g_hash_table_unref(c->figures);
    forget_refs(c);
    g_hash_table_unref(c->fonts); /* after the entries that point into it */
    if (c->packed_open)
        rp_spool_close(&c->packed);
    if (c->prev_by_node)
        g_hash_table_unref(c->prev_by_node);
    free(c->refs);
    free(c);
}

/* Whether a line ends in a word the composer broke (U+2010 before the
 * line separator). */
static int ends_with_hyphen(const char *text, const PangoLayoutLine *line)
{
    int end = line->start_index + line->length;
    while (end >= 3 && strncmp(text + end - 3, "\xE2\x80\xA8", 3) == 0)
        end -= 3;
    return end >= 3 && strncmp(text + end - 3, "\xE2\x80\x90", 3) == 0;
}

void rp_para_lines_measure(PangoLayout *l, rp_para_lines *out)
{
    rp_compose_finish(l);
    const char *text = pango_layout_get_text(l);
    out->n = (size_t)pango_layout_get_line_count(l);
    out->v = rp_xcalloc(out->n ? out->n : 1, sizeof *out->v);
    PangoLayoutIter *iter = pango_layout_get_iter(l);
    size_t i = 0;
    do {
        PangoRectangle logical, ext;
        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(iter);
        pango_layout_iter_get_line_extents(iter, NULL, &logical);
        pango_layout_line_get_extents(line, NULL, &ext);
        if (i < out->n)
            out->v[i++] = (rp_line_box){.x = logical.x, .width = rp_compose_line_width(line),
                                        .top = ext.y,
                                        .bottom = ext.y + ext.height,
                                        .hyphenated = ends_with_hyphen(text, line)};
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
    out->n = i;
}

static void lines_copy(rp_para_lines *to, const rp_para_lines *from)
{
    to->n = from->n;
    to->v = rp_xmalloc((from->n ? from->n : 1) * sizeof *to->v);
    memcpy(to->v, from->v, from->n * sizeof *to->v);
}

void rp_para_clear(rp_para *p)
{
    if (p->layout)
        g_object_unref(p->layout);
    free(p->lines.v);
    memset(p, 0, sizeof *p);
}

static int same_lang(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Whether two layouts of a paragraph take the same room on the page: the
 * paginator sees only the lines' count and heights. */
static int same_height(const rp_para_lines *a, const rp_para_lines *b)
{
    if (a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++)
        if (a->v[i].top != b->v[i].top || a->v[i].bottom != b->v[i].bottom)
            return 0;
    return 1;
}

/* Lays the paragraph out.  To be drawn it is shaped and its lines
 * measured; to be measured only, a paragraph the composer broke gets the
 * heights it predicts and stays unshaped (see rp_compose). */
static void fresh(rp_para_env *env, const rp_style *st, xmlNodePtr node, rp_unit width,
                  rp_links *links, int draw, rp_para *out)
{
    int refs_before = env->page_refs;
    out->layout = rp_para_layout(env, st, node, width, links, draw ? NULL : &out->lines);
    out->predicted = out->lines.n > 0;
    /* A paragraph with page-refs is laid out afresh when drawn, with no
     * prediction to check: it is measured as it will be drawn. */
    if (out->predicted && env->page_refs != refs_before) {
        free(out->lines.v);
        out->lines = (rp_para_lines){0};
        out->predicted = 0;
    }
    if (!out->predicted)
        rp_para_lines_measure(out->layout, &out->lines);
}

/* A predicted paragraph about to be drawn: its lines measured now that
 * it is shaped (the drawing needs their x, width and hyphens), checked
 * against the heights the pages were cut with. */
static void measure_predicted(rp_para *p)
{
    rp_para_lines drawn;
    rp_para_lines_measure(p->layout, &drawn);
    p->mispredicted = !same_height(&drawn, &p->lines);
    free(p->lines.v);
    p->lines = drawn;
    p->predicted = 0;
}

/* ------------------------------------------------------------ copies */

/* A book repeats much of its text: table headings, level names, rating
 * cells, the same skill in many roles.  Paragraphs with the same content,
 * style, measure, language, hyphenation and direction are laid out once:
 * every later one gets the first one's lines and links, and shares its
 * layout, which is shaped when the first of them is drawn and drawn as
 * often as it occurs. */

/* Content keys are digests: a book's keys spelled out would hold its
 * text once more for the whole of the measuring passes (21 MB at 3000
 * roles).  SHA-256, so that no blueprint can be written to make two
 * different paragraphs share one layout. */
#define KEY_LEN 32

static void key_put(GChecksum *k, const char *s)
{
    g_checksum_update(k, (const guchar *)s, (gssize)strlen(s) + 1); /* its NUL ends it */
}

static void key_nodes(GChecksum *k, xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE) {
            key_put(k, "<");
            key_put(k, (const char *)n->name);
            for (xmlAttrPtr a = n->properties; a; a = a->next) {
                xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
                key_put(k, (const char *)a->name);
                key_put(k, v ? (const char *)v : "");
                xmlFree(v);
            }
            key_put(k, ">");
            key_nodes(k, n->children);
            key_put(k, "/");
        } else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE ||
                   n->type == XML_ENTITY_REF_NODE) {
            xmlChar *v = xmlNodeGetContent(n);
            key_put(k, "#");
            key_put(k, v ? (const char *)v : "");
            xmlFree(v);
        }
    }
}

/* What makes two paragraphs lay out alike: a new KEY_LEN-byte digest. */
static char *content_key(const rp_para_env *env, const rp_style *st, xmlNodePtr node,
                         rp_unit width)
{
    GChecksum *k = g_checksum_new(G_CHECKSUM_SHA256);
    char head[96]; /* four numbers: no allocation for every paragraph measured */
    snprintf(head, sizeof head, "%p %ld %d %p", (const void *)st, (long)width, env->hyphenate,
             (const void *)env->pc);
    key_put(k, head);
    key_put(k, env->lang ? env->lang : "\x01");
    /* the element's own language and direction decide its bidi isolate */
    xmlChar *own = xmlGetNsProp(node, BAD_CAST "lang", XML_XML_NAMESPACE);
    xmlChar *dir = xmlGetProp(node, BAD_CAST "dir");
    key_put(k, own ? (const char *)own : "\x01");
    key_put(k, dir ? (const char *)dir : "\x01");
    xmlFree(own);
    xmlFree(dir);
    key_nodes(k, node->children);
    guint8 *key = rp_xmalloc(KEY_LEN);
    gsize len = KEY_LEN;
    g_checksum_get_digest(k, key, &len);
    g_checksum_free(k);
    return (char *)key;
}

static guint key_hash(gconstpointer key)
{
    guint h;
    memcpy(&h, key, sizeof h); /* a digest's bytes are hash enough */
    return h;
}

static gboolean key_equal(gconstpointer a, gconstpointer b)
{
    return memcmp(a, b, KEY_LEN) == 0;
}

static void stats_add(rp_context *ctx, const rp_compose_stats *s)
{
    if (!ctx)
        return;
    ctx->stats.lines += s->lines;
    ctx->stats.sum_r2 += s->sum_r2;
    ctx->stats.hyphens += s->hyphens;
}

/* node's entry for another measure, about to be replaced: its layout no
 * longer counts in the budget (but while other paragraphs share it). */
static void unbudget(rp_parcache *c, xmlNodePtr node)
{
    entry *old = g_hash_table_lookup(c->by_node, rp_node_key(node));
    if (old && old->refs == 1) {
        c->kept_text -= old->text_len;
        old->text_len = 0;
    }
}

/* Files e as node's entry, in place of one for another measure. */
static void set_entry(rp_parcache *c, xmlNodePtr node, entry *e)
{
    unbudget(c, node);
    g_hash_table_replace(c->by_node, (gpointer)rp_node_key(node), e);
}

/* A shadow notes what measuring node added to the line statistics. */
static void owe(rp_parcache *c, xmlNodePtr node, const rp_compose_stats *stats)
{
    if (!c->shadow)
        return;
    rp_compose_stats *s = rp_xmalloc(sizeof *s);
    *s = *stats;
    g_hash_table_replace(c->owed, (gpointer)rp_node_key(node), s);
}

/* The real pass at a paragraph a shadow measured: its statistics are
 * added now, in the order a pass on one core adds them. */
static void pay(rp_parcache *c, rp_context *ctx, xmlNodePtr node)
{
    if (!c->owed || c->shadow)
        return;
    const rp_compose_stats *s = g_hash_table_lookup(c->owed, rp_node_key(node));
    if (s) {
        stats_add(ctx, s);
        g_hash_table_remove(c->owed, rp_node_key(node));
        c->taken++;
    }
}

/* What a measuring pass gets of an entry: copies of its lines (heights
 * only when predicted) and links. */
static void measured(const entry *e, rp_links *links, rp_para *out)
{
    links_copy(links, &e->links);
    lines_copy(&out->lines, &e->lines);
    out->predicted = e->predicted;
}

/* What a paragraph like first gets of it: its lines and links, and its
 * share of the line statistics. */
static void copy_of(const entry *first, rp_para_env *env, rp_links *links, rp_para *out)
{
    measured(first, links, out);
    stats_add(env->ctx, &first->stats);
}

/* A paragraph like one laid out before: measured as that one was, and
 * filed under the same entry. */
static int measure_copy(rp_parcache *c, rp_para_env *env, xmlNodePtr node, const char *key,
                        rp_links *links, rp_para *out)
{
    entry *first = g_hash_table_lookup(c->by_content, key);
    if (!first)
        return 0;
    set_entry(c, node, entry_ref(first));
    copy_of(first, env, links, out);
    owe(c, node, &first->stats);
    return 1;
}

/* A paragraph like one drawn before, with no entry of its own (a document
 * laid out and drawn in one pass): drawn with that one's layout. */
static int draw_copy(rp_parcache *c, rp_para_env *env, const char *key, rp_links *links,
                     rp_para *out)
{
    const entry *first = g_hash_table_lookup(c->by_content, key);
    if (!first || !first->layout)
        return 0;
    copy_of(first, env, links, out);
    out->layout = g_object_ref(first->layout);
    rp_compose_finish(out->layout);
    return 1;
}

/* A paragraph just laid out and drawn, for the copies of it to come. */
static void remember_drawn(rp_parcache *c, const rp_compose_stats *stats, char *key,
                           const rp_links *links, const rp_para *p)
{
    entry *e = rp_xmalloc(sizeof *e);
    *e = (entry){.layout = g_object_ref(p->layout), .stats = *stats, .refs = 1};
    lines_copy(&e->lines, &p->lines);
    links_copy(&e->links, links);
    g_hash_table_replace(c->by_content, key, e);
}

/* The entry for node laid out as env asks, or NULL. */
static entry *lookup(const rp_parcache *c, const rp_para_env *env, xmlNodePtr node,
                     rp_unit width)
{
    entry *e = c ? g_hash_table_lookup(c->by_node, rp_node_key(node)) : NULL;
    /* The context carries the direction (flow.c keeps one per direction). */
    if (e && e->width == width && e->hyphenate == env->hyphenate &&
        same_lang(e->lang, env->lang) && e->pc == env->pc)
        return e;
    return NULL;
}

/* The ids the page-refs under node name, each ended by U+001F (U+0001
 * for a page-ref that names none). */
static void ref_ids(rp_buf *b, xmlNodePtr node)
{
    for (xmlNodePtr c = node->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(c->name, BAD_CAST "page-ref")) {
            xmlChar *id = xmlGetProp(c, BAD_CAST "ref");
            rp_buf_puts(b, id ? (const char *)id : "\x01");
            rp_buf_puts(b, "\x1f");
            xmlFree(id);
        } else {
            ref_ids(b, c);
        }
    }
}

/* What page-refs to ids print with refs (guess for one it has no page
 * for, when not NULL), one after another, each ended by U+001F; *unknown
 * counts those refs has no page for. */
static char *printed(const char *ids, const rp_pagemap *refs, const char *guess, int *unknown)
{
    rp_buf b = {0};
    for (const char *id = ids, *end; *id; id = end + 1) {
        end = strchr(id, '\x1f');
        char *one = g_strndup(id, (gsize)(end - id));
        const char *label = rp_page_ref_label(refs, strcmp(one, "\x01") ? one : NULL);
        int none = label == rp_page_ref_label(NULL, NULL);
        *unknown += none;
        rp_buf_puts(&b, none && guess ? guess : label);
        rp_buf_puts(&b, "\x1f");
        g_free(one);
    }
    return b.s ? b.s : rp_xstrdup("");
}

/* Puts w's element into the spool.  Should that fail, w's packed_len is
 * 0, and the check takes the paragraph as changed (a pass more, the same
 * pages). */
static void put_packed(rp_parcache *c, with_refs *w, xmlNodePtr node)
{
    if (!c->packed_open) {
        rp_spool_open(&c->packed); /* a failure is kept in the spool: writes do nothing */
        c->packed_open = 1;
    }
    size_t len;
    char *bytes = rp_node_pack(node, &len);
    w->packed_at = c->packed.len;
    if (rp_spool_write(&c->packed, bytes, len) == 0)
        w->packed_len = len;
    free(bytes);
}

/* w's element as put_packed put it, in a new document, or NULL. */
static xmlDocPtr get_packed(rp_parcache *c, const with_refs *w)
{
    if (!w->packed_len)
        return NULL;
    char *bytes = rp_xmalloc(w->packed_len);
    xmlDocPtr doc = rp_spool_read(&c->packed, w->packed_at, bytes, w->packed_len) == 0
                        ? rp_node_unpack(bytes, w->packed_len)
                        : NULL;
    free(bytes);
    return doc;
}

/* A paragraph with page-refs, for rp_parcache_refs_stable. */
static void remember_with_refs(rp_parcache *c, const rp_para_env *env, const rp_style *st,
                               xmlNodePtr node, rp_unit width, const rp_para_lines *lines,
                               const rp_links *links)
{
    rp_buf ids = {0};
    ref_ids(&ids, node);
    with_refs *w = RP_PUSH(c->refs, c->nrefs, c->caprefs);
    *w = (with_refs){.node = rp_node_key(node), .ids = ids.s ? ids.s : rp_xstrdup(""),
                     .st = st, .width = width,
                     .hyphenate = env->hyphenate,
                     .lang = env->lang ? rp_xstrdup(env->lang) : NULL, .pc = env->pc};
    put_packed(c, w, node);
    w->printed = printed(w->ids, env->refs, env->guess, &(int){0});
    lines_copy(&w->lines, lines);
    links_copy(&w->links, links);
}

/* A paragraph with page-refs the pass before laid out, that prints what
 * it printed there: its lines and links taken, as it would take the same
 * ones laid out again, and kept for the check after this pass. */
static int reuse_with_refs(rp_parcache *c, rp_para_env *env, const rp_style *st,
                           xmlNodePtr node, rp_unit width, rp_links *links, rp_para *out)
{
    with_refs *w = c->prev_by_node ? g_hash_table_lookup(c->prev_by_node, rp_node_key(node))
                                   : NULL;
    if (!w || w->st != st || w->width != width || w->hyphenate != env->hyphenate ||
        !same_lang(w->lang, env->lang) || w->pc != env->pc)
        return 0;
    int unknown = 0;
    char *now = printed(w->ids, env->refs, env->guess, &unknown);
    int same = strcmp(now, w->printed) == 0;
    free(now);
    if (!same)
        return 0;
    for (const char *id = w->ids; *id; id = strchr(id, '\x1f') + 1)
        env->page_refs++;
    env->unresolved += unknown;
    lines_copy(&out->lines, &w->lines);
    links_copy(links, &w->links);
    g_hash_table_remove(c->prev_by_node, w->node);
    *RP_PUSH(c->refs, c->nrefs, c->caprefs) = *w; /* this pass's now */
    memset(w, 0, sizeof *w);
    return 1;
}

/* Whether w takes the room it took with the numbers next. */
static int same_room(rp_parcache *c, const with_refs *w, rp_context *ctx, rp_styles *styles,
                     const rp_pagemap *next)
{
    xmlDocPtr doc = get_packed(c, w);
    if (!doc)
        return 0;
    rp_para_env env = {.pc = w->pc, .ctx = ctx, .styles = styles, .lang = w->lang,
                       .hyphenate = w->hyphenate, .refs = next};
    rp_links links = {0};
    rp_para p;
    rp_compose_stats before = ctx->stats; /* a trial, not the document */
    fresh(&env, w->st, xmlDocGetRootElement(doc), w->width, &links, 0, &p);
    ctx->stats = before;
    int same = !env.unresolved && same_height(&p.lines, &w->lines);
    rp_para_clear(&p);
    rp_links_clear(&links);
    xmlFreeDoc(doc);
    return same;
}

/* l's font description as the cache keeps it for held paragraphs. */
static const PangoFontDescription *held_font(rp_parcache *c, PangoLayout *l)
{
    const PangoFontDescription *f = pango_layout_get_font_description(l);
    if (!f)
        return NULL;
    PangoFontDescription *kept = g_hash_table_lookup(c->fonts, f);
    if (!kept) {
        kept = pango_font_description_copy(f);
        g_hash_table_add(c->fonts, kept);
    }
    return kept;
}

/* Keeps p's lines, links and layout (which it takes) for later passes,
 * and for paragraphs with the same key. */
static void keep(rp_parcache *c, const rp_para_env *env, xmlNodePtr node, rp_unit width,
                 const rp_links *links, const rp_compose_stats *stats, char *key, rp_para *p)
{
    unbudget(c, node);
    entry *e = rp_xmalloc(sizeof *e);
    *e = (entry){.width = width, .hyphenate = env->hyphenate,
                 .lang = env->lang ? rp_xstrdup(env->lang) : NULL, .pc = env->pc,
                 .predicted = p->predicted, .refs = 1};
    lines_copy(&e->lines, &p->lines);
    links_copy(&e->links, links);
    size_t len = strlen(pango_layout_get_text(p->layout));
    if (!p->predicted && !c->shadow && c->kept_text + len <= RP_PARCACHE_TEXT_BUDGET) {
        e->layout = p->layout;
        e->text_len = len;
        c->kept_text += len;
    } else {
        /* Composed but not shaped yet, or over the budget: the composed
         * text (breaks, hyphens, spacing in place) and its attributes,
         * held until drawn.  Drawing shapes it once, with no hyphenation
         * or line breaking to do again (outside the budget: once the
         * first of its copies is drawn it is shaped, and stays so until
         * the last copy is drawn). */
        e->held = rp_compose_hold(p->layout, held_font(c, p->layout));
    }
    p->layout = NULL;
    e->stats = *stats;
    owe(c, node, stats);
    set_entry(c, node, e);
    if (key)
        g_hash_table_replace(c->by_content, key, entry_ref(e));
}

/* fresh, with what composing the paragraph adds to the line statistics
 * in *added, summed from nothing and not yet added to the context's: a
 * paragraph's sum is the same bits wherever it is measured (the first
 * pass measures half a book on another thread, premeasure.c), and a
 * document's is its paragraphs' added in their order. */
static void fresh_apart(rp_para_env *env, const rp_style *st, xmlNodePtr node, rp_unit width,
                        rp_links *links, int draw, rp_para *out, rp_compose_stats *added)
{
    rp_context *ctx = env->ctx;
    rp_compose_stats before = ctx ? ctx->stats : (rp_compose_stats){0};
    if (ctx)
        ctx->stats = (rp_compose_stats){0};
    fresh(env, st, node, width, links, draw, out);
    *added = ctx ? ctx->stats : (rp_compose_stats){0};
    if (ctx)
        ctx->stats = before;
}

void rp_para_get(rp_parcache *c, rp_para_env *env, const rp_style *st, xmlNodePtr node,
                 rp_unit width, rp_links *links, int draw, rp_para *out)
{
    memset(out, 0, sizeof *out);
    entry *e = lookup(c, env, node, width);
    if (e && !draw) {
        measured(e, links, out);
        pay(c, env->ctx, node);
        return;
    }
    /* The measuring passes' copies share layouts only until drawing
     * starts: a layout then lives as long as a paragraph still to be
     * drawn holds it. */
    if (c && draw && !c->drawing) {
        c->drawing = 1;
        g_hash_table_remove_all(c->by_content);
        forget_refs(c); /* kept for a measuring pass, and none comes */
    }
    if (e && e->held) {
        e->layout = rp_compose_unhold(e->held, e->pc);
        e->held = NULL;
    }
    if (e && e->layout) {
        /* Each paragraph is drawn once, in the last pass: the entry goes,
         * and what it held goes to the drawing (a copy of it while other
         * paragraphs share it). */
        if (e->refs > 1) {
            measured(e, links, out);
            out->layout = g_object_ref(e->layout);
        } else {
            *links = e->links;
            out->lines = e->lines;
            out->layout = e->layout;
            out->predicted = e->predicted;
            c->kept_text -= e->text_len;
            memset(&e->links, 0, sizeof e->links);
            e->lines = (rp_para_lines){0};
            e->layout = NULL;
        }
        g_hash_table_remove(c->by_node, rp_node_key(node));
        if (out->predicted)
            measure_predicted(out);
        else /* its lines measured on another layout (a copy over the budget) */
            rp_compose_finish(out->layout);
        return;
    }
    if (c && !draw && reuse_with_refs(c, env, st, node, width, links, out))
        return;
    /* measured ahead for another measure: the statistics are this one's */
    if (c && c->owed && !c->shadow)
        g_hash_table_remove(c->owed, rp_node_key(node));
    char *key = c ? content_key(env, st, node, width) : NULL;
    if (key && (draw ? draw_copy(c, env, key, links, out)
                     : measure_copy(c, env, node, key, links, out))) {
        free(key);
        return;
    }
    int refs_before = env->page_refs;
    rp_compose_stats added;
    fresh_apart(env, st, node, width, links, draw, out, &added);
    /* A paragraph with page-refs is counted in the line statistics only
     * when drawn: their numbers may change in the next pass, and it is
     * composed again in every pass. */
    int refs = env->page_refs != refs_before;
    if (draw || !refs)
        stats_add(env->ctx, &added);
    if (draw) {
        if (key && !refs)
            remember_drawn(c, &added, key, links, out);
        else
            free(key);
        return;
    }
    if (c && !refs) {
        keep(c, env, node, width, links, &added, key, out);
        return;
    }
    free(key);
    if (c && refs && !c->shadow)
        remember_with_refs(c, env, st, node, width, &out->lines, links);
    g_object_unref(out->layout);
    out->layout = NULL;
}

int rp_parcache_refs_stable(rp_parcache *c, rp_context *ctx, rp_styles *styles,
                            const rp_pagemap *next)
{
    /* A paragraph whose page-refs print what they printed takes the room
     * it took.  The others are laid out again, in two rounds: first those
     * whose numbers are now longer or shorter, the ones likely to wrap
     * otherwise (in a book one of them nearly always does, and the answer
     * is known at once), then those whose numbers changed length-for-length. */
    size_t n = c->nrefs;
    int *round = rp_xcalloc(n ? n : 1, sizeof *round); /* 0 same, 1 longer or shorter, 2 */
    for (size_t i = 0; i < n; i++) {
        int unknown = 0;
        char *now = printed(c->refs[i].ids, next, NULL, &unknown);
        /* (a page-ref to an id next lacks is never settled) */
        if (unknown || g_utf8_strlen(now, -1) != g_utf8_strlen(c->refs[i].printed, -1))
            round[i] = 1;
        else if (strcmp(now, c->refs[i].printed) != 0)
            round[i] = 2;
        free(now);
    }
    int stable = 1;
    for (int r = 1; r <= 2 && stable; r++)
        for (size_t i = 0; i < n && stable; i++)
            if (round[i] == r)
                stable = same_room(c, &c->refs[i], ctx, styles, next);
    free(round);
    keep_for_next(c);
    return stable;
}

/* ------------------------------------------------------------ figures */

int rp_parcache_figure(rp_parcache *c, xmlNodePtr node, rp_unit width, rp_unit max_height,
                       rp_item *it)
{
    const figure *fg = c ? g_hash_table_lookup(c->figures, rp_node_key(node)) : NULL;
    if (!fg || fg->width != width || fg->max_height != max_height)
        return 0;
    it->height = fg->height;
    it->scale = fg->scale;
    return 1;
}

void rp_parcache_figure_put(rp_parcache *c, xmlNodePtr node, rp_unit width,
                            rp_unit max_height, const rp_item *it)
{
    if (!c)
        return;
    figure *fg = rp_xmalloc(sizeof *fg);
    *fg = (figure){.width = width, .max_height = max_height, .height = it->height,
                   .scale = it->scale};
    g_hash_table_replace(c->figures, (gpointer)rp_node_key(node), fg);
}

/* ------------------------------------------------------------ ahead */

void rp_parcache_shadow(rp_parcache *c, size_t from)
{
    c->shadow = 1;
    c->from = from;
    c->owed = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, free);
}

/* Whether key is a layout piece's element's (rp_node_key: odd), which
 * both layouts give the same key; any other is an address. */
static int shared_key(gconstpointer key)
{
    return ((uintptr_t)key & 1) != 0;
}

typedef struct {
    rp_parcache *c;
    rp_context *ctx;
    const rp_context *from_ctx;
} home;

/* Entry e made with from_ctx's Pango contexts, now for ctx's, its font
 * description c's: 0 when it cannot move (a layout, built in from_ctx). */
static int rehome(gpointer v, void *arg)
{
    entry *e = v;
    const home *h = arg;
    if (e->pc == h->from_ctx->pango)
        e->pc = h->ctx->pango;
    else if (e->pc == h->from_ctx->pango_rtl)
        e->pc = h->ctx->pango_rtl;
    else if (e->pc != h->ctx->pango && e->pc != h->ctx->pango_rtl) /* (moved already) */
        return 0;
    if (e->layout)
        return 0;
    const PangoFontDescription *f = e->held ? rp_held_font(e->held) : NULL;
    if (f) {
        PangoFontDescription *kept = g_hash_table_lookup(h->c->fonts, f);
        if (!kept) {
            kept = pango_font_description_copy(f);
            g_hash_table_add(h->c->fonts, kept);
        }
        rp_held_set_font(e->held, kept);
    }
    return 1;
}

/* Moves what from files under the keys both layouts share, for the
 * paragraphs c has no entry of its own for (and that take, when given,
 * agrees to), into to. */
static void move_shared(GHashTable *from, GHashTable *to, const rp_parcache *c,
                        int (*take)(gpointer, void *), void *arg)
{
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init(&it, from);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        if (!shared_key(k) || g_hash_table_contains(c->by_node, k) || (take && !take(v, arg)))
            continue;
        g_hash_table_iter_steal(&it);
        g_hash_table_replace(to, k, v);
    }
}

void rp_parcache_adopt(rp_parcache *c, rp_context *ctx, rp_parcache *from,
                       const rp_context *from_ctx)
{
    home h = {c, ctx, from_ctx};
    /* (a paragraph both measured keeps c's entry and statistics) */
    if (!c->owed)
        c->owed = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, free);
    move_shared(from->owed, c->owed, c, NULL, NULL);
    move_shared(from->figures, c->figures, c, NULL, NULL);
    move_shared(from->by_node, c->by_node, c, rehome, &h);
}

size_t rp_parcache_taken(const rp_parcache *c)
{
    return c->taken;
}

void rp_parcache_await(rp_parcache *c, size_t from, rp_premeasure *p)
{
    c->from = from;
    c->await = p;
}

int rp_parcache_reach(rp_parcache *c, long piece)
{
    if (!c || piece < 0)
        return 0;
    if (c->shadow)
        return (size_t)piece < c->from;
    if ((size_t)piece == c->from)
        rp_parcache_settle(c);
    return 0;
}

void rp_parcache_settle(rp_parcache *c)
{
    rp_premeasure *p = c ? c->await : NULL;
    if (!p)
        return;
    c->await = NULL;
    rp_premeasure_join(p, c);
}
