package dev.windlass.sandbox;

import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.windlass.winch.wasm.UnsupportedFeatureException;
import dev.windlass.winch.wasm.ValType;
import dev.windlass.winch.wasm.WasmModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Runs modules in Windlass and in Chicory's interpreter and compares every call: results, traps,
 * and the lines their host imports log. Each runtime runs on its own {@link BoundedThread}, so a
 * call that loops is given up after a time limit. Chicory runs each call first; Windlass runs it
 * only if Chicory finished it, so a Windlass call that overruns where the interpreter finished
 * is a hang of Windlass, reported as such.
 *
 * <p>The two instances of a module see the same calls in the same order, so their states stay
 * equal. When that order is broken (a call skipped because Chicory ran out of time or either
 * runtime ran out of stack, whose side effects differ by depth) both are instantiated afresh.
 * After the first disagreement a module is left: its states may differ from then on.
 */
final class DifferentialHarness implements AutoCloseable {

    /** A call of export {@code export} with raw {@code args} of types {@code params}. */
    record Call(String export, List<ValType> params, long[] args) {
        @Override
        public String toString() {
            StringJoiner text = new StringJoiner(", ", export + "(", ")");
            for (int i = 0; i < args.length; i++) {
                text.add(Outcome.format(params.get(i), args[i]));
            }
            return text.toString();
        }
    }

    /** A disagreement, with where the module was saved and whether the call alone reproduces it. */
    record Mismatch(String module, Path saved, String call, String why, Outcome windlass, Outcome chicory,
                    List<String> windlassLog, List<String> chicoryLog, String alone) {
        @Override
        public String toString() {
            return "MISMATCH in " + module + " (saved as " + saved + ")\n  call:     " + call + "\n  why:      " + why
                    + "\n  Windlass: " + windlass + "\n  Chicory:  " + chicory
                    + (windlassLog.equals(chicoryLog) ? "" : "\n  Windlass log: " + windlassLog
                            + "\n  Chicory log:  " + chicoryLog)
                    + "\n  alone on fresh instances: " + alone;
        }
    }

    private static final Path SAVED = Path.of(System.getProperty("java.io.tmpdir"), "windlass-differential");

    private static final Duration WINDLASS_MINIMUM = Duration.ofSeconds(5);

    private final Engine engine = Engine.create();
    private final BoundedThread windlassThread = new BoundedThread("windlass-diff");
    private final BoundedThread chicoryThread = new BoundedThread("chicory-diff");
    private final Duration callLimit;
    /**
     * How long Windlass may take for what Chicory finished within {@link #callLimit}: compiled
     * code is many times faster than the interpreter, so only a hang overruns this.
     */
    private final Duration windlassLimit;

    private int modules;
    private int comparedModules;
    private int comparedCalls;
    private final Map<String, Integer> skippedModules = new TreeMap<>();
    private final Map<String, Integer> skippedCalls = new TreeMap<>();
    private final List<String> hangs = new ArrayList<>();
    private final List<Mismatch> mismatches = new ArrayList<>();
    private final List<String> excused = new ArrayList<>();

    /** @param callLimit how long one call may run in either runtime */
    DifferentialHarness(Duration callLimit) {
        this.callLimit = callLimit;
        this.windlassLimit = callLimit.multipliedBy(4).compareTo(WINDLASS_MINIMUM) < 0 ? WINDLASS_MINIMUM
                : callLimit.multipliedBy(4);
    }

    /**
     * Compares one module.
     *
     * @param label  names the module in reports and in the file a mismatch is saved to
     * @param plan   the calls to make, chosen from the module's exports
     * @param before an export to call (uncompared) before every call, e.g. binaryen's
     *               {@code hangLimitInitializer}, or null
     */
    void compare(String label, byte[] wasm, Function<WasmModule, List<Call>> plan, String before) {
        modules++;
        Module module;
        try {
            module = engine.compile(wasm);
        } catch (UnsupportedFeatureException e) {
            skipModule("unsupported by Windlass: " + e.operator().replaceAll(" \\(.*", ""));
            return;
        } catch (RuntimeException e) {
            skipModule("rejected by Windlass: " + e.getClass().getSimpleName());
            return;
        }
        WasmModule wasmModule = module.wasm();
        if (HostImports.unprovided(wasmModule) != null) {
            skipModule("needs imports beyond spectest and fuzzing-support");
            return;
        }
        List<Call> calls = plan.apply(wasmModule);
        String reset = wasmModule.exports().stream().anyMatch(e -> e.name().equals(before)) ? before : null;
        Pair pair = instantiate(label, wasm, module);
        if (pair == null) {
            return;
        }
        comparedModules++;
        Set<String> outOfTime = new HashSet<>();
        for (Call call : calls) {
            if (outOfTime.contains(call.export())) {
                // One that loops for some arguments mostly loops for the others too: a time limit
                // costs as much as a thousand calls.
                skipCall("export ran out of time before");
                continue;
            }
            Optional<Outcome> chicory = chicoryThread.run(() -> call(pair.chicory, reset, call), callLimit);
            if (chicory.isEmpty()) {
                skipCall("Chicory exceeded " + callLimit.toMillis() + " ms");
                outOfTime.add(call.export());
                if (!pair.renew()) {
                    return;
                }
                continue;
            }
            Optional<Outcome> windlass = windlassThread.run(() -> call(pair.windlass, reset, call), windlassLimit);
            if (windlass.isEmpty()) {
                hangs.add(label + ": " + call + " did not return within " + windlassLimit.toMillis()
                        + " ms; Chicory: " + chicory.get());
                save(label, wasm);
                return; // its store stays in use by the abandoned thread
            }
            String chicoryBug = pair.chicory.knownDeviation();
            List<String> windlassLog = pair.windlass.takeLog();
            List<String> chicoryLog = pair.chicory.takeLog();
            if (windlass.get() instanceof Outcome.Exhausted || chicory.get() instanceof Outcome.Exhausted) {
                skipCall("stack exhausted");
                if (!pair.renew()) {
                    return;
                }
                continue;
            }
            String why = Outcome.disagreement(windlass.get(), chicory.get());
            if (why == null && !windlassLog.equals(chicoryLog)) {
                why = "logs differ";
            }
            if (why != null && chicoryBug == null && chicory.get() instanceof Outcome.Failed failed
                    && !(windlass.get() instanceof Outcome.Failed)) {
                // Chicory itself crashed (a Java exception that is no Wasm trap, e.g. its memory's
                // NullPointerException past 2^31): its bug, while Windlass gave a Wasm outcome.
                chicoryBug = "Chicory threw " + failed.error();
            }
            if (why != null && chicoryBug != null) {
                excused.add(label + ": " + call + ": " + why + " (Windlass " + windlass.get() + ", Chicory "
                        + chicory.get() + "), explained by a Chicory bug: " + chicoryBug);
                pair.close();
                return;
            }
            if (why != null) {
                String alone = alone(wasm, module, call, reset);
                mismatches.add(new Mismatch(label, save(label, wasm), call.toString(), why, windlass.get(), chicory.get(),
                        windlassLog, chicoryLog, alone));
                pair.close();
                return;
            }
            comparedCalls++;
        }
        pair.close();
    }

    /** Calls {@code before} (if not null; what it does is not compared), then {@code call}. */
    private static Outcome call(RuntimeUnderTest side, String before, Call call) {
        if (before != null) {
            side.call(before, new long[0]);
        }
        return side.call(call.export(), call.args());
    }

    /** The two instances of one module. */
    private final class Pair {
        private final String label;
        private final byte[] wasm;
        private final Module module;
        WindlassSide windlass;
        ChicorySide chicory;

        Pair(String label, byte[] wasm, Module module, WindlassSide windlass, ChicorySide chicory) {
            this.label = label;
            this.wasm = wasm;
            this.module = module;
            this.windlass = windlass;
            this.chicory = chicory;
        }

        /** Replaces both instances by fresh ones; {@return false if that failed, the module is done} */
        boolean renew() {
            close();
            Optional<Object> c = chicoryThread.run(() -> instantiateChicory(wasm, module), callLimit);
            Optional<Object> w = windlassThread.run(() -> instantiateWindlass(module), windlassLimit);
            if (c.orElse(null) instanceof ChicorySide cs && w.orElse(null) instanceof WindlassSide ws) {
                chicory = cs;
                windlass = ws;
                return true;
            }
            if (c.isPresent() && w.isEmpty()) {
                hangs.add(label + ": instantiation did not return the second time");
            }
            return false; // it instantiated before: this is a time limit at most
        }

        void close() {
            WindlassSide side = windlass;
            windlassThread.run(side::close, windlassLimit);
        }
    }

    /** {@return both instances, or null if the module is done (skipped or a mismatch recorded)} */
    private Pair instantiate(String label, byte[] wasm, Module module) {
        Optional<Object> chicory = chicoryThread.run(() -> instantiateChicory(wasm, module), callLimit);
        if (chicory.isEmpty()) {
            skipModule("Chicory's instantiation exceeded " + callLimit.toMillis() + " ms");
            return null;
        }
        Optional<Object> windlass = windlassThread.run(() -> instantiateWindlass(module), windlassLimit);
        if (windlass.isEmpty()) {
            hangs.add(label + ": instantiation did not return; Chicory: " + chicory.get());
            save(label, wasm);
            return null;
        }
        if (windlass.get() instanceof WindlassSide w && chicory.get() instanceof ChicorySide c) {
            return new Pair(label, wasm, module, w, c);
        }
        if (windlass.get() instanceof WindlassSide w) {
            windlassThread.run(w::close, windlassLimit);
        }
        if (windlass.get() instanceof Outcome.Failed(UnsupportedFeatureException e)) {
            skipModule("unsupported by Windlass: " + e.operator().replaceAll(" \\(.*", ""));
            return null;
        }
        Outcome windlassOutcome = windlass.get() instanceof Outcome o ? o : new Outcome.Returned(List.of(), new long[0]);
        Outcome chicoryOutcome = chicory.get() instanceof Outcome o ? o : new Outcome.Returned(List.of(), new long[0]);
        if (windlassOutcome instanceof Outcome.Exhausted || chicoryOutcome instanceof Outcome.Exhausted) {
            skipModule("stack exhausted in the start function");
        } else if (windlassOutcome instanceof Outcome.Failed && chicoryOutcome instanceof Outcome.Failed) {
            skipModule("instantiates in neither runtime");
        } else if (Outcome.disagreement(windlassOutcome, chicoryOutcome) == null) {
            skipModule("start function traps in both");
        } else {
            mismatches.add(new Mismatch(label, save(label, wasm), "(instantiation)",
                    Outcome.disagreement(windlassOutcome, chicoryOutcome), windlassOutcome, chicoryOutcome,
                    List.of(), List.of(), "n/a"));
        }
        return null;
    }

    /** {@return a {@link ChicorySide}, or the {@link Outcome} its instantiation ended in} */
    private static Object instantiateChicory(byte[] wasm, Module module) {
        try {
            return ChicorySide.instantiate(wasm, module.wasm());
        } catch (TrapException e) {
            return ChicorySide.outcome(e);
        } catch (StackOverflowError e) {
            return new Outcome.Exhausted(e.toString());
        } catch (ChicoryException e) {
            return e.getMessage() != null && e.getMessage().startsWith("call stack exhausted")
                    ? new Outcome.Exhausted(e.getMessage()) : new Outcome.Failed(e);
        } catch (RuntimeException e) {
            return new Outcome.Failed(e);
        }
    }

    /** {@return a {@link WindlassSide}, or the {@link Outcome} its instantiation ended in} */
    private static Object instantiateWindlass(Module module) {
        try {
            return WindlassSide.instantiate(module);
        } catch (WasmTrap trap) {
            return WindlassSide.outcome(trap);
        } catch (RuntimeException e) {
            return new Outcome.Failed(e);
        }
    }

    /** Replays a mismatching call on fresh instances: {@return whether it still disagrees, and how} */
    private String alone(byte[] wasm, Module module, Call call, String before) {
        try {
            Optional<Object> c = chicoryThread.run(() -> instantiateChicory(wasm, module), callLimit);
            Optional<Object> w = windlassThread.run(() -> instantiateWindlass(module), windlassLimit);
            if (!(c.orElse(null) instanceof ChicorySide chicory) || !(w.orElse(null) instanceof WindlassSide windlass)) {
                return "could not instantiate again";
            }
            Optional<Outcome> chicoryOutcome = chicoryThread.run(() -> call(chicory, before, call), callLimit);
            Optional<Outcome> windlassOutcome = windlassThread.run(() -> {
                Outcome outcome = call(windlass, before, call);
                windlass.close();
                return outcome;
            }, windlassLimit);
            if (chicoryOutcome.isEmpty() || windlassOutcome.isEmpty()) {
                return "timed out";
            }
            String why = Outcome.disagreement(windlassOutcome.get(), chicoryOutcome.get());
            List<String> windlassLog = windlass.takeLog();
            List<String> chicoryLog = chicory.takeLog();
            if (why == null && !windlassLog.equals(chicoryLog)) {
                why = "logs differ: Windlass " + windlassLog + ", Chicory " + chicoryLog;
            }
            return why == null ? "agrees (depends on earlier calls)"
                    : "reproduces (" + why + "): Windlass " + windlassOutcome.get() + ", Chicory " + chicoryOutcome.get();
        } catch (RuntimeException e) {
            return "replay failed: " + e;
        }
    }

    private static Path save(String label, byte[] wasm) {
        try {
            Files.createDirectories(SAVED);
            Path path = SAVED.resolve(label.replaceAll("[^A-Za-z0-9._-]", "_") + ".wasm");
            Files.write(path, wasm);
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void skipModule(String reason) {
        skippedModules.merge(reason, 1, Integer::sum);
    }

    private void skipCall(String reason) {
        skippedCalls.merge(reason, 1, Integer::sum);
    }

    int modules() {
        return modules;
    }

    int comparedModules() {
        return comparedModules;
    }

    int comparedCalls() {
        return comparedCalls;
    }

    List<String> hangs() {
        return hangs;
    }

    List<Mismatch> mismatches() {
        return mismatches;
    }

    /** {@return the disagreements a known Chicory bug explains (see {@link ChicorySide})} */
    List<String> excused() {
        return excused;
    }

    /** {@return one line: what was compared, what was skipped and why, hangs and mismatches} */
    String summary() {
        return modules + " modules, " + comparedModules + " compared, " + comparedCalls + " calls agreed; skipped modules "
                + skippedModules + "; skipped calls " + skippedCalls + "; Chicory bugs " + excused.size()
                + "; Windlass hangs " + hangs.size() + "; mismatches " + mismatches.size();
    }

    @Override
    public void close() {
        windlassThread.close();
        chicoryThread.close();
    }
}
