package dev.windlass.sandbox;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The arguments and results of one call of a {@link HostFunction}: 64-bit slots, argument
 * {@code i} in slot {@code i} and result {@code k} in slot {@code k} (results are written after
 * the arguments are read). Valid only during the call.
 */
public final class HostCall {

    private final MemorySegment slots;
    private final int params;
    private final int results;

    HostCall(MemorySegment slots, int params, int results) {
        this.slots = slots;
        this.params = params;
        this.results = results;
    }

    public int i32(int index) {
        return (int) slots.getAtIndex(ValueLayout.JAVA_LONG, checkParam(index));
    }

    public long i64(int index) {
        return slots.getAtIndex(ValueLayout.JAVA_LONG, checkParam(index));
    }

    public void setI32(int index, int value) {
        slots.setAtIndex(ValueLayout.JAVA_LONG, checkResult(index), value & 0xFFFF_FFFFL);
    }

    public void setI64(int index, long value) {
        slots.setAtIndex(ValueLayout.JAVA_LONG, checkResult(index), value);
    }

    private long checkParam(int index) {
        if (index < 0 || index >= params) {
            throw new IndexOutOfBoundsException("argument " + index + " of " + params);
        }
        return index;
    }

    private long checkResult(int index) {
        if (index < 0 || index >= results) {
            throw new IndexOutOfBoundsException("result " + index + " of " + results);
        }
        return index;
    }
}
