package dev.windlass.sandbox;

import dev.windlass.memory.MemoryImage;
import dev.windlass.winch.compile.CompiledModule;
import dev.windlass.winch.vm.FuncRefOffsets;
import dev.windlass.winch.vm.HostContextOffsets;
import dev.windlass.winch.vm.VmOffsets;
import dev.windlass.winch.wasm.DataSegment;
import dev.windlass.winch.wasm.ElementSegment;
import dev.windlass.winch.wasm.Export;
import dev.windlass.winch.wasm.ExternKind;
import dev.windlass.winch.wasm.GlobalType;
import dev.windlass.winch.wasm.SegmentMode;
import dev.windlass.winch.wasm.WasmModule;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;

/**
 * An instantiated module: its context block (see {@code VmOffsets}) and its exports. Made by
 * {@link Linker#instantiate}; lives as long as its {@link Store}.
 */
public final class Instance {

    private final Store store;
    private final Module module;
    private final CompiledModule compiled;
    private final VmOffsets offsets;
    private final MemorySegment context;
    private final Func[] importedFunctions;
    private final Global[] importedGlobals;
    private final Memory[] memories;
    private final boolean[] droppedData;
    private final Table[] tables;
    private final boolean[] droppedElements;
    private final MemorySegment functionRefs;

    Instance(Store store, Module module) {
        if (module.engine() != store.engine()) {
            throw new IllegalArgumentException("the module was compiled by another engine than the store's");
        }
        this.store = store;
        this.module = module;
        this.compiled = module.compiled();
        this.offsets = compiled.vmOffsets();
        this.context = store.allocate(offsets.size());
        context.set(ValueLayout.JAVA_LONG, offsets.runtimeAddress(), store.runtime().address());
        context.set(ValueLayout.JAVA_LONG, VmOffsets.BUILTINS_ADDRESS, RuntimeBuiltins.TABLE.address());
        WasmModule wasm = module.wasm();
        this.importedFunctions = new Func[wasm.importedFunctionCount()];
        this.importedGlobals = new Global[wasm.importedGlobalCount()];
        this.memories = new Memory[wasm.memories().size()];
        this.droppedData = new boolean[wasm.dataSegments().size()];
        this.tables = new Table[wasm.tables().size()];
        this.droppedElements = new boolean[wasm.elementSegments().size()];
        MemorySegment typeIds = store.allocate(4L * Math.max(1, wasm.types().size()));
        for (int t = 0; t < wasm.types().size(); t++) {
            typeIds.setAtIndex(ValueLayout.JAVA_INT, t, store.engine().types().idOf(wasm.types().get(t)));
        }
        context.set(ValueLayout.JAVA_LONG, VmOffsets.TYPE_IDS_ADDRESS, typeIds.address());
        this.functionRefs = store.allocate((long) FuncRefOffsets.SIZE * Math.max(1, wasm.functionCount()));
        for (int f = wasm.importedFunctionCount(); f < wasm.functionCount(); f++) {
            setFunctionRef(f, module.address(compiled.functionOffset(f)), context.address());
        }
    }

    /** Fills function {@code index}'s reference record and points its context slot at it. */
    private void setFunctionRef(int index, long code, long calleeContext) {
        MemorySegment record = functionRefs.asSlice((long) FuncRefOffsets.SIZE * index, FuncRefOffsets.SIZE);
        record.set(ValueLayout.JAVA_LONG, FuncRefOffsets.CODE_ADDRESS, code);
        record.set(ValueLayout.JAVA_LONG, FuncRefOffsets.CONTEXT, calleeContext);
        record.set(ValueLayout.JAVA_INT, FuncRefOffsets.TYPE_ID,
                store.engine().types().idOf(module.wasm().functionType(index)));
        context.set(ValueLayout.JAVA_LONG, offsets.functionRef(index), record.address());
    }

    /** {@return the reference to function {@code index}}: the address of its record */
    long functionRef(int index) {
        return context.get(ValueLayout.JAVA_LONG, offsets.functionRef(index));
    }

    long contextAddress() {
        return context.address();
    }

    long functionRefsAddress() {
        return functionRefs.address();
    }

    /** {@return the function whose reference record is at {@code address}}, or null if it is none of this instance's */
    Func functionAtRef(long address) {
        long offset = address - functionRefs.address();
        if (offset < 0 || offset % FuncRefOffsets.SIZE != 0 || offset / FuncRefOffsets.SIZE >= module.wasm().functionCount()) {
            return null;
        }
        return function((int) (offset / FuncRefOffsets.SIZE));
    }

    public Module module() {
        return module;
    }

    public Store store() {
        return store;
    }

    // ---- linking ----------------------------------------------------------------------------

    void linkHostFunction(int index, dev.windlass.winch.wasm.FuncType type, HostFunction function) {
        long id = store.registerHostFunction(function, type);
        MemorySegment hostContext = store.allocate(HostContextOffsets.SIZE);
        hostContext.set(ValueLayout.JAVA_LONG, HostContextOffsets.RUNTIME_ADDRESS, store.runtime().address());
        hostContext.set(ValueLayout.JAVA_LONG, HostContextOffsets.UPCALL_ADDRESS, HostFunctions.UPCALL_STUB.address());
        hostContext.set(ValueLayout.JAVA_LONG, HostContextOffsets.FUNCTION_ID, id);
        context.set(ValueLayout.JAVA_LONG, offsets.importedFunctionCode(index), module.address(compiled.hostAdapterOffset()));
        context.set(ValueLayout.JAVA_LONG, offsets.importedFunctionVmctx(index), hostContext.address());
        setFunctionRef(index, module.address(compiled.hostAdapterOffset()), hostContext.address());
        importedFunctions[index] = Func.host(store, type, function, functionRef(index));
    }

    void linkFunction(int index, Func func) {
        if (func.isHost()) {
            linkHostFunction(index, func.type(), func.hostFunction());
            return;
        }
        context.set(ValueLayout.JAVA_LONG, offsets.importedFunctionCode(index), func.codeAddress());
        context.set(ValueLayout.JAVA_LONG, offsets.importedFunctionVmctx(index), func.contextAddress());
        setFunctionRef(index, func.codeAddress(), func.contextAddress());
        importedFunctions[index] = func;
    }

    void linkGlobal(int index, Global global) {
        if (global.store() != store) {
            throw new LinkException("global import " + index + " belongs to another store");
        }
        context.set(ValueLayout.JAVA_LONG, offsets.global(index), global.address());
        importedGlobals[index] = global;
    }

    void linkTable(int index, Table table) {
        if (table.store() != store) {
            throw new LinkException("table import " + index + " belongs to another store");
        }
        context.set(ValueLayout.JAVA_LONG, offsets.table(index), table.definitionAddress());
        tables[index] = table;
    }

    void linkMemory(int index, Memory memory) {
        if (memory.store() != store) {
            throw new LinkException("memory import " + index + " belongs to another store");
        }
        if (compiled.memoryStrategy().unchecked(memory.type().is64()) && !memory.guarded()) {
            // Unchecked code on a memory without the 8 GiB reservation would reach past it.
            throw new LinkException("memory import " + index + " is not a guard-page memory, as the module's code needs");
        }
        context.set(ValueLayout.JAVA_LONG, offsets.memory(index), memory.definitionAddress());
        memories[index] = memory;
    }

    /**
     * Initializes what the module defines (memories, globals), applies its data segments in
     * order, then runs its start function. A segment out of bounds traps, as the spec says,
     * after the earlier segments took effect. A memory with a data image ({@link DataImages})
     * starts from it, and its segments are not copied.
     */
    void initialize() {
        WasmModule wasm = module.wasm();
        store.add(this);
        RuntimeBuiltins.register(context.address(), this);
        MemoryImage[] images = module.dataImages();
        for (int m = wasm.importedMemoryCount(); m < memories.length; m++) {
            memories[m] = store.newMemory(wasm.memories().get(m), context.asSlice(offsets.memory(m), 16),
                    m < images.length ? images[m] : null);
        }
        int imported = wasm.importedGlobalCount();
        for (int g = imported; g < wasm.globalTypes().size(); g++) {
            long value = ConstantExpressions.evaluate(wasm, wasm.globals().get(g - imported).init(), this);
            context.set(ValueLayout.JAVA_LONG, offsets.global(g), value);
        }
        for (int t = wasm.importedTableCount(); t < tables.length; t++) {
            tables[t] = new Table(store, wasm.tables().get(t), context.asSlice(offsets.table(t), 16), 0);
        }
        for (int e = 0; e < wasm.elementSegments().size(); e++) {
            ElementSegment segment = wasm.elementSegments().get(e);
            if (segment.mode() == SegmentMode.ACTIVE) {
                long offset = ConstantExpressions.evaluate(wasm, segment.offsetExpr(), this);
                if (!tables[segment.tableIndex()].type().is64()) {
                    offset &= 0xFFFF_FFFFL;
                }
                if (!initTable(segment.tableIndex(), e, offset, 0, segment.size())) {
                    throw new WasmTrap(TrapCode.TABLE_OUT_OF_BOUNDS, -1, null, -1, null);
                }
            }
            if (segment.mode() != SegmentMode.PASSIVE) {
                droppedElements[e] = true; // active ones once applied, declarative ones at once
            }
        }
        for (int d = 0; d < wasm.dataSegments().size(); d++) {
            DataSegment segment = wasm.dataSegments().get(d);
            if (segment.mode() == SegmentMode.ACTIVE) {
                int m = segment.memoryIndex();
                if (m >= images.length || !memories[m].hasImage(images[m])) {
                    initializeData(wasm, segment);
                }
                droppedData[d] = true; // an active segment is dropped once applied
            }
        }
        wasm.startFunction().ifPresent(start -> function(start).call());
    }

    private void initializeData(WasmModule wasm, DataSegment segment) {
        Memory memory = memories[segment.memoryIndex()];
        long offset = ConstantExpressions.evaluate(wasm, segment.offsetExpr(), this);
        if (!memory.type().is64()) {
            offset &= 0xFFFF_FFFFL;
        }
        long length = segment.dataLength();
        if (Long.compareUnsigned(offset, memory.byteSize()) > 0 || length > memory.byteSize() - offset) {
            throw new WasmTrap(TrapCode.MEMORY_OUT_OF_BOUNDS, -1, null, -1, null);
        }
        MemorySegment.copy(MemorySegment.ofBuffer(wasm.bytes(segment.dataOffset(), segment.dataLength())), 0,
                memory.bytes(), offset, length);
    }

    Memory memory(int index) {
        return memories[index];
    }

    Table table(int index) {
        return tables[index];
    }

    /** {@return the value of element {@code i} of segment {@code segment}} */
    private long element(ElementSegment segment, int i) {
        if (segment.hasFunctionIndices()) {
            return functionRef(segment.functionIndex(i));
        }
        return ConstantExpressions.evaluate(module.wasm(), segment.expression(i), this);
    }

    /** table.init: {@return false} if either range is out of bounds (nothing is written then) */
    boolean initTable(int tableIndex, int segmentIndex, long dst, long src, long length) {
        ElementSegment segment = module.wasm().elementSegments().get(segmentIndex);
        long available = droppedElements[segmentIndex] ? 0 : segment.size();
        Table table = tables[tableIndex];
        if (Long.compareUnsigned(dst, table.size()) > 0 || Long.compareUnsigned(length, table.size() - dst) > 0
                || src > available || length > available - src) {
            return false;
        }
        for (long i = 0; i < length; i++) {
            table.setUnclaimed(dst + i, element(segment, (int) (src + i)));
        }
        return true;
    }

    void dropElements(int segmentIndex) {
        droppedElements[segmentIndex] = true;
    }

    /** {@return the exported table {@code name}}, if there is one */
    public Optional<Table> table(String name) {
        return export(name, ExternKind.TABLE).map(e -> tables[e.index()]);
    }

    /** memory.init: {@return false} if either range is out of bounds (nothing is copied then) */
    boolean initMemory(int memoryIndex, int segmentIndex, long dst, long src, long length) {
        DataSegment segment = module.wasm().dataSegments().get(segmentIndex);
        long available = droppedData[segmentIndex] ? 0 : segment.dataLength();
        Memory memory = memories[memoryIndex];
        if (Long.compareUnsigned(dst, memory.byteSize()) > 0 || Long.compareUnsigned(length, memory.byteSize() - dst) > 0
                || src > available || length > available - src) {
            return false;
        }
        if (length > 0) {
            MemorySegment.copy(MemorySegment.ofBuffer(module.wasm().bytes(segment.dataOffset(), segment.dataLength())),
                    src, memory.bytes(), dst, length);
        }
        return true;
    }

    void dropData(int segmentIndex) {
        droppedData[segmentIndex] = true;
    }

    /** {@return the exported memory {@code name}}, if there is one */
    public Optional<Memory> memory(String name) {
        return export(name, ExternKind.MEMORY).map(e -> memories[e.index()]);
    }

    // ---- exports ----------------------------------------------------------------------------

    /** {@return the exported function {@code name}}, if there is one */
    public Optional<Func> func(String name) {
        return export(name, ExternKind.FUNC).map(e -> function(e.index()));
    }

    /** {@return the exported global {@code name}}, if there is one */
    public Optional<Global> global(String name) {
        return export(name, ExternKind.GLOBAL).map(e -> global(e.index()));
    }

    private Optional<Export> export(String name, ExternKind kind) {
        for (Export e : module.exports()) {
            if (e.name().equals(name) && e.kind() == kind) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    Func function(int index) {
        if (index < importedFunctions.length) {
            return importedFunctions[index];
        }
        return Func.wasm(store, compiled.functionType(index), module.address(compiled.entryTrampolineOffset(index)),
                module.address(compiled.functionOffset(index)), context, functionRef(index));
    }

    Global global(int index) {
        if (index < importedGlobals.length) {
            return importedGlobals[index];
        }
        GlobalType type = module.wasm().globalTypes().get(index);
        return new Global(store, type, context.asSlice(offsets.global(index), 16));
    }

    /** {@return the raw value of global {@code index}} (for constant expressions) */
    long globalValue(int index) {
        return global(index).bits();
    }
}
