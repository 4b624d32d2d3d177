package dev.windlass.plugin.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 in both directions: the canonical ABI's strings are Unicode scalar values, never replaced. */
public final class Utf8 {

    private Utf8() {
    }

    /**
     * {@return the string {@code bytes} encode}
     *
     * @throws MalformedUtf8 naming the offset of the first byte that is not well-formed UTF-8
     *                       (overlong forms, surrogates and code points past U+10FFFF included)
     */
    public static String decode(byte[] bytes) throws MalformedUtf8 {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return text; // the JDK substitutes U+FFFD for every malformed sequence: none, so all was valid
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(text.length());
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new MalformedUtf8(in.position());
        }
        return text; // U+FFFD itself, well encoded
    }

    /**
     * {@return {@code text} in UTF-8}
     *
     * @throws IllegalArgumentException if it holds an unpaired surrogate, which UTF-8 cannot encode
     */
    public static byte[] encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (!hasSurrogate(text)) {
            return bytes;
        }
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            encoder.encode(CharBuffer.wrap(text));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the string holds an unpaired surrogate, which UTF-8 cannot encode", e);
        }
        return bytes;
    }

    private static boolean hasSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Bytes that are not UTF-8. */
    public static final class MalformedUtf8 extends Exception {

        private static final long serialVersionUID = 1L;

        private final int offset;

        MalformedUtf8(int offset) {
            super("not valid UTF-8 at byte " + offset, null, false, false);
            this.offset = offset;
        }

        /** {@return the offset of the first byte of the malformed sequence} */
        public int offset() {
            return offset;
        }
    }
}
