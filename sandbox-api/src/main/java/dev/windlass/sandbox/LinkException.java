package dev.windlass.sandbox;

/** A module's imports cannot be satisfied: missing, of the wrong kind, or of the wrong type. */
public final class LinkException extends RuntimeException {

    public LinkException(String message) {
        super(message);
    }
}
