package dev.windlass.winch.wasm;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Decodes the binary format into a {@link WasmModule}: the header, then each section in the
 * order the spec requires, custom sections anywhere.
 *
 * <p>Decoding checks only the grammar of the binary format; every failure is a
 * {@link WasmMalformedException} with the offset where it was found. The rules of validation
 * (types, indices, limits) are left to {@link ModuleValidator}. Function bodies are not
 * decoded here beyond their extent: a {@link FunctionValidator} reads them one operator at a
 * time, so the code generator can consume each operator in the same pass.
 *
 * <p>Hostile input cannot make the decoder allocate in proportion to a count it has not
 * checked against the bytes that remain: every vector length is bounded by the input first.
 */
public final class ModuleDecoder {

    private static final int MAGIC = 0x6D73_6100; // "\0asm"
    private static final int VERSION = 1;
    private static final int FUNCTYPE_FORM = 0x60;

    private final WasmReader in;
    private final WasmFeatures features;
    private final WasmModule.Builder module = new WasmModule.Builder();
    private final List<GlobalType> globalTypes = new ArrayList<>();
    private final List<TableType> tables = new ArrayList<>();
    private final List<MemoryType> memories = new ArrayList<>();
    private final List<CustomSection> customSections = new ArrayList<>();
    private int[] definedFunctionTypes = new int[0];
    private boolean sawFunctionSection;
    private boolean sawCodeSection;

    private ModuleDecoder(byte[] bytes, WasmFeatures features) {
        this.in = new WasmReader(bytes, 0, bytes.length);
        this.features = features;
        module.bytes = bytes;
        module.features = features;
    }

    /**
     * Decodes a module. The array is kept by the module, not copied: do not change it afterwards.
     *
     * @param bytes    the binary
     * @param features the proposals the module may use
     * @return the decoded, not yet validated, module
     * @throws WasmMalformedException if the bytes are not a well-formed binary
     */
    public static WasmModule decode(byte[] bytes, WasmFeatures features) {
        return new ModuleDecoder(bytes, features).decodeModule();
    }

    private WasmModule decodeModule() {
        readHeader();
        int lastOrder = 0;
        while (!in.atEnd()) {
            int idOffset = in.position();
            int id = in.u8();
            SectionId section = SectionId.fromId(id);
            if (section == null) {
                throw in.malformedAt("malformed section id", idOffset);
            }
            int sizeOffset = in.position();
            int size = in.u32();
            if (size < 0 || size > in.remaining()) {
                throw in.malformedAt("length out of bounds", sizeOffset);
            }
            int end = in.position() + size;
            if (section != SectionId.CUSTOM) {
                if (section.order <= lastOrder) {
                    throw in.malformedAt("unexpected content after last section", idOffset);
                }
                lastOrder = section.order;
            }
            in.limit(end);
            readSection(section);
            if (in.position() != end) {
                throw in.malformedAt("section size mismatch", in.position());
            }
            in.limit(in.bytes().length);
        }
        return finish();
    }

    private void readHeader() {
        if (in.remaining() < 4 || in.fixedU32() != MAGIC) {
            throw in.malformedAt("magic header not detected", 0);
        }
        if (in.remaining() < 4 || in.fixedU32() != VERSION) {
            throw in.malformedAt("unknown binary version", 4);
        }
    }

    private void readSection(SectionId section) {
        switch (section) {
            case CUSTOM -> readCustomSection();
            case TYPE -> readTypeSection();
            case IMPORT -> readImportSection();
            case FUNCTION -> readFunctionSection();
            case TABLE -> readTableSection();
            case MEMORY -> readMemorySection();
            case GLOBAL -> readGlobalSection();
            case EXPORT -> readExportSection();
            case START -> module.startFunction = readIndex();
            case ELEMENT -> readElementSection();
            case DATA_COUNT -> module.dataCount = readIndex();
            case CODE -> readCodeSection();
            case DATA -> readDataSection();
        }
    }

    private WasmModule finish() {
        if (sawFunctionSection && definedFunctionTypes.length > 0 && !sawCodeSection) {
            throw in.malformedAt("function and code section have inconsistent lengths", in.position());
        }
        if (module.dataCount > 0 && module.dataSegments.isEmpty()) {
            throw in.malformedAt("data count and data section have inconsistent lengths", in.position());
        }
        int[] all = new int[module.importedFunctionCount + definedFunctionTypes.length];
        System.arraycopy(module.functionTypeIndices, 0, all, 0, module.importedFunctionCount);
        System.arraycopy(definedFunctionTypes, 0, all, module.importedFunctionCount, definedFunctionTypes.length);
        module.functionTypeIndices = all;
        module.globalTypes = globalTypes;
        module.tables = tables;
        module.memories = memories;
        module.customSections = customSections;
        module.declaredFunctionReferences = collectDeclaredFunctionReferences(all.length);
        return new WasmModule(module);
    }

    /** The functions {@code ref.func} may name in code: those named outside function bodies. */
    private BitSet collectDeclaredFunctionReferences(int functionCount) {
        BitSet refs = new BitSet();
        for (Export export : module.exports) {
            if (export.kind() == ExternKind.FUNC && export.index() < functionCount) {
                refs.set(export.index());
            }
        }
        for (ElementSegment segment : module.elementSegments) {
            for (int i = 0; i < segment.size(); i++) {
                if (segment.hasFunctionIndices()) {
                    if (segment.functionIndex(i) < functionCount) {
                        refs.set(segment.functionIndex(i));
                    }
                } else {
                    collectFunctionReferences(segment.expression(i), functionCount, refs);
                }
            }
        }
        for (Global global : module.globals) {
            collectFunctionReferences(global.init(), functionCount, refs);
        }
        return refs;
    }

    private void collectFunctionReferences(ConstExpr expr, int functionCount, BitSet refs) {
        OperatorReader ops = new OperatorReader(new WasmReader(in.bytes(), expr.offset(), expr.offset() + expr.length()),
                features, true);
        while (!ops.atEnd()) {
            if (ops.next() == Opcode.REF_FUNC && ops.index() < functionCount) {
                refs.set(ops.index());
            }
        }
    }

    /** Reads a u32 index, saturated so that an index beyond the int range is simply unknown. */
    private int readIndex() {
        int value = in.u32();
        return value < 0 ? Integer.MAX_VALUE : value;
    }

    private void readCustomSection() {
        String name = in.name();
        int offset = in.position();
        int size = in.remaining();
        in.skip(size);
        customSections.add(new CustomSection(name, offset, size));
        if (name.equals("name")) {
            module.names = NameSectionParser.parse(in.bytes(), offset, size);
        }
    }

    private void readTypeSection() {
        int count = in.vectorLength(3);
        List<FuncType> types = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int formOffset = in.position();
            int form = in.u8();
            if (form != FUNCTYPE_FORM) {
                throw in.malformedAt("malformed functype", formOffset);
            }
            List<ValType> params = readValTypes();
            List<ValType> results = readValTypes();
            types.add(new FuncType(params, results));
        }
        module.types = types;
    }

    private List<ValType> readValTypes() {
        int count = in.vectorLength(1);
        List<ValType> types = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            types.add(OperatorReader.readValType(in));
        }
        return types;
    }

    private void readImportSection() {
        int count = in.vectorLength(4);
        List<Import> imports = new ArrayList<>(count);
        IntList functionTypes = new IntList();
        for (int i = 0; i < count; i++) {
            String moduleName = in.name();
            String name = in.name();
            int kindOffset = in.position();
            ExternKind kind = ExternKind.fromCode(in.u8());
            if (kind == null) {
                throw in.malformedAt("malformed import kind", kindOffset);
            }
            ExternType type = switch (kind) {
                case FUNC -> {
                    int typeIndex = readIndex();
                    functionTypes.add(typeIndex);
                    yield new FuncTypeRef(typeIndex);
                }
                case TABLE -> {
                    TableType t = readTableType();
                    tables.add(t);
                    yield t;
                }
                case MEMORY -> {
                    MemoryType m = readMemoryType();
                    memories.add(m);
                    yield m;
                }
                case GLOBAL -> {
                    GlobalType g = readGlobalType();
                    globalTypes.add(g);
                    yield g;
                }
            };
            imports.add(new Import(moduleName, name, type));
        }
        module.imports = imports;
        module.functionTypeIndices = functionTypes.toArray();
        module.importedFunctionCount = functionTypes.size();
        module.importedTableCount = tables.size();
        module.importedMemoryCount = memories.size();
    }

    private void readFunctionSection() {
        int count = in.vectorLength(1);
        definedFunctionTypes = new int[count];
        for (int i = 0; i < count; i++) {
            definedFunctionTypes[i] = readIndex();
        }
        sawFunctionSection = true;
    }

    private void readTableSection() {
        int count = in.vectorLength(3);
        for (int i = 0; i < count; i++) {
            tables.add(readTableType());
        }
    }

    private void readMemorySection() {
        int count = in.vectorLength(2);
        for (int i = 0; i < count; i++) {
            memories.add(readMemoryType());
        }
    }

    private void readGlobalSection() {
        int count = in.vectorLength(3);
        List<Global> globals = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            GlobalType type = readGlobalType();
            globals.add(new Global(type, readConstExpr()));
            globalTypes.add(type);
        }
        module.globals = globals;
    }

    private void readExportSection() {
        int count = in.vectorLength(3);
        List<Export> exports = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = in.name();
            int kindOffset = in.position();
            ExternKind kind = ExternKind.fromCode(in.u8());
            if (kind == null) {
                throw in.malformedAt("malformed export kind", kindOffset);
            }
            exports.add(new Export(name, kind, readIndex()));
        }
        module.exports = exports;
    }

    private TableType readTableType() {
        int typeOffset = in.position();
        ValType elementType = ValType.fromCode(in.u8());
        if (elementType == null || !elementType.isReference()) {
            throw in.malformedAt("malformed reference type", typeOffset);
        }
        int flags = readLimitsFlags();
        return new TableType(elementType, readLimits(flags), (flags & LIMITS_64) != 0);
    }

    private MemoryType readMemoryType() {
        int flags = readLimitsFlags();
        return new MemoryType(readLimits(flags), (flags & LIMITS_64) != 0, (flags & LIMITS_SHARED) != 0);
    }

    private static final int LIMITS_HAS_MAX = 1;
    private static final int LIMITS_SHARED = 2;
    private static final int LIMITS_64 = 4;

    /**
     * Limits flags: bit 0 a maximum follows; bit 2 64-bit (memory64 and table64). Bit 1 (shared,
     * from the threads proposal) is not supported and so malformed, as in Wasm 2.0.
     */
    private int readLimitsFlags() {
        int flagsOffset = in.position();
        int flags = in.u8();
        int allowed = LIMITS_HAS_MAX | (features.memory64() ? LIMITS_64 : 0);
        if ((flags & ~allowed) != 0) {
            throw in.malformedAt(features.memory64() ? "malformed limits flags" : "integer too large", flagsOffset);
        }
        return flags;
    }

    private Limits readLimits(int flags) {
        boolean wide = (flags & LIMITS_64) != 0;
        long min = wide ? in.u64() : in.u32() & 0xFFFF_FFFFL;
        if ((flags & LIMITS_HAS_MAX) == 0) {
            return Limits.atLeast(min);
        }
        long max = wide ? in.u64() : in.u32() & 0xFFFF_FFFFL;
        return Limits.between(min, max);
    }

    private GlobalType readGlobalType() {
        ValType type = OperatorReader.readValType(in);
        int mutOffset = in.position();
        int mutability = in.u8();
        if (mutability > 1) {
            throw in.malformedAt("malformed mutability", mutOffset);
        }
        return new GlobalType(type, mutability == 1);
    }

    /**
     * Reads a constant expression up to its final {@code end}, tracking nested blocks so that
     * a (non-constant, hence invalid) block inside it is decoded as the spec's grammar would.
     */
    private ConstExpr readConstExpr() {
        int start = in.position();
        OperatorReader ops = new OperatorReader(in, features, true);
        int depth = 0;
        while (true) {
            Opcode op = ops.next();
            switch (op) {
                case BLOCK, LOOP, IF -> depth++;
                case END -> {
                    if (depth-- == 0) {
                        return new ConstExpr(start, in.position() - start);
                    }
                }
                default -> { }
            }
        }
    }

    private void readElementSection() {
        int count = in.vectorLength(1);
        List<ElementSegment> segments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            segments.add(readElementSegment());
        }
        module.elementSegments = segments;
    }

    private ElementSegment readElementSegment() {
        int segmentOffset = in.position();
        int flags = in.u32();
        if (flags < 0 || flags > 7) {
            throw in.malformedAt("malformed elements segment kind", segmentOffset);
        }
        // Bit 0: passive or declarative (else active); bit 1: explicit table index (active) or
        // declarative (otherwise); bit 2: elements are expressions rather than function indices.
        boolean active = (flags & 1) == 0;
        boolean explicitTable = active && (flags & 2) != 0;
        boolean expressions = (flags & 4) != 0;
        SegmentMode mode = active ? SegmentMode.ACTIVE : (flags & 2) != 0 ? SegmentMode.DECLARATIVE : SegmentMode.PASSIVE;
        int table = explicitTable ? readIndex() : 0;
        ConstExpr offset = active ? readConstExpr() : null;
        ValType type = ValType.FUNCREF;
        if (!active || explicitTable) {
            type = expressions ? readRefType() : readElementKind();
        }
        if (expressions) {
            int n = in.vectorLength(1);
            List<ConstExpr> items = new ArrayList<>(n);
            for (int j = 0; j < n; j++) {
                items.add(readConstExpr());
            }
            return new ElementSegment(mode, table, offset, type, null, items, segmentOffset);
        }
        int n = in.vectorLength(1);
        int[] functions = new int[n];
        for (int j = 0; j < n; j++) {
            functions[j] = readIndex();
        }
        return new ElementSegment(mode, table, offset, type, functions, null, segmentOffset);
    }

    private ValType readRefType() {
        int typeOffset = in.position();
        ValType t = ValType.fromCode(in.u8());
        if (t == null || !t.isReference()) {
            throw in.malformedAt("malformed reference type", typeOffset);
        }
        return t;
    }

    private ValType readElementKind() {
        int kindOffset = in.position();
        if (in.u8() != 0x00) {
            throw in.malformedAt("malformed element kind", kindOffset);
        }
        return ValType.FUNCREF;
    }

    private void readCodeSection() {
        int countOffset = in.position();
        int count = in.vectorLength(1);
        if (count != definedFunctionTypes.length) {
            throw in.malformedAt("function and code section have inconsistent lengths", countOffset);
        }
        List<FunctionBody> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int sizeOffset = in.position();
            int size = in.u32();
            if (size < 0 || size > in.remaining()) {
                throw in.malformedAt("unexpected end of section or function", sizeOffset);
            }
            int offset = in.skip(size);
            bodies.add(new FunctionBody(module.importedFunctionCount + i, offset, size));
        }
        module.bodies = bodies;
        sawCodeSection = true;
    }

    private void readDataSection() {
        int countOffset = in.position();
        int count = in.vectorLength(1);
        if (module.dataCount >= 0 && count != module.dataCount) {
            throw in.malformedAt("data count and data section have inconsistent lengths", countOffset);
        }
        List<DataSegment> segments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int flagsOffset = in.position();
            int flags = in.u32();
            if (flags < 0 || flags > 2) {
                throw in.malformedAt("malformed data segment kind", flagsOffset);
            }
            SegmentMode mode = flags == 1 ? SegmentMode.PASSIVE : SegmentMode.ACTIVE;
            int memory = flags == 2 ? readIndex() : 0;
            ConstExpr offset = mode == SegmentMode.ACTIVE ? readConstExpr() : null;
            int lengthOffset = in.position();
            int length = in.u32();
            if (length < 0 || length > in.remaining()) {
                throw in.malformedAt("unexpected end of section or function", lengthOffset);
            }
            int dataOffset = in.skip(length);
            segments.add(new DataSegment(mode, memory, offset, dataOffset, length));
        }
        module.dataSegments = segments;
    }

    /** A growable list of ints, so that decoding imports does not box. */
    private static final class IntList {
        private int[] values = new int[8];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
