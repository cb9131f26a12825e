// stuff.cpp - CppStuff: a bag of numbers in C++, one object implementing several interfaces
// by multiple inheritance (IStuff, ICounter, IDescribe, ISupportErrorInfo), and its
// IEnumStuff enumerator.
#include "module.h"

#include <memory>
#include <mutex>
#include <vector>

namespace {

typedef std::shared_ptr<const std::vector<ULONG>> Snapshot;

// n in decimal. (Not std::to_string, nor std::make_shared above: with GCC, library templates
// holding function-local statics are STB_GNU_UNIQUE symbols, and one such symbol makes glibc's
// dlclose keep the whole module mapped - this module must really unload.)
std::u16string Decimal(size_t n) {
    char16_t digits[24];
    size_t i = sizeof digits / sizeof digits[0];
    do {
        digits[--i] = static_cast<char16_t>(u'0' + n % 10);
        n /= 10;
    } while (n);
    return std::u16string(digits + i, digits + sizeof digits / sizeof digits[0]);
}

// IEnumStuff over a snapshot of a bag.
class CppEnumStuff : public IEnumStuff, private ModuleObject {
public:
    CppEnumStuff(Snapshot items, size_t position) : items_(std::move(items)), position_(position) {}

    STDMETHODIMP QueryInterface(REFIID riid, void **ppv) override {
        if (!ppv) return E_POINTER;
        if (IsEqualIID(riid, IID_IUnknown) || IsEqualIID(riid, IID_IEnumStuff)) {
            *ppv = static_cast<IEnumStuff *>(this);
            AddRef();
            return S_OK;
        }
        *ppv = NULL;
        return E_NOINTERFACE;
    }
    STDMETHODIMP_(ULONG) AddRef() override { return AddRefImpl(); }
    STDMETHODIMP_(ULONG) Release() override { return ReleaseImpl(); }

    STDMETHODIMP Next(ULONG celt, ULONG *rgelt, ULONG *fetched) override {
        if (!rgelt || (!fetched && celt != 1)) return E_POINTER;
        std::lock_guard<std::mutex> guard(lock_);
        ULONG n = 0;
        while (n < celt && position_ < items_->size()) rgelt[n++] = (*items_)[position_++];
        if (fetched) *fetched = n;
        return n == celt ? S_OK : S_FALSE;
    }
    STDMETHODIMP Skip(ULONG celt) override {
        std::lock_guard<std::mutex> guard(lock_);
        size_t left = items_->size() - position_;
        if (celt > left) {
            position_ = items_->size();
            return S_FALSE;
        }
        position_ += celt;
        return S_OK;
    }
    STDMETHODIMP Reset() override {
        std::lock_guard<std::mutex> guard(lock_);
        position_ = 0;
        return S_OK;
    }
    STDMETHODIMP Clone(IEnumStuff **clone) override {
        if (!clone) return E_POINTER;
        std::lock_guard<std::mutex> guard(lock_);
        *clone = new (std::nothrow) CppEnumStuff(items_, position_);
        return *clone ? S_OK : E_OUTOFMEMORY;
    }

private:
    std::mutex lock_;
    Snapshot items_;
    size_t position_;
};

// The bag. IUnknown is reached through IStuff (the first base), always the same pointer.
class CppStuff : public IStuff, public ICounter, public IDescribe, public ISupportErrorInfo, private ModuleObject {
public:
    STDMETHODIMP QueryInterface(REFIID riid, void **ppv) override {
        if (!ppv) return E_POINTER;
        if (IsEqualIID(riid, IID_IUnknown) || IsEqualIID(riid, IID_IStuff)) *ppv = static_cast<IStuff *>(this);
        else if (IsEqualIID(riid, IID_ICounter)) *ppv = static_cast<ICounter *>(this);
        else if (IsEqualIID(riid, IID_IDescribe)) *ppv = static_cast<IDescribe *>(this);
        else if (IsEqualIID(riid, IID_ISupportErrorInfo)) *ppv = static_cast<ISupportErrorInfo *>(this);
        else {
            *ppv = NULL;
            return E_NOINTERFACE;
        }
        AddRef();
        return S_OK;
    }
    STDMETHODIMP_(ULONG) AddRef() override { return AddRefImpl(); }
    STDMETHODIMP_(ULONG) Release() override { return ReleaseImpl(); }

    // IStuff
    STDMETHODIMP Add(ULONG value) override {
        if (value == 0xFFFFFFFFu)
            return SetError(E_INVALIDARG, u"CppStuff: 0xFFFFFFFF is reserved and cannot be added",
                            u"" PROGID_CppStuff, IID_IStuff);
        std::lock_guard<std::mutex> guard(lock_);
        items_.push_back(value);
        return S_OK;
    }
    STDMETHODIMP_(ULONG) Count() override {
        std::lock_guard<std::mutex> guard(lock_);
        return static_cast<ULONG>(items_.size());
    }
    STDMETHODIMP Items(IEnumStuff **items) override {
        if (!items) return E_POINTER;
        std::lock_guard<std::mutex> guard(lock_);
        // (std::shared_ptr's constructor, not std::make_shared: see Decimal.)
        Snapshot snapshot(new (std::nothrow) std::vector<ULONG>(items_));
        *items = snapshot ? new (std::nothrow) CppEnumStuff(snapshot, 0) : NULL;
        return *items ? S_OK : E_OUTOFMEMORY;
    }

    // ICounter
    STDMETHODIMP_(ULONG) Increment() override { return ++counter_; }
    STDMETHODIMP_(ULONG) Value() override { return counter_.load(); }

    // IDescribe
    STDMETHODIMP GetName(BSTR *name) override {
        if (!name) return E_POINTER;
        std::lock_guard<std::mutex> guard(lock_);
        *name = SysAllocStringLen(name_.data(), static_cast<UINT>(name_.size()));
        return *name ? S_OK : E_OUTOFMEMORY;
    }
    STDMETHODIMP SetName(BSTR name) override {
        std::u16string s = FromBstr(name);
        std::lock_guard<std::mutex> guard(lock_);
        name_ = s;
        return S_OK;
    }
    STDMETHODIMP DecorateBstr(BSTR *text) override {
        if (!text) return E_POINTER;
        std::u16string s = u"[" + FromBstr(*text) + u"]";
        BSTR decorated = SysAllocStringLen(s.data(), static_cast<UINT>(s.size()));
        if (!decorated) return E_OUTOFMEMORY;
        SysFreeString(*text);
        *text = decorated;
        return S_OK;
    }
    STDMETHODIMP GetSummary(LPOLESTR *summary) override {
        if (!summary) return E_POINTER;
        std::u16string s;
        {
            std::lock_guard<std::mutex> guard(lock_);
            s = name_ + u": " + Decimal(items_.size()) + u" items";
        }
        *summary = TaskString(s);
        return *summary ? S_OK : E_OUTOFMEMORY;
    }
    STDMETHODIMP DecorateTaskString(LPOLESTR *text) override {
        if (!text) return E_POINTER;
        LPOLESTR decorated = TaskString(u"[" + FromWide(*text) + u"]");
        if (!decorated) return E_OUTOFMEMORY;
        CoTaskMemFree(*text);
        *text = decorated;
        return S_OK;
    }

    // ISupportErrorInfo: IStuff's failures come with error info.
    STDMETHODIMP InterfaceSupportsErrorInfo(REFIID riid) override {
        return IsEqualIID(riid, IID_IStuff) ? S_OK : S_FALSE;
    }

private:
    std::mutex lock_;
    std::vector<ULONG> items_;
    std::atomic<ULONG> counter_{0};
    std::u16string name_{u"CppStuff"};
};

}  // namespace

IClassFactory *CppStuffFactory() {
    static ClassFactory<CppStuff> factory;
    return &factory;
}
