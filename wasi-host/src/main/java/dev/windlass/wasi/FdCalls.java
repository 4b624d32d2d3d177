package dev.windlass.wasi;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The {@code fd_*} functions, on the three kinds of descriptor: standard streams (character
 * devices that cannot seek), files and directories. Every operation first checks the right it
 * needs ({@link Rights}), so a directory asked to read or seek fails with ENOTCAPABLE, as in
 * Wasmtime; file data moves straight between guest memory and the backend.
 */
final class FdCalls {

    /** {@code fdstat}: filetype u8, flags u16 at 2, rights base u64 at 8, inheriting u64 at 16. */
    private static final int FDSTAT_SIZE = 24;
    /** {@code prestat}: tag u8 (0 = dir), name length u32 at 4. */
    private static final int PRESTAT_SIZE = 8;
    /** {@code dirent}: d_next u64, d_ino u64 at 8, d_namlen u32 at 16, d_type u8 at 20; the name follows. */
    private static final int DIRENT_SIZE = 24;
    /** Largest single transfer, as Linux caps one read or write (2 GiB minus a page). */
    private static final int MAX_TRANSFER = 0x7FFF_F000;

    private final FdTable fds;
    private final WasiAbi abi;

    FdCalls(FdTable fds, WasiAbi abi) {
        this.fds = fds;
        this.abi = abi;
    }

    /** One {@code iovec}/{@code ciovec} as a view of guest memory, lengths capped so the total fits one transfer. */
    private static List<MemorySegment> buffers(GuestMemory memory, int iovs, int iovsLength) {
        memory.check(iovs, Integer.toUnsignedLong(iovsLength) * 8); // before sizing anything by it
        MemorySegment[] buffers = new MemorySegment[iovsLength];
        long total = 0;
        for (int i = 0; i < buffers.length; i++) {
            int buffer = memory.u32(iovs + 8 * i);
            long length = Math.min(Integer.toUnsignedLong(memory.u32(iovs + 8 * i + 4)), MAX_TRANSFER - total);
            buffers[i] = memory.slice(buffer, (int) length);
            total += length;
        }
        return List.of(buffers);
    }

    private interface Transfer {
        long apply(MemorySegment buffer, long done);
    }

    /** Moves each buffer in turn; a short transfer ends the scatter/gather, as readv/writev do. */
    private static long each(List<MemorySegment> buffers, Transfer transfer) {
        long total = 0;
        for (MemorySegment buffer : buffers) {
            if (buffer.byteSize() == 0) {
                continue;
            }
            long n = transfer.apply(buffer, total);
            total += n;
            if (n < buffer.byteSize()) {
                break;
            }
        }
        return total;
    }

    Errno write(GuestMemory memory, int fd, int iovs, int iovsLength, int writtenPointer) throws IOException {
        Descriptor descriptor = fds.get(fd);
        if (descriptor instanceof StdioStream stream) {
            byte[] data = gather(memory, iovs, iovsLength);
            stream.write(data, data.length);
            memory.setU32(writtenPointer, data.length);
            return Errno.SUCCESS;
        }
        FileHandle file = file(descriptor, Rights.FD_WRITE);
        memory.check(writtenPointer, 4);
        long written = each(buffers(memory, iovs, iovsLength), (buffer, done) -> file.write(buffer));
        memory.setU32(writtenPointer, (int) written);
        return Errno.SUCCESS;
    }

    Errno read(GuestMemory memory, int fd, int iovs, int iovsLength, int readPointer) throws IOException {
        Descriptor descriptor = fds.get(fd);
        if (descriptor instanceof StdioStream stream) {
            return readStream(memory, stream, iovs, iovsLength, readPointer);
        }
        FileHandle file = file(descriptor, Rights.FD_READ);
        memory.check(readPointer, 4);
        long read = each(buffers(memory, iovs, iovsLength), (buffer, done) -> file.read(buffer));
        memory.setU32(readPointer, (int) read);
        return Errno.SUCCESS;
    }

    Errno pread(GuestMemory memory, int fd, int iovs, int iovsLength, long offset, int readPointer) {
        FileHandle file = seekableFile(fds.get(fd), Rights.FD_READ | Rights.FD_SEEK);
        long start = offset(offset);
        memory.check(readPointer, 4);
        long read = each(buffers(memory, iovs, iovsLength), (buffer, done) -> file.readAt(buffer, start + done));
        memory.setU32(readPointer, (int) read);
        return Errno.SUCCESS;
    }

    Errno pwrite(GuestMemory memory, int fd, int iovs, int iovsLength, long offset, int writtenPointer) {
        FileHandle file = seekableFile(fds.get(fd), Rights.FD_WRITE | Rights.FD_SEEK);
        long start = offset(offset);
        memory.check(writtenPointer, 4);
        long written = each(buffers(memory, iovs, iovsLength), (buffer, done) -> file.writeAt(buffer, start + done));
        memory.setU32(writtenPointer, (int) written);
        return Errno.SUCCESS;
    }

    private Errno readStream(GuestMemory memory, StdioStream stream, int iovs, int iovsLength, int readPointer)
            throws IOException {
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

    /** {@return the file of a descriptor that has {@code rights}} @throws WasiError ENOTCAPABLE without them, ESPIPE for a stream */
    private static FileHandle file(Descriptor descriptor, long rights) {
        descriptor.require(rights);
        return switch (descriptor) {
            case FileDescriptor file -> file.file(rights);
            case StdioStream stream -> throw new WasiError(Errno.ESPIPE);
            default -> throw new WasiError(Errno.EISDIR);
        };
    }

    private static FileHandle seekableFile(Descriptor descriptor, long rights) {
        if (descriptor instanceof StdioStream) {
            throw new WasiError(Errno.ESPIPE);
        }
        return file(descriptor, rights);
    }

    /** {@return a WASI u64 offset or size as a Java long} @throws WasiError EINVAL past 2^63 - 1 */
    private static long offset(long unsigned) {
        if (unsigned < 0) {
            throw new WasiError(Errno.EINVAL);
        }
        return unsigned;
    }

    Errno seek(GuestMemory memory, int fd, long offset, int guestWhence, int newOffsetPointer) {
        Descriptor descriptor = fds.get(fd);
        int whence = abi.whence(guestWhence);
        long rights = offset == 0 && whence == WasiAbi.WHENCE_CUR ? Rights.FD_TELL : Rights.FD_SEEK | Rights.FD_TELL;
        FileHandle file = seekableFile(descriptor, rights);
        memory.check(newOffsetPointer, 8);
        memory.setU64(newOffsetPointer, file.seek(offset, whence));
        return Errno.SUCCESS;
    }

    Errno tell(GuestMemory memory, int fd, int offsetPointer) {
        FileHandle file = seekableFile(fds.get(fd), Rights.FD_TELL);
        memory.check(offsetPointer, 8);
        memory.setU64(offsetPointer, file.seek(0, WasiAbi.WHENCE_CUR));
        return Errno.SUCCESS;
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
        if ((flags & ~Rights.FDFLAGS_ALL) != 0) {
            throw new WasiError(Errno.EINVAL);
        }
        if (descriptor instanceof FileDescriptor file) {
            int syncFlags = Rights.FDFLAG_DSYNC | Rights.FDFLAG_RSYNC | Rights.FDFLAG_SYNC;
            if ((flags & syncFlags) != (descriptor.flags() & syncFlags)) {
                throw new WasiError(Errno.ENOTSUP); // Linux fixes them when the file is opened
            }
            file.file(0).setFlags((flags & Rights.FDFLAG_APPEND) != 0, (flags & Rights.FDFLAG_NONBLOCK) != 0);
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
        Filestat stat = switch (descriptor) {
            case FileDescriptor file -> file.file(Rights.FD_FILESTAT_GET).stat();
            case DirectoryDescriptor directory -> directory.directory(Rights.FD_FILESTAT_GET).stat();
            default -> new Filestat(0, 0, descriptor.filetype(), 1, 0, 0, 0, 0);
        };
        abi.writeFilestat(memory, pointer, stat);
        return Errno.SUCCESS;
    }

    Errno filestatSetSize(int fd, long size) {
        Descriptor descriptor = fds.get(fd);
        if (descriptor instanceof StdioStream) {
            throw new WasiError(Errno.EINVAL);
        }
        file(descriptor, Rights.FD_FILESTAT_SET_SIZE).setSize(offset(size));
        return Errno.SUCCESS;
    }

    Errno filestatSetTimes(int fd, long accessTime, long modificationTime, int fstflags) {
        Descriptor descriptor = fds.get(fd);
        if (descriptor instanceof StdioStream) {
            throw new WasiError(Errno.EINVAL);
        }
        descriptor.require(Rights.FD_FILESTAT_SET_TIMES);
        TimeChange[] changes = TimeChange.fromFlags(accessTime, modificationTime, fstflags);
        OpenNode node = descriptor instanceof FileDescriptor file ? file.file(0)
                : ((DirectoryDescriptor) descriptor).directory(0);
        node.setTimes(changes[0], changes[1]);
        return Errno.SUCCESS;
    }

    Errno allocate(int fd, long offset, long length) {
        Descriptor descriptor = fds.get(fd);
        if (descriptor instanceof StdioStream) {
            throw new WasiError(Errno.EINVAL);
        }
        FileHandle file = file(descriptor, Rights.FD_ALLOCATE);
        if (offset(offset) + offset(length) < 0 || length == 0) {
            throw new WasiError(Errno.EINVAL);
        }
        file.allocate(offset, length);
        return Errno.SUCCESS;
    }

    Errno advise(int fd, long offset, long length, int advice) {
        Descriptor descriptor = fds.get(fd);
        if (advice < 0 || advice > 5) {
            throw new WasiError(Errno.EINVAL);
        }
        if (descriptor instanceof StdioStream) {
            throw new WasiError(Errno.ESPIPE);
        }
        file(descriptor, Rights.FD_ADVISE).advise(offset(offset), offset(length), advice);
        return Errno.SUCCESS;
    }

    /** {@code fd_sync} ({@code dataOnly} false) and {@code fd_datasync}. */
    Errno sync(int fd, boolean dataOnly) {
        Descriptor descriptor = fds.get(fd);
        long right = dataOnly ? Rights.FD_DATASYNC : Rights.FD_SYNC;
        switch (descriptor) {
            case FileDescriptor file -> file.file(right).sync(dataOnly);
            case DirectoryDescriptor directory -> directory.directory(right).sync(dataOnly);
            default -> throw new WasiError(Errno.EINVAL); // a stream has nothing to make durable
        }
        return Errno.SUCCESS;
    }

    Errno prestatGet(GuestMemory memory, int fd, int pointer) {
        byte[] name = preopenName(fd);
        memory.zero(pointer, PRESTAT_SIZE);
        memory.setU32(pointer + 4, name.length);
        return Errno.SUCCESS;
    }

    Errno prestatDirName(GuestMemory memory, int fd, int pointer, int length) {
        byte[] name = preopenName(fd);
        if (Integer.toUnsignedLong(length) < name.length) {
            throw new WasiError(Errno.ENAMETOOLONG);
        }
        memory.write(pointer, name);
        return Errno.SUCCESS;
    }

    private byte[] preopenName(int fd) {
        if (fds.get(fd) instanceof DirectoryDescriptor directory && directory.preopenName() != null) {
            return directory.preopenName();
        }
        throw new WasiError(Errno.EBADF);
    }

    /**
     * {@code fd_readdir}: entries from index {@code cookie} on ({@code .} and {@code ..} first),
     * each a dirent whose {@code d_next} is the next entry's cookie, written until the buffer is
     * full (the last one cut short: the guest sees a full buffer and asks again from its cookie).
     */
    Errno readdir(GuestMemory memory, int fd, int buffer, int bufferLength, long cookie, int usedPointer) {
        Descriptor descriptor = fds.get(fd);
        if (!(descriptor instanceof DirectoryDescriptor directory)) {
            descriptor.require(Rights.FD_READDIR);
            throw new WasiError(Errno.ENOTDIR);
        }
        List<DirectoryEntryInfo> entries = directory.listing(cookie);
        long capacity = Integer.toUnsignedLong(bufferLength);
        memory.check(buffer, capacity);
        memory.check(usedPointer, 4);
        long used = 0;
        for (long index = cookie; index >= 0 && index < entries.size() && used < capacity; index++) {
            DirectoryEntryInfo entry = entries.get((int) index);
            byte[] record = new byte[DIRENT_SIZE + entry.name().length];
            java.nio.ByteBuffer.wrap(record).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .putLong(index + 1).putLong(entry.inode()).putInt(entry.name().length)
                    .put((byte) entry.type().ordinal());
            System.arraycopy(entry.name(), 0, record, DIRENT_SIZE, entry.name().length);
            int fits = (int) Math.min(record.length, capacity - used);
            memory.write(buffer + (int) used, java.util.Arrays.copyOf(record, fits));
            used += fits;
        }
        memory.setU32(usedPointer, (int) used);
        return Errno.SUCCESS;
    }
}
