/*
 * capi_fixture.h - the C declaration of the Rust test fixture server (capi/fixture, module
 * anycom_capi_fixture): IRustFixture and CLSID_RustFixture (ProgID AnyCom.CapiFixture.1).
 * Must match capi/fixture/src/lib.rs.
 */
#ifndef ANYCOM_CAPI_FIXTURE_H
#define ANYCOM_CAPI_FIXTURE_H

#include <objbase.h>

/* {5BB4477B-31D2-4256-AB0E-541421133AAE} */
DEFINE_GUID(IID_IRustFixture, 0x5bb4477b, 0x31d2, 0x4256, 0xab, 0x0e, 0x54, 0x14, 0x21, 0x13, 0x3a, 0xae);
/* {A4C6E1F0-2B7D-4C39-8E51-6F0A9D3B7C24} */
DEFINE_GUID(CLSID_RustFixture, 0xa4c6e1f0, 0x2b7d, 0x4c39, 0x8e, 0x51, 0x6f, 0x0a, 0x9d, 0x3b, 0x7c, 0x24);
#define PROGID_RustFixture "AnyCom.CapiFixture.1"

#undef INTERFACE
#define INTERFACE IRustFixture
DECLARE_INTERFACE_(IRustFixture, IUnknown) {
    BEGIN_INTERFACE
#if !defined(__cplusplus) || defined(CINTERFACE)
    STDMETHOD(QueryInterface)(THIS_ REFIID riid, void **ppv) PURE;
    STDMETHOD_(ULONG, AddRef)(THIS) PURE;
    STDMETHOD_(ULONG, Release)(THIS) PURE;
#endif
    /* Fails with code and the error info description "RustFixture::Fail(0x........)". */
    STDMETHOD(Fail)(THIS_ HRESULT code) PURE;
    /* *out = a new BSTR "from Rust", allocated by the fixture's own copy of anycom. */
    STDMETHOD(GetBstr)(THIS_ BSTR *out) PURE;
    /* *out = the task-memory string "from Rust", allocated by the fixture's copy. */
    STDMETHOD(GetTaskString)(THIS_ LPOLESTR *out) PURE;
    /* [in, out] frees the BSTR *text (fixture's SysFreeString), replaces it with "<" *text ">". */
    STDMETHOD(DecorateBstr)(THIS_ BSTR *text) PURE;
    /* [in, out] frees the task string *text (fixture's CoTaskMemFree), replaces it with "<" *text ">". */
    STDMETHOD(DecorateTaskString)(THIS_ LPOLESTR *text) PURE;
    END_INTERFACE
};
#undef INTERFACE

#if defined(COBJMACROS) && (!defined(__cplusplus) || defined(CINTERFACE))
#define IRustFixture_QueryInterface(This, riid, ppv) ((This)->lpVtbl->QueryInterface(This, riid, ppv))
#define IRustFixture_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IRustFixture_Release(This) ((This)->lpVtbl->Release(This))
#define IRustFixture_Fail(This, code) ((This)->lpVtbl->Fail(This, code))
#define IRustFixture_GetBstr(This, out) ((This)->lpVtbl->GetBstr(This, out))
#define IRustFixture_GetTaskString(This, out) ((This)->lpVtbl->GetTaskString(This, out))
#define IRustFixture_DecorateBstr(This, text) ((This)->lpVtbl->DecorateBstr(This, text))
#define IRustFixture_DecorateTaskString(This, text) ((This)->lpVtbl->DecorateTaskString(This, text))
#endif

#endif /* ANYCOM_CAPI_FIXTURE_H */
