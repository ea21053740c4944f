/* paragraph.c - inline content to a Pango layout.
 *
 * Input: an element whose children are inline layout XML (text, b, i,
 * span, link, br; any of b, i, span and link may change the language with
 * xml:lang) and the block's style.  Output: a PangoLayout with the
 * text, attributes, width, alignment and indent set, and the byte ranges of
 * its links.  Pango does shaping, bidi, font fallback and line breaking;
 * whitespace is collapsed here as XML authors expect.
 */
#include "typeset.h"

#include <fribidi.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    rp_buf text;
    rp_unit font_size; /* of the text around, for shapes sized in em */
    PangoAttrList *attrs;
    PangoAttrList *after; /* those that change no glyph: rp_compose_set_after */
    rp_para_env *env;
    rp_styles *styles;
    rp_links *links;
    int space_pending; /* a collapsed space is owed before the next word */
    int uppercase;
    void *dict;        /* hyphenation patterns, or NULL */
    int hyphenate;     /* words here may be hyphenated (in dict's language) */
    int rtl;           /* the direction of the text around */
    int visible;       /* something is set: a space owed may be paid */
    int isolates;      /* isolates opened */
    const char *lang;  /* of the text around */
    const char *para_lang; /* the paragraph's, as its tagged element says */
    int in_link;       /* within a link, whose words its own element holds */
} inline_builder;

/* Words shorter than this are never broken: a hyphen in a short word
 * saves little and reads badly. */
#define RP_HYPHEN_MIN_CHARS 6

/* Appends a word with soft hyphens at its hyphenation points; only runs of
 * letters are hyphenated, punctuation around them is kept whole. */
/* A "word" longer than this is data, not language (a URL, a hash, a
 * hostile title): it gets a break opportunity every RP_LONG_WORD_STEP
 * characters, so that Pango can wrap it without re-shaping it once per
 * line, which is quadratic. */
#define RP_LONG_WORD 256
#define RP_LONG_WORD_STEP 32

static void add_long_word(inline_builder *b, const char *w, size_t len)
{
    const char *p = w, *end = w + len;
    int count = 0;
    while (p < end) {
        const char *next = g_utf8_next_char(p);
        rp_buf_add(&b->text, p, (size_t)(next - p));
        if (++count % RP_LONG_WORD_STEP == 0 && next < end)
            rp_buf_puts(&b->text, "\xE2\x80\x8B"); /* U+200B ZERO WIDTH SPACE */
        p = next;
    }
}

static void add_word(inline_builder *b, const char *w, size_t len)
{
    if (len > RP_LONG_WORD) {
        add_long_word(b, w, len);
        return;
    }
    if (!b->dict || len < RP_HYPHEN_MIN_CHARS) {
        rp_buf_add(&b->text, w, len);
        return;
    }
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && g_unichar_isalpha(g_utf8_get_char(w + j)))
            j = (size_t)(g_utf8_next_char(w + j) - w);
        if (j > i) {
            size_t after[64];
            size_t n = rp_hyphenate(b->dict, w + i, j - i, RP_HYPHEN_MIN_CHARS, after, 64);
            size_t from = i;
            for (size_t k = 0; k < n; k++) {
                rp_buf_add(&b->text, w + from, i + after[k] - from);
                rp_buf_puts(&b->text, "\xC2\xAD"); /* U+00AD SOFT HYPHEN */
                from = i + after[k];
            }
            rp_buf_add(&b->text, w + from, j - from);
        }
        if (j == i) /* a character that is not a letter */
            j = (size_t)(g_utf8_next_char(w + j) - w);
        if (j > i && !g_unichar_isalpha(g_utf8_get_char(w + i)))
            rp_buf_add(&b->text, w + i, j - i);
        i = j;
    }
}

static void add_text(inline_builder *b, const char *s)
{
    for (const char *p = s; *p;) {
        if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
            b->space_pending = 1;
            p++;
            continue;
        }
        if (b->space_pending && b->visible)
            rp_buf_add(&b->text, " ", 1);
        b->space_pending = 0;
        b->visible = 1;
        const char *e = p;
        while (*e && *e != ' ' && *e != '\n' && *e != '\t' && *e != '\r')
            e++;
        if (b->uppercase) {
            char *up = g_utf8_strup(p, e - p);
            rp_buf_puts(&b->text, up);
            g_free(up);
        } else {
            add_word(b, p, (size_t)(e - p));
        }
        p = e;
    }
}

/* Whether a language tag names a language written right to left (by its
 * primary subtag: Arabic, Hebrew, Persian, Urdu, Yiddish, Pashto, Sindhi,
 * Uyghur, Sorani Kurdish, Dhivehi, Syriac). */
int rp_lang_is_rtl(const char *lang)
{
    static const char *const rtl[] = {"ar", "he", "iw", "fa", "ur", "yi", "ji",
                                      "ps", "sd", "ug", "ckb", "dv", "syr"};
    size_t n = strcspn(lang, "-_");
    for (size_t i = 0; i < sizeof rtl / sizeof *rtl; i++)
        if (strlen(rtl[i]) == n && g_ascii_strncasecmp(lang, rtl[i], n) == 0)
            return 1;
    return 0;
}

/* Whether two language tags are the same (case aside, _ for -). */
int rp_same_lang_tag(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a == '_' ? '-' : g_ascii_tolower(*a);
        char y = *b == '_' ? '-' : g_ascii_tolower(*b);
        if (x != y)
            return 0;
    }
    return !*a && !*b;
}

/* Whether text has a letter or another strongly directional character
 * (Arabic's semicolon): what is only spaces, digits and neutral
 * punctuation is in no language (the ": " between a bold name and its
 * text). */
static int has_letter(const xmlChar *s)
{
    for (const char *p = (const char *)s; p && *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isalpha(c) || FRIBIDI_IS_STRONG(fribidi_get_bidi_type(c)))
            return 1;
    }
    return 0;
}

/* The language of every run of text under n, lang being n's ("": not
 * said at or under n): *sole is the first found (*seen then set), and
 * NULL once another differs. */
static void text_langs(xmlNodePtr n, const char *lang, const char **sole, int *seen)
{
    for (xmlNodePtr c = n->children; c && (!*seen || *sole); c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (!has_letter(c->content))
                continue;
            if (!*seen)
                *sole = lang;
            else if (!rp_same_lang_tag(*sole, lang))
                *sole = NULL;
            *seen = 1;
        } else if (c->type == XML_ELEMENT_NODE) {
            xmlAttrPtr a = xmlHasNsProp(c, BAD_CAST "lang", XML_XML_NAMESPACE);
            int own = a && a->children && a->children->content;
            text_langs(c, own ? (const char *)a->children->content : lang, sole, seen);
        }
    }
}

const char *rp_text_lang(xmlNodePtr n, int *seen)
{
    xmlAttrPtr a = xmlHasNsProp(n, BAD_CAST "lang", XML_XML_NAMESPACE);
    const char *own = a && a->children && a->children->content
                          ? (const char *)a->children->content : "";
    const char *sole = NULL;
    *seen = 0;
    text_langs(n, own, &sole, seen);
    return *seen && sole && *sole ? sole : NULL;
}

/* Text in a language of the other direction than the text around it is
 * isolated (Unicode's bidi isolates), so that the bidi algorithm keeps it
 * whole: an English sentence in an Arabic paragraph reads left to right
 * with its full stop at its own end, while the paragraph keeps its
 * direction, alignment and indents.  Returns whether it opened one. */
static int isolate(inline_builder *b, const char *lang)
{
    if (!lang || rp_lang_is_rtl(lang) == b->rtl)
        return 0;
    b->isolates++;
    b->rtl = !b->rtl;
    rp_buf_puts(&b->text, b->rtl ? "\u2067" : "\u2066"); /* RLI, LRI */
    return 1;
}

static void end_isolate(inline_builder *b)
{
    rp_buf_puts(&b->text, "\u2069"); /* PDI */
    b->rtl = !b->rtl;
}

/* The direction of the first strongly directional character outside
 * bidi isolates (the paragraph's, by the bidi algorithm's rules P2 and
 * P3), or PANGO_DIRECTION_NEUTRAL. */
static PangoDirection first_strong(const char *s, size_t n)
{
    int depth = 0;
    for (const char *p = s; p < s + n; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c >= 0x2066 && c <= 0x2068) {
            depth++;
        } else if (c == 0x2069) {
            depth -= depth > 0;
        } else if (!depth) {
            FriBidiCharType t = fribidi_get_bidi_type(c);
            if (FRIBIDI_IS_STRONG(t))
                return FRIBIDI_IS_RTL(t) ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR;
        }
    }
    return PANGO_DIRECTION_NEUTRAL;
}

/* Whether inline content holds a leader, whose tab an isolate must not
 * take from the paragraph. */
static int has_leader(xmlNodePtr n)
{
    for (; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE &&
            (strcmp((const char *)n->name, "leader") == 0 || has_leader(n->children)))
            return 1;
    return 0;
}

/* The language a paragraph is isolated in as a whole, or NULL: its own
 * (its block's or an ancestor's xml:lang) when that is of the other
 * direction than its context (an English paragraph of an Arabic
 * document), else the one xml:lang gives all its text (a "Name: text."
 * item of two English spans).  Not when the paragraph's own dir asks for
 * its direction, nor around a leader's tab. */
static const char *whole_lang(const rp_para_env *env, xmlNodePtr node, int rtl)
{
    if (xmlHasProp(node, BAD_CAST "dir") || has_leader(node->children))
        return NULL;
    if (env->lang && rp_lang_is_rtl(env->lang) != rtl)
        return env->lang;
    int seen;
    return rp_text_lang(node, &seen);
}

static void add_to(PangoAttrList *list, inline_builder *b, PangoAttribute *a, size_t start)
{
    a->start_index = (guint)start;
    a->end_index = (guint)b->text.len;
    pango_attr_list_insert(list, a);
}

static void add_attr(inline_builder *b, PangoAttribute *a, size_t start)
{
    add_to(b->attrs, b, a, start);
}

/* A colour or a run marker: applied after shaping (rp_compose_set_after). */
static void add_after(inline_builder *b, PangoAttribute *a, size_t start)
{
    add_to(b->after, b, a, start);
}

/* Links are set apart by colour alone, as in print a line under them
 * would clutter the page. */
#define RP_LINK_COLOR 0x1a4f8b

static PangoAttribute *color_attr(uint32_t rgb)
{
    return pango_attr_foreground_new((guint16)((rgb >> 16 & 0xff) * 257),
                                     (guint16)((rgb >> 8 & 0xff) * 257),
                                     (guint16)((rgb & 0xff) * 257));
}

static void span_attrs(inline_builder *b, const rp_style *st, size_t start)
{
    add_attr(b, pango_attr_font_desc_new(st->font), start);
    add_after(b, color_attr(st->color), start);
    if (st->letter_spacing)
        add_attr(b, pango_attr_letter_spacing_new(st->letter_spacing), start);
}


/* ---------------------------------------------------------- page-refs */

/* Before the first pagination no page is known; a placeholder of typical
 * width holds the place (or the first pass's guess, see rp_flow_build),
 * and the document is laid out again. */
#define RP_REF_PLACEHOLDER "00"

static const char placeholder[] = RP_REF_PLACEHOLDER;

const char *rp_page_ref_label(const rp_pagemap *refs, const char *id)
{
    const char *label = refs && id ? g_hash_table_lookup((GHashTable *)refs, id) : NULL;
    return label ? label : placeholder;
}

static void add_page_ref(inline_builder *b, xmlNodePtr n)
{
    xmlChar *ref = xmlGetProp(n, BAD_CAST "ref");
    const char *label = rp_page_ref_label(b->env->refs, (const char *)ref);
    b->env->page_refs++;
    if (label == placeholder) {
        b->env->unresolved++;
        label = b->env->guess ? b->env->guess : label;
    }
    if (b->space_pending && b->visible)
        rp_buf_add(&b->text, " ", 1);
    b->space_pending = 0;
    b->visible = 1;
    rp_link *l = RP_PUSH(b->links->v, b->links->n, b->links->cap);
    l->start = (int)b->text.len;
    rp_buf_puts(&b->text, label);
    l->end = (int)b->text.len;
    l->href = rp_xasprintf("#%s", (const char *)ref);
    l->lang = NULL;
    xmlFree(ref);
    /* An attribute that changes nothing (opaque stays opaque) but makes
     * Pango start a run here: the renderer draws a link's runs inside the
     * link's structure element, and the number is a link of its own. */
    add_after(b, pango_attr_foreground_alpha_new(65535), (size_t)l->start);
}

/* Text in another language than the text around it (an English term in
 * a German paragraph): a passage of its own, tagged as a Span with its
 * /Lang, for screen readers to switch voices.  Links are elements of
 * their own already, so a language inside one is the link's. */
static void add_passage(inline_builder *b, size_t start, const char *lang)
{
    rp_link *l = RP_PUSH(b->links->v, b->links->n, b->links->cap);
    l->start = (int)start;
    l->end = (int)b->text.len;
    l->href = NULL;
    l->lang = rp_xstrdup(lang);
}

/* The language of all the text of the link n (whose own xml:lang is
 * own, or NULL) when it is not its paragraph's: the link's element is a
 * child of the paragraph's, whatever passage the link is in.  NULL when
 * it is the paragraph's, or the text is in several. */
static const char *link_lang(const inline_builder *b, xmlNodePtr n, const char *own)
{
    const char *sole = NULL;
    int seen = 0;
    text_langs(n, own ? own : b->lang ? b->lang : "", &sole, &seen);
    return seen && sole && *sole && !rp_same_lang_tag(sole, b->para_lang) ? sole : NULL;
}

/* ------------------------------------------------------------ shapes */

static gpointer shape_copy(gconstpointer data)
{
    rp_shape *s = rp_xmalloc(sizeof *s);
    *s = *(const rp_shape *)data;
    return s;
}

static void shape_free(gpointer data)
{
    free(data);
}

/* A shape's property: its own attribute, else its shape-style's. */
static xmlChar *shape_prop(xmlNodePtr n, xmlNodePtr def, const char *name)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    return v || !def ? v : xmlGetProp(def, BAD_CAST name);
}

static rp_unit length_or(xmlNodePtr n, xmlNodePtr def, const char *attr, rp_unit deflt)
{
    xmlChar *v = shape_prop(n, def, attr);
    rp_unit u;
    if (!v || rp_length_parse((const char *)v, &u) != 0 || u <= 0)
        u = deflt;
    xmlFree(v);
    /* A mark is a glyph-sized thing; a huge one is a mistake, not a design. */
    return u > RP_PT(200) ? RP_PT(200) : u;
}

/* A shape is an object replacement character that Pango places like a
 * glyph of the given box; rp_shape_draw paints it. */
static void add_shape(inline_builder *b, xmlNodePtr n)
{
    rp_shape sh = {0};
    xmlChar *v = xmlGetProp(n, BAD_CAST "style");
    xmlNodePtr def =
        v && b->styles ? rp_styles_shape(b->styles, (const char *)v, xmlGetLineNo(n)) : NULL;
    xmlFree(v);
    v = shape_prop(n, def, "kind");
    sh.kind = xmlStrEqual(v, BAD_CAST "square") ? RP_SHAPE_SQUARE
            : xmlStrEqual(v, BAD_CAST "bar")    ? RP_SHAPE_BAR
                                                : RP_SHAPE_CIRCLE;
    xmlFree(v);
    v = shape_prop(n, def, "filled");
    sh.filled = !v || xmlStrEqual(v, BAD_CAST "yes");
    xmlFree(v);
    v = shape_prop(n, def, "color");
    sh.has_color = v && rp_color_parse((const char *)v, &sh.color) == 0;
    xmlFree(v);
    rp_unit size = length_or(n, def, "size", b->font_size * 7 / 10);
    rp_unit width = sh.kind == RP_SHAPE_BAR ? length_or(n, def, "width", size * 3) : size;
    if (b->space_pending && b->visible)
        rp_buf_add(&b->text, " ", 1);
    b->space_pending = 0;
    b->visible = 1;
    size_t start = b->text.len;
    rp_buf_puts(&b->text, "\xEF\xBF\xBC"); /* U+FFFC */
    /* Centred about 0.3em above the baseline, where lower-case letters
     * have their middle, so marks line up with the text beside them. */
    rp_unit centre = b->font_size * 3 / 10;
    PangoRectangle r = {0, -(centre + size / 2), width, size};
    PangoAttribute *a = pango_attr_shape_new_with_data(&r, &r, shape_copy(&sh), shape_copy, shape_free);
    add_attr(b, a, start);
}

void rp_shape_draw(cairo_t *cr, PangoAttrShape *attr, gboolean do_path, gpointer data)
{
    (void)data;
    const rp_shape *sh = attr->data;
    if (!sh)
        return;
    double x, y;
    cairo_get_current_point(cr, &x, &y);
    double w = RP_TO_PT(attr->ink_rect.width), h = RP_TO_PT(attr->ink_rect.height);
    double top = y + RP_TO_PT(attr->ink_rect.y), left = x + RP_TO_PT(attr->ink_rect.x);
    double lw = h * 0.12;
    cairo_save(cr);
    if (sh->has_color)
        cairo_set_source_rgb(cr, (sh->color >> 16 & 0xff) / 255.0, (sh->color >> 8 & 0xff) / 255.0,
                             (sh->color & 0xff) / 255.0);
    cairo_new_path(cr);
    double inset = sh->filled ? 0 : lw / 2;
    if (sh->kind == RP_SHAPE_CIRCLE)
        cairo_arc(cr, left + w / 2, top + h / 2, h / 2 - inset, 0, 2 * G_PI);
    else
        cairo_rectangle(cr, left + inset, top + inset, w - 2 * inset, h - 2 * inset);
    if (!do_path) {
        if (sh->filled) {
            cairo_fill(cr);
        } else {
            cairo_set_line_width(cr, lw);
            cairo_stroke(cr);
        }
    }
    cairo_restore(cr);
    cairo_move_to(cr, x, y);
}

static void walk(inline_builder *b, xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            add_text(b, (const char *)n->content);
            continue;
        }
        if (n->type == XML_ENTITY_REF_NODE) {
            xmlChar *c = xmlNodeGetContent(n);
            if (c)
                add_text(b, (const char *)c);
            xmlFree(c);
            continue;
        }
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)n->name;
        if (strcmp(name, "shape") == 0) {
            add_shape(b, n);
            continue;
        }
        if (strcmp(name, "page-ref") == 0) {
            add_page_ref(b, n);
            continue;
        }
        if (strcmp(name, "leader") == 0) {
            b->space_pending = 0;
            b->visible = 1;
            *RP_PUSH(b->links->leaders, b->links->nleaders, b->links->capleaders) =
                (int)b->text.len;
            rp_buf_puts(&b->text, "\t");
            continue;
        }
        if (strcmp(name, "br") == 0) {
            rp_buf_puts(&b->text, "\u2028"); /* Pango's forced line break */
            b->space_pending = 0;
            b->visible = 1;
            continue;
        }
        /* A space owed before an element's first word belongs outside it,
         * and outside the isolate it may open (see isolate). */
        xmlChar *lang = xmlGetNsProp(n, BAD_CAST "lang", XML_XML_NAMESPACE);
        if (b->space_pending && b->visible) {
            xmlNodePtr c = n->children;
            if ((lang && rp_lang_is_rtl((const char *)lang) != b->rtl) ||
                (c && c->type == XML_TEXT_NODE && c->content[0] != ' ')) {
                rp_buf_add(&b->text, " ", 1);
                b->space_pending = 0;
            }
        }
        size_t start = b->text.len;
        int saved_upper = b->uppercase;
        const rp_style *st = NULL;
        xmlChar *v = NULL;
        if (strcmp(name, "span") == 0 && (v = xmlGetProp(n, BAD_CAST "style"))) {
            st = rp_styles_get(b->styles, (const char *)v, n);
            b->uppercase = st->uppercase;
        }
        rp_unit saved_size = b->font_size;
        void *saved_dict = b->dict;
        int saved_hyphenate = b->hyphenate;
        if (st)
            b->font_size = st->font_size;
        /* Names are not hyphenated: link texts (role titles, addresses)
         * and spans whose style says so. */
        if ((st && !st->hyphenate) || strcmp(name, "link") == 0) {
            b->dict = NULL;
            b->hyphenate = 0;
        }
        if (lang && b->hyphenate)
            b->dict = rp_hyphen_dict(b->env->ctx, (const char *)lang);
        int isolated = lang && isolate(b, (const char *)lang);
        const char *saved_lang = b->lang;
        int is_link = strcmp(name, "link") == 0;
        int passage = lang && !is_link && !b->in_link && !rp_same_lang_tag((const char *)lang, b->lang);
        if (lang)
            b->lang = (const char *)lang;
        b->in_link += is_link;
        walk(b, n->children);
        b->in_link -= is_link;
        b->lang = saved_lang;
        if (isolated)
            end_isolate(b);
        if (passage && b->text.len > start)
            add_passage(b, start, (const char *)lang);
        b->uppercase = saved_upper;
        b->font_size = saved_size;
        b->dict = saved_dict;
        b->hyphenate = saved_hyphenate;
        /* Text in another language than its block's is shaped by that
         * language's rules (its glyph forms, its fonts). */
        if (lang)
            add_attr(b, pango_attr_language_new(pango_language_from_string((const char *)lang)),
                     start);
        if (strcmp(name, "b") == 0)
            add_attr(b, pango_attr_weight_new(PANGO_WEIGHT_BOLD), start);
        else if (strcmp(name, "i") == 0)
            add_attr(b, pango_attr_style_new(PANGO_STYLE_ITALIC), start);
        else if (st)
            span_attrs(b, st, start);
        else if (strcmp(name, "link") == 0) {
            v = xmlGetProp(n, BAD_CAST "href");
            rp_link *l = RP_PUSH(b->links->v, b->links->n, b->links->cap);
            l->start = (int)start;
            l->end = (int)b->text.len;
            l->href = rp_xstrdup((const char *)v);
            const char *ll = link_lang(b, n, (const char *)lang);
            l->lang = ll ? rp_xstrdup(ll) : NULL;
            add_after(b, color_attr(RP_LINK_COLOR), start);
        }
        xmlFree(lang);
        xmlFree(v);
    }
}

static PangoLayout *new_layout(PangoContext *pc, const rp_style *st, rp_unit width)
{
    PangoLayout *l = pango_layout_new(pc);
    pango_layout_set_font_description(l, st->font);
    /* A negative width means one unbroken line (measuring a label). */
    pango_layout_set_width(l, width < 0 ? -1 : width > 0 ? width : 1);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_indent(l, st->first_line_indent);
    static const PangoAlignment align[] = {PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT,
                                           PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT};
    /* A right-to-left block (its context's base direction) is right to
     * left whatever its first letter, and its "left" is its start: the
     * right.  Pango swaps the sides only for paragraphs whose direction it
     * guessed, so the swap is made here. */
    static const PangoAlignment align_rtl[] = {PANGO_ALIGN_RIGHT, PANGO_ALIGN_LEFT,
                                               PANGO_ALIGN_CENTER, PANGO_ALIGN_RIGHT};
    if (pango_context_get_base_dir(pc) == PANGO_DIRECTION_RTL) {
        pango_layout_set_auto_dir(l, FALSE);
        pango_layout_set_alignment(l, align_rtl[st->align]);
    } else {
        pango_layout_set_alignment(l, align[st->align]);
    }
    pango_layout_set_justify(l, st->align == RP_ALIGN_JUSTIFY);
    return l;
}

/* A block's own attributes: its letter spacing, and its colour, which
 * goes to *after when after is given (rp_compose_set_after). */
static PangoAttrList *base_attrs(const rp_style *st, PangoAttrList **after)
{
    PangoAttrList *a = pango_attr_list_new();
    if (after)
        *after = pango_attr_list_new();
    pango_attr_list_insert(after ? *after : a, color_attr(st->color));
    if (st->letter_spacing)
        pango_attr_list_insert(a, pango_attr_letter_spacing_new(st->letter_spacing));
    return a;
}

PangoLayout *rp_para_layout(rp_para_env *env, const rp_style *st, xmlNodePtr node,
                            rp_unit width, rp_links *links, rp_para_lines *heights)
{
    if (heights)
        *heights = (rp_para_lines){0};
    inline_builder b = {.env = env, .styles = env->styles, .links = links,
                        .uppercase = st->uppercase, .font_size = st->font_size};
    b.hyphenate = env->hyphenate && st->hyphenate && env->ctx;
    b.rtl = pango_context_get_base_dir(env->pc) == PANGO_DIRECTION_RTL;
    if (b.hyphenate)
        b.dict = rp_hyphen_dict(env->ctx, env->lang);
    b.attrs = base_attrs(st, &b.after);
    int seen;
    const char *sole = rp_text_lang(node, &seen);
    b.lang = b.para_lang = sole ? sole : env->lang; /* as flow.c tags it */
    int isolated = isolate(&b, whole_lang(env, node, b.rtl));
    walk(&b, node->children);
    if (isolated)
        end_isolate(&b);
    PangoLayout *l = new_layout(env->pc, st, width);
    /* Pango finds a left-to-right block's paragraph direction by its
     * first strong character, isolates included: one that opens with an
     * Arabic name in an isolate is English all the same. */
    if (b.isolates && !b.rtl && first_strong(b.text.s, b.text.len) != PANGO_DIRECTION_RTL)
        pango_layout_set_auto_dir(l, FALSE);
    pango_layout_set_text(l, b.text.s ? b.text.s : "", (int)b.text.len);
    pango_layout_set_attributes(l, b.attrs);
    rp_compose_set_after(l, b.after);
    /* Left-aligned and justified text get total-fit line breaking: laid out
     * on one line, then broken where the whole paragraph is best. */
    if ((st->align == RP_ALIGN_LEFT || st->align == RP_ALIGN_JUSTIFY) && width > 0) {
        pango_layout_set_width(l, -1);
        pango_layout_set_justify(l, FALSE);
        int justify = st->align == RP_ALIGN_JUSTIFY;
        rp_composed how = {.want_heights = heights != NULL};
        int rc = rp_compose(env->ctx, l, st, width, links, st->hyphen_width, justify, &how);
        if (rc < 0)
            rp_strip_soft_hyphens(l, links);
        if (heights)
            *heights = how.heights;
        if (rc == RP_COMPOSED_JUSTIFIED && !how.rtl && strchr(pango_layout_get_text(l), ' ')) {
            /* lines with spaces to stretch, justified without Pango
             * shaping them twice (see rp_compose_finish) */
            rp_compose_justify_later(l, width);
        } else if (rc < 0 || rc == RP_COMPOSED_JUSTIFIED || how.rtl) {
            /* Pango breaks what compose could not, and justifies the rest
             * (Chinese, Japanese: between letters): the fixed lines are
             * no wider than the measure.  A right-to-left line needs the
             * measure when ragged too, to be set flush with the right
             * edge (a right-to-left block, or a paragraph Pango finds is
             * Arabic in a left-to-right one). */
            if (rc == RP_COMPOSED_JUSTIFIED && how.shrunk)
                rp_compose_narrow(l, width);
            pango_layout_set_width(l, width);
            pango_layout_set_justify(l, justify && rc != RP_COMPOSED_RAGGED);
        }
    } else if (b.dict) {
        rp_strip_soft_hyphens(l, links);
    }
    if (links->nleaders) {
        /* A leader is a tab to a right-aligned stop at the line's end: what
         * follows it sits flush right, and the renderer dots the gap. */
        PangoTabArray *tabs = pango_tab_array_new(1, FALSE);
        pango_tab_array_set_tab(tabs, 0, PANGO_TAB_RIGHT, width);
        pango_layout_set_tabs(l, tabs);
        pango_tab_array_free(tabs);
    }
    pango_attr_list_unref(b.attrs);
    pango_attr_list_unref(b.after);
    rp_buf_free(&b.text);
    return l;
}

PangoLayout *rp_text_layout(PangoContext *pc, const rp_style *st, const char *text,
                            rp_unit width)
{
    PangoLayout *l = new_layout(pc, st, width);
    PangoAttrList *a = base_attrs(st, NULL);
    if (st->uppercase) {
        char *up = g_utf8_strup(text, -1);
        pango_layout_set_text(l, up, -1);
        g_free(up);
    } else {
        pango_layout_set_text(l, text, -1);
    }
    pango_layout_set_attributes(l, a);
    pango_attr_list_unref(a);
    return l;
}
