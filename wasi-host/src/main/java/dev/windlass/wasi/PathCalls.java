package dev.windlass.wasi;

/**
 * The {@code path_*} functions, each relative to a directory descriptor whose capability
 * ({@link DirectoryHandle}) resolves the path beneath it. The path is read first (a bad pointer
 * is EFAULT, bad UTF-8 EILSEQ), then the descriptor must be a directory (else ENOTDIR) holding
 * the right the call needs (else ENOTCAPABLE).
 */
final class PathCalls {

    private final FdTable fds;
    private final WasiAbi abi;

    PathCalls(FdTable fds, WasiAbi abi) {
        this.fds = fds;
        this.abi = abi;
    }

    /** The most bytes a path may have: {@link GuestPath#PATH_MAX} characters of up to 4 UTF-8 bytes. */
    private static final int MAX_PATH_BYTES = 4 * (GuestPath.PATH_MAX + 1);

    /**
     * {@return the guest's path}: checked against memory first (EFAULT), then refused with
     * ENAMETOOLONG before it is copied if no file system could take it.
     */
    private static String path(GuestMemory memory, int pointer, int length) {
        memory.check(pointer, Integer.toUnsignedLong(length));
        if (Integer.toUnsignedLong(length) > MAX_PATH_BYTES) {
            throw new WasiError(Errno.ENAMETOOLONG);
        }
        return memory.string(pointer, length);
    }

    private DirectoryDescriptor descriptor(int fd) {
        if (fds.get(fd) instanceof DirectoryDescriptor directory) {
            return directory;
        }
        throw new WasiError(Errno.ENOTDIR);
    }

    private DirectoryHandle directory(int fd, long rights) {
        return descriptor(fd).directory(rights);
    }

    Errno createDirectory(GuestMemory memory, int fd, int path, int pathLength) {
        String name = path(memory, path, pathLength);
        directory(fd, Rights.PATH_CREATE_DIRECTORY).createDirectory(name);
        return Errno.SUCCESS;
    }

    Errno removeDirectory(GuestMemory memory, int fd, int path, int pathLength) {
        String name = path(memory, path, pathLength);
        directory(fd, Rights.PATH_REMOVE_DIRECTORY).removeDirectory(name);
        return Errno.SUCCESS;
    }

    Errno unlinkFile(GuestMemory memory, int fd, int path, int pathLength) {
        String name = path(memory, path, pathLength);
        directory(fd, Rights.PATH_UNLINK_FILE).unlinkFile(name);
        return Errno.SUCCESS;
    }

    Errno filestatGet(GuestMemory memory, int fd, int lookupFlags, int path, int pathLength, int statPointer) {
        String name = path(memory, path, pathLength);
        Filestat stat = directory(fd, Rights.PATH_FILESTAT_GET).stat(name, follows(lookupFlags));
        abi.writeFilestat(memory, statPointer, stat);
        return Errno.SUCCESS;
    }

    Errno filestatSetTimes(GuestMemory memory, int fd, int lookupFlags, int path, int pathLength, long accessTime,
                           long modificationTime, int fstflags) {
        String name = path(memory, path, pathLength);
        DirectoryHandle directory = directory(fd, Rights.PATH_FILESTAT_SET_TIMES);
        TimeChange[] changes = TimeChange.fromFlags(accessTime, modificationTime, fstflags);
        directory.setTimes(name, follows(lookupFlags), changes[0], changes[1]);
        return Errno.SUCCESS;
    }

    Errno open(GuestMemory memory, int fd, int lookupFlags, int path, int pathLength, int oflags, long rightsBase,
               long rightsInheriting, int fdflags, int fdPointer) {
        String name = path(memory, path, pathLength);
        memory.check(fdPointer, 4);
        DirectoryDescriptor parent = descriptor(fd);
        if ((oflags & ~15) != 0 || (fdflags & ~Rights.FDFLAGS_ALL) != 0) {
            throw new WasiError(Errno.EINVAL);
        }
        boolean directoryWanted = (oflags & Rights.OFLAG_DIRECTORY) != 0;
        if (directoryWanted && (oflags & (Rights.OFLAG_CREAT | Rights.OFLAG_EXCL | Rights.OFLAG_TRUNC)) != 0) {
            throw new WasiError(Errno.EINVAL);
        }
        long needed = Rights.PATH_OPEN
                | ((oflags & Rights.OFLAG_CREAT) != 0 ? Rights.PATH_CREATE_FILE : 0)
                | ((oflags & Rights.OFLAG_TRUNC) != 0 ? Rights.PATH_FILESTAT_SET_SIZE : 0);
        DirectoryHandle directory = parent.directory(needed);
        long base = rightsBase & parent.rightsInheriting();
        long inheriting = rightsInheriting & parent.rightsInheriting();
        OpenRequest request = new OpenRequest(follows(lookupFlags), (oflags & Rights.OFLAG_CREAT) != 0,
                (oflags & Rights.OFLAG_EXCL) != 0, (oflags & Rights.OFLAG_TRUNC) != 0, directoryWanted,
                (base & Rights.NEEDS_READ) != 0, (base & Rights.NEEDS_WRITE) != 0, fdflags);
        OpenNode node = directory.open(name, request);
        Descriptor opened = node instanceof DirectoryHandle handle
                ? new DirectoryDescriptor(handle, base & Rights.DIRECTORY_BASE, inheriting, null)
                : new FileDescriptor((FileHandle) node, base & Rights.FILE_BASE, inheriting, fdflags);
        int number;
        try {
            number = fds.add(opened);
        } catch (WasiError e) {
            node.close();
            throw e;
        }
        memory.setU32(fdPointer, number);
        return Errno.SUCCESS;
    }

    Errno readlink(GuestMemory memory, int fd, int path, int pathLength, int buffer, int bufferLength,
                   int usedPointer) {
        String name = path(memory, path, pathLength);
        memory.check(buffer, Integer.toUnsignedLong(bufferLength));
        memory.check(usedPointer, 4);
        byte[] target = directory(fd, Rights.PATH_READLINK).readLink(name);
        int length = (int) Math.min(target.length, Integer.toUnsignedLong(bufferLength));
        memory.write(buffer, java.util.Arrays.copyOf(target, length));
        memory.setU32(usedPointer, length);
        return Errno.SUCCESS;
    }

    Errno symlink(GuestMemory memory, int target, int targetLength, int fd, int path, int pathLength) {
        String content = path(memory, target, targetLength);
        String name = path(memory, path, pathLength);
        directory(fd, Rights.PATH_SYMLINK).symlink(content, name);
        return Errno.SUCCESS;
    }

    Errno link(GuestMemory memory, int fromFd, int lookupFlags, int from, int fromLength, int toFd, int to,
               int toLength) {
        String source = path(memory, from, fromLength);
        String destination = path(memory, to, toLength);
        DirectoryHandle sourceDirectory = directory(fromFd, Rights.PATH_LINK_SOURCE);
        DirectoryHandle targetDirectory = directory(toFd, Rights.PATH_LINK_TARGET);
        if (follows(lookupFlags)) {
            throw new WasiError(Errno.EINVAL); // as Wasmtime: a link to what a symlink names is not offered
        }
        sourceDirectory.link(source, targetDirectory, destination);
        return Errno.SUCCESS;
    }

    Errno rename(GuestMemory memory, int fromFd, int from, int fromLength, int toFd, int to, int toLength) {
        String source = path(memory, from, fromLength);
        String destination = path(memory, to, toLength);
        DirectoryHandle sourceDirectory = directory(fromFd, Rights.PATH_RENAME_SOURCE);
        DirectoryHandle targetDirectory = directory(toFd, Rights.PATH_RENAME_TARGET);
        sourceDirectory.rename(source, targetDirectory, destination);
        return Errno.SUCCESS;
    }

    private static boolean follows(int lookupFlags) {
        return (lookupFlags & Rights.LOOKUP_SYMLINK_FOLLOW) != 0;
    }
}
