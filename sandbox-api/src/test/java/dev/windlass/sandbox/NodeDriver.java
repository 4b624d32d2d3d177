package dev.windlass.sandbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One long-lived {@code node} process running {@code fuzz/v8-driver.js} (a test resource, whose
 * comment gives the protocol), fed request after request: starting node for every module would
 * cost more than running it. A request that gets no answer within its limit (a hang or a
 * crash) kills the process; the next request starts a new one, whose {@link #generation()} tells
 * {@link V8Side}s that their instances are gone. Every {@value #INSTANCES_PER_PROCESS} instances
 * a new process is started too.
 */
final class NodeDriver implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String END_OF_OUTPUT = "\u0000end";
    /**
     * Instances a node process makes before the driver starts a new one. V8 frees a forgotten
     * instance's memory (a reservation of gigabytes) only when it collects garbage, and a process
     * that made tens of thousands spent ever more time on that: 47 modules/s fell to 22.
     */
    private static final int INSTANCES_PER_PROCESS = 2000;

    private final Path node;
    private final Path script;
    private final Path stderr;
    private Process process;
    private OutputStream requests;
    private BlockingQueue<String> replies;
    private int generation;
    private long nextId;
    private int instancesMade;
    private int plannedRestarts;

    private NodeDriver(Path node, Path script, Path stderr) {
        this.node = node;
        this.script = script;
        this.stderr = stderr;
    }

    /** {@return a driver for the {@code node} on the PATH, or empty if there is none} */
    static Optional<NodeDriver> find() {
        Optional<Path> node = Executables.onPath("node");
        if (node.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = NodeDriver.class.getResourceAsStream("/fuzz/v8-driver.js")) {
            Path dir = Files.createTempDirectory("windlass-v8");
            Path script = dir.resolve("v8-driver.js");
            Files.write(script, in.readAllBytes());
            dir.toFile().deleteOnExit();
            script.toFile().deleteOnExit();
            return Optional.of(new NodeDriver(node.get(), script, dir.resolve("stderr.txt")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return a number new for every instance, across restarts} */
    long newId() {
        return nextId++;
    }

    /** {@return how many node processes were started before the current one (planned restarts included)} */
    int generation() {
        return generation;
    }

    /** {@return how many node processes hung or died (and were replaced)} */
    int failures() {
        return generation - plannedRestarts;
    }

    /**
     * Sends one request: {@return its reply, or empty if none came within {@code limit}} (the
     * process is then killed; the next request starts another).
     */
    Optional<JsonNode> request(ObjectNode header, byte[] payload, Duration limit) {
        try {
            boolean instantiation = header.path("op").asString().equals("instantiate");
            if (instantiation && instancesMade >= INSTANCES_PER_PROCESS) {
                stop(); // the instances it holds are forgotten ones or old ones no one calls again
                plannedRestarts++;
            }
            if (process == null || !process.isAlive()) {
                start();
            }
            if (instantiation) {
                instancesMade++;
            }
            byte[] headerBytes = JSON.writeValueAsBytes(header);
            requests.write(littleEndian(headerBytes.length));
            requests.write(headerBytes);
            requests.write(littleEndian(payload.length));
            requests.write(payload);
            requests.flush();
            String line = replies.poll(limit.toNanos(), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(END_OF_OUTPUT)) {
                stop();
                return Optional.empty();
            }
            try {
                return Optional.of(JSON.readTree(line));
            } catch (JacksonException e) {
                return Optional.of(JSON.createObjectNode().put("error", "unreadable reply from node: " + line));
            }
        } catch (IOException e) {
            stop();
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** {@return what the current or last node process wrote to its stderr, for reports} */
    String stderr() {
        try {
            return Files.exists(stderr) ? Files.readString(stderr) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private void start() throws IOException {
        if (process != null) {
            generation++;
        }
        instancesMade = 0;
        process = new ProcessBuilder(node.toString(), script.toString())
                .redirectError(ProcessBuilder.Redirect.to(stderr.toFile())).start();
        requests = process.getOutputStream();
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        replies = queue;
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Thread thread = new Thread(() -> {
            try {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    queue.add(line);
                }
            } catch (IOException e) {
                // the process died or was killed: its end is reported below
            }
            queue.add(END_OF_OUTPUT);
        }, "node-driver-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static byte[] littleEndian(int value) {
        return new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
    }

    @Override
    public void close() {
        stop();
    }
}
