/* test_parcache.c - paragraphs measured once for every pass: a measuring
 * pass holds no layouts, the drawing pass gets the layout the cache kept
 * (once) or a fresh one with the same lines, and a paragraph with a
 * page-ref is laid out again with the page numbers of the previous pass. */
#include "context_fixture.h"

#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>

static const char layout_xml[] =
    "<document xml:lang='en'><meta><title>t</title></meta>"
    "<page-template name='p' size='A4' margin-top='20mm' margin-bottom='20mm'"
    " margin-left='20mm' margin-right='20mm'/>"
    "<section id='s'><para>Plain text that says the same in every pass, long enough"
    " to be broken into lines by the composer, and then some more words.</para>"
    "<para>See page <page-ref ref='s'/> for more.</para></section></document>";

/* The layout of the first TEXT op of the item-th paragraph (0 or 1), or
 * NULL when the lines were only measured. */
static PangoLayout *para_layout(const rp_tdoc *doc, int which)
{
    PangoLayout *last = NULL;
    int seen = -1;
    for (size_t i = 0; i < doc->items.n; i++)
        for (size_t k = 0; k < doc->items.v[i].nops; k++) {
            const rp_op *op = &doc->items.v[i].ops[k];
            if (op->kind != RP_OP_TEXT || op->layout == last)
                continue;
            last = op->layout;
            if (++seen == which)
                return op->layout;
        }
    return NULL;
}

/* The first element named name under the layout's root, depth first. */
static xmlNodePtr find(xmlNodePtr n, const char *name)
{
    for (; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0)
            return n;
        xmlNodePtr c = find(n->children, name);
        if (c)
            return c;
    }
    return NULL;
}

/* The same lines; heights only: the room they take on the page, all a
 * measuring pass may know of a paragraph it did not shape. */
static int same_lines(const rp_para_lines *a, const rp_para_lines *b, int heights_only)
{
    if (a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++)
        if (a->v[i].top != b->v[i].top || a->v[i].bottom != b->v[i].bottom ||
            (!heights_only &&
             (a->v[i].x != b->v[i].x || a->v[i].width != b->v[i].width ||
              a->v[i].hyphenated != b->v[i].hyphenated)))
            return 0;
    return 1;
}

/* The same breaks: the adjustment ratios of the composed lines. */
static int same_ratios(const rp_links *a, const rp_links *b)
{
    if (a->nratios != b->nratios)
        return 0;
    for (size_t i = 0; i < a->nratios; i++)
        if (fabs(a->ratios[i] - b->ratios[i]) > 1e-9)
            return 0;
    return 1;
}

/* The cache itself: measured once, drawn with the layout it kept, then
 * laid out afresh (it gives a layout away once), the same lines always. */
static void test_para_get(rp_context *ctx, xmlDocPtr layout, rp_diag *d)
{
    rp_styles *styles = rp_styles_new(layout, ctx->pango, "t.xsl", d);
    const rp_style *st = rp_styles_get(styles, NULL, NULL);
    rp_para_env env = {.pc = ctx->pango, .ctx = ctx, .styles = styles, .lang = "en",
                       .hyphenate = 1};
    xmlNodePtr para = find(xmlDocGetRootElement(layout), "para");
    rp_parcache *c = rp_parcache_new();
    rp_links l1 = {0}, l2 = {0}, l3 = {0}, l4 = {0};
    rp_para measured, drawn, again, uncached;
    rp_para_get(c, &env, st, para, RP_PT(200), &l1, 0, &measured);
    CHECK(measured.layout == NULL); /* measuring keeps no layout */
    CHECK(measured.lines.n > 1);
    rp_para_get(c, &env, st, para, RP_PT(200), &l2, 1, &drawn);
    CHECK(drawn.layout != NULL);
    rp_para_get(c, &env, st, para, RP_PT(200), &l3, 1, &again);
    CHECK(again.layout != NULL && again.layout != drawn.layout);
    rp_para_get(NULL, &env, st, para, RP_PT(200), &l4, 1, &uncached);
    /* this plain paragraph is measured without being shaped */
    CHECK(measured.predicted);
    CHECK(same_lines(&measured.lines, &drawn.lines, 1));
    CHECK(!drawn.predicted && !drawn.mispredicted);
    CHECK(same_lines(&drawn.lines, &again.lines, 0));
    CHECK(same_lines(&drawn.lines, &uncached.lines, 0));
    STR_EQ(pango_layout_get_text(drawn.layout), pango_layout_get_text(uncached.layout));
    INT_EQ(l2.nratios, l4.nratios);
    /* Another measure is another paragraph. */
    rp_para narrow;
    rp_links l5 = {0};
    rp_para_get(c, &env, st, para, RP_PT(100), &l5, 0, &narrow);
    CHECK(narrow.lines.n > measured.lines.n);
    rp_para *all[] = {&measured, &drawn, &again, &uncached, &narrow};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        rp_para_clear(all[i]);
    rp_links *links[] = {&l1, &l2, &l3, &l4, &l5};
    for (size_t i = 0; i < sizeof links / sizeof *links; i++)
        rp_links_clear(links[i]);
    rp_parcache_free(c);
    rp_styles_free(styles);
}

/* Paragraphs with the same content are laid out once: the second gets the
 * first one's lines and, when drawn, the same layout; another text, a
 * link elsewhere or another measure is another paragraph. */
static void test_copies(rp_context *ctx, rp_diag *d)
{
    xmlDocPtr doc = fixture_parse(
        "<document xml:lang='en'><style name='body' font-family='Noto Serif' font-size='10pt'"
        " text-align='justify'/><style name='small' parent='body' font-size='9pt'/><para>Same <b>words</b>, <link href='#a'>same link</link>,"
        " long enough to be broken into lines by the composer at this measure.</para>"
        "<para>Same <b>words</b>, <link href='#a'>same link</link>,"
        " long enough to be broken into lines by the composer at this measure.</para>"
        "<para>Same <b>words</b>, <link href='#b'>same link</link>,"
        " long enough to be broken into lines by the composer at this measure.</para>"
        "<para>Die Informationssicherheitsbeauftragte kontrolliert Zugriffsberechtigungen,"
        " Datenschutzfolgenabschaetzungen und Softwareentwicklungsprozesse.</para>"
        "<para>Die Informationssicherheitsbeauftragte kontrolliert Zugriffsberechtigungen,"
        " Datenschutzfolgenabschaetzungen und Softwareentwicklungsprozesse.</para>"
        "</document>",
        "copies.xml");
    rp_styles *styles = rp_styles_new(doc, ctx->pango, "t.xsl", d);
    const rp_style *st = rp_styles_get(styles, "body", NULL);
    rp_para_env env = {.pc = ctx->pango, .ctx = ctx, .styles = styles, .lang = "en",
                       .hyphenate = 1};
    xmlNodePtr p[5], n = xmlDocGetRootElement(doc)->children;
    for (int i = 0; i < 5; n = n->next)
        if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST "para"))
            p[i++] = n;
    rp_parcache *c = rp_parcache_new();
    rp_links lk[5] = {{0}};
    rp_para m[4], dr[3];
    rp_compose_stats before = ctx->stats;
    rp_para_get(c, &env, st, p[0], RP_PT(250), &lk[0], 0, &m[0]);
    rp_compose_stats one = ctx->stats;
    rp_para_get(c, &env, st, p[1], RP_PT(250), &lk[1], 0, &m[1]);
    rp_compose_stats two = ctx->stats;
    rp_para_get(c, &env, st, p[2], RP_PT(250), &lk[2], 0, &m[2]);
    rp_para_get(c, &env, st, p[1], RP_PT(160), &lk[3], 0, &m[3]);
    CHECK(m[0].lines.n > 1 && m[0].lines.n == m[1].lines.n);
    CHECK(m[3].lines.n > m[1].lines.n); /* the narrower measure: laid out anew */
    /* the copy counts in the line statistics as if it had been composed */
    CHECK(one.lines > before.lines);
    INT_EQ((int)(two.lines - one.lines), (int)(one.lines - before.lines));
    CHECK(fabs((two.sum_r2 - one.sum_r2) - (one.sum_r2 - before.sum_r2)) < 1e-9);
    INT_EQ((int)lk[1].n, 1);
    STR_EQ(lk[1].v[0].href, "#a");
    STR_EQ(lk[2].v[0].href, "#b");
    rp_para_get(c, &env, st, p[0], RP_PT(250), &lk[4], 1, &dr[0]);
    rp_links more[2] = {{0}};
    /* p[1] was last measured at 160 pt: drawn at that measure */
    rp_para_get(c, &env, st, p[1], RP_PT(160), &more[0], 1, &dr[1]);
    rp_para_get(c, &env, st, p[2], RP_PT(250), &more[1], 1, &dr[2]);
    CHECK(dr[0].layout && dr[1].layout && dr[2].layout);
    CHECK(dr[1].layout != dr[0].layout && dr[2].layout != dr[0].layout);
    CHECK(same_lines(&m[0].lines, &dr[0].lines, 1));
    for (int i = 0; i < 4; i++)
        rp_para_clear(&m[i]);
    for (int i = 0; i < 3; i++)
        rp_para_clear(&dr[i]);
    for (int i = 0; i < 5; i++)
        rp_links_clear(&lk[i]);
    rp_links_clear(&more[0]);
    rp_links_clear(&more[1]);
    rp_parcache_free(c);

    /* Two copies measured alike are drawn with one layout. */
    c = rp_parcache_new();
    rp_links a = {0}, b = {0}, a2 = {0}, b2 = {0};
    rp_para ma, mb, da, db;
    rp_para_get(c, &env, st, p[0], RP_PT(250), &a, 0, &ma);
    rp_para_get(c, &env, st, p[1], RP_PT(250), &b, 0, &mb);
    rp_para_get(c, &env, st, p[0], RP_PT(250), &a2, 1, &da);
    rp_para_get(c, &env, st, p[1], RP_PT(250), &b2, 1, &db);
    CHECK(da.layout != NULL && da.layout == db.layout);
    CHECK(same_lines(&da.lines, &db.lines, 0));
    rp_para *all[] = {&ma, &mb, &da, &db};
    for (size_t i = 0; i < 4; i++)
        rp_para_clear(all[i]);
    rp_links *ls[] = {&a, &b, &a2, &b2};
    for (size_t i = 0; i < 4; i++)
        rp_links_clear(ls[i]);
    rp_parcache_free(c);

    /* Drawn in one pass, with nothing measured first (a job description):
     * copies are drawn with the first one's layout too. */
    c = rp_parcache_new();
    rp_links q[3] = {{0}};
    rp_para dq[3];
    for (int i = 0; i < 3; i++)
        rp_para_get(c, &env, st, p[i], RP_PT(250), &q[i], 1, &dq[i]);
    CHECK(dq[0].layout && dq[0].layout == dq[1].layout);
    CHECK(dq[2].layout && dq[2].layout != dq[0].layout); /* another link */
    CHECK(same_lines(&dq[0].lines, &dq[1].lines, 0));
    STR_EQ(q[1].n ? q[1].v[0].href : NULL, "#a");
    for (int i = 0; i < 3; i++) {
        rp_para_clear(&dq[i]);
        rp_links_clear(&q[i]);
    }
    rp_parcache_free(c);

    /* The same content in another language, without hyphenation, in
     * another style or direction is another paragraph: measured as it is
     * laid out on its own, and not drawn with the first one's layout.  The
     * text (p[3], p[4]: long German compounds at a narrow measure) breaks
     * differently in each case, so that a cache taking one for the other
     * gives the wrong lines. */
    rp_para_env other[4] = {env, env, env, env};
    other[0].lang = "de";
    other[1].hyphenate = 0;
    other[3].pc = ctx->pango_rtl;
    const rp_style *other_st[4] = {st, st, rp_styles_get(styles, "small", NULL), st};
    for (int k = 0; k < 4; k++) {
        c = rp_parcache_new();
        rp_links x1 = {0}, x2 = {0}, y1 = {0}, y2 = {0}, w = {0}, z = {0};
        rp_para m1, m2, d1, d2, first, alone;
        /* Each laid out on its own, drawn: the case matters. */
        rp_para_get(NULL, &env, st, p[3], RP_PT(130), &w, 1, &first);
        rp_para_get(NULL, &other[k], other_st[k], p[4], RP_PT(130), &z, 1, &alone);
        CHECK(!same_lines(&first.lines, &alone.lines, 0) || !same_ratios(&w, &z));
        /* Measured through the cache after the first: its own breaks. */
        rp_para_get(c, &env, st, p[3], RP_PT(130), &x1, 0, &m1);
        rp_para_get(c, &other[k], other_st[k], p[4], RP_PT(130), &x2, 0, &m2);
        CHECK(same_lines(&m2.lines, &alone.lines, 1));
        CHECK(same_ratios(&x2, &z));
        /* Drawn through the cache: its own layout and lines. */
        rp_para_get(c, &env, st, p[3], RP_PT(130), &y1, 1, &d1);
        rp_para_get(c, &other[k], other_st[k], p[4], RP_PT(130), &y2, 1, &d2);
        CHECK(d1.layout && d2.layout && d1.layout != d2.layout);
        CHECK(same_lines(&d2.lines, &alone.lines, 0));
        /* Drawn in one pass with nothing measured first (a job
         * description): the same. */
        rp_parcache *once = rp_parcache_new();
        rp_links q1 = {0}, q2 = {0};
        rp_para o1, o2;
        rp_para_get(once, &env, st, p[3], RP_PT(130), &q1, 1, &o1);
        rp_para_get(once, &other[k], other_st[k], p[4], RP_PT(130), &q2, 1, &o2);
        CHECK(o1.layout && o2.layout && o1.layout != o2.layout);
        CHECK(same_lines(&o2.lines, &alone.lines, 0));
        rp_para *ps[] = {&m1, &m2, &d1, &d2, &first, &alone, &o1, &o2};
        for (size_t i = 0; i < 8; i++)
            rp_para_clear(ps[i]);
        rp_links *xs[] = {&x1, &x2, &y1, &y2, &w, &z, &q1, &q2};
        for (size_t i = 0; i < 8; i++)
            rp_links_clear(xs[i]);
        rp_parcache_free(once);
        rp_parcache_free(c);
    }
    rp_styles_free(styles);
    xmlFreeDoc(doc);
}

/* The first text node under n that reads text. */
static xmlNodePtr find_text(xmlNodePtr n, const char *text)
{
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE && n->content && strcmp((const char *)n->content, text) == 0)
            return n;
        xmlNodePtr in = n->type == XML_ELEMENT_NODE ? find_text(n->children, text) : NULL;
        if (in)
            return in;
    }
    return NULL;
}

/* Whether a pass with refs would paginate as the measuring pass did:
 * only the paragraph with the page-ref is laid out again to tell. */
static int stable_with(rp_context *ctx, xmlDocPtr layout, rp_styles *styles, const char *id,
                       const char *label, rp_diag *d)
{
    rp_parcache *c = rp_parcache_new();
    rp_tdoc *doc = rp_flow_build(ctx, layout, "t.xsl", styles, NULL, c, 0, NULL, d);
    rp_tdoc_free(doc);
    rp_pagemap *refs = rp_pagemap_new();
    g_hash_table_insert(refs, rp_xstrdup(id), rp_xstrdup(label));
    int stable = rp_parcache_refs_stable(c, ctx, styles, refs);
    g_hash_table_unref(refs);
    rp_parcache_free(c);
    return stable;
}

static void test_refs_stable(rp_context *ctx, xmlDocPtr layout, rp_diag *d)
{
    rp_styles *styles = rp_flow_styles(ctx, layout, "t.xsl", d);
    /* "page 417" where "page 00" was: the same one line. */
    INT_EQ(stable_with(ctx, layout, styles, "s", "417", d), 1);
    /* The same when the temporary file the paragraph waits in cannot be
     * written (a full disk, here a file-size limit of 0): it cannot be
     * laid out again, and the check says "changed" (a pass more, the same
     * pages) rather than failing the document. */
    size_t errors = rp_diag_errors(d);
    void (*was)(int) = signal(SIGXFSZ, SIG_IGN);
    struct rlimit old, none;
    getrlimit(RLIMIT_FSIZE, &old);
    none = old;
    none.rlim_cur = 0;
    setrlimit(RLIMIT_FSIZE, &none);
    INT_EQ(stable_with(ctx, layout, styles, "s", "417", d), 0);
    setrlimit(RLIMIT_FSIZE, &old);
    signal(SIGXFSZ, was);
    INT_EQ(rp_diag_errors(d), errors);
    /* A number that wraps the line takes more room: another pass. */
    char wide[400];
    memset(wide, '8', sizeof wide - 1);
    wide[sizeof wide - 1] = '\0';
    INT_EQ(stable_with(ctx, layout, styles, "s", wide, d), 0);
    /* An anchor still unknown: never settled. */
    INT_EQ(stable_with(ctx, layout, styles, "elsewhere", "417", d), 0);
    /* A pass laid out with the numbers it found: settled, whatever they
     * are (nothing printed differently, nothing laid out again). */
    rp_pagemap *same = rp_pagemap_new();
    g_hash_table_insert(same, rp_xstrdup("s"), rp_xstrdup(wide));
    rp_parcache *c = rp_parcache_new();
    rp_tdoc *doc = rp_flow_build(ctx, layout, "t.xsl", styles, same, c, 0, NULL, d);
    INT_EQ(rp_parcache_refs_stable(c, ctx, styles, same), 1);
    rp_tdoc_free(doc);
    rp_parcache_free(c);
    g_hash_table_unref(same);
    /* A control character XML cannot carry (a stylesheet's str:decode-uri
     * can make one) in the paragraph: it is laid out again as it was, and
     * settles as before. */
    xmlNodePtr text = find_text(xmlDocGetRootElement(layout), "See page ");
    CHECK(text != NULL);
    if (text) {
        xmlNodeSetContent(text, BAD_CAST "See\x01 page ");
        INT_EQ(stable_with(ctx, layout, styles, "s", "417", d), 1);
        xmlNodeSetContent(text, BAD_CAST "See page ");
    }
    rp_styles_free(styles);
}

/* The first measuring pass of a paginated document prints the page of
 * an id on a page already cut, and guesses the page being filled for the
 * others: a paragraph of many references to the page it is on prints
 * them as they will be, and takes the room it will take, where "00" for
 * each would have made it lines longer. */
static void test_first_pass(rp_context *ctx, rp_diag *d)
{
    rp_buf xml = {0};
    rp_buf_puts(&xml, "<document xml:lang='en'><meta><title>t</title></meta>"
                      "<page-template name='p' size='A4' margin-top='20mm' margin-bottom='20mm'"
                      " margin-left='20mm' margin-right='20mm'/>"
                      "<section id='a'><para>The first page.</para></section><page-break/>"
                      "<section id='b'><para>The second page.</para><para>More of it.</para>"
                      "<para>See page <page-ref ref='a'/>, and pages");
    for (int i = 0; i < 200; i++)
        rp_buf_puts(&xml, " <page-ref ref='b'/>,");
    rp_buf_puts(&xml, " this one.</para></section></document>");
    xmlDocPtr layout = fixture_parse(xml.s, "first.xml");
    free(xml.s);
    rp_styles *styles = rp_flow_styles(ctx, layout, "t.xsl", d);
    for (int paged = 0; paged <= 1; paged++) {
        rp_pager pager;
        rp_pager_init(&pager, ctx, "t.xsl", d, NULL, NULL);
        rp_parcache *c = rp_parcache_new();
        rp_tdoc *doc = rp_flow_build(ctx, layout, "t.xsl", styles, NULL, c, 0,
                                     paged ? &pager : NULL, d);
        CHECK(doc != NULL);
        rp_pagemap *last = rp_pagemap_new();
        g_hash_table_insert(last, rp_xstrdup("a"), rp_xstrdup("1"));
        g_hash_table_insert(last, rp_xstrdup("b"), rp_xstrdup("2"));
        if (paged) {
            /* the pages the pass cut are those it guessed */
            CHECK(doc && doc->unresolved_refs == 200); /* a's page was cut */
            const char *pa = g_hash_table_lookup(pager.anchors, "a");
            const char *pb = g_hash_table_lookup(pager.anchors, "b");
            CHECK(pa && strcmp(pa, "1") == 0 && pb && strcmp(pb, "2") == 0);
        }
        /* Without a pager (nothing cut while laying out) every number is
         * "00": the paragraph is shorter with the real ones. */
        INT_EQ(rp_parcache_refs_stable(c, ctx, styles, last), paged);
        g_hash_table_unref(last);
        rp_tdoc_free(doc);
        rp_parcache_free(c);
        rp_pager_clear(&pager);
    }
    rp_styles_free(styles);
    xmlFreeDoc(layout);
}

/* A cache after a first pass of layout (with a pager) and a check
 * against refs that found the pages unsettled. */
static rp_parcache *unsettled(rp_context *ctx, xmlDocPtr layout, rp_styles *styles,
                              const rp_pagemap *refs, rp_diag *d)
{
    rp_pager pager;
    rp_pager_init(&pager, ctx, "t.xsl", d, NULL, NULL);
    rp_parcache *c = rp_parcache_new();
    rp_tdoc_free(rp_flow_build(ctx, layout, "t.xsl", styles, NULL, c, 0, &pager, d));
    INT_EQ(rp_parcache_refs_stable(c, ctx, styles, refs), 0);
    rp_pager_clear(&pager);
    return c;
}

/* The next pass takes the lines of a paragraph that prints the numbers
 * it printed in the pass before, and lays out one whose numbers changed:
 * the same lines as laying them all out again. */
static void test_next_pass(rp_context *ctx, rp_diag *d)
{
    char wide[400];
    memset(wide, '8', sizeof wide - 1);
    wide[sizeof wide - 1] = '\0';
    xmlDocPtr layout = fixture_parse(
        "<document xml:lang='en'><meta><title>t</title></meta>"
        "<page-template name='p' size='A4' margin-top='20mm' margin-bottom='20mm'"
        " margin-left='20mm' margin-right='20mm'/>"
        "<section id='a'><para>The first page.</para></section><page-break/>"
        "<section><para>The second page.</para><para>More of it.</para>"
        "<para>Same: see page <page-ref ref='a'/>.</para>"
        "<para>Changed: see page <page-ref ref='c'/>.</para></section></document>",
        "next.xml");
    rp_styles *styles = rp_flow_styles(ctx, layout, "t.xsl", d);
    rp_pagemap *refs = rp_pagemap_new();
    g_hash_table_insert(refs, rp_xstrdup("a"), rp_xstrdup("1"));
    g_hash_table_insert(refs, rp_xstrdup("c"), rp_xstrdup(wide)); /* wraps its line */
    xmlNodePtr same = find_text(xmlDocGetRootElement(layout), "Same: see page ");
    CHECK(same != NULL);
    for (int edited = 0; edited <= 1 && same; edited++) {
        rp_parcache *c = unsettled(ctx, layout, styles, refs, d);
        /* Edited between the passes (which no document is), the paragraph
         * that printed the same shows it was not laid out again. */
        if (edited)
            xmlNodeSetContent(same, BAD_CAST "Same: a sentence long enough to fill more than"
                                            " one line of this page in any font it is set in,"
                                            " and it goes on and on for a while, see page ");
        rp_tdoc *next = rp_flow_build(ctx, layout, "t.xsl", styles, refs, c, 0, NULL, d);
        rp_tdoc *anew = rp_flow_build(ctx, layout, "t.xsl", styles, refs, NULL, 0, NULL, d);
        CHECK(next && anew);
        if (next && anew && !edited) {
            INT_EQ(next->items.n, anew->items.n);
            for (size_t i = 0; i < next->items.n && i < anew->items.n; i++)
                INT_EQ(next->items.v[i].height, anew->items.v[i].height);
            INT_EQ(next->page_refs, 2);
            INT_EQ(next->unresolved_refs, 0);
        }
        if (next && anew && edited)
            CHECK(next->items.n < anew->items.n);
        rp_tdoc_free(next);
        rp_tdoc_free(anew);
        rp_parcache_free(c);
    }
    if (same)
        xmlNodeSetContent(same, BAD_CAST "Same: see page ");
    g_hash_table_unref(refs);
    rp_styles_free(styles);
    xmlFreeDoc(layout);
}

/* The line statistics count each justified line of the document once
 * (last lines of paragraphs excepted): a paragraph with a page-ref is
 * composed in every pass and by rp_parcache_refs_stable's trial, but
 * counted only when drawn. */
static void test_stats(rp_context *ctx, rp_diag *d)
{
    xmlDocPtr layout = fixture_parse(
        "<document xml:lang='en'><meta><title>t</title></meta>"
        "<style name='j' font-family='Noto Serif' font-size='10pt' text-align='justify'/>"
        "<page-template name='p' size='A5' margin-top='20mm' margin-bottom='20mm'"
        " margin-left='20mm' margin-right='20mm'/><section id='s'>"
        "<para style='j'>Plain justified text that says the same in every pass, long enough"
        " to be broken into several lines by the composer, and then some more words.</para>"
        "<para style='j'>Justified text with a page number in it, see page <page-ref ref='s'/>,"
        " long enough to be broken into several lines by the composer as well, with a"
        " few more words for good measure, and then a few more so that it runs on.</para>"
        "</section></document>", "stats.xml");
    rp_styles *styles = rp_flow_styles(ctx, layout, "t.xsl", d);
    rp_parcache *c = rp_parcache_new();
    rp_pagemap *refs = rp_pagemap_new();
    g_hash_table_insert(refs, rp_xstrdup("s"), rp_xstrdup("1234"));
    rp_compose_stats s0 = ctx->stats;
    rp_tdoc *m1 = rp_flow_build(ctx, layout, "t.xsl", styles, NULL, c, 0, NULL, d);
    rp_compose_stats s1 = ctx->stats;
    rp_parcache_refs_stable(c, ctx, styles, refs);
    INT_EQ((int)(ctx->stats.lines - s1.lines), 0); /* a trial counts nothing */
    rp_tdoc *m2 = rp_flow_build(ctx, layout, "t.xsl", styles, refs, c, 0, NULL, d);
    INT_EQ((int)(ctx->stats.lines - s1.lines), 0); /* measured again: nothing new */
    rp_tdoc *drawn = rp_flow_build(ctx, layout, "t.xsl", styles, refs, c, RP_FLOW_DRAW, NULL, d);
    CHECK(m1 && m2 && drawn);
    size_t want = 0;
    for (size_t i = 0; drawn && i < drawn->items.n; i++) {
        const rp_item *it = &drawn->items.v[i];
        want += it->lines && it->line < it->lines; /* a line not the last */
    }
    CHECK(want >= 4); /* lines of both paragraphs to count */
    INT_EQ((int)(ctx->stats.lines - s0.lines), (int)want);
    rp_tdoc_free(m1);
    rp_tdoc_free(m2);
    rp_tdoc_free(drawn);
    g_hash_table_unref(refs);
    rp_parcache_free(c);
    rp_styles_free(styles);
    xmlFreeDoc(layout);
}

/* How many ops of a kind the items hold. */
static size_t count_ops(const rp_tdoc *doc, rp_op_kind kind)
{
    size_t n = 0;
    for (size_t i = 0; i < doc->items.n; i++)
        for (size_t k = 0; k < doc->items.v[i].nops; k++)
            n += doc->items.v[i].ops[k].kind == kind;
    return n;
}

/* A diagram is built by the first measuring pass; a later one takes its
 * size from the cache (no boxes built), and the drawing pass builds it
 * again, all three the same size.  Asked for another width or height
 * limit, the cache does not know it. */
static void test_figures(rp_context *ctx, rp_diag *d)
{
    xmlDocPtr layout = fixture_parse(
        "<document xml:lang='en'><meta><title>t</title></meta>"
        "<page-template name='p' size='A4' margin-top='20mm' margin-bottom='20mm'"
        " margin-left='20mm' margin-right='20mm'/><section>"
        "<diagram max-height='30pt'><tier id='top'/><tier id='bottom'/><lane id='l'/>"
        "<node id='A' tier='top' lane='l'>Alpha</node>"
        "<node id='B' tier='bottom' lane='l'>Beta</node><edge from='A' to='B'/>"
        "</diagram></section></document>", "figures.xml");
    rp_styles *styles = rp_flow_styles(ctx, layout, "t.xsl", d);
    rp_parcache *c = rp_parcache_new();
    rp_tdoc *first = rp_flow_build(ctx, layout, "t.xsl", styles, NULL, c, 0, NULL, d);
    rp_tdoc *second = rp_flow_build(ctx, layout, "t.xsl", styles, NULL, c, 0, NULL, d);
    rp_tdoc *drawn = rp_flow_build(ctx, layout, "t.xsl", styles, NULL, c, RP_FLOW_DRAW, NULL, d);
    CHECK(first && second && drawn);
    if (first && second && drawn) {
        INT_EQ(count_ops(first, RP_OP_BOX), 2);
        INT_EQ(count_ops(second, RP_OP_BOX), 0);
        INT_EQ(count_ops(drawn, RP_OP_BOX), 2);
        INT_EQ(second->items.n, first->items.n);
        INT_EQ(drawn->items.n, first->items.n);
        for (size_t i = 0; i < first->items.n && i < second->items.n && i < drawn->items.n;
             i++) {
            INT_EQ(second->items.v[i].height, first->items.v[i].height);
            INT_EQ(drawn->items.v[i].height, first->items.v[i].height);
            CHECK(second->items.v[i].scale == first->items.v[i].scale);
            CHECK(drawn->items.v[i].scale == first->items.v[i].scale);
        }
        CHECK(first->items.n && first->items.v[first->items.n - 1].scale > 0); /* scaled down */
    }
    xmlNodePtr dia = xmlDocGetRootElement(layout)->children->next->next->children;
    rp_item it = {0};
    CHECK(strcmp((const char *)dia->name, "diagram") == 0);
    rp_parcache_figure_put(c, dia, RP_PT(100), RP_PT(30), &(rp_item){.height = 7, .scale = 0.5});
    INT_EQ(rp_parcache_figure(c, dia, RP_PT(100), RP_PT(30), &it), 1);
    INT_EQ(it.height, 7);
    INT_EQ(rp_parcache_figure(c, dia, RP_PT(101), RP_PT(30), &it), 0);
    INT_EQ(rp_parcache_figure(c, dia, RP_PT(100), RP_PT(31), &it), 0);
    INT_EQ(rp_parcache_figure(NULL, dia, RP_PT(100), RP_PT(30), &it), 0);
    rp_tdoc_free(first);
    rp_tdoc_free(second);
    rp_tdoc_free(drawn);
    rp_parcache_free(c);
    rp_styles_free(styles);
    xmlFreeDoc(layout);
}

/* A composed paragraph held (rp_compose_hold) comes back as rp_compose_copy
 * would have copied it: text, attributes, the attributes for after
 * shaping, every setting and the justification asked for, and so the
 * same lines, drawn alike. */
/* Finished (attributes after shaping, justification), the copy and the
 * layout made again from its record have the same lines, each as wide;
 * more than min_lines of them.  Returns the second line's width in
 * points. */
static int finished_alike(PangoLayout *copy, PangoLayout *back, size_t min_lines)
{
    rp_compose_finish(copy);
    rp_compose_finish(back);
    rp_para_lines a = {0}, b = {0};
    rp_para_lines_measure(copy, &a);
    rp_para_lines_measure(back, &b);
    CHECK(a.n > min_lines && same_lines(&a, &b, 0));
    rp_line_cursor ca = {0}, cb = {0};
    for (size_t i = 0; i < a.n && i < b.n; i++) {
        PangoLayoutLine *la = rp_line_at(&ca, copy, (int)i), *lb = rp_line_at(&cb, back, (int)i);
        INT_EQ(rp_compose_line_width(lb), rp_compose_line_width(la));
    }
    int second = b.n > 1 ? rp_compose_line_width(rp_line_at(&cb, back, 1)) / PANGO_SCALE : 0;
    rp_line_cursor_clear(&ca);
    rp_line_cursor_clear(&cb);
    free(a.v);
    free(b.v);
    return second;
}

/* The first paragraph of xml composed at width in pc (which sets the
 * direction), a copy of it, and the same made again from its record
 * (*back); the font in *font. */
static PangoLayout *composed(rp_context *ctx, PangoContext *pc, rp_diag *d, const char *xml,
                             rp_unit width, PangoLayout **back, PangoFontDescription **font)
{
    xmlDocPtr doc = fixture_parse(xml, "hold.xml");
    rp_styles *styles = rp_styles_new(doc, pc, "t.xsl", d);
    rp_para_env env = {.pc = pc, .ctx = ctx, .styles = styles,
                       .lang = (const char *)xmlGetNsProp(xmlDocGetRootElement(doc),
                                                          BAD_CAST "lang", XML_XML_NAMESPACE),
                       .hyphenate = 1};
    xmlNodePtr para = find(xmlDocGetRootElement(doc), "para");
    rp_links links = {0};
    rp_para_lines heights = {0};
    PangoLayout *l = rp_para_layout(&env, rp_styles_get(styles, "body", NULL), para, width,
                                    &links, &heights);
    PangoLayout *copy = rp_compose_copy(l);
    *font = pango_font_description_copy(pango_layout_get_font_description(l));
    *back = rp_compose_unhold(rp_compose_hold(l, *font), pc);
    xmlFree((xmlChar *)env.lang);
    free(heights.v);
    rp_links_clear(&links);
    rp_styles_free(styles);
    xmlFreeDoc(doc);
    return copy;
}

static void test_hold(rp_context *ctx, rp_diag *d)
{
    PangoLayout *back;
    PangoFontDescription *font;
    PangoLayout *copy = composed(
        ctx, ctx->pango, d,
        "<document xml:lang='en'><style name='body' font-family='Noto Serif' font-size='10pt'"
        " text-align='justify' first-line-indent='12pt'/><style name='red' color='#c00000'/>"
        "<para style='body'>A paragraph with <b>bold words</b> and <span style='red'>red"
        " words</span>, long enough to be broken into several justified lines by the"
        " composer at this measure, and then some more words to fill a last line.</para>"
        "</document>",
        RP_PT(200), &back, &font);
    STR_EQ(pango_layout_get_text(back), pango_layout_get_text(copy));
    CHECK(pango_attr_list_equal(pango_layout_get_attributes(back),
                                pango_layout_get_attributes(copy)));
    CHECK(rp_compose_after(copy) != NULL); /* the red words */
    CHECK(rp_compose_after(back) &&
          pango_attr_list_equal(rp_compose_after(back), rp_compose_after(copy)));
    CHECK(pango_font_description_equal(pango_layout_get_font_description(back), font));
    INT_EQ(pango_layout_get_width(back), pango_layout_get_width(copy));
    INT_EQ(pango_layout_get_indent(back), pango_layout_get_indent(copy));
    CHECK(pango_layout_get_indent(copy) != 0);
    INT_EQ(pango_layout_get_justify(back), pango_layout_get_justify(copy));
    INT_EQ(pango_layout_get_alignment(back), pango_layout_get_alignment(copy));
    INT_EQ(pango_layout_get_wrap(back), pango_layout_get_wrap(copy));
    INT_EQ(pango_layout_get_auto_dir(back), pango_layout_get_auto_dir(copy));
    INT_EQ(pango_layout_get_spacing(back), pango_layout_get_spacing(copy));
    /* justified: the second line fills the measure (the pending request) */
    INT_EQ(finished_alike(copy, back, 2), 200);
    g_object_unref(copy);
    g_object_unref(back);
    pango_font_description_free(font);

    /* A leader: Pango breaks and justifies the paragraph (the composer
     * leaves it), so the record must keep Pango's justification, and the
     * leader's tab stop. */
    copy = composed(ctx, ctx->pango, d,
                    "<document xml:lang='en'><style name='body' font-family='Noto Serif'"
                    " font-size='10pt' text-align='justify'/><para style='body'>An entry"
                    " whose title runs long enough to take more than one line at this"
                    " measure before its leader<leader/>123</para></document>",
                    RP_PT(120), &back, &font);
    CHECK(pango_layout_get_justify(copy));
    INT_EQ(pango_layout_get_justify(back), pango_layout_get_justify(copy));
    PangoTabArray *tabs = pango_layout_get_tabs(back);
    CHECK(tabs && pango_tab_array_get_size(tabs) == 1);
    if (tabs)
        pango_tab_array_free(tabs);
    INT_EQ(finished_alike(copy, back, 1), 120);
    g_object_unref(copy);
    g_object_unref(back);
    pango_font_description_free(font);
}

int main(void)
{
    rp_diag *d;
    rp_context *ctx = fixture_context(&d);
    if (!ctx)
        TEST_MAIN_END();
    test_figures(ctx, d);
    test_stats(ctx, d);
    test_hold(ctx, d);
    xmlDocPtr layout = fixture_parse(layout_xml, "cache.xml");
    rp_parcache *cache = rp_parcache_new();

    /* A measuring pass: lines placed, no layouts held, the page-ref
     * waiting for its page. */
    rp_tdoc *first = rp_flow_build(ctx, layout, "t.xsl", NULL, NULL, cache, 0, NULL, d);
    CHECK(first != NULL);
    if (!first)
        TEST_MAIN_END();
    INT_EQ(first->page_refs, 1);
    INT_EQ(first->unresolved_refs, 1);
    CHECK(first->items.n > 2);
    CHECK(para_layout(first, 0) == NULL);

    rp_pagemap *refs = g_hash_table_new_full(g_str_hash, g_str_equal, free, free);
    g_hash_table_insert(refs, rp_xstrdup("s"), rp_xstrdup("417"));
    /* The drawing pass: the same lines, with layouts, the page number in. */
    rp_tdoc *second = rp_flow_build(ctx, layout, "t.xsl", NULL, refs, cache, RP_FLOW_DRAW, NULL, d);
    CHECK(second != NULL);
    if (second) {
        CHECK(para_layout(second, 0) != NULL);
        PangoLayout *with_ref = para_layout(second, 1);
        CHECK(with_ref && strstr(pango_layout_get_text(with_ref), "page 417") != NULL);
        INT_EQ(second->unresolved_refs, 0);
        INT_EQ(second->items.n, first->items.n);
        for (size_t i = 0; i < second->items.n && i < first->items.n; i++)
            INT_EQ(second->items.v[i].height, first->items.v[i].height);
    }
    test_para_get(ctx, layout, d);
    test_copies(ctx, d);
    test_refs_stable(ctx, layout, d);
    test_first_pass(ctx, d);
    test_next_pass(ctx, d);
    INT_EQ(rp_diag_errors(d), 0);

    /* A layout without a page template has no page to put lines on. */
    xmlDocPtr bare = fixture_parse("<document><para>x</para></document>", "bare.xml");
    CHECK(rp_flow_build(ctx, bare, "t.xsl", NULL, NULL, NULL, RP_FLOW_DRAW, NULL, d) == NULL);
    INT_EQ(rp_diag_errors(d), 1);
    CHECK(strstr(rp_diag_get(d, rp_diag_count(d) - 1)->message, "no page-template") != NULL);
    xmlFreeDoc(bare);

    rp_tdoc_free(second);
    rp_tdoc_free(first);
    g_hash_table_unref(refs);
    rp_parcache_free(cache);
    xmlFreeDoc(layout);
    fixture_free(ctx, d);
    rp_shutdown();
    TEST_MAIN_END();
}
