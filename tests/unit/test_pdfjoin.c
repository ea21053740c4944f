/* test_pdfjoin.c - joining the parts Cairo drew a document in
 * (pdfjoin.c): two real Cairo documents, the second beginning again what
 * the first left open, read back object by object; and parts that do not
 * fit together, refused. */
#include "harness.h"
#include "pdfjoin.h"
#include "pdfobj.h"

#include <cairo-pdf.h>
#include <stdlib.h>

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
    rp_buf_add(closure, (const char *)data, len);
    return CAIRO_STATUS_SUCCESS;
}

/* A Cairo document writing to b, its first page labelled label, with
 * Document and Sect begun. */
static cairo_t *begin(rp_buf *b, const char *label)
{
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, b, 200, 200);
    cairo_t *cr = cairo_create(s);
    cairo_surface_destroy(s); /* cr holds it */
    cairo_pdf_surface_set_page_label(s, label);
    cairo_tag_begin(cr, "Document", "");
    cairo_tag_begin(cr, "Sect", "");
    return cr;
}

/* Ends Sect and Document, and the document. */
static void end(cairo_t *cr)
{
    cairo_tag_end(cr, "Sect");
    cairo_tag_end(cr, "Document");
    cairo_surface_finish(cairo_get_target(cr));
    cairo_destroy(cr);
}

static void text(cairo_t *cr, const char *s)
{
    cairo_move_to(cr, 20, 40);
    cairo_show_text(cr, s);
}

/* A P element holding s. */
static void paragraph(cairo_t *cr, const char *s)
{
    cairo_tag_begin(cr, "P", "");
    text(cr, s);
    cairo_tag_end(cr, "P");
}

/* Part one: page "iv"; Document > Sect > P, left open with Sect and
 * the outline item One. */
static rp_buf part_one(void)
{
    rp_buf b = {0};
    cairo_t *cr = begin(&b, "iv");
    cairo_surface_t *s = cairo_get_target(cr);
    cairo_tag_begin(cr, "P", "");
    cairo_tag_begin(cr, CAIRO_TAG_DEST, "name='a'");
    cairo_tag_end(cr, CAIRO_TAG_DEST);
    text(cr, "first");
    cairo_tag_end(cr, "P");
    cairo_pdf_surface_add_outline(s, CAIRO_PDF_OUTLINE_ROOT, "One", "page=1", 0);
    end(cr);
    return b;
}

/* Part two: pages "1" and "2"; Sect and One begun again, a P with a link
 * back to part one's destination, and a destination of its own. */
static rp_buf part_two(void)
{
    rp_buf b = {0};
    cairo_t *cr = begin(&b, "1");
    cairo_surface_t *s = cairo_get_target(cr);
    int one = cairo_pdf_surface_add_outline(s, CAIRO_PDF_OUTLINE_ROOT, "One", "page=1", 0);
    cairo_pdf_surface_add_outline(s, one, "Two", "page=2", 0);
    cairo_tag_begin(cr, "P", "");
    text(cr, "second");
    cairo_show_page(cr);
    cairo_pdf_surface_set_page_label(s, "2");
    cairo_tag_begin(cr, CAIRO_TAG_LINK, "dest='a' rect=[20 30 40 15]");
    text(cr, "back");
    cairo_tag_end(cr, CAIRO_TAG_LINK);
    cairo_tag_begin(cr, CAIRO_TAG_DEST, "name='b'");
    cairo_tag_end(cr, CAIRO_TAG_DEST);
    cairo_tag_end(cr, "P");
    end(cr);
    return b;
}

typedef struct {
    rp_spool spool;
    po_file f;
} joined;

static int get(const joined *j, long id, po_val *v)
{
    size_t pos = po_body(j->spool.data, j->spool.len, &j->f, id);
    return pos ? po_parse(j->spool.data, j->spool.len, &pos, v) : -1;
}

/* The value at a path of keys from object id: "Root/Pages/Count". */
static po_val lookup(const joined *j, long id, const char *path)
{
    po_val v = {0};
    if (get(j, id, &v) != 0)
        return (po_val){0};
    char *keys = rp_xstrdup(path), *save = NULL;
    for (char *k = strtok_r(keys, "/", &save); k; k = strtok_r(NULL, "/", &save)) {
        po_val *next = po_get(&v, k);
        po_val n = next ? po_copy(next) : (po_val){0};
        po_free(&v);
        v = n;
        if (v.kind == PO_REF) {
            long ref = v.num;
            if (get(j, ref, &v) != 0)
                v = (po_val){0};
        }
    }
    free(keys);
    return v;
}

static long ref_at(const po_val *arr, size_t i)
{
    return arr->kind == PO_ARRAY && i < arr->n && arr->items[i].kind == PO_REF ? arr->items[i].num
                                                                              : 0;
}

static void well_joined(void)
{
    rp_buf one = part_one(), two = part_two();
    joined j = {0};
    INT_EQ(rp_spool_open(&j.spool), 0);
    rp_pdfjoin *join = rp_pdfjoin_new(&j.spool, NULL, NULL);
    INT_EQ(rp_pdfjoin_add(join, one.s, one.len, 0, 1, 0), 0);
    INT_EQ(rp_pdfjoin_add(join, two.s, two.len, 1, 0, 1), 0);
    INT_EQ(rp_pdfjoin_end(join), 0);
    CHECK(rp_pdfjoin_why(join) == NULL);
    rp_pdfjoin_free(join);
    INT_EQ(rp_spool_map(&j.spool), 0);
    INT_EQ(po_open(j.spool.data, j.spool.len, &j.f), 0);
    long root = po_get(&j.f.trailer, "Root")->num;

    po_val v = lookup(&j, root, "Pages/Count");
    INT_EQ(v.num, 3);
    po_free(&v);
    /* One Document, one Sect holding both parts' paragraphs. */
    po_val doc = lookup(&j, root, "StructTreeRoot/K");
    INT_EQ(doc.kind, PO_ARRAY);
    INT_EQ(doc.n, 1);
    po_val d = {0};
    INT_EQ(get(&j, ref_at(&doc, 0), &d), 0);
    STR_EQ(po_get(&d, "S")->text, "Document");
    po_val *dk = po_get(&d, "K");
    long sect = dk && dk->kind == PO_REF ? dk->num : dk ? ref_at(dk, 0) : 0;
    CHECK(!dk || dk->kind == PO_REF || dk->n == 1);
    po_val sk = lookup(&j, sect, "K");
    INT_EQ(sk.kind, PO_ARRAY);
    INT_EQ(sk.n, 2);
    for (size_t i = 0; i < sk.n; i++) {
        po_val s = lookup(&j, ref_at(&sk, i), "S"), p = {0};
        STR_EQ(s.text, "P");
        INT_EQ(get(&j, ref_at(&sk, i), &p), 0);
        INT_EQ(po_get(&p, "P")->num, sect); /* the parent is the original Sect */
        po_free(&s);
        po_free(&p);
    }
    /* Parent-tree keys: part one's page 0, then part two's past it. */
    po_val nums = lookup(&j, root, "StructTreeRoot/ParentTree/Nums");
    CHECK(nums.n >= 6);
    for (size_t i = 0; i + 2 < nums.n; i += 2)
        CHECK(nums.items[i].num < nums.items[i + 2].num);
    po_val kids = lookup(&j, root, "Pages/Kids");
    po_val sp = lookup(&j, ref_at(&kids, 1), "StructParents");
    CHECK(sp.kind == PO_NUM && sp.num > 0);
    po_free(&sp);
    /* The link's annotation: its key moved too, to its Link element. */
    po_val annots = lookup(&j, ref_at(&kids, 2), "Annots");
    po_val key = lookup(&j, ref_at(&annots, 0), "StructParent");
    INT_EQ(key.kind, PO_NUM);
    long link = 0;
    for (size_t i = 0; key.kind == PO_NUM && i + 1 < nums.n; i += 2)
        if (nums.items[i].num == key.num && nums.items[i + 1].kind == PO_REF)
            link = nums.items[i + 1].num;
    po_val ls = lookup(&j, link, "S");
    STR_EQ(ls.text, "Link");
    po_free(&annots);
    po_free(&key);
    po_free(&ls);
    /* The outline: One (once), with Two under it. */
    po_val first = lookup(&j, root, "Outlines/First/Title"), last = lookup(&j, root, "Outlines/Last/Title");
    STR_EQ(first.text, "(One)");
    STR_EQ(last.text, "(One)");
    po_val under = lookup(&j, root, "Outlines/First/First/Title");
    STR_EQ(under.text, "(Two)");
    po_val next = lookup(&j, root, "Outlines/First/Next");
    INT_EQ(next.kind, PO_NULL);
    /* Both parts' destinations, in order of their names. */
    po_val names = lookup(&j, root, "Names/Dests/Names");
    INT_EQ(names.n, 4);
    if (names.n == 4) {
        STR_EQ(names.items[0].text, "(a)");
        STR_EQ(names.items[2].text, "(b)");
        po_val pg = po_copy(&names.items[1].items[0]);
        INT_EQ(pg.num, ref_at(&kids, 0));
        po_free(&pg);
    }
    /* Labels: iv, then 1 and 2 (Cairo wrote none for part two's pages). */
    po_val labels = lookup(&j, root, "PageLabels/Nums");
    INT_EQ(labels.n, 4);
    if (labels.n == 4) {
        INT_EQ(labels.items[0].num, 0);
        STR_EQ(po_get(&labels.items[1], "P")->text, "(iv)");
        INT_EQ(labels.items[2].num, 1);
        STR_EQ(po_get(&labels.items[3], "S")->text, "D");
        CHECK(po_get(&labels.items[3], "St") == NULL || po_get(&labels.items[3], "St")->num == 1);
    }
    po_val *vals[] = {&doc, &d, &sk, &nums, &kids, &first, &last, &under, &next, &names, &labels};
    for (size_t i = 0; i < sizeof vals / sizeof *vals; i++)
        po_free(vals[i]);
    po_close(&j.f);
    rp_spool_close(&j.spool);
    rp_buf_free(&one);
    rp_buf_free(&two);
}

/* The P elements of element id (its /K), each checked to name id as its
 * parent. */
static size_t paragraphs_of(const joined *j, long id)
{
    po_val k = lookup(j, id, "K");
    size_t n = 0;
    for (size_t i = 0; k.kind == PO_ARRAY && i < k.n; i++) {
        po_val s = lookup(j, ref_at(&k, i), "S"), p = {0};
        const po_val *parent = get(j, ref_at(&k, i), &p) == 0 ? po_get(&p, "P") : NULL;
        n += s.text && strcmp(s.text, "P") == 0 && parent && parent->kind == PO_REF &&
             parent->num == id;
        po_free(&s);
        po_free(&p);
    }
    po_free(&k);
    return n;
}

/* Three parts.  The first leaves a Sect and two outline levels open; the
 * second ends that Sect (so what it began again is not what it leaves
 * open), begins another, left open, adds an item under the deeper level
 * it began again and a new top item, left open; the third ends both. */
static void three_parts(void)
{
    rp_buf a = {0}, b = {0}, c = {0};
    cairo_t *cr = begin(&a, "1");
    cairo_surface_t *s = cairo_get_target(cr);
    int one = cairo_pdf_surface_add_outline(s, CAIRO_PDF_OUTLINE_ROOT, "One", "page=1", 0);
    cairo_pdf_surface_add_outline(s, one, "OneA", "page=1", 0);
    paragraph(cr, "a");
    end(cr);

    cr = begin(&b, "2");
    s = cairo_get_target(cr);
    one = cairo_pdf_surface_add_outline(s, CAIRO_PDF_OUTLINE_ROOT, "One", "page=1", 0);
    int one_a = cairo_pdf_surface_add_outline(s, one, "OneA", "page=1", 0);
    cairo_pdf_surface_add_outline(s, one_a, "Deep", "page=1", 0);
    cairo_pdf_surface_add_outline(s, CAIRO_PDF_OUTLINE_ROOT, "Two", "page=1", 0);
    paragraph(cr, "b");
    cairo_tag_end(cr, "Sect");
    cairo_tag_begin(cr, "Sect", "");
    paragraph(cr, "c");
    end(cr);

    cr = begin(&c, "3");
    s = cairo_get_target(cr);
    int two = cairo_pdf_surface_add_outline(s, CAIRO_PDF_OUTLINE_ROOT, "Two", "page=1", 0);
    cairo_pdf_surface_add_outline(s, two, "TwoA", "page=1", 0);
    paragraph(cr, "d");
    end(cr);

    joined j = {0};
    INT_EQ(rp_spool_open(&j.spool), 0);
    rp_pdfjoin *join = rp_pdfjoin_new(&j.spool, NULL, NULL);
    INT_EQ(rp_pdfjoin_add(join, a.s, a.len, 0, 1, 0), 0);
    INT_EQ(rp_pdfjoin_add(join, b.s, b.len, 1, 1, 2), 0);
    INT_EQ(rp_pdfjoin_add(join, c.s, c.len, 1, 0, 1), 0);
    INT_EQ(rp_pdfjoin_end(join), 0);
    rp_pdfjoin_free(join);
    INT_EQ(rp_spool_map(&j.spool), 0);
    INT_EQ(po_open(j.spool.data, j.spool.len, &j.f), 0);
    long root = po_get(&j.f.trailer, "Root")->num;

    /* Document holds two Sects: a and b in the first, c and d in the
     * second, each P's parent its Sect. */
    po_val doc = lookup(&j, root, "StructTreeRoot/K");
    po_val sects = doc.kind == PO_ARRAY ? lookup(&j, ref_at(&doc, 0), "K") : (po_val){0};
    INT_EQ(sects.kind, PO_ARRAY);
    INT_EQ(sects.n, 2);
    if (sects.kind == PO_ARRAY && sects.n == 2) {
        INT_EQ(paragraphs_of(&j, ref_at(&sects, 0)), 2);
        INT_EQ(paragraphs_of(&j, ref_at(&sects, 1)), 2);
    }
    /* The outline: One > OneA > Deep, then Two > TwoA; each once. */
    const char *want[][2] = {
        {"Outlines/First/Title", "(One)"},
        {"Outlines/First/First/Title", "(OneA)"},
        {"Outlines/First/Last/Title", "(OneA)"},
        {"Outlines/First/First/First/Title", "(Deep)"},
        {"Outlines/First/Next/Title", "(Two)"},
        {"Outlines/Last/Title", "(Two)"},
        {"Outlines/Last/First/Title", "(TwoA)"},
        {"Outlines/Last/Last/Title", "(TwoA)"},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        po_val t = lookup(&j, root, want[i][0]);
        STR_EQ(t.text ? t.text : "(none)", want[i][1]);
        po_free(&t);
    }
    po_val count = lookup(&j, root, "Pages/Count");
    INT_EQ(count.num, 3);
    po_free(&count);
    po_free(&doc);
    po_free(&sects);
    po_close(&j.f);
    rp_spool_close(&j.spool);
    rp_buf_free(&a);
    rp_buf_free(&b);
    rp_buf_free(&c);
}

/* Parts that do not fit together: refused with a reason, nothing
 * crashes, and the end says so too. */
static void refused(void)
{
    rp_buf one = part_one(), two = part_two();
    struct {
        const char *pdf;
        size_t len, continued, open, outlined;
        const char *why;
    } cases[] = {
        {"not a PDF", 9, 0, 0, 0, "no cross-reference table"},
        {two.s, two.len, 3, 0, 0, "did not leave open"},
        {two.s, two.len, 1, 0, 5, "outline items it lacks"},
        {two.s, two.len, 1, 9, 0, "lacks an element left open"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        rp_spool out = {0};
        INT_EQ(rp_spool_open(&out), 0);
        rp_pdfjoin *join = rp_pdfjoin_new(&out, NULL, NULL);
        INT_EQ(rp_pdfjoin_add(join, one.s, one.len, 0, 1, 0), 0);
        INT_EQ(rp_pdfjoin_add(join, cases[i].pdf, cases[i].len, cases[i].continued,
                              cases[i].open, cases[i].outlined),
               -1);
        INT_EQ(rp_pdfjoin_end(join), -1);
        const char *why = rp_pdfjoin_why(join);
        CHECK(why && strstr(why, cases[i].why));
        if (why && !strstr(why, cases[i].why))
            fprintf(stderr, "case %zu: %s\n", i, why);
        rp_pdfjoin_free(join);
        rp_spool_close(&out);
    }
    rp_buf_free(&one);
    rp_buf_free(&two);
}

int main(void)
{
    well_joined();
    three_parts();
    refused();
    TEST_MAIN_END();
}
