/* chunks.h - a large layout tree held out of memory, a piece at a time. */
#ifndef RP_CHUNKS_H
#define RP_CHUNKS_H

#include "internal.h"

/* The namespace of rolepress's extensions to XSLT: the instruction
 * <flush/> (the blocks written so far into the current element are
 * finished) and the function src() (transform.c). */
#define RP_TYPESET_NS "urn:x-rolepress:typeset"

typedef struct rp_chunks rp_chunks;

/* A store in an unlinked temporary file; NULL when none can be made (the
 * tree then stays whole). */
rp_chunks *rp_chunks_new(void);
void rp_chunks_free(rp_chunks *c);

/* The store a layout document's pieces are in (the document's _private),
 * or NULL. */
void rp_chunks_attach(xmlDocPtr layout, rp_chunks *c);
rp_chunks *rp_chunks_of(xmlDocPtr layout);
/* Frees a layout document and its store. */
void rp_layout_free(xmlDocPtr layout);

/* Moves the blocks written into parent (the document element or a
 * section of the document) since its last placeholder into the store,
 * and puts a placeholder for them in their place.  In the document
 * element, what is not a block (meta, page templates, styles) stays.
 * Returns 0, or -1 when the blocks stay where they are: parent is not
 * one of those, the store failed, or the tree breaks a rule
 * rp_layout_check reports (from then on nothing more is moved, so the
 * check sees it). */
int rp_chunks_flush(rp_chunks *c, xmlNodePtr parent);
/* After the last flush: writes out what the store buffers.  Returns 0,
 * or -1 when something could not be written (rp_chunks_error: its errno):
 * the layout is then incomplete. */
int rp_chunks_finish(rp_chunks *c);
int rp_chunks_error(const rp_chunks *c);
/* The pieces put aside. */
size_t rp_chunks_count(const rp_chunks *c);
/* The bytes the pieces take in all, and the first piece that starts at
 * byte or after it (rp_chunks_count when none does).  Pieces are
 * numbered and written as the stylesheet finishes them: in the order of
 * the document, but that a section's piece comes after the pieces inside
 * it. */
size_t rp_chunks_size(const rp_chunks *c);
size_t rp_chunks_piece_at(const rp_chunks *c, size_t byte);

/* rp_transform, with the blocks the stylesheet flushes moved into chunks
 * (NULL: none), which it takes: the result document holds it (freed with
 * rp_layout_free), or it is freed. */
xmlDocPtr rp_transform_chunked(rp_context *ctx, const char *stylesheet, xmlDocPtr input,
                               const char *const *params, rp_chunks *chunks, rp_diag *d);

/* Another thread's way into a finished store, sharing its pieces but
 * not what becomes of reading them (an error is reported once to each
 * reader, and a shadow pass's are dropped): freed with
 * rp_chunks_reader_free, before the store. */
rp_chunks *rp_chunks_reader(const rp_chunks *c);
void rp_chunks_reader_free(rp_chunks *r);

/* Whether n is a placeholder of c (c may be NULL); the number of its
 * piece, or -1. */
int rp_chunks_is_placeholder(const rp_chunks *c, xmlNodePtr n);
long rp_chunks_index(const rp_chunks *c, xmlNodePtr n);
/* Unpacks the blocks of placeholder n as its children, in the order they
 * were written.  Returns 0, or -1 with an error (the store cannot be read
 * back). */
int rp_chunks_open(rp_chunks *c, xmlNodePtr n, const char *culprit, rp_diag *d);
/* Frees what rp_chunks_open put under n. */
void rp_chunks_close(xmlNodePtr n);

/* Element n's subtree as bytes (*len of them, caller frees) that any
 * text survives (xmlNodeDump writes what XML 1.0 cannot hold as
 * references no parser takes back), and a new document holding it again
 * as its root (with its line numbers; namespaces other than XML's are
 * not kept). */
char *rp_node_pack(xmlNodePtr n, size_t *len);
xmlDocPtr rp_node_unpack(const char *bytes, size_t len);

/* What identifies element n across passes: a tree's own element is its
 * address; an element unpacked from a store is the same each time it is
 * unpacked, at whatever address. */
const void *rp_node_key(xmlNodePtr n);

#endif
