package dev.windlass.cli.wast;

import dev.windlass.winch.wasm.ModuleDecoder;
import dev.windlass.winch.wasm.ModuleValidator;
import dev.windlass.winch.wasm.WasmException;
import dev.windlass.winch.wasm.WasmFeatures;
import dev.windlass.winch.wasm.WasmInvalidException;
import dev.windlass.winch.wasm.WasmMalformedException;
import dev.windlass.winch.wasm.WasmModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the commands of spec test scripts that this build can run, and counts the others as
 * skipped with their reason.
 *
 * <p>Today that is everything decoding and validation decide: {@code module} (the module must
 * decode and validate), {@code assert_malformed} (decoding must fail with
 * {@link WasmMalformedException}) and {@code assert_invalid} (decoding must succeed and
 * validation fail with {@link WasmInvalidException}). The modules of {@code assert_unlinkable}
 * and {@code assert_uninstantiable} must be valid, so they are decoded and validated too, and
 * the command is then skipped for its linking or instantiation part. Commands on text-format
 * modules are skipped: they test a text parser, and Windlass reads binaries only.
 *
 * <p>Only the phase of an error has to match; whether our message equals the spec interpreter's
 * text is counted on the side ({@link FileResult#reasonTextMismatches()}).
 */
public final class WastRunner {

    static final String SKIP_TEXT = "text-format module (Windlass decodes binaries only)";
    static final String SKIP_EXECUTION = "needs execution";
    static final String SKIP_LINKING = "needs linking";
    static final String SKIP_INSTANTIATION = "needs instantiation";

    private final WasmFeatures features;

    /** A runner that decodes and validates with exactly {@code features}. */
    public WastRunner(WasmFeatures features) {
        this.features = features;
    }

    /** Runs one script ({@code .json} as written by {@code wast2json}). */
    public FileResult run(Path scriptFile) {
        Path folder = scriptFile.toAbsolutePath().getParent();
        Tally tally = new Tally();
        WastScript script;
        try {
            script = WastScript.read(scriptFile);
        } catch (RuntimeException e) {
            tally.fail(new Failure(0, "read " + scriptFile.getFileName(), "a wast2json script", describe(e)));
            return tally.result(scriptFile);
        }
        for (ScriptCommand command : script.commands()) {
            try {
                runCommand(folder, command, tally);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                // A bug in Windlass, not an expected outcome of any command: report it, go on.
                tally.fail(new Failure(command.line(), label(command), "no internal error", describe(e)));
            }
        }
        return tally.result(scriptFile);
    }

    private void runCommand(Path folder, ScriptCommand command, Tally tally) {
        switch (command.type()) {
            case "module" -> {
                if (command.isTextModule()) {
                    tally.skip(SKIP_TEXT);
                } else {
                    expectValid(folder, command, tally, null);
                }
            }
            case "assert_malformed" -> {
                if (command.isTextModule()) {
                    tally.skip(SKIP_TEXT);
                } else {
                    expectMalformed(folder, command, tally);
                }
            }
            case "assert_invalid" -> {
                if (command.isTextModule()) {
                    tally.skip(SKIP_TEXT);
                } else {
                    expectInvalid(folder, command, tally);
                }
            }
            case "assert_unlinkable" -> expectValid(folder, command, tally, SKIP_LINKING);
            case "assert_uninstantiable" -> expectValid(folder, command, tally, SKIP_INSTANTIATION);
            default -> tally.skip(SKIP_EXECUTION);
        }
    }

    /**
     * The module must decode and validate. With {@code thenSkip == null} that is the whole
     * command; otherwise the command goes on beyond validation and is counted as skipped.
     */
    private void expectValid(Path folder, ScriptCommand command, Tally tally, String thenSkip) {
        if (command.isTextModule()) {
            tally.skip(SKIP_TEXT);
            return;
        }
        try {
            ModuleValidator.validate(decode(folder, command));
        } catch (WasmException e) {
            tally.fail(new Failure(command.line(), label(command), "a valid module", describe(e)));
            return;
        }
        if (thenSkip == null) {
            tally.pass();
        } else {
            tally.skip(thenSkip);
        }
    }

    private void expectMalformed(Path folder, ScriptCommand command, Tally tally) {
        String expected = "malformed: " + command.text();
        try {
            WasmModule module = decode(folder, command);
            ModuleValidator.validate(module);
            tally.fail(new Failure(command.line(), label(command), expected, "decoded and validated"));
        } catch (WasmMalformedException e) {
            tally.pass(command.text(), e.reason());
        } catch (WasmInvalidException e) {
            tally.fail(new Failure(command.line(), label(command), expected, describe(e)));
        }
    }

    private void expectInvalid(Path folder, ScriptCommand command, Tally tally) {
        String expected = "invalid: " + command.text();
        WasmModule module;
        try {
            module = decode(folder, command);
        } catch (WasmMalformedException e) {
            tally.fail(new Failure(command.line(), label(command), expected, describe(e)));
            return;
        }
        try {
            ModuleValidator.validate(module);
            tally.fail(new Failure(command.line(), label(command), expected, "validated"));
        } catch (WasmInvalidException e) {
            tally.pass(command.text(), e.reason());
        }
    }

    private WasmModule decode(Path folder, ScriptCommand command) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(folder.resolve(command.filename()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read module " + command.filename(), e);
        }
        return ModuleDecoder.decode(bytes, features);
    }

    private static String label(ScriptCommand command) {
        return command.filename() == null ? command.type() : command.type() + " " + command.filename();
    }

    private static String describe(Throwable e) {
        String kind = switch (e) {
            case WasmMalformedException m -> "malformed";
            case WasmInvalidException i -> "invalid";
            default -> e.getClass().getName();
        };
        return kind + ": " + e.getMessage();
    }

    /** Counts of one script's outcomes. */
    private static final class Tally {
        private int passed;
        private int textMismatches;
        private final List<Failure> failures = new ArrayList<>();
        private final Map<String, Integer> skipped = new TreeMap<>();

        void pass() {
            passed++;
        }

        void pass(String expectedText, String actualReason) {
            passed++;
            if (expectedText != null && !expectedText.startsWith(actualReason) && !actualReason.startsWith(expectedText)) {
                textMismatches++;
            }
        }

        void fail(Failure failure) {
            failures.add(failure);
        }

        void skip(String reason) {
            skipped.merge(reason, 1, Integer::sum);
        }

        FileResult result(Path script) {
            return new FileResult(script, passed, failures, skipped, textMismatches);
        }
    }
}
