package dev.windlass.wasi;

/** One entry {@code fd_readdir} reports: its inode, its type and its name's bytes. */
record DirectoryEntryInfo(long inode, Filetype type, byte[] name) {
}
