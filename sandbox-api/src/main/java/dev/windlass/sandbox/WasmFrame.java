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
 * <p>Names come from the module, so an untrusted one: where they are shown (the display name,
 * {@link #toString()}, the stack trace element, a trap's message) they are cut to
 * {@value #NAME_LIMIT} characters, followed by {@code ...(N chars)} with the original length, and
 * control characters (a line break that would forge a log line) read {@code ?}. The accessors
 * return the names as the module gives them.
 *
 * @param moduleName     the module's name from its name section, or {@code null}
 * @param functionIndex  the function's index in its module (imports first)
 * @param functionName   the function's name from the name section, or {@code null}
 * @param moduleOffset   the offset of the operator from the start of the module binary, or -1
 *                       if the code of that operator is not known
 */
public record WasmFrame(String moduleName, int functionIndex, String functionName, int moduleOffset) {

    /** Characters of a name shown at most; see the class documentation. */
    public static final int NAME_LIMIT = 256;

    /**
     * {@return the function's name, or {@code func[i]} if the name section gives none}, cut to
     * {@value #NAME_LIMIT} characters
     */
    public String displayName() {
        return functionName != null ? displayable(functionName) : "func[" + functionIndex + "]";
    }

    /**
     * {@return {@code name} as messages and stack traces show it}: at most {@value #NAME_LIMIT}
     * characters of it, then {@code ...(N chars)} if it is longer; control characters as {@code ?}
     */
    static String displayable(String name) {
        int length = name.length();
        int shown = Math.min(length, NAME_LIMIT);
        if (shown < length && Character.isHighSurrogate(name.charAt(shown - 1))) {
            shown--; // never half a character
        }
        StringBuilder text = null;
        for (int i = 0; i < shown; i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                if (text == null) {
                    text = new StringBuilder(shown + 24).append(name, 0, i);
                }
                text.append('?');
            } else if (text != null) {
                text.append(c);
            }
        }
        if (text == null && shown == length) {
            return name;
        }
        if (text == null) {
            text = new StringBuilder(shown + 24).append(name, 0, shown);
        }
        if (shown < length) {
            text.append("...(").append(length).append(" chars)");
        }
        return text.toString();
    }

    /** {@return the frame as a Java stack trace element}; see the class documentation */
    public StackTraceElement toStackTraceElement() {
        String module = moduleName != null ? displayable(moduleName) : "wasm";
        String declaringClass = moduleName != null ? "wasm." + module : "wasm";
        String file = (moduleName != null ? module + ".wasm" : module)
                + (moduleOffset >= 0 ? ":0x" + Integer.toHexString(moduleOffset) : "");
        return new StackTraceElement(declaringClass, displayName(), file, -1);
    }

    /** {@return the frame as Wasmtime prints it: {@code 0x1a2f - plugin!fib}} */
    @Override
    public String toString() {
        return String.format("%#6x - %s!%s", moduleOffset,
                moduleName != null ? displayable(moduleName) : "<unknown>",
                functionName != null ? displayable(functionName) : "<wasm function " + functionIndex + ">");
    }
}
