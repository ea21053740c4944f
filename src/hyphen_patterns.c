/* hyphen_patterns.c - reading a libhyphen pattern file (.dic) quickly.
 *
 * libhyphen's loader, hnj_hyphen_load, finds each pattern's states in a
 * fixed table of 31,627 chains searched with strcmp, and each state's
 * fallback by looking up every suffix of it there.  German's 69,000
 * patterns make 279,000 states, and loading them took 3 s: fifteen times
 * a whole job description, paid again by every process that sets a German
 * text.  This reads the same file into the same HyphenDict (the structures
 * hyphen.h makes public, state for state, transition for transition, in
 * libhyphen's order) by walking the transitions it is building, and sets
 * the fallbacks from the parents' (German: 0.1 s).
 * libhyphen still does the hyphenating, and hnj_hyphen_free frees what is
 * built here (with free: everything is malloc'd).  test_hyphenate compares
 * the two loaders' dictionaries for every installed language and for
 * files with every kind of line.
 *
 * The file: a first line naming the character set, then one pattern or
 * setting per line; lines starting with '%' are comments.  A pattern
 * interleaves letters with digits ("1ab2c"), and may carry a replacement
 * ("ab1c/b=c,2,1": text, start, length) for non-standard hyphenation.
 * "NEXTLEVEL" starts the second level of a two-level dictionary (compound
 * words); a one-level file gets a default second level.
 */
#include "typeset.h"

#include <hyphen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
    HyphenDict *dict;
    int capacity;         /* states allocated */
    int *parent;          /* state number -> the state one letter shorter */
    char *letter;         /* state number -> its last letter */
    unsigned char *depth; /* state number -> its letters (at most 99) */
} level_builder;

static HyphenDict *level_new(const char *cset)
{
    HyphenDict *d = rp_xcalloc(1, sizeof *d);
    g_strlcpy(d->cset, cset, sizeof d->cset);
    d->utf8 = strcmp(cset, "UTF-8") == 0;
    return d;
}

static int new_state(level_builder *b, int parent, char letter, size_t depth)
{
    HyphenDict *d = b->dict;
    if (d->num_states == b->capacity) {
        b->capacity = b->capacity ? 2 * b->capacity : 256;
        d->states = rp_xrealloc(d->states, (size_t)b->capacity * sizeof *d->states);
        b->parent = rp_xrealloc(b->parent, (size_t)b->capacity * sizeof *b->parent);
        b->letter = rp_xrealloc(b->letter, (size_t)b->capacity);
        b->depth = rp_xrealloc(b->depth, (size_t)b->capacity);
    }
    d->states[d->num_states] = (HyphenState){.fallback_state = -1};
    b->parent[d->num_states] = parent;
    b->letter[d->num_states] = letter;
    b->depth[d->num_states] = (unsigned char)depth;
    return d->num_states++;
}

/* Where state s goes on ch, or -1. */
static int transition(const HyphenState *s, char ch)
{
    for (int k = 0; k < s->num_trans; k++)
        if (s->trans[k].ch == ch)
            return s->trans[k].new_state;
    return -1;
}

static void add_transition(HyphenState *from, char ch, int to)
{
    from->trans = rp_xrealloc(from->trans, (size_t)(from->num_trans + 1) * sizeof *from->trans);
    from->trans[from->num_trans++] = (HyphenTrans){.ch = ch, .new_state = to};
}

/* "NOHYPHEN a,b,c": the list, its last character (the newline) cut, each
 * comma after the first character a terminator, counted. */
static void set_nohyphen(HyphenDict *d, const char *list)
{
    list += strspn(list, " \t");
    free(d->nohyphen);
    d->nohyphen = rp_xstrdup(list);
    d->nohyphenl = 0;
    size_t n = strlen(d->nohyphen);
    if (n == 0)
        return;
    d->nohyphen[n - 1] = '\0';
    for (size_t i = n - 1; i-- > 1;)
        if (d->nohyphen[i] == ',') {
            d->nohyphenl++;
            d->nohyphen[i] = '\0';
        }
}

static int setting(HyphenDict *d, const char *line)
{
    const struct {
        const char *name;
        char *value;
    } numbers[] = {
        {"LEFTHYPHENMIN", &d->lhmin},
        {"RIGHTHYPHENMIN", &d->rhmin},
        {"COMPOUNDLEFTHYPHENMIN", &d->clhmin},
        {"COMPOUNDRIGHTHYPHENMIN", &d->crhmin},
    };
    for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++) {
        size_t len = strlen(numbers[i].name);
        if (strncmp(line, numbers[i].name, len) == 0) {
            *numbers[i].value = (char)atoi(line + len);
            return 1;
        }
    }
    if (strncmp(line, "NOHYPHEN", 8) == 0) {
        set_nohyphen(d, line + 8);
        return 1;
    }
    return 0;
}

/* A replacement's start and length count characters; in a UTF-8
 * dictionary libhyphen wants them in bytes of the pattern's letters. */
static void replacement_in_bytes(const char *letters, signed char *start, signed char *len)
{
    int chars = -1, first = -1;
    for (size_t at = letters[0] == '.'; at <= strlen(letters); at++) {
        if (((unsigned char)letters[at] >> 6) != 2)
            chars++;
        if (first < 0 && *start == chars) {
            first = *start;
            *start = (signed char)at;
        }
        if (first >= 0 && chars - first == *len) {
            *len = (signed char)(at - (size_t)*start);
            break;
        }
    }
    if (letters[0] == '.')
        (*start)--;
}

/* The state of a pattern's letters.  The states are the prefixes of the
 * patterns, each reached from the one a letter shorter: a word's longest
 * prefix that is a state is found by following the transitions, and the
 * rest are made in libhyphen's order (the whole word first, then each
 * prefix a letter shorter), each given its transition as it is made. */
static int state_for(level_builder *b, const char *letters, size_t n)
{
    int known = 0;
    size_t m = 0;
    for (int next; m < n && (next = transition(&b->dict->states[known], letters[m])) >= 0; m++)
        known = next;
    if (m == n)
        return known;
    int word = b->dict->num_states;
    /* The state of the prefix of k letters is word + (n - k). */
    for (size_t k = n; k > m; k--) {
        int parent = k - 1 == m ? known : word + (int)(n - k) + 1;
        new_state(b, parent, letters[k - 1], k);
    }
    for (int s = word; s < b->dict->num_states; s++)
        add_transition(&b->dict->states[b->parent[s]], b->letter[s], s);
    return word;
}

static void add_pattern(level_builder *b, char *line)
{
    HyphenDict *d = b->dict;
    if (setting(d, line))
        return;
    /* The replacement, if any: "/text", "/text,start,length". */
    char *repl = NULL;
    signed char start = 0, len = 0;
    char *slash = strchr(line, '/');
    if (slash) {
        *slash = '\0';
        char *comma = strchr(slash + 1, ',');
        if (comma) {
            *comma = '\0';
            char *comma2 = strchr(comma + 1, ',');
            if (comma2) {
                *comma2 = '\0';
                start = (signed char)(atoi(comma + 1) - 1);
                len = (signed char)atoi(comma2 + 1);
            }
        } else {
            slash[1 + strcspn(slash + 1, "\r\n")] = '\0';
            len = (signed char)strlen(line);
        }
        repl = rp_xstrdup(slash + 1);
    }
    /* Letters, and a digit before, between and after them ('0' if none). */
    char letters[MAX_CHARS + 2], digits[MAX_CHARS + 2];
    size_t n = 0;
    digits[0] = '0';
    for (const unsigned char *p = (const unsigned char *)line; *p > ' '; p++) {
        if (*p >= '0' && *p <= '9') {
            digits[n] = (char)*p;
        } else {
            letters[n++] = (char)*p;
            digits[n] = '0';
        }
    }
    letters[n] = '\0';
    digits[n + 1] = '\0';
    const char *match = digits;
    if (!repl) {
        match += strspn(digits, "0"); /* leading zeros say nothing */
    } else {
        match += letters[0] == '.';
        if (d->utf8)
            replacement_in_bytes(letters, &start, &len);
    }

    int s = state_for(b, letters, n);
    HyphenState *st = &b->dict->states[s];
    free(st->match);
    free(st->repl);
    st->match = rp_xstrdup(match);
    st->repl = repl;
    st->replindex = start;
    st->replcut = len ? len : (signed char)n;
}

/* Each state falls back to its longest proper suffix that is a state:
 * found, shortest states first, from the parent's fallback (the
 * Aho-Corasick failure function), not by looking every suffix up. */
static void set_fallbacks(level_builder *b)
{
    HyphenDict *d = b->dict;
    int *order = rp_xmalloc((size_t)d->num_states * sizeof *order);
    int by_depth[MAX_CHARS + 2] = {0};
    for (int s = 0; s < d->num_states; s++)
        by_depth[b->depth[s] + 1]++;
    for (int k = 1; k < MAX_CHARS + 2; k++)
        by_depth[k] += by_depth[k - 1];
    for (int s = 0; s < d->num_states; s++)
        order[by_depth[b->depth[s]]++] = s;
    for (int i = 1; i < d->num_states; i++) {
        int s = order[i], parent = b->parent[s], fallback = 0;
        char ch = b->letter[s];
        for (int f = parent == 0 ? -1 : d->states[parent].fallback_state; f >= 0;
             f = f == 0 ? -1 : d->states[f].fallback_state) {
            int to = transition(&d->states[f], ch);
            if (to >= 0) {
                fallback = to;
                break;
            }
        }
        d->states[s].fallback_state = fallback;
    }
    free(order);
}

/* Room for as many states as there are bytes left in the file, more than
 * it makes (German: 279,000 from 1.1 MB): the arrays are not copied as
 * they grow, and the pages never used are never touched. */
static void reserve_states(level_builder *b, FILE *f)
{
    struct stat st;
    long at = ftell(f);
    if (fstat(fileno(f), &st) != 0 || at < 0 || st.st_size <= at || st.st_size - at > INT_MAX / 2)
        return;
    b->capacity = (int)(st.st_size - at);
    b->dict->states = rp_xmalloc((size_t)b->capacity * sizeof *b->dict->states);
    b->parent = rp_xmalloc((size_t)b->capacity * sizeof *b->parent);
    b->letter = rp_xmalloc((size_t)b->capacity);
    b->depth = rp_xmalloc((size_t)b->capacity);
}

static HyphenDict *read_level(FILE *f, const char *cset, int from_file, int *next_level)
{
    level_builder b = {.dict = level_new(cset)};
    if (from_file)
        reserve_states(&b, f);
    new_state(&b, -1, 0, 0);
    char line[MAX_CHARS];
    if (from_file) {
        /* A line longer than the buffer is read in pieces, each taken
         * for a line, as libhyphen 2.8.8 (Debian 12's) does. */
        while (fgets(line, sizeof line, f)) {
            if (strncmp(line, "NEXTLEVEL", 9) == 0) {
                *next_level = 1;
                break;
            }
            if (line[0] != '%')
                add_pattern(&b, line);
        }
    } else {
        /* The second level libhyphen gives a one-level file: no breaks
         * at hyphens and apostrophes, and a break after each. */
        const int utf8 = b.dict->utf8;
        const char *defaults[] = {
            utf8 ? "NOHYPHEN ',\xe2\x80\x93,\xe2\x80\x99,-\n" : "NOHYPHEN ',-\n", "1-1\n", "1'1\n",
            utf8 ? "1\xe2\x80\x93" "1\n" : NULL, utf8 ? "1\xe2\x80\x99" "1\n" : NULL};
        for (size_t i = 0; i < sizeof defaults / sizeof *defaults; i++)
            if (defaults[i]) {
                g_strlcpy(line, defaults[i], sizeof line);
                add_pattern(&b, line);
            }
    }
    set_fallbacks(&b);
    free(b.parent);
    free(b.letter);
    free(b.depth);
    return b.dict;
}

void *rp_hyphen_load(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    char cset[MAX_NAME] = {0};
    if (fgets(cset, sizeof cset, f))
        cset[strcspn(cset, "\r\n")] = '\0';
    int two_levels = 0;
    HyphenDict *first = read_level(f, cset, 1, &two_levels);
    HyphenDict *second = read_level(f, cset, two_levels, &two_levels);
    fclose(f);
    if (two_levels) {
        first->nextlevel = second;
        return first;
    }
    /* One level: the patterns come second, after the defaults. */
    second->nextlevel = first;
    second->lhmin = first->lhmin;
    second->rhmin = first->rhmin;
    second->clhmin = first->clhmin ? first->clhmin : first->lhmin ? first->lhmin : 3;
    second->crhmin = first->crhmin ? first->crhmin : first->rhmin ? first->rhmin : 3;
    return second;
}
