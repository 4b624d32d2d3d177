package dev.windlass.wasi;

/**
 * How a WASI function gives up with an {@link Errno} from deep inside its work; the dispatcher
 * turns it into the function's return value. It carries no stack trace: it is control flow,
 * never seen outside this package.
 */
final class WasiError extends RuntimeException {

    private final Errno errno;

    WasiError(Errno errno) {
        super(errno.name(), null, false, false);
        this.errno = errno;
    }

    Errno errno() {
        return errno;
    }
}
