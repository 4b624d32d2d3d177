package dev.windlass.plugin;

import dev.windlass.plugin.internal.PluginEvents;
import dev.windlass.plugin.internal.PluginInvocationHandler;
import dev.windlass.plugin.internal.PluginSlot;
import dev.windlass.plugin.internal.PluginSource;
import dev.windlass.sandbox.Config;
import dev.windlass.sandbox.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The plugins of an application, by name: loads them (from a directory, the class path or
 * bytes), hands out {@link WasmPlugin} interfaces bound to them, and swaps versions while they
 * are called.
 *
 * <pre>{@code
 * try (PluginRegistry registry = PluginRegistry.builder()
 *         .options("greeter", PluginOptions.builder().policy(InstancePolicy.PER_CALL)
 *                 .limits(PluginLimits.builder().timeout(Duration.ofMillis(100)).fuel(10_000_000).build()).build())
 *         .build()) {
 *     registry.loadDirectory(Path.of("plugins"));               // greeter.wasm -> "greeter"
 *     Greeter greeter = registry.plugin(Greeter.class);         // @WasmPlugin("greeter")
 *     String answer = greeter.greet("world");
 *     registry.reload("greeter");                                // re-reads greeter.wasm
 * }
 * }</pre>
 *
 * <p><b>Versions.</b> A plugin's version is the SHA-256 of its bytes; each is compiled once
 * through the engine (whose cache returns the same module for the same bytes). Only
 * {@code .wasm} files are read: compiled {@code .cwasm} files are trusted native code and are
 * never loaded from a plugin folder.
 *
 * <p><b>Hot swap.</b> {@link #reload(String)} compiles the new bytes, instantiates them once,
 * runs the {@linkplain PluginOptions#smokeExport() smoke export}, and checks every interface
 * already bound to the plugin; only then does it swap. A call runs entirely in the version in
 * service when it started; the old version's instances are closed when its last call returns.
 * If any check fails the old version stays and the reload throws {@link PluginLoadException}.
 * {@link #rollback(String)} returns to the version before (up to
 * {@linkplain Builder#historySize(int) a few} are kept).
 *
 * <p>Thread-safe. {@link #close()} takes every plugin out of service (calls in flight finish)
 * and closes the engine if the registry made it.
 */
public final class PluginRegistry implements AutoCloseable {

    private final Engine engine;
    private final boolean ownsEngine;
    private final Codec codec;
    private final PluginOptions defaults;
    private final Map<String, PluginOptions> perPlugin;
    private final int historySize;
    private final PluginEvents events;
    private final Map<String, PluginSlot> slots = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private PluginRegistry(Builder builder) {
        this.ownsEngine = builder.engine == null;
        this.engine = ownsEngine
                ? Engine.create(Config.builder().consumeFuel(true).epochInterruption(true).build())
                : builder.engine;
        this.codec = builder.codec != null ? builder.codec : Codec.jsonIfAvailable().orElse(null);
        this.defaults = builder.defaults;
        this.perPlugin = Map.copyOf(builder.perPlugin);
        this.historySize = builder.historySize;
        this.events = new PluginEvents(builder.listeners);
    }

    /** {@return a registry with its own engine (fuel and epochs on), default options, JSON if Jackson is present} */
    public static PluginRegistry create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@return the engine that compiles and runs the plugins} */
    public Engine engine() {
        return engine;
    }

    /**
     * Loads {@code wasm} as plugin {@code name}, with the options the builder gave for that name
     * or the defaults. {@return the version}
     *
     * @throws IllegalStateException if a plugin of that name is loaded (use {@link #reload(String, byte[])})
     * @throws PluginLoadException   if the bytes do not compile, link, instantiate or pass the smoke export
     */
    public PluginVersion load(String name, byte[] wasm) {
        return load(name, wasm, optionsFor(name));
    }

    /** {@link #load(String, byte[])} with explicit options. */
    public PluginVersion load(String name, byte[] wasm, PluginOptions options) {
        return install(name, new PluginSource.Bytes(), wasm.clone(), options);
    }

    /**
     * Loads the {@code .wasm} file {@code file} as the plugin named by its file name without
     * {@code .wasm}. {@return the version}
     *
     * @throws IllegalArgumentException if the file name does not end in {@code .wasm}
     * @throws UncheckedIOException     if it cannot be read
     * @throws PluginLoadException      as {@link #load(String, byte[])}
     */
    public PluginVersion load(Path file) {
        String name = nameOfFile(file);
        PluginSource source = new PluginSource.File(file.toAbsolutePath());
        return install(name, source, source.read(), optionsFor(name));
    }

    /**
     * Loads every regular {@code *.wasm} file of {@code directory} (not its subdirectories; other
     * files, {@code .cwasm} included, are ignored), in name order. {@return their versions}
     *
     * @throws UncheckedIOException if the directory cannot be listed
     * @throws PluginLoadException  at the first file that does not load (those before it stay loaded)
     */
    public List<PluginVersion> loadDirectory(Path directory) {
        List<Path> files;
        try (Stream<Path> entries = Files.list(directory)) {
            files = entries.filter(p -> p.getFileName().toString().endsWith(".wasm") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        List<PluginVersion> versions = new ArrayList<>();
        for (Path file : files) {
            versions.add(load(file));
        }
        return versions;
    }

    /**
     * Loads the class-path resource {@code resource} (a {@code .wasm} path such as
     * {@code plugins/greeter.wasm}) of {@code loader} as the plugin named by its file name.
     * {@return the version}
     *
     * @throws IllegalArgumentException if the name does not end in {@code .wasm}
     * @throws UncheckedIOException     if there is no such resource
     */
    public PluginVersion loadResource(ClassLoader loader, String resource) {
        String file = resource.substring(resource.lastIndexOf('/') + 1);
        String name = nameOfFile(Path.of(file));
        PluginSource source = new PluginSource.Resource(Objects.requireNonNull(loader, "loader"), resource);
        return install(name, source, source.read(), optionsFor(name));
    }

    private PluginVersion install(String name, PluginSource source, byte[] wasm, PluginOptions options) {
        checkOpen();
        validate(name, options);
        PluginSlot slot = new PluginSlot(name, engine, options, codec, events, source, historySize);
        if (slots.putIfAbsent(name, slot) != null) {
            throw new IllegalStateException("plugin " + name + " is loaded already; reload it instead");
        }
        try {
            return slot.install(wasm, source);
        } catch (RuntimeException e) {
            slots.remove(name, slot);
            throw e;
        }
    }

    private void validate(String name, PluginOptions options) {
        if (options.limits().fuel() > 0 && !engine.config().consumeFuel()) {
            throw new IllegalArgumentException("plugin " + name + " has a fuel limit, but the engine does not"
                    + " consume fuel: build it with Config.consumeFuel(true)");
        }
        if (options.limits().timeout() != null && !engine.config().epochInterruption()) {
            throw new IllegalArgumentException("plugin " + name + " has a timeout, but the engine has no epoch"
                    + " interruption: build it with Config.epochInterruption(true)");
        }
    }

    /**
     * Reloads plugin {@code name} from where it was loaded (its file or resource), swapping
     * versions as the class comment says. {@return the version now in service}
     *
     * @throws PluginUnavailableException if no plugin has that name
     * @throws IllegalStateException      if it was loaded from bytes
     * @throws UncheckedIOException       if its file cannot be read (the old version stays)
     * @throws PluginLoadException        if the new bytes fail a check (the old version stays)
     */
    public PluginVersion reload(String name) {
        PluginSlot slot = slot(name);
        return slot.install(slot.source().read(), slot.source());
    }

    /** Swaps plugin {@code name} to {@code wasm}, as {@link #reload(String)}. {@return the version now in service} */
    public PluginVersion reload(String name, byte[] wasm) {
        return slot(name).install(wasm.clone(), new PluginSource.Bytes());
    }

    /**
     * Puts the version before the current one back in service (it drains the current one as a
     * reload does). {@return the version now in service}
     *
     * @throws IllegalStateException if there is no earlier version
     */
    public PluginVersion rollback(String name) {
        return slot(name).rollback();
    }

    /** {@return the version of plugin {@code name} in service}, empty if there is no such plugin */
    public Optional<PluginVersion> version(String name) {
        PluginSlot slot = slots.get(name);
        return slot == null ? Optional.empty() : slot.version();
    }

    /**
     * {@return how many replaced versions of plugin {@code name} still have calls in flight}: 0
     * once every version but the one in service has drained and closed its instances
     */
    public int drainingVersions(String name) {
        PluginSlot slot = slots.get(name);
        return slot == null ? 0 : slot.drainingVersions();
    }

    /** {@return the names of the loaded plugins} */
    public Set<String> names() {
        return Set.copyOf(slots.keySet());
    }

    /**
     * Takes plugin {@code name} out of service: new calls fail with {@link PluginUnavailableException},
     * calls in flight finish. Implementations handed out before stay bound to the unloaded plugin
     * (they keep failing): after loading the name again, ask {@link #plugin(Class)} for new ones.
     */
    public void unload(String name) {
        PluginSlot slot = slots.remove(name);
        if (slot != null) {
            slot.close();
        }
    }

    /**
     * {@return an implementation of {@code iface}} calling the plugin its {@link WasmPlugin}
     * names, in whichever version is in service at each call
     *
     * @throws IllegalArgumentException   if {@code iface} is not an interface annotated {@link WasmPlugin}
     * @throws PluginUnavailableException if that plugin is not loaded
     * @throws PluginBindingException     if it does not fit the plugin
     */
    public <T> T plugin(Class<T> iface) {
        WasmPlugin annotation = iface.getAnnotation(WasmPlugin.class);
        if (annotation == null) {
            throw new IllegalArgumentException(iface.getName() + " is not annotated @WasmPlugin: use plugin(name, iface)");
        }
        return plugin(annotation.value(), iface);
    }

    /** {@return an implementation of {@code iface}} calling plugin {@code name}; see {@link #plugin(Class)} */
    public <T> T plugin(String name, Class<T> iface) {
        if (!iface.isInterface()) {
            throw new IllegalArgumentException(iface.getName() + " is not an interface");
        }
        PluginSlot slot = slot(name);
        slot.bind(iface);
        return PluginInvocationHandler.proxy(slot, iface);
    }

    /** Takes every plugin out of service and closes the engine if the registry made it; later calls fail. */
    @Override
    public void close() {
        closed = true;
        for (String name : List.copyOf(slots.keySet())) {
            unload(name);
        }
        if (ownsEngine) {
            engine.close();
        }
    }

    private PluginSlot slot(String name) {
        PluginSlot slot = slots.get(name);
        if (slot == null) {
            throw new PluginUnavailableException(name, null, closed ? "the registry is closed" : "not loaded");
        }
        return slot;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the registry is closed");
        }
    }

    private PluginOptions optionsFor(String name) {
        return perPlugin.getOrDefault(name, defaults);
    }

    private static String nameOfFile(Path file) {
        String fileName = file.getFileName().toString();
        if (!fileName.endsWith(".wasm") || fileName.length() == ".wasm".length()) {
            throw new IllegalArgumentException("a plugin file must be a .wasm module (compiled .cwasm files are"
                    + " never loaded as plugins): " + file);
        }
        return fileName.substring(0, fileName.length() - ".wasm".length());
    }

    /** {@return the name {@code iface}'s {@link WasmPlugin} gives}, or its simple name */
    static String pluginName(Class<?> iface) {
        WasmPlugin annotation = iface.getAnnotation(WasmPlugin.class);
        return annotation != null ? annotation.value() : iface.getSimpleName();
    }

    /** Builds a {@link PluginRegistry}. */
    public static final class Builder {
        private Engine engine;
        private Codec codec;
        private PluginOptions defaults = PluginOptions.defaults();
        private final Map<String, PluginOptions> perPlugin = new HashMap<>();
        private int historySize = 3;
        private final List<PluginListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** Adds a listener to calls, loads and reloads; see {@link PluginListener}. */
        public Builder listener(PluginListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Uses {@code engine} (the caller closes it) instead of one the registry makes with fuel
         * and epoch interruption on; limits need those options (fuel, timeout).
         */
        public Builder engine(Engine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /** The codec for records and classes; default: JSON through Jackson if present. */
        public Builder codec(Codec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /** The options of plugins without options of their own. */
        public Builder defaults(PluginOptions options) {
            this.defaults = Objects.requireNonNull(options, "options");
            return this;
        }

        /** The options of plugin {@code name}. */
        public Builder options(String name, PluginOptions options) {
            perPlugin.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(options, "options"));
            return this;
        }

        /** How many replaced versions each plugin keeps for {@link #rollback}, at least 0 (default 3). */
        public Builder historySize(int versions) {
            if (versions < 0) {
                throw new IllegalArgumentException("historySize must not be negative: " + versions);
            }
            this.historySize = versions;
            return this;
        }

        public PluginRegistry build() {
            return new PluginRegistry(this);
        }
    }
}
