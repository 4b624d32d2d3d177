;; i64 comparisons give an i32; an immediate that does not fit 32 bits goes through a register.
(module
  (func $eq (param i64 i64) (result i32) (i64.eq (local.get 0) (local.get 1)))
  (func $lt_s (param i64 i64) (result i32) (i64.lt_s (local.get 0) (local.get 1)))
  (func $ge_u (param i64 i64) (result i32) (i64.ge_u (local.get 0) (local.get 1)))
  (func $ne_imm (param i64) (result i32) (i64.ne (local.get 0) (i64.const 1)))
  (func $gt_u_large_imm (param i64) (result i32) (i64.gt_u (local.get 0) (i64.const 0x100000000))))
