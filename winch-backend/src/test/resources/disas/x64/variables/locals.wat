;; Declared locals are zeroed in the prologue; local.get is lazy, local.set and local.tee store
;; to the local's frame slot.
(module
  (func $declared (param i32) (result i32) (local i32 i64 f32 f64)
    (local.set 1 (i32.add (local.get 0) (i32.const 1)))
    (local.set 2 (i64.extend_i32_u (local.get 1)))
    (local.set 3 (f32.const 2.5))
    (local.set 4 (f64.promote_f32 (local.get 3)))
    (i32.add (local.get 1) (i32.wrap_i64 (local.get 2))))
  (func $tee (param i32) (result i32) (local i32)
    (i32.mul (local.tee 1 (i32.add (local.get 0) (i32.const 3))) (local.get 1)))
  ;; a lazy local.get must be read before the local is overwritten
  (func $get_then_set (param i32 i32) (result i32)
    (local.get 0)
    (local.set 0 (local.get 1))
    (local.get 0)
    (i32.sub)))
