/* harness.h - a minimal unit-test harness: checks count failures and go on,
 * so one run reports every broken assertion. */
#ifndef RP_HARNESS_H
#define RP_HARNESS_H

#include <stdio.h>
#include <string.h>

static int rp_test_failures, rp_test_checks;

#define CHECK(cond)                                                              \
    do {                                                                         \
        rp_test_checks++;                                                        \
        if (!(cond)) {                                                           \
            rp_test_failures++;                                                  \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                        \
    } while (0)

#define INT_EQ(a, b)                                                             \
    do {                                                                         \
        long long a_ = (long long)(a), b_ = (long long)(b);                      \
        rp_test_checks++;                                                        \
        if (a_ != b_) {                                                          \
            rp_test_failures++;                                                  \
            fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n", __FILE__, __LINE__, \
                    #a, a_, b_);                                                 \
        }                                                                        \
    } while (0)

#define STR_EQ(a, b)                                                             \
    do {                                                                         \
        const char *a_ = (a), *b_ = (b);                                         \
        rp_test_checks++;                                                        \
        if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                 \
            rp_test_failures++;                                                  \
            fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", __FILE__,  \
                    __LINE__, #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)");       \
        }                                                                        \
    } while (0)

#define TEST_MAIN_END()                                                          \
    do {                                                                         \
        printf("%d checks, %d failed\n", rp_test_checks, rp_test_failures);      \
        return rp_test_failures ? 1 : 0;                                         \
    } while (0)

#endif
