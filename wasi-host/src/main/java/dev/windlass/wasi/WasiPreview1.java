package dev.windlass.wasi;

import dev.windlass.sandbox.HostCall;
import dev.windlass.sandbox.Linker;
import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import dev.windlass.nativemem.SyscallException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One WASI guest's host: every {@code wasi_snapshot_preview1} function, and the same under
 * {@code wasi_unstable} with that version's layouts ({@link WasiAbi}), defined on a
 * {@link Linker} for one guest instance.
 *
 * <pre>{@code
 * try (WasiPreview1 wasi = new WasiPreview1(WasiConfig.builder().args("app", "--fast")
 *         .preopen(Path.of("data"), "/data").inheritStdio().build())) {
 *     wasi.define(linker);
 *     int status = WasiCommand.run(linker, store, module);
 * }
 * }</pre>
 *
 * <p>Each function returns an {@link Errno} to the guest; nothing it meets (a bad pointer, an
 * unknown descriptor, an I/O error, a path that leads out of its directories) becomes a Java
 * exception in Wasm. {@code proc_exit} ends the Wasm call with {@link WasiExit}. The guest's
 * memory is its export {@code "memory"}.
 *
 * <p><b>Files.</b> The guest reaches the file system only through the preopened directories of
 * its {@link WasiConfig} (fds 3, 4, ... in order; read-only ones refuse every change). Each is a
 * capability: paths are resolved beneath it and never above, by the kernel's
 * {@code openat2(RESOLVE_BENEATH)} for a directory of the default file system on Linux (with a
 * race-free user-space walk on kernels before 5.6), or component by component for any other
 * {@link java.nio.file.FileSystem} (an in-memory one: {@link InMemoryDirectories}). Errno values,
 * rights and layouts follow Wasmtime's preview1.
 *
 * <p>The host keeps native descriptors open for the guest's open files: {@link #close()} it
 * when the guest is done (a {@link java.lang.ref.Cleaner} closes them if it is forgotten, late).
 * The constructor opens the preopened directories, and fails with IllegalArgumentException if
 * one cannot be opened as a directory.
 */
public final class WasiPreview1 implements AutoCloseable {

    private static final Cleaner CLEANER = Cleaner.create();

    private final FdTable fds = new FdTable();
    private final ProcessCalls process;
    private final Cleaner.Cleanable cleanable;
    private volatile boolean exited;

    public WasiPreview1(WasiConfig config) {
        this(config, true);
    }

    /** @param kernelResolution false to resolve host paths with the user-space walk even where openat2 exists (tests) */
    WasiPreview1(WasiConfig config, boolean kernelResolution) {
        Objects.requireNonNull(config, "config");
        this.process = new ProcessCalls(config);
        fds.put(0, StdioStream.input(config.stdin()));
        fds.put(1, StdioStream.output(config.stdout()));
        fds.put(2, StdioStream.output(config.stderr()));
        FdTable table = fds;
        this.cleanable = CLEANER.register(this, table::closeAll);
        try {
            int fd = 3;
            for (WasiConfig.Preopen preopen : config.preopens()) {
                fds.put(fd++, Preopens.open(preopen, kernelResolution));
            }
        } catch (RuntimeException e) {
            cleanable.clean();
            throw e;
        }
    }

    /**
     * Closes every descriptor the guest holds, preopens included, releasing their native file
     * descriptors. Call it once the guest instance is done; later calls do nothing, and the
     * guest's file calls then fail with EBADF.
     */
    @Override
    public void close() {
        cleanable.clean();
    }

    /** {@return whether the guest called {@code proc_exit}} */
    public boolean exited() {
        return exited;
    }

    /** Defines every function under both module names on {@code linker}; {@return the linker} */
    public Linker define(Linker linker) {
        for (WasiAbi abi : WasiAbi.values()) {
            defineAll(linker, abi);
        }
        return linker;
    }

    /** A WASI function's body: reads its arguments from the call, {@return the errno} */
    @FunctionalInterface
    private interface Body {
        Errno call(HostCall call, GuestMemory memory) throws IOException;
    }

    private void defineAll(Linker linker, WasiAbi abi) {
        FdCalls fd = new FdCalls(fds, abi);
        PollCalls poll = new PollCalls(fds, abi);
        PathCalls path = new PathCalls(fds, abi);
        SocketCalls socket = new SocketCalls(fds);
        Definer d = new Definer(linker, abi.moduleName());

        d.define("args_get", "ii", (c, m) -> process.argsGet(m, c.i32(0), c.i32(1)));
        d.define("args_sizes_get", "ii", (c, m) -> process.argsSizesGet(m, c.i32(0), c.i32(1)));
        d.define("environ_get", "ii", (c, m) -> process.environGet(m, c.i32(0), c.i32(1)));
        d.define("environ_sizes_get", "ii", (c, m) -> process.environSizesGet(m, c.i32(0), c.i32(1)));
        d.define("clock_res_get", "ii", (c, m) -> process.clockResGet(m, c.i32(0), c.i32(1)));
        d.define("clock_time_get", "iIi", (c, m) -> process.clockTimeGet(m, c.i32(0), c.i32(2)));
        d.define("random_get", "ii", (c, m) -> process.randomGet(m, c.i32(0), c.i32(1)));
        d.define("sched_yield", "", (c, m) -> ProcessCalls.schedYield());
        d.define("proc_raise", "i", (c, m) -> Errno.ENOTSUP);
        d.define("poll_oneoff", "iiii", (c, m) -> poll.pollOneoff(m, c.i32(0), c.i32(1), c.i32(2), c.i32(3)));
        d.defineExit();

        d.define("fd_write", "iiii", (c, m) -> fd.write(m, c.i32(0), c.i32(1), c.i32(2), c.i32(3)));
        d.define("fd_read", "iiii", (c, m) -> fd.read(m, c.i32(0), c.i32(1), c.i32(2), c.i32(3)));
        d.define("fd_pread", "iiiIi", (c, m) -> fd.pread(m, c.i32(0), c.i32(1), c.i32(2), c.i64(3), c.i32(4)));
        d.define("fd_pwrite", "iiiIi", (c, m) -> fd.pwrite(m, c.i32(0), c.i32(1), c.i32(2), c.i64(3), c.i32(4)));
        d.define("fd_seek", "iIii", (c, m) -> fd.seek(m, c.i32(0), c.i64(1), c.i32(2), c.i32(3)));
        d.define("fd_tell", "ii", (c, m) -> fd.tell(m, c.i32(0), c.i32(1)));
        d.define("fd_close", "i", (c, m) -> fd.close(c.i32(0)));
        d.define("fd_renumber", "ii", (c, m) -> fd.renumber(c.i32(0), c.i32(1)));
        d.define("fd_fdstat_get", "ii", (c, m) -> fd.fdstatGet(m, c.i32(0), c.i32(1)));
        d.define("fd_fdstat_set_flags", "ii", (c, m) -> fd.fdstatSetFlags(c.i32(0), c.i32(1)));
        d.define("fd_fdstat_set_rights", "iII", (c, m) -> fd.fdstatSetRights(c.i32(0), c.i64(1), c.i64(2)));
        d.define("fd_filestat_get", "ii", (c, m) -> fd.filestatGet(m, c.i32(0), c.i32(1)));
        d.define("fd_filestat_set_size", "iI", (c, m) -> fd.filestatSetSize(c.i32(0), c.i64(1)));
        d.define("fd_filestat_set_times", "iIIi",
                (c, m) -> fd.filestatSetTimes(c.i32(0), c.i64(1), c.i64(2), c.i32(3)));
        d.define("fd_allocate", "iII", (c, m) -> fd.allocate(c.i32(0), c.i64(1), c.i64(2)));
        d.define("fd_advise", "iIIi", (c, m) -> fd.advise(c.i32(0), c.i64(1), c.i64(2), c.i32(3)));
        d.define("fd_sync", "i", (c, m) -> fd.sync(c.i32(0), false));
        d.define("fd_datasync", "i", (c, m) -> fd.sync(c.i32(0), true));
        d.define("fd_prestat_get", "ii", (c, m) -> fd.prestatGet(m, c.i32(0), c.i32(1)));
        d.define("fd_prestat_dir_name", "iii", (c, m) -> fd.prestatDirName(m, c.i32(0), c.i32(1), c.i32(2)));
        d.define("fd_readdir", "iiiIi", (c, m) -> fd.readdir(m, c.i32(0), c.i32(1), c.i32(2), c.i64(3), c.i32(4)));

        d.define("path_create_directory", "iii", (c, m) -> path.createDirectory(m, c.i32(0), c.i32(1), c.i32(2)));
        d.define("path_remove_directory", "iii", (c, m) -> path.removeDirectory(m, c.i32(0), c.i32(1), c.i32(2)));
        d.define("path_unlink_file", "iii", (c, m) -> path.unlinkFile(m, c.i32(0), c.i32(1), c.i32(2)));
        d.define("path_filestat_get", "iiiii",
                (c, m) -> path.filestatGet(m, c.i32(0), c.i32(1), c.i32(2), c.i32(3), c.i32(4)));
        d.define("path_filestat_set_times", "iiiiIIi", (c, m) -> path.filestatSetTimes(m, c.i32(0), c.i32(1),
                c.i32(2), c.i32(3), c.i64(4), c.i64(5), c.i32(6)));
        d.define("path_open", "iiiiiIIii", (c, m) -> path.open(m, c.i32(0), c.i32(1), c.i32(2), c.i32(3),
                c.i32(4), c.i64(5), c.i64(6), c.i32(7), c.i32(8)));
        d.define("path_readlink", "iiiiii",
                (c, m) -> path.readlink(m, c.i32(0), c.i32(1), c.i32(2), c.i32(3), c.i32(4), c.i32(5)));
        d.define("path_symlink", "iiiii",
                (c, m) -> path.symlink(m, c.i32(0), c.i32(1), c.i32(2), c.i32(3), c.i32(4)));
        d.define("path_link", "iiiiiii", (c, m) -> path.link(m, c.i32(0), c.i32(1), c.i32(2), c.i32(3), c.i32(4),
                c.i32(5), c.i32(6)));
        d.define("path_rename", "iiiiii",
                (c, m) -> path.rename(m, c.i32(0), c.i32(1), c.i32(2), c.i32(3), c.i32(4), c.i32(5)));

        d.define("sock_accept", "iii", (c, m) -> socket.onSocket(c.i32(0)));
        d.define("sock_recv", "iiiiii", (c, m) -> socket.onSocket(c.i32(0)));
        d.define("sock_send", "iiiii", (c, m) -> socket.onSocket(c.i32(0)));
        d.define("sock_shutdown", "ii", (c, m) -> socket.onSocket(c.i32(0)));
    }

    /** Defines functions of one module name, from a parameter shorthand: {@code i} = i32, {@code I} = i64. */
    private final class Definer {
        private final Linker linker;
        private final String module;

        Definer(Linker linker, String module) {
            this.linker = linker;
            this.module = module;
        }

        void define(String name, String params, Body body) {
            linker.define(module, name, new FuncType(types(params), List.of(ValType.I32)), call -> {
                checkRunning();
                Errno result;
                try {
                    result = body.call(call, new GuestMemory(call));
                } catch (WasiError e) {
                    result = e.errno();
                } catch (SyscallException e) {
                    result = HostErrors.errno(e.errno());
                } catch (IOException | UncheckedIOException e) {
                    result = Errno.EIO;
                }
                call.setI32(0, result.code());
            });
        }

        void defineExit() {
            linker.define(module, "proc_exit", new FuncType(List.of(ValType.I32), List.of()), call -> {
                checkRunning();
                exited = true;
                throw new WasiExit(call.i32(0));
            });
        }

        private static List<ValType> types(String params) {
            List<ValType> types = new ArrayList<>(params.length());
            for (char c : params.toCharArray()) {
                types.add(c == 'I' ? ValType.I64 : ValType.I32);
            }
            return types;
        }
    }

    private void checkRunning() {
        if (exited) {
            throw new IllegalStateException("the guest called proc_exit; its instance must not run again");
        }
    }
}
