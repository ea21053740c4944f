/* fonts.c - the bundled fonts, and nothing else.
 *
 * Output must not depend on the fonts a machine happens to have, so the
 * fontconfig configuration built here starts empty (no system fonts.conf)
 * and holds only the files under the data directory's fonts/.
 */
#include "internal.h"

#include <dirent.h>
#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The aliases give the generic names a bundled face and
 * make each face fall back to its closest bundled design for symbols it
 * lacks (Noto Serif has no "≥", DejaVu Serif does), and to the bundled
 * faces of other scripts: a serif text falls back to the Naskh (serif-like)
 * Arabic and the serif Hebrew, a sans one to the sans faces.  The script
 * faces come before DejaVu because DejaVu Sans has plain Arabic and Hebrew
 * of a different design; the CJK face comes after it because it also holds
 * arrows and maths signs in full-width designs that would change Latin
 * text.  There is no serif CJK face: Chinese and Japanese text takes the
 * sans one whatever the family. */
#define ALIASES \
    "<alias binding=\"same\"><family>serif</family><prefer><family>Noto Serif</family></prefer></alias>" \
    "<alias binding=\"same\"><family>sans-serif</family><prefer><family>Noto Sans</family></prefer></alias>" \
    "<alias binding=\"same\"><family>sans</family><prefer><family>Noto Sans</family></prefer></alias>" \
    "<alias binding=\"same\"><family>Noto Serif</family><default>" \
    "<family>Noto Naskh Arabic</family><family>Noto Serif Hebrew</family>" \
    "<family>DejaVu Serif</family><family>Noto Sans CJK JP</family></default></alias>" \
    "<alias binding=\"same\"><family>Noto Sans</family><default>" \
    "<family>Noto Sans Arabic</family><family>Noto Sans Hebrew</family>" \
    "<family>DejaVu Sans</family><family>Noto Sans CJK JP</family></default></alias>"

/* Fontconfig caches what it learns of a font directory in the user's cache,
 * like every other program, which saves reading every font file on each
 * run. */
static const char cached_conf[] =
    "<?xml version=\"1.0\"?><fontconfig>"
    "<cachedir prefix=\"xdg\">fontconfig</cachedir>" ALIASES "</fontconfig>";
static const char uncached_conf[] =
    "<?xml version=\"1.0\"?><fontconfig>" ALIASES "</fontconfig>";

/* The directory fontconfig's "xdg" prefix names. */
static char *user_cache_dir(void)
{
    const char *xdg = getenv("XDG_CACHE_HOME");
    if (xdg && *xdg)
        return rp_xasprintf("%s/fontconfig", xdg);
    const char *home = getenv("HOME");
    if (home && *home)
        return rp_xasprintf("%s/.cache/fontconfig", home);
    return NULL;
}

/* Whether the user's font cache can be written, made here if it is missing.
 * Fontconfig would make it itself, but when two workers (or two rolepress
 * processes of one build) start on a new machine, the one whose mkdir
 * loses the race prints "Fontconfig error: No writable cache directories",
 * and so does every run whose cache cannot be written (a read-only or unset
 * HOME in a CI container) -- lines that are not rolepress's diagnostics and
 * would break --diagnostics=json. */
static bool cache_usable(bool *made)
{
    char *dir = user_cache_dir();
    if (!dir)
        return false;
    *made = access(dir, F_OK) != 0;
    bool ok = g_mkdir_with_parents(dir, 0755) == 0 && access(dir, W_OK) == 0;
    free(dir);
    return ok;
}

static void list_file(const char *path, const struct dirent *e, void *files)
{
    if (e) /* a directory fontconfig cannot read either has no fonts for it */
        g_ptr_array_add(files, g_strdup(path));
}

/* Every file under dir (and its directories, dot files aside) in name
 * order, the order fontconfig scans a directory in, each directory once
 * however many links lead to it (rp_walk_dir); NULL when dir cannot be
 * read.  Walked once for both adding the fonts and checking them. */
static GPtrArray *font_dir_files(const char *dir)
{
    GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    int r = rp_walk_dir(dir, 1, seen, list_file, files);
    g_hash_table_destroy(seen);
    if (r < 0) {
        g_ptr_array_free(files, TRUE);
        return NULL;
    }
    return files;
}

/* Without a cache, each font file is added by itself: fontconfig writes no
 * cache for single files, and adding them in the order it scans keeps font
 * matching from telling the two ways apart. */
static void add_files(FcConfig *cfg, const GPtrArray *files)
{
    for (guint i = 0; i < files->len; i++) /* false for README.md */
        FcConfigAppFontAddFile(cfg, (const FcChar8 *)g_ptr_array_index(files, i));
}

static bool is_font_file(const char *name)
{
    const char *dot = strrchr(name, '.');
    return dot && (g_ascii_strcasecmp(dot, ".ttf") == 0 || g_ascii_strcasecmp(dot, ".otf") == 0 ||
                   g_ascii_strcasecmp(dot, ".ttc") == 0 || g_ascii_strcasecmp(dot, ".otc") == 0);
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Whether the tables of the font whose table directory is at `at` all lie
 * within the file; if not, says which one does not.  A truncated file
 * keeps its directory, and fontconfig reads what is left without a word:
 * with its name table gone the face gets the file's name as family, and
 * text asking for the family silently falls back to another bundled face. */
static bool tables_within(FILE *f, long at, off_t size, const char *path, rp_diag *d)
{
    unsigned char head[12], rec[16];
    bool whole = fseek(f, at, SEEK_SET) == 0 && fread(head, 1, sizeof head, f) == sizeof head;
    unsigned ntables = whole ? (unsigned)head[4] << 8 | head[5] : 0;
    for (unsigned i = 0; i < ntables; i++) {
        if (!(whole = fread(rec, 1, sizeof rec, f) == sizeof rec))
            break;
        uint64_t end = (uint64_t)be32(rec + 8) + be32(rec + 12);
        if (end > (uint64_t)size) {
            rp_diag_add(d, RP_ERROR, path, 0, 0,
                        "damaged font: its '%.4s' table ends at byte %ju, past the end of the "
                        "file (%ju bytes): the file is truncated",
                        (const char *)rec, (uintmax_t)end, (uintmax_t)size);
            return false;
        }
    }
    if (!whole)
        rp_diag_add(d, RP_ERROR, path, 0, 0, "damaged font: its table directory is cut short");
    return whole;
}

/* A font file (TrueType, OpenType or a collection of them) whose tables
 * all lie within it. */
static bool font_complete(const char *path, rp_diag *d)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return true; /* not taken by fontconfig either: font_usable says so */
    struct stat st;
    unsigned char head[12];
    bool ok = fstat(fileno(f), &st) == 0 && fread(head, 1, sizeof head, f) == sizeof head;
    if (!ok) {
        rp_diag_add(d, RP_ERROR, path, 0, 0, "damaged font: shorter than a font's header");
    } else if (memcmp(head, "\0\1\0\0", 4) != 0 && memcmp(head, "OTTO", 4) != 0 &&
               memcmp(head, "true", 4) != 0 && memcmp(head, "ttcf", 4) != 0) {
        rp_diag_add(d, RP_ERROR, path, 0, 0, "not a TrueType or OpenType font");
        ok = false;
    } else if (memcmp(head, "ttcf", 4) != 0) {
        ok = tables_within(f, 0, st.st_size, path, d);
    } else {
        uint32_t nfonts = be32(head + 8);
        for (uint32_t i = 0; ok && i < nfonts; i++) {
            unsigned char off[4];
            ok = fseek(f, 12 + 4 * (long)i, SEEK_SET) == 0 && fread(off, 1, 4, f) == 4;
            if (!ok)
                rp_diag_add(d, RP_ERROR, path, 0, 0, "damaged font: its collection header is cut short");
            else
                ok = tables_within(f, (long)be32(off), st.st_size, path, d);
        }
    }
    fclose(f);
    return ok;
}

typedef struct {
    GHashTable *taken; /* rp_file_key() of each file fontconfig took */
    rp_diag *d;
} font_check;

/* A font file must be complete, and taken by fontconfig (which skips a
 * file it cannot read at all without a word); other files are not fonts. */
static bool font_usable(const char *path, const font_check *c)
{
    if (!is_font_file(path))
        return true;
    if (!font_complete(path, c->d))
        return false;
    char *key = rp_file_key(path);
    bool taken = key && g_hash_table_contains(c->taken, key);
    g_free(key);
    if (!taken)
        rp_diag_add(c->d, RP_ERROR, path, 0, 0, "not a usable font: fontconfig cannot read it");
    return taken;
}

/* Checks each of files, those fontconfig took and those it did not; with
 * no list (a directory fontconfig read from its cache, as one that can be
 * searched but not listed), none. */
static bool check_fonts(FcFontSet *set, const GPtrArray *files, rp_diag *d)
{
    if (!files)
        return true;
    GHashTable *taken = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (int i = 0; i < set->nfont; i++) {
        FcChar8 *file;
        char *key;
        if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) == FcResultMatch &&
            (key = rp_file_key((const char *)file)))
            g_hash_table_add(taken, key);
    }
    font_check c = {taken, d};
    bool ok = true;
    for (guint i = 0; i < files->len; i++)
        ok &= font_usable(g_ptr_array_index(files, i), &c);
    g_hash_table_destroy(taken);
    return ok;
}

void rp_fonts_skip_system_config(void)
{
    /* Pango's font map has fontconfig load its default configuration in a
     * thread of its own (FcInit) and waits for it before its first match,
     * although a context's font map has a configuration of its own.  That
     * load reads every system configuration file and font cache, and
     * prints a broken file's errors on standard error, where a batch's
     * diagnostics go.  FcInit does nothing once a configuration is
     * current; the process keeps this empty one. */
    FcConfigSetCurrent(FcConfigCreate());
}

/* The fonts of dir in cfg, NULL when there are none: with a cache,
 * fontconfig scans dir itself, and its cache is kept for the next run. */
static FcFontSet *add_fonts(FcConfig *cfg, bool cached, const char *dir, const GPtrArray *files,
                            rp_diag *d)
{
    if (cached ? !FcConfigAppFontAddDir(cfg, (const FcChar8 *)dir) : !files) {
        rp_diag_add(d, RP_ERROR, dir, 0, 0, "cannot read the bundled fonts directory");
        return NULL;
    }
    if (!cached)
        add_files(cfg, files);
    FcFontSet *set = FcConfigGetFonts(cfg, FcSetApplication);
    if (!set || set->nfont == 0) {
        rp_diag_add(d, RP_ERROR, dir, 0, 0, "no fonts found in the bundled fonts directory");
        return NULL;
    }
    return set;
}

FcConfig *rp_fonts_load(const char *dir, rp_diag *d)
{
    FcConfig *cfg = FcConfigCreate();
    bool made = false, cached = cache_usable(&made);
    FcConfigParseAndLoadFromMemory(cfg, (const FcChar8 *)(cached ? cached_conf : uncached_conf),
                                   FcFalse);
    GPtrArray *files = font_dir_files(dir);
    FcFontSet *set = add_fonts(cfg, cached, dir, files, d);
    if (made) /* what fontconfig writes into a cache directory it makes */
        FcCacheCreateTagFile(cfg);
    bool ok = set && check_fonts(set, files, d);
    if (files)
        g_ptr_array_free(files, TRUE);
    if (!ok) {
        FcConfigDestroy(cfg);
        return NULL;
    }
    /* A run is short; never re-scan directories behind our back. */
    FcConfigSetRescanInterval(cfg, 0);
    return cfg;
}
