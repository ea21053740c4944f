/* failread.c - a read error on demand, for io_faults.sh (LD_PRELOAD).
 *
 * rolepress reads a book's layout back from a temporary file with pread
 * (spool.c), once for every piece in every pass.  With RP_FAILREAD_AFTER=K
 * the pread calls after the K-th fail with EIO; with RP_FAILREAD_LOG=FILE
 * the number of calls made is written to FILE at exit, so that a test can
 * aim a failure at the last pass.  Under the sanitizers their runtime is
 * preloaded before it (io_faults.sh). */
#include <dlfcn.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static atomic_long calls;

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
    static ssize_t (*real)(int, void *, size_t, off_t);
    if (!real)
        real = (ssize_t (*)(int, void *, size_t, off_t))dlsym(RTLD_NEXT, "pread");
    long k = atomic_fetch_add(&calls, 1) + 1;
    const char *after = getenv("RP_FAILREAD_AFTER");
    if (after && k > atol(after)) {
        errno = EIO;
        return -1;
    }
    return real(fd, buf, n, off);
}

__attribute__((destructor)) static void report(void)
{
    const char *log = getenv("RP_FAILREAD_LOG");
    FILE *f = log ? fopen(log, "w") : NULL;
    if (f) {
        fprintf(f, "%ld\n", atomic_load(&calls));
        fclose(f);
    }
}
