/* spool.c - bytes written once to a temporary file, then read back.
 *
 * Cairo writes a document's PDF before pdfua.c completes it.  Held in a
 * growing buffer, a book's PDF was the largest thing its export kept at
 * the end (64 MiB for 300 roles, more while the buffer doubled).  The
 * spool is an unlinked temporary file: stdio buffers the writes, and the
 * finished file is mapped read-only (a small one is read instead).
 * Mapped pages a reader has done with leave the process's resident
 * memory on rp_spool_trim; they stay in the kernel's page cache, so
 * touching them again costs a minor fault.
 */
#include "spool.h"
#include "internal.h"

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Spools up to this size are read into memory rather than mapped. */
#define RP_SPOOL_READ_MAX (256 * 1024)

static int fail(rp_spool *s, const char *what, int err)
{
    if (!s->err) {
        s->err = err ? err : EIO;
        s->what = what;
    }
    return -1;
}

int rp_spool_open(rp_spool *s)
{
    *s = (rp_spool){0};
    char *name = NULL;
    errno = 0;
    int fd = g_file_open_tmp("rolepress-XXXXXX.pdf", &name, NULL);
    if (fd < 0)
        return fail(s, "create", errno);
    g_unlink(name); /* gone when closed, whatever happens */
    g_free(name);
    s->f = rp_fdopen_buffered(fd, "w+b", &s->buf); /* Cairo writes in small pieces */
    if (!s->f) {
        int err = errno;
        close(fd);
        return fail(s, "create", err);
    }
    return 0;
}

int rp_spool_write(rp_spool *s, const void *data, size_t n)
{
    if (s->err || !s->f)
        return -1;
    /* One thread writes a spool: stdio's lock for every piece is waste. */
    if (fwrite_unlocked(data, 1, n, s->f) != n)
        return fail(s, "write", errno);
    s->len += n;
    return 0;
}

int rp_spool_flush(rp_spool *s)
{
    if (s->err || !s->f)
        return -1;
    if (fflush(s->f) != 0)
        return fail(s, "write", errno);
    return 0;
}

int rp_spool_read(rp_spool *s, size_t off, void *buf, size_t n)
{
    if (s->err || !s->f || off + n > s->len)
        return fail(s, "read back", 0);
    if (rp_spool_flush(s) != 0)
        return -1;
    for (size_t got = 0; got < n;) {
        ssize_t r = pread(fileno(s->f), (char *)buf + got, n - got, (off_t)(off + got));
        if (r <= 0)
            return fail(s, "read back", r < 0 ? errno : 0);
        got += (size_t)r;
    }
    return 0;
}

int rp_spool_map(rp_spool *s)
{
    if (s->err || !s->f)
        return -1;
    if (rp_spool_flush(s) != 0)
        return -1;
    if (s->len == 0)
        return 0;
    /* A small spool is read: unmapping costs every core that runs one of
     * the process's threads a TLB flush (two a job description). */
    if (s->len <= RP_SPOOL_READ_MAX) {
        char *p = rp_xmalloc(s->len);
        if (rp_spool_read(s, 0, p, s->len) != 0) {
            free(p);
            return -1;
        }
        s->data = p;
        s->copied = 1;
        return 0;
    }
    void *p = mmap(NULL, s->len, PROT_READ, MAP_PRIVATE, fileno(s->f), 0);
    if (p == MAP_FAILED)
        return fail(s, "read back", errno);
    s->data = p;
    return 0;
}

void rp_spool_trim(void *spool)
{
    rp_spool *s = spool;
    if (s->data && !s->copied)
        madvise(s->data, s->len, MADV_DONTNEED);
}

void rp_spool_close(rp_spool *s)
{
    if (s->copied)
        free(s->data);
    else if (s->data)
        munmap(s->data, s->len);
    if (s->f)
        fclose(s->f);
    free(s->buf);
    *s = (rp_spool){0};
}

void rp_spool_report(const rp_spool *s, const char *path, rp_diag *d)
{
    rp_diag_add(d, RP_ERROR, path, 0, 0, "cannot write the PDF: cannot %s a temporary file in %s: %s",
                s->what ? s->what : "write", g_get_tmp_dir(), strerror(s->err ? s->err : EIO));
}
