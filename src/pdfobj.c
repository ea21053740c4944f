/* pdfobj.c - reading and writing PDF objects (see pdfobj.h). */
#include "pdfobj.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* Nesting deeper than this is not what Cairo writes. */
#define PO_MAX_DEPTH 64

static int is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

static int is_delim(char c)
{
    return strchr("()<>[]{}/%", c) != NULL;
}

size_t po_skip_space(const char *s, size_t len, size_t pos)
{
    while (pos < len) {
        if (s[pos] == '%') {
            while (pos < len && s[pos] != '\n' && s[pos] != '\r')
                pos++;
        } else if (is_space(s[pos])) {
            pos++;
        } else {
            break;
        }
    }
    return pos;
}

static void skip_space(const char *s, size_t len, size_t *pos)
{
    *pos = po_skip_space(s, len, *pos);
}

static size_t token_end(const char *s, size_t len, size_t pos)
{
    while (pos < len && !is_space(s[pos]) && !is_delim(s[pos]))
        pos++;
    return pos;
}

static char *dup_range(const char *s, size_t from, size_t to)
{
    char *r = rp_xmalloc(to - from + 1);
    memcpy(r, s + from, to - from);
    r[to - from] = '\0';
    return r;
}

/* The end of the literal string at s[pos] ('('): balanced parentheses,
 * backslash escapes; or 0 when it does not end. */
static size_t literal_end(const char *s, size_t len, size_t pos)
{
    size_t depth = 0;
    for (; pos < len; pos++) {
        if (s[pos] == '\\')
            pos++;
        else if (s[pos] == '(')
            depth++;
        else if (s[pos] == ')' && --depth == 0)
            return pos + 1;
    }
    return 0;
}

static int parse_literal(const char *s, size_t len, size_t *pos, po_val *out)
{
    size_t end = literal_end(s, len, *pos);
    if (!end)
        return -1;
    out->kind = PO_STR;
    out->text = dup_range(s, *pos, end);
    *pos = end;
    return 0;
}

static int parse_value(const char *s, size_t len, size_t *pos, po_val *out, int depth);

/* The elements of an array or dictionary up to the closing delimiter. */
static int parse_items(const char *s, size_t len, size_t *pos, po_val *out, const char *close,
                       int depth)
{
    size_t n = strlen(close);
    for (;;) {
        skip_space(s, len, pos);
        if (*pos + n <= len && memcmp(s + *pos, close, n) == 0) {
            *pos += n;
            return out->kind == PO_DICT && out->n % 2 ? -1 : 0;
        }
        po_val v;
        if (*pos >= len || parse_value(s, len, pos, &v, depth + 1) != 0)
            return -1;
        po_push(out, v);
    }
}

/* A number, or a reference "N G R". */
static int parse_number(const char *s, size_t len, size_t *pos, po_val *out)
{
    size_t end = token_end(s, len, *pos);
    out->kind = PO_NUM;
    out->text = dup_range(s, *pos, end);
    out->num = strtol(out->text, NULL, 10);
    *pos = end;
    size_t p = end;
    skip_space(s, len, &p);
    size_t gen_end = token_end(s, len, p);
    if (gen_end == p || strspn(s + p, "0123456789") < gen_end - p)
        return 0;
    size_t r = gen_end;
    skip_space(s, len, &r);
    if (r < len && s[r] == 'R' && (r + 1 == len || is_space(s[r + 1]) || is_delim(s[r + 1]))) {
        free(out->text);
        out->text = NULL;
        out->kind = PO_REF;
        *pos = r + 1;
    }
    return 0;
}

static int parse_value(const char *s, size_t len, size_t *pos, po_val *out, int depth)
{
    memset(out, 0, sizeof *out);
    skip_space(s, len, pos);
    if (*pos >= len || depth > PO_MAX_DEPTH)
        return -1;
    char c = s[*pos];
    int rc = 0;
    if (c == '<' && *pos + 1 < len && s[*pos + 1] == '<') {
        out->kind = PO_DICT;
        *pos += 2;
        rc = parse_items(s, len, pos, out, ">>", depth);
    } else if (c == '[') {
        out->kind = PO_ARRAY;
        (*pos)++;
        rc = parse_items(s, len, pos, out, "]", depth);
    } else if (c == '<') {
        const char *e = memchr(s + *pos, '>', len - *pos);
        if (!e)
            return -1;
        out->kind = PO_STR;
        out->text = dup_range(s, *pos, (size_t)(e - s) + 1);
        *pos = (size_t)(e - s) + 1;
    } else if (c == '(') {
        rc = parse_literal(s, len, pos, out);
    } else if (c == '/') {
        size_t end = token_end(s, len, *pos + 1);
        out->kind = PO_NAME;
        out->text = dup_range(s, *pos + 1, end);
        *pos = end;
    } else if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9')) {
        rc = parse_number(s, len, pos, out);
    } else {
        size_t end = token_end(s, len, *pos);
        if (end - *pos == 4 && memcmp(s + *pos, "true", 4) == 0)
            out->kind = PO_BOOL, out->num = 1;
        else if (end - *pos == 5 && memcmp(s + *pos, "false", 5) == 0)
            out->kind = PO_BOOL;
        else if (end - *pos == 4 && memcmp(s + *pos, "null", 4) == 0)
            out->kind = PO_NULL;
        else
            return -1;
        *pos = end;
    }
    if (rc != 0)
        po_free(out);
    return rc;
}

int po_parse(const char *s, size_t len, size_t *pos, po_val *out)
{
    return parse_value(s, len, pos, out, 0);
}

/* ------------------------------------------------ content-stream tokens */

size_t po_content_token(const char *s, size_t len, size_t i)
{
    switch (s[i]) {
    case '(':
        return literal_end(s, len, i);
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
        return token_end(s, len, i + 1);
    default:
        return token_end(s, len, i);
    }
}

int po_token_is(const char *tok, size_t n, const char *word)
{
    return strlen(word) == n && memcmp(tok, word, n) == 0;
}

int po_is_operator(const char *s, size_t n)
{
    char c = s[0];
    if (is_delim(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')
        return 0;
    return !(n == 4 && memcmp(s, "true", 4) == 0) && !(n == 5 && memcmp(s, "false", 5) == 0) &&
           !(n == 4 && memcmp(s, "null", 4) == 0);
}

size_t po_inline_image_end(const char *s, size_t len, size_t i)
{
    for (i++; i + 2 <= len; i++)
        if (is_space(s[i - 1]) && s[i] == 'E' && s[i + 1] == 'I' &&
            (i + 2 == len || is_space(s[i + 2]) || is_delim(s[i + 2])))
            return i;
    return 0;
}

/* A number as digits: objects are written by the ten thousand, and a
 * printf per number was a fair part of the time spent. */
void po_put_num(rp_buf *b, unsigned long n, int width)
{
    char d[24];
    int i = sizeof d;
    do {
        d[--i] = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    while (i > (int)sizeof d - width)
        d[--i] = '0';
    rp_buf_add(b, d + i, sizeof d - (size_t)i);
}

void po_write(rp_buf *b, const po_val *v)
{
    switch (v->kind) {
    case PO_NULL:
        rp_buf_puts(b, "null");
        break;
    case PO_BOOL:
        rp_buf_puts(b, v->num ? "true" : "false");
        break;
    case PO_NUM:
    case PO_STR:
        rp_buf_puts(b, v->text);
        break;
    case PO_NAME:
        rp_buf_add(b, "/", 1);
        rp_buf_puts(b, v->text);
        break;
    case PO_REF:
        po_put_num(b, (unsigned long)v->num, 0);
        rp_buf_add(b, " 0 R", 4);
        break;
    case PO_ARRAY:
    case PO_DICT:
        rp_buf_puts(b, v->kind == PO_ARRAY ? "[" : "<<");
        for (size_t i = 0; i < v->n; i++) {
            rp_buf_puts(b, " ");
            po_write(b, &v->items[i]);
        }
        rp_buf_puts(b, v->kind == PO_ARRAY ? " ]" : " >>");
        break;
    }
}

void po_free(po_val *v)
{
    for (size_t i = 0; i < v->n; i++)
        po_free(&v->items[i]);
    free(v->items);
    free(v->text);
    memset(v, 0, sizeof *v);
}

po_val po_copy(const po_val *v)
{
    po_val c = *v;
    c.text = v->text ? rp_xstrdup(v->text) : NULL;
    c.items = NULL;
    c.n = c.cap = 0;
    for (size_t i = 0; i < v->n; i++)
        po_push(&c, po_copy(&v->items[i]));
    return c;
}

po_val *po_get(const po_val *dict, const char *key)
{
    if (!dict || dict->kind != PO_DICT)
        return NULL;
    for (size_t i = 0; i + 1 < dict->n; i += 2)
        if (strcmp(dict->items[i].text, key) == 0)
            return &dict->items[i + 1];
    return NULL;
}

void po_push(po_val *arr, po_val v)
{
    *RP_PUSH(arr->items, arr->n, arr->cap) = v;
}

void po_set(po_val *dict, const char *key, po_val v)
{
    po_val *old = po_get(dict, key);
    if (old) {
        po_free(old);
        *old = v;
        return;
    }
    po_push(dict, po_name(key));
    po_push(dict, v);
}

po_val po_name(const char *name)
{
    return (po_val){.kind = PO_NAME, .text = rp_xstrdup(name)};
}

po_val po_ref(long id)
{
    return (po_val){.kind = PO_REF, .num = id};
}

po_val po_int(long n)
{
    char d[24];
    snprintf(d, sizeof d, "%ld", n);
    return (po_val){.kind = PO_NUM, .num = n, .text = rp_xstrdup(d)};
}

po_val po_text(const char *utf8)
{
    rp_buf b = {0};
    int ascii = 1;
    for (const unsigned char *p = (const unsigned char *)utf8; *p; p++)
        ascii &= *p >= 0x20 && *p < 0x7f;
    if (ascii) {
        rp_buf_puts(&b, "(");
        for (const char *p = utf8; *p; p++) {
            if (*p == '(' || *p == ')' || *p == '\\')
                rp_buf_add(&b, "\\", 1);
            rp_buf_add(&b, p, 1);
        }
        rp_buf_puts(&b, ")");
    } else {
        glong n = 0;
        gunichar2 *u = g_utf8_to_utf16(utf8, -1, NULL, &n, NULL);
        rp_buf_puts(&b, "<FEFF");
        for (glong i = 0; u && i < n; i++)
            rp_buf_printf(&b, "%04X", (unsigned)u[i]);
        rp_buf_puts(&b, ">");
        g_free(u);
    }
    return (po_val){.kind = PO_STR, .text = b.s};
}

/* ------------------------------------------------------------- files */

static size_t find_last(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = len >= n ? len - n + 1 : 0; i-- > 0;)
        if (memcmp(s + i, needle, n) == 0)
            return i;
    return (size_t)-1;
}

int po_open(const char *pdf, size_t len, po_file *f)
{
    memset(f, 0, sizeof *f);
    size_t sx = find_last(pdf, len, "startxref");
    if (sx == (size_t)-1)
        return -1;
    f->xref_at = strtoul(pdf + sx + 9, NULL, 10);
    size_t pos = f->xref_at;
    if (pos + 4 > len || memcmp(pdf + pos, "xref", 4) != 0)
        return -1;
    pos += 4;
    char *end;
    unsigned long first = strtoul(pdf + pos, &end, 10);
    unsigned long count = strtoul(end, &end, 10);
    pos = (size_t)(end - pdf);
    skip_space(pdf, len, &pos);
    /* One subsection from 0, entries of 20 bytes: what Cairo writes. */
    if (first != 0 || count == 0 || count > len / 20 || pos + count * 20 > len)
        return -1;
    f->n = count;
    f->offset = rp_xcalloc(count, sizeof *f->offset);
    for (size_t i = 0; i < count; i++) {
        const char *e = pdf + pos + i * 20;
        if (e[17] == 'n')
            f->offset[i] = strtoul(e, NULL, 10);
        if (f->offset[i] >= f->xref_at)
            return po_close(f), -1;
    }
    pos += count * 20;
    skip_space(pdf, len, &pos);
    if (pos + 7 > len || memcmp(pdf + pos, "trailer", 7) != 0)
        return po_close(f), -1;
    pos += 7;
    if (po_parse(pdf, len, &pos, &f->trailer) != 0 || f->trailer.kind != PO_DICT)
        return po_close(f), -1;
    return 0;
}

void po_close(po_file *f)
{
    free(f->offset);
    po_free(&f->trailer);
    memset(f, 0, sizeof *f);
}

const char *po_find(const char *s, size_t n, const char *word)
{
    size_t k = strlen(word);
    for (const char *end = s + n, *p; k && n >= k && (p = memchr(s, word[0], (size_t)(end - s)));
         s = p + 1)
        if ((size_t)(end - p) >= k && memcmp(p, word, k) == 0)
            return p;
    return NULL;
}

size_t po_body(const char *pdf, size_t len, const po_file *f, long id)
{
    if (id <= 0 || (size_t)id >= f->n || !f->offset[id])
        return 0;
    const char *p = pdf + f->offset[id];
    const char *obj = po_find(p, len - f->offset[id] < 32 ? len - f->offset[id] : 32, "obj");
    return obj ? (size_t)(obj - pdf) + 3 : 0;
}

int po_read(const char *pdf, size_t len, const po_file *f, long id, po_val *v)
{
    size_t pos = po_body(pdf, len, f, id);
    if (!pos || po_parse(pdf, len, &pos, v) != 0) {
        memset(v, 0, sizeof *v);
        return -1;
    }
    return 0;
}

size_t po_stream_at(const char *pdf, size_t len, const po_file *f, const po_val *dict,
                    size_t pos, size_t *n)
{
    pos = po_skip_space(pdf, len, pos);
    if (pos + 6 > len || memcmp(pdf + pos, "stream", 6) != 0)
        return 0;
    pos += 6;
    pos += pos < len && pdf[pos] == '\r' ? 2 : 1;
    const po_val *l = po_get(dict, "Length");
    po_val v = {0};
    if (l && l->kind == PO_REF && po_read(pdf, len, f, l->num, &v) == 0)
        l = &v;
    long length = l && l->kind == PO_NUM ? l->num : -1;
    po_free(&v);
    if (length < 0 || pos > len || (size_t)length > len - pos)
        return 0;
    *n = (size_t)length;
    return pos;
}

/* A Flate-encoded stream's bytes, decoded. */
int po_inflate(const char *in, size_t n, rp_buf *out)
{
    z_stream z = {0};
    if (inflateInit(&z) != Z_OK)
        return -1;
    z.next_in = (Bytef *)in;
    z.avail_in = (uInt)n;
    unsigned char chunk[16384];
    int rc;
    do {
        z.next_out = chunk;
        z.avail_out = sizeof chunk;
        rc = inflate(&z, Z_NO_FLUSH);
        rp_buf_add(out, (const char *)chunk, sizeof chunk - z.avail_out);
    } while (rc == Z_OK);
    inflateEnd(&z);
    return rc == Z_STREAM_END ? 0 : -1;
}
