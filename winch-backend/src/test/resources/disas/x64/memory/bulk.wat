;; Bulk memory: fill, copy, init and data.drop, each a builtin call with every value spilled.
(module
  (memory 1)
  (data $greeting "hello, world")
  (func $fill (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
  (func $copy (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
  (func $init (param i32) (memory.init $greeting (local.get 0) (i32.const 0) (i32.const 12)))
  (func $drop (data.drop $greeting)))
