;; options: memory=guard
;; Guard pages only cover 32-bit memories: a memory64 access keeps its explicit check (with the
;; carry of index + offset) even when the module is compiled for guard pages.
(module
  (memory $small 1)
  (memory $big i64 1)
  (func $load_small (param i32) (result i32) (i32.load $small (local.get 0)))
  (func $load_big (param i64) (result i32) (i32.load $big (local.get 0))))
