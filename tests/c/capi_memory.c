/*
 * capi_memory.c - task memory and BSTRs crossing modules, in both directions:
 *   - the C++ server (which calls libanycom) hands out BSTRs and task-memory strings that this
 *     program frees, and frees the ones this program hands it ([in, out] parameters);
 *   - the Rust fixture server, whose own static copy of the anycom crate allocates and frees
 *     (it never calls libanycom), does the same, so one copy's blocks are freed by another's.
 * IMalloc (libanycom's) recognizes every block: DidAlloc is 1 and GetSize exact.
 *
 * usage: capi_memory <path of libanycom_cpp_server.so> <path of libanycom_capi_fixture.so>
 */
#define _XOPEN_SOURCE 700
#define COBJMACROS
#include <initguid.h>
#include <objbase.h>

#include "anycom_samples.h"
#include "capi_check.h"
#include "capi_wide.h"
#include "capi_fixture.h"
#include "capi_modules.h"

/* A task-memory copy of an ASCII string, allocated here (libanycom). */
static LPOLESTR task_string(const char *s) {
    size_t n = strlen(s), i;
    LPOLESTR p = (LPOLESTR)CoTaskMemAlloc((n + 1) * sizeof(OLECHAR));
    if (!p) return NULL;
    for (i = 0; i <= n; i++) p[i] = (OLECHAR)(unsigned char)s[i];
    return p;
}

/* A BSTR copy of an ASCII string, allocated here (libanycom). */
static BSTR bstr(const char *s) {
    LPOLESTR w = task_string(s);
    BSTR b = SysAllocString(w);
    CoTaskMemFree(w);
    return b;
}

/* The block is task memory libanycom's IMalloc recognizes, of exactly `bytes` bytes. */
static void check_task_block(IMalloc *m, void *p, SIZE_T bytes) {
    CHECK_EQ_U((unsigned)IMalloc_DidAlloc(m, p), 1);
    CHECK_EQ_U(IMalloc_GetSize(m, p), bytes);
}

static void cpp_server(IMalloc *m, const Module *cpp) {
    IDescribe *d = NULL;
    BSTR b = NULL, name = NULL;
    LPOLESTR s = NULL;

    printf("C++ server: BSTRs and task memory\n");
    CHECK_HR(module_create(cpp, &CLSID_CppStuff, &IID_IDescribe, (void **)&d), S_OK);
    if (!d) return;

    /* [out] BSTR allocated by the C++ module, freed here */
    CHECK_HR(IDescribe_GetName(d, NULL), E_POINTER);
    CHECK_HR(IDescribe_GetName(d, &b), S_OK);
    CHECK(wide_equals(b, "CppStuff"));
    CHECK_EQ_U(SysStringLen(b), 8);
    CHECK_EQ_U(SysStringByteLen(b), 16);
    SysFreeString(b);

    /* [in] BSTR allocated here, copied there; an embedded NUL survives (BSTRs are counted) */
    name = SysAllocStringLen(OLESTR("na\0me"), 5);
    CHECK_HR(IDescribe_SetName(d, name), S_OK);
    SysFreeString(name);
    b = NULL;
    CHECK_HR(IDescribe_GetName(d, &b), S_OK);
    CHECK_EQ_U(SysStringLen(b), 5);
    CHECK(b && b[2] == 0 && b[3] == 'm');
    SysFreeString(b);
    CHECK_HR(IDescribe_SetName(d, NULL), S_OK); /* NULL is the empty BSTR */
    b = NULL;
    CHECK_HR(IDescribe_GetName(d, &b), S_OK);
    CHECK(b != NULL);
    CHECK_EQ_U(SysStringLen(b), 0);
    SysFreeString(b);
    name = bstr("Bag");
    CHECK_HR(IDescribe_SetName(d, name), S_OK);
    SysFreeString(name);

    /* [in, out] BSTR: allocated here, freed there, the replacement allocated there, freed here */
    b = bstr("x");
    CHECK_HR(IDescribe_DecorateBstr(d, &b), S_OK);
    CHECK(wide_equals(b, "[x]"));
    CHECK_HR(IDescribe_DecorateBstr(d, &b), S_OK);
    CHECK(wide_equals(b, "[[x]]"));
    SysFreeString(b);
    b = NULL;
    CHECK_HR(IDescribe_DecorateBstr(d, &b), S_OK);
    CHECK(wide_equals(b, "[]"));
    SysFreeString(b);
    CHECK_HR(IDescribe_DecorateBstr(d, NULL), E_POINTER);

    /* [out] task memory allocated by the C++ module, freed here */
    CHECK_HR(IDescribe_GetSummary(d, NULL), E_POINTER);
    CHECK_HR(IDescribe_GetSummary(d, &s), S_OK);
    CHECK(wide_equals(s, "Bag: 0 items"));
    if (s) check_task_block(m, s, 13 * sizeof(OLECHAR));
    CoTaskMemFree(s);

    /* [in, out] task memory: allocated here, freed there; and the other way */
    s = task_string("y");
    CHECK_HR(IDescribe_DecorateTaskString(d, &s), S_OK);
    CHECK(wide_equals(s, "[y]"));
    if (s) check_task_block(m, s, 4 * sizeof(OLECHAR));
    CHECK_HR(IDescribe_DecorateTaskString(d, &s), S_OK);
    CHECK(wide_equals(s, "[[y]]"));
    IMalloc_Free(m, s); /* IMalloc::Free and CoTaskMemFree are one allocator */
    s = NULL;
    CHECK_HR(IDescribe_DecorateTaskString(d, &s), S_OK);
    CHECK(wide_equals(s, "[]"));
    CoTaskMemFree(s);
    CHECK_HR(IDescribe_DecorateTaskString(d, NULL), E_POINTER);

    CHECK_EQ_U(IDescribe_Release(d), 0);
    CHECK_HR(cpp->can_unload_now(), S_OK);
}

static void rust_fixture(IMalloc *m, const Module *rust) {
    IRustFixture *f = NULL;
    BSTR b = NULL;
    LPOLESTR s = NULL;
    int i;

    printf("Rust fixture (its own copy of anycom): BSTRs and task memory\n");
    CHECK_HR(module_create(rust, &CLSID_RustFixture, &IID_IRustFixture, (void **)&f), S_OK);
    if (!f) return;

    /* a BSTR allocated by the Rust module's own allocator code, measured and freed here */
    CHECK_HR(IRustFixture_GetBstr(f, NULL), E_POINTER);
    CHECK_HR(IRustFixture_GetBstr(f, &b), S_OK);
    CHECK(wide_equals(b, "from Rust"));
    CHECK_EQ_U(SysStringLen(b), 9);
    CHECK_EQ_U(SysStringByteLen(b), 18);
    CHECK(SysReAllocString(&b, OLESTR("resized here")) == TRUE); /* libanycom reallocates Rust's block */
    CHECK(wide_equals(b, "resized here"));
    SysFreeString(b);

    /* task memory from the Rust module: libanycom's IMalloc knows the block */
    CHECK_HR(IRustFixture_GetTaskString(f, NULL), E_POINTER);
    CHECK_HR(IRustFixture_GetTaskString(f, &s), S_OK);
    CHECK(wide_equals(s, "from Rust"));
    if (s) check_task_block(m, s, 10 * sizeof(OLECHAR));
    s = (LPOLESTR)CoTaskMemRealloc(s, 64 * sizeof(OLECHAR)); /* libanycom grows Rust's block */
    CHECK(s != NULL && wide_equals(s, "from Rust"));
    if (s) check_task_block(m, s, 64 * sizeof(OLECHAR));
    CoTaskMemFree(s);

    /* [in, out]: blocks allocated here are freed by the Rust module, and the other way, many times */
    s = task_string("z");
    b = bstr("w");
    for (i = 0; i < 50; i++) {
        CHECK_HR(IRustFixture_DecorateTaskString(f, &s), S_OK);
        CHECK_HR(IRustFixture_DecorateBstr(f, &b), S_OK);
    }
    CHECK_EQ_U(SysStringLen(b), 101);
    CHECK(s && s[0] == '<' && s[50] == 'z' && s[100] == '>' && s[101] == 0);
    if (s) check_task_block(m, s, 102 * sizeof(OLECHAR));
    CoTaskMemFree(s);
    SysFreeString(b);
    s = NULL;
    b = NULL;
    CHECK_HR(IRustFixture_DecorateTaskString(f, &s), S_OK);
    CHECK(wide_equals(s, "<>"));
    CoTaskMemFree(s);
    CHECK_HR(IRustFixture_DecorateBstr(f, &b), S_OK);
    CHECK(wide_equals(b, "<>"));
    SysFreeString(b);
    CHECK_HR(IRustFixture_DecorateBstr(f, NULL), E_POINTER);
    CHECK_HR(IRustFixture_DecorateTaskString(f, NULL), E_POINTER);

    CHECK_EQ_U(IRustFixture_Release(f), 0);
    CHECK_HR(rust->can_unload_now(), S_OK);
}

int main(int argc, char **argv) {
    Module cpp, rust;
    IMalloc *m = NULL;

    if (argc != 3) {
        fprintf(stderr, "usage: %s <c++ server module> <rust fixture module>\n", argv[0]);
        return 2;
    }
    if (!module_load(&cpp, argv[1]) || !module_load(&rust, argv[2])) return 1;
    CHECK_HR(CoInitializeEx(NULL, COINIT_MULTITHREADED), S_OK);
    CHECK_HR(CoGetMalloc(MEMCTX_TASK, &m), S_OK);
    if (m) {
        cpp_server(m, &cpp);
        rust_fixture(m, &rust);
        IMalloc_Release(m);
    }
    CoUninitialize();
    dlclose(rust.handle);
    dlclose(cpp.handle);
    return CHECK_DONE();
}
