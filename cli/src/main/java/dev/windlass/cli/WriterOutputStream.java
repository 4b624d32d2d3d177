package dev.windlass.cli;

import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes a guest writes, as text on a {@link Writer} (picocli's out and err): UTF-8 decoded
 * incrementally, so a character split across two writes still comes out whole; bytes that are
 * not UTF-8 become U+FFFD.
 */
final class WriterOutputStream extends OutputStream {

    private final Writer writer;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pending = ByteBuffer.allocate(0);

    WriterOutputStream(Writer writer) {
        this.writer = writer;
    }

    @Override
    public void write(int b) throws java.io.IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws java.io.IOException {
        ByteBuffer input = ByteBuffer.allocate(pending.remaining() + length);
        input.put(pending).put(bytes, offset, length).flip();
        CharBuffer chars = CharBuffer.allocate(input.remaining() + 1);
        decoder.decode(input, chars, false);
        writer.write(chars.flip().toString());
        pending = input.slice(); // an incomplete character waits for its next bytes
    }

    @Override
    public void flush() throws java.io.IOException {
        writer.flush();
    }
}
