/* output.c - atomic output files (see output.h). */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Temporary files being written, for the signal handler to remove: a
 * fixed table, since a handler may not allocate or lock. */
#define RP_MAX_PENDING 64
static char pending_path[RP_MAX_PENDING][4096];
static volatile sig_atomic_t pending_used[RP_MAX_PENDING];
/* Batch threads add and remove entries; the handler only reads. */
static pthread_mutex_t pending_lock = PTHREAD_MUTEX_INITIALIZER;

static int pending_slot(const char *tmp);

static int pending_add(const char *tmp)
{
    pthread_mutex_lock(&pending_lock);
    int slot = pending_slot(tmp);
    pthread_mutex_unlock(&pending_lock);
    return slot;
}

static int pending_slot(const char *tmp)
{
    for (int i = 0; i < RP_MAX_PENDING; i++)
        if (!pending_used[i] && strlen(tmp) < sizeof pending_path[i]) {
            strcpy(pending_path[i], tmp);
            pending_used[i] = 1;
            return i;
        }
    return -1;
}

static void pending_remove(const char *tmp)
{
    pthread_mutex_lock(&pending_lock);
    for (int i = 0; i < RP_MAX_PENDING; i++)
        if (pending_used[i] && strcmp(pending_path[i], tmp) == 0)
            pending_used[i] = 0;
    pthread_mutex_unlock(&pending_lock);
}

static void on_signal(int sig)
{
    for (int i = 0; i < RP_MAX_PENDING; i++)
        if (pending_used[i])
            unlink(pending_path[i]);
    signal(sig, SIG_DFL);
    raise(sig);
}

void rp_output_handle_signals(void)
{
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGHUP, on_signal);
    /* Past a file-size limit, writes should fail with EFBIG and be
     * reported, not kill the process with a partial file left behind;
     * so should writes to a pipe nobody reads any more (-o -). */
    signal(SIGXFSZ, SIG_IGN);
    signal(SIGPIPE, SIG_IGN);
}

/* "-o -": the output goes to standard output.  It is written to a
 * temporary file first, like any output, and copied out only when whole:
 * an export that fails writes nothing there either. */
static int is_stdout(const char *path)
{
    return strcmp(path, "-") == 0;
}

/* The mode of a new output: what open() would give with the process's
 * umask.  umask can only be read by setting it, which is not safe while
 * another thread does the same (a batch with -j 2 wrote about 2 files in
 * 1000 world-writable, mode 666), so it is read once. */
static mode_t file_mode;
static pthread_once_t file_mode_once = PTHREAD_ONCE_INIT;

static void read_umask(void)
{
    mode_t mask = umask(0);
    umask(mask);
    file_mode = 0666 & ~mask;
}

int rp_output_open(rp_output *o, const char *path, rp_diag *d)
{
    memset(o, 0, sizeof *o);
    o->path = rp_xstrdup(path);
    int out = is_stdout(path);
    /* mkstemp() replaces the six trailing X with a unique suffix: the
     * temporary sits beside the target so the final rename() is atomic. */
    o->tmp = out ? rp_xasprintf("%s/rolepress-stdout.tmp-XXXXXX", g_get_tmp_dir())
                 : rp_xasprintf("%s.tmp-XXXXXX", path);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        if (out)
            rp_diag_add(d, RP_ERROR, path, 0, 0,
                        "cannot write a temporary file in %s for standard output: %s",
                        g_get_tmp_dir(), strerror(errno));
        else
            rp_diag_add(d, RP_ERROR, path, 0, 0, "cannot create the output file: %s",
                        strerror(errno));
        free(o->tmp);
        free(o->path);
        o->tmp = o->path = NULL;
        return -1;
    }
    if (out) {
        /* Private (mkstemp's mode) and out of the directory at once, as
         * the PDF's spool is: no other user can open it, and nothing is
         * left behind however the process ends.  Read back through fd. */
        unlink(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
    } else {
        pending_add(o->tmp);
        /* mkstemp makes the file private; outputs are ordinary files. */
        pthread_once(&file_mode_once, read_umask);
        fchmod(fd, file_mode);
    }
    o->f = rp_fdopen_buffered(fd, "wb", &o->buf);
    if (!o->f) {
        rp_diag_add(d, RP_ERROR, path, 0, 0, "cannot create the output file: %s", strerror(errno));
        close(fd);
        rp_output_abort(o);
        return -1;
    }
    return 0;
}

/* Whether files a and b hold the same bytes. */
static int same_content(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) != 0 || stat(b, &sb) != 0 || sa.st_size != sb.st_size ||
        !S_ISREG(sb.st_mode))
        return 0;
    FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
    int same = fa && fb;
    char x[65536], y[65536];
    while (same) {
        size_t n = fread(x, 1, sizeof x, fa), m = fread(y, 1, sizeof y, fb);
        if (n != m || memcmp(x, y, n) != 0)
            same = 0;
        if (n == 0)
            break;
    }
    if (fa)
        fclose(fa);
    if (fb)
        fclose(fb);
    return same;
}

/* Copies what was written to fd, from its start, to standard output; 0,
 * or an errno. */
static int copy_to_stdout(int fd)
{
    if (lseek(fd, 0, SEEK_SET) != 0)
        return errno;
    char buf[65536];
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return n < 0 ? errno : 0;
        for (ssize_t off = 0; off < n;) {
            ssize_t w = write(STDOUT_FILENO, buf + off, (size_t)(n - off));
            if (w < 0 && errno != EINTR)
                return errno;
            if (w == 0)
                return EIO;
            if (w > 0)
                off += w;
        }
    }
}

int rp_output_commit(rp_output *o, rp_diag *d)
{
    int err = 0, out = is_stdout(o->path), copy_err = 0;
    if (fflush(o->f) != 0 || ferror(o->f))
        err = errno ? errno : EIO;
    if (!err && out)
        copy_err = copy_to_stdout(fileno(o->f));
    if (fclose(o->f) != 0 && !err)
        err = errno;
    o->f = NULL;
    free(o->buf);
    o->buf = NULL;
    /* An output that would not change keeps its file and its time stamp,
     * so that make and ninja do not rebuild what depends on it. */
    if (!err && !out && same_content(o->tmp, o->path))
        unlink(o->tmp);
    else if (!err && !out && rename(o->tmp, o->path) != 0)
        err = errno;
    if (err && out)
        rp_diag_add(d, RP_ERROR, o->path, 0, 0,
                    "cannot write a temporary file in %s for standard output: %s",
                    g_get_tmp_dir(), strerror(err));
    else if (err)
        rp_diag_add(d, RP_ERROR, o->path, 0, 0, "cannot write the output file: %s", strerror(err));
    else if (copy_err)
        rp_diag_add(d, RP_ERROR, o->path, 0, 0, "cannot write to standard output: %s",
                    strerror(copy_err));
    if (o->tmp) {
        if (err)
            unlink(o->tmp);
        pending_remove(o->tmp);
    }
    free(o->tmp);
    free(o->path);
    o->tmp = o->path = NULL;
    return err || copy_err ? -1 : 0;
}

void rp_output_abort(rp_output *o)
{
    if (o->f)
        fclose(o->f);
    free(o->buf);
    if (o->tmp) {
        unlink(o->tmp);
        pending_remove(o->tmp);
    }
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof *o);
}

int rp_write_file(const char *path, const void *data, size_t len, rp_diag *d)
{
    rp_output o;
    if (rp_output_open(&o, path, d) != 0)
        return -1;
    if (fwrite(data, 1, len, o.f) != len) {
        rp_diag_add(d, RP_ERROR, path, 0, 0, "cannot write the output file: %s", strerror(errno));
        rp_output_abort(&o);
        return -1;
    }
    return rp_output_commit(&o, d);
}
