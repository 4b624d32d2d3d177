;; Division and remainder: rax/rdx claimed from the allocator, a trap on a zero divisor, a trap on
;; INT_MIN / -1 for div_s, and rem_s of INT_MIN by -1 giving 0 instead of faulting.
(module
  (func $div_s (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func $div_u (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
  (func $rem_s (param i32 i32) (result i32) (i32.rem_s (local.get 0) (local.get 1)))
  (func $rem_u (param i32 i32) (result i32) (i32.rem_u (local.get 0) (local.get 1)))
  (func $div_s_by_const (param i32) (result i32) (i32.div_s (local.get 0) (i32.const 7)))
  (func $div_u_by_zero_const (param i32) (result i32) (i32.div_u (local.get 0) (i32.const 0))))
