/*
 * ole2.h - the classic OLE umbrella header; with anycom it is the same as <objbase.h>.
 */
#ifndef ANYCOM_OLE2_H
#define ANYCOM_OLE2_H

#include <objbase.h>
#include <oleauto.h>

#endif /* ANYCOM_OLE2_H */
