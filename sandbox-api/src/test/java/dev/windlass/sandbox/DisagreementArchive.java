package dev.windlass.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Where the differential tests keep the modules they disagree on: {@code LABEL.wasm}, beside it
 * {@code LABEL.txt} with the report and the command that replays it, and {@code LABEL.wat} when
 * {@code wasm2wat} is on the PATH. The directory is {@code -Dwindlass.diff.dir}, by default
 * {@code $TMPDIR/windlass-differential}.
 */
final class DisagreementArchive {

    static final Path DEFAULT_DIR = Path.of(System.getProperty("windlass.diff.dir",
            Path.of(System.getProperty("java.io.tmpdir"), "windlass-differential").toString()));

    private final Path dir;
    private final Function<String, String> replayCommand;

    /** @param replayCommand the shell command that replays a module, by label (null: none known) */
    DisagreementArchive(Path dir, Function<String, String> replayCommand) {
        this.dir = dir;
        this.replayCommand = replayCommand;
    }

    /** {@return where the module labelled {@code label} is (to be) saved} */
    Path pathOf(String label) {
        return dir.resolve(label.replaceAll("[^A-Za-z0-9._-]", "_") + ".wasm");
    }

    /** Saves {@code wasm} with {@code report}; {@return the path of the module} */
    Path save(String label, byte[] wasm, String report) {
        Path path = pathOf(label);
        try {
            Files.createDirectories(dir);
            Files.write(path, wasm);
            String replay = replayCommand == null ? ""
                    : "\nReplay (from the repository's root):\n  " + replayCommand.apply(label) + "\n";
            Files.writeString(sibling(path, ".txt"), report + "\n" + replay, StandardCharsets.UTF_8);
            Optional<Path> wasm2wat = Executables.onPath("wasm2wat");
            if (wasm2wat.isPresent()) {
                Process process = new ProcessBuilder(wasm2wat.get().toString(), path.toString(), "-o",
                        sibling(path, ".wat").toString()).redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return path;
        }
    }

    private static Path sibling(Path wasm, String extension) {
        String name = wasm.getFileName().toString();
        return wasm.resolveSibling(name.substring(0, name.length() - ".wasm".length()) + extension);
    }
}
