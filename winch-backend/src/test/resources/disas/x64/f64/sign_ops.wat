;; f64 abs, neg and copysign: bitwise, with masks from the constant pool.
(module
  (func $abs (param f64) (result f64) (f64.abs (local.get 0)))
  (func $neg (param f64) (result f64) (f64.neg (local.get 0)))
  (func $copysign (param f64 f64) (result f64) (f64.copysign (local.get 0) (local.get 1))))
