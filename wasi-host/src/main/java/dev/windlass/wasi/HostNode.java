package dev.windlass.wasi;

import dev.windlass.nativemem.LinuxFiles;
import dev.windlass.nativemem.SyscallException;

/**
 * What the host backend's files and directories share: a Linux descriptor this object owns,
 * closed exactly once, and the calls that work on any descriptor (fstat, futimens, fsync).
 */
abstract sealed class HostNode implements OpenNode permits HostFile, HostDirectory {

    private int fd;

    HostNode(int fd) {
        this.fd = fd;
    }

    /** {@return the descriptor} @throws WasiError EBADF once closed */
    final int fd() {
        if (fd < 0) {
            throw new WasiError(Errno.EBADF);
        }
        return fd;
    }

    /** Fails unless this node may be changed (a read-only preopen's directories may not). */
    void checkChangeable() {
    }

    @Override
    public final Filestat stat() {
        try {
            return HostDirectory.filestat(LinuxFiles.fstat(fd()));
        } catch (SyscallException e) {
            throw HostErrors.toWasi(e);
        }
    }

    @Override
    public final void setTimes(TimeChange access, TimeChange modification) {
        checkChangeable();
        try {
            LinuxFiles.futimens(fd(), HostDirectory.utime(access), HostDirectory.utime(modification));
        } catch (SyscallException e) {
            throw HostErrors.toWasi(e);
        }
    }

    @Override
    public final void sync(boolean dataOnly) {
        try {
            if (dataOnly) {
                LinuxFiles.fdatasync(fd());
            } else {
                LinuxFiles.fsync(fd());
            }
        } catch (SyscallException e) {
            throw HostErrors.toWasi(e);
        }
    }

    @Override
    public final void close() {
        if (fd >= 0) {
            HostResolver.closeQuietly(fd);
            fd = -1;
        }
    }
}
