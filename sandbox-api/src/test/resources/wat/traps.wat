;; Trapping operators, for TrapTest. The import shifts defined functions to index 1 and up.
;; Each trapping body holds its trapping opcode byte exactly once, so the test can find it.
(module
  (import "env" "nop" (func $nop))
  (global $calls (mut i32) (i32.const 0))

  (func $just_unreachable (export "unreachable")
    (unreachable))

  (func $div_s32 (export "i32.div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func $div_u32 (export "i32.div_u") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
  (func $rem_s32 (export "i32.rem_s") (param i32 i32) (result i32) (i32.rem_s (local.get 0) (local.get 1)))
  (func $rem_u32 (export "i32.rem_u") (param i32 i32) (result i32) (i32.rem_u (local.get 0) (local.get 1)))
  (func $div_s64 (export "i64.div_s") (param i64 i64) (result i64) (i64.div_s (local.get 0) (local.get 1)))
  (func $div_u64 (export "i64.div_u") (param i64 i64) (result i64) (i64.div_u (local.get 0) (local.get 1)))
  (func $rem_s64 (export "i64.rem_s") (param i64 i64) (result i64) (i64.rem_s (local.get 0) (local.get 1)))
  (func $rem_u64 (export "i64.rem_u") (param i64 i64) (result i64) (i64.rem_u (local.get 0) (local.get 1)))

  ;; constant operands: the divisor is known at compile time
  (func $div_by_const_zero (export "div_by_const_zero") (param i32) (result i32)
    (i32.div_u (local.get 0) (i32.const 0)))
  (func $const_overflow (export "const_overflow") (result i32)
    (i32.div_s (i32.const 0x80000000) (i32.const -1)))
  (func $const_overflow64 (export "const_overflow64") (param i64) (result i64)
    (i64.div_s (local.get 0) (i64.const -1)))

  ;; unreachable two levels deep, taken only when x != 0; otherwise 7
  (func $unreachable_nested (export "unreachable_nested") (param $unused i32) (param $x i32) (result i32)
    (block
      (if (local.get $x)
        (then (unreachable))))
    (i32.const 7))

  ;; outer -> middle -> inner, which divides 100 by x with values live in its callers
  (func $inner (param $x i32) (result i32)
    (i32.div_s (i32.const 100) (local.get $x)))
  (func $middle (param $x i32) (result i32)
    (i32.add (i32.const 1) (call $inner (local.get $x))))
  (func $outer (export "outer") (param $x i32) (result i32)
    (call $nop)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (i32.mul (i32.const 2) (call $middle (local.get $x))))

  ;; sums 1000 / i for i = n down to 0 (inclusive): the last division traps
  (func $countdown (export "countdown") (param $n i32) (result i32) (local $acc i32)
    (loop $l
      (local.set $acc (i32.add (local.get $acc) (i32.div_u (i32.const 1000) (local.get $n))))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br_if $l (i32.ge_s (local.get $n) (i32.const 0))))
    (local.get $acc))

  (func $calls (export "calls") (result i32) (global.get $calls))
)
