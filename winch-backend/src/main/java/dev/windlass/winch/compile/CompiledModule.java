package dev.windlass.winch.compile;

import dev.windlass.winch.vm.TrapCode;
import dev.windlass.winch.vm.MemoryStrategy;
import dev.windlass.winch.vm.VmOffsets;
import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.WasmModule;
import java.util.Arrays;

/**
 * A module compiled to machine code: position-independent bytes (calls inside the module are
 * pc-relative, everything else goes through the VMContext) and the tables the runtime needs.
 * Plain data: it can be cached, and mapped at any address without relocation.
 *
 * <pre>
 *   0                    trap handler
 *   hostAdapterOffset    host adapter
 *   ...                  entry trampolines, one per (params, results) shape
 *   functionOffset(i)    each defined function, 16-byte aligned
 * </pre>
 */
public final class CompiledModule {

    private final WasmModule module;
    private final VmOffsets vmOffsets;
    private final MemoryStrategy memoryStrategy;
    private final byte[] code;
    private final int hostAdapterOffset;
    private final int[] functionOffsets;
    private final int[] functionEnds;
    private final int[] entryTrampolineOffsets;
    private final int[] trapOffsets;
    private final int[] trapCodes;
    private final int[] sourceCodeOffsets;
    private final int[] sourceBytecodeOffsets;

    CompiledModule(WasmModule module, VmOffsets vmOffsets, MemoryStrategy memoryStrategy, byte[] code, int hostAdapterOffset, int[] functionOffsets,
                   int[] functionEnds, int[] entryTrampolineOffsets, int[] trapOffsets, int[] trapCodes,
                   int[] sourceCodeOffsets, int[] sourceBytecodeOffsets) {
        this.module = module;
        this.vmOffsets = vmOffsets;
        this.memoryStrategy = memoryStrategy;
        this.code = code;
        this.hostAdapterOffset = hostAdapterOffset;
        this.functionOffsets = functionOffsets;
        this.functionEnds = functionEnds;
        this.entryTrampolineOffsets = entryTrampolineOffsets;
        this.trapOffsets = trapOffsets;
        this.trapCodes = trapCodes;
        this.sourceCodeOffsets = sourceCodeOffsets;
        this.sourceBytecodeOffsets = sourceBytecodeOffsets;
    }

    /** How many int tables {@link #tables()} gives. */
    static final int TABLES = 7;

    /** {@return the VMContext layout of {@code module}'s instances} */
    static VmOffsets vmOffsetsOf(WasmModule module) {
        return new VmOffsets(module.importedFunctionCount(), module.memories().size(), module.tables().size(),
                module.globalTypes().size(), module.functionCount());
    }

    /**
     * {@return the tables, for {@link CompiledModuleFormat}}: function offsets, function ends,
     * entry trampoline offsets, trap offsets, trap codes, source map code and bytecode offsets
     */
    int[][] tables() {
        return new int[][] {functionOffsets, functionEnds, entryTrampolineOffsets, trapOffsets, trapCodes,
                sourceCodeOffsets, sourceBytecodeOffsets};
    }

    /**
     * {@return a compiled module from its parts, as {@link #tables()} gave them}, after checking
     * that they fit together (counts, offsets inside the code, sorted where lookups need it)
     *
     * @throws InvalidCompiledModuleException if they do not
     */
    static CompiledModule fromTables(WasmModule module, MemoryStrategy memoryStrategy, byte[] code,
                                     int hostAdapterOffset, int[][] tables) {
        int defined = module.functionCount() - module.importedFunctionCount();
        require(tables.length == TABLES, "table count");
        require(tables[0].length == defined && tables[1].length == defined && tables[2].length == defined,
                "one offset per defined function");
        require(tables[3].length == tables[4].length && tables[5].length == tables[6].length, "paired tables");
        require(hostAdapterOffset >= 0 && hostAdapterOffset < code.length, "host adapter offset");
        for (int t : new int[] {0, 1, 2, 3, 5}) {
            for (int offset : tables[t]) {
                require(offset >= 0 && offset <= code.length, "code offsets");
            }
        }
        for (int t : new int[] {0, 3, 5}) {
            for (int i = 1; i < tables[t].length; i++) {
                require(tables[t][i - 1] <= tables[t][i], "sorted code offsets");
            }
        }
        for (int trap : tables[4]) {
            TrapCode.ofCode(trap);
        }
        return new CompiledModule(module, vmOffsetsOf(module), memoryStrategy, code, hostAdapterOffset, tables[0],
                tables[1], tables[2], tables[3], tables[4], tables[5], tables[6]);
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new InvalidCompiledModuleException("the compiled module's " + what + " do not fit its code");
        }
    }

    /** {@return the decoded module this code was compiled from} */
    public WasmModule module() {
        return module;
    }

    /** {@return the layout of the VMContext this code expects} */
    public VmOffsets vmOffsets() {
        return vmOffsets;
    }

    /**
     * {@return how the code keeps 32-bit memory accesses in bounds}; with
     * {@link MemoryStrategy#GUARD_PAGES} every memory it uses must be a guard-page reservation,
     * and a fault in its code must be turned into a trap by the runtime's signal handler
     */
    public MemoryStrategy memoryStrategy() {
        return memoryStrategy;
    }

    /** {@return a copy of the machine code} */
    public byte[] code() {
        return code.clone();
    }

    /** {@return the size of the machine code in bytes} */
    public int codeSize() {
        return code.length;
    }

    /** {@return the offset of the host adapter: the code address of every host function import} */
    public int hostAdapterOffset() {
        return hostAdapterOffset;
    }

    /**
     * {@return the code offset of defined function {@code functionIndex}}
     *
     * @throws IllegalArgumentException if the function is imported
     */
    public int functionOffset(int functionIndex) {
        return checkDefined(functionIndex, functionOffsets);
    }

    /**
     * {@return the offset of the entry trampoline for calling function {@code functionIndex}
     * from the host}
     *
     * @throws IllegalArgumentException if the function is imported
     */
    public int entryTrampolineOffset(int functionIndex) {
        return checkDefined(functionIndex, entryTrampolineOffsets);
    }

    private int checkDefined(int functionIndex, int[] table) {
        int defined = functionIndex - module.importedFunctionCount();
        if (defined < 0 || defined >= table.length) {
            throw new IllegalArgumentException("function " + functionIndex + " is not defined by the module");
        }
        return table[defined];
    }

    /** {@return the function whose code contains {@code codeOffset}, or -1} */
    public int functionAt(int codeOffset) {
        int i = Arrays.binarySearch(functionOffsets, codeOffset);
        int defined = i >= 0 ? i : -i - 2;
        if (defined < 0 || codeOffset >= functionEnds[defined]) {
            return -1;
        }
        return defined + module.importedFunctionCount();
    }

    /**
     * {@return the trap recorded at {@code codeOffset}}, or {@code null} if no trap site is
     * there (the pc did not come from a trap)
     */
    public TrapSite trapAt(int codeOffset) {
        int i = Arrays.binarySearch(trapOffsets, codeOffset);
        if (i < 0) {
            return null;
        }
        return new TrapSite(TrapCode.ofCode(trapCodes[i]), functionAt(codeOffset), bytecodeOffsetAt(codeOffset));
    }

    /**
     * {@return the module offset of the operator whose code contains {@code codeOffset}}, or -1
     * if the offset is not inside a function. For a return address, pass the address minus one:
     * it then falls inside the call instruction, which belongs to the {@code call} operator.
     */
    public int bytecodeOffsetAt(int codeOffset) {
        if (functionAt(codeOffset) < 0) {
            return -1;
        }
        int s = Arrays.binarySearch(sourceCodeOffsets, codeOffset);
        int entry = s >= 0 ? s : -s - 2;
        return entry >= 0 ? sourceBytecodeOffsets[entry] : -1;
    }

    /** {@return the type of function {@code functionIndex}} */
    public FuncType functionType(int functionIndex) {
        return module.functionType(functionIndex);
    }
}
