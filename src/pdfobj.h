/* pdfobj.h - reading and writing the objects of a PDF file.
 *
 * Just enough of PDF's syntax to edit what Cairo writes: a classic cross-
 * reference table, objects of dictionaries, arrays, names, numbers,
 * strings and references, and streams.  Values are trees that own their
 * parts; po_free releases one.
 */
#ifndef RP_PDFOBJ_H
#define RP_PDFOBJ_H

#include "util.h"

#include <stddef.h>

/* The type tagging.c gives the element of a passage in another language
 * than its paragraph's, which pdfua.c and pdfcontent.c make a Span: Span
 * is the name of the carriers they fold away.  Cairo 1.16 takes only the
 * standard types (any other breaks its structure tree), so it is one that
 * rolepress has no other use for. */
#define RP_LANG_SPAN "Warichu"

typedef enum { PO_NULL, PO_BOOL, PO_NUM, PO_NAME, PO_STR, PO_ARRAY, PO_DICT, PO_REF } po_kind;

typedef struct po_val {
    po_kind kind;
    long num;              /* REF: object number; NUM: integer part; BOOL */
    char *text;            /* NUM: as written; NAME: without the slash; STR: as written */
    struct po_val *items;  /* ARRAY: elements; DICT: key (a NAME), value, key, ... */
    size_t n, cap;
} po_val;

/* Parses one value at s[*pos] (s holds len bytes), skipping white space
 * and comments before it; *pos moves past it.  Returns 0, or -1 on
 * anything it cannot read. */
int po_parse(const char *s, size_t len, size_t *pos, po_val *out);
void po_write(rp_buf *b, const po_val *v);
/* n in decimal, zero-padded to width digits. */
void po_put_num(rp_buf *b, unsigned long n, int width);
void po_free(po_val *v);
po_val po_copy(const po_val *v);

/* The value of key in a dictionary, or NULL. */
po_val *po_get(const po_val *dict, const char *key);
/* Appends to an array or, with a key, to a dictionary; takes v. */
void po_push(po_val *arr, po_val v);
void po_set(po_val *dict, const char *key, po_val v);
po_val po_name(const char *name);
po_val po_ref(long id);
po_val po_int(long n);
/* A text string: literal when it is printable ASCII, else UTF-16BE. */
po_val po_text(const char *utf8);

/* Appends the FlateDecode data in[0..n) decoded to out.  Returns 0, or -1
 * when it is not a complete zlib stream. */
int po_inflate(const char *in, size_t n, rp_buf *out);

/* pdfcontent.c: appends the page content stream in[0..len) to out with
 * whatever it paints outside marked content wrapped as an artifact, and
 * each /Private sequence made an /Artifact one.  Returns 0, or -1 when
 * the stream cannot be read as operators (out then holds a part). */
int po_mark_artifacts(const char *in, size_t len, rp_buf *out);

/* Content streams, read token by token (pdfcontent.c, and its fuzz
 * target's checker).  po_skip_space: past white space and comments from
 * pos.  po_content_token: the end of the token at s[i] (not white space
 * or a comment: a string, a name, a number, an operator...), or 0 when
 * it never ends or closes nothing (a lone ')' or '>').  po_is_operator:
 * whether that token, n bytes, is an operator (a bare word that is not a
 * number or a keyword value).  po_inline_image_end: after an inline
 * image's ID operator, which ends at s[i], where its EI is, or 0.
 * Without decoding the image its length is not known; like readers
 * without it, this takes the first EI between white space.  Cairo writes
 * inline images only for small masks, which rolepress never draws. */
size_t po_skip_space(const char *s, size_t len, size_t pos);
/* Whether the token tok, n bytes, is word. */
int po_token_is(const char *tok, size_t n, const char *word);
/* memmem for the few bytes around an object's keywords ("obj", "endobj",
 * "endstream"), searched in every object of a book: glibc's memmem sets
 * up a shift table on each call, which cost more than the search. */
const char *po_find(const char *s, size_t n, const char *word);
size_t po_content_token(const char *s, size_t len, size_t i);
int po_is_operator(const char *s, size_t n);
size_t po_inline_image_end(const char *s, size_t len, size_t i);

/* The cross-reference table of a file: where each object starts. */
typedef struct {
    size_t *offset;  /* of "N 0 obj"; 0 for a free entry */
    size_t n;        /* /Size */
    size_t xref_at;  /* where the table starts: the objects end there */
    po_val trailer;
} po_file;

int po_open(const char *pdf, size_t len, po_file *f);
void po_close(po_file *f);
/* The position just after "N 0 obj" of object id, or 0. */
size_t po_body(const char *pdf, size_t len, const po_file *f, long id);
/* Parses the value of object id.  Returns 0, or -1. */
int po_read(const char *pdf, size_t len, const po_file *f, long id, po_val *v);
/* The stream whose dictionary dict ends at pos: where its data begins,
 * with in *n its /Length (written there, or an object of f); 0 when no
 * stream follows, or its length is unknown or runs past the end. */
size_t po_stream_at(const char *pdf, size_t len, const po_file *f, const po_val *dict,
                    size_t pos, size_t *n);

#endif
