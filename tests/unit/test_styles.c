/* test_styles.c - style inheritance, defaults, errors. */
#include "context_fixture.h"

static xmlDocPtr parse(const char *xml)
{
    return fixture_parse(xml, "styles.xml");
}

/* A style's ascent and descent are what pango_context_get_metrics gives
 * for its font in the context's language (the largest of the fonts a
 * sample of that language needs), and its hyphen width is that of "-".
 * style.c remembers them per font and language: asked in English, then
 * Japanese, then both again, each must match Pango's answer. */
static rp_unit measured_ascent(rp_context *ctx, const char *lang)
{
    pango_context_set_language(ctx->pango, pango_language_from_string(lang));
    rp_diag *d = rp_diag_new();
    xmlDocPtr doc = parse("<document><style name='b' font-size='11pt' font-weight='bold'/>"
                          "</document>");
    rp_styles *s = rp_styles_new(doc, ctx->pango, "t.xsl", d);
    const rp_style *b = rp_styles_get(s, "b", NULL);
    PangoFontMetrics *m = pango_context_get_metrics(ctx->pango, b->font, NULL);
    INT_EQ(b->ascent, pango_font_metrics_get_ascent(m));
    INT_EQ(b->descent, pango_font_metrics_get_descent(m));
    pango_font_metrics_unref(m);
    PangoLayout *l = pango_layout_new(ctx->pango);
    pango_layout_set_font_description(l, b->font);
    pango_layout_set_text(l, "-", 1);
    int w;
    pango_layout_get_size(l, &w, NULL);
    INT_EQ(b->hyphen_width, w);
    g_object_unref(l);
    rp_unit ascent = b->ascent;
    INT_EQ(rp_diag_count(d), 0);
    rp_styles_free(s);
    xmlFreeDoc(doc);
    rp_diag_free(d);
    return ascent;
}

static void test_measures_per_language(rp_context *ctx)
{
    rp_unit en = measured_ascent(ctx, "en"), ja = measured_ascent(ctx, "ja");
    /* The test means something only if the languages differ. */
    CHECK(en != ja);
    INT_EQ(measured_ascent(ctx, "en"), en);
    INT_EQ(measured_ascent(ctx, "ja"), ja);
}

int main(void)
{
    rp_diag *d;
    rp_context *ctx = fixture_context(&d);
    if (!ctx)
        TEST_MAIN_END();

    xmlDocPtr doc = parse(
        "<document>"
        "<style name='body' font-size='11pt' line-height='1.5' color='#112233'/>"
        "<style name='lead' parent='body' font-size='13pt' space-after='6pt'/>"
        "<style name='quote' parent='lead' font-style='italic' text-align='justify'/>"
        "</document>");
    rp_styles *s = rp_styles_new(doc, ctx->pango, "t.xsl", d);
    const rp_style *q = rp_styles_get(s, "quote", NULL);
    INT_EQ(q->font_size, RP_PT(13));          /* from lead */
    CHECK(q->line_height == 1.5);             /* from body */
    INT_EQ(q->color, 0x112233);               /* from body */
    INT_EQ(q->space_after, RP_PT(6));         /* from lead */
    INT_EQ(q->italic, 1);
    INT_EQ(q->align, RP_ALIGN_JUSTIFY);
    STR_EQ(q->font_family, "Noto Serif");     /* built-in default */
    INT_EQ(q->widows, 2);
    INT_EQ(q->orphans, 2);
    CHECK(q->ascent > 0 && q->descent > 0);
    const rp_style *body = rp_styles_get(s, "body", NULL);
    INT_EQ(body->space_after, 0);             /* a parent is not changed by its child */
    /* Text-only inheritance keeps fonts and drops box properties. */
    const rp_style *t = rp_style_inherit(s, rp_styles_get(s, "lead", NULL));
    INT_EQ(t->font_size, RP_PT(13));
    INT_EQ(t->space_after, 0);
    INT_EQ(rp_diag_count(d), 0);
    /* An unknown name gives the default and one error, however often used. */
    const rp_style *u = rp_styles_get(s, "nope", NULL);
    rp_styles_get(s, "nope", NULL);
    INT_EQ(u->font_size, RP_PT(10));
    INT_EQ(rp_diag_errors(d), 1);
    rp_styles_free(s);
    xmlFreeDoc(doc);

    /* Cycles and unknown parents are errors; huge fonts are clamped. */
    rp_diag *d2 = rp_diag_new();
    doc = parse("<document>"
                "<style name='a' parent='b'/><style name='b' parent='a'/>"
                "<style name='c' parent='zzz'/>"
                "<style name='big' font-size='5000pt'/>"
                "<style name='huge' font-size='1000000000pt'/>"
                "</document>");
    s = rp_styles_new(doc, ctx->pango, "t.xsl", d2);
    CHECK(rp_diag_errors(d2) >= 2);
    int cycle = 0, parent = 0, clamp = 0, invalid = 0;
    for (size_t i = 0; i < rp_diag_count(d2); i++) {
        const char *m = rp_diag_get(d2, i)->message;
        cycle |= strstr(m, "inherits from itself") != NULL;
        parent |= strstr(m, "'zzz' is not defined") != NULL;
        clamp |= strstr(m, "clamped") != NULL;
        invalid |= strstr(m, "invalid font-size=\"1000000000pt\"") != NULL;
    }
    CHECK(invalid);
    CHECK(cycle);
    CHECK(parent);
    CHECK(clamp);
    INT_EQ(rp_styles_get(s, "big", NULL)->font_size, RP_PT(400));
    rp_styles_free(s);
    xmlFreeDoc(doc);
    rp_diag_free(d2);

    test_measures_per_language(ctx);

    fixture_free(ctx, d);
    rp_shutdown();
    TEST_MAIN_END();
}
