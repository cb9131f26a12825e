/*
 * winbase.h - anycom's portable counterpart of the part of the Windows SDK header of that
 * name that COM programs use: the INFINITE timeout (e.g. for AnyComPumpMessages).
 * anycom has no Win32 file, process or synchronization API.
 */
#ifndef ANYCOM_WINBASE_H
#define ANYCOM_WINBASE_H

#include <minwindef.h>

/* An infinite timeout, in milliseconds. */
#ifndef INFINITE
#define INFINITE 0xFFFFFFFF
#endif

#endif /* ANYCOM_WINBASE_H */
