/* test_units.c - lengths and colours. */
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
    TEST_MAIN_END();
}
