package dev.windlass.plugin.internal;

import dev.windlass.plugin.Codec;
import java.lang.reflect.Type;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/** {@link Codec#json()}: Jackson 3, loaded only when asked for, so that the module runs without it. */
public final class JsonCodec implements Codec {

    private final JsonMapper mapper = JsonMapper.builder().build();

    private JsonCodec() {
    }

    /** {@return a JSON codec}, empty when Jackson cannot be loaded */
    public static Optional<Codec> create() {
        try {
            Class.forName("tools.jackson.databind.json.JsonMapper", false, JsonCodec.class.getClassLoader());
            return Optional.of(new JsonCodec());
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    @Override
    public byte[] encode(Object value, Type type) {
        return mapper.writerFor(mapper.constructType(type)).writeValueAsBytes(value);
    }

    @Override
    public Object decode(byte[] bytes, Type type) {
        return mapper.readValue(bytes, mapper.constructType(type));
    }
}
