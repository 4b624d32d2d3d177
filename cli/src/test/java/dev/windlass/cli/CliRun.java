package dev.windlass.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code windlass} command in-process and keeps what it printed. */
public final class CliRun {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** {@return the exit status of {@code windlass args...}} */
    public int windlass(String... args) {
        CommandLine cli = new CommandLine(new WindlassCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    /** {@return everything printed to standard output so far} */
    public String out() {
        return out.toString();
    }

    /** {@return everything printed to standard error so far} */
    public String err() {
        return err.toString();
    }
}
