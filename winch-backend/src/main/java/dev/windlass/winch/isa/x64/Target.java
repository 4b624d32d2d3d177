package dev.windlass.winch.isa.x64;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * The x86-64 machine code is generated for: an immutable set of {@link CpuFeature}s. The
 * assembler refuses instructions outside it ({@link MissingCpuFeatureException}), so code
 * compiled for a target runs on any machine that has at least its features.
 */
public final class Target {

    private static final Path CPUINFO = Path.of("/proc/cpuinfo");
    private static final Target BASELINE = new Target(EnumSet.noneOf(CpuFeature.class));

    private final Set<CpuFeature> features;

    private Target(EnumSet<CpuFeature> features) {
        this.features = Collections.unmodifiableSet(features);
    }

    /** {@return plain x86-64 (SSE2), with none of the optional features} */
    public static Target baseline() {
        return BASELINE;
    }

    /** {@return a target with exactly {@code features}} */
    public static Target of(CpuFeature... features) {
        EnumSet<CpuFeature> set = EnumSet.noneOf(CpuFeature.class);
        Collections.addAll(set, features);
        return new Target(set);
    }

    /**
     * {@return the machine this JVM runs on}, from the first "flags" line of /proc/cpuinfo;
     * {@link #baseline()} where there is no such file (not Linux).
     *
     * @throws UncheckedIOException if the file exists but cannot be read
     */
    public static Target host() {
        try {
            for (String line : Files.readAllLines(CPUINFO)) {
                if (line.startsWith("flags")) {
                    return fromCpuinfoFlags(line.substring(line.indexOf(':') + 1));
                }
            }
            return BASELINE;
        } catch (NoSuchFileException e) {
            return BASELINE;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CPUINFO, e);
        }
    }

    /** {@return the target described by a space-separated list of /proc/cpuinfo flags} */
    static Target fromCpuinfoFlags(String flags) {
        Set<String> present = new HashSet<>(Arrays.asList(flags.trim().split("\\s+")));
        EnumSet<CpuFeature> set = EnumSet.noneOf(CpuFeature.class);
        for (CpuFeature feature : CpuFeature.values()) {
            if (present.contains(feature.cpuinfoFlag())) {
                set.add(feature);
            }
        }
        return new Target(set);
    }

    /** {@return whether the target has {@code feature}} */
    public boolean has(CpuFeature feature) {
        return features.contains(feature);
    }

    /** {@return the target's features, unmodifiable} */
    public Set<CpuFeature> features() {
        return features;
    }

    /** {@return this target with {@code feature} removed}, to force a fallback */
    public Target without(CpuFeature feature) {
        EnumSet<CpuFeature> set = features.isEmpty() ? EnumSet.noneOf(CpuFeature.class) : EnumSet.copyOf(features);
        set.remove(feature);
        return new Target(set);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Target target && features.equals(target.features);
    }

    @Override
    public int hashCode() {
        return features.hashCode();
    }

    @Override
    public String toString() {
        return "x86-64" + features;
    }
}
