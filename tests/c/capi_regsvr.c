/*
 * capi_regsvr.c - regsvr32 for the C tests: loads each module named on the command line,
 * attaches it to libanycom's runtime when it exports AnyComAttachRuntime (a Rust server: its
 * own copy of the runtime then forwards to libanycom's), and runs its DllRegisterServer (or,
 * with -u, DllUnregisterServer) in a C host linked with libanycom, so the module's
 * registration writes to the registry libanycom uses (ANYCOM_REGISTRY). Prints each module's
 * attach and registration HRESULTs (and the error info's description on failure); exits 0
 * only if every registration call returned S_OK.
 *
 * usage: capi_regsvr [-u] <module>...
 */
#define _XOPEN_SOURCE 700
#define COBJMACROS
#include <objbase.h>

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

typedef HRESULT(STDAPICALLTYPE *RegisterFn)(void);

static void print_error_info(void) {
    IErrorInfo *info = NULL;
    BSTR d = NULL;
    UINT i;
    if (GetErrorInfo(0, &info) != S_OK) return;
    IErrorInfo_GetDescription(info, &d);
    printf("  error info: ");
    for (i = 0; i < SysStringLen(d); i++) putchar(d[i] < 128 ? (char)d[i] : '?');
    printf("\n");
    SysFreeString(d);
    IErrorInfo_Release(info);
}

int main(int argc, char **argv) {
    const char *name = "DllRegisterServer";
    int i = 1, failed = 0;
    if (argc > 1 && strcmp(argv[1], "-u") == 0) {
        name = "DllUnregisterServer";
        i = 2;
    }
    for (; i < argc; i++) {
        void *h = dlopen(argv[i], RTLD_NOW | RTLD_LOCAL), *f;
        RegisterFn fn;
        HRESULT hr;
        if (!h) {
            printf("%s: cannot load: %s\n", argv[i], dlerror());
            failed = 1;
            continue;
        }
        f = dlsym(h, "AnyComAttachRuntime");
        if (f) {
            ANYCOM_ATTACH_FN attach;
            memcpy(&attach, &f, sizeof f);
            printf("%s: AnyComAttachRuntime 0x%08X\n", argv[i], (unsigned)attach(AnyComGetRuntime()));
        }
        f = dlsym(h, name);
        if (!f) {
            printf("%s: no %s\n", argv[i], name);
            failed = 1;
            dlclose(h);
            continue;
        }
        memcpy(&fn, &f, sizeof f);
        hr = fn();
        printf("%s: %s 0x%08X\n", argv[i], name, (unsigned)hr);
        if (hr != S_OK) {
            print_error_info();
            failed = 1;
        }
        dlclose(h);
    }
    return failed;
}
