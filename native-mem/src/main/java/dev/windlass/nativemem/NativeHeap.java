package dev.windlass.nativemem;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Zeroed blocks from the C heap ({@code calloc}/{@code free}), for native memory whose owner
 * frees it at a time of its choosing and from any thread, without the cost of closing a shared
 * {@code Arena} (a handshake with every Java thread). The owner is responsible for never
 * touching a block after freeing it: hand out only addresses, or views whose every access it
 * guards.
 */
public final class NativeHeap {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle CALLOC = LINKER.downcallHandle(LINKER.defaultLookup().find("calloc").orElseThrow(),
            FunctionDescriptor.of(ADDRESS, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle FREE = LINKER.downcallHandle(LINKER.defaultLookup().find("free").orElseThrow(),
            FunctionDescriptor.ofVoid(ADDRESS));

    private static final int ENOMEM = 12;

    /** Blocks allocated and not yet freed: a leak check for tests, one atomic add per block. */
    private static final AtomicLong LIVE = new AtomicLong();

    private NativeHeap() {
    }

    /**
     * {@return the address of {@code bytes} zeroed bytes, aligned to 16} (glibc's malloc
     * alignment on x86-64)
     *
     * @throws IllegalArgumentException if {@code bytes} is not positive
     * @throws NativeMemoryException    if the heap cannot supply them (ENOMEM)
     */
    public static long allocateZeroed(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("size must be positive: " + bytes);
        }
        MemorySegment block;
        try {
            block = (MemorySegment) CALLOC.invokeExact(1L, bytes);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        if (block.address() == 0) {
            throw new NativeMemoryException("calloc(" + bytes + ")", ENOMEM);
        }
        LIVE.incrementAndGet();
        return block.address();
    }

    /** {@return how many blocks are allocated and not freed}, process-wide */
    public static long liveBlocks() {
        return LIVE.get();
    }

    /** Frees a block {@link #allocateZeroed} returned; 0 is ignored. */
    public static void free(long address) {
        if (address == 0) {
            return;
        }
        try {
            FREE.invokeExact(MemorySegment.ofAddress(address));
            LIVE.decrementAndGet();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
