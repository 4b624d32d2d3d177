;; Trapping float-to-integer truncations: INVALID_CONVERSION_TO_INTEGER on NaN,
;; INTEGER_OVERFLOW out of range; the unsigned ones go through the signed instruction.
(module
  (func $i32_trunc_f32_s (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
  (func $i32_trunc_f32_u (param f32) (result i32) (i32.trunc_f32_u (local.get 0)))
  (func $i32_trunc_f64_s (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
  (func $i32_trunc_f64_u (param f64) (result i32) (i32.trunc_f64_u (local.get 0)))
  (func $i64_trunc_f32_s (param f32) (result i64) (i64.trunc_f32_s (local.get 0)))
  (func $i64_trunc_f32_u (param f32) (result i64) (i64.trunc_f32_u (local.get 0)))
  (func $i64_trunc_f64_s (param f64) (result i64) (i64.trunc_f64_s (local.get 0)))
  (func $i64_trunc_f64_u (param f64) (result i64) (i64.trunc_f64_u (local.get 0))))
