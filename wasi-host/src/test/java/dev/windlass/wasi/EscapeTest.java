package dev.windlass.wasi;

import static dev.windlass.wasi.GuestFileSystem.Backend.HOST_OPENAT2;
import static dev.windlass.wasi.GuestFileSystem.Backend.HOST_WALK;
import static dev.windlass.wasi.GuestFileSystem.Backend.IN_MEMORY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.windlass.wasi.GuestFileSystem.Backend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * A hostile guest tries to reach {@code secret/}, the sibling of its preopened directory (see
 * {@link GuestFileSystem} for the layout). Each attempt runs on each backend it applies to (the
 * host one through openat2 and through the user-space walk, the in-memory one), twice: aimed at
 * the canary, which exists, and at a name that does not. Both runs must fail with the same
 * errno, one of those Wasmtime gives (so nothing outside was looked at), and afterwards nothing
 * outside may have changed: no new file, the canary's content, modification time and link
 * count as they were.
 */
class EscapeTest {

    private static final long ALL = Rights.ALL;
    private static final int FOLLOW = Rights.LOOKUP_SYMLINK_FOLLOW;
    private static final Set<Backend> EVERY = EnumSet.allOf(Backend.class);
    private static final Set<Backend> HOST = EnumSet.of(HOST_OPENAT2, HOST_WALK);

    /** What an escape gets: ENOTCAPABLE here (Wasmtime's preview1 gives ENOTCAPABLE or EPERM). */
    private static final Errno[] ESCAPE = {Errno.ENOTCAPABLE, Errno.EPERM};

    @FunctionalInterface
    private interface Action {
        Errno apply(GuestFileSystem guest, String outside) throws IOException;
    }

    private record Attempt(String name, Set<Backend> backends, Action action, Errno... allowed) {
    }

    private static List<Attempt> attempts() {
        List<Attempt> attempts = new ArrayList<>();
        attempts.add(new Attempt("dot-dot at the start", EVERY,
                (g, o) -> g.open("../secret/" + o, 0, 0, ALL), ESCAPE));
        attempts.add(new Attempt("dot-dot in the middle", EVERY,
                (g, o) -> g.open("dir/../../secret/" + o, 0, 0, ALL), ESCAPE));
        attempts.add(new Attempt("in and out again, then up", EVERY,
                (g, o) -> g.open("dir/../dir/./../../secret/" + o, 0, 0, ALL), ESCAPE));
        attempts.add(new Attempt("a missing folder then two dot-dots", EVERY,
                (g, o) -> g.open("a/../../secret/" + o, 0, 0, ALL), Errno.ENOENT));
        attempts.add(new Attempt("absolute path to the outside file", EVERY,
                (g, o) -> g.open(g.absoluteSecret(o), 0, 0, ALL), ESCAPE));
        attempts.add(new Attempt("absolute path of the system", EVERY,
                (g, o) -> g.open(o.equals("canary") ? "/etc/passwd" : "/etc/absent", 0, 0, ALL), ESCAPE));
        attempts.add(new Attempt("dot-dot of the preopen", EVERY,
                (g, o) -> g.open(o.equals("canary") ? ".." : "../", 0, Rights.OFLAG_DIRECTORY, ALL), ESCAPE));
        attempts.add(new Attempt("dot-dot of a directory opened from the preopen", EVERY, (g, o) -> {
            assertThat(g.open("dir", 0, Rights.OFLAG_DIRECTORY, Rights.DIRECTORY_BASE)).isEqualTo(Errno.SUCCESS);
            return g.open(g.u32(GuestFileSystem.RESULT), "../../secret/" + o, 0, 0, ALL, 0);
        }, ESCAPE));
        attempts.add(new Attempt("host symlink to an absolute outside path", EVERY,
                (g, o) -> g.open("abs-" + o, FOLLOW, 0, ALL), ESCAPE));
        attempts.add(new Attempt("host symlink climbing out", EVERY,
                (g, o) -> g.open("rel-" + o, FOLLOW, 0, ALL), ESCAPE));
        attempts.add(new Attempt("symlink chain ending outside", EVERY,
                (g, o) -> g.open("chain-" + o, FOLLOW, 0, ALL), ESCAPE));
        attempts.add(new Attempt("symlink to an outside folder, in the middle of a path", EVERY,
                (g, o) -> g.open("outdir/" + o, 0, 0, ALL), ESCAPE));
        attempts.add(new Attempt("symlink to an outside folder, opened as a directory", EVERY,
                (g, o) -> g.open(o.equals("canary") ? "outdir" : "outdir/", FOLLOW, Rights.OFLAG_DIRECTORY, ALL),
                ESCAPE));
        attempts.add(new Attempt("symlink loop", EVERY,
                (g, o) -> g.open(o.equals("canary") ? "loop1" : "loop2", FOLLOW, 0, ALL), Errno.ELOOP));
        attempts.add(new Attempt("guest symlink pointing out, then opened", EVERY, (g, o) -> {
            assertThat(g.symlink("../secret/" + o, "mine")).isEqualTo(Errno.SUCCESS);
            return g.open("mine", FOLLOW, 0, ALL);
        }, ESCAPE));
        attempts.add(new Attempt("guest symlink pointing out, then stat-ed", EVERY, (g, o) -> {
            assertThat(g.symlink("dir/../../secret/" + o, "mine")).isEqualTo(Errno.SUCCESS);
            return g.stat("mine", FOLLOW);
        }, ESCAPE));
        attempts.add(new Attempt("guest symlink pointing out: readlink gives only its text", EVERY, (g, o) -> {
            assertThat(g.symlink("../secret/" + o, "mine")).isEqualTo(Errno.SUCCESS);
            assertThat(g.readlink("mine")).isEqualTo(Errno.SUCCESS);
            assertThat(new String(g.read(GuestFileSystem.BUFFER, g.u32(8)), StandardCharsets.UTF_8))
                    .isEqualTo("../secret/" + o);
            return g.readlink("mine/");
        }, ESCAPE));
        attempts.add(new Attempt("guest symlink pointing out: unlink removes the link only", EVERY, (g, o) -> {
            assertThat(g.symlink("../secret/" + o, "mine")).isEqualTo(Errno.SUCCESS);
            assertThat(g.onPath("path_unlink_file", "mine")).isEqualTo(Errno.SUCCESS);
            assertThat(Files.exists(g.sandbox.resolve("mine"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
            return g.onPath("path_unlink_file", "outdir/" + o);
        }, ESCAPE));
        attempts.add(new Attempt("guest symlink pointing out: rename moves the link only", EVERY, (g, o) -> {
            assertThat(g.symlink("../secret/" + o, "mine")).isEqualTo(Errno.SUCCESS);
            assertThat(g.rename("mine", "moved")).isEqualTo(Errno.SUCCESS);
            assertThat(Files.isSymbolicLink(g.sandbox.resolve("moved"))).isTrue();
            assertThat(g.rename("moved/", "again")).isEqualTo(Errno.ENOTDIR); // a slash does not follow it
            return g.open("moved", FOLLOW, 0, ALL);
        }, ESCAPE));
        attempts.add(new Attempt("guest symlink with an absolute target", EVERY,
                (g, o) -> g.symlink(g.absoluteSecret(o), "mine"), Errno.EPERM));
        attempts.add(new Attempt("path_filestat_get outside", EVERY,
                (g, o) -> g.stat("../secret/" + o, 0), ESCAPE));
        attempts.add(new Attempt("path_filestat_get through a symlink", EVERY,
                (g, o) -> g.stat("abs-" + o, FOLLOW), ESCAPE));
        attempts.add(new Attempt("path_filestat_set_times outside", EVERY,
                (g, o) -> g.setTimes("../secret/" + o, 0), ESCAPE));
        attempts.add(new Attempt("path_filestat_set_times through a symlink", EVERY,
                (g, o) -> g.setTimes("rel-" + o, FOLLOW), ESCAPE));
        attempts.add(new Attempt("path_filestat_set_times through a symlinked folder", EVERY,
                (g, o) -> g.setTimes("outdir/" + o, 0), ESCAPE));
        attempts.add(new Attempt("create a directory outside", EVERY,
                (g, o) -> g.onPath("path_create_directory", "../secret/new-" + o), ESCAPE));
        attempts.add(new Attempt("remove the outside directory", EVERY,
                (g, o) -> g.onPath("path_remove_directory", o.equals("canary") ? "../secret" : "../absent"), ESCAPE));
        attempts.add(new Attempt("unlink an outside file", EVERY,
                (g, o) -> g.onPath("path_unlink_file", "../secret/" + o), ESCAPE));
        attempts.add(new Attempt("rename out of the sandbox", EVERY,
                (g, o) -> g.rename("dir/inside", "../secret/stolen-" + o), ESCAPE));
        attempts.add(new Attempt("rename into the sandbox", EVERY,
                (g, o) -> g.rename("../secret/" + o, "taken"), ESCAPE));
        attempts.add(new Attempt("rename into the sandbox through a symlinked folder", EVERY,
                (g, o) -> g.rename("outdir/" + o, "taken"), ESCAPE));
        attempts.add(new Attempt("hard link to an outside file", EVERY,
                (g, o) -> g.link("../secret/" + o, 0, "hard"), ESCAPE));
        attempts.add(new Attempt("hard link from inside to outside", EVERY,
                (g, o) -> g.link("dir/inside", 0, "../secret/hard-" + o), ESCAPE));
        attempts.add(new Attempt("hard link through a symlinked folder", EVERY,
                (g, o) -> g.link("outdir/" + o, 0, "hard"), ESCAPE));
        attempts.add(new Attempt("hard link following a symlink out", EVERY,
                (g, o) -> g.link("abs-" + o, FOLLOW, "hard"), Errno.EINVAL));
        attempts.add(new Attempt("hard link of a symlink, then opened", EVERY, (g, o) -> {
            assertThat(g.link("rel-" + o, 0, "hard")).isEqualTo(Errno.SUCCESS);
            return g.open("hard", FOLLOW, 0, ALL);
        }, ESCAPE));
        attempts.add(new Attempt("readlink outside", EVERY,
                (g, o) -> g.readlink("../secret/" + o), ESCAPE));
        attempts.add(new Attempt("a path holding NUL", EVERY,
                (g, o) -> g.open("dir\0/../../secret/" + o, 0, 0, ALL), Errno.EINVAL));
        attempts.add(new Attempt("a path longer than PATH_MAX", EVERY,
                (g, o) -> g.open("dir/".repeat(1100) + "../".repeat(1101) + "secret/" + o, 0, 0, ALL),
                Errno.ENAMETOOLONG));
        attempts.add(new Attempt("a component longer than NAME_MAX", EVERY,
                (g, o) -> g.open("../secret/" + o + "x".repeat(300), 0, 0, ALL), Errno.ENAMETOOLONG));
        attempts.add(new Attempt("create through a dangling symlink pointing out", EVERY,
                (g, o) -> g.open("rel-" + o, FOLLOW, Rights.OFLAG_CREAT, ALL), ESCAPE));
        attempts.add(new Attempt("create through a dangling symlink without following", EVERY,
                (g, o) -> g.open("rel-" + o, 0, Rights.OFLAG_CREAT, ALL), Errno.ELOOP));
        attempts.add(new Attempt("fd_readdir of an outside folder", EVERY, (g, o) -> {
            assertThat(g.list(GuestFileSystem.DIR_FD)).doesNotContain("secret", "canary");
            return g.open(o.equals("canary") ? "outdir" : "rel-absent", FOLLOW, Rights.OFLAG_DIRECTORY,
                    Rights.FD_READDIR);
        }, ESCAPE));
        return attempts;
    }

    @TestFactory
    Stream<DynamicTest> everyEscapeAttemptFailsTheSameWayWhetherOrNotItsTargetExists() {
        assertThat(attempts()).hasSizeGreaterThanOrEqualTo(30);
        List<DynamicTest> tests = new ArrayList<>();
        for (Attempt attempt : attempts()) {
            for (Backend backend : attempt.backends()) {
                tests.add(DynamicTest.dynamicTest(attempt.name() + " [" + backend + "]", () -> run(attempt, backend)));
            }
        }
        return tests.stream();
    }

    private static void run(Attempt attempt, Backend backend) throws IOException {
        Errno[] results = new Errno[2];
        String[] outside = {"canary", "absent"};
        for (int i = 0; i < 2; i++) {
            try (GuestFileSystem guest = new GuestFileSystem(backend, false)) {
                results[i] = attempt.action().apply(guest, outside[i]);
                guest.assertOutsideUntouched();
            }
        }
        assertThat(results[0]).as("errno aimed at the canary").isIn((Object[]) attempt.allowed());
        assertThat(results[1]).as("errno aimed at a missing file equals the one at the canary")
                .isEqualTo(results[0]);
    }

    /** Every write a guest can attempt, on a read-only preopen: each refused, nothing changed. */
    @TestFactory
    Stream<DynamicTest> aReadOnlyPreopenRefusesEveryWrite() {
        return EVERY.stream().map(backend -> DynamicTest.dynamicTest(backend.toString(), () -> {
            try (GuestFileSystem g = new GuestFileSystem(backend, true)) {
                Set<String> before = GuestFileSystem.names(g.sandbox);
                Errno[] refused = {Errno.ENOTCAPABLE, Errno.EROFS};
                assertThat(g.open("new", 0, Rights.OFLAG_CREAT, ALL)).isIn((Object[]) refused);
                assertThat(g.open("dir/inside", 0, Rights.OFLAG_TRUNC, ALL)).isIn((Object[]) refused);
                assertThat(g.onPath("path_create_directory", "newdir")).isIn((Object[]) refused);
                assertThat(g.onPath("path_remove_directory", "dir")).isIn((Object[]) refused);
                assertThat(g.onPath("path_unlink_file", "dir/inside")).isIn((Object[]) refused);
                assertThat(g.rename("dir/inside", "moved")).isIn((Object[]) refused);
                assertThat(g.symlink("dir", "link")).isIn((Object[]) refused);
                assertThat(g.link("dir/inside", 0, "hard")).isIn((Object[]) refused);
                assertThat(g.setTimes("dir/inside", 0)).isIn((Object[]) refused);
                assertThat(g.call("fd_filestat_set_times", GuestFileSystem.DIR_FD, 1L, 1L, Rights.FST_MTIM))
                        .isIn((Object[]) refused);

                // Opening for writing gives a descriptor without the right to write.
                assertThat(g.open("dir/inside", 0, 0, ALL)).isEqualTo(Errno.SUCCESS);
                int fd = g.u32(GuestFileSystem.RESULT);
                g.write(100, "evil".getBytes(StandardCharsets.UTF_8));
                g.write(16, new byte[] {100, 0, 0, 0, 4, 0, 0, 0});
                assertThat(g.call("fd_write", fd, 16, 1, 8)).isIn((Object[]) refused);
                assertThat(g.call("fd_filestat_set_size", fd, 0L)).isIn((Object[]) refused);
                assertThat(g.call("fd_allocate", fd, 0L, 100L)).isIn((Object[]) refused);
                assertThat(g.call("fd_filestat_set_times", fd, 1L, 1L, Rights.FST_MTIM)).isIn((Object[]) refused);
                assertThat(g.readAll(fd)).isEqualTo("inside");

                assertThat(GuestFileSystem.names(g.sandbox)).isEqualTo(before);
                assertThat(Files.readString(g.sandbox.resolve("dir/inside"))).isEqualTo("inside");
                g.assertOutsideUntouched();
            }
        }));
    }

    /**
     * A host thread swaps {@code swap} between a folder and a symbolic link to the outside
     * folder while the guest opens {@code swap/canary} and {@code swap/} in a loop: every open
     * either fails or gives the inside file or folder, never the outside canary or folder. Host backend only: java.nio has no
     * directory handles, so the in-memory backend is for file systems only the guest changes.
     */
    @TestFactory
    Stream<DynamicTest> aSymlinkSwappedDuringOpenNeverLeadsOutside() {
        return HOST.stream().map(backend -> DynamicTest.dynamicTest(backend.toString(), () -> {
            try (GuestFileSystem g = new GuestFileSystem(backend, false)) {
                Path swap = g.sandbox.resolve("swap");
                Path stash = g.sandbox.resolve("swap-real");
                Path link = g.sandbox.resolve("swap-link");
                Files.createDirectory(swap);
                Files.writeString(swap.resolve("canary"), "inside");
                Files.writeString(swap.resolve("marker"), "inside");
                Files.createSymbolicLink(link, Path.of("../secret"));
                AtomicBoolean running = new AtomicBoolean(true);
                Thread swapper = Thread.ofPlatform().start(() -> {
                    java.nio.file.CopyOption atomic = java.nio.file.StandardCopyOption.ATOMIC_MOVE;
                    try {
                        while (running.get()) {
                            Files.move(swap, stash, atomic);   // the folder steps aside
                            Files.move(link, swap, atomic);    // the link to the outside takes its name
                            Files.move(swap, link, atomic);
                            Files.move(stash, swap, atomic);   // and back
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                int opened = 0;
                int refused = 0;
                try {
                    for (int i = 0; i < 4000; i++) {
                        // through the name in the middle of a path, and as the last name (with a slash)
                        boolean asDirectory = i % 2 == 1;
                        Errno result = asDirectory
                                ? g.open("swap/", FOLLOW, Rights.OFLAG_DIRECTORY, Rights.FD_READDIR)
                                : g.open("swap/canary", FOLLOW, 0, Rights.FD_READ);
                        if (result == Errno.SUCCESS) {
                            int fd = g.u32(GuestFileSystem.RESULT);
                            if (asDirectory) {
                                assertThat(g.list(fd)).contains("marker");
                            } else {
                                assertThat(g.readAll(fd)).isEqualTo("inside");
                            }
                            assertThat(g.call("fd_close", fd)).isEqualTo(Errno.SUCCESS);
                            opened++;
                        } else {
                            assertThat(result).isIn(Errno.ENOTCAPABLE, Errno.ENOENT, Errno.ENOTDIR, Errno.ELOOP);
                            refused++;
                        }
                    }
                } finally {
                    running.set(false);
                    swapper.join();
                }
                assertThat(opened).as("opens that found the inside folder").isPositive();
                assertThat(refused).as("opens that met the link to the outside").isPositive();
                g.assertOutsideUntouched();
            }
        }));
    }
}
