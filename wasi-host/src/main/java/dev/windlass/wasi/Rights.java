package dev.windlass.wasi;

/**
 * WASI's {@code rights} bits, the sets a descriptor of each kind starts with, and the flag words
 * the functions take ({@code fdflags}, {@code oflags}, {@code lookupflags}, {@code fstflags}).
 *
 * <p>Rights follow Wasmtime's preview1 (wasi-common): a preopened directory carries every
 * directory right, and passes every right on ({@link #DIRECTORY_INHERITING}); {@code path_open}
 * gives the new descriptor what it asked for, cut down to what its directory may pass on and
 * to what its kind of file can use. Rights only ever shrink. A read-only preopen starts without
 * any right that changes the file system ({@link #readOnly}).
 */
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
    static final long PATH_CREATE_DIRECTORY = 1L << 9;
    static final long PATH_CREATE_FILE = 1L << 10;
    static final long PATH_LINK_SOURCE = 1L << 11;
    static final long PATH_LINK_TARGET = 1L << 12;
    static final long PATH_OPEN = 1L << 13;
    static final long FD_READDIR = 1L << 14;
    static final long PATH_READLINK = 1L << 15;
    static final long PATH_RENAME_SOURCE = 1L << 16;
    static final long PATH_RENAME_TARGET = 1L << 17;
    static final long PATH_FILESTAT_GET = 1L << 18;
    static final long PATH_FILESTAT_SET_SIZE = 1L << 19;
    static final long PATH_FILESTAT_SET_TIMES = 1L << 20;
    static final long FD_FILESTAT_GET = 1L << 21;
    static final long FD_FILESTAT_SET_SIZE = 1L << 22;
    static final long FD_FILESTAT_SET_TIMES = 1L << 23;
    static final long PATH_SYMLINK = 1L << 24;
    static final long PATH_REMOVE_DIRECTORY = 1L << 25;
    static final long PATH_UNLINK_FILE = 1L << 26;
    static final long POLL_FD_READWRITE = 1L << 27;
    /** Every right preview1 defines (bits 0 to 29). */
    static final long ALL = (1L << 30) - 1;

    /** What a directory descriptor can use. */
    static final long DIRECTORY_BASE = FD_FDSTAT_SET_FLAGS | FD_SYNC | FD_ADVISE | PATH_CREATE_DIRECTORY
            | PATH_CREATE_FILE | PATH_LINK_SOURCE | PATH_LINK_TARGET | PATH_OPEN | FD_READDIR | PATH_READLINK
            | PATH_RENAME_SOURCE | PATH_RENAME_TARGET | PATH_FILESTAT_GET | PATH_FILESTAT_SET_SIZE
            | PATH_FILESTAT_SET_TIMES | FD_FILESTAT_GET | FD_FILESTAT_SET_TIMES | PATH_SYMLINK
            | PATH_REMOVE_DIRECTORY | PATH_UNLINK_FILE | POLL_FD_READWRITE;
    /** What a file descriptor can use. */
    static final long FILE_BASE = FD_DATASYNC | FD_READ | FD_SEEK | FD_FDSTAT_SET_FLAGS | FD_SYNC | FD_TELL
            | FD_WRITE | FD_ADVISE | FD_ALLOCATE | FD_FILESTAT_GET | FD_FILESTAT_SET_SIZE | FD_FILESTAT_SET_TIMES
            | POLL_FD_READWRITE;
    /** What a directory passes on to what is opened beneath it. */
    static final long DIRECTORY_INHERITING = DIRECTORY_BASE | FILE_BASE;
    /** Every right that creates, changes or removes something. */
    static final long MUTATING = FD_DATASYNC | FD_WRITE | FD_ALLOCATE | PATH_CREATE_DIRECTORY | PATH_CREATE_FILE
            | PATH_LINK_SOURCE | PATH_LINK_TARGET | PATH_RENAME_SOURCE | PATH_RENAME_TARGET | PATH_FILESTAT_SET_SIZE
            | PATH_FILESTAT_SET_TIMES | FD_FILESTAT_SET_SIZE | FD_FILESTAT_SET_TIMES | PATH_SYMLINK
            | PATH_REMOVE_DIRECTORY | PATH_UNLINK_FILE;
    /** Rights that need the file opened for reading, and for writing (as wasi-common decides the open mode). */
    static final long NEEDS_READ = FD_READ | FD_READDIR;
    static final long NEEDS_WRITE = FD_DATASYNC | FD_WRITE | FD_ALLOCATE | FD_FILESTAT_SET_SIZE;

    /** {@code fdflags}. */
    static final int FDFLAG_APPEND = 1;
    static final int FDFLAG_DSYNC = 2;
    static final int FDFLAG_NONBLOCK = 4;
    static final int FDFLAG_RSYNC = 8;
    static final int FDFLAG_SYNC = 16;
    static final int FDFLAGS_ALL = 31;

    /** {@code oflags}. */
    static final int OFLAG_CREAT = 1;
    static final int OFLAG_DIRECTORY = 2;
    static final int OFLAG_EXCL = 4;
    static final int OFLAG_TRUNC = 8;

    /** {@code lookupflags}. */
    static final int LOOKUP_SYMLINK_FOLLOW = 1;

    /** {@code fstflags}. */
    static final int FST_ATIM = 1;
    static final int FST_ATIM_NOW = 2;
    static final int FST_MTIM = 4;
    static final int FST_MTIM_NOW = 8;

    private Rights() {
    }

    /** {@return {@code rights} without those that change the file system} */
    static long readOnly(long rights) {
        return rights & ~MUTATING;
    }
}
