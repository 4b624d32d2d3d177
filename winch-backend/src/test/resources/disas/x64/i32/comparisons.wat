;; Comparisons as values (setcc), against a register and against an immediate.
(module
  (func $eq (param i32 i32) (result i32) (i32.eq (local.get 0) (local.get 1)))
  (func $ne (param i32 i32) (result i32) (i32.ne (local.get 0) (local.get 1)))
  (func $lt_s (param i32 i32) (result i32) (i32.lt_s (local.get 0) (local.get 1)))
  (func $lt_u (param i32 i32) (result i32) (i32.lt_u (local.get 0) (local.get 1)))
  (func $gt_s (param i32 i32) (result i32) (i32.gt_s (local.get 0) (local.get 1)))
  (func $gt_u (param i32 i32) (result i32) (i32.gt_u (local.get 0) (local.get 1)))
  (func $le_s (param i32 i32) (result i32) (i32.le_s (local.get 0) (local.get 1)))
  (func $le_u (param i32 i32) (result i32) (i32.le_u (local.get 0) (local.get 1)))
  (func $ge_s (param i32 i32) (result i32) (i32.ge_s (local.get 0) (local.get 1)))
  (func $ge_u (param i32 i32) (result i32) (i32.ge_u (local.get 0) (local.get 1)))
  (func $lt_s_imm (param i32) (result i32) (i32.lt_s (local.get 0) (i32.const -5)))
  (func $const_left (param i32) (result i32) (i32.gt_u (i32.const 10) (local.get 0))))
