package dev.windlass.sandbox;

/**
 * A function implemented in Java that Wasm code imports. It reads its arguments from and
 * writes its results to a {@link HostCall}. Whatever it throws is caught before it reaches
 * native frames and rethrown to the Java caller of the Wasm function, as the cause of a
 * {@link WasmTrap} with code HOST_EXCEPTION.
 *
 * <p><b>Virtual threads.</b> A host function runs in an FFM upcall, below the native frames of
 * the Wasm code that called it, so a virtual thread cannot unmount there: if the function
 * blocks (I/O, a lock, {@code Thread.sleep}, a queue), its carrier thread blocks with it, and
 * enough such calls at once take every carrier of the scheduler. Keep host functions short and
 * non-blocking; hand blocking work to another executor and wait with a timeout; or give calls
 * that block their own platform threads. Long work should call {@link HostCall#checkpoint} so
 * that the store's timeout and fuel still stop it.
 */
@FunctionalInterface
public interface HostFunction {

    void call(HostCall call) throws Exception;
}
