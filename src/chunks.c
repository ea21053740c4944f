/* chunks.c - a large layout tree held out of memory, a piece at a time.
 *
 * libxslt returns its result tree whole, and every typesetting pass reads
 * it: for a 300-role book, 70 MiB of nodes held from the transformation
 * to the last page, ten times that for 3000 roles.  The shipped handbook
 * stylesheet says with <flush/> where the blocks it has written are
 * finished (after each role, each chapter, the front matter, each skill
 * of the index, each family of the level comparison).  They are packed then,
 * a few bytes a node, into an unlinked temporary file and freed, and an
 * empty placeholder element takes their place.  A typesetting pass
 * unpacks one placeholder's blocks at a time under the placeholder itself
 * (so xml:lang and src are inherited as before), flows them and frees
 * them: it holds a role's nodes, not the book's.
 *
 * A packed node: 1, element name, line, attributes, children, 0; or 2,
 * text.  Names are numbers into the store's table (in a node packed
 * alone, rp_node_pack, the names themselves); strings are stored with
 * their NUL.
 */
#include "chunks.h"
#include "spool.h"

#include <errno.h>
#include <glib.h>
#include <libxml/tree.h>
#include <string.h>
#include <unistd.h>

#define PLACEHOLDER "rp-chunk"
enum { END = 0, ELEMENT = 1, TEXT = 2 };

typedef struct {
    size_t off, len;  /* bytes in the spool */
    size_t first_id;  /* key of its first element */
} chunk;

/* Marks a document's _private as a store of ours. */
#define MAGIC 0x72706368u

struct rp_chunks {
    unsigned magic;
    rp_spool spool;
    GPtrArray *names;   /* id -> name */
    GHashTable *ids;    /* name -> id + 1 */
    chunk *v;
    size_t n, cap;
    size_t elements;    /* packed so far: the next element's key */
    int stopped;        /* nothing more is moved */
    int read_failed;    /* a failure to read back has been reported */
    rp_buf buf;
};

rp_chunks *rp_chunks_new(void)
{
    rp_chunks *c = rp_xcalloc(1, sizeof *c);
    if (rp_spool_open(&c->spool) != 0) {
        rp_spool_close(&c->spool);
        free(c);
        return NULL;
    }
    c->magic = MAGIC;
    c->names = g_ptr_array_new_with_free_func(g_free);
    c->ids = g_hash_table_new(g_str_hash, g_str_equal);
    return c;
}

void rp_chunks_free(rp_chunks *c)
{
    if (!c)
        return;
    rp_spool_close(&c->spool);
    g_hash_table_destroy(c->ids);
    g_ptr_array_free(c->names, TRUE);
    free(c->v);
    free(c->buf.s);
    free(c);
}

rp_chunks *rp_chunks_reader(const rp_chunks *c)
{
    rp_chunks *r = rp_xmalloc(sizeof *r);
    *r = *c;
    r->read_failed = 0;
    r->buf = (rp_buf){0};
    return r;
}

void rp_chunks_reader_free(rp_chunks *r)
{
    free(r);
}

void rp_chunks_attach(xmlDocPtr layout, rp_chunks *c)
{
    layout->_private = c;
}

rp_chunks *rp_chunks_of(xmlDocPtr layout)
{
    rp_chunks *c = layout ? layout->_private : NULL;
    return c && c->magic == MAGIC ? c : NULL;
}

void rp_layout_free(xmlDocPtr layout)
{
    if (!layout)
        return;
    rp_chunks_free(rp_chunks_of(layout));
    xmlFreeDoc(layout);
}

/* ------------------------------------------------------------ packing */

static void put_byte(rp_buf *b, unsigned char v)
{
    rp_buf_add(b, (const char *)&v, 1);
}

static void put_num(rp_buf *b, size_t v)
{
    unsigned char tmp[10];
    size_t n = 0;
    do {
        tmp[n++] = (unsigned char)((v & 0x7f) | (v > 0x7f ? 0x80 : 0));
        v >>= 7;
    } while (v);
    rp_buf_add(b, (const char *)tmp, n);
}

static void put_str(rp_buf *b, const xmlChar *s)
{
    const char *t = s ? (const char *)s : "";
    rp_buf_add(b, t, strlen(t) + 1);
}

static size_t name_id(rp_chunks *c, const xmlChar *name)
{
    size_t id = GPOINTER_TO_SIZE(g_hash_table_lookup(c->ids, name));
    if (id)
        return id - 1;
    char *copy = g_strdup((const char *)name);
    g_ptr_array_add(c->names, copy);
    g_hash_table_insert(c->ids, copy, GSIZE_TO_POINTER(c->names->len));
    return c->names->len - 1;
}

/* Whether the store can hold n's subtree: elements and attributes in no
 * namespace (xml:lang and xml:space aside), text, comments.  Its depth
 * has been checked (the recursion is bounded). */
static int packable(xmlNodePtr n)
{
    if (n->type != XML_ELEMENT_NODE)
        return 1;
    if (n->ns || n->nsDef)
        return 0;
    for (xmlAttrPtr a = n->properties; a; a = a->next)
        if (a->ns && !xmlStrEqual(a->ns->href, XML_XML_NAMESPACE))
            return 0;
    for (xmlNodePtr k = n->children; k; k = k->next)
        if (!packable(k))
            return 0;
    return 1;
}

/* A name, and whether it is in the XML namespace (xml:lang): a number
 * into the store's table, or with no store the name itself. */
static void put_name(rp_chunks *c, rp_buf *b, const xmlChar *name, int xml)
{
    if (c) {
        put_num(b, name_id(c, name) << 1 | (size_t)xml);
    } else {
        put_byte(b, (unsigned char)xml);
        put_str(b, name);
    }
}

/* n's subtree into b, names into c's table (or inline with no store).
 * Namespaces other than XML's are not kept: the typesetter reads names
 * alone. */
static void pack(rp_chunks *c, rp_buf *b, xmlNodePtr n)
{
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        put_byte(b, TEXT);
        put_str(b, n->content);
        return;
    }
    if (n->type != XML_ELEMENT_NODE)
        return;
    if (c)
        c->elements++;
    put_byte(b, ELEMENT);
    put_name(c, b, n->name, 0);
    long line = xmlGetLineNo(n);
    put_num(b, line > 0 ? (size_t)line : 0);
    size_t nattr = 0;
    for (xmlAttrPtr a = n->properties; a; a = a->next)
        nattr++;
    put_num(b, nattr);
    for (xmlAttrPtr a = n->properties; a; a = a->next) {
        put_name(c, b, a->name, a->ns && xmlStrEqual(a->ns->href, XML_XML_NAMESPACE));
        xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
        put_str(b, v);
        xmlFree(v);
    }
    for (xmlNodePtr k = n->children; k; k = k->next)
        pack(c, b, k);
    put_byte(b, END);
}

static int is_head(xmlNodePtr n)
{
    static const char *const head[] = {"meta", "page-template", "style", "shape-style"};
    for (size_t i = 0; i < sizeof head / sizeof *head; i++)
        if (xmlStrEqual(n->name, BAD_CAST head[i]))
            return 1;
    return 0;
}

static int depth_of(xmlNodePtr n)
{
    int depth = 0;
    for (; n && n->type == XML_ELEMENT_NODE; n = n->parent)
        depth++;
    return depth;
}

/* Whether the blocks of parent may move: it is the document element or a
 * section, in the document itself (not an element libxslt builds an
 * attribute's, a comment's or a message's value in, which has no
 * parent); a list item's or a table cell's blocks stay, as their content
 * decides how they are laid out. */
static int flushable(xmlNodePtr parent)
{
    if (!xmlStrEqual(parent->name, BAD_CAST "section") &&
        !xmlStrEqual(parent->name, BAD_CAST "document"))
        return 0;
    xmlNodePtr n = parent;
    while (n->parent && n->parent->type == XML_ELEMENT_NODE)
        n = n->parent;
    return n->parent && n->parent->type == XML_DOCUMENT_NODE && xmlStrEqual(n->name, BAD_CAST "document");
}

/* The nodes of parent a flush moves, from the one after its last
 * placeholder; NULL-terminated, or NULL when one of them may not move. */
static xmlNodePtr *movable(const rp_chunks *c, xmlNodePtr parent, size_t *count)
{
    int root = parent->parent && parent->parent->type == XML_DOCUMENT_NODE;
    /* back from the end: a chapter holds a placeholder per role */
    xmlNodePtr from = parent->last;
    while (from && !rp_chunks_is_placeholder(c, from))
        from = from->prev;
    from = from ? from->next : parent->children;
    int depth = depth_of(parent);
    GPtrArray *v = g_ptr_array_new();
    for (xmlNodePtr k = from; k; k = k->next) {
        if (k->type == XML_ELEMENT_NODE && root && is_head(k))
            continue;
        if (rp_layout_check_tree(k, depth + 1, NULL, NULL) != 0 || !packable(k)) {
            g_ptr_array_free(v, TRUE);
            return NULL;
        }
        g_ptr_array_add(v, k);
    }
    *count = v->len;
    g_ptr_array_add(v, NULL);
    return (xmlNodePtr *)g_ptr_array_free(v, FALSE);
}

int rp_chunks_flush(rp_chunks *c, xmlNodePtr parent)
{
    if (!c || c->stopped || !parent || parent->type != XML_ELEMENT_NODE || !flushable(parent))
        return -1;
    size_t count = 0;
    xmlNodePtr *move = movable(c, parent, &count);
    if (!move) {
        c->stopped = 1;
        return -1;
    }
    if (!count) {
        g_free(move);
        return 0;
    }
    chunk ch = {.off = c->spool.len, .first_id = c->elements};
    c->buf.len = 0;
    for (size_t i = 0; i < count; i++)
        pack(c, &c->buf, move[i]);
    put_byte(&c->buf, END);
    ch.len = c->buf.len;
    if (rp_spool_write(&c->spool, c->buf.s, c->buf.len) != 0) {
        c->elements = ch.first_id;
        c->stopped = 1;
        g_free(move);
        return -1;
    }
    *RP_PUSH(c->v, c->n, c->cap) = ch;
    for (size_t i = 0; i < count; i++) {
        xmlUnlinkNode(move[i]);
        xmlFreeNode(move[i]);
    }
    g_free(move);
    xmlNodePtr ph = xmlNewDocNode(parent->doc, NULL, BAD_CAST PLACEHOLDER, NULL);
    char num[32];
    snprintf(num, sizeof num, "%zu", c->n - 1);
    xmlNewProp(ph, BAD_CAST "n", BAD_CAST num);
    xmlAddChild(parent, ph);
    return 0;
}

/* ---------------------------------------------------------- unpacking */

static long placeholder_index(const rp_chunks *c, xmlNodePtr n)
{
    if (!c || n->type != XML_ELEMENT_NODE || !xmlStrEqual(n->name, BAD_CAST PLACEHOLDER))
        return -1;
    xmlChar *v = xmlGetProp(n, BAD_CAST "n");
    char *end = NULL;
    long i = v ? strtol((const char *)v, &end, 10) : -1;
    int ok = v && *end == '\0' && i >= 0 && (size_t)i < c->n;
    xmlFree(v);
    return ok ? i : -1;
}

int rp_chunks_is_placeholder(const rp_chunks *c, xmlNodePtr n)
{
    return placeholder_index(c, n) >= 0;
}

long rp_chunks_index(const rp_chunks *c, xmlNodePtr n)
{
    return placeholder_index(c, n);
}

typedef struct {
    const rp_chunks *c; /* whose table names are numbers into, or NULL */
    const char *p, *end;
    size_t next_id;
    xmlDocPtr doc;
    xmlNsPtr xml_ns;
} reader;

static size_t get_num(reader *r)
{
    size_t v = 0;
    for (int shift = 0; r->p < r->end && shift < 64; shift += 7) {
        unsigned char b = (unsigned char)*r->p++;
        v |= (size_t)(b & 0x7f) << shift;
        if (!(b & 0x80))
            break;
    }
    return v;
}

static const xmlChar *get_str(reader *r)
{
    const char *s = r->p;
    const char *nul = s < r->end ? memchr(s, 0, (size_t)(r->end - s)) : NULL;
    r->p = nul ? nul + 1 : r->end;
    return BAD_CAST(nul ? s : "");
}

static void link_child(xmlNodePtr parent, xmlNodePtr k)
{
    k->parent = parent;
    k->doc = parent->doc;
    if (parent->last) {
        parent->last->next = k;
        k->prev = parent->last;
    } else {
        parent->children = k;
    }
    parent->last = k;
}

static const xmlChar *get_name(reader *r, int *xml)
{
    if (!r->c) {
        *xml = r->p < r->end && *r->p++;
        return get_str(r);
    }
    size_t id = get_num(r);
    *xml = (int)(id & 1);
    id >>= 1;
    return BAD_CAST(id < r->c->names->len ? g_ptr_array_index(r->c->names, id) : "rp-bad");
}

/* The nodes up to the next END, under parent. */
static void unpack(reader *r, xmlNodePtr parent)
{
    while (r->p < r->end) {
        int kind = (unsigned char)*r->p++;
        if (kind == END)
            return;
        if (kind == TEXT) {
            link_child(parent, xmlNewDocText(r->doc, get_str(r)));
            continue;
        }
        int xml;
        xmlNodePtr e = xmlNewDocNode(r->doc, NULL, get_name(r, &xml), NULL);
        size_t line = get_num(r);
        e->line = (unsigned short)(line < 65535 ? line : 65535);
        if (r->c)
            e->_private = (void *)(uintptr_t)(r->next_id++ << 1 | 1);
        for (size_t i = get_num(r); i > 0; i--) {
            const xmlChar *name = get_name(r, &xml);
            if (xml) {
                if (!r->xml_ns)
                    r->xml_ns = xmlSearchNs(r->doc, parent, BAD_CAST "xml");
                xmlNewNsProp(e, r->xml_ns, name, get_str(r));
            } else {
                xmlNewProp(e, name, get_str(r));
            }
        }
        link_child(parent, e);
        unpack(r, e);
    }
}

int rp_chunks_open(rp_chunks *c, xmlNodePtr n, const char *culprit, rp_diag *d)
{
    long i = placeholder_index(c, n);
    if (i < 0)
        return -1;
    const chunk *ch = &c->v[i];
    char *bytes = rp_xmalloc(ch->len);
    if (rp_spool_read(&c->spool, ch->off, bytes, ch->len) != 0) {
        /* once: every later piece fails alike, and the document with it */
        if (!c->read_failed)
            rp_diag_add(d, RP_ERROR, culprit, 0, 0,
                        "cannot read the layout back from its temporary file in %s: %s",
                        g_get_tmp_dir(), strerror(c->spool.err ? c->spool.err : EIO));
        c->read_failed = 1;
        free(bytes);
        return -1;
    }
    reader r = {.c = c, .p = bytes, .end = bytes + ch->len, .next_id = ch->first_id,
                .doc = n->doc};
    unpack(&r, n);
    free(bytes);
    return 0;
}

int rp_chunks_finish(rp_chunks *c)
{
    return rp_spool_flush(&c->spool);
}

int rp_chunks_error(const rp_chunks *c)
{
    return c->spool.err;
}

size_t rp_chunks_count(const rp_chunks *c)
{
    return c->n;
}

size_t rp_chunks_size(const rp_chunks *c)
{
    return c->spool.len;
}

size_t rp_chunks_piece_at(const rp_chunks *c, size_t byte)
{
    size_t i = 0;
    while (i < c->n && c->v[i].off < byte)
        i++;
    return i;
}

void rp_chunks_close(xmlNodePtr n)
{
    xmlNodePtr k = n->children;
    n->children = n->last = NULL;
    xmlFreeNodeList(k);
}

char *rp_node_pack(xmlNodePtr n, size_t *len)
{
    rp_buf b = {0};
    pack(NULL, &b, n);
    put_byte(&b, END);
    *len = b.len;
    return b.s;
}

xmlDocPtr rp_node_unpack(const char *bytes, size_t len)
{
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    reader r = {.p = bytes, .end = bytes + len, .doc = doc};
    unpack(&r, (xmlNodePtr)doc);
    return doc;
}

const void *rp_node_key(xmlNodePtr n)
{
    return ((uintptr_t)n->_private & 1) ? n->_private : (const void *)n;
}
