package dev.windlass.wasi;

/**
 * Where {@code wasi_unstable} (the first WASI, "snapshot 0") and {@code wasi_snapshot_preview1}
 * lay things out differently; everything else they share.
 *
 * <pre>
 *                     preview1                      unstable
 *   whence            SET 0, CUR 1, END 2           CUR 0, END 1, SET 2
 *   filestat          64 bytes, nlink u64 at 24     56 bytes, nlink u32 at 20
 *   subscription      48 bytes: tag at 8,           56 bytes: tag at 8, clock identifier
 *                     clock id/timeout/precision/   u64 at 16, id/timeout/precision/flags
 *                     flags at 16/24/32/40          at 24/32/40/48
 * </pre>
 */
enum WasiAbi {
    PREVIEW1("wasi_snapshot_preview1"),
    UNSTABLE("wasi_unstable");

    static final int WHENCE_SET = 0;
    static final int WHENCE_CUR = 1;
    static final int WHENCE_END = 2;

    private final String moduleName;

    WasiAbi(String moduleName) {
        this.moduleName = moduleName;
    }

    String moduleName() {
        return moduleName;
    }

    /** {@return the guest's whence as preview1's} @throws WasiError EINVAL for no whence at all */
    int whence(int guestWhence) {
        int whence = this == PREVIEW1 ? guestWhence : switch (guestWhence) {
            case 0 -> WHENCE_CUR;
            case 1 -> WHENCE_END;
            case 2 -> WHENCE_SET;
            default -> -1;
        };
        if (whence < WHENCE_SET || whence > WHENCE_END) {
            throw new WasiError(Errno.EINVAL);
        }
        return whence;
    }

    void writeFilestat(GuestMemory memory, int pointer, Filestat stat) {
        int timesAt = this == PREVIEW1 ? 40 : 32;
        memory.zero(pointer, this == PREVIEW1 ? 64 : 56);
        memory.setU64(pointer, stat.device());
        memory.setU64(pointer + 8, stat.inode());
        memory.setU8(pointer + 16, stat.filetype().ordinal());
        if (this == PREVIEW1) {
            memory.setU64(pointer + 24, stat.links());
            memory.setU64(pointer + 32, stat.size());
        } else {
            memory.setU32(pointer + 20, (int) Math.min(stat.links(), 0xFFFF_FFFFL));
            memory.setU64(pointer + 24, stat.size());
        }
        memory.setU64(pointer + timesAt, stat.accessTime());
        memory.setU64(pointer + timesAt + 8, stat.modificationTime());
        memory.setU64(pointer + timesAt + 16, stat.changeTime());
    }

    int subscriptionSize() {
        return this == PREVIEW1 ? 48 : 56;
    }

    /** {@return the offset of the clock fields (id u32, timeout u64, precision u64, flags u16) in a subscription} */
    int clockFieldsOffset() {
        return this == PREVIEW1 ? 16 : 24;
    }
}
