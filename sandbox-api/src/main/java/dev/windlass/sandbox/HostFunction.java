package dev.windlass.sandbox;

/**
 * A function implemented in Java that Wasm code imports. It reads its arguments from and
 * writes its results to a {@link HostCall}. Whatever it throws is caught before it reaches
 * native frames and rethrown to the Java caller of the Wasm function, as the cause of a
 * {@link WasmTrap} with code HOST_EXCEPTION.
 */
@FunctionalInterface
public interface HostFunction {

    void call(HostCall call) throws Exception;
}
