;; return from inside nested blocks, and unreachable (with the dead code after it skipped).
(module
  (func $return_nested (param i32) (result i32)
    (block
      (block
        (if (local.get 0) (then (return (i32.const 1))))))
    (i32.const 0))
  (func $unreachable (param i32) (result i32)
    (if (local.get 0) (then (unreachable)))
    (local.get 0))
  (func $dead_code_after_return (result i64)
    (return (i64.const 5))
    (drop (i64.add (i64.const 1) (i64.const 2)))
    (i64.const 6)))
