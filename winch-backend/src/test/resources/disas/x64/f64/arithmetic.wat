;; f64 add, sub, mul, div and sqrt (SSE scalar), and a constant loaded from the pool.
(module
  (func $add (param f64 f64) (result f64) (f64.add (local.get 0) (local.get 1)))
  (func $sub (param f64 f64) (result f64) (f64.sub (local.get 0) (local.get 1)))
  (func $mul (param f64 f64) (result f64) (f64.mul (local.get 0) (local.get 1)))
  (func $div (param f64 f64) (result f64) (f64.div (local.get 0) (local.get 1)))
  (func $sqrt (param f64) (result f64) (f64.sqrt (local.get 0)))
  (func $add_const (param f64) (result f64) (f64.add (local.get 0) (f64.const 1.5)))
  (func $zero (result f64) (f64.const 0)))
