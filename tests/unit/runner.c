/* runner.c - the unit tests as one program: `unit_tests NAME` runs
 * tests/unit/test_NAME.c, whose main the build renamed rp_unit_NAME.
 * Each test still runs in a process of its own (ctest starts one per
 * test).  One program links once: the sanitizer build took 34 s with
 * a program per test, 26 s so. */
#include <stdio.h>
#include <string.h>

/* RP_UNIT_LIST, from the build: RP_UNIT(units) RP_UNIT(paginate) ... */
#define RP_UNIT(name) int rp_unit_##name(void);
RP_UNIT_LIST
#undef RP_UNIT

static const struct {
    const char *name;
    int (*run)(void);
} units[] = {
#define RP_UNIT(name) {#name, rp_unit_##name},
    RP_UNIT_LIST
#undef RP_UNIT
};

int main(int argc, char **argv)
{
    size_t n = sizeof units / sizeof *units;
    for (size_t i = 0; argc == 2 && i < n; i++)
        if (strcmp(argv[1], units[i].name) == 0)
            return units[i].run();
    fprintf(stderr, "usage: %s NAME, where NAME is one of:", argv[0]);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, " %s", units[i].name);
    fputc('\n', stderr);
    return 2;
}
