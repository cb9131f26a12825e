// module.h - what the C++ sample server's classes share: the module lock count, a class
// factory template (with LockServer), the error-info helper and UTF-16 string helpers.
#ifndef ANYCOM_CPP_SERVER_MODULE_H
#define ANYCOM_CPP_SERVER_MODULE_H

#include <atomic>
#include <new>
#include <string>

#include <objbase.h>

#include "anycom_samples.h"

// The module lock count: live objects plus LockServer(TRUE) locks. DllCanUnloadNow is S_OK
// only when it is zero. Class factories do not count (they are static, like ATL's
// CComObjectNoLock), or the module could never unload while a client caches one.
void ModuleLock();
void ModuleUnlock();
LONG ModuleLockCount();

// Makes a new error info (description, source ProgID, interface) the thread's error info and
// returns hr: what a method does before failing, for ISupportErrorInfo callers.
HRESULT SetError(HRESULT hr, const char16_t *description, const char16_t *source, REFIID iid);

// A task-memory copy of s (NUL-terminated), or NULL when out of memory.
LPOLESTR TaskString(const std::u16string &s);

// The characters of a BSTR (NULL is empty).
std::u16string FromBstr(BSTR b);

// The characters of a NUL-terminated string (NULL is empty).
std::u16string FromWide(const OLECHAR *s);

// A base for the module's objects: counts its references and holds the module while alive.
class ModuleObject {
public:
    ModuleObject() { ModuleLock(); }
    virtual ~ModuleObject() { ModuleUnlock(); }
    ModuleObject(const ModuleObject &) = delete;
    ModuleObject &operator=(const ModuleObject &) = delete;

protected:
    ULONG AddRefImpl() { return ++refs_; }
    ULONG ReleaseImpl() {
        ULONG n = --refs_;
        if (n == 0) delete this;
        return n;
    }

private:
    std::atomic<ULONG> refs_{1};
};

// IClassFactory for a class T with a default constructor: CreateInstance applies COM's rules
// (E_POINTER, *ppv = NULL on failure, CLASS_E_NOAGGREGATION, E_NOINTERFACE), LockServer
// counts in the module lock count. One static instance per class; it never holds the module.
template <typename T> class ClassFactory : public IClassFactory {
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
    // A static object, never freed. Its count is exact all the same (it starts at 0: the module
    // itself holds no reference), because AddRef/Release's results are what a loader looks at to
    // see whether anyone besides itself still holds the class object.
    STDMETHODIMP_(ULONG) AddRef() override { return ++refs_; }
    STDMETHODIMP_(ULONG) Release() override { return --refs_; }

    STDMETHODIMP CreateInstance(IUnknown *outer, REFIID riid, void **ppv) override {
        if (!ppv) return E_POINTER;
        *ppv = NULL;
        if (outer) return CLASS_E_NOAGGREGATION;
        T *object = new (std::nothrow) T();
        if (!object) return E_OUTOFMEMORY;
        HRESULT hr = object->QueryInterface(riid, ppv);  // AddRefs on success
        object->Release();                               // drops the creation reference
        return hr;
    }
    STDMETHODIMP LockServer(BOOL lock) override {
        if (lock) ModuleLock(); else ModuleUnlock();
        return S_OK;
    }

private:
    std::atomic<ULONG> refs_{0};
};

// The module's classes (defined in stuff.cpp and calculator.cpp).
IClassFactory *CppStuffFactory();
IClassFactory *CppCalculatorFactory();

#endif
