/*
 * c_bench.c - what a C program pays to use COM objects through libanycom: a Rust object vs a
 * C++ object, side by side.
 *
 *   CoCreateInstance+Release  warm activation of a registered class (module already loaded):
 *                             Rust Stuff vs C++ CppStuff
 *   ICalculator::Add          one call through the C vtable: Rust LicensedCalculator vs C++
 *                             CppCalculator (both a + b)
 *   ICounter::Increment       an atomic increment behind the vtable: Rust Counter vs C++ CppStuff
 *   IStuff::Count             a mutex-protected read behind the vtable: Rust Stuff vs C++ CppStuff
 *   AddRef+Release            one reference taken and given back
 *
 * Each measurement is the median of 21 rounds (the Rust and the C++ rounds interleaved), each
 * round long enough (~20 ms) for the clock not to matter. Run by bench/c_bench/run.sh, which
 * builds everything in release mode and registers the servers; prints a table, exits 1 if any
 * object could not be created.
 */
#define _POSIX_C_SOURCE 200809L
#define COBJMACROS
#include <initguid.h>
#include <objbase.h>

#include "anycom_samples.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ROUNDS 21

static volatile ULONG sink;

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

typedef void (*Body)(void *ctx, long n);

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Iterations for a ~20 ms round. */
static long calibrate(Body body, void *ctx) {
    long n = 1000;
    for (;;) {
        double t = now_ns();
        body(ctx, n);
        t = now_ns() - t;
        if (t > 5e6 || n > (1L << 30)) return (long)((double)n * 20e6 / (t > 1 ? t : 1)) + 1;
        n *= 4;
    }
}

/* Median ns per operation of a and of b, rounds interleaved. */
static void measure(const char *name, Body a, void *ca, Body b, void *cb) {
    double ra[ROUNDS], rb[ROUNDS];
    long na = calibrate(a, ca), nb = calibrate(b, cb);
    int i;
    for (i = 0; i < ROUNDS; i++) {
        double t = now_ns();
        a(ca, na);
        ra[i] = (now_ns() - t) / (double)na;
        t = now_ns();
        b(cb, nb);
        rb[i] = (now_ns() - t) / (double)nb;
    }
    qsort(ra, ROUNDS, sizeof ra[0], cmp_double);
    qsort(rb, ROUNDS, sizeof rb[0], cmp_double);
    printf("%-28s %10.2f %10.2f %9.3f\n", name, ra[ROUNDS / 2], rb[ROUNDS / 2], ra[ROUNDS / 2] / rb[ROUNDS / 2]);
}

/* ---- bodies ---- */

static void create_release(void *ctx, long n) {
    const CLSID *clsid = (const CLSID *)ctx;
    long i;
    for (i = 0; i < n; i++) {
        IStuff *p = NULL;
        CoCreateInstance(clsid, NULL, CLSCTX_INPROC_SERVER, &IID_IStuff, (void **)&p);
        IStuff_Release(p);
    }
}

static void calculator_add(void *ctx, long n) {
    ICalculator *c = (ICalculator *)ctx;
    long i;
    INT acc = 0;
    for (i = 0; i < n; i++) acc = ICalculator_Add(c, acc, (INT)i);
    sink = (ULONG)acc;
}

static void counter_increment(void *ctx, long n) {
    ICounter *c = (ICounter *)ctx;
    long i;
    for (i = 0; i < n; i++) sink = ICounter_Increment(c);
}

static void stuff_count(void *ctx, long n) {
    IStuff *s = (IStuff *)ctx;
    long i;
    for (i = 0; i < n; i++) sink = IStuff_Count(s);
}

static void addref_release(void *ctx, long n) {
    IUnknown *u = (IUnknown *)ctx;
    long i;
    for (i = 0; i < n; i++) {
        IUnknown_AddRef(u);
        sink = IUnknown_Release(u);
    }
}

static int failed(const char *what, HRESULT hr) {
    if (SUCCEEDED(hr)) return 0;
    fprintf(stderr, "%s failed: 0x%08X\n", what, (unsigned)hr);
    return 1;
}

int main(void) {
    IStuff *rust_stuff = NULL, *cpp_stuff = NULL;
    ICalculator *rust_calc = NULL, *cpp_calc = NULL;
    ICounter *rust_counter = NULL, *cpp_counter = NULL;
    IClassFactory2 *lic = NULL;
    BSTR key;
    int bad = 0;

    if (failed("CoInitializeEx", CoInitializeEx(NULL, COINIT_MULTITHREADED))) return 1;
    bad |= failed("CoCreateInstance(Stuff)", CoCreateInstance(&CLSID_Stuff, NULL, CLSCTX_INPROC_SERVER, &IID_IStuff, (void **)&rust_stuff));
    bad |= failed("CoCreateInstance(CppStuff)", CoCreateInstance(&CLSID_CppStuff, NULL, CLSCTX_INPROC_SERVER, &IID_IStuff, (void **)&cpp_stuff));
    bad |= failed("CoCreateInstance(CppCalculator)", CoCreateInstance(&CLSID_CppCalculator, NULL, CLSCTX_INPROC_SERVER, &IID_ICalculator, (void **)&cpp_calc));
    bad |= failed("CoCreateInstance(Counter)", CoCreateInstance(&CLSID_Counter, NULL, CLSCTX_INPROC_SERVER, &IID_ICounter, (void **)&rust_counter));
    if (cpp_stuff) bad |= failed("QueryInterface(ICounter)", IStuff_QueryInterface(cpp_stuff, &IID_ICounter, (void **)&cpp_counter));
    /* the licensed calculator, with its runtime key (works on any machine) */
    bad |= failed("CoGetClassObject(LicensedCalculator)",
                  CoGetClassObject(&CLSID_LicensedCalculator, CLSCTX_INPROC_SERVER, NULL, &IID_IClassFactory2, (void **)&lic));
    if (lic) {
        key = SysAllocString(OLESTR("AnyCom-Calculator-Runtime-Key-5E2B"));
        bad |= failed("CreateInstanceLic", IClassFactory2_CreateInstanceLic(lic, NULL, NULL, &IID_ICalculator, key, (void **)&rust_calc));
        SysFreeString(key);
        IClassFactory2_Release(lic);
    }
    if (bad) return 1;

    printf("%-28s %10s %10s %9s\n", "ns per operation", "Rust", "C++", "Rust/C++");
    measure("CoCreateInstance+Release", create_release, (void *)&CLSID_Stuff, create_release, (void *)&CLSID_CppStuff);
    measure("ICalculator::Add", calculator_add, rust_calc, calculator_add, cpp_calc);
    measure("ICounter::Increment", counter_increment, rust_counter, counter_increment, cpp_counter);
    measure("IStuff::Count", stuff_count, rust_stuff, stuff_count, cpp_stuff);
    measure("AddRef+Release", addref_release, rust_stuff, addref_release, cpp_stuff);

    ICalculator_Release(rust_calc);
    ICalculator_Release(cpp_calc);
    ICounter_Release(rust_counter);
    ICounter_Release(cpp_counter);
    IStuff_Release(rust_stuff);
    IStuff_Release(cpp_stuff);
    CoUninitialize();
    return 0;
}
