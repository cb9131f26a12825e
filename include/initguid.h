/*
 * initguid.h - include it before the headers (or before your own DEFINE_GUIDs) in the ONE
 * translation unit that should define the GUIDs which DEFINE_GUID otherwise only declares.
 * No include guard on purpose, as in the Windows SDK.
 */
#ifndef INITGUID
#define INITGUID
#endif
#include <guiddef.h>
