// capi_cpp_client.cpp - a C++ client of libanycom, written as against the Windows SDK: the C++
// form of the interfaces (virtual methods), IID_PPV_ARGS, a small smart pointer, objects from
// the Rust server and the C++ server activated by ProgID through the registry.
//
// usage: capi_cpp_client     (the registry must hold the C++ server and the Rust Stuff sample)
#include <initguid.h>
#include <objbase.h>

#include "anycom_samples.h"
#include "capi_check.h"

#include <string>
#include <utility>

namespace {

// The least a ComPtr does: Release on destruction, AddRef on copy.
template <typename T> class ComPtr {
public:
    ComPtr() = default;
    ComPtr(const ComPtr &o) : p_(o.p_) { if (p_) p_->AddRef(); }
    ComPtr &operator=(ComPtr o) { std::swap(p_, o.p_); return *this; }
    ~ComPtr() { if (p_) p_->Release(); }
    T *operator->() const { return p_; }
    T *get() const { return p_; }
    T **put() { *this = ComPtr(); return &p_; }
    template <typename U> HRESULT As(ComPtr<U> &out) const { return p_->QueryInterface(IID_PPV_ARGS(out.put())); }

private:
    T *p_ = nullptr;
};

std::u16string wide(const char *s) { return std::u16string(s, s + std::char_traits<char>::length(s)); }

template <typename T> HRESULT Create(const char *progid, ComPtr<T> &out) {
    CLSID clsid;
    HRESULT hr = CLSIDFromProgID(wide(progid).c_str(), &clsid);
    if (FAILED(hr)) return hr;
    return CoCreateInstance(clsid, nullptr, CLSCTX_INPROC_SERVER, IID_PPV_ARGS(out.put()));
}

void UseStuff(const char *progid) {
    printf("%s through the C++ interface form\n", progid);
    ComPtr<IStuff> stuff;
    CHECK_HR(Create(progid, stuff), S_OK);
    if (!stuff.get()) return;
    for (ULONG i = 1; i <= 3; i++) CHECK_HR(stuff->Add(i), S_OK);
    CHECK_EQ_U(stuff->Count(), 3);
    ComPtr<IEnumStuff> items;
    CHECK_HR(stuff->Items(items.put()), S_OK);
    if (items.get()) {
        ULONG got[4] = {0, 0, 0, 0}, fetched = 0;
        CHECK_HR(items->Next(4, got, &fetched), S_FALSE);
        CHECK_EQ_U(fetched, 3);
        CHECK_EQ_U(got[2], 3);
    }
    ComPtr<IUnknown> a, b;
    CHECK_HR(stuff.As(a), S_OK);
    CHECK_HR(items.As(b), S_OK);
    CHECK(a.get() != b.get()); // two objects
    ComPtr<IClassFactory> none;
    CHECK_HR(stuff.As(none), E_NOINTERFACE);
    CHECK(none.get() == nullptr);
    // copies count: stuff, a (the same object's IUnknown) and copy hold three references
    ComPtr<IStuff> copy = stuff;
    CHECK_EQ_U(copy->AddRef(), 4);
    CHECK_EQ_U(copy->Release(), 3);
}

}  // namespace

int main() {
    CHECK_HR(CoInitializeEx(nullptr, COINIT_APARTMENTTHREADED), S_OK);
    UseStuff(PROGID_Stuff);
    UseStuff(PROGID_CppStuff);
    {
        ComPtr<ICounter> counter;
        CHECK_HR(Create(PROGID_CppStuff, counter), S_OK);
        if (counter.get()) {
            CHECK_EQ_U(counter->Increment(), 1);
            ComPtr<IDescribe> describe;
            CHECK_HR(counter.As(describe), S_OK);
            BSTR name = nullptr;
            if (describe.get()) CHECK_HR(describe->GetName(&name), S_OK);
            CHECK(name && SysStringLen(name) == 8);
            SysFreeString(name);
        }
        ComPtr<ICalculator> calc;
        CHECK_HR(Create(PROGID_CppCalculator, calc), S_OK);
        if (calc.get()) CHECK_EQ_U(calc->Add(-2, 44), 42);
    }
    CoFreeUnusedLibrariesEx(0, 0);
    CoUninitialize();
    return CHECK_DONE();
}
