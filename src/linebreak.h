/* linebreak.h - optimal line breaking (Knuth and Plass's total fit).
 *
 * The paragraph is a sequence of boxes (unbreakable widths), glue
 * (breakable, stretchable space) and penalties (breaks with a cost: a
 * hyphen, an explicit break).  The breaker chooses the breaks that
 * minimise the paragraph's total demerits: loose and tight lines,
 * hyphens, two hyphens in a row, lines of very different tightness next to
 * each other.  It knows nothing of Pango; paragraph.c measures with Pango
 * and turns the chosen breaks into lines.
 */
#ifndef RP_LINEBREAK_H
#define RP_LINEBREAK_H

#include <stddef.h>
#include <stdint.h>

typedef int32_t rp_kp_unit;

typedef enum { RP_KP_BOX, RP_KP_GLUE, RP_KP_PENALTY } rp_kp_type;

/* A penalty at or below this forces a break; at or above forbids one. */
#define RP_KP_INFINITY 10000

typedef struct {
    rp_kp_type type;
    rp_kp_unit width;          /* PENALTY: width added if broken here (a hyphen) */
    rp_kp_unit stretch, shrink; /* GLUE only */
    int penalty;               /* PENALTY only */
    int flagged;               /* PENALTY: a hyphenation break */
} rp_kp_item;

typedef struct {
    double tolerance;          /* largest adjustment ratio allowed (TeX: 1..2) */
    int line_penalty;          /* added to each line's badness (TeX: 10) */
    int flagged_demerits;      /* two flagged breaks in a row (TeX: 3000) */
    int fitness_demerits;      /* adjacent lines of far apart tightness (TeX: 100) */
    int final_hyphen_demerits; /* a hyphen ending the last line but one (TeX: 5000) */
    int max_hyphens_in_row;    /* at most this many consecutive hyphenated lines */
} rp_kp_params;

/* TeX's defaults, and no more than two hyphenated lines in a row. */
rp_kp_params rp_kp_defaults(void);

/* Breaks items into lines of the given widths (line i has widths[i], the
 * last entry repeats for later lines).  The items must end with a
 * forced break.  On success writes the indices of the break items in
 * order (the last one is the final forced break) into *breaks (a new
 * array the caller frees) and their count into *nbreaks, and the
 * adjustment ratio of each line into *ratios (new array, may be NULL), and
 * returns 0.  Returns -1 when no set of breaks keeps every line within
 * the tolerance. */
int rp_kp_break(const rp_kp_item *items, size_t n, const rp_kp_unit *widths, size_t nwidths,
                const rp_kp_params *p, size_t **breaks, size_t *nbreaks, double **ratios);

/* The natural width (no stretch or shrink) of line k of the lines that
 * breaks (from rp_kp_break or rp_kp_first_fit) make of the n items. */
rp_kp_unit rp_kp_natural_width(const rp_kp_item *items, size_t n, const size_t *breaks, size_t k);

/* First fit, as a line-by-line breaker (and a word processor) does: each
 * line takes as much as fits at natural width.  Same output as
 * rp_kp_break; for comparisons.  Returns -1 when a box is wider than its
 * line. */
int rp_kp_first_fit(const rp_kp_item *items, size_t n, const rp_kp_unit *widths, size_t nwidths,
                    size_t **breaks, size_t *nbreaks, double **ratios);

#endif
