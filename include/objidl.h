/*
 * objidl.h - anycom's portable counterpart of the Windows SDK header of that name. The
 * interfaces anycom implements from it (IMalloc, IEnumUnknown) and the activation
 * structures live in <objidlbase.h>, as in the SDK.
 */
#ifndef ANYCOM_OBJIDL_H
#define ANYCOM_OBJIDL_H

#include <objidlbase.h>

#endif /* ANYCOM_OBJIDL_H */
