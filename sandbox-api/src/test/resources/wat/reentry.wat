;; Re-entrant host calls (ReentryTest): the issue's "add" that calls back into "square" before
;; it reads its own arguments, and a host <-> Wasm ladder ("down") for deep nesting.
(module $reentry
  (import "env" "add" (func $add (param i32 i32) (result i32)))
  (import "env" "down" (func $down (param i32 i64) (result i64)))
  (import "env" "tick" (func $tick))
  (export "add" (func $add))
  (func (export "square") (param i32) (result i32)
    (i32.mul (local.get 0) (local.get 0)))
  ;; One rung: calls the host with its level and tag, then traps if $trap is 1, else returns
  ;; what the host returned plus 1 (so a wrong result is visible one level up).
  (func (export "rung") (param $level i32) (param $tag i64) (param $trap i32) (result i64)
    (local $result i64)
    (local.set $result (i64.add (call $down (local.get $level) (local.get $tag)) (i64.const 1)))
    (if (i32.eq (local.get $trap) (i32.const 1)) (then unreachable))
    (local.get $result))
  ;; Calls the host forever: the host sets an epoch deadline on every call.
  (func (export "spin_calling_host")
    (loop $again (call $tick) (br $again))))
