package dev.windlass.winch.wasm;

import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A decoded WebAssembly module: every section, with function bodies, constant expressions and
 * data kept as ranges of the original bytes (which the module holds and never copies).
 *
 * <p>Made by {@link ModuleDecoder#decode}; checked by {@link ModuleValidator#validate}. Index
 * spaces follow the spec: imported functions, tables, memories and globals come first, then
 * the module's own, so {@link #tables()}, {@link #memories()} and {@link #globalTypes()} list
 * both. Accessors that take an index assume the module is valid.
 */
public final class WasmModule {

    private final byte[] bytes;
    private final WasmFeatures features;
    private final List<FuncType> types;
    private final List<Import> imports;
    private final int[] functionTypeIndices;
    private final int importedFunctionCount;
    private final List<TableType> tables;
    private final int importedTableCount;
    private final List<MemoryType> memories;
    private final int importedMemoryCount;
    private final List<GlobalType> globalTypes;
    private final List<Global> globals;
    private final List<Export> exports;
    private final int startFunction;
    private final List<ElementSegment> elementSegments;
    private final int dataCount;
    private final List<FunctionBody> bodies;
    private final List<DataSegment> dataSegments;
    private final List<CustomSection> customSections;
    private final NameSection names;
    private final BitSet declaredFunctionReferences;

    WasmModule(Builder b) {
        this.bytes = b.bytes;
        this.features = b.features;
        this.types = List.copyOf(b.types);
        this.imports = List.copyOf(b.imports);
        this.functionTypeIndices = b.functionTypeIndices;
        this.importedFunctionCount = b.importedFunctionCount;
        this.tables = List.copyOf(b.tables);
        this.importedTableCount = b.importedTableCount;
        this.memories = List.copyOf(b.memories);
        this.importedMemoryCount = b.importedMemoryCount;
        this.globalTypes = List.copyOf(b.globalTypes);
        this.globals = List.copyOf(b.globals);
        this.exports = List.copyOf(b.exports);
        this.startFunction = b.startFunction;
        this.elementSegments = List.copyOf(b.elementSegments);
        this.dataCount = b.dataCount;
        this.bodies = List.copyOf(b.bodies);
        this.dataSegments = List.copyOf(b.dataSegments);
        this.customSections = List.copyOf(b.customSections);
        this.names = Objects.requireNonNull(b.names);
        this.declaredFunctionReferences = b.declaredFunctionReferences;
    }

    /** {@return the proposals this module was decoded with} */
    public WasmFeatures features() {
        return features;
    }

    /** {@return the size of the binary in bytes} */
    public int byteSize() {
        return bytes.length;
    }

    /** {@return a read-only view of {@code length} bytes of the binary at {@code offset}} */
    public ByteBuffer bytes(int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return ByteBuffer.wrap(bytes, offset, length).slice().asReadOnlyBuffer();
    }

    /** {@return the binary itself; package-private because it is not copied} */
    byte[] rawBytes() {
        return bytes;
    }

    /** {@return the type section} */
    public List<FuncType> types() {
        return types;
    }

    /** {@return the import section, in order} */
    public List<Import> imports() {
        return imports;
    }

    /** {@return the number of functions, imported and defined} */
    public int functionCount() {
        return functionTypeIndices.length;
    }

    /** {@return the number of imported functions (the first indices of the function space)} */
    public int importedFunctionCount() {
        return importedFunctionCount;
    }

    /** {@return the type index of a function} */
    public int functionTypeIndex(int functionIndex) {
        return functionTypeIndices[functionIndex];
    }

    /** {@return the signature of a function} */
    public FuncType functionType(int functionIndex) {
        return types.get(functionTypeIndices[functionIndex]);
    }

    /** {@return every table, imported ones first} */
    public List<TableType> tables() {
        return tables;
    }

    /** {@return the number of imported tables} */
    public int importedTableCount() {
        return importedTableCount;
    }

    /** {@return every memory, imported ones first} */
    public List<MemoryType> memories() {
        return memories;
    }

    /** {@return the number of imported memories} */
    public int importedMemoryCount() {
        return importedMemoryCount;
    }

    /** {@return the type of every global, imported ones first} */
    public List<GlobalType> globalTypes() {
        return globalTypes;
    }

    /** {@return the number of imported globals} */
    public int importedGlobalCount() {
        return globalTypes.size() - globals.size();
    }

    /** {@return the globals the module defines, with their initialisers} */
    public List<Global> globals() {
        return globals;
    }

    /** {@return the export section, in order} */
    public List<Export> exports() {
        return exports;
    }

    /** {@return the start function, if there is one} */
    public OptionalInt startFunction() {
        return startFunction >= 0 ? OptionalInt.of(startFunction) : OptionalInt.empty();
    }

    /** {@return the element segments, in order} */
    public List<ElementSegment> elementSegments() {
        return elementSegments;
    }

    /** {@return the count from the data count section, if present} */
    public OptionalInt dataCount() {
        return dataCount >= 0 ? OptionalInt.of(dataCount) : OptionalInt.empty();
    }

    /** {@return the bodies of the defined functions, in function index order} */
    public List<FunctionBody> bodies() {
        return bodies;
    }

    /** {@return the data segments, in order} */
    public List<DataSegment> dataSegments() {
        return dataSegments;
    }

    /** {@return every custom section, in order of appearance} */
    public List<CustomSection> customSections() {
        return customSections;
    }

    /** {@return the contents of the name section (empty if the module has none)} */
    public NameSection names() {
        return names;
    }

    /**
     * {@return whether {@code ref.func} may name the function in a function body: it must occur
     * in an element segment, an export or a global initialiser (the spec's C.refs)}
     */
    public boolean isDeclaredFunctionReference(int functionIndex) {
        return functionIndex >= 0 && declaredFunctionReferences.get(functionIndex);
    }

    /** {@return a reader over the operators of a constant expression of this module} */
    public OperatorReader operators(ConstExpr expr) {
        return new OperatorReader(new WasmReader(bytes, expr.offset(), expr.offset() + expr.length()),
                features, true);
    }

    /**
     * {@return whether code may use data indices}: the binary format requires the data count
     * section for that, unless the module has no data segments at all (then the indices are
     * simply unknown, which validation reports).
     */
    private boolean dataIndicesAllowed() {
        return dataCount >= 0 || dataSegments.isEmpty();
    }

    /** {@return a reader over the code of a function body, starting after its locals at {@code codeOffset}} */
    /** {@return an operator reader over this module's bytes, to be {@link OperatorReader#restart restarted} on a body} */
    OperatorReader codeReader() {
        return new OperatorReader(new WasmReader(bytes, 0, 0), features, dataIndicesAllowed());
    }

    OperatorReader operators(FunctionBody body, int codeOffset) {
        return new OperatorReader(new WasmReader(bytes, codeOffset, body.end()), features, dataIndicesAllowed());
    }

    /** Collects the sections as the decoder reads them. */
    static final class Builder {
        byte[] bytes;
        WasmFeatures features;
        List<FuncType> types = List.of();
        List<Import> imports = List.of();
        int[] functionTypeIndices = new int[0];
        int importedFunctionCount;
        List<TableType> tables = List.of();
        int importedTableCount;
        List<MemoryType> memories = List.of();
        int importedMemoryCount;
        List<GlobalType> globalTypes = List.of();
        List<Global> globals = List.of();
        List<Export> exports = List.of();
        int startFunction = -1;
        List<ElementSegment> elementSegments = List.of();
        int dataCount = -1;
        List<FunctionBody> bodies = List.of();
        List<DataSegment> dataSegments = List.of();
        List<CustomSection> customSections = List.of();
        NameSection names = NameSection.EMPTY;
        BitSet declaredFunctionReferences = new BitSet();
    }
}
