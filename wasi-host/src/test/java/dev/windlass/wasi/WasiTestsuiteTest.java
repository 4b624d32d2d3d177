package dev.windlass.wasi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.windlass.sandbox.Engine;
import dev.windlass.sandbox.Linker;
import dev.windlass.sandbox.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the official WASI preview1 testsuite ({@code windlass.shared}/wasi-testsuite): every test
 * program of the C, Rust and AssemblyScript suites, with the arguments, environment, expected
 * exit status and output of its {@code .json} (the README there describes the format and how the
 * reference runner reads it: output must begin with the expected text).
 *
 * <p>Tests that name a {@code root} get a fresh copy of it, preopened as {@code /}: on the host
 * backend (a temporary folder of the default file system), and again on the in-memory backend
 * (a copy in Jimfs). No test is excluded; Wasmtime's own expectation files exclude none of the
 * preview1 programs.
 */
class WasiTestsuiteTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Engine ENGINE = Engine.create();

    enum Backend { HOST, HOST_WALK, IN_MEMORY }

    @TestFactory
    Stream<DynamicTest> everyPreview1TestProgram() throws IOException {
        return tests(Backend.HOST);
    }

    /** The host backend again, resolving with the user-space walk it falls back to without openat2. */
    @TestFactory
    Stream<DynamicTest> everyPreview1TestProgramWithoutOpenat2() throws IOException {
        return tests(Backend.HOST_WALK);
    }

    @TestFactory
    Stream<DynamicTest> everyPreview1TestProgramInMemory() throws IOException {
        return tests(Backend.IN_MEMORY);
    }

    private Stream<DynamicTest> tests(Backend backend) throws IOException {
        Path tests = sharedFolder().resolve("wasi-testsuite").resolve("tests");
        List<Path> programs = new ArrayList<>();
        for (String suite : List.of("c", "rust", "assemblyscript")) {
            try (Stream<Path> files = Files.list(tests.resolve(suite).resolve("testsuite").resolve("wasm32-wasip1"))) {
                files.filter(f -> f.toString().endsWith(".wasm")).sorted().forEach(programs::add);
            }
        }
        assertThat(programs).hasSizeGreaterThanOrEqualTo(72);
        return programs.stream().map(program -> DynamicTest.dynamicTest(
                program.getParent().getParent().getParent().getFileName() + "/" + program.getFileName(),
                () -> run(program, backend)));
    }

    private static void run(Path program, Backend backend) throws IOException {
        Path specFile = program.resolveSibling(program.getFileName().toString().replace(".wasm", ".json"));
        JsonNode spec = Files.exists(specFile) ? JSON.readTree(specFile.toFile()) : JSON.createObjectNode();
        Path scratch = null;
        WasiConfig.Builder config = WasiConfig.builder();
        if (spec.has("root")) {
            Path fixture = specFile.getParent().resolve(spec.path("root").asString());
            if (backend != Backend.IN_MEMORY) {
                scratch = Files.createTempDirectory("wasi-testsuite");
                Path copy = scratch.resolve("root");
                copyTree(fixture, copy);
                config.preopen(copy, "/");
            } else {
                config.preopen(InMemoryDirectories.copyOf(fixture), "/");
            }
        }
        try {
            runIn(program, spec, config, backend != Backend.HOST_WALK);
        } finally {
            if (scratch != null) {
                deleteTree(scratch);
            }
        }
    }

    private static void runIn(Path program, JsonNode spec, WasiConfig.Builder config, boolean kernelResolution)
            throws IOException {
        config.args(program.getFileName().toString());
        spec.path("args").forEach(arg -> config.args(arg.asString()));
        Map<String, String> env = new LinkedHashMap<>();
        spec.path("env").properties().forEach(e -> env.put(e.getKey(), e.getValue().asString()));
        config.env(env);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        config.stdout(stdout).stderr(stderr);

        int status;
        try (Store store = Store.create(ENGINE);
             WasiPreview1 wasi = new WasiPreview1(config.build(), kernelResolution)) {
            Linker linker = wasi.define(new Linker());
            try {
                status = WasiCommand.run(linker, store, ENGINE.compile(Files.readAllBytes(program)));
            } catch (dev.windlass.sandbox.WasmTrap trap) {
                throw new AssertionError("trapped; stdout: " + stdout.toString(StandardCharsets.UTF_8) + "; stderr: "
                        + stderr.toString(StandardCharsets.UTF_8), trap);
            }
        }
        String out = stdout.toString(StandardCharsets.UTF_8);
        String err = stderr.toString(StandardCharsets.UTF_8);
        assertThat(status).as("exit status; stdout: %s; stderr: %s", out, err)
                .isEqualTo(spec.path("exit_code").asInt(0));
        if (spec.has("stdout")) {
            assertThat(out).startsWith(spec.path("stdout").asString());
        }
        if (spec.has("stderr")) {
            assertThat(err).startsWith(spec.path("stderr").asString());
        }
    }

    /** Copies a fixture folder: files, folders and symbolic links as links. */
    static void copyTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path to = target.resolve(source.relativize(path).toString());
                if (Files.isSymbolicLink(path)) {
                    Files.createSymbolicLink(to, Files.readSymbolicLink(path));
                } else if (Files.isDirectory(path)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(path, to);
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    private static Path sharedFolder() {
        Path root = Path.of(System.getProperty("windlass.shared", "../../shared"));
        if (!Files.isDirectory(root.resolve("wasi-testsuite"))) {
            String message = "the WASI testsuite is not at " + root.resolve("wasi-testsuite").toAbsolutePath();
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        return root;
    }
}
