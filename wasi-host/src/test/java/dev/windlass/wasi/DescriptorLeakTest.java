package dev.windlass.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Host descriptors never outlive what the guest holds: counted in {@code /proc/self/fd}, as
 * links into this test's folder, after fd_close, fd_renumber, {@link WasiPreview1#close()} and a
 * forgotten WasiPreview1 reclaimed by its Cleaner.
 */
class DescriptorLeakTest {

    /** {@return how many of this process's descriptors point into {@code folder}} */
    private static long openInto(Path folder) throws IOException {
        String prefix = folder.toRealPath().toString();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith(prefix);
                } catch (IOException e) {
                    return false; // closed while listing
                }
            }).count();
        }
    }

    @Test
    void closeRenumberAndWasiCloseReleaseEveryHostDescriptor() throws IOException {
        try (GuestFileSystem g = new GuestFileSystem(GuestFileSystem.Backend.HOST_OPENAT2, false)) {
            long start = openInto(g.top);
            assertThat(start).as("the preopen").isEqualTo(1);
            int[] fds = new int[50];
            for (int i = 0; i < fds.length; i++) {
                assertThat(g.open("dir/inside", 0, 0, Rights.FD_READ)).isEqualTo(Errno.SUCCESS);
                fds[i] = g.u32(GuestFileSystem.RESULT);
            }
            assertThat(openInto(g.top)).isEqualTo(start + 50);
            for (int i = 0; i < 25; i++) {
                assertThat(g.call("fd_close", fds[i])).isEqualTo(Errno.SUCCESS);
            }
            assertThat(openInto(g.top)).isEqualTo(start + 25);
            for (int i = 25; i < 49; i += 2) {
                assertThat(g.call("fd_renumber", fds[i], fds[i + 1])).isEqualTo(Errno.SUCCESS);
            }
            assertThat(openInto(g.top)).isEqualTo(start + 13);
            g.wasi.close();
            assertThat(openInto(g.top)).isZero();
            assertThat(g.call("fd_close", GuestFileSystem.DIR_FD)).isEqualTo(Errno.EBADF);
        }
    }

    @Test
    void aForgottenWasiPreview1IsReclaimedByItsCleaner() throws Exception {
        Path folder = Files.createTempDirectory("wasi-forgotten");
        try {
            for (int i = 0; i < 20; i++) {
                new WasiPreview1(WasiConfig.builder().preopen(folder, "/").build());
            }
            assertThat(openInto(folder)).isPositive();
            for (int i = 0; i < 100 && openInto(folder) > 0; i++) {
                System.gc();
                Thread.sleep(50);
            }
            assertThat(openInto(folder)).isZero();
        } finally {
            Files.delete(folder);
        }
    }

    @Test
    void aPreopenThatIsNotADirectoryFailsTheConstructorAndLeaksNothing() throws IOException {
        Path folder = Files.createTempDirectory("wasi-bad-preopen");
        try {
            Path file = Files.writeString(folder.resolve("file"), "x");
            WasiConfig config = WasiConfig.builder().preopen(folder, "/ok").preopen(file, "/bad").build();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new WasiPreview1(config))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(openInto(folder)).isZero();
            Files.delete(file);
        } finally {
            Files.delete(folder);
        }
    }
}
