package dev.windlass.cli;

import dev.windlass.sandbox.Config;
import picocli.CommandLine.Option;

/**
 * Code generation settings shared by the subcommands that compile: today whether bounds checks
 * are Spectre-hardened (Wasmtime's {@code -C} codegen settings play this part).
 */
public final class CodegenOption {

    @Option(names = "--spectre-mitigations", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Keep mis-speculated memory and table accesses in bounds (default: on). "
                    + "--no-spectre-mitigations saves a lea and a cmov per checked access; only for trusted code.")
    private boolean spectreMitigations = true;

    /** {@return {@code config} with these settings} */
    public Config.Builder applyTo(Config.Builder config) {
        return config.spectreMitigations(spectreMitigations);
    }
}
