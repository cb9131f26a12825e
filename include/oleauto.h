/*
 * oleauto.h - anycom's portable counterpart of the Windows SDK header of that name: the
 * BSTR functions (SysAllocString, SysFreeString, ...) and the error-info functions
 * (SetErrorInfo, GetErrorInfo, CreateErrorInfo). All are exported by libanycom.
 *
 * BSTRs allocated by one module may be freed by another: they all use libanycom's heap.
 */
#ifndef ANYCOM_OLEAUTO_H
#define ANYCOM_OLEAUTO_H

#include <oaidl.h>

#ifndef WINOLEAUTAPI
#define WINOLEAUTAPI STDAPI
#define WINOLEAUTAPI_(type) STDAPI_(type)
#endif

/* BSTRs. A NULL BSTR is a valid empty string: SysStringLen(NULL) is 0, SysFreeString(NULL) does nothing. */
WINOLEAUTAPI_(BSTR) SysAllocString(const OLECHAR *psz);
WINOLEAUTAPI_(BSTR) SysAllocStringLen(const OLECHAR *strIn, UINT ui);
WINOLEAUTAPI_(BSTR) SysAllocStringByteLen(LPCSTR psz, UINT len);
WINOLEAUTAPI_(INT) SysReAllocString(BSTR *pbstr, const OLECHAR *psz);
WINOLEAUTAPI_(INT) SysReAllocStringLen(BSTR *pbstr, const OLECHAR *psz, UINT len);
WINOLEAUTAPI_(void) SysFreeString(BSTR bstrString);
WINOLEAUTAPI_(UINT) SysStringLen(BSTR pbstr);
WINOLEAUTAPI_(UINT) SysStringByteLen(BSTR bstr);

/* The calling thread's error info (dwReserved must be 0). */
WINOLEAUTAPI SetErrorInfo(ULONG dwReserved, IErrorInfo *perrinfo);
WINOLEAUTAPI GetErrorInfo(ULONG dwReserved, IErrorInfo **pperrinfo);
WINOLEAUTAPI CreateErrorInfo(ICreateErrorInfo **pperrinfo);

#endif /* ANYCOM_OLEAUTO_H */
