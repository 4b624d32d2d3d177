package dev.windlass.winch.compile;

import dev.windlass.winch.vm.TrapCode;

/**
 * Where a trap happened, as the compiled code's tables tell it.
 *
 * @param code           why
 * @param functionIndex  the Wasm function, or -1 in module code outside functions (the host adapter)
 * @param bytecodeOffset the byte offset of the trapping operator in the module, or -1
 */
public record TrapSite(TrapCode code, int functionIndex, int bytecodeOffset) {
}
