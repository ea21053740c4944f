/* output.h - files written atomically.
 *
 * An output is written to a temporary file beside its final path and
 * renamed into place only when complete, so a failed or interrupted export
 * never leaves a partial file and never destroys the previous one.  The
 * path "-" is standard output: the temporary file is in TMPDIR, unlinked
 * as soon as it is made, and copied out when complete.
 */
#ifndef RP_OUTPUT_H
#define RP_OUTPUT_H

#include "internal.h"
#include <stdio.h>

typedef struct {
    char *path, *tmp;
    FILE *f;
    char *buf; /* f's buffer */
} rp_output;

/* Opens a temporary file for path.  Returns 0, or -1 with a diagnostic. */
int rp_output_open(rp_output *o, const char *path, rp_diag *d);
/* Flushes, closes and renames into place.  Returns 0, or -1 with a
 * diagnostic (and the temporary file removed). */
int rp_output_commit(rp_output *o, rp_diag *d);
/* Closes and removes the temporary file. */
void rp_output_abort(rp_output *o);

#endif
