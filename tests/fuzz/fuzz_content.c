/* fuzz_content.c - libFuzzer target: bytes as a page's content stream,
 * read operator by operator to mark its artifacts (pdfcontent.c).  What
 * it accepts must come back with every byte of the input in order, and
 * read again, must be left as it is. */
#include "../../src/pdfobj.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
    }
    rp_buf_free(&once);
    rp_buf_free(&twice);
    return 0;
}
