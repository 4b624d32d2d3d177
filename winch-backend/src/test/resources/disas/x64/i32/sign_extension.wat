;; The sign-extension operators.
(module
  (func $extend8_s (param i32) (result i32) (i32.extend8_s (local.get 0)))
  (func $extend16_s (param i32) (result i32) (i32.extend16_s (local.get 0))))
