;; Bulk memory and growth through the runtime's builtins; for InternalErrorTest.
(module $internal_error
  (memory (export "memory") 1 4)
  (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
