/* style.c - named styles with inheritance.
 *
 * Input: the <style> elements of a layout document.  Output: resolved
 * rp_style records (every property set), each with its Pango font
 * description and font metrics.  A style inherits every property it does
 * not set from its parent, the root of every chain being the built-in
 * default.  The table owns the styles.
 */
#include "typeset.h"

#include <string.h>

#define RP_DEFAULT_FAMILY "Noto Serif"
#define RP_DEFAULT_SIZE RP_PT(10)
/* 1.3 is a common compromise between density and legibility for 10pt text. */
#define RP_DEFAULT_LINE_HEIGHT 1.3

struct rp_styles {
    GHashTable *index; /* name -> position in v */
    rp_style **v;
    xmlNodePtr *nodes;
    size_t n, cap;
    rp_style *deflt;
    rp_style **derived; /* text-only variants, owned here */
    size_t nderived, capderived;
    char **unknown;     /* names already reported */
    size_t nunknown, capunknown;
    GHashTable *shapes; /* shape-style name -> its element (in the layout) */
    PangoContext *pc;
    const char *culprit;
    rp_diag *d;
};

/* What style_finish measures of a font.  A batch lays out document
 * after document with the same styles, and pango_context_get_metrics
 * shapes a sample text at every call (the ascent and descent it gives
 * are the largest of the fonts that sample needs), so the measures are
 * remembered by the Pango context, for each font and language. */
typedef struct {
    rp_unit ascent, descent, hyphen_width;
} font_measures;

static font_measures *measures_of(PangoContext *pc, const PangoFontDescription *font)
{
    /* once for all threads: a batch's workers all get here */
    static gsize once;
    if (g_once_init_enter(&once))
        g_once_init_leave(&once, g_quark_from_static_string("rp-font-measures"));
    GQuark quark = (GQuark)once;
    GHashTable *known = g_object_get_qdata(G_OBJECT(pc), quark);
    if (!known) {
        known = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free);
        g_object_set_qdata_full(G_OBJECT(pc), quark, known, (GDestroyNotify)g_hash_table_unref);
    }
    char *desc = pango_font_description_to_string(font);
    char *key = g_strconcat(desc, "\x1f",
                            pango_language_to_string(pango_context_get_language(pc)), NULL);
    g_free(desc);
    font_measures *m = g_hash_table_lookup(known, key);
    if (m) {
        g_free(key);
        return m;
    }
    m = rp_xmalloc(sizeof *m);
    PangoFontMetrics *fm = pango_context_get_metrics(pc, font, NULL);
    m->ascent = pango_font_metrics_get_ascent(fm);
    m->descent = pango_font_metrics_get_descent(fm);
    pango_font_metrics_unref(fm);
    PangoLayout *l = pango_layout_new(pc);
    pango_layout_set_font_description(l, font);
    pango_layout_set_text(l, "-", 1);
    int w;
    pango_layout_get_size(l, &w, NULL);
    m->hyphen_width = w;
    g_object_unref(l);
    g_hash_table_insert(known, key, m);
    return m;
}

static void style_finish(rp_styles *s, rp_style *st)
{
    st->font = pango_font_description_new();
    pango_font_description_set_family(st->font, st->font_family);
    pango_font_description_set_absolute_size(st->font, st->font_size);
    pango_font_description_set_weight(st->font, st->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_style(st->font, st->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    const font_measures *m = measures_of(s->pc, st->font);
    st->ascent = m->ascent;
    st->descent = m->descent;
    st->hyphen_width = m->hyphen_width;
}

static rp_style *style_default(void)
{
    rp_style *st = rp_xcalloc(1, sizeof *st);
    st->name = rp_xstrdup("(default)");
    st->font_family = rp_xstrdup(RP_DEFAULT_FAMILY);
    st->font_size = RP_DEFAULT_SIZE;
    st->line_height = RP_DEFAULT_LINE_HEIGHT;
    st->align = RP_ALIGN_LEFT;
    st->border_color = 0x000000;
    st->widows = 2;
    st->orphans = 2;
    st->hyphenate = 1;
    return st;
}

static rp_style *style_copy(const rp_style *p, const char *name)
{
    rp_style *st = rp_xmalloc(sizeof *st);
    *st = *p;
    st->name = rp_xstrdup(name);
    st->font_family = rp_xstrdup(p->font_family);
    st->font = NULL;
    st->text_only = NULL;
    return st;
}

static void style_free(rp_style *st)
{
    if (!st)
        return;
    free(st->name);
    free(st->font_family);
    if (st->font)
        pango_font_description_free(st->font);
    free(st);
}

static void bad_value(rp_styles *s, xmlNodePtr n, const char *attr, const char *v)
{
    rp_diag_add(s->d, RP_ERROR, s->culprit, (int)xmlGetLineNo(n), 0,
                "style: invalid %s=\"%s\"", attr, v);
}

static void set_length(rp_styles *s, xmlNodePtr n, const char *attr, rp_unit *field, int allow_neg)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST attr);
    if (!v)
        return;
    rp_unit u;
    if (rp_length_parse((const char *)v, &u) != 0 || (!allow_neg && u < 0))
        bad_value(s, n, attr, (const char *)v);
    else
        *field = u;
    xmlFree(v);
}

static void set_color(rp_styles *s, xmlNodePtr n, const char *attr, uint32_t *field, int *flag)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST attr);
    if (!v)
        return;
    if (rp_color_parse((const char *)v, field) != 0)
        bad_value(s, n, attr, (const char *)v);
    else if (flag)
        *flag = 1;
    xmlFree(v);
}

/* Sets *field from a yes/no or keyword attribute; returns 1 when present. */
static int attr_is(xmlNodePtr n, const char *attr, const char *value, int *field)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST attr);
    if (!v)
        return 0;
    *field = xmlStrEqual(v, BAD_CAST value);
    xmlFree(v);
    return 1;
}

/* Font sizes outside this range are mistakes, not typography: clamp them
 * so that a stray value cannot make the typesetter loop over huge glyphs. */
#define RP_MIN_FONT RP_PT(2)
#define RP_MAX_FONT RP_PT(400)

static void apply_props(rp_styles *s, rp_style *st, xmlNodePtr n)
{
    xmlChar *v;
    if ((v = xmlGetProp(n, BAD_CAST "font-family"))) {
        free(st->font_family);
        st->font_family = rp_xstrdup((const char *)v);
        xmlFree(v);
    }
    set_length(s, n, "font-size", &st->font_size, 0);
    if (st->font_size < RP_MIN_FONT || st->font_size > RP_MAX_FONT) {
        rp_diag_add(s->d, RP_WARNING, s->culprit, (int)xmlGetLineNo(n), 0,
                    "style '%s': font-size %.1fpt clamped to %s", st->name,
                    RP_TO_PT(st->font_size), st->font_size < RP_MIN_FONT ? "2pt" : "400pt");
        st->font_size = st->font_size < RP_MIN_FONT ? RP_MIN_FONT : RP_MAX_FONT;
    }
    attr_is(n, "font-weight", "bold", &st->bold);
    attr_is(n, "font-style", "italic", &st->italic);
    attr_is(n, "text-transform", "uppercase", &st->uppercase);
    set_color(s, n, "color", &st->color, NULL);
    set_color(s, n, "background", &st->background, &st->has_background);
    set_color(s, n, "border-color", &st->border_color, NULL);
    if ((v = xmlGetProp(n, BAD_CAST "line-height"))) {
        double lh = g_ascii_strtod((const char *)v, NULL);
        if (lh >= 0.5 && lh <= 5)
            st->line_height = lh;
        else
            bad_value(s, n, "line-height", (const char *)v);
        xmlFree(v);
    }
    if ((v = xmlGetProp(n, BAD_CAST "text-align"))) {
        static const char *const names[] = {"left", "right", "center", "justify"};
        for (int i = 0; i < 4; i++)
            if (xmlStrEqual(v, BAD_CAST names[i]))
                st->align = (rp_align)i;
        xmlFree(v);
    }
    set_length(s, n, "letter-spacing", &st->letter_spacing, 1);
    set_length(s, n, "space-before", &st->space_before, 0);
    set_length(s, n, "space-after", &st->space_after, 0);
    set_length(s, n, "start-indent", &st->start_indent, 0);
    set_length(s, n, "end-indent", &st->end_indent, 0);
    set_length(s, n, "first-line-indent", &st->first_line_indent, 1);
    set_length(s, n, "padding", &st->padding, 0);
    set_length(s, n, "border-width", &st->border_width, 0);
    set_length(s, n, "rule-below", &st->rule_below, 0);
    attr_is(n, "keep-with-next", "yes", &st->keep_with_next);
    attr_is(n, "hyphenate", "yes", &st->hyphenate);
    attr_is(n, "keep-together", "yes", &st->keep_together);
    if ((v = xmlGetProp(n, BAD_CAST "widows"))) {
        st->widows = atoi((const char *)v);
        xmlFree(v);
    }
    if ((v = xmlGetProp(n, BAD_CAST "orphans"))) {
        st->orphans = atoi((const char *)v);
        xmlFree(v);
    }
}

static ssize_t find(const rp_styles *s, const char *name)
{
    gpointer v;
    if (!name || !g_hash_table_lookup_extended(s->index, name, NULL, &v))
        return -1;
    return (ssize_t)GPOINTER_TO_SIZE(v);
}

/* Chains of parents longer than this are a runaway stylesheet, not a
 * design; resolution stops there with an error. */
#define RP_MAX_STYLE_DEPTH 64
/* A stylesheet needs dozens of styles; tens of thousands is a runaway. */
#define RP_MAX_STYLES 10000

/* The end of a message about a style name that is not defined. */
static char *style_hint(const rp_styles *s, const char *name)
{
    rp_near near = rp_near_init(name);
    for (size_t i = 0; i < s->n; i++)
        rp_near_consider(&near, s->v[i]->name);
    return rp_near_hint(&near);
}

static ssize_t parent_of(rp_styles *s, size_t i, int report)
{
    xmlChar *pname = xmlGetProp(s->nodes[i], BAD_CAST "parent");
    if (!pname)
        return -1;
    ssize_t p = find(s, (const char *)pname);
    if (p < 0 && report) {
        char *hint = style_hint(s, (const char *)pname);
        rp_diag_add(s->d, RP_ERROR, s->culprit, (int)xmlGetLineNo(s->nodes[i]), 0,
                    "style '%s': parent style '%s' is not defined%s", s->v[i]->name,
                    (const char *)pname, hint);
        free(hint);
    }
    xmlFree(pname);
    return p < 0 ? -2 : p;
}

/* Resolves style i after its ancestors, without recursion: the chain up
 * to the first resolved ancestor (or the default) is walked, then applied
 * from the top down.  state: 0 new, 1 on the chain being walked, 2 done. */
static void resolve(rp_styles *s, size_t i, char *state)
{
    size_t chain[RP_MAX_STYLE_DEPTH + 1];
    size_t n = 0;
    ssize_t cur = (ssize_t)i;
    while (cur >= 0 && state[cur] != 2) {
        if (state[cur] == 1 || n == RP_MAX_STYLE_DEPTH) {
            rp_diag_add(s->d, RP_ERROR, s->culprit, (int)xmlGetLineNo(s->nodes[cur]), 0,
                        state[cur] == 1 ? "style '%s' inherits from itself"
                                        : "style '%s' has more than 64 ancestors",
                        s->v[cur]->name);
            for (size_t k = 0; k < n; k++)
                state[chain[k]] = 2; /* left at the default */
            return;
        }
        state[cur] = 1;
        chain[n++] = (size_t)cur;
        cur = parent_of(s, (size_t)cur, 1);
    }
    for (size_t k = n; k-- > 0;) {
        size_t j = chain[k];
        ssize_t p = parent_of(s, j, 0);
        const rp_style *parent = p >= 0 ? s->v[p] : s->deflt;
        rp_style *st = style_copy(parent, s->v[j]->name);
        style_free(s->v[j]);
        s->v[j] = st;
        apply_props(s, st, s->nodes[j]);
        style_finish(s, st);
        state[j] = 2;
    }
}

static void add_shape_style(rp_styles *s, xmlNodePtr n)
{
    xmlChar *name = xmlGetProp(n, BAD_CAST "name");
    if (!name)
        return;
    if (g_hash_table_contains(s->shapes, name))
        rp_diag_add(s->d, RP_ERROR, s->culprit, (int)xmlGetLineNo(n), 0,
                    "shape-style '%s' is defined twice", (const char *)name);
    else
        g_hash_table_insert(s->shapes, g_strdup((const char *)name), n);
    xmlFree(name);
}

/* Whether the undefined name was reported already (each is reported
 * once); it is from now on. */
static int reported(rp_styles *s, const char *name)
{
    for (size_t k = 0; k < s->nunknown; k++)
        if (strcmp(s->unknown[k], name) == 0)
            return 1;
    *RP_PUSH(s->unknown, s->nunknown, s->capunknown) = rp_xstrdup(name);
    return 0;
}

xmlNodePtr rp_styles_shape(rp_styles *s, const char *name, long line)
{
    xmlNodePtr n = g_hash_table_lookup(s->shapes, name);
    if (n)
        return n;
    /* "\x01" keeps a shape-style's name apart from a style's */
    char *key = rp_xasprintf("\x01%s", name);
    if (!reported(s, key)) {
        rp_near near = rp_near_init(name);
        rp_near_consider_keys(&near, s->shapes);
        char *hint = rp_near_hint(&near);
        rp_diag_add(s->d, RP_ERROR, s->culprit, line > 0 ? (int)line : 0, 0,
                    "shape-style '%s' is used but not defined%s", name, hint);
        free(hint);
    }
    free(key);
    return NULL;
}

rp_styles *rp_styles_new(xmlDocPtr layout, PangoContext *pc, const char *culprit, rp_diag *d)
{
    rp_styles *s = rp_xcalloc(1, sizeof *s);
    s->pc = pc;
    s->culprit = culprit;
    s->d = d;
    s->deflt = style_default();
    style_finish(s, s->deflt);
    s->index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    s->shapes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (xmlNodePtr n = xmlDocGetRootElement(layout)->children; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST "shape-style")) {
            add_shape_style(s, n);
            continue;
        }
        if (n->type != XML_ELEMENT_NODE || !xmlStrEqual(n->name, BAD_CAST "style"))
            continue;
        xmlChar *name = xmlGetProp(n, BAD_CAST "name");
        if (find(s, (const char *)name) >= 0) {
            rp_diag_add(d, RP_ERROR, culprit, (int)xmlGetLineNo(n), 0,
                        "style '%s' is defined twice", (const char *)name);
            xmlFree(name);
            continue;
        }
        if (rp_grow((void **)&s->v, &s->cap, s->n + 1, sizeof *s->v))
            s->nodes = rp_xrealloc(s->nodes, s->cap * sizeof *s->nodes);
        s->v[s->n] = style_copy(s->deflt, (const char *)name);
        g_hash_table_insert(s->index, g_strdup((const char *)name), GSIZE_TO_POINTER(s->n));
        s->nodes[s->n++] = n;
        xmlFree(name);
    }
    char *state = rp_xcalloc(s->n + 1, 1);
    if (s->n > RP_MAX_STYLES)
        rp_diag_add(d, RP_ERROR, culprit, 0, 0, "the layout defines %zu styles; at most %d are "
                    "allowed", s->n, RP_MAX_STYLES);
    for (size_t i = 0; i < s->n && s->n <= RP_MAX_STYLES; i++)
        resolve(s, i, state);
    for (size_t i = 0; i < s->n; i++)
        if (!s->v[i]->font)
            style_finish(s, s->v[i]);
    free(state);
    return s;
}

void rp_styles_free(rp_styles *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        style_free(s->v[i]);
    for (size_t i = 0; i < s->nderived; i++)
        style_free(s->derived[i]);
    for (size_t i = 0; i < s->nunknown; i++)
        free(s->unknown[i]);
    style_free(s->deflt);
    g_hash_table_unref(s->index);
    g_hash_table_unref(s->shapes);
    free(s->v);
    free(s->nodes);
    free(s->derived);
    free(s->unknown);
    free(s);
}

const rp_style *rp_styles_get(rp_styles *s, const char *name, xmlNodePtr where)
{
    if (!name)
        return s->deflt;
    ssize_t i = find(s, name);
    if (i >= 0)
        return s->v[i];
    long line = where ? xmlGetLineNo(where) : 0;
    if (!reported(s, name)) {
        char *hint = style_hint(s, name);
        rp_diag_add(s->d, RP_ERROR, s->culprit, line > 0 ? (int)line : 0, 0,
                    "style '%s' is used but not defined%s", name, hint);
        free(hint);
    }
    return s->deflt;
}

const rp_style *rp_style_inherit(rp_styles *s, const rp_style *st)
{
    if (st->text_only)
        return st->text_only;
    rp_style *t = style_copy(st, st->name);
    t->space_before = t->space_after = 0;
    t->start_indent = t->end_indent = t->first_line_indent = 0;
    t->padding = t->border_width = t->rule_below = 0;
    t->has_background = 0;
    t->keep_with_next = t->keep_together = 0;
    style_finish(s, t);
    t->text_only = t;
    *RP_PUSH(s->derived, s->nderived, s->capderived) = t;
    ((rp_style *)st)->text_only = t;
    return t;
}
