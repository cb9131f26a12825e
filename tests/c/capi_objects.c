/*
 * capi_objects.c - the rules of COM on objects from two other modules, seen from C:
 * a Rust object (Stuff, from the Rust sample server) and a C++ object (CppStuff, from the C++
 * sample server, multiple inheritance), both created through libanycom's CoCreateInstance.
 *
 * usage: capi_objects <path of libanycom_sample_stuff.so> <path of libanycom_cpp_server.so>
 *
 * The program loads each module, takes its class object from DllGetClassObject and registers
 * it with CoRegisterClassObject, so activation goes through libanycom's class table. It checks
 * QueryInterface's rules (identity, reflexive, symmetric, transitive, stable, E_NOINTERFACE
 * with *ppv NULL, E_POINTER), reference counts across the boundary (AddRef/Release values,
 * one count shared by all interfaces of an object), the module lock count (objects and
 * LockServer keep DllCanUnloadNow at S_FALSE) and factories' aggregation refusals.
 */
#define _XOPEN_SOURCE 700
#define COBJMACROS
#include <initguid.h>
#include <objbase.h>

#include "anycom_samples.h"
#include "capi_check.h"
#include "capi_modules.h"

#include <stdint.h>

static void *const GARBAGE = (void *)(uintptr_t)0xDEADBEEF;

typedef LONG(STDAPICALLTYPE *LockCountFn)(void);

/*
 * QueryInterface's rules on `object` (an interface pointer of it): every IID of `yes` is
 * found from every other (reflexive, symmetric, transitive), IUnknown always gives the same
 * pointer (identity), every IID of `no` is E_NOINTERFACE with *ppv NULL, twice (stable), and
 * a NULL ppv is E_POINTER. Leaves the reference count as it found it.
 */
static void check_qi_rules(const char *what, IUnknown *object, const IID *const *yes, size_t nyes,
                           const IID *const *no, size_t nno) {
    IUnknown *identity = NULL, *p, *q, *u;
    size_t i, j, k;
    ULONG before, after;

    printf("QueryInterface rules: %s\n", what);
    CHECK_HR(IUnknown_QueryInterface(object, &IID_IUnknown, (void **)&identity), S_OK);
    if (!identity) return;
    before = IUnknown_AddRef(identity);
    IUnknown_Release(identity);
    CHECK_HR(IUnknown_QueryInterface(object, &IID_IUnknown, NULL), E_POINTER);

    for (i = 0; i < nyes; i++) {
        p = NULL;
        CHECK_HR(IUnknown_QueryInterface(object, yes[i], (void **)&p), S_OK);
        if (!p) continue;
        /* identity from every interface */
        u = NULL;
        CHECK_HR(IUnknown_QueryInterface(p, &IID_IUnknown, (void **)&u), S_OK);
        CHECK(u == identity);
        if (u) IUnknown_Release(u);
        for (j = 0; j < nyes; j++) {
            /* reflexive (j == i), symmetric and transitive: every interface from every other */
            q = NULL;
            CHECK_HR(IUnknown_QueryInterface(p, yes[j], (void **)&q), S_OK);
            if (!q) continue;
            for (k = 0; k < nyes; k++) {
                u = NULL;
                CHECK_HR(IUnknown_QueryInterface(q, yes[k], (void **)&u), S_OK);
                if (u) IUnknown_Release(u);
            }
            IUnknown_Release(q);
        }
        for (j = 0; j < nno; j++) {
            for (k = 0; k < 2; k++) {
                q = (IUnknown *)GARBAGE;
                CHECK_HR(IUnknown_QueryInterface(p, no[j], (void **)&q), E_NOINTERFACE);
                CHECK(q == NULL);
            }
        }
        CHECK_HR(IUnknown_QueryInterface(p, yes[i], NULL), E_POINTER);
        IUnknown_Release(p);
    }
    after = IUnknown_AddRef(identity);
    IUnknown_Release(identity);
    CHECK_EQ_U(after, before); /* every reference taken above was given back */
    IUnknown_Release(identity);
}

/*
 * Reference counting across the boundary, on a new object whose one reference the caller
 * holds as `stuff`: AddRef and Release return the count, all interfaces share it, and the
 * last Release destroys the object (the module's lock count drops: DllCanUnloadNow S_OK).
 */
static void check_ref_counts(const char *what, IStuff *stuff, const IID *other, Module *m) {
    IUnknown *p = NULL;
    IEnumStuff *items = NULL, *clone = NULL;

    printf("reference counts: %s\n", what);
    CHECK_HR(m->can_unload_now(), S_FALSE); /* a live object holds the module */
    CHECK_EQ_U(IStuff_AddRef(stuff), 2);
    CHECK_EQ_U(IStuff_AddRef(stuff), 3);
    CHECK_EQ_U(IStuff_Release(stuff), 2);
    CHECK_EQ_U(IStuff_Release(stuff), 1);
    CHECK_HR(IStuff_QueryInterface(stuff, other, (void **)&p), S_OK);
    if (p) {
        CHECK_EQ_U(IUnknown_AddRef(p), 3); /* one count for the whole object */
        CHECK_EQ_U(IStuff_Release(stuff), 2);
        CHECK_EQ_U(IUnknown_Release(p), 1);
        /* p holds the last reference now; stuff is p's object, re-take it */
        CHECK_HR(IUnknown_QueryInterface(p, &IID_IStuff, (void **)&stuff), S_OK);
        CHECK_EQ_U(IUnknown_Release(p), 1);
    }
    /* An object the first one hands out (an enumerator) has its own count and holds the module. */
    CHECK_HR(IStuff_Add(stuff, 7), S_OK);
    CHECK_HR(IStuff_Items(stuff, NULL), E_POINTER);
    CHECK_HR(IStuff_Items(stuff, &items), S_OK);
    CHECK_EQ_U(IStuff_Release(stuff), 0); /* destroyed */
    if (items) {
        ULONG got[2] = {0, 0}, fetched = 9;
        CHECK_HR(m->can_unload_now(), S_FALSE);
        CHECK_HR(IEnumStuff_Clone(items, &clone), S_OK);
        CHECK_HR(IEnumStuff_Next(items, 2, got, &fetched), S_FALSE);
        CHECK_EQ_U(fetched, 1);
        CHECK_EQ_U(got[0], 7);
        CHECK_HR(IEnumStuff_Next(items, 2, got, NULL), E_POINTER);
        CHECK_EQ_U(IEnumStuff_Release(items), 0);
        if (clone) {
            CHECK_HR(IEnumStuff_Next(clone, 1, got, NULL), S_OK);
            CHECK_EQ_U(got[0], 7);
            CHECK_HR(IEnumStuff_Skip(clone, 1), S_FALSE);
            CHECK_HR(IEnumStuff_Reset(clone), S_OK);
            CHECK_HR(IEnumStuff_Skip(clone, 1), S_OK);
            CHECK_EQ_U(IEnumStuff_Release(clone), 0);
        }
    }
    CHECK_HR(m->can_unload_now(), S_OK); /* nothing of the module is alive */
}

/* A class object's rules: creation and LockServer through C. */
static void check_factory(const char *what, IClassFactory *factory, Module *m) {
    void *p = GARBAGE;
    IUnknown *outer = (IUnknown *)factory; /* any live IUnknown */

    printf("class factory: %s\n", what);
    CHECK_HR(IClassFactory_CreateInstance(factory, NULL, &IID_IStuff, NULL), E_POINTER);
    CHECK_HR(IClassFactory_CreateInstance(factory, NULL, &IID_IClassFactory, &p), E_NOINTERFACE);
    CHECK(p == NULL);
    p = GARBAGE;
    CHECK_HR(IClassFactory_CreateInstance(factory, outer, &IID_IUnknown, &p), CLASS_E_NOAGGREGATION);
    CHECK(p == NULL);
    CHECK_HR(m->can_unload_now(), S_OK); /* a class object does not hold the module */
    CHECK_HR(IClassFactory_LockServer(factory, TRUE), S_OK);
    CHECK_HR(m->can_unload_now(), S_FALSE);
    CHECK_HR(IClassFactory_LockServer(factory, TRUE), S_OK);
    CHECK_HR(IClassFactory_LockServer(factory, FALSE), S_OK);
    CHECK_HR(m->can_unload_now(), S_FALSE);
    CHECK_HR(IClassFactory_LockServer(factory, FALSE), S_OK);
    CHECK_HR(m->can_unload_now(), S_OK);
}

/* Takes the class object of `clsid` from the module and registers it; returns the cookie. */
static DWORD register_class(Module *m, REFCLSID clsid, IClassFactory **factory) {
    DWORD cookie = 0;
    *factory = NULL;
    CHECK_HR(m->get_class_object(clsid, &IID_IClassFactory, (void **)factory), S_OK);
    if (!*factory) return 0;
    CHECK_HR(m->get_class_object(clsid, &IID_IClassFactory, NULL), E_POINTER);
    CHECK_HR(CoRegisterClassObject(clsid, (IUnknown *)*factory, CLSCTX_INPROC_SERVER, REGCLS_MULTIPLEUSE, &cookie), S_OK);
    return cookie;
}

int main(int argc, char **argv) {
    Module rust, cpp;
    IClassFactory *rust_factory = NULL, *cpp_factory = NULL;
    DWORD rust_cookie, cpp_cookie;
    IStuff *stuff = NULL;
    void *p = GARBAGE;
    LockCountFn lock_count = NULL;
    void *f;

    static const IID *const rust_yes[] = {&IID_IUnknown, &IID_IStuff};
    static const IID *const rust_no[] = {&IID_ICounter, &IID_IDescribe, &IID_IClassFactory, &IID_IEnumStuff, &IID_ISupportErrorInfo};
    static const IID *const cpp_yes[] = {&IID_IUnknown, &IID_IStuff, &IID_ICounter, &IID_IDescribe, &IID_ISupportErrorInfo};
    static const IID *const cpp_no[] = {&IID_IEnumStuff, &IID_ICalculator, &IID_IClassFactory, &IID_IWidget};
    static const IID *const enum_yes[] = {&IID_IUnknown, &IID_IEnumStuff};
    static const IID *const enum_no[] = {&IID_IStuff, &IID_ICounter, &IID_IClassFactory};

    if (argc != 3) {
        fprintf(stderr, "usage: %s <rust stuff module> <c++ server module>\n", argv[0]);
        return 2;
    }
    if (!module_load(&rust, argv[1]) || !module_load(&cpp, argv[2])) return 1;
    f = module_symbol(&cpp, "CppServerLockCount");
    CHECK(f != NULL);
    if (f) memcpy(&lock_count, &f, sizeof f);

    CHECK_HR(CoInitializeEx(NULL, COINIT_MULTITHREADED), S_OK);
    rust_cookie = register_class(&rust, &CLSID_Stuff, &rust_factory);
    cpp_cookie = register_class(&cpp, &CLSID_CppStuff, &cpp_factory);
    /* a module does not serve other modules' classes */
    CHECK_HR(cpp.get_class_object(&CLSID_Stuff, &IID_IClassFactory, &p), CLASS_E_CLASSNOTAVAILABLE);
    CHECK(p == NULL);
    p = GARBAGE;
    CHECK_HR(rust.get_class_object(&CLSID_CppStuff, &IID_IClassFactory, &p), CLASS_E_CLASSNOTAVAILABLE);
    CHECK(p == NULL);

    if (rust_factory) check_factory("Rust Stuff", rust_factory, &rust);
    if (cpp_factory) check_factory("C++ CppStuff", cpp_factory, &cpp);

    /* ---- the Rust object ---- */
    CHECK_HR(CoCreateInstance(&CLSID_Stuff, NULL, CLSCTX_INPROC_SERVER, &IID_IStuff, (void **)&stuff), S_OK);
    if (stuff) {
        IEnumStuff *items = NULL;
        check_qi_rules("Rust Stuff", (IUnknown *)stuff, rust_yes, 2, rust_no, 5);
        CHECK_HR(IStuff_Items(stuff, &items), S_OK);
        if (items) {
            check_qi_rules("Rust StuffEnum", (IUnknown *)items, enum_yes, 2, enum_no, 3);
            IEnumStuff_Release(items);
        }
        check_ref_counts("Rust Stuff", stuff, &IID_IUnknown, &rust);
    }
    /* the class object refuses aggregation through CoCreateInstance too */
    p = GARBAGE;
    CHECK_HR(CoCreateInstance(&CLSID_Stuff, (IUnknown *)cpp_factory, CLSCTX_INPROC_SERVER, &IID_IUnknown, &p),
             CLASS_E_NOAGGREGATION);
    CHECK(p == NULL);

    /* ---- the C++ object ---- */
    stuff = NULL;
    CHECK_HR(CoCreateInstance(&CLSID_CppStuff, NULL, CLSCTX_INPROC_SERVER, &IID_IStuff, (void **)&stuff), S_OK);
    if (stuff) {
        IEnumStuff *items = NULL;
        ICounter *counter = NULL;
        if (lock_count) CHECK_EQ_U(lock_count(), 1);
        check_qi_rules("C++ CppStuff", (IUnknown *)stuff, cpp_yes, 5, cpp_no, 4);
        CHECK_HR(IStuff_Items(stuff, &items), S_OK);
        if (items) {
            check_qi_rules("C++ CppEnumStuff", (IUnknown *)items, enum_yes, 2, enum_no, 3);
            IEnumStuff_Release(items);
        }
        /* the interfaces of a multiple-inheritance object are different pointers to one object */
        CHECK_HR(IStuff_QueryInterface(stuff, &IID_ICounter, (void **)&counter), S_OK);
        if (counter) {
            CHECK((void *)counter != (void *)stuff);
            CHECK_EQ_U(ICounter_Increment(counter), 1);
            CHECK_EQ_U(ICounter_Increment(counter), 2);
            CHECK_EQ_U(ICounter_Value(counter), 2);
            ICounter_Release(counter);
        }
        check_ref_counts("C++ CppStuff", stuff, &IID_ICounter, &cpp);
        if (lock_count) CHECK_EQ_U(lock_count(), 0);
    }
    p = GARBAGE;
    CHECK_HR(CoCreateInstance(&CLSID_CppStuff, (IUnknown *)rust_factory, CLSCTX_INPROC_SERVER, &IID_IUnknown, &p),
             CLASS_E_NOAGGREGATION);
    CHECK(p == NULL);

    /* the C++ object and the Rust object are called through the same C declarations */
    {
        IStuff *a = NULL, *b = NULL;
        CoCreateInstance(&CLSID_Stuff, NULL, CLSCTX_INPROC_SERVER, &IID_IStuff, (void **)&a);
        CoCreateInstance(&CLSID_CppStuff, NULL, CLSCTX_INPROC_SERVER, &IID_IStuff, (void **)&b);
        CHECK(a != NULL && b != NULL);
        if (a && b) {
            ULONG i;
            for (i = 0; i < 100; i++) {
                IStuff_Add(a, i);
                IStuff_Add(b, i);
            }
            CHECK_EQ_U(IStuff_Count(a), 100);
            CHECK_EQ_U(IStuff_Count(b), 100);
        }
        if (a) CHECK_EQ_U(IStuff_Release(a), 0);
        if (b) CHECK_EQ_U(IStuff_Release(b), 0);
    }

    CHECK_HR(CoRevokeClassObject(rust_cookie), S_OK);
    CHECK_HR(CoRevokeClassObject(cpp_cookie), S_OK);
    if (rust_factory) IClassFactory_Release(rust_factory);
    if (cpp_factory) IClassFactory_Release(cpp_factory);
    CHECK_HR(rust.can_unload_now(), S_OK);
    CHECK_HR(cpp.can_unload_now(), S_OK);
    CoUninitialize();
    dlclose(cpp.handle);
    dlclose(rust.handle);
    return CHECK_DONE();
}
