package dev.windlass.wasi;

import dev.windlass.nativemem.FileStatus;
import dev.windlass.nativemem.LinuxFiles;
import dev.windlass.nativemem.SyscallException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** A file of the host backend: a Linux descriptor this object owns, closed exactly once. */
final class HostFile extends HostNode implements FileHandle {

    private final Filetype filetype;

    HostFile(int fd, Filetype filetype) {
        super(fd);
        this.filetype = filetype;
    }

    @Override
    public Filetype filetype() {
        return filetype;
    }

    @Override
    public long read(MemorySegment into) {
        return transfer(into, true, buffer -> LinuxFiles.read(fd(), buffer));
    }

    @Override
    public long write(MemorySegment from) {
        return transfer(from, false, buffer -> LinuxFiles.write(fd(), buffer));
    }

    @Override
    public long readAt(MemorySegment into, long offset) {
        return transfer(into, true, buffer -> LinuxFiles.pread(fd(), buffer, offset));
    }

    @Override
    public long writeAt(MemorySegment from, long offset) {
        return transfer(from, false, buffer -> LinuxFiles.pwrite(fd(), buffer, offset));
    }

    private interface Transfer {
        long apply(MemorySegment nativeBuffer);
    }

    /** Guest memory is native and used in place; any other segment goes through a native copy. */
    private static long transfer(MemorySegment buffer, boolean into, Transfer transfer) {
        try {
            if (buffer.isNative() || buffer.byteSize() == 0) {
                return transfer.apply(buffer);
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment copy = arena.allocate(buffer.byteSize());
                if (!into) {
                    copy.copyFrom(buffer);
                }
                long n = transfer.apply(copy);
                if (into && n > 0) {
                    buffer.copyFrom(copy.asSlice(0, n));
                }
                return n;
            }
        } catch (SyscallException e) {
            throw HostErrors.toWasi(e);
        }
    }

    @Override
    public long seek(long offset, int whence) {
        try {
            return LinuxFiles.lseek(fd(), offset, whence);
        } catch (SyscallException e) {
            throw HostErrors.toWasi(e);
        }
    }

    @Override
    public void setSize(long size) {
        try {
            LinuxFiles.ftruncate(fd(), size);
        } catch (SyscallException e) {
            throw HostErrors.toWasi(e);
        }
    }

    @Override
    public void allocate(long offset, long length) {
        try {
            LinuxFiles.posixFallocate(fd(), offset, length);
        } catch (SyscallException e) {
            throw HostErrors.toWasi(e);
        }
    }

    @Override
    public void advise(long offset, long length, int advice) {
        // preview1 numbers SEQUENTIAL 1 and RANDOM 2; Linux has them the other way round
        int linux = advice == 1 ? 2 : advice == 2 ? 1 : advice;
        try {
            LinuxFiles.posixFadvise(fd(), offset, length, linux);
        } catch (SyscallException e) {
            throw HostErrors.toWasi(e);
        }
    }

    @Override
    public void setFlags(boolean append, boolean nonblocking) {
        try {
            int flags = LinuxFiles.fcntl(fd(), LinuxFiles.F_GETFL, 0) & ~(LinuxFiles.O_APPEND | LinuxFiles.O_NONBLOCK);
            flags |= (append ? LinuxFiles.O_APPEND : 0) | (nonblocking ? LinuxFiles.O_NONBLOCK : 0);
            LinuxFiles.fcntl(fd(), LinuxFiles.F_SETFL, flags);
        } catch (SyscallException e) {
            throw HostErrors.toWasi(e);
        }
    }

    @Override
    public long readableBytes() {
        try {
            long position = LinuxFiles.lseek(fd(), 0, LinuxFiles.SEEK_CUR);
            return Math.max(0, LinuxFiles.fstat(fd()).size() - position);
        } catch (SyscallException e) {
            return 0; // a pipe or device: nothing known, the read will tell
        }
    }

    static Filetype filetype(FileStatus status) {
        return switch (status.type()) {
            case FileStatus.S_IFREG -> Filetype.REGULAR_FILE;
            case FileStatus.S_IFDIR -> Filetype.DIRECTORY;
            case FileStatus.S_IFLNK -> Filetype.SYMBOLIC_LINK;
            case FileStatus.S_IFCHR -> Filetype.CHARACTER_DEVICE;
            case FileStatus.S_IFBLK -> Filetype.BLOCK_DEVICE;
            case FileStatus.S_IFSOCK -> Filetype.SOCKET_STREAM;
            default -> Filetype.UNKNOWN;
        };
    }
}
