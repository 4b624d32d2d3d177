;; Direct calls: arguments go to the caller's outgoing area, the result comes back there; a value
;; live across the call is spilled first.
(module
  (func $callee (param i32 i64) (result i32)
    (i32.add (local.get 0) (i32.wrap_i64 (local.get 1))))
  (func $caller (param i32) (result i32)
    (call $callee (local.get 0) (i64.const 5)))
  (func $value_live_across_call (param i32) (result i32)
    (i32.add (i32.mul (local.get 0) (i32.const 3)) (call $callee (local.get 0) (i64.const 1))))
  (func $recursive (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (i32.add (local.get 0) (call $recursive (i32.sub (local.get 0) (i32.const 1))))))))
