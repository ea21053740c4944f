/* pdfjoin.h - one PDF from the parts Cairo drew a long document in. */
#ifndef RP_PDFJOIN_H
#define RP_PDFJOIN_H

#include "spool.h"

#include <stddef.h>

typedef struct rp_pdfjoin rp_pdfjoin;

/* A join writing to out, an open spool (the joined file is complete once
 * rp_pdfjoin_end returns 0).  trim, when not NULL, is called with
 * trim_arg now and then while a part is read: the bytes of the part read
 * so far need not stay in memory (they are read again if touched). */
rp_pdfjoin *rp_pdfjoin_new(rp_spool *out, void (*trim)(void *trim_arg), void *trim_arg);

/* Appends the next part: the PDF Cairo wrote, pdf[0..len).  continued:
 * how many structure elements below Document, outermost first, the part
 * began again because they were open when the previous part ended
 * (open_at_end of that part); outlined: likewise the outline items begun
 * again, the chain from the outline's top to the last item.  Returns 0,
 * or -1 with rp_pdfjoin_why set. */
int rp_pdfjoin_add(rp_pdfjoin *j, const char *pdf, size_t len, size_t continued,
                   size_t open_at_end, size_t outlined);

/* Writes what the parts share (page tree, structure tree, outline,
 * named destinations, page labels, catalogue) and the cross-reference
 * table.  Returns 0, or -1 with rp_pdfjoin_why set. */
int rp_pdfjoin_end(rp_pdfjoin *j);

/* What went wrong, or NULL: a string that outlives the join. */
const char *rp_pdfjoin_why(const rp_pdfjoin *j);

void rp_pdfjoin_free(rp_pdfjoin *j);

#endif
