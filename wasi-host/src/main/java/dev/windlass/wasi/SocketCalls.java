package dev.windlass.wasi;

/**
 * The {@code sock_*} functions. Preview1 cannot create sockets; a host hands them over as
 * preopened descriptors, and this host hands over none, so a descriptor is never a socket:
 * EBADF for a closed fd, ENOTSOCK for any other.
 */
final class SocketCalls {

    private final FdTable fds;

    SocketCalls(FdTable fds) {
        this.fds = fds;
    }

    Errno onSocket(int fd) {
        Filetype type = fds.get(fd).filetype();
        throw new WasiError(type == Filetype.SOCKET_STREAM || type == Filetype.SOCKET_DGRAM ? Errno.ENOTSUP
                : Errno.ENOTSOCK);
    }
}
