package dev.windlass.plugin;

/** The contract of {@link Versioned#module}s: every version answers with its number. */
@WasmPlugin("versioned")
public interface Versioned {

    int version();

    /** {@return {@code "v<version>:" + text}} */
    String tag(String text);

    /** {@return a module of version {@code number}}, with a smoke export that passes */
    static byte[] module(int number) {
        return module(number, "(i32.const 0)");
    }

    /** {@return a module of version {@code number}} whose smoke export {@code healthy} returns {@code health} */
    static byte[] module(int number, String health) {
        String prefix = "v" + number + ":";
        return Wat.compile("""
                (module
                  (memory (export "memory") 1)
                  (global $heap (mut i32) (i32.const 1024))
                  (data (i32.const 512) "%s")
                  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
                    (local $p i32)
                    (local.set $p (global.get $heap))
                    (global.set $heap (i32.add (global.get $heap) (local.get 3)))
                    (local.get $p))
                  (func (export "version") (result i32) (i32.const %d))
                  (func (export "healthy") (result i32) %s)
                  (func (export "tag") (param $ptr i32) (param $len i32) (result i32)
                    (local $out i32)
                    (local.set $out (global.get $heap))
                    (memory.copy (local.get $out) (i32.const 512) (i32.const %d))
                    (memory.copy (i32.add (local.get $out) (i32.const %d)) (local.get $ptr) (local.get $len))
                    (global.set $heap (i32.add (local.get $out) (i32.add (local.get $len) (i32.const %d))))
                    (i32.store (i32.const 16) (local.get $out))
                    (i32.store (i32.const 20) (i32.add (local.get $len) (i32.const %d)))
                    (i32.const 16))
                  (func (export "cabi_post_tag") (param i32) (global.set $heap (i32.const 1024))))
                """.formatted(prefix, number, health, prefix.length(), prefix.length(), prefix.length(),
                prefix.length()));
    }
}
