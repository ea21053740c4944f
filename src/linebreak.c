/* linebreak.c - Knuth-Plass total-fit line breaking (see linebreak.h).
 *
 * The classic algorithm: walk the items once, keeping the active
 * breakpoints (earlier breaks from which a line could still reach the
 * current one); at each legal break, compute the demerits of a line from
 * every active breakpoint, keep the best new breakpoint per fitness class,
 * and drop active breakpoints whose line has become too long.  Breakpoints
 * also remember how many hyphenated lines end in a row, so that a limit on
 * consecutive hyphens is part of the optimisation rather than a patch.
 * Memory is linear in the number of breakpoints created.
 */
#include "linebreak.h"
#include "util.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

rp_kp_params rp_kp_defaults(void)
{
    rp_kp_params p = {.tolerance = 2.0,
                      .line_penalty = 10,
                      .flagged_demerits = 3000,
                      .fitness_demerits = 100,
                      .final_hyphen_demerits = 5000,
                      .max_hyphens_in_row = 2};
    return p;
}

typedef struct node {
    size_t pos;          /* index of the break item */
    size_t line;         /* lines before this break */
    int fitness;         /* 0 tight, 1 decent, 2 loose, 3 very loose */
    int hyphens;         /* hyphenated lines ending here in a row */
    double total;        /* demerits up to here */
    double ratio;        /* of the line ending here */
    int64_t w, y, z;     /* sums of width, stretch, shrink after the break */
    struct node *prev;
    int active;
} node;

typedef struct {
    node **v;
    size_t n, cap;
} node_list;

static rp_kp_unit line_width(const rp_kp_unit *widths, size_t nwidths, size_t line)
{
    return widths[line < nwidths ? line : nwidths - 1];
}

static int is_legal(const rp_kp_item *it, size_t i)
{
    if (it[i].type == RP_KP_PENALTY)
        return it[i].penalty < RP_KP_INFINITY;
    /* Glue is a break when a box precedes it. */
    return it[i].type == RP_KP_GLUE && i > 0 && it[i - 1].type == RP_KP_BOX;
}

static int fitness_of(double r)
{
    return r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
}

/* Sums after a break at i: from i, skip glue and penalties up to the next
 * box or forced break (they vanish at the start of a line). */
static void after_break(const rp_kp_item *it, size_t n, size_t i, int64_t sw, int64_t sy,
                        int64_t sz, int64_t *w, int64_t *y, int64_t *z)
{
    *w = sw;
    *y = sy;
    *z = sz;
    for (size_t j = i; j < n; j++) {
        if (it[j].type == RP_KP_BOX)
            break;
        if (it[j].type == RP_KP_GLUE) {
            *w += it[j].width;
            *y += it[j].stretch;
            *z += it[j].shrink;
        } else if (it[j].penalty <= -RP_KP_INFINITY && j > i) {
            break;
        }
    }
}

int rp_kp_break(const rp_kp_item *it, size_t n, const rp_kp_unit *widths, size_t nwidths,
                const rp_kp_params *p, size_t **breaks, size_t *nbreaks, double **ratios)
{
    node_list all = {0};   /* every node, for freeing */
    node_list act = {0};   /* active nodes */
    node *start = rp_xcalloc(1, sizeof *start);
    start->fitness = 1;
    start->active = 1;
    *RP_PUSH(all.v, all.n, all.cap) = start;
    *RP_PUSH(act.v, act.n, act.cap) = start;
    int64_t sw = 0, sy = 0, sz = 0; /* running sums up to item i */
    node *final = NULL;
    for (size_t i = 0; i < n && act.n; i++) {
        const rp_kp_item *item = &it[i];
        if (item->type == RP_KP_BOX) {
            sw += item->width;
            continue;
        }
        if (!is_legal(it, i)) {
            if (item->type == RP_KP_GLUE) {
                sw += item->width;
                sy += item->stretch;
                sz += item->shrink;
            }
            continue;
        }
        int forced = item->type == RP_KP_PENALTY && item->penalty <= -RP_KP_INFINITY;
        int flagged = item->type == RP_KP_PENALTY && item->flagged;
        rp_kp_unit pw = item->type == RP_KP_PENALTY ? item->width : 0;
        /* Best candidate per fitness class and hyphen run. */
        node best[4][3];
        double best_d[4][3];
        for (int f = 0; f < 4; f++)
            for (int h = 0; h < 3; h++)
                best_d[f][h] = DBL_MAX;
        size_t keep = 0;
        for (size_t a = 0; a < act.n; a++) {
            node *nd = act.v[a];
            int64_t len = sw - nd->w + pw;
            int64_t target = line_width(widths, nwidths, nd->line);
            double r;
            if (len < target) {
                int64_t st = sy - nd->y;
                r = st > 0 ? (double)(target - len) / (double)st : (forced ? 0 : 1e9);
            } else if (len > target) {
                int64_t sh = sz - nd->z;
                r = sh > 0 ? (double)(target - len) / (double)sh : -1e9;
            } else {
                r = 0;
            }
            /* A line that is already too long stays too long: deactivate. */
            int deactivate = r < -1 || forced;
            if (r >= -1 && (r <= p->tolerance || (forced && r > p->tolerance && sy - nd->y == 0))) {
                double bad = 100.0 * pow(fabs(r), 3);
                if (forced && r > p->tolerance)
                    bad = 0; /* the last line may be short */
                double d = pow(p->line_penalty + bad, 2);
                int pen = item->type == RP_KP_PENALTY ? item->penalty : 0;
                if (pen > 0)
                    d += (double)pen * pen;
                else if (pen > -RP_KP_INFINITY)
                    d -= (double)pen * pen;
                int hy = flagged ? nd->hyphens + 1 : 0;
                int prev_flagged = nd->prev && it[nd->pos].type == RP_KP_PENALTY &&
                                   it[nd->pos].flagged;
                if (flagged && prev_flagged)
                    d += p->flagged_demerits;
                /* A hyphen on the last line but one leaves a fragment alone. */
                if (forced && prev_flagged)
                    d += p->final_hyphen_demerits;
                int fit = fitness_of(r);
                if (abs(fit - nd->fitness) > 1)
                    d += p->fitness_demerits;
                d += nd->total;
                if (hy <= p->max_hyphens_in_row) {
                    int slot = hy > 2 ? 2 : hy;
                    if (d < best_d[fit][slot]) {
                        best_d[fit][slot] = d;
                        best[fit][slot] = (node){.pos = i, .line = nd->line + 1, .fitness = fit,
                                                 .hyphens = hy, .total = d, .ratio = r,
                                                 .prev = nd};
                    }
                }
            }
            if (!deactivate)
                act.v[keep++] = nd;
        }
        act.n = keep;
        int64_t aw, ay, az;
        after_break(it, n, i, sw, sy, sz, &aw, &ay, &az);
        for (int f = 0; f < 4; f++)
            for (int h = 0; h < 3; h++) {
                if (best_d[f][h] == DBL_MAX)
                    continue;
                node *nd = rp_xmalloc(sizeof *nd);
                *nd = best[f][h];
                nd->w = aw;
                nd->y = ay;
                nd->z = az;
                nd->active = 1;
                *RP_PUSH(all.v, all.n, all.cap) = nd;
                if (forced && i + 1 == n) {
                    if (!final || nd->total < final->total)
                        final = nd;
                } else {
                    /* after a forced break inside the paragraph (a <br/>)
                     * the lines go on from the nodes made here alone */
                    *RP_PUSH(act.v, act.n, act.cap) = nd;
                }
            }
        if (item->type == RP_KP_GLUE) {
            sw += item->width;
            sy += item->stretch;
            sz += item->shrink;
        }
        if (forced && i + 1 == n)
            break;
    }
    int rc = -1;
    if (final) {
        size_t k = 0;
        for (node *nd = final; nd->prev; nd = nd->prev)
            k++;
        *breaks = rp_xmalloc(k * sizeof **breaks);
        if (ratios)
            *ratios = rp_xmalloc(k * sizeof **ratios);
        *nbreaks = k;
        for (node *nd = final; nd->prev; nd = nd->prev) {
            k--;
            (*breaks)[k] = nd->pos;
            if (ratios)
                (*ratios)[k] = nd->ratio;
        }
        rc = 0;
    }
    for (size_t i = 0; i < all.n; i++)
        free(all.v[i]);
    free(all.v);
    free(act.v);
    return rc;
}

/* The natural width, stretch and shrink of the line items[from..to)
 * ending at break item to. */
static void line_sums(const rp_kp_item *it, size_t from, size_t to, int64_t *w, int64_t *y,
                      int64_t *z)
{
    *w = *y = *z = 0;
    for (size_t i = from; i < to; i++) {
        if (it[i].type == RP_KP_PENALTY)
            continue;
        *w += it[i].width;
        if (it[i].type == RP_KP_GLUE) {
            *y += it[i].stretch;
            *z += it[i].shrink;
        }
    }
    if (it[to].type == RP_KP_PENALTY)
        *w += it[to].width;
}

/* The adjustment ratio of the line items[from..to) ending at break item to. */
static double line_ratio(const rp_kp_item *it, size_t from, size_t to, rp_kp_unit width)
{
    int64_t w, y, z;
    line_sums(it, from, to, &w, &y, &z);
    if (w < width)
        return y > 0 ? (double)(width - w) / (double)y : 0;
    return z > 0 ? (double)(width - w) / (double)z : (w > width ? -1e9 : 0);
}

static size_t skip_discardable(const rp_kp_item *it, size_t n, size_t i)
{
    while (i < n && it[i].type != RP_KP_BOX &&
           !(it[i].type == RP_KP_PENALTY && it[i].penalty <= -RP_KP_INFINITY))
        i++;
    return i;
}

rp_kp_unit rp_kp_natural_width(const rp_kp_item *it, size_t n, const size_t *breaks, size_t k)
{
    size_t from = k ? skip_discardable(it, n, breaks[k - 1] + 1) : 0;
    int64_t w, y, z;
    line_sums(it, from, breaks[k], &w, &y, &z);
    return (rp_kp_unit)w;
}

int rp_kp_first_fit(const rp_kp_item *it, size_t n, const rp_kp_unit *widths, size_t nwidths,
                    size_t **breaks, size_t *nbreaks, double **ratios)
{
    size_t cap = 0, nb = 0, start = 0, last = (size_t)-1;
    size_t *br = NULL;
    double *rs = NULL;
    int64_t w = 0;
    for (size_t i = 0; i < n; i++) {
        rp_kp_unit target = line_width(widths, nwidths, nb);
        int forced = it[i].type == RP_KP_PENALTY && it[i].penalty <= -RP_KP_INFINITY;
        if (forced || (is_legal(it, i) && i > start)) {
            int64_t at = w + (it[i].type == RP_KP_PENALTY ? it[i].width : 0);
            if (at > target && last != (size_t)-1) {
                /* back to the last break that fitted */
                if (rp_grow((void **)&br, &cap, nb + 1, sizeof *br))
                    rs = rp_xrealloc(rs, cap * sizeof *rs);
                rs[nb] = line_ratio(it, start, last, target);
                br[nb++] = last;
                start = skip_discardable(it, n, last + 1);
                i = start - 1;
                w = 0;
                last = (size_t)-1;
                continue;
            }
            if (forced) {
                if (rp_grow((void **)&br, &cap, nb + 1, sizeof *br))
                    rs = rp_xrealloc(rs, cap * sizeof *rs);
                rs[nb] = 0;
                br[nb++] = i;
                if (i + 1 == n)
                    break;
                start = skip_discardable(it, n, i + 1);
                i = start - 1;
                w = 0;
                last = (size_t)-1;
                continue;
            }
            last = i;
        }
        if (it[i].type != RP_KP_PENALTY)
            w += it[i].width;
    }
    for (size_t k = 0; k < nb; k++)
        if (rs[k] < -1) {
            free(br);
            free(rs);
            return -1;
        }
    *breaks = br;
    *nbreaks = nb;
    if (ratios)
        *ratios = rs;
    else
        free(rs);
    return nb ? 0 : -1;
}
