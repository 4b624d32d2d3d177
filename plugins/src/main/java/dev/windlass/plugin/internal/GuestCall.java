package dev.windlass.plugin.internal;

import dev.windlass.plugin.PluginAbiException;
import dev.windlass.plugin.PluginException;
import dev.windlass.plugin.PluginLimitExceededException;
import dev.windlass.plugin.PluginLimitExceededException.Limit;
import dev.windlass.plugin.PluginLimits;
import dev.windlass.sandbox.Memory;
import dev.windlass.sandbox.WasmTrap;
import dev.windlass.wasi.WasiExit;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One call of a bound method on one instance, under the Windlass ABI (Extism's:
 * {@link ExtismCall}):
 * <ol>
 * <li>each string or bytes argument gets guest memory from {@code cabi_realloc(0, 0, 1, len)}
 *     and is copied there; the export receives {@code (ptr, len)};
 * <li>the export runs;
 * <li>a string or bytes result is an i32 {@code retptr} to a little-endian {@code (ptr, len)}
 *     pair of u32; the host copies those bytes out, then calls {@code cabi_post_<export>(retptr)}
 *     if the guest exports it, so the guest can free them.
 * </ol>
 * The guest controls every pointer and length it hands back, so each is checked before use:
 * an allocation must lie inside memory (as it is after the allocator ran, which may have grown
 * it) and overlap no other argument of the call; {@code retptr} must be 4-aligned with its 8
 * bytes inside memory; the result's bytes must lie inside memory and within the output limit.
 * Lengths are unsigned 32-bit and all arithmetic is in {@code long}, so no sum wraps. A
 * violation is a {@link PluginAbiException} and nothing outside the guest's memory is touched.
 */
final class GuestCall {

    private static final long I32_MASK = 0xFFFF_FFFFL;
    /** Byte arrays are aligned to 1 under the canonical ABI (strings are UTF-8, lists of u8). */
    private static final int BYTE_ALIGNMENT = 1;

    private final MethodBinding binding;
    private final PluginInstance instance;
    private final PluginLimits limits;
    /** The guest function running now, for messages: null for the export itself. */
    private String where;

    private GuestCall(MethodBinding binding, PluginInstance instance, PluginLimits limits) {
        this.binding = binding;
        this.instance = instance;
        this.limits = limits;
    }

    /**
     * Calls {@code binding}'s export on {@code instance} with the {@linkplain ArgumentEncoder prepared}
     * arguments; {@return the Java result} (null for void)
     *
     * @throws PluginException for a trap, running out of fuel or time, an ABI violation, output past the limit
     */
    static Object run(MethodBinding binding, PluginInstance instance, Object[] prepared, PluginLimits limits) {
        if (binding.abi() == GuestAbi.EXTISM) {
            return ExtismCall.run(binding, instance, prepared, limits);
        }
        return new GuestCall(binding, instance, limits).run(prepared);
    }

    private Object run(Object[] prepared) {
        try {
            instance.refuel(limits.fuel());
            long[] core = lowerArguments(prepared);
            where = null; // the export itself
            long[] results = instance.function(binding.export()).call(core);
            Object value = liftResult(results);
            if (binding.postReturn() != null) {
                where = binding.postReturn();
                instance.function(binding.postReturn()).call(results);
            }
            return value;
        } catch (WasmTrap trap) {
            if (trap.getCause() instanceof WasiExit exit) {
                throw procExit(exit);
            }
            throw TrapTranslator.translate(trap, binding.plugin(), binding.version(), binding.export(), where, limits);
        } catch (WasiExit exit) {
            throw procExit(exit);
        }
    }

    private PluginAbiException procExit(WasiExit exit) {
        return abi((where == null ? "the export" : where) + " called proc_exit(" + exit.status()
                + "), which ends a command, not a plugin call", exit);
    }

    private long[] lowerArguments(Object[] prepared) {
        long[] core = new long[binding.coreType().params().size()];
        long[] starts = new long[prepared.length];
        long[] ends = new long[prepared.length];
        int next = 0;
        for (int i = 0; i < prepared.length; i++) {
            if (prepared[i] instanceof byte[] bytes) {
                long pointer = allocate(bytes.length, i, starts, ends);
                if (bytes.length > 0) {
                    instance.memory().write(pointer, bytes);
                }
                core[next++] = pointer;
                core[next++] = bytes.length;
            } else {
                core[next++] = (Long) prepared[i];
            }
        }
        return core;
    }

    /** {@return guest memory for argument {@code index}'s {@code length} bytes}, checked; records its range */
    private long allocate(int length, int index, long[] starts, long[] ends) {
        where = MethodBinding.REALLOC;
        long pointer = instance.function(MethodBinding.REALLOC).callI32(0, 0, BYTE_ALIGNMENT, length) & I32_MASK;
        long size = instance.memory().byteSize();
        long end = pointer + length;
        if (end > size) {
            throw abi(MethodBinding.REALLOC + "(0, 0, " + BYTE_ALIGNMENT + ", " + length + ") for argument " + index
                    + " returned 0x" + Long.toHexString(pointer) + ": [0x" + Long.toHexString(pointer) + ", 0x"
                    + Long.toHexString(end) + ") is outside memory of " + size + " bytes", null);
        }
        for (int j = 0; j < index && length > 0; j++) {
            if (pointer < ends[j] && starts[j] < end) {
                throw abi(MethodBinding.REALLOC + " returned [0x" + Long.toHexString(pointer) + ", 0x"
                        + Long.toHexString(end) + ") for argument " + index + ", which overlaps argument " + j
                        + "'s [0x" + Long.toHexString(starts[j]) + ", 0x" + Long.toHexString(ends[j]) + ")", null);
            }
        }
        starts[index] = pointer;
        ends[index] = end;
        return pointer;
    }

    private Object liftResult(long[] results) {
        Lowering result = binding.result();
        return switch (result) {
            case VOID -> null;
            case INT -> (int) results[0];
            case LONG -> results[0];
            case FLOAT -> Float.intBitsToFloat((int) results[0]);
            case DOUBLE -> Double.longBitsToDouble(results[0]);
            case BOOLEAN -> (int) results[0] != 0;
            case STRING, BYTES, BYTE_BUFFER, CODEC -> ResultDecoder.decode(binding, readResultBytes(results[0] & I32_MASK));
        };
    }

    /** {@return the bytes named by the {@code (ptr, len)} pair at {@code retptr}}, every bound checked */
    private byte[] readResultBytes(long retptr) {
        Memory memory = instance.memory();
        long size = memory.byteSize();
        if ((retptr & 3) != 0) {
            throw abi("the result pointer 0x" + Long.toHexString(retptr) + " is not 4-byte aligned", null);
        }
        if (retptr + 8 > size) {
            throw abi("the result pointer 0x" + Long.toHexString(retptr) + " puts its (ptr, len) pair outside memory of "
                    + size + " bytes", null);
        }
        ByteBuffer pair = ByteBuffer.wrap(memory.read(retptr, 8)).order(ByteOrder.LITTLE_ENDIAN);
        long pointer = pair.getInt(0) & I32_MASK;
        long length = pair.getInt(4) & I32_MASK;
        if (pointer + length > size) {
            throw abi("the result (ptr 0x" + Long.toHexString(pointer) + ", len " + length
                    + ") lies outside memory of " + size + " bytes", null);
        }
        if (length > limits.maxOutputBytes()) {
            throw new PluginLimitExceededException(binding.plugin(), binding.version(), binding.export(),
                    Limit.OUTPUT_BYTES, limits.maxOutputBytes(), length, null);
        }
        return length == 0 ? new byte[0] : memory.read(pointer, (int) length);
    }

    private PluginAbiException abi(String detail, Throwable cause) {
        return new PluginAbiException(binding.plugin(), binding.version(), binding.export(), detail, cause);
    }
}
