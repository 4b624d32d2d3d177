package dev.windlass.sandbox;

/**
 * One frame of the Wasm call stack at a trap: the function that was running and the operator it
 * was at (the trapping operator in the innermost frame, the {@code call} in every other).
 *
 * <p>In a Java stack trace the frame reads {@code wasm.plugin.fib(plugin.wasm:0x1a2f)}: the
 * module name from the name section after {@code wasm.}, the function's name (or
 * {@code func[3]} without one), and the module offset in hexadecimal where a Java frame has its
 * line number. A module without a name reads {@code wasm.fib(wasm:0x1a2f)}.
 *
 * @param moduleName     the module's name from its name section, or {@code null}
 * @param functionIndex  the function's index in its module (imports first)
 * @param functionName   the function's name from the name section, or {@code null}
 * @param moduleOffset   the offset of the operator from the start of the module binary, or -1
 *                       if the code of that operator is not known
 */
public record WasmFrame(String moduleName, int functionIndex, String functionName, int moduleOffset) {

    /** {@return the function's name, or {@code func[i]} if the name section gives none} */
    public String displayName() {
        return functionName != null ? functionName : "func[" + functionIndex + "]";
    }

    /** {@return the frame as a Java stack trace element}; see the class documentation */
    public StackTraceElement toStackTraceElement() {
        String module = moduleName != null ? moduleName : "wasm";
        String declaringClass = moduleName != null ? "wasm." + moduleName : "wasm";
        String file = (moduleName != null ? module + ".wasm" : module)
                + (moduleOffset >= 0 ? ":0x" + Integer.toHexString(moduleOffset) : "");
        return new StackTraceElement(declaringClass, displayName(), file, -1);
    }

    /** {@return the frame as Wasmtime prints it: {@code 0x1a2f - plugin!fib}} */
    @Override
    public String toString() {
        return String.format("%#6x - %s!%s", moduleOffset,
                moduleName != null ? moduleName : "<unknown>",
                functionName != null ? functionName : "<wasm function " + functionIndex + ">");
    }
}
