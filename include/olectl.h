/*
 * olectl.h - anycom's portable counterpart of the part of the Windows SDK header of that
 * name that COM servers use: the DllRegisterServer/DllUnregisterServer prototypes (run by
 * `anycom register`, like regsvr32) and the SELFREG_E_ codes they return.
 */
#ifndef ANYCOM_OLECTL_H
#define ANYCOM_OLECTL_H

#include <winerror.h>

#define SELFREG_E_FIRST ((HRESULT)0x80040200)
#define SELFREG_E_LAST ((HRESULT)0x8004020F)
#define SELFREG_E_TYPELIB ((HRESULT)0x80040200)
#define SELFREG_E_CLASS ((HRESULT)0x80040201)

EXTERN_C ANYCOM_MODULE_EXPORT HRESULT STDAPICALLTYPE DllRegisterServer(void);
EXTERN_C ANYCOM_MODULE_EXPORT HRESULT STDAPICALLTYPE DllUnregisterServer(void);

#endif /* ANYCOM_OLECTL_H */
