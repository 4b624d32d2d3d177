package dev.windlass.winch.wasm;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates a decoded module against the rules of the spec: the module-level rules here, each
 * function body through a {@link FunctionValidator}.
 *
 * <p>When a module is both malformed (in a function body, which decoding does not read) and
 * invalid, the spec reports it malformed; so does this class.
 */
public final class ModuleValidator {

    private static final long MAX_PAGES_32 = 65_536;
    private static final long MAX_PAGES_64 = 1L << 48;

    private final WasmModule module;

    private ModuleValidator(WasmModule module) {
        this.module = module;
    }

    /**
     * Validates a module, including every function body.
     *
     * @throws WasmInvalidException   if a rule of validation is broken
     * @throws WasmMalformedException if a function body does not decode
     */
    public static void validate(WasmModule module) {
        try {
            validateModuleLevel(module);
            FunctionValidator.validateAll(module, module.bodies());
        } catch (WasmInvalidException invalid) {
            for (FunctionBody body : module.bodies()) {
                BodyScanner.checkWellFormed(module, body);
            }
            throw invalid;
        }
    }

    /**
     * Validates everything but the function bodies, which the caller then validates one by one
     * (in the same pass as code generation, or in parallel) with {@link #validateBody}.
     *
     * @throws WasmInvalidException if a module-level rule is broken
     */
    public static void validateModuleLevel(WasmModule module) {
        new ModuleValidator(module).checkModule();
    }

    /** Validates one function body of a module whose module-level rules hold. */
    public static void validateBody(WasmModule module, FunctionBody body) {
        checkBodySize(body);
        FunctionValidator.begin(module, body).validateAll();
    }

    static void checkBodySize(FunctionBody body) {
        if (body.size() > ImplementationLimits.MAX_FUNCTION_BODY_SIZE) {
            throw new WasmInvalidException("function body of " + body.size() + " bytes exceeds the limit of "
                    + ImplementationLimits.MAX_FUNCTION_BODY_SIZE, body.offset(), body.functionIndex());
        }
    }

    private void checkModule() {
        checkCounts();
        checkTypes();
        checkFunctionsAndImports();
        checkTables();
        checkMemories();
        checkGlobals();
        checkExports();
        checkStart();
        checkElementSegments();
        checkDataSegments();
    }

    private void checkCounts() {
        limit("types", module.types().size(), ImplementationLimits.MAX_TYPES);
        limit("imports", module.imports().size(), ImplementationLimits.MAX_IMPORTS);
        limit("functions", module.functionCount(), ImplementationLimits.MAX_FUNCTIONS);
        limit("exports", module.exports().size(), ImplementationLimits.MAX_EXPORTS);
        limit("globals", module.globalTypes().size(), ImplementationLimits.MAX_GLOBALS);
        limit("tables", module.tables().size(), ImplementationLimits.MAX_TABLES);
        limit("memories", module.memories().size(), ImplementationLimits.MAX_MEMORIES);
        limit("element segments", module.elementSegments().size(), ImplementationLimits.MAX_ELEMENT_SEGMENTS);
        limit("data segments", module.dataSegments().size(), ImplementationLimits.MAX_DATA_SEGMENTS);
    }

    private static void limit(String what, int count, int max) {
        if (count > max) {
            throw new WasmInvalidException("too many " + what + ": " + count + " exceeds the limit of " + max, -1);
        }
    }

    private void checkTypes() {
        for (int i = 0; i < module.types().size(); i++) {
            FuncType type = module.types().get(i);
            if (type.params().size() > ImplementationLimits.MAX_PARAMS
                    || type.results().size() > ImplementationLimits.MAX_RESULTS) {
                throw new WasmInvalidException("type " + i + " has too many parameters or results", -1);
            }
        }
    }

    private void checkFunctionsAndImports() {
        for (int f = 0; f < module.functionCount(); f++) {
            int typeIndex = module.functionTypeIndex(f);
            if (typeIndex >= module.types().size()) {
                throw new WasmInvalidException("unknown type " + typeIndex + " (of function " + f + ")", -1);
            }
        }
    }

    private void checkTables() {
        for (TableType table : module.tables()) {
            checkMinMax(table.limits(), "size minimum must not be greater than maximum");
        }
    }

    private void checkMemories() {
        List<MemoryType> memories = module.memories();
        if (memories.size() > 1 && !module.features().multiMemory()) {
            throw new WasmInvalidException("multiple memories", -1);
        }
        for (MemoryType memory : memories) {
            long maxPages = memory.is64() ? MAX_PAGES_64 : MAX_PAGES_32;
            Limits limits = memory.limits();
            String tooLarge = memory.is64() ? "memory size must be at most 2^48 pages"
                    : "memory size must be at most 65536 pages (4GiB)";
            if (Long.compareUnsigned(limits.min(), maxPages) > 0
                    || (limits.hasMax() && Long.compareUnsigned(limits.max(), maxPages) > 0)) {
                throw new WasmInvalidException(tooLarge, -1);
            }
            checkMinMax(limits, "size minimum must not be greater than maximum");
            if (memory.shared()) {
                throw new WasmInvalidException("shared memories need the threads proposal, which Windlass does not support", -1);
            }
        }
    }

    private static void checkMinMax(Limits limits, String message) {
        if (limits.hasMax() && Long.compareUnsigned(limits.min(), limits.max()) > 0) {
            throw new WasmInvalidException(message, -1);
        }
    }

    private void checkGlobals() {
        int imported = module.importedGlobalCount();
        for (Global global : module.globals()) {
            ConstExprValidator.validate(module, global.init(), global.type().valType(), imported);
        }
    }

    private void checkExports() {
        Set<String> names = new HashSet<>();
        for (Export export : module.exports()) {
            if (!names.add(export.name())) {
                throw new WasmInvalidException("duplicate export name \"" + export.name() + "\"", -1);
            }
            int count = switch (export.kind()) {
                case FUNC -> module.functionCount();
                case TABLE -> module.tables().size();
                case MEMORY -> module.memories().size();
                case GLOBAL -> module.globalTypes().size();
            };
            if (export.index() >= count) {
                throw new WasmInvalidException("unknown " + export.kind() + " " + export.index()
                        + " (exported as \"" + export.name() + "\")", -1);
            }
        }
    }

    private void checkStart() {
        if (module.startFunction().isEmpty()) {
            return;
        }
        int start = module.startFunction().getAsInt();
        if (start >= module.functionCount()) {
            throw new WasmInvalidException("unknown function " + start + " (the start function)", -1);
        }
        if (!module.functionType(start).equals(FuncType.EMPTY)) {
            throw new WasmInvalidException("start function must have type [] -> [], not " + module.functionType(start), -1);
        }
    }

    private void checkElementSegments() {
        int globals = module.importedGlobalCount();
        for (ElementSegment segment : module.elementSegments()) {
            if (segment.mode() == SegmentMode.ACTIVE) {
                if (segment.tableIndex() >= module.tables().size()) {
                    throw new WasmInvalidException("unknown table " + segment.tableIndex(), segment.offset());
                }
                TableType table = module.tables().get(segment.tableIndex());
                if (table.elementType() != segment.type()) {
                    throw new WasmInvalidException("type mismatch: element segment of " + segment.type()
                            + " for a table of " + table.elementType(), segment.offset());
                }
                ConstExprValidator.validate(module, segment.offsetExpr(), table.indexType(), globals);
            }
            for (int i = 0; i < segment.size(); i++) {
                if (segment.hasFunctionIndices()) {
                    if (segment.functionIndex(i) >= module.functionCount()) {
                        throw new WasmInvalidException("unknown function " + segment.functionIndex(i), segment.offset());
                    }
                } else {
                    ConstExprValidator.validate(module, segment.expression(i), segment.type(), globals);
                }
            }
        }
    }

    private void checkDataSegments() {
        int globals = module.importedGlobalCount();
        for (DataSegment segment : module.dataSegments()) {
            if (segment.mode() != SegmentMode.ACTIVE) {
                continue;
            }
            if (segment.memoryIndex() >= module.memories().size()) {
                throw new WasmInvalidException("unknown memory " + segment.memoryIndex(), segment.dataOffset());
            }
            MemoryType memory = module.memories().get(segment.memoryIndex());
            ConstExprValidator.validate(module, segment.offsetExpr(), memory.addressType(), globals);
        }
    }
}
