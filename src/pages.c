/* pages.c - page numbers as printed.
 *
 * Input: the paginated document.  Output: the label of each page
 * ("iv", "12"), following the numbering sequences that sections start,
 * and the label of the page every anchor lands on (for page-refs and the
 * PDF's page labels).
 */
#include "typeset.h"

#include <stdio.h>
#include <string.h>

static char *roman(int n, int upper)
{
    static const struct {
        int v;
        const char *s;
    } digits[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"},
                  {90, "xc"},  {50, "l"},   {40, "xl"}, {10, "x"},  {9, "ix"},   {5, "v"},
                  {4, "iv"},   {1, "i"}};
    rp_buf b = {0};
    if (n <= 0 || n >= 4000) /* roman numerals end there; fall back */
        rp_buf_printf(&b, "%d", n);
    for (size_t i = 0; n > 0 && n < 4000 && i < sizeof digits / sizeof *digits; i++)
        while (n >= digits[i].v) {
            rp_buf_puts(&b, digits[i].s);
            n -= digits[i].v;
        }
    if (upper)
        for (char *p = b.s; *p; p++)
            *p = (char)(*p - 'a' + 'A');
    return b.s;
}

/* n in the Arabic-Indic digits U+0660 to U+0669: in UTF-8, 0xD9 then
 * 0xA0 to 0xA9. */
static char *arabic_indic(size_t n)
{
    char ascii[32];
    snprintf(ascii, sizeof ascii, "%zu", n);
    rp_buf b = {0};
    for (const char *p = ascii; *p; p++) {
        char digit[3] = {'\xD9', (char)(0xA0 + (*p - '0')), '\0'};
        rp_buf_puts(&b, digit);
    }
    return b.s;
}

char *rp_number_like(const char *label, size_t n)
{
    if (label && (unsigned char)label[0] == 0xD9 && (unsigned char)label[1] >= 0xA0 &&
        (unsigned char)label[1] <= 0xA9)
        return arabic_indic(n);
    return rp_xasprintf("%zu", n);
}

char *rp_page_label_next(rp_numberer *nb, const rp_item *first)
{
    /* A sequence starts on the page whose first item asks for it. */
    if (first->numbering != RP_NUM_NONE) {
        nb->style = first->numbering;
        nb->n = 0;
    }
    int n = ++nb->n;
    rp_numbering style = nb->style ? nb->style : RP_NUM_ARABIC;
    return style == RP_NUM_ARABIC         ? rp_xasprintf("%d", n)
           : style == RP_NUM_ARABIC_INDIC ? arabic_indic((size_t)n)
                                          : roman(n, style == RP_NUM_UPPER_ROMAN);
}

void rp_labels_free(char **labels, size_t n)
{
    for (size_t i = 0; labels && i < n; i++)
        free(labels[i]);
    free(labels);
}

void rp_anchor_page(rp_pagemap *map, const rp_tdoc *doc, const rp_page *p, const char *label)
{
    for (size_t i = p->first; i < p->end; i++) {
        const rp_item *it = &doc->items.v[i];
        for (size_t k = 0; k < it->nops; k++)
            if (it->ops[k].kind == RP_OP_DEST)
                g_hash_table_insert(map, rp_xstrdup(it->ops[k].text), rp_xstrdup(label));
    }
}

rp_pagemap *rp_pagemap_new(void)
{
    return g_hash_table_new_full(g_str_hash, g_str_equal, free, free);
}
