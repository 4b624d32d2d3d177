package dev.windlass.wasi;

/**
 * An open file descriptor as the guest sees it: what it is ({@link Filetype}), the rights it
 * carries (which may only shrink) and its flags. Subclasses hold what it refers to.
 */
abstract class Descriptor {

    private long rightsBase;
    private long rightsInheriting;
    private int flags;

    Descriptor(long rightsBase, long rightsInheriting, int flags) {
        this.rightsBase = rightsBase;
        this.rightsInheriting = rightsInheriting;
        this.flags = flags;
    }

    abstract Filetype filetype();

    long rightsBase() {
        return rightsBase;
    }

    long rightsInheriting() {
        return rightsInheriting;
    }

    int flags() {
        return flags;
    }

    void setFlags(int flags) {
        this.flags = flags;
    }

    /** Drops rights; asking for a right it does not have fails with ENOTCAPABLE. */
    void restrictRights(long base, long inheriting) {
        if ((base & ~rightsBase) != 0 || (inheriting & ~rightsInheriting) != 0) {
            throw new WasiError(Errno.ENOTCAPABLE);
        }
        rightsBase = base;
        rightsInheriting = inheriting;
    }

    /** Fails with ENOTCAPABLE unless the descriptor has every right in {@code rights}. */
    void require(long rights) {
        if ((rightsBase & rights) != rights) {
            throw new WasiError(Errno.ENOTCAPABLE);
        }
    }

    /** Releases what the descriptor holds; called once, by {@code fd_close} or at the end. */
    void close() {
    }
}
