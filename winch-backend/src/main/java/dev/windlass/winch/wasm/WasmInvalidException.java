package dev.windlass.winch.wasm;

/**
 * The module decodes but breaks a validation rule of the spec (a type mismatch, an unknown
 * index, a limit out of range, ...).
 */
public final class WasmInvalidException extends WasmException {

    private static final long serialVersionUID = 1L;

    public WasmInvalidException(String reason, int offset) {
        super(reason, offset, NO_FUNCTION, null);
    }

    public WasmInvalidException(String reason, int offset, int functionIndex) {
        super(reason, offset, functionIndex, null);
    }
}
