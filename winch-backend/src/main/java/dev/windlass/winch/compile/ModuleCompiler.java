package dev.windlass.winch.compile;

import dev.windlass.winch.codegen.x64.X64MacroAssembler;
import dev.windlass.winch.codegen.x64.X64ModuleCode;
import dev.windlass.winch.isa.AssembledCode;
import dev.windlass.winch.isa.OffsetTable;
import dev.windlass.winch.isa.x64.Target;
import dev.windlass.winch.isa.x64.X64Assembler;
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
 * Compiles a decoded module for x86-64: every function in one pass each (validating it as it
 * goes), then lays the code out and links the calls between functions.
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
        ModuleValidator.validateModuleLevel(module);
        VmOffsets vmOffsets = CompiledModule.vmOffsetsOf(module);
        X64Assembler asm = X64Assembler.create(target);
        Layout layout = new Layout(module.importedFunctionCount());

        boolean fuel = options.metering().fuel();
        X64ModuleCode.emitTrapHandler(asm, fuel);
        layout.place(finish(asm));
        X64ModuleCode.emitHostAdapter(asm, fuel);
        int hostAdapterOffset = layout.place(finish(asm));

        int imported = module.importedFunctionCount();
        List<FunctionBody> bodies = module.bodies();
        Map<Long, Integer> trampolines = new HashMap<>();
        int[] entryTrampolineOffsets = new int[bodies.size()];
        for (int i = 0; i < bodies.size(); i++) {
            FuncType type = module.functionType(imported + i);
            long shape = ((long) type.params().size() << 32) | type.results().size();
            Integer offset = trampolines.get(shape);
            if (offset == null) {
                X64ModuleCode.emitEntryTrampoline(asm, type.params().size(), type.results().size(), fuel);
                offset = layout.place(finish(asm));
                trampolines.put(shape, offset);
            }
            entryTrampolineOffsets[i] = offset;
        }

        AssembledCode[] functions = BodyCompilation.compileAll(module, vmOffsets, target, options, executor, threads);
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

    private static AssembledCode finish(X64Assembler asm) {
        AssembledCode code = asm.buffer().finish();
        asm.buffer().reset();
        return code;
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

        Layout(int importedFunctions) {
            this.importedFunctions = importedFunctions;
        }

        /** Appends {@code piece}, aligned, and {@return its offset} */
        int place(AssembledCode piece) {
            int alignment = Math.max(FUNCTION_ALIGNMENT, piece.requiredAlignment());
            while (bytes.size() % alignment != 0) {
                bytes.write(0xCC); // int3 between pieces
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

        /** {@return the bytes, with every call site's rel32 pointing at its callee} */
        byte[] link(int[] functionOffsets, int trapHandlerOffset) {
            byte[] code = bytes.toByteArray();
            for (int p = 0; p < pieces.size(); p++) {
                OffsetTable calls = pieces.get(p).callSites();
                int base = offsets.get(p);
                for (int i = 0; i < calls.size(); i++) {
                    int field = base + calls.codeOffset(i);
                    int callee = calls.value(i);
                    int target = callee == X64MacroAssembler.TRAP_HANDLER ? trapHandlerOffset
                            : functionOffsets[callee - importedFunctions]; // imports are called through the context
                    putInt(code, field, target - (field + 4));
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

        private static void putInt(byte[] code, int at, int value) {
            code[at] = (byte) value;
            code[at + 1] = (byte) (value >>> 8);
            code[at + 2] = (byte) (value >>> 16);
            code[at + 3] = (byte) (value >>> 24);
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
