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

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int walk(const char *dir, bool (*fn)(const char *path, void *data), void *data,
                GHashTable *seen)
{
    char *key = rp_file_key(dir);
    if (!key)
        return -1;
    if (!g_hash_table_add(seen, key))
        return 0; /* walked already: a link back up, or a second link to it */
    struct dirent **names;
    int n = scandir(dir, &names, NULL, by_name);
    if (n < 0)
        return -1;
    int failed = 0;
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        if (name[0] != '.') {
            char *path = rp_xasprintf("%s/%s", dir, name);
            if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
                int sub = walk(path, fn, data, seen);
                failed += sub > 0 ? sub : 0;
            } else if (!fn(path, data)) {
                failed++;
            }
            free(path);
        }
        free(names[i]);
    }
    free(names);
    return failed;
}

/* Calls fn on each file under dir (and its directories, dot files aside)
 * in name order, the order fontconfig scans a directory in.  A directory
 * is walked once, however many links lead to it: a link to a directory
 * above it (fonts/all -> .) had the walk go forty levels deep, until the
 * path was too long to follow, and every font was reported at the bottom
 * as one fontconfig had not taken.  Returns how many calls returned false,
 * or -1 when dir itself cannot be read. */
static int each_file(const char *dir, bool (*fn)(const char *path, void *data), void *data)
{
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    int failed = walk(dir, fn, data, seen);
    g_hash_table_destroy(seen);
    return failed;
}

/* Without a cache, each font file is added by itself: fontconfig writes no
 * cache for single files, and adding them in the order it scans keeps font
 * matching from telling the two ways apart. */
static bool add_file(const char *path, void *cfg)
{
    FcConfigAppFontAddFile(cfg, (const FcChar8 *)path); /* false for README.md */
    return true;
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
    if (fseek(f, at, SEEK_SET) != 0 || fread(head, 1, sizeof head, f) != sizeof head) {
        rp_diag_add(d, RP_ERROR, path, 0, 0, "damaged font: its table directory is cut short");
        return false;
    }
    unsigned ntables = (unsigned)head[4] << 8 | head[5];
    for (unsigned i = 0; i < ntables; i++) {
        if (fread(rec, 1, sizeof rec, f) != sizeof rec) {
            rp_diag_add(d, RP_ERROR, path, 0, 0, "damaged font: its table directory is cut short");
            return false;
        }
        uint64_t end = (uint64_t)be32(rec + 8) + be32(rec + 12);
        if (end > (uint64_t)size) {
            rp_diag_add(d, RP_ERROR, path, 0, 0,
                        "damaged font: its '%.4s' table ends at byte %ju, past the end of the "
                        "file (%ju bytes): the file is truncated",
                        (const char *)rec, (uintmax_t)end, (uintmax_t)size);
            return false;
        }
    }
    return true;
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
static bool font_usable(const char *path, void *data)
{
    font_check *c = data;
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

static bool check_fonts(FcFontSet *set, const char *dir, rp_diag *d)
{
    GHashTable *taken = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (int i = 0; i < set->nfont; i++) {
        FcChar8 *file;
        char *key;
        if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) == FcResultMatch &&
            (key = rp_file_key((const char *)file)))
            g_hash_table_add(taken, key);
    }
    font_check c = {taken, d};
    bool ok = each_file(dir, font_usable, &c) <= 0; /* -1: gone since fontconfig read it */
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

FcConfig *rp_fonts_load(const char *dir, rp_diag *d)
{
    FcConfig *cfg = FcConfigCreate();
    bool made = false, cached = cache_usable(&made);
    FcConfigParseAndLoadFromMemory(cfg, (const FcChar8 *)(cached ? cached_conf : uncached_conf),
                                   FcFalse);
    if (cached ? !FcConfigAppFontAddDir(cfg, (const FcChar8 *)dir) : each_file(dir, add_file, cfg) < 0) {
        rp_diag_add(d, RP_ERROR, dir, 0, 0, "cannot read the bundled fonts directory");
        FcConfigDestroy(cfg);
        return NULL;
    }
    if (made) /* what fontconfig writes into a cache directory it makes */
        FcCacheCreateTagFile(cfg);
    FcFontSet *set = FcConfigGetFonts(cfg, FcSetApplication);
    if (!set || set->nfont == 0) {
        rp_diag_add(d, RP_ERROR, dir, 0, 0, "no fonts found in the bundled fonts directory");
        FcConfigDestroy(cfg);
        return NULL;
    }
    if (!check_fonts(set, dir, d)) {
        FcConfigDestroy(cfg);
        return NULL;
    }
    /* A run is short; never re-scan directories behind our back. */
    FcConfigSetRescanInterval(cfg, 0);
    return cfg;
}
