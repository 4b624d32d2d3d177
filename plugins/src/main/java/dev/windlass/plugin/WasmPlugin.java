package dev.windlass.plugin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Java interface as the contract of a Wasm plugin: {@link PluginRegistry#plugin(Class)}
 * returns an implementation whose methods call the plugin's exports, one export per abstract
 * method (named as the method, or by {@link WasmExport}). Default methods run in Java.
 *
 * <p>Parameter and result types: {@code int}, {@code long}, {@code float}, {@code double} and
 * {@code boolean} are Wasm values (i32, i64, f32, f64, i32 0/1); {@code String} (UTF-8),
 * {@code byte[]}, {@link java.nio.ByteBuffer} and any other class (through the registry's
 * {@link Codec}) pass through guest memory under the Windlass ABI; a method may return
 * {@code void}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WasmPlugin {

    /** {@return the plugin's name in the registry}: for a file, its name without {@code .wasm} */
    String value();
}
