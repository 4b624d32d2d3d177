package dev.windlass.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.windlass.sandbox.Engine;
import dev.windlass.sandbox.Instance;
import dev.windlass.sandbox.Linker;
import dev.windlass.sandbox.Memory;
import dev.windlass.sandbox.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A hostile guest's view of a sandbox, for {@link EscapeTest}: a folder {@code top} holding
 * {@code sandbox/} (preopened as {@code /}, fd 3) and its sibling {@code secret/} with a
 * {@code canary} file of known content and modification time, on one {@link Backend}. The guest
 * is {@code wat/fs.wasm}, which re-exports every file system function, so each call is made
 * with exactly the paths and flags an attacker would choose.
 *
 * <pre>
 *   top/secret/canary                       "canary", mtime 2001-09-09
 *   top/sandbox/dir/inside                  "inside"
 *   top/sandbox/rel-NAME   -> ../secret/NAME          (NAME: canary, which exists, and absent)
 *   top/sandbox/abs-NAME   -> /.../top/secret/NAME
 *   top/sandbox/chain-NAME -> chain2-NAME -> rel-NAME
 *   top/sandbox/outdir     -> ../secret
 *   top/sandbox/loop1 -> loop2 -> loop1
 * </pre>
 */
final class GuestFileSystem implements AutoCloseable {

    enum Backend { HOST_OPENAT2, HOST_WALK, IN_MEMORY }

    static final int DIR_FD = 3;
    static final FileTime CANARY_TIME = FileTime.from(Instant.ofEpochSecond(1_000_000_000L));
    static final byte[] CANARY = "canary".getBytes(StandardCharsets.UTF_8);

    private static final Engine ENGINE = Engine.create();
    private static final byte[] MODULE = load();
    private static final int PATH_A = 4096;
    private static final int PATH_B = 20_000;
    static final int RESULT = 0;
    static final int BUFFER = 40_000;

    final Backend backend;
    final Path top;
    final Path sandbox;
    final Path secret;
    private final Path cleanup;
    private final Store store;
    final WasiPreview1 wasi;
    private final Instance instance;
    private final Memory memory;

    GuestFileSystem(Backend backend, boolean readOnly) throws IOException {
        this.backend = backend;
        if (backend == Backend.IN_MEMORY) {
            cleanup = null;
            top = InMemoryDirectories.create().resolve("top");
            Files.createDirectory(top);
        } else {
            cleanup = Files.createTempDirectory("wasi-escape");
            top = cleanup.toRealPath();
        }
        sandbox = Files.createDirectory(top.resolve("sandbox"));
        secret = Files.createDirectory(top.resolve("secret"));
        Files.write(secret.resolve("canary"), CANARY);
        Files.setLastModifiedTime(secret.resolve("canary"), CANARY_TIME);
        Files.createDirectory(sandbox.resolve("dir"));
        Files.writeString(sandbox.resolve("dir/inside"), "inside");
        for (String name : new String[] {"canary", "absent"}) {
            Files.createSymbolicLink(sandbox.resolve("rel-" + name), top.getFileSystem().getPath("../secret/" + name));
            Files.createSymbolicLink(sandbox.resolve("abs-" + name), secret.resolve(name).toAbsolutePath());
            Files.createSymbolicLink(sandbox.resolve("chain2-" + name), top.getFileSystem().getPath("rel-" + name));
            Files.createSymbolicLink(sandbox.resolve("chain-" + name), top.getFileSystem().getPath("chain2-" + name));
        }
        Files.createSymbolicLink(sandbox.resolve("outdir"), top.getFileSystem().getPath("../secret"));
        Files.createSymbolicLink(sandbox.resolve("loop1"), top.getFileSystem().getPath("loop2"));
        Files.createSymbolicLink(sandbox.resolve("loop2"), top.getFileSystem().getPath("loop1"));

        WasiConfig.Builder config = WasiConfig.builder().args("fs");
        if (readOnly) {
            config.preopenReadOnly(sandbox, "/");
        } else {
            config.preopen(sandbox, "/");
        }
        store = Store.create(ENGINE);
        wasi = new WasiPreview1(config.build(), backend != Backend.HOST_WALK);
        instance = wasi.define(new Linker()).instantiate(store, ENGINE.compile(MODULE));
        memory = instance.memory("memory").orElseThrow();
    }

    private static byte[] load() {
        try (InputStream in = GuestFileSystem.class.getResourceAsStream("/wat/fs.wasm")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        wasi.close();
        store.close();
        if (cleanup != null) {
            WasiTestsuiteTest.deleteTree(cleanup);
        }
    }

    /** {@return the absolute host path of {@code name} in secret/, as the guest would spell it} */
    String absoluteSecret(String name) {
        return secret.resolve(name).toAbsolutePath().toString();
    }

    Errno call(String function, long... args) {
        int code = instance.func(function).orElseThrow().callI32(args);
        return Errno.values()[code];
    }

    /** Writes {@code text} (UTF-8) at {@code address}; {@return its length in bytes} */
    private int put(int address, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        memory.write(address, bytes);
        return bytes.length;
    }

    int u32(int address) {
        return ByteBuffer.wrap(memory.read(address, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    byte[] read(int address, int length) {
        return memory.read(address, length);
    }

    void write(int address, byte[] bytes) {
        memory.write(address, bytes);
    }

    /** {@code path_open} beneath fd {@code dir}; the new fd is at {@link #RESULT}. */
    Errno open(int dir, String path, int lookupFlags, int oflags, long rights, int fdflags) {
        int length = put(PATH_A, path);
        return call("path_open", dir, lookupFlags, PATH_A, length, oflags, rights, rights, fdflags, RESULT);
    }

    Errno open(String path, int lookupFlags, int oflags, long rights) {
        return open(DIR_FD, path, lookupFlags, oflags, rights, 0);
    }

    Errno stat(String path, int lookupFlags) {
        return call("path_filestat_get", DIR_FD, lookupFlags, PATH_A, put(PATH_A, path), 64);
    }

    Errno setTimes(String path, int lookupFlags) {
        return call("path_filestat_set_times", DIR_FD, lookupFlags, PATH_A, put(PATH_A, path), 5_000_000_000L,
                5_000_000_000L, Rights.FST_ATIM | Rights.FST_MTIM);
    }

    Errno onPath(String function, String path) {
        return call(function, DIR_FD, PATH_A, put(PATH_A, path));
    }

    Errno readlink(String path) {
        return call("path_readlink", DIR_FD, PATH_A, put(PATH_A, path), BUFFER, 1024, 8);
    }

    Errno symlink(String target, String path) {
        int targetLength = put(PATH_A, target);
        return call("path_symlink", PATH_A, targetLength, DIR_FD, PATH_B, put(PATH_B, path));
    }

    Errno link(String from, int lookupFlags, String to) {
        int fromLength = put(PATH_A, from);
        return call("path_link", DIR_FD, lookupFlags, PATH_A, fromLength, DIR_FD, PATH_B, put(PATH_B, to));
    }

    Errno rename(String from, String to) {
        int fromLength = put(PATH_A, from);
        return call("path_rename", DIR_FD, PATH_A, fromLength, DIR_FD, PATH_B, put(PATH_B, to));
    }

    /** {@return the names fd_readdir gives for {@code fd}} */
    Set<String> list(int fd) {
        assertThat(call("fd_readdir", fd, BUFFER, 8192, 0L, 8)).isEqualTo(Errno.SUCCESS);
        int used = u32(8);
        ByteBuffer entries = ByteBuffer.wrap(memory.read(BUFFER, used)).order(ByteOrder.LITTLE_ENDIAN);
        Set<String> names = new TreeSet<>();
        while (entries.remaining() >= 24) {
            int nameLength = entries.getInt(entries.position() + 16);
            byte[] name = new byte[nameLength];
            entries.position(entries.position() + 24);
            entries.get(name);
            names.add(new String(name, StandardCharsets.UTF_8));
        }
        return names;
    }

    /** {@return the guest's reading of the whole file open at {@code fd}} */
    String readAll(int fd) {
        memory.write(16, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(BUFFER).putInt(4096).array());
        assertThat(call("fd_read", fd, 16, 1, 8)).isEqualTo(Errno.SUCCESS);
        return new String(memory.read(BUFFER, u32(8)), StandardCharsets.UTF_8);
    }

    /** Checks that nothing outside the sandbox changed: no new file, the canary's content and time. */
    void assertOutsideUntouched() throws IOException {
        assertThat(names(top)).containsExactlyInAnyOrder("sandbox", "secret");
        assertThat(names(secret)).containsExactly("canary");
        Path canary = secret.resolve("canary");
        assertThat(Files.isRegularFile(canary, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(Files.readAllBytes(canary)).isEqualTo(CANARY);
        assertThat(Files.getLastModifiedTime(canary, LinkOption.NOFOLLOW_LINKS)).isEqualTo(CANARY_TIME);
        assertThat(((Number) Files.getAttribute(canary, "unix:nlink", LinkOption.NOFOLLOW_LINKS)).intValue())
                .as("hard links to the canary").isEqualTo(1);
    }

    static Set<String> names(Path directory) throws IOException {
        try (Stream<Path> children = Files.list(directory)) {
            return children.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
