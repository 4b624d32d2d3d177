package dev.windlass.nativemem;

/**
 * What {@code fstatat(2)} reports about a file, from the x86-64 {@code struct stat}.
 *
 * @param device   {@code st_dev}
 * @param inode    {@code st_ino}
 * @param mode     {@code st_mode}: type ({@link #type()}) and permission bits
 * @param links    {@code st_nlink}
 * @param size     {@code st_size} in bytes
 * @param accessTime       {@code st_atim} in nanoseconds since the epoch
 * @param modificationTime {@code st_mtim} in nanoseconds since the epoch
 * @param changeTime       {@code st_ctim} in nanoseconds since the epoch
 */
public record FileStatus(long device, long inode, int mode, long links, long size, long accessTime,
                         long modificationTime, long changeTime) {

    public static final int S_IFMT = 0170000;
    public static final int S_IFSOCK = 0140000;
    public static final int S_IFLNK = 0120000;
    public static final int S_IFREG = 0100000;
    public static final int S_IFBLK = 0060000;
    public static final int S_IFDIR = 0040000;
    public static final int S_IFCHR = 0020000;
    public static final int S_IFIFO = 0010000;

    /** {@return the file type bits of {@link #mode()}, one of the {@code S_IF*} constants} */
    public int type() {
        return mode & S_IFMT;
    }

    public boolean isDirectory() {
        return type() == S_IFDIR;
    }

    public boolean isSymbolicLink() {
        return type() == S_IFLNK;
    }
}
