;; The prologue's stack-limit check covers the whole frame, whose size is patched in after the
;; body: twelve declared locals make it bigger and are zeroed by a loop. The nested adds keep
;; their constants lazy (no value-stack slots), but a constant on the left is not folded into an
;; immediate.
(module
  (func $big_frame (param i32) (result i32) (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (i32.add (local.get 0)
      (i32.add (i32.const 1)
        (i32.add (local.get 0)
          (i32.add (i32.const 2)
            (i32.add (local.get 0)
              (i32.add (i32.const 3)
                (i32.add (local.get 0)
                  (i32.add (i32.const 4) (local.get 0)))))))))))
