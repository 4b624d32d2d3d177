;; memory.size inline (the length in pages), memory.grow through a builtin call.
(module
  (memory 1 10)
  (func $size (result i32) (memory.size))
  (func $grow (param i32) (result i32) (memory.grow (local.get 0)))
  (func $grow_and_load (param i32) (result i32)
    (drop (memory.grow (i32.const 1)))
    (i32.add (memory.size) (i32.load (local.get 0)))))
