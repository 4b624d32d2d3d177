/**
 * What generated code and the runtime agree on: the VMContext layout ({@link
 * dev.windlass.winch.vm.VmOffsets}) and the trap codes ({@link dev.windlass.winch.vm.TrapCode}).
 * The compiler reads these to emit code; the runtime (module {@code dev.windlass.sandbox}) reads
 * them to build contexts and to turn a non-zero status into a {@code WasmTrap}.
 */
package dev.windlass.winch.vm;
