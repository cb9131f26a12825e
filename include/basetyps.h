/*
 * basetyps.h - anycom's portable counterpart of the Windows SDK header of that name: the
 * `interface` keyword macro and the macros for declaring COM interfaces by hand
 * (DECLARE_INTERFACE, STDMETHOD, PURE, THIS, THIS_, ...), plus MIDL_INTERFACE and
 * BEGIN_INTERFACE/END_INTERFACE used by the standard interface headers.
 *
 * In C++ (unless CINTERFACE is defined) an interface is a struct of pure virtual
 * STDMETHODCALLTYPE methods, with no virtual destructor. In C it is a struct whose only
 * member is `lpVtbl`, a pointer to a struct of function pointers taking `This` first:
 *
 *     #undef INTERFACE
 *     #define INTERFACE IFoo
 *     DECLARE_INTERFACE_(IFoo, IUnknown)
 *     {
 *         BEGIN_INTERFACE
 *         STDMETHOD(QueryInterface)(THIS_ REFIID riid, void **ppv) PURE;
 *         STDMETHOD_(ULONG, AddRef)(THIS) PURE;
 *         STDMETHOD_(ULONG, Release)(THIS) PURE;
 *         STDMETHOD(Bar)(THIS_ DWORD x) PURE;
 *         END_INTERFACE
 *     };
 *
 * `interface` is defined as `struct`, as by the SDK; define ANYCOM_NO_INTERFACE_MACRO
 * before including any of these headers if other code of yours uses `interface` as a name
 * (these headers themselves never depend on it).
 */
#ifndef ANYCOM_BASETYPS_H
#define ANYCOM_BASETYPS_H

#include <winnt.h>
#include <guiddef.h>

#if !defined(interface) && !defined(ANYCOM_NO_INTERFACE_MACRO)
#define interface struct
#endif

#ifndef BEGIN_INTERFACE
#define BEGIN_INTERFACE
#define END_INTERFACE
#endif

/* MIDL_INTERFACE("iid") names the struct of a C++ interface, as MIDL-generated headers do. */
#ifndef MIDL_INTERFACE
#define MIDL_INTERFACE(x) struct DECLSPEC_UUID(x) DECLSPEC_NOVTABLE
#endif

/* CONST_VTBL: lpVtbl always points to a const vtable here (assigning a non-const one is fine). */
#ifndef CONST_VTBL
#define CONST_VTBL const
#endif

#if defined(__cplusplus) && !defined(CINTERFACE)
#define STDMETHOD(method) virtual HRESULT STDMETHODCALLTYPE method
#define STDMETHOD_(type, method) virtual type STDMETHODCALLTYPE method
#define STDMETHODV(method) virtual HRESULT STDMETHODVCALLTYPE method
#define STDMETHODV_(type, method) virtual type STDMETHODVCALLTYPE method
#define PURE = 0
#define THIS_
#define THIS void
#define DECLARE_INTERFACE(iface) struct DECLSPEC_NOVTABLE iface
#define DECLARE_INTERFACE_(iface, baseiface) struct DECLSPEC_NOVTABLE iface : public baseiface
#define DECLARE_INTERFACE_IID(iface, iid) struct DECLSPEC_UUID(iid) DECLSPEC_NOVTABLE iface
#define DECLARE_INTERFACE_IID_(iface, baseiface, iid) \
    struct DECLSPEC_UUID(iid) DECLSPEC_NOVTABLE iface : public baseiface
#else
#define STDMETHOD(method) HRESULT(STDMETHODCALLTYPE *method)
#define STDMETHOD_(type, method) type(STDMETHODCALLTYPE *method)
#define STDMETHODV(method) HRESULT(STDMETHODVCALLTYPE *method)
#define STDMETHODV_(type, method) type(STDMETHODVCALLTYPE *method)
#define PURE
#define THIS_ INTERFACE *This,
#define THIS INTERFACE *This
/*
 * Declares `iface` (whose only member is lpVtbl) and opens the declaration of `iface##Vtbl`,
 * which (in C, as in the SDK) names the const vtable type.
 */
#ifdef __cplusplus
#define ANYCOM_VTBL_TYPEDEF_(iface) typedef struct iface##Vtbl iface##Vtbl;
#else
#define ANYCOM_VTBL_TYPEDEF_(iface) typedef const struct iface##Vtbl iface##Vtbl;
#endif
#define DECLARE_INTERFACE(iface)                         \
    typedef struct iface {                               \
        const struct iface##Vtbl *lpVtbl;                \
    } iface;                                             \
    ANYCOM_VTBL_TYPEDEF_(iface)                          \
    struct iface##Vtbl
#define DECLARE_INTERFACE_(iface, baseiface) DECLARE_INTERFACE(iface)
#define DECLARE_INTERFACE_IID(iface, iid) DECLARE_INTERFACE(iface)
#define DECLARE_INTERFACE_IID_(iface, baseiface, iid) DECLARE_INTERFACE(iface)
#endif

#endif /* ANYCOM_BASETYPS_H */
