/* diagram.c - laying out and drawing a ladder diagram.
 *
 * Input: a layout <diagram>: tiers (rows, top first), lanes (columns),
 * nodes placed in a tier and a lane, edges between nodes.  Output: one
 * measured item whose ops draw the boxes, their labels, the arrows and the
 * link areas.  The lanes keep their order; nodes sharing a tier and lane
 * are ordered by the barycentre of their neighbours, sweeping down and up
 * the tiers, the classic heuristic that removes most edge crossings of a
 * layered graph.  A diagram taller than max_height is scaled down whole.
 */
#include "typeset.h"

#include <math.h>
#include <string.h>

typedef struct {
    char *id, *label, *href;
    int tier, lane, emphasis;
    double pos;          /* order key within its cell */
    rp_unit x, y, w, h;  /* box, relative to the diagram */
    int nin, nout, kin, kout; /* edge ends at the bottom and top */
} dnode;

typedef struct {
    int from, to, lateral;
} dedge;

typedef struct {
    dnode *nodes;
    size_t nnodes, capnodes;
    dedge *edges;
    size_t nedges, capedges;
    char **tiers, **tier_labels, **lanes, **lane_labels;
    size_t ntiers, nlanes, captiers, caplanes, captl, capll, ntl, nll;
    GHashTable *ids;     /* node id -> the first node of that id (rp_index_put) */
    size_t *adj_at;      /* node i's neighbours: adj[adj_at[i] .. adj_at[i+1]) */
    int *adj;            /* in edge order, the order the barycentres sum in */
} diagram;

/* Room between tiers for the arrows, and between boxes in a tier. */
#define RP_TIER_GAP RP_PT(26)
#define RP_NODE_GAP RP_PT(5)
#define RP_NODE_PAD RP_PT(3)
#define RP_LANE_GAP RP_PT(6)
#define RP_SWEEPS 6

static char *prop(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    char *s = v ? rp_xstrdup((const char *)v) : NULL;
    xmlFree(v);
    return s;
}

static int index_of(char **v, size_t n, const char *id)
{
    for (size_t i = 0; id && i < n; i++)
        if (strcmp(v[i], id) == 0)
            return (int)i;
    return -1;
}

/* A ladder overview has a box per role (3000 in a big set): lookups,
 * neighbours and cells are indexed, so that nothing here is quadratic in
 * the boxes or the edges. */
static int node_index(const diagram *g, const char *id)
{
    return (int)rp_index_get(g->ids, id);
}

static void index_nodes(diagram *g)
{
    g->ids = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < g->nnodes; i++)
        rp_index_put(g->ids, g->nodes[i].id, i);
}

/* Each node's neighbours across the edges, both ways. */
static void index_edges(diagram *g)
{
    g->adj_at = rp_xcalloc(g->nnodes + 2, sizeof *g->adj_at);
    g->adj = rp_xmalloc((2 * g->nedges + 1) * sizeof *g->adj);
    for (size_t e = 0; e < g->nedges; e++) {
        g->adj_at[g->edges[e].from + 2]++;
        g->adj_at[g->edges[e].to + 2]++;
    }
    for (size_t i = 2; i < g->nnodes + 2; i++)
        g->adj_at[i] += g->adj_at[i - 1];
    for (size_t e = 0; e < g->nedges; e++) {
        g->adj[g->adj_at[g->edges[e].from + 1]++] = g->edges[e].to;
        g->adj[g->adj_at[g->edges[e].to + 1]++] = g->edges[e].from;
    }
}

static int is(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The end of a message about an id of ids that is not defined. */
static char *id_hint(char *const *ids, size_t n, const char *id)
{
    rp_near near = rp_near_init(id ? id : "");
    for (size_t i = 0; i < n; i++)
        if (ids[i])
            rp_near_consider(&near, ids[i]);
    return rp_near_hint(&near);
}

static void read_diagram(diagram *g, xmlNodePtr n, rp_diag *d, const char *culprit)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (is(c, "tier")) {
            *RP_PUSH(g->tiers, g->ntiers, g->captiers) = prop(c, "id");
            char *l = prop(c, "label");
            *RP_PUSH(g->tier_labels, g->ntl, g->captl) = l ? l : rp_xstrdup("");
        } else if (is(c, "lane")) {
            *RP_PUSH(g->lanes, g->nlanes, g->caplanes) = prop(c, "id");
            char *l = prop(c, "label");
            *RP_PUSH(g->lane_labels, g->nll, g->capll) = l ? l : rp_xstrdup("");
        }
    }
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (!is(c, "node"))
            continue;
        char *tier = prop(c, "tier"), *lane = prop(c, "lane");
        int t = index_of(g->tiers, g->ntiers, tier), l = index_of(g->lanes, g->nlanes, lane);
        if (t < 0 || l < 0) {
            char *hint = t < 0 ? id_hint(g->tiers, g->ntiers, tier)
                               : id_hint(g->lanes, g->nlanes, lane);
            rp_diag_add(d, RP_ERROR, culprit, (int)xmlGetLineNo(c), 0,
                        "diagram node on undefined %s '%s'%s",
                        t < 0 ? "tier" : "lane", t < 0 ? tier : lane, hint);
            free(hint);
        } else {
            dnode *nd = RP_PUSH(g->nodes, g->nnodes, g->capnodes);
            memset(nd, 0, sizeof *nd);
            nd->id = prop(c, "id");
            xmlChar *txt = xmlNodeGetContent(c);
            char *s = g_strstrip(g_strdup((const char *)txt));
            nd->label = rp_xstrdup(s);
            g_free(s);
            xmlFree(txt);
            nd->href = prop(c, "href");
            char *e = prop(c, "emphasis");
            nd->emphasis = e && strcmp(e, "yes") == 0;
            free(e);
            nd->tier = t;
            nd->lane = l;
            nd->pos = (double)g->nnodes;
        }
        free(tier);
        free(lane);
    }
    index_nodes(g);
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (!is(c, "edge"))
            continue;
        char *from = prop(c, "from"), *to = prop(c, "to"), *kind = prop(c, "kind");
        int a = node_index(g, from), b = node_index(g, to);
        if (a < 0 || b < 0) {
            rp_near near = rp_near_init(a < 0 ? (from ? from : "") : (to ? to : ""));
            for (size_t i = 0; i < g->nnodes; i++)
                if (g->nodes[i].id)
                    rp_near_consider(&near, g->nodes[i].id);
            char *hint = rp_near_hint(&near);
            rp_diag_add(d, RP_ERROR, culprit, (int)xmlGetLineNo(c), 0,
                        "diagram edge to undefined node '%s'%s", a < 0 ? from : to, hint);
            free(hint);
        } else if (a != b) {
            dedge *e = RP_PUSH(g->edges, g->nedges, g->capedges);
            e->from = a;
            e->to = b;
            e->lateral = kind && strcmp(kind, "lateral") == 0;
        }
        free(from);
        free(to);
        free(kind);
    }
}

static void free_diagram(diagram *g)
{
    for (size_t i = 0; i < g->nnodes; i++) {
        free(g->nodes[i].id);
        free(g->nodes[i].label);
        free(g->nodes[i].href);
    }
    for (size_t i = 0; i < g->ntiers; i++) {
        free(g->tiers[i]);
        free(g->tier_labels[i]);
    }
    for (size_t i = 0; i < g->nlanes; i++) {
        free(g->lanes[i]);
        free(g->lane_labels[i]);
    }
    if (g->ids)
        g_hash_table_destroy(g->ids);
    free(g->adj_at);
    free(g->adj);
    free(g->nodes);
    free(g->edges);
    free(g->tiers);
    free(g->tier_labels);
    free(g->lanes);
    free(g->lane_labels);
}

/* ------------------------------------------------------------ ordering */

/* Cell first (tier, then lane), then the order key; ties keep the nodes'
 * order. */
static int cmp_cell_pos(const void *a, const void *b)
{
    const dnode *x = *(dnode *const *)a, *y = *(dnode *const *)b;
    if (x->tier != y->tier)
        return x->tier < y->tier ? -1 : 1;
    if (x->lane != y->lane)
        return x->lane < y->lane ? -1 : 1;
    if (x->pos != y->pos)
        return x->pos < y->pos ? -1 : 1;
    return x < y ? -1 : x > y;
}

/* Global order of a node across the diagram: lane first, then its rank
 * within the cell.  Barycentres are computed on it. */
static double order_key(const dnode *n, const size_t *lane_base)
{
    return (double)lane_base[n->lane] + n->pos;
}

/* Sets each node's pos to its rank within its (tier, lane) cell. */
static void normalise(diagram *g)
{
    dnode **by_cell = rp_xmalloc((g->nnodes + 1) * sizeof *by_cell);
    for (size_t i = 0; i < g->nnodes; i++)
        by_cell[i] = &g->nodes[i];
    qsort(by_cell, g->nnodes, sizeof *by_cell, cmp_cell_pos);
    for (size_t i = 0, rank = 0; i < g->nnodes; i++) {
        bool same = i && by_cell[i]->tier == by_cell[i - 1]->tier &&
                    by_cell[i]->lane == by_cell[i - 1]->lane;
        rank = same ? rank + 1 : 0;
        by_cell[i]->pos = (double)rank;
    }
    free(by_cell);
}

/* Reorders one tier by the barycentres of its neighbours in the others,
 * which stay fixed meanwhile (moving every tier at once can swap two
 * crossing pairs into the same crossing). */
static void order_tier(diagram *g, int tier, const size_t *lane_base, double *next)
{
    for (size_t i = 0; i < g->nnodes; i++) {
        if (g->nodes[i].tier != tier)
            continue;
        double sum = 0;
        int k = 0;
        for (size_t a = g->adj_at[i]; a < g->adj_at[i + 1]; a++) {
            int other = g->adj[a];
            if (g->nodes[other].tier == tier)
                continue;
            sum += order_key(&g->nodes[other], lane_base) - (double)lane_base[g->nodes[i].lane];
            k++;
        }
        /* Nodes without neighbours keep their place; the small bias keeps
         * ties in their present order. */
        next[i] = k ? sum / k + g->nodes[i].pos * 1e-3 : g->nodes[i].pos;
    }
    for (size_t i = 0; i < g->nnodes; i++)
        if (g->nodes[i].tier == tier)
            g->nodes[i].pos = next[i];
    normalise(g);
}

static void order_nodes(diagram *g, const size_t *lane_base)
{
    index_edges(g);
    normalise(g);
    double *next = rp_xcalloc(g->nnodes + 1, sizeof *next);
    for (int sweep = 0; sweep < RP_SWEEPS; sweep++) {
        /* Down the tiers, then up again. */
        for (size_t k = 0; k < g->ntiers; k++)
            order_tier(g, (int)(sweep % 2 ? g->ntiers - 1 - k : k), lane_base, next);
    }
    free(next);
}

/* ------------------------------------------------------------- drawing */

static void text_op(rp_item *it, PangoLayout *l, rp_unit x, rp_unit y, const rp_style *st)
{
    PangoLayoutIter *iter = pango_layout_get_iter(l);
    int line = 0;
    do {
        PangoRectangle r;
        pango_layout_iter_get_line_extents(iter, NULL, &r);
        rp_op *op = rp_item_op(it, RP_OP_TEXT);
        op->layout = g_object_ref(l);
        op->line = line++;
        op->x = x + r.x;
        op->y = y + pango_layout_iter_get_baseline(iter);
        (void)st;
    } while (pango_layout_iter_next_line(iter));
    pango_layout_iter_free(iter);
}

static void edge_op(rp_item *it, rp_unit x0, rp_unit y0, rp_unit x1, rp_unit y1, int flags,
                    uint32_t color, rp_unit lw)
{
    rp_op *op = rp_item_op(it, RP_OP_EDGE);
    op->x = x0;
    op->y = y0;
    op->w = x1 - x0;
    op->h = y1 - y0;
    op->level = flags;
    op->color = color;
    op->lw = lw;
}

/* Where the k-th of n edge ends on a box side of width w lands: spread
 * over the middle of the side so arrows into one box do not pile up. */
static rp_unit port(rp_unit x, rp_unit w, int k, int n)
{
    return x + (rp_unit)((double)w * (0.2 + 0.6 * (k + 0.5) / (n ? n : 1)));
}

static uint32_t lighten(uint32_t rgb, double t)
{
    uint32_t out = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
        double c = (rgb >> shift) & 0xff;
        out |= (uint32_t)(c + (255 - c) * t) << shift;
    }
    return out;
}

static int cmp_edge_src(const void *a, const void *b, void *data)
{
    const diagram *g = data;
    const dedge *x = a, *y = b;
    rp_unit ax = g->nodes[x->from].x, bx = g->nodes[y->from].x;
    return ax < bx ? -1 : ax > bx;
}

/* The width of the longest word of any node label, in bold for the
 * emphasised node, whose label is set bold.  Each distinct word is
 * measured once: a book's ladder has a box for every role, and its
 * titles repeat a few hundred words. */
static rp_unit widest_word(PangoContext *pc, const rp_style *st, const diagram *g)
{
    rp_unit widest = 0;
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (size_t i = 0; i < g->nnodes; i++) {
        char **words = g_strsplit(g->nodes[i].label, " ", -1);
        for (char **w = words; *w; w++) {
            char *key = g_strconcat(g->nodes[i].emphasis ? "b" : "r", *w, NULL);
            if (!g_hash_table_add(seen, key))
                continue;
            PangoLayout *l = rp_text_layout(pc, st, *w, -1);
            if (g->nodes[i].emphasis) {
                PangoAttrList *a = pango_attr_list_new();
                pango_attr_list_insert(a, pango_attr_weight_new(PANGO_WEIGHT_BOLD));
                pango_layout_set_attributes(l, a);
                pango_attr_list_unref(a);
            }
            int pw;
            pango_layout_get_size(l, &pw, NULL);
            g_object_unref(l);
            if (pw > widest)
                widest = pw;
        }
        g_strfreev(words);
    }
    g_hash_table_destroy(seen);
    return widest;
}

void rp_diagram_build(PangoContext *pc, rp_styles *styles, xmlNodePtr n, rp_unit width,
                      rp_unit max_height, rp_item *it, rp_diag *d, const char *culprit)
{
    diagram g = {0};
    read_diagram(&g, n, d, culprit);
    char *ns = prop(n, "node-style"), *ls = prop(n, "label-style");
    const rp_style *node_st = rp_styles_get(styles, ns, n);
    const rp_style *label_st = ls ? rp_styles_get(styles, ls, n) : node_st;
    free(ns);
    free(ls);

    /* Columns: each lane as wide as its fullest tier. */
    size_t *slots = rp_xcalloc(g.nlanes + 1, sizeof *slots);
    size_t *lane_base = rp_xcalloc(g.nlanes + 1, sizeof *lane_base);
    size_t *in_cell = rp_xcalloc(g.ntiers * g.nlanes + 1, sizeof *in_cell);
    for (size_t i = 0; i < g.nnodes; i++)
        in_cell[(size_t)g.nodes[i].tier * g.nlanes + (size_t)g.nodes[i].lane]++;
    size_t total = 0;
    for (size_t l = 0; l < g.nlanes; l++) {
        for (size_t t = 0; t < g.ntiers; t++)
            if (in_cell[t * g.nlanes + l] > slots[l])
                slots[l] = in_cell[t * g.nlanes + l];
        if (!slots[l])
            slots[l] = 1;
        lane_base[l] = total;
        total += slots[l];
    }
    order_nodes(&g, lane_base);

    /* The gutter on the left holds the tier labels. */
    rp_unit gutter = 0;
    for (size_t t = 0; t < g.ntiers; t++) {
        if (!*g.tier_labels[t])
            continue;
        PangoLayout *l = rp_text_layout(pc, label_st, g.tier_labels[t], -1);
        int w;
        pango_layout_get_size(l, &w, NULL);
        g_object_unref(l);
        if (w + RP_PT(8) > gutter)
            gutter = w + RP_PT(8);
    }
    /* Boxes must be wide enough for their longest word: if the measure is
     * too narrow, lay the diagram out wider and scale it down to fit. */
    rp_unit min_box = widest_word(pc, node_st, &g) + 2 * RP_NODE_PAD + RP_NODE_GAP;
    rp_unit natural = gutter + (rp_unit)total * min_box + (rp_unit)(g.nlanes - 1) * RP_LANE_GAP;
    rp_unit layout_w = natural > width ? natural : width;
    rp_unit inner = layout_w - gutter - (rp_unit)(g.nlanes - 1) * RP_LANE_GAP;
    rp_unit slot = total ? inner / (rp_unit)total : inner;
    /* A lone box in a wide lane stays box-sized: a label spread across
     * half a page reads as a banner, not a role. */
    rp_unit box_w = slot - RP_NODE_GAP;
    rp_unit max_box = min_box * 3 > RP_PT(110) ? min_box * 3 : RP_PT(110);
    rp_unit inset = box_w > max_box ? (box_w - max_box) / 2 : 0;
    if (box_w > max_box)
        box_w = max_box;

    /* Lane headings across the top. */
    rp_unit y = 0, head_h = 0;
    rp_unit *lane_x = rp_xcalloc(g.nlanes + 1, sizeof *lane_x);
    for (size_t l = 0; l < g.nlanes; l++) {
        lane_x[l] = gutter + (rp_unit)lane_base[l] * slot + (rp_unit)l * RP_LANE_GAP;
        rp_unit lw = (rp_unit)slots[l] * slot - RP_NODE_GAP;
        PangoLayout *pl = rp_text_layout(pc, label_st, g.lane_labels[l], lw);
        pango_layout_set_alignment(pl, PANGO_ALIGN_CENTER);
        pango_layout_set_wrap(pl, PANGO_WRAP_WORD);
        int h;
        pango_layout_get_size(pl, NULL, &h);
        text_op(it, pl, lane_x[l] + RP_NODE_GAP / 2, 0, label_st);
        g_object_unref(pl);
        if (h > head_h)
            head_h = h;
    }
    y = head_h + (head_h ? RP_PT(8) : 0);

    /* Tiers, top to bottom: boxes as tall as the tallest label. */
    PangoLayout **labels = rp_xcalloc(g.nnodes + 1, sizeof *labels);
    rp_unit *tier_h = rp_xcalloc(g.ntiers + 1, sizeof *tier_h), boxes_h = 0;
    for (size_t t = 0; t < g.ntiers; t++) {
        rp_unit h = 0;
        for (size_t i = 0; i < g.nnodes; i++) {
            if (g.nodes[i].tier != (int)t)
                continue;
            labels[i] = rp_text_layout(pc, node_st, g.nodes[i].label, box_w - 2 * RP_NODE_PAD);
            pango_layout_set_alignment(labels[i], PANGO_ALIGN_CENTER);
            int lh;
            pango_layout_get_size(labels[i], NULL, &lh);
            if (lh + 2 * RP_NODE_PAD > h)
                h = lh + 2 * RP_NODE_PAD;
        }
        tier_h[t] = h ? h : node_st->font_size * 2;
        boxes_h += tier_h[t];
    }
    /* Spread the tiers over the height there is (in the diagram's own
     * scale), up to a generous gap: long arrows read more easily than a
     * crowded band. */
    rp_unit gap = RP_TIER_GAP;
    if (max_height > 0 && g.ntiers > 1) {
        double s0 = layout_w > width ? (double)width / (double)layout_w : 1.0;
        rp_unit room = (rp_unit)(max_height / s0) - y - boxes_h;
        rp_unit even = room / (rp_unit)(g.ntiers - 1);
        if (even > gap)
            gap = even < RP_TIER_GAP * 3 ? even : RP_TIER_GAP * 3;
    }
    for (size_t t = 0; t < g.ntiers; t++) {
        rp_unit h = tier_h[t];
        for (size_t i = 0; i < g.nnodes; i++) {
            dnode *nd = &g.nodes[i];
            if (nd->tier != (int)t)
                continue;
            size_t k = in_cell[(size_t)nd->tier * g.nlanes + (size_t)nd->lane];
            double offset = ((double)slots[nd->lane] - (double)k) / 2 + nd->pos;
            nd->x = lane_x[nd->lane] + (rp_unit)(offset * slot) + RP_NODE_GAP / 2 + inset;
            nd->y = y;
            nd->w = box_w;
            nd->h = h;
        }
        if (*g.tier_labels[t]) {
            PangoLayout *pl = rp_text_layout(pc, label_st, g.tier_labels[t], gutter - RP_PT(8));
            pango_layout_set_wrap(pl, PANGO_WRAP_WORD);
            int lh;
            pango_layout_get_size(pl, NULL, &lh);
            text_op(it, pl, 0, y + (h - lh) / 2, label_st);
            g_object_unref(pl);
        }
        y += h + gap;
    }
    /* Sideways moves bow below their tier: the lowest tier's need room. */
    int bows_below = 0;
    for (size_t e = 0; e < g.nedges; e++) {
        const dnode *a = &g.nodes[g.edges[e].from], *b = &g.nodes[g.edges[e].to];
        if ((g.edges[e].lateral || a->tier == b->tier) && a->tier == (int)g.ntiers - 1)
            bows_below = 1;
    }
    rp_unit height = y - gap + (bows_below ? RP_PT(18) : 0);

    /* Edges under the boxes: ports spread along the sides they meet. */
    g_qsort_with_data(g.edges, (gint)g.nedges, sizeof *g.edges, cmp_edge_src, &g);
    for (size_t e = 0; e < g.nedges; e++) {
        dnode *a = &g.nodes[g.edges[e].from], *b = &g.nodes[g.edges[e].to];
        if (g.edges[e].lateral || a->tier == b->tier)
            continue;
        (a->tier > b->tier ? a : b)->nout++;
        (a->tier > b->tier ? b : a)->nin++;
    }
    rp_unit lw = RP_PT(0.5);
    uint32_t ecolor = node_st->border_color ? node_st->border_color : 0x667788;
    /* Arrows a shade lighter than the boxes: the roles are what the eye
     * should find first, the routes second. */
    uint32_t acolor = lighten(ecolor, 0.35);
    for (size_t e = 0; e < g.nedges; e++) {
        dnode *a = &g.nodes[g.edges[e].from], *b = &g.nodes[g.edges[e].to];
        if (g.edges[e].lateral || a->tier == b->tier) {
            /* Sideways moves: a dashed curve under the tier. */
            rp_unit x0 = a->x + a->w / 2, x1 = b->x + b->w / 2;
            edge_op(it, x0, a->y + a->h, x1, b->y + b->h, 3, acolor, lw);
            continue;
        }
        /* Up the ladder: from the top of the lower box to the bottom of the
         * upper one (or down, when the data says so). */
        int up = a->tier > b->tier;
        rp_unit x0 = port(a->x, a->w, up ? a->kout++ : a->kin++, up ? a->nout : a->nin);
        rp_unit x1 = port(b->x, b->w, up ? b->kin++ : b->kout++, up ? b->nin : b->nout);
        edge_op(it, x0, up ? a->y : a->y + a->h, x1, up ? b->y + b->h : b->y, 0, acolor, lw);
    }

    /* Boxes over the edges, then their labels (every box before any
     * label, so that boxes alike are painted at once); a box with href is
     * a link. */
    for (size_t i = 0; i < g.nnodes; i++) {
        dnode *nd = &g.nodes[i];
        rp_op *box = rp_item_op(it, RP_OP_BOX);
        box->x = nd->x;
        box->y = nd->y;
        box->w = nd->w;
        box->h = nd->h;
        box->color = nd->emphasis ? ecolor : node_st->has_background ? node_st->background
                                                                     : 0xffffff;
        box->color2 = ecolor;
        box->lw = nd->emphasis ? RP_PT(1.2) : RP_PT(0.6);
    }
    for (size_t i = 0; i < g.nnodes; i++) {
        dnode *nd = &g.nodes[i];
        if (labels[i]) {
            if (nd->emphasis) {
                PangoAttrList *a = pango_attr_list_new();
                pango_attr_list_insert(a, pango_attr_foreground_new(0xffff, 0xffff, 0xffff));
                pango_attr_list_insert(a, pango_attr_weight_new(PANGO_WEIGHT_BOLD));
                pango_layout_set_attributes(labels[i], a);
                pango_attr_list_unref(a);
            }
            int lh;
            pango_layout_get_size(labels[i], NULL, &lh);
            text_op(it, labels[i], nd->x + RP_NODE_PAD, nd->y + (nd->h - lh) / 2, node_st);
            g_object_unref(labels[i]);
        }
        if (nd->href) {
            rp_op *op = rp_item_op(it, RP_OP_LINK);
            op->x = nd->x;
            op->y = nd->y;
            op->w = nd->w;
            op->h = nd->h;
            op->text = rp_xstrdup(nd->href);
        }
    }

    /* The text alternative: what the picture says, in words. */
    char *alt = prop(n, "alt");
    if (!alt) {
        rp_buf b = {0};
        rp_buf_printf(&b, "Diagram of %zu roles.", g.nnodes);
        for (size_t e = 0; e < g.nedges; e++)
            rp_buf_printf(&b, " %s %s %s.", g.nodes[g.edges[e].from].label,
                          g.edges[e].lateral ? "can move across to" : "leads to",
                          g.nodes[g.edges[e].to].label);
        alt = b.s;
    }
    it->alt = alt;
    height = height > 0 ? height : 0;
    double scale = layout_w > width ? (double)width / (double)layout_w : 1.0;
    if (max_height > 0 && height * scale > max_height)
        scale = (double)max_height / (double)height;
    it->height = (rp_unit)(height * scale);
    it->scale = scale < 1.0 ? scale : 0;
    free(labels);
    free(in_cell);
    free(tier_h);
    free(lane_x);
    free(slots);
    free(lane_base);
    free_diagram(&g);
}
