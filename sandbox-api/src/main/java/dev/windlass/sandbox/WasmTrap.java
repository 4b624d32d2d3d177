package dev.windlass.sandbox;

import dev.windlass.winch.vm.TrapCode;

/**
 * Wasm code stopped abnormally: a trap ({@link #trapCode()}), raised where the message says
 * (function index and name, bytecode offset). When a host function threw, the trap code is
 * {@link TrapCode#HOST_EXCEPTION} and the exception it threw is the {@linkplain #getCause() cause}.
 * The store and its instances remain usable after a trap.
 */
public final class WasmTrap extends RuntimeException {

    private final TrapCode trapCode;
    private final int functionIndex;
    private final int bytecodeOffset;

    WasmTrap(TrapCode trapCode, int functionIndex, String functionName, int bytecodeOffset, Throwable cause) {
        super(describe(trapCode, functionIndex, functionName, bytecodeOffset, cause), cause);
        this.trapCode = trapCode;
        this.functionIndex = functionIndex;
        this.bytecodeOffset = bytecodeOffset;
    }

    private static String describe(TrapCode code, int function, String name, int offset, Throwable cause) {
        StringBuilder text = new StringBuilder("wasm trap: ").append(code.message());
        if (function >= 0) {
            text.append(" in function ").append(function);
            if (name != null) {
                text.append(" ($").append(name).append(')');
            }
        }
        if (offset >= 0) {
            text.append(" at bytecode offset 0x").append(Integer.toHexString(offset));
        }
        if (cause != null) {
            text.append(": ").append(cause);
        }
        return text.toString();
    }

    /** {@return why the code stopped} */
    public TrapCode trapCode() {
        return trapCode;
    }

    /** {@return the Wasm function that trapped, or -1 if not known} */
    public int functionIndex() {
        return functionIndex;
    }

    /** {@return the module byte offset of the operator that trapped, or -1 if not known} */
    public int bytecodeOffset() {
        return bytecodeOffset;
    }
}
