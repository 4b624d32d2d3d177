package dev.windlass.wasi;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A directory of the java.nio backend, for any {@link java.nio.file.FileSystem} (Jimfs, for an
 * in-memory sandbox): a path of that file system with no symbolic link in it, beneath which
 * every guest path is resolved by a {@link BeneathWalk} over paths ({@code NOFOLLOW_LINKS},
 * {@link Files#readSymbolicLink}), under the host backend's rules.
 *
 * <p>java.nio has no directory handles, so this backend is not race-free against another
 * thread changing the same file system while the guest resolves a path; use it for file
 * systems only the guest changes (an in-memory one). It also knows a directory by its path:
 * a directory descriptor follows its name, not the directory, if something renames it.
 */
final class NioDirectory implements DirectoryHandle {

    private static final PathWalk WALK = new PathWalk();

    private final Path directory;
    private final boolean readOnly;

    private NioDirectory(Path directory, boolean readOnly) {
        this.directory = directory;
        this.readOnly = readOnly;
    }

    /** @throws IllegalArgumentException if {@code directory} is not a directory */
    static NioDirectory open(Path directory, boolean readOnly) {
        try {
            Path real = directory.toRealPath();
            if (!Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException("not a directory: " + directory);
            }
            return new NioDirectory(real, readOnly);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot open the directory " + directory + ": " + e);
        }
    }

    /** The walk over java.nio paths: a name is resolved as a child, checked to stay one. */
    private static final class PathWalk extends BeneathWalk<Path> {
        @Override
        Kind look(Path parent, String name) {
            BasicFileAttributes attributes = NioAttributes.readOrNull(child(parent, name));
            if (attributes == null) {
                return Kind.MISSING;
            }
            return attributes.isSymbolicLink() ? Kind.SYMLINK : attributes.isDirectory() ? Kind.DIRECTORY : Kind.OTHER;
        }

        @Override
        Path enter(Path parent, String name) {
            return child(parent, name);
        }

        @Override
        String readLink(Path parent, String name) {
            try {
                Path target = Files.readSymbolicLink(child(parent, name));
                if (target.isAbsolute() || target.getRoot() != null) {
                    return "/"; // refused by the walk as an escape
                }
                String separator = target.getFileSystem().getSeparator();
                String text = target.toString();
                return separator.equals("/") ? text : text.replace(separator, "/");
            } catch (IOException | UnsupportedOperationException e) {
                throw NioErrors.toWasi(e);
            }
        }

        @Override
        void release(Path directory) {
        }
    }

    /** {@return {@code name} resolved in {@code parent}} @throws WasiError EINVAL if the file system reads it as more than one name */
    private static Path child(Path parent, String name) {
        if (name.equals(".")) {
            return parent;
        }
        Path child = parent.resolve(name);
        if (child.getNameCount() != parent.getNameCount() + 1 || !parent.equals(child.getParent())) {
            throw new WasiError(Errno.EINVAL);
        }
        return child;
    }

    private interface Action<T> {
        T apply() throws IOException;
    }

    private static <T> T io(Action<T> action) {
        try {
            return action.apply();
        } catch (IOException | RuntimeException e) {
            if (e instanceof WasiError w) {
                throw w;
            }
            throw NioErrors.toWasi(e);
        }
    }

    private void writable() {
        if (readOnly) {
            throw new WasiError(Errno.EROFS);
        }
    }

    /** A resolved last component: the path it names and whether the guest wrote a trailing slash. */
    private record Target(Path path, boolean trailingSlash, boolean isSelf) {
        BasicFileAttributes attributes() {
            return NioAttributes.readOrNull(path);
        }
    }

    /** Resolves {@code path} beneath this directory, following its last link if {@code follow}. */
    private Target resolve(String path, boolean follow) {
        return io(() -> {
            BeneathWalk.Location<Path> location = WALK.walk(directory, path, follow);
            return new Target(child(location.directory(), location.bareName()), location.trailingSlash(),
                    location.bareName().equals("."));
        });
    }

    /** For the calls that act on a last link itself: a trailing slash never makes them follow it. */
    private Target resolveNoFollow(String path) {
        GuestPath.check(path);
        String bare = path;
        while (bare.length() > 1 && bare.endsWith("/")) {
            bare = bare.substring(0, bare.length() - 1);
        }
        Target target = resolve(bare, false);
        return new Target(target.path(), path.endsWith("/"), target.isSelf());
    }

    @Override
    public OpenNode open(String path, OpenRequest request) {
        if (request.mutates()) {
            writable();
        }
        Target target = resolve(path, request.followSymlinks());
        BasicFileAttributes attributes = target.attributes();
        if (attributes == null) {
            if (!request.create()) {
                throw new WasiError(Errno.ENOENT);
            }
            if (target.trailingSlash() || request.directory()) {
                throw new WasiError(Errno.EISDIR);
            }
            return io(() -> {
                try {
                    FileChannel channel = FileChannel.open(target.path(), StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.READ, StandardOpenOption.WRITE);
                    return new NioFile(channel, target.path(), request.append());
                } catch (FileAlreadyExistsException e) {
                    throw new WasiError(Errno.EEXIST);
                }
            });
        }
        if (request.create() && request.exclusive()) {
            throw new WasiError(Errno.EEXIST);
        }
        if (attributes.isSymbolicLink()) {
            throw new WasiError(request.directory() ? Errno.ENOTDIR : Errno.ELOOP);
        }
        if (attributes.isDirectory()) {
            if (request.write() || request.truncate()) {
                throw new WasiError(Errno.EISDIR);
            }
            return new NioDirectory(target.path(), readOnly);
        }
        if (request.directory() || target.trailingSlash()) {
            throw new WasiError(Errno.ENOTDIR);
        }
        return io(() -> {
            Set<OpenOption> options = new HashSet<>();
            options.add(StandardOpenOption.READ);
            if (request.write() || request.truncate()) {
                options.add(StandardOpenOption.WRITE);
            }
            options.add(LinkOption.NOFOLLOW_LINKS);
            FileChannel channel = FileChannel.open(target.path(), options);
            if (request.truncate()) {
                channel.truncate(0);
            }
            return new NioFile(channel, target.path(), request.append());
        });
    }

    @Override
    public void createDirectory(String path) {
        writable();
        Target target = resolveNoFollow(path);
        if (target.isSelf() || target.attributes() != null) {
            throw new WasiError(Errno.EEXIST);
        }
        io(() -> Files.createDirectory(target.path()));
    }

    @Override
    public void removeDirectory(String path) {
        writable();
        Target target = resolveNoFollow(path);
        if (target.isSelf()) {
            throw new WasiError(Errno.EINVAL);
        }
        BasicFileAttributes attributes = target.attributes();
        if (attributes == null) {
            throw new WasiError(Errno.ENOENT);
        }
        if (!attributes.isDirectory()) {
            throw new WasiError(Errno.ENOTDIR);
        }
        io(() -> {
            Files.delete(target.path());
            return null;
        });
    }

    @Override
    public void unlinkFile(String path) {
        writable();
        Target target = resolveNoFollow(path);
        BasicFileAttributes attributes = target.isSelf() ? NioAttributes.readOrNull(target.path()) : target.attributes();
        if (attributes == null) {
            throw new WasiError(Errno.ENOENT);
        }
        if (attributes.isDirectory()) {
            throw new WasiError(Errno.EISDIR);
        }
        if (target.trailingSlash()) {
            throw new WasiError(Errno.ENOTDIR);
        }
        io(() -> {
            Files.delete(target.path());
            return null;
        });
    }

    /** {@return the attributes of a resolved target} @throws WasiError ENOENT, or ENOTDIR for a file named with a slash */
    private static BasicFileAttributes existing(Target target) {
        BasicFileAttributes attributes = target.attributes();
        if (attributes == null) {
            throw new WasiError(Errno.ENOENT);
        }
        if (target.trailingSlash() && !attributes.isDirectory()) {
            throw new WasiError(Errno.ENOTDIR);
        }
        return attributes;
    }

    @Override
    public Filestat stat(String path, boolean followSymlinks) {
        Target target = resolve(path, followSymlinks);
        existing(target);
        return io(() -> NioAttributes.filestat(target.path()));
    }

    @Override
    public void setTimes(String path, boolean followSymlinks, TimeChange access, TimeChange modification) {
        writable();
        Target target = resolve(path, followSymlinks);
        existing(target);
        io(() -> {
            NioAttributes.setTimes(target.path(), access, modification);
            return null;
        });
    }

    @Override
    public byte[] readLink(String path) {
        if (path.endsWith("/")) {
            existing(resolve(path, true));
            throw new WasiError(Errno.EINVAL); // it resolved, through its link, to a directory
        }
        Target target = resolve(path, false);
        existing(target);
        return io(() -> {
            Path link = Files.readSymbolicLink(target.path());
            String separator = link.getFileSystem().getSeparator();
            String text = separator.equals("/") ? link.toString() : link.toString().replace(separator, "/");
            return text.getBytes(StandardCharsets.UTF_8);
        });
    }

    @Override
    public void symlink(String target, String path) {
        writable();
        GuestPath.checkLinkTarget(target);
        Target link = resolveNoFollow(path);
        if (link.isSelf() || link.attributes() != null) {
            throw new WasiError(Errno.EEXIST);
        }
        if (link.trailingSlash()) {
            throw new WasiError(Errno.ENOENT);
        }
        io(() -> Files.createSymbolicLink(link.path(), directory.getFileSystem().getPath(target)));
    }

    private NioDirectory sameFileSystem(DirectoryHandle other) {
        if (other instanceof NioDirectory nio && nio.directory.getFileSystem().equals(directory.getFileSystem())) {
            nio.writable();
            return nio;
        }
        throw new WasiError(Errno.EXDEV);
    }

    @Override
    public void link(String from, DirectoryHandle toDirectory, String to) {
        writable();
        NioDirectory destination = sameFileSystem(toDirectory);
        Target source = resolveNoFollow(from);
        BasicFileAttributes attributes = source.attributes();
        if (attributes == null) {
            throw new WasiError(Errno.ENOENT);
        }
        if (attributes.isDirectory() || source.isSelf()) {
            throw new WasiError(Errno.EPERM);
        }
        if (source.trailingSlash()) {
            throw new WasiError(Errno.ENOTDIR);
        }
        Target link = destination.resolveNoFollow(to);
        if (link.isSelf() || link.attributes() != null) {
            throw new WasiError(Errno.EEXIST);
        }
        if (link.trailingSlash()) {
            throw new WasiError(Errno.ENOENT);
        }
        if (attributes.isSymbolicLink()) {
            // java.nio's createLink follows a link; linkat(2) without AT_SYMLINK_FOLLOW links the
            // link itself. The nearest java.nio can do: a second link with the same target.
            io(() -> Files.createSymbolicLink(link.path(), Files.readSymbolicLink(source.path())));
            return;
        }
        io(() -> Files.createLink(link.path(), source.path()));
    }

    @Override
    public void rename(String from, DirectoryHandle toDirectory, String to) {
        writable();
        NioDirectory destination = sameFileSystem(toDirectory);
        Target source = resolveNoFollow(from);
        Target target = destination.resolveNoFollow(to);
        if (source.isSelf() || target.isSelf()) {
            throw new WasiError(Errno.EBUSY);
        }
        BasicFileAttributes moving = source.attributes();
        if (moving == null) {
            throw new WasiError(Errno.ENOENT);
        }
        boolean movingDirectory = moving.isDirectory();
        if (!movingDirectory && (source.trailingSlash() || target.trailingSlash())) {
            throw new WasiError(Errno.ENOTDIR);
        }
        BasicFileAttributes replaced = target.attributes();
        if (replaced != null) {
            if (replaced.fileKey() != null && replaced.fileKey().equals(moving.fileKey())) {
                return; // the same file: nothing to do
            }
            if (movingDirectory && !replaced.isDirectory()) {
                throw new WasiError(Errno.ENOTDIR);
            }
            if (!movingDirectory && replaced.isDirectory()) {
                throw new WasiError(Errno.EISDIR);
            }
        }
        if (movingDirectory && target.path().startsWith(source.path())) {
            throw new WasiError(Errno.EINVAL); // into itself
        }
        io(() -> Files.move(source.path(), target.path(), StandardCopyOption.REPLACE_EXISTING));
    }

    @Override
    public List<DirectoryEntryInfo> entries() {
        return io(() -> {
            List<DirectoryEntryInfo> entries = new ArrayList<>();
            Filestat self = NioAttributes.filestat(directory);
            entries.add(new DirectoryEntryInfo(self.inode(), Filetype.DIRECTORY, new byte[] {'.'}));
            // ".." has this directory's inode, as in Wasmtime: the parent of a preopen is outside it
            entries.add(new DirectoryEntryInfo(self.inode(), Filetype.DIRECTORY, new byte[] {'.', '.'}));
            try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
                for (Path child : children) {
                    BasicFileAttributes attributes = NioAttributes.readOrNull(child);
                    if (attributes == null) {
                        continue; // removed meanwhile
                    }
                    entries.add(new DirectoryEntryInfo(NioAttributes.filestat(child).inode(),
                            NioAttributes.filetype(attributes),
                            child.getFileName().toString().getBytes(StandardCharsets.UTF_8)));
                }
            }
            return entries;
        });
    }

    @Override
    public Filestat stat() {
        return io(() -> NioAttributes.filestat(directory));
    }

    @Override
    public void setTimes(TimeChange access, TimeChange modification) {
        writable();
        io(() -> {
            NioAttributes.setTimes(directory, access, modification);
            return null;
        });
    }

    @Override
    public void sync(boolean dataOnly) {
        // java.nio cannot sync a directory; an in-memory one has nothing to make durable
    }

    @Override
    public void close() {
    }
}
