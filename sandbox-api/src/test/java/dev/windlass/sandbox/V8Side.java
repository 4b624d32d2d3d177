package dev.windlass.sandbox;

import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.FuncTypeRef;
import dev.windlass.winch.wasm.Import;
import dev.windlass.winch.wasm.ValType;
import dev.windlass.winch.wasm.WasmModule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * V8 (through node's {@code WebAssembly} API) running a module for the differential tests: an
 * instance in the {@link NodeDriver}'s process. Only function imports are provided, as
 * {@link HostImports}' loggers; i64s cross as BigInts, all values as raw bits.
 *
 * <p>V8's trap messages map to {@link TrapCode}s where they name one; it says "float
 * unrepresentable in integer range" for both a NaN and an out-of-range truncation, and "null
 * function or function signature mismatch" for both indirect-call traps, which map to none
 * (they agree with any code). A call with no answer in time, or whose instance died with its node
 * process, is a {@link Outcome.Failed} with a {@link TimeoutException}.
 */
final class V8Side implements RuntimeUnderTest {

    private final NodeDriver driver;
    private final long id;
    private final int generation;
    private final WasmModule types;
    private final Map<String, FuncType> loggers;
    private final Duration limit;
    private final List<String> log = new ArrayList<>();

    private V8Side(NodeDriver driver, long id, WasmModule types, Map<String, FuncType> loggers, Duration limit) {
        this.driver = driver;
        this.id = id;
        this.generation = driver.generation();
        this.types = types;
        this.loggers = loggers;
        this.limit = limit;
    }

    /**
     * Instantiates {@code wasm} in V8: {@return a {@code V8Side}, or the {@link Outcome} its
     * instantiation ended in (a trap of the start function, a failure, a timeout)}
     */
    static Object instantiate(NodeDriver driver, byte[] wasm, WasmModule types, Duration limit) {
        Map<String, FuncType> loggers = new HashMap<>();
        ObjectNode header = NodeDriver.JSON.createObjectNode().put("op", "instantiate");
        ArrayNode imports = header.putArray("loggers");
        for (Import imp : types.imports()) {
            if (!(imp.type() instanceof FuncTypeRef ref)) {
                return new Outcome.Failed(new UnsupportedOperationException("V8Side provides function imports only: "
                        + imp));
            }
            FuncType type = types.types().get(ref.typeIndex());
            loggers.put(imp.name(), type);
            ObjectNode logger = imports.addObject().put("module", imp.module()).put("name", imp.name());
            ArrayNode params = logger.putArray("params");
            type.params().forEach(p -> params.add(p.toString()));
        }
        long id = driver.newId();
        header.put("id", id);
        Optional<JsonNode> reply = driver.request(header, wasm, limit);
        if (reply.isEmpty()) {
            return timedOut("instantiation", limit);
        }
        if (reply.get().has("ok")) {
            return new V8Side(driver, id, types, loggers, limit);
        }
        return outcome(reply.get(), List.of());
    }

    @Override
    public Outcome call(String name, long[] args) {
        if (driver.generation() != generation) {
            return lost();
        }
        FuncType type = types.functionType(types.exports().stream().filter(e -> e.name().equals(name))
                .findFirst().orElseThrow().index());
        ObjectNode header = NodeDriver.JSON.createObjectNode().put("op", "call").put("id", id).put("export", name);
        ArrayNode params = header.putArray("params");
        type.params().forEach(p -> params.add(p.toString()));
        ArrayNode values = header.putArray("args");
        for (long arg : args) {
            values.add(Long.toUnsignedString(arg));
        }
        ArrayNode results = header.putArray("results");
        type.results().forEach(r -> results.add(r.toString()));
        Optional<JsonNode> reply = driver.request(header, new byte[0], limit);
        if (reply.isEmpty()) {
            return timedOut("call of " + name, limit);
        }
        if (driver.generation() != generation) { // node died before the request: a new one answered
            return lost();
        }
        for (JsonNode line : reply.get().path("log")) {
            String logger = line.get(0).asString();
            long[] bits = new long[line.get(1).size()];
            for (int i = 0; i < bits.length; i++) {
                bits[i] = Long.parseUnsignedLong(line.get(1).get(i).asString());
            }
            log.add(HostImports.logLine(logger, loggers.get(logger), bits));
        }
        return outcome(reply.get(), type.results());
    }

    private static Outcome timedOut(String what, Duration limit) {
        return new Outcome.Failed(new TimeoutException("V8 did not finish the " + what + " within " + limit.toMillis()
                + " ms"));
    }

    /** Like a timeout, the harness then makes new instances: node died, and this instance with it. */
    private static Outcome lost() {
        return new Outcome.Failed(new TimeoutException("node died since this instance was made; a new node runs"));
    }

    private static Outcome outcome(JsonNode reply, List<ValType> resultTypes) {
        if (reply.has("results")) {
            long[] bits = new long[resultTypes.size()];
            for (int k = 0; k < bits.length; k++) {
                bits[k] = Long.parseUnsignedLong(reply.get("results").get(k).asString());
            }
            return new Outcome.Returned(resultTypes, bits);
        }
        if (reply.has("trap")) {
            String message = reply.get("trap").asString();
            return new Outcome.Trapped(trapCode(message), message);
        }
        if (reply.has("exhausted")) {
            return new Outcome.Exhausted(reply.get("exhausted").asString());
        }
        return new Outcome.Failed(new IllegalStateException("V8: " + reply.path("error").asString()));
    }

    /** {@return the trap code V8's message names, or null if it names none or several} */
    private static TrapCode trapCode(String message) {
        return switch (message) {
            case "unreachable" -> TrapCode.UNREACHABLE;
            case "memory access out of bounds" -> TrapCode.MEMORY_OUT_OF_BOUNDS;
            case "divide by zero", "remainder by zero" -> TrapCode.INTEGER_DIVIDE_BY_ZERO;
            case "divide result unrepresentable" -> TrapCode.INTEGER_OVERFLOW;
            case "table index is out of bounds" -> TrapCode.TABLE_OUT_OF_BOUNDS;
            default -> null;
        };
    }

    /** {@return whether {@code outcome} is V8 not answering in time} */
    static boolean isTimeout(Outcome outcome) {
        return outcome instanceof Outcome.Failed failed && failed.error() instanceof TimeoutException;
    }

    @Override
    public List<String> takeLog() {
        return RuntimeUnderTest.drain(log);
    }

    @Override
    public void close() {
        if (driver.generation() == generation) {
            driver.request(NodeDriver.JSON.createObjectNode().put("op", "forget").put("id", id), new byte[0], limit);
        }
    }
}
