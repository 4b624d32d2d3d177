package dev.windlass.nativemem;

/** Names of the Linux errno values that memory and thread calls report. */
final class Errno {

    private Errno() {
    }

    /** {@return the symbolic name of an errno value, e.g. "ENOMEM", or "errno N"} */
    static String name(int errno) {
        return switch (errno) {
            case 1 -> "EPERM";
            case 2 -> "ENOENT";
            case 4 -> "EINTR";
            case 9 -> "EBADF";
            case 11 -> "EAGAIN";
            case 12 -> "ENOMEM";
            case 13 -> "EACCES";
            case 14 -> "EFAULT";
            case 16 -> "EBUSY";
            case 17 -> "EEXIST";
            case 22 -> "EINVAL";
            case 23 -> "ENFILE";
            case 24 -> "EMFILE";
            case 27 -> "EFBIG";
            case 28 -> "ENOSPC";
            case 38 -> "ENOSYS";
            case 75 -> "EOVERFLOW";
            case 95 -> "EOPNOTSUPP";
            default -> "errno " + errno;
        };
    }
}
