/* tagging.c - the structure tree as the renderer builds it with Cairo.
 *
 * Cairo 1.16 marks content only for a structure element without
 * children, and writes no attributes and no artifacts.  So every run of
 * content goes into a leaf of its own, a carrier (a Span).  The semantic
 * elements (Sect, P, Table...) hold carriers, links and other elements,
 * except a "direct" one, which the renderer knows will hold nothing but
 * content until it ends on the page (a table cell, a heading, a paragraph
 * of plain text): it takes its content itself, which saves an element.
 *
 * Artifacts (page furniture, rules, borders, leader dots) are drawn in
 * no element: Cairo leaves drawing outside a leaf unmarked, and pdfua.c
 * marks whatever is unmarked as an artifact.  Only while the innermost
 * element has no child yet is that not safe, since it may end as a leaf
 * and Cairo would mark the artifact as its content: there the artifact
 * goes into a Private carrier, unless the renderer knows that an element
 * will begin inside it (a table row's cells, drawn after the row's
 * backgrounds).  Carriers cost Cairo memory until the document ends,
 * about 130 bytes each, and a book has tens of thousands of artifacts.
 *
 * pdfua.c then folds each Span into its parent and turns each Private
 * element into an /Artifact sequence; it gives figures the text
 * alternatives recorded here, link annotations the text of their links,
 * and elements in another language than the document's their /Lang.  A
 * passage in another language than its paragraph's is a Span that stays:
 * it is begun as an RP_LANG_SPAN, which pdfua.c renames.
 * Cairo numbers the elements in the order they are begun, so pdfua.c
 * finds each by counting them (as it does figures and links).
 */
#include "pdfobj.h"
#include "typeset.h"

#include <stdlib.h>
#include <string.h>

enum { NO_CARRIER, CONTENT, ARTIFACT };
static const char *const carrier_names[] = {NULL, "Span", "Private"};

static const char *const struct_names[] = {
    [RP_S_SECT] = "Sect",   [RP_S_H1] = "H1",       [RP_S_H2] = "H2",
    [RP_S_H3] = "H3",       [RP_S_H4] = "H4",       [RP_S_H5] = "H5",
    [RP_S_H6] = "H6",       [RP_S_P] = "P",         [RP_S_L] = "L",
    [RP_S_LI] = "LI",       [RP_S_LBL] = "Lbl",     [RP_S_LBODY] = "LBody",
    [RP_S_TABLE] = "Table", [RP_S_THEAD] = "THead", [RP_S_TBODY] = "TBody",
    [RP_S_TR] = "TR",       [RP_S_TH] = "TH",       [RP_S_TD] = "TD",
    [RP_S_FIGURE] = "Figure", [RP_S_TOC] = "TOC",   [RP_S_TOCI] = "TOCI",
};

void rp_tags_start(rp_tags *t, cairo_t *cr)
{
    memset(t, 0, sizeof *t);
    t->cr = cr;
    cairo_tag_begin(cr, "Document", "");
    t->nelements = 1;
    t->inner = RP_HOLDS_ANY;
}

void rp_tags_close(rp_tags *t)
{
    if (t->carrier)
        cairo_tag_end(t->cr, carrier_names[t->carrier]);
    t->carrier = NO_CARRIER;
}

static void carrier(rp_tags *t, int kind)
{
    if (t->carrier == kind)
        return;
    rp_tags_close(t);
    cairo_tag_begin(t->cr, carrier_names[kind], "");
    t->carrier = kind;
    t->inner = RP_HOLDS_ELEMENT;
}

void rp_tags_content(rp_tags *t)
{
    if (t->inner != RP_HOLDS_CONTENT)
        carrier(t, CONTENT);
}

void rp_tags_artifact(rp_tags *t)
{
    if (t->inner == RP_HOLDS_ELEMENT)
        rp_tags_close(t);
    else
        carrier(t, ARTIFACT); /* and what follows it goes into carriers */
}

void rp_tags_begin(rp_tags *t, rp_struct s, const char *alt, const char *lang, rp_holds holds)
{
    if ((size_t)s >= sizeof struct_names / sizeof *struct_names)
        return;
    rp_tags_close(t);
    cairo_tag_begin(t->cr, struct_names[s], "");
    if (lang)
        *RP_PUSH(t->langs, t->nlangs, t->caplangs) =
            (rp_tag_lang){.element = t->nelements, .lang = rp_xstrdup(lang)};
    t->nelements++;
    *RP_PUSH(t->open, t->nopen, t->capopen) = s;
    t->inner = holds;
    if (s == RP_S_FIGURE)
        *RP_PUSH(t->alts, t->nalts, t->capalts) = rp_xstrdup(alt ? alt : "");
}

/* Ends the innermost open element of type s and what is open inside it;
 * an END with no such element open is ignored, so the tags Cairo sees
 * always nest. */
void rp_tags_end(rp_tags *t, rp_struct s)
{
    size_t i = t->nopen;
    while (i > 0 && t->open[i - 1] != s)
        i--;
    if (!i)
        return;
    rp_tags_close(t);
    while (t->nopen >= i)
        cairo_tag_end(t->cr, struct_names[t->open[--t->nopen]]);
    t->inner = RP_HOLDS_ELEMENT; /* the parent has had the element ended */
}

void rp_tags_link_begin(rp_tags *t, const char *attrs, const char *text, const char *lang)
{
    rp_tags_close(t);
    cairo_tag_begin(t->cr, CAIRO_TAG_LINK, attrs);
    if (lang)
        *RP_PUSH(t->langs, t->nlangs, t->caplangs) =
            (rp_tag_lang){.element = t->nelements, .lang = rp_xstrdup(lang)};
    t->nelements++;
    /* For the parent, once the link ends: nothing but the link's text is
     * drawn inside it. */
    t->inner = RP_HOLDS_ELEMENT;
    *RP_PUSH(t->links, t->nlinks, t->caplinks) = rp_xstrdup(text ? text : "");
}

void rp_tags_link_end(rp_tags *t)
{
    cairo_tag_end(t->cr, CAIRO_TAG_LINK);
}

void rp_tags_span_begin(rp_tags *t, const char *lang)
{
    rp_tags_close(t);
    cairo_tag_begin(t->cr, RP_LANG_SPAN, "");
    *RP_PUSH(t->langs, t->nlangs, t->caplangs) =
        (rp_tag_lang){.element = t->nelements, .lang = rp_xstrdup(lang)};
    t->nelements++;
    t->inner = RP_HOLDS_ELEMENT; /* as for a link */
}

void rp_tags_span_end(rp_tags *t)
{
    cairo_tag_end(t->cr, RP_LANG_SPAN);
}

size_t rp_tags_suspend(rp_tags *t)
{
    rp_tags_close(t);
    for (size_t i = t->nopen; i > 0; i--)
        cairo_tag_end(t->cr, struct_names[t->open[i - 1]]);
    cairo_tag_end(t->cr, "Document");
    return t->nopen;
}

void rp_tags_resume(rp_tags *t, cairo_t *cr, rp_holds next)
{
    t->cr = cr;
    cairo_tag_begin(cr, "Document", "");
    for (size_t i = 0; i < t->nopen; i++)
        cairo_tag_begin(cr, struct_names[t->open[i]], "");
    /* The innermost element has no child in this document yet: unless one
     * is known to begin, an artifact drawn now needs a carrier. */
    if (t->inner == RP_HOLDS_ELEMENT)
        t->inner = next;
}

void rp_tags_finish(rp_tags *t)
{
    rp_tags_close(t);
    while (t->nopen)
        cairo_tag_end(t->cr, struct_names[t->open[--t->nopen]]);
    cairo_tag_end(t->cr, "Document");
    free(t->open);
    t->open = NULL;
}

void rp_tags_free(rp_tags *t)
{
    for (size_t i = 0; i < t->nalts; i++)
        free(t->alts[i]);
    free(t->alts);
    for (size_t i = 0; i < t->nlinks; i++)
        free(t->links[i]);
    free(t->links);
    for (size_t i = 0; i < t->nlangs; i++)
        free(t->langs[i].lang);
    free(t->langs);
    free(t->open);
    memset(t, 0, sizeof *t);
}
