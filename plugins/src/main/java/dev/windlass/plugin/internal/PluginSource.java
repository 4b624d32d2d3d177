package dev.windlass.plugin.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a plugin's bytes come from, so that {@code reload(name)} can read them again. */
public sealed interface PluginSource {

    /** {@return the bytes as they are now} @throws UncheckedIOException if they cannot be read */
    byte[] read();

    /** {@return the source for {@link dev.windlass.plugin.PluginVersion#source()}} */
    String describe();

    /** A {@code .wasm} file. */
    record File(Path path) implements PluginSource {
        @Override
        public byte[] read() {
            try {
                return Files.readAllBytes(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }

        @Override
        public String describe() {
            return path.toString();
        }
    }

    /** A {@code .wasm} resource of a class loader. */
    record Resource(ClassLoader loader, String name) implements PluginSource {
        @Override
        public byte[] read() {
            try (InputStream in = loader.getResourceAsStream(name)) {
                if (in == null) {
                    throw new UncheckedIOException(new IOException("no resource " + name + " on the class path"));
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read resource " + name, e);
            }
        }

        @Override
        public String describe() {
            return "classpath:" + name;
        }
    }

    /** Bytes the application gave; they cannot be read again. */
    record Bytes() implements PluginSource {
        @Override
        public byte[] read() {
            throw new IllegalStateException("this plugin was loaded from bytes: reload it with reload(name, bytes)");
        }

        @Override
        public String describe() {
            return "bytes";
        }
    }
}
