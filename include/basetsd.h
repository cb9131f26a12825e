/*
 * basetsd.h - anycom's portable counterpart of the Windows SDK header of that name:
 * pointer-sized integers (INT_PTR, ULONG_PTR, SIZE_T, ...) and fixed-size integers
 * (INT32, UINT64, DWORD64, ...), with their Windows sizes on every platform.
 *
 * On Unix the fixed-size types never use `long`, which is 64-bit on LP64 systems.
 */
#ifndef ANYCOM_BASETSD_H
#define ANYCOM_BASETSD_H

#include <stddef.h>
#include <stdint.h>

/*
 * ANYCOM_STATIC_ASSERT(cond, name): a file-scope compile-time check that works in C99, C11
 * and C++. Used by these headers to pin the Windows sizes of their types; `name` must be a
 * unique identifier.
 */
#if defined(__cplusplus) && (__cplusplus >= 201103L || (defined(_MSC_VER) && _MSC_VER >= 1600))
#define ANYCOM_STATIC_ASSERT(cond, name) static_assert(cond, #name)
#elif !defined(__cplusplus) && defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define ANYCOM_STATIC_ASSERT(cond, name) _Static_assert(cond, #name)
#else
#define ANYCOM_STATIC_ASSERT(cond, name) typedef char anycom_static_assert_##name[(cond) ? 1 : -1]
#endif

/* Pointer-sized integers. */
#if defined(_WIN64)
typedef long long INT_PTR;
typedef unsigned long long UINT_PTR;
typedef long long LONG_PTR;
typedef unsigned long long ULONG_PTR;
#elif defined(_WIN32)
typedef int INT_PTR;
typedef unsigned int UINT_PTR;
typedef long LONG_PTR;
typedef unsigned long ULONG_PTR;
#else
typedef intptr_t INT_PTR;
typedef uintptr_t UINT_PTR;
typedef intptr_t LONG_PTR;
typedef uintptr_t ULONG_PTR;
#endif
typedef INT_PTR *PINT_PTR;
typedef UINT_PTR *PUINT_PTR;
typedef LONG_PTR *PLONG_PTR;
typedef ULONG_PTR *PULONG_PTR;
typedef ULONG_PTR DWORD_PTR, *PDWORD_PTR;
typedef ULONG_PTR SIZE_T, *PSIZE_T;
typedef LONG_PTR SSIZE_T, *PSSIZE_T;

/* Fixed-size integers. */
typedef signed char INT8, *PINT8;
typedef unsigned char UINT8, *PUINT8;
typedef signed short INT16, *PINT16;
typedef unsigned short UINT16, *PUINT16;
typedef signed int INT32, *PINT32;
typedef unsigned int UINT32, *PUINT32;
typedef signed int LONG32, *PLONG32;
typedef unsigned int ULONG32, *PULONG32;
typedef unsigned int DWORD32, *PDWORD32;
typedef long long INT64, *PINT64;
typedef unsigned long long UINT64, *PUINT64;
typedef long long LONG64, *PLONG64;
typedef unsigned long long ULONG64, *PULONG64;
typedef unsigned long long DWORD64, *PDWORD64;

ANYCOM_STATIC_ASSERT(sizeof(INT_PTR) == sizeof(void *), INT_PTR_is_pointer_sized);
ANYCOM_STATIC_ASSERT(sizeof(UINT_PTR) == sizeof(void *), UINT_PTR_is_pointer_sized);
ANYCOM_STATIC_ASSERT(sizeof(LONG_PTR) == sizeof(void *), LONG_PTR_is_pointer_sized);
ANYCOM_STATIC_ASSERT(sizeof(ULONG_PTR) == sizeof(void *), ULONG_PTR_is_pointer_sized);
ANYCOM_STATIC_ASSERT(sizeof(SIZE_T) == sizeof(size_t), SIZE_T_is_size_t_sized);
ANYCOM_STATIC_ASSERT(sizeof(INT8) == 1 && sizeof(UINT8) == 1, INT8_is_1_byte);
ANYCOM_STATIC_ASSERT(sizeof(INT16) == 2 && sizeof(UINT16) == 2, INT16_is_2_bytes);
ANYCOM_STATIC_ASSERT(sizeof(INT32) == 4 && sizeof(UINT32) == 4, INT32_is_4_bytes);
ANYCOM_STATIC_ASSERT(sizeof(LONG32) == 4 && sizeof(ULONG32) == 4 && sizeof(DWORD32) == 4, LONG32_is_4_bytes);
ANYCOM_STATIC_ASSERT(sizeof(INT64) == 8 && sizeof(UINT64) == 8, INT64_is_8_bytes);
ANYCOM_STATIC_ASSERT(sizeof(LONG64) == 8 && sizeof(ULONG64) == 8 && sizeof(DWORD64) == 8, LONG64_is_8_bytes);

#endif /* ANYCOM_BASETSD_H */
