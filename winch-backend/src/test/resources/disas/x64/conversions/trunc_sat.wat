;; Saturating float-to-integer truncations: NaN gives 0, out of range the nearest bound.
(module
  (func $i32_trunc_sat_f32_s (param f32) (result i32) (i32.trunc_sat_f32_s (local.get 0)))
  (func $i32_trunc_sat_f32_u (param f32) (result i32) (i32.trunc_sat_f32_u (local.get 0)))
  (func $i32_trunc_sat_f64_s (param f64) (result i32) (i32.trunc_sat_f64_s (local.get 0)))
  (func $i32_trunc_sat_f64_u (param f64) (result i32) (i32.trunc_sat_f64_u (local.get 0)))
  (func $i64_trunc_sat_f32_s (param f32) (result i64) (i64.trunc_sat_f32_s (local.get 0)))
  (func $i64_trunc_sat_f32_u (param f32) (result i64) (i64.trunc_sat_f32_u (local.get 0)))
  (func $i64_trunc_sat_f64_s (param f64) (result i64) (i64.trunc_sat_f64_s (local.get 0)))
  (func $i64_trunc_sat_f64_u (param f64) (result i64) (i64.trunc_sat_f64_u (local.get 0))))
