/* pdfua.c - completing the tagged PDF that Cairo 1.16 writes.
 *
 * Input: Cairo's PDF (or a long document's parts joined by pdfjoin.c,
 * which reads as if Cairo had written it whole), whose structure tree
 * has a carrier element around runs of drawing (tagging.c): Span for
 * content, Private for the few artifacts that need one; the other
 * artifacts are drawn unmarked.
 * Output: the same document, rewritten object by object, with
 *   - each Span folded into its parent, whose content it was (the parent
 *     tree maps its marked content to that parent);
 *   - each Private element gone from the tree, and its marked content and
 *     whatever is painted unmarked made artifacts (/Artifact BMC) in the
 *     page's content stream (pdfcontent.c);
 *   - figures given /Alt, header cells /Scope, link annotations the text
 *     of their links as /Contents, elements in another language than the
 *     document's /Lang, and the elements of passages in another language
 *     than their paragraph's (RP_LANG_SPAN) named Span;
 *   - the catalogue given /Lang and /ViewerPreferences /DisplayDocTitle;
 *     pages with annotations /Tabs /S (tab order follows the structure).
 * Objects keep their numbers; the carriers are left out.  The file is
 * written with its objects packed into compressed object streams and a
 * cross-reference stream (write_file).
 */
#include "pdfobj.h"
#include "spool.h"
#include "typeset.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* What an object is to the structure tree.  Only this byte is kept per
 * object: an element's dictionary is parsed when it is needed, so that a
 * book's hundreds of thousands of elements are never all in memory. */
typedef enum { EL_NONE, EL_ELEMENT, EL_CARRIER, EL_ARTIFACT } el_role;

/* A stream to write compressed (see encode_streams). */
typedef struct {
    long id;
    po_val dict;
    const char *data; /* as in the file */
    size_t n;
    int inflate;      /* data is Flate-compressed */
    int mark;         /* page content whose artifacts are to be marked */
    rp_buf text;      /* the new object, once encoded */
    const char *why;  /* or what went wrong */
} stream_job;

typedef struct {
    const char *pdf;
    size_t len;
    po_file f;
    unsigned char *role; /* object id -> its el_role */
    long *el;            /* the elements (EL_ELEMENT), in object order */
    size_t nel, capel;
    size_t ncarriers;
    /* Object id's new text ("N 0 obj ... endobj"), when it has one: in
     * texts from at[id] - 1, text_len[id] bytes, or in held (see
     * replace).  Per-object arrays are most of what completing a book
     * holds: a 3000-role book has two million objects. */
    rp_spool texts;
    size_t *at;
    uint32_t *text_len;
    GHashTable *held;    /* object id -> rp_buf *, the new texts in memory */
    char *gone;          /* object id -> left out (a free entry of the table) */
    uint32_t *order;     /* object ids in file order */
    size_t norder;
    uint32_t *size;      /* object id -> its bytes, up to the next object */
    const char *why;     /* what went wrong */
    int untagged;        /* Cairo wrote no structure tree */
    const rp_pdfua_info *info;
    size_t read;         /* bytes of objects read since the last trim */
    stream_job *jobs;    /* streams to encode, in the order they were read */
    size_t njobs, capjobs;
} fixer;

/* Input read between two calls of info->trim. */
#define RP_PDFUA_TRIM (1u << 20)

/* Notes that object id has been read: the input read so far is let go of
 * every few megabytes (a book's PDF is read five times over). */
static void touched(fixer *x, size_t id)
{
    if (!x->info->trim || !x->size || !x->f.offset[id])
        return;
    x->read += x->size[id];
    if (x->read >= RP_PDFUA_TRIM) {
        x->info->trim(x->info->trim_arg);
        x->read = 0;
    }
}

static int starts(const char *s, size_t len, size_t pos, const char *prefix)
{
    size_t n = strlen(prefix);
    while (pos < len && (s[pos] == '\n' || s[pos] == ' ' || s[pos] == '\r'))
        pos++;
    return pos + n <= len && memcmp(s + pos, prefix, n) == 0;
}

/* Parses the value of object id (a dictionary or array), or fails. */
static int read_obj(fixer *x, long id, po_val *v)
{
    if (id > 0 && (size_t)id < x->f.n)
        touched(x, (size_t)id);
    if (po_read(x->pdf, x->len, &x->f, id, v) != 0) {
        x->why = "an object cannot be read";
        return -1;
    }
    return 0;
}

/* "N 0 obj\n", which every rewritten object starts with. */
static void obj_header(rp_buf *b, long id)
{
    po_put_num(b, (unsigned long)id, 0);
    rp_buf_add(b, " 0 obj\n", 7);
}

/* Object id's new text goes to a temporary file until the file is
 * written: held in memory, the compressed pages and rewritten structure
 * elements of a book were its export's largest allocation at the end.
 * In memory when no temporary file can be made (or for a text of 4 GiB);
 * a write to it that fails is an error when the file is written. */
static void replace(fixer *x, long id, rp_buf *text)
{
    if (!x->texts.f && !x->texts.err)
        rp_spool_open(&x->texts);
    size_t at = x->texts.len;
    if (text->len <= UINT32_MAX && rp_spool_write(&x->texts, text->s, text->len) == 0) {
        g_hash_table_remove(x->held, GSIZE_TO_POINTER((size_t)id));
        x->at[id] = at + 1;
        x->text_len[id] = (uint32_t)text->len;
        rp_buf_free(text);
        return;
    }
    rp_buf *b = rp_xmalloc(sizeof *b);
    *b = *text;
    memset(text, 0, sizeof *text);
    x->at[id] = 0;
    g_hash_table_replace(x->held, GSIZE_TO_POINTER((size_t)id), b);
}

static void held_free(gpointer p)
{
    rp_buf_free(p);
    free(p);
}

/* Whether object id has a new text. */
static int replaced(const fixer *x, size_t id)
{
    return x->at[id] || g_hash_table_contains(x->held, GSIZE_TO_POINTER(id));
}

static void replace_value(fixer *x, long id, const po_val *v)
{
    rp_buf b = {0};
    obj_header(&b, id);
    po_write(&b, v);
    rp_buf_puts(&b, "\nendobj\n");
    replace(x, id, &b);
}

/* Object id with `entries` put first in its dictionary. */
static void prepend_entries(fixer *x, long id, const char *entries)
{
    size_t pos = po_body(x->pdf, x->len, &x->f, id);
    const char *d = pos ? memmem(x->pdf + pos, x->len - pos, "<<", 2) : NULL;
    const char *end = d ? memmem(d, x->len - (size_t)(d - x->pdf), "endobj", 6) : NULL;
    if (!end)
        return;
    rp_buf b = {0};
    obj_header(&b, id);
    rp_buf_printf(&b, "<< %s", entries);
    rp_buf_add(&b, d + 2, (size_t)(end - d) - 2);
    rp_buf_puts(&b, "endobj\n");
    replace(x, id, &b);
}

/* ------------------------------------------------------------ elements */

static el_role role_of(const fixer *x, long id)
{
    return id > 0 && (size_t)id < x->f.n ? (el_role)x->role[id] : EL_NONE;
}

static int read_elements(fixer *x)
{
    x->role = rp_xcalloc(x->f.n, 1);
    for (size_t id = 1; id < x->f.n; id++) {
        size_t pos = po_body(x->pdf, x->len, &x->f, (long)id);
        if (!pos || !starts(x->pdf, x->len, pos, "<< /Type /StructElem")) {
            touched(x, id); /* read_obj counts the elements */
            continue;
        }
        po_val dict;
        if (read_obj(x, (long)id, &dict) != 0)
            return -1;
        po_val *s = po_get(&dict, "S");
        el_role role = !s || s->kind != PO_NAME            ? EL_NONE
                       : strcmp(s->text, "Span") == 0      ? EL_CARRIER
                       : strcmp(s->text, "Private") == 0   ? EL_ARTIFACT
                                                           : EL_ELEMENT;
        po_free(&dict);
        if (role == EL_NONE) {
            x->why = "a structure element has no type";
            return -1;
        }
        x->role[id] = (unsigned char)role;
        if (role == EL_ELEMENT)
            *RP_PUSH(x->el, x->nel, x->capel) = (long)id;
        else
            x->ncarriers++;
    }
    return 0;
}

/* A kid of an element once carriers are folded in: marked content on a
 * page, or any other value (an element, an annotation's OBJR). */
typedef struct {
    long page, mcid;       /* page 0: not marked content */
    po_val *other;         /* a copy, or NULL */
} kid;

typedef struct {
    kid *v;
    size_t n, cap;
} kid_list;

static int is_name(const po_val *v, const char *name)
{
    return v && v->kind == PO_NAME && strcmp(v->text, name) == 0;
}

static int is_type(const po_val *k, const char *type)
{
    return is_name(po_get(k, "Type"), type);
}

static void fold_kids(fixer *x, const po_val *kids, const po_val *pg, kid_list *out);

/* One kid of an element: a carrier gives its own kids, an artifact
 * nothing. */
static void fold_kid(fixer *x, const po_val *k, const po_val *pg, kid_list *out)
{
    if (k->kind == PO_REF) {
        el_role role = role_of(x, k->num);
        if (role == EL_ARTIFACT)
            return;
        po_val c;
        if (role == EL_CARRIER && read_obj(x, k->num, &c) == 0) {
            fold_kids(x, po_get(&c, "K"), po_get(&c, "Pg"), out);
            po_free(&c);
            return;
        }
    }
    kid *o = RP_PUSH(out->v, out->n, out->cap);
    memset(o, 0, sizeof *o);
    const po_val *mpg = po_get(k, "Pg"), *mcid = po_get(k, "MCID");
    if (k->kind == PO_NUM && pg && pg->kind == PO_REF) {
        o->page = pg->num;
        o->mcid = k->num;
    } else if (is_type(k, "MCR") && mpg && mpg->kind == PO_REF && mcid) {
        o->page = mpg->num;
        o->mcid = mcid->num;
    } else {
        o->other = rp_xmalloc(sizeof *o->other);
        *o->other = po_copy(k);
    }
}

static void kids_free(kid_list *kids)
{
    for (size_t i = 0; i < kids->n; i++)
        if (kids->v[i].other) {
            po_free(kids->v[i].other);
            free(kids->v[i].other);
        }
    free(kids->v);
}

static void fold_kids(fixer *x, const po_val *kids, const po_val *pg, kid_list *out)
{
    if (!kids)
        return;
    if (kids->kind != PO_ARRAY) {
        fold_kid(x, kids, pg, out);
        return;
    }
    for (size_t i = 0; i < kids->n; i++)
        fold_kid(x, &kids->items[i], pg, out);
}

/* /Pg and /K: marked content on the element's first page as plain ids
 * (/Pg says the page once, as Cairo does), on other pages as references
 * with their page. */
static void write_kids(rp_buf *b, const kid_list *kids)
{
    long first = 0;
    for (size_t i = 0; i < kids->n && !first; i++)
        first = kids->v[i].page;
    if (first) {
        rp_buf_puts(b, " /Pg ");
        po_val ref = po_ref(first);
        po_write(b, &ref);
    }
    if (!kids->n)
        return;
    rp_buf_puts(b, " /K [");
    for (size_t i = 0; i < kids->n; i++) {
        const kid *k = &kids->v[i];
        rp_buf_puts(b, " ");
        if (k->other) {
            po_write(b, k->other);
        } else if (k->page == first) {
            po_put_num(b, (unsigned long)k->mcid, 0);
        } else {
            rp_buf_puts(b, "<< /Type /MCR /Pg ");
            po_val ref = po_ref(k->page);
            po_write(b, &ref);
            rp_buf_puts(b, " /MCID ");
            po_put_num(b, (unsigned long)k->mcid, 0);
            rp_buf_puts(b, " >>");
        }
    }
    rp_buf_puts(b, " ]");
}

/* A link's annotation (the object its element refers to) gets the link's
 * text as its description, which PDF/UA asks of every annotation. */
static void describe_link(fixer *x, const kid_list *kids, const char *text)
{
    for (size_t i = 0; *text && i < kids->n; i++) {
        const po_val *k = kids->v[i].other, *obj = k ? po_get(k, "Obj") : NULL;
        if (!k || !is_type(k, "OBJR") || !obj || obj->kind != PO_REF)
            continue;
        po_val c = po_text(text);
        char *entry = rp_xasprintf("/Contents %s\n   ", c.text);
        prepend_entries(x, obj->num, entry);
        free(entry);
        po_free(&c);
    }
}

/* The element's new dictionary, written out; the k-th figure takes
 * alts[k], the k-th link links[k], the index-th element of all (in
 * object order) the language langs gives it, if any. */
static void rewrite_element(fixer *x, long id, const rp_pdfua_info *info, size_t index,
                            size_t *figures, size_t *links, size_t *langs)
{
    po_val dict;
    if (read_obj(x, id, &dict) != 0)
        return; /* read once already, by read_elements */
    kid_list kids = {0};
    fold_kids(x, po_get(&dict, "K"), po_get(&dict, "Pg"), &kids);
    const char *s = po_get(&dict, "S")->text;
    const po_val *parent = po_get(&dict, "P");
    rp_buf b = {0};
    obj_header(&b, id);
    rp_buf_puts(&b, "<< /Type /StructElem /S /");
    rp_buf_puts(&b, strcmp(s, RP_LANG_SPAN) == 0 ? "Span" : s);
    if (parent) {
        rp_buf_puts(&b, " /P ");
        po_write(&b, parent);
    }
    write_kids(&b, &kids);
    if (*langs < info->nlangs && info->langs[*langs].element == index) {
        po_val lang = po_text(info->langs[(*langs)++].lang);
        rp_buf_puts(&b, " /Lang ");
        po_write(&b, &lang);
        po_free(&lang);
    }
    if (strcmp(s, "Figure") == 0) {
        if (*figures < info->nalts) {
            po_val alt = po_text(info->alts[*figures]);
            rp_buf_puts(&b, " /Alt ");
            po_write(&b, &alt);
            po_free(&alt);
        }
        (*figures)++;
    } else if (strcmp(s, "Link") == 0) {
        if (*links < info->nlinks)
            describe_link(x, &kids, info->links[*links]);
        (*links)++;
    } else if (strcmp(s, "TH") == 0) {
        /* Header rows of a table head their columns. */
        rp_buf_puts(&b, " /A << /O /Table /Scope /Column >>");
    }
    rp_buf_puts(&b, " >>\nendobj\n");
    replace(x, id, &b);
    kids_free(&kids);
    po_free(&dict);
}

static void rewrite_elements(fixer *x, const rp_pdfua_info *info, size_t *figures,
                             size_t *links, size_t *langs)
{
    for (size_t i = 0; i < x->nel; i++)
        rewrite_element(x, x->el[i], info, i, figures, links, langs);
    for (size_t id = 1; id < x->f.n; id++)
        if (x->role[id] == EL_CARRIER || x->role[id] == EL_ARTIFACT)
            x->gone[id] = 1;
}

/* --------------------------------------------------------- parent tree */

/* The marked content of a page's carriers belongs to their parents, and
 * its artifacts to nobody.  Returns 0, or -1. */
static int rewrite_page_map(fixer *x, long id)
{
    po_val arr;
    if (read_obj(x, id, &arr) != 0)
        return -1;
    for (size_t i = 0; arr.kind == PO_ARRAY && i < arr.n; i++) {
        el_role role = arr.items[i].kind == PO_REF ? role_of(x, arr.items[i].num) : EL_NONE;
        po_val carrier;
        if (role == EL_ARTIFACT) {
            po_free(&arr.items[i]);
            arr.items[i].kind = PO_NULL;
        } else if (role == EL_CARRIER && read_obj(x, arr.items[i].num, &carrier) == 0) {
            const po_val *p = po_get(&carrier, "P");
            po_free(&arr.items[i]);
            arr.items[i] = p ? po_copy(p) : (po_val){.kind = PO_NULL};
            po_free(&carrier);
        }
    }
    replace_value(x, id, &arr);
    po_free(&arr);
    return 0;
}

/* ------------------------------------------------------ content streams */

/* A stream object: its dictionary and data.  Returns 0, or -1. */
static int read_stream(fixer *x, long id, po_val *dict, const char **data, size_t *n)
{
    size_t pos = po_body(x->pdf, x->len, &x->f, id);
    if (!pos || po_parse(x->pdf, x->len, &pos, dict) != 0)
        return -1;
    size_t at = po_stream_at(x->pdf, x->len, &x->f, dict, pos, n);
    *data = x->pdf + at;
    return at ? 0 : -1;
}

/* Appends to out the stream object id of dict (its /Filter and /Length
 * set) and data, compressed at zlib's level. */
static void stream_object(rp_buf *out, long id, po_val *dict, const char *data, size_t n,
                          int level)
{
    uLongf zlen = compressBound((uLong)n);
    unsigned char *z = rp_xmalloc(zlen);
    compress2(z, &zlen, (const Bytef *)(data ? data : ""), (uLong)n, level);
    po_set(dict, "Filter", po_name("FlateDecode"));
    po_set(dict, "Length", po_int((long)zlen));
    obj_header(out, id);
    po_write(out, dict);
    rp_buf_puts(out, "\nstream\n");
    rp_buf_add(out, (const char *)z, zlen);
    rp_buf_puts(out, "\nendstream\nendobj\n");
    free(z);
}

/* Queues stream id to be rewritten compressed, with a page's artifacts
 * marked when it is page content.  Other streams compressed by Cairo are
 * left alone. */
static int rewrite_stream(fixer *x, long id, int content)
{
    po_val dict;
    const char *data;
    size_t n = 0;
    if (read_stream(x, id, &dict, &data, &n) != 0) {
        po_free(&dict);
        x->why = "a stream cannot be read";
        return -1;
    }
    const po_val *filter = po_get(&dict, "Filter");
    if (filter && !(content && is_name(filter, "FlateDecode"))) {
        po_free(&dict); /* compressed already, nothing to mark */
        return 0;
    }
    rp_grow((void **)&x->jobs, &x->capjobs, x->njobs + 1, sizeof *x->jobs);
    x->jobs[x->njobs++] = (stream_job){.id = id, .dict = dict, .data = data, .n = n,
                                       .inflate = filter != NULL,
                                       .mark = content};
    return 0;
}

/* The new object of a queued stream, or its why. */
static void encode(stream_job *j)
{
    rp_buf plain = {0}, marked = {0};
    const char *data = j->data;
    size_t n = j->n;
    int ok = !j->inflate || po_inflate(data, n, &plain) == 0;
    if (ok && j->inflate) {
        data = plain.s;
        n = plain.len;
    }
    ok = ok && (!j->mark || po_mark_artifacts(data ? data : "", n, &marked) == 0);
    if (ok && j->mark) {
        data = marked.s;
        n = marked.len;
    }
    if (ok)
        stream_object(&j->text, j->id, &j->dict, data, n, Z_DEFAULT_COMPRESSION);
    else
        j->why = "a content stream cannot be read";
    rp_buf_free(&plain);
    rp_buf_free(&marked);
}

typedef struct {
    stream_job *jobs;
    size_t n;
    size_t next; /* the next job to take */
} job_queue;

static void *encode_some(void *arg)
{
    job_queue *q = arg;
    size_t i;
    while ((i = __atomic_fetch_add(&q->next, 1, __ATOMIC_RELAXED)) < q->n)
        encode(&q->jobs[i]);
    return NULL;
}

static void jobs_free(fixer *x)
{
    for (size_t i = 0; i < x->njobs; i++) {
        po_free(&x->jobs[i].dict);
        rp_buf_free(&x->jobs[i].text);
    }
    free(x->jobs);
    x->jobs = NULL;
    x->njobs = x->capjobs = 0;
}

/* Streams encoded at a time: what they hold in memory, and their new
 * text until it is put aside, is bounded by a batch. */
#define RP_PDFUA_BATCH 64

/* Encodes n jobs, on info->threads threads when there are cores to
 * spare: the page content of a book is tens of megabytes to compress,
 * most of the work of completing it.  Each stream is encoded alone, so
 * the bytes are the same whatever the threads. */
static void encode_batch(fixer *x, stream_job *jobs, size_t n)
{
    job_queue q = {.jobs = jobs, .n = n};
    pthread_t helpers[RP_PDFUA_MAX_THREADS];
    int nhelpers = 0;
    int threads = x->info->threads < RP_PDFUA_MAX_THREADS ? x->info->threads
                                                          : RP_PDFUA_MAX_THREADS;
    for (int t = 1; t < threads && (size_t)t < q.n; t++)
        if (pthread_create(&helpers[nhelpers], NULL, encode_some, &q) == 0)
            nhelpers++;
    encode_some(&q);
    for (int t = 0; t < nhelpers; t++)
        pthread_join(helpers[t], NULL);
}

/* The queued streams, encoded and put aside in queue order. */
static int encode_streams(fixer *x)
{
    int rc = 0;
    for (size_t from = 0; from < x->njobs && !rc; from += RP_PDFUA_BATCH) {
        size_t n = x->njobs - from < RP_PDFUA_BATCH ? x->njobs - from : RP_PDFUA_BATCH;
        encode_batch(x, x->jobs + from, n);
        if (x->info->trim) /* the input the batch read */
            x->info->trim(x->info->trim_arg);
        for (size_t i = from; i < from + n; i++) {
            stream_job *j = &x->jobs[i];
            if (j->why && !rc) {
                x->why = j->why;
                rc = -1;
            }
            if (!j->why)
                replace(x, j->id, &j->text);
        }
    }
    jobs_free(x);
    return rc;
}


/* Every other stream Cairo left uncompressed (see rp_render_init), once
 * the pages' are encoded. */
static int compress_streams(fixer *x)
{
    for (size_t id = 1; id < x->f.n; id++) {
        touched(x, id);
        size_t end = x->f.offset[id] + x->size[id], from = end > 24 ? end - 24 : 0;
        if (!x->f.offset[id] || replaced(x, id) || !po_find(x->pdf + from, end - from, "endstream"))
            continue;
        if (rewrite_stream(x, (long)id, 0) != 0)
            return -1;
    }
    return 0;
}

/* ---------------------------------------------------------------- pages */

/* The page-map object behind each /StructParents key, indexed by key: a
 * scan of /Nums per page was quadratic in a book's pages.  Cairo's keys
 * are small and dense (a page's or an annotation's number), so the index
 * is no longer than the array; a key past it maps to nothing. */
typedef struct {
    long *by_key;
    size_t n;
} page_maps;

static page_maps index_maps(const po_val *nums)
{
    page_maps m = {0};
    if (!nums)
        return m;
    m.n = nums->n / 2 + 1;
    m.by_key = rp_xcalloc(m.n, sizeof *m.by_key);
    for (size_t i = 0; i + 1 < nums->n; i += 2) {
        long key = nums->items[i].num;
        if (key >= 0 && (size_t)key < m.n && nums->items[i + 1].kind == PO_REF)
            m.by_key[key] = nums->items[i + 1].num;
    }
    return m;
}

static long map_for(const page_maps *m, long key)
{
    return key >= 0 && (size_t)key < m->n ? m->by_key[key] : 0;
}

static int rewrite_page(fixer *x, long id, const page_maps *maps)
{
    po_val page;
    if (read_obj(x, id, &page) != 0)
        return -1;
    const po_val *sp = po_get(&page, "StructParents"), *c = po_get(&page, "Contents");
    long map = sp ? map_for(maps, sp->num) : 0;
    int rc = 0;
    if (map && role_of(x, map) == EL_NONE && rewrite_page_map(x, map) != 0)
        rc = -1;
    else if (c && c->kind == PO_REF)
        rc = rewrite_stream(x, c->num, 1); /* its untagged drawing is marked */
    /* Tab order follows the structure: PDF/UA asks it of pages with links. */
    if (rc == 0 && po_get(&page, "Annots"))
        prepend_entries(x, id, "/Tabs /S ");
    po_free(&page);
    return rc;
}

static int rewrite_pages(fixer *x, const po_val *nums)
{
    page_maps maps = index_maps(nums);
    int rc = 0;
    for (size_t id = 1; id < x->f.n && rc == 0; id++) {
        size_t pos = po_body(x->pdf, x->len, &x->f, (long)id);
        if (pos && starts(x->pdf, x->len, pos, "<< /Type /Page") &&
            !starts(x->pdf, x->len, pos, "<< /Type /Pages"))
            rc = rewrite_page(x, (long)id, &maps); /* counted by read_obj */
        else
            touched(x, id);
    }
    free(maps.by_key);
    return rc;
}

/* ------------------------------------------------------------ the file */

static void set_catalog(fixer *x, long root, const rp_pdfua_info *info)
{
    po_val lang = po_text(info->lang && *info->lang ? info->lang : "en");
    char *entries = rp_xasprintf("/Lang %s\n   /ViewerPreferences << /DisplayDocTitle true >>\n   ",
                                 lang.text);
    prepend_entries(x, root, entries);
    free(entries);
    po_free(&lang);
}

static int by_offset(const void *a, const void *b, void *offsets)
{
    size_t oa = ((const size_t *)offsets)[*(const uint32_t *)a];
    size_t ob = ((const size_t *)offsets)[*(const uint32_t *)b];
    return oa < ob ? -1 : oa > ob;
}

/* Every object in its old place in the order, new text or old bytes;
 * the objects left out are free entries, chained from entry 0 as PDF
 * wants.  Objects that are not streams go into object streams (PDF 1.5),
 * RP_OBJSTM_OBJECTS at a time, compressed, and the cross-reference table
 * is a compressed cross-reference stream.  The structure tree is most of
 * a tagged PDF's objects, thousands of small dictionaries much alike:
 * packed, a book's file is a third of its size and a job description's
 * half.  Written straight to out: a book's PDF is not held twice. */
#define RP_OBJSTM_OBJECTS 200
/* zlib's fastest level: the dictionaries are so much alike that the
 * default level makes the 300-role book only 8 % smaller again, and costs
 * 20 job descriptions 1.2 % more instructions in all. */
#define RP_OBJSTM_LEVEL 1

/* An entry of the cross-reference stream, in the room its /W [1 4 2]
 * gives (a book has hundreds of thousands). */
typedef struct {
    uint32_t f2;        /* the offset, the object stream, or the next free object */
    uint16_t f3;        /* the index in its object stream; a free entry's generation */
    unsigned char type; /* 0 free, 1 at an offset, 2 in an object stream */
} xref_entry;

typedef struct {
    FILE *out;
    size_t pos;           /* bytes written */
    xref_entry *xref;     /* by object id */
    size_t next_id;       /* the first id not in use */
    rp_buf head, body;    /* the object stream being filled */
    size_t *members, n;   /* its objects */
} writer;

static void put(writer *w, const void *bytes, size_t n)
{
    fwrite(bytes, 1, n, w->out);
    w->pos += n;
}

/* A stream object, compressed, under a new id; its dictionary is dict
 * (taken) with /Filter and /Length added. */
static size_t put_stream(writer *w, po_val *dict, const rp_buf *data)
{
    size_t id = w->next_id++;
    w->xref[id] = (xref_entry){.type = 1, .f2 = (uint32_t)w->pos};
    rp_buf b = {0};
    stream_object(&b, (long)id, dict, data->s, data->len, RP_OBJSTM_LEVEL);
    put(w, b.s, b.len);
    rp_buf_free(&b);
    po_free(dict);
    return id;
}

static void flush_objects(writer *w)
{
    if (!w->n)
        return;
    po_val dict = {.kind = PO_DICT};
    po_set(&dict, "Type", po_name("ObjStm"));
    po_set(&dict, "N", po_int((long)w->n));
    po_set(&dict, "First", po_int((long)w->head.len));
    rp_buf data = {0};
    rp_buf_add(&data, w->head.s, w->head.len);
    rp_buf_add(&data, w->body.s, w->body.len);
    size_t id = put_stream(w, &dict, &data);
    for (size_t i = 0; i < w->n; i++)
        w->xref[w->members[i]].f2 = (uint32_t)id;
    rp_buf_free(&data);
    w->head.len = w->body.len = 0;
    w->n = 0;
}

/* The value of an object "N 0 obj ... endobj" that may go into an object
 * stream (not a stream, generation 0), or NULL. */
static const char *packable(const char *text, size_t n, size_t *len)
{
    const char *obj = po_find(text, n < 32 ? n : 32, " 0 obj");
    size_t tail = n < 40 ? n : 40;
    const char *end = po_find(text + n - tail, tail, "endobj");
    if (!obj || !end || po_find(text + n - tail, tail, "endstream"))
        return NULL;
    const char *v = obj + 6;
    while (v < end && (*v == '\n' || *v == '\r' || *v == ' '))
        v++;
    while (end > v && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' '))
        end--;
    *len = (size_t)(end - v);
    return v;
}

static void put_object(writer *w, size_t id, const char *text, size_t n)
{
    size_t len;
    const char *v = packable(text, n, &len);
    if (!v) {
        w->xref[id] = (xref_entry){.type = 1, .f2 = (uint32_t)w->pos};
        put(w, text, n);
        return;
    }
    w->xref[id] = (xref_entry){.type = 2, .f3 = (uint16_t)w->n};
    w->members[w->n++] = id;
    po_put_num(&w->head, id, 0);
    rp_buf_puts(&w->head, " ");
    po_put_num(&w->head, w->body.len, 0);
    rp_buf_puts(&w->head, " ");
    rp_buf_add(&w->body, v, len);
    rp_buf_add(&w->body, "\n", 1);
    if (w->n == RP_OBJSTM_OBJECTS)
        flush_objects(w);
}

static void put_be(rp_buf *b, size_t v, int bytes)
{
    for (int i = bytes - 1; i >= 0; i--) {
        char c = (char)(v >> (8 * i) & 0xff);
        rp_buf_add(b, &c, 1);
    }
}

/* The cross-reference stream, with the trailer's entries, and the end of
 * the file. */
static void put_xref(writer *w, const po_val *trailer)
{
    size_t id = w->next_id; /* the stream's own, listed in it */
    w->xref[id] = (xref_entry){.type = 1, .f2 = (uint32_t)w->pos};
    size_t size = id + 1;
    for (size_t i = 0; i < size; i++) {
        if (w->xref[i].type)
            continue;
        size_t next = i + 1;
        while (next < size && w->xref[next].type)
            next++;
        w->xref[i] = (xref_entry){.f2 = (uint32_t)(next < size ? next : 0), .f3 = i ? 1 : 65535};
    }
    rp_buf data = {0};
    for (size_t i = 0; i < size; i++) {
        put_be(&data, w->xref[i].type, 1);
        put_be(&data, w->xref[i].f2, 4);
        put_be(&data, w->xref[i].f3, 2);
    }
    po_val dict = po_copy(trailer);
    po_val widths = {.kind = PO_ARRAY};
    po_push(&widths, po_int(1));
    po_push(&widths, po_int(4));
    po_push(&widths, po_int(2));
    po_set(&dict, "Type", po_name("XRef"));
    po_set(&dict, "Size", po_int((long)size));
    po_set(&dict, "W", widths);
    size_t at = w->pos;
    put_stream(w, &dict, &data);
    rp_buf t = {0};
    rp_buf_printf(&t, "startxref\n%zu\n%%%%EOF\n", at);
    put(w, t.s, t.len);
    rp_buf_free(&t);
    rp_buf_free(&data);
}

/* Notes n bytes of the new texts read: let go of every few megabytes,
 * like the input. */
static void texts_read(fixer *x, size_t n, size_t *since)
{
    *since += n;
    if (*since >= RP_PDFUA_TRIM) {
        rp_spool_trim(&x->texts);
        *since = 0;
    }
}

static int write_file(fixer *x, FILE *out)
{
    if (x->texts.f && rp_spool_map(&x->texts) != 0) {
        x->why = "the rewritten objects cannot be read back from their temporary file";
        return -1;
    }
    size_t since = 0;
    size_t cap = x->f.n + x->f.n / RP_OBJSTM_OBJECTS + 2;
    writer w = {.out = out, .xref = rp_xcalloc(cap, sizeof *w.xref), .next_id = x->f.n,
                .members = rp_xmalloc(RP_OBJSTM_OBJECTS * sizeof *w.members)};
    put(&w, x->pdf, x->norder ? x->f.offset[x->order[0]] : x->f.xref_at);
    for (size_t i = 0; i < x->norder; i++) {
        size_t id = x->order[i], from = x->f.offset[id], to = from + x->size[id];
        const rp_buf *held = x->at[id] ? NULL : g_hash_table_lookup(x->held, GSIZE_TO_POINTER(id));
        touched(x, id);
        if (x->gone[id])
            continue;
        if (x->at[id]) {
            put_object(&w, id, x->texts.data + x->at[id] - 1, x->text_len[id]);
            texts_read(x, x->text_len[id], &since);
        } else if (held)
            put_object(&w, id, held->s, held->len);
        else
            put_object(&w, id, x->pdf + from, to - from);
    }
    flush_objects(&w);
    size_t objects_end = w.pos;
    put_xref(&w, &x->f.trailer);
    rp_buf_free(&w.head);
    rp_buf_free(&w.body);
    free(w.members);
    free(w.xref);
    if (objects_end > UINT32_MAX) /* what the 4 bytes of an offset can say */
        return x->why = "a PDF of 4 GiB or more", -1;
    return 0;
}

/* The objects in file order, and where each one ends: where the next
 * begins. */
static int index_objects(fixer *x)
{
    if (x->f.n > UINT32_MAX)
        return x->why = "more objects than it can number", -1;
    x->order = rp_xmalloc(x->f.n * sizeof *x->order);
    x->size = rp_xcalloc(x->f.n, sizeof *x->size);
    for (size_t id = 1; id < x->f.n; id++)
        if (x->f.offset[id])
            x->order[x->norder++] = (uint32_t)id;
    qsort_r(x->order, x->norder, sizeof *x->order, by_offset, x->f.offset);
    for (size_t i = 0; i < x->norder; i++) {
        size_t id = x->order[i];
        size_t end = i + 1 < x->norder ? x->f.offset[x->order[i + 1]] : x->f.xref_at;
        if (end < x->f.offset[id] || end - x->f.offset[id] > UINT32_MAX)
            return x->why = "an object of 4 GiB or more", -1;
        x->size[id] = (uint32_t)(end - x->f.offset[id]);
    }
    return 0;
}

/* A document Cairo wrote no structure tree for (seen with a single glyph
 * far larger than the page) keeps its content, gets the catalogue
 * entries, and is reported as untagged. */
static int complete_untagged(fixer *x, long root, const rp_pdfua_info *info)
{
    int elements = x->nel || x->ncarriers;
    if (elements || compress_streams(x) != 0 || encode_streams(x) != 0) {
        x->why = elements ? "structure elements without a structure tree" : x->why;
        return -1;
    }
    set_catalog(x, root, info);
    x->untagged = 1;
    return 0;
}

static int complete(fixer *x, const rp_pdfua_info *info)
{
    const po_val *root = po_get(&x->f.trailer, "Root");
    if (!root || root->kind != PO_REF)
        return x->why = "no catalogue", -1;
    po_val cat = {0}, tree = {0}, ptree = {0};
    int rc = -1;
    size_t figures = 0, links = 0, langs = 0;
    if (read_obj(x, root->num, &cat) == 0 && read_elements(x) == 0) {
        const po_val *tr = po_get(&cat, "StructTreeRoot");
        const po_val *pt = NULL;
        if (tr && tr->kind == PO_REF && read_obj(x, tr->num, &tree) == 0)
            pt = po_get(&tree, "ParentTree");
        if (!tr) {
            rc = complete_untagged(x, root->num, info);
        } else if (!pt || pt->kind != PO_REF || read_obj(x, pt->num, &ptree) != 0) {
            x->why = "no parent tree";
        } else if (rewrite_pages(x, po_get(&ptree, "Nums")) == 0 && encode_streams(x) == 0 &&
                   compress_streams(x) == 0 && encode_streams(x) == 0) {
            rewrite_elements(x, info, &figures, &links, &langs);
            set_catalog(x, root->num, info);
            rc = 0;
        }
    }
    if (rc == 0 && !x->untagged &&
        (figures != info->nalts || links != info->nlinks || langs != info->nlangs ||
         (info->nlangs && x->nel != info->nelements))) {
        x->why = "the figures, links or elements are not the ones drawn";
        rc = -1;
    }
    po_free(&cat);
    po_free(&tree);
    po_free(&ptree);
    return rc;
}

int rp_pdfua_finish(const char *pdf, size_t len, const rp_pdfua_info *info, FILE *out,
                    const char *path, rp_diag *d)
{
    fixer x = {.pdf = pdf, .len = len, .info = info};
    int rc = -1;
    if (po_open(pdf, len, &x.f) != 0) {
        x.why = "no cross-reference table";
    } else {
        x.held = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, held_free);
        x.text_len = rp_xcalloc(x.f.n, sizeof *x.text_len);
        x.gone = rp_xcalloc(x.f.n, 1);
        x.at = rp_xcalloc(x.f.n, sizeof *x.at);
        rc = index_objects(&x) == 0 ? complete(&x, info) : -1;
        if (rc == 0)
            rc = write_file(&x, out);
    }
    if (rc != 0)
        rp_diag_add(d, RP_ERROR, path, 0, 0,
                    "cannot complete the tagged PDF Cairo wrote: %s", x.why);
    else if (fflush(out) != 0 || ferror(out)) {
        rp_diag_add(d, RP_ERROR, path, 0, 0, "cannot write the PDF: %s",
                    strerror(errno ? errno : EIO));
        rc = -1;
    }
    else if (x.untagged)
        rp_diag_add(d, RP_WARNING, path, 0, 0,
                    "the PDF is not tagged: Cairo wrote no structure tree for it");
    if (x.held)
        g_hash_table_destroy(x.held);
    free(x.text_len);
    free(x.at);
    rp_spool_close(&x.texts);
    jobs_free(&x);
    free(x.gone);
    free(x.order);
    free(x.size);
    free(x.el);
    free(x.role);
    po_close(&x.f);
    return rc;
}
