/*
 * cguid.h - anycom's portable counterpart of the Windows SDK header of that name: GUID_NULL
 * (also spelled IID_NULL and CLSID_NULL, see <guiddef.h>), exported by libanycom as
 * uuid.lib provides it on Windows.
 */
#ifndef ANYCOM_CGUID_H
#define ANYCOM_CGUID_H

#include <guiddef.h>

/* {00000000-0000-0000-0000-000000000000} */
EXTERN_C const IID GUID_NULL;

#endif /* ANYCOM_CGUID_H */
