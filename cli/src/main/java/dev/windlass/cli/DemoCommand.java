package dev.windlass.cli;

import dev.windlass.samples.PluginDemo;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code windlass demo [DIR]}: the plugin demo of {@code samples} ({@link PluginDemo}): the
 * sample plugins (C, AssemblyScript, Extism's PDK, WAT) through one {@code PluginRegistry},
 * runaways stopped by timeout and fuel while the others answer, {@code PER_CALL} isolation.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Runs the plugin demo: the sample plugins of samples/plugins (C, AssemblyScript, Extism's PDK,"
                + " WAT) through a PluginRegistry; exit status 0 if every step behaved as described.")
public final class DemoCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR",
            description = "Load the plugins from DIR (NAME.wasm files, e.g. samples/plugins/wasm) rather than from the jar.")
    private Path directory;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintStream out = new PrintStream(new WriterOutputStream(spec.commandLine().getOut()), true,
                StandardCharsets.UTF_8);
        int status = PluginDemo.run(out, directory);
        out.flush();
        spec.commandLine().getOut().flush();
        return status;
    }
}
