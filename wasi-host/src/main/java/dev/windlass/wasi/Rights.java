package dev.windlass.wasi;

/** WASI's {@code rights} bits and the flag words the functions use. */
final class Rights {

    static final long FD_DATASYNC = 1L;
    static final long FD_READ = 1L << 1;
    static final long FD_SEEK = 1L << 2;
    static final long FD_FDSTAT_SET_FLAGS = 1L << 3;
    static final long FD_SYNC = 1L << 4;
    static final long FD_TELL = 1L << 5;
    static final long FD_WRITE = 1L << 6;
    static final long FD_ADVISE = 1L << 7;
    static final long FD_ALLOCATE = 1L << 8;
    static final long FD_FILESTAT_GET = 1L << 21;
    static final long POLL_FD_READWRITE = 1L << 27;
    /** Every right preview1 defines (bits 0 to 29). */
    static final long ALL = (1L << 30) - 1;

    /** {@code fdflags}. */
    static final int FDFLAG_APPEND = 1;
    static final int FDFLAG_DSYNC = 2;
    static final int FDFLAG_NONBLOCK = 4;
    static final int FDFLAG_RSYNC = 8;
    static final int FDFLAG_SYNC = 16;

    private Rights() {
    }
}
