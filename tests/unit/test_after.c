/* test_after.c - the attributes that change no glyph (colours and run
 * markers), kept apart from Pango's and applied by rp_compose_finish, give
 * the runs Pango gives them when they are its own: the same runs, split
 * at the same places and in the same order, with the same colours, in
 * paragraphs broken by Pango, composed (their text edited by the composer:
 * hyphens, line separators) and copied, with right-to-left words among
 * left-to-right ones. */
#include "context_fixture.h"

#include <stdlib.h>
#include <string.h>

static const char *const words[] = {
    "role", "the", "platform", "owner\u00ADship", "respon\u00ADsi\u00ADbil\u00ADi\u00ADties",
    "of", "fi", "AV", "(see", "page)", "\u2014", "x", "\u05E9\u05DC\u05D5\u05DD",
    "\u0633\u0627\u0639\u0629", "12", "re\u00ADli\u00ADa\u00ADbil\u00ADi\u00ADty"};

/* Japanese: lines with no space, whose paragraph is left to Pango to
 * justify (laid out again, then given the attributes again) */
static const char *const japanese[] = {
    "この職務は", "データを", "一つの基盤に", "まとめ、", "API gateway", "運用を担い、", "誰でも",
    "確かめられる", "状態を保つ。"};

static unsigned next(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return *seed >> 16;
}

typedef struct {
    rp_buf text;
    guint edges[512]; /* word starts and ends: where ranges may begin and end */
    size_t nedges;
    PangoAttrList *pango, *after; /* the same attributes in both */
    int count;
} para;

static void add(para *p, PangoAttribute *a, guint s, guint e)
{
    a->start_index = s;
    a->end_index = e;
    pango_attr_list_insert(p->pango, pango_attribute_copy(a));
    pango_attr_list_insert(p->after, a);
    p->count++;
}

/* Ranges over edges [from, to), nested as the elements of a paragraph
 * are, each inner one added before its outer one (as paragraph.c does). */
static void nest(para *p, unsigned *seed, size_t from, size_t to, int depth)
{
    while (from + 1 < to) {
        size_t s = from + next(seed) % (to - from - 1);
        size_t e = s + 1 + next(seed) % (to - s - 1 < 6 ? to - s - 1 : 6);
        if (depth < 3 && next(seed) % 2)
            nest(p, seed, s, e, depth + 1);
        if (next(seed) % 3 == 0)
            add(p, pango_attr_foreground_alpha_new(65535), p->edges[s], p->edges[s]);
        guint16 c = (guint16)(next(seed) * 13);
        add(p, pango_attr_foreground_new(c, (guint16)(c / 2), 0x1a1a), p->edges[s], p->edges[e]);
        from = e;
    }
}

static void make(para *p, unsigned *seed, const char *const *list, size_t nlist, const char *sep)
{
    memset(p, 0, sizeof *p);
    p->pango = pango_attr_list_new();
    p->after = pango_attr_list_new();
    size_t n = 20 + next(seed) % 100;
    for (size_t i = 0; i < n; i++) {
        if (i)
            rp_buf_puts(&p->text, sep);
        p->edges[p->nedges++] = (guint)p->text.len;
        rp_buf_puts(&p->text, list[next(seed) % nlist]);
        p->edges[p->nedges++] = (guint)p->text.len;
    }
    PangoAttribute *base = pango_attr_foreground_new(0, 0, 0); /* the paragraph's */
    pango_attr_list_insert(p->pango, pango_attribute_copy(base));
    pango_attr_list_insert(p->after, base);
    nest(p, seed, 0, p->nedges, 0);
}

static void unmake(para *p)
{
    pango_attr_list_unref(p->pango);
    pango_attr_list_unref(p->after);
    rp_buf_free(&p->text);
}

/* A layout of p's text; with_pango: its attributes Pango's own, else
 * kept apart for rp_compose_finish. */
static PangoLayout *layout_of(rp_context *ctx, const rp_style *st, para *p, int with_pango)
{
    PangoLayout *l = pango_layout_new(ctx->pango);
    pango_layout_set_font_description(l, st->font);
    pango_layout_set_text(l, p->text.s, (int)p->text.len);
    if (with_pango) {
        pango_layout_set_attributes(l, p->pango);
    } else {
        PangoAttrList *none = pango_attr_list_new();
        pango_layout_set_attributes(l, none);
        pango_attr_list_unref(none);
        PangoAttrList *after = pango_attr_list_copy(p->after);
        rp_compose_set_after(l, after);
        pango_attr_list_unref(after);
    }
    return l;
}

/* The colours of a run, in the order the renderer reads them. */
static void same_colours(const PangoItem *a, const PangoItem *b)
{
    INT_EQ(g_slist_length(a->analysis.extra_attrs), g_slist_length(b->analysis.extra_attrs));
    for (GSList *x = a->analysis.extra_attrs, *y = b->analysis.extra_attrs; x && y;
         x = x->next, y = y->next)
        CHECK(pango_attribute_equal(x->data, y->data));
}

/* Whether a and b have the same lines and runs. */
static int same_runs(PangoLayout *a, PangoLayout *b)
{
    int runs = 0;
    GSList *la = pango_layout_get_lines_readonly(a), *lb = pango_layout_get_lines_readonly(b);
    INT_EQ(g_slist_length(la), g_slist_length(lb));
    for (; la && lb; la = la->next, lb = lb->next) {
        PangoLayoutLine *x = la->data, *y = lb->data;
        INT_EQ(g_slist_length(x->runs), g_slist_length(y->runs));
        for (GSList *ra = x->runs, *rb = y->runs; ra && rb; ra = ra->next, rb = rb->next, runs++) {
            PangoGlyphItem *ga = ra->data, *gb = rb->data;
            INT_EQ(ga->item->offset, gb->item->offset);
            INT_EQ(ga->item->length, gb->item->length);
            INT_EQ(ga->glyphs->num_glyphs, gb->glyphs->num_glyphs);
            INT_EQ(pango_glyph_string_get_width(ga->glyphs), pango_glyph_string_get_width(gb->glyphs));
            same_colours(ga->item, gb->item);
        }
    }
    return runs;
}

static void test(rp_context *ctx, rp_diag *d)
{
    xmlDocPtr doc = fixture_parse("<document><style name='body' font-family='Noto Sans' "
                                  "font-size='10pt' text-align='justify'/></document>",
                                  "after.xml");
    rp_styles *s = rp_styles_new(doc, ctx->pango, "t.xsl", d);
    const rp_style *st = rp_styles_get(s, "body", NULL);
    unsigned seed = 7;
    int runs = 0, attrs = 0, composed = 0, justified = 0;
    for (int round = 0; round < 400; round++) {
        para p;
        if (round % 4 == 3)
            make(&p, &seed, japanese, sizeof japanese / sizeof *japanese, "");
        else
            make(&p, &seed, words, sizeof words / sizeof *words, " ");
        attrs += p.count;
        rp_unit measure = RP_PT(60 + next(&seed) % 300);
        /* broken by Pango */
        PangoLayout *a = layout_of(ctx, st, &p, 1), *b = layout_of(ctx, st, &p, 0);
        pango_layout_set_width(a, (int)measure);
        pango_layout_set_width(b, (int)measure);
        rp_compose_finish(b);
        runs += same_runs(a, b);
        rp_compose_finish(b); /* asked again: applied once */
        same_runs(a, b);
        g_object_unref(a);
        g_object_unref(b);
        /* composed, then copied */
        a = layout_of(ctx, st, &p, 1);
        b = layout_of(ctx, st, &p, 0);
        rp_links la = {0}, lb = {0};
        rp_composed how = {0};
        int rca = rp_compose(ctx, a, st, measure, &la, st->hyphen_width, 1, &how);
        int rcb = rp_compose(ctx, b, st, measure, &lb, st->hyphen_width, 1, &how);
        INT_EQ(rca, rcb);
        if (rca < 0) {
            rp_strip_soft_hyphens(a, &la);
            rp_strip_soft_hyphens(b, &lb);
        }
        composed += rca >= 0;
        if (rca == RP_COMPOSED_JUSTIFIED) { /* as rp_para_layout asks */
            rp_compose_justify_later(a, measure);
            rp_compose_justify_later(b, measure);
            justified++;
        }
        STR_EQ(pango_layout_get_text(a), pango_layout_get_text(b));
        PangoLayout *copy = rp_compose_copy(b);
        rp_compose_finish(a);
        rp_compose_finish(b);
        rp_compose_finish(copy);
        same_runs(a, b);
        same_runs(a, copy);
        free(la.ratios);
        free(lb.ratios);
        g_object_unref(copy);
        g_object_unref(a);
        g_object_unref(b);
        unmake(&p);
    }
    /* so that the test is seen to test something */
    CHECK(runs > 6000);
    CHECK(attrs > 1200);
    CHECK(composed > 100);
    CHECK(justified > 100);
    printf("%d runs compared, %d attributes, %d paragraphs composed, %d justified\n", runs, attrs,
           composed, justified);
    rp_styles_free(s);
    xmlFreeDoc(doc);
}

int main(void)
{
    return fixture_main(test);
}
