/* test_chunks.c - a layout tree moved out of memory and back: the blocks
 * come back as they were written (text, attributes, xml:lang, lines), in
 * order, with the same keys every time; what may not move stays. */
#include "context_fixture.h"
#include "../../src/chunks.h"

#include <errno.h>
#include <libxml/parser.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>

static const char layout[] =
    "<document xml:lang=\"en\">\n"                                     /* 1 */
    "<meta><title>T</title></meta>\n"                                  /* 2 */
    "<page-template name=\"p\"/>\n"                                    /* 3 */
    "<style name=\"s\"/>\n"                                            /* 4 */
    "<section title=\"A &amp; B &lt;&quot;\" src=\"r.xml:7\">\n"       /* 5 */
    "<para style=\"s\">x &lt; y &amp; \"z\" \xc3\xa9&#9;</para>\n"    /* 6 */
    "<para xml:lang=\"de\">Stra\xc3\x9f" "e<span style=\"s\">b</span> tail</para>\n" /* 7 */
    "</section>\n"                                                     /* 8 */
    "<section title=\"C\"><para>c</para></section>\n"                  /* 9 */
    "</document>\n";

/* n serialized, with the siblings after it when all. */
static char *dump_from(xmlNodePtr n, int all)
{
    xmlBufferPtr b = xmlBufferCreate();
    for (; n; n = all ? n->next : NULL)
        xmlNodeDump(b, n->doc, n, 0, 0);
    char *s = strdup((const char *)xmlBufferContent(b));
    xmlBufferFree(b);
    return s;
}

static char *dump(xmlNodePtr n)
{
    return dump_from(n, 1);
}

static char *dump_one(xmlNodePtr n)
{
    return dump_from(n, 0);
}

static xmlNodePtr element(xmlNodePtr n, const char *name)
{
    for (; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0)
            return n;
    return NULL;
}

static int count_placeholders(rp_chunks *c, xmlNodePtr parent)
{
    int k = 0;
    for (xmlNodePtr n = parent->children; n; n = n->next)
        k += rp_chunks_is_placeholder(c, n);
    return k;
}

/* The child of parent with that id, in the tree as it is (not unpacked). */
static xmlNodePtr child_with_id(xmlNodePtr parent, const char *id)
{
    for (xmlNodePtr n = parent ? parent->children : NULL; n; n = n->next) {
        xmlChar *v = n->type == XML_ELEMENT_NODE ? xmlGetProp(n, BAD_CAST "id") : NULL;
        int same = v && strcmp((const char *)v, id) == 0;
        xmlFree(v);
        if (same)
            return n;
    }
    return NULL;
}

static xmlNodePtr last_placeholder(rp_chunks *c, xmlNodePtr parent)
{
    xmlNodePtr ph = NULL;
    for (xmlNodePtr n = parent->children; n; n = n->next)
        if (rp_chunks_is_placeholder(c, n))
            ph = n;
    return ph;
}

/* The layout above with a store of its own. */
static xmlDocPtr fixture(rp_chunks **c)
{
    xmlDocPtr doc = xmlReadMemory(layout, sizeof layout - 1, "l.xml", NULL, 0);
    *c = rp_chunks_new();
    rp_chunks_attach(doc, *c);
    return doc;
}

/* The blocks of the document element go, the head stays, and the blocks
 * come back the same, each time with the same keys. */
static void round_trip(void)
{
    xmlDocPtr doc = xmlReadMemory(layout, sizeof layout - 1, "l.xml", NULL, 0);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    char *blocks = dump(element(root->children, "section"));
    rp_chunks *c = rp_chunks_new();
    CHECK(c != NULL);
    rp_chunks_attach(doc, c);
    CHECK(rp_chunks_of(doc) == c);
    INT_EQ(rp_chunks_flush(c, root), 0);
    CHECK(element(root->children, "section") == NULL);
    CHECK(element(root->children, "meta") && element(root->children, "page-template") &&
          element(root->children, "style"));
    INT_EQ(count_placeholders(c, root), 1);

    xmlNodePtr ph = last_placeholder(c, root);
    rp_diag *d = rp_diag_new();
    const void *keys[2] = {0};
    for (int pass = 0; pass < 2; pass++) {
        INT_EQ(rp_chunks_open(c, ph, "l.xml", d), 0);
        char *back = dump(element(ph->children, "section"));
        STR_EQ(back, blocks);
        free(back);
        xmlNodePtr sec = element(ph->children, "section");
        xmlNodePtr p1 = element(sec->children, "para");
        xmlNodePtr p2 = element(p1->next, "para");
        INT_EQ(xmlGetLineNo(sec), 5);
        INT_EQ(xmlGetLineNo(p2), 7);
        xmlChar *lang1 = xmlNodeGetLang(p1), *lang2 = xmlNodeGetLang(p2);
        STR_EQ((const char *)lang1, "en"); /* inherited through the placeholder */
        STR_EQ((const char *)lang2, "de");
        xmlFree(lang1);
        xmlFree(lang2);
        CHECK(rp_node_key(p2) != (const void *)p2);
        if (pass == 0) {
            keys[0] = rp_node_key(sec);
            keys[1] = rp_node_key(p2);
        } else {
            CHECK(rp_node_key(sec) == keys[0]);
            CHECK(rp_node_key(p2) == keys[1]);
        }
        CHECK(rp_node_key(sec) != rp_node_key(p2));
        rp_chunks_close(ph);
        CHECK(ph->children == NULL);
    }
    /* A tree's own element is its own key. */
    CHECK(rp_node_key(root) == (const void *)root);
    INT_EQ(rp_diag_count(d), 0);
    rp_diag_free(d);
    free(blocks);
    rp_layout_free(doc);
}

/* A flush inside a section, then one around it: the inner placeholder
 * travels with the section and opens in its turn; a later flush moves
 * only what came after the last placeholder. */
static void nested(void)
{
    rp_chunks *c;
    xmlDocPtr doc = fixture(&c);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNodePtr sec = element(root->children, "section");
    char *inner = dump(sec->children);
    INT_EQ(rp_chunks_flush(c, sec), 0);
    INT_EQ(count_placeholders(c, sec), 1);
    xmlNewTextChild(sec, NULL, BAD_CAST "para", BAD_CAST "after");
    INT_EQ(rp_chunks_flush(c, sec), 0);
    INT_EQ(count_placeholders(c, sec), 2);
    INT_EQ(rp_chunks_flush(c, root), 0);

    rp_diag *d = rp_diag_new();
    xmlNodePtr ph = last_placeholder(c, root);
    INT_EQ(rp_chunks_open(c, ph, "l.xml", d), 0);
    xmlNodePtr back = element(ph->children, "section");
    INT_EQ(count_placeholders(c, back), 2);
    xmlNodePtr first = back->children, second = last_placeholder(c, back);
    CHECK(first != second && rp_chunks_is_placeholder(c, first));
    INT_EQ(rp_chunks_open(c, first, "l.xml", d), 0);
    char *got = dump(first->children);
    STR_EQ(got, inner);
    free(got);
    INT_EQ(rp_chunks_open(c, second, "l.xml", d), 0);
    got = dump(second->children);
    STR_EQ(got, "<para>after</para>");
    free(got);
    rp_chunks_close(first);
    rp_chunks_close(second);
    rp_chunks_close(ph);
    INT_EQ(rp_diag_count(d), 0);
    rp_diag_free(d);
    free(inner);
    rp_layout_free(doc);
}

/* What rp_layout_check would refuse stays in the tree for it to report,
 * and nothing moves after it: the order of the blocks is kept. */
static void refused(void)
{
    rp_chunks *c;
    xmlDocPtr doc = fixture(&c);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNodePtr bad = xmlNewDocNode(doc, NULL, BAD_CAST "para", NULL);
    xmlAddChild(bad, xmlNewDocText(doc, BAD_CAST "a\xff"));
    xmlAddChild(root, bad);
    INT_EQ(rp_chunks_flush(c, root), -1);
    CHECK(element(root->children, "section") != NULL);
    CHECK(bad->parent == root);
    INT_EQ(count_placeholders(c, root), 0);
    INT_EQ(rp_chunks_flush(c, element(root->children, "section")), -1);
    rp_diag *d = rp_diag_new();
    INT_EQ(rp_layout_check(doc, "l.xml", d), -1);
    INT_EQ(rp_diag_errors(d), 1);
    rp_diag_free(d);
    rp_layout_free(doc);
}

/* Only a store's own placeholders are placeholders. */
static void impostors(void)
{
    xmlDocPtr doc = xmlReadMemory("<document><rp-chunk n=\"0\"/><section/></document>", 48,
                                  "l.xml", NULL, 0);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNodePtr fake = root->children;
    CHECK(!rp_chunks_is_placeholder(NULL, fake));
    CHECK(rp_chunks_of(doc) == NULL);
    rp_chunks *c = rp_chunks_new();
    CHECK(!rp_chunks_is_placeholder(c, fake)); /* no chunk 0 yet */
    rp_chunks_free(c);
    rp_layout_free(doc);
}

/* Only the document element's and sections' blocks move, and only in
 * the document: not a list's (its items decide how they are laid out),
 * nor those of an element that is not in the tree (libxslt builds an
 * attribute's value in one). */
static void where(void)
{
    rp_chunks *c;
    xmlDocPtr doc = fixture(&c);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNodePtr sec = element(root->children, "section");
    xmlNodePtr list = xmlNewChild(sec, NULL, BAD_CAST "list", NULL);
    xmlNewTextChild(list, NULL, BAD_CAST "item", BAD_CAST "one");
    INT_EQ(rp_chunks_flush(c, list), -1);
    CHECK(element(list->children, "item") != NULL);
    xmlNodePtr loose = xmlNewDocNode(doc, NULL, BAD_CAST "section", NULL);
    xmlNewTextChild(loose, NULL, BAD_CAST "para", BAD_CAST "two");
    INT_EQ(rp_chunks_flush(c, loose), -1);
    CHECK(element(loose->children, "para") != NULL);
    xmlFreeNode(loose);
    INT_EQ(rp_chunks_flush(c, sec), 0); /* refusing those stopped nothing */
    INT_EQ(count_placeholders(c, sec), 1);
    INT_EQ(rp_chunks_count(c), 1);
    rp_layout_free(doc);
}

/* What cannot be written is an error when the store is finished, not a
 * layout with holes. */
static void unwritable(void)
{
    rp_chunks *c;
    xmlDocPtr doc = fixture(&c);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    signal(SIGXFSZ, SIG_IGN);
    struct rlimit old, none;
    getrlimit(RLIMIT_FSIZE, &old);
    none = old;
    none.rlim_cur = 0;
    setrlimit(RLIMIT_FSIZE, &none);
    rp_chunks_flush(c, root); /* buffered: may not fail yet */
    INT_EQ(rp_chunks_finish(c), -1);
    setrlimit(RLIMIT_FSIZE, &old);
    INT_EQ(rp_chunks_error(c), EFBIG);
    rp_layout_free(doc);
}

/* One element packed alone and unpacked into a document of its own:
 * the same, with text XML cannot carry, xml:lang and its line. */
static void alone(void)
{
    rp_chunks *c;
    xmlDocPtr doc = fixture(&c);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNodePtr p2 = element(element(element(root->children, "section")->children, "para")->next,
                            "para");
    xmlNodeAddContent(p2, BAD_CAST " \x01 end");
    char *want = dump_one(p2);
    size_t len = 0;
    char *bytes = rp_node_pack(p2, &len);
    xmlDocPtr back = rp_node_unpack(bytes, len);
    xmlNodePtr q = xmlDocGetRootElement(back);
    char *got = dump_one(q);
    STR_EQ(got, want);
    INT_EQ(xmlGetLineNo(q), 7);
    xmlChar *lang = xmlNodeGetLang(q);
    STR_EQ((const char *)lang, "de");
    xmlFree(lang);
    free(got);
    free(want);
    free(bytes);
    xmlFreeDoc(back);
    rp_layout_free(doc);
}

/* The shipped handbook stylesheet on the shipped roles: its blocks are
 * put aside as it writes them (a stylesheet whose flushes went nowhere
 * would give the same PDF, only whole), a placeholder per part left in
 * the document and a role's worth of blocks in each; the back matter's
 * sections stay, holding placeholders. */
static void shipped(void)
{
    rp_diag *d;
    rp_context *ctx = fixture_context(&d);
    if (!ctx)
        return;
    char *roles = rp_data_path(ctx, "xml");
    const char *paths[] = {roles};
    rp_set *set = rp_set_load(ctx, paths, 1, NULL, d);
    size_t nroles = set ? rp_set_count(set) : 0;
    CHECK(nroles >= 30);
    xmlDocPtr input = set ? rp_set_document_taking(ctx, set, NULL, d) : NULL;
    char *sheet = rp_data_path(ctx, "xsl/handbook.xsl");
    /* the transformation takes the store: it is the book's, or freed */
    xmlDocPtr book = NULL;
    if (input)
        book = rp_transform_chunked(ctx, sheet, input, NULL, rp_chunks_new(), d);
    CHECK(book != NULL);
    INT_EQ(rp_diag_errors(d), 0);
    rp_chunks *c = rp_chunks_of(book);
    CHECK(c != NULL);
    CHECK(c && rp_chunks_count(c) > nroles); /* every role, and more */
    xmlNodePtr root = book ? xmlDocGetRootElement(book) : NULL;
    CHECK(c && root && count_placeholders(c, root) >= 3); /* front, ladder, chapters */
    /* the back matter grows with the book too: the skills index is put
     * aside a skill at a time, the level comparison a family at a time */
    xmlNodePtr skills = child_with_id(root, "hb.skills");
    xmlNodePtr levels = child_with_id(root, "hb.levels");
    CHECK(c && skills && count_placeholders(c, skills) >= 10);
    CHECK(c && levels && count_placeholders(c, levels) >= 3);
    CHECK(root && element(root->children, "style") != NULL); /* the head stays */
    rp_layout_free(book);
    xmlFreeDoc(input);
    rp_set_free(set);
    free(sheet);
    free(roles);
    fixture_free(ctx, d);
}

int main(void)
{
    round_trip();
    nested();
    refused();
    impostors();
    where();
    unwritable();
    alone();
    shipped();
    xmlCleanupParser();
    TEST_MAIN_END();
}
