;; DataImageTest: the second segment is out of bounds; the first must have reached the imported memory.
(module
  (import "env" "memory" (memory 1))
  (memory $own (export "own") 1)
  (data (memory $own) (i32.const 0) "own")
  (data (i32.const 0) "applied")
  (data (i32.const 65535) "too long"))
