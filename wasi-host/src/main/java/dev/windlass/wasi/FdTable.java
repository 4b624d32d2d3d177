package dev.windlass.wasi;

import java.util.HashMap;
import java.util.Map;

/** The guest's file descriptors: numbers to {@link Descriptor}s, new ones taking the lowest free number. */
final class FdTable {

    /** How many descriptors one guest may hold open at once. */
    static final int MAX_OPEN = 1024;

    private final Map<Integer, Descriptor> open = new HashMap<>();

    void put(int fd, Descriptor descriptor) {
        open.put(fd, descriptor);
    }

    /** {@return the new descriptor's number} @throws WasiError EMFILE when the table is full */
    int add(Descriptor descriptor) {
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
    Descriptor get(int fd) {
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

    void close(int fd) {
        get(fd).close();
        open.remove(fd);
    }

    /** {@code fd_renumber}: {@code from} takes number {@code to}, closing what {@code to} was. */
    void renumber(int from, int to) {
        Descriptor moving = get(from);
        Descriptor replaced = get(to);
        if (from == to) {
            return;
        }
        replaced.close();
        open.put(to, moving);
        open.remove(from);
    }

    void closeAll() {
        open.values().forEach(Descriptor::close);
        open.clear();
    }
}
