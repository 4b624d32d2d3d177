package dev.windlass.wasi;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.ReadOnlyFileSystemException;

/** java.nio exceptions as WASI's {@link Errno}, for the java.nio backend. */
final class NioErrors {

    private NioErrors() {
    }

    static WasiError toWasi(Exception e) {
        return new WasiError(errno(e));
    }

    static Errno errno(Exception e) {
        return switch (e) {
            case NoSuchFileException x -> Errno.ENOENT;
            case FileAlreadyExistsException x -> Errno.EEXIST;
            case DirectoryNotEmptyException x -> Errno.ENOTEMPTY;
            case NotDirectoryException x -> Errno.ENOTDIR;
            case NotLinkException x -> Errno.EINVAL;
            case AccessDeniedException x -> Errno.EACCES;
            case FileSystemLoopException x -> Errno.ELOOP;
            case ReadOnlyFileSystemException x -> Errno.EROFS;
            case UnsupportedOperationException x -> Errno.ENOTSUP;
            case IllegalArgumentException x -> Errno.EINVAL;
            case FileSystemException x -> byReason(x.getReason());
            case IOException x -> Errno.EIO;
            default -> Errno.EIO;
        };
    }

    /** Some file systems (Jimfs) say what went wrong only in words. */
    private static Errno byReason(String reason) {
        if (reason == null) {
            return Errno.EIO;
        }
        String r = reason.toLowerCase(java.util.Locale.ROOT);
        if (r.contains("not a directory")) {
            return Errno.ENOTDIR;
        }
        if (r.contains("is a directory")) {
            return Errno.EISDIR;
        }
        if (r.contains("not empty")) {
            return Errno.ENOTEMPTY;
        }
        if (r.contains("exists")) {
            return Errno.EEXIST;
        }
        if (r.contains("no such file")) {
            return Errno.ENOENT;
        }
        if (r.contains("too many levels") || r.contains("loop")) {
            return Errno.ELOOP;
        }
        if (r.contains("invalid argument")) {
            return Errno.EINVAL;
        }
        return Errno.EIO;
    }
}
