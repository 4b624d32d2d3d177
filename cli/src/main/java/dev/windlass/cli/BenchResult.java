package dev.windlass.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The one JSON line a runner of the peer harness prints ({@code shared/bench/README.md}, "Runner
 * contract"): phase times in milliseconds, the guest's exit code, or an error.
 *
 * @param runner        the column name ({@code "windlass"})
 * @param wasm          the module's absolute path
 * @param readMs        reading the file
 * @param compileMs     bytes to an executable module: decode, validate, compile, map the code
 * @param instantiateMs linking, memories, tables, globals, segments, the start function
 * @param runMs         {@code bench.start} to {@code bench.end}, or {@code null} if the guest did
 *                      not call both
 * @param mainMs        the whole {@code _start} call ({@code _initialize} included), or
 *                      {@code null} when it was not called ({@code BENCH_COMPILE_ONLY})
 * @param exitCode      the guest's exit status ({@code proc_exit}, 0 if {@code _start} returned)
 * @param compileWarmMs the fastest of {@code compileRepeat} more compilations in the same
 *                      process, or {@code null} if none were asked for
 * @param compileRepeat how many more compilations were made ({@code BENCH_COMPILE_REPEAT})
 * @param engine        free text: the runtime, its settings and the JVM
 *
 * <p>The line is written by hand, not with Jackson: in the fresh JVM of each harness run,
 * initializing Jackson's databind (some 500 classes) cost about a second of wall time.
 */
public record BenchResult(String runner, String wasm, double readMs, double compileMs, double instantiateMs,
                          Double runMs, Double mainMs, int exitCode, Double compileWarmMs, int compileRepeat,
                          String engine) {

    public BenchResult {
        Objects.requireNonNull(runner, "runner");
        Objects.requireNonNull(wasm, "wasm");
        Objects.requireNonNull(engine, "engine");
    }

    /** {@return nanoseconds as milliseconds, to the microsecond} */
    public static double millis(long nanos) {
        return Math.round(nanos / 1e3) / 1e3;
    }

    /** {@return the JSON line, without a line break} */
    public String toJson() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("runner", runner);
        fields.put("wasm", wasm);
        fields.put("read_ms", readMs);
        fields.put("compile_ms", compileMs);
        fields.put("instantiate_ms", instantiateMs);
        fields.put("run_ms", runMs);
        fields.put("main_ms", mainMs);
        fields.put("exit_code", exitCode);
        if (compileRepeat > 0) {
            fields.put("compile_warm_ms", compileWarmMs);
            fields.put("compile_repeat", compileRepeat);
        }
        fields.put("engine", engine);
        return json(fields);
    }

    /** {@return the JSON line of a run that failed: {@code {"runner":...,"wasm":...,"error":...}}} */
    public static String errorJson(String runner, String wasm, String message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("runner", runner);
        fields.put("wasm", wasm);
        fields.put("error", message);
        return json(fields);
    }

    /** {@return a JSON object of strings, numbers and nulls, in the map's order} */
    private static String json(Map<String, Object> fields) {
        StringBuilder text = new StringBuilder("{");
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            if (text.length() > 1) {
                text.append(',');
            }
            string(text, field.getKey()).append(':');
            switch (field.getValue()) {
                case null -> text.append("null");
                case String value -> string(text, value);
                case Double value -> text.append(value.isNaN() || value.isInfinite() ? "null" : value.toString());
                case Integer value -> text.append(value);
                default -> throw new IllegalArgumentException("not a JSON value: " + field.getValue());
            }
        }
        return text.append('}').toString();
    }

    /** Appends {@code value} as a JSON string (RFC 8259: quote, backslash and controls escaped). */
    private static StringBuilder string(StringBuilder text, String value) {
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < 0x20) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        return text.append('"');
    }
}
