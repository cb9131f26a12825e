/*
 * capi_threads.c - libanycom from several C threads at once: worker threads (in the MTA)
 * activate the Rust Stuff and C++ CppStuff classes through the registry, use and release the
 * objects, while the main thread keeps calling CoFreeUnusedLibrariesEx(0, 0), so module
 * unloading races activation. At the end every object is gone, both modules' DllCanUnloadNow
 * would say S_OK, and a last CoFreeUnusedLibrariesEx(0, 0) unloads the C++ module.
 *
 * usage: capi_threads <C++ server module> [iterations per thread]
 * (the registry must hold the C++ server and the Rust Stuff sample)
 */
#define _XOPEN_SOURCE 700
#define COBJMACROS
#include <initguid.h>
#include <objbase.h>

#include "anycom_samples.h"
#include "capi_check.h"

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>

#define THREADS 4

static long iterations = 500;
static volatile int workers_done = 0;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long created = 0, failures_seen = 0;

static void *worker(void *arg) {
    long i, ok = 0, bad = 0;
    const CLSID *classes[2] = {&CLSID_Stuff, &CLSID_CppStuff};
    (void)arg;
    /* no CoInitializeEx: the main thread's MTA makes this thread part of the implicit MTA */
    for (i = 0; i < iterations; i++) {
        IStuff *s = NULL;
        HRESULT hr = CoCreateInstance(classes[i % 2], NULL, CLSCTX_INPROC_SERVER, &IID_IStuff, (void **)&s);
        if (hr == S_OK && s) {
            if (IStuff_Add(s, (ULONG)i) == S_OK && IStuff_Count(s) == 1 && IStuff_Release(s) == 0)
                ok++;
            else
                bad++;
        } else {
            if (bad++ == 0) {
                IErrorInfo *info = NULL;
                BSTR d = NULL;
                UINT k;
                fprintf(stderr, "class %ld: CoCreateInstance 0x%08X", i % 2, (unsigned)hr);
                if (GetErrorInfo(0, &info) == S_OK) {
                    IErrorInfo_GetDescription(info, &d);
                    fprintf(stderr, ": ");
                    for (k = 0; k < SysStringLen(d); k++) fputc(d[k] < 128 ? (char)d[k] : '?', stderr);
                    SysFreeString(d);
                    IErrorInfo_Release(info);
                }
                fprintf(stderr, "\n");
            }
        }
    }
    pthread_mutex_lock(&lock);
    created += ok;
    failures_seen += bad;
    workers_done++;
    pthread_mutex_unlock(&lock);
    return NULL;
}

static int is_loaded(const char *path) {
    void *h = dlopen(path, RTLD_NOW | RTLD_NOLOAD);
    if (h) dlclose(h);
    return h != NULL;
}

int main(int argc, char **argv) {
    pthread_t t[THREADS];
    char cpp[PATH_MAX];
    int i, done = 0;
    long rounds = 0;

    if (argc < 2 || !realpath(argv[1], cpp)) {
        fprintf(stderr, "usage: %s <c++ server module> [iterations]\n", argv[0]);
        return 2;
    }
    if (argc > 2) iterations = atol(argv[2]);
    CHECK_HR(CoInitializeEx(NULL, COINIT_MULTITHREADED), S_OK);
    for (i = 0; i < THREADS; i++) CHECK(pthread_create(&t[i], NULL, worker, NULL) == 0);
    /* race unloading against the workers' activations until they are all done */
    while (!done) {
        CoFreeUnusedLibrariesEx(0, 0);
        rounds++;
        pthread_mutex_lock(&lock);
        done = workers_done == THREADS;
        pthread_mutex_unlock(&lock);
    }
    for (i = 0; i < THREADS; i++) CHECK(pthread_join(t[i], NULL) == 0);
    printf("%ld objects created and released on %d threads, %ld unload rounds\n", created, THREADS, rounds);
    CHECK_EQ_U(failures_seen, 0);
    CHECK_EQ_U(created, (long)THREADS * iterations);

    CoFreeUnusedLibrariesEx(0, 0);
    CHECK(!is_loaded(cpp));
    CoUninitialize();
    return CHECK_DONE();
}
