package dev.windlass.plugin;

import java.nio.ByteBuffer;

/** The contract of {@code wat/echo.wat}. */
@WasmPlugin("echo")
public interface Echo {

    int add(int a, int b);

    long addLong(long a, long b);

    float half(float value);

    double hypot(double a, double b);

    boolean isEven(int value);

    @WasmExport("not")
    boolean negate(boolean value);

    int increment();

    int posts();

    void nothing();

    int spin(int iterations);

    void forever();

    void crash();

    String echo(String text);

    byte[] echoBytes(byte[] bytes);

    ByteBuffer echoBuffer(ByteBuffer bytes);

    int length(String text);

    String concat(String first, String second);

    String swapNote(String note);

    default String shout(String text) {
        return echo(text).toUpperCase(java.util.Locale.ROOT);
    }
}
