package dev.windlass.winch.codegen;

import dev.windlass.winch.wasm.ValType;

/**
 * One load or store: how many bytes it moves, whether a narrow load sign-extends, and the type
 * of the value on the Wasm stack.
 */
public record MemoryAccess(int bytes, boolean signed, ValType type) {

    /** {@return whether the value lives in a floating-point register} */
    public boolean isFloat() {
        return type == ValType.F32 || type == ValType.F64;
    }
}
