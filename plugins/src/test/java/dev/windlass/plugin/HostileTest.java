package dev.windlass.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.windlass.plugin.PluginLimitExceededException.Limit;
import dev.windlass.sandbox.TrapCode;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Guests that break the Windlass ABI on purpose: every pointer and length they hand back is
 * checked before use, each failure is a typed exception naming the plugin and the export, and
 * the JVM (and the next call) is unharmed.
 */
class HostileTest {

    @WasmPlugin("hostile")
    public interface Hostile {
        String give();

        int take(String text);

        int takeTwo(String first, String second);

        int fine();
    }

    private static final String BUMP = """
            (local $p i32)
            (local.set $p (global.get $heap))
            (global.set $heap (i32.add (global.get $heap) (local.get 3)))
            (local.get $p)""";

    /** A guest whose allocator and {@code give} export are {@code realloc} and {@code give}. */
    private static byte[] guest(String realloc, String give) {
        return Wat.compile("""
                (module
                  (memory (export "memory") 1)
                  (global $heap (mut i32) (i32.const 1024))
                  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) %s)
                  (func (export "give") (result i32) %s)
                  (func (export "take") (param i32 i32) (result i32) (local.get 1))
                  (func (export "takeTwo") (param i32 i32 i32 i32) (result i32) (i32.add (local.get 1) (local.get 3)))
                  (func (export "fine") (result i32) (i32.const 42))
                  (data (i32.const 100) "\\c3\\28"))
                """.formatted(realloc, give));
    }

    private static String pair(long pointer, long length) {
        return "(i32.store (i32.const 16) (i32.const %d)) (i32.store (i32.const 20) (i32.const %d)) (i32.const 16)"
                .formatted((int) pointer, (int) length);
    }

    /** Runs {@code test} on the hostile guest under {@code policy} and {@code limits}, then checks the plugin still answers. */
    private static void withGuest(InstancePolicy policy, PluginLimits limits, byte[] wasm, Consumer<Hostile> test) {
        try (PluginRegistry registry = PluginRegistry.builder()
                .defaults(PluginOptions.builder().policy(policy).poolSize(2).limits(limits).build()).build()) {
            registry.load("hostile", wasm);
            Hostile hostile = registry.plugin(Hostile.class);
            test.accept(hostile);
            assertThat(hostile.fine()).isEqualTo(42);
        }
    }

    private static void withGuest(InstancePolicy policy, byte[] wasm, Consumer<Hostile> test) {
        withGuest(policy, PluginLimits.defaults(), wasm, test);
    }

    private static Consumer<PluginException> names(String export) {
        return e -> {
            assertThat(e.plugin()).isEqualTo("hostile");
            assertThat(e.export()).isEqualTo(export);
            assertThat(e.version()).hasSize(64);
            assertThat(e.getMessage()).startsWith("plugin hostile@" + e.version().substring(0, 12) + ", export " + export);
        };
    }

    @ParameterizedTest
    @EnumSource(InstancePolicy.class)
    void anAllocationOutsideMemoryIsRefused(InstancePolicy policy) {
        withGuest(policy, guest("(i32.const -256)", "(i32.const 16)"), hostile -> {
            assertThatThrownBy(() -> hostile.take("abc"))
                    .isInstanceOf(PluginAbiException.class).satisfies(e -> names("take").accept((PluginException) e))
                    .hasMessageContaining("cabi_realloc(0, 0, 1, 3) for argument 0 returned 0xffffff00")
                    .hasMessageContaining("outside memory of 65536 bytes");
            assertThatThrownBy(() -> hostile.take("")).isInstanceOf(PluginAbiException.class);
        });
        withGuest(policy, guest("(i32.const 65534)", "(i32.const 16)"), hostile -> {
            assertThat(hostile.take("ab")).isEqualTo(2); // [65534, 65536) is the last two bytes
            assertThatThrownBy(() -> hostile.take("abc")).isInstanceOf(PluginAbiException.class)
                    .hasMessageContaining("[0xfffe, 0x10001) is outside memory");
        });
    }

    @ParameterizedTest
    @EnumSource(InstancePolicy.class)
    void overlappingAllocationsAreRefused(InstancePolicy policy) {
        withGuest(policy, guest("(i32.const 1024)", "(i32.const 16)"), hostile -> {
            assertThatThrownBy(() -> hostile.takeTwo("abc", "def")).isInstanceOf(PluginAbiException.class)
                    .satisfies(e -> names("takeTwo").accept((PluginException) e))
                    .hasMessageContaining("for argument 1, which overlaps argument 0's [0x400, 0x403)");
            assertThat(hostile.takeTwo("", "xy")).isEqualTo(2); // an empty range overlaps nothing
        });
    }

    @ParameterizedTest
    @EnumSource(InstancePolicy.class)
    void anAllocatorThatTrapsIsATrap(InstancePolicy policy) {
        withGuest(policy, guest("(unreachable)", "(i32.const 16)"), hostile ->
                assertThatThrownBy(() -> hostile.take("abc"))
                        .isInstanceOfSatisfying(PluginTrapException.class, e -> {
                            names("take").accept(e);
                            assertThat(e.trapCode()).isEqualTo(TrapCode.UNREACHABLE);
                            assertThat(e.wasmBacktrace().frames()).isNotEmpty();
                        })
                        .hasMessageContaining("cabi_realloc: wasm trap: unreachable"));
    }

    @ParameterizedTest
    @EnumSource(InstancePolicy.class)
    void anAllocatorThatLoopsIsStoppedByTheTimeout(InstancePolicy policy) {
        PluginLimits limits = PluginLimits.builder().timeout(Duration.ofMillis(100)).build();
        withGuest(policy, limits, guest("(loop $l (br $l)) (unreachable)", "(i32.const 16)"), hostile ->
                assertThatThrownBy(() -> hostile.take("abc"))
                        .isInstanceOfSatisfying(PluginTimeoutException.class, e -> {
                            names("take").accept(e);
                            assertThat(e.timeout()).isEqualTo(Duration.ofMillis(100));
                        })
                        .hasMessageContaining("cabi_realloc: timed out after PT0.1S"));
    }

    @ParameterizedTest
    @EnumSource(InstancePolicy.class)
    void anAllocatorThatLoopsIsStoppedByFuel(InstancePolicy policy) {
        PluginLimits limits = PluginLimits.builder().fuel(100_000).build();
        withGuest(policy, limits, guest("(loop $l (br $l)) (unreachable)", "(i32.const 16)"), hostile ->
                assertThatThrownBy(() -> hostile.take("abc"))
                        .isInstanceOfSatisfying(PluginFuelExhaustedException.class, e -> {
                            names("take").accept(e);
                            assertThat(e.fuelUsed()).isEqualTo(100_000);
                        }));
    }

    @ParameterizedTest
    @EnumSource(InstancePolicy.class)
    void resultPointersOutsideMemoryAreRefused(InstancePolicy policy) {
        withGuest(policy, guest(BUMP, "(i32.const -4)"), hostile ->
                assertThatThrownBy(hostile::give).isInstanceOf(PluginAbiException.class)
                        .satisfies(e -> names("give").accept((PluginException) e))
                        .hasMessageContaining("the result pointer 0xfffffffc puts its (ptr, len) pair outside memory"));
        withGuest(policy, guest(BUMP, "(i32.const 65532)"), hostile ->
                assertThatThrownBy(hostile::give).isInstanceOf(PluginAbiException.class)
                        .hasMessageContaining("the result pointer 0xfffc puts its (ptr, len) pair outside memory"));
        withGuest(policy, guest(BUMP, "(i32.const 18)"), hostile ->
                assertThatThrownBy(hostile::give).isInstanceOf(PluginAbiException.class)
                        .hasMessageContaining("the result pointer 0x12 is not 4-byte aligned"));
    }

    @ParameterizedTest
    @EnumSource(InstancePolicy.class)
    void resultBytesOutsideMemoryAreRefused(InstancePolicy policy) {
        withGuest(policy, guest(BUMP, pair(100, 1L << 31)), hostile ->
                assertThatThrownBy(hostile::give).isInstanceOf(PluginAbiException.class)
                        .hasMessageContaining("the result (ptr 0x64, len 2147483648) lies outside memory of 65536 bytes"));
        withGuest(policy, guest(BUMP, pair(0xFFFF_FFFFL, 2)), hostile ->
                assertThatThrownBy(hostile::give).isInstanceOf(PluginAbiException.class)
                        .hasMessageContaining("the result (ptr 0xffffffff, len 2) lies outside memory"));
        withGuest(policy, guest(BUMP, pair(0, 0xFFFF_FFFFL)), hostile ->
                assertThatThrownBy(hostile::give).isInstanceOf(PluginAbiException.class)
                        .hasMessageContaining("len 4294967295) lies outside memory"));
        withGuest(policy, guest(BUMP, pair(65535, 1)), hostile -> assertThat(hostile.give()).isEqualTo("\0"));
    }

    @ParameterizedTest
    @EnumSource(InstancePolicy.class)
    void invalidUtf8IsAClearError(InstancePolicy policy) {
        withGuest(policy, guest(BUMP, pair(100, 2)), hostile ->
                assertThatThrownBy(hostile::give).isInstanceOf(PluginAbiException.class)
                        .satisfies(e -> names("give").accept((PluginException) e))
                        .hasMessageContaining("the string result (2 bytes) is not valid UTF-8 at byte 0"));
    }

    @ParameterizedTest
    @EnumSource(InstancePolicy.class)
    void outputAndInputOverTheLimitAreRefused(InstancePolicy policy) {
        PluginLimits limits = PluginLimits.builder().maxOutputBytes(1000).maxInputBytes(10).build();
        withGuest(policy, limits, guest("(unreachable)", pair(0, 1001)), hostile -> {
            assertThatThrownBy(hostile::give).isInstanceOfSatisfying(PluginLimitExceededException.class, e -> {
                names("give").accept(e);
                assertThat(e.limit()).isEqualTo(Limit.OUTPUT_BYTES);
                assertThat(e.allowed()).isEqualTo(1000);
                assertThat(e.requested()).isEqualTo(1001);
            });
            // checked before the guest runs: its allocator would trap
            assertThatThrownBy(() -> hostile.take("x".repeat(11)))
                    .isInstanceOfSatisfying(PluginLimitExceededException.class, e -> {
                        assertThat(e.limit()).isEqualTo(Limit.INPUT_BYTES);
                        assertThat(e.requested()).isEqualTo(11);
                    });
        });
    }

    @Test
    void memoryBeyondTheLimitIsNotGiven() {
        PluginLimits limits = PluginLimits.builder().maxMemoryBytes(2 * 65536).build();
        // grows one page, then answers the last byte of memory
        String growing = "(drop (memory.grow (i32.const 1))) (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 1))";
        withGuest(InstancePolicy.SHARED, limits, guest(growing, "(i32.const 16)"), hostile -> {
            assertThat(hostile.take("a")).isEqualTo(1); // grown to 2 pages, the limit
            assertThatThrownBy(() -> hostile.take("abc")).isInstanceOf(PluginAbiException.class)
                    .hasMessageContaining("returned 0x1ffff").hasMessageContaining("outside memory of 131072 bytes"); // no growth
        });
        byte[] big = Wat.compile("(module (memory (export \"memory\") 4))");
        try (PluginRegistry registry = PluginRegistry.builder()
                .defaults(PluginOptions.builder().limits(PluginLimits.builder().maxMemoryBytes(65536).build()).build())
                .build()) {
            assertThatThrownBy(() -> registry.load("big", big)).isInstanceOf(PluginLoadException.class)
                    .hasCauseInstanceOf(PluginLimitExceededException.class);
            assertThat(registry.names()).isEmpty();
        }
    }

    @Test
    void manyHostileCallsLeaveThePluginAndTheJvmWorking() {
        withGuest(InstancePolicy.PER_CALL, guest("(i32.const -1)", pair(100, 2)), hostile -> {
            for (int i = 0; i < 5_000; i++) {
                assertThatThrownBy(() -> hostile.take("abc")).isInstanceOf(PluginAbiException.class);
                assertThatThrownBy(hostile::give).isInstanceOf(PluginAbiException.class);
            }
        });
    }
}
