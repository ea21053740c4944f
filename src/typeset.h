/* typeset.h - the typesetter's internal model.
 *
 * flow.c turns layout XML into a vertical list of measured items, each
 * carrying a small display list (ops) positioned relative to the item;
 * paginate.c cuts the list into pages looking only at heights and break
 * rules; render.c replays the ops of each page on a Cairo surface.  The
 * list is never whole: pager.c takes the items as flow makes them and
 * finishes each page as soon as it is cut (typeset.c runs measuring
 * passes until page numbers settle, then one that draws; for a book the
 * drawing pass confirms the first pass's numbers itself).
 * All distances are rp_unit: 1/1024 pt, which is one Pango unit at the
 * 72 dpi the Pango context is set to.
 */
#ifndef RP_TYPESET_H
#define RP_TYPESET_H

#include "internal.h"

#include <stdint.h>
#include <cairo.h>
#include <pango/pango.h>

typedef int32_t rp_unit;
#define RP_PT(x) ((rp_unit)((x) * 1024.0))
#define RP_TO_PT(u) ((double)(u) / 1024.0)

/* units.c */
/* Parses "12pt", "2.5mm", "1cm", "0.5in".  Returns 0 on success. */
int rp_length_parse(const char *s, rp_unit *out);
/* Parses "#rrggbb" into 0xrrggbb.  Returns 0 on success. */
int rp_color_parse(const char *s, uint32_t *out);

/* ---------------------------------------------------------------- styles */

typedef enum { RP_ALIGN_LEFT, RP_ALIGN_RIGHT, RP_ALIGN_CENTER, RP_ALIGN_JUSTIFY } rp_align;

typedef struct rp_style {
    char *name;
    char *font_family;
    rp_unit font_size;
    int bold, italic, uppercase;
    uint32_t color;
    int has_background;
    uint32_t background;
    double line_height;  /* multiple of font_size */
    rp_align align;
    rp_unit letter_spacing;
    rp_unit space_before, space_after;
    rp_unit start_indent, end_indent, first_line_indent;
    rp_unit padding, border_width, rule_below;
    uint32_t border_color;
    int keep_with_next, keep_together;
    int widows, orphans;
    int hyphenate;
    PangoFontDescription *font;  /* built from the fields above */
    rp_unit hyphen_width;        /* of "-" in the font */
    rp_unit ascent, descent;     /* of the font, for placing baselines */
    struct rp_style *text_only;  /* same text properties, no box ones */
} rp_style;

typedef struct rp_styles rp_styles;

/* Reads every <style> of the layout document and resolves inheritance.
 * Unknown parents and cycles are reported against culprit. */
rp_styles *rp_styles_new(xmlDocPtr layout, PangoContext *pc, const char *culprit, rp_diag *d);
void rp_styles_free(rp_styles *s);
/* A named style, or the built-in default when name is NULL; an unknown
 * name is reported once, at the line of where (the element naming it,
 * or NULL), and gives the default.  Borrowed. */
const rp_style *rp_styles_get(rp_styles *s, const char *name, xmlNodePtr where);
/* The layout's shape-style element called name, or NULL (an error the
 * first time a name is not defined, at line when it is known). */
xmlNodePtr rp_styles_shape(rp_styles *s, const char *name, long line);
/* The text-only variant of st: what a block without a style of its own
 * inherits from its container.  Borrowed. */
const rp_style *rp_style_inherit(rp_styles *s, const rp_style *st);

/* --------------------------------------------------------------- display */

typedef enum {
    RP_OP_TEXT, RP_OP_RECT, RP_OP_RULE, RP_OP_DEST, RP_OP_OUTLINE,
    RP_OP_BOX,   /* rounded box: fill color, border color2, line width lw */
    RP_OP_EDGE,  /* arrow from (x,y) to (x+w, y+h); level: 1 curved, 2 dashed */
    RP_OP_LINK,  /* a link area (x,y,w,h) to text (href) */
    RP_OP_BEGIN, /* a structure element starts (level: its rp_struct) */
    RP_OP_END    /* the innermost open one of that type ends */
} rp_op_kind;

/* Structure types of the tagged PDF (render.c names them).  Flow puts
 * BEGIN and END ops around what each block draws, in reading order; an
 * element may span items and pages. */
typedef enum {
    RP_S_SECT, RP_S_H1, RP_S_H2, RP_S_H3, RP_S_H4, RP_S_H5, RP_S_H6, RP_S_P,
    RP_S_L, RP_S_LI, RP_S_LBL, RP_S_LBODY,
    RP_S_TABLE, RP_S_THEAD, RP_S_TBODY, RP_S_TR, RP_S_TH, RP_S_TD,
    RP_S_FIGURE, RP_S_TOC, RP_S_TOCI
} rp_struct;

typedef struct {
    int start, end;  /* byte range in the paragraph's text */
    char *href;      /* URI, or "#id"; NULL: a passage in another language */
    char *lang;      /* the language xml:lang gives all its text, when not
                        its paragraph's, or NULL */
} rp_link;

typedef struct rp_links {
    rp_link *v;
    size_t n, cap;
    int *leaders;    /* byte indices of leader tabs in the text */
    size_t nleaders, capleaders;
    double *ratios;  /* adjustment ratio of each composed line, or NULL */
    size_t nratios;
} rp_links;

typedef struct {
    rp_op_kind kind;
    rp_unit x, y;        /* TEXT: origin of the baseline; RECT/RULE: top left */
    rp_unit w, h;        /* RECT size; RULE: length (w) and thickness (h) */
    uint32_t color;
    PangoLayout *layout; /* TEXT: a reference held by the op */
    int line;            /* TEXT: line index in layout */
    PangoLayoutLine *shaped; /* TEXT in a page being drawn: that line, found
                                (and shaped) before the drawing (render.c) */
    const rp_links *links; /* TEXT: links of the paragraph, a reference */
    char *text;          /* DEST: anchor name; OUTLINE: title; BEGIN: the
                          * element's language, when not the document's
                          * (owned) */
    int level;           /* OUTLINE: depth, 1 = top; EDGE: style; BEGIN/END: rp_struct */
    uint32_t color2;     /* BOX: border */
    rp_unit lw;          /* BOX, EDGE: line width */
} rp_op;

typedef enum {
    RP_NUM_NONE,
    RP_NUM_ARABIC,
    RP_NUM_LOWER_ROMAN,
    RP_NUM_UPPER_ROMAN,
    RP_NUM_ARABIC_INDIC /* ١٢٣, the digits of Arabic-script documents */
} rp_numbering;

/* One measured item of the vertical list: a line of text, a table row, a
 * rule.  The paginator reads only the fields up to ops. */
typedef struct {
    rp_unit height;
    rp_unit space_before;      /* dropped at the top of a page */
    unsigned keep_with_next : 1; /* no page break between this and the next */
    unsigned break_before : 1;   /* a page break before this one */
    unsigned is_header : 1;      /* a table header row */
    unsigned is_heading : 1;     /* a line of a heading */
    unsigned hyphenated : 1;     /* a line that ends in a word broken by a hyphen */
    unsigned short line, lines;  /* line index and count of its paragraph (1-based;
                                    0 when not a line of text) */
    float looseness;             /* adjustment ratio of a composed line */
    short slice;                 /* 0: a whole table row; else a piece of a row cut
                                    over pages (1, 2, ...; the last one negative) */
    rp_unit overflow;            /* how far it runs past its measure */
    int tpl;                   /* page template */
    int section;               /* index of the running section title, -1 none */
    int hdr_first, hdr_count;  /* header rows repeated when a page starts here */
    rp_unit hdr_height;
    rp_numbering numbering;    /* a new page-number sequence starts here */
    double scale;              /* ops drawn scaled by this (0: 1) */
    char *alt;                 /* text alternative of a figure (owned), or NULL */
    rp_src src;                /* source position for diagnostics */
    rp_op *ops;
    size_t nops, capops;
} rp_item;

typedef struct {
    rp_item *v;
    size_t n, cap;
} rp_itemlist;

/* Releases an item's ops and text alternative; the list form frees the
 * array too. */
void rp_item_clear(rp_item *it);
void rp_items_clear(rp_itemlist *l);
rp_op *rp_item_op(rp_item *it, rp_op_kind kind);

/* -------------------------------------------------------------- paginate */

typedef struct {
    size_t first, end;   /* items [first, end) */
    int hdr_first, hdr_count;  /* header rows drawn first, count 0 for none */
    int tpl;
} rp_page;

typedef struct {
    rp_page *v;
    size_t n, cap;
} rp_pagelist;

/* Cuts items into pages.  body_height[tpl] is the body height of each page
 * template.  Breaks only where keeps allow; when no allowed break fits a
 * page, breaks as late as possible and warns (file culprit, or the item's
 * src).  Never produces an empty page.  Stops with an error at
 * max_pages (0: no limit).  Returns the number of pages. */
size_t rp_paginate(const rp_item *items, size_t n, const rp_unit *body_height,
                   size_t max_pages, rp_pagelist *pages, const char *culprit, rp_diag *d);

/* The same while the items are still being made: each call cuts the
 * pages that items [0, n) decide (all of them when final) and appends
 * them; a page that more items could still change waits for them.  Cut
 * in pieces or at once, the pages are the same.  Returns how many pages
 * were added. */
typedef struct {
    size_t next;       /* first item not on a page yet */
    int chain_warned;  /* one warning for a keep broken over many pages */
    int stopped;       /* the page limit was reached */
} rp_paginator;
size_t rp_paginate_more(rp_paginator *pg, const rp_item *items, size_t n, int final,
                        const rp_unit *body_height, size_t max_pages, rp_pagelist *pages,
                        const char *culprit, rp_diag *d);

/* ------------------------------------------------------------ hyphenation */

/* Where the hyphen-* packages put their patterns. */
#ifndef RP_HYPHEN_DIR
#define RP_HYPHEN_DIR "/usr/share/hyphen"
#endif

/* The libhyphen dictionary for a language tag ("en", "de-CH"), or NULL
 * when there is none.  Cached in the context. */
void *rp_hyphen_dict(rp_context *ctx, const char *lang);
/* A libhyphen pattern file read into the HyphenDict hnj_hyphen_load would
 * build, quickly (hyphen_patterns.c); NULL if it cannot be opened.  Freed
 * with rp_hyphen_free (its memory is laid out otherwise than libhyphen's). */
void *rp_hyphen_load(const char *path);
void rp_hyphen_free(void *dict);
/* Byte offsets (into word) after which word may be hyphenated, at most max
 * of them in *after; none for words under min_chars characters.  Returns
 * the count. */
size_t rp_hyphenate(void *dict, const char *word, size_t len, size_t min_chars, size_t *after,
                    size_t max);

/* ------------------------------------------------------------ paragraph */

typedef enum { RP_SHAPE_CIRCLE, RP_SHAPE_SQUARE, RP_SHAPE_BAR } rp_shape_kind;

/* An inline vector mark (layout <shape>), carried by a PangoAttrShape. */
typedef struct {
    rp_shape_kind kind;
    int filled, has_color;
    uint32_t color;
} rp_shape;

/* Pango-Cairo shape renderer for rp_shape marks (set on the context). */
void rp_shape_draw(cairo_t *cr, PangoAttrShape *attr, gboolean do_path, gpointer data);

/* Page labels of anchors, known after a pagination: id -> "12", "iv". */
typedef GHashTable rp_pagemap;

/* What a paragraph needs besides its content. */
typedef struct {
    PangoContext *pc;
    rp_context *ctx;        /* for hyphenation dictionaries */
    rp_styles *styles;
    const char *lang;       /* of the paragraph being built */
    int hyphenate;          /* 0 for headings */
    const rp_pagemap *refs; /* the pages of the last pass; NULL, or the
                               pages cut so far, on the first */
    const char *guess;      /* printed for an id refs lacks, or NULL for
                               a placeholder */
    int page_refs;          /* out: page-refs met */
    int unresolved;         /* out: page-refs given a placeholder */
} rp_para_env;

/* What placing a line needs: its logical extents (x and width in the
 * layout, top and bottom from the baseline) and whether it ends in a
 * word broken by a hyphen. */
typedef struct {
    rp_unit x, width, top, bottom;
    int hyphenated;
} rp_line_box;

typedef struct {
    rp_line_box *v;
    size_t n;
} rp_para_lines;

/* What a page-ref to id prints with the page labels refs: its label, or a
 * placeholder while unknown (the same pointer for every unknown one, as
 * rp_page_ref_label(NULL, NULL) gives). */
const char *rp_page_ref_label(const rp_pagemap *refs, const char *id);

/* Whether a language tag names a language written right to left. */
int rp_lang_is_rtl(const char *lang);
/* Whether two language tags are the same (case aside, _ for -). */
int rp_same_lang_tag(const char *a, const char *b);
/* The language all the text of the block element n is in when an xml:lang
 * at or under n says so (a paragraph that is one span xml:lang="en"),
 * else NULL; *seen says whether n has text in any language (text with a
 * letter: the ": " after a bold name is in none). */
const char *rp_text_lang(xmlNodePtr n, int *seen);

/* Builds a Pango layout for the inline content under node (text, b, i,
 * span, link, br, page-ref, leader, shape) with style st and the given
 * width.  Links and leaders found are appended to *links.  Returns a new
 * layout.  With heights, a paragraph composed by total fit gets its
 * lines' heights there (see rp_compose), and its layout is left unshaped
 * until someone asks for its lines; heights->n is 0 when they are not
 * known without shaping. */
PangoLayout *rp_para_layout(rp_para_env *env, const rp_style *st, xmlNodePtr node,
                            rp_unit width, rp_links *links, rp_para_lines *heights);
/* compose.c: re-breaks a paragraph laid out on one unbroken line with the
 * total-fit breaker and fixes its lines with line separators; links move
 * with the text.  Returns RP_COMPOSED_JUSTIFIED when the lines are to be
 * justified (the caller sets the layout's width and justify, after
 * rp_compose_narrow when a line is wider than the measure),
 * RP_COMPOSED_RAGGED when they are to stay as
 * they are, or -1 leaving the layout to Pango's own line breaking
 * (leaders, nothing feasible). */
#define RP_COMPOSED_JUSTIFIED 1
#define RP_COMPOSED_RAGGED 2
/* What rp_compose learns from the unbroken line besides the breaks. */
typedef struct {
    int want_heights;      /* in: fill heights */
    int rtl;               /* a line of the unbroken text runs right to left */
    int shrunk;            /* lines the breaker shrank: wider than the measure */
    rp_para_lines heights; /* each line's top and bottom only, from the runs
                            * it holds; n is 0 when they cannot be known
                            * without shaping the composed text (see
                            * predict_heights in compose.c) */
} rp_composed;
int rp_compose(rp_context *ctx, PangoLayout *l, const rp_style *st, rp_unit width,
               rp_links *links, rp_unit hyphen_w, int justify, rp_composed *out);
/* Has a paragraph rp_compose found RP_COMPOSED_JUSTIFIED justified to
 * width by rp_compose_finish when its lines are first asked for, instead
 * of by Pango (which shapes it twice given a width).  The layout keeps its
 * width of -1; rp_compose_copy copies it with the request. */
void rp_compose_justify_later(PangoLayout *l, rp_unit width);
/* Narrows the spaces of the lines of a paragraph rp_compose found
 * RP_COMPOSED_JUSTIFIED that are wider than width (out->shrunk), before
 * the caller leaves it to Pango to justify: Pango would wrap them again. */
void rp_compose_narrow(PangoLayout *l, rp_unit width);
/* The attributes of l that change no glyph (colours, run markers), kept
 * apart from its own (a reference is taken): rp_compose_finish applies
 * them to the runs of its lines, as Pango would, in linear time.  Edits
 * of the composer move them with the others; NULL when there are none. */
void rp_compose_set_after(PangoLayout *l, PangoAttrList *attrs);
PangoAttrList *rp_compose_after(PangoLayout *l);
/* Finishes l's lines before they are drawn or measured: the attributes
 * after shaping, then the justification asked for. */
void rp_compose_finish(PangoLayout *l);
PangoLayout *rp_compose_copy(PangoLayout *l);
/* A composed paragraph not shaped yet, in less memory than its layout:
 * a PangoLayout is about 550 bytes besides its text, and the paragraph
 * cache keeps one for every distinct paragraph of a book until it is
 * drawn.  rp_compose_hold takes what rp_compose_copy would copy (text,
 * attributes, settings, the requests above) and drops l; font must equal
 * l's font description and outlive the record.  rp_compose_unhold makes
 * the layout again in pc and frees h. */
typedef struct rp_held rp_held;
rp_held *rp_compose_hold(PangoLayout *l, const PangoFontDescription *font);
PangoLayout *rp_compose_unhold(rp_held *h, PangoContext *pc);
void rp_held_free(rp_held *h);
/* The font description a held paragraph points to (its keeper's copy),
 * and another copy of it for the paragraph to point to. */
const PangoFontDescription *rp_held_font(const rp_held *h);
void rp_held_set_font(rp_held *h, const PangoFontDescription *font);
/* A line's logical width, from its glyphs: the width in its extents may
 * be the one before rp_compose_finish stretched it. */
int rp_compose_line_width(const PangoLayoutLine *line);
/* A layout's lines asked for in order: pango_layout_get_line_readonly
 * walks the list from its first line, so asking for each line of a
 * paragraph of thousands of lines that way is quadratic.  The cursor
 * holds a reference to the layout it is in (cleared with
 * rp_line_cursor_clear) and starts again when asked for another layout,
 * an earlier line, or a layout laid out again since. */
typedef struct {
    PangoLayout *layout;
    guint serial;
    int index;
    GSList *at;
} rp_line_cursor;
PangoLayoutLine *rp_line_at(rp_line_cursor *c, PangoLayout *l, int index);
void rp_line_cursor_clear(rp_line_cursor *c);
/* An edit of a paragraph's text: remove bytes at pos, insert a string. */
typedef struct {
    size_t pos, remove;
    const char *insert;
} rp_text_edit;
/* Moves attrs (in place) for their text with the edits made (sorted,
 * none starting inside another) as pango_attr_list_update moves them
 * when called for each edit from the last to the first, but in a time
 * that grows with the edits and the attributes, not with their product. */
void rp_attrs_edit(PangoAttrList *attrs, const rp_text_edit *edits, size_t n);
/* Removes the soft hyphens hyphenation put in, for text left to Pango's
 * line breaking (a PDF reader would find them inside the words). */
void rp_strip_soft_hyphens(PangoLayout *l, rp_links *links);
/* A paragraph ready to place: its lines, and its layout when it is to be
 * drawn. */
typedef struct {
    PangoLayout *layout; /* a reference, or NULL when only measured */
    rp_para_lines lines;
    int predicted;    /* lines holds heights from rp_compose only */
    int mispredicted; /* drawn lines differ from the ones measured: a bug */
} rp_para;

void rp_para_lines_measure(PangoLayout *l, rp_para_lines *out);
void rp_para_clear(rp_para *p);

/* parcache.c: paragraphs without page-refs, measured once for all the
 * passes of a document.  rp_para_get is rp_para_layout through the cache
 * (c may be NULL: no cache): *out gets the lines, and with draw the
 * layout too. */
typedef struct rp_parcache rp_parcache;
rp_parcache *rp_parcache_new(void);
void rp_parcache_free(rp_parcache *c);
void rp_para_get(rp_parcache *c, rp_para_env *env, const rp_style *st, xmlNodePtr node,
                 rp_unit width, rp_links *links, int draw, rp_para *out);
/* After a measuring pass: whether each paragraph with page-refs it laid
 * out, laid out again with the page numbers next, takes the same room
 * (then a pass with next would cut the same pages: they have settled).
 * The next measuring pass takes the lines of those that print what they
 * printed, and lays out the rest; the drawing pass forgets them. */
int rp_parcache_refs_stable(rp_parcache *c, rp_context *ctx, rp_styles *styles,
                            const rp_pagemap *next);
/* A diagram's height and scale, which is all a measuring pass needs of
 * it: rp_parcache_figure fills them in it and returns 1 when an earlier
 * pass built node for the same width and height limit (and told the
 * cache with rp_parcache_figure_put), else returns 0. */
int rp_parcache_figure(rp_parcache *c, xmlNodePtr node, rp_unit width, rp_unit max_height,
                       rp_item *it);
/* A measuring pass ahead of the book's first (premeasure.c) fills a
 * cache of its own, made a shadow: it skips the pieces of the layout
 * (chunks.c) numbered below from, keeps no layouts (every paragraph
 * held, built in its own context) and no paragraph with page-refs (their
 * numbers are the real pass's), and notes what each paragraph added to
 * the line statistics, for the real pass to add when it reaches it in
 * its order.  rp_parcache_adopt moves a shadow's paragraphs of the
 * layout's pieces (keys both layouts share) that c has not measured
 * itself into c, made for from_ctx's Pango contexts and now for ctx's. */
void rp_parcache_shadow(rp_parcache *c, size_t from);
void rp_parcache_adopt(rp_parcache *c, rp_context *ctx, rp_parcache *from,
                       const rp_context *from_ctx);
/* Where the first pass is to take over what a measuring pass ahead of it
 * found: rp_parcache_reach, called with the number of each piece a
 * measuring pass comes to, joins p (rp_premeasure_join) at piece from,
 * and returns 1 for a piece a shadow skips; rp_parcache_settle joins p
 * wherever the pass is (its end, or an error), and so does freeing the
 * cache. */
typedef struct rp_premeasure rp_premeasure;
void rp_parcache_await(rp_parcache *c, size_t from, rp_premeasure *p);
int rp_parcache_reach(rp_parcache *c, long piece);
void rp_parcache_settle(rp_parcache *c);
/* How many paragraphs the passes took from a measuring pass ahead. */
size_t rp_parcache_taken(const rp_parcache *c);

/* premeasure.c: a book's first pass on two cores.  The pieces of a
 * layout from the middle of the book on are measured on a thread of
 * their own, with a context of its own, into a shadow cache, while the
 * first pass measures those before; the pass takes the rest from there.
 * rp_premeasure_start returns NULL when the book is not in pieces enough
 * to split; *from gets the piece the thread starts from. */
rp_premeasure *rp_premeasure_start(rp_context *ctx, xmlDocPtr layout, size_t *from);
void rp_premeasure_join(rp_premeasure *p, rp_parcache *into);
void rp_parcache_figure_put(rp_parcache *c, xmlNodePtr node, rp_unit width,
                            rp_unit max_height, const rp_item *it);
/* flow.c: a reference more, or one less, on the links of a paragraph
 * that an op holds (thread-safe: the drawing thread frees its copies). */
void rp_links_ref(const rp_links *l);
void rp_links_unref(const rp_links *l);
/* Frees what a links record holds and empties it. */
void rp_links_clear(rp_links *l);
/* The same for a plain string. */
PangoLayout *rp_text_layout(PangoContext *pc, const rp_style *st, const char *text,
                            rp_unit width);

/* diagram.c: lays out a <diagram> element in the given width as one item
 * of ops (boxes, labels, arrows, links); scaled down to max_height. */
void rp_diagram_build(PangoContext *pc, rp_styles *styles, xmlNodePtr n, rp_unit width,
                      rp_unit max_height, rp_item *it, rp_diag *d, const char *culprit);

/* ------------------------------------------------------- the document */

typedef struct {
    char *title;
    int parent;   /* enclosing titled section, -1 for none */
    int depth;    /* 1 for a top-level section */
    rp_src src;   /* of the section's title (a running head's source) */
} rp_section;

typedef struct {
    char *name;
    rp_unit width, height;
    rp_unit margin_top, margin_bottom, margin_left, margin_right;
    xmlNodePtr header, footer;  /* borrowed from the layout tree */
} rp_template;

typedef struct {
    rp_itemlist items;
    rp_template *tpls;
    size_t ntpl;
    rp_section *sections;
    size_t nsections, capsections;
    GHashTable *anchors;       /* ids that have a DEST (set of strings) */
    int page_refs;             /* page-refs in the text: set when laid out */
    int unresolved_refs;       /* page-refs laid out with a placeholder */
    GHashTable *src_files;     /* the files items' src name (set of strings) */
    char *title, *author, *subject, *keywords, *lang;
    int rtl;                   /* the document is right to left */
    rp_styles *styles;
    int own_styles;            /* styles are freed with the document */
} rp_tdoc;

typedef struct rp_pager rp_pager;

/* flow.c: the styles of layout (its language set on the context first),
 * for all the passes over it. */
rp_styles *rp_flow_styles(rp_context *ctx, xmlDocPtr layout, const char *culprit, rp_diag *d);
/* flow.c: builds the document's items in styles (NULL: its own, made
 * from the layout), with page-refs taken from refs
 * (NULL on the first pass), reusing the paragraphs cache holds from an
 * earlier pass of the same layout (cache may be NULL).  With RP_FLOW_DRAW
 * the lines carry their layouts (else they are only measured); with
 * RP_FLOW_CONSUME each block of the layout is freed once its items are
 * made (a last pass).  Items that can no longer change are fed to pager
 * as they are made (pager may be NULL).  Returns NULL on errors, except
 * with RP_FLOW_KEEP: pages the pager has handed on may still be using
 * the document (a drawing thread), and the caller frees it once they are
 * done, telling errors by the diagnostics. */
#define RP_FLOW_DRAW 1
#define RP_FLOW_CONSUME 2
#define RP_FLOW_KEEP 4
rp_tdoc *rp_flow_build(rp_context *ctx, xmlDocPtr layout, const char *culprit,
                       rp_styles *styles, const rp_pagemap *refs, rp_parcache *cache,
                       int flags, rp_pager *pager, rp_diag *d);

/* pages.c: page labels, a page at a time in order (numbering sequences):
 * the label of the page that starts with item first, returned new. */
typedef struct {
    rp_numbering style; /* RP_NUM_NONE: arabic, until a section says */
    int n;
} rp_numberer;
char *rp_page_label_next(rp_numberer *nb, const rp_item *first);
/* Frees the labels of n pages and their array. */
void rp_labels_free(char **labels, size_t n);
/* Adds the anchors on page p (labelled label) to map: id -> label. */
void rp_anchor_page(rp_pagemap *map, const rp_tdoc *doc, const rp_page *p, const char *label);
rp_pagemap *rp_pagemap_new(void);
/* n written in the digits of a page label: Arabic-Indic when the label
 * is in them (the count of an Arabic "page 3 of 12"), else ASCII. */
char *rp_number_like(const char *label, size_t n);
void rp_tdoc_free(rp_tdoc *doc);

/* A justified line looser than this (its spaces stretched by more than
 * 1.5 times what they may stretch) reads as a gap in the text: the
 * composer avoids it, and the layout check reports it. */
#define RP_LOOSE_RATIO 1.5

/* checklayout.c: the layout-defect report of page index (of
 * page_count): every defect on it (text past the measure, a block past
 * the bottom margin, a heading last on its page, widows and orphans, a
 * table continued without its header, an empty page, a line stretched
 * past looseness, three hyphens in a row), with its page and source.
 * Returns the number of defects reported as errors (unavoidable ones are
 * warnings). */
size_t rp_check_page(const rp_tdoc *doc, const rp_pagelist *pages, size_t page_count,
                     char **labels, size_t index, const char *culprit, rp_diag *d);

/* glyphs.c: characters no bundled font has, each reported once a
 * document (a warning, at the blueprint line when known).  Every line of
 * text drawn goes through rp_glyphs_check. */
typedef struct {
    GHashTable *reported; /* characters already reported */
    const char *culprit;  /* named when a line's source is not known */
    rp_diag *d;
} rp_glyphs;
void rp_glyphs_init(rp_glyphs *g, const char *culprit, rp_diag *d);
void rp_glyphs_clear(rp_glyphs *g);
/* Reports what line (a line of l) draws as an unknown glyph; src is where
 * its text comes from (no file: not known). */
void rp_glyphs_check(rp_glyphs *g, PangoLayout *l, const PangoLayoutLine *line,
                     rp_src src);

/* What the caller knows an element will hold: RP_HOLDS_CONTENT promises
 * that only content is drawn until its end (no element, link or
 * artifact), which then needs no carrier; RP_HOLDS_ELEMENT that an
 * element begins inside it, so that an artifact drawn before needs none
 * either. */
typedef enum { RP_HOLDS_ANY, RP_HOLDS_CONTENT, RP_HOLDS_ELEMENT } rp_holds;

/* The language of the element-th structure element begun (0: Document;
 * carriers are not counted), when it is not its parent's. */
typedef struct {
    size_t element;
    char *lang;
} rp_tag_lang;

/* tagging.c: the structure tree the renderer builds (see there why
 * content goes into a carrier element, and artifacts mostly into none). */
typedef struct {
    cairo_t *cr;
    int carrier;          /* the open carrier: 0 none, 1 content, 2 artifact */
    rp_holds inner;       /* what the innermost element is known to hold:
                           * CONTENT, it takes its content itself; ELEMENT,
                           * it has or will have a child, so artifacts
                           * need no carrier; ANY, neither */
    rp_struct *open;      /* open elements, outermost first */
    size_t nopen, capopen;
    char **alts;          /* text alternative of each figure, in order */
    size_t nalts, capalts;
    char **links;         /* text of each link, in order ("" for none) */
    size_t nlinks, caplinks;
    size_t nelements;     /* elements begun so far, Document and links too */
    rp_tag_lang *langs;   /* the elements with a language of their own */
    size_t nlangs, caplangs;
} rp_tags;

/* Opens the Document element. */
void rp_tags_start(rp_tags *t, cairo_t *cr);
/* What is drawn next is content, or an artifact. */
void rp_tags_content(rp_tags *t);
void rp_tags_artifact(rp_tags *t);
/* Ends the open carrier, if any. */
void rp_tags_close(rp_tags *t);
/* A structure element; alt is a figure's text alternative, lang the
 * element's language when it is not the document's (or NULL). */
void rp_tags_begin(rp_tags *t, rp_struct s, const char *alt, const char *lang, rp_holds holds);
void rp_tags_end(rp_tags *t, rp_struct s);
/* A link (Cairo's attributes) and what it says, for its annotation, and
 * its language when not its paragraph's (or NULL): its content is drawn
 * between the two. */
void rp_tags_link_begin(rp_tags *t, const char *attrs, const char *text, const char *lang);
void rp_tags_link_end(rp_tags *t);
/* A passage in another language than its paragraph's, drawn between the
 * two: an element of the type RP_LANG_SPAN (pdfobj.h). */
void rp_tags_span_begin(rp_tags *t, const char *lang);
void rp_tags_span_end(rp_tags *t);
/* A long document is drawn as several Cairo documents (render.c,
 * pdfjoin.c).  rp_tags_suspend ends, in the Cairo document ending, every
 * element open and Document, and returns how many elements were open
 * below Document; rp_tags_resume begins them again, in the same order, in
 * the next one (drawn with cr), next saying what the innermost will hold
 * on the next page (RP_HOLDS_ELEMENT: an element begins inside it). */
size_t rp_tags_suspend(rp_tags *t);
void rp_tags_resume(rp_tags *t, cairo_t *cr, rp_holds next);
/* Ends every open element and the Document. */
void rp_tags_finish(rp_tags *t);
void rp_tags_free(rp_tags *t);

/* pdfua.c: completes the tagged PDF Cairo wrote (pdf, len bytes) with
 * what Cairo 1.16 cannot write: carriers folded into their parents,
 * artifacts marked as such, the figures' text alternatives, the links'
 * descriptions, header cells' scope, the languages of the document and
 * of elements in another, and title display.  Writes the completed PDF to out and returns 0, or returns
 * -1 with a diagnostic against path (having written nothing, unless the
 * write itself failed). */
typedef struct {
    const char *lang;
    char *const *alts;   /* of the figures, in order */
    size_t nalts;
    char *const *links;  /* text of the links, in order: their /Contents */
    size_t nlinks;
    /* /Lang of elements, by their place in the order they were begun
     * (object order); nelements is how many there are in all. */
    const rp_tag_lang *langs;
    size_t nlangs, nelements;
    /* Called now and then with trim_arg: the bytes of pdf read so far
     * need not stay in memory (they are read again if touched). */
    void (*trim)(void *trim_arg);
    void *trim_arg;
    /* Threads that may compress streams at once, the caller's included
     * (at most RP_PDFUA_MAX_THREADS; 1 or less: the caller's alone). */
    int threads;
} rp_pdfua_info;
#define RP_PDFUA_MAX_THREADS 8
int rp_pdfua_finish(const char *pdf, size_t len, const rp_pdfua_info *info, FILE *out,
                    const char *path, rp_diag *d);

/* render.c: draws the pages of a document as PDF as they are finished.
 * ids holds every anchor id of the whole document (links are checked
 * against it) and
 * page_count is its number of pages; first_tpl is the first page's
 * template.  rp_render_page draws page index of pages (labels are the
 * printed page numbers): at once, or with thread on a drawing thread of
 * the renderer's while the caller goes on (it may free the page's items
 * when the call returns, and must not change what the renderer keeps:
 * the templates, styles and ids).  The renderer takes the spool pdf
 * (spool.h) that Cairo's output goes to, opened by the caller.
 * rp_render_end waits for the drawing,
 * completes the PDF, writes it to f (for the file path, named in
 * diagnostics; NULL: nowhere) and frees everything. */
typedef struct rp_renderer rp_renderer;
struct rp_spool_s;
rp_renderer *rp_render_begin(rp_context *ctx, rp_tdoc *doc, GHashTable *ids, size_t page_count,
                             int first_tpl, int thread, struct rp_spool_s *pdf,
                             const char *culprit, rp_diag *d);
void rp_render_page(rp_renderer *r, const rp_pagelist *pages, char **labels, size_t index);
int rp_render_end(rp_renderer *r, FILE *f, const char *path);

/* pager.c: pages finished while the document is still being built.  flow
 * feeds it the items that can no longer change; it cuts the pages they
 * decide, numbers them, notes the page of every anchor, hands each page
 * to `finished` (which draws it, in the drawing pass) and then lets go of
 * what the page's items draw with.  So a book holds a page or two of
 * lines at a time, not all of them. */
typedef void (*rp_page_fn)(void *data, rp_tdoc *doc, const rp_pagelist *pages, char **labels,
                           size_t index);
struct rp_pager {
    rp_context *ctx;
    const char *culprit;
    rp_diag *d;
    rp_page_fn finished; /* or NULL */
    void *data;
    int keep;            /* finished pages keep their items' ops */
    rp_unit *body;       /* body height of each page template */
    rp_paginator pg;
    rp_pagelist pages;   /* a page's items index doc->items as it was when
                            the page was finished: items before them go */
    size_t dropped;      /* items gone from the front of doc->items */
    char **labels;
    size_t caplabels;
    rp_numberer nb;
    rp_pagemap *anchors; /* id -> label of its page */
};
void rp_pager_init(rp_pager *p, rp_context *ctx, const char *culprit, rp_diag *d,
                   rp_page_fn finished, void *data);
/* Items [0, n) of doc are final (all of them with final). */
void rp_pager_feed(rp_pager *p, rp_tdoc *doc, size_t n, int final);
void rp_pager_clear(rp_pager *p);

#endif
