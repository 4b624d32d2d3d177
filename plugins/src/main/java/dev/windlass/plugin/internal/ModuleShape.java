package dev.windlass.plugin.internal;

import dev.windlass.winch.wasm.Export;
import dev.windlass.winch.wasm.ExternKind;
import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.Import;
import dev.windlass.winch.wasm.ModuleDecoder;
import dev.windlass.winch.wasm.WasmFeatures;
import dev.windlass.winch.wasm.WasmModule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What binding needs to know of a module: its function exports with their types, whether it
 * exports a memory named {@code "memory"}, and whether it imports WASI or Extism's kernel. Read by decoding the
 * bytes (no validation, no code): {@code sandbox.Module} lists exports without their types.
 */
public final class ModuleShape {

    /** The memory the Windlass ABI reads and writes, as WASI and wit-bindgen name it. */
    public static final String MEMORY = "memory";
    private static final Set<String> WASI_MODULES = Set.of("wasi_snapshot_preview1", "wasi_unstable");

    private final Map<String, FuncType> functions;
    private final boolean exportsMemory;
    private final boolean importsWasi;
    private final boolean importsExtism;

    private ModuleShape(Map<String, FuncType> functions, boolean exportsMemory, boolean importsWasi,
                        boolean importsExtism) {
        this.functions = functions;
        this.exportsMemory = exportsMemory;
        this.importsWasi = importsWasi;
        this.importsExtism = importsExtism;
    }

    /**
     * {@return the shape of the module in {@code wasm}}
     *
     * @throws dev.windlass.winch.wasm.WasmException if the bytes are not a well-formed module
     */
    public static ModuleShape of(byte[] wasm, WasmFeatures features) {
        WasmModule module = ModuleDecoder.decode(wasm.clone(), features);
        Map<String, FuncType> functions = new LinkedHashMap<>();
        boolean memory = false;
        for (Export export : module.exports()) {
            if (export.kind() == ExternKind.FUNC) {
                functions.put(export.name(), module.functionType(export.index()));
            } else if (export.kind() == ExternKind.MEMORY && export.name().equals(MEMORY)) {
                memory = true;
            }
        }
        boolean wasi = false;
        boolean extism = false;
        for (Import imp : module.imports()) {
            wasi |= WASI_MODULES.contains(imp.module());
            extism |= imp.module().equals(ExtismHostFunctions.MODULE);
        }
        return new ModuleShape(java.util.Collections.unmodifiableMap(functions), memory, wasi, extism);
    }

    /** {@return the type of the function exported as {@code name}}, empty if there is none */
    public Optional<FuncType> function(String name) {
        return Optional.ofNullable(functions.get(name));
    }

    /** {@return the names of the exported functions}, in export order */
    public List<String> functionNames() {
        return List.copyOf(functions.keySet());
    }

    public boolean exportsMemory() {
        return exportsMemory;
    }

    public boolean importsWasi() {
        return importsWasi;
    }

    /** {@return whether the module imports Extism's kernel ({@code extism:host/env})} */
    public boolean importsExtism() {
        return importsExtism;
    }

    /** {@return the ABI of its exports}: Extism's if it imports Extism's kernel, else the Windlass ABI */
    public GuestAbi abi() {
        return importsExtism ? GuestAbi.EXTISM : GuestAbi.WINDLASS;
    }
}
