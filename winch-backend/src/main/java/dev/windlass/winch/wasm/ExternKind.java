package dev.windlass.winch.wasm;

/** The four kinds of imports and exports, with their binary encoding. */
public enum ExternKind {
    FUNC("func"),
    TABLE("table"),
    MEMORY("memory"),
    GLOBAL("global");

    private final String text;

    ExternKind(String text) {
        this.text = text;
    }

    /** {@return the kind with this binary code (0-3), or {@code null}} */
    public static ExternKind fromCode(int code) {
        return code >= 0 && code < 4 ? values()[code] : null;
    }

    @Override
    public String toString() {
        return text;
    }
}
