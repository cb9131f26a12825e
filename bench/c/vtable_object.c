/* A hand-written C COM object: the baseline for a method call through a
   vtable. Same shape as IBench in benches/object_model.rs:
   QueryInterface, AddRef, Release, Get(this) -> uint32_t. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct { uint32_t d1; uint16_t d2, d3; uint8_t d4[8]; } GUID_;
typedef struct CBench CBench;
typedef struct {
    int32_t (*QueryInterface)(CBench *, const GUID_ *, void **);
    uint32_t (*AddRef)(CBench *);
    uint32_t (*Release)(CBench *);
    uint32_t (*Get)(CBench *);
} CBenchVtbl;
struct CBench { const CBenchVtbl *vtbl; uint32_t count; uint32_t value; };

static const GUID_ IID_IUnknown_ = {0, 0, 0, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}};
static GUID_ iid_bench;

static uint32_t add_ref(CBench *p) { return __atomic_add_fetch(&p->count, 1, __ATOMIC_RELAXED); }
static uint32_t release(CBench *p) {
    uint32_t n = __atomic_sub_fetch(&p->count, 1, __ATOMIC_ACQ_REL);
    if (n == 0) free(p);
    return n;
}
static int32_t query_interface(CBench *p, const GUID_ *iid, void **ppv) {
    if (!ppv) return (int32_t)0x80004003;
    if (!memcmp(iid, &IID_IUnknown_, 16) || !memcmp(iid, &iid_bench, 16)) {
        *ppv = p;
        add_ref(p);
        return 0;
    }
    *ppv = 0;
    return (int32_t)0x80004002;
}
static uint32_t get(CBench *p) { return p->value; }
static const CBenchVtbl vtbl = {query_interface, add_ref, release, get};

void *anycom_bench_c_create(const GUID_ *iid, uint32_t value) {
    CBench *p = malloc(sizeof *p);
    iid_bench = *iid;
    p->vtbl = &vtbl;
    p->count = 1;
    p->value = value;
    return p;
}
