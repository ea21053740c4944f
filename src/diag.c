/* diag.c - the diagnostic sink.
 *
 * Every stage adds records here instead of printing; the CLI decides how to
 * show them.  Records keep the order in which they were added so that a run
 * reports problems in input order.
 */
#include "rolepress.h"
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#define RP_MAX_MESSAGE 1000

struct rp_diag {
    rp_diag_record *recs;
    size_t n, cap;
    size_t errors;
};

rp_diag *rp_diag_new(void)
{
    return rp_xcalloc(1, sizeof(rp_diag));
}

void rp_diag_free(rp_diag *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++) {
        free(d->recs[i].file);
        free(d->recs[i].message);
    }
    free(d->recs);
    free(d);
}

static void add(rp_diag *d, rp_severity sev, const char *file, int line, int col, char *msg);

void rp_diag_add(rp_diag *d, rp_severity sev, const char *file, int line, int col,
                 const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = rp_xvasprintf(fmt, ap);
    va_end(ap);
    add(d, sev, file, line, col, msg);
}

void rp_diag_add_src(rp_diag *d, rp_severity sev, rp_src src, const char *fallback,
                     const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = rp_xvasprintf(fmt, ap);
    va_end(ap);
    add(d, sev, src.file ? src.file : fallback, src.file ? (int)src.line : 0, 0, msg);
}

/* Takes msg. */
static void add(rp_diag *d, rp_severity sev, const char *file, int line, int col, char *msg)
{
    /* libxml2 messages end with a newline; records hold one line each.
     * A message quoting a huge input (an XPath expression of megabytes) is
     * cut: a diagnostic is read by a person. */
    size_t len = strlen(msg);
    if (len > RP_MAX_MESSAGE) {
        strcpy(msg + RP_MAX_MESSAGE - 4, "...");
        len = RP_MAX_MESSAGE - 1;
    }
    while (len && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
        msg[--len] = '\0';
    rp_diag_record *r = RP_PUSH(d->recs, d->n, d->cap);
    r->severity = sev;
    r->file = file ? rp_xstrdup(file) : NULL;
    r->line = line > 0 ? line : 0;
    r->col = col > 0 ? col : 0;
    r->message = msg;
    if (sev == RP_ERROR)
        d->errors++;
}

size_t rp_diag_count(const rp_diag *d)
{
    return d->n;
}

const rp_diag_record *rp_diag_get(const rp_diag *d, size_t i)
{
    return i < d->n ? &d->recs[i] : NULL;
}

size_t rp_diag_errors(const rp_diag *d)
{
    return d->errors;
}

char *rp_diag_format(const rp_diag_record *r)
{
    static const char *const names[] = {"note", "warning", "error"};
    const char *sev = names[r->severity];
    if (!r->file)
        return rp_xasprintf("rolepress: %s: %s", sev, r->message);
    if (r->line && r->col)
        return rp_xasprintf("%s:%d:%d: %s: %s", r->file, r->line, r->col, sev, r->message);
    if (r->line)
        return rp_xasprintf("%s:%d: %s: %s", r->file, r->line, sev, r->message);
    return rp_xasprintf("%s: %s: %s", r->file, sev, r->message);
}

void rp_diag_escalate(rp_diag *d, size_t first)
{
    for (size_t i = first; i < d->n; i++) {
        if (d->recs[i].severity != RP_ERROR) {
            d->recs[i].severity = RP_ERROR;
            d->errors++;
        }
    }
}

static int cmp_record(const void *a, const void *b)
{
    const rp_diag_record *x = a, *y = b;
    int c = strcmp(x->file ? x->file : "", y->file ? y->file : "");
    if (c)
        return c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return 0;
}

void rp_diag_sort(rp_diag *d, size_t first)
{
    if (first >= d->n)
        return;
    /* Insertion sort: stable, and sets of diagnostics are small. */
    size_t n = d->n - first;
    rp_diag_record *v = d->recs + first;
    for (size_t i = 1; i < n; i++) {
        rp_diag_record r = v[i];
        size_t j = i;
        while (j > 0 && cmp_record(&v[j - 1], &r) > 0) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = r;
    }
}

size_t rp_diag_unique(rp_diag *d, size_t first, GHashTable *seen, const char *owner,
                      const char **first_owner)
{
    size_t kept = first, dropped = 0;
    for (size_t i = first; i < d->n; i++) {
        rp_diag_record *r = &d->recs[i];
        /* A record is known by what the user sees of it. */
        char *key = r->severity != RP_ERROR || owner ? rp_diag_format(r) : NULL;
        const char *said_by = NULL;
        if (key && g_hash_table_lookup_extended(seen, key, NULL, (gpointer *)&said_by)) {
            if (r->severity == RP_ERROR) {
                if (!dropped++ && first_owner)
                    *first_owner = said_by;
                d->errors--;
            }
            free(key);
            free(r->file);
            free(r->message);
            continue;
        }
        if (key)
            g_hash_table_insert(seen, key, r->severity == RP_ERROR ? (gpointer)owner : NULL);
        d->recs[kept++] = *r;
    }
    d->n = kept;
    return dropped;
}

void rp_diag_truncate(rp_diag *d, size_t n)
{
    while (d->n > n) {
        rp_diag_record *r = &d->recs[--d->n];
        if (r->severity == RP_ERROR)
            d->errors--;
        free(r->file);
        free(r->message);
    }
}
