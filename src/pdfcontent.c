/* pdfcontent.c - marking what a page's content stream leaves untagged.
 *
 * Tagged PDF wants every mark on a page either in a structure element's
 * marked content or in an /Artifact sequence.  Cairo 1.16 writes no
 * artifacts and leaves drawing outside a leaf element unmarked, which is
 * how the renderer draws page furniture, rules and borders (tagging.c).
 * So the stream is read as a sequence of operators: each stretch outside
 * marked content that paints something is wrapped in /Artifact BMC ...
 * EMC, and the marked content of an artifact carrier (/Private) becomes an
 * /Artifact sequence of its own.  Stretches that only set state (q, cm,
 * colours) are left as they are: they put nothing on the page.
 */
#include "pdfobj.h"

#include <stdint.h>
#include <string.h>

static int is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

static int is_delim(char c)
{
    return strchr("()<>[]{}/%", c) != NULL && c != '\0';
}

/* The operators that put marks on the page ("EI" ends an inline image). */
static int paints(const char *op, size_t n)
{
    static const char *const ops[] = {"S", "s",  "f",  "F",  "f*", "B",  "B*", "b",
                                      "b*", "sh", "Do", "Tj", "TJ", "'",  "\"", "EI"};
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
        if (strlen(ops[i]) == n && memcmp(ops[i], op, n) == 0)
            return 1;
    return 0;
}

static int is_op(const char *tok, size_t n, const char *op)
{
    return strlen(op) == n && memcmp(tok, op, n) == 0;
}

/* The end of the literal string that starts at s[i] ('('), or 0. */
static size_t skip_string(const char *s, size_t len, size_t i)
{
    int depth = 0;
    for (; i < len; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '(')
            depth++;
        else if (s[i] == ')' && --depth == 0)
            return i + 1;
    }
    return 0;
}

/* The end of an inline image's data: past "EI" after the "ID" that ends
 * at s[i], or 0. */
static size_t skip_image(const char *s, size_t len, size_t i)
{
    for (i++; i + 2 <= len; i++)
        if (is_space(s[i - 1]) && s[i] == 'E' && s[i + 1] == 'I' &&
            (i + 2 == len || is_space(s[i + 2]) || is_delim(s[i + 2])))
            return i; /* at "EI", read next as the operator */
    return 0;
}

/* The end of the token at s[i] (not white space or a comment), or 0 when
 * it never ends. */
static size_t token_end(const char *s, size_t len, size_t i)
{
    switch (s[i]) {
    case '(':
        return skip_string(s, len, i);
    case '<':
        if (i + 1 < len && s[i + 1] == '<')
            return i + 2;
        {
            const char *gt = memchr(s + i, '>', len - i);
            return gt ? (size_t)(gt - s) + 1 : 0;
        }
    case '>':
        return i + 1 < len && s[i + 1] == '>' ? i + 2 : 0;
    case ')':
        return 0; /* closes no string */
    case '[': case ']': case '{': case '}':
        return i + 1;
    case '/':
        i++;
        break;
    default:
        break;
    }
    while (i < len && !is_space(s[i]) && !is_delim(s[i]))
        i++;
    return i;
}

/* Whether the token s[i..end) is an operator: a bare word that is not a
 * number or a keyword value. */
static int operator_token(const char *s, size_t i, size_t end)
{
    char c = s[i];
    if (is_delim(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')
        return 0;
    return !is_op(s + i, end - i, "true") && !is_op(s + i, end - i, "false") &&
           !is_op(s + i, end - i, "null");
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

int po_mark_artifacts(const char *in, size_t len, rp_buf *out)
{
    writer w = {.in = in, .out = out};
    size_t operands = SIZE_MAX; /* where the next operator's operands start */
    size_t gap = 0;             /* where the current unmarked stretch starts */
    int painted = 0;            /* whether that stretch paints */
    long depth = 0;             /* marked-content nesting */
    size_t i = 0;
    for (;;) {
        while (i < len && (is_space(in[i]) || in[i] == '%')) {
            if (in[i] == '%')
                while (i < len && in[i] != '\n' && in[i] != '\r')
                    i++;
            else
                i++;
        }
        if (i >= len)
            break;
        size_t end = token_end(in, len, i);
        if (end <= i)
            return -1;
        if (!operator_token(in, i, end)) {
            if (operands == SIZE_MAX)
                operands = i;
            i = end;
            continue;
        }
        const char *op = in + i;
        size_t n = end - i, from = operands == SIZE_MAX ? i : operands;
        if (is_op(op, n, "BDC") || is_op(op, n, "BMC")) {
            if (depth == 0 && painted)
                wrap(&w, gap, from);
            if (is_op(op, n, "BDC") && i - from > 9 && memcmp(in + from, "/Private", 8) == 0 &&
                (is_space(in[from + 8]) || in[from + 8] == '<')) {
                copy_to(&w, from);
                rp_buf_puts(out, "/Artifact BMC");
                w.copied = end;
            }
            depth++;
        } else if (is_op(op, n, "EMC")) {
            if (depth == 0)
                return -1;
            if (--depth == 0) {
                gap = end;
                painted = 0;
            }
        } else {
            if (is_op(op, n, "ID") && !(end = skip_image(in, len, end)))
                return -1;
            if (depth == 0 && paints(op, n))
                painted = 1;
        }
        i = end;
        operands = SIZE_MAX;
    }
    if (depth != 0)
        return -1;
    if (painted)
        wrap(&w, gap, len);
    copy_to(&w, len);
    return 0;
}
