/* test_units.c - lengths, colours and the growing string buffer. */
#include "harness.h"
#include "typeset.h"

int main(void)
{
    rp_unit u = 0;
    INT_EQ(rp_length_parse("10pt", &u), 0);
    INT_EQ(u, 10240);
    INT_EQ(rp_length_parse("10.5pt", &u), 0);
    INT_EQ(u, 10752);
    INT_EQ(rp_length_parse("1in", &u), 0);
    INT_EQ(u, 72 * 1024);
    INT_EQ(rp_length_parse("2.54cm", &u), 0);
    INT_EQ(u, 72 * 1024);
    INT_EQ(rp_length_parse("25.4mm", &u), 0);
    INT_EQ(u, 72 * 1024);
    INT_EQ(rp_length_parse("-3pt", &u), 0);
    INT_EQ(u, -3 * 1024);
    CHECK(rp_length_parse("10", &u) != 0);
    CHECK(rp_length_parse("pt", &u) != 0);
    CHECK(rp_length_parse("10px", &u) != 0);
    CHECK(rp_length_parse("10pt ", &u) != 0);
    CHECK(rp_length_parse("1e300pt", &u) != 0);
    CHECK(rp_length_parse(NULL, &u) != 0);

    uint32_t c = 0;
    INT_EQ(rp_color_parse("#1f3a5f", &c), 0);
    INT_EQ(c, 0x1f3a5f);
    CHECK(rp_color_parse("1f3a5f", &c) != 0);
    CHECK(rp_color_parse("#1f3a5", &c) != 0);
    CHECK(rp_color_parse("#1f3a5g", &c) != 0);

    /* rp_buf_printf appends, whether what it formats fits the room left
     * or the buffer has to grow for it (then it formats again). */
    rp_buf b = {0};
    char want[2048] = "";
    char *line = g_strnfill(300, 'x');
    for (int i = 0; i < 5; i++) {
        rp_buf_printf(&b, "%d 0 obj ", i * 1000);
        rp_buf_printf(&b, "<%s>%zu", i % 2 ? line : "", (size_t)i);
        char *piece = g_strdup_printf("%d 0 obj <%s>%zu", i * 1000, i % 2 ? line : "", (size_t)i);
        g_strlcat(want, piece, sizeof want);
        g_free(piece);
    }
    STR_EQ(b.s, want);
    INT_EQ((int)b.len, (int)strlen(want));
    rp_buf_printf(&b, "%s", "");
    INT_EQ((int)b.len, (int)strlen(want));
    rp_buf_free(&b);
    g_free(line);
    TEST_MAIN_END();
}
