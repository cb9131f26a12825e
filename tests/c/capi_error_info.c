/*
 * capi_error_info.c - error info crossing modules, read by a C caller:
 *   - a Rust method (the fixture's IRustFixture::Fail, returning an anycom::Error) fails; the
 *     loader attached the Rust module to libanycom's runtime, so its error info is the thread's
 *     error info here: ISupportErrorInfo says to trust it, GetErrorInfo hands it over once;
 *   - a C++ method (CppStuff's IStuff::Add) sets error info through libanycom;
 *   - error info belongs to the thread that set it.
 *
 * usage: capi_error_info     (the registry must hold the C++ server and the Rust fixture)
 */
#define _XOPEN_SOURCE 700
#define COBJMACROS
#include <initguid.h>
#include <objbase.h>

#include "anycom_samples.h"
#include "capi_check.h"
#include "capi_wide.h"
#include "capi_fixture.h"

#include <pthread.h>
#include <string.h>

static void print_wide(const char *label, const OLECHAR *s) {
    printf("  %s \"", label);
    for (; s && *s; s++) putchar(*s < 128 ? (char)*s : '?');
    printf("\"\n");
}

/* Activates `progid` as `iid` through the registry. */
static HRESULT create(const char *progid, REFIID iid, void **ppv) {
    CLSID clsid;
    HRESULT hr = CLSIDFromProgID(w(progid), &clsid);
    *ppv = NULL;
    if (FAILED(hr)) return hr;
    return CoCreateInstance(&clsid, NULL, CLSCTX_INPROC_SERVER, iid, ppv);
}

/* Reads the thread's error info and checks description, source (may be NULL: not checked)
   and GUID; then checks it was consumed. */
static void check_error_info(const char *description, const char *source, REFGUID guid) {
    IErrorInfo *info = NULL;
    BSTR d = NULL, s = NULL;
    GUID g;
    CHECK_HR(GetErrorInfo(0, &info), S_OK);
    if (!info) return;
    CHECK_HR(IErrorInfo_GetDescription(info, &d), S_OK);
    print_wide("description", d);
    CHECK(wide_equals(d, description));
    if (source) {
        CHECK_HR(IErrorInfo_GetSource(info, &s), S_OK);
        CHECK(wide_equals(s, source));
    }
    CHECK_HR(IErrorInfo_GetGUID(info, &g), S_OK);
    CHECK(IsEqualGUID(&g, guid));
    SysFreeString(d);
    SysFreeString(s);
    CHECK_EQ_U(IErrorInfo_Release(info), 0);
    CHECK_HR(GetErrorInfo(0, &info), S_FALSE); /* handed over once */
    CHECK(info == NULL);
}

static void *fail_on_another_thread(void *arg) {
    IRustFixture *f = (IRustFixture *)arg;
    IErrorInfo *info = NULL;
    /* this thread is in the implicit MTA (the main thread keeps the MTA alive) */
    CHECK_HR(IRustFixture_Fail(f, E_ABORT), E_ABORT);
    CHECK_HR(GetErrorInfo(0, &info), S_OK);
    if (info) IErrorInfo_Release(info);
    CHECK_HR(IRustFixture_Fail(f, E_ACCESSDENIED), E_ACCESSDENIED);
    return NULL; /* leaves its error info behind, on this thread only */
}

int main(void) {
    IRustFixture *f = NULL;
    IStuff *stuff = NULL;
    ISupportErrorInfo *support = NULL;
    pthread_t t;

    CHECK_HR(CoInitializeEx(NULL, COINIT_MULTITHREADED), S_OK);

    printf("a Rust method's error\n");
    CHECK_HR(create(PROGID_RustFixture, &IID_IRustFixture, (void **)&f), S_OK);
    if (f) {
        CHECK_HR(IRustFixture_QueryInterface(f, &IID_ISupportErrorInfo, (void **)&support), S_OK);
        if (support) {
            CHECK_HR(ISupportErrorInfo_InterfaceSupportsErrorInfo(support, &IID_IRustFixture), S_OK);
            CHECK_HR(ISupportErrorInfo_InterfaceSupportsErrorInfo(support, &IID_IStuff), S_FALSE);
            ISupportErrorInfo_Release(support);
        }
        CHECK_HR(IRustFixture_Fail(f, E_ACCESSDENIED), E_ACCESSDENIED);
        check_error_info("RustFixture::Fail(0x80070005)", NULL, &GUID_NULL);
        /* the latest failure's info replaces an earlier one */
        CHECK_HR(IRustFixture_Fail(f, E_FAIL), E_FAIL);
        CHECK_HR(IRustFixture_Fail(f, CLASS_E_NOTLICENSED), CLASS_E_NOTLICENSED);
        check_error_info("RustFixture::Fail(0x80040112)", NULL, &GUID_NULL);

        printf("error info is per thread\n");
        CHECK(pthread_create(&t, NULL, fail_on_another_thread, f) == 0);
        CHECK(pthread_join(t, NULL) == 0);
        {
            IErrorInfo *none = NULL;
            CHECK_HR(GetErrorInfo(0, &none), S_FALSE); /* the other thread's stays there */
            CHECK(none == NULL);
        }
        CHECK_EQ_U(IRustFixture_Release(f), 0);
    }

    printf("a C++ method's error\n");
    CHECK_HR(create(PROGID_CppStuff, &IID_IStuff, (void **)&stuff), S_OK);
    if (stuff) {
        CHECK_HR(IStuff_Add(stuff, 0xFFFFFFFFu), E_INVALIDARG);
        CHECK_HR(IStuff_QueryInterface(stuff, &IID_ISupportErrorInfo, (void **)&support), S_OK);
        if (support) {
            CHECK_HR(ISupportErrorInfo_InterfaceSupportsErrorInfo(support, &IID_IStuff), S_OK);
            CHECK_HR(ISupportErrorInfo_InterfaceSupportsErrorInfo(support, &IID_ICounter), S_FALSE);
            ISupportErrorInfo_Release(support);
        }
        check_error_info("CppStuff: 0xFFFFFFFF is reserved and cannot be added", PROGID_CppStuff, &IID_IStuff);
        CHECK_HR(IStuff_Add(stuff, 1), S_OK);
        CHECK_EQ_U(IStuff_Release(stuff), 0);
    }

    CoFreeUnusedLibrariesEx(0, 0);
    CoUninitialize();
    return CHECK_DONE();
}
