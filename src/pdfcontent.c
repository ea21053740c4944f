/* pdfcontent.c - marking what a page's content stream leaves untagged.
 *
 * Tagged PDF wants every mark on a page either in a structure element's
 * marked content or in an /Artifact sequence.  Cairo 1.16 writes no
 * artifacts and leaves drawing outside a leaf element unmarked, which is
 * how the renderer draws page furniture, rules and borders (tagging.c).
 * So the stream is read as a sequence of operators: each stretch outside
 * the structure's marked content (sequences with an MCID) that paints
 * something is wrapped in /Artifact BMC ... EMC, and the marked content of
 * an artifact carrier (/Private) becomes an /Artifact sequence of its
 * own.  Stretches that only set state (q, cm, colours) are left as they
 * are: they put nothing on the page.  Cairo ends a text object before it
 * begins or ends a structure element's content, so stretches never begin
 * or end inside one; a stream where they would is refused.
 */
#include "pdfobj.h"

#include <stdint.h>
#include <string.h>

/* The operators that put marks on the page ("EI" ends an inline image). */
static int paints(const char *op, size_t n)
{
    static const char *const ops[] = {"S", "s",  "f",  "F",  "f*", "B",  "B*", "b",
                                      "b*", "sh", "Do", "Tj", "TJ", "'",  "\"", "EI"};
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
        if (po_token_is(op, n, ops[i]))
            return 1;
    return 0;
}

typedef struct {
    const char *in;
    rp_buf *out;
    size_t copied; /* in[0..copied) is in out */
} writer;

static void copy_to(writer *w, size_t to)
{
    rp_buf_add(w->out, w->in + w->copied, to - w->copied);
    w->copied = to;
}

/* Appends an operator sequence on a line of its own: what precedes it
 * may end in a word or a comment. */
static void put_ops(writer *w, const char *ops)
{
    char last = w->out->len ? w->out->s[w->out->len - 1] : '\n';
    if (last != '\n' && last != '\r')
        rp_buf_puts(w->out, "\n");
    rp_buf_puts(w->out, ops);
}

/* Wraps in[from..to), untagged drawing, as an artifact. */
static void wrap(writer *w, size_t from, size_t to)
{
    copy_to(w, from);
    put_ops(w, "/Artifact BMC\n");
    copy_to(w, to);
    put_ops(w, "EMC\n");
}

/* Whether the sequence whose operands and operator are in[from..end) is
 * the structure tree's (it has an MCID) or an artifact.  Others, such as
 * the /ActualText spans Cairo writes inside text objects around a
 * ligature, are part of whatever holds them. */
static int tagged_sequence(const char *in, size_t from, size_t end)
{
    return memmem(in + from, end - from, "/MCID", 5) ||
           (end - from > 9 && memcmp(in + from, "/Artifact", 9) == 0);
}

/* Reading state: marked content nests, and must nest with text objects
 * (ISO 32000-1, 14.6), so a stretch is wrapped only between them. */
typedef struct {
    writer w;
    size_t len;      /* of the input */
    long depth;      /* tagged sequences open, and what nests in them */
    long inner;      /* untagged sequences open outside them */
    long in_text;    /* text objects open (BT ... ET; they do not nest
                      * in a valid stream, but are counted) */
    size_t gap;      /* where the current unmarked stretch starts */
    long gap_in_text; /* in_text where it starts */
    int painted;     /* whether it paints */
} reader;

/* Ends the unmarked stretch at `to`, wrapping it when it paints. */
static int end_stretch(reader *r, size_t to)
{
    if (!r->painted)
        return 0;
    if (r->gap_in_text || r->in_text)
        return -1; /* an artifact cannot start or end inside a text object */
    wrap(&r->w, r->gap, to);
    return 0;
}

/* A BDC or BMC operator, its operands in[from..end). */
static int begin_sequence(reader *r, size_t from, size_t end)
{
    const char *in = r->w.in;
    if (r->depth) {
        r->depth++;
        return 0;
    }
    if (!tagged_sequence(in, from, end)) {
        r->inner++;
        return 0;
    }
    if (r->inner || end_stretch(r, from) != 0)
        return -1;
    size_t tag = po_content_token(in, end, from) - from;
    if (tag == 8 && memcmp(in + from, "/Private", 8) == 0) {
        copy_to(&r->w, from);
        rp_buf_puts(r->w.out, "/Artifact BMC");
        r->w.copied = end;
    } else if (tag == 1 + strlen(RP_LANG_SPAN) && memcmp(in + from + 1, RP_LANG_SPAN, tag - 1) == 0) {
        copy_to(&r->w, from); /* its element's type, as pdfua.c names it */
        rp_buf_puts(r->w.out, "/Span");
        r->w.copied = from + tag;
    }
    r->depth = 1;
    return 0;
}

static int end_sequence(reader *r, size_t end)
{
    if (r->depth) {
        if (--r->depth == 0) {
            r->gap = end;
            r->gap_in_text = r->in_text;
            r->painted = 0;
        }
        return 0;
    }
    return r->inner-- > 0 ? 0 : -1;
}

/* The operator in[i..end) with its operands from `from`; returns where
 * reading goes on, or 0 when the stream cannot be read. */
static size_t operator(reader *r, size_t from, size_t i, size_t end)
{
    const char *op = r->w.in + i;
    size_t n = end - i;
    if (po_token_is(op, n, "BDC") || po_token_is(op, n, "BMC"))
        return begin_sequence(r, from, end) == 0 ? end : 0;
    if (po_token_is(op, n, "EMC"))
        return end_sequence(r, end) == 0 ? end : 0;
    if (po_token_is(op, n, "BT"))
        r->in_text++;
    else if (po_token_is(op, n, "ET") && r->in_text)
        r->in_text--;
    else if (po_token_is(op, n, "ID"))
        end = po_inline_image_end(r->w.in, r->len, end);
    if (!r->depth && paints(op, n))
        r->painted = 1;
    return end;
}

int po_mark_artifacts(const char *in, size_t len, rp_buf *out)
{
    reader r = {.w = {.in = in, .out = out}, .len = len};
    size_t operands = SIZE_MAX; /* where the next operator's operands start */
    size_t i = 0;
    for (;;) {
        i = po_skip_space(in, len, i);
        if (i >= len)
            break;
        size_t end = po_content_token(in, len, i);
        if (end <= i)
            return -1;
        if (po_is_operator(in + i, end - i)) {
            end = operator(&r, operands == SIZE_MAX ? i : operands, i, end);
            if (!end)
                return -1;
            operands = SIZE_MAX;
        } else if (operands == SIZE_MAX) {
            operands = i;
        }
        i = end;
    }
    if (r.depth || r.inner || end_stretch(&r, len) != 0)
        return -1;
    copy_to(&r.w, len);
    return 0;
}
