/*
 * capi_registry.c - activation through the registry from C: libanycom installs the registry
 * and loader as its class source, so classes registered in ANYCOM_REGISTRY are found by ProgID
 * and CLSID, their modules loaded once and unloaded by CoFreeUnusedLibrariesEx, and
 * AnyComRegisterServer/AnyComUnregisterServer write the registry.
 *
 * usage: capi_registry <C++ server module> <Rust stuff module>
 * The registry (ANYCOM_REGISTRY) must hold: the C++ server (registered by its own
 * DllRegisterServer), the Rust Stuff sample (Stuff, SharedStuff), and the class
 * CLSID_Missing whose module does not exist.
 */
#define _XOPEN_SOURCE 700
#define COBJMACROS
#include <initguid.h>
#include <objbase.h>

#include "anycom_samples.h"
#include "capi_check.h"
#include "capi_wide.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* {3E9D6B4A-7C21-4F85-B0A3-5D8E2F1C6A97}: registered with a module that does not exist. */
DEFINE_GUID(CLSID_Missing, 0x3e9d6b4a, 0x7c21, 0x4f85, 0xb0, 0xa3, 0x5d, 0x8e, 0x2f, 0x1c, 0x6a, 0x97);
/* {C1D2E3F4-A5B6-4C7D-8E9F-0A1B2C3D4E5F}: registered and unregistered by this program. */
DEFINE_GUID(CLSID_Registered, 0xc1d2e3f4, 0xa5b6, 0x4c7d, 0x8e, 0x9f, 0x0a, 0x1b, 0x2c, 0x3d, 0x4e, 0x5f);
/* {6F1A0C3E-5B2D-4E7F-8A9B-0C1D2E3F4A5B}: never registered. */
DEFINE_GUID(CLSID_Unregistered, 0x6f1a0c3e, 0x5b2d, 0x4e7f, 0x8a, 0x9b, 0x0c, 0x1d, 0x2e, 0x3f, 0x4a, 0x5b);

static void *const GARBAGE = (void *)(uintptr_t)0xDEADBEEF;

static int wide_contains(const OLECHAR *w, const char *s) {
    size_t n = strlen(s), i;
    if (!w) return 0;
    for (; *w; w++) {
        for (i = 0; i < n && w[i] == (OLECHAR)(unsigned char)s[i]; i++) {
        }
        if (i == n) return 1;
    }
    return 0;
}

/* Whether the module at `path` is loaded in this process (without loading it). */
static int is_loaded(const char *path) {
    void *h = dlopen(path, RTLD_NOW | RTLD_NOLOAD);
    if (h) dlclose(h); /* RTLD_NOLOAD still counts a reference */
    return h != NULL;
}

/* Takes the thread's error info and checks its description contains `text`. */
static void check_error_info_contains(const char *text) {
    IErrorInfo *info = NULL;
    BSTR d = NULL;
    CHECK_HR(GetErrorInfo(0, &info), S_OK);
    if (!info) return;
    CHECK_HR(IErrorInfo_GetDescription(info, &d), S_OK);
    CHECK(wide_contains(d, text));
    if (!wide_contains(d, text)) {
        UINT i;
        fprintf(stderr, "  description was: ");
        for (i = 0; i < SysStringLen(d); i++) fputc(d[i] < 128 ? (char)d[i] : '?', stderr);
        fprintf(stderr, "\n  expected to contain: %s\n", text);
    }
    SysFreeString(d);
    IErrorInfo_Release(info);
}

static void progids(void) {
    CLSID clsid;
    LPOLESTR s = NULL;

    printf("ProgIDs\n");
    CHECK_HR(CLSIDFromProgID(w(PROGID_CppStuff), &clsid), S_OK);
    CHECK(IsEqualCLSID(&clsid, &CLSID_CppStuff));
    CHECK_HR(CLSIDFromProgID(w(VI_PROGID_CppStuff), &clsid), S_OK); /* version-independent */
    CHECK(IsEqualCLSID(&clsid, &CLSID_CppStuff));
    CHECK_HR(CLSIDFromProgID(w(PROGID_Stuff), &clsid), S_OK);
    CHECK(IsEqualCLSID(&clsid, &CLSID_Stuff));
    CHECK_HR(CLSIDFromString(w(PROGID_CppCalculator), &clsid), S_OK); /* CLSIDFromString takes ProgIDs */
    CHECK(IsEqualCLSID(&clsid, &CLSID_CppCalculator));
    CHECK_HR(CLSIDFromProgID(w("AnyCom.NoSuchThing.1"), &clsid), CO_E_CLASSSTRING);
    CHECK(IsEqualCLSID(&clsid, &CLSID_NULL));

    CHECK_HR(ProgIDFromCLSID(&CLSID_CppStuff, &s), S_OK);
    CHECK(wide_equals(s, PROGID_CppStuff));
    CoTaskMemFree(s);
    CHECK_HR(ProgIDFromCLSID(&CLSID_SharedStuff, &s), S_OK);
    CHECK(wide_equals(s, PROGID_SharedStuff));
    CoTaskMemFree(s);
    s = (LPOLESTR)GARBAGE;
    CHECK_HR(ProgIDFromCLSID(&CLSID_Unregistered, &s), REGDB_E_CLASSNOTREG);
    CHECK(s == NULL);
}

static void activation(const char *cpp_path, const char *rust_path) {
    IStuff *a = NULL, *b = NULL, *c = NULL;
    ICalculator *calc = NULL;
    IClassFactory *f = NULL;
    void *p = GARBAGE;

    printf("activation and unloading\n");
    CHECK(!is_loaded(cpp_path));
    CHECK_HR(CoCreateInstance(&CLSID_CppStuff, NULL, CLSCTX_INPROC_SERVER, &IID_IStuff, (void **)&a), S_OK);
    CHECK(is_loaded(cpp_path));
    CHECK_HR(CoCreateInstance(&CLSID_CppCalculator, NULL, CLSCTX_ALL, &IID_ICalculator, (void **)&calc), S_OK);
    if (calc) {
        CHECK_EQ_U((unsigned)ICalculator_Add(calc, 2, 40), 42);
        CHECK_EQ_U((unsigned)ICalculator_Add(calc, 0x7FFFFFFF, 1), 0x80000000u); /* wraps */
        ICalculator_Release(calc);
    }
    CHECK_HR(CoCreateInstance(&CLSID_Stuff, NULL, CLSCTX_INPROC_SERVER, &IID_IStuff, (void **)&b), S_OK);
    CHECK(is_loaded(rust_path));
    /* the singleton class: every CreateInstance gives the same object */
    CHECK_HR(CoCreateInstance(&CLSID_SharedStuff, NULL, CLSCTX_INPROC_SERVER, &IID_IStuff, (void **)&c), S_OK);
    if (c) {
        IStuff *c2 = NULL;
        IStuff_Add(c, 1);
        CHECK_HR(CoCreateInstance(&CLSID_SharedStuff, NULL, CLSCTX_INPROC_SERVER, &IID_IStuff, (void **)&c2), S_OK);
        CHECK(c2 == c);
        if (c2) CHECK_EQ_U(IStuff_Count(c2), 1);
        if (c2) IStuff_Release(c2);
        IStuff_Release(c);
    }
    CHECK_HR(CoGetClassObject(&CLSID_CppStuff, CLSCTX_INPROC_SERVER, NULL, &IID_IClassFactory, (void **)&f), S_OK);
    if (f) IClassFactory_Release(f);
    /* a class registered for in-process servers only is not found for a local server */
    CHECK_HR(CoCreateInstance(&CLSID_CppStuff, NULL, CLSCTX_LOCAL_SERVER, &IID_IStuff, &p), REGDB_E_CLASSNOTREG);
    CHECK(p == NULL);

    /* in use: nothing unloads */
    CoFreeUnusedLibrariesEx(0, 0);
    CHECK(is_loaded(cpp_path));
    if (a) CHECK_EQ_U(IStuff_Release(a), 0);
    if (b) CHECK_EQ_U(IStuff_Release(b), 0);
    /* unused: unloaded at once with a zero delay */
    CoFreeUnusedLibrariesEx(0, 0);
    CHECK(!is_loaded(cpp_path));
    /* and loaded again by the next activation */
    a = NULL;
    CHECK_HR(CoCreateInstance(&CLSID_CppStuff, NULL, CLSCTX_INPROC_SERVER, &IID_IStuff, (void **)&a), S_OK);
    CHECK(is_loaded(cpp_path));
    if (a) {
        CHECK_HR(IStuff_Add(a, 5), S_OK);
        CHECK_EQ_U(IStuff_Count(a), 1);
        IStuff_Release(a);
    }
    CoFreeUnusedLibrariesEx(0, 0);
    CHECK(!is_loaded(cpp_path));
}

static void activation_errors(void) {
    void *p = GARBAGE;

    printf("activation errors and their error info\n");
    CHECK_HR(CoCreateInstance(&CLSID_Unregistered, NULL, CLSCTX_INPROC_SERVER, &IID_IUnknown, &p), REGDB_E_CLASSNOTREG);
    CHECK(p == NULL);
    check_error_info_contains("{6F1A0C3E-5B2D-4E7F-8A9B-0C1D2E3F4A5B}");
    p = GARBAGE;
    CHECK_HR(CoCreateInstance(&CLSID_Missing, NULL, CLSCTX_INPROC_SERVER, &IID_IUnknown, &p), CO_E_DLLNOTFOUND);
    CHECK(p == NULL);
    check_error_info_contains("/nonexistent/anycom-capi-missing.so");
    p = GARBAGE;
    CHECK_HR(CoGetClassObject(&CLSID_Missing, CLSCTX_INPROC_SERVER, NULL, &IID_IClassFactory, &p), CO_E_DLLNOTFOUND);
    CHECK(p == NULL);
    SetErrorInfo(0, NULL);
}

static void registration(const char *self) {
    ANYCOM_CLASS_INFO info[1] = {
        {&CLSID_Registered, "Apartment", "AnyCom.CapiRegistered.1", "AnyCom.CapiRegistered", "registered from C"},
    };
    CLSID clsid;
    LPOLESTR s = NULL;

    printf("AnyComRegisterServer / AnyComUnregisterServer\n");
    CHECK_HR(CLSIDFromProgID(w("AnyCom.CapiRegistered.1"), &clsid), CO_E_CLASSSTRING);
    /* `self` (this program) stands in for a module: registration does not load it */
    CHECK_HR(AnyComRegisterServer(self, info, 1), S_OK);
    CHECK_HR(CLSIDFromProgID(w("AnyCom.CapiRegistered.1"), &clsid), S_OK);
    CHECK(IsEqualCLSID(&clsid, &CLSID_Registered));
    CHECK_HR(CLSIDFromProgID(w("AnyCom.CapiRegistered"), &clsid), S_OK);
    CHECK(IsEqualCLSID(&clsid, &CLSID_Registered));
    CHECK_HR(ProgIDFromCLSID(&CLSID_Registered, &s), S_OK);
    CHECK(wide_equals(s, "AnyCom.CapiRegistered.1"));
    CoTaskMemFree(s);
    /* registering again replaces the module's entries */
    info[0].progId = "AnyCom.CapiRenamed.1";
    info[0].versionIndependentProgId = NULL;
    CHECK_HR(AnyComRegisterServer(self, info, 1), S_OK);
    CHECK_HR(CLSIDFromProgID(w("AnyCom.CapiRegistered.1"), &clsid), CO_E_CLASSSTRING);
    CHECK_HR(CLSIDFromProgID(w("AnyCom.CapiRenamed.1"), &clsid), S_OK);
    /* the registry's own checks: a ProgID must start with a letter */
    info[0].progId = "1Bad";
    CHECK_HR(AnyComRegisterServer(self, info, 1), E_INVALIDARG);
    SetErrorInfo(0, NULL);
    CHECK_HR(CLSIDFromProgID(w("AnyCom.CapiRenamed.1"), &clsid), S_OK); /* the failed write changed nothing */

    CHECK_HR(AnyComUnregisterServer(self), S_OK);
    CHECK_HR(CLSIDFromProgID(w("AnyCom.CapiRenamed.1"), &clsid), CO_E_CLASSSTRING);
    s = (LPOLESTR)GARBAGE;
    CHECK_HR(ProgIDFromCLSID(&CLSID_Registered, &s), REGDB_E_CLASSNOTREG);
    CHECK(s == NULL);
    /* unregistering what is not registered is not an error */
    CHECK_HR(AnyComUnregisterServer(self), S_OK);
    CHECK_HR(AnyComUnregisterServer("/nonexistent/never-registered.so"), S_OK);
}

int main(int argc, char **argv) {
    char cpp[PATH_MAX], rust[PATH_MAX], self[PATH_MAX];
    if (argc != 3) {
        fprintf(stderr, "usage: %s <c++ server module> <rust stuff module>\n", argv[0]);
        return 2;
    }
    if (!realpath(argv[1], cpp) || !realpath(argv[2], rust) || !realpath(argv[0], self)) {
        fprintf(stderr, "cannot resolve the paths\n");
        return 2;
    }
    CHECK_HR(CoInitializeEx(NULL, COINIT_MULTITHREADED), S_OK);
    progids();
    activation(cpp, rust);
    activation_errors();
    registration(self);
    CoUninitialize();
    return CHECK_DONE();
}
