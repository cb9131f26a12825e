/*
 * guiddef.h - anycom's portable counterpart of the Windows SDK header of that name: GUID,
 * IID, CLSID, REFGUID/REFIID/REFCLSID (pointers in C, const references in C++),
 * IsEqualGUID/IsEqualIID/IsEqualCLSID (and operator== in C++), and DEFINE_GUID.
 *
 * DEFINE_GUID(name, l, w1, w2, b1, ..., b8) declares `extern const GUID name;`. When
 * INITGUID is defined before this header is included (or <initguid.h> is included), it
 * defines it instead. Several translation units may define the same GUID that way (a weak
 * symbol on ELF/Mach-O, selectany on Windows), as with the SDK's __declspec(selectany).
 */
#ifndef ANYCOM_GUIDDEF_H
#define ANYCOM_GUIDDEF_H

#include <string.h>
#include <winnt.h>

/* GUID: 16 bytes, native-endian fields, the Windows layout. */
#ifndef GUID_DEFINED
#define GUID_DEFINED
typedef struct _GUID {
#if defined(_WIN32)
    unsigned long Data1;
#else
    unsigned int Data1;
#endif
    unsigned short Data2;
    unsigned short Data3;
    unsigned char Data4[8];
} GUID;
#endif

ANYCOM_STATIC_ASSERT(sizeof(GUID) == 16, GUID_is_16_bytes);
ANYCOM_STATIC_ASSERT(offsetof(GUID, Data2) == 4 && offsetof(GUID, Data3) == 6 && offsetof(GUID, Data4) == 8,
                     GUID_field_offsets);

typedef GUID *LPGUID;
typedef const GUID *LPCGUID;
typedef GUID IID;
typedef IID *LPIID;
typedef GUID CLSID;
typedef CLSID *LPCLSID;
typedef GUID FMTID;
typedef FMTID *LPFMTID;

/* References to GUIDs: what COM functions and methods take by "reference". */
#ifdef __cplusplus
#define REFGUID const GUID &
#define REFIID const IID &
#define REFCLSID const IID &
#define REFFMTID const IID &
#else
#define REFGUID const GUID *
#define REFIID const IID *
#define REFCLSID const IID *
#define REFFMTID const IID *
#endif

/* The null GUID under its other names; GUID_NULL itself is declared in <cguid.h>. */
#define IID_NULL GUID_NULL
#define CLSID_NULL GUID_NULL
#define FMTID_NULL GUID_NULL

#ifdef __cplusplus
/* Whether two GUIDs are equal (C++: takes references). */
inline bool IsEqualGUID(REFGUID rguid1, REFGUID rguid2) { return memcmp(&rguid1, &rguid2, sizeof(GUID)) == 0; }
inline bool InlineIsEqualGUID(REFGUID rguid1, REFGUID rguid2) { return IsEqualGUID(rguid1, rguid2); }
inline bool operator==(REFGUID guidOne, REFGUID guidOther) { return IsEqualGUID(guidOne, guidOther); }
inline bool operator!=(REFGUID guidOne, REFGUID guidOther) { return !IsEqualGUID(guidOne, guidOther); }
#else
/* Whether two GUIDs are equal (C: takes pointers); nonzero if equal. */
#define IsEqualGUID(rguid1, rguid2) (!memcmp(rguid1, rguid2, sizeof(GUID)))
#define InlineIsEqualGUID(rguid1, rguid2) IsEqualGUID(rguid1, rguid2)
#endif
#define IsEqualIID(riid1, riid2) IsEqualGUID(riid1, riid2)
#define IsEqualCLSID(rclsid1, rclsid2) IsEqualGUID(rclsid1, rclsid2)
#define IsEqualFMTID(rfmtid1, rfmtid2) IsEqualGUID(rfmtid1, rfmtid2)

#endif /* ANYCOM_GUIDDEF_H */

/*
 * DEFINE_GUID is outside the include guard, on purpose: including <initguid.h> (which
 * defines INITGUID and includes this header again) switches it from declaring to defining.
 */
#ifdef DEFINE_GUID
#undef DEFINE_GUID
#endif
#ifdef INITGUID
#ifdef __cplusplus
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
    EXTERN_C const GUID DECLSPEC_SELECTANY name = {l, w1, w2, {b1, b2, b3, b4, b5, b6, b7, b8}}
#else
/* In C a file-scope const already has external linkage ("extern" with an initializer warns). */
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
    const GUID DECLSPEC_SELECTANY name = {l, w1, w2, {b1, b2, b3, b4, b5, b6, b7, b8}}
#endif
#else
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) EXTERN_C const GUID name
#endif

/* DEFINE_OLEGUID: a GUID of the classic OLE range {xxxxxxxx-xxxx-xxxx-C000-000000000046}. */
#ifndef DEFINE_OLEGUID
#define DEFINE_OLEGUID(name, l, w1, w2) DEFINE_GUID(name, l, w1, w2, 0xC0, 0, 0, 0, 0, 0, 0, 0x46)
#endif
