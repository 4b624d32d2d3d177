package dev.windlass.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.windlass.plugin.PluginLimitExceededException.Limit;
import dev.windlass.sandbox.Engine;
import dev.windlass.wasi.WasiConfig;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTest {

    @TempDir
    Path folder;

    private static PluginRegistry registry(InstancePolicy policy) {
        return PluginRegistry.builder().defaults(PluginOptions.builder().policy(policy).poolSize(1).build()).build();
    }

    @Test
    void aDirectoryLoadsItsWasmFilesOnly() throws Exception {
        Files.write(folder.resolve("echo.wasm"), Wat.resource("echo"));
        Files.write(folder.resolve("versioned.wasm"), Versioned.module(1));
        Files.write(folder.resolve("compiled.cwasm"), new byte[] {1, 2, 3});
        Files.writeString(folder.resolve("notes.txt"), "not a plugin");
        Files.createDirectory(folder.resolve("nested.wasm"));
        try (PluginRegistry registry = PluginRegistry.create()) {
            assertThat(registry.loadDirectory(folder)).extracting(PluginVersion::plugin)
                    .containsExactly("echo", "versioned");
            assertThat(registry.names()).containsExactlyInAnyOrder("echo", "versioned");
            PluginVersion version = registry.version("echo").orElseThrow();
            assertThat(version.sha256()).isEqualTo(PluginVersion.sha256Of(Wat.resource("echo")));
            assertThat(version.source()).isEqualTo(folder.resolve("echo.wasm").toAbsolutePath().toString());
            assertThat(registry.plugin(Echo.class).add(1, 2)).isEqualTo(3);
            assertThatThrownBy(() -> registry.load(folder.resolve("compiled.cwasm")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".cwasm files are never loaded");
            assertThatThrownBy(() -> registry.load("echo", Wat.resource("echo")))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("reload it instead");
        }
    }

    @Test
    void theClassPathLoadsAResource() throws Exception {
        Files.createDirectories(folder.resolve("plugins"));
        Files.write(folder.resolve("plugins/echo.wasm"), Wat.resource("echo"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {folder.toUri().toURL()}, null);
             PluginRegistry registry = PluginRegistry.create()) {
            PluginVersion version = registry.loadResource(loader, "plugins/echo.wasm");
            assertThat(version.plugin()).isEqualTo("echo");
            assertThat(version.source()).isEqualTo("classpath:plugins/echo.wasm");
            assertThat(registry.plugin(Echo.class).echo("cp")).isEqualTo("cp");
            Files.write(folder.resolve("plugins/echo.wasm"), Versioned.module(1));
            assertThatThrownBy(() -> registry.reload("echo")).isInstanceOf(PluginLoadException.class)
                    .hasMessageContaining("does not fit dev.windlass.plugin.Echo");
            assertThatThrownBy(() -> registry.loadResource(loader, "plugins/missing.wasm"))
                    .hasMessageContaining("no resource plugins/missing.wasm");
        }
    }

    @Test
    void reloadSwapsAndABrokenFileKeepsTheOldVersion() throws Exception {
        Path file = folder.resolve("versioned.wasm");
        Files.write(file, Versioned.module(1));
        try (PluginRegistry registry = PluginRegistry.builder()
                .options("versioned", PluginOptions.builder().smokeExport("healthy").build()).build()) {
            registry.load(file);
            Versioned plugin = registry.plugin(Versioned.class);
            assertThat(plugin.tag("a")).isEqualTo("v1:a");

            Files.write(file, Versioned.module(2));
            PluginVersion two = registry.reload("versioned");
            assertThat(plugin.version()).isEqualTo(2);
            assertThat(two.sha256()).isEqualTo(PluginVersion.sha256Of(Versioned.module(2)));
            assertThat(two.source()).isEqualTo(file.toAbsolutePath().toString());
            assertThat(registry.reload("versioned", Versioned.module(7)).source()).isEqualTo("bytes");
            registry.rollback("versioned");

            Files.write(file, new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 99});
            assertThatThrownBy(() -> registry.reload("versioned")).isInstanceOf(PluginLoadException.class)
                    .hasMessageContaining("cannot compile");
            Files.write(file, Versioned.module(3, "(i32.const 1)"));
            assertThatThrownBy(() -> registry.reload("versioned")).isInstanceOf(PluginLoadException.class)
                    .hasMessageContaining("the smoke export healthy returned 1");
            Files.write(file, Versioned.module(4, "(unreachable)"));
            assertThatThrownBy(() -> registry.reload("versioned")).isInstanceOf(PluginLoadException.class)
                    .hasMessageContaining("the smoke export healthy trapped");
            Files.write(file, Wat.resource("echo"));
            assertThatThrownBy(() -> registry.reload("versioned")).isInstanceOf(PluginLoadException.class)
                    .hasMessageContaining("needs export \"version\"");
            Files.delete(file);
            assertThatThrownBy(() -> registry.reload("versioned")).hasMessageContaining("cannot read");

            assertThat(registry.version("versioned")).contains(two);
            assertThat(plugin.tag("b")).isEqualTo("v2:b");

            assertThat(registry.rollback("versioned").sha256()).isEqualTo(PluginVersion.sha256Of(Versioned.module(1)));
            assertThat(plugin.version()).isEqualTo(1);
            assertThatThrownBy(() -> registry.rollback("versioned")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no earlier version");
            assertThat(registry.drainingVersions("versioned")).isZero();
        }
    }

    @Test
    void bytesReloadAndHistoryIsBounded() {
        try (PluginRegistry registry = PluginRegistry.builder().historySize(2).build()) {
            registry.load("versioned", Versioned.module(1));
            Versioned plugin = registry.plugin(Versioned.class);
            assertThatThrownBy(() -> registry.reload("versioned")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("reload(name, bytes)");
            for (int v = 2; v <= 5; v++) {
                registry.reload("versioned", Versioned.module(v));
            }
            assertThat(plugin.version()).isEqualTo(5);
            registry.rollback("versioned");
            registry.rollback("versioned");
            assertThat(plugin.version()).isEqualTo(3);
            assertThatThrownBy(() -> registry.rollback("versioned")).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void sharedKeepsStateAndIsRebuiltAfterATrap() {
        try (PluginRegistry registry = registry(InstancePolicy.SHARED)) {
            registry.load("echo", Wat.resource("echo"));
            Echo echo = registry.plugin(Echo.class);
            assertThat(echo.increment()).isEqualTo(1);
            assertThat(echo.increment()).isEqualTo(2);
            assertThat(echo.swapNote("first")).isEmpty();
            assertThat(echo.swapNote("second")).isEqualTo("first");
            assertThatThrownBy(echo::crash).isInstanceOf(PluginTrapException.class)
                    .hasMessageContaining("export crash: wasm trap: unreachable");
            assertThat(echo.increment()).isEqualTo(1);
        }
    }

    @Test
    void pooledKeepsInstancesUntilTheirLastUseOrATrap() {
        try (PluginRegistry registry = PluginRegistry.builder().defaults(PluginOptions.builder()
                .policy(InstancePolicy.POOLED).poolSize(1).maxUsesPerInstance(3).build()).build()) {
            registry.load("echo", Wat.resource("echo"));
            Echo echo = registry.plugin(Echo.class);
            assertThat(echo.increment()).isEqualTo(1);
            assertThat(echo.increment()).isEqualTo(2);
            assertThat(echo.increment()).isEqualTo(3);
            assertThat(echo.increment()).isEqualTo(1); // the first instance served its three calls
            assertThatThrownBy(echo::crash).isInstanceOf(PluginTrapException.class);
            assertThat(echo.increment()).isEqualTo(1);
        }
    }

    @Test
    void idleInstancesAreMadeBeforeAVersionServes() {
        try (PluginRegistry registry = PluginRegistry.builder().defaults(PluginOptions.builder()
                .policy(InstancePolicy.POOLED).poolSize(3).minIdle(3).build()).build()) {
            registry.load("echo", Wat.resource("echo"));
            Echo echo = registry.plugin(Echo.class);
            assertThat(echo.increment()).isEqualTo(1);
            assertThat(echo.increment()).isEqualTo(2); // the most recently used instance is taken first
        }
        assertThatThrownBy(() -> PluginOptions.builder().poolSize(2).minIdle(3).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minIdle");
        byte[] trapsOnStart = Wat.compile("(module (func $start unreachable) (start $start))");
        try (PluginRegistry registry = PluginRegistry.builder()
                .defaults(PluginOptions.builder().policy(InstancePolicy.SHARED).minIdle(1).build()).build()) {
            assertThatThrownBy(() -> registry.load("broken", trapsOnStart)).isInstanceOf(PluginLoadException.class)
                    .hasMessageContaining("unreachable");
        }
    }

    @Test
    void perCallSharesNothing() {
        try (PluginRegistry registry = registry(InstancePolicy.PER_CALL)) {
            registry.load("echo", Wat.resource("echo"));
            Echo echo = registry.plugin(Echo.class);
            for (int i = 0; i < 100; i++) {
                assertThat(echo.increment()).isEqualTo(1);
                assertThat(echo.swapNote("note " + i)).isEmpty();
            }
        }
    }

    @Test
    void concurrentCallsBeyondTheLimitFailAtOnce() throws Exception {
        PluginLimits limits = PluginLimits.builder().maxConcurrentCalls(1).timeout(Duration.ofSeconds(1)).build();
        try (PluginRegistry registry = PluginRegistry.builder().defaults(PluginOptions.builder()
                .policy(InstancePolicy.PER_CALL).limits(limits).build()).build();
             ExecutorService executor = Executors.newSingleThreadExecutor()) {
            registry.load("echo", Wat.resource("echo"));
            Echo echo = registry.plugin(Echo.class);
            CountDownLatch started = new CountDownLatch(1);
            Future<?> slow = executor.submit(() -> {
                started.countDown();
                echo.forever();
            });
            started.await();
            Thread.sleep(100);
            assertThatThrownBy(() -> echo.add(1, 2)).isInstanceOfSatisfying(PluginLimitExceededException.class,
                    e -> assertThat(e.limit()).isEqualTo(Limit.CONCURRENT_CALLS));
            assertThatThrownBy(slow::get).hasCauseInstanceOf(PluginTimeoutException.class);
            assertThat(echo.add(1, 2)).isEqualTo(3);
        }
    }

    @Test
    void unloadedAndClosedPluginsAreUnavailable() {
        PluginRegistry registry = PluginRegistry.create();
        registry.load("echo", Wat.resource("echo"));
        Echo echo = registry.plugin(Echo.class);
        registry.unload("echo");
        assertThatThrownBy(() -> echo.add(1, 2)).isInstanceOfSatisfying(PluginUnavailableException.class,
                e -> assertThat(e.export()).isEqualTo("add"));
        assertThatThrownBy(() -> registry.plugin(Echo.class)).isInstanceOf(PluginUnavailableException.class);
        registry.load("echo", Wat.resource("echo"));
        Echo again = registry.plugin(Echo.class);
        registry.close();
        assertThatThrownBy(() -> again.add(1, 2)).isInstanceOf(PluginUnavailableException.class);
        assertThatThrownBy(() -> registry.load("x", Wat.resource("echo"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void limitsNeedAnEngineThatMetersThem() {
        try (Engine engine = Engine.create();
             PluginRegistry registry = PluginRegistry.builder().engine(engine).build()) {
            PluginOptions fuel = PluginOptions.builder().limits(PluginLimits.builder().fuel(10).build()).build();
            assertThatThrownBy(() -> registry.load("echo", Wat.resource("echo"), fuel))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Config.consumeFuel(true)");
            PluginOptions time = PluginOptions.builder()
                    .limits(PluginLimits.builder().timeout(Duration.ofSeconds(1)).build()).build();
            assertThatThrownBy(() -> registry.load("echo", Wat.resource("echo"), time))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epochInterruption(true)");
            registry.load("echo", Wat.resource("echo"));
            assertThat(registry.plugin(Echo.class).spin(1000)).isEqualTo(1000); // unmetered engine
        }
    }

    @Test
    void timeoutsAndFuelStopRunawayExports() {
        PluginLimits limits = PluginLimits.builder().timeout(Duration.ofMillis(50)).fuel(1_000_000).build();
        try (PluginRegistry registry = PluginRegistry.builder()
                .defaults(PluginOptions.builder().policy(InstancePolicy.SHARED).limits(limits).build()).build()) {
            registry.load("echo", Wat.resource("echo"));
            Echo echo = registry.plugin(Echo.class);
            assertThatThrownBy(echo::forever).isInstanceOf(PluginException.class)
                    .isInstanceOfAny(PluginTimeoutException.class, PluginFuelExhaustedException.class);
            assertThatThrownBy(() -> echo.spin(10_000_000)).isInstanceOfSatisfying(
                    PluginFuelExhaustedException.class, e -> assertThat(e.fuelUsed()).isEqualTo(1_000_000));
            assertThat(echo.spin(1000)).isEqualTo(1000); // each call gets its fuel anew
        }
        try (PluginRegistry registry = PluginRegistry.builder().defaults(PluginOptions.builder()
                .limits(PluginLimits.builder().timeout(Duration.ofMillis(50)).build()).build()).build()) {
            registry.load("echo", Wat.resource("echo"));
            Echo echo = registry.plugin(Echo.class);
            long start = System.nanoTime();
            assertThatThrownBy(echo::forever).isInstanceOfSatisfying(PluginTimeoutException.class, e -> {
                assertThat(e.getMessage()).contains("export forever: timed out after PT0.05S");
                assertThat(e.wasmBacktrace().frames()).isNotEmpty();
            });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(echo.add(2, 2)).isEqualTo(4);
        }
    }

    @Test
    void aStartFunctionRunsOnTheCallsFuel() {
        // AssemblyScript modules initialize their heap in a start function, which runs inside
        // instantiation: on the registry's metered engine it needs fuel before the first call has any.
        byte[] counting = Wat.compile("""
                (module
                  (global $n (mut i32) (i32.const 0))
                  (func $start (loop $l (global.set $n (i32.add (global.get $n) (i32.const 1)))
                                        (br_if $l (i32.lt_u (global.get $n) (i32.const 10000)))))
                  (start $start)
                  (func (export "n") (result i32) (global.get $n)))""");
        byte[] endless = Wat.compile("(module (func $start (loop $l (br $l))) (start $start)"
                + " (func (export \"n\") (result i32) (i32.const 0)))");
        interface Counted {
            int n();
        }
        for (InstancePolicy policy : InstancePolicy.values()) {
            try (PluginRegistry registry = registry(policy)) {
                registry.load("unmetered", counting);
                registry.load("metered", counting, PluginOptions.builder().policy(policy)
                        .limits(PluginLimits.builder().fuel(1_000_000).build()).build());
                assertThat(registry.plugin("unmetered", Counted.class).n()).isEqualTo(10_000);
                assertThat(registry.plugin("metered", Counted.class).n()).isEqualTo(10_000);
                assertThatThrownBy(() -> registry.load("endless", endless, PluginOptions.builder().policy(policy)
                        .limits(PluginLimits.builder().fuel(100_000).build()).build()))
                        .isInstanceOf(PluginLoadException.class).hasMessageContaining("fuel");
            }
        }
    }

    @Test
    void wasiCapabilitiesArePerPlugin() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path data = Files.createDirectory(folder.resolve("data"));
        WasiConfig capabilities = WasiConfig.builder().args("plugin", "--flag").env("A", "1").env("B", "2")
                .stdout(out).preopenReadOnly(data, "/data").build();
        interface Wasi {
            int initialized();

            int hello();

            int envCount();

            int argCount();

            int prestat();
        }
        try (PluginRegistry registry = PluginRegistry.create()) {
            registry.load("granted", Wat.resource("wasi"),
                    PluginOptions.builder().policy(InstancePolicy.PER_CALL).wasi(capabilities).build());
            registry.load("bare", Wat.resource("wasi"));
            Wasi granted = registry.plugin("granted", Wasi.class);
            Wasi bare = registry.plugin("bare", Wasi.class);
            assertThat(granted.initialized()).isEqualTo(1);
            assertThat(granted.hello()).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello from wasm\n");
            assertThat(granted.envCount()).isEqualTo(2);
            assertThat(granted.argCount()).isEqualTo(2);
            assertThat(granted.prestat()).isZero();
            assertThat(bare.initialized()).isEqualTo(1);
            assertThat(bare.hello()).isZero(); // discarded
            assertThat(bare.envCount()).isZero();
            assertThat(bare.argCount()).isZero();
            assertThat(bare.prestat()).isEqualTo(8); // EBADF: no preopen
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello from wasm\n");
        }
    }
}
