package dev.windlass.memory;

/**
 * The address space for a linear memory could not be reserved: the process ran out of virtual
 * address space (each guard-page memory takes 8 GiB of the 128 TiB a process has), or the
 * kernel refused the mapping. Nothing was allocated.
 */
public final class MemoryReservationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MemoryReservationException(String message, Throwable cause) {
        super(message, cause);
    }
}
