;; Globals: defined ones live in the context itself, imported ones are reached through a pointer
;; in it; immutable and mutable, integer and float.
(module
  (import "env" "counter" (global $counter (mut i64)))
  (import "env" "limit" (global $limit i32))
  (global $total (mut i32) (i32.const 0))
  (global $scale (mut f64) (f64.const 1))
  (global $seed i32 (i32.const 42))
  (func $bump (result i64)
    (global.set $counter (i64.add (global.get $counter) (i64.const 1)))
    (global.get $counter))
  (func $add_total (param i32) (result i32)
    (global.set $total (i32.add (global.get $total) (local.get 0)))
    (i32.add (global.get $total) (i32.add (global.get $limit) (global.get $seed))))
  (func $scale (param f64) (result f64)
    (global.set $scale (f64.mul (global.get $scale) (local.get 0)))
    (global.get $scale)))
