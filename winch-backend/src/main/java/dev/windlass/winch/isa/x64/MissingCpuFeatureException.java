package dev.windlass.winch.isa.x64;

/**
 * Thrown when the assembler is asked for an instruction that its {@link Target} lacks. This is a
 * bug in the caller, which should have checked {@link Target#has} and chosen a fallback (for
 * example {@code bsr} for {@code lzcnt}).
 */
public final class MissingCpuFeatureException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final CpuFeature feature;

    MissingCpuFeatureException(String mnemonic, CpuFeature feature, Target target) {
        super(mnemonic + " needs CPU feature " + feature + ", which the target " + target
                + " lacks; check Target.has(" + feature + ") and emit a fallback");
        this.feature = feature;
    }

    /** {@return the feature the instruction needs} */
    public CpuFeature feature() {
        return feature;
    }
}
