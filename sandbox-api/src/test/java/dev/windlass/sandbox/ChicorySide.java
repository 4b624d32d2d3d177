package dev.windlass.sandbox;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.MStack;
import com.dylibso.chicory.runtime.OpcodeImpl;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.MutabilityType;
import com.dylibso.chicory.wasm.types.OpCode;
import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.FuncTypeRef;
import dev.windlass.winch.wasm.GlobalType;
import dev.windlass.winch.wasm.Import;
import dev.windlass.winch.wasm.MemoryType;
import dev.windlass.winch.wasm.SegmentMode;
import dev.windlass.winch.wasm.ValType;
import dev.windlass.winch.wasm.WasmModule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Chicory's interpreter running a module for {@link DifferentialTest}, its imports from
 * {@link HostImports}. Types come from Windlass's decoding of the same bytes (Chicory checks
 * them against its own when it links). Chicory's trap messages are mapped to {@link TrapCode}s.
 *
 * <p>Where Chicory 1.7.5 deviates from the spec, this class corrects it or marks the instance
 * (a wrong value can be kept in memory or a global and show in any later call):
 * <ul>
 * <li>it keeps active data segments after instantiation, so {@code memory.init} from one does
 *     not trap; they are dropped here, as the spec's instantiation does;</li>
 * <li>its {@code f32.convert_i64_u} rounds about half of all operands of 2^63 and above wrongly,
 *     its {@code f64.convert_i64_u} a few in ten thousand of them. An execution listener sees
 *     every conversion and {@linkplain #knownDeviation() remembers} one that went wrong, which
 *     excuses a disagreement of that call or a later one;</li>
 * <li>its {@code i32.store8}, {@code i64.store8} and {@code i64.store32} wrap an effective address
 *     (address + offset) of 2^32 or more to 32 bits instead of trapping; the listener marks
 *     those too;</li>
 * <li>an {@code i32.mul} whose product is a multiple of 2^32 but not 0 (so its i32 result is 0)
 *     can steer a following {@code if} or {@code br_if} as if it were not 0: Chicory takes the
 *     wrong branch (seen twice in 200,000 generated modules, e.g. {@code -65536 * -65536} and
 *     {@code -98 * -2^31}; wabt's {@code wasm-interp} agrees with Windlass). The listener marks
 *     such a multiplication;</li>
 * <li>a branch back to a {@code loop} whose block type is a type index with more results than
 *     parameters leaves values on its operand stack that should have been dropped; once the
 *     function returns, a caller's operands below them are lost (seen as 4 of 200,000 generated
 *     modules; reduced: {@code i32.const 77 call $f i32.add} gives 5 where {@code $f} loops
 *     through {@code loop (type $to_i64_i64) ... br_if 0} and returns 5, and wabt's
 *     {@code wasm-interp} gives 82 as Windlass does). The listener marks the instance when such a
 *     loop starts, and every later disagreement in it is excused, since the lost operands may
 *     have been stored in memory or globals. Any loop with params loses operands too (found by
 *     {@link GeneratedModulesTest}, V8 agreeing with Windlass): with as many results and no
 *     branch back, {@code f64.const 7 block (result i32) i32.const 0 i64.const 0 loop (param i32
 *     i64) (result i32 i64) end drop br 0 end} leaves 0 below the i32 instead of 7; with one
 *     param, {@code i32.const 5 f32.const 1 loop (param f32) (result f32) f32.const 2 ... br_if 0
 *     f32.add end} taken once leaves the bits of 1.0 where the 5 was. Those are marked too;</li>
 * <li>a branch out of a {@code block} or {@code if} with params ({@code br_if}, {@code br_table}
 *     to its label) loses the operands below the params: {@code i32.const 100 i32.const 1
 *     i32.const 2 block (param i32 i32) (result i32) local.get 0 br_if 0 i32.add end i32.add}
 *     gives 3 for a true {@code local.get 0}, where V8, wabt and Windlass give 102 (found by the
 *     generated modules of {@link GeneratedModulesTest}). The listener marks the instance when
 *     such a block starts, as for the loops above;</li>
 * <li>its {@code table.init}, {@code table.copy} and {@code table.fill} compute range ends in
 *     int arithmetic, so an end of 2^31 or more wraps instead of trapping, and {@code table.grow}
 *     by nearly 2^31 throws {@code NegativeArraySizeException}; marked as well.</li>
 * </ul>
 */
final class ChicorySide implements RuntimeUnderTest {

    private final Instance instance;
    private final WasmModule types;
    private final List<String> log;
    private final String[] deviation;
    /** Chicory's state since a multi-value loop ran, which may have lost operands; null before. */
    private final String[] corruption;

    private ChicorySide(Instance instance, WasmModule types, List<String> log, String[] deviation,
                        String[] corruption) {
        this.instance = instance;
        this.types = types;
        this.log = log;
        this.deviation = deviation;
        this.corruption = corruption;
    }

    /**
     * Parses and instantiates {@code wasm}, whose imports and types {@code types} describes.
     *
     * @throws ChicoryException if Chicory rejects the module or its start function traps
     */
    static ChicorySide instantiate(byte[] wasm, WasmModule types) {
        List<String> log = new ArrayList<>();
        ImportValues.Builder imports = ImportValues.builder();
        Set<String> defined = new HashSet<>();
        for (Import imp : types.imports()) {
            if (!defined.add(imp.module() + "." + imp.name())) {
                continue; // imported twice: one definition serves both
            }
            switch (imp.type()) {
                case FuncTypeRef ref -> {
                    FuncType type = types.types().get(ref.typeIndex());
                    String name = imp.name();
                    imports.addFunction(new HostFunction(imp.module(), name, chicoryType(type), (instance, args) -> {
                        log.add(HostImports.logLine(name, type, args));
                        return null;
                    }));
                }
                case GlobalType type -> imports.addGlobal(new ImportGlobal(imp.module(), imp.name(),
                        new GlobalInstance(HostImports.spectestGlobalBits(imp.name()), 0, chicoryType(type.valType()),
                                MutabilityType.Const)));
                case MemoryType type -> {
                    var limits = HostImports.SPECTEST_MEMORY;
                    imports.addMemory(new ImportMemory(imp.module(), imp.name(),
                            new ByteArrayMemory(new MemoryLimits((int) limits.min(), (int) limits.max()))));
                }
                default -> throw new IllegalArgumentException("not provided: " + imp);
            }
        }
        String[] deviation = new String[1];
        String[] corruption = new String[1];
        Instance instance = Instance.builder(Parser.parse(wasm)).withImportValues(imports.build())
                .withUnsafeExecutionListener((instruction, stack) -> {
                    // Chicory polls for interruption only at calls; a loop without calls would
                    // outlive its time limit and keep a core busy.
                    if (Thread.interrupted()) {
                        throw new ChicoryInterruptedException("the call ran out of time");
                    }
                    if (deviation[0] == null) {
                        deviation[0] = deviation(instruction, stack);
                    }
                    if (corruption[0] == null && instruction.opcode() == OpCode.LOOP) {
                        corruption[0] = loopCorruption(instruction.operands()[0], types);
                    }
                    if (corruption[0] == null && (instruction.opcode() == OpCode.BLOCK
                            || instruction.opcode() == OpCode.IF)) {
                        corruption[0] = paramsCorruption(instruction.operands()[0], types);
                    }
                })
                .build();
        for (int d = 0; d < types.dataSegments().size(); d++) {
            if (types.dataSegments().get(d).mode() == SegmentMode.ACTIVE) {
                instance.dropDataSegment(d);
                for (int m = 0; m < types.memories().size(); m++) {
                    instance.memory(m).drop(d);
                }
            }
        }
        deviation[0] = null;
        return new ChicorySide(instance, types, log, deviation, corruption);
    }

    /** Chicory's encodings of the block types that are no type index: empty and the value types. */
    private static final Set<Long> VALUE_BLOCK_TYPES = Set.of(0x40L, 0x7FL, 0x7EL, 0x7DL, 0x7CL, 0x7BL, 0x70L, 0x6FL);

    /** {@return why a loop with this block type may corrupt Chicory's operand stack, or null} */
    private static String loopCorruption(long blockType, WasmModule types) {
        if (blockType < 0 || blockType >= types.types().size()) {
            return null;
        }
        FuncType type = types.types().get((int) blockType);
        if (VALUE_BLOCK_TYPES.contains(blockType) && type.results().size() <= 1) {
            return null; // a value type's code, not the (coinciding) type index
        }
        if (type.params().isEmpty() && type.results().size() <= 1) {
            return null;
        }
        return "a loop of type " + type + " ran: Chicory may lose the operands below it";
    }

    /** {@return why a block or if with this block type may corrupt Chicory's operand stack, or null} */
    private static String paramsCorruption(long blockType, WasmModule types) {
        if (blockType < 0 || blockType >= types.types().size() || types.types().get((int) blockType).params().isEmpty()) {
            return null;
        }
        return "a block or if of type " + types.types().get((int) blockType)
                + " ran: Chicory's branches out of it lose the operands below its params";
    }

    /** {@return what Chicory gets wrong about {@code instruction} with this stack, or null} */
    private static String deviation(Instruction instruction, MStack stack) {
        OpCode opcode = instruction.opcode();
        if (opcode == OpCode.I32_STORE8 || opcode == OpCode.I64_STORE8 || opcode == OpCode.I64_STORE32) {
            long address = stack.array()[stack.size() - 2] & 0xFFFF_FFFFL; // below the value stored
            long offset = instruction.operands()[1]; // operands: align, offset, memory
            if (address + offset > 0xFFFF_FFFFL) {
                return opcode + " at address " + address + " + offset " + offset + " (2^32 or more) does not trap";
            }
        } else if (opcode == OpCode.TABLE_INIT || opcode == OpCode.TABLE_COPY || opcode == OpCode.TABLE_FILL) {
            long[] values = stack.array();
            int top = stack.size();
            long first = values[top - 3] & 0xFFFF_FFFFL;
            long second = values[top - 2] & 0xFFFF_FFFFL;
            long length = values[top - 1] & 0xFFFF_FFFFL;
            boolean ranges = opcode == OpCode.TABLE_FILL ? first + length > Integer.MAX_VALUE
                    : first + length > Integer.MAX_VALUE || second + length > Integer.MAX_VALUE;
            if (ranges) {
                return opcode + " with an end of 2^31 or more: Chicory's int arithmetic wraps instead of trapping";
            }
        } else if (opcode == OpCode.I32_MUL) {
            long product = (long) (int) stack.array()[stack.size() - 2] * (int) stack.peek();
            if (product != 0 && (int) product == 0) {
                return "i32.mul with the product " + product + " (0 as an i32): Chicory may branch as if it were not 0";
            }
        } else if (opcode == OpCode.TABLE_GROW) {
            long delta = stack.peek() & 0xFFFF_FFFFL;
            if (delta > Integer.MAX_VALUE - (1 << 24)) {
                return "table.grow by " + delta + ": Chicory's new size overflows an int (NegativeArraySizeException)";
            }
        } else if (opcode == OpCode.F32_CONVERT_I64_U) {
            long operand = stack.peek();
            float right = operand >= 0 ? (float) operand : (float) ((operand >>> 1) | (operand & 1)) * 2f;
            if (Float.floatToRawIntBits(right) != Float.floatToRawIntBits(OpcodeImpl.F32_CONVERT_I64_U(operand))) {
                return "f32.convert_i64_u(" + Long.toUnsignedString(operand) + ") is " + right + ", Chicory says "
                        + OpcodeImpl.F32_CONVERT_I64_U(operand);
            }
        } else if (opcode == OpCode.F64_CONVERT_I64_U) {
            long operand = stack.peek();
            double right = operand >= 0 ? (double) operand : (double) ((operand >>> 1) | (operand & 1)) * 2d;
            if (Double.doubleToRawLongBits(right) != Double.doubleToRawLongBits(OpcodeImpl.F64_CONVERT_I64_U(operand))) {
                return "f64.convert_i64_u(" + Long.toUnsignedString(operand) + ") is " + right + ", Chicory says "
                        + OpcodeImpl.F64_CONVERT_I64_U(operand);
            }
        }
        return null;
    }

    /**
     * {@return a known Chicory bug the calls of this instance ran into, or null}: a disagreement
     * after it may be Chicory's, also in a later call (the wrong value may have been kept in
     * memory or a global, which the generated modules' {@code state} export reads)
     */
    String knownDeviation() {
        return deviation[0] != null ? deviation[0] : corruption[0];
    }

    @Override
    public Outcome call(String name, long[] args) {
        List<ValType> results = types.functionType(exportIndex(name)).results();
        try {
            long[] values = instance.export(name).apply(args);
            return new Outcome.Returned(results, values == null ? new long[0] : values); // null: no results
        } catch (ChicoryInterruptedException e) {
            throw e; // the caller gave up on this call; not an outcome
        } catch (ChicoryException e) {
            return outcome(e);
        } catch (StackOverflowError e) {
            return new Outcome.Exhausted(e.toString());
        } catch (RuntimeException | Error e) {
            return new Outcome.Failed(e);
        }
    }

    /** {@return the outcome a Chicory exception stands for} */
    static Outcome outcome(ChicoryException e) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("call stack exhausted")) {
            return new Outcome.Exhausted(message);
        }
        return new Outcome.Trapped(trapCode(message), message);
    }

    private static TrapCode trapCode(String message) {
        if (message.startsWith("Trapped on unreachable")) {
            return TrapCode.UNREACHABLE;
        }
        for (TrapCode code : List.of(TrapCode.INTEGER_DIVIDE_BY_ZERO, TrapCode.INTEGER_OVERFLOW,
                TrapCode.INVALID_CONVERSION_TO_INTEGER, TrapCode.MEMORY_OUT_OF_BOUNDS, TrapCode.TABLE_OUT_OF_BOUNDS)) {
            if (message.startsWith(code.message())) {
                return code;
            }
        }
        return null;
    }

    private int exportIndex(String name) {
        return types.exports().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow().index();
    }

    private static FunctionType chicoryType(FuncType type) {
        return FunctionType.of(type.params().stream().map(ChicorySide::chicoryType).toList(),
                type.results().stream().map(ChicorySide::chicoryType).toList());
    }

    private static com.dylibso.chicory.wasm.types.ValType chicoryType(ValType type) {
        return switch (type) {
            case I32 -> com.dylibso.chicory.wasm.types.ValType.I32;
            case I64 -> com.dylibso.chicory.wasm.types.ValType.I64;
            case F32 -> com.dylibso.chicory.wasm.types.ValType.F32;
            case F64 -> com.dylibso.chicory.wasm.types.ValType.F64;
            default -> throw new IllegalArgumentException("not a number type: " + type);
        };
    }

    @Override
    public List<String> takeLog() {
        return RuntimeUnderTest.drain(log);
    }

    @Override
    public void close() {
        // Chicory's instances are plain Java objects.
    }
}
