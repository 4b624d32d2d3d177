package dev.windlass.wasi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * In-memory directories to preopen: a guest that must not touch the host's disk at all (a
 * per-request plugin, a test) gets a directory of its own in-memory file system.
 *
 * <pre>{@code
 * Path scratch = InMemoryDirectories.create();                    // empty
 * Path data = InMemoryDirectories.copyOf(Path.of("fixtures"));     // a copy of a host folder
 * WasiConfig config = WasiConfig.builder().preopen(scratch, "/tmp").preopenReadOnly(data, "/data").build();
 * }</pre>
 *
 * <p>The file system is Jimfs (Unix flavour: "/" separated, case-sensitive, symbolic and hard
 * links), an <b>optional</b> dependency of this module: add {@code com.google.jimfs:jimfs} to
 * the application. On the module path, resolve both {@code com.google.common.jimfs} and
 * {@code com.google.common} (Guava): Jimfs is an automatic module, which does not say that it
 * needs Guava, so {@code requires com.google.common} (or {@code --add-modules}) it too. Each
 * call makes a new file system, freed when no path of it is reachable any more. Any other
 * {@link FileSystem} can be preopened as well; only the default one goes through the host
 * backend.
 */
public final class InMemoryDirectories {

    private InMemoryDirectories() {
    }

    /**
     * {@return the empty root directory of a new in-memory file system}
     * @throws IllegalStateException if Jimfs is not on the class or module path
     */
    public static Path create() {
        try {
            FileSystem fileSystem = com.google.common.jimfs.Jimfs.newFileSystem(
                    com.google.common.jimfs.Configuration.unix().toBuilder()
                            .setAttributeViews("basic", "owner", "posix", "unix").build());
            return fileSystem.getPath("/");
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("in-memory directories need com.google.jimfs:jimfs and Guava: on the "
                    + "class path, or on the module path with both modules resolved (requires com.google.common.jimfs "
                    + "and com.google.common, or --add-modules): " + e.getMessage(), e);
        }
    }

    /**
     * {@return a new in-memory directory holding a copy of the host folder {@code source}}:
     * files, folders and symbolic links (copied as links, not followed), modification times kept.
     * @throws UncheckedIOException if {@code source} cannot be read
     */
    public static Path copyOf(Path source) {
        Path root = create();
        try {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes)
                        throws IOException {
                    Path target = target(directory);
                    if (!Files.exists(target)) {
                        Files.createDirectory(target);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Path target = target(file);
                    if (attributes.isSymbolicLink()) {
                        Files.createSymbolicLink(target, root.getFileSystem().getPath(
                                Files.readSymbolicLink(file).toString()));
                    } else if (attributes.isRegularFile()) {
                        Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    }
                    return FileVisitResult.CONTINUE;
                }

                private Path target(Path path) {
                    Path target = root;
                    for (Path name : source.relativize(path)) {
                        if (!name.toString().isEmpty()) {
                            target = target.resolve(name.toString());
                        }
                    }
                    return target;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }
}
