package dev.windlass.winch.vm;

/**
 * How generated code keeps a 32-bit linear memory's accesses inside the memory. It changes the
 * code, so it is a compile option, and every memory a module's code touches must have been
 * reserved for it.
 *
 * <ul>
 *   <li>{@link #EXPLICIT_CHECKS}: every load and store compares {@code index + offset + size}
 *       with the current length and jumps to a trap stub. Works with any reservation; needs no
 *       signal handler. memory64 memories always use it.
 *   <li>{@link #GUARD_PAGES}: a 32-bit memory reserves {@link #GUARD_RESERVATION_BYTES} of
 *       address space, of which only the current length is readable and writable; loads and
 *       stores access {@code base + zext(index) + offset} with no check, and a fault in the
 *       inaccessible rest is turned into MEMORY_OUT_OF_BOUNDS by a SIGSEGV/SIGBUS handler
 *       installed in front of the JVM's. Every such access is recorded as a trap site.
 * </ul>
 */
public enum MemoryStrategy {
    EXPLICIT_CHECKS,
    GUARD_PAGES;

    /**
     * Bytes a guard-page memory reserves: 4 GiB of index, 4 GiB of offset (a u32), and one
     * 64 KiB page more so that an 8-byte access at the very last index + offset still lands
     * inside the reservation.
     */
    public static final long GUARD_RESERVATION_BYTES = (8L << 30) + 65536;

    /** {@return whether accesses to a memory with 64-bit ({@code is64}) or 32-bit addresses go unchecked} */
    public boolean unchecked(boolean is64) {
        return this == GUARD_PAGES && !is64;
    }
}
