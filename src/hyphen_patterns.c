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
 * libhyphen still does the hyphenating.
 * Allocating each state's transitions, match and replacement by itself,
 * as libhyphen does, and growing the transitions one at a time, German's
 * dictionary took 187 M instructions to build and 40 M to free: 46 % of a
 * German job description's process.  So the trie grows as child and
 * sibling links, and each level's transitions are then laid out in one
 * block and its strings in another (111 M to build, nothing to speak of
 * to free): rp_hyphen_free, not hnj_hyphen_free, frees what is built here.
 * test_hyphenate compares the two loaders' dictionaries for every
 * installed language and for files with every kind of line.
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
#include <sys/mman.h>
#include <sys/stat.h>

/* A level of a dictionary as built here: the HyphenDict libhyphen reads,
 * and the two blocks its states point into. */
typedef struct {
    HyphenDict dict; /* first: a level is freed through its HyphenDict */
    HyphenTrans *trans;
    char *strings;
} level;

typedef struct {
    level *lv;
    HyphenDict *dict;     /* &lv->dict */
    int capacity;         /* states allocated */
    int *parent;          /* state number -> the state one letter shorter */
    char *letter;         /* state number -> its last letter */
    unsigned char *depth; /* state number -> its letters (at most 99) */
    /* The transitions while the trie grows: a state's newest child is
     * kept in its num_trans (-1: none; lay_out counts the transitions
     * afresh), the next older child of the same parent in sibling, and
     * the root's children by letter, the root having most of them.
     * Arrays for all the states cost page faults: a German process took
     * longer with two more of them, though it ran fewer instructions. */
    int *sibling;
    int root[256];
    /* each pattern's state, and its match and replacement in strings */
    struct ending {
        int state, match, repl; /* offsets, or -1 */
    } *endings;
    size_t nendings, capendings;
    rp_buf strings;
} level_builder;

static void builder_init(level_builder *b, const char *cset)
{
    memset(b, 0, sizeof *b);
    b->lv = rp_xcalloc(1, sizeof *b->lv);
    b->dict = &b->lv->dict;
    g_strlcpy(b->dict->cset, cset, sizeof b->dict->cset);
    b->dict->utf8 = strcmp(cset, "UTF-8") == 0;
    memset(b->root, -1, sizeof b->root);
}

/* Room for capacity states in every per-state array. */
static void builder_grow(level_builder *b, int capacity)
{
    size_t n = (size_t)capacity;
    b->capacity = capacity;
    b->dict->states = rp_xrealloc(b->dict->states, n * sizeof *b->dict->states);
    b->parent = rp_xrealloc(b->parent, n * sizeof *b->parent);
    b->letter = rp_xrealloc(b->letter, n);
    b->depth = rp_xrealloc(b->depth, n);
    b->sibling = rp_xrealloc(b->sibling, n * sizeof *b->sibling);
}

static void builder_free(level_builder *b)
{
    free(b->parent);
    free(b->letter);
    free(b->depth);
    free(b->sibling);
    free(b->endings);
    rp_buf_free(&b->strings);
}

/* A new state, reached from parent on letter (the root: parent -1). */
static int new_state(level_builder *b, int parent, char letter, size_t depth)
{
    HyphenDict *d = b->dict;
    if (d->num_states == b->capacity)
        builder_grow(b, b->capacity ? 2 * b->capacity : 256);
    int s = d->num_states++;
    d->states[s] = (HyphenState){.fallback_state = -1, .num_trans = -1};
    b->parent[s] = parent;
    b->letter[s] = letter;
    b->depth[s] = (unsigned char)depth;
    return s;
}

/* Gives state s (not the root) its transition, from its parent. */
static void link_state(level_builder *b, int s)
{
    int parent = b->parent[s];
    if (parent == 0)
        b->root[(unsigned char)b->letter[s]] = s;
    b->sibling[s] = b->dict->states[parent].num_trans;
    b->dict->states[parent].num_trans = s;
}

/* Where state s goes on ch while the trie grows, or -1. */
static int child_on(const level_builder *b, int s, char ch)
{
    if (s == 0)
        return b->root[(unsigned char)ch];
    for (int c = b->dict->states[s].num_trans; c >= 0; c = b->sibling[c])
        if (b->letter[c] == ch)
            return c;
    return -1;
}

/* Where state s goes on ch in the laid out level, or -1. */
static int transition(const level_builder *b, int s, char ch)
{
    if (s == 0)
        return b->root[(unsigned char)ch];
    const HyphenState *st = &b->dict->states[s];
    for (int k = 0; k < st->num_trans; k++)
        if (st->trans[k].ch == ch)
            return st->trans[k].new_state;
    return -1;
}

static int add_string(rp_buf *b, const char *str)
{
    int at = (int)b->len;
    rp_buf_add(b, str, strlen(str) + 1);
    return at;
}

/* The finished level: each state's transitions in one block, in the order
 * libhyphen's loader adds them (a state's children by state number: each
 * transition is added as its state is made), and its strings pointing
 * into one buffer. */
static void lay_out(level_builder *b)
{
    HyphenDict *d = b->dict;
    int n = d->num_states;
    for (int s = 0; s < n; s++)
        d->states[s].num_trans = 0;
    for (int s = 1; s < n; s++)
        d->states[b->parent[s]].num_trans++;
    HyphenTrans *next = b->lv->trans = rp_xmalloc((size_t)(n > 1 ? n - 1 : 1) * sizeof *next);
    for (int s = 0; s < n; s++) {
        HyphenState *st = &d->states[s];
        st->trans = st->num_trans ? next : NULL;
        next += st->num_trans;
        st->num_trans = 0;
    }
    for (int s = 1; s < n; s++) {
        HyphenState *p = &d->states[b->parent[s]];
        p->trans[p->num_trans++] = (HyphenTrans){.ch = b->letter[s], .new_state = s};
    }
    /* the buffer is the level's now */
    char *strings = b->lv->strings = b->strings.s;
    b->strings = (rp_buf){0};
    /* in the file's order: a pattern given again replaces the first */
    for (size_t i = 0; i < b->nendings; i++) {
        const struct ending *e = &b->endings[i];
        d->states[e->state].match = strings + e->match;
        d->states[e->state].repl = e->repl >= 0 ? strings + e->repl : NULL;
    }
}

void rp_hyphen_free(void *dict)
{
    for (HyphenDict *d = dict, *next; d; d = next) {
        next = d->nextlevel;
        level *lv = (level *)d;
        free(lv->trans);
        free(lv->strings);
        free(d->states);
        free(d->nohyphen);
        free(lv);
    }
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
    /* most lines are patterns: no setting starts as they do */
    if (!strchr("LRCN", line[0]))
        return 0;
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
    for (int next; m < n && (next = child_on(b, known, letters[m])) >= 0; m++)
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
        link_state(b, s);
    return word;
}

static void add_pattern(level_builder *b, char *line)
{
    HyphenDict *d = b->dict;
    if (setting(d, line))
        return;
    /* The replacement, if any: "/text", "/text,start,length". */
    const char *repl = NULL;
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
        repl = slash + 1;
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
    *RP_PUSH(b->endings, b->nendings, b->capendings) =
        (struct ending){s, add_string(&b->strings, match),
                        repl ? add_string(&b->strings, repl) : -1};
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
            int to = transition(b, f, ch);
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
    builder_grow(b, (int)(st.st_size - at));
    /* German's states fill 11 MB, and their pages' first touches were
     * most of a German process's page faults (2,700 of 7,100), which cost
     * more than the instructions building them.  Huge pages, where the
     * system gives them on request (Debian's default), take one fault per
     * 2 MB.  A smaller dictionary (English's fills under 1 MB) would only
     * hold more memory so. */
    const size_t huge = (size_t)2 << 20;
    size_t bytes = (size_t)b->capacity * sizeof *b->dict->states;
    if (bytes < 8 * huge)
        return;
    bytes = (bytes + huge - 1) / huge * huge;
    void *p = aligned_alloc(huge, bytes);
    if (!p)
        return;
    madvise(p, bytes, MADV_HUGEPAGE);
    free(b->dict->states);
    b->dict->states = p;
}

static HyphenDict *read_level(FILE *f, const char *cset, int from_file, int *next_level)
{
    level_builder b;
    builder_init(&b, cset);
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
    lay_out(&b);
    set_fallbacks(&b);
    builder_free(&b);
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
