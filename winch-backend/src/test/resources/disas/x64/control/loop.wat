;; A counting loop: the back edge is a br_if to the loop header.
(module
  (func $sum_to (param i32) (result i32) (local i32 i32)
    (loop $again
      (local.set 1 (i32.add (local.get 1) (local.get 2)))
      (local.set 2 (i32.add (local.get 2) (i32.const 1)))
      (br_if $again (i32.le_u (local.get 2) (local.get 0))))
    (local.get 1))
  ;; a loop with a result and an exit branch
  (func $find_zero_bit (param i32) (result i32) (local i32)
    (block $done (result i32)
      (loop $next (result i32)
        (drop (br_if $done (local.get 1) (i32.eqz (i32.and (local.get 0) (i32.shl (i32.const 1) (local.get 1))))))
        (local.set 1 (i32.add (local.get 1) (i32.const 1)))
        (br_if $next (i32.lt_u (local.get 1) (i32.const 32)))
        (i32.const -1)))))
