package dev.windlass.wasi;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * What a WASI guest may see: its arguments, its environment, its standard streams, its source
 * of random bytes and its preopened directories, and nothing else. Nothing is inherited from
 * the host unless given here (Wasmtime's {@code WasiCtxBuilder}). Made with {@link #builder()}.
 *
 * <p>A preopened directory is a capability: the guest reaches what is beneath it and nothing
 * above it (see {@link WasiPreview1}). A directory of the default file system is used through
 * Linux descriptors; one of any other {@link java.nio.file.FileSystem} (an in-memory one from
 * {@link InMemoryDirectories}) through java.nio.
 *
 * @param args   the arguments, the program name first ({@code argv[0]})
 * @param env    the environment, in order
 * @param stdin  what the guest reads from fd 0 (default: nothing, end of file at once)
 * @param stdout where fd 1 writes go (default: discarded)
 * @param stderr where fd 2 writes go (default: discarded)
 * @param random the source of {@code random_get} (default: a {@link SecureRandom})
 * @param preopens the directories the guest may reach, in the order it discovers them (fd 3 on)
 */
public record WasiConfig(List<String> args, Map<String, String> env, InputStream stdin, OutputStream stdout,
                         OutputStream stderr, Random random, List<Preopen> preopens) {

    /**
     * A directory given to the guest: everything under {@code host} (a directory in any
     * {@link java.nio.file.FileSystem}: the host's, or an in-memory one), seen by the guest as
     * {@code guestPath}, and nothing outside it.
     *
     * @param host      the directory on the host side
     * @param guestPath the name the guest sees ({@code fd_prestat_dir_name}), e.g. {@code "/data"} or {@code "."}
     * @param readOnly  whether the guest may only read (no create, write, rename, unlink, set times)
     */
    public record Preopen(Path host, String guestPath, boolean readOnly) {
        public Preopen {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(guestPath, "guestPath");
            if (guestPath.isEmpty() || guestPath.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("not a valid guest path: '" + guestPath + "'");
            }
        }
    }

    public WasiConfig {
        args = List.copyOf(args);
        env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(random, "random");
        preopens = List.copyOf(preopens);
        for (var entry : env.entrySet()) {
            if (entry.getKey().isEmpty() || entry.getKey().indexOf('=') >= 0 || entry.getKey().indexOf('\0') >= 0
                    || entry.getValue().indexOf('\0') >= 0) {
                throw new IllegalArgumentException("not a valid environment variable: " + entry.getKey());
            }
        }
        for (String arg : args) {
            if (arg.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an argument holds a NUL character");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link WasiConfig}; see the record's components for the defaults. */
    public static final class Builder {
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private InputStream stdin = InputStream.nullInputStream();
        private OutputStream stdout = OutputStream.nullOutputStream();
        private OutputStream stderr = OutputStream.nullOutputStream();
        private Random random;
        private final List<Preopen> preopens = new ArrayList<>();

        private Builder() {
        }

        /** Appends arguments; the first one given is the program name. */
        public Builder args(String... values) {
            args.addAll(List.of(values));
            return this;
        }

        public Builder args(List<String> values) {
            args.addAll(values);
            return this;
        }

        public Builder env(String name, String value) {
            env.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder env(Map<String, String> variables) {
            variables.forEach(this::env);
            return this;
        }

        public Builder stdin(InputStream in) {
            this.stdin = Objects.requireNonNull(in, "stdin");
            return this;
        }

        public Builder stdout(OutputStream out) {
            this.stdout = Objects.requireNonNull(out, "stdout");
            return this;
        }

        public Builder stderr(OutputStream out) {
            this.stderr = Objects.requireNonNull(out, "stderr");
            return this;
        }

        /** The guest's standard streams are the JVM's. */
        public Builder inheritStdio() {
            return stdin(System.in).stdout(System.out).stderr(System.err);
        }

        public Builder random(Random source) {
            this.random = Objects.requireNonNull(source, "random");
            return this;
        }

        /**
         * Gives the guest the directory {@code host} as {@code guestPath}, to read and write.
         * Directories are found by the guest in the order given, from fd 3; the directory must
         * exist when the {@link WasiPreview1} is made.
         */
        public Builder preopen(Path host, String guestPath) {
            preopens.add(new Preopen(host, guestPath, false));
            return this;
        }

        /** Gives the guest the directory {@code host} as {@code guestPath}, to read only. */
        public Builder preopenReadOnly(Path host, String guestPath) {
            preopens.add(new Preopen(host, guestPath, true));
            return this;
        }

        public WasiConfig build() {
            return new WasiConfig(args, env, stdin, stdout, stderr, random == null ? new SecureRandom() : random,
                    preopens);
        }
    }
}
