/*
 * capi_modules.h - loading an in-process server by hand in the C tests: dlopen, its
 * DllGetClassObject/DllCanUnloadNow, and creating an object straight from its class object
 * (without the registry). Include after <objbase.h> and capi_check.h.
 */
#ifndef ANYCOM_CAPI_MODULES_H
#define ANYCOM_CAPI_MODULES_H

#include <dlfcn.h>
#include <string.h>

typedef struct Module {
    void *handle;
    LPFNGETCLASSOBJECT get_class_object;
    LPFNCANUNLOADNOW can_unload_now;
} Module;

/* A symbol of a loaded module, as a data pointer (POSIX lets it be converted back). */
static inline void *module_symbol(const Module *m, const char *name) { return dlsym(m->handle, name); }

/* dlopens `path` and finds its exports; 0 (with a message) when it cannot. */
static inline int module_load(Module *m, const char *path) {
    void *f, *g;
    memset(m, 0, sizeof *m);
    m->handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!m->handle) {
        fprintf(stderr, "cannot load %s: %s\n", path, dlerror());
        return 0;
    }
    f = module_symbol(m, "DllGetClassObject");
    g = module_symbol(m, "DllCanUnloadNow");
    CHECK(f != NULL && g != NULL);
    if (!f || !g) return 0;
    memcpy(&m->get_class_object, &f, sizeof f);
    memcpy(&m->can_unload_now, &g, sizeof g);
    return 1;
}

/* Creates an object of `clsid` from the module's class object, as interface `iid`. */
static inline HRESULT module_create(const Module *m, REFCLSID clsid, REFIID iid, void **ppv) {
    IClassFactory *factory = NULL;
    HRESULT hr = m->get_class_object(clsid, &IID_IClassFactory, (void **)&factory);
    *ppv = NULL;
    if (FAILED(hr)) return hr;
    hr = IClassFactory_CreateInstance(factory, NULL, iid, ppv);
    IClassFactory_Release(factory);
    return hr;
}

#endif /* ANYCOM_CAPI_MODULES_H */
