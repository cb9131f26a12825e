/*
 * windef.h - anycom's portable counterpart of the Windows SDK header of that name. anycom
 * provides only what COM programs need, which lives in <minwindef.h>; no window types.
 */
#ifndef ANYCOM_WINDEF_H
#define ANYCOM_WINDEF_H

#include <minwindef.h>

#endif /* ANYCOM_WINDEF_H */
