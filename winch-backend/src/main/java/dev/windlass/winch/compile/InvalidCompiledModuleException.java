package dev.windlass.winch.compile;

/** Bytes that are not a usable compiled module: truncated, corrupted, or from another compiler or setting. */
public final class InvalidCompiledModuleException extends RuntimeException {

    public InvalidCompiledModuleException(String message) {
        super(message);
    }

    public InvalidCompiledModuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
