/* test_transform.c - the XSLT stage across the documents of a batch: what
 * document() reads is parsed once and lent to later transformations, yet
 * each one reads the file as it is now and depends on it.  And where a
 * blueprint's elements were written, as the stylesheets' rpt:src()
 * gives it, in the blueprint and in copies of it. */
#include "context_fixture.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <libxml/tree.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>

static const char *sheet_text =
    "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'>"
    "<xsl:template match='/'><out><xsl:value-of select=\"document('data.xml')/d\"/>"
    "<xsl:text>/</xsl:text><xsl:value-of select='/in'/></out></xsl:template>"
    "</xsl:stylesheet>";

static void put_file(const char *dir, const char *name, const char *text)
{
    char *path = g_build_filename(dir, name, NULL);
    CHECK(g_file_set_contents(path, text, -1, NULL));
    g_free(path);
}

/* One document of the batch: the output's text, or "" (caller frees). */
static char *run(rp_context *ctx, const char *dir, const char *sheet, const char *input,
                 rp_diag *d)
{
    put_file(dir, "in.xml", input); /* document() may read beside the input */
    char *in_path = g_build_filename(dir, "in.xml", NULL);
    xmlDocPtr in = xmlReadFile(in_path, NULL, 0);
    rp_context_begin(ctx);
    xmlDocPtr out = in ? rp_transform(ctx, sheet, in, NULL, d) : NULL;
    xmlChar *text = out ? xmlNodeGetContent(xmlDocGetRootElement(out)) : NULL;
    char *got = g_strdup(text ? (const char *)text : "");
    xmlFree(text);
    xmlFreeDoc(out);
    xmlFreeDoc(in);
    g_free(in_path);
    return got;
}

/* Whether the document just made depends on dir/name. */
static int depends_on(rp_context *ctx, const char *dir, const char *name)
{
    char *path = g_build_filename(dir, name, NULL);
    const char *const *files;
    size_t n = rp_context_dependencies(ctx, &files);
    int found = 0;
    for (size_t i = 0; i < n; i++)
        found |= strcmp(files[i], path) == 0;
    g_free(path);
    return found;
}

static void batch(rp_context *ctx, rp_diag *d)
{
    char *dir = g_dir_make_tmp("rp-transform-XXXXXX", NULL);
    CHECK(dir != NULL);
    if (!dir)
        return;
    put_file(dir, "sheet.xsl", sheet_text);
    put_file(dir, "data.xml", "<d>one</d>");
    char *sheet = g_build_filename(dir, "sheet.xsl", NULL);
    /* the first reads data.xml, the second keeps it, the third borrows it */
    const char *inputs[] = {"<in>a</in>", "<in>b</in>", "<in>c</in>"};
    const char *want[] = {"one/a", "one/b", "one/c"};
    for (int i = 0; i < 3; i++) {
        char *got = run(ctx, dir, sheet, inputs[i], d);
        STR_EQ(got, want[i]);
        CHECK(depends_on(ctx, dir, "data.xml"));
        g_free(got);
    }
    /* Borrowed, not read again: the same file (device, inode, size and
     * time) rewritten in place with other bytes still gives the kept
     * document.  Without the shelf this would read "eno". */
    char *data_path = g_build_filename(dir, "data.xml", NULL);
    struct stat st;
    CHECK(stat(data_path, &st) == 0);
    FILE *fp = fopen(data_path, "r+");
    CHECK(fp != NULL);
    if (fp) {
        fputs("<d>eno</d>", fp);
        fclose(fp);
    }
    CHECK(utimensat(AT_FDCWD, data_path, (struct timespec[]){st.st_atim, st.st_mtim}, 0) == 0);
    char *kept = run(ctx, dir, sheet, "<in>k</in>", d);
    STR_EQ(kept, "one/k");
    g_free(kept);
    g_free(data_path);
    /* the file changed (its size does, whatever the clock's grain): read again */
    put_file(dir, "data.xml", "<d>two!</d>");
    for (int i = 0; i < 2; i++) {
        char *got = run(ctx, dir, sheet, "<in>d</in>", d);
        STR_EQ(got, "two!/d");
        CHECK(depends_on(ctx, dir, "data.xml"));
        g_free(got);
    }
    /* a file the parser warns about (a relative namespace URI) is read
     * for each document, so that each one reports the warning */
    char *warn_text = g_strdup(sheet_text);
    memcpy(strstr(warn_text, "data.xml"), "warn.xml", 8);
    put_file(dir, "warn.xsl", warn_text);
    put_file(dir, "warn.xml", "<d xmlns='relative'>three</d>");
    char *warn_sheet = g_build_filename(dir, "warn.xsl", NULL);
    for (int i = 0; i < 3; i++) {
        size_t before = rp_diag_count(d);
        char *got = run(ctx, dir, warn_sheet, "<in>w</in>", d);
        STR_EQ(got, "/w"); /* d is in a namespace: /d finds nothing */
        INT_EQ((int)(rp_diag_count(d) - before), 1);
        CHECK(rp_diag_count(d) > before &&
              rp_diag_get(d, rp_diag_count(d) - 1)->severity == RP_WARNING);
        g_free(got);
    }
    g_free(warn_sheet);
    g_free(warn_text);
    /* gone: document() of a missing file is empty, as ever */
    char *data = g_build_filename(dir, "data.xml", NULL);
    g_remove(data);
    char *got = run(ctx, dir, sheet, "<in>e</in>", d);
    STR_EQ(got, "/e");
    g_free(got);
    INT_EQ(rp_diag_errors(d), 0);
    INT_EQ((int)rp_diag_count(d), 3); /* the warnings above */
    for (const char *const *f = (const char *const[]){"sheet.xsl", "in.xml", "warn.xsl", "warn.xml", NULL}; *f; f++) {
        char *path = g_build_filename(dir, *f, NULL);
        g_remove(path);
        g_free(path);
    }
    g_rmdir(dir);
    g_free(data);
    g_free(sheet);
    g_free(dir);
}

/* The first element named name at or under n, depth first. */
static xmlNodePtr element(xmlNodePtr n, const char *name)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrEqual(n->name, BAD_CAST name))
            return n;
        xmlNodePtr in = element(n->children, name);
        if (in)
            return in;
    }
    return NULL;
}

static void src_is(xmlNodePtr n, const char *want)
{
    char *got = n ? rp_node_src(n) : NULL;
    if (want)
        STR_EQ(got, want);
    else
        CHECK(got == NULL);
    free(got);
}

/* rp_node_src of n: where libxml2 puts an element past line 65 535 (the
 * line its first text ends on), never the 65 535 its tree holds. */
static char *far_src(xmlNodePtr n)
{
    char *src = rp_node_src(n);
    const char *colon = src ? strrchr(src, ':') : NULL;
    CHECK(colon && atol(colon + 1) >= 70044 && atol(colon + 1) <= 70046);
    return src;
}

/* The valid fixture with 70 000 empty lines before its <kpis>: what
 * follows them is past the 65 535 lines a tree's copy can tell. */
static char *far_blueprint(size_t *len)
{
    char *path = g_build_filename(getenv("ROLEPRESS_DATADIR"), "tests", "e2e", "fixtures",
                                  "valid-role.xml", NULL);
    char *text = NULL;
    CHECK(g_file_get_contents(path, &text, NULL, NULL));
    g_free(path);
    if (!text)
        return NULL;
    char *at = strstr(text, "  <kpis>");
    CHECK(at != NULL);
    if (!at)
        return text;
    GString *b = g_string_new_len(text, at - text);
    for (int i = 0; i < 70000; i++)
        g_string_append_c(b, '\n');
    g_string_append(b, at);
    g_free(text);
    *len = b->len;
    return g_string_free(b, FALSE);
}

static void positions(rp_context *ctx, rp_diag *d)
{
    size_t len = 0;
    char *text = far_blueprint(&len);
    xmlDocPtr bp = text ? rp_blueprint_parse(ctx, text, len, "roles/far.xml", d) : NULL;
    g_free(text);
    CHECK(bp != NULL);
    if (!bp)
        return;
    /* the fixture's lines: <role> 5, <title> 12, <kpis> 44 + 70 000 */
    xmlNodePtr root = xmlDocGetRootElement(bp);
    src_is(root, "roles/far.xml:5");
    src_is(element(root, "title"), "roles/far.xml:12");
    src_is(element(root, "title")->children, "roles/far.xml:12"); /* its text */
    char *kpis = far_src(element(root, "kpis"));
    char *kpi = far_src(element(root, "kpi"));
    /* Only the root and the far elements carry an attribute. */
    CHECK(!xmlHasProp(element(root, "title"), BAD_CAST "src"));
    /* A copy in a set document knows the same. */
    xmlDocPtr set = xmlNewDoc(BAD_CAST "1.0");
    xmlNodePtr top = xmlNewDocNode(set, NULL, BAD_CAST "rolepress-set", NULL);
    xmlDocSetRootElement(set, top);
    xmlNodePtr copy = xmlAddChild(top, xmlDocCopyNode(root, set, 1));
    src_is(element(copy, "title"), "roles/far.xml:12");
    src_is(element(copy, "kpis"), kpis);
    src_is(element(copy, "kpi"), kpi);
    free(kpis);
    free(kpi);
    src_is(top, NULL); /* no blueprint's */
    /* rpt:src in a stylesheet: the first node with a position, in
     * document order; "" for none; a string is no node-set. */
    char *dir = g_dir_make_tmp("rp-src-XXXXXX", NULL);
    put_file(dir, "src.xsl",
             "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'"
             " xmlns:rpt='urn:x-rolepress:typeset'><xsl:template match='/'><out>"
             "<xsl:value-of select=\"function-available('rpt:src')\"/>|"
             "<xsl:value-of select='rpt:src(//kpis | //title)'/>|"
             "<xsl:value-of select='rpt:src(/rolepress-set)'/>|"
             "<xsl:value-of select='rpt:src(/none)'/></out></xsl:template></xsl:stylesheet>");
    put_file(dir, "bad.xsl",
             "<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'"
             " xmlns:rpt='urn:x-rolepress:typeset'><xsl:template match='/'><out>"
             "<xsl:value-of select=\"rpt:src('title')\"/></out></xsl:template></xsl:stylesheet>");
    char *sheet = g_build_filename(dir, "src.xsl", NULL);
    char *bad = g_build_filename(dir, "bad.xsl", NULL);
    rp_context_begin(ctx);
    xmlDocPtr out = rp_transform(ctx, sheet, set, NULL, d);
    xmlChar *got = out ? xmlNodeGetContent(xmlDocGetRootElement(out)) : NULL;
    STR_EQ((const char *)got, "true|roles/far.xml:12||");
    xmlFree(got);
    xmlFreeDoc(out);
    size_t errors = rp_diag_errors(d), first = rp_diag_count(d);
    out = rp_transform(ctx, bad, set, NULL, d);
    CHECK(out == NULL);
    CHECK(rp_diag_errors(d) > errors);
    /* said at the instruction, in words: not libxml2's "Invalid type" */
    const rp_diag_record *said = rp_diag_count(d) > first ? rp_diag_get(d, first) : NULL;
    CHECK(said && said->line == 1 && strstr(said->message, "rpt:src() takes one node-set"));
    xmlFreeDoc(out);
    for (const char *const *f = (const char *const[]){"src.xsl", "bad.xsl", NULL}; *f; f++) {
        char *path = g_build_filename(dir, *f, NULL);
        g_remove(path);
        g_free(path);
    }
    g_rmdir(dir);
    g_free(dir);
    g_free(sheet);
    g_free(bad);
    xmlFreeDoc(set);
    xmlFreeDoc(bp);
}

static void tests(rp_context *ctx, rp_diag *d)
{
    batch(ctx, d);
    positions(ctx, d);
}

int main(void)
{
    return fixture_main(tests);
}
