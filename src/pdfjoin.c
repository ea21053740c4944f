/* pdfjoin.c - one PDF from the parts Cairo drew a long document in.
 *
 * Cairo 1.16 keeps every structure element of a document until the
 * document is finished, about 130 bytes each: a book's tree, not its
 * pages, is most of what drawing it holds.  So render.c draws a long
 * document as several Cairo documents ("parts"), and this joins them,
 * each as soon as it is finished, into one file that reads as if Cairo
 * had written it whole; pdfua.c completes that as it would any other.
 *
 * The parts' objects are numbered again, in order, into one sequence.
 * What a document has once is merged: one page tree holding every page;
 * one structure tree under one Document, each part's parent-tree keys
 * (its pages' /StructParents, its annotations' /StructParent) moved past
 * those of the parts before; the page labels, moved likewise; the named
 * destinations (Cairo writes every link's destination by name, so a link
 * into another part resolves once the name trees are one); the outline;
 * the first part's catalogue and document information.
 *
 * An element open where a part ends was ended there and begun again at
 * the next part's start: in that part, Document's first kid, its first
 * kid and so on, `continued` deep.  Each such copy is merged into its
 * original: references to it go to the original, and its kids are
 * appended to the original's.  The originals, the path from Document to
 * the innermost element open at a part's end, are held in memory until no
 * later part continues them; Document is always continued.  Outline items
 * begun again are dropped likewise, the items under them going under the
 * originals.
 */
#include "pdfjoin.h"
#include "pdfobj.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* What becomes of a part's object. */
enum { COPY, DROP, HOLD, CONTINUE };

/* Bytes of a part copied between two calls of trim. */
#define RP_JOIN_TRIM (1u << 20)

/* Outline and tree nesting deeper than this is not Cairo's. */
#define RP_JOIN_DEPTH 64

typedef struct {
    long id;     /* its number in the joined file */
    po_val dict; /* with the kids of its copies so far */
} held;

typedef struct {
    int depth;     /* 1 for the outline's top items */
    char *entries; /* its own entries, as written: title, destination */
} outline_item;

typedef struct {
    char *name; /* a string, as written */
    char *dest;
} named;

struct rp_pdfjoin {
    rp_spool *out;
    void (*trim)(void *trim_arg); /* lets go of the part read so far */
    void *trim_arg;
    uint32_t *offset; /* joined object number -> where it starts */
    size_t capoffset;
    long next;      /* the next number to give */
    long pages;     /* the page tree's root */
    size_t parts, npages;
    long nkeys;     /* parent-tree keys given */
    rp_buf page_kids, parent_nums, label_nums;
    po_val label;      /* the last page-label range, from label_page on */
    size_t label_page;
    named *dests;
    size_t ndests, capdests;
    outline_item *outline;
    size_t noutline, capoutline;
    held *spine; /* Document and the elements open, outermost first */
    size_t nspine;
    po_val catalog; /* the first part's, without what is merged */
    long info;      /* the first part's document information */
    int tagged;     /* -1 until the first part says */
    const char *why;
};

typedef struct {
    po_val own; /* an outline item's own entries */
    int depth;
} part_item;

/* One part while it is joined. */
typedef struct {
    rp_pdfjoin *j;
    const char *pdf;
    size_t len;
    po_file f;
    unsigned char *fate; /* local number -> COPY, DROP... */
    long *map;           /* local number -> joined number, 0 for none */
    long key_base;       /* added to the part's parent-tree keys */
    long max_key;
    long cont[RP_JOIN_DEPTH], last[RP_JOIN_DEPTH]; /* local numbers */
    size_t ncont, nlast;
    held spine[RP_JOIN_DEPTH]; /* the originals found in this part */
    long pages, ptree, names, outlines;
    po_val labels;       /* the catalogue's /PageLabels, or null */
    int labelled;        /* its first page's label is in label_nums */
    part_item *items; /* the outline's, depth first */
    size_t nitems, capitems;
} part;

static int fail(rp_pdfjoin *j, const char *why)
{
    if (!j->why)
        j->why = why;
    return -1;
}

static int in_part(const part *p, long id)
{
    return id > 0 && (size_t)id < p->f.n && p->f.offset[id];
}

static int read_local(part *p, long id, po_val *v)
{
    if (in_part(p, id) && po_read(p->pdf, p->len, &p->f, id, v) == 0)
        return 0;
    memset(v, 0, sizeof *v);
    return fail(p->j, "an object of a part cannot be read");
}

static long ref_num(const po_val *v)
{
    return v && v->kind == PO_REF ? v->num : 0;
}

/* Every reference in v made one to the joined file's object. */
static int remap(part *p, po_val *v)
{
    if (v->kind == PO_REF) {
        if (!in_part(p, v->num) || !p->map[v->num])
            return fail(p->j, "a part refers to an object the join leaves out");
        v->num = p->map[v->num];
    }
    for (size_t i = 0; i < v->n; i++)
        if (remap(p, &v->items[i]) != 0)
            return -1;
    return 0;
}

static void mark(part *p, long id, int fate)
{
    if (in_part(p, id))
        p->fate[id] = (unsigned char)fate;
}

/* ----------------------------------------------------------- the output */

static void put(rp_pdfjoin *j, long id, const char *text, size_t n)
{
    size_t had = j->capoffset;
    rp_grow((void **)&j->offset, &j->capoffset, (size_t)id + 1, sizeof *j->offset);
    memset(j->offset + had, 0, (j->capoffset - had) * sizeof *j->offset); /* free until put */
    if (j->out->len > UINT32_MAX) /* as pdfua.c writes offsets too */
        fail(j, "the document is 4 GiB or more before compression");
    j->offset[id] = (uint32_t)j->out->len;
    rp_spool_write(j->out, text, n);
}

static void put_value(rp_pdfjoin *j, long id, const po_val *v)
{
    rp_buf b = {0};
    rp_buf_printf(&b, "%ld 0 obj\n", id);
    po_write(&b, v);
    rp_buf_puts(&b, "\nendobj\n");
    put(j, id, b.s, b.len);
    rp_buf_free(&b);
}

static void put_text(rp_pdfjoin *j, long id, const rp_buf *body)
{
    rp_buf b = {0};
    rp_buf_printf(&b, "%ld 0 obj\n", id);
    rp_buf_add(&b, body->s ? body->s : "", body->len);
    rp_buf_puts(&b, "\nendobj\n");
    put(j, id, b.s, b.len);
    rp_buf_free(&b);
}

/* ------------------------------------------------------- number trees */

typedef int (*entry_fn)(part *p, po_val *key, po_val *value);

/* The entries (under key: "Nums" or "Names") of the number or name tree
 * at node, each given to each; with each NULL, marks the tree's objects
 * DROP instead. */
static int walk_tree(part *p, const po_val *node, const char *key, entry_fn each, int depth)
{
    po_val local = {0};
    if (depth > RP_JOIN_DEPTH)
        return fail(p->j, "a part's name or number tree nests too deep");
    if (node->kind == PO_REF) {
        if (!each)
            mark(p, node->num, DROP);
        if (read_local(p, node->num, &local) != 0)
            return -1;
        node = &local;
    }
    int rc = node->kind == PO_DICT ? 0 : fail(p->j, "a part's name or number tree is not one");
    const po_val *kids = po_get(node, "Kids"), *entries = po_get(node, key);
    for (size_t i = 0; rc == 0 && kids && i < kids->n; i++)
        rc = walk_tree(p, &kids->items[i], key, each, depth + 1);
    for (size_t i = 0; rc == 0 && each && entries && i + 1 < entries->n; i += 2)
        rc = each(p, &entries->items[i], &entries->items[i + 1]);
    po_free(&local);
    return rc;
}

static int parent_entry(part *p, po_val *key, po_val *value)
{
    if (key->kind != PO_NUM || key->num < 0 || remap(p, value) != 0)
        return fail(p->j, "a part's parent tree cannot be read");
    if (key->num > p->max_key)
        p->max_key = key->num;
    rp_buf_printf(&p->j->parent_nums, "%ld ", p->key_base + key->num);
    po_write(&p->j->parent_nums, value);
    rp_buf_puts(&p->j->parent_nums, "\n");
    return 0;
}

static int same(const po_val *a, const po_val *b)
{
    if (!a || !b)
        return a == b;
    return a->kind == b->kind && (a->kind == PO_NAME || a->kind == PO_STR) &&
           strcmp(a->text, b->text) == 0;
}

static long start_of(const po_val *range)
{
    const po_val *st = po_get(range, "St");
    return st && st->kind == PO_NUM ? st->num : 1;
}

/* A page-label range from page on, unless it goes on as the last one
 * does: Cairo begins a part whose first label is not "1" with a range,
 * not knowing that it follows from the part before. */
static void add_label(rp_pdfjoin *j, size_t page, const po_val *range)
{
    const po_val *last = &j->label;
    if (last->kind == PO_DICT && same(po_get(last, "P"), po_get(range, "P")) &&
        same(po_get(last, "S"), po_get(range, "S")) &&
        (!po_get(range, "S") ||
         start_of(range) == start_of(last) + (long)(page - j->label_page)))
        return;
    rp_buf_printf(&j->label_nums, "%zu ", page);
    po_write(&j->label_nums, range);
    rp_buf_puts(&j->label_nums, "\n");
    po_free(&j->label);
    j->label = po_copy(range);
    j->label_page = page;
}

/* PDF numbers pages 1, 2... where it has no labels, and Cairo writes
 * none for pages so labelled: a part's pages before its first range. */
static void label_from_one(part *p)
{
    po_val decimal = {.kind = PO_DICT};
    po_set(&decimal, "S", po_name("D"));
    add_label(p->j, p->j->npages, &decimal);
    po_free(&decimal);
    p->labelled = 1;
}

static int label_entry(part *p, po_val *key, po_val *value)
{
    if (key->kind != PO_NUM || key->num < 0 || value->kind != PO_DICT || remap(p, value) != 0)
        return fail(p->j, "a part's page labels cannot be read");
    if (!p->labelled && key->num > 0)
        label_from_one(p);
    p->labelled = 1;
    add_label(p->j, p->j->npages + (size_t)key->num, value);
    return 0;
}

static int dest_entry(part *p, po_val *key, po_val *value)
{
    if (key->kind != PO_STR || remap(p, value) != 0)
        return fail(p->j, "a part's destinations cannot be read");
    rp_buf b = {0};
    po_write(&b, value);
    *RP_PUSH(p->j->dests, p->j->ndests, p->j->capdests) =
        (named){.name = rp_xstrdup(key->text), .dest = b.s};
    return 0;
}

/* ------------------------------------------------------------ outline */

static int is_link_key(const char *k)
{
    static const char *const links[] = {"Parent", "Prev", "Next", "First", "Last", "Count"};
    for (size_t i = 0; i < sizeof links / sizeof *links; i++)
        if (strcmp(k, links[i]) == 0)
            return 1;
    return 0;
}

/* The items from first on and under them, depth first, marked DROP and
 * their own entries kept (p->items) to be numbered again. */
static int read_outline(part *p, long first, int depth)
{
    if (depth > RP_JOIN_DEPTH)
        return fail(p->j, "a part's outline nests too deep");
    for (long id = first; id; ) {
        po_val item;
        if (!in_part(p, id) || p->fate[id] == DROP || read_local(p, id, &item) != 0)
            return fail(p->j, "a part's outline cannot be read");
        mark(p, id, DROP);
        if (item.kind != PO_DICT) {
            po_free(&item);
            return fail(p->j, "a part's outline cannot be read");
        }
        po_val own = {.kind = PO_DICT};
        for (size_t i = 0; i + 1 < item.n; i += 2)
            if (!is_link_key(item.items[i].text)) {
                po_push(&own, po_copy(&item.items[i]));
                po_push(&own, po_copy(&item.items[i + 1]));
            }
        *RP_PUSH(p->items, p->nitems, p->capitems) = (part_item){.own = own, .depth = depth};
        long kid = ref_num(po_get(&item, "First")), next = ref_num(po_get(&item, "Next"));
        po_free(&item);
        if (kid && read_outline(p, kid, depth + 1) != 0)
            return -1;
        id = next;
    }
    return 0;
}

/* The part's items go to the joined outline, but for the first outlined,
 * the items it began again: the chain down from the top. */
static int keep_outline(part *p, size_t outlined)
{
    if (outlined > p->nitems)
        return fail(p->j, "a part continues outline items it lacks");
    for (size_t i = 0; i < p->nitems; i++) {
        if (i < outlined) {
            if (p->items[i].depth != (int)i + 1)
                return fail(p->j, "a part's outline does not begin with the items it continues");
            continue;
        }
        po_val *own = &p->items[i].own;
        if (remap(p, own) != 0)
            return -1;
        rp_buf b = {0};
        for (size_t k = 0; k < own->n; k++) {
            po_write(&b, &own->items[k]);
            rp_buf_puts(&b, k % 2 ? "\n   " : " ");
        }
        *RP_PUSH(p->j->outline, p->j->noutline, p->j->capoutline) =
            (outline_item){.depth = p->items[i].depth, .entries = b.s ? b.s : rp_xstrdup("")};
    }
    return 0;
}

/* --------------------------------------------------- the structure tree */

/* The kid of element id (local) that begins (first) or ends its kids, an
 * element, or 0. */
static long end_kid(part *p, long id, int first)
{
    po_val el;
    if (read_local(p, id, &el) != 0)
        return 0;
    const po_val *k = po_get(&el, "K");
    long kid = !k ? 0 : k->kind != PO_ARRAY ? ref_num(k)
               : k->n ? ref_num(&k->items[first ? 0 : k->n - 1]) : 0;
    po_free(&el);
    return kid;
}

/* The chain from Document down n elements along first or last kids. */
static int chain(part *p, long document, size_t n, int first, long *out)
{
    out[0] = document;
    for (size_t i = 1; i <= n; i++)
        if (!(out[i] = end_kid(p, out[i - 1], first)))
            return fail(p->j, "a part's structure tree lacks an element left open");
    return 0;
}

/* Finds the part's structure tree, and which of its elements continue
 * the held ones and which are held in turn. */
static int read_structure(part *p, const po_val *cat, size_t continued, size_t open_at_end)
{
    rp_pdfjoin *j = p->j;
    long root = ref_num(po_get(cat, "StructTreeRoot"));
    if (j->tagged < 0)
        j->tagged = root != 0;
    if (j->tagged != (root != 0))
        return fail(j, "Cairo wrote a structure tree for some parts of the document and none "
                       "for others (ROLEPRESS_PART_PAGES=0 draws it whole: an untagged PDF)");
    if (!root)
        return 0;
    po_val tree;
    if (read_local(p, root, &tree) != 0)
        return -1;
    mark(p, root, DROP);
    const po_val *k = po_get(&tree, "K");
    long document = k && k->kind == PO_ARRAY && k->n == 1 ? ref_num(&k->items[0]) : ref_num(k);
    p->ptree = ref_num(po_get(&tree, "ParentTree"));
    po_free(&tree);
    if (!in_part(p, document) || !in_part(p, p->ptree))
        return fail(j, "a part's structure tree has no Document or no parent tree");
    if (open_at_end >= RP_JOIN_DEPTH)
        return fail(j, "more elements open at a part's end than a join can hold");
    if (j->nspine ? continued + 1 > j->nspine : continued)
        return fail(j, "a part continues elements the part before did not leave open");
    p->ncont = j->nspine ? continued + 1 : 0;
    p->nlast = open_at_end + 1;
    if (chain(p, document, p->ncont ? p->ncont - 1 : 0, 1, p->cont) != 0 ||
        chain(p, document, p->nlast - 1, 0, p->last) != 0)
        return -1;
    for (size_t i = 0; i < p->nlast; i++)
        mark(p, p->last[i], HOLD);
    for (size_t i = 0; i < p->ncont; i++) {
        mark(p, p->cont[i], CONTINUE);
        p->map[p->cont[i]] = j->spine[i].id;
    }
    return walk_tree(p, &(po_val){.kind = PO_REF, .num = p->ptree}, "Nums", NULL, 0);
}

/* Appends the kids of copy, an element begun again, to its original's;
 * marked content on the copy's page becomes a reference with the page.
 * A kid that is the next original (the copy's first kid, continued too)
 * is among the original's kids already. */
static void append_kids(held *h, const po_val *copy, long next_original)
{
    const po_val *k = po_get(copy, "K"), *pg = po_get(copy, "Pg");
    if (!k)
        return;
    po_val *hk = po_get(&h->dict, "K");
    if (!hk) {
        po_set(&h->dict, "K", (po_val){.kind = PO_ARRAY});
        hk = po_get(&h->dict, "K");
    } else if (hk->kind != PO_ARRAY) {
        po_val one = *hk;
        *hk = (po_val){.kind = PO_ARRAY};
        po_push(hk, one);
    }
    size_t n = k->kind == PO_ARRAY ? k->n : 1;
    for (size_t i = 0; i < n; i++) {
        const po_val *kid = k->kind == PO_ARRAY ? &k->items[i] : k;
        if (kid->kind == PO_REF && kid->num == next_original)
            continue;
        if (kid->kind == PO_NUM && pg) {
            po_val mcr = {.kind = PO_DICT};
            po_set(&mcr, "Type", po_name("MCR"));
            po_set(&mcr, "Pg", po_copy(pg));
            po_set(&mcr, "MCID", po_int(kid->num));
            po_push(hk, mcr);
        } else {
            po_push(hk, po_copy(kid));
        }
    }
}

static size_t level_of(const long *ids, size_t n, long id)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] == id)
            return i;
    return n;
}

/* An element held or continuing one. */
static int take_element(part *p, long id, po_val *el)
{
    rp_pdfjoin *j = p->j;
    po_val *parent = po_get(el, "P");
    if (id == p->last[0] && parent) { /* Document: its parent is written at the end */
        po_free(parent);
        *parent = (po_val){.kind = PO_NULL};
    }
    if (remap(p, el) != 0) {
        po_free(el);
        return -1;
    }
    size_t c = level_of(p->cont, p->ncont, id);
    if (c < p->ncont) {
        append_kids(&j->spine[c], el, c + 1 < p->ncont ? j->spine[c + 1].id : 0);
        po_free(el);
        return 0;
    }
    size_t l = level_of(p->last, p->nlast, id);
    p->spine[l] = (held){.id = p->map[id], .dict = *el};
    return 0;
}

static void put_held(rp_pdfjoin *j, held *h)
{
    put_value(j, h->id, &h->dict);
    po_free(&h->dict);
}

/* The originals held from now on: this part's path to what is open, of
 * the old originals those it continued on that path. */
static void new_spine(part *p)
{
    rp_pdfjoin *j = p->j;
    held *next = rp_xcalloc(p->nlast, sizeof *next);
    for (size_t i = 0; i < p->nlast; i++) {
        if (i < p->ncont && p->cont[i] == p->last[i]) {
            next[i] = j->spine[i];
            j->spine[i].id = 0;
        } else {
            next[i] = p->spine[i];
        }
    }
    for (size_t i = 0; i < j->nspine; i++)
        if (j->spine[i].id)
            put_held(j, &j->spine[i]);
    free(j->spine);
    j->spine = next;
    j->nspine = p->nlast;
}

/* -------------------------------------------------------------- a part */

static int is_uint(const char *s, size_t n)
{
    if (!n || n > 18) /* a long's digits; in_part bounds an object number */
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* Copies an object that is no stream, from pos (after "obj") to its
 * endobj, token by token: each reference numbered again, a page's or an
 * annotation's parent-tree key (/StructParents, /StructParent) moved past
 * the earlier parts'.  Most of a book's objects are small
 * dictionaries of the structure tree, which parsing into values and
 * writing out again would make a fair part of the drawing thread's time.
 * Returns 1 when copied, 0 for a stream (copy_object's), or -1. */
static int copy_tokens(part *p, long id, size_t pos)
{
    const char *s = p->pdf;
    rp_buf b = {0};
    po_put_num(&b, (unsigned long)p->map[id], 0);
    rp_buf_puts(&b, " 0 obj");
    size_t done = pos, ints[2] = {0, 0};
    int nints = 0, key = 0, rc = -1;
    for (size_t i = po_skip_space(s, p->len, pos), e; i < p->len; i = po_skip_space(s, p->len, e)) {
        e = po_content_token(s, p->len, i);
        if (e <= i)
            break;
        size_t n = e - i;
        if (po_token_is(s + i, n, "stream")) {
            rc = 0;
            break;
        }
        if (po_token_is(s + i, n, "endobj")) {
            rp_buf_add(&b, s + done, e - done);
            rp_buf_puts(&b, "\n");
            put(p->j, p->map[id], b.s, b.len);
            rc = 1;
            break;
        }
        if (n == 1 && s[i] == 'R' && nints == 2) {
            long old = strtol(s + ints[0], NULL, 10);
            if (!in_part(p, old) || !p->map[old]) {
                fail(p->j, "a part refers to an object the join leaves out");
                break;
            }
            rp_buf_add(&b, s + done, ints[0] - done);
            po_put_num(&b, (unsigned long)p->map[old], 0);
            rp_buf_puts(&b, " 0 R");
            done = e;
        } else if (key && is_uint(s + i, n)) {
            rp_buf_add(&b, s + done, i - done);
            po_put_num(&b, (unsigned long)(strtol(s + i, NULL, 10) + p->key_base), 0);
            done = e;
            key = nints = 0; /* a key is no object number */
            continue;
        }
        key = po_token_is(s + i, n, "/StructParents") || po_token_is(s + i, n, "/StructParent");
        if (is_uint(s + i, n)) {
            ints[0] = ints[1];
            ints[1] = i;
            nints = nints < 2 ? nints + 1 : 2;
        } else {
            nints = 0;
        }
    }
    rp_buf_free(&b);
    return rc < 0 ? fail(p->j, "an object of a part cannot be read") : rc;
}

/* A stream's dictionary is parsed for its length and its data copied as
 * it is; an element held or continued is taken apart; the rest is
 * copied token by token. */
static int copy_object(part *p, long id)
{
    rp_pdfjoin *j = p->j;
    size_t pos = po_body(p->pdf, p->len, &p->f, id);
    int rc = pos && p->fate[id] == COPY ? copy_tokens(p, id, pos) : 0;
    if (rc)
        return rc < 0 ? -1 : 0;
    po_val v;
    if (!pos || po_parse(p->pdf, p->len, &pos, &v) != 0)
        return fail(j, "an object of a part cannot be read");
    if (p->fate[id] == HOLD || p->fate[id] == CONTINUE)
        return take_element(p, id, &v);
    size_t n = 0, data = v.kind == PO_DICT ? po_stream_at(p->pdf, p->len, &p->f, &v, pos, &n) : 0;
    rc = data ? remap(p, &v) : fail(j, "a stream of a part cannot be read");
    if (rc == 0) {
        rp_buf b = {0};
        rp_buf_printf(&b, "%ld 0 obj\n", p->map[id]);
        po_write(&b, &v);
        rp_buf_puts(&b, "\nstream\n");
        put(j, p->map[id], b.s, b.len);
        rp_spool_write(j->out, p->pdf + data, n);
        rp_spool_write(j->out, "\nendstream\nendobj\n", 18);
        rp_buf_free(&b);
    }
    po_free(&v);
    return rc;
}

/* Marks what the part has once per document; keeps the first part's
 * catalogue and information. */
static int read_catalog(part *p, size_t continued, size_t open_at_end)
{
    rp_pdfjoin *j = p->j;
    long root = ref_num(po_get(&p->f.trailer, "Root"));
    long info = ref_num(po_get(&p->f.trailer, "Info"));
    po_val cat;
    if (read_local(p, root, &cat) != 0)
        return fail(j, "a part has no catalogue");
    mark(p, root, DROP);
    if (j->parts)
        mark(p, info, DROP);
    p->pages = ref_num(po_get(&cat, "Pages"));
    p->outlines = ref_num(po_get(&cat, "Outlines"));
    p->names = ref_num(po_get(&cat, "Names"));
    po_val *labels = po_get(&cat, "PageLabels");
    if (labels)
        p->labels = po_copy(labels);
    mark(p, p->outlines, DROP);
    mark(p, p->names, DROP);
    int rc = in_part(p, p->pages) ? 0 : fail(j, "a part has no page tree");
    if (rc == 0) {
        mark(p, p->pages, DROP);
        p->map[p->pages] = j->pages;
    }
    if (rc == 0)
        rc = read_structure(p, &cat, continued, open_at_end);
    if (rc == 0 && labels)
        rc = walk_tree(p, labels, "Nums", NULL, 0);
    po_val names = {0};
    if (rc == 0 && p->names && (rc = read_local(p, p->names, &names)) == 0 &&
        po_get(&names, "Dests"))
        rc = walk_tree(p, po_get(&names, "Dests"), "Names", NULL, 0);
    po_free(&names);
    po_val top = {0};
    if (rc == 0 && p->outlines && (rc = read_local(p, p->outlines, &top)) == 0)
        rc = read_outline(p, ref_num(po_get(&top, "First")), 1);
    po_free(&top);
    if (!j->parts) {
        static const char *const merged[] = {"Pages", "StructTreeRoot", "Outlines",
                                              "PageLabels", "Names", "Type"};
        for (size_t i = 0; i < sizeof merged / sizeof *merged; i++) {
            po_val *v = po_get(&cat, merged[i]);
            if (v) {
                po_free(v);
                *v = (po_val){.kind = PO_NULL};
            }
        }
        j->catalog = cat;
        j->info = info;
    } else {
        po_free(&cat);
    }
    return rc;
}

/* Numbers the part's objects in the joined file, in their order. */
static void number(part *p)
{
    for (size_t id = 1; id < p->f.n; id++)
        if (p->f.offset[id] && (p->fate[id] == COPY || p->fate[id] == HOLD) && !p->map[id])
            p->map[id] = p->j->next++;
}

/* After the objects: what the part adds to what is merged. */
static int merge_shared(part *p, size_t outlined)
{
    rp_pdfjoin *j = p->j;
    po_val pages;
    if (read_local(p, p->pages, &pages) != 0)
        return -1;
    const po_val *kids = po_get(&pages, "Kids");
    int rc = kids && kids->kind == PO_ARRAY ? 0 : fail(j, "a part's page tree has no pages");
    for (size_t i = 0; rc == 0 && i < kids->n; i++) {
        po_val kid = po_copy(&kids->items[i]);
        if ((rc = remap(p, &kid)) == 0) {
            po_write(&j->page_kids, &kid);
            rp_buf_puts(&j->page_kids, i % 8 == 7 ? "\n" : " ");
        }
        po_free(&kid);
    }
    if (rc == 0 && p->ptree)
        rc = walk_tree(p, &(po_val){.kind = PO_REF, .num = p->ptree}, "Nums", parent_entry, 0);
    if (rc == 0 && p->labels.kind != PO_NULL)
        rc = walk_tree(p, &p->labels, "Nums", label_entry, 0);
    if (rc == 0 && !p->labelled)
        label_from_one(p);
    po_val names = {0};
    if (rc == 0 && p->names && (rc = read_local(p, p->names, &names)) == 0 &&
        po_get(&names, "Dests"))
        rc = walk_tree(p, po_get(&names, "Dests"), "Names", dest_entry, 0);
    po_free(&names);
    if (rc == 0)
        rc = keep_outline(p, outlined);
    if (rc == 0) {
        j->npages += kids->n;
        if (p->ptree)
            j->nkeys = p->key_base + p->max_key + 1;
    }
    po_free(&pages);
    return rc;
}

static void part_free(part *p)
{
    for (size_t i = 0; i < p->nitems; i++)
        po_free(&p->items[i].own);
    free(p->items);
    for (size_t i = 0; i < p->nlast; i++)
        po_free(&p->spine[i].dict);
    po_free(&p->labels);
    free(p->fate);
    free(p->map);
    po_close(&p->f);
}

int rp_pdfjoin_add(rp_pdfjoin *j, const char *pdf, size_t len, size_t continued,
                   size_t open_at_end, size_t outlined)
{
    if (j->why)
        return -1;
    part p = {.j = j, .pdf = pdf, .len = len, .key_base = j->nkeys, .max_key = -1};
    if (po_open(pdf, len, &p.f) != 0)
        return fail(j, "a part has no cross-reference table");
    p.fate = rp_xcalloc(p.f.n, 1);
    p.map = rp_xcalloc(p.f.n, sizeof *p.map);
    int first = !j->parts;
    int rc = read_catalog(&p, continued, open_at_end);
    size_t read = 0;
    if (rc == 0)
        number(&p);
    for (size_t id = 1; rc == 0 && id < p.f.n; id++) {
        if (p.f.offset[id] && p.fate[id] != DROP)
            rc = copy_object(&p, (long)id);
        /* Most of a part is page content, read once: it need not stay. */
        if (j->trim && id + 1 < p.f.n && p.f.offset[id + 1] > p.f.offset[id] &&
            (read += p.f.offset[id + 1] - p.f.offset[id]) >= RP_JOIN_TRIM) {
            j->trim(j->trim_arg);
            read = 0;
        }
    }
    if (rc == 0)
        rc = merge_shared(&p, outlined);
    if (rc == 0 && first)
        rc = remap(&p, &j->catalog);
    if (rc == 0 && first)
        j->info = in_part(&p, j->info) ? p.map[j->info] : 0;
    if (rc == 0 && j->tagged) {
        new_spine(&p);
        p.nlast = 0; /* the spine owns them now */
    }
    j->parts++;
    part_free(&p);
    return rc == 0 && !j->why ? 0 : fail(j, "a part cannot be joined");
}

/* ------------------------------------------------------ the whole file */

/* Names as written: Cairo writes an anchor id (an XML name, with no
 * character a PDF string escapes) as a literal string of its bytes, so
 * this is the byte order a name tree wants. */
static int by_name(const void *a, const void *b)
{
    return strcmp(((const named *)a)->name, ((const named *)b)->name);
}

static long put_dests(rp_pdfjoin *j)
{
    if (!j->ndests)
        return 0;
    qsort(j->dests, j->ndests, sizeof *j->dests, by_name);
    rp_buf b = {0};
    rp_buf_puts(&b, "<< /Names [\n");
    for (size_t i = 0; i < j->ndests; i++)
        rp_buf_printf(&b, "%s %s\n", j->dests[i].name, j->dests[i].dest);
    rp_buf_puts(&b, "] >>");
    long tree = j->next++, names = j->next++;
    put_text(j, tree, &b);
    b.len = 0;
    rp_buf_printf(&b, "<< /Dests %ld 0 R >>", tree);
    put_text(j, names, &b);
    rp_buf_free(&b);
    return names;
}

/* The outline from its items depth first: each one's parent is the last
 * item one level up.  Items with items under them are closed (a negative
 * /Count), as render.c asks Cairo for every item. */
static long put_outline(rp_pdfjoin *j)
{
    size_t n = j->noutline;
    if (!n)
        return 0;
    long root = j->next, base = j->next + 1;
    j->next += (long)n + 1;
    /* Index n stands for the root. */
    size_t *parent = rp_xcalloc(n, sizeof *parent), *nkids = rp_xcalloc(n + 1, sizeof *nkids);
    long *prev = rp_xcalloc(n, sizeof *prev), *next = rp_xcalloc(n, sizeof *next);
    long *first = rp_xcalloc(n + 1, sizeof *first), *last = rp_xcalloc(n + 1, sizeof *last);
    size_t open[RP_JOIN_DEPTH + 1];
    int top = 0;
    open[0] = n;
    for (size_t i = 0; i < n; i++) {
        int d = j->outline[i].depth;
        if (d > top + 1)
            d = top + 1; /* an item can only go one level deeper */
        size_t par = open[d - 1];
        parent[i] = par;
        long id = base + (long)i;
        if (last[par]) {
            prev[i] = last[par];
            next[last[par] - base] = id;
        } else {
            first[par] = id;
        }
        last[par] = id;
        nkids[par]++;
        open[d] = i;
        top = d;
    }
    rp_buf b = {0};
    rp_buf_printf(&b, "<< /Type /Outlines /First %ld 0 R /Last %ld 0 R /Count %zu >>", first[n],
                  last[n], nkids[n]);
    put_text(j, root, &b);
    for (size_t i = 0; i < n; i++) {
        b.len = 0;
        rp_buf_puts(&b, "<< ");
        rp_buf_puts(&b, j->outline[i].entries);
        rp_buf_printf(&b, "/Parent %ld 0 R", parent[i] == n ? root : base + (long)parent[i]);
        if (prev[i])
            rp_buf_printf(&b, " /Prev %ld 0 R", prev[i]);
        if (next[i])
            rp_buf_printf(&b, " /Next %ld 0 R", next[i]);
        if (first[i])
            rp_buf_printf(&b, " /First %ld 0 R /Last %ld 0 R /Count -%zu", first[i], last[i],
                          nkids[i]);
        rp_buf_puts(&b, " >>");
        put_text(j, base + (long)i, &b);
    }
    rp_buf_free(&b);
    free(parent);
    free(nkids);
    free(prev);
    free(next);
    free(first);
    free(last);
    return root;
}

static long put_structure(rp_pdfjoin *j)
{
    if (!j->tagged || !j->nspine)
        return 0;
    long root = j->next++, ptree = j->next++;
    po_set(&j->spine[0].dict, "P", po_ref(root));
    for (size_t i = 0; i < j->nspine; i++)
        put_held(j, &j->spine[i]);
    rp_buf b = {0};
    rp_buf_printf(&b, "<< /Nums [\n%s] >>", j->parent_nums.s ? j->parent_nums.s : "");
    put_text(j, ptree, &b);
    b.len = 0;
    rp_buf_printf(&b, "<< /Type /StructTreeRoot /ParentTree %ld 0 R /K [ %ld 0 R ] >>", ptree,
                  j->spine[0].id);
    put_text(j, root, &b);
    rp_buf_free(&b);
    return root;
}

static void put_xref(rp_pdfjoin *j, long catalog)
{
    size_t at = j->out->len;
    rp_buf b = {0};
    rp_buf_printf(&b, "xref\n0 %ld\n0000000000 65535 f \n", j->next);
    for (long id = 1; id < j->next; id++) {
        uint32_t off = (size_t)id < j->capoffset ? j->offset[id] : 0;
        po_put_num(&b, off, 10);
        rp_buf_puts(&b, off ? " 00000 n \n" : " 00001 f \n");
    }
    rp_buf_printf(&b, "trailer\n<< /Size %ld /Root %ld 0 R", j->next, catalog);
    if (j->info)
        rp_buf_printf(&b, " /Info %ld 0 R", j->info);
    rp_buf_printf(&b, " >>\nstartxref\n%zu\n%%%%EOF\n", at);
    rp_spool_write(j->out, b.s, b.len);
    rp_buf_free(&b);
}

int rp_pdfjoin_end(rp_pdfjoin *j)
{
    if (j->why)
        return -1;
    if (!j->parts)
        return fail(j, "no part to join");
    rp_buf b = {0};
    rp_buf_printf(&b, "<< /Type /Pages /Kids [\n%s] /Count %zu >>",
                  j->page_kids.s ? j->page_kids.s : "", j->npages);
    put_text(j, j->pages, &b);
    long tree = put_structure(j), outline = put_outline(j), names = put_dests(j), labels = 0;
    if (j->label_nums.len) {
        labels = j->next++;
        b.len = 0;
        rp_buf_printf(&b, "<< /Nums [\n%s] >>", j->label_nums.s);
        put_text(j, labels, &b);
    }
    long catalog = j->next++;
    b.len = 0;
    rp_buf_printf(&b, "<< /Type /Catalog /Pages %ld 0 R", j->pages);
    const char *keys[] = {"StructTreeRoot", "Outlines", "PageLabels", "Names"};
    long values[] = {tree, outline, labels, names};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (values[i])
            rp_buf_printf(&b, " /%s %ld 0 R", keys[i], values[i]);
    for (size_t i = 0; i + 1 < j->catalog.n; i += 2)
        if (j->catalog.items[i + 1].kind != PO_NULL) {
            rp_buf_puts(&b, " ");
            po_write(&b, &j->catalog.items[i]);
            rp_buf_puts(&b, " ");
            po_write(&b, &j->catalog.items[i + 1]);
        }
    rp_buf_puts(&b, " >>");
    put_text(j, catalog, &b);
    rp_buf_free(&b);
    put_xref(j, catalog);
    return j->why ? -1 : 0;
}

const char *rp_pdfjoin_why(const rp_pdfjoin *j)
{
    return j->why;
}

rp_pdfjoin *rp_pdfjoin_new(rp_spool *out, void (*trim)(void *trim_arg), void *trim_arg)
{
    rp_pdfjoin *j = rp_xcalloc(1, sizeof *j);
    j->out = out;
    j->trim = trim;
    j->trim_arg = trim_arg;
    j->tagged = -1;
    j->pages = 1;
    j->next = 2;
    rp_spool_write(out, "%PDF-1.5\n%\xb5\xed\xae\xfb\n", 15);
    return j;
}

void rp_pdfjoin_free(rp_pdfjoin *j)
{
    if (!j)
        return;
    for (size_t i = 0; i < j->ndests; i++) {
        free(j->dests[i].name);
        free(j->dests[i].dest);
    }
    free(j->dests);
    for (size_t i = 0; i < j->noutline; i++)
        free(j->outline[i].entries);
    free(j->outline);
    for (size_t i = 0; i < j->nspine; i++)
        po_free(&j->spine[i].dict);
    free(j->spine);
    po_free(&j->catalog);
    po_free(&j->label);
    rp_buf_free(&j->page_kids);
    rp_buf_free(&j->parent_nums);
    rp_buf_free(&j->label_nums);
    free(j->offset);
    free(j);
}
