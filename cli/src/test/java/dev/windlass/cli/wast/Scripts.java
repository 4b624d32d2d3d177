package dev.windlass.cli.wast;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** Tiny spec scripts and modules written into a temporary folder, for the runner's tests. */
final class Scripts {

    /** The smallest valid module: magic and version. */
    static final String VALID = "0061736d01000000";
    /** Binary version 2: malformed ("unknown binary version"). */
    static final String MALFORMED = "0061736d02000000";
    /** One function of type [] -> [i32] whose body is empty: invalid ("type mismatch"). */
    static final String INVALID = "0061736d01000000" + "010501600001 7f" + "03020100" + "0a040102000b";

    private final Path folder;

    Scripts(Path folder) {
        this.folder = folder;
    }

    /** Writes {@code hex} as module file {@code name}. */
    Scripts module(String name, String hex) throws IOException {
        Files.write(folder.resolve(name), HexFormat.of().parseHex(hex.replace(" ", "")));
        return this;
    }

    /** Writes a script whose commands are the given JSON objects, and returns its path. */
    Path script(String name, String... commands) throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, "{\"source_filename\": \"" + name + ".wast\", \"commands\": [\n"
                + String.join(",\n", commands) + "\n]}");
        return file;
    }
}
