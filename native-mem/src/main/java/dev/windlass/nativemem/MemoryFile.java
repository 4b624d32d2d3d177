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
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An anonymous in-memory file ({@code memfd_create}) written once and then sealed read-only:
 * the source of copy-on-write mappings ({@link VirtualMemory#mapCopyOnWrite}). Each private
 * mapping of it shares the file's pages until it writes one, which then gets its own copy;
 * {@code MADV_DONTNEED} on the mapping drops the copies and the file's content shows again.
 *
 * <p>Sealed ({@code F_SEAL_WRITE | F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL}) once written, so
 * nothing, not even a bug here, can change what later mappings see. The descriptor is closed by
 * {@link #close()} or, if the owner forgets, by a {@link Cleaner}; mappings made from it stay
 * valid after it is closed (the kernel keeps the file while it is mapped).
 */
public final class MemoryFile implements AutoCloseable {

    private static final Cleaner CLEANER = Cleaner.create();
    private static final int MFD_CLOEXEC = 1;
    private static final int MFD_ALLOW_SEALING = 2;
    private static final int F_ADD_SEALS = 1033;
    private static final int F_SEAL_SEAL = 1;
    private static final int F_SEAL_SHRINK = 2;
    private static final int F_SEAL_GROW = 4;
    private static final int F_SEAL_WRITE = 8;
    private static final int MAP_SHARED = 0x01;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURED_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURED_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle MEMFD_CREATE = handle("memfd_create",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle FTRUNCATE = handle("ftruncate", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
    private static final MethodHandle FCNTL = handle("fcntl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle MMAP = handle("mmap",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));

    private final Descriptor descriptor;
    private final long size;
    private final Cleaner.Cleanable cleanable;

    private MemoryFile(int fd, long size) {
        this.descriptor = new Descriptor(fd);
        this.size = size;
        this.cleanable = CLEANER.register(this, descriptor);
    }

    /**
     * {@return a sealed file of {@code size} bytes (rounded up to whole pages)}, zero but for
     * what {@code writer} puts into the view it is given (valid only during the call)
     *
     * @throws NativeMemoryException if the kernel refuses (EMFILE when out of descriptors, ENOMEM)
     */
    public static MemoryFile create(String name, long size, Consumer<MemorySegment> writer) {
        long bytes = VirtualMemory.roundUpToPages(Math.max(1, size));
        int fd;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURED_STATE);
            fd = (int) MEMFD_CREATE.invokeExact(state, arena.allocateFrom(name), MFD_CLOEXEC | MFD_ALLOW_SEALING);
            check(fd, state, "memfd_create");
        } catch (NativeMemoryException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        MemoryFile file = new MemoryFile(fd, bytes);
        try {
            file.fill(writer);
            return file;
        } catch (RuntimeException | Error e) {
            file.close();
            throw e;
        }
    }

    private void fill(Consumer<MemorySegment> writer) throws NativeMemoryException {
        int fd = descriptor.fd.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURED_STATE);
            check((int) FTRUNCATE.invokeExact(state, fd, size), state, "ftruncate");
            MemorySegment mapped = (MemorySegment) MMAP.invokeExact(state, MemorySegment.NULL, size,
                    LibC.PROT_READ | LibC.PROT_WRITE, MAP_SHARED, fd, 0L);
            if (mapped.address() == LibC.MAP_FAILED.address()) {
                throw new NativeMemoryException("mmap(memfd, " + size + ")", (int) ERRNO.get(state, 0L));
            }
            try (Arena view = Arena.ofConfined()) {
                writer.accept(mapped.reinterpret(size, view, null));
            } finally {
                LibC.munmap(mapped.address(), size);
            }
            // No writable shared mapping is left, so the write seal can be applied.
            check((int) FCNTL.invokeExact(state, fd, F_ADD_SEALS,
                    F_SEAL_WRITE | F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL), state, "fcntl(F_ADD_SEALS)");
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** {@return the size in bytes (whole pages)} */
    public long size() {
        return size;
    }

    /**
     * Maps the first {@code length} bytes privately (copy-on-write), readable and writable, at
     * exactly {@code address}, replacing whatever was mapped there. Package-private: only
     * {@link VirtualMemory} maps into address space it owns.
     */
    void mapPrivateFixed(long address, long length) {
        if (length > size) {
            throw new IllegalArgumentException(length + " bytes exceed the file's " + size);
        }
        int fd = descriptor.fd.get();
        if (fd < 0) {
            throw new IllegalStateException("memory file is closed");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURED_STATE);
            MemorySegment mapped = (MemorySegment) MMAP.invokeExact(state, MemorySegment.ofAddress(address), length,
                    LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_PRIVATE | LibC.MAP_FIXED, fd, 0L);
            if (mapped.address() != address) {
                throw new NativeMemoryException("mmap(0x" + Long.toHexString(address) + ", " + length
                        + ", MAP_PRIVATE|MAP_FIXED, memfd)", (int) ERRNO.get(state, 0L));
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        } finally {
            Reference.reachabilityFence(this); // the Cleaner must not close the descriptor during the mmap
        }
    }

    /** Closes the descriptor; mappings made from it stay. Idempotent. */
    @Override
    public void close() {
        cleanable.clean();
    }

    private static void check(int result, MemorySegment state, String call) {
        if (result < 0) {
            throw new NativeMemoryException(call, (int) ERRNO.get(state, 0L));
        }
    }

    private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name)
                        .orElseThrow(() -> new UnsatisfiedLinkError("libc has no symbol " + name)),
                descriptor, Linker.Option.captureCallState("errno"));
    }

    /** The cleaning action: holds the descriptor, never the file object. */
    private static final class Descriptor implements Runnable {
        private final AtomicInteger fd;

        Descriptor(int fd) {
            this.fd = new AtomicInteger(fd);
        }

        @Override
        public void run() {
            int f = fd.getAndSet(-1);
            if (f >= 0) {
                try (Arena arena = Arena.ofConfined()) {
                    int ignored = (int) CLOSE.invokeExact(arena.allocate(CAPTURED_STATE), f);
                } catch (Throwable t) {
                    // close(2) on a descriptor we own cannot fail in a way we could act on
                }
            }
        }
    }
}
