// calculator.cpp - CppCalculator: ICalculator, in C++.
#include "module.h"

namespace {

class CppCalculator : public ICalculator, private ModuleObject {
public:
    STDMETHODIMP QueryInterface(REFIID riid, void **ppv) override {
        if (!ppv) return E_POINTER;
        if (IsEqualIID(riid, IID_IUnknown) || IsEqualIID(riid, IID_ICalculator)) {
            *ppv = static_cast<ICalculator *>(this);
            AddRef();
            return S_OK;
        }
        *ppv = NULL;
        return E_NOINTERFACE;
    }
    STDMETHODIMP_(ULONG) AddRef() override { return AddRefImpl(); }
    STDMETHODIMP_(ULONG) Release() override { return ReleaseImpl(); }

    // a + b, wrapping (computed unsigned: signed overflow is undefined in C++).
    STDMETHODIMP_(INT) Add(INT a, INT b) override {
        return static_cast<INT>(static_cast<UINT>(a) + static_cast<UINT>(b));
    }
};

}  // namespace

IClassFactory *CppCalculatorFactory() {
    static ClassFactory<CppCalculator> factory;
    return &factory;
}
