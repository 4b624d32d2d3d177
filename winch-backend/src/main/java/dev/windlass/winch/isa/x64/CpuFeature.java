package dev.windlass.winch.isa.x64;

/**
 * Optional x86-64 instruction-set extensions the compiler may use. SSE2 is part of x86-64 and
 * always present. Each feature knows its flag in Linux's {@code /proc/cpuinfo}.
 */
public enum CpuFeature {
    /** {@code lzcnt}; Linux reports it as "abm" (advanced bit manipulation). */
    LZCNT("abm"),
    /** {@code tzcnt}, {@code andn}, {@code blsr}, ... */
    BMI1("bmi1"),
    /** {@code shlx}, {@code sarx}, {@code shrx}, {@code rorx}, ... */
    BMI2("bmi2"),
    /** {@code popcnt}. */
    POPCNT("popcnt"),
    /** SSE4.1: {@code roundss}/{@code roundsd}, {@code pinsr*}, {@code pextr*}, {@code blendv*}, ... */
    SSE41("sse4_1"),
    /** SSE4.2: {@code pcmpgtq}, string compares. */
    SSE42("sse4_2"),
    /** AVX: VEX encodings, three-operand forms, ymm registers. */
    AVX("avx"),
    /** AVX2: 256-bit integer vector instructions. */
    AVX2("avx2");

    private final String cpuinfoFlag;

    CpuFeature(String cpuinfoFlag) {
        this.cpuinfoFlag = cpuinfoFlag;
    }

    /** {@return the flag that reports this feature in /proc/cpuinfo} */
    public String cpuinfoFlag() {
        return cpuinfoFlag;
    }
}
