package dev.windlass.plugin;

/**
 * A call would pass one of its plugin's {@link PluginLimits}: input or output bytes, concurrent
 * calls, memory. Input and concurrency are checked before the guest runs; output after the
 * guest answered (the instance is then not used again).
 */
public final class PluginLimitExceededException extends PluginException {

    private static final long serialVersionUID = 1L;

    /** The limits a call can meet. */
    public enum Limit { INPUT_BYTES, OUTPUT_BYTES, CONCURRENT_CALLS, MEMORY_BYTES }

    private final Limit limit;
    private final long allowed;
    private final long requested;

    public PluginLimitExceededException(String plugin, String version, String export, Limit limit, long allowed,
                                        long requested, Throwable cause) {
        super(plugin, version, export, describe(limit, allowed, requested), cause);
        this.limit = limit;
        this.allowed = allowed;
        this.requested = requested;
    }

    private static String describe(Limit limit, long allowed, long requested) {
        String what = switch (limit) {
            case INPUT_BYTES -> "input of " + requested + " bytes";
            case OUTPUT_BYTES -> "output of " + requested + " bytes";
            case CONCURRENT_CALLS -> "call beyond " + allowed + " concurrent calls";
            case MEMORY_BYTES -> "memory of " + requested + " bytes";
        };
        return what + " exceeds the limit of " + allowed;
    }

    public Limit limit() {
        return limit;
    }

    /** {@return what the limit allows} */
    public long allowed() {
        return allowed;
    }

    /** {@return what the call asked for}, -1 where unknown */
    public long requested() {
        return requested;
    }
}
