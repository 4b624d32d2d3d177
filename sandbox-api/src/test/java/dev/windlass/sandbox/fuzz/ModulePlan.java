package dev.windlass.sandbox.fuzz;

import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import java.util.ArrayList;
import java.util.List;

/**
 * What a generated module declares, decided before its bodies are generated, and the writing
 * of it all as a binary once they are.
 *
 * <p>Function indices: the imported loggers first ({@code fuzzing-support.log-K}, no results,
 * which both runtimes of the differential tests provide), then the generated functions
 * (exported as {@code f0}, {@code f1}, ...), then {@code reset} and {@code state}. Global 0 is
 * the call budget that {@code reset} refills and every generated function's entry spends, so
 * calls stay bounded whatever a random {@code call_indirect} reaches. Table 0 holds the
 * generated functions at their own numbers, followed by two null entries. The memory has one
 * page and may grow to two; data fills the two windows that stores aim at.
 */
final class ModulePlan {

    static final String LOGGER_MODULE = "fuzzing-support";
    static final int BUDGET_GLOBAL = 0;
    static final int PAGE = 65536;
    /** The bytes at the start and at the end of the first page that loads and stores favour. */
    static final int WINDOW = 64;

    final List<FuncType> types = new ArrayList<>();
    final List<FuncType> loggers;
    final List<FuncType> functions;
    final List<ValType> globalTypes = new ArrayList<>();
    final List<Boolean> globalMutable = new ArrayList<>();
    final List<Long> globalInitial = new ArrayList<>();
    final byte[] lowData;
    final byte[] highData;
    final long budget;

    ModulePlan(List<FuncType> loggers, List<FuncType> functions, byte[] lowData, byte[] highData, long budget) {
        this.loggers = List.copyOf(loggers);
        this.functions = List.copyOf(functions);
        this.lowData = lowData;
        this.highData = highData;
        this.budget = budget;
        addGlobal(ValType.I32, true, budget);
    }

    void addGlobal(ValType type, boolean mutable, long initialBits) {
        globalTypes.add(type);
        globalMutable.add(mutable);
        globalInitial.add(initialBits);
    }

    /** {@return the index of {@code type} in the type section, adding it if it is new} */
    int typeIndex(FuncType type) {
        int index = types.indexOf(type);
        if (index >= 0) {
            return index;
        }
        types.add(type);
        return types.size() - 1;
    }

    /** {@return the function index of generated function {@code generated}} */
    int functionIndex(int generated) {
        return loggers.size() + generated;
    }

    int resetIndex() {
        return loggers.size() + functions.size();
    }

    int stateIndex() {
        return resetIndex() + 1;
    }

    /** Table slots: the generated functions, then two null entries. */
    int tableSize() {
        return functions.size() + 2;
    }

    /** A function body: its declared locals (params excluded) and code (without the final {@code end}). */
    record Body(List<ValType> locals, byte[] code) {
    }

    /** {@return the module binary, {@code bodies} being the generated functions' then reset's and state's} */
    byte[] write(List<Body> bodies, FuncType stateType) {
        List<Integer> functionTypes = new ArrayList<>();
        functions.forEach(f -> functionTypes.add(typeIndex(f)));
        functionTypes.add(typeIndex(FuncType.EMPTY));
        functionTypes.add(typeIndex(stateType));
        List<Integer> loggerTypes = loggers.stream().map(this::typeIndex).toList();

        WasmBinary out = new WasmBinary().u8(0).u8('a').u8('s').u8('m').u8(1).u8(0).u8(0).u8(0);
        WasmBinary typeSection = new WasmBinary().u32(types.size());
        for (FuncType type : types) {
            typeSection.u8(0x60).types(type.params()).types(type.results());
        }
        out.section(1, typeSection);

        WasmBinary imports = new WasmBinary().u32(loggers.size());
        for (int k = 0; k < loggers.size(); k++) {
            imports.name(LOGGER_MODULE).name("log-" + k).u8(0x00).u32(loggerTypes.get(k));
        }
        out.section(2, imports);

        WasmBinary declarations = new WasmBinary().u32(functionTypes.size());
        functionTypes.forEach(declarations::u32);
        out.section(3, declarations);

        out.section(4, new WasmBinary().u32(1).u8(ValType.FUNCREF.code()).u8(0x00).u32(tableSize()));
        out.section(5, new WasmBinary().u32(1).u8(0x01).u32(1).u32(2));

        WasmBinary globals = new WasmBinary().u32(globalTypes.size());
        for (int g = 0; g < globalTypes.size(); g++) {
            globals.u8(globalTypes.get(g).code()).u8(globalMutable.get(g) ? 1 : 0)
                    .constant(globalTypes.get(g), globalInitial.get(g)).u8(0x0B);
        }
        out.section(6, globals);

        WasmBinary exports = new WasmBinary().u32(functions.size() + 2);
        for (int f = 0; f < functions.size(); f++) {
            exports.name("f" + f).u8(0x00).u32(functionIndex(f));
        }
        exports.name("reset").u8(0x00).u32(resetIndex());
        exports.name("state").u8(0x00).u32(stateIndex());
        out.section(7, exports);

        WasmBinary elements = new WasmBinary().u32(1).u8(0x00).constant(ValType.I32, 0).u8(0x0B).u32(functions.size());
        for (int f = 0; f < functions.size(); f++) {
            elements.u32(functionIndex(f));
        }
        out.section(9, elements);

        WasmBinary code = new WasmBinary().u32(bodies.size());
        for (Body body : bodies) {
            code.sized(encodeBody(body));
        }
        out.section(10, code);

        WasmBinary data = new WasmBinary().u32(2);
        data.u8(0x00).constant(ValType.I32, 0).u8(0x0B).sized(lowData);
        data.u8(0x00).constant(ValType.I32, PAGE - WINDOW).u8(0x0B).sized(highData);
        out.section(11, data);
        return out.toByteArray();
    }

    /** Locals as runs of one type, then the code and its {@code end}. */
    private static byte[] encodeBody(Body body) {
        List<ValType> locals = body.locals();
        WasmBinary runs = new WasmBinary();
        int count = 0;
        for (int i = 0; i < locals.size(); ) {
            int j = i;
            while (j < locals.size() && locals.get(j) == locals.get(i)) {
                j++;
            }
            runs.u32(j - i).u8(locals.get(i).code());
            count++;
            i = j;
        }
        return new WasmBinary().u32(count).bytes(runs.toByteArray()).bytes(body.code()).u8(0x0B).toByteArray();
    }
}
