package dev.windlass.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.windlass.sandbox.Config;
import dev.windlass.sandbox.Engine;
import dev.windlass.sandbox.Func;
import dev.windlass.sandbox.Instance;
import dev.windlass.sandbox.Linker;
import dev.windlass.sandbox.Memory;
import dev.windlass.sandbox.Store;
import dev.windlass.sandbox.TrapCode;
import dev.windlass.sandbox.WasmTrap;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guest numbers against the WASI host (issue 15): every function that takes a guest length or
 * count, with 0, 1, 2^31-1, 2^31 and 2^32-1 at pointers from 0 to past the end of memory, gets
 * an errno (EFAULT exactly when the range leaves memory), never a crash; and the calls a guest
 * number could make long or heavy (a sleep of 2^62 ns, 1 GiB of random bytes, 128M empty
 * iovecs) stop at the store's timeout or fuel with the trap Wasm code would get, allocating
 * nothing per iovec.
 */
class WasiBoundsTest {

    private static final long[] LENGTHS = {0, 1, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL};
    private static final long MEMORY = 2048L * 65536; // bounds.wat's initial size
    private static final long[] POINTERS = {0, 4096, MEMORY - 8, MEMORY - 1, MEMORY, 0xFFFF_FFFFL};
    /** Where results go: valid, and away from every pointer above. */
    private static final long RESULT = 64;

    private final AtomicLong written = new AtomicLong();
    private Engine engine;
    private Store store;
    private Instance instance;
    private Memory memory;
    private Path root;

    @BeforeEach
    void instantiate() throws IOException {
        engine = Engine.create(Config.builder().consumeFuel(true).epochInterruption(true).build());
        store = Store.create(engine);
        store.setFuel(Long.MAX_VALUE / 2);
        store.setTimeout(Duration.ofSeconds(20)); // nothing below may hang the test
        root = InMemoryDirectories.create();
        Files.writeString(root.resolve("data"), "0123456789");
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                written.incrementAndGet();
            }

            @Override
            public void write(byte[] b, int off, int len) {
                written.addAndGet(len);
            }
        };
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                return len;
            }
        };
        WasiConfig config = WasiConfig.builder().args("bounds", "one", "two").env("K", "V")
                .stdout(counting).stderr(counting).stdin(endless).preopen(root, "/sandbox").build();
        Linker linker = new WasiPreview1(config).define(new Linker());
        try (InputStream in = WasiBoundsTest.class.getResourceAsStream("/wat/bounds.wasm")) {
            instance = linker.instantiate(store, engine.compile(in.readAllBytes()));
        }
        memory = instance.memory("memory").orElseThrow();
    }

    @AfterEach
    void close() throws IOException {
        store.close();
        engine.close();
    }

    private int call(String name, long... args) {
        return instance.func(name).orElseThrow().callI32(args);
    }

    private long u32(long at) {
        return Integer.toUnsignedLong(ByteBuffer.wrap(memory.read(at, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt());
    }

    /** A function with a guest (pointer, length-or-count) pair, and the bytes one unit of the length spans. */
    private record Ranged(String name, int unit, Arguments arguments) {
        interface Arguments {
            long[] of(long pointer, long length, long fileFd);
        }
    }

    private static final List<Ranged> RANGED = List.of(
            new Ranged("fd_write", 8, (p, n, f) -> new long[] {1, p, n, RESULT}),
            new Ranged("fd_read", 8, (p, n, f) -> new long[] {0, p, n, RESULT}),
            new Ranged("fd_pread", 8, (p, n, f) -> new long[] {f, p, n, 0, RESULT}),
            new Ranged("fd_pwrite", 8, (p, n, f) -> new long[] {f, p, n, 0, RESULT}),
            new Ranged("fd_readdir", 1, (p, n, f) -> new long[] {3, p, n, 0, RESULT}),
            new Ranged("random_get", 1, (p, n, f) -> new long[] {p, n}),
            new Ranged("path_open", 1, (p, n, f) -> new long[] {p, n, RESULT}),
            new Ranged("path_create_directory", 1, (p, n, f) -> new long[] {p, n}),
            new Ranged("path_remove_directory", 1, (p, n, f) -> new long[] {p, n}),
            new Ranged("path_unlink_file", 1, (p, n, f) -> new long[] {p, n}),
            new Ranged("path_filestat_get", 1, (p, n, f) -> new long[] {p, n}),
            new Ranged("path_filestat_set_times", 1, (p, n, f) -> new long[] {p, n}),
            new Ranged("path_readlink", 1, (p, n, f) -> new long[] {p, n}),
            new Ranged("path_symlink", 1, (p, n, f) -> new long[] {p, n}),
            new Ranged("path_link", 1, (p, n, f) -> new long[] {p, n}),
            new Ranged("path_rename", 1, (p, n, f) -> new long[] {p, n}),
            new Ranged("fd_prestat_dir_name_3", 1, (p, n, f) -> new long[] {p, n}));

    private long openDataFile() {
        memory.write(1024, "data".getBytes());
        assertThat(call("path_open", 1024, 4, 128)).isZero();
        return u32(128);
    }

    @Test
    void everyGuestLengthAndPointerGetsAnErrnoAndEfaultExactlyWhenTheRangeLeavesMemory() {
        long fileFd = openDataFile();
        int cases = 0;
        for (Ranged function : RANGED) {
            for (long length : LENGTHS) {
                for (long pointer : POINTERS) {
                    if (function.name().equals("random_get") && length > 16 << 20 && pointer + length <= MEMORY) {
                        continue; // a valid 2 GiB fill: the limits test below covers it
                    }
                    int errno = call(function.name(), function.arguments().of(pointer, length, fileFd));
                    boolean outside = pointer + length * function.unit() > MEMORY;
                    String what = function.name() + "(pointer " + pointer + ", length " + length + ")";
                    assertThat(errno).as(what).isBetween(0, 76);
                    if (outside) { // a range of 0 bytes past the end is outside too, as Wasmtime's are
                        assertThat(errno).as(what).isEqualTo(Errno.EFAULT.code());
                    } else {
                        assertThat(errno).as(what).isNotEqualTo(Errno.EFAULT.code());
                    }
                    cases++;
                }
            }
        }
        assertThat(cases).isGreaterThan(500);
    }

    @Test
    void pollOneoffCountsAreCheckedBeforeAnySubscriptionIsRead() {
        for (long count : LENGTHS) {
            for (long pointer : POINTERS) {
                int errno = call("poll_oneoff", pointer, 1 << 20, count, RESULT);
                String what = "poll_oneoff(" + pointer + ", count " + count + ")";
                if (count == 0) {
                    assertThat(errno).as(what).isEqualTo(Errno.EINVAL.code());
                } else if (pointer + 48 * count > MEMORY || (1 << 20) + 32 * count > MEMORY) {
                    assertThat(errno).as(what).isEqualTo(Errno.EFAULT.code());
                } else {
                    assertThat(errno).as(what).isZero(); // zeroed subscriptions: clocks already due
                }
            }
        }
    }

    @Test
    void argumentsNearTheEndOfMemoryAreEfaultAndNothingIsWritten() {
        long end = MEMORY;
        // "bounds\0one\0two\0" is 15 bytes: it cannot start 14 bytes before the end
        assertThat(call("args_get", 256, end - 14)).isEqualTo(Errno.EFAULT.code());
        assertThat(call("args_get", end - 8, 512)).isEqualTo(Errno.EFAULT.code()); // three pointers
        assertThat(call("args_get", 256, 0xFFFF_FFFFL)).isEqualTo(Errno.EFAULT.code());
        assertThat(call("environ_get", 256, end - 3)).isEqualTo(Errno.EFAULT.code());
        assertThat(memory.read(0, 4096)).containsOnly(0);
        assertThat(memory.read(end - 16, 16)).containsOnly(0);
        assertThat(call("args_get", 256, end - 15)).isZero();
        assertThat(u32(256 + 8)).isEqualTo(end - 15 + 11);
    }

    @Test
    void aSleepOfTwoToTheSixtyTwoNanosecondsEndsAtTheTimeout() {
        store.setTimeout(Duration.ofMillis(200));
        // one relative clock subscription: userdata 0, type 0 (clock) at 8, clock id at 16, timeout at 24
        memory.write(4096 + 24, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 62).array());
        memory.write(4096 + 16, new byte[] {1, 0, 0, 0}); // monotonic
        long start = System.nanoTime();
        WasmTrap trap = catchThrowableOfType(WasmTrap.class, () -> call("poll_oneoff", 4096, 8192, 1, RESULT));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(trap).isNotNull();
        assertThat(trap.trapCode()).isEqualTo(TrapCode.INTERRUPT);
        assertThat(millis).isBetween(200L, 10_000L);
    }

    @Test
    void aGibibyteOfRandomBytesStopsAtTheTimeoutAndAtTheFuel() {
        assertThat(call("grow", 16384 - 2048)).isEqualTo(2048); // 1 GiB
        store.setTimeout(Duration.ofMillis(50));
        assertThat(catchThrowableOfType(WasmTrap.class, () -> call("random_get", 0, 1L << 30)).trapCode())
                .isEqualTo(TrapCode.INTERRUPT);
        store.setTimeout(Duration.ofSeconds(20));
        store.setFuel(100);
        assertThat(catchThrowableOfType(WasmTrap.class, () -> call("random_get", 0, 1L << 30)).trapCode())
                .isEqualTo(TrapCode.OUT_OF_FUEL);
    }

    @Test
    void a128MillionEmptyIovecsCostFuelAndNoHeapPerIovec() {
        assertThat(call("grow", 16384 - 2048)).isEqualTo(2048); // 1 GiB of zeros: 128M empty iovecs
        long iovecs = (1L << 30) / 8;
        store.setFuel(1000);
        assertThat(catchThrowableOfType(WasmTrap.class, () -> call("fd_write", 1, 0, iovecs, RESULT)).trapCode())
                .isEqualTo(TrapCode.OUT_OF_FUEL);
        store.setFuel(Long.MAX_VALUE / 2);
        for (String name : new String[] {"fd_write", "fd_read"}) {
            long before = allocatedBytes();
            int errno;
            try {
                errno = call(name, name.equals("fd_write") ? 1 : 0, 0, iovecs - 1, RESULT);
            } catch (WasmTrap trap) { // a slow machine may reach the 20 s timeout: still bounded
                assertThat(trap.trapCode()).isEqualTo(TrapCode.INTERRUPT);
                continue;
            }
            long allocated = allocatedBytes() - before;
            assertThat(errno).as(name).isZero();
            assertThat(u32(RESULT)).as(name).isZero();
            assertThat(allocated).as("%s: bytes allocated for %d iovecs", name, iovecs).isLessThan(4L << 20);
        }
        assertThat(written.get()).isZero();
    }

    @Test
    void aCountOfTwoToTheThirtyTwoMinusOneIsEfaultNotAnEmptySuccess() {
        assertThat(call("fd_write", 1, 0, 0xFFFF_FFFFL, RESULT)).isEqualTo(Errno.EFAULT.code());
        assertThat(call("fd_read", 0, 0, 0xFFFF_FFFFL, RESULT)).isEqualTo(Errno.EFAULT.code());
    }

    /** {@return the bytes this thread has allocated}, through the platform MBean (HotSpot's extension of ThreadMXBean) */
    private static long allocatedBytes() {
        try {
            return (long) ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName(ManagementFactory.THREAD_MXBEAN_NAME), "getThreadAllocatedBytes",
                    new Object[] {Thread.currentThread().threadId()}, new String[] {"long"});
        } catch (javax.management.JMException e) {
            throw new IllegalStateException("this JVM does not count allocated bytes per thread", e);
        }
    }
}
