package dev.windlass.wasi;

/**
 * A new access or modification time for {@code *_set_times}: either the current time or a
 * fixed one in nanoseconds since the epoch. A {@code null} TimeChange leaves the time alone.
 */
record TimeChange(boolean now, long nanos) {

    static final TimeChange NOW = new TimeChange(true, 0);

    /**
     * {@return the two changes {@code fstflags} asks for, access first, null for "leave alone"}
     * @throws WasiError EINVAL for unknown bits, or a time both given and "now"
     */
    static TimeChange[] fromFlags(long accessTime, long modificationTime, int fstflags) {
        if ((fstflags & ~15) != 0
                || (fstflags & (Rights.FST_ATIM | Rights.FST_ATIM_NOW)) == (Rights.FST_ATIM | Rights.FST_ATIM_NOW)
                || (fstflags & (Rights.FST_MTIM | Rights.FST_MTIM_NOW)) == (Rights.FST_MTIM | Rights.FST_MTIM_NOW)) {
            throw new WasiError(Errno.EINVAL);
        }
        return new TimeChange[] {
            change(fstflags, Rights.FST_ATIM, Rights.FST_ATIM_NOW, accessTime),
            change(fstflags, Rights.FST_MTIM, Rights.FST_MTIM_NOW, modificationTime)};
    }

    private static TimeChange change(int flags, int set, int now, long nanos) {
        if ((flags & now) != 0) {
            return NOW;
        }
        return (flags & set) != 0 ? new TimeChange(false, nanos) : null;
    }
}
