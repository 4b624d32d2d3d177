package dev.windlass.plugin.internal;

import dev.windlass.plugin.PluginAbiException;
import dev.windlass.plugin.PluginErrorException;
import dev.windlass.plugin.PluginLimitExceededException;
import dev.windlass.plugin.PluginLimitExceededException.Limit;
import dev.windlass.plugin.PluginLimits;
import dev.windlass.plugin.internal.ExtismMemory.ExtismViolation;
import dev.windlass.sandbox.WasmTrap;
import dev.windlass.wasi.WasiExit;

/**
 * One call under Extism's ABI: the kernel's memory is emptied and the input put in a block of
 * its own; the export {@code () -> i32} runs with the instance's kernel bound for the
 * {@code extism:host/env} functions; status 0 means the output ({@code output_set}) is the
 * result, any other status is a {@link PluginErrorException} with the guest's {@code error_set}
 * message. A kernel access outside the kernel's memory or input is a {@link PluginAbiException}.
 */
final class ExtismCall {

    private ExtismCall() {
    }

    static Object run(MethodBinding binding, PluginInstance instance, Object[] prepared, PluginLimits limits) {
        byte[] input = prepared.length == 0 ? new byte[0] : (byte[]) prepared[0];
        ExtismKernel kernel = instance.kernel();
        if (!kernel.beginCall(input)) {
            throw new PluginLimitExceededException(binding.plugin(), binding.version(), binding.export(),
                    Limit.MEMORY_BYTES, kernel.memory().cap(), input.length, null);
        }
        int status;
        try {
            instance.refuel(limits.fuel());
            status = ScopedValue.where(ExtismHostFunctions.CURRENT, kernel)
                    .call(() -> instance.function(binding.export()).callI32());
        } catch (WasmTrap trap) {
            switch (trap.getCause()) {
                case ExtismViolation violation -> throw abi(binding, violation.getMessage(), trap);
                case WasiExit exit -> throw abi(binding, "the export called proc_exit(" + exit.status()
                        + "), which ends a command, not a plugin call", trap);
                case null, default -> throw TrapTranslator.translate(trap, binding.plugin(), binding.version(),
                        binding.export(), null, limits);
            }
        } catch (WasiExit exit) {
            throw abi(binding, "the export called proc_exit(" + exit.status() + "), which ends a command, not a"
                    + " plugin call", exit);
        }
        if (status != 0) {
            throw new PluginErrorException(binding.plugin(), binding.version(), binding.export(), status,
                    kernel.errorMessage());
        }
        long length = kernel.outputLength();
        if (length > limits.maxOutputBytes()) {
            throw new PluginLimitExceededException(binding.plugin(), binding.version(), binding.export(),
                    Limit.OUTPUT_BYTES, limits.maxOutputBytes(), length, null);
        }
        return ResultDecoder.decode(binding, kernel.output());
    }

    private static PluginAbiException abi(MethodBinding binding, String detail, Throwable cause) {
        return new PluginAbiException(binding.plugin(), binding.version(), binding.export(), detail, cause);
    }
}
