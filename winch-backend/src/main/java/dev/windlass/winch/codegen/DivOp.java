package dev.windlass.winch.codegen;

/** Integer division and remainder, each with its traps. */
public enum DivOp {
    /** Signed quotient: traps on a zero divisor and on MIN / -1 (INTEGER_OVERFLOW). */
    DIV_S,
    /** Unsigned quotient: traps on a zero divisor. */
    DIV_U,
    /** Signed remainder: traps on a zero divisor; MIN % -1 is 0, not a trap. */
    REM_S,
    /** Unsigned remainder: traps on a zero divisor. */
    REM_U
}
