package dev.windlass.sandbox;

import dev.windlass.winch.compile.CompiledModule;
import dev.windlass.winch.vm.RuntimeOffsets;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what the trap handler left in the runtime block (the trap pc and the return addresses
 * of the rbp chain, see {@code X64ModuleCode}) into {@link WasmFrame}s. Each address is looked up
 * in the code of the store's modules, so frames of every instance of the store map, whichever
 * module they belong to; addresses outside any function (the host adapter, the entry
 * trampoline) are skipped.
 *
 * <pre>
 *   trap pc             -> innermost frame, at the trapping operator
 *   return address i    -> frame i + 1, at the call: (address - 1) lies inside the call
 *                          instruction, and the source map gives the call operator's offset
 * </pre>
 */
final class BacktraceReader {

    private final List<Instance> instances;
    /** The module the last address was found in: consecutive frames are mostly in one module. */
    private Module lastModule;

    private BacktraceReader(List<Instance> instances) {
        this.instances = instances;
    }

    /** {@return the backtrace of the trap the runtime block describes} */
    static WasmBacktrace read(MemorySegment runtime, List<Instance> instances) {
        return new BacktraceReader(instances).read(runtime);
    }

    private WasmBacktrace read(MemorySegment runtime) {
        long depth = runtime.get(ValueLayout.JAVA_LONG, RuntimeOffsets.BACKTRACE_DEPTH);
        // The trap pc is a frame too: keep one return address fewer than recorded.
        int kept = (int) Math.min(depth, WasmBacktrace.CAPACITY - 1);
        List<WasmFrame> frames = new ArrayList<>(kept + 1);
        addFrame(frames, runtime.get(ValueLayout.JAVA_LONG, RuntimeOffsets.TRAP_PC));
        for (int i = 0; i < kept; i++) {
            long returnAddress = runtime.get(ValueLayout.JAVA_LONG, RuntimeOffsets.BACKTRACE + 8L * i);
            addFrame(frames, returnAddress - 1);
        }
        // The walk's last frame returns into the entry trampoline: not a Wasm frame.
        long omitted = Math.max(0, depth - kept - 1);
        return new WasmBacktrace(frames, (int) Math.min(Integer.MAX_VALUE, omitted));
    }

    private void addFrame(List<WasmFrame> frames, long pc) {
        Module module = moduleAt(pc);
        if (module == null) {
            return;
        }
        CompiledModule compiled = module.compiled();
        int codeOffset = (int) (pc - module.codeAddress());
        int function = compiled.functionAt(codeOffset);
        if (function < 0) {
            return;
        }
        frames.add(new WasmFrame(module.name().orElse(null), function,
                module.wasm().names().functionName(function).orElse(null), compiled.bytecodeOffsetAt(codeOffset)));
    }

    private Module moduleAt(long pc) {
        if (lastModule != null && lastModule.containsAddress(pc)) {
            return lastModule;
        }
        for (Instance instance : instances) {
            if (instance.module().containsAddress(pc)) {
                lastModule = instance.module();
                return lastModule;
            }
        }
        return null;
    }
}
