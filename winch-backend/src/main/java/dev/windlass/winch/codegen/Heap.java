package dev.windlass.winch.codegen;

/**
 * Where generated code finds a linear memory: the context slot of memory {@code index}, which
 * holds the memory's {base, length} in place ({@code imported} false) or the address of its
 * owner's ({@code imported} true), and whether addresses are 64-bit (memory64).
 * {@code guarded} says that the memory sits in a guard-page reservation (see
 * {@link dev.windlass.winch.vm.MemoryStrategy#GUARD_PAGES}): its accesses need no bounds check.
 */
public record Heap(int contextSlot, boolean imported, boolean is64, boolean guarded) {

    /** A heap whose accesses are checked explicitly. */
    public Heap(int contextSlot, boolean imported, boolean is64) {
        this(contextSlot, imported, is64, false);
    }
}
