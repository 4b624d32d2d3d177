package dev.windlass.wasi;

/**
 * What {@code path_open} asks of a directory backend, already checked against rights.
 *
 * @param followSymlinks whether a symbolic link as the last component is followed ({@code SYMLINK_FOLLOW})
 * @param create         {@code O_CREAT}
 * @param exclusive      {@code O_EXCL}: fail with EEXIST if it exists
 * @param truncate       {@code O_TRUNC}
 * @param directory      {@code O_DIRECTORY}: fail with ENOTDIR unless it is one
 * @param read           open for reading
 * @param write          open for writing (a directory then fails with EISDIR)
 * @param fdflags        {@code fdflags}: APPEND, DSYNC, NONBLOCK, RSYNC, SYNC
 */
record OpenRequest(boolean followSymlinks, boolean create, boolean exclusive, boolean truncate, boolean directory,
                   boolean read, boolean write, int fdflags) {

    boolean append() {
        return (fdflags & Rights.FDFLAG_APPEND) != 0;
    }

    boolean mutates() {
        return write || create || truncate;
    }
}
