package dev.windlass.plugin.internal;

import dev.windlass.plugin.internal.ExtismMemory.ExtismViolation;
import dev.windlass.sandbox.HostCall;
import dev.windlass.sandbox.HostFunction;
import dev.windlass.sandbox.Linker;
import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code extism:host/env} functions, implemented in Java over the calling instance's
 * {@link ExtismKernel}, which the call in progress binds ({@link #CURRENT}): the definitions
 * are the same for every instance, so a per-call instance still comes from one
 * {@code InstancePre}. {@code http_request} is refused (no plugin names allowed hosts yet).
 */
public final class ExtismHostFunctions {

    /** The module Extism plugins import the kernel from. */
    static final String MODULE = "extism:host/env";

    /** The kernel of the call running on this thread. */
    static final ScopedValue<ExtismKernel> CURRENT = ScopedValue.newInstance();

    private ExtismHostFunctions() {
    }

    /** A kernel operation: reads its arguments from the call and writes its result. */
    @FunctionalInterface
    private interface Operation {
        void run(ExtismKernel kernel, HostCall call);
    }

    /** {@return the block at {@code offset} of the running call's kernel}, for user host functions */
    public static byte[] currentBlock(long offset) {
        return current().memory().blockBytes(offset);
    }

    /** {@return a new block of the running call's kernel holding {@code data}}, 0 if it is full */
    public static long currentAllocate(byte[] data) {
        return current().memory().allocBytes(data);
    }

    private static ExtismKernel current() {
        if (!CURRENT.isBound()) {
            throw new IllegalStateException("no Extism plugin call is running on this thread");
        }
        return CURRENT.get();
    }

    /** Defines every kernel function on {@code linker}; {@return it} */
    static Linker define(Linker linker) {
        define(linker, "alloc", "I", "I", (k, c) -> c.setI64(0, k.memory().alloc(c.i64(0))));
        define(linker, "free", "I", "", (k, c) -> k.free(c.i64(0)));
        define(linker, "length", "I", "I", (k, c) -> c.setI64(0, k.memory().length(c.i64(0))));
        define(linker, "length_unsafe", "I", "I", (k, c) -> c.setI64(0, k.memory().length(c.i64(0))));
        define(linker, "load_u8", "I", "i", (k, c) -> c.setI32(0, k.memory().loadU8(c.i64(0))));
        define(linker, "load_u64", "I", "I", (k, c) -> c.setI64(0, k.memory().loadU64(c.i64(0))));
        define(linker, "store_u8", "Ii", "", (k, c) -> k.memory().storeU8(c.i64(0), c.i32(1)));
        define(linker, "store_u64", "II", "", (k, c) -> k.memory().storeU64(c.i64(0), c.i64(1)));
        define(linker, "input_length", "", "I", (k, c) -> c.setI64(0, k.inputLength()));
        define(linker, "input_offset", "", "I", (k, c) -> c.setI64(0, k.inputOffset()));
        define(linker, "input_load_u8", "I", "i", (k, c) -> c.setI32(0, k.inputLoadU8(c.i64(0))));
        define(linker, "input_load_u64", "I", "I", (k, c) -> c.setI64(0, k.inputLoadU64(c.i64(0))));
        define(linker, "output_set", "II", "", (k, c) -> k.outputSet(c.i64(0), c.i64(1)));
        define(linker, "error_set", "I", "", (k, c) -> k.errorSet(c.i64(0)));
        define(linker, "error_get", "", "I", (k, c) -> c.setI64(0, k.errorGet()));
        define(linker, "config_get", "I", "I", (k, c) -> c.setI64(0, k.configGet(c.i64(0))));
        define(linker, "var_get", "I", "I", (k, c) -> c.setI64(0, k.varGet(c.i64(0))));
        define(linker, "var_set", "II", "", (k, c) -> k.varSet(c.i64(0), c.i64(1)));
        define(linker, "reset", "", "", (k, c) -> k.reset());
        define(linker, "memory_bytes", "", "I", (k, c) -> c.setI64(0, k.memory().allocated()));
        define(linker, "log_trace", "I", "", (k, c) -> k.log(System.Logger.Level.TRACE, c.i64(0)));
        define(linker, "log_debug", "I", "", (k, c) -> k.log(System.Logger.Level.DEBUG, c.i64(0)));
        define(linker, "log_info", "I", "", (k, c) -> k.log(System.Logger.Level.INFO, c.i64(0)));
        define(linker, "log_warn", "I", "", (k, c) -> k.log(System.Logger.Level.WARNING, c.i64(0)));
        define(linker, "log_error", "I", "", (k, c) -> k.log(System.Logger.Level.ERROR, c.i64(0)));
        define(linker, "get_log_level", "", "i", (k, c) -> c.setI32(0, k.logLevel()));
        define(linker, "http_request", "II", "I", (k, c) -> {
            throw new ExtismViolation("http_request is not allowed: the plugin names no allowed hosts");
        });
        define(linker, "http_status_code", "", "i", (k, c) -> c.setI32(0, 0));
        define(linker, "http_headers", "", "I", (k, c) -> c.setI64(0, 0));
        return linker;
    }

    private static void define(Linker linker, String name, String params, String results, Operation operation) {
        HostFunction function = call -> {
            if (!CURRENT.isBound()) {
                throw new ExtismViolation(MODULE + " " + name + " called outside a plugin call (from a start function?)");
            }
            operation.run(CURRENT.get(), call);
        };
        linker.define(MODULE, name, new FuncType(types(params), types(results)), function);
    }

    /** {@code "Ii"} is (i64, i32). */
    private static List<ValType> types(String codes) {
        List<ValType> types = new ArrayList<>();
        for (char code : codes.toCharArray()) {
            types.add(code == 'I' ? ValType.I64 : ValType.I32);
        }
        return types;
    }
}
