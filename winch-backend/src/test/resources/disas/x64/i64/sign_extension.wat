;; The i64 sign-extension operators.
(module
  (func $extend8_s (param i64) (result i64) (i64.extend8_s (local.get 0)))
  (func $extend16_s (param i64) (result i64) (i64.extend16_s (local.get 0)))
  (func $extend32_s (param i64) (result i64) (i64.extend32_s (local.get 0))))
