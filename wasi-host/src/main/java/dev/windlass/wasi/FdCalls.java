package dev.windlass.wasi;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
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
    private final FdTable fds;
    private final WasiAbi abi;
    /** Stream data moves through it in {@link HostWork#CHUNK} pieces; made at the first stream transfer. */
    private byte[] transferBuffer;

    FdCalls(FdTable fds, WasiAbi abi) {
        this.fds = fds;
        this.abi = abi;
    }

    Errno write(GuestMemory memory, int fd, int iovs, int iovsLength, int writtenPointer) throws IOException {
        Descriptor descriptor = fds.get(fd);
        Iovecs.Piece sink;
        if (descriptor instanceof StdioStream stream) {
            descriptor.require(Rights.FD_WRITE);
            byte[] buffer = transferBuffer();
            sink = (piece, done) -> {
                int n = (int) piece.byteSize();
                MemorySegment.copy(piece, ValueLayout.JAVA_BYTE, 0, buffer, 0, n);
                stream.write(buffer, n);
                return n;
            };
        } else {
            FileHandle file = file(descriptor, Rights.FD_WRITE);
            sink = (piece, done) -> file.write(piece);
        }
        return transfer(memory, iovs, iovsLength, writtenPointer, sink);
    }

    Errno read(GuestMemory memory, int fd, int iovs, int iovsLength, int readPointer) throws IOException {
        Descriptor descriptor = fds.get(fd);
        Iovecs.Piece source;
        if (descriptor instanceof StdioStream stream) {
            descriptor.require(Rights.FD_READ);
            byte[] buffer = transferBuffer();
            source = (piece, done) -> {
                int n = stream.read(buffer, (int) piece.byteSize());
                MemorySegment.copy(buffer, 0, piece, ValueLayout.JAVA_BYTE, 0, n);
                return n;
            };
        } else {
            FileHandle file = file(descriptor, Rights.FD_READ);
            source = (piece, done) -> file.read(piece);
        }
        return transfer(memory, iovs, iovsLength, readPointer, source);
    }

    Errno pread(GuestMemory memory, int fd, int iovs, int iovsLength, long offset, int readPointer)
            throws IOException {
        FileHandle file = seekableFile(fds.get(fd), Rights.FD_READ | Rights.FD_SEEK);
        long start = offset(offset);
        return transfer(memory, iovs, iovsLength, readPointer, (piece, done) -> file.readAt(piece, start + done));
    }

    Errno pwrite(GuestMemory memory, int fd, int iovs, int iovsLength, long offset, int writtenPointer)
            throws IOException {
        FileHandle file = seekableFile(fds.get(fd), Rights.FD_WRITE | Rights.FD_SEEK);
        long start = offset(offset);
        return transfer(memory, iovs, iovsLength, writtenPointer, (piece, done) -> file.writeAt(piece, start + done));
    }

    /**
     * The scatter/gather of every read and write: the iovec array, every buffer and the result
     * pointer are checked before a byte moves (EFAULT otherwise, and nothing moved), then the
     * bytes move in bounded, charged pieces ({@link Iovecs#transfer}).
     */
    private static Errno transfer(GuestMemory memory, int iovs, int iovsLength, int resultPointer, Iovecs.Piece piece)
            throws IOException {
        Iovecs vectors = new Iovecs(memory, iovs, iovsLength);
        memory.check(resultPointer, 4);
        long limit = vectors.checkBuffers(memory.work());
        long moved = vectors.transfer(limit, memory.work(), piece);
        memory.setU32(resultPointer, (int) moved);
        return Errno.SUCCESS;
    }

    /** {@return the buffer stream transfers go through}, one per WASI instance (a store runs one call at a time) */
    private byte[] transferBuffer() {
        if (transferBuffer == null) {
            transferBuffer = new byte[HostWork.CHUNK];
        }
        return transferBuffer;
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

    /** The guest's whole buffer is checked first: a bad pointer is EFAULT whatever the name's length. */
    Errno prestatDirName(GuestMemory memory, int fd, int pointer, int length) {
        byte[] name = preopenName(fd);
        memory.check(pointer, Integer.toUnsignedLong(length));
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
            if (((index - cookie) & (HostWork.ENTRIES_PER_STEP - 1)) == 0) {
                memory.work().entries();
            }
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
