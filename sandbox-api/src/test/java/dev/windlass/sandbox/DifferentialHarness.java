package dev.windlass.sandbox;

import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.wasm.ChicoryException;
import dev.windlass.winch.wasm.UnsupportedFeatureException;
import dev.windlass.winch.wasm.ValType;
import dev.windlass.winch.wasm.WasmModule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Runs modules in Windlass, in Chicory's interpreter and, given a {@link NodeDriver}, in V8, and
 * compares every call: results, traps, and the lines their host imports log. Windlass and
 * Chicory each run on their own {@link BoundedThread}, so a call that loops is given up after a
 * time limit; V8's calls are bounded by the driver. Chicory runs each call first; the others run
 * it only if Chicory finished it, so a Windlass call that overruns where the interpreter
 * finished is a hang of Windlass, reported as such. Under a config with epoch interruption a
 * Windlass call gets a {@linkplain Store#setTimeout timeout}, with fuel {@link #CALL_FUEL}: it
 * then traps instead of hanging, and its thread need not be abandoned.
 *
 * <p>The instances of a module see the same calls in the same order, so their states stay
 * equal. When that order is broken (a call skipped because a runtime ran out of time or stack,
 * whose side effects differ by depth) all are instantiated afresh. After the first disagreement
 * a module is left: its states may differ from then on. Windlass disagreeing with Chicory is
 * excused when a known Chicory bug explains it, unless V8 disagrees with Windlass too; with V8,
 * also when V8 agrees with Windlass bit for bit (a Windlass bug that V8 shares to the bit is far
 * less likely than one more interpreter bug): such a module is saved for a look, and counted as
 * an unexplained Chicory bug.
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

    /** What each runtime did with one call: the outcome and the lines logged (V8's null without V8). */
    record Observed(Outcome windlass, Outcome chicory, Outcome v8, List<String> windlassLog, List<String> chicoryLog,
                    List<String> v8Log) {
        @Override
        public String toString() {
            boolean logsDiffer = !windlassLog.equals(chicoryLog) || v8 != null && !windlassLog.equals(v8Log);
            return "\n  Windlass: " + windlass + "\n  Chicory:  " + chicory + (v8 == null ? "" : "\n  V8:       " + v8)
                    + (logsDiffer ? "\n  Windlass log: " + windlassLog + "\n  Chicory log:  " + chicoryLog
                            + (v8 == null ? "" : "\n  V8 log:       " + v8Log) : "");
        }
    }

    /** A disagreement, with where the module was saved and whether the call alone reproduces it. */
    record Mismatch(String module, Path saved, String call, String why, Observed observed, String alone) {
        @Override
        public String toString() {
            return "MISMATCH in " + module + " (saved as " + saved + ")\n  call:     " + call + "\n  why:      " + why
                    + observed + "\n  alone on fresh instances: " + alone;
        }

        Outcome windlass() {
            return observed.windlass();
        }

        Outcome chicory() {
            return observed.chicory();
        }
    }

    /** Fuel for one Windlass call under a fuel-consuming config: far more than any call Chicory finishes in time uses. */
    static final long CALL_FUEL = 4_000_000_000L;

    private static final Duration WINDLASS_MINIMUM = Duration.ofSeconds(5);

    private final Map<Config, Engine> engines = new HashMap<>();
    private final BoundedThread windlassThread = new BoundedThread("windlass-diff");
    private final BoundedThread chicoryThread = new BoundedThread("chicory-diff");
    private final NodeDriver v8;
    private final Duration callLimit;
    /**
     * How long Windlass may take for what Chicory finished within {@link #callLimit}: compiled
     * code is many times faster than the interpreter, so only a hang overruns this.
     */
    private final Duration windlassLimit;
    private DisagreementArchive archive = new DisagreementArchive(DisagreementArchive.DEFAULT_DIR, null);

    private int modules;
    private int comparedModules;
    private int comparedCalls;
    private int trappedCalls;
    private int unexplainedChicory;
    /** Modules Windlass failed to compile and calls in which it threw what is no trap. */
    private int windlassCrashes;
    private final Map<String, Integer> skippedModules = new TreeMap<>();
    private final Map<String, Integer> skippedCalls = new TreeMap<>();
    private final List<String> hangs = new ArrayList<>();
    private final List<Mismatch> mismatches = new ArrayList<>();
    private final List<String> excused = new ArrayList<>();

    /** @param callLimit how long one call may run in either runtime */
    DifferentialHarness(Duration callLimit) {
        this(callLimit, null);
    }

    /** @param v8 runs every module in V8 too, or null */
    DifferentialHarness(Duration callLimit, NodeDriver v8) {
        this.callLimit = callLimit;
        this.v8 = v8;
        this.windlassLimit = callLimit.multipliedBy(4).compareTo(WINDLASS_MINIMUM) < 0 ? WINDLASS_MINIMUM
                : callLimit.multipliedBy(4);
    }

    /** Saves disagreeing modules through {@code archive} instead of to the default directory without a replay command. */
    DifferentialHarness archiveTo(DisagreementArchive archive) {
        this.archive = archive;
        return this;
    }

    /** Compares one module compiled with the default config (see the other {@code compare}). */
    void compare(String label, byte[] wasm, Function<WasmModule, List<Call>> plan, String before) {
        compare(label, wasm, plan, before, Config.defaults());
    }

    /**
     * Compares one module.
     *
     * @param label  names the module in reports and in the file a mismatch is saved to
     * @param plan   the calls to make, chosen from the module's exports
     * @param before an export to call (uncompared) before every call, e.g. binaryen's
     *               {@code hangLimitInitializer}, or null
     * @param config the config Windlass compiles and runs the module with
     */
    void compare(String label, byte[] wasm, Function<WasmModule, List<Call>> plan, String before, Config config) {
        modules++;
        Module module;
        try {
            module = engines.computeIfAbsent(config, Engine::create).compile(wasm);
        } catch (UnsupportedFeatureException e) {
            skipModule("unsupported by Windlass: " + e.operator().replaceAll(" \\(.*", ""));
            return;
        } catch (RuntimeException e) {
            skipModule("rejected by Windlass: " + e.getClass().getSimpleName());
            windlassCrashes++;
            return;
        }
        WasmModule wasmModule = module.wasm();
        if (HostImports.unprovided(wasmModule) != null) {
            skipModule("needs imports beyond spectest and fuzzing-support");
            return;
        }
        List<Call> calls = plan.apply(wasmModule);
        String reset = wasmModule.exports().stream().anyMatch(e -> e.name().equals(before)) ? before : null;
        Instances instances = instantiate(label, wasm, module);
        if (instances == null) {
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
            Optional<Outcome> chicory = chicoryThread.run(() -> call(instances.chicory, reset, call), callLimit);
            if (chicory.isEmpty()) {
                skipCall("Chicory exceeded " + callLimit.toMillis() + " ms");
                outOfTime.add(call.export());
                if (!instances.renew()) {
                    return;
                }
                continue;
            }
            Optional<Outcome> windlass = windlassThread.run(() -> call(instances.windlass, reset, call),
                    windlassLimit.multipliedBy(2));
            if (windlass.isEmpty() || windlass.get() instanceof Outcome.Trapped trap
                    && (trap.code() == TrapCode.INTERRUPT || trap.code() == TrapCode.OUT_OF_FUEL)) {
                String hang = label + ": " + call + (windlass.isEmpty() ? " did not return within "
                        + windlassLimit.multipliedBy(2).toMillis() + " ms" : " hit Windlass's limit: " + windlass.get())
                        + "; Chicory: " + chicory.get();
                hangs.add(hang);
                archive.save(label, wasm, "WINDLASS HANG " + hang);
                if (windlass.isPresent()) {
                    instances.close();
                }
                return; // without a result its store stays in use by the abandoned thread
            }
            Outcome v8Outcome = instances.v8 == null ? null : call(instances.v8, reset, call);
            if (v8Outcome != null && V8Side.isTimeout(v8Outcome)) {
                skipCall("V8 exceeded " + callLimit.toMillis() + " ms or its node died");
                outOfTime.add(call.export());
                if (!instances.renew()) {
                    return;
                }
                continue;
            }
            if (windlass.get() instanceof Outcome.Failed) {
                windlassCrashes++;
            }
            String chicoryBug = instances.chicory.knownDeviation();
            Observed observed = new Observed(windlass.get(), chicory.get(), v8Outcome, instances.windlass.takeLog(),
                    instances.chicory.takeLog(), instances.v8 == null ? null : instances.v8.takeLog());
            if (observed.windlass() instanceof Outcome.Exhausted || observed.chicory() instanceof Outcome.Exhausted
                    || v8Outcome instanceof Outcome.Exhausted) {
                skipCall("stack exhausted");
                if (!instances.renew()) {
                    return;
                }
                continue;
            }
            String withChicory = disagreement(observed.windlass(), observed.windlassLog(), observed.chicory(),
                    observed.chicoryLog());
            String withV8 = v8Outcome == null ? null
                    : disagreement(observed.windlass(), observed.windlassLog(), v8Outcome, observed.v8Log());
            if (withChicory != null && chicoryBug == null && observed.chicory() instanceof Outcome.Failed failed
                    && !(observed.windlass() instanceof Outcome.Failed)) {
                // Chicory itself crashed (a Java exception that is no Wasm trap, e.g. its memory's
                // NullPointerException past 2^31): its bug, while Windlass gave a Wasm outcome.
                chicoryBug = "Chicory threw " + failed.error();
            }
            if (withChicory != null && withV8 == null && (chicoryBug != null || v8Outcome != null)) {
                String excuse = label + ": " + call + ": " + withChicory + " (Windlass " + observed.windlass()
                        + ", Chicory " + observed.chicory() + "), " + (chicoryBug != null
                                ? "explained by a Chicory bug: " + chicoryBug
                                : "unexplained, but V8 agrees with Windlass bit for bit: Chicory's bug to reduce");
                excused.add(excuse);
                if (chicoryBug == null) {
                    unexplainedChicory++;
                    archive.save(label, wasm, "CHICORY ALONE " + excuse + observed);
                }
                instances.close();
                return;
            }
            if (withChicory != null || withV8 != null) {
                String why = withChicory == null ? "with V8: " + withV8 + " (Chicory agrees with Windlass)"
                        : withV8 == null ? "with Chicory: " + withChicory
                        : "with Chicory: " + withChicory + "; with V8: " + withV8;
                mismatch(label, wasm, call.toString(), why, observed, alone(wasm, module, call, reset));
                instances.close();
                return;
            }
            comparedCalls++;
            if (observed.windlass() instanceof Outcome.Trapped) {
                trappedCalls++;
            }
        }
        instances.close();
    }

    /** {@return null if the outcomes and logs agree, else how they differ} */
    private static String disagreement(Outcome windlass, List<String> windlassLog, Outcome other, List<String> otherLog) {
        String why = Outcome.disagreement(windlass, other);
        return why == null && !windlassLog.equals(otherLog) ? "logs differ" : why;
    }

    private void mismatch(String label, byte[] wasm, String call, String why, Observed observed, String alone) {
        Mismatch mismatch = new Mismatch(label, archive.pathOf(label), call, why, observed, alone);
        archive.save(label, wasm, mismatch.toString());
        mismatches.add(mismatch);
    }

    /** Calls {@code before} (if not null; what it does is not compared), then {@code call}. */
    private static Outcome call(RuntimeUnderTest side, String before, Call call) {
        if (before != null) {
            side.call(before, new long[0]);
            side.takeLog();
        }
        return side.call(call.export(), call.args());
    }

    /** The instances of one module; {@code v8} is null without V8. */
    private final class Instances {
        private final String label;
        private final byte[] wasm;
        private final Module module;
        WindlassSide windlass;
        ChicorySide chicory;
        V8Side v8;

        Instances(String label, byte[] wasm, Module module, WindlassSide windlass, ChicorySide chicory, V8Side v8) {
            this.label = label;
            this.wasm = wasm;
            this.module = module;
            this.windlass = windlass;
            this.chicory = chicory;
            this.v8 = v8;
        }

        /** Replaces all instances by fresh ones; {@return false if that failed, the module is done} */
        boolean renew() {
            close();
            Optional<Object> c = chicoryThread.run(() -> instantiateChicory(wasm, module), callLimit);
            Optional<Object> w = windlassThread.run(() -> instantiateWindlass(module), windlassLimit);
            Object v = v8 == null ? null : V8Side.instantiate(DifferentialHarness.this.v8, wasm, module.wasm(), callLimit);
            if (c.orElse(null) instanceof ChicorySide cs && w.orElse(null) instanceof WindlassSide ws
                    && (v == null || v instanceof V8Side)) {
                chicory = cs;
                windlass = ws;
                v8 = (V8Side) v;
                return true;
            }
            if (c.isPresent() && w.isEmpty()) {
                hangs.add(label + ": instantiation did not return the second time");
            }
            if (w.orElse(null) instanceof WindlassSide ws) {
                windlassThread.run(ws::close, windlassLimit);
            }
            return false; // it instantiated before: this is a time limit at most
        }

        void close() {
            WindlassSide side = windlass;
            windlassThread.run(side::close, windlassLimit);
            if (v8 != null) {
                v8.close();
            }
        }
    }

    /** {@return the instances, or null if the module is done (skipped or a mismatch recorded)} */
    private Instances instantiate(String label, byte[] wasm, Module module) {
        Optional<Object> chicory = chicoryThread.run(() -> instantiateChicory(wasm, module), callLimit);
        if (chicory.isEmpty()) {
            skipModule("Chicory's instantiation exceeded " + callLimit.toMillis() + " ms");
            return null;
        }
        Optional<Object> windlass = windlassThread.run(() -> instantiateWindlass(module), windlassLimit);
        if (windlass.isEmpty()) {
            hangs.add(label + ": instantiation did not return; Chicory: " + chicory.get());
            archive.save(label, wasm, "WINDLASS HANG " + hangs.getLast());
            return null;
        }
        if (windlass.get() instanceof WindlassSide w && chicory.get() instanceof ChicorySide c) {
            if (v8 == null) {
                return new Instances(label, wasm, module, w, c, null);
            }
            Object v = V8Side.instantiate(v8, wasm, module.wasm(), callLimit);
            if (v instanceof V8Side side) {
                return new Instances(label, wasm, module, w, c, side);
            }
            windlassThread.run(w::close, windlassLimit);
            if (v instanceof Outcome outcome && V8Side.isTimeout(outcome)) {
                skipModule("V8's instantiation exceeded " + callLimit.toMillis() + " ms");
            } else {
                mismatch(label, wasm, "(instantiation)", "V8 did not instantiate it: " + v,
                        new Observed(null, null, (Outcome) v, List.of(), List.of(), List.of()), "n/a");
            }
            return null;
        }
        if (windlass.get() instanceof WindlassSide w) {
            windlassThread.run(w::close, windlassLimit);
            if (chicory.get() instanceof Outcome.Failed(ChicoryException e) && v8 != null
                    && V8Side.instantiate(v8, wasm, module.wasm(), callLimit) instanceof V8Side side) {
                // Seen once in 5,000 generated modules (deeply nested, wabt validates it too).
                excused.add(label + ": Chicory rejects the module, which Windlass and V8 instantiate: " + e.getMessage());
                side.close();
                return null;
            }
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
            mismatch(label, wasm, "(instantiation)", Outcome.disagreement(windlassOutcome, chicoryOutcome),
                    new Observed(windlassOutcome, chicoryOutcome, null, List.of(), List.of(), null), "n/a");
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
    private Object instantiateWindlass(Module module) {
        try {
            return WindlassSide.instantiate(module, windlassLimit, CALL_FUEL);
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
            }, windlassLimit.multipliedBy(2));
            if (chicoryOutcome.isEmpty() || windlassOutcome.isEmpty()) {
                return "timed out";
            }
            String why = disagreement(windlassOutcome.get(), windlass.takeLog(), chicoryOutcome.get(), chicory.takeLog());
            String v8Result = "";
            if (v8 != null && V8Side.instantiate(v8, wasm, module.wasm(), callLimit) instanceof V8Side side) {
                Outcome v8Outcome = call(side, before, call);
                v8Result = ", V8 " + v8Outcome;
                side.close();
            }
            return why == null ? "Windlass and Chicory agree (it depends on earlier calls)"
                    : "reproduces (" + why + "): Windlass " + windlassOutcome.get() + ", Chicory " + chicoryOutcome.get()
                            + v8Result;
        } catch (RuntimeException e) {
            return "replay failed: " + e;
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

    /** {@return why modules were not compared, with how many each} */
    Map<String, Integer> skippedModules() {
        return skippedModules;
    }

    /** {@return why calls were not compared, with how many each} */
    Map<String, Integer> skippedCalls() {
        return skippedCalls;
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

    /** {@return one line: what was compared, what was skipped and why, Chicory bugs, crashes, hangs, mismatches} */
    String summary() {
        return modules + " modules, " + comparedModules + " compared, " + comparedCalls + " calls agreed (" + trappedCalls
                + " of them on a trap); skipped modules "
                + skippedModules + "; skipped calls " + skippedCalls + "; Chicory bugs " + excused.size() + " ("
                + unexplainedChicory + " unexplained)"
                + "; Windlass crashes " + windlassCrashes + "; Windlass hangs " + hangs.size() + "; mismatches "
                + mismatches.size();
    }

    /** Prints the (first 200) Chicory bugs that excused disagreements, the hangs and the mismatches. */
    void printDetails() {
        excused.stream().limit(200).forEach(bug -> System.out.println("CHICORY BUG " + bug));
        if (excused.size() > 200) {
            System.out.println("CHICORY BUG ... and " + (excused.size() - 200) + " more");
        }
        hangs.forEach(hang -> System.out.println("WINDLASS HANG " + hang));
        mismatches.forEach(System.out::println);
    }

    @Override
    public void close() {
        windlassThread.close();
        chicoryThread.close();
        engines.values().forEach(Engine::close);
    }
}
