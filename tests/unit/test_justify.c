/* test_justify.c - composed paragraphs justified by rp_compose_finish
 * (laid out without a width, shaped once) come out as Pango justifies
 * them given the measure: every glyph of every line the same width and
 * offset, with indents either way, letter spacing and no-break spaces.
 * Lines the breaker shrank, which Pango cannot narrow, have only their
 * spaces narrowed, each line to the measure.  A copy and a layout Pango
 * laid out again are justified too; lines with no space to stretch are
 * left to Pango. */
#include "context_fixture.h"

#include <stdlib.h>

/* Lines stretched by the justification, and paragraphs compared with
 * Pango's (so that the test is seen to test something). */
static int lines_stretched, compared_with_pango;

/* Whether a and b have the same lines, runs and glyph geometry. */
static void same_glyphs(PangoLayout *a, PangoLayout *b)
{
    GSList *la = pango_layout_get_lines_readonly(a), *lb = pango_layout_get_lines_readonly(b);
    INT_EQ(g_slist_length(la), g_slist_length(lb));
    for (; la && lb; la = la->next, lb = lb->next) {
        PangoLayoutLine *x = la->data, *y = lb->data;
        INT_EQ(g_slist_length(x->runs), g_slist_length(y->runs));
        for (GSList *ra = x->runs, *rb = y->runs; ra && rb; ra = ra->next, rb = rb->next) {
            PangoGlyphString *ga = ((PangoGlyphItem *)ra->data)->glyphs;
            PangoGlyphString *gb = ((PangoGlyphItem *)rb->data)->glyphs;
            INT_EQ(ga->num_glyphs, gb->num_glyphs);
            for (int i = 0; i < ga->num_glyphs && i < gb->num_glyphs; i++) {
                INT_EQ(ga->glyphs[i].glyph, gb->glyphs[i].glyph);
                INT_EQ(ga->glyphs[i].geometry.width, gb->glyphs[i].geometry.width);
                INT_EQ(ga->glyphs[i].geometry.x_offset, gb->glyphs[i].geometry.x_offset);
                INT_EQ(ga->glyphs[i].geometry.y_offset, gb->glyphs[i].geometry.y_offset);
            }
        }
        /* the extents but their width, which Pango cached before the
         * justification: rp_compose_line_width has it */
        PangoRectangle ra, rb;
        pango_layout_line_get_extents(x, NULL, &ra);
        pango_layout_line_get_extents(y, NULL, &rb);
        INT_EQ(ra.x, rb.x);
        INT_EQ(ra.y, rb.y);
        INT_EQ(ra.height, rb.height);
        INT_EQ(rp_compose_line_width(x), ra.width);
        INT_EQ(rp_compose_line_width(y), ra.width);
    }
}

/* Lines whose spaces rp_compose_finish narrowed (so that the test is
 * seen to test them). */
static int lines_narrowed;

static int expandable(const char *s)
{
    return s[0] == ' ' || g_str_has_prefix(s, "\u00A0");
}

/* The measure of line, less the indent Pango gives it. */
static int line_measure(PangoLayout *l, PangoLayoutLine *line, rp_unit measure)
{
    int indent = pango_layout_get_indent(l);
    if (line->is_paragraph_start ? indent > 0 : indent < 0)
        return (int)measure - abs(indent);
    return (int)measure;
}

/* Whether justified has the lines, runs and glyphs of plain (the same
 * paragraph unjustified), each glyph as wide but the spaces, which are
 * all widened or all narrowed; each line but the last as wide as the
 * measure, and the last no wider.  count: add its lines to the
 * counters (once a paragraph). */
static void check_spread(PangoLayout *justified, PangoLayout *plain, rp_unit measure, int count)
{
    const char *text = pango_layout_get_text(plain);
    GSList *la = pango_layout_get_lines_readonly(justified);
    GSList *lb = pango_layout_get_lines_readonly(plain);
    INT_EQ(g_slist_length(la), g_slist_length(lb));
    for (; la && lb; la = la->next, lb = lb->next) {
        PangoLayoutLine *x = la->data, *y = lb->data;
        int width = rp_compose_line_width(x), natural = rp_compose_line_width(y);
        int full = line_measure(justified, x, measure);
        if (la->next)
            INT_EQ(width, full);
        CHECK(width <= full);
        lines_narrowed += count && natural > full;
        lines_stretched += count && la->next && natural < full;
        INT_EQ(g_slist_length(x->runs), g_slist_length(y->runs));
        for (GSList *ra = x->runs, *rb = y->runs; ra && rb; ra = ra->next, rb = rb->next) {
            PangoGlyphItem *run = rb->data;
            PangoGlyphString *ga = ((PangoGlyphItem *)ra->data)->glyphs, *gb = run->glyphs;
            INT_EQ(ga->num_glyphs, gb->num_glyphs);
            for (int i = 0; i < ga->num_glyphs && i < gb->num_glyphs; i++) {
                INT_EQ(ga->glyphs[i].glyph, gb->glyphs[i].glyph);
                INT_EQ(ga->glyphs[i].geometry.x_offset, gb->glyphs[i].geometry.x_offset);
                int wa = ga->glyphs[i].geometry.width, wb = gb->glyphs[i].geometry.width;
                if (!expandable(text + run->item->offset + gb->log_clusters[i]))
                    INT_EQ(wa, wb);
                else if (natural > full)
                    CHECK(wa < wb);
                else
                    CHECK(wa >= wb);
            }
        }
    }
}

/* text composed at measure with style st; *rc gets rp_compose's answer,
 * *shrunk whether it shrank a line. */
static PangoLayout *composed(rp_context *ctx, PangoContext *pc, const rp_style *st,
                             const char *text, rp_unit measure, int *rc, int *shrunk)
{
    PangoLayout *l = rp_text_layout(pc, st, text, -1);
    rp_links links = {0};
    rp_composed how = {0};
    *rc = rp_compose(ctx, l, st, measure, &links, st->hyphen_width, 1, &how);
    *shrunk = 0;
    for (size_t i = 0; *rc == RP_COMPOSED_JUSTIFIED && i < links.nratios; i++)
        *shrunk |= links.ratios[i] < 0;
    free(links.ratios);
    return l;
}

/* Pango's justification of the composed l. */
static PangoLayout *by_pango(PangoLayout *l, rp_unit measure)
{
    PangoLayout *ref = pango_layout_copy(l);
    pango_layout_set_width(ref, measure);
    pango_layout_set_justify(ref, TRUE);
    return ref;
}

/* Paragraphs where the narrowing put letter spacing both before and
 * after the colour of add_colour. */
static int interleaved;

/* Where the colour of add_colour starts: at its text's "data". */
static guint colour_start(PangoLayout *l)
{
    const char *text = pango_layout_get_text(l), *at = strstr(text, "data");
    return at ? (guint)(at - text) : 0;
}

/* A colour over l's text from "data" to the end. */
static void add_colour(PangoLayout *l)
{
    PangoAttrList *a = pango_layout_get_attributes(l);
    a = a ? pango_attr_list_copy(a) : pango_attr_list_new();
    PangoAttribute *c = pango_attr_foreground_new(0xffff, 0, 0);
    c->start_index = colour_start(l);
    c->end_index = (guint)strlen(pango_layout_get_text(l));
    pango_attr_list_insert(a, c);
    pango_layout_set_attributes(l, a);
    pango_attr_list_unref(a);
}

/* l's attributes in order of their starts, the colour of add_colour
 * among them once, and (narrowed) letter spacing before and after it. */
static void check_attrs(PangoLayout *l, int narrowed)
{
    guint len = (guint)strlen(pango_layout_get_text(l)), from = colour_start(l), last = 0;
    int colour = 0, spacing_before = 0, spacing_after = 0;
    GSList *all = pango_attr_list_get_attributes(pango_layout_get_attributes(l));
    for (GSList *i = all; i; i = i->next) {
        PangoAttribute *a = i->data;
        CHECK(a->start_index >= last);
        last = a->start_index;
        colour += a->klass->type == PANGO_ATTR_FOREGROUND && a->start_index == from &&
                  a->end_index == len;
        if (a->klass->type == PANGO_ATTR_LETTER_SPACING) {
            spacing_before += a->start_index < from;
            spacing_after += a->start_index >= from;
        }
        pango_attribute_destroy(a);
    }
    g_slist_free(all);
    INT_EQ(colour, 1);
    if (narrowed)
        CHECK(spacing_before + spacing_after > 0);
    interleaved += spacing_before && spacing_after;
}

/* Composes text at every measure from..to and checks ours against
 * Pango's (where the breaker shrank no line) and against the paragraph
 * unjustified; returns how many were justified. */
static int compare(rp_context *ctx, const rp_style *st, const char *text, int from, int to)
{
    int justified = 0;
    for (int pt = from; pt <= to; pt += 3) {
        rp_unit measure = RP_PT(pt);
        int rc, shrunk;
        PangoLayout *l = composed(ctx, ctx->pango, st, text, measure, &rc, &shrunk);
        if (rc != RP_COMPOSED_JUSTIFIED) {
            g_object_unref(l);
            continue;
        }
        justified++;
        PangoLayout *ref = shrunk ? NULL : by_pango(l, measure);
        PangoLayout *plain = pango_layout_copy(l);
        compared_with_pango += ref != NULL;
        /* a copy made before its lines are laid out keeps the request */
        rp_compose_justify_later(l, measure);
        PangoLayout *copy = rp_compose_copy(l);
        rp_compose_finish(l);
        check_spread(l, plain, measure, 1);
        if (ref)
            same_glyphs(ref, l);
        rp_compose_finish(l); /* asked again: not stretched twice */
        check_spread(l, plain, measure, 0);
        rp_compose_finish(copy);
        check_spread(copy, plain, measure, 0);
        if (ref) {
            same_glyphs(ref, copy);
            g_object_unref(ref);
        }
        g_object_unref(plain);
        g_object_unref(copy);
        g_object_unref(l);
    }
    return justified;
}

int main(void)
{
    rp_diag *d;
    rp_context *ctx = fixture_context(&d);
    if (!ctx)
        TEST_MAIN_END();
    xmlDocPtr doc = fixture_parse("<document><style name='body' font-family='Noto Sans' "
                                  "font-size='10pt' text-align='justify'/>"
                                  "<style name='hanging' font-family='Noto Serif' "
                                  "font-size='10pt' text-align='justify' first-line-indent='-24pt'/>"
                                  "<style name='indented' font-family='Noto Serif' "
                                  "font-size='10pt' text-align='justify' first-line-indent='18pt'/>"
                                  "<style name='spaced' font-family='Noto Sans' font-size='9pt' "
                                  "text-align='justify' letter-spacing='-0.4pt'/></document>",
                                  "justify.xml");
    rp_styles *s = rp_styles_new(doc, ctx->pango, "t.xsl", d);
    const char *en = "Every team that ships software depends on the platform: each hour it "
                     "is down costs customers and their trust. This role keeps it available, "
                     "answers for its capacity and cost, and makes sure the team learns from "
                     "every incident, writing down what happened and what changes next.";
    /* no-break spaces stretch too (Pango's expandable spaces) */
    const char *nbsp = "Reports to the Head\u00A0of\u00A0Data every quarter on 12\u00A0KPIs, "
                       "from cost per query to time\u00A0to\u00A0recovery, and agrees the "
                       "next quarter's targets with the product and finance teams.";
    const char *const styles[] = {"body", "hanging", "indented", "spaced"};
    for (size_t k = 0; k < sizeof styles / sizeof *styles; k++) {
        const rp_style *st = rp_styles_get(s, styles[k], NULL);
        /* (unhyphenated, a third of the measures cannot be justified
         * within the tolerance and are set ragged) */
        CHECK(compare(ctx, st, en, 100, 400) > 20);
        CHECK(compare(ctx, st, nbsp, 100, 400) > 20);
    }
    CHECK(lines_stretched > 400);
    CHECK(compared_with_pango > 50);

    /* Lines the breaker shrank are among those checked: at 10pt in Noto
     * Sans, some measures make them. */
    CHECK(lines_narrowed > 100);

    /* Laid out again by Pango (its context changed, here its language):
     * the new lines are justified in turn, the ones the breaker shrank
     * narrowed again. */
    const rp_style *body = rp_styles_get(s, "body", NULL);
    int rc, shrunk, pt = 150;
    PangoLayout *l = composed(ctx, ctx->pango, body, en, RP_PT(pt), &rc, &shrunk);
    while (!(rc == RP_COMPOSED_JUSTIFIED && shrunk) && pt < 400) {
        g_object_unref(l);
        l = composed(ctx, ctx->pango, body, en, RP_PT(++pt), &rc, &shrunk);
    }
    INT_EQ(rc, RP_COMPOSED_JUSTIFIED);
    rp_compose_justify_later(l, RP_PT(pt));
    rp_compose_finish(l);
    PangoLanguage *was = pango_context_get_language(ctx->pango);
    pango_context_set_language(ctx->pango, pango_language_from_string("de"));
    PangoLayout *plain = pango_layout_copy(l);
    int narrowed_before = lines_narrowed;
    rp_compose_finish(l);
    check_spread(l, plain, RP_PT(pt), 1);
    CHECK(lines_narrowed > narrowed_before);
    g_object_unref(plain);
    g_object_unref(l);
    pango_context_set_language(ctx->pango, was);

    /* Japanese with a few Latin words: some lines have no space to share
     * the room among, and the paragraph is Pango's (its letters spread),
     * the lines the breaker shrank narrowed first so that Pango keeps
     * them. */
    const char *mixed = "この職務は API gateway と data catalog の運用を担い、営業、製造、"
                        "物流の各部門が毎日生み出すデータを一つの基盤にまとめ、いつ、どこから"
                        "来た数字かを誰でも確かめられる状態を保つことで、部門をまたいだ意思"
                        "決定を速くします。";
    int left_to_pango = 0, shrunk_to_pango = 0;
    for (int m = 100; m <= 300; m += 5) {
        l = composed(ctx, ctx->pango, body, mixed, RP_PT(m), &rc, &shrunk);
        if (rc != RP_COMPOSED_JUSTIFIED) {
            g_object_unref(l);
            continue;
        }
        /* an attribute of the text's own in the middle, among those the
         * narrowing adds: kept, and the list still in order */
        add_colour(l);
        PangoLayout *ref = shrunk ? NULL : by_pango(l, RP_PT(m));
        int lines = pango_layout_get_line_count(l);
        rp_compose_justify_later(l, RP_PT(m));
        rp_compose_finish(l);
        left_to_pango += pango_layout_get_width(l) == RP_PT(m);
        shrunk_to_pango += shrunk && pango_layout_get_width(l) == RP_PT(m);
        INT_EQ(pango_layout_get_line_count(l), lines);
        check_attrs(l, shrunk && pango_layout_get_width(l) == RP_PT(m));
        if (ref) {
            same_glyphs(ref, l);
            g_object_unref(ref);
        }
        g_object_unref(l);
    }
    CHECK(shrunk_to_pango > 0);
    CHECK(interleaved > 0);
    CHECK(left_to_pango > 0);

    rp_styles_free(s);
    xmlFreeDoc(doc);
    INT_EQ(rp_diag_count(d), 0);
    fixture_free(ctx, d);
    TEST_MAIN_END();
}
