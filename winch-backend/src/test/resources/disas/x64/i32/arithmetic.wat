;; i32 add, sub, mul, and, or, xor on two locals, with a constant folded into an immediate,
;; and two constants folded at compile time.
(module
  (func $add (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  (func $sub_imm (param i32) (result i32)
    (i32.sub (local.get 0) (i32.const 7)))
  (func $mul (param i32 i32) (result i32)
    (i32.mul (local.get 0) (local.get 1)))
  (func $bitwise (param i32 i32) (result i32)
    (i32.xor
      (i32.and (local.get 0) (local.get 1))
      (i32.or (local.get 0) (i32.const 0xff))))
  (func $constants (result i32)
    (i32.add (i32.const 40) (i32.const 2))))
