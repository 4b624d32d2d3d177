package dev.windlass.winch.wasm;

/**
 * The bytes are not a WebAssembly binary: the decoder could not read them (bad magic or
 * version, truncated input, an over-long LEB128, an unknown opcode or section, ...).
 */
public final class WasmMalformedException extends WasmException {

    private static final long serialVersionUID = 1L;

    public WasmMalformedException(String reason, int offset) {
        super(reason, offset, NO_FUNCTION, null);
    }

    public WasmMalformedException(String reason, int offset, int functionIndex) {
        super(reason, offset, functionIndex, null);
    }

    /** {@return this error, attributed to a function body} */
    public WasmMalformedException inFunction(int functionIndex) {
        if (functionIndex().isPresent() || functionIndex < 0) {
            return this;
        }
        WasmMalformedException e = new WasmMalformedException(reason(), offset(), functionIndex);
        e.setStackTrace(getStackTrace());
        return e;
    }
}
