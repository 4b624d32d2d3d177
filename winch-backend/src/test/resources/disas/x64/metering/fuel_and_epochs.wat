;; options: fuel epochs
;; Both limits at once: the fuel charge and the epoch check at the same loop header.
(module
  (func $nested_loops (param i32 i32) (result i32) (local i32 i32)
    (loop $outer
      (local.set 2 (i32.const 0))
      (loop $inner
        (local.set 3 (i32.add (local.get 3) (local.get 2)))
        (local.set 2 (i32.add (local.get 2) (i32.const 1)))
        (br_if $inner (i32.lt_u (local.get 2) (local.get 1))))
      (local.set 0 (i32.sub (local.get 0) (i32.const 1)))
      (br_if $outer (local.get 0)))
    (local.get 3)))
