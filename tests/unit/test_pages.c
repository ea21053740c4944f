/* test_pages.c - page labels of numbering sequences, anchors' pages. */
#include "harness.h"
#include "typeset.h"

#include <stdlib.h>

static rp_item items[12];

/* The labels of every page, numbered a page at a time as the pager does. */
static char **labels_of(const rp_tdoc *doc, const rp_pagelist *pages)
{
    char **labels = rp_xcalloc(pages->n + 1, sizeof *labels);
    rp_numberer nb = {0};
    for (size_t p = 0; p < pages->n; p++)
        labels[p] = rp_page_label_next(&nb, &doc->items.v[pages->v[p].first]);
    return labels;
}

static void set_doc(rp_tdoc *doc, rp_pagelist *pages)
{
    memset(doc, 0, sizeof *doc);
    memset(items, 0, sizeof items);
    doc->items.v = items;
    doc->items.n = 12;
    /* 12 items, two per page: a cover, front matter in lower-roman from
     * page 2, the body in arabic from page 4. */
    items[2].numbering = RP_NUM_LOWER_ROMAN;
    items[6].numbering = RP_NUM_ARABIC;
    memset(pages, 0, sizeof *pages);
    for (size_t p = 0; p < 6; p++) {
        rp_page *pg = RP_PUSH(pages->v, pages->n, pages->cap);
        memset(pg, 0, sizeof *pg);
        pg->first = 2 * p;
        pg->end = 2 * p + 2;
    }
}

int main(void)
{
    rp_tdoc doc;
    rp_pagelist pages;
    set_doc(&doc, &pages);
    char **labels = labels_of(&doc, &pages);
    STR_EQ(labels[0], "1"); /* before any sequence: arabic */
    STR_EQ(labels[1], "i");
    STR_EQ(labels[2], "ii");
    STR_EQ(labels[3], "1");
    STR_EQ(labels[4], "2");
    STR_EQ(labels[5], "3");

    /* An anchor on item 9 (page 5) is on the page labelled "2". */
    rp_op dest = {.kind = RP_OP_DEST, .text = "target"};
    items[9].ops = &dest;
    items[9].nops = 1;
    rp_pagemap *map = rp_pagemap_new();
    for (size_t p = 0; p < pages.n; p++)
        rp_anchor_page(map, &doc, &pages.v[p], labels[p]);
    STR_EQ(g_hash_table_lookup(map, "target"), "2");
    CHECK(g_hash_table_lookup(map, "missing") == NULL);
    g_hash_table_unref(map);
    rp_labels_free(labels, pages.n);

    /* Roman numerals past the easy ones. */
    items[2].numbering = RP_NUM_UPPER_ROMAN;
    rp_pagelist many = {0};
    rp_item big[60];
    memset(big, 0, sizeof big);
    big[0].numbering = RP_NUM_UPPER_ROMAN;
    doc.items.v = big;
    doc.items.n = 60;
    for (size_t p = 0; p < 60; p++) {
        rp_page *pg = RP_PUSH(many.v, many.n, many.cap);
        memset(pg, 0, sizeof *pg);
        pg->first = p;
        pg->end = p + 1;
    }
    labels = labels_of(&doc, &many);
    STR_EQ(labels[3], "IV");
    STR_EQ(labels[8], "IX");
    STR_EQ(labels[13], "XIV");
    STR_EQ(labels[39], "XL");
    STR_EQ(labels[48], "XLIX");
    rp_labels_free(labels, many.n);

    /* Arabic-Indic digits (an Arabic document), and a page count written
     * like the label of the page it is printed on. */
    big[0].numbering = RP_NUM_ARABIC_INDIC;
    labels = labels_of(&doc, &many);
    STR_EQ(labels[0], "\u0661");
    STR_EQ(labels[9], "\u0661\u0660");
    STR_EQ(labels[59], "\u0666\u0660");
    char *count = rp_number_like(labels[9], 120);
    STR_EQ(count, "\u0661\u0662\u0660");
    free(count);
    rp_labels_free(labels, many.n);
    count = rp_number_like("iv", 12);
    STR_EQ(count, "12");
    free(count);
    free(many.v);
    free(pages.v);
    TEST_MAIN_END();
}
