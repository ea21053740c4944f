/* test_premeasure.c - a book's first pass on two cores: the paragraphs of
 * its second half, measured ahead on a thread of their own, are taken
 * by the pass (every one but those with page-refs, right-to-left ones
 * too), and the pass cuts the same pages with the same line statistics,
 * to the last bit, as it does alone; typeset, the book is the same bytes
 * either way. */
#include "context_fixture.h"
#include "../../src/chunks.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define SECTIONS 8
#define PARAS 6
#define REF_SECTION 6 /* holds a paragraph with a page-ref too */
#define RTL_SECTION 7 /* and one right to left */
#define CHAPTER_FIRST 2 /* sections in a section of their own */
#define CHAPTER_LAST 5
#define CHAPTER_PIECE (CHAPTER_LAST + 1)

static const char *const words[] = {"ladder", "role", "skill", "measure", "growth", "team",
                                    "review", "mentor", "scope", "delivery", "quality",
                                    "planning", "ownership", "craft", "practice"};

/* Justified paragraphs, each its own text but the first of every section
 * (the same paragraph, measured once and copied), in sections each put
 * aside as a piece of its own, some of them in a chapter, as the
 * handbook's stylesheet does. */
static xmlDocPtr book(void)
{
    rp_buf b = {0};
    rp_buf_puts(&b, "<document xml:lang='en'><meta><title>t</title></meta>"
                    "<style name='body' text-align='justify'/>"
                    "<page-template name='p' size='A5' margin-top='20mm' margin-bottom='20mm'"
                    " margin-left='20mm' margin-right='20mm'/>");
    unsigned seed = 7;
    for (int s = 0; s < SECTIONS; s++) {
        rp_buf_printf(&b, "<section id='s%d'>", s);
        rp_buf_puts(&b, "<para style='body'>The same opening paragraph in every section, "
                        "justified like the others and measured once for all of them.</para>");
        for (int p = 1; p < PARAS; p++) {
            rp_buf_printf(&b, "<para style='body'%s>Section %d, paragraph %d:",
                          s == 1 && p == 1 ? " id='target'" : "", s, p);
            for (int w = 0; w < 40; w++) {
                seed = seed * 1103515245u + 12345u;
                rp_buf_printf(&b, " %s", words[(seed >> 16) % (sizeof words / sizeof *words)]);
            }
            rp_buf_puts(&b, ".</para>");
        }
        if (s == REF_SECTION)
            rp_buf_puts(&b, "<para>The target is on page <page-ref ref='target'/>.</para>");
        if (s == RTL_SECTION)
            rp_buf_puts(&b, "<para xml:lang='ar' dir='rtl'>\xd9\x86\xd8\xb5 \xd8\xb9\xd8\xb1"
                            "\xd8\xa8\xd9\x8a \xd9\x82\xd8\xb5\xd9\x8a\xd8\xb1</para>");
        rp_buf_puts(&b, "</section>");
    }
    rp_buf_puts(&b, "</document>");
    xmlDocPtr doc = fixture_parse(b.s, "book.xml");
    free(b.s);
    CHECK(doc != NULL);
    if (!doc)
        return NULL;
    xmlNodePtr root = xmlDocGetRootElement(doc), sections[SECTIONS];
    int n = 0;
    for (xmlNodePtr k = root->children, next; k; k = next) {
        next = k->next;
        if (k->type == XML_ELEMENT_NODE && xmlStrEqual(k->name, BAD_CAST "section") &&
            n < SECTIONS) {
            xmlUnlinkNode(k);
            sections[n++] = k;
        }
    }
    /* Pieces as the stylesheet writes them: a section each, those of the
     * chapter as each ends, then the chapter with what it has after them. */
    rp_chunks *c = rp_chunks_new();
    CHECK(c != NULL && n == SECTIONS);
    xmlNodePtr chapter = NULL;
    for (int i = 0; i < n; i++) {
        if (i == CHAPTER_FIRST)
            chapter = xmlNewChild(root, NULL, BAD_CAST "section", NULL);
        int in = i >= CHAPTER_FIRST && i <= CHAPTER_LAST;
        xmlAddChild(in ? chapter : root, sections[i]);
        INT_EQ(rp_chunks_flush(c, in ? chapter : root), 0);
        if (i == CHAPTER_LAST) {
            xmlNodePtr end = xmlNewTextChild(
                chapter, NULL, BAD_CAST "para",
                BAD_CAST "The chapter ends with a paragraph of its own, justified over "
                         "several lines like the others, after the last of its sections: it "
                         "is put aside with the chapter, after the pieces of its sections.");
            xmlNewProp(end, BAD_CAST "style", BAD_CAST "body");
            INT_EQ(rp_chunks_flush(c, root), 0);
        }
    }
    INT_EQ(rp_chunks_finish(c), 0);
    rp_chunks_attach(doc, c);
    return doc;
}

/* The piece section s is in. */
static long piece_of(int s)
{
    return s <= CHAPTER_LAST ? s : s + 1;
}

typedef struct {
    size_t pages;
    rp_compose_stats stats;
    size_t taken;   /* paragraphs taken from ahead */
    long from;      /* the section measured ahead from, or -1 */
    char *target;   /* the page of "target" */
} first_pass;

/* The book's first two measuring passes, the first alone or with the
 * book's second half measured ahead. */
static void measure(rp_context *ctx, rp_diag *d, int ahead, first_pass *out)
{
    *out = (first_pass){.from = -1};
    xmlDocPtr layout = book();
    if (!layout)
        return;
    rp_parcache *cache = rp_parcache_new();
    ctx->stats = (rp_compose_stats){0};
    if (ahead) {
        size_t from = 0;
        rp_premeasure *p = rp_premeasure_start(ctx, layout, &from);
        CHECK(p != NULL);
        if (p) {
            rp_parcache_await(cache, from, p);
            out->from = (long)from;
        }
    }
    rp_pager pager;
    rp_pager_init(&pager, ctx, "t.xsl", d, NULL, NULL);
    rp_tdoc *doc = rp_flow_build(ctx, layout, "t.xsl", NULL, NULL, cache, 0, &pager, d);
    rp_parcache_settle(cache);
    CHECK(doc != NULL);
    out->pages = pager.pages.n;
    out->taken = rp_parcache_taken(cache);
    /* and a second pass, with the pages found, from the same cache: it
     * adds nothing to the statistics (every paragraph but the page-ref's
     * is the first pass's) */
    rp_pagemap *refs = g_hash_table_ref(pager.anchors);
    rp_tdoc_free(doc);
    rp_pager_clear(&pager);
    rp_pager_init(&pager, ctx, "t.xsl", d, NULL, NULL);
    doc = rp_flow_build(ctx, layout, "t.xsl", NULL, refs, cache, 0, &pager, d);
    CHECK(doc != NULL && pager.pages.n == out->pages);
    out->stats = ctx->stats;
    const char *t = g_hash_table_lookup(pager.anchors, "target");
    out->target = t ? rp_xstrdup(t) : NULL;
    g_hash_table_unref(refs);
    rp_tdoc_free(doc);
    rp_pager_clear(&pager);
    rp_parcache_free(cache);
    rp_layout_free(layout);
}

static char *typeset(rp_context *ctx, rp_diag *d, int spare_core, const char *path,
                     size_t *len, rp_compose_stats *stats)
{
    rp_context_set_spare_core(ctx, spare_core);
    ctx->stats = (rp_compose_stats){0};
    xmlDocPtr layout = book();
    INT_EQ(rp_typeset(ctx, layout, "t.xsl", path, d), 0);
    rp_layout_free(layout);
    *stats = ctx->stats;
    char *s = fixture_slurp(path, len);
    unlink(path);
    return s;
}

static void test(rp_context *ctx, rp_diag *d)
{
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    first_pass alone, ahead;
    measure(ctx, d, 0, &alone);
    measure(ctx, d, 1, &ahead);
    INT_EQ((int)rp_diag_errors(d), 0);
    /* split in the middle: inside the chapter */
    CHECK(ahead.from > CHAPTER_FIRST && ahead.from <= CHAPTER_LAST);
    /* every paragraph from there on, the page-ref's aside, the chapter's
     * last one too */
    long expect = CHAPTER_PIECE >= ahead.from;
    for (int i = 0; i < SECTIONS; i++)
        if (piece_of(i) >= ahead.from)
            expect += PARAS + (i == RTL_SECTION);
    INT_EQ((long)ahead.taken, expect);
    INT_EQ((long)alone.taken, 0);
    CHECK(alone.pages > 2 && alone.pages == ahead.pages);
    STR_EQ(ahead.target, alone.target);
    CHECK(alone.stats.lines > 0 && fixture_same_stats(&alone.stats, &ahead.stats));
    free(alone.target);
    free(ahead.target);

    char *path = g_build_filename(g_get_tmp_dir(), "rp-test-premeasure.pdf", NULL);
    size_t na, nb;
    rp_compose_stats sa, sb;
    char *a = typeset(ctx, d, 0, path, &na, &sa), *b = typeset(ctx, d, 1, path, &nb, &sb);
    CHECK(na > 0 && na == nb && a && b && memcmp(a, b, na) == 0);
    CHECK(sa.lines > 0 && fixture_same_stats(&sa, &sb));
    INT_EQ((int)rp_diag_errors(d), 0);
    g_free(a);
    g_free(b);
    g_free(path);
    rp_context_set_spare_core(ctx, 0);
}

int main(void)
{
    return fixture_main(test);
}
