package dev.windlass.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.windlass.wasi.GuestFileSystem.Backend;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** File descriptors beyond what the testsuite covers, on every backend: poll readiness and readdir cookies. */
class FileCallsTest {

    private static Stream<DynamicTest> onEveryBackend(String name, ThrowingTest test) {
        return EnumSet.allOf(Backend.class).stream().map(backend -> DynamicTest.dynamicTest(name + " [" + backend + "]",
                () -> {
                    try (GuestFileSystem guest = new GuestFileSystem(backend, false)) {
                        test.run(guest);
                    }
                }));
    }

    @FunctionalInterface
    private interface ThrowingTest {
        void run(GuestFileSystem guest) throws Exception;
    }

    @TestFactory
    Stream<DynamicTest> aFileIsAlwaysReadyToPollWithTheBytesAfterItsPosition() {
        return onEveryBackend("poll", g -> {
            assertThat(g.open("dir/inside", 0, 0, Rights.FD_READ | Rights.FD_WRITE | Rights.POLL_FD_READWRITE))
                    .isEqualTo(Errno.SUCCESS);
            int fd = g.u32(GuestFileSystem.RESULT);
            ByteBuffer subscriptions = ByteBuffer.allocate(96).order(ByteOrder.LITTLE_ENDIAN);
            subscriptions.putLong(0, 11).put(8, (byte) 1).putInt(16, fd);   // FD_READ
            subscriptions.putLong(48, 22).put(56, (byte) 2).putInt(64, fd); // FD_WRITE
            g.write(1000, subscriptions.array());
            assertThat(g.call("poll_oneoff", 1000, 2000, 2, 8)).isEqualTo(Errno.SUCCESS);
            assertThat(g.u32(8)).isEqualTo(2);
            ByteBuffer events = ByteBuffer.wrap(g.read(2000, 64)).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(events.getLong(0)).isEqualTo(11);
            assertThat(events.getShort(8)).isZero();
            assertThat(events.getLong(16)).as("bytes to read").isEqualTo("inside".length());
            assertThat(events.getLong(32)).isEqualTo(22);
            assertThat(events.getShort(40)).isZero();
        });
    }

    @TestFactory
    Stream<DynamicTest> readdirContinuesFromTheCookieOfACutEntry() {
        return onEveryBackend("readdir", g -> {
            java.util.Set<String> all = g.list(GuestFileSystem.DIR_FD);
            assertThat(all).contains(".", "..", "dir", "outdir", "loop1");
            // A 40-byte buffer holds "." (25 bytes) and part of ".."; ask again from the cut entry's cookie.
            java.util.Set<String> seen = new java.util.TreeSet<>();
            long cookie = 0;
            for (int round = 0; round < 100; round++) {
                assertThat(g.call("fd_readdir", GuestFileSystem.DIR_FD, GuestFileSystem.BUFFER, 40, cookie, 8))
                        .isEqualTo(Errno.SUCCESS);
                int used = g.u32(8);
                ByteBuffer entries = ByteBuffer.wrap(g.read(GuestFileSystem.BUFFER, used)).order(ByteOrder.LITTLE_ENDIAN);
                int at = 0;
                while (at + 24 <= used && at + 24 + entries.getInt(at + 16) <= used) {
                    int length = entries.getInt(at + 16);
                    seen.add(new String(g.read(GuestFileSystem.BUFFER + at + 24, length),
                            java.nio.charset.StandardCharsets.UTF_8));
                    cookie = entries.getLong(at);
                    at += 24 + length;
                }
                if (used < 40) {
                    break;
                }
            }
            assertThat(seen).isEqualTo(all);
        });
    }

    @TestFactory
    Stream<DynamicTest> pathFilestatGetWritesEachVersionsLayout() {
        return onEveryBackend("filestat", g -> {
            assertThat(g.stat("dir/inside", 0)).isEqualTo(Errno.SUCCESS);
            ByteBuffer preview1 = ByteBuffer.wrap(g.read(64, 64)).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(preview1.get(16)).isEqualTo((byte) Filetype.REGULAR_FILE.ordinal());
            assertThat(preview1.getLong(24)).as("nlink").isEqualTo(1);
            assertThat(preview1.getLong(32)).as("size").isEqualTo(6);
            long mtime = preview1.getLong(48);
            assertThat(mtime).isPositive();

            g.write(64, new byte[64]);
            g.write(4096, "dir/inside".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(g.call("unstable_path_filestat_get", GuestFileSystem.DIR_FD, 0, 4096, 10, 64))
                    .isEqualTo(Errno.SUCCESS);
            ByteBuffer unstable = ByteBuffer.wrap(g.read(64, 64)).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(unstable.get(16)).isEqualTo((byte) Filetype.REGULAR_FILE.ordinal());
            assertThat(unstable.getInt(20)).as("nlink u32").isEqualTo(1);
            assertThat(unstable.getLong(24)).as("size").isEqualTo(6);
            assertThat(unstable.getLong(40)).as("mtim").isEqualTo(mtime);
            assertThat(unstable.getLong(56)).as("past the 56-byte struct").isZero();
        });
    }

    @TestFactory
    Stream<DynamicTest> hostileIovecCountsAndPointersAreEfaultBeforeAnyAllocation() {
        return onEveryBackend("iovecs", g -> {
            assertThat(g.open("dir/inside", 0, 0, Rights.FD_READ | Rights.FD_WRITE)).isEqualTo(Errno.SUCCESS);
            int fd = g.u32(GuestFileSystem.RESULT);
            assertThat(g.call("fd_read", fd, 16, 0x7FFF_FFFF, 8)).isEqualTo(Errno.EFAULT);
            assertThat(g.call("fd_write", fd, 16, 0x7FFF_FFFF, 8)).isEqualTo(Errno.EFAULT);
            assertThat(g.call("fd_read", fd, 16, -1, 8)).isEqualTo(Errno.EFAULT);
            g.write(16, new byte[] {(byte) 0xF8, (byte) 0xFF, 0x01, 0, 16, 0, 0, 0}); // 8 bytes past the 2 pages
            assertThat(g.call("fd_read", fd, 16, 1, 8)).isEqualTo(Errno.EFAULT);
            assertThat(g.call("fd_read", fd, 16, 1, -4)).isEqualTo(Errno.EFAULT);
            assertThat(g.readAll(fd)).isEqualTo("inside"); // nothing was consumed
            assertThat(g.open("a/".repeat(50_000), 0, 0, Rights.FD_READ)).isEqualTo(Errno.ENAMETOOLONG);
        });
    }
}
