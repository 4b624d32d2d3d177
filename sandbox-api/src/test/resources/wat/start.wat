;; A start function that sets a global, or traps when the imported flag is set; for LinkingTest.
(module
  (import "env" "fail" (global $fail i32))
  (global $g (export "g") (mut i32) (i32.const 0))
  (func $start
    (if (global.get $fail) (then (unreachable)))
    (global.set $g (i32.const 42)))
  (start $start)
)
