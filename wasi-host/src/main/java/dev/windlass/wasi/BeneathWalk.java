package dev.windlass.wasi;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Path resolution done in user space, one component at a time, never leaving the start
 * directory: the rules the kernel applies for {@code openat2(RESOLVE_BENEATH)}, for the file
 * systems and kernels that cannot do it themselves (the java.nio backend; Linux before 5.6).
 *
 * <pre>
 *   "."          stays
 *   ".."         pops one directory; popping the start directory is an escape (ENOTCAPABLE)
 *   name         looked at without following: a directory is entered, a symbolic link's
 *                target replaces it (absolute target: ENOTCAPABLE; more than 40 hops:
 *                ELOOP), anything else in the middle of a path is ENOTDIR, nothing is ENOENT
 *   last name    returned as it is, or resolved like the others when following
 * </pre>
 *
 * Every directory entered is held open ({@code D} is a handle: an O_PATH descriptor, or a
 * java.nio path with no symbolic link in it) so that {@code ..} goes back to where the walk
 * came from, not to wherever the name now points. Nothing outside the start directory is
 * ever named, so an escape's errno does not depend on what exists outside.
 *
 * @param <D> an open directory
 */
abstract class BeneathWalk<D> {

    /** Linux's limit on symbolic links followed in one resolution. */
    static final int MAX_SYMLINK_HOPS = 40;

    enum Kind { DIRECTORY, SYMLINK, OTHER, MISSING }

    /**
     * Where a walk ended: the directory that holds the last component, and its name ({@code "."}
     * for the directory itself), with the trailing slash if the path asked for a directory.
     *
     * @param owned whether the caller must {@link #release} {@code directory} (false for the start)
     */
    record Location<D>(D directory, String name, boolean owned) {
        String bareName() {
            return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        }

        boolean trailingSlash() {
            return name.endsWith("/");
        }
    }

    /** {@return what {@code name} in {@code directory} is, without following it} */
    abstract Kind look(D directory, String name);

    /** {@return the directory {@code name} in {@code directory}, opened without following a link} */
    abstract D enter(D directory, String name);

    abstract String readLink(D directory, String name);

    abstract void release(D directory);

    /**
     * Resolves {@code path} beneath {@code start}.
     *
     * @param followLast whether a symbolic link as the last component is resolved too
     */
    Location<D> walk(D start, String path, boolean followLast) {
        GuestPath.check(path);
        boolean trailingSlash = path.endsWith("/");
        Deque<String> pending = GuestPath.components(path);
        Deque<D> entered = new ArrayDeque<>();
        entered.push(start);
        int hops = 0;
        try {
            while (true) {
                String name = pending.isEmpty() ? "." : pending.pollFirst();
                boolean last = pending.isEmpty();
                if (name.equals(".") || name.equals("..")) {
                    if (name.equals("..")) {
                        if (entered.size() == 1) {
                            throw new WasiError(Errno.ENOTCAPABLE);
                        }
                        release(entered.pop());
                    }
                    if (last) {
                        return done(entered, ".");
                    }
                    continue;
                }
                if (last && !followLast && !trailingSlash) {
                    return done(entered, name);
                }
                Kind kind = look(entered.peek(), name);
                if (kind == Kind.SYMLINK) {
                    if (++hops > MAX_SYMLINK_HOPS) {
                        throw new WasiError(Errno.ELOOP);
                    }
                    String target;
                    try {
                        target = readLink(entered.peek(), name);
                    } catch (WasiError e) {
                        if (e.errno() != Errno.EINVAL) {
                            throw e;
                        }
                        pending.addFirst(name); // no longer a link (renamed meanwhile): look again
                        continue;
                    }
                    if (target.isEmpty()) {
                        throw new WasiError(Errno.ENOENT);
                    }
                    if (target.startsWith("/")) {
                        throw new WasiError(Errno.ENOTCAPABLE);
                    }
                    List<String> parts = List.copyOf(GuestPath.components(target));
                    for (int i = parts.size() - 1; i >= 0; i--) {
                        pending.addFirst(parts.get(i));
                    }
                    if (parts.isEmpty()) {
                        pending.addFirst(".");
                    }
                    continue;
                }
                if (last) {
                    return done(entered, trailingSlash ? name + "/" : name);
                }
                if (kind == Kind.MISSING) {
                    throw new WasiError(Errno.ENOENT);
                }
                if (kind != Kind.DIRECTORY) {
                    throw new WasiError(Errno.ENOTDIR);
                }
                entered.push(enter(entered.peek(), name));
            }
        } catch (RuntimeException e) {
            while (entered.size() > 1) {
                release(entered.pop());
            }
            throw e;
        }
    }

    /** Releases every directory entered but the last; {@return the location} */
    private Location<D> done(Deque<D> entered, String name) {
        D top = entered.pop();
        boolean owned = !entered.isEmpty();
        while (entered.size() > 1) {
            release(entered.pop());
        }
        return new Location<>(top, name, owned);
    }
}
