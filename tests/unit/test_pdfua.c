/* test_pdfua.c - reading and writing PDF objects, and completing a tagged
 * PDF that Cairo wrote with carriers (tagging.c, pdfua.c). */
#include "harness.h"
#include "pdfobj.h"
#include "typeset.h"

#include <cairo-pdf.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

static char *round_trip(const char *in)
{
    size_t pos = 0;
    po_val v;
    if (po_parse(in, strlen(in), &pos, &v) != 0)
        return NULL;
    rp_buf b = {0};
    po_write(&b, &v);
    po_free(&v);
    return b.s;
}

static void objects(void)
{
    const char *elem = "<< /Type /StructElem /S /P /P 5 0 R /Pg 11 0 R\n"
                       "   /K [ 1 << /Type /MCR /Pg 12 0 R /MCID 0 >> ] >>";
    size_t pos = 0;
    po_val v;
    INT_EQ(po_parse(elem, strlen(elem), &pos, &v), 0);
    INT_EQ(pos, strlen(elem));
    STR_EQ(po_get(&v, "S")->text, "P");
    INT_EQ(po_get(&v, "P")->kind, PO_REF);
    INT_EQ(po_get(&v, "P")->num, 5);
    po_val *k = po_get(&v, "K");
    INT_EQ(k->n, 2);
    INT_EQ(k->items[0].num, 1);
    INT_EQ(po_get(&k->items[1], "MCID")->num, 0);
    CHECK(po_get(&v, "Alt") == NULL);
    po_free(&v);

    char *s = round_trip("<< /Type /Page % 1\n /Parent 1 0 R /Box [0 -1.5 3] /On true /X null >>");
    STR_EQ(s, "<< /Type /Page /Parent 1 0 R /Box [ 0 -1.5 3 ] /On true /X null >>");
    free(s);
    s = round_trip("(a \\) b (nested) c)");
    STR_EQ(s, "(a \\) b (nested) c)");
    free(s);
    s = round_trip("<FEFF0041>");
    STR_EQ(s, "<FEFF0041>");
    free(s);
    CHECK(round_trip("<< /Open [ 1 2 >>") == NULL);
    CHECK(round_trip("<< /Odd >>") == NULL);
    CHECK(round_trip("(unclosed") == NULL);

    /* The first whole match, none cut off by the window's end. */
    const char *w = "12 0 obj\n<< >>\nendobj";
    CHECK(po_find(w, strlen(w), "obj") == w + 5);
    CHECK(po_find(w, strlen(w), "endobj") == w + 15);
    CHECK(po_find(w, strlen(w) - 1, "endobj") == NULL);
    CHECK(po_find(w, 7, "obj") == NULL);
    CHECK(po_find(w, 0, "obj") == NULL);
    CHECK(po_find("oob", 3, "ob") != NULL && po_find("oob", 3, "ob")[-1] == 'o');

    /* Numbers as printf writes them, padded with zeros to a width (the
     * cross-reference table's offsets). */
    rp_buf nums = {0};
    const unsigned long values[] = {0, 7, 10, 1234567890UL, ULONG_MAX};
    for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
        rp_buf_puts(&nums, " ");
        po_put_num(&nums, values[i], 0);
    }
    po_put_num(&nums, 42, 10);
    char *want = g_strdup_printf(" 0 7 10 1234567890 %lu0000000042", ULONG_MAX);
    STR_EQ(nums.s, want);
    g_free(want);
    rp_buf_free(&nums);

    po_val t = po_text("Role (lead)");
    STR_EQ(t.text, "(Role \\(lead\\))");
    po_free(&t);
    t = po_text("Sta\xEF\xAC\x80"); /* U+FB00 */
    STR_EQ(t.text, "<FEFF005300740061FB00>");
    po_free(&t);
}

static cairo_status_t collect(void *closure, const unsigned char *data, unsigned int len)
{
    rp_buf_add(closure, (const char *)data, len);
    return CAIRO_STATUS_SUCCESS;
}

/* A page with a paragraph (content and a rule as an artifact) and a
 * figure, tagged the way the renderer tags. */
static void draw(rp_buf *pdf)
{
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(collect, pdf, 200, 200);
    cairo_t *cr = cairo_create(s);
    rp_tags t;
    rp_tags_start(&t, cr);
    rp_tags_begin(&t, RP_S_P, NULL, NULL, RP_HOLDS_ANY);
    rp_tags_content(&t);
    cairo_move_to(cr, 10, 20);
    cairo_show_text(cr, "Words");
    rp_tags_artifact(&t);
    cairo_rectangle(cr, 10, 25, 100, 1);
    cairo_fill(cr);
    rp_tags_end(&t, RP_S_P);
    rp_tags_begin(&t, RP_S_FIGURE, "A box", NULL, RP_HOLDS_CONTENT);
    rp_tags_content(&t);
    cairo_rectangle(cr, 10, 40, 50, 50);
    cairo_fill(cr);
    rp_tags_end(&t, RP_S_FIGURE);
    /* An element that holds nothing but an artifact: left unmarked, the
     * rule would be Cairo's content of the element, a leaf. */
    rp_tags_begin(&t, RP_S_SECT, NULL, NULL, RP_HOLDS_ANY);
    rp_tags_artifact(&t);
    cairo_rectangle(cr, 10, 100, 100, 1);
    cairo_fill(cr);
    rp_tags_end(&t, RP_S_SECT);
    /* A row known to hold cells: its rule, drawn first, needs no carrier. */
    rp_tags_begin(&t, RP_S_TR, NULL, NULL, RP_HOLDS_ELEMENT);
    rp_tags_artifact(&t);
    cairo_rectangle(cr, 10, 110, 100, 1);
    cairo_fill(cr);
    rp_tags_begin(&t, RP_S_TD, NULL, "en-GB", RP_HOLDS_CONTENT);
    rp_tags_content(&t);
    cairo_move_to(cr, 10, 125);
    cairo_show_text(cr, "Cell");
    rp_tags_end(&t, RP_S_TD);
    rp_tags_end(&t, RP_S_TR);
    rp_tags_artifact(&t);
    cairo_move_to(cr, 10, 190);
    cairo_show_text(cr, "Footer");
    rp_tags_finish(&t);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    cairo_surface_destroy(s);
    INT_EQ(t.nalts, 1);
    /* Document, P, Figure, Sect, TR, TD: the cell is the sixth begun */
    INT_EQ(t.nelements, 6);
    INT_EQ(t.nlangs, 1);
    INT_EQ(t.nlangs ? t.langs[0].element : 0, 5);
    STR_EQ(t.nlangs ? t.langs[0].lang : "", "en-GB");
    rp_tags_free(&t);
}

/* The rest of the object of pdf (unpacked) from what on, or "". */
static char *object_with(const rp_buf *pdf, const char *what)
{
    const char *at = pdf->s ? memmem(pdf->s, pdf->len, what, strlen(what)) : NULL;
    const char *end = at ? memmem(at, pdf->len - (size_t)(at - pdf->s), "endobj", 6) : NULL;
    return g_strndup(at ? at : "", end ? (size_t)(end - at) : 0);
}

/* How often what occurs in pdf. */
static size_t count_of(const rp_buf *pdf, const char *what)
{
    size_t n = 0, len = strlen(what);
    for (const char *p = pdf->s; p && (p = memmem(p, pdf->len - (size_t)(p - pdf->s), what, len));
         p += len)
        n++;
    return n;
}

/* rp_pdfua_finish into memory. */
static int finish(const rp_buf *pdf, const char *bytes, size_t len, const rp_pdfua_info *info,
                  rp_buf *out, rp_diag *d)
{
    char *mem = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&mem, &n);
    int rc = rp_pdfua_finish(pdf ? pdf->s : bytes, pdf ? pdf->len : len, info, f, "t.pdf", d);
    fclose(f);
    rp_buf_free(out);
    if (n)
        rp_buf_add(out, mem, n);
    free(mem);
    return rc;
}

/* Object id of pdf, parsed (0), or -1. */
static int object(const rp_buf *pdf, const po_file *f, long id, po_val *v)
{
    size_t pos = po_body(pdf->s, pdf->len, f, id);
    return pos ? po_parse(pdf->s, pdf->len, &pos, v) : -1;
}

/* Inflates the stream of the object at pdf[at] ("N 0 obj << ... >>
 * stream ... endstream"); its dictionary is parsed into *dict. */
static int inflate_stream(const rp_buf *pdf, size_t at, po_val *dict, rp_buf *data)
{
    const char *obj = memmem(pdf->s + at, pdf->len - at, "obj", 3);
    size_t pos = obj ? (size_t)(obj - pdf->s) + 3 : 0;
    if (!obj || po_parse(pdf->s, pdf->len, &pos, dict) != 0)
        return -1;
    const char *st = memmem(pdf->s + pos, pdf->len - pos, "stream\n", 7);
    const po_val *len = po_get(dict, "Length");
    if (!st || !len)
        return -1;
    return po_inflate(st + 7, (size_t)len->num, data);
}

static size_t be(const unsigned char *p, int n)
{
    size_t v = 0;
    while (n--)
        v = v << 8 | *p++;
    return v;
}

/* The file rp_pdfua_finish wrote (a cross-reference stream, objects in
 * object streams) as the same objects with a classic table, which
 * pdfobj.c reads: every object stream and the cross-reference stream
 * read back.  Returns 0, or -1 when they cannot be. */
static int unpack(const rp_buf *in, rp_buf *out)
{
    const char *sx = NULL;
    for (const char *p = in->s; (p = memmem(p, in->len - (size_t)(p - in->s), "startxref", 9));
         p += 9)
        sx = p;
    if (!sx)
        return -1;
    size_t xref_at = strtoul(sx + 9, NULL, 10);
    po_val xdict = {0};
    rp_buf xdata = {0};
    if (inflate_stream(in, xref_at, &xdict, &xdata) != 0 || !po_get(&xdict, "Size")) {
        po_free(&xdict);
        rp_buf_free(&xdata);
        return -1;
    }
    size_t size = (size_t)po_get(&xdict, "Size")->num, *at = calloc(size, sizeof *at);
    rp_buf_free(out);
    rp_buf_puts(out, "%PDF-1.5\n");
    int rc = xdata.len == 7 * size ? 0 : -1;
    for (size_t id = 1; id < size && rc == 0; id++) {
        const unsigned char *e = (const unsigned char *)xdata.s + 7 * id;
        size_t f2 = be(e + 1, 4), f3 = be(e + 5, 2);
        if (e[0] == 1 && id != size - 1) { /* in the file (not the xref stream) */
            const char *end = memmem(in->s + f2, in->len - f2, "endobj", 6);
            at[id] = out->len;
            rp_buf_add(out, in->s + f2, end ? (size_t)(end - in->s) + 6 - f2 : 0);
            rp_buf_puts(out, "\n");
        } else if (e[0] == 2) { /* index f3 of object stream f2 */
            const unsigned char *o = (const unsigned char *)xdata.s + 7 * f2;
            po_val sd = {0};
            rp_buf data = {0};
            if (o[0] != 1 || inflate_stream(in, be(o + 1, 4), &sd, &data) != 0 ||
                !po_get(&sd, "First") || !po_get(&sd, "N") || f3 >= (size_t)po_get(&sd, "N")->num) {
                rc = -1;
            } else {
                size_t first = (size_t)po_get(&sd, "First")->num, n = (size_t)po_get(&sd, "N")->num;
                char *h = data.s;
                size_t num = 0, off = 0, next = data.len - first;
                for (size_t k = 0; k <= f3; k++) {
                    num = strtoul(h, &h, 10);
                    off = strtoul(h, &h, 10);
                }
                if (f3 + 1 < n) {
                    strtoul(h, &h, 10);
                    next = strtoul(h, &h, 10);
                }
                if (num != id)
                    rc = -1;
                at[id] = out->len;
                rp_buf_printf(out, "%zu 0 obj\n", id);
                rp_buf_add(out, data.s + first + off, next - off);
                rp_buf_puts(out, "\nendobj\n");
            }
            po_free(&sd);
            rp_buf_free(&data);
        }
    }
    size_t xref = out->len;
    rp_buf_printf(out, "xref\n0 %zu\n", size);
    for (size_t id = 0; id < size; id++) {
        char line[32];
        snprintf(line, sizeof line, at[id] ? "%010zu 00000 n \n" : "0000000000 65535 f \n",
                 at[id]);
        rp_buf_puts(out, line);
    }
    po_val trailer = {.kind = PO_DICT};
    po_set(&trailer, "Size", po_int((long)size));
    const char *keep[] = {"Root", "Info", "ID"};
    for (size_t k = 0; k < 3; k++)
        if (po_get(&xdict, keep[k]))
            po_set(&trailer, keep[k], po_copy(po_get(&xdict, keep[k])));
    rp_buf_puts(out, "trailer\n");
    po_write(out, &trailer);
    rp_buf_printf(out, "\nstartxref\n%zu\n%%%%EOF\n", xref);
    po_free(&trailer);
    po_free(&xdict);
    rp_buf_free(&xdata);
    free(at);
    return rc;
}

/* The parent tree maps each page's marked content to real elements only:
 * to a carrier's parent, never to a carrier, and an artifact's to null.
 * Returns the number of null entries, or -1 when the tree is wrong. */
static int parent_tree_nulls(const rp_buf *pdf)
{
    po_file f;
    if (po_open(pdf->s, pdf->len, &f) != 0)
        return -1;
    int nulls = -1;
    po_val cat = {0}, root = {0}, tree = {0};
    const po_val *r = po_get(&f.trailer, "Root"), *tr, *pt;
    if (r && object(pdf, &f, r->num, &cat) == 0 && (tr = po_get(&cat, "StructTreeRoot")) &&
        object(pdf, &f, tr->num, &root) == 0 && (pt = po_get(&root, "ParentTree")) &&
        object(pdf, &f, pt->num, &tree) == 0) {
        const po_val *nums = po_get(&tree, "Nums");
        nulls = 0;
        for (size_t i = 1; nums && i < nums->n && nulls >= 0; i += 2) {
            po_val arr = {0};
            if (nums->items[i].kind != PO_REF || object(pdf, &f, nums->items[i].num, &arr) != 0) {
                nulls = -1;
                break;
            }
            for (size_t k = 0; arr.kind == PO_ARRAY && k < arr.n && nulls >= 0; k++) {
                po_val el = {0};
                if (arr.items[k].kind == PO_NULL)
                    nulls++;
                else if (arr.items[k].kind != PO_REF || object(pdf, &f, arr.items[k].num, &el) != 0 ||
                         !po_get(&el, "S") || strcmp(po_get(&el, "S")->text, "Span") == 0 ||
                         strcmp(po_get(&el, "S")->text, "Private") == 0)
                    nulls = -1;
                po_free(&el);
            }
            po_free(&arr);
        }
    }
    po_free(&cat);
    po_free(&root);
    po_free(&tree);
    po_close(&f);
    return nulls;
}

/* po_mark_artifacts on in, compared with want; NULL: it refuses in. */
static void marks(const char *in, size_t len, const char *want)
{
    rp_buf out = {0};
    int rc = po_mark_artifacts(in, len, &out);
    INT_EQ(rc, want ? 0 : -1);
    if (want && rc == 0)
        STR_EQ(out.s ? out.s : "", want);
    rp_buf_free(&out);
}

/* What a page paints outside marked content becomes an artifact; what
 * only sets state is left alone; a carrier's sequence becomes one. */
static void content_streams(void)
{
    const char *s = "q 1 0 0 -1 0 842 cm\n/Span << /MCID 0 >> BDC BT (Hi) Tj ET EMC\n"
                    "0 0 10 10 re f\nQ\n";
    marks(s, strlen(s), "q 1 0 0 -1 0 842 cm\n/Span << /MCID 0 >> BDC BT (Hi) Tj ET EMC\n"
                        "/Artifact BMC\n\n0 0 10 10 re f\nQ\nEMC\n");
    /* Between two sequences, the artifact ends before the next one's operands. */
    s = "/P <</MCID 0>> BDC 1 0 0 RG 0 0 m 5 5 l S EMC 2 w 0 0 m 9 9 l S\n/P <</MCID 1>> BDC EMC";
    marks(s, strlen(s), "/P <</MCID 0>> BDC 1 0 0 RG 0 0 m 5 5 l S EMC\n/Artifact BMC\n"
                        " 2 w 0 0 m 9 9 l S\nEMC\n/P <</MCID 1>> BDC EMC");
    /* Nothing painted outside: unchanged. */
    s = "q 0 g /P <</MCID 0>> BDC [(A) -20 <0BDC>] TJ EMC Q";
    marks(s, strlen(s), s);
    /* A carrier's sequence; strings, names and comments are not operators. */
    s = "/Private << /MCID 3 >> BDC 0 0 1 1 re f EMC\n% EMC BDC f\n(a \\) EMC (b) f) Tj";
    marks(s, strlen(s), "/Artifact BMC 0 0 1 1 re f EMC\n/Artifact BMC\n\n% EMC BDC f\n"
                        "(a \\) EMC (b) f) Tj\nEMC\n");
    /* A passage's element, begun under another type (tagging.c), is a
     * Span in the content too; a name that only begins the same is not. */
    s = "/Warichu << /MCID 4 >> BDC BT (Wort) Tj ET EMC /WarichuX <</MCID 5>> BDC EMC";
    marks(s, strlen(s), "/Span << /MCID 4 >> BDC BT (Wort) Tj ET EMC /WarichuX <</MCID 5>> BDC EMC");
    /* Cairo's /ActualText span around a ligature, inside a text object,
     * is part of the stretch that holds it: marked content and text
     * objects nest. */
    s = "BT (Running head of the ) Tj /Span << /ActualText <feff00660069> >> BDC <0001> Tj EMC "
        "(xture) Tj ET\n/P << /MCID 0 >> BDC BT /Span << /ActualText <feff0066> >> BDC <01> Tj "
        "EMC ET EMC";
    marks(s, strlen(s), "/Artifact BMC\nBT (Running head of the ) Tj /Span << /ActualText "
                        "<feff00660069> >> BDC <0001> Tj EMC (xture) Tj ET\nEMC\n/P << /MCID 0 >> "
                        "BDC BT /Span << /ActualText <feff0066> >> BDC <01> Tj EMC ET EMC");
    /* An artifact that would begin or end inside a text object, or a
     * structure element's content inside another sequence: refused. */
    s = "BT (a) Tj /P <</MCID 0>> BDC (b) Tj EMC ET";
    marks(s, strlen(s), NULL);
    s = "/P <</MCID 0>> BDC BT EMC (b) Tj ET";
    marks(s, strlen(s), NULL);
    s = "/Span <</ActualText <00>>> BDC /P <</MCID 0>> BDC EMC EMC";
    marks(s, strlen(s), NULL);
    s = "BT BT (a) Tj ET /P <</MCID 0>> BDC EMC ET"; /* text objects counted */
    marks(s, strlen(s), NULL);
    /* A stretch that ends in a comment: its EMC is not in the comment. */
    s = "0 0 m 9 9 l S % note";
    marks(s, strlen(s), "/Artifact BMC\n0 0 m 9 9 l S % note\nEMC\n");
    /* An inline image's data may hold anything. */
    static const char img[] = "BI /W 1 /H 1 /BPC 8 /CS /G ID \x01EMC\x00 EI Q",
                      img_marked[] = "/Artifact BMC\nBI /W 1 /H 1 /BPC 8 /CS /G ID \x01EMC\x00 EI Q"
                                     "\nEMC\n";
    rp_buf out = {0};
    INT_EQ(po_mark_artifacts(img, sizeof img - 1, &out), 0);
    CHECK(out.len == sizeof img_marked - 1 && memcmp(out.s, img_marked, out.len) == 0);
    rp_buf_free(&out);
    /* Streams that do not nest, or do not end, are refused. */
    marks("EMC", 3, NULL);
    marks("/P <</MCID 0>> BDC 0 0 1 1 re f", 31, NULL);
    marks("(never closed Tj", 16, NULL);
    marks("<00 Tj", 6, NULL);
    marks("0 0 m ) S", 9, NULL); /* a parenthesis that closes nothing */
}

/* The content streams of pdf's pages, inflated, one after another. */
static int page_content(const rp_buf *pdf, rp_buf *all)
{
    po_file f;
    if (po_open(pdf->s, pdf->len, &f) != 0)
        return -1;
    int rc = 0;
    for (long id = 1; (size_t)id < f.n && rc == 0; id++) {
        po_val page = {0}, dict = {0};
        const po_val *type, *c;
        if (object(pdf, &f, id, &page) == 0 && (type = po_get(&page, "Type")) &&
            strcmp(type->text, "Page") == 0 && (c = po_get(&page, "Contents")))
            rc = c->kind == PO_REF && f.offset[c->num]
                     ? inflate_stream(pdf, f.offset[c->num], &dict, all)
                     : -1;
        po_free(&page);
        po_free(&dict);
    }
    po_close(&f);
    return rc;
}

/* How many artifact sequences pdf's pages have, or -1 when something is
 * painted outside marked content or a carrier's marked content is left. */
static int artifacts(const rp_buf *pdf)
{
    rp_buf all = {0}, again = {0};
    int n = -1;
    if (page_content(pdf, &all) == 0 && all.len && po_mark_artifacts(all.s, all.len, &again) == 0 &&
        again.len == all.len && memcmp(again.s, all.s, all.len) == 0 &&
        !memmem(all.s, all.len, "/Private", 8)) {
        n = 0;
        for (const char *p = all.s; (p = memmem(p, all.len - (size_t)(p - all.s), "/Artifact BMC", 13));
             p += 13)
            n++;
    }
    rp_buf_free(&all);
    rp_buf_free(&again);
    return n;
}

/* With Cairo's content streams compressed, or written plain as the
 * program has Cairo write them (rp_render_init). */
static void completion(int plain)
{
    rp_buf pdf = {0}, out = {0};
    if (plain)
        setenv("CAIRO_DEBUG_PDF", "1", 1);
    draw(&pdf);
    unsetenv("CAIRO_DEBUG_PDF");
    CHECK(memmem(pdf.s, pdf.len, "/S /Span", 8) != NULL);
    char *alts[] = {"A box"};
    rp_tag_lang langs[] = {{5, "en-GB"}};
    rp_pdfua_info info = {.lang = "de", .alts = alts, .nalts = 1, .langs = langs, .nlangs = 1,
                          .nelements = 6};
    rp_diag *d = rp_diag_new();
    rp_buf packed = {0};
    INT_EQ(finish(&pdf, NULL, 0, &info, &packed, d), 0);
    INT_EQ(rp_diag_count(d), 0);
    /* Objects in object streams, a cross-reference stream: read back, the
     * objects are all there (the checks below read them). */
    CHECK(packed.s && memmem(packed.s, packed.len, "/Type /ObjStm", 13) != NULL);
    CHECK(packed.s && memmem(packed.s, packed.len, "/Type /XRef", 11) != NULL);
    CHECK(packed.s && memmem(packed.s, packed.len, "\nxref\n", 6) == NULL);
    INT_EQ(unpack(&packed, &out), 0);
    CHECK(out.s && memmem(out.s, out.len, "/S /Span", 8) == NULL);
    CHECK(out.s && memmem(out.s, out.len, "/S /Private", 11) == NULL);
    CHECK(out.s && memmem(out.s, out.len, "/S /Figure", 10) != NULL);
    CHECK(out.s && memmem(out.s, out.len, "/Alt (A box)", 12) != NULL);
    CHECK(out.s && memmem(out.s, out.len, "/Lang (de)", 10) != NULL);
    /* The cell in another language than the document says so; nothing
     * else does. */
    char *td = object_with(&out, "/S /TD");
    CHECK(strstr(td, "/Lang (en-GB)") != NULL);
    g_free(td);
    INT_EQ(count_of(&out, "/Lang ("), 2);
    CHECK(out.s && memmem(out.s, out.len, "/DisplayDocTitle true", 21) != NULL);
    /* Every content stream compressed, the plain ones too. */
    CHECK(out.s && memmem(out.s, out.len, "/Filter /FlateDecode", 20) != NULL);
    CHECK(out.s && memmem(out.s, out.len, "\nBT\n", 4) == NULL);
    CHECK(plain == (memmem(pdf.s, pdf.len, "\nBT\n", 4) != NULL));
    /* The rules and the footer are artifacts: the rule alone in its
     * section came in a carrier, whose marked content is null in the
     * parent tree; the others were drawn unmarked. */
    INT_EQ(parent_tree_nulls(&out), 1);
    INT_EQ(artifacts(&out), 4);
    CHECK(out.s && memmem(out.s, out.len, "/S /TR", 6) != NULL);
    /* The same bytes every time. */
    rp_buf again = {0};
    INT_EQ(finish(&pdf, NULL, 0, &info, &again, d), 0);
    CHECK(again.len == packed.len && memcmp(again.s, packed.s, packed.len) == 0);
    rp_buf_free(&again);
    rp_buf_free(&packed);
    rp_buf_free(&out);

    /* Elements counted otherwise than drawn: no /Lang on a guess. */
    info.nelements = 7;
    INT_EQ(finish(&pdf, NULL, 0, &info, &out, d), -1);
    INT_EQ(rp_diag_errors(d), 1);
    CHECK(out.len == 0);
    info.nelements = 6;
    langs[0].element = 6;
    INT_EQ(finish(&pdf, NULL, 0, &info, &out, d), -1);
    INT_EQ(rp_diag_errors(d), 2);
    CHECK(out.len == 0);
    info.nlangs = 0;

    /* A figure without its text alternative is an error, not a guess. */
    info.nalts = 0;
    INT_EQ(finish(&pdf, NULL, 0, &info, &out, d), -1);
    INT_EQ(rp_diag_errors(d), 3);
    CHECK(strstr(rp_diag_get(d, 2)->message, "cannot complete the tagged PDF") != NULL);
    CHECK(out.len == 0);
    /* Not a PDF at all. */
    INT_EQ(finish(NULL, "%PDF-1.5\nnonsense", 17, &info, &out, d), -1);
    INT_EQ(rp_diag_errors(d), 4);
    /* A page whose content cannot be read as operators (a parenthesis
     * that closes no string where an EMC was): its artifacts cannot be
     * marked, and nothing is written. */
    info.nalts = 1;
    char *emc = plain ? memmem(pdf.s, pdf.len, "EMC", 3) : NULL;
    if (emc) {
        memcpy(emc, ")  ", 3);
        INT_EQ(finish(&pdf, NULL, 0, &info, &out, d), -1);
        INT_EQ(rp_diag_errors(d), 5);
        CHECK(strstr(rp_diag_get(d, 4)->message, "a content stream cannot be read") != NULL);
        CHECK(out.len == 0);
    }
    CHECK(!plain || emc);
    rp_diag_free(d);
    rp_buf_free(&pdf);
}

/* pages pages of a paragraph and a running foot (an artifact) each. */
static void draw_pages(rp_buf *pdf, int pages)
{
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(collect, pdf, 200, 200);
    cairo_t *cr = cairo_create(s);
    rp_tags t;
    rp_tags_start(&t, cr);
    for (int p = 0; p < pages; p++) {
        rp_tags_begin(&t, RP_S_P, NULL, NULL, RP_HOLDS_ANY);
        rp_tags_content(&t);
        for (int line = 0; line < 10; line++) {
            cairo_move_to(cr, 10, 20 + 12 * line);
            cairo_show_text(cr, line % 2 ? "Words on a line" : "More words");
        }
        rp_tags_end(&t, RP_S_P);
        rp_tags_artifact(&t);
        cairo_move_to(cr, 10, 190);
        cairo_show_text(cr, "Footer");
        rp_tags_close(&t);
        cairo_show_page(cr);
    }
    rp_tags_finish(&t);
    cairo_destroy(cr);
    cairo_surface_finish(s);
    cairo_surface_destroy(s);
    rp_tags_free(&t);
}

/* Streams are compressed on several threads when the caller has cores to
 * spare: the same bytes whatever the threads, and a stream that cannot
 * be read is still an error. */
static void threads(void)
{
    rp_buf pdf = {0}, one = {0}, four = {0};
    setenv("CAIRO_DEBUG_PDF", "1", 1);
    draw_pages(&pdf, 40);
    unsetenv("CAIRO_DEBUG_PDF");
    rp_pdfua_info info = {.lang = "en", .threads = 1};
    rp_diag *d = rp_diag_new();
    INT_EQ(finish(&pdf, NULL, 0, &info, &one, d), 0);
    info.threads = 4;
    INT_EQ(finish(&pdf, NULL, 0, &info, &four, d), 0);
    INT_EQ(rp_diag_count(d), 0);
    CHECK(one.len > 0 && one.len == four.len && memcmp(one.s, four.s, one.len) == 0);
    rp_buf out = {0};
    INT_EQ(unpack(&four, &out), 0);
    INT_EQ(parent_tree_nulls(&out), 0);
    INT_EQ(artifacts(&out), 40);
    rp_buf_free(&out);

    /* Cairo's own compressed content, one page's made unreadable: its
     * artifacts cannot be marked. */
    rp_buf z = {0};
    draw_pages(&z, 40);
    char *bad = memmem(z.s + z.len / 2, z.len / 2, "/Filter /FlateDecode", 20);
    char *data = bad ? memmem(bad, z.len - (size_t)(bad - z.s), "stream\n", 7) : NULL;
    CHECK(data != NULL);
    if (data)
        memset(data + 7, 0xff, 8);
    INT_EQ(finish(&z, NULL, 0, &info, &out, d), -1);
    INT_EQ(rp_diag_errors(d), 1);
    CHECK(strstr(rp_diag_get(d, 0)->message, "a content stream cannot be read") != NULL);
    CHECK(out.len == 0);
    rp_diag_free(d);
    rp_buf_free(&z);
    rp_buf_free(&out);
    rp_buf_free(&pdf);
    rp_buf_free(&one);
    rp_buf_free(&four);
}

/* The new objects wait in a temporary file until the file is written:
 * with none to be had they wait in memory, and the bytes are the same;
 * one that cannot be written is an error, and nothing is written. */
static void aside(void)
{
    rp_buf pdf = {0}, spooled = {0}, held = {0};
    draw_pages(&pdf, 12);
    rp_pdfua_info info = {.lang = "en", .threads = 1};
    rp_diag *d = rp_diag_new();
    INT_EQ(finish(&pdf, NULL, 0, &info, &spooled, d), 0);

    struct rlimit old, none;
    getrlimit(RLIMIT_NOFILE, &old);
    int next = dup(0); /* the lowest free descriptor */
    close(next);
    none = old;
    none.rlim_cur = (rlim_t)next;
    setrlimit(RLIMIT_NOFILE, &none);
    INT_EQ(finish(&pdf, NULL, 0, &info, &held, d), 0);
    setrlimit(RLIMIT_NOFILE, &old);
    INT_EQ(rp_diag_count(d), 0);
    CHECK(held.len > 0 && held.len == spooled.len && memcmp(held.s, spooled.s, held.len) == 0);

    signal(SIGXFSZ, SIG_IGN);
    getrlimit(RLIMIT_FSIZE, &old);
    struct rlimit tiny = old;
    tiny.rlim_cur = 0;
    setrlimit(RLIMIT_FSIZE, &tiny);
    INT_EQ(finish(&pdf, NULL, 0, &info, &held, d), -1);
    setrlimit(RLIMIT_FSIZE, &old);
    INT_EQ(rp_diag_errors(d), 1);
    CHECK(rp_diag_count(d) && strstr(rp_diag_get(d, 0)->message, "temporary file") != NULL);
    CHECK(held.len == 0);
    rp_diag_free(d);
    rp_buf_free(&pdf);
    rp_buf_free(&spooled);
    rp_buf_free(&held);
}

int main(void)
{
    objects();
    content_streams();
    completion(0);
    completion(1);
    threads();
    aside();
    TEST_MAIN_END();
}
