package dev.windlass.samples;

import dev.windlass.plugin.InstancePolicy;
import dev.windlass.plugin.PluginException;
import dev.windlass.plugin.PluginLimits;
import dev.windlass.plugin.PluginOptions;
import dev.windlass.plugin.PluginRegistry;
import dev.windlass.plugin.PluginVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The plugin demo ({@code ./windlass demo}): loads the sample plugins (C, AssemblyScript on the
 * Windlass ABI, AssemblyScript with Extism's PDK, WAT) through one {@link PluginRegistry}, calls
 * them through {@code @WasmPlugin} interfaces, stops two runaway plugins (one by its timeout,
 * one by fuel) while the others keep answering, caps a memory hog, and shows that
 * {@code PER_CALL} calls share no state while {@code SHARED} ones do.
 *
 * <p>Run it with {@code ./windlass demo [DIR]}, or {@code java -cp ... dev.windlass.samples.PluginDemo [DIR]}:
 * the plugins come from DIR (the {@code *.wasm} of {@code samples/plugins/wasm}) or, without it,
 * from the class path.
 */
public final class PluginDemo {

    /** The class-path folder of the committed sample plugins. */
    public static final String RESOURCES = "dev/windlass/samples/plugins/";
    /** The sample plugins, by name (their file is NAME.wasm). */
    public static final List<String> PLUGINS = List.of("greet-c", "shout-as", "vowels-extism", "runaway", "hog");

    private static final Duration TIMEOUT = Duration.ofMillis(200);
    private static final long FUEL = 5_000_000;
    private static final long HOG_LIMIT = 16 << 20;

    private final PrintStream out;
    private final Path directory;

    private PluginDemo(PrintStream out, Path directory) {
        this.out = out;
        this.directory = directory;
    }

    public static void main(String[] args) {
        System.exit(run(System.out, args.length > 0 ? Path.of(args[0]) : null));
    }

    /**
     * Runs the demo, printing to {@code out}. {@return 0 if every step behaved as described, 1 if not}
     *
     * @param directory where the {@code .wasm} files are, or null for the class path
     */
    public static int run(PrintStream out, Path directory) {
        return new PluginDemo(out, directory).run();
    }

    /** {@return the bytes of sample plugin {@code name}} from {@code directory}, or the class path if it is null */
    public static byte[] wasm(Path directory, String name) {
        try {
            if (directory != null) {
                return Files.readAllBytes(directory.resolve(name + ".wasm"));
            }
            try (InputStream in = PluginDemo.class.getClassLoader().getResourceAsStream(RESOURCES + name + ".wasm")) {
                if (in == null) {
                    throw new UncheckedIOException(new IOException("no resource " + RESOURCES + name + ".wasm"));
                }
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int run() {
        boolean ok = true;
        long start = System.nanoTime();
        PluginLimits sandbox = PluginLimits.builder().timeout(Duration.ofSeconds(5)).fuel(100_000_000)
                .maxMemoryBytes(64 << 20).build();
        PluginOptions perCall = PluginOptions.builder().policy(InstancePolicy.PER_CALL).limits(sandbox).build();
        PluginOptions shared = PluginOptions.builder().policy(InstancePolicy.SHARED).limits(sandbox).build();
        try (PluginRegistry registry = PluginRegistry.builder()
                .options("greet-c", perCall)
                .options("shout-as", PluginOptions.builder().policy(InstancePolicy.POOLED).limits(sandbox).build())
                .options("vowels-extism", PluginOptions.builder().policy(InstancePolicy.SHARED).limits(sandbox)
                        .config(Map.of("greeting", "Ahoy")).build())
                .options("runaway", PluginOptions.builder().policy(InstancePolicy.PER_CALL)
                        .limits(PluginLimits.builder().timeout(TIMEOUT).build()).build())
                .options("hog", PluginOptions.builder().policy(InstancePolicy.PER_CALL)
                        .limits(PluginLimits.builder().maxMemoryBytes(HOG_LIMIT).build()).build())
                .build()) {
            out.println("Windlass plugin demo: the sample plugins of samples/plugins through one PluginRegistry");
            out.println("(" + (directory == null ? "from the class path" : "from " + directory) + ")");
            out.println();
            for (String name : PLUGINS) {
                PluginVersion version = registry.load(name, wasm(directory, name));
                out.printf("loaded %-18s sha256 %s  %-8s %s%n", name, version.sha256().substring(0, 12),
                        policyOf(name), describe(name));
            }
            // The same C module a second time, under SHARED, and the runaway a second time, metered by fuel.
            registry.load("greet-c-shared", wasm(directory, "greet-c"), shared);
            out.printf("loaded %-18s (greet-c's bytes)    %-8s %s%n", "greet-c-shared", "SHARED", "the same module, one instance");
            registry.load("runaway-fuel", wasm(directory, "runaway"), PluginOptions.builder()
                    .policy(InstancePolicy.PER_CALL).limits(PluginLimits.builder().fuel(FUEL).build()).build());
            out.printf("loaded %-18s (runaway's bytes)    %-8s %s%n", "runaway-fuel", "PER_CALL",
                    "the same loop, metered: " + FUEL + " units of fuel per call");

            Greeter greeter = registry.plugin(Greeter.class);
            Shouter shouter = registry.plugin(Shouter.class);
            VowelCounter vowels = registry.plugin(VowelCounter.class);
            Runaway runaway = registry.plugin(Runaway.class);
            Runaway runawayFuel = registry.plugin("runaway-fuel", Runaway.class);
            MemoryHog hog = registry.plugin(MemoryHog.class);
            Greeter sharedGreeter = registry.plugin("greet-c-shared", Greeter.class);

            out.println();
            out.println("calls through @WasmPlugin interfaces:");
            ok &= show("greet-c", "greet(\"Windlass\")", quote(greeter.greet("Windlass")),
                    "\"Hello, Windlass! (from C)\"");
            ok &= show("shout-as", "shout(\"ahoy, wörld\")", quote(shouter.shout("ahoy, wörld")), "\"AHOY, WÖRLD!\"");
            ok &= show("shout-as", "wordCount(\"the quick brown fox\")",
                    String.valueOf(shouter.wordCount("the quick brown fox")), "4");
            ok &= show("vowels-extism", "countVowels(\"Hello, World!\")", vowels.countVowels("Hello, World!"),
                    "{\"count\": 3, \"total\": 3, \"vowels\": \"aeiouAEIOU\"}");
            ok &= show("vowels-extism", "greet(\"sailor\")  [config greeting=Ahoy]", quote(vowels.greet("sailor")),
                    "\"Ahoy, sailor!\"");
            ok &= show("vowels-extism", "reverseBytes({1, 2, 3})",
                    HexFormat.ofDelimiter(" ").formatHex(vowels.reverseBytes(new byte[] {1, 2, 3})), "03 02 01");
            int pages = hog.hog();
            ok &= show("hog", "hog()  [maxMemoryBytes 16 MiB]", pages + " pages of 64 KiB (memory.grow refused at the limit)",
                    (HOG_LIMIT >> 16) + " pages of 64 KiB (memory.grow refused at the limit)");

            ok &= runaways(runaway, runawayFuel, greeter, shouter, vowels);
            ok &= state(greeter, sharedGreeter);
        } catch (PluginException e) {
            out.println("FAILED: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        }
        out.println();
        out.printf("%s in %d ms%n", ok ? "demo done" : "demo FAILED (see the lines marked UNEXPECTED)",
                (System.nanoTime() - start) / 1_000_000);
        return ok ? 0 : 1;
    }

    /** Both runaways on threads of their own; the others answer on this one until both are stopped. */
    private boolean runaways(Runaway byTimeout, Runaway byFuel, Greeter greeter, Shouter shouter,
                             VowelCounter vowels) {
        out.println();
        out.println("two runaway plugins (an endless loop), each on its own thread, while the others keep answering:");
        CompletableFuture<String> timeout = CompletableFuture.supplyAsync(() -> spin("runaway", byTimeout),
                Thread::startVirtualThread);
        CompletableFuture<String> fuel = CompletableFuture.supplyAsync(() -> spin("runaway-fuel", byFuel),
                Thread::startVirtualThread);
        int answered = 0;
        int wrong = 0;
        List<String> failures = new ArrayList<>();
        while (!(timeout.isDone() && fuel.isDone()) || answered < 3) {
            try {
                String name = "n" + answered;
                wrong += greeter.greet(name).equals("Hello, " + name + "! (from C)") ? 0 : 1;
                wrong += shouter.shout(name).equals("N" + answered + "!") ? 0 : 1;
                wrong += vowels.greet(name).equals("Ahoy, " + name + "!") ? 0 : 1;
                answered += 3;
            } catch (PluginException e) {
                failures.add(e.toString());
                if (failures.size() > 10) {
                    break;
                }
            }
        }
        String timedOut = timeout.join();
        String fuelOut = fuel.join();
        boolean ok = true;
        ok &= line("runaway", "spin()  [timeout " + TIMEOUT.toMillis() + " ms]", timedOut,
                timedOut.startsWith("stopped: PluginTimeoutException"));
        ok &= line("runaway-fuel", "spin()  [fuel " + FUEL + "]", fuelOut,
                fuelOut.startsWith("stopped: PluginFuelExhaustedException"));
        String meanwhile = answered + " calls answered meanwhile by greet-c, shout-as and vowels-extism, "
                + (wrong + failures.size() == 0 ? "none wrong or failed" : wrong + " wrong, " + failures.size()
                + " failed: " + failures);
        ok &= line("others", "", meanwhile, wrong + failures.size() == 0);
        return ok;
    }

    private String spin(String name, Runaway plugin) {
        long start = System.nanoTime();
        try {
            return "returned " + plugin.spin() + " (it should not have)";
        } catch (PluginException e) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            return "stopped: " + e.getClass().getSimpleName() + " after " + ms + " ms (" + detail(e) + ")";
        }
    }

    /** The message without its "plugin NAME@VERSION, export E: " prefix. */
    private static String detail(PluginException e) {
        String message = e.getMessage();
        int colon = message.indexOf(": ");
        return colon < 0 ? message : message.substring(colon + 2);
    }

    private boolean state(Greeter perCall, Greeter shared) {
        out.println();
        out.println("state: the same C module under PER_CALL (a fresh instance per call) and SHARED (one instance):");
        String perCallHits = perCall.hits() + ", " + perCall.hits() + ", " + perCall.hits();
        String perCallNotes = quote(perCall.remember("alice's secret")) + ", " + quote(perCall.remember("bob's secret"));
        String sharedHits = shared.hits() + ", " + shared.hits() + ", " + shared.hits();
        String sharedNotes = quote(shared.remember("alice's secret")) + ", " + quote(shared.remember("bob's secret"));
        boolean ok = true;
        ok &= show("greet-c", "hits() x3  [PER_CALL]", perCallHits, "1, 1, 1");
        ok &= show("greet-c", "remember(alice's), remember(bob's)  [PER_CALL]", perCallNotes, "\"\", \"\"");
        ok &= show("greet-c-shared", "hits() x3  [SHARED]", sharedHits, "1, 2, 3");
        ok &= show("greet-c-shared", "remember(alice's), remember(bob's)  [SHARED]", sharedNotes,
                "\"\", \"alice's secret\"");
        out.println("  under PER_CALL no call sees what another left; under SHARED bob gets alice's note");
        return ok;
    }

    private boolean show(String plugin, String call, String got, String expected) {
        return line(plugin, call + " ->", got, got.equals(expected));
    }

    private boolean line(String plugin, String call, String got, boolean expected) {
        out.printf("  %-15s %s%s%s%n", plugin, call.isEmpty() ? "" : call + " ", got, expected ? "" : "   UNEXPECTED");
        return expected;
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    private static String policyOf(String name) {
        return switch (name) {
            case "shout-as" -> "POOLED";
            case "vowels-extism" -> "SHARED";
            default -> "PER_CALL";
        };
    }

    private static String describe(String name) {
        return switch (name) {
            case "greet-c" -> "C (clang, wasm32-wasi reactor), Windlass ABI";
            case "shout-as" -> "AssemblyScript, Windlass ABI helper";
            case "vowels-extism" -> "AssemblyScript with Extism's PDK, Extism ABI, config greeting=Ahoy";
            case "runaway" -> "WAT, an endless loop; timeout " + TIMEOUT.toMillis() + " ms";
            case "hog" -> "WAT, grows memory until refused; maxMemoryBytes 16 MiB";
            default -> "";
        };
    }
}
