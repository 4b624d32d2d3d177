package dev.windlass.cli.wast;

import dev.windlass.sandbox.Config;
import dev.windlass.sandbox.Engine;
import dev.windlass.sandbox.LinkException;
import dev.windlass.sandbox.MemoryStrategy;
import dev.windlass.sandbox.TrapCode;
import dev.windlass.sandbox.WasmTrap;
import dev.windlass.winch.wasm.ModuleDecoder;
import dev.windlass.winch.wasm.ModuleValidator;
import dev.windlass.winch.wasm.UnsupportedFeatureException;
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
import tools.jackson.databind.JsonNode;

/**
 * Runs spec test scripts, and counts what it cannot run yet as skipped, with the reason.
 *
 * <p>Decoding and validation decide {@code assert_malformed} (decoding must fail with
 * {@link WasmMalformedException}) and {@code assert_invalid} (decoding must succeed and
 * validation fail with {@link WasmInvalidException}). Every other command runs the modules:
 * {@code module} instantiates (in one {@link ScriptSession} per script, with the
 * {@code spectest} module), {@code register} makes an instance importable, {@code action},
 * {@code assert_return}, {@code assert_trap} and {@code assert_exhaustion} call exports,
 * {@code assert_unlinkable} and {@code assert_uninstantiable} expect instantiation to fail.
 * A module this build cannot compile yet (an operator, memories, tables) is skipped with the
 * reason, and so is every command that uses it. Commands on text-format modules are skipped:
 * they test a text parser, and Windlass reads binaries only.
 *
 * <p>Only the kind of an error has to match; whether our message equals the spec
 * interpreter's text is counted on the side ({@link FileResult#reasonTextMismatches()}).
 */
public final class WastRunner {

    static final String SKIP_TEXT = "text-format module (Windlass decodes binaries only)";

    private final WasmFeatures features;
    private final Engine engine;

    /**
     * The system property that compiles the scripts' modules with metering, to check that it
     * changes no result: {@code fuel}, {@code epochs} or both ({@code fuel,epochs}). Stores then
     * get {@code Long.MAX_VALUE} fuel and no epoch deadline, so nothing runs out.
     */
    public static final String METERING_PROPERTY = "windlass.wast.metering";

    /** A runner that decodes, validates and runs with exactly {@code features}. */
    public WastRunner(WasmFeatures features) {
        this(features, MemoryStrategy.EXPLICIT_CHECKS);
    }

    /** A runner with exactly {@code features}, whose 32-bit memories are kept in bounds by {@code memoryStrategy}. */
    public WastRunner(WasmFeatures features, MemoryStrategy memoryStrategy) {
        this(features, memoryStrategy, true);
    }

    /**
     * A runner with exactly {@code features} and {@code memoryStrategy}, whose bounds checks are
     * Spectre-hardened or not ({@link Config#spectreMitigations()}).
     */
    public WastRunner(WasmFeatures features, MemoryStrategy memoryStrategy, boolean spectreMitigations) {
        this.features = features;
        String metering = System.getProperty(METERING_PROPERTY, "");
        this.engine = Engine.create(Config.builder().features(features)
                .consumeFuel(metering.contains("fuel"))
                .epochInterruption(metering.contains("epochs"))
                .memoryStrategy(memoryStrategy)
                .spectreMitigations(spectreMitigations)
                .build());
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
        try (ScriptSession session = new ScriptSession(engine)) {
            for (ScriptCommand command : script.commands()) {
                try {
                    runCommand(folder, command, tally, session);
                } catch (ScriptSession.Unavailable e) {
                    tally.skip(e.getMessage());
                } catch (WastValues.UnsupportedValueException e) {
                    tally.skip("needs " + e.getMessage());
                } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                    // A bug in Windlass, not an expected outcome of any command: report it, go on.
                    tally.fail(new Failure(command.line(), label(command), "no internal error", describe(e)));
                }
            }
        }
        return tally.result(scriptFile);
    }

    private void runCommand(Path folder, ScriptCommand command, Tally tally, ScriptSession session) {
        if (command.isTextModule()) {
            tally.skip(SKIP_TEXT);
            return;
        }
        switch (command.type()) {
            case "module" -> module(folder, command, tally, session);
            case "assert_malformed" -> expectMalformed(folder, command, tally);
            case "assert_invalid" -> expectInvalid(folder, command, tally);
            case "assert_unlinkable" -> expectInstantiationFailure(folder, command, tally, session, true);
            case "assert_uninstantiable" -> expectInstantiationFailure(folder, command, tally, session, false);
            case "register" -> {
                session.register(command.name(), command.as());
                tally.pass();
            }
            case "action" -> {
                try {
                    session.perform(command.action());
                    tally.pass();
                } catch (WasmTrap e) {
                    tally.fail(new Failure(command.line(), label(command), "no trap", describe(e)));
                }
            }
            case "assert_return" -> expectReturn(command, tally, session);
            case "assert_trap", "assert_exhaustion" -> expectTrap(command, tally, session);
            default -> tally.fail(new Failure(command.line(), command.type(), "a known command", "unknown command"));
        }
    }

    private void module(Path folder, ScriptCommand command, Tally tally, ScriptSession session) {
        byte[] bytes = read(folder, command);
        try {
            ModuleValidator.validate(ModuleDecoder.decode(bytes, features));
        } catch (WasmException e) {
            tally.fail(new Failure(command.line(), label(command), "a valid module", describe(e)));
            return;
        }
        String unavailable;
        try {
            unavailable = session.instantiate(bytes, command.name());
        } catch (LinkException | WasmTrap e) {
            tally.fail(new Failure(command.line(), label(command), "an instance", describe(e)));
            return;
        }
        if (unavailable == null) {
            tally.pass();
        } else {
            tally.skip(unavailable);
        }
    }

    private void expectMalformed(Path folder, ScriptCommand command, Tally tally) {
        String expected = "malformed: " + command.text();
        try {
            WasmModule module = ModuleDecoder.decode(read(folder, command), features);
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
            module = ModuleDecoder.decode(read(folder, command), features);
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

    /** The module must be valid, and then fail to link (or to instantiate: a trap in its start). */
    private void expectInstantiationFailure(Path folder, ScriptCommand command, Tally tally, ScriptSession session,
                                            boolean link) {
        String expected = (link ? "unlinkable: " : "uninstantiable: ") + command.text();
        byte[] bytes = read(folder, command);
        try {
            ModuleValidator.validate(ModuleDecoder.decode(bytes, features));
        } catch (WasmException e) {
            tally.fail(new Failure(command.line(), label(command), "a valid module, then " + expected, describe(e)));
            return;
        }
        try {
            session.instantiateOnly(bytes);
            tally.fail(new Failure(command.line(), label(command), expected, "instantiated"));
        } catch (UnsupportedFeatureException e) {
            tally.skip(ScriptSession.skipReason(e));
        } catch (LinkException e) {
            if (link) {
                tally.pass(command.text(), e.getMessage());
            } else {
                tally.fail(new Failure(command.line(), label(command), expected, describe(e)));
            }
        } catch (WasmTrap e) {
            if (link) {
                tally.fail(new Failure(command.line(), label(command), expected, describe(e)));
            } else {
                tally.pass(command.text(), e.trapCode().message());
            }
        }
    }

    private void expectReturn(ScriptCommand command, Tally tally, ScriptSession session) {
        JsonNode expected = command.expected();
        Object[] results;
        try {
            results = session.perform(command.action());
        } catch (WasmTrap e) {
            tally.fail(new Failure(command.line(), label(command), values(expected), describe(e)));
            return;
        }
        boolean ok = results.length == expected.size();
        for (int k = 0; ok && k < results.length; k++) {
            ok = WastValues.matches(expected.get(k), results[k]);
        }
        if (ok) {
            tally.pass();
        } else {
            tally.fail(new Failure(command.line(), label(command), values(expected), java.util.Arrays.toString(results)));
        }
    }

    private void expectTrap(ScriptCommand command, Tally tally, ScriptSession session) {
        boolean exhaustion = command.type().equals("assert_exhaustion");
        String expected = "trap: " + command.text();
        try {
            Object[] results = session.perform(command.action());
            tally.fail(new Failure(command.line(), label(command), expected,
                    "returned " + java.util.Arrays.toString(results)));
        } catch (WasmTrap e) {
            boolean right = exhaustion ? e.trapCode() == TrapCode.STACK_OVERFLOW
                    : e.trapCode() != TrapCode.STACK_OVERFLOW && e.trapCode() != TrapCode.HOST_EXCEPTION;
            if (right) {
                tally.pass(command.text(), e.trapCode().message());
            } else {
                tally.fail(new Failure(command.line(), label(command), expected, describe(e)));
            }
        }
    }

    private static String values(JsonNode expected) {
        StringBuilder text = new StringBuilder("[");
        for (int k = 0; k < expected.size(); k++) {
            text.append(k == 0 ? "" : ", ").append(WastValues.describe(expected.get(k)));
        }
        return text.append(']').toString();
    }

    private static byte[] read(Path folder, ScriptCommand command) {
        try {
            return Files.readAllBytes(folder.resolve(command.filename()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read module " + command.filename(), e);
        }
    }

    private static String label(ScriptCommand command) {
        if (command.filename() != null) {
            return command.type() + " " + command.filename();
        }
        if (command.action() != null) {
            return command.type() + " " + command.action().path("field").asString();
        }
        return command.type();
    }

    private static String describe(Throwable e) {
        String kind = switch (e) {
            case WasmMalformedException m -> "malformed";
            case WasmInvalidException i -> "invalid";
            case WasmTrap t -> "trap";
            case LinkException l -> "unlinkable";
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
