/* test_hyphenate.c - hyphenation points by language, minimum lengths. */
#include "context_fixture.h"

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

int main(void)
{
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
