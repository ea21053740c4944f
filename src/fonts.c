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
#include <string.h>
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

/* Without a cache, each font file is added by itself: fontconfig writes no
 * cache for single files.  Name order, the order fontconfig scans a
 * directory in, so that font matching cannot tell the two ways apart. */
static bool add_files(FcConfig *cfg, const char *dir)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, by_name);
    if (n < 0)
        return false;
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        if (name[0] != '.') {
            char *path = rp_xasprintf("%s/%s", dir, name);
            if (g_file_test(path, G_FILE_TEST_IS_DIR))
                add_files(cfg, path);
            else
                FcConfigAppFontAddFile(cfg, (const FcChar8 *)path); /* false for README.md */
            free(path);
        }
        free(names[i]);
    }
    free(names);
    return true;
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
    if (cached ? !FcConfigAppFontAddDir(cfg, (const FcChar8 *)dir) : !add_files(cfg, dir)) {
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
    /* A run is short; never re-scan directories behind our back. */
    FcConfigSetRescanInterval(cfg, 0);
    return cfg;
}
