package dev.windlass.sandbox;

import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * Wasm code stopped abnormally: a trap ({@link #trapCode()}), raised where the message says
 * (function index and name, bytecode offset). When a host function threw, the trap code is
 * {@link TrapCode#HOST_EXCEPTION} and the exception it threw is the {@linkplain #getCause() cause}.
 * The store and its instances remain usable after a trap.
 *
 * <p>The trap carries the Wasm call stack ({@link #wasmBacktrace()}), which the message ends
 * with as Wasmtime prints it, and which {@link #getStackTrace()} shows above the Java frames
 * of the call into Wasm:
 * <pre>
 * dev.windlass.sandbox.WasmTrap: wasm trap: integer divide by zero in function 3 ($fib) at ...
 * wasm backtrace:
 *     0:   0x1a2f - plugin!fib
 *     1:   0x1a40 - plugin!main
 *     at wasm.plugin.fib(plugin.wasm:0x1a2f)
 *     at wasm.plugin.main(plugin.wasm:0x1a40)
 *     at dev.windlass.sandbox.Func.enterWasm(Func.java:135)
 *     at com.example.App.run(App.java:42)
 * </pre>
 * A host function's exception gets the Wasm frames that called it inserted between its own
 * frames and the Java caller's, as if Wasm were Java.
 */
public final class WasmTrap extends RuntimeException {

    /** Frames the message lists at most; the stack trace has them all. */
    private static final int MESSAGE_FRAMES = 32;

    private final TrapCode trapCode;
    private final int functionIndex;
    private final int bytecodeOffset;
    private final transient WasmBacktrace backtrace;
    /** The Wasm frames not yet put into the stack trace; see {@link #mergeWasmFrames()}. */
    private transient StackTraceElement[] pendingWasmFrames;
    /** The message with the backtrace, built when first asked for. */
    private transient String message;

    /** A trap raised outside Wasm code (by instantiation): no Wasm frames. */
    WasmTrap(TrapCode trapCode, int functionIndex, String functionName, int bytecodeOffset, Throwable cause) {
        this(trapCode, functionIndex, functionName, bytecodeOffset, cause, WasmBacktrace.EMPTY);
    }

    WasmTrap(TrapCode trapCode, int functionIndex, String functionName, int bytecodeOffset, Throwable cause,
             WasmBacktrace backtrace) {
        super(describe(trapCode, functionIndex, functionName, bytecodeOffset, cause), cause);
        this.trapCode = trapCode;
        this.functionIndex = functionIndex;
        this.bytecodeOffset = bytecodeOffset;
        this.backtrace = backtrace;
        if (!backtrace.frames().isEmpty()) {
            pendingWasmFrames = backtrace.toStackTraceElements();
            if (trapCode == TrapCode.HOST_EXCEPTION && cause != null) {
                // The host's exception is not ours to make lazy: it gets its frames now.
                StackTraces.spliceIntoHostException(cause, pendingWasmFrames);
            }
        }
    }

    private static String describe(TrapCode code, int function, String name, int offset, Throwable cause) {
        StringBuilder text = new StringBuilder("wasm trap: ").append(code.message());
        if (function >= 0) {
            text.append(" in function ").append(function);
            if (name != null) {
                text.append(" ($").append(name).append(')');
            }
        }
        if (offset >= 0) {
            text.append(" at bytecode offset 0x").append(Integer.toHexString(offset));
        }
        if (cause != null) {
            text.append(": ").append(cause);
        }
        return text.toString();
    }

    /** {@return the trap, where it happened, and the Wasm backtrace as Wasmtime prints it} */
    @Override
    public String getMessage() {
        if (message == null) {
            WasmBacktrace frames = wasmBacktrace();
            message = frames.frames().isEmpty() ? super.getMessage()
                    : super.getMessage() + System.lineSeparator() + frames.toString(MESSAGE_FRAMES);
        }
        return message;
    }

    // ---- the Wasm frames in the stack trace ----------------------------------------------------
    //
    // Materializing the Java frames costs more than the rest of a trap together (tens of
    // microseconds under a test framework's deep stack), so the Wasm frames join the stack trace
    // only when the trace is first looked at: getStackTrace (loggers, test frameworks),
    // printStackTrace, toString (the message of a wrapping exception), or when a trap becomes the
    // cause of an outer trap. A trap wrapped by other code without any of these, then printed
    // as a cause by Throwable.printStackTrace, shows its Java frames only: the JDK reads a
    // cause's trace through a private method.

    @Override
    public StackTraceElement[] getStackTrace() {
        mergeWasmFrames();
        return super.getStackTrace();
    }

    @Override
    public void setStackTrace(StackTraceElement[] stackTrace) {
        synchronized (this) {
            pendingWasmFrames = null;
        }
        super.setStackTrace(stackTrace);
    }

    @Override
    public void printStackTrace(PrintStream s) {
        mergeWasmFrames();
        super.printStackTrace(s);
    }

    @Override
    public void printStackTrace(PrintWriter s) {
        mergeWasmFrames();
        super.printStackTrace(s);
    }

    @Override
    public String toString() {
        mergeWasmFrames();
        return super.toString();
    }

    /** Puts the pending Wasm frames above the Java frames of the call into Wasm, once. */
    private synchronized void mergeWasmFrames() {
        if (pendingWasmFrames != null) {
            StackTraceElement[] wasm = pendingWasmFrames;
            pendingWasmFrames = null;
            super.setStackTrace(StackTraces.trapTrace(wasm, super.getStackTrace()));
        }
    }

    /**
     * {@return the Wasm call stack at the trap}, innermost frame first; empty for a trap raised
     * outside Wasm code (an out-of-bounds segment at instantiation)
     */
    public WasmBacktrace wasmBacktrace() {
        return backtrace != null ? backtrace : WasmBacktrace.EMPTY;
    }

    /** {@return why the code stopped} */
    public TrapCode trapCode() {
        return trapCode;
    }

    /** {@return the Wasm function that trapped, or -1 if not known} */
    public int functionIndex() {
        return functionIndex;
    }

    /** {@return the module byte offset of the operator that trapped, or -1 if not known} */
    public int bytecodeOffset() {
        return bytecodeOffset;
    }
}
