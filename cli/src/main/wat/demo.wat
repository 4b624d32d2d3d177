;; The demo plugin embedded in windlass.jar: what `windlass run` runs and `windlass inspect`
;; describes when given no file. It uses what the compiler supports today (integer Wasm and host
;; function imports); memories, tables and floats come with the next milestone.
;; Rebuild the binary with: wat2wasm --debug-names src/main/wat/demo.wat -o src/main/resources/dev/windlass/cli/demo.wasm
(module $demo
  (import "host" "log" (func $log (param i32 i64)))
  (global $calls (mut i32) (i32.const 0))
  (global $version (export "version") i32 (i32.const 1))

  (func $add (export "add") (param $a i32) (param $b i32) (result i32)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (i32.add (local.get $a) (local.get $b)))

  (func $fib (export "fib") (param $n i32) (result i64)
    (local $a i64) (local $b i64) (local $t i64)
    (local.set $b (i64.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $t (i64.add (local.get $a) (local.get $b)))
        (local.set $a (local.get $b))
        (local.set $b (local.get $t))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $a))

  (func $collatz (export "collatz") (param $n i64) (result i32)
    (local $steps i32)
    (block $done
      (loop $next
        (br_if $done (i64.le_u (local.get $n) (i64.const 1)))
        (local.set $n
          (if (result i64) (i64.eqz (i64.rem_u (local.get $n) (i64.const 2)))
            (then (i64.div_u (local.get $n) (i64.const 2)))
            (else (i64.add (i64.mul (local.get $n) (i64.const 3)) (i64.const 1)))))
        (local.set $steps (i32.add (local.get $steps) (i32.const 1)))
        (br $next)))
    (local.get $steps))

;; Reports fib(0..n-1) to the host, one call each, and returns the Collatz steps of 27 (111).
  (func $main (export "main") (param $n i32) (result i64)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (call $log (local.get $i) (call $fib (local.get $i)))
        (local.set $i (call $add (local.get $i) (i32.const 1)))
        (br $next)))
    (i64.extend_i32_u (call $collatz (i64.const 27))))
)
