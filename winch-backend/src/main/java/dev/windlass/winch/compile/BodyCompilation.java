package dev.windlass.winch.compile;

import dev.windlass.winch.codegen.FunctionCompiler;
import dev.windlass.winch.codegen.Isa;
import dev.windlass.winch.isa.AssembledCode;
import dev.windlass.winch.isa.CodeBuffer;
import dev.windlass.winch.vm.VmOffsets;
import dev.windlass.winch.wasm.FunctionBody;
import dev.windlass.winch.wasm.WasmModule;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Compiles every function body of a module, on up to {@code threads} threads: each function is
 * compiled on its own (its own assembler, validator and value stack), so the code of a function
 * does not depend on which thread compiled it or when, and {@link ModuleCompiler} lays the
 * results out in index order: the module's bytes are the same for any thread count.
 *
 * <p>Workers take the next function index from a shared counter (large and small functions
 * balance themselves); the calling thread is one of them. When a function fails, workers stop
 * taking new ones; every function below it was taken before it, so the failure reported, that
 * of the lowest failing index, is the one a sequential compile reports.
 */
final class BodyCompilation {

    private final WasmModule module;
    private final VmOffsets vmOffsets;
    private final Isa isa;
    private final CodeOptions options;
    private final CompileDeadline deadline;
    private final List<FunctionBody> bodies;
    private final AssembledCode[] results;
    private final RuntimeException[] failures;
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean failed;

    private BodyCompilation(WasmModule module, VmOffsets vmOffsets, Isa isa, CodeOptions options,
                            CompileDeadline deadline) {
        this.module = module;
        this.deadline = deadline;
        this.vmOffsets = vmOffsets;
        this.isa = isa;
        this.options = options;
        this.bodies = module.bodies();
        this.results = new AssembledCode[bodies.size()];
        this.failures = new RuntimeException[bodies.size()];
    }

    /**
     * {@return the code of every body of {@code module}, in index order}
     *
     * @param executor runs the helper workers ({@code threads - 1} of them); unused when
     *                 {@code threads} is 1
     * @param deadline checked before each function and inside it (every thread stops at the first
     *                 failure, a passed deadline included)
     * @throws RuntimeException what compiling the lowest failing function threw
     */
    static AssembledCode[] compileAll(WasmModule module, VmOffsets vmOffsets, Isa isa, CodeOptions options,
                                      Executor executor, int threads, CompileDeadline deadline) {
        BodyCompilation compilation = new BodyCompilation(module, vmOffsets, isa, options, deadline);
        int helpers = Math.min(threads, compilation.bodies.size()) - 1;
        CompletableFuture<?>[] running = new CompletableFuture<?>[Math.max(helpers, 0)];
        for (int h = 0; h < running.length; h++) {
            running[h] = CompletableFuture.runAsync(compilation::work, executor);
        }
        compilation.work();
        CompletableFuture.allOf(running).join();
        for (RuntimeException failure : compilation.failures) {
            if (failure != null) {
                throw failure;
            }
        }
        return compilation.results;
    }

    /** Compiles functions until none is left or one failed. */
    private void work() {
        CodeBuffer buffer = isa.newCodeBuffer();
        for (int i = next.getAndIncrement(); i < bodies.size() && !failed; i = next.getAndIncrement()) {
            try {
                deadline.check();
                FunctionCompiler.compile(module, bodies.get(i), vmOffsets, isa.newMacroAssembler(buffer), isa.allocatable(),
                        options.metering(), options.memoryStrategy(), deadline::check);
                results[i] = buffer.finish();
            } catch (RuntimeException e) {
                failures[i] = e;
                failed = true;
            } finally {
                buffer.reset();
            }
        }
    }
}
