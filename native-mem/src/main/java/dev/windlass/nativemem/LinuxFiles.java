package dev.windlass.nativemem;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Linux file system calls on raw file descriptors, for a host that resolves untrusted paths
 * itself (the WASI host): {@code openat2(2)} with its {@code RESOLVE_*} flags, the {@code *at}
 * calls relative to a directory descriptor, and the calls on an open descriptor.
 *
 * <p>Every method either returns what the call returns or throws {@link SyscallException} with
 * the errno (no stack trace: failures are expected and cheap). Descriptors are plain
 * {@code int}s that the caller owns and must {@link #close}. Paths are Java strings sent as
 * UTF-8; one holding a NUL character fails with EINVAL before any call, as Rust's
 * {@code CString} makes cap-std do. Buffers are native {@link MemorySegment}s (a guest's linear
 * memory, or an arena's), read or written in place.
 *
 * <p>Linux x86-64 only (syscall numbers, {@code struct stat}, {@code O_*} values). The
 * syscalls glibc may lack a wrapper for ({@code openat2}, {@code newfstatat}) go through the
 * variadic {@code syscall(2)}.
 */
public final class LinuxFiles {

    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NOCTTY = 0400;
    public static final int O_TRUNC = 01000;
    public static final int O_APPEND = 02000;
    public static final int O_NONBLOCK = 04000;
    public static final int O_DSYNC = 010000;
    public static final int O_DIRECTORY = 0200000;
    public static final int O_NOFOLLOW = 0400000;
    public static final int O_CLOEXEC = 02000000;
    /** {@code O_SYNC} includes {@code O_DSYNC}; Linux's {@code O_RSYNC} is the same value. */
    public static final int O_SYNC = 04010000;
    public static final int O_PATH = 010000000;

    public static final int AT_FDCWD = -100;
    public static final int AT_SYMLINK_NOFOLLOW = 0x100;
    public static final int AT_REMOVEDIR = 0x200;
    public static final int AT_EMPTY_PATH = 0x1000;

    /** {@code openat2} resolve flags. */
    public static final long RESOLVE_NO_XDEV = 0x01;
    public static final long RESOLVE_NO_MAGICLINKS = 0x02;
    public static final long RESOLVE_NO_SYMLINKS = 0x04;
    public static final long RESOLVE_BENEATH = 0x08;

    public static final int SEEK_SET = 0;
    public static final int SEEK_CUR = 1;
    public static final int SEEK_END = 2;

    public static final int F_GETFL = 3;
    public static final int F_SETFL = 4;

    /** {@code utimensat} nanosecond values that mean "now" and "leave alone". */
    public static final long UTIME_NOW = (1L << 30) - 1;
    public static final long UTIME_OMIT = (1L << 30) - 2;

    /** {@code d_type} values. */
    public static final int DT_UNKNOWN = 0;
    public static final int DT_FIFO = 1;
    public static final int DT_CHR = 2;
    public static final int DT_DIR = 4;
    public static final int DT_BLK = 6;
    public static final int DT_REG = 8;
    public static final int DT_LNK = 10;
    public static final int DT_SOCK = 12;

    /** Linux errno values the callers test for. */
    public static final int ENOENT = 2;
    public static final int EINVAL = 22;
    public static final int ENOSYS = 38;
    public static final int ELOOP = 40;
    public static final int EXDEV = 18;

    private static final long SYS_NEWFSTATAT = 262;
    private static final long SYS_OPENAT2 = 437;
    /** {@code struct open_how}: flags u64, mode u64, resolve u64. */
    private static final long OPEN_HOW_SIZE = 24;
    private static final long STAT_SIZE = 144;
    private static final int PATH_MAX = 4096;
    private static final int DIRENT_BUFFER = 32 * 1024;

    private static final MethodHandle SYSCALL_4 = LibC.LINKER.downcallHandle(LibC.symbol("syscall"),
            FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, ADDRESS, ADDRESS, JAVA_LONG),
            LibC.CAPTURE_ERRNO, Linker.Option.firstVariadicArg(1));
    private static final MethodHandle OPENAT = LibC.LINKER.downcallHandle(LibC.symbol("openat"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT),
            LibC.CAPTURE_ERRNO, Linker.Option.firstVariadicArg(3));
    private static final MethodHandle FCNTL = LibC.LINKER.downcallHandle(LibC.symbol("fcntl"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT),
            LibC.CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CLOSE = LibC.withErrno("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle READ = LibC.withErrno("read",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE = LibC.withErrno("write",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle PREAD = LibC.withErrno("pread",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle PWRITE = LibC.withErrno("pwrite",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle LSEEK = LibC.withErrno("lseek",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_INT));
    private static final MethodHandle FTRUNCATE = LibC.withErrno("ftruncate",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle FSYNC = LibC.withErrno("fsync", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle FDATASYNC = LibC.withErrno("fdatasync",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    // posix_fallocate and posix_fadvise return the error number instead of setting errno.
    private static final MethodHandle POSIX_FALLOCATE = LibC.LINKER.downcallHandle(LibC.symbol("posix_fallocate"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle POSIX_FADVISE = LibC.LINKER.downcallHandle(LibC.symbol("posix_fadvise"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
    private static final MethodHandle GETDENTS64 = LibC.withErrno("getdents64",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle MKDIRAT = LibC.withErrno("mkdirat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle UNLINKAT = LibC.withErrno("unlinkat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RENAMEAT = LibC.withErrno("renameat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
    private static final MethodHandle SYMLINKAT = LibC.withErrno("symlinkat",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
    private static final MethodHandle READLINKAT = LibC.withErrno("readlinkat",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
    private static final MethodHandle LINKAT = LibC.withErrno("linkat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle UTIMENSAT = LibC.withErrno("utimensat",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));

    // glibc's utimensat refuses a NULL path; futimens is the way to the kernel's fd form.
    private static final MethodHandle FUTIMENS = LibC.withErrno("futimens",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));

    private LinuxFiles() {
    }

    /**
     * {@code openat2(dirfd, path, {flags, mode, resolve})}: opens {@code path} relative to
     * {@code directory}, the kernel enforcing {@code resolve} (e.g. {@link #RESOLVE_BENEATH}:
     * no absolute path, no {@code ..} above {@code directory}, no symlink leading out; EXDEV
     * if one would). ENOSYS before Linux 5.6. {@code O_CLOEXEC} is always added; {@code mode}
     * is used only with {@code O_CREAT}.
     *
     * @return the new descriptor
     */
    public static int openat2(int directory, String path, int flags, int mode, long resolve) {
        return (int) call("openat2", (state, arena) -> {
            MemorySegment how = arena.allocate(OPEN_HOW_SIZE, 8);
            how.set(JAVA_LONG, 0, Integer.toUnsignedLong(flags | O_CLOEXEC));
            // openat2 refuses a mode without O_CREAT (EINVAL), unlike openat
            how.set(JAVA_LONG, 8, (flags & O_CREAT) != 0 ? Integer.toUnsignedLong(mode) : 0);
            how.set(JAVA_LONG, 16, resolve);
            return (long) SYSCALL_4.invokeExact(state, SYS_OPENAT2, (long) directory, cString(arena, path), how,
                    OPEN_HOW_SIZE);
        });
    }

    /** {@code openat(dirfd, path, flags, mode)}, with {@code O_CLOEXEC} added; {@return the new descriptor} */
    public static int openat(int directory, String path, int flags, int mode) {
        return (int) call("openat", (state, arena) ->
                (int) OPENAT.invokeExact(state, directory, cString(arena, path), flags | O_CLOEXEC, mode));
    }

    public static void close(int fd) {
        call("close", (state, arena) -> (int) CLOSE.invokeExact(state, fd));
    }

    /** {@return bytes read into {@code buffer} (a native segment), 0 at end of file} */
    public static long read(int fd, MemorySegment buffer) {
        return call("read", (state, arena) -> (long) READ.invokeExact(state, fd, buffer, buffer.byteSize()));
    }

    /** {@return bytes written from {@code buffer} (a native segment)} */
    public static long write(int fd, MemorySegment buffer) {
        return call("write", (state, arena) -> (long) WRITE.invokeExact(state, fd, buffer, buffer.byteSize()));
    }

    public static long pread(int fd, MemorySegment buffer, long offset) {
        return call("pread", (state, arena) ->
                (long) PREAD.invokeExact(state, fd, buffer, buffer.byteSize(), offset));
    }

    public static long pwrite(int fd, MemorySegment buffer, long offset) {
        return call("pwrite", (state, arena) ->
                (long) PWRITE.invokeExact(state, fd, buffer, buffer.byteSize(), offset));
    }

    /** {@return the new offset} */
    public static long lseek(int fd, long offset, int whence) {
        return call("lseek", (state, arena) -> (long) LSEEK.invokeExact(state, fd, offset, whence));
    }

    public static void ftruncate(int fd, long size) {
        call("ftruncate", (state, arena) -> (int) FTRUNCATE.invokeExact(state, fd, size));
    }

    public static void fsync(int fd) {
        call("fsync", (state, arena) -> (int) FSYNC.invokeExact(state, fd));
    }

    public static void fdatasync(int fd) {
        call("fdatasync", (state, arena) -> (int) FDATASYNC.invokeExact(state, fd));
    }

    public static void posixFallocate(int fd, long offset, long length) {
        returningErrno("posix_fallocate", () -> (int) POSIX_FALLOCATE.invokeExact(fd, offset, length));
    }

    public static void posixFadvise(int fd, long offset, long length, int advice) {
        returningErrno("posix_fadvise", () -> (int) POSIX_FADVISE.invokeExact(fd, offset, length, advice));
    }

    /** {@return {@code fcntl(fd, command, argument)}} for the integer commands (F_GETFL, F_SETFL) */
    public static int fcntl(int fd, int command, int argument) {
        return (int) call("fcntl", (state, arena) -> (int) FCNTL.invokeExact(state, fd, command, argument));
    }

    /** {@code fstatat(directory, path, flags)}; an empty path with {@link #AT_EMPTY_PATH} is {@code fstat}, O_PATH descriptors included. */
    public static FileStatus fstatat(int directory, String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment stat = arena.allocate(STAT_SIZE, 8);
            call("fstatat", (state, ignored) -> (long) SYSCALL_4.invokeExact(state, SYS_NEWFSTATAT, (long) directory,
                    cString(arena, path), stat, (long) flags));
            return new FileStatus(stat.get(JAVA_LONG, 0), stat.get(JAVA_LONG, 8), stat.get(JAVA_INT, 24),
                    stat.get(JAVA_LONG, 16), stat.get(JAVA_LONG, 48), nanos(stat, 72), nanos(stat, 88),
                    nanos(stat, 104));
        }
    }

    /** {@code fstat(fd)}, O_PATH descriptors included. */
    public static FileStatus fstat(int fd) {
        return fstatat(fd, "", AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW);
    }

    public static void mkdirat(int directory, String path, int mode) {
        call("mkdirat", (state, arena) -> (int) MKDIRAT.invokeExact(state, directory, cString(arena, path), mode));
    }

    public static void unlinkat(int directory, String path, int flags) {
        call("unlinkat", (state, arena) -> (int) UNLINKAT.invokeExact(state, directory, cString(arena, path), flags));
    }

    public static void renameat(int fromDirectory, String from, int toDirectory, String to) {
        call("renameat", (state, arena) -> (int) RENAMEAT.invokeExact(state, fromDirectory, cString(arena, from),
                toDirectory, cString(arena, to)));
    }

    /** Creates the symbolic link {@code path} (relative to {@code directory}) holding {@code target}. */
    public static void symlinkat(String target, int directory, String path) {
        call("symlinkat", (state, arena) ->
                (int) SYMLINKAT.invokeExact(state, cString(arena, target), directory, cString(arena, path)));
    }

    /** {@return the bytes of the symbolic link {@code path}}; never follows it */
    public static byte[] readlinkat(int directory, String path) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(PATH_MAX);
            long length = call("readlinkat", (state, ignored) -> (long) READLINKAT.invokeExact(state, directory,
                    cString(arena, path), buffer, (long) PATH_MAX));
            return buffer.asSlice(0, length).toArray(JAVA_BYTE);
        }
    }

    /** {@code linkat(fromDirectory, from, toDirectory, to, flags)}; without AT_SYMLINK_FOLLOW a symlink is linked itself. */
    public static void linkat(int fromDirectory, String from, int toDirectory, String to, int flags) {
        call("linkat", (state, arena) -> (int) LINKAT.invokeExact(state, fromDirectory, cString(arena, from),
                toDirectory, cString(arena, to), flags));
    }

    /**
     * {@code utimensat(directory, path, times, flags)}, each time as nanoseconds since the epoch
     * or {@link #UTIME_NOW} / {@link #UTIME_OMIT} (passed as the nanoseconds field).
     */
    public static void utimensat(int directory, String path, long accessTime, long modificationTime, int flags) {
        call("utimensat", (state, arena) -> {
            MemorySegment times = arena.allocate(32, 8);
            timespec(times, 0, accessTime);
            timespec(times, 16, modificationTime);
            return (int) UTIMENSAT.invokeExact(state, directory, cString(arena, path), times, flags);
        });
    }

    /** {@code futimens(fd, times)}: {@link #utimensat} on an open (not O_PATH) descriptor. */
    public static void futimens(int fd, long accessTime, long modificationTime) {
        call("futimens", (state, arena) -> {
            MemorySegment times = arena.allocate(32, 8);
            timespec(times, 0, accessTime);
            timespec(times, 16, modificationTime);
            return (int) FUTIMENS.invokeExact(state, fd, times);
        });
    }

    /**
     * {@return every entry of the open directory {@code fd}}, {@code .} and {@code ..} included,
     * in the kernel's order; reads from the start (the descriptor's offset is rewound first).
     */
    public static List<DirectoryEntry> readDirectory(int fd) {
        lseek(fd, 0, SEEK_SET);
        List<DirectoryEntry> entries = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(DIRENT_BUFFER, 8);
            while (true) {
                long filled = call("getdents64", (state, ignored) ->
                        (long) GETDENTS64.invokeExact(state, fd, buffer, (long) DIRENT_BUFFER));
                if (filled == 0) {
                    return entries;
                }
                // struct linux_dirent64: d_ino u64, d_off s64, d_reclen u16 at 16, d_type u8 at 18, d_name at 19
                for (long at = 0; at < filled; ) {
                    int length = Short.toUnsignedInt(buffer.get(JAVA_SHORT, at + 16));
                    byte[] name = buffer.asSlice(at + 19, length - 19).toArray(JAVA_BYTE);
                    int end = 0;
                    while (end < name.length && name[end] != 0) {
                        end++;
                    }
                    entries.add(new DirectoryEntry(buffer.get(JAVA_LONG, at), Byte.toUnsignedInt(buffer.get(JAVA_BYTE,
                            at + 18)), Arrays.copyOf(name, end)));
                    at += length;
                }
            }
        }
    }

    private static void timespec(MemorySegment times, long at, long nanos) {
        if (nanos == UTIME_NOW || nanos == UTIME_OMIT) {
            times.set(JAVA_LONG, at, 0);
            times.set(JAVA_LONG, at + 8, nanos);
        } else {
            times.set(JAVA_LONG, at, Math.floorDiv(nanos, 1_000_000_000L));
            times.set(JAVA_LONG, at + 8, Math.floorMod(nanos, 1_000_000_000L));
        }
    }

    private static long nanos(MemorySegment stat, long at) {
        long seconds = stat.get(JAVA_LONG, at);
        long nanos = stat.get(JAVA_LONG, at + 8);
        try {
            return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
        } catch (ArithmeticException e) {
            return seconds < 0 ? 0 : Long.MAX_VALUE;
        }
    }

    private static MemorySegment cString(Arena arena, String path) {
        if (path.indexOf('\0') >= 0) {
            throw new SyscallException("path", EINVAL);
        }
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        MemorySegment string = arena.allocate(bytes.length + 1L);
        MemorySegment.copy(bytes, 0, string, JAVA_BYTE, 0, bytes.length);
        return string;
    }

    /** A call that returns -1 and sets errno (captured in {@code state}) on failure. */
    @FunctionalInterface
    private interface ErrnoCall {
        long invoke(MemorySegment state, Arena arena) throws Throwable;
    }

    @FunctionalInterface
    private interface ErrorNumberCall {
        int invoke() throws Throwable;
    }

    private static long call(String name, ErrnoCall call) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(LibC.CAPTURED_STATE);
            long result = call.invoke(state, arena);
            if (result == -1) {
                throw new SyscallException(name, (int) LibC.ERRNO.get(state, 0L));
            }
            return result;
        } catch (SyscallException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static void returningErrno(String name, ErrorNumberCall call) {
        int error;
        try {
            error = call.invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        if (error != 0) {
            throw new SyscallException(name, error);
        }
    }
}
