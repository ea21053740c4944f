/* test_hyphenate.c - hyphenation points by language, minimum lengths, and
 * the pattern loader (hyphen_patterns.c) against libhyphen's own. */
#include "context_fixture.h"

#include <hyphen.h>
#include <unistd.h>

/* The word with "-" at each hyphenation point. */
static char *marked(void *dict, const char *w, size_t min)
{
    static char buf[256];
    size_t after[32];
    size_t n = rp_hyphenate(dict, w, strlen(w), min, after, 32);
    size_t j = 0, from = 0;
    for (size_t k = 0; k < n; k++) {
        memcpy(buf + j, w + from, after[k] - from);
        j += after[k] - from;
        buf[j++] = '-';
        from = after[k];
    }
    strcpy(buf + j, w + from);
    return buf;
}

static int same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* NOHYPHEN's list: nohyphenl + 1 strings one after another. */
static int same_nohyphen(const HyphenDict *a, const HyphenDict *b)
{
    if (!a->nohyphen || !b->nohyphen)
        return a->nohyphen == b->nohyphen;
    const char *p = a->nohyphen, *q = b->nohyphen;
    for (int i = 0; i <= a->nohyphenl; i++, p += strlen(p) + 1, q += strlen(q) + 1)
        if (strcmp(p, q) != 0)
            return 0;
    return 1;
}

/* The first difference between two levels of a dictionary, or NULL. */
static const char *level_difference(const HyphenDict *a, const HyphenDict *b, int *state)
{
    *state = -1;
    if (a->lhmin != b->lhmin || a->rhmin != b->rhmin || a->clhmin != b->clhmin ||
        a->crhmin != b->crhmin)
        return "the minimum lengths";
    if (a->nohyphenl != b->nohyphenl || !same_nohyphen(a, b))
        return "NOHYPHEN";
    if (strcmp(a->cset, b->cset) != 0 || a->utf8 != b->utf8)
        return "the character set";
    if (a->num_states != b->num_states)
        return "the number of states";
    for (*state = 0; *state < a->num_states; (*state)++) {
        const HyphenState *s = &a->states[*state], *t = &b->states[*state];
        if (!same_str(s->match, t->match))
            return "a match";
        if (!same_str(s->repl, t->repl))
            return "a replacement";
        /* libhyphen sets these only on the states patterns end in */
        if (s->match && (s->replindex != t->replindex || s->replcut != t->replcut))
            return "a replacement's position";
        if (s->fallback_state != t->fallback_state)
            return "a fallback";
        if (s->num_trans != t->num_trans)
            return "the number of transitions";
        for (int k = 0; k < s->num_trans; k++)
            if (s->trans[k].ch != t->trans[k].ch || s->trans[k].new_state != t->trans[k].new_state)
                return "a transition";
    }
    *state = -1;
    if (!a->nextlevel != !b->nextlevel)
        return "the second level";
    return NULL;
}

/* rp_hyphen_load reads path into the dictionary libhyphen builds. */
static void check_same_dict(const char *path)
{
    HyphenDict *theirs = hnj_hyphen_load(path), *ours = rp_hyphen_load(path);
    CHECK(theirs != NULL);
    CHECK(ours != NULL);
    if (!theirs || !ours)
        return;
    const HyphenDict *a = theirs, *b = ours;
    for (int level = 1; a && b; level++) {
        int state;
        const char *what = level_difference(a, b, &state);
        if (what) {
            fprintf(stderr, "%s, level %d, state %d: %s differs\n", path, level, state, what);
            CHECK(what == NULL);
            break;
        }
        /* A one-level file's second level links back to the first. */
        if (a->nextlevel == theirs)
            break;
        a = a->nextlevel;
        b = b->nextlevel;
    }
    hnj_hyphen_free(theirs);
    rp_hyphen_free(ours);
}

/* Every dictionary installed (the README installs four), not the links
 * that name them for other countries. */
static int check_installed_dicts(void)
{
    int n = 0;
    GDir *dir = g_dir_open(RP_HYPHEN_DIR, 0, NULL);
    const char *name;
    while (dir && (name = g_dir_read_name(dir))) {
        char *path = g_build_filename(RP_HYPHEN_DIR, name, NULL);
        if (g_str_has_prefix(name, "hyph_") && g_str_has_suffix(name, ".dic") &&
            !g_file_test(path, G_FILE_TEST_IS_SYMLINK)) {
            check_same_dict(path);
            n++;
        }
        g_free(path);
    }
    if (dir)
        g_dir_close(dir);
    return n;
}

/* A file with every kind of line: settings, comments, leading zeros,
 * replacements with and without positions (in characters of a UTF-8
 * file), a pattern given twice, a blank line, a CRLF line, a second level.
 * (Not a line over 99 bytes: libhyphen 2.8.8 reads it in pieces, later
 * versions skip it.) */
static const char every_line[] =
    "UTF-8\n"
    "LEFTHYPHENMIN 1\n"
    "RIGHTHYPHENMIN 2\n"
    "COMPOUNDLEFTHYPHENMIN 3\n"
    "NOHYPHEN -,x,'\n"
    "% a comment\n"
    ".ab1c\n"
    "00ab0c3d\n"
    "1ba\n"
    "a1b2c3d\n"
    "abc1d\n"
    "abc2d\n"
    "\xc3\xa9" "1\xc3\xbc\n"
    "1ff/f=f,1,2\n"
    ".schif1fahrt/ff=f,5,2\n"
    "\xc3\xbc" "b1\xc3\xa9r/\xc3\xa9=\xc3\xa9,3,1\n"
    "c1k/k=k\n"
    "\n"
    "xy1z\r\n"
    "q1r\n"
    "NEXTLEVEL\n"
    "NOHYPHEN ',-\n"
    "1-1\n"
    "a1a\n";

/* The same kinds in an 8-bit file of one level (libhyphen adds the
 * second). */
static const char one_level[] = "ISO8859-1\n"
                                "LEFTHYPHENMIN 2\n"
                                "\xfc" "1ber\n"
                                "1ck/k=k,1,2\n"
                                "sch1\n"
                                "2s1t\n";

static void check_written_dict(const char *text)
{
    char *path = NULL;
    int fd = g_file_open_tmp("rp-hyph-XXXXXX.dic", &path, NULL);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    INT_EQ(write(fd, text, strlen(text)), strlen(text));
    close(fd);
    check_same_dict(path);
    unlink(path);
    g_free(path);
}

static void check_loader(void)
{
    CHECK(check_installed_dicts() >= 2);
    check_written_dict(every_line);
    check_written_dict(one_level);
    CHECK(rp_hyphen_load("/nonexistent/hyph_xx.dic") == NULL);
}

int main(void)
{
    check_loader();

    rp_diag *d;
    rp_context *ctx = fixture_context(&d);
    if (!ctx)
        TEST_MAIN_END();
    void *en = rp_hyphen_dict(ctx, "en");
    void *en_gb = rp_hyphen_dict(ctx, "en-GB");
    void *de = rp_hyphen_dict(ctx, "de");
    CHECK(en != NULL);
    CHECK(de != NULL);
    CHECK(en_gb != NULL); /* no British patterns installed: falls back to the language */
    CHECK(rp_hyphen_dict(ctx, "xx") == NULL);
    CHECK(rp_hyphen_dict(ctx, "") == NULL);
    CHECK(rp_hyphen_dict(ctx, "en") == en); /* cached */

    /* English and German patterns break the same letters differently. */
    STR_EQ(marked(en, "architecture", 6), "ar-chi-tec-ture");
    STR_EQ(marked(de, "Architektur", 6), "Ar-chi-tek-tur");
    STR_EQ(marked(de, "Verantwortung", 6), "Ver-ant-wor-tung");
    /* Two letters at least before a break, three after. */
    STR_EQ(marked(en, "organisation", 6), "or-gan-i-sa-tion");
    /* Short words are left whole. */
    STR_EQ(marked(en, "cloud", 6), "cloud");
    STR_EQ(marked(en, "design", 7), "design");
    /* Capitals do not stop hyphenation; the offsets are the word's. */
    STR_EQ(marked(en, "Governance", 6), "Gov-er-nance");
    /* UTF-8: offsets fall between characters. */
    STR_EQ(marked(de, "Überprüfung", 6), "Über-prü-fung");
    /* A UTF-8 dictionary (French) reports points in characters: they must
     * come back as byte offsets, never inside the two bytes of an "é". */
    void *fr = rp_hyphen_dict(ctx, "fr");
    CHECK(fr != NULL);
    STR_EQ(marked(fr, "compétence", 6), "com-pé-tence");
    STR_EQ(marked(fr, "Évolution", 6), "Évo-lu-tion");
    INT_EQ(rp_diag_count(d), 0);
    fixture_free(ctx, d);
    rp_shutdown();
    TEST_MAIN_END();
}
