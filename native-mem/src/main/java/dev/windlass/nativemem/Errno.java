package dev.windlass.nativemem;

/** Names of the Linux errno values that memory, thread and file calls report. */
final class Errno {

    private Errno() {
    }

    /** {@return the symbolic name of an errno value, e.g. "ENOMEM", or "errno N"} */
    static String name(int errno) {
        return switch (errno) {
            case 1 -> "EPERM";
            case 2 -> "ENOENT";
            case 3 -> "ESRCH";
            case 4 -> "EINTR";
            case 5 -> "EIO";
            case 6 -> "ENXIO";
            case 9 -> "EBADF";
            case 11 -> "EAGAIN";
            case 12 -> "ENOMEM";
            case 13 -> "EACCES";
            case 14 -> "EFAULT";
            case 16 -> "EBUSY";
            case 17 -> "EEXIST";
            case 18 -> "EXDEV";
            case 20 -> "ENOTDIR";
            case 21 -> "EISDIR";
            case 22 -> "EINVAL";
            case 23 -> "ENFILE";
            case 24 -> "EMFILE";
            case 27 -> "EFBIG";
            case 28 -> "ENOSPC";
            case 29 -> "ESPIPE";
            case 30 -> "EROFS";
            case 31 -> "EMLINK";
            case 36 -> "ENAMETOOLONG";
            case 38 -> "ENOSYS";
            case 39 -> "ENOTEMPTY";
            case 40 -> "ELOOP";
            case 75 -> "EOVERFLOW";
            case 95 -> "EOPNOTSUPP";
            default -> "errno " + errno;
        };
    }
}
