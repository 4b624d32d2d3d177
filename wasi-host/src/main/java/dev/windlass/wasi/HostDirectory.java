package dev.windlass.wasi;

import dev.windlass.nativemem.DirectoryEntry;
import dev.windlass.nativemem.FileStatus;
import dev.windlass.nativemem.LinuxFiles;
import dev.windlass.nativemem.SyscallException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A directory of the host backend (Linux, the default file system): a descriptor this object
 * owns, beneath which every path is resolved race-free by a {@link HostResolver}.
 *
 * <p>Opening and stat-ing go through the resolver with the whole path. Every other operation
 * opens the parent directory through the resolver ({@link GuestPath}) and acts with the
 * {@code *at} call on the last component, which those calls never follow (mkdirat, unlinkat,
 * renameat, symlinkat, readlinkat, linkat without AT_SYMLINK_FOLLOW, utimensat with
 * AT_SYMLINK_NOFOLLOW). A last component with a trailing slash would make readlinkat and
 * linkat follow it, so those resolve the whole path first.
 */
final class HostDirectory extends HostNode implements DirectoryHandle {

    private static final int NEW_FILE_MODE = 0666;
    private static final int NEW_DIRECTORY_MODE = 0777;

    private final HostResolver resolver;
    private final boolean readOnly;

    private HostDirectory(int fd, HostResolver resolver, boolean readOnly) {
        super(fd);
        this.resolver = resolver;
        this.readOnly = readOnly;
    }

    /**
     * Opens {@code directory} of the default file system.
     *
     * @param kernelResolution whether to use openat2 when the kernel has it (false: always the user-space walk)
     * @throws IllegalArgumentException if it is not a directory that can be opened
     */
    static HostDirectory open(Path directory, boolean readOnly, boolean kernelResolution) {
        try {
            int fd = LinuxFiles.openat(LinuxFiles.AT_FDCWD, directory.toAbsolutePath().toString(),
                    LinuxFiles.O_RDONLY | LinuxFiles.O_DIRECTORY, 0);
            return new HostDirectory(fd, HostResolver.select(kernelResolution), readOnly);
        } catch (SyscallException e) {
            throw new IllegalArgumentException("cannot open the directory " + directory + ": " + e.getMessage());
        }
    }

    @Override
    void checkChangeable() {
        if (readOnly) {
            throw new WasiError(Errno.EROFS);
        }
    }

    @Override
    public OpenNode open(String path, OpenRequest request) {
        if (request.mutates()) {
            checkChangeable();
        }
        int access = request.read() && request.write() ? LinuxFiles.O_RDWR
                : request.write() ? LinuxFiles.O_WRONLY : LinuxFiles.O_RDONLY;
        int flags = access | LinuxFiles.O_NOCTTY | LinuxFiles.O_NONBLOCK
                | (request.create() ? LinuxFiles.O_CREAT : 0)
                | (request.exclusive() ? LinuxFiles.O_EXCL : 0)
                | (request.truncate() ? LinuxFiles.O_TRUNC : 0)
                | (request.directory() ? LinuxFiles.O_DIRECTORY : 0)
                | (request.append() ? LinuxFiles.O_APPEND : 0)
                | ((request.fdflags() & Rights.FDFLAG_DSYNC) != 0 ? LinuxFiles.O_DSYNC : 0)
                | ((request.fdflags() & (Rights.FDFLAG_SYNC | Rights.FDFLAG_RSYNC)) != 0 ? LinuxFiles.O_SYNC : 0);
        if (path.endsWith("/") && request.create()) {
            throw new WasiError(Errno.EISDIR);
        }
        int opened = resolver.open(fd(), path, flags, NEW_FILE_MODE, request.followSymlinks());
        try {
            FileStatus status = LinuxFiles.fstat(opened);
            if (status.isDirectory()) {
                return new HostDirectory(opened, resolver, readOnly);
            }
            // Opened non-blocking so that a FIFO cannot hang the open; blocking again unless asked.
            if ((request.fdflags() & Rights.FDFLAG_NONBLOCK) == 0) {
                LinuxFiles.fcntl(opened, LinuxFiles.F_SETFL,
                        LinuxFiles.fcntl(opened, LinuxFiles.F_GETFL, 0) & ~LinuxFiles.O_NONBLOCK);
            }
            return new HostFile(opened, HostFile.filetype(status));
        } catch (SyscallException e) {
            HostResolver.closeQuietly(opened);
            throw HostErrors.toWasi(e);
        }
    }

    /** Runs {@code action} with an O_PATH descriptor of {@code path}'s parent and its last component. */
    private <T> T inParent(String path, ParentAction<T> action) {
        GuestPath split = GuestPath.split(path);
        int parent = resolver.openParent(fd(), split);
        try {
            return action.apply(parent, split);
        } catch (SyscallException e) {
            throw HostErrors.toWasi(e);
        } finally {
            HostResolver.closeQuietly(parent);
        }
    }

    private interface ParentAction<T> {
        T apply(int parent, GuestPath path);
    }

    @Override
    public void createDirectory(String path) {
        checkChangeable();
        inParent(path, (parent, p) -> {
            LinuxFiles.mkdirat(parent, p.name(), NEW_DIRECTORY_MODE);
            return null;
        });
    }

    @Override
    public void removeDirectory(String path) {
        checkChangeable();
        inParent(path, (parent, p) -> {
            LinuxFiles.unlinkat(parent, p.name(), LinuxFiles.AT_REMOVEDIR);
            return null;
        });
    }

    @Override
    public void unlinkFile(String path) {
        checkChangeable();
        inParent(path, (parent, p) -> {
            LinuxFiles.unlinkat(parent, p.name(), 0);
            return null;
        });
    }

    @Override
    public Filestat stat(String path, boolean followSymlinks) {
        int opened = resolver.open(fd(), path, LinuxFiles.O_PATH, 0, followSymlinks);
        try {
            return filestat(LinuxFiles.fstat(opened));
        } catch (SyscallException e) {
            throw HostErrors.toWasi(e);
        } finally {
            HostResolver.closeQuietly(opened);
        }
    }

    @Override
    public void setTimes(String path, boolean followSymlinks, TimeChange access, TimeChange modification) {
        checkChangeable();
        if (followSymlinks || path.endsWith("/")) {
            // The resolver found the file beneath this directory; act on exactly that file.
            int opened = resolver.open(fd(), path, LinuxFiles.O_PATH, 0, true);
            try {
                LinuxFiles.utimensat(LinuxFiles.AT_FDCWD, "/proc/self/fd/" + opened, utime(access),
                        utime(modification), 0);
            } catch (SyscallException e) {
                throw HostErrors.toWasi(e);
            } finally {
                HostResolver.closeQuietly(opened);
            }
            return;
        }
        inParent(path, (parent, p) -> {
            LinuxFiles.utimensat(parent, p.name(), utime(access), utime(modification),
                    LinuxFiles.AT_SYMLINK_NOFOLLOW);
            return null;
        });
    }

    @Override
    public byte[] readLink(String path) {
        if (path.endsWith("/")) {
            HostResolver.closeQuietly(resolver.open(fd(), path, LinuxFiles.O_PATH, 0, true));
            throw new WasiError(Errno.EINVAL); // it resolved, through its link, to a directory
        }
        return inParent(path, (parent, p) -> LinuxFiles.readlinkat(parent, p.name()));
    }

    @Override
    public void symlink(String target, String path) {
        checkChangeable();
        GuestPath.checkLinkTarget(target);
        inParent(path, (parent, p) -> {
            LinuxFiles.symlinkat(target, parent, p.name());
            return null;
        });
    }

    @Override
    public void link(String from, DirectoryHandle toDirectory, String to) {
        checkChangeable();
        HostDirectory target = sameBackend(toDirectory);
        target.checkChangeable();
        if (from.endsWith("/")) {
            HostResolver.closeQuietly(resolver.open(fd(), from, LinuxFiles.O_PATH, 0, true));
            throw new WasiError(Errno.EPERM); // it resolved to a directory, which cannot be linked
        }
        inParent(from, (fromParent, fromPath) -> target.inParent(to, (toParent, toPath) -> {
            LinuxFiles.linkat(fromParent, fromPath.name(), toParent, toPath.name(), 0);
            return null;
        }));
    }

    @Override
    public void rename(String from, DirectoryHandle toDirectory, String to) {
        checkChangeable();
        HostDirectory target = sameBackend(toDirectory);
        target.checkChangeable();
        inParent(from, (fromParent, fromPath) -> target.inParent(to, (toParent, toPath) -> {
            LinuxFiles.renameat(fromParent, fromPath.name(), toParent, toPath.name());
            return null;
        }));
    }

    private static HostDirectory sameBackend(DirectoryHandle other) {
        if (other instanceof HostDirectory host) {
            return host;
        }
        throw new WasiError(Errno.EXDEV);
    }

    /**
     * {@inheritDoc} {@code .} and {@code ..} are made here, both with this directory's inode
     * (as Wasmtime does): the kernel's {@code ..} of a preopen would name a directory outside it.
     */
    @Override
    public List<DirectoryEntryInfo> entries() {
        try {
            long self = LinuxFiles.fstat(fd()).inode();
            List<DirectoryEntry> raw = LinuxFiles.readDirectory(fd());
            List<DirectoryEntryInfo> entries = new ArrayList<>(raw.size());
            entries.add(new DirectoryEntryInfo(self, Filetype.DIRECTORY, DOT));
            entries.add(new DirectoryEntryInfo(self, Filetype.DIRECTORY, DOT_DOT));
            for (DirectoryEntry entry : raw) {
                if (!Arrays.equals(entry.name(), DOT) && !Arrays.equals(entry.name(), DOT_DOT)) {
                    Filetype type = entry.type() == LinuxFiles.DT_UNKNOWN
                            ? typeOf(new String(entry.name(), StandardCharsets.UTF_8)) : direntType(entry.type());
                    entries.add(new DirectoryEntryInfo(entry.inode(), type, entry.name()));
                }
            }
            return entries;
        } catch (SyscallException e) {
            throw HostErrors.toWasi(e);
        }
    }

    private static final byte[] DOT = ".".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DOT_DOT = "..".getBytes(StandardCharsets.UTF_8);

    /** Some file systems leave {@code d_type} unknown; then the entry is looked at. */
    private Filetype typeOf(String name) {
        try {
            return HostFile.filetype(LinuxFiles.fstatat(fd(), name, LinuxFiles.AT_SYMLINK_NOFOLLOW));
        } catch (SyscallException e) {
            return Filetype.UNKNOWN; // removed meanwhile
        }
    }

    private static Filetype direntType(int type) {
        return switch (type) {
            case LinuxFiles.DT_REG -> Filetype.REGULAR_FILE;
            case LinuxFiles.DT_DIR -> Filetype.DIRECTORY;
            case LinuxFiles.DT_LNK -> Filetype.SYMBOLIC_LINK;
            case LinuxFiles.DT_CHR -> Filetype.CHARACTER_DEVICE;
            case LinuxFiles.DT_BLK -> Filetype.BLOCK_DEVICE;
            case LinuxFiles.DT_SOCK -> Filetype.SOCKET_STREAM;
            default -> Filetype.UNKNOWN;
        };
    }

    static Filestat filestat(FileStatus status) {
        return new Filestat(status.device(), status.inode(), HostFile.filetype(status), status.links(),
                status.size(), status.accessTime(), status.modificationTime(), status.changeTime());
    }

    static long utime(TimeChange change) {
        if (change == null) {
            return LinuxFiles.UTIME_OMIT;
        }
        return change.now() ? LinuxFiles.UTIME_NOW : change.nanos();
    }
}
