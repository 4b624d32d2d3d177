package dev.windlass.cli;

import dev.windlass.cli.wast.WastCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code windlass} command: the entry point of {@code windlass.jar}. */
@Command(
        name = "windlass",
        mixinStandardHelpOptions = true,
        versionProvider = WindlassCommand.Version.class,
        description = "Windlass: a JNI-free WebAssembly sandbox for the JVM.",
        subcommands = {DemoCommand.class, RunCommand.class, CallCommand.class, CompileCommand.class, InspectCommand.class, WastCommand.class, CommandLine.HelpCommand.class})
public final class WindlassCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new WindlassCommand()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    /** The version, from the jar manifest when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = WindlassCommand.class.getPackage().getImplementationVersion();
            return new String[] {"windlass " + (version == null ? "(development build)" : version)};
        }
    }
}
