package dev.windlass.wasi;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** fd 0, 1 or 2: a character device backed by a Java stream. */
final class StdioStream extends Descriptor {

    private static final long INPUT_RIGHTS = Rights.FD_READ | Rights.FD_FDSTAT_SET_FLAGS | Rights.FD_FILESTAT_GET
            | Rights.POLL_FD_READWRITE;
    private static final long OUTPUT_RIGHTS = Rights.FD_WRITE | Rights.FD_FDSTAT_SET_FLAGS | Rights.FD_FILESTAT_GET
            | Rights.POLL_FD_READWRITE;

    private final InputStream in;
    private final OutputStream out;

    private StdioStream(InputStream in, OutputStream out, long rights) {
        super(rights, 0, 0);
        this.in = in;
        this.out = out;
    }

    static StdioStream input(InputStream in) {
        return new StdioStream(in, null, INPUT_RIGHTS);
    }

    static StdioStream output(OutputStream out) {
        return new StdioStream(null, out, OUTPUT_RIGHTS);
    }

    @Override
    Filetype filetype() {
        return Filetype.CHARACTER_DEVICE;
    }

    /** {@return bytes read into {@code buffer}, 0 at end of input} */
    int read(byte[] buffer, int length) throws IOException {
        require(Rights.FD_READ);
        int n = in.read(buffer, 0, length);
        return Math.max(n, 0);
    }

    /** Writes and flushes: a guest's write is not buffered on the host side. */
    void write(byte[] buffer, int length) throws IOException {
        require(Rights.FD_WRITE);
        out.write(buffer, 0, length);
        out.flush();
    }

    /** {@return how many bytes a read would return without blocking} */
    long available() throws IOException {
        return in == null ? 0 : in.available();
    }

    boolean isInput() {
        return in != null;
    }
}
