package dev.windlass.wasi;

import java.util.List;

/**
 * A directory capability of a backend: every path is resolved beneath it, never above it,
 * following Wasmtime's (cap-std's) rules: no absolute path, no {@code ..} above this
 * directory, no symbolic link that leads out (absolute ones included), at most 40 symbolic
 * links per resolution (then ELOOP). An escape fails with ENOTCAPABLE, decided before anything
 * outside is looked at. Intermediate symbolic links are always followed; the last component's
 * only when asked (and always when the path ends in a slash).
 */
interface DirectoryHandle extends OpenNode {

    /** {@return the opened file or directory} */
    OpenNode open(String path, OpenRequest request);

    void createDirectory(String path);

    void removeDirectory(String path);

    void unlinkFile(String path);

    Filestat stat(String path, boolean followSymlinks);

    void setTimes(String path, boolean followSymlinks, TimeChange access, TimeChange modification);

    /** {@return the bytes of the symbolic link {@code path}} */
    byte[] readLink(String path);

    /** Creates the symbolic link {@code path} holding {@code target} (refused with EPERM if absolute). */
    void symlink(String target, String path);

    /** Hard-links {@code from} as {@code to} beneath {@code toDirectory} (same backend, else EXDEV); symlinks are linked themselves. */
    void link(String from, DirectoryHandle toDirectory, String to);

    void rename(String from, DirectoryHandle toDirectory, String to);

    /** {@return every entry, {@code .} and {@code ..} first, then the directory's order} */
    List<DirectoryEntryInfo> entries();
}
