/* test_spool.c - the temporary file Cairo's PDF is written to: what is
 * written is what is read back, also after its pages are let go of, and
 * nothing is left in the temporary directory. */
#include "harness.h"
#include "../../src/spool.h"

#include <dirent.h>
#include <errno.h>
#include <glib.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

/* Files in the temporary directory (the test's own: other tests running
 * beside it make files in the shared one). */
static int spool_files(void)
{
    int n = 0;
    DIR *dir = opendir(g_get_tmp_dir());
    for (struct dirent *e; dir && (e = readdir(dir));)
        n += e->d_name[0] != '.';
    if (dir)
        closedir(dir);
    return n;
}

/* The process's resident memory, in bytes. */
static long resident(void)
{
    long pages = 0, rss = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f && fscanf(f, "%ld %ld", &pages, &rss) != 2)
        rss = 0;
    if (f)
        fclose(f);
    return rss * sysconf(_SC_PAGESIZE);
}

static char byte_at(size_t i)
{
    return (char)('a' + (i * 7 + i / 4096) % 26);
}

int main(void)
{
    char own[] = "/tmp/rolepress-test-spool-XXXXXX";
    if (!mkdtemp(own)) {
        perror("mkdtemp");
        return 1;
    }
    setenv("TMPDIR", own, 1); /* before GLib reads it, once */
    int before = spool_files();
    INT_EQ(before, 0);
    rp_spool s;
    INT_EQ(rp_spool_open(&s), 0);
    INT_EQ(spool_files(), before); /* unlinked at once */
    /* Cairo writes in small pieces: 3 MiB of them. */
    const size_t total = 3u << 20;
    char piece[61];
    for (size_t at = 0; at < total;) {
        size_t n = total - at < sizeof piece ? total - at : sizeof piece;
        for (size_t k = 0; k < n; k++)
            piece[k] = byte_at(at + k);
        INT_EQ(rp_spool_write(&s, piece, n), 0);
        at += n;
    }
    INT_EQ(rp_spool_map(&s), 0);
    INT_EQ(s.len, total);
    size_t wrong = 0;
    for (size_t i = 0; s.data && i < total; i++)
        wrong += s.data[i] != byte_at(i);
    INT_EQ(wrong, 0);
    /* Let go of (the map read whole leaves resident memory), then read
     * again: the same bytes. */
    long before_trim = resident();
    rp_spool_trim(&s);
    CHECK(before_trim - resident() >= (long)(total / 2));
    for (size_t i = 0; s.data && i < total; i += 997)
        wrong += s.data[i] != byte_at(i);
    INT_EQ(wrong, 0);
    INT_EQ(s.err, 0);
    rp_spool_close(&s);

    /* Nothing written: an empty, readable spool. */
    INT_EQ(rp_spool_open(&s), 0);
    INT_EQ(rp_spool_map(&s), 0);
    INT_EQ(s.len, 0);
    rp_spool_trim(&s);
    rp_spool_close(&s);
    INT_EQ(spool_files(), before);

    /* A write that fails (here: past a file size limit, as a full disk
     * would) is remembered, not lost in stdio's buffer: the spool then
     * refuses to be read back, and says why. */
    signal(SIGXFSZ, SIG_IGN);
    struct rlimit old, small = {.rlim_cur = 64 * 1024, .rlim_max = RLIM_INFINITY};
    getrlimit(RLIMIT_FSIZE, &old);
    small.rlim_max = old.rlim_max;
    setrlimit(RLIMIT_FSIZE, &small);
    INT_EQ(rp_spool_open(&s), 0);
    for (size_t i = 0; i < 4096; i++) /* 244 KiB */
        rp_spool_write(&s, piece, sizeof piece);
    INT_EQ(rp_spool_map(&s), -1);
    INT_EQ(s.err, EFBIG);
    STR_EQ(s.what, "write");
    CHECK(s.data == NULL);
    rp_spool_close(&s);
    setrlimit(RLIMIT_FSIZE, &old);
    INT_EQ(spool_files(), 0);
    rmdir(own);
    TEST_MAIN_END();
}
