package dev.windlass.sandbox;

import dev.windlass.winch.wasm.FuncType;
import dev.windlass.winch.wasm.ValType;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.IntToLongFunction;

/**
 * {@code wat/metering.wat} instantiated in a fresh store, and its functions' fuel costs worked
 * out by the rule (1 per operator; 0 for nop, drop, block, loop, end, else, unreachable and
 * return) from the operator counts in the .wat's comments.
 */
final class MeteringModule {

    private MeteringModule() {
    }

    /** Instantiates the module; {@code observe} receives the host import's argument. */
    static Instance instantiate(Store store, IntConsumer observe) {
        return new Linker()
                .define("env", "observe", new FuncType(List.of(ValType.I32), List.of()),
                        call -> observe.accept(call.i32(0)))
                .instantiate(store, TestModules.compile(store.engine(), "metering"));
    }

    /** {@return the fuel {@code function(n)} costs} */
    static long cost(String function, int n) {
        return switch (function) {
            case "count" -> 9L * n + 5;
            case "branches" -> loop(n, i -> 4 + 4 + (i % 2 == 1 ? 4 : 5) + 4 + 1);
            case "switch" -> loop(n, i -> 4 + 4 + switchCase(i) + 4 + 1);
            case "calls" -> 26L * n + 5;
            case "fib" -> fib(n);
            default -> throw new IllegalArgumentException(function);
        };
    }

    private static long loop(int n, IntToLongFunction iteration) {
        long total = 4 + 1; // the exit check that leaves, and the final local.get
        for (int i = 0; i < n; i++) {
            total += iteration.applyAsLong(i);
        }
        return total;
    }

    private static long switchCase(int i) {
        return switch (i % 3) {
            case 0 -> 5;
            case 1 -> 9 + (i > 4 ? 4 : 0);
            default -> 4;
        };
    }

    /** 4 for the test and the if, then 1 for the base case or 9 around the two recursive calls. */
    private static long fib(int n) {
        return 4 + (n < 2 ? 1 : 9 + fib(n - 1) + fib(n - 2));
    }
}
