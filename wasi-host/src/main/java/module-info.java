/** WASI preview1 ({@code wasi_snapshot_preview1} and {@code wasi_unstable}) for Windlass. */
module dev.windlass.wasi {
    requires transitive dev.windlass.sandbox;
    requires java.management;

    exports dev.windlass.wasi;
}
