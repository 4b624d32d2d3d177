package dev.windlass.nativemem;

/**
 * A libc call failed: which call, with what arguments, and the errno it set.
 */
public final class NativeMemoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int errno;

    NativeMemoryException(String call, int errno) {
        super(call + " failed: " + Errno.name(errno));
        this.errno = errno;
    }

    /** {@return the errno value the call set (0 if none applies)} */
    public int errno() {
        return errno;
    }

    /** {@return the symbolic name of {@link #errno()}, e.g. "ENOMEM"} */
    public String errnoName() {
        return Errno.name(errno);
    }
}
