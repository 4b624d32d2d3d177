package dev.windlass.cli.wast;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A spec test script converted by {@code wast2json}: the commands of one {@code .wast} file, in
 * order. Module files are named relative to the script's folder.
 *
 * @param sourceFilename the {@code .wast} file it came from
 * @param commands       the commands, in script order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WastScript(@JsonProperty("source_filename") String sourceFilename, List<ScriptCommand> commands) {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public WastScript {
        commands = commands == null ? List.of() : List.copyOf(commands);
    }

    /**
     * Reads a script.
     *
     * @throws tools.jackson.core.JacksonException if the file cannot be read or is not such a script
     */
    public static WastScript read(Path json) {
        return MAPPER.readValue(json.toFile(), WastScript.class);
    }
}
