package dev.windlass.nativemem;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The single way into generated code: Wasmtime's "array call" signature,
 * {@code int entry(void *vmctx, void *callee, uint64_t *argsAndResults)}, returning a status
 * (0 = returned normally).
 *
 * <p>One {@code static final} downcall handle, which takes the entry address as its first
 * argument, serves every function, so the JIT sees one constant call site. It is a normal
 * downcall, never {@code critical}: the thread is "in native" while Wasm runs, so garbage
 * collections proceed however long the call takes, and upcalls from Wasm into Java are allowed.
 */
public final class NativeEntry {

    private static final MethodHandle ARRAY_CALL = Linker.nativeLinker().downcallHandle(
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG));

    private NativeEntry() {
    }

    /**
     * Calls generated code with the array-call signature.
     *
     * @param entry          the code's entry point (e.g. {@link CodeSegment#entryPoint(int)})
     * @param vmctx          the instance's context block, passed in the first argument register
     * @param callee         the callee's context or function pointer, passed in the second
     * @param argsAndResults a buffer of 64-bit slots, arguments in and results out
     * @return the status the code returned
     */
    public static int call(MemorySegment entry, long vmctx, long callee, long argsAndResults) {
        try {
            return (int) ARRAY_CALL.invokeExact(entry, vmctx, callee, argsAndResults);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
