/* compose.c - paragraphs broken into lines by total fit.
 *
 * Input: a paragraph laid out by Pango on one unbroken line (shaped, with
 * soft hyphens at the hyphenation points), its style and measure.
 * Output: the same layout with its lines chosen by the Knuth-Plass breaker
 * (linebreak.c) and fixed with line separators, hyphens made visible where
 * a word is broken, and, for justified text, the spaces of each line
 * widened or narrowed to fill the measure exactly.  Pango keeps shaping
 * and drawing; only the choice of breaks is ours.  Widths are measured in
 * logical order, so right-to-left and mixed text are composed too.  Text
 * with leaders, or that the breaker cannot set within its tolerance, is
 * left to Pango's own line breaking.
 */
#include "typeset.h"
#include "linebreak.h"

#include <fribidi.h>
#include <stdlib.h>
#include <string.h>

#define SHY "\xC2\xAD"
#define LINE_SEP "\xE2\x80\xA8"

/* Interword glue in the proportions TeX gives a space: it may stretch by
 * half and shrink by a third. */
#define STRETCH_NUM 1
#define STRETCH_DEN 2
#define SHRINK_NUM 1
#define SHRINK_DEN 3
/* Twice TeX's 50: the measures here are long, where a hyphen saves
 * little looseness; measured over the handbook, 100 cuts the hyphenated
 * lines by a twentieth for a 3% rise in looseness. */
#define HYPHEN_PENALTY 100
/* Ragged-right lines may fall short by this many ems before they count as
 * bad: a gentle rag, not a jagged one. */
#define RAGGED_EMS 3
/* Between two CJK characters a justified line may open a tenth of an em:
 * with forty characters a line that is four ems short still fills. */
#define CJK_STRETCH_DEN 10

typedef struct {
    size_t start, end;  /* byte range the item covers */
} span;

typedef struct {
    rp_kp_item *v;
    span *at;
    size_t n, cap;
} itemlist;

static rp_kp_item *push(itemlist *l, rp_kp_type type, size_t start, size_t end)
{
    if (rp_grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v))
        l->at = rp_xrealloc(l->at, l->cap * sizeof *l->at);
    l->at[l->n] = (span){start, end};
    rp_kp_item *it = &l->v[l->n++];
    memset(it, 0, sizeof *it);
    it->type = type;
    return it;
}

/* Whether the text holds a right-to-left character anywhere: one of
 * bidi type R or AL (Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan,
 * Mandaic, Adlam, Hanifi Rohingya ...) or an explicit right-to-left
 * embedding, override or isolate.  The type is FriBidi's, the table
 * Pango's own bidi runs come from, so this agrees with the runs Pango
 * makes.  Nothing below U+0590 (Hebrew) is right to left, so Latin
 * text costs one byte test a character. */
static int right_to_left(const char *text)
{
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        if ((unsigned char)*p < 0xd6) /* below U+0580 */
            continue;
        if (FRIBIDI_IS_RTL(fribidi_get_bidi_type(g_utf8_get_char(p))))
            return 1;
    }
    return 0;
}

/* Whether the break opportunity at byte i lies between characters of
 * the East Asian wide class (ideographs, kana, CJK punctuation, full-width
 * forms), where a line may break with no space and no hyphen. */
static int between_ideographs(const char *text, size_t i)
{
    gunichar before = g_utf8_get_char(g_utf8_prev_char(text + i));
    gunichar after = g_utf8_get_char(text + i);
    return g_unichar_iswide(before) || g_unichar_iswide(after);
}

/* Adds a cluster's advance w to the characters of text[start, end) that
 * take room: equal shares, the remainder to the first.  A ligature that
 * HarfBuzz formed across a soft hyphen ("f\u00ADf", "f\u00ADi": it skips
 * default-ignorable characters) is shared between its letters, so a break
 * at that hyphen measures both halves as about what they are once the
 * ligature is undone; the soft hyphen itself takes nothing. */
static void share_cluster(rp_unit *adv, const char *text, int start, int end, rp_unit w)
{
    int n = 0;
    for (const char *p = text + start; p < text + end; p = g_utf8_next_char(p))
        n += strncmp(p, SHY, 2) != 0;
    if (n <= 1) {
        adv[start] += w;
        return;
    }
    rp_unit share = w / n, rest = w - share * n;
    for (const char *p = text + start; p < text + end; p = g_utf8_next_char(p))
        if (strncmp(p, SHY, 2) != 0) {
            adv[p - text] += share + rest;
            rest = 0;
        }
}

/* x of each byte of the text in logical order: the advance of every
 * cluster is counted at the characters it covers (share_cluster), and x
 * of a byte is the sum of the advances before it.  Widths of logical
 * ranges are then differences, in a left-to-right line (where this is the
 * pen position) as in a right-to-left or mixed one, whose runs Pango
 * stores in visual order. */
static rp_unit *positions(PangoLayout *l, const char *text, size_t len)
{
    rp_unit *adv = rp_xcalloc(len + 1, sizeof *adv);
    for (GSList *ls = pango_layout_get_lines_readonly(l); ls; ls = ls->next) {
        PangoLayoutLine *line = ls->data;
        for (GSList *r = line->runs; r; r = r->next) {
            PangoGlyphItemIter it;
            PangoGlyphItem *run = r->data;
            const PangoGlyphString *g = run->glyphs;
            for (gboolean more = pango_glyph_item_iter_init_start(&it, run, text); more;
                 more = pango_glyph_item_iter_next_cluster(&it)) {
                rp_unit w = 0;
                int from = it.start_glyph < it.end_glyph ? it.start_glyph : it.end_glyph + 1;
                int to = it.start_glyph < it.end_glyph ? it.end_glyph : it.start_glyph + 1;
                for (int k = from; k < to; k++)
                    w += g->glyphs[k].geometry.width;
                if ((size_t)it.end_index <= len)
                    share_cluster(adv, text, it.start_index, it.end_index, w);
            }
        }
    }
    rp_unit *x = rp_xmalloc((len + 1) * sizeof *x);
    rp_unit sum = 0;
    for (size_t i = 0; i <= len; i++) {
        x[i] = sum;
        sum += adv[i];
    }
    free(adv);
    return x;
}

static int is_space_byte(char c)
{
    return c == ' ' || c == '\t';
}

/* Boxes, glue and penalties of the paragraph from Pango's break
 * opportunities (log attrs) and the measured positions. */
static void build_items(const char *text, size_t len, const PangoLogAttr *attrs,
                        const rp_unit *x, const rp_style *st, rp_unit hyphen_w, int ragged,
                        itemlist *out)
{
    size_t box_start = 0, i = 0;
    int ci = 0; /* character index into attrs */
    rp_unit space = st->font_size / 4;
    while (i <= len) {
        const char *p = text + i;
        int at_end = i == len;
        int forced = !at_end && strncmp(p, LINE_SEP, 3) == 0;
        int white = !at_end && is_space_byte(*p);
        /* A break after a space is the space's glue, not a penalty. */
        int allowed = !at_end && ci > 0 && attrs[ci].is_line_break && !white &&
                      !is_space_byte(text[i - 1]) &&
                      (i < 3 || strncmp(p - 3, LINE_SEP, 3) != 0);
        if (at_end || forced || white || allowed) {
            if (i > box_start) {
                rp_kp_item *b = push(out, RP_KP_BOX, box_start, i);
                b->width = x[i] - x[box_start];
            }
        }
        if (at_end || forced) {
            /* As TeX ends a paragraph: no break before the fill glue. */
            push(out, RP_KP_PENALTY, i, i)->penalty = RP_KP_INFINITY;
            rp_kp_item *g = push(out, RP_KP_GLUE, i, i);
            g->stretch = 1 << 24; /* the last line of a paragraph may be short */
            rp_kp_item *f = push(out, RP_KP_PENALTY, i, at_end ? i : i + 3);
            f->penalty = -RP_KP_INFINITY;
            if (at_end)
                break;
            i += 3;
            ci++;
            box_start = i;
            continue;
        }
        if (white) {
            size_t j = i;
            int chars = 0;
            while (j < len && is_space_byte(text[j])) {
                j++;
                chars++;
            }
            rp_unit w = x[j] - x[i];
            if (w <= 0)
                w = space;
            if (ragged) {
                /* A break here may leave the line short by up to the rag;
                 * Knuth's sequence: no break at the stretch, a break at the
                 * penalty, the space and its negative stretch after it. */
                push(out, RP_KP_PENALTY, i, i)->penalty = RP_KP_INFINITY;
                rp_kp_item *a = push(out, RP_KP_GLUE, i, i);
                a->stretch = st->font_size * RAGGED_EMS;
                /* the break item spans the space it replaces */
                push(out, RP_KP_PENALTY, i, j);
                rp_kp_item *b = push(out, RP_KP_GLUE, i, j);
                b->width = w;
                b->stretch = -st->font_size * RAGGED_EMS;
            } else {
                rp_kp_item *g = push(out, RP_KP_GLUE, i, j);
                g->width = w;
                g->stretch = w * STRETCH_NUM / STRETCH_DEN;
                g->shrink = w * SHRINK_NUM / SHRINK_DEN;
            }
            i = j;
            ci += chars;
            box_start = i;
            continue;
        }
        if (allowed && between_ideographs(text, i)) {
            /* Chinese and Japanese break between characters, where Pango's
             * rules (UAX #14, with the kinsoku classes: never before 、。」
             * nor after 「（) allow: free, unflagged breaks, with a little
             * stretch between the characters to justify the line. */
            if (ragged) {
                push(out, RP_KP_PENALTY, i, i)->penalty = RP_KP_INFINITY;
                push(out, RP_KP_GLUE, i, i)->stretch = st->font_size * RAGGED_EMS;
                push(out, RP_KP_PENALTY, i, i);
                push(out, RP_KP_GLUE, i, i)->stretch = -st->font_size * RAGGED_EMS;
            } else {
                push(out, RP_KP_GLUE, i, i)->stretch = st->font_size / CJK_STRETCH_DEN;
            }
            box_start = i;
        } else if (allowed) {
            /* A break inside a word: after a soft hyphen (shown as a hyphen
             * when taken) or after a hyphen or slash already there.  In
             * ragged text it may leave the line short too, as a space does. */
            int soft = i >= 2 && strncmp(text + i - 2, SHY, 2) == 0;
            if (ragged) {
                push(out, RP_KP_PENALTY, i, i)->penalty = RP_KP_INFINITY;
                push(out, RP_KP_GLUE, i, i)->stretch = st->font_size * RAGGED_EMS;
            }
            rp_kp_item *pen = push(out, RP_KP_PENALTY, i, i);
            pen->width = soft ? hyphen_w : 0;
            pen->penalty = HYPHEN_PENALTY;
            pen->flagged = 1;
            if (ragged)
                push(out, RP_KP_GLUE, i, i)->stretch = -st->font_size * RAGGED_EMS;
            box_start = i;
        }
        i = (size_t)(g_utf8_next_char(p) - text);
        ci++;
    }
}

typedef rp_text_edit edit;

static int cmp_edit(const void *a, const void *b)
{
    const edit *x = a, *y = b;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Positions in a text moved through its edits.  A paragraph of 40,000
 * words has thousands of breaks, and links and attributes in proportion:
 * moving every position through every edit took seconds.  Since the edits are sorted and do not overlap, a position
 * is moved by the last edit at or before it, and then only shifted by
 * the lengths the edits before that one add. */
typedef struct {
    const edit *e;
    size_t n;
    size_t *add;       /* each edit's inserted length */
    ptrdiff_t *before; /* the length edits 0..k-1 add to the text */
} edit_map;

static void map_init(edit_map *m, const edit *e, size_t n)
{
    m->e = e;
    m->n = n;
    m->add = rp_xmalloc((n ? n : 1) * sizeof *m->add);
    m->before = rp_xmalloc((n + 1) * sizeof *m->before);
    m->before[0] = 0;
    for (size_t k = 0; k < n; k++) {
        m->add[k] = strlen(e[k].insert);
        m->before[k + 1] = m->before[k] + (ptrdiff_t)m->add[k] - (ptrdiff_t)e[k].remove;
    }
}

static void map_free(edit_map *m)
{
    free(m->add);
    free(m->before);
}

/* The number of edits at or before p. */
static size_t edits_upto(const edit_map *m, size_t p)
{
    size_t lo = 0, hi = m->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->e[mid].pos <= p)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* How a position inside the bytes an edit removes moves: */
typedef enum {
    TO_EDIT,      /* to the edit's position (a link's start or end) */
    PAST_INSERT,  /* past what the edit inserts (an attribute's start) */
    BEFORE_EDIT,  /* to the edit's position, the edit's own position
                   * included (an attribute's end) */
} inside_rule;

/* p moved through the edits applied from the last to the first, each
 * moving it as pango_attr_list_update moves an attribute's start or end,
 * or, for links, as the composer always has: a position inside what an
 * edit removes goes to the edit's position, one at it stays. */
static size_t map_pos(const edit_map *m, size_t p, inside_rule rule)
{
    size_t k = edits_upto(m, p);
    if (!k)
        return p;
    const edit *e = &m->e[--k];
    size_t q;
    if (p >= e->pos + e->remove)
        q = p + m->add[k] - e->remove;
    else if (rule == PAST_INSERT)
        q = e->pos + m->add[k];
    else if (rule == BEFORE_EDIT || p > e->pos)
        q = e->pos;
    else
        q = p;
    if (q == 0 && rule == PAST_INSERT)
        return 0; /* Pango's "from the text's start": no edit moves it */
    return (size_t)((ptrdiff_t)q + m->before[k]);
}

/* Moves one attribute (pango_attr_list_filter's callback): TRUE drops it.
 * pango_attr_list_update drops an attribute inside what one edit
 * removes, and only the last edit at or before its start can hold it. */
static gboolean edit_attr(PangoAttribute *a, gpointer data)
{
    const edit_map *m = data;
    size_t s = a->start_index, e = a->end_index;
    size_t k = edits_upto(m, s);
    if (k && edits_upto(m, e) == k && e < m->e[k - 1].pos + m->e[k - 1].remove)
        return TRUE;
    if (s != PANGO_ATTR_INDEX_FROM_TEXT_BEGINNING)
        a->start_index = (guint)map_pos(m, s, PAST_INSERT);
    if (e != PANGO_ATTR_INDEX_TO_TEXT_END)
        a->end_index = (guint)map_pos(m, e, BEFORE_EDIT);
    return FALSE; /* the starts move in order: the list stays sorted */
}

static void move_attrs(PangoAttrList *attrs, edit_map *m)
{
    PangoAttrList *dropped = pango_attr_list_filter(attrs, edit_attr, m);
    if (dropped)
        pango_attr_list_unref(dropped);
}

void rp_attrs_edit(PangoAttrList *attrs, const rp_text_edit *edits, size_t n)
{
    edit_map m;
    map_init(&m, edits, n);
    move_attrs(attrs, &m);
    map_free(&m);
}

/* Rewrites the layout's text with edits (sorted, not overlapping), moving
 * attributes and links along. */
static void apply_edits(PangoLayout *l, const char *text, size_t len, const edit *edits,
                        size_t ne, PangoAttrList *attrs, rp_links *links)
{
    rp_buf out = {0};
    size_t from = 0;
    for (size_t k = 0; k < ne; k++) {
        rp_buf_add(&out, text + from, edits[k].pos - from);
        rp_buf_puts(&out, edits[k].insert);
        from = edits[k].pos + edits[k].remove;
    }
    rp_buf_add(&out, text + from, len - from);
    edit_map m;
    map_init(&m, edits, ne);
    for (size_t i = 0; i < links->n; i++) {
        links->v[i].start = (int)map_pos(&m, (size_t)links->v[i].start, TO_EDIT);
        links->v[i].end = (int)map_pos(&m, (size_t)links->v[i].end, TO_EDIT);
    }
    for (size_t i = 0; i < links->nleaders; i++)
        links->leaders[i] = (int)map_pos(&m, (size_t)links->leaders[i], TO_EDIT);
    move_attrs(attrs, &m);
    PangoAttrList *after = rp_compose_after(l);
    if (after)
        move_attrs(after, &m);
    map_free(&m);
    pango_layout_set_text(l, out.s ? out.s : "", (int)out.len);
    pango_layout_set_attributes(l, attrs);
    rp_buf_free(&out);
}

void rp_strip_soft_hyphens(PangoLayout *l, rp_links *links)
{
    const char *text = pango_layout_get_text(l);
    size_t len = strlen(text), ne = 0, cap = 0;
    edit *edits = NULL;
    for (size_t i = 0; i + 1 < len; i++)
        if (strncmp(text + i, SHY, 2) == 0)
            *RP_PUSH(edits, ne, cap) = (edit){i, 2, ""};
    if (ne) {
        PangoAttrList *attrs = pango_layout_get_attributes(l);
        attrs = attrs ? pango_attr_list_copy(attrs) : pango_attr_list_new();
        char *copy = rp_xstrdup(text);
        apply_edits(l, copy, len, edits, ne, attrs, links);
        free(copy);
        pango_attr_list_unref(attrs);
    }
    free(edits);
}

/* Whether a line of the layout runs right to left. */
static int has_rtl_line(PangoLayout *l)
{
    for (GSList *ls = pango_layout_get_lines_readonly(l); ls; ls = ls->next)
        if (((PangoLayoutLine *)ls->data)->resolved_dir == PANGO_DIRECTION_RTL)
            return 1;
    return 0;
}

/* A run of the unbroken layout: its bytes and its logical extents from
 * its line's baseline. */
typedef struct {
    int start, end;
    rp_unit top, bottom;
} run_box;

static int cmp_run(const void *a, const void *b)
{
    const run_box *x = a, *y = b;
    return (x->start > y->start) - (x->start < y->start);
}

static run_box *run_boxes(PangoLayout *l, size_t *n)
{
    size_t cap = 0;
    run_box *v = NULL;
    *n = 0;
    PangoLayoutIter *iter = pango_layout_get_iter(l);
    do {
        PangoLayoutRun *run = pango_layout_iter_get_run_readonly(iter);
        if (!run)
            continue;
        PangoRectangle logical;
        pango_layout_iter_get_run_extents(iter, NULL, &logical);
        int baseline = pango_layout_iter_get_baseline(iter);
        *RP_PUSH(v, *n, cap) = (run_box){run->item->offset, run->item->offset + run->item->length,
                                         logical.y - baseline,
                                         logical.y + logical.height - baseline};
    } while (pango_layout_iter_next_run(iter));
    pango_layout_iter_free(iter);
    qsort(v, *n, sizeof *v, cmp_run);
    return v;
}

/* Room a justified line must leave for its lines to be predicted: the
 * composed text is shaped again, and the kerning at a break (the space
 * became a line separator) and the hyphen drawn may differ by a little
 * from the unbroken line's.  A paragraph given to Pango with the measure
 * (one with a line that has no space to stretch: see justify) would
 * have such a line wrapped again; whether it is only shaping tells. */
#define PREDICT_SLACK_DEN 8

static gboolean is_letter_spacing(PangoAttribute *a, gpointer found)
{
    if (a->klass->type == PANGO_ATTR_LETTER_SPACING && ((PangoAttrInt *)a)->value)
        *(int *)found = 1;
    return FALSE; /* taken out of nothing */
}

/* Whether some of the text is letter-spaced: how Pango spaces the letters
 * at the ends of the lines it is broken into, the unbroken line's
 * positions do not tell. */
static int letter_spaced(PangoLayout *l)
{
    int found = 0;
    PangoAttrList *a = pango_layout_get_attributes(l);
    if (a)
        pango_attr_list_filter(a, is_letter_spacing, &found);
    return found;
}

static void predict_heights(PangoLayout *l, const rp_style *st, const itemlist *items,
                            const size_t *breaks, size_t nb, const rp_unit *widths,
                            int justify, rp_para_lines *out)
{
    if (letter_spaced(l))
        return;
    size_t nruns;
    run_box *runs = run_boxes(l, &nruns);
    int ok = nruns > 0;
    /* A line's extents start from the baseline itself. */
    rp_unit top = 0, bottom = 0;
    for (size_t j = 0; j < nruns; j++) {
        /* runs of several heights on several lines: which fonts Pango
         * picks beside a line separator is not known here */
        ok = ok && (nb == 1 || (runs[j].top == runs[0].top && runs[j].bottom == runs[0].bottom));
        top = runs[j].top < top ? runs[j].top : top;
        bottom = runs[j].bottom > bottom ? runs[j].bottom : bottom;
    }
    size_t r = 0;
    for (size_t k = 0; k < nb && ok; k++) {
        size_t from = k ? items->at[breaks[k - 1]].end : 0, to = items->at[breaks[k]].end;
        while (r < nruns && (size_t)runs[r].end <= from)
            r++;
        ok = r < nruns && (size_t)runs[r].start < to; /* the line holds a run */
        if (ok && justify)
            ok = widths[k ? 1 : 0] - rp_kp_natural_width(items->v, items->n, breaks, k) >=
                 st->font_size / PREDICT_SLACK_DEN;
    }
    if (ok) {
        out->n = nb;
        out->v = rp_xcalloc(nb ? nb : 1, sizeof *out->v);
        for (size_t k = 0; k < nb; k++)
            out->v[k] = (rp_line_box){.top = top, .bottom = bottom};
    }
    free(runs);
}

/* The letter spacing the text has at index, it at or past earlier
 * calls' (a new attribute of the same kind replaces it, not adds to it). */
static int spacing_at(PangoAttrIterator *it, int index)
{
    int start, end;
    pango_attr_iterator_range(it, &start, &end);
    while (index >= end && pango_attr_iterator_next(it))
        pango_attr_iterator_range(it, &start, &end);
    PangoAttribute *a = pango_attr_iterator_get(it, PANGO_ATTR_LETTER_SPACING);
    return a ? ((PangoAttrInt *)a)->value : 0;
}

int rp_compose(rp_context *ctx, PangoLayout *l, const rp_style *st, rp_unit width,
               rp_links *links, rp_unit hyphen_w, int justify, rp_composed *out)
{
    const char *text = pango_layout_get_text(l);
    size_t len = strlen(text);
    if (!len || width <= 0 || links->nleaders)
        return -1;
    int nattrs;
    const PangoLogAttr *la = pango_layout_get_log_attrs_readonly(l, &nattrs);
    rp_unit *x = positions(l, text, len);
    out->rtl = has_rtl_line(l);
    itemlist items = {0};
    build_items(text, len, la, x, st, hyphen_w, !justify, &items);
    /* Right-to-left text is justified by Pango, given the measure
     * (paragraph.c), and a shrunk line is narrowed by letter spacing on
     * its spaces first (rp_compose_narrow).  Pango sets no letter spacing
     * in Arabic (a joining script), spaces included: the line would keep
     * its natural width and Pango wrap it again.  Hebrew shrinks as Latin
     * does, but text with right-to-left runs is treated alike: its spaces
     * only stretch (tested with the shrink allowed: 55 of 55 shrunk Arabic
     * lines wrapped again, none of 38 Hebrew ones).  A paragraph with no
     * right-to-left letter in a right-to-left document (an English
     * blueprint's prose exported with --lang ar) shrinks as it would in a
     * left-to-right one. */
    if (right_to_left(text))
        for (size_t k = 0; k < items.n; k++)
            items.v[k].shrink = 0;

    /* TeX's passes: without hyphens first, then with.  A justified
     * paragraph that cannot be set within RP_LOOSE_RATIO even so (long
     * words in a narrow column) is set ragged right instead: an even rag
     * reads better than gaps between words. */
    /* Pango indents the first line by a positive indent, and every line
     * but the first by a negative one (a hanging indent). */
    rp_unit indent = st->first_line_indent;
    rp_kp_unit widths[2] = {indent > 0 ? width - indent : width,
                            indent < 0 ? width + indent : width};
    rp_kp_params p = rp_kp_defaults();
    size_t *breaks = NULL, nb = 0;
    double *ratios = NULL;
    int found = -1;
    if (ctx && ctx->first_fit) {
        /* For comparison only: each line as full as it will go. */
        for (size_t k = 0; k < items.n; k++)
            if (items.v[k].type == RP_KP_PENALTY && items.v[k].flagged)
                items.v[k].penalty = HYPHEN_PENALTY;
        found = rp_kp_first_fit(items.v, items.n, widths, 2, &breaks, &nb, &ratios);
    }
    for (int pass = justify ? 0 : 1; pass < 2 && found != 0; pass++) {
        p.tolerance = justify ? (pass ? RP_LOOSE_RATIO : 1.0) : 1e6;
        for (size_t k = 0; k < items.n; k++)
            if (items.v[k].type == RP_KP_PENALTY && items.v[k].flagged)
                items.v[k].penalty = pass == 0 ? RP_KP_INFINITY : HYPHEN_PENALTY;
        found = rp_kp_break(items.v, items.n, widths, 2, &p, &breaks, &nb, &ratios);
    }
    if (found != 0 && justify) {
        justify = 0;
        items.n = 0;
        build_items(text, len, la, x, st, hyphen_w, 1, &items);
        p.tolerance = 1e6;
        found = rp_kp_break(items.v, items.n, widths, 2, &p, &breaks, &nb, &ratios);
    }
    free(x);
    if (found != 0) {
        free(items.v);
        free(items.at);
        return -1;
    }

    /* A line the breaker shrank comes out wider than the measure: its
     * spaces are narrowed with the others' widening (rp_compose_finish).
     * Narrowed here instead, by letter spacing on each space, every one
     * of them would be an item of its own for Pango to shape, and an
     * attribute for Pango to sort out of the list each time it lays the
     * paragraph out (a paragraph of 50,000 links took twice as long). */
    /* The breaks as edits: a space becomes a line separator, a soft hyphen
     * a visible one followed by a separator. */
    size_t cap_edits = nb + 1, ne = 0;
    edit *edits = rp_xcalloc(cap_edits, sizeof *edits);
    for (size_t k = 0; k + 1 < nb; k++) {
        size_t b = breaks[k];
        const rp_kp_item *it = &items.v[b];
        if (it->type == RP_KP_PENALTY && it->penalty <= -RP_KP_INFINITY)
            continue; /* already a line separator */
        if (it->type == RP_KP_GLUE || items.at[b].end > items.at[b].start) {
            /* a space (or the ragged break that stands for one) */
            size_t s = items.at[b].start, e = items.at[b].end;
            edits[ne++] = (edit){s, e - s, LINE_SEP};
        } else if (it->width > 0) {
            /* U+2010 HYPHEN, not "-": text extracted from the PDF then
             * tells a word broken at the line's end ("imple‐ mentation")
             * from a compound with a hyphen of its own. */
            edits[ne++] = (edit){items.at[b].start - 2, 2, "\xE2\x80\x90" LINE_SEP};
        } else {
            edits[ne++] = (edit){items.at[b].start, 0, LINE_SEP};
        }
    }
    /* Soft hyphens not taken go: they have done their work, and a PDF
     * reader would find them inside the words ("dif\u00adficult").  The
     * breaks' edits are in the text's order, so one cursor finds whether
     * a soft hyphen is already a break (edited to a hyphen). */
    size_t nbreaks = ne, at = 0;
    for (size_t i = 0; i + 1 < len; i++) {
        if (strncmp(text + i, SHY, 2) != 0)
            continue;
        while (at < nbreaks && edits[at].pos < i)
            at++;
        if (at < nbreaks && edits[at].pos == i && edits[at].remove == 2)
            continue;
        rp_grow((void **)&edits, &cap_edits, ne + 1, sizeof *edits);
        edits[ne++] = (edit){i, 2, ""};
    }
    qsort(edits, ne, sizeof *edits, cmp_edit);
    if (out->want_heights && !out->rtl)
        predict_heights(l, st, &items, breaks, nb, widths, justify, &out->heights);
    /* Nothing to change (one line, or only breaks of the text's own): the
     * layout keeps the lines it was shaped into for the breaker, and is
     * not shaped again to be drawn. */
    if (ne) {
        PangoAttrList *attrs = pango_attr_list_copy(pango_layout_get_attributes(l));
        if (!attrs)
            attrs = pango_attr_list_new();
        apply_edits(l, text, len, edits, ne, attrs, links);
        pango_attr_list_unref(attrs);
    }
    for (size_t k = 0; justify && k < nb; k++)
        out->shrunk += ratios[k] < 0;
    if (ctx && justify)
        for (size_t k = 0; k + 1 < nb; k++) {
            ctx->stats.lines++;
            ctx->stats.sum_r2 += ratios[k] * ratios[k];
            ctx->stats.hyphens += items.v[breaks[k]].type == RP_KP_PENALTY &&
                                  items.v[breaks[k]].flagged;
        }
    /* The checker reports lines set looser than a reader should see. */
    free(links->ratios);
    links->ratios = rp_xmalloc(nb * sizeof *links->ratios);
    for (size_t k = 0; k < nb; k++)
        links->ratios[k] = justify ? ratios[k] : 0;
    links->nratios = nb;
    free(edits);
    free(breaks);
    free(ratios);
    free(items.v);
    free(items.at);
    return justify ? RP_COMPOSED_JUSTIFIED : RP_COMPOSED_RAGGED;
}

/* -------------------------------------------------------- justification */

/* Composed lines end in line separators: Pango has no breaking left to
 * do.  Given the measure, it would still shape every run of the paragraph
 * twice, once to measure it and once to accept it on its line
 * (process_item in Pango 1.50's pango-layout.c): 5 to 7 % of the
 * instructions of a book or of a job description.  So a justified
 * paragraph is laid out with no width, shaped once, and its lines are
 * justified here the way Pango justifies them (justify_words there):
 * each line but the last shares the room it leaves among its spaces, in
 * proportion to their widths.  A line the breaker shrank (the last one
 * too) is wider than the measure, and its spaces share what it lacks
 * the same way, which Pango does not do.
 * The measure waits on the layout until its lines are first asked for
 * (rp_compose_finish): a paragraph only measured is never shaped (see
 * predict_heights).  Pango lays the lines out again whenever the layout
 * or its context changes, which its serial number tells: the lines are
 * justified again then. */
/* The attributes that change no glyph (colours, and the marker that
 * starts a page number's run) are not given to Pango: Pango 1.50 applies
 * those to the runs of each line after shaping, each run starting again
 * from the head of the list (pango_glyph_item_apply_attrs in
 * apply_attributes_to_runs), which is quadratic in a paragraph's links
 * (5,000 links in one paragraph took 2.9 s, 20,000 over two minutes).
 * They wait on the layout here and are applied when its lines are
 * finished (rp_compose_finish) by the same function, each run given only
 * those that reach it: the runs, their colours and the PDF are Pango's. */
typedef struct {
    PangoAttrList *attrs;
    guint serial; /* of the layout when they were applied, or 0 */
} after_shaping;

static GQuark after_key(void)
{
    return g_quark_from_static_string("rp-after-shaping");
}

static void after_free(gpointer data)
{
    after_shaping *a = data;
    pango_attr_list_unref(a->attrs);
    g_free(a);
}

void rp_compose_set_after(PangoLayout *l, PangoAttrList *attrs)
{
    after_shaping *a = g_new0(after_shaping, 1);
    a->attrs = pango_attr_list_ref(attrs);
    g_object_set_qdata_full(G_OBJECT(l), after_key(), a, after_free);
}

PangoAttrList *rp_compose_after(PangoLayout *l)
{
    after_shaping *a = g_object_get_qdata(G_OBJECT(l), after_key());
    return a ? a->attrs : NULL;
}

/* The attributes that reach a line, in list order: a window that moves
 * down the list (sorted by start) as the lines follow each other. */
typedef struct {
    PangoAttribute **all; /* the list's own, not copies */
    size_t n, cap, next;  /* all[next] is the first not yet started */
    size_t *active;   /* indices into all, in order */
    size_t nactive;
} reach;

static void reach_line(reach *w, const PangoLayoutLine *line)
{
    guint start = (guint)line->start_index, end = start + (guint)line->length;
    size_t kept = 0;
    for (size_t i = 0; i < w->nactive; i++)
        if (w->all[w->active[i]]->end_index > start)
            w->active[kept++] = w->active[i];
    w->nactive = kept;
    for (; w->next < w->n && w->all[w->next]->start_index < end; w->next++)
        if (w->all[w->next]->end_index > start)
            w->active[w->nactive++] = w->next;
}

/* Those of the line's that reach [start, end), as a new list. */
static PangoAttrList *reaching(const reach *w, guint start, guint end)
{
    PangoAttrList *list = pango_attr_list_new();
    for (size_t i = 0; i < w->nactive; i++) {
        const PangoAttribute *a = w->all[w->active[i]];
        if (a->start_index < end && a->end_index > start)
            pango_attr_list_insert(list, pango_attribute_copy(a));
    }
    return list;
}

/* pango_attr_list_filter's callback: notes each attribute, in list
 * order, and takes none out (the list gives no other way to its own
 * attributes than copies of them). */
static gboolean note_attr(PangoAttribute *a, gpointer data)
{
    reach *w = data;
    *RP_PUSH(w->all, w->n, w->cap) = a;
    return FALSE;
}

static void apply_after(PangoLayout *l)
{
    after_shaping *a = g_object_get_qdata(G_OBJECT(l), after_key());
    if (!a || a->serial == pango_layout_get_serial(l))
        return;
    GSList *lines = pango_layout_get_lines_readonly(l); /* lays l out first */
    const char *text = pango_layout_get_text(l);
    reach w = {0};
    PangoAttrList *none = pango_attr_list_filter(a->attrs, note_attr, &w);
    if (none)
        pango_attr_list_unref(none);
    w.active = rp_xmalloc((w.n ? w.n : 1) * sizeof *w.active);
    for (GSList *i = lines; i; i = i->next) {
        PangoLayoutLine *line = i->data;
        reach_line(&w, line);
        GSList *runs = line->runs, *out = NULL, *last = NULL;
        for (GSList *r = runs; r; r = r->next) {
            PangoGlyphItem *run = r->data;
            guint start = (guint)run->item->offset, end = start + (guint)run->item->length;
            PangoAttrList *list = reaching(&w, start, end);
            GSList *split = pango_glyph_item_apply_attrs(run, text, list);
            if (last)
                last->next = split;
            else
                out = split;
            last = g_slist_last(split);
            pango_attr_list_unref(list);
        }
        g_slist_free(runs);
        line->runs = out;
    }
    free(w.all);
    free(w.active);
    a->serial = pango_layout_get_serial(l);
}

typedef struct {
    int width;
    guint serial; /* of the layout when its lines were justified, or 0 */
} pending;

static GQuark pending_key(void)
{
    return g_quark_from_static_string("rp-compose-justify");
}

void rp_compose_justify_later(PangoLayout *l, rp_unit width)
{
    pending *p = g_new0(pending, 1);
    p->width = (int)width;
    g_object_set_qdata_full(G_OBJECT(l), pending_key(), p, g_free);
}

/* What a composed layout carries besides Pango's own state, which a
 * copy and a held record keep: the width of the justification it waits
 * for (-1: none) and the attributes applied after shaping (NULL: none). */
static int pending_width(PangoLayout *l)
{
    const pending *p = g_object_get_qdata(G_OBJECT(l), pending_key());
    return p ? p->width : -1;
}

static void carry_composed(PangoLayout *to, int width, PangoAttrList *after)
{
    if (width >= 0)
        rp_compose_justify_later(to, width);
    if (after)
        rp_compose_set_after(to, after);
}

PangoLayout *rp_compose_copy(PangoLayout *l)
{
    PangoLayout *copy = pango_layout_copy(l);
    /* its own list of the after-shaping attributes, not the original's:
     * render.c draws the copy on its drawing thread, and it outlives
     * edits to the original */
    PangoAttrList *after = rp_compose_after(l);
    after = after ? pango_attr_list_copy(after) : NULL;
    carry_composed(copy, pending_width(l), after);
    if (after)
        pango_attr_list_unref(after);
    return copy;
}

struct rp_held {
    char *text;
    PangoAttrList *attrs, *after; /* references, or NULL */
    const PangoFontDescription *font;
    PangoTabArray *tabs;
    int width, height, indent, spacing, pending; /* pending: -1 for none */
    float line_spacing;
    PangoAlignment alignment;
    PangoWrapMode wrap;
    PangoEllipsizeMode ellipsize;
    unsigned justify : 1, justify_last : 1, auto_dir : 1, single : 1;
};

rp_held *rp_compose_hold(PangoLayout *l, const PangoFontDescription *font)
{
    rp_held *h = g_new0(rp_held, 1);
    h->text = g_strdup(pango_layout_get_text(l));
    h->attrs = pango_layout_get_attributes(l);
    if (h->attrs)
        pango_attr_list_ref(h->attrs);
    h->after = rp_compose_after(l);
    if (h->after)
        pango_attr_list_ref(h->after);
    h->font = font;
    h->tabs = pango_layout_get_tabs(l); /* a copy */
    h->width = pango_layout_get_width(l);
    h->height = pango_layout_get_height(l);
    h->indent = pango_layout_get_indent(l);
    h->spacing = pango_layout_get_spacing(l);
    h->pending = pending_width(l);
    h->line_spacing = pango_layout_get_line_spacing(l);
    h->alignment = pango_layout_get_alignment(l);
    h->wrap = pango_layout_get_wrap(l);
    h->ellipsize = pango_layout_get_ellipsize(l);
    h->justify = pango_layout_get_justify(l);
    h->justify_last = pango_layout_get_justify_last_line(l);
    h->auto_dir = pango_layout_get_auto_dir(l);
    h->single = pango_layout_get_single_paragraph_mode(l);
    g_object_unref(l);
    return h;
}

PangoLayout *rp_compose_unhold(rp_held *h, PangoContext *pc)
{
    PangoLayout *l = pango_layout_new(pc);
    pango_layout_set_font_description(l, h->font);
    pango_layout_set_width(l, h->width);
    pango_layout_set_height(l, h->height);
    pango_layout_set_wrap(l, h->wrap);
    pango_layout_set_ellipsize(l, h->ellipsize);
    pango_layout_set_indent(l, h->indent);
    pango_layout_set_spacing(l, h->spacing);
    pango_layout_set_line_spacing(l, h->line_spacing);
    pango_layout_set_justify(l, h->justify);
    pango_layout_set_justify_last_line(l, h->justify_last);
    pango_layout_set_alignment(l, h->alignment);
    pango_layout_set_auto_dir(l, h->auto_dir);
    pango_layout_set_single_paragraph_mode(l, h->single);
    pango_layout_set_tabs(l, h->tabs);
    pango_layout_set_text(l, h->text, -1);
    pango_layout_set_attributes(l, h->attrs);
    carry_composed(l, h->pending, h->after);
    rp_held_free(h);
    return l;
}

const PangoFontDescription *rp_held_font(const rp_held *h)
{
    return h->font;
}

void rp_held_set_font(rp_held *h, const PangoFontDescription *font)
{
    h->font = font;
}

void rp_held_free(rp_held *h)
{
    if (!h)
        return;
    g_free(h->text);
    if (h->attrs)
        pango_attr_list_unref(h->attrs);
    if (h->after)
        pango_attr_list_unref(h->after);
    if (h->tabs)
        pango_tab_array_free(h->tabs);
    g_free(h);
}

int rp_compose_line_width(const PangoLayoutLine *line)
{
    int w = 0;
    for (GSList *r = line->runs; r; r = r->next)
        w += pango_glyph_string_get_width(((PangoGlyphItem *)r->data)->glyphs);
    return w;
}

PangoLayoutLine *rp_line_at(rp_line_cursor *c, PangoLayout *l, int index)
{
    GSList *lines = pango_layout_get_lines_readonly(l); /* lays l out first */
    guint serial = pango_layout_get_serial(l);
    if (c->layout != l || c->serial != serial || index < c->index) {
        if (c->layout != l) {
            rp_line_cursor_clear(c);
            c->layout = g_object_ref(l); /* not freed, so never another's address */
        }
        c->serial = serial;
        c->index = 0;
        c->at = lines;
    }
    for (; c->at && c->index < index; c->index++)
        c->at = c->at->next;
    return index >= 0 && c->at ? c->at->data : NULL;
}

void rp_line_cursor_clear(rp_line_cursor *c)
{
    if (c->layout)
        g_object_unref(c->layout);
    *c = (rp_line_cursor){0};
}

/* The room a line leaves: Pango's line width (the measure less a first
 * line's indent, or less the hanging indent of the others) less its
 * runs. */
static int room_left(const PangoLayoutLine *line, int width, int indent)
{
    int measure = width;
    if (line->is_paragraph_start && indent >= 0)
        measure -= indent;
    else if (!line->is_paragraph_start && indent < 0)
        measure += indent;
    return (measure < 0 ? 0 : measure) - rp_compose_line_width(line);
}

/* Pango's expandable spaces (is_expandable_space of pango_default_break):
 * U+0020 and U+00A0. */
static int expandable(const char *s)
{
    return s[0] == ' ' || (s[0] == '\xC2' && s[1] == '\xA0');
}

/* The next of a line's expandable spaces at or after it (a cluster of
 * the run r points to), in the line's visual order; 0 past the last. */
static int next_space(GSList **r, PangoGlyphItemIter *it, int started, const char *text)
{
    for (; *r; *r = (*r)->next, started = 0) {
        gboolean more = started ? pango_glyph_item_iter_next_cluster(it)
                                : pango_glyph_item_iter_init_start(it, (*r)->data, text);
        for (; more; more = pango_glyph_item_iter_next_cluster(it))
            if (expandable(text + it->start_index))
                return 1;
    }
    return 0;
}

/* Adds room (less than 0 to narrow them) to the spaces of line, to each
 * in proportion to its width of total, rounded to whole points when room
 * is and widens them (as Pango rounds; narrowing by whole points would
 * take a point off one space and nothing off the next); with total 0
 * only sums the widths.  Returns the sum of the spaces' widths (before
 * adding). */
static int spread(PangoLayoutLine *line, const char *text, int room, int total)
{
    int so_far = 0, added = 0;
    int whole = room > 0 && (room & (PANGO_SCALE - 1)) == 0;
    PangoGlyphItemIter it;
    GSList *r = line->runs;
    for (int found = next_space(&r, &it, 0, text); found; found = next_space(&r, &it, 1, text)) {
        PangoGlyphString *glyphs = ((PangoGlyphItem *)r->data)->glyphs;
        int dir = it.start_glyph < it.end_glyph ? 1 : -1;
        for (int i = it.start_glyph; i != it.end_glyph; i += dir) {
            PangoGlyphGeometry *g = &glyphs->glyphs[i].geometry;
            if (!g->width)
                continue;
            so_far += g->width;
            if (!total)
                continue;
            int add = (int)((gint64)so_far * room / total) - added;
            if (whole)
                add = PANGO_UNITS_ROUND(add);
            g->width += add;
            added += add;
        }
    }
    return so_far;
}

static gint cmp_start(gconstpointer a, gconstpointer b)
{
    guint x = (*(PangoAttribute *const *)a)->start_index;
    guint y = (*(PangoAttribute *const *)b)->start_index;
    return (x > y) - (x < y);
}

/* The attributes of given (sorted by start, as a list is) and those of
 * add merged in order, each of add after those of given starting where
 * it does (which it then replaces).  Inserted one by one, each would be
 * a search of the list and a move of its tail. */
static PangoAttrList *merged(PangoAttrList *given, GPtrArray *add)
{
    g_ptr_array_sort(add, cmp_start);
    GSList *old = given ? pango_attr_list_get_attributes(given) : NULL; /* copies */
    PangoAttrList *out = pango_attr_list_new();
    guint k = 0;
    for (GSList *i = old; i; i = i->next) {
        PangoAttribute *a = i->data;
        for (; k < add->len && ((PangoAttribute *)add->pdata[k])->start_index < a->start_index; k++)
            pango_attr_list_insert(out, add->pdata[k]);
        pango_attr_list_insert(out, a);
    }
    for (; k < add->len; k++)
        pango_attr_list_insert(out, add->pdata[k]);
    g_slist_free(old);
    return out;
}

/* Narrows the spaces of l's lines that are wider than the measure by
 * letter spacing, a hair more than they need, on top of the spacing
 * they have (read in the lines' visual order, which is the text's: the
 * lines justified here have no right-to-left run).  Returns how many
 * lines it narrowed. */
static int narrow_lines(PangoLayout *l, int width, int indent)
{
    const char *text = pango_layout_get_text(l);
    PangoAttrList *given = pango_layout_get_attributes(l);
    PangoAttrIterator *base = given ? pango_attr_list_get_iterator(given) : NULL;
    GPtrArray *narrowing = g_ptr_array_new();
    int narrowed = 0;
    for (GSList *i = pango_layout_get_lines_readonly(l); i; i = i->next) {
        int room = room_left(i->data, width, indent);
        int total = room < 0 ? spread(i->data, text, 0, 0) : 0;
        if (!total)
            continue;
        narrowed++;
        PangoGlyphItemIter it;
        GSList *r = ((PangoLayoutLine *)i->data)->runs;
        for (int found = next_space(&r, &it, 0, text); found;
             found = next_space(&r, &it, 1, text)) {
            PangoGlyphString *glyphs = ((PangoGlyphItem *)r->data)->glyphs;
            int w = 0, dir = it.start_glyph < it.end_glyph ? 1 : -1;
            for (int g = it.start_glyph; g != it.end_glyph; g += dir)
                w += glyphs->glyphs[g].geometry.width;
            int chars = it.end_char - it.start_char;
            int less = (int)((gint64)room * w / total) - RP_PT(0.05);
            PangoAttribute *a = pango_attr_letter_spacing_new(
                (base ? spacing_at(base, it.start_index) : 0) + less / (chars ? chars : 1));
            a->start_index = (guint)it.start_index;
            a->end_index = (guint)it.end_index;
            g_ptr_array_add(narrowing, a);
        }
    }
    if (base)
        pango_attr_iterator_destroy(base);
    if (narrowed) {
        PangoAttrList *attrs = merged(given, narrowing);
        pango_layout_set_attributes(l, attrs);
        pango_attr_list_unref(attrs);
    }
    g_ptr_array_free(narrowing, TRUE);
    return narrowed;
}

/* Before a paragraph is left to Pango to justify (given the measure):
 * the lines the breaker shrank are wider than the measure, and Pango
 * would wrap them again.  Their spaces are narrowed by letter spacing;
 * Pango's justification then widens them back to the measure.  A space
 * narrowed is an item of its own, and may be shaped in another font
 * than in the run it was part of (one between Japanese words takes the
 * Latin font's wider space): the lines still too wide are narrowed
 * again, by what they lack. */
static void narrow_for_pango(PangoLayout *l, int width, int indent)
{
    for (int round = 0; round < 3 && narrow_lines(l, width, indent); round++)
        ;
}

void rp_compose_narrow(PangoLayout *l, rp_unit width)
{
    narrow_for_pango(l, (int)width, pango_layout_get_indent(l));
}

/* Justified as Pango would have: after the attributes that change no
 * glyph split the runs (Pango splits them in laying the lines out, and
 * spread() goes through a line run by run).  Unlike Pango, a line wider
 * than the measure (one the breaker shrank) has its spaces narrowed. */
static void justify(PangoLayout *l)
{
    pending *p = g_object_get_qdata(G_OBJECT(l), pending_key());
    if (!p || p->serial == pango_layout_get_serial(l))
        return;
    int width = p->width, indent = pango_layout_get_indent(l);
    const char *text = pango_layout_get_text(l);
    /* Read-only lines, changed all the same.  Lines taken as changed by
     * their user would never cache their extents, which the drawing
     * thread relies on (render.c).  Pango 1.50 has measured them already
     * (pango_layout_check_lines ends by asking the layout's size), so
     * their cached widths stay those before justification: read a
     * justified line's width with rp_compose_line_width.  Nothing else
     * of the extents changes, and a left-aligned line's position does
     * not depend on its width. */
    GSList *lines = pango_layout_get_lines_readonly(l);
    size_t n = g_slist_length(lines);
    int *room = rp_xmalloc((n ? n : 1) * sizeof *room);
    int *spaces = rp_xmalloc((n ? n : 1) * sizeof *spaces);
    size_t k = 0;
    /* A line with room and no space to share it among (Chinese or
     * Japanese, one long word) is Pango's: it spreads the room between
     * the letters, and the whole paragraph is left to it. */
    int pango = 0;
    for (GSList *i = lines; i && !pango; i = i->next, k++) {
        room[k] = room_left(i->data, width, indent);
        if (!i->next && room[k] > 0)
            room[k] = 0; /* the last line: only narrowed, if shrunk */
        spaces[k] = room[k] ? spread(i->data, text, 0, 0) : 0;
        pango = room[k] > 0 && !spaces[k];
    }
    k = 0;
    for (GSList *i = lines; i && !pango; i = i->next, k++)
        if (room[k] && spaces[k])
            spread(i->data, text, room[k], spaces[k]);
    free(room);
    free(spaces);
    if (pango) {
        g_object_set_qdata(G_OBJECT(l), pending_key(), NULL);
        narrow_for_pango(l, width, indent);
        pango_layout_set_width(l, width);
        pango_layout_set_justify(l, TRUE);
        return;
    }
    p->serial = pango_layout_get_serial(l);
}

void rp_compose_finish(PangoLayout *l)
{
    apply_after(l);
    justify(l);
    apply_after(l); /* laid out again when Pango justifies it */
}
