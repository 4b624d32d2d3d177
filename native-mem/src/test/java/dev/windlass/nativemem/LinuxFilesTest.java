package dev.windlass.nativemem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxFilesTest {

    private static final long BENEATH = LinuxFiles.RESOLVE_BENEATH | LinuxFiles.RESOLVE_NO_MAGICLINKS;

    @TempDir
    Path temp;

    private int openRoot() throws Exception {
        Files.createDirectories(temp.resolve("root"));
        return LinuxFiles.openat(LinuxFiles.AT_FDCWD, temp.resolve("root").toString(),
                LinuxFiles.O_RDONLY | LinuxFiles.O_DIRECTORY, 0);
    }

    @Test
    void openat2BeneathRefusesEveryWayOutWithExdev() throws Exception {
        Files.writeString(temp.resolve("secret"), "secret");
        int root = openRoot();
        try {
            Files.createSymbolicLink(temp.resolve("root/absolute"), temp.resolve("secret"));
            Files.createSymbolicLink(temp.resolve("root/relative"), Path.of("../secret"));
            for (String path : new String[] {"..", "../secret", "/etc/passwd", "absolute", "relative"}) {
                assertThatThrownBy(() -> LinuxFiles.openat2(root, path, LinuxFiles.O_RDONLY, 0, BENEATH))
                        .as(path).isInstanceOfSatisfying(SyscallException.class,
                                e -> assertThat(e.errno()).isEqualTo(LinuxFiles.EXDEV));
            }
        } finally {
            LinuxFiles.close(root);
        }
    }

    @Test
    void filesAreWrittenReadStatedListedAndRemovedThroughTheirDirectory() throws Exception {
        int root = openRoot();
        try (Arena arena = Arena.ofConfined()) {
            LinuxFiles.mkdirat(root, "dir", 0755);
            int file = LinuxFiles.openat2(root, "dir/file", LinuxFiles.O_RDWR | LinuxFiles.O_CREAT, 0644, BENEATH);
            MemorySegment data = arena.allocateFrom("hello", StandardCharsets.UTF_8).asSlice(0, 5);
            assertThat(LinuxFiles.write(file, data)).isEqualTo(5);
            MemorySegment back = arena.allocate(5);
            assertThat(LinuxFiles.pread(file, back, 0)).isEqualTo(5);
            assertThat(new String(back.toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(LinuxFiles.fstat(file).size()).isEqualTo(5);
            LinuxFiles.close(file);

            LinuxFiles.symlinkat("file", root, "dir/link");
            assertThat(new String(LinuxFiles.readlinkat(root, "dir/link"), StandardCharsets.UTF_8)).isEqualTo("file");
            assertThat(LinuxFiles.fstatat(root, "dir/link", LinuxFiles.AT_SYMLINK_NOFOLLOW).isSymbolicLink()).isTrue();
            int dir = LinuxFiles.openat2(root, "dir", LinuxFiles.O_RDONLY | LinuxFiles.O_DIRECTORY, 0, BENEATH);
            assertThat(LinuxFiles.readDirectory(dir)).extracting(e -> new String(e.name(), StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder(".", "..", "file", "link");
            LinuxFiles.close(dir);
            LinuxFiles.unlinkat(root, "dir/link", 0);
            LinuxFiles.unlinkat(root, "dir/file", 0);
            LinuxFiles.unlinkat(root, "dir", LinuxFiles.AT_REMOVEDIR);
            assertThat(Files.exists(temp.resolve("root/dir"))).isFalse();
        } finally {
            LinuxFiles.close(root);
        }
    }

    @Test
    void aPathWithNulFailsWithEinvalBeforeAnyCall() throws Exception {
        int root = openRoot();
        try {
            assertThatThrownBy(() -> LinuxFiles.mkdirat(root, "a\0b", 0755))
                    .isInstanceOfSatisfying(SyscallException.class, e -> assertThat(e.errno()).isEqualTo(22));
            assertThat(Files.exists(temp.resolve("root/a"))).isFalse();
        } finally {
            LinuxFiles.close(root);
        }
    }

    @Test
    void closingAClosedDescriptorFailsWithEbadf() {
        assertThatThrownBy(() -> LinuxFiles.close(987_654))
                .isInstanceOfSatisfying(SyscallException.class, e -> assertThat(e.errno()).isEqualTo(9));
    }
}
