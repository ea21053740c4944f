/* spool.h - bytes written once to a temporary file, then read back. */
#ifndef RP_SPOOL_H
#define RP_SPOOL_H

#include <stddef.h>
#include <stdio.h>

typedef struct rp_spool_s {
    FILE *f;          /* while written */
    char *buf;        /* f's buffer */
    char *data;       /* once mapped: the bytes written */
    int copied;       /* data is a copy on the heap, not a mapping */
    size_t len;
    int err;          /* errno of the first failure, 0 while all is well */
    const char *what; /* what failed: "create", "write" or "read back" */
} rp_spool;

/* An unlinked file in the temporary directory ($TMPDIR, else /tmp).
 * Returns 0, or -1 with err and what set. */
int rp_spool_open(rp_spool *s);
/* Appends n bytes; on failure remembers the error (later writes do
 * nothing) and returns -1. */
int rp_spool_write(rp_spool *s, const void *data, size_t n);
/* Writes out stdio's buffer: an error shows now, not at the next read.
 * Returns 0, or -1 with err set. */
int rp_spool_flush(rp_spool *s);
/* Reads n bytes written from offset off into buf (what was written is
 * flushed first).  Returns 0, or -1 with err set. */
int rp_spool_read(rp_spool *s, size_t off, void *buf, size_t n);
/* Maps what was written, read-only, at data (a small spool is read into
 * memory instead).  Returns 0, or -1. */
int rp_spool_map(rp_spool *s);
/* The mapped pages read so far leave the process's memory; reading them
 * again faults them back in from the kernel's page cache. */
void rp_spool_trim(void *s);
void rp_spool_close(rp_spool *s);
/* The error of a failed spool, for the PDF at path: "cannot write the
 * PDF: cannot create a temporary file in /tmp: ...". */
struct rp_diag;
void rp_spool_report(const rp_spool *s, const char *path, struct rp_diag *d);

#endif
