/* test_bidi.c - text of the other direction than its paragraph: the
 * inline builder (paragraph.c) wraps it in bidi isolates, keeping the
 * spaces around it outside; a paragraph all in such a language is
 * isolated whole; a left-to-right paragraph that opens with an isolate
 * keeps its direction; and the language a paragraph's text is in. */
#include "context_fixture.h"

#define LRI "\xE2\x81\xA6"
#define RLI "\xE2\x81\xA7"
#define PDI "\xE2\x81\xA9"

/* The text rp_para_layout makes of the first element of xml, laid out in
 * the direction of pc with the block language lang; *auto_dir says
 * whether Pango may still choose the paragraph's direction. */
static char *text_of(rp_context *ctx, rp_diag *d, PangoContext *pc, const char *lang,
                     const char *xml, int *auto_dir)
{
    xmlDocPtr doc = fixture_parse(xml, "t.xml");
    CHECK(doc != NULL);
    if (!doc)
        return rp_xstrdup("");
    rp_styles *styles = rp_styles_new(doc, pc, "t.xsl", d);
    rp_para_env env = {.pc = pc, .ctx = ctx, .styles = styles, .lang = lang, .hyphenate = 1};
    rp_links links = {0};
    PangoLayout *l = rp_para_layout(&env, rp_styles_get(styles, NULL, NULL),
                                    xmlDocGetRootElement(doc), RP_PT(400), &links, NULL);
    char *text = rp_xstrdup(pango_layout_get_text(l));
    if (auto_dir)
        *auto_dir = pango_layout_get_auto_dir(l);
    g_object_unref(l);
    rp_links_clear(&links);
    rp_styles_free(styles);
    xmlFreeDoc(doc);
    return text;
}

static void expect(rp_context *ctx, rp_diag *d, PangoContext *pc, const char *lang,
                   const char *xml, const char *want)
{
    char *got = text_of(ctx, d, pc, lang, xml, NULL);
    STR_EQ(got, want);
    free(got);
}

static void isolates(rp_context *ctx, rp_diag *d)
{
    PangoContext *rtl = ctx->pango_rtl, *ltr = ctx->pango;
    /* an English passage of an Arabic paragraph, the spaces outside it,
     * though it opens with an element */
    expect(ctx, d, rtl, "ar",
           "<para>عربي <span xml:lang='en'><b>Bold</b> words here.</span> ثم</para>",
           "عربي " LRI "Bold words here." PDI " ثم");
    /* whitespace before the first word is no space, in an isolate too */
    expect(ctx, d, rtl, "ar", "<para>\n  <span xml:lang='en'>Text</span> عربي</para>",
           LRI "Text" PDI " عربي");
    /* a paragraph all of whose text is English, in two spans with ": "
     * between: one isolate, not two */
    expect(ctx, d, rtl, "ar",
           "<para><b><span xml:lang='en'>Name</span></b>: <span xml:lang='en'>text.</span></para>",
           LRI "Name: text." PDI);
    /* an English block (its own or an ancestor's xml:lang) in a
     * right-to-left context, with an Arabic span inside */
    expect(ctx, d, rtl, "en", "<para>Alpha <span xml:lang='ar'>عربي</span> sentence.</para>",
           LRI "Alpha " RLI "عربي" PDI " sentence." PDI);
    /* its own dir, or a leader, keeps the paragraph's direction */
    expect(ctx, d, rtl, "en", "<para dir='rtl'>Alpha sentence.</para>", "Alpha sentence.");
    expect(ctx, d, rtl, "en", "<para>Title<leader/>12</para>", "Title\t12");
    /* the document's own language: nothing added */
    expect(ctx, d, ltr, "en", "<para>Plain <span xml:lang='de'>Text</span>.</para>",
           "Plain Text.");
    /* Arabic's semicolon is Arabic: the cell is not all English */
    expect(ctx, d, rtl, "ar",
           "<cell><span xml:lang='en'>Lead AI</span>؛ <span xml:lang='en'>Lead ML</span></cell>",
           LRI "Lead AI" PDI "؛ " LRI "Lead ML" PDI);
    /* a left-to-right paragraph opening with an Arabic name stays left to
     * right; an unmarked Arabic one is still Pango's to judge */
    int auto_dir = 1;
    char *t = text_of(ctx, d, ltr, "en",
                      "<para><span xml:lang='ar'>عنوان</span>: English text.</para>", &auto_dir);
    STR_EQ(t, RLI "عنوان" PDI ": English text.");
    CHECK(!auto_dir);
    free(t);
    t = text_of(ctx, d, ltr, "en", "<para>فريق أمن المعلومات.</para>", &auto_dir);
    CHECK(auto_dir);
    free(t);
    INT_EQ(rp_diag_count(d), 0);
}

static void text_lang(void)
{
    static const struct {
        const char *xml, *want; /* NULL: none */
        int seen;
    } cases[] = {
        {"<para><span xml:lang='en'>All</span> <b xml:lang='en'>English</b>.</para>", "en", 1},
        {"<para xml:lang='en'>Its own</para>", "en", 1},
        {"<para>Unmarked</para>", NULL, 1},
        {"<para><span xml:lang='en'>Mixed</span> text</para>", NULL, 1},
        {"<para><span xml:lang='en'>One</span>: <span xml:lang='en-GB'>two</span></para>", NULL, 1},
        {"<para><span xml:lang='EN_gb'>One</span> 12 <span xml:lang='en-GB'>two</span></para>",
         "EN_gb", 1},
        {"<para>12 – 14</para>", NULL, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        xmlDocPtr doc = fixture_parse(cases[i].xml, "t.xml");
        int seen = -1;
        const char *got = rp_text_lang(xmlDocGetRootElement(doc), &seen);
        STR_EQ(got ? got : "(none)", cases[i].want ? cases[i].want : "(none)");
        INT_EQ(seen, cases[i].seen);
        xmlFreeDoc(doc);
    }
}

static void run(rp_context *ctx, rp_diag *d)
{
    isolates(ctx, d);
    text_lang();
}

int main(void)
{
    return fixture_main(run);
}
