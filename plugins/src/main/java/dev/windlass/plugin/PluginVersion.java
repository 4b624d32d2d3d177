package dev.windlass.plugin;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One loaded version of a plugin.
 *
 * @param plugin   the plugin's name
 * @param sha256   the SHA-256 of the module's bytes, 64 lowercase hex digits: the version's identity
 * @param source   where the bytes came from: a file path, {@code classpath:name}, or {@code bytes}
 * @param loadedAt when this version was compiled and checked
 */
public record PluginVersion(String plugin, String sha256, String source, Instant loadedAt) {

    public PluginVersion {
        Objects.requireNonNull(plugin, "plugin");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(loadedAt, "loadedAt");
    }

    /** {@return the SHA-256 of {@code bytes}}, 64 lowercase hex digits */
    public static String sha256Of(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
