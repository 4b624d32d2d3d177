;; Several memories: each access finds its memory's base and length in the context; copy
;; between two memories; size and grow of the second.
(module
  (memory $a 1)
  (memory $b 2)
  (func $load_b (param i32) (result i32) (i32.load $b (local.get 0)))
  (func $store_a_load_b (param i32)
    (i64.store $a (local.get 0) (i64.load $b offset=8 (local.get 0))))
  (func $copy_b_to_a (param i32 i32 i32) (memory.copy $a $b (local.get 0) (local.get 1) (local.get 2)))
  (func $size_b (result i32) (memory.size $b))
  (func $grow_b (param i32) (result i32) (memory.grow $b (local.get 0))))
