/**
 * WASI preview1 ({@code wasi_snapshot_preview1} and {@code wasi_unstable}) for Windlass, on
 * capability-checked preopened directories. Jimfs is optional: only
 * {@link dev.windlass.wasi.InMemoryDirectories} needs it.
 */
module dev.windlass.wasi {
    requires transitive dev.windlass.sandbox;
    requires dev.windlass.nativemem;
    requires static com.google.common.jimfs;
    requires java.management;

    exports dev.windlass.wasi;
}
