/*
 * A C plugin on the Windlass ABI (clang --target=wasm32-wasi, a reactor). In Java:
 *   @WasmPlugin("greet-c") interface Greeter {
 *       String greet(String name);
 *       int hits();
 *       String remember(String note);
 *   }
 */
#include <string.h>
#include "windlass_abi.h"

/* "Hello, <name>! (from C)" */
WINDLASS_EXPORT("greet")
uint32_t *greet(char *name, size_t len) {
    static const char prefix[] = "Hello, ", suffix[] = "! (from C)";
    size_t n = sizeof prefix - 1 + len + sizeof suffix - 1;
    char *out = malloc(n);
    memcpy(out, prefix, sizeof prefix - 1);
    memcpy(out + sizeof prefix - 1, name, len);
    memcpy(out + sizeof prefix - 1 + len, suffix, sizeof suffix - 1);
    free(name);
    return windlass_return(out, n);
}

WINDLASS_EXPORT("cabi_post_greet")
void cabi_post_greet(uint32_t *retptr) {
    windlass_release(retptr);
}

/* Instance state: how many times this instance has been called (1 every time under PER_CALL). */
static int counter;

WINDLASS_EXPORT("hits")
int hits(void) {
    return ++counter;
}

/* Keeps the note and returns the one kept before ("" if none): state that must not leak between requests. */
static char *kept;
static size_t kept_len;

WINDLASS_EXPORT("remember")
uint32_t *remember(char *note, size_t len) {
    char *previous = kept;
    size_t previous_len = kept_len;
    kept = note; /* the argument is ours: keep it */
    kept_len = len;
    if (previous == NULL) {
        return windlass_return(malloc(1), 0);
    }
    return windlass_return(previous, previous_len);
}

WINDLASS_EXPORT("cabi_post_remember")
void cabi_post_remember(uint32_t *retptr) {
    windlass_release(retptr);
}
