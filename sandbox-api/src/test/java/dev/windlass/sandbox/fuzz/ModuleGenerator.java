package dev.windlass.sandbox.fuzz;

import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.Opcode;
import dev.windlass.winch.wasm.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random valid modules aimed at a single-pass compiler's compile-time state at merges
 * (see {@link ControlGenerator}, {@link ExpressionGenerator}), with the calls to make of them.
 * Module {@code index} of run seed {@code seed} is the same on every machine, and can be made
 * without making the ones before it.
 *
 * <p>Each module has up to five generated functions ({@code f0}...), whose params and locals
 * are of all four number types; {@code reset} refills the call budget (the differential
 * harness calls it before every call), and {@code state} returns a hash of the globals, the two
 * memory windows and the memory's size, so what calls leave behind is compared too.
 */
public final class ModuleGenerator {

    /** A call to make: export {@code export}, raw {@code args} of types {@code params}. */
    public record PlannedCall(String export, List<ValType> params, long[] args) {
    }

    /** A module with the calls to make of it, in order; {@code reset} is to be called before each. */
    public record GeneratedModule(long seed, int index, byte[] bytes, List<PlannedCall> calls) {
        public String label() {
            return "gen-seed" + seed + "-module" + index;
        }
    }

    public static final String RESET_EXPORT = "reset";
    public static final String STATE_EXPORT = "state";
    private static final FuncType STATE_TYPE = new FuncType(List.of(), List.of(ValType.I64));
    private static final long CALL_BUDGET = 200;

    private ModuleGenerator() {
    }

    /** {@return module {@code index} of run {@code seed}} */
    public static GeneratedModule generate(long seed, int index) {
        Random random = new Random(moduleSeed(seed, index));
        ScalarGenerator scalars = new ScalarGenerator(random);
        List<FuncType> loggers = new ArrayList<>();
        for (int k = 1 + random.nextInt(3); k > 0; k--) {
            loggers.add(new FuncType(scalars.types(1 + random.nextInt(4)), List.of()));
        }
        List<FuncType> functions = new ArrayList<>();
        for (int f = 1 + random.nextInt(5); f > 0; f--) {
            functions.add(random.nextInt(100) < 8
                    ? new FuncType(scalars.types(random.nextInt(21)), scalars.types(8 + random.nextInt(13)))
                    : scalars.signature(5, 3));
        }
        byte[] low = new byte[ModulePlan.WINDOW];
        byte[] high = new byte[ModulePlan.WINDOW];
        random.nextBytes(low);
        random.nextBytes(high);
        ModulePlan plan = new ModulePlan(loggers, functions, low, high, CALL_BUDGET);
        for (ValType type : ScalarGenerator.SCALARS) {
            for (int k = 1 + random.nextInt(2); k > 0; k--) {
                plan.addGlobal(type, true, numberNotNaN(scalars, type));
            }
            if (random.nextBoolean()) {
                plan.addGlobal(type, false, numberNotNaN(scalars, type));
            }
        }
        List<ModulePlan.Body> bodies = new ArrayList<>();
        for (int f = 0; f < functions.size(); f++) {
            bodies.add(function(random, plan, f));
        }
        bodies.add(new ModulePlan.Body(List.of(), resetCode()));
        bodies.add(new ModulePlan.Body(List.of(), stateCode(plan)));
        byte[] bytes = plan.write(bodies, STATE_TYPE);
        return new GeneratedModule(seed, index, bytes, calls(scalars, functions));
    }

    /** SplitMix64 of the run seed and the index: neighbouring modules get unrelated streams. */
    static long moduleSeed(long seed, int index) {
        long z = seed + (index + 1L) * 0x9E37_79B9_7F4A_7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    private static long numberNotNaN(ScalarGenerator scalars, ValType type) {
        long bits;
        do {
            bits = scalars.constant(type);
        } while (type == ValType.F32 && Float.isNaN(Float.intBitsToFloat((int) bits))
                || type == ValType.F64 && Double.isNaN(Double.longBitsToDouble(bits)));
        return bits;
    }

    /**
     * A generated function: the budget check (a constant early return when it is spent), then
     * statements and results, or results from a deep nest of blocks.
     */
    private static ModulePlan.Body function(Random random, ModulePlan plan, int index) {
        BodyState s = new BodyState(random, plan, index, 30 + random.nextInt(220));
        for (int k = random.nextInt(7); k > 0; k--) {
            s.declareLocal(s.scalars.type());
        }
        BodyGenerator g = new BodyGenerator(s);
        s.code.op(Opcode.GLOBAL_GET).u32(ModulePlan.BUDGET_GLOBAL).op(Opcode.I32_EQZ).op(Opcode.IF).u8(0x40);
        for (ValType result : s.type.results()) {
            s.emitConstant(result, s.scalars.constant(result));
        }
        s.code.op(Opcode.RETURN).op(Opcode.END);
        s.code.op(Opcode.GLOBAL_GET).u32(ModulePlan.BUDGET_GLOBAL).constant(ValType.I32, 1).op(Opcode.I32_SUB)
                .op(Opcode.GLOBAL_SET).u32(ModulePlan.BUDGET_GLOBAL);
        int depth = 4 + random.nextInt(3);
        if (s.chance(30)) {
            g.control.deepNest(s.type.results(), depth);
        } else {
            g.effects.statements(1 + random.nextInt(5), depth);
            if (s.chance(10)) {
                g.control.branchAway(depth);
            } else {
                g.expressions.values(s.type.results(), depth);
            }
        }
        return new ModulePlan.Body(s.locals.subList(s.type.params().size(), s.locals.size()), s.code.toByteArray());
    }

    private static byte[] resetCode() {
        return new WasmBinary().constant(ValType.I32, CALL_BUDGET).op(Opcode.GLOBAL_SET).u32(ModulePlan.BUDGET_GLOBAL)
                .toByteArray();
    }

    /** {@code h = h * 31 + x} over the globals (NaNs as one value), the memory windows and the memory's size. */
    private static byte[] stateCode(ModulePlan plan) {
        WasmBinary code = new WasmBinary().constant(ValType.I64, 17);
        for (int global = ModulePlan.BUDGET_GLOBAL + 1; global < plan.globalTypes.size(); global++) {
            ValType type = plan.globalTypes.get(global);
            code.constant(ValType.I64, 31).op(Opcode.I64_MUL).op(Opcode.GLOBAL_GET).u32(global);
            switch (type) {
                case I32 -> code.op(Opcode.I64_EXTEND_I32_U);
                case I64 -> { }
                case F32 -> code.op(Opcode.I32_REINTERPRET_F32).constant(ValType.I32, 0x7FC0_0000)
                        .op(Opcode.GLOBAL_GET).u32(global).op(Opcode.GLOBAL_GET).u32(global).op(Opcode.F32_EQ)
                        .op(Opcode.SELECT).op(Opcode.I64_EXTEND_I32_U);
                case F64 -> code.op(Opcode.I64_REINTERPRET_F64).constant(ValType.I64, 0x7FF8_0000_0000_0000L)
                        .op(Opcode.GLOBAL_GET).u32(global).op(Opcode.GLOBAL_GET).u32(global).op(Opcode.F64_EQ)
                        .op(Opcode.SELECT);
                default -> throw new IllegalArgumentException(type.toString());
            }
            code.op(Opcode.I64_ADD);
        }
        for (int offset = 0; offset < ModulePlan.WINDOW; offset += 8) {
            for (int base : new int[] {0, ModulePlan.PAGE - ModulePlan.WINDOW}) {
                code.constant(ValType.I64, 31).op(Opcode.I64_MUL).constant(ValType.I32, base + offset)
                        .op(Opcode.I64_LOAD).u32(3).u32(0).op(Opcode.I64_ADD);
            }
        }
        code.constant(ValType.I64, 31).op(Opcode.I64_MUL).op(Opcode.MEMORY_SIZE).u8(0).op(Opcode.I64_EXTEND_I32_U)
                .op(Opcode.I64_ADD);
        return code.toByteArray();
    }

    /** For each function: all-zero arguments, then two random vectors; then {@code state}. */
    private static List<PlannedCall> calls(ScalarGenerator scalars, List<FuncType> functions) {
        List<PlannedCall> calls = new ArrayList<>();
        for (int f = 0; f < functions.size(); f++) {
            List<ValType> params = functions.get(f).params();
            calls.add(new PlannedCall("f" + f, params, new long[params.size()]));
            for (int v = 0; v < 2; v++) {
                calls.add(new PlannedCall("f" + f, params, params.stream().mapToLong(scalars::argument).toArray()));
            }
            calls.add(new PlannedCall(STATE_EXPORT, List.of(), new long[0]));
        }
        return calls;
    }
}
