;; Imports only a function of lib.wat's instance, for LinkingTest.
(module
  (import "lib" "triple" (func $triple (param i32) (result i32)))
  (func $call_triple (export "call_triple") (param i32) (result i32) (call $triple (local.get 0)))
)
