;; f32 to f64 and back.
(module
  (func $promote (param f32) (result f64) (f64.promote_f32 (local.get 0)))
  (func $demote (param f64) (result f32) (f32.demote_f64 (local.get 0))))
