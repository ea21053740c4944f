/* hyphenate.c - hyphenation points from libhyphen's Liang patterns.
 *
 * Input: a word and a language.  Output: the byte offsets after which the
 * word may be broken with a hyphen.  Dictionaries are the hyphen-*
 * packages' (/usr/share/hyphen), found by language tag and cached in the
 * context; a language without one is simply not hyphenated.
 */
#include "typeset.h"

#include <hyphen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The country whose patterns stand for a bare language tag. */
static const char *const default_region[][2] = {
    {"en", "US"}, {"de", "DE"}, {"fr", "FR"}, {"es", "ES"}, {"it", "IT"},
    {"nl", "NL"}, {"pt", "PT"}, {"sv", "SE"}, {"da", "DK"}, {"pl", "PL"},
};

static char *find_dict(const char *lang)
{
    char ll[8] = {0}, cc[8] = {0};
    sscanf(lang, "%7[a-zA-Z]%*[-_]%7[a-zA-Z]", ll, cc);
    for (char *p = ll; *p; p++)
        *p = (char)g_ascii_tolower(*p);
    for (char *p = cc; *p; p++)
        *p = (char)g_ascii_toupper(*p);
    if (!*cc)
        for (size_t i = 0; i < sizeof default_region / sizeof *default_region; i++)
            if (strcmp(ll, default_region[i][0]) == 0)
                strcpy(cc, default_region[i][1]);
    char *cands[2] = {*cc ? rp_xasprintf("%s/hyph_%s_%s.dic", RP_HYPHEN_DIR, ll, cc) : NULL,
                      rp_xasprintf("%s/hyph_%s.dic", RP_HYPHEN_DIR, ll)};
    char *found = NULL;
    for (int i = 0; i < 2; i++) {
        if (!found && cands[i] && access(cands[i], R_OK) == 0)
            found = cands[i];
        else
            free(cands[i]);
    }
    return found;
}

static void free_dict(gpointer p)
{
    if (p != GINT_TO_POINTER(1))
        rp_hyphen_free(p);
}

static const char *dict_path(rp_context *ctx, const char *lang)
{
    return g_hash_table_lookup(ctx->hyphen_paths, lang);
}

void *rp_hyphen_dict(rp_context *ctx, const char *lang)
{
    if (!lang || !*lang)
        return NULL;
    if (!ctx->hyphen) {
        ctx->hyphen = g_hash_table_new_full(g_str_hash, g_str_equal, free, free_dict);
        ctx->hyphen_paths = g_hash_table_new_full(g_str_hash, g_str_equal, free, free);
    }
    gpointer v = g_hash_table_lookup(ctx->hyphen, lang);
    if (v) {
        if (v != GINT_TO_POINTER(1))
            rp_context_note_dependency(ctx, dict_path(ctx, lang));
        return v == GINT_TO_POINTER(1) ? NULL : v;
    }
    char *path = find_dict(lang);
    HyphenDict *dict = path ? rp_hyphen_load(path) : NULL;
    if (dict) {
        rp_context_note_dependency(ctx, path);
        g_hash_table_insert(ctx->hyphen_paths, rp_xstrdup(lang), rp_xstrdup(path));
    }
    free(path);
    /* Remember a miss too: one lookup per language per run. */
    g_hash_table_insert(ctx->hyphen, rp_xstrdup(lang), dict ? (gpointer)dict : GINT_TO_POINTER(1));
    return dict;
}

/* Hyphenation points of word (in the dictionary's encoding) as offsets
 * after which a break is allowed, in that encoding's units. */
static size_t points(HyphenDict *hd, const char *word, size_t len, size_t *after, size_t max)
{
    size_t n = 0;
    char *hyphens = rp_xcalloc(len + 5, 1);
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    /* At least two letters before a break and three after: "ex- ample"
     * reads, "exampl- e" does not. */
    if (hnj_hyphen_hyphenate3(hd, word, (int)len, hyphens, NULL, &rep, &pos, &cut, 2, 3, 2, 3) ==
        0)
        for (size_t i = 0; i + 1 < len && n < max; i++)
            if ((hyphens[i] & 1) && !(rep && rep[i]))
                after[n++] = i + 1;
    if (rep) {
        for (size_t i = 0; i < len; i++)
            free(rep[i]);
        free(rep);
    }
    free(pos);
    free(cut);
    free(hyphens);
    return n;
}

size_t rp_hyphenate(void *dict, const char *word, size_t len, size_t min_chars, size_t *after,
                    size_t max)
{
    HyphenDict *hd = dict;
    if (!hd || len < min_chars || len > 200 || g_utf8_strlen(word, (gssize)len) < (glong)min_chars)
        return 0;
    /* Patterns are lower case; only a lower-casing that keeps the length
     * keeps the offsets right (true of the scripts the packages cover). */
    char *low = g_utf8_strdown(word, (gssize)len);
    size_t n = 0;
    if (strlen(low) != len) {
        /* leave it whole */
    } else if (hd->utf8) {
        /* libhyphen reports the points of a UTF-8 word in characters, not
         * bytes ("compétence": after 3 and 5 characters): map them back,
         * or a soft hyphen would split the two bytes of the "é". */
        n = points(hd, low, len, after, max);
        for (size_t k = 0; k < n; k++)
            after[k] = (size_t)(g_utf8_offset_to_pointer(word, (glong)after[k]) - word);
    } else {
        /* Some packages' patterns are in a legacy 8-bit encoding (German:
         * ISO-8859-1): hyphenate the word in it, one byte per character,
         * and map the character offsets back to UTF-8 bytes. */
        gsize out_len = 0;
        char *enc = g_convert(low, (gssize)len, hd->cset, "UTF-8", NULL, &out_len, NULL);
        if (enc && out_len == (gsize)g_utf8_strlen(low, (gssize)len)) {
            n = points(hd, enc, out_len, after, max);
            for (size_t k = 0; k < n; k++)
                after[k] = (size_t)(g_utf8_offset_to_pointer(word, (glong)after[k]) - word);
        }
        g_free(enc);
    }
    g_free(low);
    return n;
}
