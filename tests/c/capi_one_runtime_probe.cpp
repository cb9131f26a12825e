// capi_one_runtime_probe.cpp - a C++ in-process server linked against libanycom whose methods
// call the COM runtime from inside the module, for tests/tests/capi_one_runtime.rs.
//
// Loaded by a Rust host's loader, the module's libanycom is attached to the host's runtime, so
// each answer here is what the host's runtime says: the calling thread's apartment, classes
// activated from the host's class source and class table, the process token, and class
// objects registered here found by the host.
//
// ICppProbe {3E0F6A71-9C2B-4D58-A1E4-7B6C5D4E3F40} (declared again in capi_one_runtime.rs):
//   ApartmentType(APTTYPE*, APTTYPEQUALIFIER*)  CoGetApartmentType, as the module sees it
//   Create(REFCLSID, IUnknown**)                CoCreateInstance(IID_IUnknown) from the module
//   ProcessToken()                              CoGetCurrentProcess, as the module sees it
//   RegisterCalculator(REFCLSID, DWORD*)        CoRegisterClassObject(REGCLS_MULTIPLEUSE) of a
//                                               class object making ICalculator objects
//   Revoke(DWORD)                               CoRevokeClassObject
// CppProbe {3E0F6A71-9C2B-4D58-A1E4-7B6C5D4E3F41}: the class implementing it.
//
// Like the sample server, nothing here is an STB_GNU_UNIQUE symbol, so the module unloads.
#include <initguid.h>
#include <objbase.h>

#include "anycom_samples.h"

#include <atomic>
#include <new>

DEFINE_GUID(IID_ICppProbe, 0x3e0f6a71, 0x9c2b, 0x4d58, 0xa1, 0xe4, 0x7b, 0x6c, 0x5d, 0x4e, 0x3f, 0x40);
DEFINE_GUID(CLSID_CppProbe, 0x3e0f6a71, 0x9c2b, 0x4d58, 0xa1, 0xe4, 0x7b, 0x6c, 0x5d, 0x4e, 0x3f, 0x41);

struct ICppProbe : public IUnknown {
    virtual HRESULT STDMETHODCALLTYPE ApartmentType(APTTYPE *type, APTTYPEQUALIFIER *qualifier) = 0;
    virtual HRESULT STDMETHODCALLTYPE Create(REFCLSID clsid, IUnknown **out) = 0;
    virtual DWORD STDMETHODCALLTYPE ProcessToken(void) = 0;
    virtual HRESULT STDMETHODCALLTYPE RegisterCalculator(REFCLSID clsid, DWORD *cookie) = 0;
    virtual HRESULT STDMETHODCALLTYPE Revoke(DWORD cookie) = 0;
};

namespace {

// Live objects, LockServer locks and registered class objects.
std::atomic<LONG> g_locks{0};

// A heap object answering IUnknown and the one interface I (whose IID is iid), counted in
// g_locks while alive; Derived is the final class (deleted at the last Release).
template <typename Derived, typename I, const IID &iid> class Object : public I {
public:
    Object() { ++g_locks; }
    ~Object() { --g_locks; }
    Object(const Object &) = delete;
    Object &operator=(const Object &) = delete;

    STDMETHODIMP QueryInterface(REFIID riid, void **ppv) override {
        if (!ppv) return E_POINTER;
        if (IsEqualIID(riid, IID_IUnknown) || IsEqualIID(riid, iid)) {
            *ppv = static_cast<I *>(this);
            AddRef();
            return S_OK;
        }
        *ppv = NULL;
        return E_NOINTERFACE;
    }
    STDMETHODIMP_(ULONG) AddRef() override { return ++refs_; }
    STDMETHODIMP_(ULONG) Release() override {
        ULONG n = --refs_;
        if (n == 0) delete static_cast<Derived *>(this);
        return n;
    }

private:
    std::atomic<ULONG> refs_{1};
};

// The object behind ICppProbe. Thread-safe (no state besides its count): ThreadingModel Both.
class CppProbe final : public Object<CppProbe, ICppProbe, IID_ICppProbe> {
public:
    STDMETHODIMP ApartmentType(APTTYPE *type, APTTYPEQUALIFIER *qualifier) override {
        return CoGetApartmentType(type, qualifier);
    }
    STDMETHODIMP Create(REFCLSID clsid, IUnknown **out) override {
        if (!out) return E_POINTER;
        return CoCreateInstance(clsid, NULL, CLSCTX_INPROC_SERVER, IID_IUnknown, reinterpret_cast<void **>(out));
    }
    STDMETHODIMP_(DWORD) ProcessToken() override { return CoGetCurrentProcess(); }
    STDMETHODIMP RegisterCalculator(REFCLSID clsid, DWORD *cookie) override;
    STDMETHODIMP Revoke(DWORD cookie) override { return CoRevokeClassObject(cookie); }
};

// ICalculator (a + b, wrapping), made by the class object RegisterCalculator registers.
class Calculator final : public Object<Calculator, ICalculator, IID_ICalculator> {
public:
    STDMETHODIMP_(INT) Add(INT a, INT b) override {
        return static_cast<INT>(static_cast<UINT>(a) + static_cast<UINT>(b));
    }
};

// A static class factory for T. `holds_module`: while anyone holds a reference (the host's
// class table, for a registered class object), the module stays loaded; a factory handed out
// by DllGetClassObject does not hold it (the loader keeps the module while it holds one).
template <typename T, bool holds_module> class Factory final : public IClassFactory {
public:
    STDMETHODIMP QueryInterface(REFIID riid, void **ppv) override {
        if (!ppv) return E_POINTER;
        if (IsEqualIID(riid, IID_IUnknown) || IsEqualIID(riid, IID_IClassFactory)) {
            *ppv = static_cast<IClassFactory *>(this);
            AddRef();
            return S_OK;
        }
        *ppv = NULL;
        return E_NOINTERFACE;
    }
    STDMETHODIMP_(ULONG) AddRef() override {
        ULONG n = ++refs_;
        if (holds_module && n == 1) ++g_locks;
        return n;
    }
    STDMETHODIMP_(ULONG) Release() override {
        ULONG n = --refs_;
        if (holds_module && n == 0) --g_locks;
        return n;
    }
    STDMETHODIMP CreateInstance(IUnknown *outer, REFIID riid, void **ppv) override {
        if (!ppv) return E_POINTER;
        *ppv = NULL;
        if (outer) return CLASS_E_NOAGGREGATION;
        T *object = new (std::nothrow) T();
        if (!object) return E_OUTOFMEMORY;
        HRESULT hr = object->QueryInterface(riid, ppv);
        object->Release();
        return hr;
    }
    STDMETHODIMP LockServer(BOOL lock) override {
        if (lock) ++g_locks; else --g_locks;
        return S_OK;
    }

private:
    std::atomic<ULONG> refs_{0};
};

Factory<CppProbe, false> g_probe_factory;
Factory<Calculator, true> g_calculator_factory;

STDMETHODIMP CppProbe::RegisterCalculator(REFCLSID clsid, DWORD *cookie) {
    if (!cookie) return E_POINTER;
    return CoRegisterClassObject(clsid, static_cast<IClassFactory *>(&g_calculator_factory), CLSCTX_INPROC_SERVER,
                                 REGCLS_MULTIPLEUSE, cookie);
}

}  // namespace

STDAPI DllGetClassObject(REFCLSID rclsid, REFIID riid, LPVOID *ppv) {
    if (!ppv) return E_POINTER;
    *ppv = NULL;
    if (!IsEqualCLSID(rclsid, CLSID_CppProbe)) return CLASS_E_CLASSNOTAVAILABLE;
    return g_probe_factory.QueryInterface(riid, ppv);
}

STDAPI DllCanUnloadNow(void) { return g_locks.load() == 0 ? S_OK : S_FALSE; }
