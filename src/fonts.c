/* fonts.c - the bundled fonts, and nothing else.
 *
 * Output must not depend on the fonts a machine happens to have, so the
 * fontconfig configuration built here starts empty (no system fonts.conf)
 * and holds only the files under the data directory's fonts/.
 */
#include "internal.h"

#include <fontconfig/fontconfig.h>

/* Fontconfig caches what it learns of a font directory; without a cache
 * directory it complains on every run, so use the user's cache like every
 * other program.  The aliases give the generic names a bundled face and
 * make each face fall back to its closest bundled design for symbols it
 * lacks (Noto Serif has no "≥", DejaVu Serif does), and to the bundled
 * faces of other scripts: a serif text falls back to the Naskh (serif-like)
 * Arabic and the serif Hebrew, a sans one to the sans faces.  The script
 * faces come before DejaVu because DejaVu Sans has plain Arabic and Hebrew
 * of a different design; the CJK face comes after it because it also holds
 * arrows and maths signs in full-width designs that would change Latin
 * text.  There is no serif CJK face: Chinese and Japanese text takes the
 * sans one whatever the family. */
static const char cache_conf[] =
    "<?xml version=\"1.0\"?><fontconfig>"
    "<cachedir prefix=\"xdg\">fontconfig</cachedir>"
    "<alias binding=\"same\"><family>serif</family><prefer><family>Noto Serif</family></prefer></alias>"
    "<alias binding=\"same\"><family>sans-serif</family><prefer><family>Noto Sans</family></prefer></alias>"
    "<alias binding=\"same\"><family>sans</family><prefer><family>Noto Sans</family></prefer></alias>"
    "<alias binding=\"same\"><family>Noto Serif</family><default>"
    "<family>Noto Naskh Arabic</family><family>Noto Serif Hebrew</family>"
    "<family>DejaVu Serif</family><family>Noto Sans CJK JP</family></default></alias>"
    "<alias binding=\"same\"><family>Noto Sans</family><default>"
    "<family>Noto Sans Arabic</family><family>Noto Sans Hebrew</family>"
    "<family>DejaVu Sans</family><family>Noto Sans CJK JP</family></default></alias>"
    "</fontconfig>";

FcConfig *rp_fonts_load(const char *dir, rp_diag *d)
{
    FcConfig *cfg = FcConfigCreate();
    FcConfigParseAndLoadFromMemory(cfg, (const FcChar8 *)cache_conf, FcFalse);
    if (!FcConfigAppFontAddDir(cfg, (const FcChar8 *)dir)) {
        rp_diag_add(d, RP_ERROR, dir, 0, 0, "cannot read the bundled fonts directory");
        FcConfigDestroy(cfg);
        return NULL;
    }
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
