package dev.windlass.nativemem;

/**
 * One entry of a directory as {@code getdents64(2)} reports it.
 *
 * @param inode {@code d_ino}
 * @param type  {@code d_type}: one of the {@code DT_*} constants of {@link LinuxFiles}
 * @param name  the name's bytes, without the terminating NUL (not necessarily UTF-8)
 */
public record DirectoryEntry(long inode, int type, byte[] name) {
}
