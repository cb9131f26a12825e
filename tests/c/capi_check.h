/*
 * capi_check.h - the few macros libanycom's C and C++ test programs check results with.
 *
 *   CHECK_HR(expr, expected)   expr is an HRESULT that must equal expected exactly
 *   CHECK(cond)                cond must be true
 *   CHECK_EQ_U(a, b)           two unsigned values must be equal
 *   CHECK_DONE()               prints the summary; the value main returns (0 = all passed)
 *
 * Each failure prints the file, line, expression and the values; the program goes on, so one
 * run reports every failure. Successes print nothing (run with CAPI_VERBOSE=1 to see them).
 */
#ifndef ANYCOM_CAPI_CHECK_H
#define ANYCOM_CAPI_CHECK_H

#include <stdio.h>
#include <stdlib.h>

static int capi_failures = 0;
static int capi_checks = 0;

static inline int capi_verbose(void) {
    static int v = -1;
    if (v < 0) v = getenv("CAPI_VERBOSE") != NULL;
    return v;
}

static inline void capi_report(int ok, const char *file, int line, const char *what, unsigned long long got,
                        unsigned long long want) {
    capi_checks++;
    if (!ok) {
        capi_failures++;
        fprintf(stderr, "FAIL %s:%d: %s = 0x%llX, expected 0x%llX\n", file, line, what, got, want);
    } else if (capi_verbose()) {
        printf("ok   %s:%d: %s = 0x%llX\n", file, line, what, got);
    }
}

#define CHECK_HR(expr, expected)                                                                     \
    do {                                                                                             \
        HRESULT capi_hr_ = (expr);                                                                   \
        capi_report(capi_hr_ == (HRESULT)(expected), __FILE__, __LINE__, #expr,                      \
                    (unsigned long long)(unsigned)capi_hr_, (unsigned long long)(unsigned)(expected)); \
    } while (0)

#define CHECK_EQ_U(a, b)                                                                             \
    do {                                                                                             \
        unsigned long long capi_a_ = (unsigned long long)(a), capi_b_ = (unsigned long long)(b);     \
        capi_report(capi_a_ == capi_b_, __FILE__, __LINE__, #a, capi_a_, capi_b_);                   \
    } while (0)

#define CHECK(cond)                                                                                  \
    do {                                                                                             \
        int capi_c_ = (cond) ? 1 : 0;                                                                \
        capi_report(capi_c_, __FILE__, __LINE__, #cond, (unsigned long long)capi_c_, 1);             \
    } while (0)

#define CHECK_DONE()                                                                                 \
    (printf("%d checks, %d failed\n", capi_checks, capi_failures), capi_failures ? 1 : 0)

#endif /* ANYCOM_CAPI_CHECK_H */
