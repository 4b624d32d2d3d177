;; One import of each kind, for LinkingTest.
(module
  (import "env" "f" (func $f (param i32) (result i32)))
  (import "env" "g" (global $g i32))
  (import "env" "mg" (global $mg (mut i64)))
  (func $call_f (export "call_f") (param i32) (result i32) (call $f (local.get 0)))
  (func $read (export "read") (result i64)
    (i64.add (i64.extend_i32_u (global.get $g)) (global.get $mg)))
  (func $write_mg (export "write_mg") (param i64) (global.set $mg (local.get 0)))
)
