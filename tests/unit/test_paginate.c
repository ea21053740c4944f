/* test_paginate.c - the paginator on synthetic items: exact page ranges. */
#include "harness.h"
#include "typeset.h"

#include <stdlib.h>

#define H RP_PT(10)

static rp_item items[400];
static size_t nitems;

static rp_item *add(rp_unit h)
{
    rp_item *it = &items[nitems++];
    memset(it, 0, sizeof *it);
    it->height = h;
    it->section = -1;
    return it;
}

static void reset(void)
{
    nitems = 0;
}

/* Pagination as the pager does it, the items given one at a time while
 * they are still being made: the same pages, the same warnings. */
static void check_in_pieces(const rp_pagelist *whole, const rp_unit *bodies, size_t warnings)
{
    rp_diag *d = rp_diag_new();
    rp_pagelist pieces = {0};
    rp_paginator pg = {0};
    for (size_t n = 0; n <= nitems; n++)
        rp_paginate_more(&pg, items, n, 0, bodies, 0, &pieces, "test", d);
    rp_paginate_more(&pg, items, nitems, 1, bodies, 0, &pieces, "test", d);
    INT_EQ(pieces.n, whole->n);
    for (size_t i = 0; i < pieces.n && i < whole->n; i++) {
        INT_EQ(pieces.v[i].first, whole->v[i].first);
        INT_EQ(pieces.v[i].end, whole->v[i].end);
        INT_EQ(pieces.v[i].hdr_first, whole->v[i].hdr_first);
        INT_EQ(pieces.v[i].hdr_count, whole->v[i].hdr_count);
        INT_EQ(pieces.v[i].tpl, whole->v[i].tpl);
    }
    INT_EQ(rp_diag_count(d), warnings);
    free(pieces.v);
    rp_diag_free(d);
}

static rp_pagelist run(rp_unit body, rp_diag *d)
{
    rp_pagelist pages = {0};
    rp_unit bodies[2] = {body, body * 2};
    size_t before = rp_diag_count(d);
    rp_paginate(items, nitems, bodies, 0, &pages, "test", d);
    check_in_pieces(&pages, bodies, rp_diag_count(d) - before);
    return pages;
}

static void test_fill(void)
{
    reset();
    for (int i = 0; i < 25; i++)
        add(H);
    rp_diag *d = rp_diag_new();
    rp_pagelist p = run(10 * H, d);
    INT_EQ(p.n, 3);
    INT_EQ(p.v[0].first, 0);
    INT_EQ(p.v[0].end, 10);
    INT_EQ(p.v[1].end, 20);
    INT_EQ(p.v[2].end, 25);
    INT_EQ(rp_diag_count(d), 0);
    free(p.v);
    rp_diag_free(d);
}

static void test_space_dropped_at_top(void)
{
    /* 9 items then one with 5 units of space before: it does not fit; on
     * the next page its space disappears. */
    reset();
    for (int i = 0; i < 10; i++)
        add(H)->space_before = i ? RP_PT(1) : 0;
    rp_diag *d = rp_diag_new();
    rp_pagelist p = run(10 * H, d);
    /* 10 items need 100 + 9 = 109 pt: the 10th goes over. */
    INT_EQ(p.n, 2);
    INT_EQ(p.v[0].end, 9);
    INT_EQ(p.v[1].first, 9);
    free(p.v);
    rp_diag_free(d);
}

static void test_keep_with_next(void)
{
    /* A heading (kept with next) at the foot of the page moves over. */
    reset();
    for (int i = 0; i < 9; i++)
        add(H);
    add(H)->keep_with_next = 1; /* item 9: heading, last slot of page 1 */
    add(H);                     /* item 10 */
    rp_diag *d = rp_diag_new();
    rp_pagelist p = run(10 * H, d);
    INT_EQ(p.n, 2);
    INT_EQ(p.v[0].end, 9);
    INT_EQ(p.v[1].first, 9);
    INT_EQ(p.v[1].end, 11);
    INT_EQ(rp_diag_count(d), 0);
    free(p.v);
    rp_diag_free(d);
}

static void test_widows_orphans(void)
{
    /* Eight lines fill a page, then a 4-line paragraph with orphans=2 and
     * widows=2 (keeps after line 0 and line 2): one line left on the page
     * would be an orphan, so the paragraph starts on page 2. */
    reset();
    for (int i = 0; i < 9; i++)
        add(H);
    rp_item *l0 = add(H);
    add(H);
    rp_item *l2 = add(H);
    add(H);
    l0->keep_with_next = 1;
    l2->keep_with_next = 1;
    rp_diag *d = rp_diag_new();
    rp_pagelist p = run(10 * H, d);
    INT_EQ(p.n, 2);
    INT_EQ(p.v[0].end, 9);
    /* With room for two lines, lines 0-1 stay and 2-3 move: no widow. */
    reset();
    for (int i = 0; i < 8; i++)
        add(H);
    l0 = add(H);
    add(H);
    l2 = add(H);
    add(H);
    l0->keep_with_next = 1;
    l2->keep_with_next = 1;
    free(p.v);
    p = run(10 * H, d);
    INT_EQ(p.n, 2);
    INT_EQ(p.v[0].end, 10);
    INT_EQ(p.v[1].end, 12);
    free(p.v);
    rp_diag_free(d);
}

static void test_forced_break_no_empty_page(void)
{
    reset();
    add(H)->break_before = 1; /* at the very start: no empty first page */
    add(H);
    add(H)->break_before = 1;
    rp_diag *d = rp_diag_new();
    rp_pagelist p = run(10 * H, d);
    INT_EQ(p.n, 2);
    INT_EQ(p.v[0].end, 2);
    INT_EQ(p.v[1].first, 2);
    free(p.v);
    rp_diag_free(d);
}

static void test_keep_longer_than_page(void)
{
    /* A keep chain of 35 lines cannot fit a 10-line page: break as late as
     * possible, with one warning for the chain, and still terminate. */
    reset();
    for (int i = 0; i < 35; i++)
        add(H)->keep_with_next = i < 34;
    rp_diag *d = rp_diag_new();
    rp_pagelist p = run(10 * H, d);
    INT_EQ(p.n, 4);
    INT_EQ(p.v[0].end, 10);
    INT_EQ(rp_diag_count(d), 1);
    CHECK(strstr(rp_diag_get(d, 0)->message, "longer than a page") != NULL);
    free(p.v);
    rp_diag_free(d);
}

static void test_tall_item(void)
{
    reset();
    add(H);
    add(30 * H);
    add(H);
    rp_diag *d = rp_diag_new();
    rp_pagelist p = run(10 * H, d);
    INT_EQ(p.n, 3);
    INT_EQ(p.v[1].first, 1);
    INT_EQ(p.v[1].end, 2);
    INT_EQ(rp_diag_count(d), 1);
    CHECK(strstr(rp_diag_get(d, 0)->message, "taller than the page") != NULL);
    free(p.v);
    rp_diag_free(d);
}

static void test_table_header_repeat(void)
{
    /* A header row (height 2H) then 20 body rows of H: page 1 holds the
     * header and 8 rows; page 2 repeats the header, so it holds 8 rows. */
    reset();
    rp_item *h = add(2 * H);
    h->is_header = 1;
    h->keep_with_next = 1;
    for (int i = 0; i < 20; i++) {
        rp_item *r = add(H);
        r->hdr_first = 0;
        r->hdr_count = 1;
        r->hdr_height = 2 * H;
    }
    rp_diag *d = rp_diag_new();
    rp_pagelist p = run(10 * H, d);
    INT_EQ(p.n, 3);
    INT_EQ(p.v[0].end, 9);
    INT_EQ(p.v[0].hdr_count, 0);
    INT_EQ(p.v[1].first, 9);
    INT_EQ(p.v[1].end, 17);
    INT_EQ(p.v[1].hdr_count, 1);
    INT_EQ(p.v[1].hdr_first, 0);
    INT_EQ(p.v[2].end, 21);
    free(p.v);
    rp_diag_free(d);
}

static void test_template_change_breaks(void)
{
    reset();
    add(H);
    add(H)->tpl = 1;
    for (int i = 0; i < 15; i++)
        add(H)->tpl = 1; /* template 1 has a body twice as tall */
    rp_diag *d = rp_diag_new();
    rp_pagelist p = run(10 * H, d);
    INT_EQ(p.n, 2);
    INT_EQ(p.v[0].end, 1);
    INT_EQ(p.v[1].tpl, 1);
    INT_EQ(p.v[1].end, 17);
    free(p.v);
    rp_diag_free(d);
}

static void test_many_pages_terminate(void)
{
    reset();
    for (int i = 0; i < 400; i++)
        add(H);
    rp_diag *d = rp_diag_new();
    rp_pagelist p = run(10 * H, d);
    INT_EQ(p.n, 40);
    free(p.v);
    rp_diag_free(d);
}

int main(void)
{
    test_fill();
    test_space_dropped_at_top();
    test_keep_with_next();
    test_widows_orphans();
    test_forced_break_no_empty_page();
    test_keep_longer_than_page();
    test_tall_item();
    test_table_header_repeat();
    test_template_change_breaks();
    test_many_pages_terminate();
    TEST_MAIN_END();
}
