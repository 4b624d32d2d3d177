package dev.windlass.plugin;

import java.time.Duration;

/**
 * One finished call of a plugin export, as {@link PluginListener#callCompleted} sees it.
 *
 * @param plugin   the plugin's name
 * @param version  the SHA-256 of the version that served the call, null if none did (the plugin was unavailable)
 * @param export   the export the method binds to
 * @param duration from the call's start in the proxy to its end, waiting for an instance included
 * @param fuelUsed the fuel the guest consumed (allocations, export and post-return), -1 when
 *                 the engine does not meter fuel or no guest code ran
 * @param failure  what the call threw, null if it returned
 */
public record PluginCall(String plugin, String version, String export, Duration duration, long fuelUsed,
                         Throwable failure) {

    /** {@return whether the call returned normally} */
    public boolean succeeded() {
        return failure == null;
    }
}
