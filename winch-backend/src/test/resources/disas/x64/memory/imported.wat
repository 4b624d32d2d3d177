;; An imported memory: its base and length are reached through a pointer in the context.
(module
  (import "env" "memory" (memory 1))
  (func $load (param i32) (result i32) (i32.load (local.get 0)))
  (func $store (param i32 i32) (i32.store offset=4 (local.get 0) (local.get 1)))
  (func $size (result i32) (memory.size)))
