package dev.windlass.wasi;

import java.util.HashMap;
import java.util.Map;

/**
 * The guest's file descriptors: numbers to {@link Descriptor}s, new ones taking the lowest free
 * number. Synchronized: the guest's thread uses it, and a {@link java.lang.ref.Cleaner} may
 * close what is left from another one.
 */
final class FdTable {

    /** How many descriptors one guest may hold open at once. */
    static final int MAX_OPEN = 1024;

    private final Map<Integer, Descriptor> open = new HashMap<>();

    synchronized void put(int fd, Descriptor descriptor) {
        open.put(fd, descriptor);
    }

    /** {@return the new descriptor's number} @throws WasiError EMFILE when the table is full */
    synchronized int add(Descriptor descriptor) {
        if (open.size() >= MAX_OPEN) {
            throw new WasiError(Errno.EMFILE);
        }
        int fd = 0;
        while (open.containsKey(fd)) {
            fd++;
        }
        open.put(fd, descriptor);
        return fd;
    }

    /** {@return the descriptor {@code fd}} @throws WasiError EBADF if it is not open */
    synchronized Descriptor get(int fd) {
        Descriptor descriptor = open.get(fd);
        if (descriptor == null) {
            throw new WasiError(Errno.EBADF);
        }
        return descriptor;
    }

    /** {@return descriptor {@code fd} as a {@code type}} @throws WasiError EBADF, or {@code otherwise} if it is another kind */
    <T extends Descriptor> T get(int fd, Class<T> type, Errno otherwise) {
        Descriptor descriptor = get(fd);
        if (!type.isInstance(descriptor)) {
            throw new WasiError(otherwise);
        }
        return type.cast(descriptor);
    }

    synchronized void close(int fd) {
        get(fd).close();
        open.remove(fd);
    }

    /** {@code fd_renumber}: {@code from} takes number {@code to}, closing what {@code to} was. */
    synchronized void renumber(int from, int to) {
        Descriptor moving = get(from);
        Descriptor replaced = get(to);
        if (from == to) {
            return;
        }
        replaced.close();
        open.put(to, moving);
        open.remove(from);
    }

    /** Closes every descriptor (those of the host release their native descriptors). */
    synchronized void closeAll() {
        for (Descriptor descriptor : open.values()) {
            try {
                descriptor.close();
            } catch (RuntimeException e) {
                // keep closing the others
            }
        }
        open.clear();
    }
}
