/* transform.c - the XSLT stage.
 *
 * Input: a validated blueprint document and a stylesheet path.  Output: the
 * result tree (layout XML), or diagnostics naming the stylesheet.  The
 * stylesheet runs under security preferences: it may not write files,
 * create directories or touch the network, and document() reads only files
 * under the input's directory or the data directory.  Parsed stylesheets
 * are cached in the context for batch runs.
 */
#include "internal.h"
#include "chunks.h"

#include <libxml/parser.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/transform.h>
#include <libxslt/security.h>
#include <libxslt/documents.h>
#include <libxslt/extensions.h>
#include <libxslt/variables.h>
#include <libxslt/xsltutils.h>
#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <pthread.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define RP_XSL_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES)

/* Bounds an endless template recursion long before the C stack is at risk. */
#define RP_XSL_MAX_DEPTH 3000

/* The files a stylesheet's document() reads for every document of a batch
 * (the ladder, the message catalogues: a fortieth of a job description's
 * work) are parsed once per context and lent to each transformation.  A
 * file is kept when it is read by a second transformation; a role that
 * other roles link to may be too, so few are kept. */
#define RP_KEPT_DOCS 8

typedef struct {
    char *path;
    xmlDocPtr doc;
    struct stat st; /* the file's when it was parsed: a changed file is read again */
} kept_doc;

typedef struct {
    GHashTable *read; /* paths read once, not kept */
    kept_doc v[RP_KEPT_DOCS];
    size_t n;
} doc_shelf;

struct rp_xsl_cache {
    char **paths;
    char **files;  /* the files each one was made of, one a line */
    xsltStylesheetPtr *sheets;
    doc_shelf *shelves; /* what each one's document() read */
    size_t n, cap;
};

static void shelf_clear(doc_shelf *sh)
{
    for (size_t i = 0; i < sh->n; i++) {
        free(sh->v[i].path);
        xmlFreeDoc(sh->v[i].doc);
    }
    if (sh->read)
        g_hash_table_destroy(sh->read);
}

void rp_xsl_cache_free(struct rp_xsl_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        free(c->paths[i]);
        free(c->files[i]);
        shelf_clear(&c->shelves[i]);
        xsltFreeStylesheet(c->sheets[i]);
    }
    free(c->paths);
    free(c->files);
    free(c->shelves);
    free(c->sheets);
    free(c);
}

static int same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
           a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* The shelf of the stylesheet a transformation runs, or NULL. */
static doc_shelf *shelf_of(rp_context *ctx, xsltTransformContextPtr tc)
{
    struct rp_xsl_cache *c = ctx ? ctx->xsl : NULL;
    for (size_t i = 0; c && tc && i < c->n; i++)
        if (c->sheets[i] == tc->style)
            return &c->shelves[i];
    return NULL;
}

/* The document kept for path, if the file is still the one parsed. */
static xmlDocPtr shelf_get(doc_shelf *sh, const char *path)
{
    for (size_t i = 0; i < sh->n; i++) {
        struct stat st;
        if (strcmp(sh->v[i].path, path) == 0)
            return stat(path, &st) == 0 && same_file(&st, &sh->v[i].st) ? sh->v[i].doc : NULL;
    }
    return NULL;
}

/* Keeps doc, just parsed from path, if path was read before.  Returns
 * whether it is kept (the shelf then owns it). */
static int shelf_offer(doc_shelf *sh, const char *path, xmlDocPtr doc, const struct stat *st)
{
    if (!sh->read)
        sh->read = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
    if (!g_hash_table_contains(sh->read, path)) {
        g_hash_table_add(sh->read, rp_xstrdup(path));
        return 0;
    }
    for (size_t i = 0; i < sh->n; i++)
        if (strcmp(sh->v[i].path, path) == 0)
            return 0; /* kept already, and changed since: not kept again */
    if (sh->n == RP_KEPT_DOCS)
        return 0;
    sh->v[sh->n++] = (kept_doc){rp_xstrdup(path), doc, *st};
    return 1;
}

/* libxslt frees every document a transformation read, except the ones it
 * counts as main: the shelf's are lent, not given. */
static void return_shelved(xsltTransformContextPtr tc, const doc_shelf *sh)
{
    for (xsltDocumentPtr d = tc->docList; sh && d; d = d->next)
        for (size_t i = 0; i < sh->n; i++)
            if (d->doc == sh->v[i].doc)
                d->main = 1;
}

/* ------------------------------------------------------ error capture */

/* libxslt reports through a printf-style callback, a piece at a time, and
 * names the place on a line of its own ("... file F line N element E")
 * before the message.  The collector reassembles lines and pairs them. */
typedef struct {
    rp_diag *d;
    const char *sheet;
    rp_severity sev;
    rp_buf line;
    char *where_file;
    int where_line;
    int count;
    int backtrace; /* after a recursion error: lines of the backtrace */
    const int *stopped; /* set when --timeout stops the transformation */
} xsl_errors;

/* libxslt follows a recursion error with a backtrace of templates and
 * variables, and a hint about an option of xsltproc's: the first line
 * says it all. */
static int noise(const char *s)
{
    return strcmp(s, "Templates:") == 0 || strcmp(s, "Variables:") == 0 ||
           (s[0] == '#' && s[1] >= '0' && s[1] <= '9') || strncmp(s, "You can adjust", 14) == 0;
}

static void flush_line(xsl_errors *x)
{
    char *s = x->line.s;
    if (!s || !*s || noise(s) || x->backtrace)
        return;
    /* What libxslt says once --timeout has stopped it is about the stop
     * ("Operation limit exceeded", a variable that could not be
     * evaluated): the timeout's own error says what happened. */
    if (x->stopped && __atomic_load_n(x->stopped, __ATOMIC_ACQUIRE))
        return;
    /* what follows is libxslt's backtrace of the recursion */
    if (strstr(s, "infinite template recursion") || strstr(s, "infinite functions recursion"))
        x->backtrace = 1;
    const char *f = strstr(s, "error: file ");
    if (f) {
        f += strlen("error: file ");
        const char *ln = strstr(f, " line ");
        if (ln) {
            free(x->where_file);
            x->where_file = rp_xasprintf("%.*s", (int)(ln - f), f);
            x->where_line = atoi(ln + 6);
            return;
        }
    }
    rp_diag_add(x->d, x->sev, x->where_file ? x->where_file : x->sheet, x->where_line, 0,
                "%s", s);
    x->count++;
    free(x->where_file);
    x->where_file = NULL;
    x->where_line = 0;
}

static void xsl_error(void *data, const char *fmt, ...)
{
    xsl_errors *x = data;
    va_list ap;
    va_start(ap, fmt);
    char *s = rp_xvasprintf(fmt, ap);
    va_end(ap);
    for (char *p = s; *p; p++) {
        if (*p == '\n') {
            flush_line(x);
            x->line.len = 0;
            if (x->line.s)
                x->line.s[0] = '\0';
        } else {
            rp_buf_add(&x->line, p, 1);
        }
    }
    free(s);
}

/* libxslt reports compile errors through a process-wide handler: one
 * compilation at a time, so that batch threads do not get each other's
 * errors.  Transformations report through their own context. */
static pthread_mutex_t compile_lock = PTHREAD_MUTEX_INITIALIZER;

/* Some of libxslt's messages (the recursion backtrace, xsl:message in
 * places) go to the process-wide handler whatever the context: it is set
 * once to this dispatcher, which hands them to the collector of the
 * calling thread. */
static __thread xsl_errors *current_errors;

static void dispatch_error(void *ignored, const char *fmt, ...)
{
    (void)ignored;
    va_list ap;
    va_start(ap, fmt);
    char *s = rp_xvasprintf(fmt, ap);
    va_end(ap);
    if (current_errors)
        xsl_error(current_errors, "%s", s);
    free(s);
}

void rp_xsl_init_errors(void)
{
    xsltSetGenericErrorFunc(NULL, dispatch_error);
}

static void xsl_errors_end(xsl_errors *x, xsltTransformContextPtr tc)
{
    flush_line(x);
    rp_buf_free(&x->line);
    free(x->where_file);
    current_errors = NULL;
    if (!tc)
        pthread_mutex_unlock(&compile_lock);
    xmlSetGenericErrorFunc(NULL, NULL); /* per thread in libxml2 */
}

static void xsl_errors_begin(xsl_errors *x, rp_diag *d, const char *sheet, rp_severity sev,
                             xsltTransformContextPtr tc)
{
    memset(x, 0, sizeof *x);
    x->d = d;
    x->sheet = sheet;
    x->sev = sev;
    if (tc)
        xsltSetTransformErrorFunc(tc, x, xsl_error);
    else
        pthread_mutex_lock(&compile_lock);
    current_errors = x;
    xmlSetGenericErrorFunc(x, xsl_error);
}

/* ----------------------------------------------------- safe loading */

/* Replaces libxslt's default loader, which parses with entity substitution
 * and DTD loading on: stylesheets and document() get the same safe options
 * as blueprints. */
/* Where the loader reports parse errors of stylesheets and documents:
 * set for the duration of a load or a transformation on this thread. */
static __thread rp_diag *loader_diag;
static __thread rp_context *loader_ctx; /* notes the files read */
typedef struct read_policy read_policy;
static __thread const read_policy *import_policy; /* while compiling */
static int allowed(const read_policy *pol, const char *uri);

/* Replaces libxslt's default loader, which parses with entity substitution
 * and DTD loading on: stylesheets and document() get the same safe options
 * as blueprints, and their errors are diagnostics at file:line:col. */
xmlDocPtr rp_xsl_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
                        xsltLoadType type)
{
    (void)options;
    /* A document() of a file that does not exist is how stylesheets ask
     * whether a sibling role is there: an empty result, not a warning. */
    if (strstr((const char *)uri, "://") && strncmp((const char *)uri, "file://", 7) != 0)
        return NULL; /* no network, whatever the security preferences say */
    if (type == XSLT_LOAD_STYLESHEET && import_policy && !allowed(import_policy, (const char *)uri)) {
        if (loader_diag)
            rp_diag_add(loader_diag, RP_ERROR, (const char *)uri, 0, 0,
                        "a stylesheet may only import or include files beside it or in the "
                        "data and allowed directories (--allow-read)");
        return NULL;
    }
    char *path = rp_uri_to_path((const char *)uri);
    xmlDocPtr doc = NULL;
    if (loader_ctx)
        rp_context_note_dependency(loader_ctx, path);
    doc_shelf *sh = type == XSLT_LOAD_DOCUMENT ? shelf_of(loader_ctx, ctxt) : NULL;
    struct stat st;
    if (sh && (doc = shelf_get(sh, path)) != NULL) {
        free(path);
        return doc;
    }
    if (type != XSLT_LOAD_DOCUMENT || access(path, R_OK) == 0) {
        rp_diag *scratch = loader_diag ? NULL : rp_diag_new();
        rp_diag *d = loader_diag ? loader_diag : scratch;
        size_t said = rp_diag_count(d);
        int stat_rc = stat(path, &st);
        doc = rp_xml_parse_dict(path, dict, d);
        /* A file the parser warned about is not kept: every document
         * that reads it hears the warning. */
        if (doc && sh && stat_rc == 0 && rp_diag_count(d) == said)
            shelf_offer(sh, path, doc, &st);
        rp_diag_free(scratch);
    }
    free(path);
    return doc;
}

/* Directories a stylesheet may read from: for document(), the input's,
 * the data directory (and its xml and xsl, wherever they lead) and those
 * the user allowed; for xsl:import and xsl:include, the stylesheet's own,
 * the data directory and those allowed.  Anything else (/etc/passwd...)
 * is refused. */
struct read_policy {
    char **dirs;
    size_t n, cap;
};

static char *dir_of(const char *path)
{
    char *real = realpath(path, NULL);
    if (!real)
        return NULL;
    char *slash = strrchr(real, '/');
    if (slash)
        slash[slash == real ? 1 : 0] = '\0';
    return real;
}

static void policy_add(read_policy *p, char *dir)
{
    if (dir)
        *RP_PUSH(p->dirs, p->n, p->cap) = dir;
}

static void policy_init(read_policy *p, rp_context *ctx, const char *file)
{
    memset(p, 0, sizeof *p);
    policy_add(p, file ? dir_of(file) : NULL);
    policy_add(p, realpath(ctx->datadir, NULL));
    /* The data directory's own parts wherever they are: a data directory
     * may be put together from links (xml -> /usr/share/xml/rolepress). */
    static const char *const parts[] = {"xml", "xsl"};
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        char *part = rp_xasprintf("%s/%s", ctx->datadir, parts[i]);
        policy_add(p, realpath(part, NULL));
        free(part);
    }
    for (size_t i = 0; i < ctx->nallowed; i++)
        policy_add(p, realpath(ctx->allowed[i], NULL));
}

static void policy_free(read_policy *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->dirs[i]);
    free(p->dirs);
}

static int under(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    return dir && strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0' ||
                                                 (n == 1 && dir[0] == '/'));
}

/* Whether the file behind uri is inside the policy's directories (a file
 * that does not exist is let through: the loader reports it). */
static int allowed(const read_policy *pol, const char *uri)
{
    char *p = rp_uri_to_path(uri);
    char *real = realpath(p, NULL);
    free(p);
    if (!real)
        return 1;
    int ok = 0;
    for (size_t i = 0; i < pol->n; i++)
        if (under(real, pol->dirs[i]))
            ok = 1;
    free(real);
    return ok;
}

static int check_read(xsltSecurityPrefsPtr sec, xsltTransformContextPtr tc, const char *value)
{
    (void)sec;
    read_policy *pol = tc ? tc->_private : NULL;
    if (!pol)
        return 1; /* compile time: imports are checked by the loader */
    int ok = allowed(pol, value);
    if (!ok)
        xsltTransformError(tc, NULL, NULL,
                           "document('%s') is outside the input, data and allowed directories "
                           "(--allow-read)\n", value);
    return ok;
}

static xsltSecurityPrefsPtr new_prefs(void)
{
    xsltSecurityPrefsPtr p = xsltNewSecurityPrefs();
    xsltSetSecurityPrefs(p, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
    xsltSetSecurityPrefs(p, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
    xsltSetSecurityPrefs(p, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
    xsltSetSecurityPrefs(p, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
    xsltSetSecurityPrefs(p, XSLT_SECPREF_READ_FILE, check_read);
    return p;
}

/* ---------------------------------------------------------- stylesheets */

static xsltStylesheetPtr load_sheet(rp_context *ctx, const char *path, rp_diag *d)
{
    struct rp_xsl_cache *c = ctx->xsl;
    if (!c)
        c = ctx->xsl = rp_xcalloc(1, sizeof *c);
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->paths[i], path) == 0) {
            char **files = g_strsplit(c->files[i], "\n", -1);
            for (char **f = files; *f; f++)
                if (**f)
                    rp_context_note_dependency(ctx, *f);
            g_strfreev(files);
            return c->sheets[i];
        }
    xsl_errors x;
    size_t before = rp_diag_errors(d);
    size_t first_dep = ctx->ndeps;
    rp_context_note_dependency(ctx, path);
    xmlDocPtr doc = rp_xml_parse_dict(path, NULL, d);
    read_policy imports;
    policy_init(&imports, ctx, path);
    xsl_errors_begin(&x, d, path, RP_ERROR, NULL);
    loader_diag = d;
    loader_ctx = ctx;
    import_policy = &imports;
    xsltStylesheetPtr sheet = NULL;
    if (doc) {
        sheet = xsltParseStylesheetDoc(doc);
        if (!sheet || sheet->errors) {
            if (sheet)
                xsltFreeStylesheet(sheet);
            else
                xmlFreeDoc(doc);
            sheet = NULL;
        }
    }
    xsl_errors_end(&x, NULL);
    loader_diag = NULL;
    loader_ctx = NULL;
    import_policy = NULL;
    policy_free(&imports);
    if (!sheet) {
        if (!x.count && rp_diag_errors(d) == before)
            rp_diag_add(d, RP_ERROR, path, 0, 0, "cannot load the stylesheet");
        return NULL;
    }
    if (rp_grow((void **)&c->paths, &c->cap, c->n + 1, sizeof *c->paths)) {
        c->sheets = rp_xrealloc(c->sheets, c->cap * sizeof *c->sheets);
        c->files = rp_xrealloc(c->files, c->cap * sizeof *c->files);
        c->shelves = rp_xrealloc(c->shelves, c->cap * sizeof *c->shelves);
    }
    c->shelves[c->n] = (doc_shelf){0};
    c->paths[c->n] = rp_xstrdup(path);
    /* The files it is made of (imports, includes) are dependencies of
     * every document it makes, including the ones served from the cache. */
    rp_buf files = {0};
    for (size_t i = first_dep; i < ctx->ndeps; i++) {
        rp_buf_puts(&files, ctx->deps[i]);
        rp_buf_add(&files, "\n", 1);
    }
    c->files[c->n] = files.s ? files.s : rp_xstrdup("");
    c->sheets[c->n++] = sheet;
    return sheet;
}

/* ------------------------------------------------------------ watchdog */

/* XSLT has no loops but recursion, and recursion is bounded by depth; a
 * stylesheet can still run for ever by branching (a template that calls
 * itself twice).  A watchdog thread stops a transformation at its
 * deadline: libxslt checks its state between instructions.  One thread
 * watches every transformation of the process: a thread of its own for
 * each cost a batch of job descriptions a thread's start, stack and end
 * per document. */
typedef struct watch {
    struct timespec until; /* CLOCK_MONOTONIC */
    xsltTransformContextPtr tc;
    int fired;
    struct watch *next;
} watch;

static struct {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    watch *armed; /* the transformations running, in no order */
    int started, quit;
    pthread_t thread;
} dog = {.lock = PTHREAD_MUTEX_INITIALIZER};
static pthread_once_t dog_once = PTHREAD_ONCE_INIT;

static int due(const struct timespec *t, const struct timespec *now)
{
    return t->tv_sec < now->tv_sec || (t->tv_sec == now->tv_sec && t->tv_nsec <= now->tv_nsec);
}

static void stop_transformation(watch *w)
{
    __atomic_store_n(&w->fired, 1, __ATOMIC_RELEASE); /* before the stop: see flush_line */
    w->tc->state = XSLT_STATE_STOPPED;
    /* One XPath expression can run for ever by itself; libxml2 stops one
     * that passes its operation limit, which is now. */
    if (w->tc->xpathCtxt)
        w->tc->xpathCtxt->opLimit = 1;
}

static void *watch_all(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&dog.lock);
    while (!dog.quit) {
        struct timespec now, next = {0};
        clock_gettime(CLOCK_MONOTONIC, &now);
        int waiting = 0;
        for (watch *w = dog.armed; w; w = w->next) {
            if (w->fired)
                continue;
            if (due(&w->until, &now))
                stop_transformation(w);
            else if (!waiting++ || due(&w->until, &next))
                next = w->until; /* a copy: w may leave while this waits */
        }
        if (waiting)
            pthread_cond_timedwait(&dog.wake, &dog.lock, &next);
        else
            pthread_cond_wait(&dog.wake, &dog.lock);
    }
    pthread_mutex_unlock(&dog.lock);
    return NULL;
}

/* At exit: the thread ends and is joined (valgrind and LeakSanitizer
 * would otherwise find its stack still in use). */
static void dog_end(void)
{
    pthread_mutex_lock(&dog.lock);
    dog.quit = 1;
    pthread_cond_signal(&dog.wake);
    pthread_mutex_unlock(&dog.lock);
    pthread_join(dog.thread, NULL);
}

static void dog_start(void)
{
    pthread_condattr_t a;
    pthread_condattr_init(&a);
    pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
    pthread_cond_init(&dog.wake, &a);
    pthread_condattr_destroy(&a);
    dog.started = pthread_create(&dog.thread, NULL, watch_all, NULL) == 0;
    if (dog.started)
        atexit(dog_end);
}

/* Watches tc for secs seconds (none when secs is 0).  Returns whether
 * it is watched: without the thread a transformation runs unwatched. */
static int watchdog_arm(watch *w, xsltTransformContextPtr tc, double secs)
{
    *w = (watch){.tc = tc};
    if (secs <= 0)
        return 0;
    pthread_once(&dog_once, dog_start);
    if (!dog.started)
        return 0;
    clock_gettime(CLOCK_MONOTONIC, &w->until);
    double whole = secs > 1e9 ? 1e9 : secs; /* past any run, and no overflow */
    w->until.tv_sec += (time_t)whole;
    w->until.tv_nsec += (long)((whole - (double)(time_t)whole) * 1e9);
    if (w->until.tv_nsec >= 1000000000L) {
        w->until.tv_sec++;
        w->until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&dog.lock);
    w->next = dog.armed;
    dog.armed = w;
    pthread_cond_signal(&dog.wake);
    pthread_mutex_unlock(&dog.lock);
    return 1;
}

/* Once this returns, the watchdog no longer touches w's transformation. */
static void watchdog_disarm(watch *w, int armed)
{
    if (!armed)
        return;
    pthread_mutex_lock(&dog.lock);
    for (watch **p = &dog.armed; *p; p = &(*p)->next)
        if (*p == w) {
            *p = w->next;
            break;
        }
    pthread_mutex_unlock(&dog.lock);
}

/* A stylesheet may say the same thing at every call of a function (rp:msg
 * of common.xsl, about a message its catalogue lacks, on each lookup): the
 * user hears it once a document. */
static void say_once(rp_diag *d, size_t first)
{
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
    rp_diag_unique(d, first, seen, NULL, NULL);
    g_hash_table_destroy(seen);
}

/* ------------------------------------------------------------- flush */

static __thread rp_chunks *flush_into; /* during a transformation, or NULL */

/* <flush/>: the blocks written into the current element are finished.
 * Only in the result document itself: not in a variable's tree, nor with
 * no store (a user's stylesheet, whose whole output is validated; the
 * layout written out). */
static void flush_element(xsltTransformContextPtr tc, xmlNodePtr node, xmlNodePtr inst,
                          xsltElemPreCompPtr comp)
{
    (void)node;
    (void)inst;
    (void)comp;
    xmlNodePtr at = tc->insert;
    if (!flush_into || !at || at->type != XML_ELEMENT_NODE || at->doc != tc->output ||
        tc->output->name) /* libxslt names its variables' trees */
        return;
    rp_chunks_flush(flush_into, at);
}

/* ------------------------------------------------------------- src() */

/* src(node-set): where the first of the nodes, in document order, that
 * has a position was written ("file:line", rp_node_src), else "".  The
 * stylesheets' src-of template copies it onto layout blocks. */
static void src_function(xmlXPathParserContextPtr pc, int nargs)
{
    if (nargs != 1 || !xmlXPathStackIsNodeSet(pc)) {
        xsltTransformContextPtr tc = xsltXPathGetTransformContext(pc);
        xsltTransformError(tc, NULL, tc ? tc->inst : NULL,
                           "rpt:src() takes one node-set, the nodes whose position is "
                           "wanted: rpt:src(title), rpt:src(.)\n");
        pc->error = nargs != 1 ? XPATH_INVALID_ARITY : XPATH_INVALID_TYPE;
        return;
    }
    xmlNodeSetPtr set = xmlXPathPopNodeSet(pc);
    char *src = NULL;
    if (set) {
        xmlXPathNodeSetSort(set);
        for (int i = 0; !src && i < set->nodeNr; i++)
            if (set->nodeTab[i]->type != XML_NAMESPACE_DECL)
                src = rp_node_src(set->nodeTab[i]);
        xmlXPathFreeNodeSet(set);
    }
    xmlXPathReturnString(pc, xmlStrdup(BAD_CAST(src ? src : "")));
    free(src);
}

xmlDocPtr rp_transform(rp_context *ctx, const char *stylesheet, xmlDocPtr input,
                       const char *const *params, rp_diag *d)
{
    return rp_transform_chunked(ctx, stylesheet, input, params, NULL, d);
}

xmlDocPtr rp_transform_chunked(rp_context *ctx, const char *stylesheet, xmlDocPtr input,
                               const char *const *params, rp_chunks *chunks, rp_diag *d)
{
    xsltStylesheetPtr sheet = load_sheet(ctx, stylesheet, d);
    xsltTransformContextPtr tc = sheet ? xsltNewTransformContext(sheet, input) : NULL;
    if (!tc) {
        if (sheet)
            rp_diag_add(d, RP_ERROR, stylesheet, 0, 0, "cannot start the transformation");
        rp_chunks_free(chunks);
        return NULL;
    }
    char *input_path = rp_uri_to_path((const char *)input->URL);
    read_policy pol;
    policy_init(&pol, ctx, input_path);
    free(input_path);
    tc->_private = &pol;
    tc->maxTemplateDepth = RP_XSL_MAX_DEPTH;
    xsltSecurityPrefsPtr prefs = new_prefs();
    xsltSetCtxtSecurityPrefs(prefs, tc);
    xsl_errors x;
    xsl_errors_begin(&x, d, stylesheet, RP_WARNING, tc);
    loader_diag = d;
    loader_ctx = ctx;
    size_t first_diag = rp_diag_count(d);
    if (params)
        xsltQuoteUserParams(tc, (const char **)params);
    watch w;
    int armed = watchdog_arm(&w, tc, ctx->xsl_timeout);
    x.stopped = &w.fired;
    xsltRegisterExtElement(tc, BAD_CAST "flush", BAD_CAST RP_TYPESET_NS, flush_element);
    xsltRegisterExtFunction(tc, BAD_CAST "src", BAD_CAST RP_TYPESET_NS, src_function);
    flush_into = chunks;
    xmlDocPtr out = xsltApplyStylesheetUser(sheet, input, NULL, NULL, NULL, tc);
    flush_into = NULL;
    watchdog_disarm(&w, armed);
    int failed = !out || tc->state != XSLT_STATE_OK;
    if (w.fired)
        rp_diag_add(d, RP_ERROR, stylesheet, 0, 0,
                    "the stylesheet ran for more than %g s and was stopped (--timeout)",
                    ctx->xsl_timeout);
    if (failed)
        x.sev = RP_ERROR; /* what it said before it stopped is the error */
    xsl_errors_end(&x, tc);
    loader_diag = NULL;
    loader_ctx = NULL;
    say_once(d, first_diag);
    if (failed) {
        rp_diag_escalate(d, first_diag);
        if (!x.count && !w.fired)
            rp_diag_add(d, RP_ERROR, stylesheet, 0, 0, "the transformation failed");
        xmlFreeDoc(out);
        out = NULL;
    }
    if (out && chunks && rp_chunks_finish(chunks) != 0) {
        rp_diag_add(d, RP_ERROR, stylesheet, 0, 0,
                    "cannot put the layout aside in a temporary file in %s: %s",
                    g_get_tmp_dir(), strerror(rp_chunks_error(chunks)));
        xmlFreeDoc(out);
        out = NULL;
    }
    if (out && chunks && rp_chunks_count(chunks))
        rp_chunks_attach(out, chunks);
    else
        rp_chunks_free(chunks);
    return_shelved(tc, shelf_of(ctx, tc));
    xsltFreeTransformContext(tc);
    xsltFreeSecurityPrefs(prefs);
    policy_free(&pol);
    return out;
}
