package dev.windlass.sandbox;

/**
 * Thrown when making an instance, memory or table would take more than the store's
 * {@link StoreLimits} or the engine's {@link Config} allow. The store stays usable.
 */
public final class ResourceLimitException extends RuntimeException {

    ResourceLimitException(String message) {
        super(message);
    }

    ResourceLimitException(String message, Throwable cause) {
        super(message, cause);
    }
}
