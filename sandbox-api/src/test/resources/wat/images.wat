;; DataImageTest: active segments of defined memories are mapped copy-on-write from an image.
(module
  (memory (export "memory") 4)
  (memory $second (export "second") 1)
  (data (i32.const 0) "first")
  (data (i32.const 2) "XY") ;; overlaps the first: the later segment wins, "fiXYt"
  (data (i32.const 70000) "far") ;; in the second Wasm page
  (data (memory $second) (i32.const 10) "two")
  (data $passive "passive")
  (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "store8") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
  (func (export "init") (param i32) (memory.init $passive (local.get 0) (i32.const 0) (i32.const 7))))
