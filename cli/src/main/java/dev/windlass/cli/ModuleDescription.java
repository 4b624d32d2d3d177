package dev.windlass.cli;

import dev.windlass.winch.wasm.CustomSection;
import dev.windlass.winch.wasm.DataSegment;
import dev.windlass.winch.wasm.ElementSegment;
import dev.windlass.winch.wasm.Export;
import dev.windlass.winch.wasm.FunctionBody;
import dev.windlass.winch.wasm.Global;
import dev.windlass.winch.wasm.Import;
import dev.windlass.winch.wasm.SegmentMode;
import dev.windlass.winch.wasm.WasmModule;
import java.io.PrintWriter;
import java.util.List;

/** A human-readable description of a decoded module, as {@code windlass inspect} prints it. */
final class ModuleDescription {

    private final WasmModule module;

    ModuleDescription(WasmModule module) {
        this.module = module;
    }

    void print(String label, PrintWriter out) {
        out.printf("module %s%s: %,d bytes, valid (%s)%n", label,
                module.names().moduleName().map(n -> " $" + n).orElse(""), module.byteSize(), module.features());
        printImports(out);
        printExports(out);
        printFunctions(out);
        printMemoriesAndTables(out);
        printGlobals(out);
        printSegments(out);
        module.startFunction().ifPresent(f -> out.printf("start: %s%n", functionLabel(f)));
        printCustomSections(out);
    }

    private void printImports(PrintWriter out) {
        List<Import> imports = module.imports();
        out.printf("imports (%d):%n", imports.size());
        for (Import i : imports) {
            String type = i.type() instanceof dev.windlass.winch.wasm.FuncTypeRef ref
                    ? "func " + module.types().get(ref.typeIndex())
                    : i.type().toString();
            out.printf("  %s.%s: %s%n", i.module(), i.name(), type);
        }
    }

    private void printExports(PrintWriter out) {
        List<Export> exports = module.exports();
        out.printf("exports (%d):%n", exports.size());
        for (Export e : exports) {
            String target = switch (e.kind()) {
                case FUNC -> functionLabel(e.index());
                default -> e.kind() + " " + e.index();
            };
            out.printf("  \"%s\": %s%n", e.name(), target);
        }
    }

    private void printFunctions(PrintWriter out) {
        int imported = module.importedFunctionCount();
        List<FunctionBody> bodies = module.bodies();
        long codeBytes = bodies.stream().mapToLong(FunctionBody::size).sum();
        out.printf("functions (%d: %d imported, %d defined, %,d bytes of code):%n",
                module.functionCount(), imported, bodies.size(), codeBytes);
        for (int f = 0; f < module.functionCount(); f++) {
            String where = f < imported
                    ? "imported"
                    : "body %,d bytes at 0x%x".formatted(bodies.get(f - imported).size(),
                            bodies.get(f - imported).offset());
            out.printf("  %s %s, %s%n", functionLabel(f), module.functionType(f), where);
        }
    }

    private void printMemoriesAndTables(PrintWriter out) {
        out.printf("memories (%d, %d imported):%n", module.memories().size(), module.importedMemoryCount());
        for (int m = 0; m < module.memories().size(); m++) {
            out.printf("  [%d] %s%n", m, module.memories().get(m));
        }
        out.printf("tables (%d, %d imported):%n", module.tables().size(), module.importedTableCount());
        for (int t = 0; t < module.tables().size(); t++) {
            out.printf("  [%d] %s%n", t, module.tables().get(t));
        }
    }

    private void printGlobals(PrintWriter out) {
        out.printf("globals (%d, %d imported):%n", module.globalTypes().size(), module.importedGlobalCount());
        for (int g = 0; g < module.globalTypes().size(); g++) {
            out.printf("  [%d] %s%n", g, module.globalTypes().get(g));
        }
    }

    private void printSegments(PrintWriter out) {
        List<DataSegment> data = module.dataSegments();
        out.printf("data segments (%d):%n", data.size());
        for (int d = 0; d < data.size(); d++) {
            DataSegment s = data.get(d);
            String where = s.mode() == SegmentMode.ACTIVE ? ", memory " + s.memoryIndex() : "";
            out.printf("  [%d] %s%s, %,d bytes%n", d, mode(s.mode()), where, s.dataLength());
        }
        List<ElementSegment> elements = module.elementSegments();
        out.printf("element segments (%d):%n", elements.size());
        for (int e = 0; e < elements.size(); e++) {
            ElementSegment s = elements.get(e);
            String where = s.mode() == SegmentMode.ACTIVE ? ", table " + s.tableIndex() : "";
            out.printf("  [%d] %s%s, %d x %s%n", e, mode(s.mode()), where, s.size(), s.type());
        }
    }

    private void printCustomSections(PrintWriter out) {
        List<CustomSection> custom = module.customSections();
        out.printf("custom sections (%d):%n", custom.size());
        for (CustomSection c : custom) {
            out.printf("  \"%s\": %,d bytes at 0x%x%n", c.name(), c.size(), c.offset());
        }
    }

    private String functionLabel(int functionIndex) {
        return "[" + functionIndex + "]" + module.names().functionName(functionIndex).map(n -> " $" + n).orElse("");
    }

    private static String mode(SegmentMode mode) {
        return mode.name().toLowerCase(java.util.Locale.ROOT);
    }
}
