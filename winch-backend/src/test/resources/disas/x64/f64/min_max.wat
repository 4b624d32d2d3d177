;; f64 min and max with Wasm's rules: NaN if either operand is NaN, -0 below +0.
(module
  (func $min (param f64 f64) (result f64) (f64.min (local.get 0) (local.get 1)))
  (func $max (param f64 f64) (result f64) (f64.max (local.get 0) (local.get 1))))
