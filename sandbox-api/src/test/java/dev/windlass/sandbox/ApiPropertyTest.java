package dev.windlass.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.windlass.winch.wasm.GlobalType;
import dev.windlass.winch.wasm.Limits;
import dev.windlass.winch.wasm.MemoryType;
import dev.windlass.winch.wasm.TableType;
import dev.windlass.winch.wasm.ValType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Drives the public API with random sequences of operations over two stores ({@code wat/refs.wat}
 * in each, plus host-made tables, globals and memories), passing random values wherever it takes
 * references, indices, offsets or sizes: references of either store and either type, null, and,
 * where the API takes {@code Object}s or numbers, made-up addresses, boxed numbers of every kind
 * and arbitrary objects. Every operation must return, trap, or throw one of the exceptions the
 * API documents for a bad argument; nothing may crash the JVM or throw anything else, and every
 * reference the API returns belongs to the store it came from.
 *
 * <p>{@code -Dwindlass.property.ops=N} sets the number of operations (default 20,000, what CI
 * runs); {@code -Dwindlass.property.seed=S} the seed (default: random, printed).
 */
class ApiPropertyTest {

    private static final int OPS = Integer.getInteger("windlass.property.ops", 20_000);
    private static final long SEED = Long.getLong("windlass.property.seed", System.nanoTime());

    private static final String[] EXPORTS = {"double", "call_at", "store_and_call", "get_double", "echo_extern",
        "extern_is_null", "pass", "keep", "widen", "set_extern", "get_extern", "grow_funcs", "size_funcs"};

    /** One store and what the test made in it. */
    private static final class Side {
        final Store store;
        final RefsFixture fixture;
        final List<Table> tables = new ArrayList<>();
        final List<Global> globals = new ArrayList<>();
        final Memory memory;

        Side(Engine engine) {
            store = Store.create(engine);
            fixture = new RefsFixture(store);
            tables.add(fixture.funcs());
            tables.add(fixture.externs());
            tables.add(Table.create(store, new TableType(ValType.EXTERNREF, Limits.between(1, 64), false), null));
            globals.add(fixture.global("fglobal"));
            globals.add(fixture.global("xglobal"));
            globals.add(fixture.global("iglobal"));
            globals.add(Global.create(store, new GlobalType(ValType.FUNCREF, true), fixture.func("double")));
            memory = Memory.create(store, new MemoryType(Limits.between(1, 3), false, false));
        }
    }

    private final SplittableRandom random = new SplittableRandom(SEED);
    private final List<Ref> refs = new ArrayList<>();
    private final Map<String, Integer> outcomes = new LinkedHashMap<>();

    @Test
    void randomOperationsOverTwoStoresNeverCrashAndNeverMixStores() {
        System.out.println("ApiPropertyTest: " + OPS + " operations, seed " + SEED);
        Engine engine = Engine.create(Config.builder().maxTableElements(1_000).maxMemoryPages(4).build());
        Side[] sides = {new Side(engine), new Side(engine)};
        for (Side side : sides) {
            refs.add(side.fixture.func("double"));
            refs.add(side.fixture.instance.function(0));
            refs.add(ExternRef.of(side.store, "extern of " + side.store));
        }
        refs.add(null);
        try {
            for (int op = 0; op < OPS; op++) {
                Side side = sides[random.nextInt(2)];
                String outcome;
                try {
                    outcome = step(side);
                } catch (WasmTrap e) {
                    outcome = "trap " + e.trapCode();
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    outcome = e.getClass().getSimpleName();
                }
                outcomes.merge(outcome, 1, Integer::sum);
            }
        } finally {
            for (Side side : sides) {
                side.store.close();
            }
            engine.close();
        }
        System.out.println("ApiPropertyTest outcomes: " + outcomes);
        assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(OPS);
    }

    /** Runs one random operation on {@code side}; {@return what happened}, for the tally */
    private String step(Side side) {
        switch (random.nextInt(12)) {
            case 0 -> {
                Table table = pick(side.tables);
                table.set(index(table.size()), ref());
                return "table.set";
            }
            case 1 -> {
                Table table = pick(side.tables);
                Ref ref = table.get(index(table.size()));
                keep(side, ref);
                return "table.get";
            }
            case 2 -> {
                Table table = pick(side.tables);
                return "table.grow " + (table.grow(random.nextInt(4) == 0 ? index(1 << 20) : random.nextInt(3), ref()) < 0
                        ? "failed" : "ok");
            }
            case 3 -> {
                Table table = pick(side.tables);
                table.fill(index(table.size()), ref(), index(table.size()));
                return "table.fill";
            }
            case 4 -> {
                Global global = pick(side.globals);
                if (random.nextBoolean()) {
                    global.setRef(ref());
                } else {
                    global.set(number());
                }
                return "global.set";
            }
            case 5 -> {
                Global global = pick(side.globals);
                if (random.nextBoolean()) {
                    keep(side, global.getRef());
                } else {
                    global.get();
                }
                return "global.get";
            }
            case 6, 7 -> {
                Func func = side.fixture.func(EXPORTS[random.nextInt(EXPORTS.length)]);
                int count = random.nextInt(8) == 0 ? random.nextInt(4) : func.type().params().size();
                Object[] args = new Object[count];
                for (int i = 0; i < count; i++) {
                    List<ValType> params = func.type().params();
                    args[i] = value(i < params.size() ? params.get(i) : ValType.I32);
                }
                for (Object result : func.callValues(args)) {
                    if (result instanceof Ref ref) {
                        keep(side, ref);
                    }
                }
                return "callValues";
            }
            case 8 -> {
                Func func = side.fixture.func(EXPORTS[random.nextInt(EXPORTS.length)]);
                long[] args = new long[func.type().params().size()];
                for (int i = 0; i < args.length; i++) {
                    args[i] = number();
                }
                func.call(args);
                return "call";
            }
            case 9 -> {
                // A funcref kept from a table or a result, called as a Func (maybe of the other store).
                Ref ref = ref();
                if (ref instanceof Func func && func.type().params().size() == 1) {
                    func.call(number());
                    return "call kept funcref";
                }
                side.fixture.passResult = ref; // env.pass may now return it, of any store or type
                return "set pass result";
            }
            case 10 -> {
                Memory memory = side.memory;
                if (random.nextBoolean()) {
                    memory.read(index(memory.byteSize()), (int) index(256));
                } else {
                    memory.write(index(memory.byteSize()), new byte[(int) Math.clamp(index(256), 0, 1024)]);
                }
                return "memory";
            }
            default -> {
                if (random.nextInt(100) == 0) {
                    refs.add(ExternRef.of(side.store, random.nextLong()));
                }
                side.fixture.func("call_at").callI32(random.nextInt(8) - 2, number());
                return "call_at returned";
            }
        }
    }

    /** Checks that a reference the API returned belongs to its store, and keeps it for later operations. */
    private void keep(Side side, Ref ref) {
        if (ref != null) {
            assertThat(ref.store()).isSameAs(side.store);
            if (refs.size() < 64) {
                refs.add(ref);
            }
        }
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private Ref ref() {
        return pick(refs);
    }

    /** {@return an index, offset or size near the interesting edges of {@code size}, or anything} */
    private long index(long size) {
        return switch (random.nextInt(8)) {
            case 0 -> -1 - random.nextInt(3);
            case 1 -> size;
            case 2 -> size - 1;
            case 3 -> random.nextLong();
            case 4 -> Long.MAX_VALUE - random.nextInt(3);
            case 5 -> Long.MIN_VALUE;
            default -> size <= 0 ? 0 : random.nextLong(size);
        };
    }

    private long number() {
        return switch (random.nextInt(6)) {
            case 0 -> 0x4141414141L;
            case 1 -> random.nextLong();
            case 2 -> random.nextInt(8) - 2;
            default -> random.nextInt();
        };
    }

    /** {@return a value for a parameter of {@code type}}: usually of the right class, often not */
    private Object value(ValType type) {
        if (random.nextInt(4) == 0) {
            return switch (random.nextInt(7)) {
                case 0 -> 0x4141414141L;
                case 1 -> random.nextInt();
                case 2 -> "not a value";
                case 3 -> random.nextDouble();
                case 4 -> (float) random.nextDouble();
                case 5 -> new Object();
                default -> null;
            };
        }
        return switch (type) {
            case I32 -> random.nextInt(8) - 2;
            case I64 -> random.nextLong();
            case F32 -> (float) random.nextDouble();
            case F64 -> random.nextDouble();
            default -> ref();
        };
    }
}
