;; table.grow and table.fill through builtin calls.
(module
  (table $t 1 100 externref)
  (func $grow (param externref i32) (result i32) (table.grow $t (local.get 0) (local.get 1)))
  (func $fill (param i32 externref i32) (table.fill $t (local.get 0) (local.get 1) (local.get 2))))
