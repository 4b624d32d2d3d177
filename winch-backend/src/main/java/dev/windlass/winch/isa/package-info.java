/**
 * ISA-neutral machine-code emission: {@link dev.windlass.winch.isa.CodeBuffer} holds one
 * function's bytes, labels, fixups, branch relaxation, constant pool and tables, and
 * {@link dev.windlass.winch.isa.CodeBuffer#finish()} turns it into an
 * {@link dev.windlass.winch.isa.AssembledCode}. Each ISA's assembler lives in a subpackage
 * ({@code isa.x64}) and writes the bytes; nothing here knows Wasm.
 *
 * <pre>
 *  X64Assembler ──bytes, labels, constants──▶ CodeBuffer ──finish()──▶ AssembledCode
 *   (isa.x64)                                  emission offsets        final offsets, pool,
 *                                              fixups recorded          trap/call/source tables
 * </pre>
 */
package dev.windlass.winch.isa;
