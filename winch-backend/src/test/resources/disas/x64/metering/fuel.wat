;; options: fuel
;; Fuel: each straight-line run's cost is charged by one sub r15, n; jl before the next branch,
;; label, call and return; the first charge that would go below zero traps OUT_OF_FUEL.
(module
  (func $straight_line (param i32 i32) (result i32)
    (i32.add (i32.mul (local.get 0) (local.get 1)) (i32.const 3)))
  (func $loop (param i32) (result i32) (local i32)
    (loop $again
      (local.set 1 (i32.add (local.get 1) (local.get 0)))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
      (br_if $again (local.get 0)))
    (local.get 1))
  (func $call (param i32) (result i32)
    (i32.add (call $straight_line (local.get 0) (i32.const 2)) (i32.const 1)))
  (func $if_else (param i32) (result i32)
    (if (result i32) (local.get 0)
      (then (i32.const 1))
      (else (i32.const 2)))))
