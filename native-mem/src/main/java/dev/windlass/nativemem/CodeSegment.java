package dev.windlass.nativemem;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Machine code in executable memory, with an inaccessible guard page on each side:
 *
 * <pre>
 *   ┌────────────┬──────────────────────────────┬────────────┐
 *   │ guard page │ code pages (read + execute)  │ guard page │
 *   │  PROT_NONE │  written while read + write, │  PROT_NONE │
 *   │            │  flipped before any pointer  │            │
 *   │            │  to them is handed out       │            │
 *   └────────────┴──────────────────────────────┴────────────┘
 * </pre>
 *
 * <p>The pages are never writable and executable at once (W^X). A jump past either end of the
 * code faults on a guard page instead of running whatever lies next in the address space.
 * {@link #close()} unmaps everything; only the owner, who knows that no thread still runs the
 * code, may call it.
 */
public final class CodeSegment implements AutoCloseable {

    private final VirtualMemory mapping;
    private final long codeAddress;
    private final int codeSize;

    private CodeSegment(VirtualMemory mapping, int codeSize) {
        this.mapping = mapping;
        this.codeAddress = mapping.address() + VirtualMemory.pageSize();
        this.codeSize = codeSize;
    }

    /**
     * Copies code into a new executable segment.
     *
     * @param code the machine code; at least one byte
     * @return the segment, already read + execute
     * @throws NativeMemoryException if mapping or protecting fails
     */
    public static CodeSegment load(byte[] code) {
        Objects.requireNonNull(code, "code");
        if (code.length == 0) {
            throw new IllegalArgumentException("no code to load");
        }
        long page = VirtualMemory.pageSize();
        long codePages = VirtualMemory.roundUpToPages(code.length);
        VirtualMemory mapping = VirtualMemory.reserve(codePages + 2 * page);
        try {
            mapping.protect(page, codePages, Protection.READ_WRITE);
            MemorySegment.copy(MemorySegment.ofArray(code), 0, mapping.segment(page, codePages), 0, code.length);
            mapping.protect(page, codePages, Protection.READ_EXECUTE);
            return new CodeSegment(mapping, code.length);
        } catch (RuntimeException | Error e) {
            mapping.close();
            throw e;
        }
    }

    /** {@return the address of the first byte of code} */
    public long address() {
        return codeAddress;
    }

    /** {@return the number of bytes of code} */
    public int size() {
        return codeSize;
    }

    /**
     * {@return a zero-length segment at {@code offset} into the code, for use as the target of
     * a downcall}
     */
    public MemorySegment entryPoint(int offset) {
        Objects.checkIndex(offset, codeSize);
        if (mapping.isClosed()) {
            throw new IllegalStateException("code segment is closed");
        }
        return MemorySegment.ofAddress(codeAddress + offset);
    }

    /** {@return whether {@code address} lies within the code} */
    public boolean contains(long address) {
        return address >= codeAddress && address < codeAddress + codeSize;
    }

    /** Unmaps the code and its guard pages. Idempotent. */
    @Override
    public void close() {
        mapping.close();
    }
}
