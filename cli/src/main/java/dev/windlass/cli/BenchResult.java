package dev.windlass.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

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
 */
public record BenchResult(String runner, String wasm, double readMs, double compileMs, double instantiateMs,
                          Double runMs, Double mainMs, int exitCode, Double compileWarmMs, int compileRepeat,
                          String engine) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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
        return JSON.writeValueAsString(fields);
    }

    /** {@return the JSON line of a run that failed: {@code {"runner":...,"wasm":...,"error":...}}} */
    public static String errorJson(String runner, String wasm, String message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("runner", runner);
        fields.put("wasm", wasm);
        fields.put("error", message);
        return JSON.writeValueAsString(fields);
    }
}
