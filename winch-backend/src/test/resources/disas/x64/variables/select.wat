;; select on integers (cmov) and floats (a branch), with the condition from a comparison.
(module
  (func $select_i32 (param i32 i32 i32) (result i32)
    (select (local.get 0) (local.get 1) (local.get 2)))
  (func $select_i64_compare (param i64 i64) (result i64)
    (select (local.get 0) (local.get 1) (i64.lt_s (local.get 0) (local.get 1))))
  (func $select_f32 (param f32 f32 i32) (result f32)
    (select (local.get 0) (local.get 1) (local.get 2)))
  (func $select_typed_f64 (param f64 f64 i32) (result f64)
    (select (result f64) (local.get 0) (local.get 1) (local.get 2))))
