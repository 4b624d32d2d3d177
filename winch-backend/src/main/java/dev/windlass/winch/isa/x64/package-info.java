/**
 * The x86-64 encoder: {@link dev.windlass.winch.isa.x64.X64Assembler} and its operand types.
 *
 * <pre>
 *  Operand ─┬─ Reg ─┬─ Gpr   rax ... r15       (RegClass.GPR)
 *           │       └─ Xmm   xmm0 ... xmm15    (RegClass.XMM)
 *           └─ Amode ─┬─ BaseDisp        [base + disp]
 *                     ├─ BaseIndexDisp   [base + index * scale + disp]
 *                     └─ RipRelative     [rip + label]   constants, code labels
 *
 *  OperandSize S8 S16 S32 S64   ConditionCode O ... G   RoundingMode
 *  Target = set of CpuFeature (LZCNT, BMI1, BMI2, POPCNT, SSE41, SSE42, AVX, AVX2)
 * </pre>
 *
 * Registers and memory share the sealed {@link dev.windlass.winch.isa.x64.Operand} type so that
 * later 128-bit SIMD and VEX (three-operand) encodings take the same operands. Nothing here
 * knows Wasm.
 */
package dev.windlass.winch.isa.x64;
