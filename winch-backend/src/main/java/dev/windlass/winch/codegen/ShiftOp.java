package dev.windlass.winch.codegen;

/** Shifts and rotations; the count is taken modulo the operand width, as Wasm defines. */
public enum ShiftOp {
    SHL, SHR_S, SHR_U, ROTL, ROTR
}
