package dev.windlass.sandbox;

import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.FuncTypeRef;
import dev.windlass.winch.wasm.GlobalType;
import dev.windlass.winch.wasm.Import;
import dev.windlass.winch.wasm.Limits;
import dev.windlass.winch.wasm.MemoryType;
import dev.windlass.winch.wasm.ValType;
import dev.windlass.winch.wasm.WasmModule;
import java.util.List;
import java.util.StringJoiner;

/**
 * The imports both runtimes of {@link DifferentialTest} provide, described once so that the two
 * sides cannot drift apart: binaryen's {@code fuzzing-support} loggers ({@code log-i32},
 * {@code log-f64}, ...) and the spec tests' {@code spectest} module ({@code print*} functions,
 * {@code global_i32} and friends, a memory of 1 to 2 pages). Every function import logs its call
 * as one line; the lines of the two runtimes are compared.
 */
final class HostImports {

    /** The spectest memory's limits, as the reference interpreter defines them. */
    static final Limits SPECTEST_MEMORY = Limits.between(1, 2);

    private HostImports() {
    }

    /** {@return why the module needs an import neither side provides, or null if it needs none} */
    static String unprovided(WasmModule module) {
        for (Import imp : module.imports()) {
            String what = imp.module() + "." + imp.name();
            boolean provided = switch (imp.type()) {
                case FuncTypeRef ref -> isLogger(imp) && module.types().get(ref.typeIndex()).results().isEmpty();
                case GlobalType type -> imp.module().equals("spectest") && !type.mutable()
                        && spectestGlobalType(imp.name()) == type.valType();
                case MemoryType type -> imp.module().equals("spectest") && imp.name().equals("memory")
                        && !type.is64() && !type.shared();
                default -> false;
            };
            if (!provided) {
                return "imports " + what + " (" + imp.type() + ")";
            }
        }
        return null;
    }

    private static boolean isLogger(Import imp) {
        return imp.module().equals("fuzzing-support") && imp.name().startsWith("log-")
                || imp.module().equals("spectest") && imp.name().startsWith("print");
    }

    /** {@return the type of spectest global {@code name}, or null if there is none} */
    private static ValType spectestGlobalType(String name) {
        return switch (name) {
            case "global_i32" -> ValType.I32;
            case "global_i64" -> ValType.I64;
            case "global_f32" -> ValType.F32;
            case "global_f64" -> ValType.F64;
            default -> null;
        };
    }

    /** {@return the raw value of spectest global {@code name}}: 666 or 666.6 */
    static long spectestGlobalBits(String name) {
        return switch (spectestGlobalType(name)) {
            case I32, I64 -> 666;
            case F32 -> Float.floatToRawIntBits(666.6f) & 0xFFFF_FFFFL;
            case F64 -> Double.doubleToRawLongBits(666.6);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** {@return the log line of a call of logger {@code name} of type {@code type} with {@code args}} */
    static String logLine(String name, FuncType type, long[] args) {
        StringJoiner line = new StringJoiner(", ", name + "(", ")");
        List<ValType> params = type.params();
        for (int i = 0; i < params.size(); i++) {
            line.add(Outcome.format(params.get(i), args[i]));
        }
        return line.toString();
    }
}
