;; A host call that can block, for StoreThreadingTest.
(module
  (import "env" "block" (func $block))
  (func $enter (export "enter") (result i32) (call $block) (i32.const 1))
  (func $add (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func $divide (export "divide") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
)
