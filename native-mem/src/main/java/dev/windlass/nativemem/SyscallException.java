package dev.windlass.nativemem;

/**
 * A failed file system call of {@link LinuxFiles}: the Linux {@code errno} it set. It carries no
 * stack trace: callers turn it into their own error codes at once (WASI's errno, for one), and a
 * guest can make many calls fail cheaply.
 */
public final class SyscallException extends RuntimeException {

    private final int errno;

    public SyscallException(String call, int errno) {
        super(call + ": " + Errno.name(errno), null, false, false);
        this.errno = errno;
    }

    /** {@return the Linux errno value, e.g. 2 for ENOENT} */
    public int errno() {
        return errno;
    }
}
