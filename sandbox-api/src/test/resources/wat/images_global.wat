;; DataImageTest: a segment whose offset is an imported global is copied, as are the others of its memory.
(module
  (import "env" "base" (global $base i32))
  (memory (export "memory") 1)
  (data (i32.const 0) "fixed")
  (data (global.get $base) "moved"))
