package dev.windlass.cli;

import dev.windlass.winch.wasm.WasmFeatures;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The {@code --features LIST} option shared by the subcommands: proposals to enable, by the
 * names of the spec testsuite's group folders, comma-separated.
 */
public final class FeaturesOption {

    @Option(
            names = "--features",
            split = ",",
            paramLabel = "LIST",
            description = "Proposals to enable, by testsuite group name: "
                    + "multi-memory, memory64, tail-call, extended-const.")
    private List<String> names = List.of();

    /**
     * {@return {@code base} plus the named proposals}
     *
     * @throws CommandLine.ParameterException naming the known features, if a name is unknown
     */
    public WasmFeatures on(WasmFeatures base, CommandLine commandLine) {
        WasmFeatures enabled = base;
        for (String name : names) {
            if (name.isBlank()) {
                continue;
            }
            try {
                enabled = enabled.with(WasmFeatures.Feature.byProposalName(name));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(commandLine, e.getMessage());
            }
        }
        return enabled;
    }
}
