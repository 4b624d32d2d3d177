;; f32 abs, neg and copysign: bitwise, with masks from the constant pool.
(module
  (func $abs (param f32) (result f32) (f32.abs (local.get 0)))
  (func $neg (param f32) (result f32) (f32.neg (local.get 0)))
  (func $copysign (param f32 f32) (result f32) (f32.copysign (local.get 0) (local.get 1))))
