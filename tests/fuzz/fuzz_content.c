/* fuzz_content.c - libFuzzer target: bytes as a page's content stream,
 * read operator by operator to mark its artifacts (pdfcontent.c).  What
 * it accepts must come back with every byte of the input in order; read
 * again, it must be left as it is; and, read by the checker below (the
 * rules of tests/e2e/unmarked.py, on pdfobj.c's tokens), every
 * painting operator must be in a sequence with an MCID or an /Artifact
 * one, and marked content must nest with text objects. */
#include "../../src/pdfobj.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int word(const char *s, size_t n, const char *w)
{
    return strlen(w) == n && memcmp(s, w, n) == 0;
}

static int painting(const char *s, size_t n)
{
    static const char *const ops[] = {"S", "s",  "f",  "F",  "f*", "B",  "B*", "b",
                                      "b*", "sh", "Do", "Tj", "TJ", "'",  "\"", "EI"};
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
        if (word(s, n, ops[i]))
            return 1;
    return 0;
}

enum { FINE, UNTAGGED, MISNESTED };

/* Whether s (len bytes, which po_mark_artifacts accepted) is tagged
 * throughout and nests. */
static int check(const char *s, size_t len)
{
    int verdict = FINE;
    enum { TEXT, TAGGED, OTHER };
    char stack[4096];
    size_t depth = 0, operands = SIZE_MAX, i = 0;
    while ((i = po_skip_space(s, len, i)) < len) {
        size_t end = po_content_token(s, len, i);
        if (!end)
            abort(); /* accepted, so every token ends */
        if (!po_is_operator(s + i, end - i)) {
            if (operands == SIZE_MAX)
                operands = i;
            i = end;
            continue;
        }
        size_t from = operands == SIZE_MAX ? i : operands, n = end - i;
        const char *op = s + i;
        if (word(op, n, "BDC") || word(op, n, "BMC") || word(op, n, "BT")) {
            if (depth == sizeof stack)
                return verdict; /* too deep to follow */
            stack[depth++] = word(op, n, "BT") ? TEXT
                             : memmem(s + from, i - from, "/MCID", 5) ||
                                     (i - from >= 9 && memcmp(s + from, "/Artifact", 9) == 0)
                                 ? TAGGED
                                 : OTHER;
        } else if (word(op, n, "EMC") || word(op, n, "ET")) {
            if (!depth || (stack[depth - 1] == TEXT) != word(op, n, "ET"))
                return MISNESTED;
            depth--;
        } else if (painting(op, n) && !memchr(stack, TAGGED, depth)) {
            verdict = UNTAGGED;
        }
        if (word(op, n, "ID") && !(end = po_inline_image_end(s, len, end)))
            abort(); /* accepted, so its image ends */
        operands = SIZE_MAX;
        i = end;
    }
    return depth ? MISNESTED : verdict;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rp_buf once = {0}, twice = {0};
    if (po_mark_artifacts((const char *)data, size, &once) == 0) {
        /* Only sequences are added: the input is a subsequence. */
        size_t i = 0;
        for (size_t k = 0; k < once.len && i < size; k++)
            if (once.s[k] == (char)data[i])
                i++;
        if (i != size && !memmem(data, size, "/Private", 8))
            abort();
        if (po_mark_artifacts(once.s ? once.s : "", once.len, &twice) != 0 || twice.len != once.len ||
            (once.len && memcmp(once.s, twice.s, once.len) != 0))
            abort();
        /* Tagged throughout, and nesting unless the input did not. */
        int verdict = check(once.s ? once.s : "", once.len);
        if (verdict == UNTAGGED || (verdict == MISNESTED && check((const char *)data, size) != MISNESTED))
            abort();
    }
    rp_buf_free(&once);
    rp_buf_free(&twice);
    return 0;
}
