package dev.windlass.nativemem;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The libc functions Windlass calls, as {@code static final} downcall handles (so the JIT can
 * inline them), with errno captured right after each call that reports through it.
 *
 * <p>Only Linux on x86-64 with glibc is supported; the constants below are that ABI's.
 */
final class LibC {

    static final int PROT_NONE = 0;
    static final int PROT_READ = 1;
    static final int PROT_WRITE = 2;
    static final int PROT_EXEC = 4;

    static final int MAP_PRIVATE = 0x02;
    static final int MAP_FIXED = 0x10;
    static final int MAP_ANONYMOUS = 0x20;
    static final int MAP_NORESERVE = 0x4000;

    static final int MADV_DONTNEED = 4;

    static final int SC_PAGESIZE = 30;

    /** {@code sizeof(pthread_attr_t)} is 56 on x86-64 glibc; a little slack costs nothing. */
    static final long PTHREAD_ATTR_SIZE = 64;

    static final MemorySegment MAP_FAILED = MemorySegment.ofAddress(-1L);

    static final Linker LINKER = Linker.nativeLinker();
    static final StructLayout CAPTURED_STATE = Linker.Option.captureStateLayout();
    static final VarHandle ERRNO = CAPTURED_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final MethodHandle MMAP = withErrno("mmap",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle MUNMAP = withErrno("munmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle MPROTECT = withErrno("mprotect",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle MADVISE = withErrno("madvise",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle SYSCONF = plain("sysconf", FunctionDescriptor.of(JAVA_LONG, JAVA_INT));
    private static final MethodHandle PTHREAD_SELF = plain("pthread_self", FunctionDescriptor.of(JAVA_LONG));
    // The pthread functions return the error number instead of setting errno.
    private static final MethodHandle PTHREAD_GETATTR_NP = plain("pthread_getattr_np",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS));
    private static final MethodHandle PTHREAD_ATTR_GETSTACK = plain("pthread_attr_getstack",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle PTHREAD_ATTR_DESTROY = plain("pthread_attr_destroy",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));

    /** Address of libc's {@code sigaction} (found through the default lookup, which binds glibc's even under libjsig). */
    static final MemorySegment SIGACTION_SYMBOL = symbol("sigaction");
    private static final MethodHandle SIGACTION = LINKER.downcallHandle(SIGACTION_SYMBOL,
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS), CAPTURE_ERRNO);

    private LibC() {
    }

    /** {@code sigaction(signal, action, previous)}; either pointer may be NULL. */
    static void sigaction(int signal, MemorySegment action, MemorySegment previous) {
        checkZero(() -> "sigaction(" + signal + ")",
                state -> (int) SIGACTION.invokeExact(state, signal, action, previous));
    }

    static MethodHandle withErrno(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor, CAPTURE_ERRNO);
    }

    private static MethodHandle plain(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor);
    }

    static MemorySegment symbol(String name) {
        return LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + name));
    }

    /** {@return the system page size} */
    static long pageSize() {
        try {
            return (long) SYSCONF.invokeExact(SC_PAGESIZE);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Maps anonymous memory; {@code hint} may be {@link MemorySegment#NULL}. */
    static MemorySegment mmap(MemorySegment hint, long length, int protection, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURED_STATE);
            MemorySegment result = (MemorySegment) MMAP.invokeExact(state, hint, length, protection, flags, -1, 0L);
            if (result.address() == MAP_FAILED.address()) {
                throw new NativeMemoryException("mmap(length=" + length + ", prot=" + protection
                        + ", flags=0x" + Integer.toHexString(flags) + ")", (int) ERRNO.get(state, 0L));
            }
            return result;
        } catch (NativeMemoryException e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static void munmap(long address, long length) {
        checkZero(() -> "munmap(0x" + Long.toHexString(address) + ", " + length + ")",
                state -> (int) MUNMAP.invokeExact(state, MemorySegment.ofAddress(address), length));
    }

    static void mprotect(long address, long length, int protection) {
        checkZero(() -> "mprotect(0x" + Long.toHexString(address) + ", " + length + ", " + protection + ")",
                state -> (int) MPROTECT.invokeExact(state, MemorySegment.ofAddress(address), length, protection));
    }

    static void madvise(long address, long length, int advice) {
        checkZero(() -> "madvise(0x" + Long.toHexString(address) + ", " + length + ", " + advice + ")",
                state -> (int) MADVISE.invokeExact(state, MemorySegment.ofAddress(address), length, advice));
    }

    /** A libc call that returns 0 on success and sets errno (captured in {@code state}) otherwise. */
    @FunctionalInterface
    private interface ErrnoCall {
        int invoke(MemorySegment state) throws Throwable;
    }

    private static void checkZero(java.util.function.Supplier<String> description, ErrnoCall call) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURED_STATE);
            if (call.invoke(state) != 0) {
                throw new NativeMemoryException(description.get(), (int) ERRNO.get(state, 0L));
            }
        } catch (NativeMemoryException e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@return the current thread's stack as {@code [low, high)}} */
    static long[] currentThreadStack() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment attr = arena.allocate(PTHREAD_ATTR_SIZE, 16);
            long self = (long) PTHREAD_SELF.invokeExact();
            int rc = (int) PTHREAD_GETATTR_NP.invokeExact(self, attr);
            if (rc != 0) {
                throw new NativeMemoryException("pthread_getattr_np", rc);
            }
            try {
                MemorySegment base = arena.allocate(ADDRESS);
                MemorySegment size = arena.allocate(JAVA_LONG);
                rc = (int) PTHREAD_ATTR_GETSTACK.invokeExact(attr, base, size);
                if (rc != 0) {
                    throw new NativeMemoryException("pthread_attr_getstack", rc);
                }
                long low = base.get(ADDRESS, 0).address();
                return new long[] {low, low + size.get(JAVA_LONG, 0)};
            } finally {
                int ignored = (int) PTHREAD_ATTR_DESTROY.invokeExact(attr);
            }
        } catch (NativeMemoryException e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
