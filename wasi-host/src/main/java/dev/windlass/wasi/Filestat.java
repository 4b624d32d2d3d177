package dev.windlass.wasi;

/** WASI's {@code filestat}: what {@code fd_filestat_get} and {@code path_filestat_get} report. */
record Filestat(long device, long inode, Filetype filetype, long links, long size, long accessTime,
                long modificationTime, long changeTime) {
}
