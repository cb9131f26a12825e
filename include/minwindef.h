/*
 * minwindef.h - anycom's portable counterpart of the Windows SDK header of that name:
 * DWORD, BOOL, BYTE, WORD, INT, UINT, ULONG and their pointer types, TRUE/FALSE, and the
 * FAR/NEAR/CONST/WINAPI decorations.
 *
 * DWORD, ULONG, BOOL, INT and UINT are 32-bit on every platform; on Unix they are `int`
 * and `unsigned int`, never `long` (64-bit on LP64). Print them with %u/%d/%x, not %lu.
 */
#ifndef ANYCOM_MINWINDEF_H
#define ANYCOM_MINWINDEF_H

#include <winnt.h>

#ifndef NULL
#ifdef __cplusplus
#define NULL 0
#else
#define NULL ((void *)0)
#endif
#endif

#ifndef FALSE
#define FALSE 0
#endif
#ifndef TRUE
#define TRUE 1
#endif

#ifndef FAR
#define FAR
#endif
#ifndef NEAR
#define NEAR
#endif
#ifndef CONST
#define CONST const
#endif

#define WINAPI STDAPICALLTYPE
#define APIENTRY WINAPI
#define CALLBACK STDAPICALLTYPE

#define MAX_PATH 260

#if defined(_WIN32)
typedef unsigned long ULONG;
typedef unsigned long DWORD;
#else
typedef unsigned int ULONG;
typedef unsigned int DWORD;
#endif
typedef ULONG *PULONG;
typedef unsigned short USHORT, *PUSHORT;
typedef unsigned char UCHAR, *PUCHAR;
typedef char *PSZ;

typedef int BOOL;
typedef unsigned char BYTE;
typedef unsigned short WORD;
typedef float FLOAT;
typedef FLOAT *PFLOAT;
typedef BOOL *PBOOL, *LPBOOL;
typedef BYTE *PBYTE, *LPBYTE;
typedef int INT, *PINT, *LPINT;
typedef WORD *PWORD, *LPWORD;
typedef LONG *LPLONG;
typedef DWORD *PDWORD, *LPDWORD;
typedef void *LPVOID;
typedef const void *LPCVOID;
typedef unsigned int UINT, *PUINT;

/* DECLARE_HANDLE(name): a distinct opaque pointer type, as in the SDK. */
#ifndef DECLARE_HANDLE
#define DECLARE_HANDLE(name) \
    struct name##__ {        \
        int unused;          \
    };                       \
    typedef struct name##__ *name
#endif
DECLARE_HANDLE(HINSTANCE);
typedef HINSTANCE HMODULE;

ANYCOM_STATIC_ASSERT(sizeof(BYTE) == 1, BYTE_is_1_byte);
ANYCOM_STATIC_ASSERT(sizeof(WORD) == 2 && sizeof(USHORT) == 2, WORD_is_2_bytes);
ANYCOM_STATIC_ASSERT(sizeof(DWORD) == 4, DWORD_is_4_bytes);
ANYCOM_STATIC_ASSERT(sizeof(ULONG) == 4, ULONG_is_4_bytes);
ANYCOM_STATIC_ASSERT(sizeof(BOOL) == 4, BOOL_is_4_bytes);
ANYCOM_STATIC_ASSERT(sizeof(INT) == 4 && sizeof(UINT) == 4, INT_is_4_bytes);
ANYCOM_STATIC_ASSERT(sizeof(FLOAT) == 4, FLOAT_is_4_bytes);
ANYCOM_STATIC_ASSERT((DWORD)-1 > 0 && (ULONG)-1 > 0 && (UINT)-1 > 0, DWORD_is_unsigned);

#endif /* ANYCOM_MINWINDEF_H */
