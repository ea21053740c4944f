/* util.c - allocation helpers, a growable string buffer, the identity of a
 * file and directory walks. */
#include "util.h"

#include <dirent.h>
#include <glib.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(void)
{
    fputs("rolepress: out of memory\n", stderr);
    abort();
}

void *rp_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom();
    return p;
}

void *rp_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        oom();
    return p;
}

void *rp_xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        oom();
    return p;
}

char *rp_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(rp_xmalloc(n), s, n);
}

char *rp_xvasprintf(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        oom();
    char *s = rp_xmalloc((size_t)n + 1);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

char *rp_xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = rp_xvasprintf(fmt, ap);
    va_end(ap);
    return s;
}

/* jemalloc's control interface when the program links it (main.c); weak,
 * so that the library goes with whatever allocator its user links.  With
 * any other allocator nothing is done: glibc's malloc_trim walks and
 * locks every arena of an embedder's process, and under the sanitizers
 * (which replace malloc) its first call sets up glibc's unused allocator
 * without a lock, which two batch workers could do at once. */
extern int mallctl(const char *name, void *oldp, size_t *oldlenp, void *newp, size_t newlen)
    __attribute__((weak));

void rp_release_free_memory(void)
{
    if (mallctl)
        mallctl("arena.4096.purge", NULL, NULL, NULL, 0); /* 4096: every arena */
}

int rp_grow(void **items, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 8;
    while (c < need)
        c *= 2;
    *items = rp_xrealloc(*items, c * elem);
    *cap = c;
    return 1;
}

void rp_buf_add(rp_buf *b, const char *s, size_t n)
{
    rp_grow((void **)&b->s, &b->cap, b->len + n + 1, 1);
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void rp_buf_puts(rp_buf *b, const char *s)
{
    rp_buf_add(b, s, strlen(s));
}

char *rp_collapse_space(const char *s)
{
    rp_buf b = {0};
    int space = 0;
    for (const char *p = s ? s : ""; *p; p++) {
        if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
            space = b.len > 0;
            continue;
        }
        if (space)
            rp_buf_add(&b, " ", 1);
        space = 0;
        rp_buf_add(&b, p, 1);
    }
    return b.s ? b.s : rp_xstrdup("");
}

/* Formats straight into the buffer's spare room, and a second time when
 * that was too small: no string of its own to allocate and free (the
 * PDF writers and the paragraph cache call this for every object and
 * paragraph). */
void rp_buf_printf(rp_buf *b, const char *fmt, ...)
{
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    rp_grow((void **)&b->s, &b->cap, b->len + 64, 1);
    int n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    if (n >= 0 && (size_t)n >= b->cap - b->len) {
        rp_grow((void **)&b->s, &b->cap, b->len + (size_t)n + 1, 1);
        vsnprintf(b->s + b->len, b->cap - b->len, fmt, again);
    }
    va_end(again);
    if (n > 0)
        b->len += (size_t)n;
    b->s[b->len] = '\0';
}

void rp_buf_free(rp_buf *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

/* Declared in internal.h, beside what uses it; index + 1 is stored, so
 * that a missing name reads as 0. */
void rp_index_put(GHashTable *h, const char *name, size_t i)
{
    if (name && !g_hash_table_contains(h, name))
        g_hash_table_insert(h, (gpointer)name, GSIZE_TO_POINTER(i + 1));
}

ssize_t rp_index_get(GHashTable *h, const char *name)
{
    return name ? (ssize_t)GPOINTER_TO_SIZE(g_hash_table_lookup(h, name)) - 1 : -1;
}

char *rp_file_key(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return NULL;
    return g_strdup_printf("%ju:%ju", (uintmax_t)st.st_dev, (uintmax_t)st.st_ino);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

int rp_walk_dir(const char *dir, int recursive, GHashTable *seen,
                void (*fn)(const char *path, const struct dirent *e, void *data), void *data)
{
    char *key = rp_file_key(dir);
    if (key && !g_hash_table_add(seen, key))
        return 1;
    struct dirent **names;
    int n = key ? scandir(dir, &names, NULL, by_name) : -1;
    if (n < 0) {
        fn(dir, NULL, data);
        return -1;
    }
    size_t len = strlen(dir);
    const char *sep = len && dir[len - 1] == '/' ? "" : "/";
    for (int i = 0; i < n; i++) {
        const struct dirent *e = names[i];
        if (e->d_name[0] != '.') {
            char *path = rp_xasprintf("%s%s%s", dir, sep, e->d_name);
            struct stat st;
            if (recursive && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
                rp_walk_dir(path, 1, seen, fn, data);
            else if (recursive && e->d_type == DT_DIR)
                fn(path, NULL, data); /* dir can be listed, not searched: errno from stat */
            else
                fn(path, e, data);
            free(path);
        }
        free(names[i]);
    }
    free(names);
    return 0;
}

/* Given no buffer of its own, setvbuf keeps stdio's 4 KiB whatever size
 * it is asked for (40 write calls for one job description).  64 KiB is
 * the largest block jemalloc keeps in its thread caches (main.c). */
#define RP_STREAM_BUFFER (64 * 1024)

FILE *rp_fdopen_buffered(int fd, const char *mode, char **buf)
{
    *buf = NULL;
    FILE *f = fdopen(fd, mode);
    if (!f)
        return NULL;
    *buf = rp_xmalloc(RP_STREAM_BUFFER);
    setvbuf(f, *buf, _IOFBF, RP_STREAM_BUFFER);
    return f;
}

/* Edits from a to b, or limit + 1 when more than limit. */
static size_t edits(const char *a, const char *b, size_t limit)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > 64 || m > 64 || (n > m ? n - m : m - n) > limit)
        return limit + 1;
    size_t d[65][65];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[n][m];
}

rp_near rp_near_init(const char *word)
{
    size_t limit = strlen(word) / 3;
    return (rp_near){.word = word, .best_d = (size_t)-1, .limit = limit > 2 ? 2 : limit};
}

void rp_near_consider(rp_near *s, const char *candidate)
{
    size_t d = edits(s->word, candidate, s->limit);
    if (d > s->limit || d == 0)
        return;
    if (d < s->best_d || (d == s->best_d && strcmp(candidate, s->best) < 0)) {
        s->best = candidate;
        s->best_d = d;
    }
}

void rp_near_consider_keys(rp_near *s, GHashTable *keys)
{
    GHashTableIter it;
    gpointer k;
    g_hash_table_iter_init(&it, keys);
    while (g_hash_table_iter_next(&it, &k, NULL))
        rp_near_consider(s, k);
}

char *rp_near_hint(const rp_near *s)
{
    return s->best ? rp_xasprintf("; did you mean '%s'?", s->best) : rp_xstrdup("");
}
