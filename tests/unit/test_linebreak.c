/* test_linebreak.c - total-fit line breaking on synthetic widths: the
 * result is checked against an exhaustive search of every set of breaks,
 * and against known cases where greedy filling is worse. */
#include "harness.h"
#include "linebreak.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

#define SPACE 30
#define STRETCH 15
#define SHRINK 10
#define HUGE_STRETCH 1000000

static rp_kp_item items[256];
static size_t n;

static void box(int w)
{
    items[n++] = (rp_kp_item){.type = RP_KP_BOX, .width = w};
}
static void glue(void)
{
    items[n++] = (rp_kp_item){.type = RP_KP_GLUE, .width = SPACE, .stretch = STRETCH,
                              .shrink = SHRINK};
}
static void hyphen(void)
{
    items[n++] = (rp_kp_item){.type = RP_KP_PENALTY, .width = 20, .penalty = 50, .flagged = 1};
}
static void finish(void)
{
    /* As TeX ends a paragraph: no break before the fill glue. */
    items[n++] = (rp_kp_item){.type = RP_KP_PENALTY, .penalty = RP_KP_INFINITY};
    items[n++] = (rp_kp_item){.type = RP_KP_GLUE, .stretch = HUGE_STRETCH};
    items[n++] = (rp_kp_item){.type = RP_KP_PENALTY, .penalty = -RP_KP_INFINITY};
}

/* Demerits of one set of breaks by the rules the breaker follows, or
 * DBL_MAX when a line is out of tolerance or too many hyphens follow. */
static double demerits(const size_t *br, size_t nb, rp_kp_unit width, const rp_kp_params *p)
{
    double total = 0;
    int prev_fit = 1, hyph = 0, prev_flagged = 0;
    size_t start = 0;
    for (size_t k = 0; k < nb; k++) {
        size_t b = br[k];
        int64_t w = 0, y = 0, z = 0;
        for (size_t i = start; i < b; i++) {
            if (items[i].type == RP_KP_BOX)
                w += items[i].width;
            else if (items[i].type == RP_KP_GLUE) {
                w += items[i].width;
                y += items[i].stretch;
                z += items[i].shrink;
            }
        }
        if (items[b].type == RP_KP_PENALTY)
            w += items[b].width;
        double r = w < width ? (y ? (double)(width - w) / y : 1e9)
                   : w > width ? (z ? (double)(width - w) / z : -1e9) : 0;
        if (r < -1 || r > p->tolerance)
            return DBL_MAX;
        double bad = 100 * pow(fabs(r), 3);
        double d = pow(p->line_penalty + bad, 2);
        int pen = items[b].type == RP_KP_PENALTY ? items[b].penalty : 0;
        if (pen > 0)
            d += (double)pen * pen;
        else if (pen > -RP_KP_INFINITY)
            d -= (double)pen * pen;
        int flagged = items[b].type == RP_KP_PENALTY && items[b].flagged;
        hyph = flagged ? hyph + 1 : 0;
        if (hyph > p->max_hyphens_in_row)
            return DBL_MAX;
        if (flagged && prev_flagged)
            d += p->flagged_demerits;
        if (k + 1 == nb && prev_flagged)
            d += p->final_hyphen_demerits;
        int fit = r < -0.5 ? 0 : r <= 0.5 ? 1 : r <= 1 ? 2 : 3;
        if (abs(fit - prev_fit) > 1)
            d += p->fitness_demerits;
        total += d;
        prev_fit = fit;
        prev_flagged = flagged;
        /* The next line starts after the break, past discardable items. */
        start = b + 1;
        while (start < n && items[start].type != RP_KP_BOX &&
               !(items[start].type == RP_KP_PENALTY && items[start].penalty <= -RP_KP_INFINITY))
            start++;
    }
    return total;
}

static int legal(size_t i)
{
    if (items[i].type == RP_KP_PENALTY)
        return items[i].penalty < RP_KP_INFINITY;
    return items[i].type == RP_KP_GLUE && i > 0 && items[i - 1].type == RP_KP_BOX;
}

/* Exhaustive search over subsets of the legal breaks (small n only). */
static double brute_force(rp_kp_unit width, const rp_kp_params *p)
{
    size_t cand[32], nc = 0;
    for (size_t i = 0; i + 1 < n; i++)
        if (legal(i))
            cand[nc++] = i;
    double best = DBL_MAX;
    for (unsigned long mask = 0; mask < (1UL << nc); mask++) {
        size_t br[34], nb = 0;
        for (size_t k = 0; k < nc; k++)
            if (mask & (1UL << k))
                br[nb++] = cand[k];
        br[nb++] = n - 1;
        double d = demerits(br, nb, width, p);
        if (d < best)
            best = d;
    }
    return best;
}

static void test_against_brute_force(void)
{
    rp_kp_params p = rp_kp_defaults();
    srand(7);
    for (int round = 0; round < 200; round++) {
        n = 0;
        int words = 4 + rand() % 9;
        for (int w = 0; w < words; w++) {
            if (w)
                glue();
            box(40 + rand() % 160);
            if (rand() % 4 == 0 && w + 1 < words) {
                hyphen();
                box(30 + rand() % 60);
            }
        }
        finish();
        rp_kp_unit width = 300 + rand() % 300;
        size_t *br = NULL, nb = 0;
        int rc = rp_kp_break(items, n, &width, 1, &p, &br, &nb, NULL);
        double expect = brute_force(width, &p);
        if (expect == DBL_MAX) {
            INT_EQ(rc, -1);
        } else {
            INT_EQ(rc, 0);
            if (rc == 0) {
                double got = demerits(br, nb, width, &p);
                CHECK(fabs(got - expect) < 1e-6 * (1 + expect));
                INT_EQ(br[nb - 1], n - 1);
            }
        }
        free(br);
    }
}

/* First fit, as a line-by-line breaker does: the last break whose line
 * still fits at natural width. */
static size_t greedy(rp_kp_unit width, size_t *br)
{
    size_t nb = 0, start = 0, last = (size_t)-1;
    int64_t w = 0;
    for (size_t i = 0; i < n; i++) {
        if (items[i].type == RP_KP_PENALTY && items[i].penalty <= -RP_KP_INFINITY) {
            br[nb++] = i;
            break;
        }
        if (legal(i) && i > start) {
            int64_t at = w + (items[i].type == RP_KP_PENALTY ? items[i].width : 0);
            if (at > width && last != (size_t)-1) {
                br[nb++] = last;
                start = last + 1;
                while (start < n && items[start].type != RP_KP_BOX)
                    start++;
                i = start - 1;
                w = 0;
                last = (size_t)-1;
                continue;
            }
            last = i;
        }
        if (items[i].type != RP_KP_PENALTY)
            w += items[i].width;
    }
    return nb;
}

static void test_better_than_greedy(void)
{
    /* On every paragraph where first fit is acceptable at all, total fit
     * is at least as good, and on some it is strictly better. */
    rp_kp_params p = rp_kp_defaults();
    srand(11);
    int better = 0, compared = 0;
    for (int round = 0; round < 300; round++) {
        n = 0;
        int words = 8 + rand() % 10;
        for (int w = 0; w < words; w++) {
            if (w)
                glue();
            box(40 + rand() % 120);
        }
        finish();
        rp_kp_unit width = 400 + rand() % 200;
        size_t gb[64];
        size_t ng = greedy(width, gb);
        double g = demerits(gb, ng, width, &p);
        size_t *br = NULL, nb = 0;
        if (rp_kp_break(items, n, &width, 1, &p, &br, &nb, NULL) == 0) {
            double t = demerits(br, nb, width, &p);
            /* first fit may leave a line looser than the tolerance allows */
            CHECK(t <= g + 1e-6);
            better += t < g - 1e-6;
            compared++;
        } else {
            CHECK(g == DBL_MAX); /* nothing feasible for either */
        }
        free(br);
    }
    CHECK(compared > 60);
    CHECK(better > 30);
}

static void test_hyphen_limit(void)
{
    /* Five lines that can only be made by hyphenating: with the limit of
     * two in a row, no three consecutive lines end in a hyphen. */
    rp_kp_params p = rp_kp_defaults();
    p.tolerance = 10;
    n = 0;
    for (int w = 0; w < 10; w++) {
        if (w)
            glue();
        box(100);
        hyphen();
        box(100);
    }
    finish();
    rp_kp_unit width = 360;
    size_t *br = NULL, nb = 0;
    INT_EQ(rp_kp_break(items, n, &width, 1, &p, &br, &nb, NULL), 0);
    int run = 0, worst = 0;
    for (size_t k = 0; k < nb; k++) {
        run = items[br[k]].type == RP_KP_PENALTY && items[br[k]].flagged ? run + 1 : 0;
        if (run > worst)
            worst = run;
    }
    CHECK(worst <= 2);
    free(br);
}

static void test_impossible(void)
{
    /* A word wider than the line: no feasible breaks. */
    rp_kp_params p = rp_kp_defaults();
    n = 0;
    box(100); glue(); box(900); glue(); box(100);
    finish();
    rp_kp_unit width = 400;
    size_t *br = NULL, nb = 0;
    INT_EQ(rp_kp_break(items, n, &width, 1, &p, &br, &nb, NULL), -1);
    free(br);
}

static void test_first_line_width(void)
{
    /* A narrower first line (an indent) is honoured. */
    rp_kp_params p = rp_kp_defaults();
    n = 0;
    for (int w = 0; w < 8; w++) {
        if (w)
            glue();
        box(100);
    }
    finish();
    rp_kp_unit widths[2] = {260, 400};
    size_t *br = NULL, nb = 0;
    INT_EQ(rp_kp_break(items, n, widths, 2, &p, &br, &nb, NULL), 0);
    /* Line 1 holds two words (230 natural), later lines three (360). */
    INT_EQ(br[0], 3);
    free(br);
}

static void test_forced_break_inside(void)
{
    /* A forced break in the middle (a <br/>): the text after it is broken
     * too, not left as one overlong line. */
    rp_kp_params p = rp_kp_defaults();
    n = 0;
    box(100);
    items[n++] = (rp_kp_item){.type = RP_KP_PENALTY, .penalty = RP_KP_INFINITY};
    items[n++] = (rp_kp_item){.type = RP_KP_GLUE, .stretch = HUGE_STRETCH};
    items[n++] = (rp_kp_item){.type = RP_KP_PENALTY, .penalty = -RP_KP_INFINITY};
    size_t forced = n - 1;
    for (int w = 0; w < 9; w++) {
        if (w)
            glue();
        box(100);
    }
    finish();
    rp_kp_unit width = 400;
    size_t *br = NULL, nb = 0;
    INT_EQ(rp_kp_break(items, n, &width, 1, &p, &br, &nb, NULL), 0);
    CHECK(nb >= 4); /* one line before the break, three after */
    INT_EQ(br[0], forced);
    free(br);
    br = NULL;
    INT_EQ(rp_kp_first_fit(items, n, &width, 1, &br, &nb, NULL), 0);
    CHECK(nb >= 4);
    INT_EQ(br[0], forced);
    free(br);
}

/* Each line's natural width: its boxes and inner spaces, the glue at a
 * break gone, a hyphen taken counted. */
static void test_natural_width(void)
{
    n = 0;
    box(100);
    glue();
    box(90);
    hyphen();
    box(80);
    glue();
    box(70);
    finish();
    size_t br[] = {3, 5, n - 1}; /* at the hyphen, at the second space, at the end */
    INT_EQ(rp_kp_natural_width(items, n, br, 0), 100 + SPACE + 90 + 20);
    INT_EQ(rp_kp_natural_width(items, n, br, 1), 80);
    INT_EQ(rp_kp_natural_width(items, n, br, 2), 70);
}

int main(void)
{
    test_natural_width();
    test_forced_break_inside();
    test_against_brute_force();
    test_better_than_greedy();
    test_hyphen_limit();
    test_impossible();
    test_first_line_width();
    TEST_MAIN_END();
}
