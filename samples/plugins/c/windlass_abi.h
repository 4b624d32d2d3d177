/*
 * The Windlass ABI for C guests (docs/plugin-abi.md): the core-level lowering of the Component
 * Model's canonical ABI for `string` and `list<u8>`, as wit-bindgen emits it. Include this header
 * in exactly one file of a plugin (it defines cabi_realloc), take a string or bytes parameter as
 * (ptr, len) and free it when done (the callee owns its arguments), give a string or bytes result
 * with windlass_return and free it in cabi_post_<export> with windlass_release.
 *
 * Build: clang --target=wasm32-wasi -mexec-model=reactor (a reactor: the host calls _initialize).
 */
#ifndef WINDLASS_ABI_H
#define WINDLASS_ABI_H

#include <stdint.h>
#include <stdlib.h>

#define WINDLASS_EXPORT(name) __attribute__((export_name(name)))

/* The host allocates each argument here, then copies its bytes in. */
WINDLASS_EXPORT("cabi_realloc")
void *cabi_realloc(void *old_ptr, size_t old_len, size_t align, size_t new_len) {
    (void) old_len;
    (void) align; /* malloc's alignment (16) covers every align the host asks for (1) */
    void *p = realloc(old_ptr, new_len == 0 ? 1 : new_len);
    if (p == NULL) {
        __builtin_trap(); /* the host reports a trap in cabi_realloc */
    }
    return p;
}

/* The return area: (ptr, len) of the result, read by the host. */
static uint32_t windlass_return_area[2];

/* Returns a malloc'd result of len bytes: {@return the retptr an export gives the host}. */
static inline uint32_t *windlass_return(void *ptr, size_t len) {
    windlass_return_area[0] = (uint32_t) (uintptr_t) ptr;
    windlass_return_area[1] = (uint32_t) len;
    return windlass_return_area;
}

/* Call from cabi_post_<export>(retptr): frees the result the host has copied. */
static inline void windlass_release(uint32_t *retptr) {
    free((void *) (uintptr_t) retptr[0]);
}

#endif
