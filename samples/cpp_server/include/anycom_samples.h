/*
 * anycom_samples.h - the interfaces, CLSIDs and ProgIDs of anycom's sample servers, for C and
 * C++ clients and servers: the same IIDs and vtable layouts as the Rust declarations in
 * samples/interfaces/src/lib.rs (a test checks that every GUID here matches), plus the C++
 * sample server's own classes and its IDescribe interface.
 *
 *   module                          classes (ProgID)                               interfaces
 *   anycom_sample_stuff (Rust)      Stuff (AnyCom.Stuff.1),                        IStuff, IEnumStuff
 *                                   SharedStuff (AnyCom.SharedStuff.1)
 *   anycom_sample_licensed (Rust)   LicensedCalculator (AnyCom.LicensedCalculator.1)  ICalculator
 *   anycom_sample_aggregation       Counter (AnyCom.Counter.1),                    ICounter, ICounterHost
 *     (Rust)                        CounterHost (AnyCom.CounterHost.1)
 *   anycom_sample_custom_factory    Widget (AnyCom.Widget.1)                       IWidget, IInstanceCounter
 *     (Rust)
 *   anycom_cpp_server (C++)         CppStuff (AnyCom.CppStuff.1),                  IStuff, IEnumStuff, ICounter,
 *                                   CppCalculator (AnyCom.CppCalculator.1)         IDescribe, ISupportErrorInfo;
 *                                                                                  ICalculator
 *
 * The GUIDs are declared with DEFINE_GUID: exactly one translation unit of a program defines
 * them, by including <initguid.h> (or defining INITGUID) before this header.
 */
#ifndef ANYCOM_SAMPLES_H
#define ANYCOM_SAMPLES_H

#include <objbase.h>

/* ---- interfaces of the Rust samples (samples/interfaces/src/lib.rs) ----------------------- */

#ifndef __IEnumStuff_FWD_DEFINED__
#define __IEnumStuff_FWD_DEFINED__
typedef struct IEnumStuff IEnumStuff;
#endif

/* {47AEA3E2-B288-473F-991A-7B0D5FA9A723}: a bag of numbers. */
DEFINE_GUID(IID_IStuff, 0x47aea3e2, 0xb288, 0x473f, 0x99, 0x1a, 0x7b, 0x0d, 0x5f, 0xa9, 0xa7, 0x23);
#undef INTERFACE
#define INTERFACE IStuff
DECLARE_INTERFACE_(IStuff, IUnknown) {
    BEGIN_INTERFACE
#if !defined(__cplusplus) || defined(CINTERFACE)
    STDMETHOD(QueryInterface)(THIS_ REFIID riid, void **ppv) PURE;
    STDMETHOD_(ULONG, AddRef)(THIS) PURE;
    STDMETHOD_(ULONG, Release)(THIS) PURE;
#endif
    /* Adds a number. */
    STDMETHOD(Add)(THIS_ ULONG value) PURE;
    /* How many numbers the bag holds. */
    STDMETHOD_(ULONG, Count)(THIS) PURE;
    /* An enumerator over a snapshot of the numbers, in the order added; E_POINTER for NULL. */
    STDMETHOD(Items)(THIS_ IEnumStuff **items) PURE;
    END_INTERFACE
};

/* {B549CC13-3639-4CF1-A821-870780B41E3D}: the IEnum pattern over ULONG items. */
DEFINE_GUID(IID_IEnumStuff, 0xb549cc13, 0x3639, 0x4cf1, 0xa8, 0x21, 0x87, 0x07, 0x80, 0xb4, 0x1e, 0x3d);
#undef INTERFACE
#define INTERFACE IEnumStuff
DECLARE_INTERFACE_(IEnumStuff, IUnknown) {
    BEGIN_INTERFACE
#if !defined(__cplusplus) || defined(CINTERFACE)
    STDMETHOD(QueryInterface)(THIS_ REFIID riid, void **ppv) PURE;
    STDMETHOD_(ULONG, AddRef)(THIS) PURE;
    STDMETHOD_(ULONG, Release)(THIS) PURE;
#endif
    /* Copies up to celt items; *fetched (NULL allowed only for celt == 1) gets how many.
       S_OK when all celt were fetched, S_FALSE when fewer were left. */
    STDMETHOD(Next)(THIS_ ULONG celt, ULONG *rgelt, ULONG *fetched) PURE;
    /* Skips celt items: S_OK, or S_FALSE when fewer were left. */
    STDMETHOD(Skip)(THIS_ ULONG celt) PURE;
    /* Goes back to the first item. */
    STDMETHOD(Reset)(THIS) PURE;
    /* A new, independent enumerator at the same position. */
    STDMETHOD(Clone)(THIS_ IEnumStuff **clone) PURE;
    END_INTERFACE
};

/* {60453D5B-16AB-4FC3-9E5D-45C5EDBA7544}: a calculator. */
DEFINE_GUID(IID_ICalculator, 0x60453d5b, 0x16ab, 0x4fc3, 0x9e, 0x5d, 0x45, 0xc5, 0xed, 0xba, 0x75, 0x44);
#undef INTERFACE
#define INTERFACE ICalculator
DECLARE_INTERFACE_(ICalculator, IUnknown) {
    BEGIN_INTERFACE
#if !defined(__cplusplus) || defined(CINTERFACE)
    STDMETHOD(QueryInterface)(THIS_ REFIID riid, void **ppv) PURE;
    STDMETHOD_(ULONG, AddRef)(THIS) PURE;
    STDMETHOD_(ULONG, Release)(THIS) PURE;
#endif
    /* a + b, wrapping. */
    STDMETHOD_(INT, Add)(THIS_ INT a, INT b) PURE;
    END_INTERFACE
};

/* {4013A393-FE1D-4D86-B504-950D7FF45381}: a counter. */
DEFINE_GUID(IID_ICounter, 0x4013a393, 0xfe1d, 0x4d86, 0xb5, 0x04, 0x95, 0x0d, 0x7f, 0xf4, 0x53, 0x81);
#undef INTERFACE
#define INTERFACE ICounter
DECLARE_INTERFACE_(ICounter, IUnknown) {
    BEGIN_INTERFACE
#if !defined(__cplusplus) || defined(CINTERFACE)
    STDMETHOD(QueryInterface)(THIS_ REFIID riid, void **ppv) PURE;
    STDMETHOD_(ULONG, AddRef)(THIS) PURE;
    STDMETHOD_(ULONG, Release)(THIS) PURE;
#endif
    /* Adds one and returns the new value. */
    STDMETHOD_(ULONG, Increment)(THIS) PURE;
    /* The current value. */
    STDMETHOD_(ULONG, Value)(THIS) PURE;
    END_INTERFACE
};

/* {2E591075-045E-4085-A9AC-0BC4A1C6FFF0}: the outer object of the aggregation sample. */
DEFINE_GUID(IID_ICounterHost, 0x2e591075, 0x045e, 0x4085, 0xa9, 0xac, 0x0b, 0xc4, 0xa1, 0xc6, 0xff, 0xf0);
#undef INTERFACE
#define INTERFACE ICounterHost
DECLARE_INTERFACE_(ICounterHost, IUnknown) {
    BEGIN_INTERFACE
#if !defined(__cplusplus) || defined(CINTERFACE)
    STDMETHOD(QueryInterface)(THIS_ REFIID riid, void **ppv) PURE;
    STDMETHOD_(ULONG, AddRef)(THIS) PURE;
    STDMETHOD_(ULONG, Release)(THIS) PURE;
#endif
    /* Whether the aggregated counter was created. */
    STDMETHOD_(BOOL, HasCounter)(THIS) PURE;
    /* The host's label. */
    STDMETHOD_(ULONG, Label)(THIS) PURE;
    END_INTERFACE
};

/* {EB5E20A2-E837-4939-BA8B-81ECA5829D5F}: a widget with a serial number. */
DEFINE_GUID(IID_IWidget, 0xeb5e20a2, 0xe837, 0x4939, 0xba, 0x8b, 0x81, 0xec, 0xa5, 0x82, 0x9d, 0x5f);
#undef INTERFACE
#define INTERFACE IWidget
DECLARE_INTERFACE_(IWidget, IUnknown) {
    BEGIN_INTERFACE
#if !defined(__cplusplus) || defined(CINTERFACE)
    STDMETHOD(QueryInterface)(THIS_ REFIID riid, void **ppv) PURE;
    STDMETHOD_(ULONG, AddRef)(THIS) PURE;
    STDMETHOD_(ULONG, Release)(THIS) PURE;
#endif
    /* The widget's serial number (1, 2, 3... in creation order). */
    STDMETHOD_(ULONG, Serial)(THIS) PURE;
    END_INTERFACE
};

/* {982AE3C1-DCD0-4AD9-9082-5903CA10DAE0}: what the widget factory tells about its widgets. */
DEFINE_GUID(IID_IInstanceCounter, 0x982ae3c1, 0xdcd0, 0x4ad9, 0x90, 0x82, 0x59, 0x03, 0xca, 0x10, 0xda, 0xe0);
#undef INTERFACE
#define INTERFACE IInstanceCounter
DECLARE_INTERFACE_(IInstanceCounter, IUnknown) {
    BEGIN_INTERFACE
#if !defined(__cplusplus) || defined(CINTERFACE)
    STDMETHOD(QueryInterface)(THIS_ REFIID riid, void **ppv) PURE;
    STDMETHOD_(ULONG, AddRef)(THIS) PURE;
    STDMETHOD_(ULONG, Release)(THIS) PURE;
#endif
    /* Widgets created through any of the module's widget factories. */
    STDMETHOD_(ULONG, Created)(THIS) PURE;
    /* Widgets alive now. */
    STDMETHOD_(ULONG, Live)(THIS) PURE;
    END_INTERFACE
};

/* ---- the C++ server's own interface ------------------------------------------------------- */

/*
 * {9A090A6F-78A1-4733-B25D-0C9B7D986F26}: strings handed across modules, in the shapes COM
 * uses: BSTRs ([out] and [in, out]) and task-memory strings ([out] and [in, out]).
 */
DEFINE_GUID(IID_IDescribe, 0x9a090a6f, 0x78a1, 0x4733, 0xb2, 0x5d, 0x0c, 0x9b, 0x7d, 0x98, 0x6f, 0x26);
#undef INTERFACE
#define INTERFACE IDescribe
DECLARE_INTERFACE_(IDescribe, IUnknown) {
    BEGIN_INTERFACE
#if !defined(__cplusplus) || defined(CINTERFACE)
    STDMETHOD(QueryInterface)(THIS_ REFIID riid, void **ppv) PURE;
    STDMETHOD_(ULONG, AddRef)(THIS) PURE;
    STDMETHOD_(ULONG, Release)(THIS) PURE;
#endif
    /* [out] The object's name, a new BSTR the caller frees with SysFreeString. E_POINTER for NULL. */
    STDMETHOD(GetName)(THIS_ BSTR *name) PURE;
    /* [in] Sets the name (copied; the caller keeps its BSTR). NULL is the empty name. */
    STDMETHOD(SetName)(THIS_ BSTR name) PURE;
    /* [in, out] Replaces *text (freed with SysFreeString) by "[" *text "]", a new BSTR. */
    STDMETHOD(DecorateBstr)(THIS_ BSTR *text) PURE;
    /* [out] "<name>: <count> items", in task memory the caller frees with CoTaskMemFree. */
    STDMETHOD(GetSummary)(THIS_ LPOLESTR *summary) PURE;
    /* [in, out] Replaces *text (task memory, freed with CoTaskMemFree) by "[" *text "]", in task memory. */
    STDMETHOD(DecorateTaskString)(THIS_ LPOLESTR *text) PURE;
    END_INTERFACE
};
#undef INTERFACE

/* ---- COBJMACROS: IFoo_Method(p, ...) calls through p->lpVtbl (C form only) ------------- */

#if defined(COBJMACROS) && (!defined(__cplusplus) || defined(CINTERFACE))
#define IStuff_QueryInterface(This, riid, ppv) ((This)->lpVtbl->QueryInterface(This, riid, ppv))
#define IStuff_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IStuff_Release(This) ((This)->lpVtbl->Release(This))
#define IStuff_Add(This, value) ((This)->lpVtbl->Add(This, value))
#define IStuff_Count(This) ((This)->lpVtbl->Count(This))
#define IStuff_Items(This, items) ((This)->lpVtbl->Items(This, items))
#define IEnumStuff_QueryInterface(This, riid, ppv) ((This)->lpVtbl->QueryInterface(This, riid, ppv))
#define IEnumStuff_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IEnumStuff_Release(This) ((This)->lpVtbl->Release(This))
#define IEnumStuff_Next(This, celt, rgelt, fetched) ((This)->lpVtbl->Next(This, celt, rgelt, fetched))
#define IEnumStuff_Skip(This, celt) ((This)->lpVtbl->Skip(This, celt))
#define IEnumStuff_Reset(This) ((This)->lpVtbl->Reset(This))
#define IEnumStuff_Clone(This, clone) ((This)->lpVtbl->Clone(This, clone))
#define ICalculator_QueryInterface(This, riid, ppv) ((This)->lpVtbl->QueryInterface(This, riid, ppv))
#define ICalculator_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define ICalculator_Release(This) ((This)->lpVtbl->Release(This))
#define ICalculator_Add(This, a, b) ((This)->lpVtbl->Add(This, a, b))
#define ICounter_QueryInterface(This, riid, ppv) ((This)->lpVtbl->QueryInterface(This, riid, ppv))
#define ICounter_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define ICounter_Release(This) ((This)->lpVtbl->Release(This))
#define ICounter_Increment(This) ((This)->lpVtbl->Increment(This))
#define ICounter_Value(This) ((This)->lpVtbl->Value(This))
#define ICounterHost_QueryInterface(This, riid, ppv) ((This)->lpVtbl->QueryInterface(This, riid, ppv))
#define ICounterHost_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define ICounterHost_Release(This) ((This)->lpVtbl->Release(This))
#define ICounterHost_HasCounter(This) ((This)->lpVtbl->HasCounter(This))
#define ICounterHost_Label(This) ((This)->lpVtbl->Label(This))
#define IWidget_QueryInterface(This, riid, ppv) ((This)->lpVtbl->QueryInterface(This, riid, ppv))
#define IWidget_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IWidget_Release(This) ((This)->lpVtbl->Release(This))
#define IWidget_Serial(This) ((This)->lpVtbl->Serial(This))
#define IInstanceCounter_QueryInterface(This, riid, ppv) ((This)->lpVtbl->QueryInterface(This, riid, ppv))
#define IInstanceCounter_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IInstanceCounter_Release(This) ((This)->lpVtbl->Release(This))
#define IInstanceCounter_Created(This) ((This)->lpVtbl->Created(This))
#define IInstanceCounter_Live(This) ((This)->lpVtbl->Live(This))
#define IDescribe_QueryInterface(This, riid, ppv) ((This)->lpVtbl->QueryInterface(This, riid, ppv))
#define IDescribe_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IDescribe_Release(This) ((This)->lpVtbl->Release(This))
#define IDescribe_GetName(This, name) ((This)->lpVtbl->GetName(This, name))
#define IDescribe_SetName(This, name) ((This)->lpVtbl->SetName(This, name))
#define IDescribe_DecorateBstr(This, text) ((This)->lpVtbl->DecorateBstr(This, text))
#define IDescribe_GetSummary(This, summary) ((This)->lpVtbl->GetSummary(This, summary))
#define IDescribe_DecorateTaskString(This, text) ((This)->lpVtbl->DecorateTaskString(This, text))
#endif


/* ---- classes ------------------------------------------------------------------------------ */

/* Stuff (anycom_sample_stuff): a new bag per CreateInstance; not aggregatable. */
DEFINE_GUID(CLSID_Stuff, 0x20811c18, 0xe674, 0x4584, 0xbb, 0x89, 0x9e, 0x69, 0x6f, 0xf3, 0x0a, 0xc0);
#define PROGID_Stuff "AnyCom.Stuff.1"
/* SharedStuff (anycom_sample_stuff): one bag for every client (a singleton class object). */
DEFINE_GUID(CLSID_SharedStuff, 0x9866d031, 0xd9a0, 0x49c7, 0x87, 0xa5, 0x71, 0x2b, 0xb6, 0x52, 0x9b, 0x39);
#define PROGID_SharedStuff "AnyCom.SharedStuff.1"
/* LicensedCalculator (anycom_sample_licensed): its class object is an IClassFactory2. */
DEFINE_GUID(CLSID_LicensedCalculator, 0x6ead6d68, 0x14d0, 0x4381, 0x95, 0x6f, 0x7b, 0x6e, 0x88, 0xfc, 0x06, 0x78);
#define PROGID_LicensedCalculator "AnyCom.LicensedCalculator.1"
/* Counter (anycom_sample_aggregation): aggregatable. */
DEFINE_GUID(CLSID_Counter, 0x05240b57, 0xb88e, 0x499e, 0x81, 0x11, 0xb5, 0xed, 0xb6, 0xe7, 0x8d, 0xbd);
#define PROGID_Counter "AnyCom.Counter.1"
/* CounterHost (anycom_sample_aggregation): aggregates a Counter. */
DEFINE_GUID(CLSID_CounterHost, 0x8f5ec8c3, 0x4947, 0x4792, 0x8d, 0xc7, 0x49, 0x10, 0xb2, 0x15, 0x53, 0x7d);
#define PROGID_CounterHost "AnyCom.CounterHost.1"
/* Widget (anycom_sample_custom_factory): its class object is the module's own WidgetFactory. */
DEFINE_GUID(CLSID_Widget, 0x77d7a696, 0x8d2b, 0x4347, 0xa1, 0xd0, 0x33, 0x92, 0xaf, 0x12, 0x42, 0xd6);
#define PROGID_Widget "AnyCom.Widget.1"

/*
 * CppStuff (anycom_cpp_server): a bag of numbers written in C++ - IStuff, IEnumStuff (from
 * Items), ICounter (Increment adds the next number), IDescribe, ISupportErrorInfo. Not
 * aggregatable. IStuff::Add(0xFFFFFFFF) fails with E_INVALIDARG and sets error info.
 */
DEFINE_GUID(CLSID_CppStuff, 0xcc3c98fb, 0x818e, 0x43ea, 0xa2, 0xfe, 0x20, 0xb5, 0x04, 0x8a, 0xa0, 0xd8);
#define PROGID_CppStuff "AnyCom.CppStuff.1"
#define VI_PROGID_CppStuff "AnyCom.CppStuff"
/* CppCalculator (anycom_cpp_server): ICalculator, without a license. */
DEFINE_GUID(CLSID_CppCalculator, 0xd48f5a17, 0x7bb3, 0x4df7, 0x95, 0xcb, 0xa1, 0x49, 0x3c, 0x3c, 0xe7, 0x16);
#define PROGID_CppCalculator "AnyCom.CppCalculator.1"
#define VI_PROGID_CppCalculator "AnyCom.CppCalculator"

#if defined(__cplusplus) && !defined(CINTERFACE)
ANYCOM_DECLARE_IID_OF(IStuff, IID_IStuff);
ANYCOM_DECLARE_IID_OF(IEnumStuff, IID_IEnumStuff);
ANYCOM_DECLARE_IID_OF(ICalculator, IID_ICalculator);
ANYCOM_DECLARE_IID_OF(ICounter, IID_ICounter);
ANYCOM_DECLARE_IID_OF(ICounterHost, IID_ICounterHost);
ANYCOM_DECLARE_IID_OF(IWidget, IID_IWidget);
ANYCOM_DECLARE_IID_OF(IInstanceCounter, IID_IInstanceCounter);
ANYCOM_DECLARE_IID_OF(IDescribe, IID_IDescribe);
#endif

#endif /* ANYCOM_SAMPLES_H */
