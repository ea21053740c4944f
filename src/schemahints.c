/* schemahints.c - what a RELAX NG schema allows, read from its source, so
 * that a validation error can say what a document lacks or misspells.
 *
 * libxml2's validator says "Did not expect element level there" where
 * <family> is missing before it, and "Element skill failed to validate
 * attributes" where name= is missing.  Its compiled schema is opaque, so
 * the schema's source is read once more: for each element name, the
 * element and attribute patterns of its definitions, with refs resolved.
 * Required means outside optional, zeroOrMore and choice (a choice's
 * branches are not required one by one); an element defined in several
 * places requires only what all its definitions require.
 */
#include "internal.h"

#include <libxml/parser.h>
#include <string.h>

#define RNG_NS "http://relaxng.org/ns/structure/1.0"

struct rp_schema_hints {
    xmlDocPtr doc;
    GHashTable *defines;  /* define name -> its node */
    GHashTable *elements; /* element name -> GPtrArray: its definitions'
                             nodes while indexing, then their particles */
};

static int is_rng(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->ns && xmlStrEqual(n->ns->href, BAD_CAST RNG_NS) &&
           (!name || xmlStrEqual(n->name, BAD_CAST name));
}

static void index_grammar(rp_schema_hints *h, xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (!is_rng(n, NULL))
            continue;
        xmlChar *name = xmlGetProp(n, BAD_CAST "name");
        if (name && is_rng(n, "define") && !g_hash_table_contains(h->defines, name))
            g_hash_table_insert(h->defines, g_strdup((const char *)name), n);
        if (name && is_rng(n, "element")) {
            GPtrArray *v = g_hash_table_lookup(h->elements, name);
            if (!v) {
                v = g_ptr_array_new();
                g_hash_table_insert(h->elements, g_strdup((const char *)name), v);
            }
            g_ptr_array_add(v, n);
        }
        xmlFree(name);
        index_grammar(h, n->children);
    }
}

/* ------------------------------------------------- an element's content */

typedef enum { CHILD, ATTRIBUTE } kind;

/* What a definition's content holds, in the schema's order. */
typedef struct {
    kind what;
    const char *name; /* in the schema document */
    int required;
    xmlNodePtr node;  /* the element or attribute pattern */
} particle;

typedef struct {
    particle *v;
    size_t n, cap;
} particles;

/* The element and attribute patterns under n (not inside nested
 * elements), each define followed once (seen: those followed already),
 * so that a recursive grammar ends. */
static void walk(const rp_schema_hints *h, xmlNodePtr n, int required, GHashTable *seen,
                 particles *out)
{
    for (; n; n = n->next) {
        if (!is_rng(n, NULL))
            continue;
        const char *tag = (const char *)n->name;
        xmlChar *name = xmlGetProp(n, BAD_CAST "name");
        if (!strcmp(tag, "element") || !strcmp(tag, "attribute")) {
            if (name) /* interned: it lives as long as the schema's document */
                *RP_PUSH(out->v, out->n, out->cap) =
                    (particle){*tag == 'e' ? CHILD : ATTRIBUTE,
                               (const char *)xmlDictLookup(h->doc->dict, name, -1), required,
                               n};
        } else if (!strcmp(tag, "ref")) {
            xmlNodePtr def = name ? g_hash_table_lookup(h->defines, name) : NULL;
            if (def && g_hash_table_add(seen, def))
                walk(h, def->children, required, seen, out);
        } else if (strcmp(tag, "data") && strcmp(tag, "value") && strcmp(tag, "list")) {
            int opt = !strcmp(tag, "optional") || !strcmp(tag, "zeroOrMore") ||
                      !strcmp(tag, "choice");
            walk(h, n->children, required && !opt, seen, out);
        }
        xmlFree(name);
    }
}

/* The particles of the element definition def. */
static void content(const rp_schema_hints *h, xmlNodePtr def, particles *out)
{
    GHashTable *seen = g_hash_table_new(NULL, NULL);
    walk(h, def->children, 1, seen, out);
    g_hash_table_destroy(seen);
}

static void particles_free(gpointer p)
{
    free(((particles *)p)->v);
    free(p);
}

/* Each element's definitions become their particles, once: a schema's
 * hints answer many questions about a document's errors. */
static void compute_particles(rp_schema_hints *h)
{
    GHashTableIter it;
    gpointer v;
    g_hash_table_iter_init(&it, h->elements);
    while (g_hash_table_iter_next(&it, NULL, &v)) {
        GPtrArray *defs = v;
        for (guint i = 0; i < defs->len; i++) {
            particles *ps = rp_xcalloc(1, sizeof *ps);
            content(h, defs->pdata[i], ps);
            defs->pdata[i] = ps;
        }
        g_ptr_array_set_free_func(defs, particles_free);
    }
}

rp_schema_hints *rp_schema_hints_load(const char *rng_path)
{
    xmlDocPtr doc = xmlReadFile(rng_path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
                                                    XML_PARSE_NOWARNING);
    if (doc && !doc->dict) { /* names are kept in its dictionary */
        xmlFreeDoc(doc);
        doc = NULL;
    }
    if (!doc)
        return NULL;
    rp_schema_hints *h = rp_xcalloc(1, sizeof *h);
    h->doc = doc;
    h->defines = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    h->elements = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify)g_ptr_array_unref);
    index_grammar(h, xmlDocGetRootElement(doc));
    compute_particles(h);
    return h;
}

void rp_schema_hints_free(rp_schema_hints *h)
{
    if (!h)
        return;
    g_hash_table_destroy(h->defines);
    g_hash_table_destroy(h->elements);
    xmlFreeDoc(h->doc);
    free(h);
}

/* How many of name's definitions require (or, required 0, allow) the
 * particle (what, p); *defs is how many definitions there are. */
static size_t count_in(const rp_schema_hints *h, const char *element, kind what, const char *p,
                       int required, size_t *defs)
{
    GPtrArray *v = g_hash_table_lookup(h->elements, element);
    *defs = v ? v->len : 0;
    size_t count = 0;
    for (guint i = 0; v && i < v->len; i++) {
        const particles *ps = v->pdata[i];
        for (size_t k = 0; k < ps->n; k++)
            if (ps->v[k].what == what && !strcmp(ps->v[k].name, p) &&
                (!required || ps->v[k].required)) {
                count++;
                break;
            }
    }
    return count;
}

static int has_child(xmlNodePtr el, const char *name)
{
    for (xmlNodePtr c = el->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && xmlStrEqual(c->name, BAD_CAST name))
            return 1;
    return 0;
}

/* An attribute's name as the schema writes it ("xml:lang"). */
static char *attribute_name(xmlAttrPtr a)
{
    if (a->ns && a->ns->prefix)
        return rp_xasprintf("%s:%s", (const char *)a->ns->prefix, (const char *)a->name);
    return rp_xstrdup((const char *)a->name);
}

static int has_attribute(xmlNodePtr el, const char *name)
{
    for (xmlAttrPtr a = el->properties; a; a = a->next) {
        char *s = attribute_name(a);
        int same = !strcmp(s, name);
        free(s);
        if (same)
            return 1;
    }
    return 0;
}

/* The first particle every definition of el requires that el lacks. */
static const char *missing(const rp_schema_hints *h, xmlNodePtr el, kind what)
{
    GPtrArray *v = h ? g_hash_table_lookup(h->elements, el->name) : NULL;
    if (!v || !v->len)
        return NULL;
    const particles *ps = v->pdata[0];
    const char *found = NULL;
    for (size_t k = 0; k < ps->n && !found; k++) {
        const particle *p = &ps->v[k];
        if (p->what != what || !p->required ||
            (what == CHILD ? has_child(el, p->name) : has_attribute(el, p->name)))
            continue;
        size_t defs;
        if (count_in(h, (const char *)el->name, what, p->name, 1, &defs) == defs)
            found = p->name;
    }
    return found;
}

const char *rp_schema_hints_missing_child(const rp_schema_hints *h, xmlNodePtr el)
{
    return missing(h, el, CHILD);
}

const char *rp_schema_hints_missing_attribute(const rp_schema_hints *h, xmlNodePtr el)
{
    return missing(h, el, ATTRIBUTE);
}

int rp_schema_hints_knows_element(const rp_schema_hints *h, const char *name)
{
    return h && g_hash_table_contains(h->elements, name);
}

int rp_schema_hints_allows_attribute(const rp_schema_hints *h, const char *element,
                                     const char *name)
{
    size_t defs;
    return h && count_in(h, element, ATTRIBUTE, name, 0, &defs) > 0;
}

int rp_schema_hints_allows_child(const rp_schema_hints *h, const char *element, const char *name)
{
    size_t defs;
    return h && count_in(h, element, CHILD, name, 0, &defs) > 0;
}

/* ------------------------------------------------------------- values */

#define ANNOTATIONS_NS "http://relaxng.org/ns/compatibility/annotations/1.0"

/* The first a:documentation child of n, or NULL. */
static xmlNodePtr documentation(xmlNodePtr n)
{
    for (xmlNodePtr c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && c->ns &&
            xmlStrEqual(c->ns->href, BAD_CAST ANNOTATIONS_NS) &&
            xmlStrEqual(c->name, BAD_CAST "documentation"))
            return c;
    return NULL;
}

/* The values a pattern lists (<value>, through choices and refs), and the
 * first documentation of a definition it refers to, else its own: what
 * the value's type is rather than what the attribute means. */
static void values_in(const rp_schema_hints *h, xmlNodePtr n, GHashTable *seen, GPtrArray *vals,
                      xmlNodePtr *doc)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (!is_rng(c, NULL) || is_rng(c, "element"))
            continue;
        if (is_rng(c, "value")) {
            g_ptr_array_add(vals, xmlNodeGetContent(c));
        } else if (is_rng(c, "ref")) {
            xmlChar *name = xmlGetProp(c, BAD_CAST "name");
            xmlNodePtr def = name ? g_hash_table_lookup(h->defines, name) : NULL;
            xmlFree(name);
            if (def && g_hash_table_add(seen, def))
                values_in(h, def, seen, vals, doc);
        } else {
            values_in(h, c, seen, vals, doc);
        }
    }
    if (!*doc)
        *doc = documentation(n);
}

/* The documentation's words for a message: one line, its first letter
 * lower case, no full stop at its end. */
static char *as_clause(xmlNodePtr doc)
{
    xmlChar *t = xmlNodeGetContent(doc);
    char *s = rp_collapse_space((const char *)t);
    xmlFree(t);
    size_t len = strlen(s);
    if (!len) {
        free(s);
        return NULL;
    }
    if (s[len - 1] == '.')
        s[len - 1] = '\0';
    if (s[0] >= 'A' && s[0] <= 'Z' && !(s[1] >= 'A' && s[1] <= 'Z'))
        s[0] = (char)(s[0] - 'A' + 'a');
    return s;
}

char *rp_schema_hints_attribute_takes(const rp_schema_hints *h, const char *element,
                                      const char *attr, const char *value, char **near)
{
    *near = NULL;
    GPtrArray *v = h ? g_hash_table_lookup(h->elements, element) : NULL;
    const particle *p = NULL;
    for (guint i = 0; v && i < v->len && !p; i++) {
        const particles *ps = v->pdata[i];
        for (size_t k = 0; k < ps->n && !p; k++)
            if (ps->v[k].what == ATTRIBUTE && !strcmp(ps->v[k].name, attr))
                p = &ps->v[k];
    }
    if (!p)
        return NULL;
    GPtrArray *vals = g_ptr_array_new_with_free_func(xmlFree);
    GHashTable *seen = g_hash_table_new(NULL, NULL);
    xmlNodePtr doc = NULL;
    values_in(h, p->node, seen, vals, &doc);
    g_hash_table_destroy(seen);
    char *takes = NULL;
    if (vals->len) {
        rp_buf b = {0};
        rp_buf_puts(&b, "one of ");
        rp_near s = rp_near_init(value);
        for (guint i = 0; i < vals->len; i++) {
            rp_buf_puts(&b, i ? ", " : "");
            rp_buf_puts(&b, vals->pdata[i]);
            rp_near_consider(&s, vals->pdata[i]);
        }
        takes = b.s;
        if (s.best)
            *near = rp_xstrdup(s.best);
    } else if (doc) {
        takes = as_clause(doc);
    }
    g_ptr_array_free(vals, TRUE);
    return takes;
}

/* ------------------------------------------------------------ spelling */

const char *rp_schema_hints_closest_element(const rp_schema_hints *h, const char *name)
{
    if (!h)
        return NULL;
    rp_near s = rp_near_init(name);
    rp_near_consider_keys(&s, h->elements);
    return s.best;
}

const char *rp_schema_hints_closest_attribute(const rp_schema_hints *h, const char *element,
                                              const char *name)
{
    GPtrArray *v = h ? g_hash_table_lookup(h->elements, element) : NULL;
    rp_near s = rp_near_init(name);
    for (guint i = 0; v && i < v->len; i++) {
        const particles *ps = v->pdata[i];
        for (size_t k = 0; k < ps->n; k++)
            if (ps->v[k].what == ATTRIBUTE)
                rp_near_consider(&s, ps->v[k].name);
    }
    return s.best;
}
