package dev.windlass.winch.compile;

import dev.windlass.winch.codegen.Isa;
import dev.windlass.winch.codegen.RuntimeStubs;
import dev.windlass.winch.isa.AssembledCode;
import dev.windlass.winch.isa.OffsetTable;
import dev.windlass.winch.isa.x64.Target;
import dev.windlass.winch.vm.VmOffsets;
import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.FunctionBody;
import dev.windlass.winch.wasm.ModuleValidator;
import dev.windlass.winch.wasm.WasmModule;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Compiles a decoded module: every function in one pass each (validating it as it goes), then
 * lays the code out and links the calls between functions. Everything that depends on the
 * instruction set (MacroAssembler, registers, stubs, call linking) comes from one
 * {@link Isa}, chosen by {@link Isas}.
 */
public final class ModuleCompiler {

    private static final int FUNCTION_ALIGNMENT = 16;

    private final Target target;
    private final CodeOptions options;
    private final Executor executor;
    private final int threads;

    /** A compiler for CPUs with {@code target}'s features, with the {@linkplain CodeOptions#DEFAULT default options}. */
    public ModuleCompiler(Target target) {
        this(target, CodeOptions.DEFAULT);
    }

    /** A compiler for CPUs with {@code target}'s features whose code follows {@code options}, on the calling thread. */
    public ModuleCompiler(Target target, CodeOptions options) {
        this(target, options, Runnable::run, 1);
    }

    /**
     * A compiler that compiles the functions of a module on up to {@code threads} threads: the
     * calling one and {@code threads - 1} run by {@code executor}. The code is the same for any
     * thread count.
     */
    public ModuleCompiler(Target target, CodeOptions options, Executor executor, int threads) {
        this.target = Objects.requireNonNull(target, "target");
        this.options = Objects.requireNonNull(options, "options");
        this.executor = Objects.requireNonNull(executor, "executor");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.threads = threads;
    }

    /**
     * Compiles {@code module}.
     *
     * @throws dev.windlass.winch.wasm.WasmInvalidException   if the module is invalid
     * @throws dev.windlass.winch.wasm.WasmMalformedException if a function body does not decode
     * @throws dev.windlass.winch.wasm.UnsupportedFeatureException if it uses an operator not implemented yet
     */
    public CompiledModule compile(WasmModule module) {
        return compile(module, CompileDeadline.NONE);
    }

    /**
     * Compiles {@code module}, checking {@code deadline} between functions and every 1,024
     * operators.
     *
     * @throws CompileTimeoutException if the deadline passes first
     * @throws dev.windlass.winch.wasm.WasmInvalidException   if the module is invalid
     * @throws dev.windlass.winch.wasm.WasmMalformedException if a function body does not decode
     * @throws dev.windlass.winch.wasm.UnsupportedFeatureException if it uses an operator not implemented yet
     */
    public CompiledModule compile(WasmModule module, CompileDeadline deadline) {
        deadline.check();
        ModuleValidator.validateModuleLevel(module);
        VmOffsets vmOffsets = CompiledModule.vmOffsetsOf(module);
        Isa isa = Isas.of(target, options);
        RuntimeStubs stubs = isa.stubs();
        Layout layout = new Layout(module.importedFunctionCount(), isa);

        layout.place(stubs.trapHandler()); // at offset 0, where the signal handler sends faults too
        int hostAdapterOffset = layout.place(stubs.hostAdapter());

        int imported = module.importedFunctionCount();
        List<FunctionBody> bodies = module.bodies();
        Map<Long, Integer> trampolines = new HashMap<>();
        int[] entryTrampolineOffsets = new int[bodies.size()];
        for (int i = 0; i < bodies.size(); i++) {
            FuncType type = module.functionType(imported + i);
            long shape = ((long) type.params().size() << 32) | type.results().size();
            Integer offset = trampolines.get(shape);
            if (offset == null) {
                offset = layout.place(stubs.entryTrampoline(type.params().size(), type.results().size()));
                trampolines.put(shape, offset);
            }
            entryTrampolineOffsets[i] = offset;
        }

        AssembledCode[] functions = BodyCompilation.compileAll(module, vmOffsets, isa, options, executor, threads,
                deadline);
        int[] functionOffsets = new int[bodies.size()];
        int[] functionEnds = new int[bodies.size()];
        for (int i = 0; i < bodies.size(); i++) {
            functionOffsets[i] = layout.place(functions[i]);
            functionEnds[i] = functionOffsets[i] + functions[i].size();
        }

        byte[] code = layout.link(functionOffsets, 0);
        return new CompiledModule(module, vmOffsets, options.memoryStrategy(), code, hostAdapterOffset, functionOffsets, functionEnds,
                entryTrampolineOffsets, layout.trapOffsets(), layout.trapCodes(), layout.sourceCodeOffsets(),
                layout.sourceBytecodeOffsets());
    }

    /** The module's code as it is laid out: pieces in order, and their tables in module offsets. */
    private static final class Layout {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final List<AssembledCode> pieces = new ArrayList<>();
        private final List<Integer> offsets = new ArrayList<>();
        private final IntList trapOffsets = new IntList();
        private final IntList trapCodes = new IntList();
        private final IntList sourceCode = new IntList();
        private final IntList sourceBytecode = new IntList();
        private final int importedFunctions;
        private final Isa isa;

        Layout(int importedFunctions, Isa isa) {
            this.importedFunctions = importedFunctions;
            this.isa = isa;
        }

        /** Appends {@code piece}, aligned, and {@return its offset} */
        int place(AssembledCode piece) {
            int alignment = Math.max(FUNCTION_ALIGNMENT, piece.requiredAlignment());
            while (bytes.size() % alignment != 0) {
                bytes.write(isa.gapFill());
            }
            int offset = bytes.size();
            bytes.write(piece.code(), 0, piece.size());
            pieces.add(piece);
            offsets.add(offset);
            OffsetTable traps = piece.trapSites();
            for (int i = 0; i < traps.size(); i++) {
                trapOffsets.add(offset + traps.codeOffset(i));
                trapCodes.add(traps.value(i));
            }
            OffsetTable source = piece.sourceMap();
            for (int i = 0; i < source.size(); i++) {
                sourceCode.add(offset + source.codeOffset(i));
                sourceBytecode.add(source.value(i));
            }
            return offset;
        }

        /** {@return the bytes, with every call site pointing at its callee} */
        byte[] link(int[] functionOffsets, int trapHandlerOffset) {
            byte[] code = bytes.toByteArray();
            for (int p = 0; p < pieces.size(); p++) {
                OffsetTable calls = pieces.get(p).callSites();
                int base = offsets.get(p);
                for (int i = 0; i < calls.size(); i++) {
                    int field = base + calls.codeOffset(i);
                    int callee = calls.value(i);
                    int target = callee == Isa.TRAP_HANDLER_CALLEE ? trapHandlerOffset
                            : functionOffsets[callee - importedFunctions]; // imports are called through the context
                    isa.linkCall(code, field, target);
                }
            }
            return code;
        }

        int[] trapOffsets() {
            return trapOffsets.toArray();
        }

        int[] trapCodes() {
            return trapCodes.toArray();
        }

        int[] sourceCodeOffsets() {
            return sourceCode.toArray();
        }

        int[] sourceBytecodeOffsets() {
            return sourceBytecode.toArray();
        }
    }

    /** A growable int array. */
    private static final class IntList {
        private int[] values = new int[16];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
