;; f32 min and max with Wasm's rules: NaN if either operand is NaN, -0 below +0.
(module
  (func $min (param f32 f32) (result f32) (f32.min (local.get 0) (local.get 1)))
  (func $max (param f32 f32) (result f32) (f32.max (local.get 0) (local.get 1))))
