/*
 * capi_exports.c - every function libanycom exports, called from C with its documented edge
 * cases (NULL arguments, bad strings, small buffers, unregistered classes, wrong apartments),
 * checking the exact HRESULT and what is left in the out-parameters.
 *
 * Run with ANYCOM_REGISTRY set to an empty directory. argv[0] must be the program's path.
 * Exit status 0 when every check passed; each failure is printed to stderr.
 */
#define _XOPEN_SOURCE 700 /* realpath, PATH_MAX */
#define COBJMACROS
#include <initguid.h>
#include <objbase.h>

#include "capi_check.h"
#include "capi_wide.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* {6F1A0C3E-5B2D-4E7F-8A9B-0C1D2E3F4A5B}: a class nobody registers. */
DEFINE_GUID(CLSID_Unregistered, 0x6f1a0c3e, 0x5b2d, 0x4e7f, 0x8a, 0x9b, 0x0c, 0x1d, 0x2e, 0x3f, 0x4a, 0x5b);
/* {0E7C4D2A-91B3-4F68-A5D0-7B2C9E1F3A64}: the class of the C factory below. */
DEFINE_GUID(CLSID_CThing, 0x0e7c4d2a, 0x91b3, 0x4f68, 0xa5, 0xd0, 0x7b, 0x2c, 0x9e, 0x1f, 0x3a, 0x64);

static void *const GARBAGE = (void *)(uintptr_t)0xDEADBEEF;

/* ---- a class written in C: CThing (IUnknown only) and its class factory --------------- */

typedef struct CThing {
    IUnknown iface;
    LONG refs;
} CThing;

static LONG g_live_things = 0;

static HRESULT STDMETHODCALLTYPE thing_qi(IUnknown *This, REFIID riid, void **ppv) {
    if (!ppv) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown)) {
        *ppv = This;
        IUnknown_AddRef(This);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}
static ULONG STDMETHODCALLTYPE thing_addref(IUnknown *This) { return (ULONG)++((CThing *)This)->refs; }
static ULONG STDMETHODCALLTYPE thing_release(IUnknown *This) {
    CThing *t = (CThing *)This;
    LONG n = --t->refs;
    if (n == 0) {
        free(t);
        g_live_things--;
    }
    return (ULONG)n;
}
static IUnknownVtbl thing_vtbl = {thing_qi, thing_addref, thing_release};

typedef struct CFactory {
    IClassFactory iface;
    LONG refs; /* static object: counted, never freed */
    LONG locks;
} CFactory;

static HRESULT STDMETHODCALLTYPE factory_qi(IClassFactory *This, REFIID riid, void **ppv) {
    if (!ppv) return E_POINTER;
    if (IsEqualIID(riid, &IID_IUnknown) || IsEqualIID(riid, &IID_IClassFactory)) {
        *ppv = This;
        IClassFactory_AddRef(This);
        return S_OK;
    }
    *ppv = NULL;
    return E_NOINTERFACE;
}
static ULONG STDMETHODCALLTYPE factory_addref(IClassFactory *This) { return (ULONG)++((CFactory *)This)->refs; }
static ULONG STDMETHODCALLTYPE factory_release(IClassFactory *This) { return (ULONG)--((CFactory *)This)->refs; }
static HRESULT STDMETHODCALLTYPE factory_create(IClassFactory *This, IUnknown *outer, REFIID riid, void **ppv) {
    CThing *t;
    HRESULT hr;
    (void)This;
    if (!ppv) return E_POINTER;
    *ppv = NULL;
    if (outer) return CLASS_E_NOAGGREGATION;
    t = (CThing *)malloc(sizeof *t);
    if (!t) return E_OUTOFMEMORY;
    t->iface.lpVtbl = &thing_vtbl;
    t->refs = 1;
    g_live_things++;
    hr = IUnknown_QueryInterface(&t->iface, riid, ppv);
    IUnknown_Release(&t->iface);
    return hr;
}
static HRESULT STDMETHODCALLTYPE factory_lock(IClassFactory *This, BOOL lock) {
    ((CFactory *)This)->locks += lock ? 1 : -1;
    return S_OK;
}
static IClassFactoryVtbl factory_vtbl = {factory_qi, factory_addref, factory_release, factory_create, factory_lock};
static CFactory g_factory = {{&factory_vtbl}, 1, 0};

/* ---- helpers ------------------------------------------------------------------------------ */

/* Fills a GUID with a recognizable non-zero pattern. */
static void scribble(GUID *g) { memset(g, 0xAB, sizeof *g); }

static int is_scribbled(const GUID *g) {
    const unsigned char *b = (const unsigned char *)g;
    size_t i;
    for (i = 0; i < sizeof *g; i++)
        if (b[i] != 0xAB) return 0;
    return 1;
}

/* ---- before CoInitializeEx ---------------------------------------------------------------- */

static void uninitialized_thread(void) {
    APTTYPE type = APTTYPE_STA;
    APTTYPEQUALIFIER qualifier = APTTYPEQUALIFIER_IMPLICIT_MTA;
    void *p = GARBAGE;
    intptr_t handle = 12345;
    DWORD cookie = 7;

    CHECK_HR(CoGetApartmentType(&type, &qualifier), CO_E_NOTINITIALIZED);
    CHECK_EQ_U((unsigned)type, (unsigned)APTTYPE_CURRENT);
    CHECK_EQ_U((unsigned)qualifier, (unsigned)APTTYPEQUALIFIER_NONE);
    CHECK_HR(CoGetApartmentType(NULL, &qualifier), E_INVALIDARG);
    CHECK_HR(CoGetApartmentType(&type, NULL), E_INVALIDARG);

    CHECK_HR(CoCreateInstance(&CLSID_Unregistered, NULL, CLSCTX_INPROC_SERVER, &IID_IUnknown, &p), CO_E_NOTINITIALIZED);
    CHECK(p == NULL);
    CHECK_HR(CoCreateInstance(&CLSID_Unregistered, NULL, CLSCTX_INPROC_SERVER, &IID_IUnknown, NULL), E_POINTER);
    p = GARBAGE;
    CHECK_HR(CoGetClassObject(&CLSID_Unregistered, CLSCTX_INPROC_SERVER, NULL, &IID_IClassFactory, &p), CO_E_NOTINITIALIZED);
    CHECK(p == NULL);
    CHECK_HR(CoRegisterClassObject(&CLSID_CThing, (IUnknown *)&g_factory, CLSCTX_INPROC_SERVER, REGCLS_MULTIPLEUSE, &cookie),
             CO_E_NOTINITIALIZED);
    CHECK_EQ_U(cookie, 0);
    CHECK_EQ_U(g_factory.refs, 1);

    CHECK_HR(AnyComPumpMessages(0), CO_E_NOTINITIALIZED);
    CHECK_HR(AnyComPostQuit(), CO_E_NOTINITIALIZED);
    CHECK_HR(AnyComGetPumpHandle(&handle), CO_E_NOTINITIALIZED);
    CHECK(handle == -1);
    CHECK_HR(AnyComGetPumpHandle(NULL), E_POINTER);

    /* Without CoInitializeEx, CoUninitialize does nothing. */
    CoUninitialize();
    CHECK_HR(CoGetApartmentType(&type, &qualifier), CO_E_NOTINITIALIZED);
}

/* ---- CoInitializeEx counting, the STA and its pump ---------------------------------------- */

static void apartments(void) {
    APTTYPE type;
    APTTYPEQUALIFIER qualifier;
    intptr_t handle = -7;

    CHECK_HR(CoInitializeEx((void *)1, COINIT_MULTITHREADED), E_INVALIDARG);
    CHECK_HR(CoInitializeEx(NULL, 0x100), E_INVALIDARG);
    CHECK_HR(CoGetApartmentType(&type, &qualifier), CO_E_NOTINITIALIZED);

    CHECK_HR(CoInitializeEx(NULL, COINIT_APARTMENTTHREADED), S_OK);
    CHECK_HR(CoInitializeEx(NULL, COINIT_APARTMENTTHREADED | COINIT_DISABLE_OLE1DDE), S_FALSE);
    CHECK_HR(CoInitialize(NULL), S_FALSE);
    CHECK_HR(CoInitializeEx(NULL, COINIT_MULTITHREADED), RPC_E_CHANGED_MODE);
    CHECK_HR(CoGetApartmentType(&type, &qualifier), S_OK);
    CHECK_EQ_U((unsigned)type, (unsigned)APTTYPE_MAINSTA);
    CHECK_EQ_U((unsigned)qualifier, (unsigned)APTTYPEQUALIFIER_NONE);

    CHECK_HR(AnyComPumpMessages(0), S_OK);
    CHECK_HR(AnyComPumpMessages(5), S_OK);
    CHECK_HR(AnyComGetPumpHandle(&handle), S_OK);
    CHECK(handle >= 0);
    CHECK_HR(AnyComPostQuit(), S_OK);
    CHECK_HR(AnyComPumpMessages(INFINITE), S_FALSE);
    CHECK_HR(AnyComPostQuit(), S_OK);
    CHECK_HR(AnyComPumpMessages(0), S_FALSE);
    CHECK_HR(AnyComPumpMessages(0), S_OK);

    /* Three successful initializations (S_OK, S_FALSE, S_FALSE) need three CoUninitialize. */
    CoUninitialize();
    CoUninitialize();
    CHECK_HR(CoGetApartmentType(&type, &qualifier), S_OK);
    CoUninitialize();
    CHECK_HR(CoGetApartmentType(&type, &qualifier), CO_E_NOTINITIALIZED);

    /* The MTA: no pump. */
    CHECK_HR(CoInitializeEx(NULL, COINIT_MULTITHREADED), S_OK);
    CHECK_HR(CoInitializeEx(NULL, COINIT_APARTMENTTHREADED), RPC_E_CHANGED_MODE);
    CHECK_HR(CoGetApartmentType(&type, &qualifier), S_OK);
    CHECK_EQ_U((unsigned)type, (unsigned)APTTYPE_MTA);
    CHECK_EQ_U((unsigned)qualifier, (unsigned)APTTYPEQUALIFIER_NONE);
    CHECK_HR(AnyComPumpMessages(0), RPC_E_WRONG_THREAD);
    CHECK_HR(AnyComPostQuit(), RPC_E_WRONG_THREAD);
    handle = 5;
    CHECK_HR(AnyComGetPumpHandle(&handle), RPC_E_WRONG_THREAD);
    CHECK(handle == -1);
    /* stays in the MTA for the rest of the program */
}

/* ---- activation errors -------------------------------------------------------------------- */

static void activation_errors(void) {
    void *p = GARBAGE;
    MULTI_QI mqi[2];
    IUnknown *outer = (IUnknown *)&g_factory; /* any live IUnknown */

    CHECK_HR(CoCreateInstance(&CLSID_Unregistered, NULL, CLSCTX_INPROC_SERVER, &IID_IUnknown, &p), REGDB_E_CLASSNOTREG);
    CHECK(p == NULL);
    p = GARBAGE;
    CHECK_HR(CoCreateInstance(&CLSID_Unregistered, NULL, CLSCTX_ALL, &IID_IUnknown, &p), REGDB_E_CLASSNOTREG);
    CHECK(p == NULL);
    CHECK_HR(CoCreateInstance(&CLSID_Unregistered, NULL, CLSCTX_INPROC_SERVER, &IID_IUnknown, NULL), E_POINTER);
    p = GARBAGE;
    CHECK_HR(CoCreateInstance(NULL, NULL, CLSCTX_INPROC_SERVER, &IID_IUnknown, &p), E_INVALIDARG);
    CHECK(p == NULL);
    p = GARBAGE;
    CHECK_HR(CoCreateInstance(&CLSID_Unregistered, NULL, CLSCTX_INPROC_SERVER, NULL, &p), E_INVALIDARG);
    CHECK(p == NULL);
    p = GARBAGE;
    CHECK_HR(CoCreateInstance(&CLSID_Unregistered, NULL, 0x40000000, &IID_IUnknown, &p), E_INVALIDARG);
    CHECK(p == NULL);
    /* An outer object may only ask for IUnknown. */
    p = GARBAGE;
    CHECK_HR(CoCreateInstance(&CLSID_Unregistered, outer, CLSCTX_INPROC_SERVER, &IID_IClassFactory, &p),
             CLASS_E_NOAGGREGATION);
    CHECK(p == NULL);

    p = GARBAGE;
    CHECK_HR(CoGetClassObject(&CLSID_Unregistered, CLSCTX_INPROC_SERVER, NULL, &IID_IClassFactory, &p), REGDB_E_CLASSNOTREG);
    CHECK(p == NULL);
    CHECK_HR(CoGetClassObject(&CLSID_Unregistered, CLSCTX_INPROC_SERVER, NULL, &IID_IClassFactory, NULL), E_INVALIDARG);
    p = GARBAGE;
    CHECK_HR(CoGetClassObject(NULL, CLSCTX_INPROC_SERVER, NULL, &IID_IClassFactory, &p), E_INVALIDARG);
    CHECK(p == NULL);

    mqi[0].pIID = &IID_IUnknown;
    mqi[0].pItf = (IUnknown *)GARBAGE;
    mqi[0].hr = S_OK;
    mqi[1].pIID = &IID_IClassFactory;
    mqi[1].pItf = (IUnknown *)GARBAGE;
    mqi[1].hr = S_OK;
    CHECK_HR(CoCreateInstanceEx(&CLSID_Unregistered, NULL, CLSCTX_INPROC_SERVER, NULL, 0, mqi), E_INVALIDARG);
    CHECK_HR(CoCreateInstanceEx(&CLSID_Unregistered, NULL, CLSCTX_INPROC_SERVER, NULL, 2, NULL), E_INVALIDARG);
    CHECK_HR(CoCreateInstanceEx(&CLSID_Unregistered, NULL, CLSCTX_INPROC_SERVER, NULL, 2, mqi), REGDB_E_CLASSNOTREG);
    CHECK(mqi[0].pItf == NULL && mqi[1].pItf == NULL);
    CHECK_HR(mqi[0].hr, REGDB_E_CLASSNOTREG);
    CHECK_HR(mqi[1].hr, REGDB_E_CLASSNOTREG);
}

/* ---- the class table, with a class written in C ------------------------------------------- */

static void class_table(void) {
    DWORD cookie = 99;
    IUnknown *a = NULL, *b = NULL;
    IClassFactory *f = NULL;
    MULTI_QI mqi[2];

    CHECK_HR(CoRegisterClassObject(NULL, (IUnknown *)&g_factory, CLSCTX_INPROC_SERVER, REGCLS_MULTIPLEUSE, &cookie), E_INVALIDARG);
    CHECK_HR(CoRegisterClassObject(&CLSID_CThing, NULL, CLSCTX_INPROC_SERVER, REGCLS_MULTIPLEUSE, &cookie), E_INVALIDARG);
    CHECK_HR(CoRegisterClassObject(&CLSID_CThing, (IUnknown *)&g_factory, CLSCTX_INPROC_SERVER, REGCLS_MULTIPLEUSE, NULL), E_INVALIDARG);
    CHECK_EQ_U(g_factory.refs, 1);

    CHECK_HR(CoRegisterClassObject(&CLSID_CThing, (IUnknown *)&g_factory, CLSCTX_INPROC_SERVER, REGCLS_MULTIPLEUSE, &cookie), S_OK);
    CHECK(cookie != 0);
    CHECK(g_factory.refs >= 2); /* the class table holds a reference */

    CHECK_HR(CoCreateInstance(&CLSID_CThing, NULL, CLSCTX_INPROC_SERVER, &IID_IUnknown, (void **)&a), S_OK);
    CHECK_HR(CoCreateInstance(&CLSID_CThing, NULL, CLSCTX_INPROC_SERVER, &IID_IUnknown, (void **)&b), S_OK);
    CHECK(a != NULL && b != NULL && a != b);
    CHECK_EQ_U(g_live_things, 2);
    CHECK_EQ_U(((CThing *)a)->refs, 1);
    /* the factory's own failure is passed through, and *ppv is NULL */
    f = (IClassFactory *)GARBAGE;
    CHECK_HR(CoCreateInstance(&CLSID_CThing, NULL, CLSCTX_INPROC_SERVER, &IID_IClassFactory, (void **)&f), E_NOINTERFACE);
    CHECK(f == NULL);
    CHECK_EQ_U(g_live_things, 2);

    /* CoGetClassObject hands out the registered object itself. */
    CHECK_HR(CoGetClassObject(&CLSID_CThing, CLSCTX_INPROC_SERVER, NULL, &IID_IClassFactory, (void **)&f), S_OK);
    CHECK(f == &g_factory.iface);
    if (f) IClassFactory_Release(f);

    /* CoCreateInstanceEx: the first interface comes from CreateInstance, the rest by QI. */
    mqi[0].pIID = &IID_IUnknown;
    mqi[0].pItf = NULL;
    mqi[0].hr = E_FAIL;
    mqi[1].pIID = &IID_IClassFactory;
    mqi[1].pItf = (IUnknown *)GARBAGE;
    mqi[1].hr = E_FAIL;
    CHECK_HR(CoCreateInstanceEx(&CLSID_CThing, NULL, CLSCTX_INPROC_SERVER, NULL, 2, mqi), CO_S_NOTALLINTERFACES);
    CHECK_HR(mqi[0].hr, S_OK);
    CHECK(mqi[0].pItf != NULL);
    CHECK_HR(mqi[1].hr, E_NOINTERFACE);
    CHECK(mqi[1].pItf == NULL);
    if (mqi[0].pItf) IUnknown_Release(mqi[0].pItf);

    /* Suspended class objects are not found. */
    CHECK_HR(CoSuspendClassObjects(), S_OK);
    f = (IClassFactory *)GARBAGE;
    CHECK_HR(CoGetClassObject(&CLSID_CThing, CLSCTX_INPROC_SERVER, NULL, &IID_IClassFactory, (void **)&f), REGDB_E_CLASSNOTREG);
    CHECK(f == NULL);
    CHECK_HR(CoResumeClassObjects(), S_OK);
    CHECK_HR(CoGetClassObject(&CLSID_CThing, CLSCTX_INPROC_SERVER, NULL, &IID_IClassFactory, (void **)&f), S_OK);
    if (f) IClassFactory_Release(f);

    /* The server process count; releasing it to zero suspends the class objects. */
    CHECK_EQ_U(CoAddRefServerProcess(), 1);
    CHECK_EQ_U(CoAddRefServerProcess(), 2);
    CHECK_EQ_U(CoReleaseServerProcess(), 1);
    CHECK_EQ_U(CoReleaseServerProcess(), 0);
    f = (IClassFactory *)GARBAGE;
    CHECK_HR(CoGetClassObject(&CLSID_CThing, CLSCTX_INPROC_SERVER, NULL, &IID_IClassFactory, (void **)&f), REGDB_E_CLASSNOTREG);
    CHECK(f == NULL);
    CHECK_HR(CoResumeClassObjects(), S_OK);

    CHECK_HR(CoRevokeClassObject(cookie), S_OK);
    CHECK_EQ_U(g_factory.refs, 1);
    CHECK_HR(CoRevokeClassObject(cookie), CO_E_OBJNOTREG);
    CHECK_HR(CoRevokeClassObject(0xDEADBEEF), CO_E_OBJNOTREG);
    CHECK_HR(CoCreateInstance(&CLSID_CThing, NULL, CLSCTX_INPROC_SERVER, &IID_IUnknown, (void **)&f), REGDB_E_CLASSNOTREG);

    CHECK_EQ_U(IUnknown_Release(a), 0);
    CHECK_EQ_U(IUnknown_Release(b), 0);
    CHECK_EQ_U(g_live_things, 0);
    CHECK_EQ_U(g_factory.locks, 0);
}

/* ---- task memory -------------------------------------------------------------------------- */

static void task_memory(void) {
    void *p, *q;
    IMalloc *m = (IMalloc *)GARBAGE;
    unsigned char *foreign;

    p = CoTaskMemAlloc(0);
    CHECK(p != NULL);
    CoTaskMemFree(p);
    CHECK(CoTaskMemAlloc((SIZE_T)-1) == NULL);
    CHECK(CoTaskMemAlloc((SIZE_T)-17) == NULL);
    CoTaskMemFree(NULL);

    p = CoTaskMemRealloc(NULL, 16);
    CHECK(p != NULL);
    memset(p, 0x5A, 16);
    q = CoTaskMemRealloc(p, 4096);
    CHECK(q != NULL);
    CHECK(q && ((unsigned char *)q)[15] == 0x5A);
    CHECK(CoTaskMemRealloc(q, (SIZE_T)-1) == NULL); /* fails: q stays valid */
    CHECK(CoTaskMemRealloc(q, 0) == NULL);          /* frees q */

    CHECK_HR(CoGetMalloc(MEMCTX_TASK, NULL), E_INVALIDARG);
    CHECK_HR(CoGetMalloc(0, &m), E_INVALIDARG);
    CHECK(m == NULL);
    m = (IMalloc *)GARBAGE;
    CHECK_HR(CoGetMalloc(MEMCTX_SHARED, &m), E_INVALIDARG);
    CHECK(m == NULL);
    CHECK_HR(CoGetMalloc(MEMCTX_TASK, &m), S_OK);
    if (m) {
        p = IMalloc_Alloc(m, 24);
        CHECK(p != NULL);
        CHECK_EQ_U(IMalloc_GetSize(m, p), 24);
        CHECK_EQ_U((unsigned)IMalloc_DidAlloc(m, p), 1);
        CHECK_EQ_U((unsigned)IMalloc_DidAlloc(m, NULL), (unsigned)-1);
        foreign = (unsigned char *)calloc(1, 64);
        CHECK_EQ_U((unsigned)IMalloc_DidAlloc(m, foreign + 32), 0);
        free(foreign);
        CoTaskMemFree(p); /* IMalloc and CoTaskMem* are one allocator */
        p = CoTaskMemAlloc(8);
        IMalloc_Free(m, p);
        IMalloc_Release(m);
    }
}

/* ---- GUIDs and strings -------------------------------------------------------------------- */

static void guids_and_strings(void) {
    GUID a, b;
    OLECHAR text[40];
    LPOLESTR s = (LPOLESTR)GARBAGE;
    static const OLECHAR iunknown_text[] = OLESTR("{00000000-0000-0000-C000-000000000046}");

    CHECK_HR(CoCreateGuid(NULL), E_INVALIDARG);
    CHECK_HR(CoCreateGuid(&a), S_OK);
    CHECK_HR(CoCreateGuid(&b), S_OK);
    CHECK(!IsEqualGUID(&a, &b));
    CHECK_EQ_U(a.Data3 >> 12, 4);          /* version 4 */
    CHECK_EQ_U(a.Data4[0] & 0xC0, 0x80);  /* RFC 4122 variant */

    CHECK_EQ_U(StringFromGUID2(&IID_IUnknown, text, 39), 39);
    CHECK(wide_equals(text, "{00000000-0000-0000-C000-000000000046}"));
    text[0] = 'x';
    CHECK_EQ_U(StringFromGUID2(&IID_IUnknown, text, 38), 0);
    CHECK(text[0] == 'x'); /* nothing written */
    CHECK_EQ_U(StringFromGUID2(&IID_IUnknown, NULL, 39), 0);
    CHECK_EQ_U(StringFromGUID2(NULL, text, 39), 0);

    CHECK_HR(StringFromCLSID(&IID_IClassFactory, &s), S_OK);
    CHECK(s && wide_equals(s, "{00000001-0000-0000-C000-000000000046}"));
    CoTaskMemFree(s);
    CHECK_HR(StringFromCLSID(&IID_IClassFactory, NULL), E_INVALIDARG);
    s = (LPOLESTR)GARBAGE;
    CHECK_HR(StringFromCLSID(NULL, &s), E_INVALIDARG);
    CHECK(s == NULL);
    CHECK_HR(StringFromIID(&IID_IMalloc, &s), S_OK);
    CHECK(s && wide_equals(s, "{00000002-0000-0000-C000-000000000046}"));
    CoTaskMemFree(s);
    CHECK_HR(StringFromIID(&IID_IMalloc, NULL), E_INVALIDARG);

    scribble(&a);
    CHECK_HR(CLSIDFromString(iunknown_text, &a), S_OK);
    CHECK(IsEqualGUID(&a, &IID_IUnknown));
    scribble(&a);
    CHECK_HR(CLSIDFromString(NULL, &a), S_OK);
    CHECK(IsEqualGUID(&a, &GUID_NULL));
    CHECK_HR(CLSIDFromString(iunknown_text, NULL), E_INVALIDARG);
    /* not a GUID and not a registered ProgID */
    CHECK_HR(CLSIDFromString(OLESTR("No.Such.ProgId"), &a), CO_E_CLASSSTRING);
    CHECK_HR(CLSIDFromString(OLESTR("{00000000-0000-0000-C000-00000000004G}"), &a), CO_E_CLASSSTRING);

    scribble(&a);
    CHECK_HR(IIDFromString(iunknown_text, &a), S_OK);
    CHECK(IsEqualGUID(&a, &IID_IUnknown));
    scribble(&a);
    CHECK_HR(IIDFromString(NULL, &a), S_OK);
    CHECK(IsEqualGUID(&a, &IID_NULL));
    CHECK_HR(IIDFromString(iunknown_text, NULL), E_INVALIDARG);
    scribble(&a);
    CHECK_HR(IIDFromString(OLESTR("{00000000-0000-0000-C000-000000000046"), &a), E_INVALIDARG); /* 37 long */
    CHECK(is_scribbled(&a));
    CHECK_HR(IIDFromString(OLESTR("x00000000-0000-0000-C000-000000000046}"), &a), CO_E_IIDSTRING);
    CHECK(is_scribbled(&a));
    CHECK_HR(IIDFromString(OLESTR("{00000000-0000-0000-C000-00000000004G}"), &a), CO_E_IIDSTRING);
    CHECK_HR(IIDFromString(OLESTR("Some.ProgId"), &a), E_INVALIDARG);

    /* ProgIDs of unregistered classes */
    CHECK_HR(CLSIDFromProgID(NULL, &a), E_INVALIDARG);
    CHECK_HR(CLSIDFromProgID(OLESTR("No.Such.ProgId"), NULL), E_INVALIDARG);
    scribble(&a);
    CHECK_HR(CLSIDFromProgID(OLESTR("No.Such.ProgId"), &a), CO_E_CLASSSTRING);
    CHECK(IsEqualGUID(&a, &CLSID_NULL));
    scribble(&a);
    CHECK_HR(CLSIDFromProgID(OLESTR(""), &a), CO_E_CLASSSTRING);
    CHECK(IsEqualGUID(&a, &CLSID_NULL));
    CHECK_HR(ProgIDFromCLSID(&CLSID_Unregistered, NULL), E_INVALIDARG);
    s = (LPOLESTR)GARBAGE;
    CHECK_HR(ProgIDFromCLSID(NULL, &s), E_INVALIDARG);
    CHECK(s == NULL);
    s = (LPOLESTR)GARBAGE;
    CHECK_HR(ProgIDFromCLSID(&CLSID_Unregistered, &s), REGDB_E_CLASSNOTREG);
    CHECK(s == NULL);
}

/* ---- BSTRs -------------------------------------------------------------------------------- */

static void bstrs(void) {
    BSTR b, c;
    static const OLECHAR abc[] = OLESTR("abc");

    CHECK(SysAllocString(NULL) == NULL);
    b = SysAllocString(abc);
    CHECK(b != NULL);
    CHECK_EQ_U(SysStringLen(b), 3);
    CHECK_EQ_U(SysStringByteLen(b), 6);
    CHECK_EQ_U(((const UINT *)b)[-1], 6); /* the byte length just before the characters */
    CHECK(b[3] == 0);
    CHECK(wide_equals(b, "abc"));

    CHECK(SysReAllocString(NULL, abc) == FALSE);
    CHECK(SysReAllocString(&b, OLESTR("hello")) == TRUE);
    CHECK_EQ_U(SysStringLen(b), 5);
    CHECK(SysReAllocString(&b, b + 1) == TRUE); /* from inside itself */
    CHECK(wide_equals(b, "ello"));
    CHECK(SysReAllocStringLen(NULL, abc, 3) == FALSE);
    CHECK(SysReAllocStringLen(&b, b, 2) == TRUE);
    CHECK(wide_equals(b, "el"));
    CHECK(SysReAllocStringLen(&b, NULL, 4) == TRUE); /* keeps "el", then zeros */
    CHECK_EQ_U(SysStringLen(b), 4);
    CHECK(b[0] == 'e' && b[1] == 'l' && b[2] == 0 && b[3] == 0 && b[4] == 0);
    CHECK(SysReAllocStringLen(&b, abc, 0x40000000u) == FALSE);
    CHECK_EQ_U(SysStringLen(b), 4); /* unchanged */
    SysFreeString(b);

    c = SysAllocStringLen(NULL, 0);
    CHECK(c != NULL);
    CHECK_EQ_U(SysStringLen(c), 0);
    CHECK(c && c[0] == 0);
    SysFreeString(c);
    c = SysAllocStringLen(NULL, 4);
    CHECK_EQ_U(SysStringLen(c), 4);
    CHECK(c && c[0] == 0 && c[3] == 0 && c[4] == 0);
    SysFreeString(c);
    CHECK(SysAllocStringLen(abc, 0x40000000u) == NULL);

    c = SysAllocStringByteLen("abc", 3);
    CHECK_EQ_U(SysStringByteLen(c), 3);
    CHECK_EQ_U(SysStringLen(c), 1);
    CHECK(c && memcmp(c, "abc", 4) == 0); /* the bytes and a NUL byte */
    SysFreeString(c);
    CHECK(SysAllocStringByteLen(NULL, 0x80000000u) == NULL);

    CHECK_EQ_U(SysStringLen(NULL), 0);
    CHECK_EQ_U(SysStringByteLen(NULL), 0);
    SysFreeString(NULL);
}

/* ---- error info --------------------------------------------------------------------------- */

static void error_info(void) {
    IErrorInfo *e = (IErrorInfo *)GARBAGE, *got = NULL;
    ICreateErrorInfo *c = NULL;
    BSTR d = NULL;
    GUID g;

    CHECK_HR(GetErrorInfo(0, &e), S_FALSE);
    CHECK(e == NULL);
    CHECK_HR(GetErrorInfo(1, &e), E_INVALIDARG);
    CHECK_HR(GetErrorInfo(0, NULL), E_INVALIDARG);
    CHECK_HR(CreateErrorInfo(NULL), E_INVALIDARG);

    CHECK_HR(CreateErrorInfo(&c), S_OK);
    if (!c) return;
    CHECK_HR(ICreateErrorInfo_SetDescription(c, (LPOLESTR)OLESTR("it broke")), S_OK);
    CHECK_HR(ICreateErrorInfo_SetGUID(c, &IID_IClassFactory), S_OK);
    CHECK_HR(ICreateErrorInfo_QueryInterface(c, &IID_IErrorInfo, (void **)&e), S_OK);
    CHECK_HR(SetErrorInfo(1, e), E_INVALIDARG);
    CHECK_HR(SetErrorInfo(0, e), S_OK); /* AddRefs */
    CHECK_EQ_U(IErrorInfo_Release(e), 2); /* c and the thread hold it */
    CHECK_HR(GetErrorInfo(0, &got), S_OK);
    CHECK(got == e);
    CHECK_HR(GetErrorInfo(0, &e), S_FALSE); /* taken by the first GetErrorInfo */
    CHECK(e == NULL);
    if (got) {
        CHECK_HR(IErrorInfo_GetDescription(got, &d), S_OK);
        CHECK(d && wide_equals(d, "it broke"));
        SysFreeString(d);
        CHECK_HR(IErrorInfo_GetGUID(got, &g), S_OK);
        CHECK(IsEqualGUID(&g, &IID_IClassFactory));
        /* SetErrorInfo(0, NULL) clears */
        CHECK_HR(SetErrorInfo(0, got), S_OK);
        CHECK_HR(SetErrorInfo(0, NULL), S_OK);
        CHECK_HR(GetErrorInfo(0, &e), S_FALSE);
        CHECK_EQ_U(IErrorInfo_Release(got), 1); /* c still holds the object */
    }
    CHECK_EQ_U(ICreateErrorInfo_Release(c), 0);
}

/* ---- registration helpers and the process ------------------------------------------------- */

static void registration_helpers(const char *argv0) {
    ANYCOM_CLASS_INFO info = {&CLSID_Unregistered, "Both", "AnyCom.Test.1", NULL, NULL};
    char buf[PATH_MAX], expected[PATH_MAX];
    size_t n;
    IErrorInfo *e = NULL;
    IMalloc *m = NULL;

    CHECK_HR(AnyComRegisterServer(NULL, &info, 1), E_INVALIDARG);
    CHECK_HR(GetErrorInfo(0, &e), S_OK); /* the failure says why */
    if (e) IErrorInfo_Release(e);
    CHECK_HR(AnyComRegisterServer("/nonexistent/libx.so", NULL, 1), E_INVALIDARG);
    CHECK_HR(AnyComRegisterServer("relative/libx.so", &info, 1), E_INVALIDARG);
    info.clsid = NULL;
    CHECK_HR(AnyComRegisterServer("/nonexistent/libx.so", &info, 1), E_INVALIDARG);
    info.clsid = &CLSID_Unregistered;
    info.threadingModel = "Rental";
    CHECK_HR(AnyComRegisterServer("/nonexistent/libx.so", &info, 1), E_INVALIDARG);
    CHECK_HR(AnyComUnregisterServer(NULL), E_INVALIDARG);
    CHECK_HR(AnyComUnregisterServer("relative/libx.so"), E_INVALIDARG);
    SetErrorInfo(0, NULL);

    CHECK_HR(AnyComGetModulePath(NULL, buf, sizeof buf), E_INVALIDARG);
    CHECK_HR(AnyComGetModulePath((const void *)&g_factory, NULL, sizeof buf), E_INVALIDARG);
    buf[0] = 'x';
    CHECK_HR(AnyComGetModulePath((const void *)&g_factory, buf, 4), E_NOT_SUFFICIENT_BUFFER);
    CHECK(buf[0] == 0);
    CHECK_HR(AnyComGetModulePath((const void *)&g_factory, buf, 0), E_NOT_SUFFICIENT_BUFFER);
    {
        /* memory of no module (a large block is mapped on its own) */
        char *heap = (char *)malloc(1 << 20);
        buf[0] = 'x';
        CHECK_HR(AnyComGetModulePath(heap + 4096, buf, sizeof buf), E_FAIL);
        CHECK(buf[0] == 0);
        free(heap);
    }
    CHECK_HR(AnyComGetModulePath((const void *)&g_factory, buf, sizeof buf), S_OK);
    CHECK(realpath(argv0, expected) != NULL);
    CHECK(strcmp(buf, expected) == 0);
    /* exactly big enough, and one byte short */
    n = strlen(expected);
    CHECK_HR(AnyComGetModulePath((const void *)&g_factory, buf, (ULONG)(n + 1)), S_OK);
    CHECK(strcmp(buf, expected) == 0);
    CHECK_HR(AnyComGetModulePath((const void *)&g_factory, buf, (ULONG)n), E_NOT_SUFFICIENT_BUFFER);
    /* The task allocator's vtable is libanycom's own data. (An exported variable such as
       IID_IUnknown would not do: an executable may hold a copy of it, by copy relocation.) */
    CHECK_HR(CoGetMalloc(MEMCTX_TASK, &m), S_OK);
    CHECK_HR(AnyComGetModulePath(m ? (const void *)m->lpVtbl : NULL, buf, sizeof buf), S_OK);
    if (m) IMalloc_Release(m);
    n = strlen(buf);
    CHECK(buf[0] == '/');
    if (capi_verbose()) printf("libanycom: %s\n", buf);
#ifdef __APPLE__
    CHECK(n > 16 && strcmp(buf + n - 16, "/libanycom.dylib") == 0);
#else
    CHECK(n > 13 && strcmp(buf + n - 13, "/libanycom.so") == 0);
#endif

    CHECK(CoGetCurrentProcess() != 0);
    CHECK_EQ_U(CoGetCurrentProcess(), CoGetCurrentProcess());
    CHECK_EQ_U(CoBuildVersion() >> 16, 23); /* rmm 23, as on Windows */
}

int main(int argc, char **argv) {
    (void)argc;
    uninitialized_thread();
    /* Work that needs no apartment. */
    task_memory();
    guids_and_strings();
    bstrs();
    error_info();
    apartments(); /* ends in the MTA */
    activation_errors();
    class_table();
    registration_helpers(argv[0]);
    CoUninitialize();
    return CHECK_DONE();
}
