package dev.windlass.wasi;

import java.io.IOException;

/**
 * The {@code fd_*} functions. The only descriptors today are the standard streams (character
 * devices that cannot seek); files and directories come with preopens.
 */
final class FdCalls {

    /** {@code fdstat}: filetype u8, flags u16 at 2, rights base u64 at 8, inheriting u64 at 16. */
    private static final int FDSTAT_SIZE = 24;
    /** Largest single transfer, as Linux caps one read or write (2 GiB minus a page). */
    private static final int MAX_TRANSFER = 0x7FFF_F000;

    private final FdTable fds;
    private final WasiAbi abi;

    FdCalls(FdTable fds, WasiAbi abi) {
        this.fds = fds;
        this.abi = abi;
    }

    Errno write(GuestMemory memory, int fd, int iovs, int iovsLength, int writtenPointer) throws IOException {
        StdioStream stream = fds.get(fd, StdioStream.class, Errno.EBADF);
        byte[] data = gather(memory, iovs, iovsLength);
        stream.write(data, data.length);
        memory.setU32(writtenPointer, data.length);
        return Errno.SUCCESS;
    }

    Errno read(GuestMemory memory, int fd, int iovs, int iovsLength, int readPointer) throws IOException {
        StdioStream stream = fds.get(fd, StdioStream.class, Errno.EBADF);
        long total = 0;
        for (int i = 0; i < iovsLength; i++) {
            int buffer = memory.u32(iovs + 8 * i);
            int length = (int) Math.min(Integer.toUnsignedLong(memory.u32(iovs + 8 * i + 4)), MAX_TRANSFER - total);
            memory.check(buffer, Integer.toUnsignedLong(length));
            byte[] chunk = new byte[length];
            int n = stream.read(chunk, length);
            memory.write(buffer, java.util.Arrays.copyOf(chunk, n));
            total += n;
            if (n < length) {
                break; // a short read ends the scatter, as readv does
            }
        }
        memory.setU32(readPointer, (int) total);
        return Errno.SUCCESS;
    }

    /** {@return the bytes of an iovec array, checked against memory} */
    private static byte[] gather(GuestMemory memory, int iovs, int iovsLength) {
        long total = 0;
        for (int i = 0; i < iovsLength; i++) {
            memory.check(memory.u32(iovs + 8 * i), Integer.toUnsignedLong(memory.u32(iovs + 8 * i + 4)));
            total += Integer.toUnsignedLong(memory.u32(iovs + 8 * i + 4));
            if (total > MAX_TRANSFER) {
                throw new WasiError(Errno.EINVAL);
            }
        }
        byte[] data = new byte[(int) total];
        int at = 0;
        for (int i = 0; i < iovsLength; i++) {
            int length = memory.u32(iovs + 8 * i + 4);
            memory.slice(memory.u32(iovs + 8 * i), length).asByteBuffer().get(data, at, length);
            at += length;
        }
        return data;
    }

    /** {@code fd_pread}, {@code fd_pwrite}, {@code fd_seek}, {@code fd_tell}: no stream can seek. */
    Errno seekable(int fd) {
        fds.get(fd);
        throw new WasiError(Errno.ESPIPE);
    }

    Errno seek(int fd, int whence) {
        fds.get(fd);
        abi.whence(whence);
        throw new WasiError(Errno.ESPIPE);
    }

    Errno close(int fd) {
        fds.close(fd);
        return Errno.SUCCESS;
    }

    Errno renumber(int from, int to) {
        fds.renumber(from, to);
        return Errno.SUCCESS;
    }

    Errno fdstatGet(GuestMemory memory, int fd, int pointer) {
        Descriptor descriptor = fds.get(fd);
        memory.zero(pointer, FDSTAT_SIZE);
        memory.setU8(pointer, descriptor.filetype().ordinal());
        memory.setU16(pointer + 2, descriptor.flags());
        memory.setU64(pointer + 8, descriptor.rightsBase());
        memory.setU64(pointer + 16, descriptor.rightsInheriting());
        return Errno.SUCCESS;
    }

    Errno fdstatSetFlags(int fd, int flags) {
        Descriptor descriptor = fds.get(fd);
        descriptor.require(Rights.FD_FDSTAT_SET_FLAGS);
        if ((flags & ~(Rights.FDFLAG_APPEND | Rights.FDFLAG_DSYNC | Rights.FDFLAG_NONBLOCK | Rights.FDFLAG_RSYNC
                | Rights.FDFLAG_SYNC)) != 0) {
            throw new WasiError(Errno.EINVAL);
        }
        descriptor.setFlags(flags);
        return Errno.SUCCESS;
    }

    Errno fdstatSetRights(int fd, long base, long inheriting) {
        fds.get(fd).restrictRights(base, inheriting);
        return Errno.SUCCESS;
    }

    Errno filestatGet(GuestMemory memory, int fd, int pointer) {
        Descriptor descriptor = fds.get(fd);
        descriptor.require(Rights.FD_FILESTAT_GET);
        abi.writeFilestat(memory, pointer, new Filestat(0, 0, descriptor.filetype(), 1, 0, 0, 0, 0));
        return Errno.SUCCESS;
    }

    /** {@code fd_filestat_set_size}, {@code fd_filestat_set_times}, {@code fd_allocate}: streams have no size or times. */
    Errno notAFile(int fd) {
        fds.get(fd);
        throw new WasiError(Errno.EINVAL);
    }

    Errno advise(int fd, int advice) {
        fds.get(fd);
        if (advice < 0 || advice > 5) {
            throw new WasiError(Errno.EINVAL);
        }
        throw new WasiError(Errno.ESPIPE);
    }

    /** {@code fd_sync}, {@code fd_datasync}: a stream has nothing to make durable. */
    Errno sync(int fd) {
        fds.get(fd);
        throw new WasiError(Errno.EINVAL);
    }

    /** Only preopened directories have a prestat; there are none yet, so every fd is EBADF. */
    Errno prestat(int fd) {
        fds.get(fd);
        throw new WasiError(Errno.EBADF);
    }

    /** {@code fd_readdir} needs a directory, and there are none before preopens. */
    Errno readdir(int fd) {
        fds.get(fd);
        throw new WasiError(Errno.ENOTDIR);
    }
}
