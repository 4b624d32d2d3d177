package dev.windlass.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.windlass.sandbox.Engine;
import dev.windlass.sandbox.Func;
import dev.windlass.sandbox.Instance;
import dev.windlass.sandbox.Linker;
import dev.windlass.sandbox.Memory;
import dev.windlass.sandbox.Store;
import dev.windlass.sandbox.WasmTrap;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The WASI functions one at a time, through {@code wat/calls.wat}, which forwards each export to its import. */
class WasiPreview1Test {

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private Store store;
    private Instance instance;
    private Memory memory;

    @BeforeEach
    void instantiate() throws IOException {
        Engine engine = Engine.create();
        store = Store.create(engine);
        WasiConfig config = WasiConfig.builder().args("calls").stdout(stdout).stderr(stderr)
                .stdin(new ByteArrayInputStream("input!".getBytes(StandardCharsets.UTF_8)))
                .random(new Random(7)).build();
        Linker linker = new WasiPreview1(config).define(new Linker());
        try (InputStream in = WasiPreview1Test.class.getResourceAsStream("/wat/calls.wasm")) {
            instance = linker.instantiate(store, engine.compile(in.readAllBytes()));
        }
        memory = instance.memory("memory").orElseThrow();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private int call(String name, long... args) {
        return instance.func(name).orElseThrow().callI32(args);
    }

    private void iovec(int at, int buffer, int length) {
        memory.write(at, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(buffer).putInt(length).array());
    }

    private int u32(int at) {
        return ByteBuffer.wrap(memory.read(at, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    private long u64(int at) {
        return ByteBuffer.wrap(memory.read(at, 8)).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    @Test
    void fdWriteGathersItsBuffersAndReportsTheCount() {
        memory.write(100, "hello, ".getBytes(StandardCharsets.UTF_8));
        memory.write(200, "world".getBytes(StandardCharsets.UTF_8));
        iovec(0, 100, 7);
        iovec(8, 200, 5);

        assertThat(call("fd_write", 1, 0, 2, 50)).isEqualTo(Errno.SUCCESS.code());
        assertThat(u32(50)).isEqualTo(12);
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("hello, world");
        assertThat(call("fd_write", 2, 0, 1, 50)).isZero();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo("hello, ");
    }

    @Test
    void aPointerOutsideMemoryIsEfaultAndNothingIsWritten() {
        iovec(0, 100, 7);
        iovec(8, 65530, 7); // runs past the end of the one page

        assertThat(call("fd_write", 1, 0, 2, 50)).isEqualTo(Errno.EFAULT.code());
        assertThat(call("fd_write", 1, 65532, 1, 50)).isEqualTo(Errno.EFAULT.code()); // the iovec itself
        assertThat(call("fd_write", 1, 0, 1, -4)).isEqualTo(Errno.EFAULT.code()); // where the count goes
        assertThat(stdout.size()).isZero(); // every pointer is checked before a byte moves
    }

    @Test
    void fdReadScattersUntilAShortRead() {
        iovec(0, 100, 4);
        iovec(8, 200, 10);
        iovec(16, 300, 10);

        assertThat(call("fd_read", 0, 0, 3, 50)).isZero();
        assertThat(u32(50)).isEqualTo(6);
        assertThat(memory.readString(100, 4) + memory.readString(200, 2)).isEqualTo("input!");
        assertThat(call("fd_read", 0, 0, 1, 50)).isZero();
        assertThat(u32(50)).isZero(); // end of input
        assertThat(call("fd_read", 1, 0, 1, 50)).isEqualTo(Errno.ENOTCAPABLE.code()); // stdout cannot be read
    }

    @Test
    void closedAndRenumberedDescriptors() {
        memory.write(100, "x".getBytes(StandardCharsets.UTF_8));
        iovec(0, 100, 1);

        assertThat(call("fd_close", 1)).isZero();
        assertThat(call("fd_write", 1, 0, 1, 50)).isEqualTo(Errno.EBADF.code());
        assertThat(call("fd_close", 1)).isEqualTo(Errno.EBADF.code());
        assertThat(call("fd_renumber", 2, 1)).isEqualTo(Errno.EBADF.code()); // 1 is closed
        assertThat(call("fd_fdstat_get", 7, 0)).isEqualTo(Errno.EBADF.code());
        assertThat(call("fd_fdstat_get", 2, 0)).isZero();
        assertThat(memory.read(0, 1)[0]).isEqualTo((byte) 2); // a character device
    }

    @Test
    void pollOneoffSleepsUntilARelativeClockDeadline() {
        ByteBuffer subscription = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        subscription.putLong(0, 0xFEED).put(8, (byte) 0).putInt(16, ProcessCalls.CLOCK_MONOTONIC)
                .putLong(24, 20_000_000L);
        memory.write(1000, subscription.array());

        long start = System.nanoTime();
        assertThat(call("poll_oneoff", 1000, 2000, 1, 50)).isZero();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(20_000_000L);
        assertThat(u32(50)).isEqualTo(1);
        assertThat(u64(2000)).isEqualTo(0xFEED);
        assertThat(memory.read(2010, 1)[0]).isZero(); // event type: clock
        assertThat(call("poll_oneoff", 1000, 2000, 0, 50)).isEqualTo(Errno.EINVAL.code());
    }

    @Test
    void clocksAndRandomBytes() {
        assertThat(call("clock_time_get", ProcessCalls.CLOCK_MONOTONIC, 0)).isZero();
        long first = u64(0);
        assertThat(call("clock_time_get", ProcessCalls.CLOCK_REALTIME, 8)).isZero();
        assertThat(u64(8) / 1_000_000_000L).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(5L));
        assertThat(call("clock_time_get", ProcessCalls.CLOCK_MONOTONIC, 0)).isZero();
        assertThat(u64(0)).isGreaterThanOrEqualTo(first);
        assertThat(call("clock_time_get", 9, 0)).isEqualTo(Errno.EINVAL.code());

        assertThat(call("random_get", 4096, 50_000)).isZero();
        assertThat(memory.read(4096, 50_000)).containsAnyOf((byte) 1, (byte) 2, (byte) 3);
        assertThat(call("random_get", 65000, 1000)).isEqualTo(Errno.EFAULT.code());
    }

    @Test
    void withoutPreopensNoPathAndNoSocketIsReachable() {
        memory.write(100, "../etc/passwd".getBytes(StandardCharsets.UTF_8));

        assertThat(call("path_open", 3, 100, 13)).isEqualTo(Errno.EBADF.code());
        assertThat(call("path_open", 1, 100, 13)).isEqualTo(Errno.ENOTDIR.code());
        assertThat(call("path_open", 1, 65535, 13)).isEqualTo(Errno.EFAULT.code());
        assertThat(call("sock_shutdown", 1)).isEqualTo(Errno.ENOTSOCK.code());
        assertThat(call("sock_shutdown", 99)).isEqualTo(Errno.EBADF.code());
    }

    @Test
    void wasiUnstableSeeksWithItsOwnWhenceNumbers() {
        assertThat(call("unstable_fd_seek", 1, 2)).isEqualTo(Errno.ESPIPE.code()); // SET in wasi_unstable
        assertThat(call("unstable_fd_seek", 1, 3)).isEqualTo(Errno.EINVAL.code());
        assertThat(call("unstable_fd_seek", 9, 0)).isEqualTo(Errno.EBADF.code());
    }

    @Test
    void procExitEndsTheCallWithItsStatusAndTheInstanceIsDone() {
        Func exit = instance.func("proc_exit").orElseThrow();

        assertThatThrownBy(() -> exit.call(3)).isInstanceOfSatisfying(WasmTrap.class,
                trap -> assertThat(WasiCommand.exitStatus(trap)).isEqualTo(3));
        assertThatThrownBy(() -> call("fd_close", 1)).isInstanceOfSatisfying(WasmTrap.class,
                trap -> assertThat(trap.getCause()).hasMessageContaining("proc_exit"));
    }
}
