/*
 * capi_wide.h - UTF-16 (OLECHAR) string helpers for libanycom's C test programs, for ASCII text.
 *
 *   wide_equals(w, s)   whether the NUL-terminated OLECHAR string w (NULL: never) equals s
 *   w(s)                s as a NUL-terminated OLECHAR string, in a static buffer (one at a time,
 *                       at most 255 characters)
 *
 * Include after <objbase.h>.
 */
#ifndef ANYCOM_CAPI_WIDE_H
#define ANYCOM_CAPI_WIDE_H

#include <stddef.h>

static inline int wide_equals(const OLECHAR *w, const char *s) {
    if (!w) return 0;
    for (; *s; s++, w++)
        if (*w != (OLECHAR)(unsigned char)*s) return 0;
    return *w == 0;
}

static inline const OLECHAR *w(const char *s) {
    static OLECHAR buf[256];
    size_t i;
    for (i = 0; s[i] && i < 255; i++) buf[i] = (OLECHAR)(unsigned char)s[i];
    buf[i] = 0;
    return buf;
}

#endif /* ANYCOM_CAPI_WIDE_H */
