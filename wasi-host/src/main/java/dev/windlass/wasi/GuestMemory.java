package dev.windlass.wasi;

import dev.windlass.sandbox.HostCall;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * The caller's linear memory as one WASI call sees it: little-endian reads and writes at guest
 * addresses (unsigned 32-bit), each checked against the memory's current size. An access out
 * of bounds fails the call with {@link Errno#EFAULT}; it never touches anything else.
 */
final class GuestMemory {

    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED;

    private final HostCall call;
    private final HostWork work;
    private MemorySegment bytes;

    /** The memory of {@code call}'s caller, looked up at the first access (many calls need none). */
    GuestMemory(HostCall call) {
        this.call = call;
        this.work = new HostWork(call);
    }

    /** {@return what this call's work is charged to} */
    HostWork work() {
        return work;
    }

    private MemorySegment bytes() {
        if (bytes == null) {
            bytes = call.callerMemoryBytes(); // lives as long as the call, so the store's close stays cheap
        }
        return bytes;
    }

    /** {@return {@code pointer} as the unsigned address it is, checked for {@code length} bytes} */
    long check(int pointer, long length) {
        long address = Integer.toUnsignedLong(pointer);
        if (length < 0 || address + length > bytes().byteSize()) {
            throw new WasiError(Errno.EFAULT);
        }
        return address;
    }

    byte u8(int pointer) {
        return bytes().get(ValueLayout.JAVA_BYTE, check(pointer, 1));
    }

    int u16(int pointer) {
        return Short.toUnsignedInt(bytes().get(U16, check(pointer, 2)));
    }

    int u32(int pointer) {
        return bytes().get(U32, check(pointer, 4));
    }

    long u64(int pointer) {
        return bytes().get(U64, check(pointer, 8));
    }

    void setU8(int pointer, int value) {
        bytes().set(ValueLayout.JAVA_BYTE, check(pointer, 1), (byte) value);
    }

    void setU16(int pointer, int value) {
        bytes().set(U16, check(pointer, 2), (short) value);
    }

    void setU32(int pointer, int value) {
        bytes().set(U32, check(pointer, 4), value);
    }

    void setU64(int pointer, long value) {
        bytes().set(U64, check(pointer, 8), value);
    }

    /** Zeroes {@code length} bytes; structs are cleared before their fields are written. */
    void zero(int pointer, int length) {
        bytes().asSlice(check(pointer, Integer.toUnsignedLong(length)), Integer.toUnsignedLong(length)).fill((byte) 0);
    }

    /** {@return a view of {@code length} guest bytes at {@code pointer}}, checked */
    MemorySegment slice(int pointer, int length) {
        long size = Integer.toUnsignedLong(length);
        return bytes().asSlice(check(pointer, size), size);
    }

    void write(int pointer, byte[] data) {
        MemorySegment.copy(data, 0, bytes(), ValueLayout.JAVA_BYTE, check(pointer, data.length), data.length);
    }

    /** {@return the UTF-8 string of {@code length} bytes at {@code pointer}}; invalid UTF-8 fails with EILSEQ */
    String string(int pointer, int length) {
        byte[] data = slice(pointer, length).toArray(ValueLayout.JAVA_BYTE);
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(data)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new WasiError(Errno.EILSEQ);
        }
    }
}
