/**
 * What generated code and the runtime agree on: the VMContext layout ({@link
 * dev.windlass.winch.vm.VmOffsets}) and the trap codes ({@link dev.windlass.winch.vm.TrapCode}).
 * The compiler reads these to emit code; the runtime (module {@code dev.windlass.sandbox}) reads
 * them to build contexts and to turn a non-zero status into a {@code WasmTrap}. What the code
 * enforces is here too, because the runtime must match it: {@link dev.windlass.winch.vm.Metering}
 * (fuel and epoch checks) and {@link dev.windlass.winch.vm.MemoryStrategy} (bounds checks or
 * guard pages). The code generator takes those as plain values; the compiler's options
 * ({@code compile.CodeOptions}) bundle them.
 */
package dev.windlass.winch.vm;
