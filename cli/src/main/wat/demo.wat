;; The demo plugin embedded in windlass.jar: what `windlass inspect` describes when given no file.
;; Rebuild the binary with: wat2wasm --debug-names src/main/wat/demo.wat -o src/main/resources/dev/windlass/cli/demo.wasm
(module $demo
  (import "host" "log" (func $log (param i32 i32)))
  (import "host" "now_millis" (func $now_millis (result i64)))
  (memory $heap (export "memory") 1 16)
  (global $calls (mut i32) (i32.const 0))
  (global $version (export "version") i32 (i32.const 1))
  (table $handlers 2 funcref)
  (elem (table $handlers) (i32.const 0) func $add $fib)
  (data (memory $heap) (i32.const 1024) "hello from Windlass")

  (func $add (export "add") (param $a i32) (param $b i32) (result i32)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (i32.add (local.get $a) (local.get $b)))

  (func $fib (export "fib") (param $n i32) (result i32)
    (local $a i32) (local $b i32) (local $t i32)
    (local.set $b (i32.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $t (i32.add (local.get $a) (local.get $b)))
        (local.set $a (local.get $b))
        (local.set $b (local.get $t))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $a))

  (func $dispatch (export "dispatch") (param $handler i32) (param $x i32) (param $y i32) (result i32)
    (call_indirect $handlers (param i32 i32) (result i32)
      (local.get $x) (local.get $y) (local.get $handler)))

  (func $greet (export "greet") (result i64)
    (call $log (i32.const 1024) (i32.const 19))
    (call $now_millis))
)
