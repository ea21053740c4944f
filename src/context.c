/* context.c - the state a run shares: data directory, fonts, schemas.
 *
 * The data directory holds xml/ (schemas, ladder), xsl/ and fonts/.  It is
 * found, in order: the argument, $ROLEPRESS_DATADIR, ../share/rolepress
 * beside the executable (an installed copy), the source tree it was built
 * from.
 */
#include "internal.h"
#include "typeset.h"

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <cairo-ft.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlschemastypes.h>
#include <libexslt/exslt.h>
#include <libxslt/xslt.h>
#include <libxslt/documents.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef RP_SOURCE_DATADIR
#define RP_SOURCE_DATADIR "."
#endif

static int is_datadir(const char *dir)
{
    char *p = rp_xasprintf("%s/xsl/common.xsl", dir);
    struct stat st;
    int ok = stat(p, &st) == 0;
    free(p);
    return ok;
}

static char *installed_datadir(void)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    char *dir = rp_xasprintf("%s/../share/rolepress", exe);
    if (is_datadir(dir))
        return dir;
    free(dir);
    return NULL;
}

static char *find_datadir(const char *given, rp_diag *d)
{
    if (given) {
        if (is_datadir(given))
            return rp_xstrdup(given);
        rp_diag_add(d, RP_ERROR, given, 0, 0, "not a rolepress data directory (no xsl/common.xsl)");
        return NULL;
    }
    const char *env = getenv("ROLEPRESS_DATADIR");
    if (env && *env) {
        if (is_datadir(env))
            return rp_xstrdup(env);
        rp_diag_add(d, RP_ERROR, env, 0, 0,
                    "ROLEPRESS_DATADIR is not a rolepress data directory (no xsl/common.xsl)");
        return NULL;
    }
    char *dir = installed_datadir();
    if (dir)
        return dir;
    if (is_datadir(RP_SOURCE_DATADIR))
        return rp_xstrdup(RP_SOURCE_DATADIR);
    rp_diag_add(d, RP_ERROR, NULL, 0, 0,
                "cannot find the rolepress data directory; set ROLEPRESS_DATADIR");
    return NULL;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Process-wide set-up of the libraries, once, whatever the number of
 * contexts and threads. */
static pthread_once_t library_once = PTHREAD_ONCE_INIT;

static void library_init(void)
{
    xmlInitParser();
    /* RELAX NG registers its datatypes on first use, which two threads
     * must not race to do. */
    xmlRelaxNGInitTypes();
    xmlSchemaInitTypes();
    exsltRegisterAll();
    xsltSetLoaderFunc(rp_xsl_loader);
    rp_xsl_init_errors();
    rp_xml_init_loader();
}

static PangoContext *new_pango_context(PangoFontMap *fm)
{
    PangoContext *pc = pango_font_map_create_context(fm);
    /* 72 dpi makes a device unit one point, so Pango units are 1/1024 pt,
     * the typesetter's unit.  Unhinted metrics and unrounded positions keep
     * measurements independent of any output resolution. */
    pango_cairo_context_set_resolution(pc, 72.0);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(pc, fo);
    cairo_font_options_destroy(fo);
    pango_context_set_round_glyph_positions(pc, FALSE);
    pango_cairo_context_set_shape_renderer(pc, rp_shape_draw, NULL, NULL);
    return pc;
}

static gboolean every_font(PangoFontset *fs, PangoFont *font, gpointer data)
{
    (void)fs;
    (void)font;
    (void)data;
    return FALSE; /* on to the next: the whole fallback list is made */
}

/* Pango 1.50 matches and sorts each new fontset on a thread of its own,
 * one task after another, and a task holds the last reference to the
 * fontset's patterns once the font map's caches let go of them.  Ending
 * such a task while pango_fc_font_map_set_config() clears the caches
 * looked the patterns up in the table being destroyed: a division by
 * zero in g_hash_table_lookup on that thread (once in CI, in a run that
 * stopped at an error within milliseconds of loading its fonts).
 * A fontset loaded now and asked for every font waits for its own sort,
 * queued after every task before it; it is returned, to be let go of
 * once the caches are cleared, so that the one task still ending (its
 * own) does not hold the last reference while they are.  (A task keeps
 * the font map itself alive until it has ended.) */
static PangoFontset *drain_font_thread(rp_context *ctx)
{
    PangoFontDescription *desc = pango_font_description_from_string("Noto Serif 10");
    PangoFontset *fs = pango_font_map_load_fontset(ctx->fontmap, ctx->pango, desc,
                                                   pango_language_from_string("und-zxxx"));
    pango_font_description_free(desc);
    if (fs)
        pango_fontset_foreach(fs, every_font, NULL);
    return fs;
}

/* The font map's end, which the last task of Pango's thread may bring
 * about after its own end: until then the task's memory is still held. */
typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int gone;
} map_end;

static void map_gone(gpointer data, GObject *was)
{
    (void)was;
    map_end *e = data;
    pthread_mutex_lock(&e->lock);
    e->gone = 1;
    pthread_cond_signal(&e->cond);
    pthread_mutex_unlock(&e->lock);
}

/* Lets go of the font map and waits (at most two seconds, should anything
 * else still hold it) until it is finalised: a process that exits with the
 * drain's task still ending would leave its memory to the leak checkers. */
static void unref_font_map(PangoFontMap *fm)
{
    map_end e = {.lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER};
    g_object_weak_ref(G_OBJECT(fm), map_gone, &e);
    g_object_unref(fm);
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 2;
    pthread_mutex_lock(&e.lock);
    while (!e.gone && pthread_cond_timedwait(&e.cond, &e.lock, &until) == 0)
        ;
    int gone = e.gone;
    pthread_mutex_unlock(&e.lock);
    if (!gone) /* the callback must not run on e once this returns */
        g_object_weak_unref(G_OBJECT(fm), map_gone, &e);
    pthread_cond_destroy(&e.cond);
    pthread_mutex_destroy(&e.lock);
}

/* Every bundled face kept open while the context lives.  Cairo keeps at
 * most ten FreeType faces open and closes one no document holds locked to
 * open another; with two workers, one closed a face while the other read
 * it (a crash in FT_Get_First_Char: an Arabic guide uses eleven faces, an
 * English one fewer).  A face locked through cairo_ft_scaled_font_lock_face
 * stays open until unlocked (Cairo releases its mutex, not the lock), so
 * none of ours is ever closed under another worker. */
static void pin_faces(rp_context *ctx, FcFontSet *set)
{
    cairo_matrix_t size, identity;
    cairo_matrix_init_scale(&size, 10, 10);
    cairo_matrix_init_identity(&identity);
    cairo_font_options_t *opts = cairo_font_options_create();
    for (int i = 0; set && i < set->nfont; i++) {
        cairo_font_face_t *face = cairo_ft_font_face_create_for_pattern(set->fonts[i]);
        cairo_scaled_font_t *sf = cairo_scaled_font_create(face, &size, &identity, opts);
        cairo_font_face_destroy(face); /* the scaled font holds it */
        if (cairo_scaled_font_status(sf) == CAIRO_STATUS_SUCCESS &&
            cairo_ft_scaled_font_lock_face(sf))
            *RP_PUSH(ctx->pins, ctx->npins, ctx->cappins) = sf;
        else
            cairo_scaled_font_destroy(sf);
    }
    cairo_font_options_destroy(opts);
}

static void unpin_faces(rp_context *ctx)
{
    for (size_t i = 0; i < ctx->npins; i++) {
        cairo_ft_scaled_font_unlock_face(ctx->pins[i]);
        cairo_scaled_font_destroy(ctx->pins[i]);
    }
    free(ctx->pins);
}

rp_context *rp_context_new(const char *datadir, rp_diag *d)
{
    char *dir = find_datadir(datadir, d);
    if (!dir)
        return NULL;
    char *fontdir = rp_xasprintf("%s/fonts", dir);
    FcConfig *cfg = rp_fonts_load(fontdir, d);
    free(fontdir);
    if (!cfg) {
        free(dir);
        return NULL;
    }
    pthread_once(&library_once, library_init);
    rp_context *ctx = rp_xcalloc(1, sizeof *ctx);
    ctx->datadir = dir;
    ctx->fonts = cfg;
    ctx->fontmap = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(ctx->fontmap), cfg);
    /* The contexts' resolution (new_pango_context) for the font map too.
     * The first time a font's metrics are asked for (every font a layout
     * uses), Pango shapes a sample text in a context of its own that only
     * the font map's resolution reaches: at its default 96 dpi, every font
     * was matched, sorted and loaded a second time (5 % of the
     * instructions of a one-document process). */
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(ctx->fontmap), 72.0);
    ctx->pango = new_pango_context(ctx->fontmap);
    /* Right-to-left text gets a context of its own: a layout reads its base
     * direction from its context, and changing a shared context's would
     * invalidate every layout made with it. */
    ctx->pango_rtl = new_pango_context(ctx->fontmap);
    pango_context_set_base_dir(ctx->pango_rtl, PANGO_DIRECTION_RTL);
    FcFontSet *set = FcConfigGetFonts(cfg, FcSetApplication);
    pin_faces(ctx, set);
    for (int i = 0; set && i < set->nfont; i++) {
        FcChar8 *file;
        if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) == FcResultMatch) {
            int seen = 0;
            for (size_t k = 0; k < ctx->nfont_files; k++)
                seen |= strcmp(ctx->font_files[k], (const char *)file) == 0;
            if (!seen)
                *RP_PUSH(ctx->font_files, ctx->nfont_files, ctx->capfont_files) =
                    rp_xstrdup((const char *)file);
        }
    }
    /* Name order: a depfile should not depend on directory order. */
    qsort(ctx->font_files, ctx->nfont_files, sizeof *ctx->font_files, cmp_str);
    ctx->max_pages = RP_DEFAULT_MAX_PAGES;
    ctx->xsl_timeout = RP_DEFAULT_XSL_TIMEOUT;
    return ctx;
}

void rp_context_free(rp_context *ctx)
{
    if (!ctx)
        return;
    rp_schema_clear(&ctx->blueprint_rng);
    rp_schema_clear(&ctx->layout_rng);
    rp_schema_clear(&ctx->ladder_rng);
    rp_schema_clear(&ctx->handbook_rng);
    rp_schema_clear(&ctx->l10n_rng);
    xmlFreeDoc(ctx->l10n_en);
    rp_xsl_cache_free(ctx->xsl);
    if (ctx->hyphen) {
        g_hash_table_unref(ctx->hyphen);
        g_hash_table_unref(ctx->hyphen_paths);
    }
    for (size_t i = 0; i < ctx->ndeps; i++)
        free(ctx->deps[i]);
    free(ctx->deps);
    if (ctx->depset)
        g_hash_table_unref(ctx->depset);
    if (ctx->good_ladders)
        g_hash_table_unref(ctx->good_ladders);
    for (size_t i = 0; i < ctx->nfont_files; i++)
        free(ctx->font_files[i]);
    free(ctx->font_files);
    for (size_t i = 0; i < ctx->nallowed; i++)
        free(ctx->allowed[i]);
    free(ctx->allowed);
    PangoFontset *last = drain_font_thread(ctx);
    g_object_unref(ctx->pango);
    g_object_unref(ctx->pango_rtl);
    /* Pango 1.50 takes a reference on the configuration that it never
     * returns; handing it NULL makes it drop that reference. */
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(ctx->fontmap), NULL);
    if (last) /* before the map: a fontset holds no reference to it */
        g_object_unref(last);
    unref_font_map(ctx->fontmap);
    unpin_faces(ctx);
    FcConfigDestroy(ctx->fonts);
    free(ctx->datadir);
    free(ctx);
}

void rp_context_set_limits(rp_context *ctx, size_t max_pages, double xsl_timeout)
{
    ctx->max_pages = max_pages;
    ctx->xsl_timeout = xsl_timeout;
}

void rp_context_allow_read(rp_context *ctx, const char *dir)
{
    for (size_t i = 0; i < ctx->nallowed; i++)
        if (strcmp(ctx->allowed[i], dir) == 0)
            return; /* a batch's documents allow their ladder each */
    *RP_PUSH(ctx->allowed, ctx->nallowed, ctx->capallowed) = rp_xstrdup(dir);
}

void rp_context_set_check_layout(rp_context *ctx, int on)
{
    ctx->check_layout = on;
}

void rp_context_set_first_fit(rp_context *ctx, int on)
{
    ctx->first_fit = on;
}

void rp_context_set_spare_core(rp_context *ctx, int on)
{
    ctx->spare_core = on;
}

void rp_context_line_stats(const rp_context *ctx, rp_line_stats *out)
{
    out->lines = ctx->stats.lines;
    out->sum_r2 = ctx->stats.sum_r2;
    out->hyphens = ctx->stats.hyphens;
}

void rp_shutdown(void)
{
    xsltCleanupGlobals();
    xmlCleanupParser();
    /* Not FcFini(): Pango calls FcInit in a thread of its own, which may
     * still be running, and FcFini() would race with it.  A program that
     * did not call rp_fonts_skip_system_config() keeps fontconfig's
     * default configuration: tests/lsan.supp names what it holds. */
}

const char *rp_context_datadir(const rp_context *ctx)
{
    return ctx->datadir;
}

void rp_context_begin(rp_context *ctx)
{
    for (size_t i = 0; i < ctx->ndeps; i++)
        free(ctx->deps[i]);
    ctx->ndeps = 0;
    if (ctx->depset)
        g_hash_table_remove_all(ctx->depset);
    /* Every document depends on the fonts it may be set in. */
    for (size_t i = 0; i < ctx->nfont_files; i++)
        rp_context_note_dependency(ctx, ctx->font_files[i]);
}

size_t rp_context_dependencies(const rp_context *ctx, const char *const **files)
{
    *files = (const char *const *)ctx->deps;
    return ctx->ndeps;
}

/* Called for every paragraph (its hyphenation patterns) of a document
 * that may depend on thousands of blueprints: a set, not a scan.  The
 * array keeps the order for the depfile. */
void rp_context_note_dependency(rp_context *ctx, const char *path)
{
    if (!ctx->depset)
        ctx->depset = g_hash_table_new(g_str_hash, g_str_equal);
    if (g_hash_table_contains(ctx->depset, path))
        return;
    char *copy = rp_xstrdup(path);
    *RP_PUSH(ctx->deps, ctx->ndeps, ctx->capdeps) = copy;
    g_hash_table_add(ctx->depset, copy);
}

char *rp_data_path(const rp_context *ctx, const char *rel)
{
    return rp_xasprintf("%s/%s", ctx->datadir, rel);
}
