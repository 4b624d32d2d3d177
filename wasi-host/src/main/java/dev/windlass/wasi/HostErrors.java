package dev.windlass.wasi;

import dev.windlass.nativemem.SyscallException;

/** Linux errno values as WASI's {@link Errno}, for the host backend. */
final class HostErrors {

    private HostErrors() {
    }

    static WasiError toWasi(SyscallException e) {
        return new WasiError(errno(e.errno()));
    }

    static Errno errno(int linux) {
        return switch (linux) {
            case 1 -> Errno.EPERM;
            case 2 -> Errno.ENOENT;
            case 4 -> Errno.EINTR;
            case 5 -> Errno.EIO;
            case 6 -> Errno.ENXIO;
            case 9 -> Errno.EBADF;
            case 11 -> Errno.EAGAIN;
            case 12 -> Errno.ENOMEM;
            case 13 -> Errno.EACCES;
            case 14 -> Errno.EFAULT;
            case 16 -> Errno.EBUSY;
            case 17 -> Errno.EEXIST;
            case 18 -> Errno.EXDEV;
            case 19 -> Errno.ENODEV;
            case 20 -> Errno.ENOTDIR;
            case 21 -> Errno.EISDIR;
            case 22 -> Errno.EINVAL;
            case 23 -> Errno.ENFILE;
            case 24 -> Errno.EMFILE;
            case 25 -> Errno.ENOTTY;
            case 26 -> Errno.ETXTBSY;
            case 27 -> Errno.EFBIG;
            case 28 -> Errno.ENOSPC;
            case 29 -> Errno.ESPIPE;
            case 30 -> Errno.EROFS;
            case 31 -> Errno.EMLINK;
            case 32 -> Errno.EPIPE;
            case 36 -> Errno.ENAMETOOLONG;
            case 38 -> Errno.ENOSYS;
            case 39 -> Errno.ENOTEMPTY;
            case 40 -> Errno.ELOOP;
            case 75 -> Errno.EOVERFLOW;
            case 84 -> Errno.EILSEQ;
            case 95 -> Errno.ENOTSUP;
            case 122 -> Errno.EDQUOT;
            default -> Errno.EIO;
        };
    }
}
