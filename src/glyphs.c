/* glyphs.c - characters that no bundled font has.
 *
 * Pango draws a character no font covers as an "unknown" glyph: a box
 * holding its code.  The renderer passes every line of text it draws
 * through rp_glyphs_check (paragraphs, cells, list markers, diagram
 * labels, running heads and footers alike), which reports each such
 * character once a document: at the blueprint line it comes from when
 * that is known, else against the stylesheet.
 */
#include "typeset.h"

#include <stdlib.h>
#include <string.h>

/* How far below its element's first line a character is looked for: an
 * element's text may run over several lines of the blueprint. */
#define RP_GLYPH_SEARCH_LINES 200

void rp_glyphs_init(rp_glyphs *g, const char *culprit, rp_diag *d)
{
    *g = (rp_glyphs){.reported = g_hash_table_new(g_direct_hash, g_direct_equal),
                     .culprit = culprit, .d = d};
}

void rp_glyphs_clear(rp_glyphs *g)
{
    if (g->reported)
        g_hash_table_unref(g->reported);
    g->reported = NULL;
}

/* Reports c at the blueprint line (and column) it comes from; at the src
 * as written when it names no line (as other warnings are), else at the
 * stylesheet. */
static void report_missing(rp_glyphs *g, gunichar c, rp_src src)
{
    char utf8[8] = {0};
    g_unichar_to_utf8(c, utf8);
    if (!src.file || !src.line) {
        rp_diag_add_src(g->d, RP_WARNING, src, g->culprit,
                        "no bundled font has a glyph for U+%04" G_GINT32_MODIFIER "X (%s)", c, utf8);
        return;
    }
    int line = (int)src.line;
    int col = rp_source_find(src.file, &line, RP_GLYPH_SEARCH_LINES, utf8);
    rp_diag_add(g->d, RP_WARNING, src.file, line, col,
                "no bundled font has a glyph for U+%04" G_GINT32_MODIFIER "X (%s)", c, utf8);
}

void rp_glyphs_check(rp_glyphs *g, PangoLayout *l, const PangoLayoutLine *line,
                     rp_src src)
{
    /* Pango counts a layout's unknown glyphs once: nearly every line
     * drawn stops here. */
    if (pango_layout_get_unknown_glyphs_count(l) == 0)
        return;
    for (GSList *r = line->runs; r; r = r->next) {
        const PangoGlyphString *gs = ((PangoGlyphItem *)r->data)->glyphs;
        for (int k = 0; k < gs->num_glyphs; k++) {
            PangoGlyph glyph = gs->glyphs[k].glyph;
            if (!(glyph & PANGO_GLYPH_UNKNOWN_FLAG) || glyph == PANGO_GLYPH_INVALID_INPUT)
                continue;
            gunichar c = glyph & ~PANGO_GLYPH_UNKNOWN_FLAG;
            if (g_hash_table_add(g->reported, GUINT_TO_POINTER(c)))
                report_missing(g, c, src);
        }
    }
}
