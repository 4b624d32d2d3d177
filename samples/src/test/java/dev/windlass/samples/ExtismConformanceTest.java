package dev.windlass.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.windlass.plugin.InstancePolicy;
import dev.windlass.plugin.PluginErrorException;
import dev.windlass.plugin.PluginOptions;
import dev.windlass.plugin.PluginRegistry;
import dev.windlass.plugin.PluginVersion;
import dev.windlass.plugin.WasmExport;
import dev.windlass.plugin.WasmPlugin;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The plugin built with Extism's AssemblyScript PDK answers on Windlass as it does on Extism's
 * own runtime: {@code plugins/conformance/answers.json} holds what {@code @extism/extism} under
 * node answered (re-record with {@code plugins/conformance/record.mjs}); each session is one
 * instance (vars kept across its calls, as Extism keeps them), here a {@code SHARED} plugin.
 */
class ExtismConformanceTest {

    @WasmPlugin("vowels-extism")
    public interface Raw {
        @WasmExport("count_vowels")
        byte[] countVowels(byte[] input);

        byte[] greet(byte[] input);

        @WasmExport("reverse_bytes")
        byte[] reverseBytes(byte[] input);

        @WasmExport("must_have_input")
        byte[] mustHaveInput(byte[] input);

        default byte[] call(String export, byte[] input) {
            return switch (export) {
                case "count_vowels" -> countVowels(input);
                case "greet" -> greet(input);
                case "reverse_bytes" -> reverseBytes(input);
                case "must_have_input" -> mustHaveInput(input);
                default -> throw new IllegalArgumentException("no method for export " + export);
            };
        }
    }

    @Test
    void windlassAnswersAsExtismsRuntimeDid() throws Exception {
        JsonNode answers;
        try (InputStream in = getClass().getResourceAsStream("/dev/windlass/samples/conformance/answers.json")) {
            answers = new ObjectMapper().readTree(in);
        }
        byte[] wasm = PluginDemo.wasm(null, "vowels-extism");
        assertThat(PluginVersion.sha256Of(wasm)).as("answers.json was recorded from this vowels-extism.wasm;"
                + " after rebuilding it, re-record (plugins/conformance/record.mjs)")
                .isEqualTo(answers.get("sha256").asString());
        int calls = 0;
        for (JsonNode session : answers.get("sessions")) {
            Map<String, String> config = new LinkedHashMap<>();
            session.get("config").properties().forEach(e -> config.put(e.getKey(), e.getValue().asString()));
            try (PluginRegistry registry = PluginRegistry.create()) {
                registry.load("vowels-extism", wasm, PluginOptions.builder().policy(InstancePolicy.SHARED)
                        .config(config).build());
                Raw plugin = registry.plugin(Raw.class);
                for (JsonNode call : session.get("calls")) {
                    String export = call.get("export").asString();
                    byte[] input = bytes(call.get("input"));
                    String what = export + " of " + call.get("input") + " (config " + config + ")";
                    if (call.has("error")) {
                        PluginErrorException e = catchThrowableOfType(PluginErrorException.class,
                                () -> plugin.call(export, input));
                        assertThat(e).as(what).isNotNull();
                        // Extism's node SDK prefixes the guest's message with "Plugin-originated error: ".
                        assertThat(call.get("error").asString()).as(what).endsWith(": " + e.guestMessage());
                    } else {
                        assertThat(plugin.call(export, input)).as(what).isEqualTo(bytes(call.get("output")));
                    }
                    calls++;
                }
            }
        }
        assertThat(calls).isEqualTo(16);
    }

    private static byte[] bytes(JsonNode value) {
        return value.has("text") ? value.get("text").asString().getBytes(StandardCharsets.UTF_8)
                : Base64.getDecoder().decode(value.get("base64").asString());
    }
}
