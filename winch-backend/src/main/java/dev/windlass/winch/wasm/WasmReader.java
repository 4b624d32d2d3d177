package dev.windlass.winch.wasm;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A cursor over a window {@code [position, limit)} of a module's bytes, with the primitive
 * decoders of the binary format. Nothing is copied: names and payloads are read in place.
 *
 * <p>LEB128 decoding follows the spec exactly: an encoding of N-bit integers may use at most
 * {@code ceil(N / 7)} bytes ("integer representation too long"), and the unused bits of the
 * last byte must be zero for unsigned and copies of the sign bit for signed integers
 * ("integer too large").
 *
 * <p>Every read past the window throws {@link WasmMalformedException}; no read allocates in
 * proportion to a length it has not checked against the bytes that remain.
 */
final class WasmReader {

    private final byte[] bytes;
    private int position;
    private int limit;

    WasmReader(byte[] bytes, int position, int limit) {
        this.bytes = bytes;
        this.position = position;
        this.limit = limit;
    }

    byte[] bytes() {
        return bytes;
    }

    /** Makes this reader read {@code [position, limit)} of the same bytes (reused across bodies). */
    void reset(int position, int limit) {
        this.position = position;
        this.limit = limit;
    }

    int position() {
        return position;
    }

    void position(int newPosition) {
        position = newPosition;
    }

    int limit() {
        return limit;
    }

    void limit(int newLimit) {
        limit = newLimit;
    }

    boolean atEnd() {
        return position >= limit;
    }

    int remaining() {
        return limit - position;
    }

    WasmMalformedException malformed(String reason) {
        return new WasmMalformedException(reason, position);
    }

    WasmMalformedException malformedAt(String reason, int offset) {
        return new WasmMalformedException(reason, offset);
    }

    private WasmMalformedException unexpectedEnd() {
        // The whole module ran out, or only the current section or function body did.
        return new WasmMalformedException(
                limit == bytes.length ? "unexpected end" : "unexpected end of section or function", position);
    }

    int u8() {
        if (position >= limit) {
            throw unexpectedEnd();
        }
        return bytes[position++] & 0xFF;
    }

    /** {@return the next byte without consuming it} */
    int peekU8() {
        if (position >= limit) {
            throw unexpectedEnd();
        }
        return bytes[position] & 0xFF;
    }

    int fixedU32() {
        need(4);
        int p = position;
        position += 4;
        return (bytes[p] & 0xFF) | (bytes[p + 1] & 0xFF) << 8 | (bytes[p + 2] & 0xFF) << 16 | (bytes[p + 3] & 0xFF) << 24;
    }

    long fixedU64() {
        long lo = fixedU32() & 0xFFFF_FFFFL;
        long hi = fixedU32() & 0xFFFF_FFFFL;
        return lo | hi << 32;
    }

    /** Reads an unsigned 32-bit LEB128 and returns its bit pattern (callers treat it as unsigned). */
    int u32() {
        if (position < limit && bytes[position] >= 0) {
            return bytes[position++]; // one byte: by far the most common case (kept small to inline)
        }
        return u32Slow();
    }

    private int u32Slow() {
        int p = position;
        if (p + 1 < limit && bytes[p + 1] >= 0) { // two bytes: the next most common
            position = p + 2;
            return (bytes[p] & 0x7F) | (bytes[p + 1] << 7);
        }
        return u32Long();
    }

    private int u32Long() {
        int result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = u8();
            if (shift == 28) {
                if ((b & 0x80) != 0) {
                    throw malformed("integer representation too long");
                }
                if ((b & 0x70) != 0) {
                    throw malformed("integer too large");
                }
            }
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new AssertionError("unreachable");
    }

    /** Reads a u32 that is used as a count or index and must fit a non-negative int. */
    int u32AsIndex(String what) {
        int start = position;
        int value = u32();
        if (value < 0) {
            throw malformedAt(what + " too large: " + Integer.toUnsignedString(value), start);
        }
        return value;
    }

    /**
     * Reads the length of a vector whose elements each take at least {@code minBytesEach}
     * bytes, and rejects it if the remaining bytes cannot hold that many, before anything is
     * allocated for it.
     */
    int vectorLength(int minBytesEach) {
        int start = position;
        long count = u32() & 0xFFFF_FFFFL;
        if (count * minBytesEach > remaining()) {
            throw malformedAt(limit == bytes.length ? "unexpected end" : "unexpected end of section or function", start);
        }
        return (int) count;
    }

    int s32() {
        if (position < limit && bytes[position] >= 0) {
            return (bytes[position++] << 25) >> 25; // one byte: sign-extend its 7 bits
        }
        return s32Slow();
    }

    private int s32Slow() {
        int p = position;
        if (p + 1 < limit && bytes[p + 1] >= 0) { // two bytes: sign-extend their 14 bits
            position = p + 2;
            return (((bytes[p] & 0x7F) | (bytes[p + 1] << 7)) << 18) >> 18;
        }
        return s32Long();
    }

    private int s32Long() {
        int result = 0;
        int shift = 0;
        int b;
        do {
            b = u8();
            if (shift == 28) {
                if ((b & 0x80) != 0) {
                    throw malformed("integer representation too long");
                }
                int unused = b & 0x78; // bit 3 is the sign of the 32-bit value; bits 4-6 must match it
                if (unused != 0 && unused != 0x78) {
                    throw malformed("integer too large");
                }
            }
            result |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return shift < 32 ? (result << (32 - shift)) >> (32 - shift) : result;
    }

    /** Reads a signed 33-bit LEB128 (block types), returned as a long. */
    long s33() {
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = u8();
            if (shift == 28) {
                if ((b & 0x80) != 0) {
                    throw malformed("integer representation too long");
                }
                int unused = b & 0x70; // bit 4 is the sign of the 33-bit value; bits 5-6 must match it
                if (unused != 0 && unused != 0x70) {
                    throw malformed("integer too large");
                }
            }
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return (result << (64 - shift)) >> (64 - shift);
    }

    long s64() {
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = u8();
            if (shift == 63) {
                if ((b & 0x80) != 0) {
                    throw malformed("integer representation too long");
                }
                int unused = b & 0x7F; // bit 0 is bit 63 of the value; bits 1-6 must match it
                if (unused != 0 && unused != 0x7F) {
                    throw malformed("integer too large");
                }
            }
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return shift < 64 ? (result << (64 - shift)) >> (64 - shift) : result;
    }

    long u64() {
        long result = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = u8();
            if (shift == 63) {
                if ((b & 0x80) != 0) {
                    throw malformed("integer representation too long");
                }
                if ((b & 0x7E) != 0) {
                    throw malformed("integer too large");
                }
            }
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new AssertionError("unreachable");
    }

    /** Skips {@code length} bytes, returning the offset where they start. */
    int skip(int length) {
        need(length);
        int start = position;
        position += length;
        return start;
    }

    private void need(int length) {
        if (length < 0 || length > remaining()) {
            throw unexpectedEnd();
        }
    }

    /** Reads a name: a u32 length and that many bytes of well-formed UTF-8. */
    String name() {
        int lengthOffset = position;
        long length = u32() & 0xFFFF_FFFFL;
        if (length > remaining()) {
            throw malformedAt(limit == bytes.length ? "unexpected end" : "length out of bounds", lengthOffset);
        }
        int start = position;
        position += (int) length;
        return decodeUtf8(bytes, start, (int) length);
    }

    private WasmMalformedException malformedUtf8(int offset) {
        return new WasmMalformedException("malformed UTF-8 encoding", offset);
    }

    private String decodeUtf8(byte[] data, int offset, int length) {
        boolean ascii = true;
        for (int i = offset; i < offset + length; i++) {
            if (data[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(data, offset, length, StandardCharsets.ISO_8859_1);
        }
        try {
            // The JDK decoder rejects overlong forms, surrogates and code points above U+10FFFF,
            // exactly the sequences the spec's UTF-8 grammar excludes.
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw malformedUtf8(offset);
        }
    }
}
