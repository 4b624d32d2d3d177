package dev.windlass.wasi;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A guest path split for resolution beneath a directory: the part that names the parent
 * directory and the last component, which the operation acts on. A trailing slash is kept on
 * the last component (so "not a directory" rules apply as on Linux); a last component of
 * {@code .} or {@code ..} is folded into the parent, which is then acted on as {@code "."}.
 *
 * <pre>
 *   "a/b/c"  -> parent "a/b", name "c"        "c"     -> parent ".",    name "c"
 *   "a/b/"   -> parent "a",   name "b/"       "a/.."  -> parent "a/..", name "."
 * </pre>
 *
 * @param parent the directory part, {@code "."} if none
 * @param name   the last component, with its trailing slash if the path had one
 */
record GuestPath(String parent, String name) {

    /** The longest path and component Linux accepts; longer ones fail with ENAMETOOLONG everywhere. */
    static final int PATH_MAX = 4095;
    static final int NAME_MAX = 255;

    /**
     * {@return {@code path} split}
     * @throws WasiError ENOENT for an empty path, ENOTCAPABLE for an absolute one, ENAMETOOLONG, EINVAL for a NUL
     */
    static GuestPath split(String path) {
        check(path);
        boolean trailingSlash = path.endsWith("/");
        String trimmed = path;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        int slash = trimmed.lastIndexOf('/');
        String last = trimmed.substring(slash + 1);
        String parent = slash < 0 ? "." : trimmed.substring(0, slash);
        if (parent.isEmpty()) {
            parent = ".";
        }
        if (last.equals(".") || last.equals("..")) {
            return new GuestPath(trimmed, ".");
        }
        return new GuestPath(parent, trailingSlash ? last + "/" : last);
    }

    /**
     * Checks what no backend may pass to its file system: empty, absolute, too long, NUL.
     * The same answer whatever exists on either side of the sandbox.
     */
    static void check(String path) {
        if (path.isEmpty()) {
            throw new WasiError(Errno.ENOENT);
        }
        if (path.indexOf('\0') >= 0) {
            throw new WasiError(Errno.EINVAL);
        }
        if (path.length() > PATH_MAX) {
            throw new WasiError(Errno.ENAMETOOLONG);
        }
        for (String component : path.split("/")) {
            if (component.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > NAME_MAX) {
                throw new WasiError(Errno.ENAMETOOLONG);
            }
        }
        if (path.charAt(0) == '/') {
            throw new WasiError(Errno.ENOTCAPABLE);
        }
    }

    /**
     * Checks the target of a new symbolic link: not empty (ENOENT), no NUL (EINVAL), not too
     * long, and not absolute (EPERM, as cap-std refuses): a link inside a preopen that names a
     * host path would mislead whoever else reads the directory.
     */
    static void checkLinkTarget(String target) {
        if (target.startsWith("/")) {
            throw new WasiError(Errno.EPERM);
        }
        check(target);
    }

    boolean trailingSlash() {
        return name.endsWith("/");
    }

    /** {@return the last component without its trailing slash} */
    String bareName() {
        return trailingSlash() ? name.substring(0, name.length() - 1) : name;
    }

    /** {@return the non-empty components of {@code path}, in order} */
    static Deque<String> components(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts;
    }
}
