package dev.windlass.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObservabilityTest {

    /** Keeps what it hears. */
    static final class Recorder implements PluginListener {
        final List<PluginCall> calls = new CopyOnWriteArrayList<>();
        final List<String> loads = new CopyOnWriteArrayList<>();

        @Override
        public void callCompleted(PluginCall call) {
            calls.add(call);
        }

        @Override
        public void versionLoaded(PluginVersion version, PluginVersion replaced) {
            loads.add("loaded " + version.sha256().substring(0, 8) + " replacing "
                    + (replaced == null ? "nothing" : replaced.sha256().substring(0, 8)));
        }

        @Override
        public void loadFailed(String plugin, PluginLoadException failure) {
            loads.add("failed " + plugin);
        }
    }

    @Test
    void listenersHearCallsLoadsAndFailures() {
        Recorder recorder = new Recorder();
        PluginListener throwing = new PluginListener() {
            @Override
            public void callCompleted(PluginCall call) {
                throw new IllegalStateException("a broken listener changes nothing");
            }
        };
        try (PluginRegistry registry = PluginRegistry.builder().listener(throwing).listener(recorder).build()) {
            PluginVersion one = registry.load("versioned", Versioned.module(1));
            Versioned plugin = registry.plugin(Versioned.class);
            assertThat(plugin.tag("x")).isEqualTo("v1:x");
            PluginVersion two = registry.reload("versioned", Versioned.module(2));
            assertThatThrownBy(() -> registry.reload("versioned", new byte[] {1, 2, 3}))
                    .isInstanceOf(PluginLoadException.class);
            assertThat(plugin.version()).isEqualTo(2);

            assertThat(recorder.loads).containsExactly(
                    "loaded " + one.sha256().substring(0, 8) + " replacing nothing",
                    "loaded " + two.sha256().substring(0, 8) + " replacing " + one.sha256().substring(0, 8),
                    "failed versioned");
            assertThat(recorder.calls).hasSize(2);
            PluginCall first = recorder.calls.get(0);
            assertThat(first.plugin()).isEqualTo("versioned");
            assertThat(first.export()).isEqualTo("tag");
            assertThat(first.version()).isEqualTo(one.sha256());
            assertThat(first.succeeded()).isTrue();
            assertThat(first.fuelUsed()).isPositive();
            assertThat(first.duration()).isPositive();
            assertThat(recorder.calls.get(1).version()).isEqualTo(two.sha256());
        }
        try (PluginRegistry registry = PluginRegistry.builder().listener(recorder).build()) {
            registry.load("echo", Wat.resource("echo"));
            Echo echo = registry.plugin(Echo.class);
            assertThatThrownBy(echo::crash).isInstanceOf(PluginTrapException.class);
            PluginCall crash = recorder.calls.getLast();
            assertThat(crash.export()).isEqualTo("crash");
            assertThat(crash.failure()).isInstanceOf(PluginTrapException.class);
            assertThat(crash.succeeded()).isFalse();
            registry.unload("echo");
            assertThatThrownBy(() -> echo.add(1, 2)).isInstanceOf(PluginUnavailableException.class);
            assertThat(recorder.calls.getLast().version()).isNull();
            assertThat(recorder.calls.getLast().fuelUsed()).isEqualTo(-1);
        }
    }

    @Test
    void jfrRecordsCallsAndLoads(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("plugins.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("dev.windlass.PluginCall");
            recording.enable("dev.windlass.PluginLoad");
            recording.start();
            try (PluginRegistry registry = PluginRegistry.create()) {
                registry.load("echo", Wat.resource("echo"));
                Echo echo = registry.plugin(Echo.class);
                for (int i = 0; i < 5; i++) {
                    echo.echo("jfr " + i);
                }
                assertThatThrownBy(echo::crash).isInstanceOf(PluginTrapException.class);
            }
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        List<RecordedEvent> calls = events.stream()
                .filter(e -> e.getEventType().getName().equals("dev.windlass.PluginCall")).toList();
        assertThat(calls).hasSize(6);
        assertThat(calls).filteredOn(e -> "echo".equals(e.getString("export"))).hasSize(5)
                .allSatisfy(e -> assertThat(e.getString("failure")).isNull());
        assertThat(calls).filteredOn(e -> "crash".equals(e.getString("export")))
                .singleElement().satisfies(e -> assertThat(e.getString("failure")).isEqualTo("PluginTrapException"));
        assertThat(events).filteredOn(e -> e.getEventType().getName().equals("dev.windlass.PluginLoad"))
                .singleElement().satisfies(e -> assertThat(e.getString("plugin")).isEqualTo("echo"));
    }
}
