package dev.windlass.sandbox;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

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
 *
 * <p><b>Bounded.</b> Names come from an untrusted module and a re-entrant call can nest
 * thousands of traps, so nothing a trap shows grows with them: names are cut to
 * {@value WasmFrame#NAME_LIMIT} characters ({@link WasmFrame#displayable}); the message and the
 * stack trace show the innermost {@value WasmBacktrace#SHOWN_INNERMOST} and outermost
 * {@value WasmBacktrace#SHOWN_OUTERMOST} Wasm frames and count the others; a trap whose cause is
 * a host exception names it in one line of at most {@value #CAUSE_LIMIT} characters, and a trap
 * that passed out of nested calls names the innermost cause (with how many calls it passed
 * through) instead of copying the message of each: the causes are chained, never copied.
 */
public final class WasmTrap extends RuntimeException {

    /** Characters of a host exception's message a trap's message repeats at most. */
    static final int CAUSE_LIMIT = 256;

    private final TrapCode trapCode;
    private final int functionIndex;
    private final int bytecodeOffset;
    private final transient WasmBacktrace backtrace;
    /** The Wasm frames not yet put into the stack trace; see {@link #mergeWasmFrames()}. */
    private transient StackTraceElement[] pendingWasmFrames;
    /** The Wasm frames below the host function this nested trap passed through; see {@link #passedThroughHost}. */
    private transient StackTraceElement[] outerWasmFrames;
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
            if (trapCode == TrapCode.HOST_EXCEPTION && cause instanceof WasmTrap nested) {
                // A nested call's trap: it gets these frames when its own trace is looked at, so
                // that thousands of nested traps do not each materialize their Java frames.
                nested.passedThroughHost(pendingWasmFrames);
            } else if (trapCode == TrapCode.HOST_EXCEPTION && cause != null) {
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
                text.append(" ($").append(WasmFrame.displayable(name)).append(')');
            }
        }
        if (offset >= 0) {
            text.append(" at bytecode offset 0x").append(Integer.toHexString(offset));
        }
        if (cause != null) {
            text.append(": ").append(describeCause(cause));
        }
        return text.toString();
    }

    /**
     * {@return one bounded line for {@code cause}}: a host exception's class and the first line
     * of its message, cut; for a nested call's trap, the innermost cause of the chain of traps
     * and how many calls it passed out of (each level's message would otherwise hold a copy of
     * the one below: quadratic in the depth of re-entry)
     */
    private static String describeCause(Throwable cause) {
        Throwable innermost = cause;
        int nested = 0;
        while (innermost instanceof WasmTrap trap && trap.trapCode == TrapCode.HOST_EXCEPTION
                && trap.getCause() != null) {
            innermost = trap.getCause();
            nested++;
        }
        String text;
        if (innermost instanceof WasmTrap trap) {
            text = trap.headline();
        } else {
            String message;
            try {
                message = innermost.getMessage();
            } catch (RuntimeException e) {
                message = "(getMessage threw " + e.getClass().getName() + ")";
            }
            text = innermost.getClass().getName() + (message != null ? ": " + firstLine(message) : "");
        }
        if (nested > 0) {
            text += " (passed out of " + nested + " nested call" + (nested > 1 ? "s" : "") + ")";
        }
        return text;
    }

    private static String firstLine(String message) {
        int end = Math.min(message.length(), CAUSE_LIMIT);
        for (int i = 0; i < end; i++) {
            char c = message.charAt(i);
            if (c == '\n' || c == '\r') {
                return message.substring(0, i) + " ...";
            }
        }
        return end < message.length() ? message.substring(0, end) + "...(" + message.length() + " chars)" : message;
    }

    /** {@return the trap's first line, without the backtrace}: what an outer trap repeats of it */
    String headline() {
        return super.getMessage();
    }

    /** {@return the trap, where it happened, and the Wasm backtrace as Wasmtime prints it} */
    @Override
    public String getMessage() {
        if (message == null) {
            WasmBacktrace frames = wasmBacktrace();
            message = frames.frames().isEmpty() ? super.getMessage()
                    : super.getMessage() + System.lineSeparator() + frames;
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
            outerWasmFrames = null;
        }
        super.setStackTrace(stackTrace);
    }

    @Override
    public void printStackTrace(PrintStream s) {
        mergeWasmFramesOfChain();
        super.printStackTrace(s);
    }

    @Override
    public void printStackTrace(PrintWriter s) {
        mergeWasmFramesOfChain();
        super.printStackTrace(s);
    }

    /** Merges this trap's frames and those of the traps among its causes, which the JDK prints unasked. */
    private void mergeWasmFramesOfChain() {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = this; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof WasmTrap trap) {
                trap.mergeWasmFrames();
            }
        }
    }

    @Override
    public String toString() {
        mergeWasmFrames();
        return super.toString();
    }

    /**
     * Notes that this trap, of a nested call, passed out through a host function called by
     * {@code outer} Wasm frames: they join its stack trace after the dispatcher's frame, when it
     * is first looked at.
     */
    synchronized void passedThroughHost(StackTraceElement[] outer) {
        if (pendingWasmFrames == null && outerWasmFrames == null) {
            StackTraces.spliceIntoHostException(this, outer); // already looked at: splice now
        } else {
            outerWasmFrames = outer;
        }
    }

    /** Puts the pending Wasm frames above the Java frames of the call into Wasm, once. */
    private synchronized void mergeWasmFrames() {
        if (pendingWasmFrames != null || outerWasmFrames != null) {
            StackTraceElement[] wasm = pendingWasmFrames != null ? pendingWasmFrames : new StackTraceElement[0];
            StackTraceElement[] outer = outerWasmFrames;
            pendingWasmFrames = null;
            outerWasmFrames = null;
            StackTraceElement[] trace = StackTraces.trapTrace(wasm, super.getStackTrace());
            super.setStackTrace(outer != null ? StackTraces.splicedIntoHostTrace(trace, outer) : trace);
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
