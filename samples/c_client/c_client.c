/*
 * c_client.c - a C program using anycom's sample servers through libanycom: it activates a
 * Rust server (AnyCom.Stuff.1) and the C++ server (AnyCom.CppStuff.1) by ProgID, calls both
 * through the same C vtable declarations, and shows error info and strings crossing modules.
 *
 * Build:  cc -std=c11 c_client.c -I include -I samples/cpp_server/include \
 *             -L target/release -lanycom -Wl,-rpath,target/release -o c_client
 * Run with the sample servers registered (ANYCOM_REGISTRY=<dir> or the user registry).
 * Exits 0 when every step did what it should; otherwise prints the failing step and exits 1.
 */
#define COBJMACROS
#include <initguid.h>
#include <objbase.h>

#include "anycom_samples.h"

#include <stdio.h>
#include <string.h>

static int failures = 0;

/* Prints a step and its HRESULT; counts a failure when it is not `expected`. */
static HRESULT check(const char *step, HRESULT hr, HRESULT expected) {
    printf("  %-58s -> 0x%08X%s\n", step, (unsigned)hr, hr == expected ? "" : "   <-- UNEXPECTED");
    if (hr != expected) failures++;
    return hr;
}

/* Prints a UTF-16 string (ASCII only here) after a label. */
static void print_wide(const char *label, const OLECHAR *s) {
    printf("  %s \"", label);
    for (; s && *s; s++) putchar(*s < 128 ? (char)*s : '?');
    printf("\"\n");
}

/* CLSIDFromProgID with an ASCII ProgID. */
static HRESULT clsid_of(const char *progid, CLSID *clsid) {
    OLECHAR wide[64];
    size_t i;
    for (i = 0; progid[i] && i < 63; i++) wide[i] = (OLECHAR)progid[i];
    wide[i] = 0;
    return CLSIDFromProgID(wide, clsid);
}

/* Activates `progid`, adds 1..5 to its bag, enumerates it, and returns the object. */
static IStuff *use_stuff(const char *progid) {
    CLSID clsid;
    OLECHAR text[39];
    IStuff *stuff = NULL;
    IEnumStuff *items = NULL;
    ULONG i, got[8], fetched = 0;

    printf("%s\n", progid);
    if (FAILED(check("CLSIDFromProgID", clsid_of(progid, &clsid), S_OK))) return NULL;
    StringFromGUID2(&clsid, text, 39);
    print_wide("CLSID", text);
    if (FAILED(check("CoCreateInstance(IID_IStuff)",
                     CoCreateInstance(&clsid, NULL, CLSCTX_INPROC_SERVER, &IID_IStuff, (void **)&stuff), S_OK)))
        return NULL;
    for (i = 1; i <= 5; i++) IStuff_Add(stuff, i * 10);
    printf("  Count() = %u\n", (unsigned)IStuff_Count(stuff));
    if (IStuff_Count(stuff) != 5) failures++;
    if (SUCCEEDED(check("Items()", IStuff_Items(stuff, &items), S_OK))) {
        check("IEnumStuff::Next(8) (5 left)", IEnumStuff_Next(items, 8, got, &fetched), S_FALSE);
        printf("  items:");
        for (i = 0; i < fetched; i++) printf(" %u", (unsigned)got[i]);
        printf("\n");
        if (fetched != 5 || got[4] != 50) failures++;
        IEnumStuff_Release(items);
    }
    return stuff;
}

int main(void) {
    IStuff *rust_stuff, *cpp_stuff;

    check("CoInitializeEx(COINIT_MULTITHREADED)", CoInitializeEx(NULL, COINIT_MULTITHREADED), S_OK);

    rust_stuff = use_stuff(PROGID_Stuff);
    cpp_stuff = use_stuff(PROGID_CppStuff);

    if (cpp_stuff) {
        ICounter *counter = NULL;
        IDescribe *describe = NULL;
        ISupportErrorInfo *support = NULL;
        IErrorInfo *info = NULL;
        BSTR name = NULL, description = NULL;
        LPOLESTR summary = NULL;

        printf("%s, its other interfaces\n", PROGID_CppStuff);
        if (SUCCEEDED(check("QueryInterface(IID_ICounter)", IStuff_QueryInterface(cpp_stuff, &IID_ICounter, (void **)&counter), S_OK))) {
            ICounter_Increment(counter);
            printf("  ICounter::Increment twice -> %u\n", (unsigned)ICounter_Increment(counter));
            ICounter_Release(counter);
        }
        if (SUCCEEDED(check("QueryInterface(IID_IDescribe)", IStuff_QueryInterface(cpp_stuff, &IID_IDescribe, (void **)&describe), S_OK))) {
            check("IDescribe::GetName (a BSTR from the C++ module)", IDescribe_GetName(describe, &name), S_OK);
            print_wide("name", name);
            SysFreeString(name);
            check("IDescribe::GetSummary (task memory from the C++ module)", IDescribe_GetSummary(describe, &summary), S_OK);
            print_wide("summary", summary);
            CoTaskMemFree(summary);
            IDescribe_Release(describe);
        }
        /* Error info: the C++ object rejects 0xFFFFFFFF and says why. */
        check("IStuff::Add(0xFFFFFFFF)", IStuff_Add(cpp_stuff, 0xFFFFFFFFu), E_INVALIDARG);
        if (SUCCEEDED(IStuff_QueryInterface(cpp_stuff, &IID_ISupportErrorInfo, (void **)&support))) {
            check("ISupportErrorInfo(IID_IStuff)", ISupportErrorInfo_InterfaceSupportsErrorInfo(support, &IID_IStuff), S_OK);
            ISupportErrorInfo_Release(support);
        }
        if (check("GetErrorInfo", GetErrorInfo(0, &info), S_OK) == S_OK) {
            IErrorInfo_GetDescription(info, &description);
            print_wide("error description", description);
            SysFreeString(description);
            IErrorInfo_Release(info);
        }
    }

    /* The same C declarations call both objects: Rust and C++ are the same vtable ABI. */
    if (rust_stuff && cpp_stuff) {
        IUnknown *a = NULL, *b = NULL;
        IStuff_QueryInterface(rust_stuff, &IID_IUnknown, (void **)&a);
        IStuff_QueryInterface(cpp_stuff, &IID_IUnknown, (void **)&b);
        printf("two objects, two modules, one ABI: identities %s\n", a != b ? "differ" : "SAME?");
        if (a == b) failures++;
        if (a) IUnknown_Release(a);
        if (b) IUnknown_Release(b);
    }
    if (rust_stuff) IStuff_Release(rust_stuff);
    if (cpp_stuff) IStuff_Release(cpp_stuff);

    CoFreeUnusedLibrariesEx(0, 0);
    CoUninitialize();
    printf(failures ? "%d step(s) failed\n" : "all steps succeeded\n", failures);
    return failures ? 1 : 0;
}
