/* test_output.c - outputs written atomically (output.c): a committed
 * output has the mode open() would give under the process's umask, also
 * when many threads write outputs at once (a batch with -j N); an output
 * that would not change keeps its file; an aborted one leaves nothing;
 * an output that cannot be created is an error naming it. */
#include "harness.h"
#include "../../src/output.h"

#include <dirent.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/rolepress-test-output-XXXXXX";

/* Files in dir. */
static int files(void)
{
    int n = 0;
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));)
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

static int write_one(const char *path, const char *text, rp_diag *d)
{
    rp_output o;
    if (rp_output_open(&o, path, d) != 0)
        return -1;
    fputs(text, o.f);
    return rp_output_commit(&o, d);
}

/* The threads below: each opens outputs and drops them, and counts those
 * whose mode is not 0640 (the umask is 027). */
enum { THREADS = 4, PER_THREAD = 4000 };

typedef struct {
    int index, wrong, failed;
} worker;

static void *open_many(void *arg)
{
    worker *w = arg;
    rp_diag *d = rp_diag_new();
    char path[128];
    snprintf(path, sizeof path, "%s/t%d.pdf", dir, w->index);
    for (int i = 0; i < PER_THREAD; i++) {
        rp_output o;
        struct stat st;
        if (rp_output_open(&o, path, d) != 0 || fstat(fileno(o.f), &st) != 0)
            w->failed++;
        else if ((st.st_mode & 07777) != 0640)
            w->wrong++;
        rp_output_abort(&o);
    }
    rp_diag_free(d);
    return NULL;
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    umask(027);
    rp_diag *d = rp_diag_new();
    char path[128];
    struct stat st, again;

    /* Written, in place, mode 0640, nothing else left. */
    snprintf(path, sizeof path, "%s/one.pdf", dir);
    INT_EQ(write_one(path, "first\n", d), 0);
    INT_EQ(stat(path, &st), 0);
    INT_EQ(st.st_mode & 07777, 0640);
    INT_EQ(files(), 1);

    /* The same bytes again: the file (its inode and time) is kept. */
    INT_EQ(write_one(path, "first\n", d), 0);
    INT_EQ(stat(path, &again), 0);
    INT_EQ(again.st_ino, st.st_ino);
    INT_EQ(again.st_mtim.tv_nsec, st.st_mtim.tv_nsec);
    /* Other bytes: replaced. */
    INT_EQ(write_one(path, "second\n", d), 0);
    INT_EQ(stat(path, &again), 0);
    CHECK(again.st_ino != st.st_ino);
    INT_EQ(again.st_size, 7);
    INT_EQ(files(), 1);

    /* Aborted: the previous file stays, no temporary is left. */
    rp_output o;
    INT_EQ(rp_output_open(&o, path, d), 0);
    fputs("partial", o.f);
    INT_EQ(files(), 2);
    rp_output_abort(&o);
    INT_EQ(stat(path, &again), 0);
    INT_EQ(again.st_size, 7);
    INT_EQ(files(), 1);
    INT_EQ(rp_diag_count(d), 0);

    /* A directory that does not exist: one error, naming the output. */
    snprintf(path, sizeof path, "%s/missing/x.pdf", dir);
    INT_EQ(rp_output_open(&o, path, d), -1);
    INT_EQ(rp_diag_errors(d), 1);
    if (rp_diag_count(d) == 1) {
        STR_EQ(rp_diag_get(d, 0)->file, path);
        CHECK(strstr(rp_diag_get(d, 0)->message, "cannot create the output file") != NULL);
    }

    /* Threads writing outputs at once, as a batch's workers do: every
     * file gets the umask's mode (reading the umask by setting it, in each
     * thread, gave some files mode 0666). */
    pthread_t t[THREADS];
    worker w[THREADS];
    for (int i = 0; i < THREADS; i++) {
        w[i] = (worker){.index = i};
        pthread_create(&t[i], NULL, open_many, &w[i]);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
        INT_EQ(w[i].failed, 0);
        INT_EQ(w[i].wrong, 0);
    }

    snprintf(path, sizeof path, "%s/one.pdf", dir);
    unlink(path);
    INT_EQ(files(), 0);
    rmdir(dir);
    rp_diag_free(d);
    TEST_MAIN_END();
}
