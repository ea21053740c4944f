/* flow.c - layout XML to a vertical list of measured items.
 *
 * Input: a validated layout document.  Output: an rp_tdoc holding page
 * templates, styles and the items: one per line of text, one per table
 * row, each with the ops that draw it.  Break rules become flags on the
 * items (keep-with-next for headings, keep-together blocks, widows and
 * orphans, table headers to repeat), so the paginator needs nothing else.
 * The document owns everything it holds; ops hold references on layouts.
 */
#include "typeset.h"
#include "chunks.h"

#include <string.h>

typedef struct {
    rp_context *ctx;
    rp_tdoc *doc;
    rp_itemlist *out;      /* where items go: the document or a table cell */
    rp_styles *styles;
    const char *culprit;
    rp_diag *d;
    rp_unit pending_space; /* space after the previous block, collapsed */
    int break_next;        /* a page break before the next item */
    int tpl, section;
    rp_op *pending;        /* anchors and bookmarks for the next item */
    size_t npending, cappending;
    int depth;             /* section nesting, for bookmarks */
    int in_toc;            /* paragraphs are entries of a table of contents */
    rp_numbering numbering; /* for the next item */
    int rtl;               /* the current block is right to left */
    rp_para_env env;
    rp_parcache *cache;    /* paragraphs from an earlier pass */
    int draw;              /* lines carry their layouts, to be drawn */
    int consume;           /* blocks are freed once their items are made */
    rp_pager *pager;       /* takes the items as pages fill, or NULL */
    int open;              /* blocks open other than sections */
    size_t pager_errors;   /* errors the pager reported (its checks) */
    rp_chunks *chunks;     /* where the layout's finished blocks wait, or NULL */
    char guess[32];        /* the first pass's label for pages not cut yet */
    size_t guessed;        /* ... when this many pages were cut */
    char *loose_lang;      /* the language of text flowed with no element
                            * waiting to hold it (a table cell's, whose
                            * element the row makes), or NULL: tag_lang */
} flow;

/* The label a page-ref to a page not cut yet prints in the first pass:
 * the page being filled's (the target is most often near, so the number
 * is most often as wide as it will be, and the pages the pass cuts those
 * of the last). */
static void guess_label(flow *f)
{
    const rp_pager *p = f->pager;
    if (f->env.refs != p->anchors || (f->env.guess && f->guessed == p->pages.n))
        return;
    rp_numberer next = p->nb;
    char *label = rp_page_label_next(&next, &(rp_item){.numbering = RP_NUM_NONE});
    snprintf(f->guess, sizeof f->guess, "%s", label);
    free(label);
    f->guessed = p->pages.n;
    f->env.guess = f->guess;
}

/* Hands items to the pager; what it reports (defects of --check-layout, a
 * page limit it says itself) is not an error of the flow. */
static void feed(flow *f, size_t n, int final)
{
    size_t before = rp_diag_errors(f->d);
    rp_pager_feed(f->pager, f->doc, n, final);
    f->pager_errors += rp_diag_errors(f->d) - before;
    guess_label(f);
}

static int is(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static char *prop(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    if (!v)
        return NULL;
    char *s = rp_xstrdup((const char *)v);
    xmlFree(v);
    return s;
}

static int prop_yes(xmlNodePtr n, const char *name, int deflt)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    if (!v)
        return deflt;
    int yes = xmlStrEqual(v, BAD_CAST "yes");
    xmlFree(v);
    return yes;
}

/* --------------------------------------------------------- direction */

/* An element's direction: its dir attribute, else the one it inherits. */
static int element_rtl(xmlNodePtr n, int inherited)
{
    char *dir = prop(n, "dir");
    int rtl = dir ? strcmp(dir, "rtl") == 0 : inherited;
    free(dir);
    return rtl;
}

/* The direction travels with the Pango context the paragraphs are made
 * with, so that everything laid out inside the block follows it. */
static void set_direction(flow *f, int rtl)
{
    f->rtl = rtl;
    f->env.pc = rtl ? f->ctx->pango_rtl : f->ctx->pango;
}

/* The indent on the left of a block: its start indent, or in a
 * right-to-left block its end indent (the start is on the right). */
static rp_unit left_indent(const flow *f, const rp_style *st)
{
    return f->rtl ? st->end_indent : st->start_indent;
}

/* ------------------------------------------------------------- items */

rp_op *rp_item_op(rp_item *it, rp_op_kind kind)
{
    rp_op *op = RP_PUSH(it->ops, it->nops, it->capops);
    memset(op, 0, sizeof *op);
    op->kind = kind;
    return op;
}

static void op_release(rp_op *op)
{
    if (op->layout)
        g_object_unref(op->layout);
    if (op->links)
        rp_links_unref(op->links);
    free(op->text);
}

void rp_item_clear(rp_item *it)
{
    for (size_t k = 0; k < it->nops; k++)
        op_release(&it->ops[k]);
    free(it->ops);
    free(it->alt);
    it->ops = NULL;
    it->alt = NULL;
    it->nops = it->capops = 0;
}

void rp_items_clear(rp_itemlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        rp_item_clear(&l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

static rp_item *new_item(flow *f, rp_unit height, rp_unit space_before)
{
    rp_item *it = RP_PUSH(f->out->v, f->out->n, f->out->cap);
    memset(it, 0, sizeof *it);
    it->height = height;
    it->space_before = space_before;
    it->tpl = f->tpl;
    it->section = f->section;
    it->break_before = f->break_next;
    f->break_next = 0;
    it->numbering = f->numbering;
    f->numbering = RP_NUM_NONE;
    for (size_t i = 0; i < f->npending; i++)
        *RP_PUSH(it->ops, it->nops, it->capops) = f->pending[i];
    f->npending = 0;
    return it;
}

/* The text of an element with runs of white space made single spaces, as
 * a title in the outline should read. */
static char *collapse_space(xmlNodePtr n)
{
    xmlChar *v = xmlNodeGetContent(n);
    char *s = rp_collapse_space((const char *)v);
    xmlFree(v);
    return s;
}

static void pending_op(flow *f, rp_op_kind kind, const char *text, int level)
{
    rp_op *op = RP_PUSH(f->pending, f->npending, f->cappending);
    memset(op, 0, sizeof *op);
    op->kind = kind;
    op->text = text ? rp_xstrdup(text) : NULL;
    op->level = level;
}

static void anchor(flow *f, xmlNodePtr n)
{
    char *id = prop(n, "id");
    if (!id)
        return;
    pending_op(f, RP_OP_DEST, id, 0);
    g_hash_table_add(f->doc->anchors, id);
}

/* Inserts ops[0..n) into item it before op `at`. */
static void insert_ops(rp_item *it, size_t at, const rp_op *ops, size_t n)
{
    for (size_t i = 0; i < n; i++)
        rp_item_op(it, RP_OP_END);
    memmove(&it->ops[at + n], &it->ops[at], (it->nops - n - at) * sizeof *it->ops);
    memcpy(&it->ops[at], ops, n * sizeof *ops);
}

static int is_decoration(const rp_op *op)
{
    return op->kind == RP_OP_RULE || op->kind == RP_OP_RECT;
}

/* Ends element s in item it, before the rules and rectangles drawn last
 * (a heading's rule, the last row's grid): they are artifacts, drawn in
 * the parent alike, and an element that holds nothing else but text can
 * then take its content itself (tagging.c).  An element that holds
 * nothing but them keeps them. */
static void end_before_decoration(rp_item *it, rp_struct s)
{
    size_t at = it->nops;
    while (at > 0 && is_decoration(&it->ops[at - 1]))
        at--;
    if (at > 0 && it->ops[at - 1].kind == RP_OP_BEGIN && it->ops[at - 1].level == (int)s)
        at = it->nops;
    rp_op end = {.kind = RP_OP_END, .level = (int)s};
    insert_ops(it, at, &end, 1);
}

/* Structure: a BEGIN waits with the anchors for the block's first item;
 * an END goes into the last item drawn since (before the rules it draws
 * last, see end_before_decoration), or cancels its BEGIN when nothing was
 * drawn (an empty element is left out of the tree). */
static void tag_begin(flow *f, rp_struct s)
{
    pending_op(f, RP_OP_BEGIN, NULL, (int)s);
}

static void tag_end(flow *f, rp_struct s)
{
    for (size_t i = f->npending; i-- > 0;) {
        rp_op *op = &f->pending[i];
        if (op->kind == RP_OP_BEGIN && op->level == (int)s) {
            free(op->text);
            memmove(op, op + 1, (f->npending - i - 1) * sizeof *op);
            f->npending--;
            return;
        }
    }
    if (f->out->n)
        end_before_decoration(&f->out->v[f->out->n - 1], s);
}

/* Space before a block: the larger of its own and the previous block's
 * space after, as margins collapse in CSS. */
static rp_unit take_space(flow *f, const rp_style *st)
{
    rp_unit s = st->space_before > f->pending_space ? st->space_before : f->pending_space;
    f->pending_space = 0;
    return s;
}

static void keep_range(flow *f, size_t first, size_t end)
{
    for (size_t i = first; i + 1 < end; i++)
        f->out->v[i].keep_with_next = 1;
}

/* s ("file:line", or anything a stylesheet wrote) as a file the document
 * keeps once and a line: a book's blocks come from tens of thousands of
 * lines of a few hundred files.  Takes s. */
static rp_src intern_src(flow *f, char *s)
{
    unsigned line = 0;
    char *colon = strrchr(s, ':');
    if (colon && colon > s && colon[1] && strspn(colon + 1, "0123456789") == strlen(colon + 1) &&
        strlen(colon + 1) < 10) {
        line = (unsigned)strtoul(colon + 1, NULL, 10);
        *colon = '\0';
    }
    char *kept = g_hash_table_lookup(f->doc->src_files, s);
    if (kept) {
        free(s);
    } else {
        kept = s;
        g_hash_table_add(f->doc->src_files, kept);
    }
    return (rp_src){.file = kept, .line = line};
}

/* Where a block came from: its src attribute, or the nearest ancestor's
 * that has one. */
static rp_src block_src(flow *f, xmlNodePtr n)
{
    for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
        char *s = prop(n, "src");
        if (s)
            return intern_src(f, s);
    }
    return (rp_src){0};
}

/* The style of a block: its own, else its container's text properties. */
static const rp_style *block_style(flow *f, xmlNodePtr n, const rp_style *container)
{
    char *name = prop(n, "style");
    const rp_style *st = name ? rp_styles_get(f->styles, name, n)
                              : rp_style_inherit(f->styles, container);
    free(name);
    return st;
}

/* ------------------------------------------------------------ blocks */

static void flow_blocks(flow *f, xmlNodePtr first, const rp_style *container, rp_unit x,
                        rp_unit width);

/* A paragraph's links, shared by the ops of its lines and the copies
 * render.c makes of them, and freed with the last (kept by the document
 * to its end, they grew with the book). */
typedef struct {
    rp_links links; /* first: an op's links are its holder */
    int refs;
} held_links;

static rp_links *new_links(void)
{
    held_links *h = rp_xcalloc(1, sizeof *h);
    h->refs = 1;
    return &h->links;
}

void rp_links_ref(const rp_links *l)
{
    __atomic_add_fetch(&((held_links *)l)->refs, 1, __ATOMIC_RELAXED);
}

void rp_links_unref(const rp_links *l)
{
    held_links *h = (held_links *)l;
    if (__atomic_sub_fetch(&h->refs, 1, __ATOMIC_ACQ_REL) == 0) {
        rp_links_clear(&h->links);
        free(h);
    }
}

/* ---------------------------------------------------------- language */

/* The element about to hold n's text (its paragraph, heading or list
 * body: the innermost one waiting to begin) is in the language all that
 * text is in (marked), else in n's, lang; when that is not the
 * document's, the tagged PDF is told (its /Lang).  With no element
 * waiting (a table cell's text: the row makes its elements), the
 * language is left in f->loose_lang for the row. */
static void tag_lang(flow *f, const char *marked, const char *lang)
{
    const char *l = marked ? marked : lang;
    if (rp_same_lang_tag(l, f->doc->lang))
        return;
    for (size_t i = f->npending; i-- > 0;) {
        rp_op *op = &f->pending[i];
        if (op->kind == RP_OP_BEGIN) {
            if (!op->text)
                op->text = rp_xstrdup(l);
            return;
        }
    }
    free(f->loose_lang);
    f->loose_lang = rp_xstrdup(l);
}

/* Lays out inline content as lines; returns the index of the first item. */
static size_t flow_text(flow *f, xmlNodePtr n, const rp_style *st, rp_unit x, rp_unit width,
                        int outline_level)
{
    rp_unit space = take_space(f, st);
    rp_unit inner = width - st->start_indent - st->end_indent;
    rp_links *links = new_links();
    xmlChar *lang = xmlNodeGetLang(n);
    f->env.lang = lang ? (const char *)lang : f->doc->lang;
    int has_text;
    const char *marked = rp_text_lang(n, &has_text);
    if (has_text)
        tag_lang(f, marked, f->env.lang);
    f->env.hyphenate = !outline_level && !is(n, "heading");
    rp_para para;
    rp_para_get(f->cache, &f->env, st, n, inner, links, f->draw, &para);
    xmlFree(lang);
    f->env.lang = NULL;
    rp_unit pitch = (rp_unit)(st->font_size * st->line_height);
    rp_unit half_leading = (pitch - (st->ascent + st->descent)) / 2;
    size_t first = f->out->n;
    rp_src src = block_src(f, n);
    if (para.mispredicted)
        rp_diag_add_src(f->d, RP_WARNING, src, f->culprit,
                        "internal: a paragraph was measured with other line heights than it "
                        "is drawn with; printed page numbers of cross-references and the page "
                        "count may be off");
    if (outline_level) {
        char *title = collapse_space(n);
        pending_op(f, RP_OP_OUTLINE, title, outline_level);
        free(title);
    }
    size_t line_count = para.lines.n;
    for (size_t index = 0; index < line_count; index++) {
        const rp_line_box *lb = &para.lines.v[index];
        /* A line holding something taller than the style's font (a big
         * span, a shape) grows by the excess instead of overlapping. */
        rp_unit above = -lb->top - st->ascent, below = lb->bottom - st->descent;
        above = above > 0 ? above : 0;
        below = below > 0 ? below : 0;
        rp_item *it = new_item(f, pitch + above + below, index == 0 ? space : 0);
        rp_op *op = rp_item_op(it, RP_OP_TEXT);
        op->x = x + left_indent(f, st) + lb->x;
        op->y = half_leading + st->ascent + above;
        op->layout = para.layout ? g_object_ref(para.layout) : NULL;
        op->line = (int)index;
        op->links = links;
        rp_links_ref(links);
        it->src = src;
        it->line = (unsigned short)(index + 1 < 65535 ? index + 1 : 65535);
        it->lines = (unsigned short)(line_count < 65535 ? line_count : 65535);
        it->is_heading = is(n, "heading");
        it->looseness = index < links->nratios ? (float)links->ratios[index] : 0;
        it->hyphenated = (unsigned)lb->hyphenated;
        rp_unit over = lb->x + lb->width - inner;
        it->overflow = over > 0 ? over : 0;
    }
    rp_para_clear(&para);
    rp_links_unref(links);

    size_t end = f->out->n, nlines = end - first;
    if (st->keep_together || nlines < (size_t)(st->orphans + st->widows)) {
        keep_range(f, first, end);
    } else {
        keep_range(f, first, first + (size_t)st->orphans);
        keep_range(f, end - (size_t)st->widows, end);
    }
    if (st->rule_below) {
        rp_item *last = &f->out->v[end - 1];
        rp_unit gap = st->font_size / 4;
        rp_op *op = rp_item_op(last, RP_OP_RULE);
        op->x = x + left_indent(f, st);
        op->y = last->height + gap;
        op->w = inner;
        op->h = st->rule_below;
        op->color = st->border_color;
        last->height += gap + st->rule_below;
    }
    if (st->keep_with_next)
        f->out->v[end - 1].keep_with_next = 1;
    f->pending_space = st->space_after;
    return first;
}

static void flow_para(flow *f, xmlNodePtr n, const rp_style *container, rp_unit x, rp_unit w)
{
    const rp_style *st = block_style(f, n, container);
    anchor(f, n);
    rp_struct tag = f->in_toc ? RP_S_TOCI : RP_S_P;
    tag_begin(f, tag);
    size_t first = flow_text(f, n, st, x, w, 0);
    tag_end(f, tag);
    if (prop_yes(n, "keep-together", 0))
        keep_range(f, first, f->out->n);
    if (prop_yes(n, "keep-with-next", 0))
        f->out->v[f->out->n - 1].keep_with_next = 1;
}

static void flow_heading(flow *f, xmlNodePtr n, const rp_style *container, rp_unit x, rp_unit w)
{
    const rp_style *st = block_style(f, n, container);
    char *lv = prop(n, "level");
    int level = lv ? atoi(lv) : 1;
    free(lv);
    anchor(f, n);
    rp_struct tag = (rp_struct)(RP_S_H1 + (level < 1 ? 0 : level > 6 ? 5 : level - 1));
    tag_begin(f, tag);
    int outline = prop_yes(n, "outline", 1) ? f->depth + level - 1 : 0;
    if (outline < 1 && prop_yes(n, "outline", 1))
        outline = 1;
    size_t first = flow_text(f, n, st, x, w, outline);
    tag_end(f, tag);
    /* A heading belongs with what follows it and is never split. */
    keep_range(f, first, f->out->n);
    if (prop_yes(n, "keep-with-next", 1))
        f->out->v[f->out->n - 1].keep_with_next = 1;
}

static int has_block_children(xmlNodePtr n)
{
    static const char *const blocks[] = {"para", "heading", "list", "table", "group", "page-break"};
    for (xmlNodePtr c = n->children; c; c = c->next)
        for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++)
            if (is(c, blocks[i]))
                return 1;
    return 0;
}

/* Content of a list item or table cell: blocks, or inline text. */
static void flow_content(flow *f, xmlNodePtr n, const rp_style *st, rp_unit x, rp_unit w)
{
    if (has_block_children(n)) {
        flow_blocks(f, n->children, st, x, w);
    } else {
        size_t first = flow_text(f, n, st, x, w, 0);
        (void)first;
    }
}

static char *marker_text(const char *marker, int number)
{
    if (strcmp(marker, "number") == 0)
        return rp_xasprintf("%d.", number);
    if (strcmp(marker, "dash") == 0)
        return rp_xstrdup("\u2013");
    if (strcmp(marker, "none") == 0)
        return rp_xstrdup("");
    return rp_xstrdup("\u2022");
}

/* Puts the marker on the first line of an item, on that line's baseline,
 * as the item's label: its ops go in at index `at` of the first item, just
 * before the item body begins. */
static void add_marker(flow *f, size_t first, size_t at, const rp_style *st, const char *text,
                       rp_unit x, rp_unit w)
{
    if (first >= f->out->n || !*text)
        return;
    rp_item *it = &f->out->v[first];
    rp_unit baseline = st->ascent + ((rp_unit)(st->font_size * st->line_height) -
                                     (st->ascent + st->descent)) / 2;
    for (size_t k = 0; k < it->nops; k++)
        if (it->ops[k].kind == RP_OP_TEXT) {
            baseline = it->ops[k].y;
            break;
        }
    rp_op *op = rp_item_op(it, RP_OP_TEXT);
    op->x = x;
    if (f->draw) {
        /* Drawing starts at the line's own origin: add where the alignment
         * put it (a right-to-left marker sits at the right of its indent). */
        op->layout = rp_text_layout(f->env.pc, st, text, w);
        PangoRectangle logical;
        PangoLayoutIter *iter = pango_layout_get_iter(op->layout);
        pango_layout_iter_get_line_extents(iter, NULL, &logical);
        pango_layout_iter_free(iter);
        op->x += logical.x;
    }
    op->y = baseline;
    op->line = 0;
    /* The body's BEGIN sits at `at` when the item is where it started. */
    if (at >= it->nops - 1 || it->ops[at].kind != RP_OP_BEGIN ||
        it->ops[at].level != RP_S_LBODY)
        return;
    rp_op label[3] = {{.kind = RP_OP_BEGIN, .level = RP_S_LBL}, *op,
                      {.kind = RP_OP_END, .level = RP_S_LBL}};
    it->nops--;
    insert_ops(it, at, label, 3);
}

static void flow_list(flow *f, xmlNodePtr n, const rp_style *container, rp_unit x, rp_unit w)
{
    const rp_style *st = block_style(f, n, container);
    char *marker = prop(n, "marker");
    if (!marker)
        marker = rp_xstrdup("bullet");
    char *item_style = prop(n, "item-style");
    const rp_style *ist = item_style ? rp_styles_get(f->styles, item_style, n)
                                     : rp_style_inherit(f->styles, st);
    free(item_style);
    /* Markers hang in an indent of about one and a half em; numbers need
     * room for two digits and a period. */
    rp_unit indent = strcmp(marker, "number") == 0 ? ist->font_size * 2 : ist->font_size * 3 / 2;
    /* In a right-to-left list the markers hang on the right and the items
     * are indented from there. */
    rp_unit lx = x + st->start_indent, item_x = lx + indent;
    if (f->rtl) {
        item_x = x;
        lx = x + w - st->start_indent - indent;
    }
    anchor(f, n);
    f->pending_space = take_space(f, st);
    size_t first = f->out->n;
    int number = 1;
    tag_begin(f, RP_S_L);
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (!is(c, "item"))
            continue;
        size_t item_first = f->out->n;
        tag_begin(f, RP_S_LI);
        tag_begin(f, RP_S_LBODY);
        /* where the body's BEGIN lands in the item's first item */
        size_t at = f->npending - 1;
        flow_content(f, c, ist, item_x, w - st->start_indent - indent);
        tag_end(f, RP_S_LBODY);
        char *m = marker_text(marker, number++);
        add_marker(f, item_first, at, ist, m, lx, indent);
        free(m);
        tag_end(f, RP_S_LI);
    }
    tag_end(f, RP_S_L);
    free(marker);
    if (st->keep_together || prop_yes(n, "keep-together", 0))
        keep_range(f, first, f->out->n);
    if (f->out->n > first && (st->keep_with_next || prop_yes(n, "keep-with-next", 0)))
        f->out->v[f->out->n - 1].keep_with_next = 1;
    if (st->space_after > f->pending_space)
        f->pending_space = st->space_after;
}

/* ------------------------------------------------------------ tables */

/* Column widths: lengths are taken as given, numbers share what is left
 * in proportion.  Writes ncol widths into out. */
static void column_widths(xmlNodePtr table, rp_unit width, rp_unit *out, size_t ncol)
{
    double weights = 0;
    rp_unit fixed = 0;
    size_t i = 0;
    for (xmlNodePtr c = table->children; c && i < ncol; c = c->next) {
        if (!is(c, "column"))
            continue;
        char *v = prop(c, "width");
        rp_unit u;
        if (rp_length_parse(v, &u) == 0) {
            out[i] = u;
            fixed += u;
        } else {
            out[i] = -1;
            weights += g_ascii_strtod(v, NULL);
        }
        free(v);
        i++;
    }
    rp_unit rest = width - fixed > 0 ? width - fixed : 0;
    i = 0;
    for (xmlNodePtr c = table->children; c && i < ncol; c = c->next) {
        if (!is(c, "column"))
            continue;
        if (out[i] < 0) {
            char *v = prop(c, "width");
            out[i] = weights > 0 ? (rp_unit)(rest * g_ascii_strtod(v, NULL) / weights) : 0;
            free(v);
        }
        i++;
    }
}

/* The ceiling on columns keeps a hostile table from exhausting memory;
 * nobody reads a 64-column table on paper. */
#define RP_MAX_COLUMNS 64

typedef struct {
    const rp_style *table, *cell, *header;
    rp_unit max_row;  /* the tallest slice of a row a page can take */
    rp_unit *colw;
    size_t ncol;
    rp_unit x, width;
    int rtl;          /* columns run from the right */
} table_ctx;

/* Lays out one cell into its own list; returns its content height. */
static rp_unit cell_content(flow *f, xmlNodePtr cell, const rp_style *st, rp_unit w,
                            rp_itemlist *sub, char **lang)
{
    /* What belongs to the row item (a break, a new numbering) must not be
     * taken by the lines inside a cell. */
    rp_itemlist *saved = f->out;
    rp_unit saved_space = f->pending_space;
    int saved_break = f->break_next;
    rp_numbering saved_numbering = f->numbering;
    f->out = sub;
    f->pending_space = 0;
    f->break_next = 0;
    f->numbering = RP_NUM_NONE;
    free(f->loose_lang);
    f->loose_lang = NULL;
    flow_content(f, cell, st, 0, w);
    *lang = f->loose_lang; /* its inline text's, if any (tag_lang) */
    f->loose_lang = NULL;
    f->out = saved;
    f->pending_space = saved_space;
    f->break_next = saved_break;
    f->numbering = saved_numbering;
    rp_unit h = 0;
    for (size_t i = 0; i < sub->n; i++)
        h += (i ? sub->v[i].space_before : 0) + sub->v[i].height;
    return h;
}

/* Moves src's ops into dst; with plain, without the structure ops (of a
 * row cut over pages, whose pieces of a cell cannot nest). */
static void move_ops(rp_item *dst, rp_item *src, rp_unit dx, rp_unit dy, int plain)
{
    for (size_t k = 0; k < src->nops; k++) {
        if (plain && (src->ops[k].kind == RP_OP_BEGIN || src->ops[k].kind == RP_OP_END)) {
            free(src->ops[k].text); /* a BEGIN's language */
            continue;
        }
        rp_op *op = RP_PUSH(dst->ops, dst->nops, dst->capops);
        *op = src->ops[k];
        op->x += dx;
        op->y += dy;
    }
    src->nops = 0; /* the ops and their references moved */
}

static void border(rp_item *row, rp_unit x, rp_unit y, rp_unit w, rp_unit h,
                   const rp_style *table)
{
    rp_op *op = rp_item_op(row, RP_OP_RECT);
    op->x = x;
    op->y = y;
    op->w = w;
    op->h = h;
    op->color = table->border_color;
}

/* Whether cells a and b of a row touch (either way round: a right-to-left
 * row lays its cells out leftwards). */
static int touching(const rp_unit *xs, const rp_unit *ws, size_t a, size_t b)
{
    return xs[b] == xs[a] + ws[a] || xs[a] == xs[b] + ws[b];
}

/* The run of touching cells from cell i (of n), joined only where
 * background is NULL or gives the next cell the same background as cell
 * i: returns its last cell, and the span [*left, *right) it covers. */
static size_t cell_run(const rp_unit *xs, const rp_unit *ws, size_t n, size_t i,
                       const rp_style *const *background, rp_unit *left, rp_unit *right)
{
    *left = xs[i];
    *right = xs[i] + ws[i];
    size_t j = i;
    for (; j + 1 < n && touching(xs, ws, j, j + 1); j++) {
        if (background && !(background[i]->has_background &&
                            background[j + 1]->has_background &&
                            background[j + 1]->background == background[i]->background))
            break;
        *left = xs[j + 1] < *left ? xs[j + 1] : *left;
        *right = xs[j + 1] + ws[j + 1] > *right ? xs[j + 1] + ws[j + 1] : *right;
    }
    return j;
}

/* The grid of a row.  Borders are centred on the cells' edges, so the
 * edge two neighbouring cells share is one line, not one twice as thick;
 * each line is drawn once: a rule along the top and one along the bottom
 * of every run of touching cells, and one down every edge.  A row has
 * six or seven rectangles where a box per cell made sixteen, which the
 * PDF (and whoever draws it) fills one by one. */
static void row_grid(rp_item *row, const rp_unit *xs, const rp_unit *ws, size_t n, rp_unit h,
                     const rp_style *table)
{
    rp_unit bw = table->border_width;
    if (!bw)
        return;
    const rp_unit half = bw / 2;
    for (size_t i = 0, j; i < n; i = j + 1) {
        rp_unit left, right;
        j = cell_run(xs, ws, n, i, NULL, &left, &right);
        border(row, left - half, -half, right - left + bw, bw, table);     /* top */
        border(row, left - half, h - half, right - left + bw, bw, table);  /* bottom */
        for (size_t k = i; k <= j; k++)
            border(row, xs[k] - half, -half, bw, h + bw, table);           /* left edges */
        border(row, right - half, -half, bw, h + bw, table);               /* the run's end */
    }
}

/* The cells of a row, laid out: each cell's lines in its own list. */
typedef struct {
    rp_itemlist subs[RP_MAX_COLUMNS];
    size_t next[RP_MAX_COLUMNS]; /* first line not yet placed */
    rp_unit xs[RP_MAX_COLUMNS], ws[RP_MAX_COLUMNS];
    const rp_style *sts[RP_MAX_COLUMNS];
    char *langs[RP_MAX_COLUMNS]; /* a cell's language, if not the document's */
    size_t ncell;
    rp_op *prefix;  /* what was pending before the row (anchors, BEGINs) */
    size_t nprefix, capprefix;
} row_cells;

static rp_unit sub_height(const rp_itemlist *l, size_t from, size_t to)
{
    rp_unit h = 0;
    for (size_t k = from; k < to; k++)
        h += (k > from ? l->v[k].space_before : 0) + l->v[k].height;
    return h;
}

static void tag_op(rp_item *it, rp_op_kind kind, rp_struct s)
{
    rp_item_op(it, kind)->level = (int)s;
}

/* Emits one item holding, for each cell, its lines [next, to[i]): a
 * table row of the structure tree, one per slice of a row cut over pages
 * (plain: the cells' inner structure left out). */
static rp_item *emit_slice(flow *f, row_cells *rc, const size_t *to, const table_ctx *t,
                          int header, xmlNodePtr row, int plain)
{
    rp_unit height = 0;
    for (size_t i = 0; i < rc->ncell; i++) {
        rp_unit h = sub_height(&rc->subs[i], rc->next[i], to[i]) + 2 * rc->sts[i]->padding;
        if (h > height)
            height = h;
    }
    rp_item *it = new_item(f, height, 0);
    it->is_header = (unsigned)header;
    it->src = block_src(f, row);
    for (size_t k = 0; k < rc->nprefix; k++)
        *RP_PUSH(it->ops, it->nops, it->capops) = rc->prefix[k];
    rc->nprefix = 0;
    tag_op(it, RP_OP_BEGIN, RP_S_TR);
    /* Backgrounds: one rectangle for touching cells of one colour (a
     * header row is one band). */
    for (size_t i = 0, j; i < rc->ncell; i = j + 1) {
        const rp_style *st = rc->sts[i];
        rp_unit left, right;
        j = cell_run(rc->xs, rc->ws, rc->ncell, i, rc->sts, &left, &right);
        if (st->has_background) {
            rp_op *op = rp_item_op(it, RP_OP_RECT);
            op->x = left;
            op->w = right - left;
            op->h = height;
            op->color = st->background;
        }
    }
    rp_struct cell = header ? RP_S_TH : RP_S_TD;
    for (size_t i = 0; i < rc->ncell; i++) {
        rp_unit y = rc->sts[i]->padding;
        tag_op(it, RP_OP_BEGIN, cell);
        if (rc->langs[i])
            it->ops[it->nops - 1].text = rp_xstrdup(rc->langs[i]);
        for (size_t k = rc->next[i]; k < to[i]; k++) {
            y += k > rc->next[i] ? rc->subs[i].v[k].space_before : 0;
            /* a line too long for its cell is the row's defect */
            if (rc->subs[i].v[k].overflow > it->overflow)
                it->overflow = rc->subs[i].v[k].overflow;
            move_ops(it, &rc->subs[i].v[k], rc->xs[i] + rc->sts[i]->padding, y, plain);
            y += rc->subs[i].v[k].height;
        }
        tag_op(it, RP_OP_END, cell);
        rc->next[i] = to[i];
    }
    tag_op(it, RP_OP_END, RP_S_TR);
    /* The grid goes after the text: one artifact for the row, not one
     * between every two cells. */
    row_grid(it, rc->xs, rc->ws, rc->ncell, height, t->table);
    return it;
}

/* A row taller than a page is cut between the lines of its cells into
 * slices that each fit: its text continues on the next page instead of
 * running off the bottom of this one.  Returns the last slice. */
static rp_item *emit_row(flow *f, row_cells *rc, const table_ctx *t, int header, xmlNodePtr row)
{
    size_t to[RP_MAX_COLUMNS];
    int slice = 0;
    for (;;) {
        int more = 0;
        for (size_t i = 0; i < rc->ncell; i++) {
            const rp_itemlist *l = &rc->subs[i];
            rp_unit room = t->max_row - 2 * rc->sts[i]->padding;
            size_t k = rc->next[i];
            /* at least one line per slice, so that this ends */
            if (k < l->n)
                k++;
            while (k < l->n && sub_height(l, rc->next[i], k + 1) <= room)
                k++;
            to[i] = k;
            more |= k < l->n;
        }
        rp_item *it = emit_slice(f, rc, to, t, header, row, slice > 0 || more);
        /* a whole row is slice 0; pieces count 1, 2, ..., the last negative */
        it->slice = (short)(slice == 0 && !more ? 0 : more ? slice + 1 : -(slice + 1));
        slice++;
        if (!more)
            return it;
    }
}

static rp_item *flow_row(flow *f, xmlNodePtr row, const table_ctx *t, int header)
{
    row_cells *rc = rp_xcalloc(1, sizeof *rc);
    /* The row's first item takes what waits; the cells start afresh. */
    rc->prefix = f->pending;
    rc->nprefix = f->npending;
    rc->capprefix = f->cappending;
    f->pending = NULL;
    f->npending = f->cappending = 0;
    size_t col = 0;
    for (xmlNodePtr c = row->children; c; c = c->next) {
        if (!is(c, "cell") || rc->ncell == RP_MAX_COLUMNS || col >= t->ncol)
            continue;
        char *span_s = prop(c, "span");
        size_t span = span_s ? (size_t)atoi(span_s) : 1;
        free(span_s);
        if (span < 1)
            span = 1;
        if (col + span > t->ncol)
            span = t->ncol - col;
        rp_unit w = 0, x = t->x;
        for (size_t k = 0; k < col; k++)
            x += t->colw[k];
        for (size_t k = col; k < col + span; k++)
            w += t->colw[k];
        if (t->rtl) /* the first column on the right */
            x = t->x + t->width - (x - t->x) - w;
        col += span;
        /* A cell without a style of its own takes the table's cell (or
         * header) style whole, padding and background included. */
        char *cs = prop(c, "style");
        const rp_style *st = cs ? rp_styles_get(f->styles, cs, c) : header ? t->header : t->cell;
        free(cs);
        size_t i = rc->ncell++;
        cell_content(f, c, st, w - 2 * st->padding, &rc->subs[i], &rc->langs[i]);
        rc->xs[i] = x;
        rc->ws[i] = w;
        rc->sts[i] = st;
    }
    rp_item *it = emit_row(f, rc, t, header, row);
    for (size_t i = 0; i < rc->ncell; i++) {
        rp_items_clear(&rc->subs[i]);
        free(rc->langs[i]);
    }
    free(rc->prefix);
    free(rc);
    return it;
}


static void flow_table(flow *f, xmlNodePtr n, const rp_style *container, rp_unit x, rp_unit w)
{
    table_ctx t = {.x = x};
    t.table = block_style(f, n, container);
    char *hs = prop(n, "header-style"), *cs = prop(n, "cell-style");
    t.cell = cs ? rp_styles_get(f->styles, cs, n) : rp_style_inherit(f->styles, t.table);
    t.header = hs ? rp_styles_get(f->styles, hs, n) : t.cell;
    free(hs);
    free(cs);
    for (xmlNodePtr c = n->children; c; c = c->next)
        t.ncol += is(c, "column");
    if (t.ncol > RP_MAX_COLUMNS) {
        rp_diag_add(f->d, RP_ERROR, f->culprit, (int)xmlGetLineNo(n), 0,
                    "a table has %zu columns; at most %d are supported",
                    t.ncol, RP_MAX_COLUMNS);
        return;
    }
    rp_unit colw[RP_MAX_COLUMNS];
    t.colw = colw;
    const rp_template *tpl = &f->doc->tpls[f->tpl];
    t.max_row = tpl->height - tpl->margin_top - tpl->margin_bottom;
    column_widths(n, w - t.table->start_indent - t.table->end_indent, colw, t.ncol);
    t.x = x + left_indent(f, t.table);
    t.width = w - t.table->start_indent - t.table->end_indent;
    t.rtl = f->rtl;
    anchor(f, n);
    rp_unit space = take_space(f, t.table);
    size_t first = f->out->n;
    int hdr_first = -1, hdr_count = 0;
    rp_unit hdr_height = 0;
    tag_begin(f, RP_S_TABLE);
    for (xmlNodePtr part = n->children; part; part = part->next) {
        int header = is(part, "thead");
        if (!header && !is(part, "tbody"))
            continue;
        rp_struct group = header ? RP_S_THEAD : RP_S_TBODY;
        tag_begin(f, group);
        for (xmlNodePtr r = part->children; r; r = r->next) {
            if (!is(r, "row"))
                continue;
            size_t row_first = f->out->n;
            rp_item *it = flow_row(f, r, &t, header);
            if (prop_yes(r, "keep-with-next", 0))
                it->keep_with_next = 1;
            for (size_t k = row_first; k < f->out->n; k++) {
                rp_item *slice = &f->out->v[k];
                if (header) {
                    if (hdr_first < 0)
                        hdr_first = (int)k;
                    hdr_count++;
                    hdr_height += slice->height;
                    slice->keep_with_next = 1; /* a header never ends a page */
                } else if (hdr_count) {
                    slice->hdr_first = hdr_first;
                    slice->hdr_count = hdr_count;
                    slice->hdr_height = hdr_height;
                }
            }
            /* Body rows may be sliced so that they fit under the header. */
            if (header)
                t.max_row = tpl->height - tpl->margin_top - tpl->margin_bottom - hdr_height;
        }
        tag_end(f, group);
    }
    tag_end(f, RP_S_TABLE);
    if (f->out->n > first)
        f->out->v[first].space_before = space;
    /* Like widows and orphans of a paragraph: never leave a single body row
     * under the header at the foot of a page or alone on the next one. */
    size_t nrows = 0;
    for (size_t k = first; k < f->out->n; k++)
        nrows += !f->out->v[k].is_header && f->out->v[k].slice == 0;
    if (nrows >= 4) {
        /* rows, not slices: a row cut over pages is not kept with another */
        size_t second = first + (size_t)hdr_count + 1, last = f->out->n - 1;
        if (f->out->v[second - 1].slice == 0 && f->out->v[second].slice == 0 &&
            (second + 1 >= f->out->n || f->out->v[second + 1].slice == 0))
            f->out->v[second - 1].keep_with_next = 1;
        if (f->out->v[last].slice == 0 && f->out->v[last - 1].slice == 0)
            f->out->v[last - 1].keep_with_next = 1;
    }
    if (t.table->keep_together || prop_yes(n, "keep-together", 0))
        keep_range(f, first, f->out->n);
    if (f->out->n > first && (t.table->keep_with_next || prop_yes(n, "keep-with-next", 0)))
        f->out->v[f->out->n - 1].keep_with_next = 1;
    f->pending_space = t.table->space_after;
}

/* ------------------------------------------------- groups and sections */

static void flow_group(flow *f, xmlNodePtr n, const rp_style *container, rp_unit x, rp_unit w)
{
    const rp_style *st = block_style(f, n, container);
    anchor(f, n);
    f->pending_space = take_space(f, st);
    size_t first = f->out->n;
    char *role = prop(n, "role");
    int toc = role && strcmp(role, "contents") == 0, saved_toc = f->in_toc;
    free(role);
    if (toc) {
        tag_begin(f, RP_S_TOC);
        f->in_toc = 1;
    }
    /* A group that may break lets its blocks go to the pager as a
     * section's do (when no other block is open around it), but its last
     * item, which it may still mark: a book's contents is a group of
     * thousands of entries. */
    int keep = st->keep_together || prop_yes(n, "keep-together", 0);
    f->open -= !keep;
    flow_blocks(f, n->children, rp_style_inherit(f->styles, st), x + left_indent(f, st),
                w - st->start_indent - st->end_indent);
    f->open += !keep;
    if (toc)
        tag_end(f, RP_S_TOC);
    f->in_toc = saved_toc;
    if (keep)
        keep_range(f, first, f->out->n);
    if (f->out->n > first && (st->keep_with_next || prop_yes(n, "keep-with-next", 0)))
        f->out->v[f->out->n - 1].keep_with_next = 1;
    if (st->space_after > f->pending_space)
        f->pending_space = st->space_after;
}

/* The links of a figure go after its drawing, which then stays one run
 * of content instead of one between every two links. */
static void links_last(rp_item *it)
{
    size_t n = 0, nl = 0;
    rp_op *links = rp_xmalloc((it->nops + 1) * sizeof *links);
    for (size_t k = 0; k < it->nops; k++) {
        if (it->ops[k].kind == RP_OP_LINK)
            links[nl++] = it->ops[k];
        else
            it->ops[n++] = it->ops[k];
    }
    memcpy(&it->ops[n], links, nl * sizeof *links);
    free(links);
}

static void flow_diagram(flow *f, xmlNodePtr n, const rp_style *container, rp_unit x, rp_unit w)
{
    const rp_style *st = block_style(f, n, container);
    anchor(f, n);
    rp_unit space = take_space(f, st);
    const rp_template *t = &f->doc->tpls[f->tpl];
    rp_unit max_h = t->height - t->margin_top - t->margin_bottom;
    char *mh = prop(n, "max-height");
    rp_unit u;
    if (mh && rp_length_parse(mh, &u) == 0 && u > 0 && u < max_h)
        max_h = u;
    free(mh);
    tag_begin(f, RP_S_FIGURE);
    rp_item *it = new_item(f, 0, space);
    it->src = block_src(f, n);
    rp_unit inner = w - st->start_indent - st->end_indent;
    /* A measuring pass needs its size only: the first one builds it, the
     * drawing pass builds it again to draw it. */
    if (f->draw || !rp_parcache_figure(f->cache, n, inner, max_h, it)) {
        rp_diagram_build(f->ctx->pango, f->styles, n, inner, max_h, it, f->d, f->culprit);
        if (!f->draw)
            rp_parcache_figure_put(f->cache, n, inner, max_h, it);
    }
    links_last(it);
    if (st->keep_with_next || prop_yes(n, "keep-with-next", 0))
        it->keep_with_next = 1;
    /* The ops were laid out from 0; place them at the block's indent (in
     * the diagram's own scale, since the renderer scales the ops): its
     * end indent in a right-to-left block, whose start is on the right.
     * The picture itself is not mirrored (layout.md). */
    rp_unit dx = x + left_indent(f, st);
    if (it->scale > 0)
        dx = (rp_unit)(dx / it->scale);
    for (size_t k = 0; k < it->nops; k++)
        it->ops[k].x += dx;
    tag_end(f, RP_S_FIGURE);
    f->pending_space = st->space_after;
}

static int template_index(const rp_tdoc *doc, const char *name)
{
    for (size_t i = 0; i < doc->ntpl; i++)
        if (strcmp(doc->tpls[i].name, name) == 0)
            return (int)i;
    return -1;
}

static void flow_section(flow *f, xmlNodePtr n, const rp_style *container, rp_unit x,
                         rp_unit w)
{
    int saved_tpl = f->tpl, saved_section = f->section;
    char *tpl = prop(n, "template");
    if (tpl) {
        int t = template_index(f->doc, tpl);
        if (t < 0) {
            rp_near near = rp_near_init(tpl);
            for (size_t i = 0; i < f->doc->ntpl; i++)
                rp_near_consider(&near, f->doc->tpls[i].name);
            char *hint = rp_near_hint(&near);
            rp_diag_add(f->d, RP_ERROR, f->culprit, (int)xmlGetLineNo(n), 0,
                        "section uses page template '%s', which is not defined%s", tpl, hint);
            free(hint);
        } else
            f->tpl = t;
        free(tpl);
    }
    char *brk = prop(n, "break-before");
    int page = brk ? strcmp(brk, "page") == 0 : f->depth == 0;
    free(brk);
    if (page && f->out->n)
        f->break_next = 1;
    char *title = prop(n, "title");
    if (title) {
        rp_section *sec = RP_PUSH(f->doc->sections, f->doc->nsections, f->doc->capsections);
        sec->title = title;
        sec->parent = f->section;
        sec->depth = f->depth + 1;
        /* its own src only: an enclosing section's is another title's */
        sec->src = xmlHasProp(n, BAD_CAST "src") ? block_src(f, n) : (rp_src){0};
        f->section = (int)f->doc->nsections - 1;
    }
    char *num = prop(n, "numbering");
    if (num) {
        f->numbering = strcmp(num, "lower-roman") == 0    ? RP_NUM_LOWER_ROMAN
                       : strcmp(num, "upper-roman") == 0  ? RP_NUM_UPPER_ROMAN
                       : strcmp(num, "arabic-indic") == 0 ? RP_NUM_ARABIC_INDIC
                                                          : RP_NUM_ARABIC;
        free(num);
    }
    anchor(f, n);
    if (xmlHasProp(n, BAD_CAST "bookmark")) {
        xmlAttrPtr a = xmlHasProp(n, BAD_CAST "bookmark");
        char *bookmark = collapse_space((xmlNodePtr)a);
        pending_op(f, RP_OP_OUTLINE, bookmark, f->depth + 1);
        free(bookmark);
    }
    /* A section on another template flows in that template's measure. */
    if (f->tpl != saved_tpl) {
        const rp_template *t = &f->doc->tpls[f->tpl];
        x = 0;
        w = t->width - t->margin_left - t->margin_right;
    }
    f->depth++;
    tag_begin(f, RP_S_SECT);
    flow_blocks(f, n->children, container, x, w);
    tag_end(f, RP_S_SECT);
    f->depth--;
    /* The page that follows a section in another template is a new one. */
    if (f->tpl != saved_tpl)
        f->break_next = 1;
    f->tpl = saved_tpl;
    f->section = saved_section;
}

/* The blocks a placeholder stands for, unpacked for the time they take. */
static void flow_chunk(flow *f, xmlNodePtr n, long piece, const rp_style *container, rp_unit x,
                       rp_unit w)
{
    /* a measuring pass ahead of another skips what that one measures */
    if (!f->draw && rp_parcache_reach(f->cache, piece))
        return;
    if (rp_chunks_open(f->chunks, n, f->culprit, f->d) != 0)
        return;
    flow_blocks(f, n->children, container, x, w);
    rp_chunks_close(n);
}

static void flow_blocks(flow *f, xmlNodePtr first, const rp_style *container, rp_unit x,
                        rp_unit width)
{
    for (xmlNodePtr n = first, next; n; n = next) {
        next = n->next;
        if (n->type != XML_ELEMENT_NODE)
            continue;
        int saved_rtl = f->rtl;
        set_direction(f, element_rtl(n, saved_rtl));
        /* Only a section changes nothing of its items once it has ended
         * (but the END of its structure element, on the last item); the
         * blocks of a placeholder each look after their own. */
        long piece = rp_chunks_index(f->chunks, n);
        int chunk = piece >= 0;
        int section = chunk || is(n, "section"), block = 1;
        f->open += !section;
        if (chunk)
            flow_chunk(f, n, piece, container, x, width);
        else if (is(n, "para"))
            flow_para(f, n, container, x, width);
        else if (is(n, "heading"))
            flow_heading(f, n, container, x, width);
        else if (is(n, "list"))
            flow_list(f, n, container, x, width);
        else if (is(n, "table"))
            flow_table(f, n, container, x, width);
        else if (is(n, "group"))
            flow_group(f, n, container, x, width);
        else if (is(n, "diagram"))
            flow_diagram(f, n, container, x, width);
        else if (is(n, "section"))
            flow_section(f, n, container, x, width);
        else if (is(n, "page-break"))
            f->break_next = f->out->n > 0;
        else
            block = 0;
        set_direction(f, saved_rtl);
        f->open -= !section;
        if (f->open)
            continue;
        /* Items before the last are final between the blocks of a section:
         * the pages they fill can be finished and their items let go, and
         * in the last pass the block itself (nothing refers to it). */
        if (f->pager && f->out == &f->doc->items && f->out->n)
            feed(f, f->out->n - 1, 0);
        if (f->consume && block) {
            xmlUnlinkNode(n);
            xmlFreeNode(n);
        }
    }
}

/* ------------------------------------------------------- templates */

static const struct {
    const char *name;
    double w_mm, h_mm;
} paper[] = {{"A4", 210, 297}, {"A5", 148, 210}, {"Letter", 215.9, 279.4}, {"Legal", 215.9, 355.6}};

/* Margins default to 20 mm: room for header and footer without waste. */
#define RP_DEFAULT_MARGIN RP_PT(20 * 72 / 25.4)
/* The smallest body a page may keep; anything less is a mistake. */
#define RP_MIN_BODY RP_PT(72)

static void length_prop(flow *f, xmlNodePtr n, const char *name, rp_unit *out)
{
    char *v = prop(n, name);
    if (v && rp_length_parse(v, out) != 0)
        rp_diag_add(f->d, RP_ERROR, f->culprit, (int)xmlGetLineNo(n), 0,
                    "page-template: invalid %s=\"%s\"", name, v);
    free(v);
}

static void read_template(flow *f, xmlNodePtr n, rp_template *t)
{
    memset(t, 0, sizeof *t);
    t->name = prop(n, "name");
    t->width = RP_PT(210 * 72 / 25.4);
    t->height = RP_PT(297 * 72 / 25.4);
    char *size = prop(n, "size");
    for (size_t i = 0; size && i < sizeof paper / sizeof *paper; i++)
        if (strcmp(size, paper[i].name) == 0) {
            t->width = RP_PT(paper[i].w_mm * 72 / 25.4);
            t->height = RP_PT(paper[i].h_mm * 72 / 25.4);
        }
    free(size);
    length_prop(f, n, "width", &t->width);
    length_prop(f, n, "height", &t->height);
    char *orient = prop(n, "orientation");
    if (orient && strcmp(orient, "landscape") == 0 && t->width < t->height) {
        rp_unit tmp = t->width;
        t->width = t->height;
        t->height = tmp;
    }
    free(orient);
    t->margin_top = t->margin_bottom = t->margin_left = t->margin_right = RP_DEFAULT_MARGIN;
    length_prop(f, n, "margin-top", &t->margin_top);
    length_prop(f, n, "margin-bottom", &t->margin_bottom);
    length_prop(f, n, "margin-left", &t->margin_left);
    length_prop(f, n, "margin-right", &t->margin_right);
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (is(c, "header"))
            t->header = c;
        else if (is(c, "footer"))
            t->footer = c;
    }
    if (t->width - t->margin_left - t->margin_right < RP_MIN_BODY ||
        t->height - t->margin_top - t->margin_bottom < RP_MIN_BODY || t->margin_top < 0 ||
        t->margin_bottom < 0 || t->margin_left < 0 || t->margin_right < 0)
        rp_diag_add(f->d, RP_ERROR, f->culprit, (int)xmlGetLineNo(n), 0,
                    "page template '%s': the margins leave less than 1in of body", t->name);
}

static void read_meta(rp_tdoc *doc, xmlNodePtr meta)
{
    for (xmlNodePtr c = meta->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        char **slot = is(c, "title") ? &doc->title : is(c, "author") ? &doc->author
                    : is(c, "subject") ? &doc->subject : is(c, "keywords") ? &doc->keywords
                    : NULL;
        if (!slot)
            continue;
        xmlChar *v = xmlNodeGetContent(c);
        char *s = g_strstrip(g_strdup((const char *)v));
        *slot = rp_xstrdup(s);
        g_free(s);
        xmlFree(v);
    }
}

/* The layout's language, set on the Pango contexts: the document's
 * language, never the machine's locale, picks fonts and shaping rules. */
static char *document_lang(rp_context *ctx, xmlDocPtr layout)
{
    xmlChar *lang = xmlNodeGetLang(xmlDocGetRootElement(layout));
    char *l = rp_xstrdup(lang ? (const char *)lang : "en");
    xmlFree(lang);
    pango_context_set_language(ctx->pango, pango_language_from_string(l));
    pango_context_set_language(ctx->pango_rtl, pango_language_from_string(l));
    return l;
}

rp_styles *rp_flow_styles(rp_context *ctx, xmlDocPtr layout, const char *culprit, rp_diag *d)
{
    free(document_lang(ctx, layout));
    return rp_styles_new(layout, ctx->pango, culprit, d);
}

rp_tdoc *rp_flow_build(rp_context *ctx, xmlDocPtr layout, const char *culprit,
                       rp_styles *styles, const rp_pagemap *refs, rp_parcache *cache,
                       int flags, rp_pager *pager, rp_diag *d)
{
    size_t errors = rp_diag_errors(d);
    rp_tdoc *doc = rp_xcalloc(1, sizeof *doc);
    xmlNodePtr root = xmlDocGetRootElement(layout);
    doc->lang = document_lang(ctx, layout);
    flow f = {.ctx = ctx, .doc = doc, .out = &doc->items, .culprit = culprit, .d = d,
              .section = -1, .cache = cache, .pager = pager,
              .draw = !!(flags & RP_FLOW_DRAW), .consume = !!(flags & RP_FLOW_CONSUME),
              .chunks = rp_chunks_of(layout)};
    doc->own_styles = !styles;
    doc->styles = f.styles = styles ? styles : rp_styles_new(layout, ctx->pango, culprit, d);
    doc->anchors = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
    doc->src_files = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
    f.env = (rp_para_env){.pc = ctx->pango, .ctx = ctx, .styles = f.styles, .refs = refs};
    /* The first measuring pass prints the pages of the ids on pages cut
     * already, and guesses the others: the numbers it prints are then
     * mostly right and as wide as they will be, so the pages it cuts are
     * most often the last pass's, and its paragraphs the room they take
     * there (the settling check then spares the next pass or most of its
     * work). */
    if (!refs && pager && !f.draw) {
        f.env.refs = pager->anchors;
        guess_label(&f);
    }
    doc->rtl = element_rtl(root, rp_lang_is_rtl(doc->lang));
    set_direction(&f, doc->rtl);
    size_t cap = 0;
    for (xmlNodePtr n = root->children; n; n = n->next) {
        if (is(n, "meta"))
            read_meta(doc, n);
        else if (is(n, "page-template"))
            read_template(&f, n, RP_PUSH(doc->tpls, doc->ntpl, cap));
    }
    if (!doc->ntpl)
        rp_diag_add(d, RP_ERROR, culprit, 0, 0, "the layout has no page-template");
    if (rp_diag_errors(d) == errors) {
        const rp_template *t = &doc->tpls[0];
        const rp_style *base = rp_styles_get(f.styles, NULL, NULL);
        flow_blocks(&f, root->children, base, 0, t->width - t->margin_left - t->margin_right);
    }
    for (size_t i = 0; i < f.npending; i++)
        free(f.pending[i].text);
    free(f.pending);
    free(f.loose_lang);
    doc->page_refs = f.env.page_refs;
    doc->unresolved_refs = f.env.unresolved;
    if (pager && rp_diag_errors(d) - f.pager_errors == errors)
        feed(&f, doc->items.n, 1);
    if (rp_diag_errors(d) - f.pager_errors > errors && !(flags & RP_FLOW_KEEP)) {
        rp_tdoc_free(doc);
        return NULL;
    }
    return doc;
}

void rp_tdoc_free(rp_tdoc *doc)
{
    if (!doc)
        return;
    rp_items_clear(&doc->items);
    for (size_t i = 0; i < doc->ntpl; i++)
        free(doc->tpls[i].name);
    free(doc->tpls);
    for (size_t i = 0; i < doc->nsections; i++)
        free(doc->sections[i].title);
    free(doc->sections);
    if (doc->anchors)
        g_hash_table_unref(doc->anchors);
    if (doc->src_files)
        g_hash_table_unref(doc->src_files);
    free(doc->title);
    free(doc->author);
    free(doc->subject);
    free(doc->keywords);
    free(doc->lang);
    if (doc->own_styles)
        rp_styles_free(doc->styles);
    free(doc);
}
