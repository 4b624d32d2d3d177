;; Host function imports, for HostFunctionTest.
(module
  (import "env" "add3" (func $add3 (param i32 i32 i32) (result i32)))
  (import "env" "mix" (func $mix (param i64 i32 i64) (result i64 i32)))
  (import "env" "callback" (func $callback (param i32) (result i32)))
  (import "env" "fail" (func $fail (param i32)))

  ;; 2 * add3(a, b, c)
  (func $use_add3 (export "use_add3") (param i32 i32 i32) (result i32)
    (i32.mul (i32.const 2) (call $add3 (local.get 0) (local.get 1) (local.get 2))))

  ;; mix returns (r0, r1); this returns r0 + r1 * 1000
  (func $use_mix (export "use_mix") (param i64 i32 i64) (result i64) (local $r1 i32)
    (call $mix (local.get 0) (local.get 1) (local.get 2))
    (local.set $r1)
    (i64.add (i64.mul (i64.extend_i32_s (local.get $r1)) (i64.const 1000))))

  ;; values computed before the host call stay live across it: 3x + add3(x, 10, 100) + x
  (func $live_across_host (export "live_across_host") (param $x i32) (result i32)
    (i32.add
      (i32.add (i32.mul (local.get $x) (i32.const 3))
               (call $add3 (local.get $x) (i32.const 10) (i32.const 100)))
      (local.get $x)))

  (func $square (export "square") (param i32) (result i32) (i32.mul (local.get 0) (local.get 0)))
  (func $divide (export "divide") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))

  ;; 1000 + callback(x); the test's callback calls back into this instance
  (func $reenter (export "reenter") (param $x i32) (result i32)
    (i32.add (i32.const 1000) (call $callback (local.get $x))))

  ;; calls fail(x), then returns 5 if it returned
  (func $call_fail (export "call_fail") (param i32) (result i32)
    (call $fail (local.get 0))
    (i32.const 5))
)
