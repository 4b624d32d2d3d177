package dev.windlass.winch.wasm;

/**
 * The module is valid but uses an operator this compiler does not implement yet. Compilation
 * stops; it never produces code for an operator it does not know.
 */
public final class UnsupportedFeatureException extends RuntimeException {

    private final String operator;
    private final int functionIndex;
    private final int offset;

    public UnsupportedFeatureException(String operator, int functionIndex, int offset) {
        super("operator " + operator + " is not supported yet (function " + functionIndex + ", at byte offset 0x"
                + Integer.toHexString(offset) + ")");
        this.operator = operator;
        this.functionIndex = functionIndex;
        this.offset = offset;
    }

    /** The module needs {@code feature} (e.g. "memories"), which this build cannot run yet. */
    public UnsupportedFeatureException(String feature) {
        super(feature + " not supported yet");
        this.operator = feature;
        this.functionIndex = -1;
        this.offset = -1;
    }

    /** {@return the operator's text name, e.g. {@code "f32.add"}} */
    public String operator() {
        return operator;
    }

    public int functionIndex() {
        return functionIndex;
    }

    /** {@return the operator's byte offset in the module} */
    public int offset() {
        return offset;
    }
}
