;; i32.wrap_i64 and the i32 to i64 extensions.
(module
  (func $wrap (param i64) (result i32) (i32.wrap_i64 (local.get 0)))
  (func $extend_s (param i32) (result i64) (i64.extend_i32_s (local.get 0)))
  (func $extend_u (param i32) (result i64) (i64.extend_i32_u (local.get 0))))
