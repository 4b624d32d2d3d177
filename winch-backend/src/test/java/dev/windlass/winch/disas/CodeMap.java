package dev.windlass.winch.disas;

import dev.windlass.winch.compile.CompiledModule;
import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.WasmModule;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What lies where in a compiled module's code (the layout {@link CompiledModule} describes):
 * the trap handler, the host adapter, the entry trampolines and the defined functions, so that
 * a listing can name the target of a call instead of printing an offset that moves whenever
 * any function before it changes.
 */
final class CodeMap {

    private final List<CodeRegion> shared;
    private final List<CodeRegion> functions;

    private CodeMap(List<CodeRegion> shared, List<CodeRegion> functions) {
        this.shared = shared;
        this.functions = functions;
    }

    static CodeMap of(CompiledModule compiled) {
        WasmModule module = compiled.module();
        int imported = module.importedFunctionCount();
        int defined = module.functionCount() - imported;

        TreeSet<Integer> trampolineStarts = new TreeSet<>();
        for (int i = imported; i < module.functionCount(); i++) {
            trampolineStarts.add(compiled.entryTrampolineOffset(i));
        }
        int firstFunction = defined == 0 ? compiled.codeSize() : compiled.functionOffset(imported);

        List<CodeRegion> shared = new ArrayList<>();
        int afterAdapter = trampolineStarts.isEmpty() ? firstFunction : trampolineStarts.first();
        shared.add(new CodeRegion("trap handler", 0, compiled.hostAdapterOffset(), true));
        shared.add(new CodeRegion("host adapter", compiled.hostAdapterOffset(), afterAdapter, true));
        for (int start : trampolineStarts) {
            Integer next = trampolineStarts.higher(start);
            shared.add(new CodeRegion(trampolineTitle(compiled, start), start, next == null ? firstFunction : next, true));
        }

        List<CodeRegion> functions = new ArrayList<>();
        for (int i = imported; i < module.functionCount(); i++) {
            int start = compiled.functionOffset(i);
            functions.add(new CodeRegion(functionTitle(module, i), start, functionEnd(compiled, i, start), false));
        }
        return new CodeMap(List.copyOf(shared), List.copyOf(functions));
    }

    /** {@return the trap handler, host adapter and entry trampolines, in layout order} */
    List<CodeRegion> shared() {
        return shared;
    }

    /** {@return the defined functions, in index order} */
    List<CodeRegion> functions() {
        return functions;
    }

    /** {@return how a branch or call to module offset {@code target} is shown}: the region it enters */
    String symbolFor(int target) {
        for (List<CodeRegion> regions : List.of(functions, shared)) {
            for (CodeRegion region : regions) {
                if (region.start() == target) {
                    return "<" + region.title() + ">";
                }
                if (region.contains(target)) {
                    return "<" + region.title() + "+0x" + Integer.toHexString(target - region.start()) + ">";
                }
            }
        }
        return "<outside the code: 0x" + Integer.toHexString(target) + ">";
    }

    private static String functionTitle(WasmModule module, int index) {
        String name = module.names().functionName(index).map(n -> " $" + n).orElse("");
        return "function " + index + name;
    }

    private static String trampolineTitle(CompiledModule compiled, int start) {
        WasmModule module = compiled.module();
        for (int i = module.importedFunctionCount(); i < module.functionCount(); i++) {
            if (compiled.entryTrampolineOffset(i) == start) {
                FuncType type = module.functionType(i);
                return "entry trampoline for " + count(type.params().size(), "param") + ", "
                        + count(type.results().size(), "result");
            }
        }
        throw new IllegalStateException("no function uses the trampoline at 0x" + Integer.toHexString(start));
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** The module offset after function {@code index}'s code and constants: where {@code functionAt} stops naming it. */
    private static int functionEnd(CompiledModule compiled, int index, int start) {
        int end = start;
        while (end < compiled.codeSize() && compiled.functionAt(end) == index) {
            end++;
        }
        return end;
    }
}
