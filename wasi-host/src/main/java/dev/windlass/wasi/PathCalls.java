package dev.windlass.wasi;

/**
 * The {@code path_*} functions, each relative to a directory descriptor. Directories reach a
 * guest only as preopens, and this host gives none yet (issue 8 adds them): so every path call
 * ends in {@link #directory}, with EBADF for a closed fd and ENOTDIR for a stream, exactly as
 * for a guest that was given no directories. The path is read first, so a bad pointer is EFAULT.
 */
final class PathCalls {

    private final FdTable fds;

    PathCalls(FdTable fds) {
        this.fds = fds;
    }

    /** Any {@code path_*} function on {@code fd} with the path at {@code path}. */
    Errno onDirectory(GuestMemory memory, int fd, int path, int pathLength) {
        memory.string(path, pathLength);
        return directory(fd);
    }

    /** {@code path_symlink}: the target path comes first, the directory second. */
    Errno symlink(GuestMemory memory, int target, int targetLength, int fd, int path, int pathLength) {
        memory.string(target, targetLength);
        return onDirectory(memory, fd, path, pathLength);
    }

    /** {@code path_link} and {@code path_rename}: two directories, two paths. */
    Errno betweenDirectories(GuestMemory memory, int fromFd, int from, int fromLength, int toFd, int to,
                             int toLength) {
        memory.string(from, fromLength);
        memory.string(to, toLength);
        directory(toFd);
        return directory(fromFd);
    }

    private Errno directory(int fd) {
        Descriptor descriptor = fds.get(fd);
        throw new WasiError(descriptor.filetype() == Filetype.DIRECTORY ? Errno.ENOTCAPABLE : Errno.ENOTDIR);
    }
}
