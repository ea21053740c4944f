/* test_compose.c - where the total-fit composer breaks lines: between CJK
 * characters by the kinsoku rules, at spaces (never inside words) in
 * Latin text, and in right-to-left text lines Pango keeps as they are,
 * with spaces that only stretch. */
#include "context_fixture.h"

#include <stdlib.h>

#define LINE_SEP "\xE2\x80\xA8"

/* The lines of a composed text, split at its line separators (caller
 * frees with g_strfreev). */
static char **lines_of(PangoLayout *l)
{
    return g_strsplit(pango_layout_get_text(l), LINE_SEP, -1);
}

static int predicted; /* paragraphs whose heights rp_compose predicted */

/* Laid out at width as paragraph.c lays a composed left-to-right
 * paragraph out: a justified one with spaces justified by
 * rp_compose_finish (its shrunk lines narrowed there), any other
 * justified one by Pango given the measure. */
static void finish(PangoLayout *l, int rc, rp_unit width)
{
    if (rc == RP_COMPOSED_JUSTIFIED && strchr(pango_layout_get_text(l), ' ')) {
        rp_compose_justify_later(l, width);
        rp_compose_finish(l);
    } else if (rc == RP_COMPOSED_JUSTIFIED) {
        pango_layout_set_width(l, width);
        pango_layout_set_justify(l, TRUE);
    }
}

/* Whether every line of l lies within [0, width] (justified lines: by
 * rp_compose_line_width, as Pango cached the extents before), to within
 * a hundredth of a point: a ragged line is measured unbroken by the
 * breaker, and once broken may come out a few units wider. */
static void check_within(PangoLayout *l, rp_unit width)
{
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        PangoRectangle r;
        pango_layout_iter_get_line_extents(it, NULL, &r);
        int w = rp_compose_line_width(pango_layout_iter_get_line_readonly(it));
        CHECK(r.x >= 0 && r.x + w <= width + RP_PT(0.01));
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
}

/* Heights rp_compose predicts are the ones Pango finds once it lays the
 * composed text out at the measure (justified as paragraph.c asks): the
 * measuring passes cut pages with them. */
static void check_heights(PangoLayout *l, rp_unit width, int rc, const rp_para_lines *heights)
{
    if (!heights->n)
        return;
    predicted++;
    PangoLayout *copy = pango_layout_copy(l);
    finish(copy, rc, width);
    rp_para_lines laid;
    rp_para_lines_measure(copy, &laid);
    INT_EQ((int)heights->n, (int)laid.n);
    for (size_t i = 0; i < laid.n && i < heights->n; i++) {
        INT_EQ(heights->v[i].top, laid.v[i].top);
        INT_EQ(heights->v[i].bottom, laid.v[i].bottom);
    }
    free(laid.v);
    g_object_unref(copy);
}

/* The smallest adjustment ratio of the lines rp_compose chose for text:
 * negative when it shrank the spaces of a line. */
static double least_ratio(rp_context *ctx, PangoContext *pc, const rp_style *st,
                          const char *text, rp_unit width)
{
    PangoLayout *l = rp_text_layout(pc, st, text, -1);
    rp_links links = {0};
    rp_composed how = {0};
    double least = 0;
    if (rp_compose(ctx, l, st, width, &links, st->hyphen_width, 1, &how) > 0)
        for (size_t k = 0; k < links.nratios; k++)
            least = links.ratios[k] < least ? links.ratios[k] : least;
    free(links.ratios);
    g_object_unref(l);
    return least;
}

static PangoLayout *composed(rp_context *ctx, PangoContext *pc, const rp_style *st,
                             const char *text, rp_unit width, int *rc)
{
    PangoLayout *l = rp_text_layout(pc, st, text, -1);
    rp_links links = {0};
    rp_composed how = {.want_heights = 1};
    *rc = rp_compose(ctx, l, st, width, &links, st->hyphen_width, 1, &how);
    check_heights(l, width, *rc, &how.heights);
    free(how.heights.v);
    free(links.ratios);
    return l;
}

/* Characters a Japanese line may not start with, and may not end with. */
static const char *const no_start[] = {"、", "。", "」", "）", "，", "；", "：", "！", "？", NULL};
static const char *const no_end[] = {"「", "（", NULL};

static void check_kinsoku(char **lines)
{
    for (size_t i = 0; lines[i]; i++) {
        for (size_t k = 0; no_start[k]; k++)
            if (i > 0 && g_str_has_prefix(lines[i], no_start[k])) {
                fprintf(stderr, "line %zu starts with %s: %s\n", i + 1, no_start[k], lines[i]);
                CHECK(0);
            }
        for (size_t k = 0; no_end[k]; k++)
            if (lines[i + 1] && g_str_has_suffix(lines[i], no_end[k])) {
                fprintf(stderr, "line %zu ends with %s: %s\n", i + 1, no_end[k], lines[i]);
                CHECK(0);
            }
    }
}

/* CJK text composed at measures of 7 to 23 ems (every step-th): always
 * broken by the composer, justified from justified_from ems on (0: not
 * checked), the kinsoku rules kept, every line within its measure and
 * the text all there, in order. */
static void check_cjk(rp_context *ctx, const rp_style *st, const char *text, int step,
                      int justified_from)
{
    for (int em = 7; em <= 23; em += step) {
        int rc;
        rp_unit measure = RP_PT(10 * em + 3);
        PangoLayout *l = composed(ctx, ctx->pango, st, text, measure, &rc);
        /* a narrow measure may be set ragged (kinsoku leaves few breaks) */
        CHECK(rc > 0);
        if (justified_from && em >= justified_from)
            INT_EQ(rc, RP_COMPOSED_JUSTIFIED);
        char **lines = lines_of(l);
        CHECK(g_strv_length(lines) > 3);
        check_kinsoku(lines);
        pango_layout_set_width(l, -1);
        for (int i = 0; i < pango_layout_get_line_count(l); i++) {
            PangoRectangle r;
            pango_layout_line_get_extents(pango_layout_get_line_readonly(l, i), NULL, &r);
            CHECK(r.width <= measure);
        }
        char *joined = g_strjoinv("", lines);
        STR_EQ(joined, text);
        g_free(joined);
        g_strfreev(lines);
        g_object_unref(l);
    }
}

/* The attributes as "start-end:value;" in the list's order. */
static char *attrs_str(PangoAttrList *list)
{
    GString *g = g_string_new("");
    GSList *all = pango_attr_list_get_attributes(list);
    for (GSList *i = all; i; i = i->next) {
        PangoAttribute *a = i->data;
        g_string_append_printf(g, "%u-%u:%d;", a->start_index, a->end_index,
                               ((PangoAttrInt *)a)->value);
        pango_attribute_destroy(a);
    }
    g_slist_free(all);
    return g_string_free(g, FALSE);
}

/* rp_attrs_edit moves attributes through a text's edits as Pango's
 * pango_attr_list_update does edit by edit from the last, which the
 * composer called before (quadratic in a long paragraph): random edits
 * (insertions, removals, replacements, some at the same place as an
 * insertion) and attributes (empty ones, ones from the text's start or to
 * its end, ones inside, across and at the edges of edits). */
static void check_attrs_edited(void)
{
    static const char *inserts[] = {"", "\xE2\x80\xA8", "\xE2\x80\x90\xE2\x80\xA8", "x"};
    unsigned seed = 12345;
#define RAND(n) ((seed = seed * 1103515245u + 12345u) >> 16) % (n)
    int mismatches = 0;
    for (int round = 0; round < 3000; round++) {
        size_t len = 1 + RAND(60);
        rp_text_edit e[40];
        size_t n = 0;
        for (size_t pos = RAND(4); pos <= len && n < 40; pos += 1 + RAND(6)) {
            size_t rem = RAND(4);
            if (pos + rem > len)
                rem = len - pos;
            if (RAND(3) == 0 && n < 39) /* an insertion, then an edit at the same place */
                e[n++] = (rp_text_edit){pos, 0, inserts[1 + RAND(3)]};
            e[n++] = (rp_text_edit){pos, rem, inserts[RAND(4)]};
            pos += rem;
        }
        PangoAttrList *attrs = pango_attr_list_new();
        int na = (int)RAND(12);
        for (int k = 0; k < na; k++) {
            PangoAttribute *a = pango_attr_letter_spacing_new(k + 1);
            guint s = (guint)RAND(len + 1), t = s + (guint)RAND(8);
            if (RAND(8) == 0)
                s = PANGO_ATTR_INDEX_FROM_TEXT_BEGINNING;
            if (RAND(8) == 0)
                t = PANGO_ATTR_INDEX_TO_TEXT_END;
            a->start_index = s;
            a->end_index = t;
            pango_attr_list_insert(attrs, a);
        }
        PangoAttrList *fast = pango_attr_list_copy(attrs);
        rp_attrs_edit(fast, e, n);
        for (size_t k = n; k-- > 0;)
            pango_attr_list_update(attrs, (int)e[k].pos, (int)e[k].remove,
                                   (int)strlen(e[k].insert));
        char *want = attrs_str(attrs), *got = attrs_str(fast);
        if (strcmp(want, got) != 0 && mismatches++ < 5)
            fprintf(stderr, "round %d: edited attributes %s, Pango's %s\n", round, got, want);
        g_free(want);
        g_free(got);
        pango_attr_list_unref(attrs);
        pango_attr_list_unref(fast);
    }
#undef RAND
    INT_EQ(mismatches, 0);
    PangoAttrList *none = pango_attr_list_new();
    rp_attrs_edit(none, NULL, 0);
    char *empty = attrs_str(none);
    STR_EQ(empty, "");
    g_free(empty);
    pango_attr_list_unref(none);
}

int main(void)
{
    rp_diag *d;
    rp_context *ctx = fixture_context(&d);
    if (!ctx)
        TEST_MAIN_END();
    xmlDocPtr doc = fixture_parse("<document><style name='body' font-family='Noto Sans' "
                                  "font-size='10pt' text-align='justify'/>"
                                  "<style name='serif' font-family='Noto Serif' "
                                  "font-size='9.5pt' text-align='justify'/>"
                                  "<style name='hanging' font-family='Noto Serif' "
                                  "font-size='10pt' text-align='justify' first-line-indent='-24pt'/>"
                                  "<style name='hanging-left' font-family='Noto Serif' "
                                  "font-size='10pt' first-line-indent='-24pt'/>"
                                  "<style name='indented' font-family='Noto Serif' "
                                  "font-size='10pt' text-align='justify' first-line-indent='18pt'/>"
                                  "<style name='spaced' font-family='Noto Sans' font-size='9pt' "
                                  "text-align='justify' letter-spacing='-0.4pt'/></document>",
                                  "compose.xml");
    rp_styles *s = rp_styles_new(doc, ctx->pango, "t.xsl", d);
    const rp_style *st = rp_styles_get(s, "body", NULL);
    int rc;

    check_attrs_edited();

    /* Japanese: no spaces, yet it is broken, by the composer (not left to
     * Pango), and the kinsoku rules hold at every width tried. */
    const char *ja = "営業、製造、物流の各部門は毎日大量のデータを生み出していますが、"
                     "形式も更新の頻度もばらばらです。この職務は、それらを一つの基盤に"
                     "まとめ、「いつ、どこから来た数字か」を誰でも確かめられる状態を"
                     "保つことで、部門をまたいだ意思決定を速くします。（機械学習を含む）";
    check_cjk(ctx, st, ja, 1, 12);

    /* Simplified Chinese, with its full-width punctuation. */
    const char *zh = "负责公司数据平台的日常运行：接入新的数据源，编写并测试转换流程；"
                     "每月检查数据质量规则！发现问题时，应在第二天上午九点前报告原因。"
                     "（不包括机器学习模型的开发）你准备好了吗？";
    check_cjk(ctx, st, zh, 2, 0);

    /* Latin text still breaks only at spaces: the CJK rule does not open
     * breaks inside words or after a dash. */
    const char *en = "Keeps the shared platform healthy day to day and answers "
                     "questions from the teams that rely on it—quickly, and in writing.";
    PangoLayout *l = composed(ctx, ctx->pango, st, en, RP_PT(120), &rc);
    CHECK(rc > 0);
    char **lines = lines_of(l);
    CHECK(g_strv_length(lines) > 2);
    for (size_t i = 0; lines[i + 1]; i++) {
        const char *next = lines[i + 1];
        /* a break replaces a space (or follows the dash, as before), so
         * no line starts in the middle of a word */
        CHECK(lines[i][strlen(lines[i]) - 1] != '-');
        CHECK(strstr(en, next) != NULL);
        size_t at = (size_t)(strstr(en, next) - en);
        CHECK(at > 0 && (en[at - 1] == ' ' || g_str_has_suffix(lines[i], "—")));
    }
    g_strfreev(lines);
    g_object_unref(l);

    /* Most Latin paragraphs get their heights predicted (checked against
     * Pango's in composed()); the rest are measured after shaping. */
    const char *long_en = "Every team that ships software depends on the platform: each "
                          "hour it is down costs customers and their trust. This role keeps "
                          "it available, answers for its capacity and cost, and makes sure "
                          "the team learns from every incident, writing down what happened.";
    predicted = 0;
    for (int pt = 120; pt <= 480; pt += 3) {
        l = composed(ctx, ctx->pango, st, long_en, RP_PT(pt), &rc);
        CHECK(rc > 0);
        g_object_unref(l);
    }
    CHECK(predicted > 30);

    /* Indents either way (a hanging one indents every line but the first)
     * and letter spacing: every line the breaker chose stays as it is and
     * within the measure once laid out, and every prediction holds. */
    int shrunk = 0;
    const char *const indented[] = {"hanging", "hanging-left", "indented", "spaced"};
    for (size_t k = 0; k < sizeof indented / sizeof *indented; k++) {
        const rp_style *ist = rp_styles_get(s, indented[k], NULL);
        for (int pt = 100; pt <= 400; pt += 7) {
            rp_unit measure = RP_PT(pt);
            shrunk += least_ratio(ctx, ctx->pango, ist, long_en, measure) < 0;
            l = composed(ctx, ctx->pango, ist, long_en, measure, &rc);
            CHECK(rc > 0);
            lines = lines_of(l);
            finish(l, rc, measure);
            INT_EQ(pango_layout_get_line_count(l), (int)g_strv_length(lines));
            check_within(l, measure);
            g_strfreev(lines);
            g_object_unref(l);
        }
    }
    CHECK(shrunk > 10); /* paragraphs with a shrunk line among them */

    /* Words broken where HarfBuzz made a ligature across the soft hyphen
     * ("ef\u00ADfec\u00ADtive": ff): the breaker must measure both halves
     * as they come out once broken.  It measured the whole ligature in the
     * first half, so a shrunk line after it came out points too long and
     * Pango wrapped it again, leaving one word letter-spaced across a
     * line of its own.  Now every line the breaker chose is kept, within
     * the measure. */
    const rp_style *serif_body = rp_styles_get(s, "serif", NULL);
    const char *tight = "They do not own long-term design reviews or observable deployment "
                        "pipelines. The role sponsors cost-ef\u00ADfec\u00ADtive capacity plans "
                        "for the whole or\u00ADga\u00ADni\u00ADsa\u00ADtion \u2013 escalation "
                        "paths, integration patterns and design reviews \u2013 and explain them.";
    for (rp_unit measure = 493454 - 20000; measure <= 493454 + 20000; measure += 2000) {
        l = composed(ctx, ctx->pango, serif_body, tight, measure, &rc);
        lines = lines_of(l);
        finish(l, rc, measure);
        INT_EQ(pango_layout_get_line_count(l), (int)g_strv_length(lines));
        check_within(l, measure);
        g_strfreev(lines);
        g_object_unref(l);
    }

    /* Right-to-left text is composed too, measured in logical order, and
     * every line it chose fits: Pango, given the measure, justifies them
     * and wraps none of them again. */
    const char *ar = "تعتمد فرق المنتجات كلها على منصة واحدة، فكل ساعة توقف تكلف "
                     "الشركة عملاءها وثقتهم. يضمن هذا الدور أن تبقى المنصة متاحة وأن "
                     "يتعلم الفريق من كل حادث.";
    const rp_style *serif = rp_styles_get(s, "serif", NULL);
    for (int pt = 100; pt <= 500; pt += 6) {
        l = composed(ctx, ctx->pango_rtl, serif, ar, RP_PT(pt), &rc);
        CHECK(rc > 0);
        lines = lines_of(l);
        int n = (int)g_strv_length(lines);
        CHECK(n > 1);
        pango_layout_set_width(l, RP_PT(pt));
        pango_layout_set_justify(l, rc == RP_COMPOSED_JUSTIFIED);
        INT_EQ(pango_layout_get_line_count(l), n);
        g_strfreev(lines);
        g_object_unref(l);
    }

    /* In text with a right-to-left run the spaces only stretch (see
     * rp_compose), whichever right-to-left script it is in, and in a
     * left-to-right paragraph too: here Samaritan and Mandaic, which no
     * bundled font has (drawn as boxes), and which left-to-right text at
     * these measures shrinks. */
    const char *const other_rtl[] = {
        "\u0812\u0802\u0808 \u080F\u080E \u0814\u080C\u0806\u0803\u080F "
        "\u080C\u080D \u0800\u080E\u0808\u0807\u0812\u0803 "
        "\u0800\u0800\u0800\u0814 \u0800\u080C\u0815\u0806\u080D\u0800 "
        "\u0807\u080E\u080F\u0811\u0807\u080B \u0815\u0807\u080E "
        "\u0800\u080D\u0811\u0814 \u0805\u0814 \u0803\u080A\u0810\u080D "
        "\u0815\u0806\u0809\u0809\u0812\u080F "
        "\u080C\u0812\u0801\u080F\u0807\u080C "
        "\u0815\u0805\u080B\u0811\u0815 \u0802\u080E\u0815\u0810",
        "\u0852\u0858\u0842 \u0843\u084F\u0858\u084E "
        "\u0854\u084C\u0846\u0843\u084F \u084C\u084D "
        "\u0858\u0858\u0840\u0856\u084E\u0848 \u0852\u0843\u084A "
        "\u0840\u0840 \u0840\u084C\u0855\u0846\u084D\u0857 \u0850\u0847 "
        "\u084F\u0851\u0847\u084B\u0847 \u0858\u084E\u0849 \u084D\u0851 "
        "\u0845\u0854 \u0843\u0857\u084A\u0857 "
        "\u084D\u0850\u0855\u0846\u0849\u0849 "
        "\u084F\u0850\u084C\u0852\u0841\u084F",
    };
    for (size_t k = 0; k < sizeof other_rtl / sizeof *other_rtl; k++)
        for (int pt = 60; pt <= 400; pt += 2)
            CHECK(least_ratio(ctx, ctx->pango, serif, other_rtl[k], RP_PT(pt)) >= 0);

    /* A paragraph that fits on its line is left as the breaker shaped it:
     * its layout is not changed (Pango would shape it all again to draw
     * it).  One that is broken gets its line separators. */
    {
        PangoLayout *one = rp_text_layout(ctx->pango, st, "Fits on one line.", -1);
        PangoLayout *two = rp_text_layout(ctx->pango, st, en, -1);
        guint serial_one = pango_layout_get_serial(one), serial_two = pango_layout_get_serial(two);
        rp_links links = {0};
        rp_composed how = {0};
        INT_EQ(rp_compose(ctx, one, st, RP_PT(300), &links, st->hyphen_width, 1, &how),
               RP_COMPOSED_JUSTIFIED);
        INT_EQ((int)pango_layout_get_serial(one), (int)serial_one);
        STR_EQ(pango_layout_get_text(one), "Fits on one line.");
        INT_EQ((int)links.nratios, 1);
        free(links.ratios);
        links = (rp_links){0};
        CHECK(rp_compose(ctx, two, st, RP_PT(120), &links, st->hyphen_width, 1, &how) > 0);
        CHECK(pango_layout_get_serial(two) != serial_two);
        CHECK(strstr(pango_layout_get_text(two), LINE_SEP) != NULL);
        free(links.ratios);
        g_object_unref(one);
        g_object_unref(two);
    }

    rp_styles_free(s);
    xmlFreeDoc(doc);
    INT_EQ(rp_diag_count(d), 0);
    fixture_free(ctx, d);
    TEST_MAIN_END();
}
