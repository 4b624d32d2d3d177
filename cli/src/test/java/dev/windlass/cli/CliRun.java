package dev.windlass.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code windlass} command in-process and keeps what it printed. */
public final class CliRun {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** {@return the exit status of {@code windlass args...}} */
    public int windlass(String... args) {
        CommandLine cli = new CommandLine(new WindlassCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == CallCommand.class ? type.cast(new CallCommand(bytes))
                        : CommandLine.defaultFactory().create(type);
            }
        });
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    /** {@return everything printed to standard output so far} */
    public String out() {
        return out.toString();
    }

    /** {@return the bytes {@code windlass call} wrote to standard output so far} */
    public byte[] outBytes() {
        return bytes.toByteArray();
    }

    /** {@return everything printed to standard error so far} */
    public String err() {
        return err.toString();
    }
}
