package dev.windlass.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A java.nio file's attributes as a WASI {@link Filestat}, never following a last symbolic link. */
final class NioAttributes {

    private NioAttributes() {
    }

    /** {@return the attributes of {@code path}, or null if nothing is there} */
    static BasicFileAttributes readOrNull(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    static Filetype filetype(BasicFileAttributes attributes) {
        if (attributes.isSymbolicLink()) {
            return Filetype.SYMBOLIC_LINK;
        }
        if (attributes.isDirectory()) {
            return Filetype.DIRECTORY;
        }
        return attributes.isRegularFile() ? Filetype.REGULAR_FILE : Filetype.UNKNOWN;
    }

    static Filestat filestat(Path path) throws IOException {
        BasicFileAttributes basic = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        long device = 0;
        long inode = basic.fileKey() == null ? 0 : Integer.toUnsignedLong(basic.fileKey().hashCode());
        long links = 1;
        long change = nanos(basic.lastModifiedTime());
        try {
            // Jimfs and the JDK's Linux file system have the "unix" view; others may not.
            Map<String, Object> unix = Files.readAttributes(path, "unix:dev,ino,nlink,ctime", LinkOption.NOFOLLOW_LINKS);
            device = ((Number) unix.getOrDefault("dev", 0L)).longValue();
            inode = ((Number) unix.getOrDefault("ino", inode)).longValue();
            links = ((Number) unix.getOrDefault("nlink", 1)).longValue();
            if (unix.get("ctime") instanceof FileTime ctime) {
                change = nanos(ctime);
            }
        } catch (UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            // keep what the basic view gave
        }
        return new Filestat(device, inode, filetype(basic), links, basic.size(), nanos(basic.lastAccessTime()),
                nanos(basic.lastModifiedTime()), change);
    }

    static void setTimes(Path path, TimeChange access, TimeChange modification) throws IOException {
        BasicFileAttributeView view = Files.getFileAttributeView(path, BasicFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        FileTime now = FileTime.from(Instant.now());
        view.setTimes(time(modification, now), time(access, now), null);
    }

    private static FileTime time(TimeChange change, FileTime now) {
        if (change == null) {
            return null;
        }
        return change.now() ? now : FileTime.from(Instant.ofEpochSecond(Math.floorDiv(change.nanos(), 1_000_000_000L),
                Math.floorMod(change.nanos(), 1_000_000_000L)));
    }

    private static long nanos(FileTime time) {
        Instant instant = time.toInstant();
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), TimeUnit.SECONDS.toNanos(1)),
                    instant.getNano());
        } catch (ArithmeticException e) {
            return instant.getEpochSecond() < 0 ? 0 : Long.MAX_VALUE;
        }
    }
}
