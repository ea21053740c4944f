/* units.c - lengths and colours as written in layout XML.
 *
 * Lengths become rp_unit (1/1024 pt) integers so that every later
 * computation is exact and reproducible.
 */
#include "typeset.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int rp_length_parse(const char *s, rp_unit *out)
{
    static const struct {
        const char *unit;
        double pt;
    } units[] = {{"pt", 1.0}, {"mm", 72.0 / 25.4}, {"cm", 72.0 / 2.54}, {"in", 72.0}};
    if (!s)
        return -1;
    char *end;
    double v = strtod(s, &end);
    if (end == s)
        return -1;
    for (size_t i = 0; i < sizeof units / sizeof *units; i++) {
        if (strcmp(end, units[i].unit) == 0) {
            double u = v * units[i].pt * 1024.0;
            /* Beyond about 2 km the integer would overflow; no page is that big. */
            if (!isfinite(u) || fabs(u) > 2.0e9)
                return -1;
            *out = (rp_unit)lround(u);
            return 0;
        }
    }
    return -1;
}

int rp_color_parse(const char *s, uint32_t *out)
{
    if (!s || s[0] != '#' || strlen(s) != 7)
        return -1;
    char *end;
    unsigned long v = strtoul(s + 1, &end, 16);
    if (*end)
        return -1;
    *out = (uint32_t)v;
    return 0;
}
