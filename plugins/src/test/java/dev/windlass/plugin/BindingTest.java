package dev.windlass.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BindingTest {

    private static PluginRegistry registry;
    private static Echo echo;

    @BeforeAll
    static void load() {
        registry = PluginRegistry.builder()
                .defaults(PluginOptions.builder().policy(InstancePolicy.SHARED).build()).build();
        registry.load("echo", Wat.resource("echo"));
        echo = registry.plugin(Echo.class);
    }

    @AfterAll
    static void close() {
        registry.close();
    }

    @Test
    void numbersMapToWasmValues() {
        assertThat(echo.add(2, 3)).isEqualTo(5);
        assertThat(echo.add(Integer.MAX_VALUE, 1)).isEqualTo(Integer.MIN_VALUE);
        assertThat(echo.add(-7, 2)).isEqualTo(-5);
        assertThat(echo.addLong(Long.MAX_VALUE, 1)).isEqualTo(Long.MIN_VALUE);
        assertThat(echo.half(3f)).isEqualTo(1.5f);
        assertThat(Float.isNaN(echo.half(Float.NaN))).isTrue();
        assertThat(echo.hypot(3, 4)).isEqualTo(5.0);
        assertThat(echo.isEven(4)).isTrue();
        assertThat(echo.isEven(-3)).isFalse();
        assertThat(echo.negate(true)).isFalse();
        assertThat(echo.negate(false)).isTrue();
        echo.nothing();
    }

    @Test
    void stringsRoundTripEmptyAndLarge() {
        assertThat(echo.echo("")).isEmpty();
        assertThat(echo.echo("hello")).isEqualTo("hello");
        String mebibyte = "x".repeat(1 << 20);
        assertThat(echo.echo(mebibyte)).isEqualTo(mebibyte);
        assertThat(echo.length(mebibyte)).isEqualTo(1 << 20);
        assertThat(echo.concat("foo", "bar")).isEqualTo("foobar");
        assertThat(echo.concat("", "")).isEmpty();
    }

    @Test
    void stringsRoundTripEveryUnicodePlane() {
        StringBuilder text = new StringBuilder();
        for (int plane = 0; plane <= 16; plane++) {
            for (int low : new int[] {0x0041, 0x00E9, 0x4E2D, 0xFFFD, 0xFFFF}) {
                int codePoint = (plane << 16) | low;
                if (plane == 0 || Character.isValidCodePoint(codePoint)) {
                    text.appendCodePoint(codePoint);
                }
            }
        }
        text.appendCodePoint(0x10FFFF).appendCodePoint(0).appendCodePoint(0xD7FF).appendCodePoint(0xE000);
        String all = text.toString();
        assertThat(echo.echo(all)).isEqualTo(all);
        assertThat(echo.length(all)).isEqualTo(all.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void unpairedSurrogatesAreRefusedBeforeTheCall() {
        assertThatThrownBy(() -> echo.echo("a\uD800b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate");
    }

    @Test
    void bytesAndBuffersRoundTrip() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertThat(echo.echoBytes(all)).isEqualTo(all);
        assertThat(echo.echoBytes(new byte[0])).isEmpty();
        byte[] mebibyte = new byte[1 << 20];
        Arrays.fill(mebibyte, (byte) 0x5A);
        assertThat(echo.echoBytes(mebibyte)).isEqualTo(mebibyte);
        ByteBuffer buffer = ByteBuffer.allocateDirect(10).put(new byte[] {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}).position(2)
                .limit(6);
        ByteBuffer answer = echo.echoBuffer(buffer);
        assertThat(buffer.position()).isEqualTo(2);
        assertThat(answer.remaining()).isEqualTo(4);
        assertThat(answer.get(0)).isEqualTo((byte) 7);
        assertThat(answer.get(3)).isEqualTo((byte) 4);
    }

    @Test
    void postReturnRunsAfterEveryMemoryResult() {
        int before = echo.posts();
        echo.echo("a");
        echo.echoBytes(new byte[] {1});
        assertThat(echo.posts()).isEqualTo(before + 2);
    }

    @Test
    void defaultMethodsRunInJava() {
        assertThat(echo.shout("quiet")).isEqualTo("QUIET");
    }

    @Test
    void objectMethodsDescribeTheProxy() {
        assertThat(echo.toString()).isEqualTo("Echo[plugin echo]");
        assertThat(echo).isEqualTo(echo);
        assertThat(echo.hashCode()).isEqualTo(System.identityHashCode(echo));
    }

    @Test
    void nullStringsAreRefused() {
        assertThatThrownBy(() -> echo.echo(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("argument 0 of Echo.echo(String) -> String is null");
    }
}
