package dev.windlass.plugin;

/**
 * The plugin reported a failure itself: an Extism export returned a non-zero status, with the
 * message it gave {@code error_set} if any. Not a fault of the instance, which keeps serving.
 */
public final class PluginErrorException extends PluginException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String guestMessage;

    public PluginErrorException(String plugin, String version, String export, int status, String guestMessage) {
        super(plugin, version, export, guestMessage != null ? guestMessage
                : "returned status " + status + " without an error message", null);
        this.status = status;
        this.guestMessage = guestMessage;
    }

    /** {@return the non-zero status the export returned} */
    public int status() {
        return status;
    }

    /** {@return the message the guest set}, or null if it set none */
    public String guestMessage() {
        return guestMessage;
    }
}
