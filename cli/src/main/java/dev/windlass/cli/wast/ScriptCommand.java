package dev.windlass.cli.wast;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * One command of a spec test script, as wabt's {@code wast2json} writes it. Fields that a
 * command type does not use are {@code null}.
 *
 * @param type       {@code module}, {@code assert_invalid}, {@code assert_return}, ...
 * @param line       the line of the command in the original {@code .wast}
 * @param filename   the module file ({@code .wasm}, or {@code .wat} for text-format modules)
 * @param text       the spec interpreter's expected message
 * @param moduleType {@code binary} or {@code text}
 * @param name       the module's name ({@code $M}) for {@code module} and {@code register}
 * @param as         the import name {@code register} gives a module
 * @param action     the action of {@code action} and the assertions on actions
 * @param expected   the expected results of an action
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScriptCommand(
        String type,
        int line,
        String filename,
        String text,
        @JsonProperty("module_type") String moduleType,
        String name,
        String as,
        JsonNode action,
        JsonNode expected) {

    /** {@return whether the command's module is in the text format (a {@code .wat} file)} */
    public boolean isTextModule() {
        return "text".equals(moduleType);
    }
}
