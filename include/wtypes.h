/*
 * wtypes.h - anycom's portable counterpart of the Windows SDK header of that name: BSTR,
 * VARIANT_BOOL, SCODE, LCID, and the MEMCTX enumeration (for CoGetMalloc).
 *
 * A BSTR points at the first character of a NUL-terminated UTF-16 string, preceded by its
 * length in bytes as a 32-bit integer; allocate and free BSTRs with the Sys* functions of
 * <oleauto.h>. A NULL BSTR is a valid empty string.
 */
#ifndef ANYCOM_WTYPES_H
#define ANYCOM_WTYPES_H

#include <wtypesbase.h>

typedef OLECHAR *BSTR;
typedef BSTR *LPBSTR;

typedef LONG SCODE;
typedef SCODE *PSCODE;
typedef DWORD LCID;

typedef short VARIANT_BOOL;
#define VARIANT_TRUE ((VARIANT_BOOL)-1)
#define VARIANT_FALSE ((VARIANT_BOOL)0)

/* Memory contexts: CoGetMalloc accepts MEMCTX_TASK. */
typedef enum tagMEMCTX {
    MEMCTX_TASK = 1,
    MEMCTX_SHARED = 2,
    MEMCTX_MACSYSTEM = 3,
    MEMCTX_UNKNOWN = -1,
    MEMCTX_SAME = -2
} MEMCTX;

ANYCOM_STATIC_ASSERT(sizeof(BSTR) == sizeof(void *), BSTR_is_a_pointer);
ANYCOM_STATIC_ASSERT(sizeof(VARIANT_BOOL) == 2, VARIANT_BOOL_is_2_bytes);
ANYCOM_STATIC_ASSERT(sizeof(SCODE) == 4 && sizeof(LCID) == 4, SCODE_is_4_bytes);

#endif /* ANYCOM_WTYPES_H */
