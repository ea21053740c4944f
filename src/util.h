/* util.h - allocation that aborts on failure, growable buffers, the
 * identity of a file, directory walks. */
#ifndef RP_UTIL_H
#define RP_UTIL_H

#include <glib.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* Allocation failure is not recoverable for a batch tool: these abort with
 * a message instead of returning NULL. */
void *rp_xmalloc(size_t n);
void *rp_xcalloc(size_t n, size_t size);
void *rp_xrealloc(void *p, size_t n);
char *rp_xstrdup(const char *s);
char *rp_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *rp_xvasprintf(const char *fmt, va_list ap);

/* Hands the pages of freed memory back to the system, for a stage that
 * follows a large one (the PDF's completion after drawing a book): the
 * allocator keeps them for reuse, and the next stage's allocations, of
 * other sizes, would add to them.  Only when the program links jemalloc
 * (main.c); otherwise it does nothing. */
void rp_release_free_memory(void);

/* fdopen(fd, mode) fully buffered through a 64 KiB buffer of its own,
 * returned in *buf, to be freed after fclose.  NULL (and *buf NULL) if
 * fdopen fails; fd is then still open. */
FILE *rp_fdopen_buffered(int fd, const char *mode, char **buf);

/* Grows *items (of elem bytes each) so that it holds at least need; 1
 * when it grew.  Arrays kept parallel to items grow only then: a realloc
 * to the same size is a copy of the whole block under ASan. */
int rp_grow(void **items, size_t *cap, size_t need, size_t elem);
/* The word nearest to a misspelt one among candidates offered one by
 * one: two edits at most (insertions, deletions, substitutions, swaps of
 * neighbours), and at most a third of the word; best is NULL when none is
 * that near.  Of the nearest, the first in byte order: one answer. */
typedef struct {
    const char *word, *best;
    size_t best_d, limit;
} rp_near;
rp_near rp_near_init(const char *word);
void rp_near_consider(rp_near *s, const char *candidate);
/* Every key of a table of strings, considered. */
void rp_near_consider_keys(rp_near *s, GHashTable *keys);
/* "; did you mean 'best'?", or "" when none was near (the caller frees
 * either): the end of a message about a name that is not defined. */
char *rp_near_hint(const rp_near *s);

#define RP_PUSH(arr, n, cap) \
    (rp_grow((void **)&(arr), &(cap), (n) + 1, sizeof *(arr)), &(arr)[(n)++])

typedef struct {
    char *s;
    size_t len, cap;
} rp_buf;

void rp_buf_add(rp_buf *b, const char *s, size_t n);
void rp_buf_puts(rp_buf *b, const char *s);
/* s with runs of white space made single spaces, none at either end;
 * returned new. */
char *rp_collapse_space(const char *s);
void rp_buf_printf(rp_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rp_buf_free(rp_buf *b);

/* A key naming the file itself (its device and inode), whatever path
 * reaches it, for telling directories and fonts reached by several links
 * apart; NULL when path cannot be stat'ed.  Free with g_free. */
char *rp_file_key(const char *path);

/* Calls fn on each entry of dir but dot files, in name order, with the
 * entry's path (dir/name) and its dirent; with recursive, a directory
 * (or a link to one) is walked instead.  A directory is walked once,
 * however many links lead to it: seen (a set of g_free'd strings) keeps
 * the rp_file_key() of each, so a link back up (fonts/all -> .) is not
 * followed forty levels deep.  Name order keeps which path reaches a file
 * first independent of the order the file system lists a directory in.
 * A directory that cannot be read (dir or one below it) is given to fn
 * with a NULL dirent, errno telling why.  Returns 0, 1 when dir was
 * walked already, or -1 when it cannot be read. */
struct dirent;
int rp_walk_dir(const char *dir, int recursive, GHashTable *seen,
                void (*fn)(const char *path, const struct dirent *e, void *data), void *data);

#endif
