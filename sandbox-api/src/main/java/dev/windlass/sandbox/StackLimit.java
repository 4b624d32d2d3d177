package dev.windlass.sandbox;

import dev.windlass.nativemem.ThreadStack;

/**
 * The lowest stack address Wasm code may reach on the calling thread: at most
 * {@code maxWasmStack} below the top of the thread's stack, and never within
 * {@link #RESERVED_BYTES} of its bottom, which stay for the JVM's guard zones and for host calls
 * (an upcall needs about 100 KiB).
 */
final class StackLimit {

    static final long RESERVED_BYTES = 256 * 1024;

    private static final ThreadLocal<ThreadStack> PLATFORM_STACKS = new ThreadLocal<>();

    private StackLimit() {
    }

    /**
     * The limit ({@code floor}) and the top of the stack it belongs to ({@code ceiling}): the
     * outermost entry trampoline checks that its stack pointer lies between them, so a limit taken
     * on one carrier is never used on another's stack.
     */
    record Bounds(long floor, long ceiling) {
    }

    static Bounds boundsForCurrentThread(long maxWasmStack) {
        ThreadStack stack = currentStack();
        return new Bounds(Math.max(stack.low() + RESERVED_BYTES, stack.high() - maxWasmStack), stack.high());
    }

    private static ThreadStack currentStack() {
        if (Thread.currentThread().isVirtual()) {
            return ThreadStack.current(); // the carrier's stack, which may change between calls
        }
        ThreadStack stack = PLATFORM_STACKS.get();
        if (stack == null) {
            stack = ThreadStack.current();
            PLATFORM_STACKS.set(stack);
        }
        return stack;
    }
}
