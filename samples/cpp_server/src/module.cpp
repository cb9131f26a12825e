// module.cpp - the C++ sample server's module: its lock count and exports (DllGetClassObject,
// DllCanUnloadNow, DllRegisterServer, DllUnregisterServer). Defines the sample GUIDs.
#include <initguid.h>

#include "module.h"

#include <climits>

static std::atomic<LONG> g_locks{0};

void ModuleLock() { ++g_locks; }
void ModuleUnlock() { --g_locks; }
LONG ModuleLockCount() { return g_locks.load(); }

HRESULT SetError(HRESULT hr, const char16_t *description, const char16_t *source, REFIID iid) {
    ICreateErrorInfo *create = NULL;
    if (FAILED(CreateErrorInfo(&create))) return hr;
    create->SetDescription(const_cast<LPOLESTR>(description));
    create->SetSource(const_cast<LPOLESTR>(source));
    create->SetGUID(iid);
    IErrorInfo *info = NULL;
    if (SUCCEEDED(create->QueryInterface(IID_IErrorInfo, reinterpret_cast<void **>(&info)))) {
        SetErrorInfo(0, info);
        info->Release();
    }
    create->Release();
    return hr;
}

LPOLESTR TaskString(const std::u16string &s) {
    LPOLESTR p = static_cast<LPOLESTR>(CoTaskMemAlloc((s.size() + 1) * sizeof(OLECHAR)));
    if (!p) return NULL;
    s.copy(p, s.size());
    p[s.size()] = 0;
    return p;
}

std::u16string FromBstr(BSTR b) { return b ? std::u16string(b, SysStringLen(b)) : std::u16string(); }

std::u16string FromWide(const OLECHAR *s) { return s ? std::u16string(s) : std::u16string(); }

// ---- exports ----------------------------------------------------------------------------

STDAPI DllGetClassObject(REFCLSID rclsid, REFIID riid, LPVOID *ppv) {
    if (!ppv) return E_POINTER;
    *ppv = NULL;
    IClassFactory *factory = NULL;
    if (IsEqualCLSID(rclsid, CLSID_CppStuff)) factory = CppStuffFactory();
    else if (IsEqualCLSID(rclsid, CLSID_CppCalculator)) factory = CppCalculatorFactory();
    else return CLASS_E_CLASSNOTAVAILABLE;
    return factory->QueryInterface(riid, ppv);
}

STDAPI DllCanUnloadNow(void) { return g_locks.load() == 0 ? S_OK : S_FALSE; }

// The path of this module, from the address of its own data.
static HRESULT ThisModulePath(char *buffer, ULONG size) {
    return AnyComGetModulePath(static_cast<const void *>(&g_locks), buffer, size);
}

STDAPI DllRegisterServer(void) {
    char path[PATH_MAX];
    HRESULT hr = ThisModulePath(path, sizeof path);
    if (FAILED(hr)) return hr;
    const ANYCOM_CLASS_INFO classes[] = {
        {&CLSID_CppStuff, "Both", PROGID_CppStuff, VI_PROGID_CppStuff, "AnyCom C++ sample: a bag of numbers"},
        {&CLSID_CppCalculator, "Both", PROGID_CppCalculator, VI_PROGID_CppCalculator,
         "AnyCom C++ sample: a calculator"},
    };
    return AnyComRegisterServer(path, classes, sizeof classes / sizeof classes[0]);
}

STDAPI DllUnregisterServer(void) {
    char path[PATH_MAX];
    HRESULT hr = ThisModulePath(path, sizeof path);
    if (FAILED(hr)) return hr;
    return AnyComUnregisterServer(path);
}

// For tests: the module lock count (not part of COM; a C client finds it with dlsym).
EXTERN_C ANYCOM_MODULE_EXPORT LONG STDAPICALLTYPE CppServerLockCount(void) { return ModuleLockCount(); }
