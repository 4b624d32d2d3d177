package dev.windlass.nativemem;

/**
 * The access a page range allows. There is deliberately no read-write-execute value: code is
 * written while {@link #READ_WRITE} and runs while {@link #READ_EXECUTE}, never both (W^X).
 */
public enum Protection {
    /** No access: guard pages and reserved address space. */
    NONE(LibC.PROT_NONE),
    /** Read only. */
    READ(LibC.PROT_READ),
    /** Read and write: data, and code being written. */
    READ_WRITE(LibC.PROT_READ | LibC.PROT_WRITE),
    /** Read and execute: code, once written. */
    READ_EXECUTE(LibC.PROT_READ | LibC.PROT_EXEC);

    final int bits;

    Protection(int bits) {
        this.bits = bits;
    }
}
