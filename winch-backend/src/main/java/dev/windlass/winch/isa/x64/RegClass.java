package dev.windlass.winch.isa.x64;

/** The register files of x86-64 that the compiler allocates from. */
public enum RegClass {
    /** The sixteen general-purpose integer registers. */
    GPR,
    /** The sixteen SSE/AVX vector registers (xmm0-xmm15; ymm with AVX). */
    XMM
}
