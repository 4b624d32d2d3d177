;; Imports functions and a global of lib.wat's instance, for HostFunctionTest.
(module
  (import "lib" "triple" (func $triple (param i32) (result i32)))
  (import "lib" "divide" (func $divide (param i32 i32) (result i32)))
  (import "lib" "count" (global $count (mut i32)))
  (global $own (mut i32) (i32.const 1000))
  (func $triple_plus_one (export "triple_plus_one") (param i32) (result i32)
    (global.set $own (i32.add (global.get $own) (i32.const 1)))
    (i32.add (call $triple (local.get 0)) (i32.const 1)))
  (func $call_divide (export "call_divide") (param i32 i32) (result i32)
    (call $divide (local.get 0) (local.get 1)))
  (func $count_seen (export "count_seen") (result i32) (global.get $count))
  (func $own (export "own") (result i32) (global.get $own))
)
