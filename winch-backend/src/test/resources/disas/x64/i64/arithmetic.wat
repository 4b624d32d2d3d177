;; i64 add, sub, mul, bitwise; immediates that fit in a sign-extended 32 bits and one that
;; needs movabs.
(module
  (func $add (param i64 i64) (result i64) (i64.add (local.get 0) (local.get 1)))
  (func $sub (param i64 i64) (result i64) (i64.sub (local.get 0) (local.get 1)))
  (func $mul (param i64 i64) (result i64) (i64.mul (local.get 0) (local.get 1)))
  (func $bitwise (param i64 i64) (result i64)
    (i64.or (i64.and (local.get 0) (local.get 1)) (i64.xor (local.get 0) (i64.const -1))))
  (func $add_small_imm (param i64) (result i64) (i64.add (local.get 0) (i64.const -100)))
  (func $add_u32_imm (param i64) (result i64) (i64.add (local.get 0) (i64.const 0xffffffff)))
  (func $add_large_imm (param i64) (result i64) (i64.add (local.get 0) (i64.const 0x123456789abc)))
  (func $const_result (result i64) (i64.const 0x7fffffffffffffff)))
