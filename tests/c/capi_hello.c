/*
 * capi_hello.c - the smallest C program using libanycom, built with the flags
 * `pkg-config --cflags --libs anycom` gives: initializes COM, makes a GUID,
 * prints it, and uses a BSTR.
 */
#include <objbase.h>

#include <stdio.h>

int main(void) {
    GUID g;
    OLECHAR text[39];
    BSTR b;
    int i;
    if (CoInitializeEx(NULL, COINIT_MULTITHREADED) != S_OK) return 1;
    if (CoCreateGuid(&g) != S_OK || StringFromGUID2(&g, text, 39) != 39) return 1;
    for (i = 0; text[i]; i++) putchar((char)text[i]);
    putchar('\n');
    b = SysAllocString(text);
    if (SysStringLen(b) != 38) return 1;
    SysFreeString(b);
    CoUninitialize();
    printf("hello from libanycom %d.%d.%d\n", ANYCOM_VERSION_MAJOR, ANYCOM_VERSION_MINOR, ANYCOM_VERSION_PATCH);
    return 0;
}
