package dev.windlass.wasi;

import java.lang.foreign.MemorySegment;

/**
 * An open regular file (or another non-directory) of a backend. Buffers are segments of guest
 * memory, read or written in place. Offsets and sizes are unsigned in WASI; those that do not
 * fit a signed {@code long} are refused by the caller.
 */
interface FileHandle extends OpenNode {

    Filetype filetype();

    /** {@return bytes read at the current position (advanced), 0 at end of file} */
    long read(MemorySegment into);

    /** {@return bytes written at the current position, or at the end in append mode} */
    long write(MemorySegment from);

    long readAt(MemorySegment into, long offset);

    long writeAt(MemorySegment from, long offset);

    /** {@return the new position} @param whence preview1's SET 0, CUR 1, END 2 */
    long seek(long offset, int whence);

    void setSize(long size);

    void allocate(long offset, long length);

    /** @param advice preview1's NORMAL 0 .. NOREUSE 5 */
    void advise(long offset, long length, int advice);

    /** Switches append and non-blocking mode (the flags that can change after opening). */
    void setFlags(boolean append, boolean nonblocking);

    /** {@return how many bytes a read at the current position would give}, for poll_oneoff */
    long readableBytes();
}
